-- AlterTable: the date an interim letter version promises the written response, fixed when drafted
ALTER TABLE "letter_versions" ADD COLUMN "promised_response_at" TIMESTAMPTZ(3);
