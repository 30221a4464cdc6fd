-- AlterTable: who reviewed the translation of a letter not in English before it was approved (a Slack user, or an outside reviewer's name and qualification)
ALTER TABLE "letters" ADD COLUMN "translation_reviewed_by" TEXT;
ALTER TABLE "letters" ADD COLUMN "translation_reviewer" TEXT;

-- AlterTable: the language each letter version was written and checked in ("en", "es", "zh")
ALTER TABLE "letter_versions" ADD COLUMN "language" TEXT NOT NULL DEFAULT 'en';
