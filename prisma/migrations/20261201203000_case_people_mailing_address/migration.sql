-- AlterTable: the postal address the response letter is mailed to (optional; patient data, never logged)
ALTER TABLE "case_people" ADD COLUMN "mailing_address" TEXT;
