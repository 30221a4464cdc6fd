-- AlterTable: the case filed from a survey comment ("File as a case"), so a comment is filed once
ALTER TABLE "survey_comments" ADD COLUMN "case_id" UUID;

-- CreateIndex
CREATE INDEX "survey_comments_case_id_idx" ON "survey_comments"("case_id");

-- AddForeignKey
ALTER TABLE "survey_comments" ADD CONSTRAINT "survey_comments_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AlterTable: the survey comment a journaled intake was filled in from, linked when it is filed
ALTER TABLE "intake_submissions" ADD COLUMN "survey_comment_id" UUID;
