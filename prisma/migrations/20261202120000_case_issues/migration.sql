-- AlterTable: the issues the patient raised, [{ "id", "text" }] in order (patient data, never logged)
ALTER TABLE "cases" ADD COLUMN "issues" JSONB NOT NULL DEFAULT '[]';

-- AlterTable: the issue an investigation step or result is about (an id in cases.issues), when it is about one
ALTER TABLE "case_notes" ADD COLUMN "issue_id" TEXT;
