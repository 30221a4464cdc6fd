-- CreateTable: survey and feedback comments imported from CSV (text and identity are patient data)
CREATE TABLE "survey_comments" (
    "id" UUID NOT NULL,
    "row_id" TEXT NOT NULL,
    "comment_date" DATE NOT NULL,
    "unit" TEXT NOT NULL,
    "score" INTEGER,
    "text" TEXT NOT NULL,
    "patient_name" TEXT,
    "patient_contact" TEXT,
    "contact_requested" BOOLEAN NOT NULL,
    "category" TEXT NOT NULL,
    "screening" TEXT NOT NULL,
    "screening_rule" TEXT NOT NULL,
    "imported_by" TEXT NOT NULL,
    "imported_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "survey_comments_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "survey_comments_row_id_key" ON "survey_comments"("row_id");

-- CreateIndex
CREATE INDEX "survey_comments_comment_date_idx" ON "survey_comments"("comment_date");

-- CreateIndex
CREATE INDEX "survey_comments_screening_comment_date_idx" ON "survey_comments"("screening", "comment_date");
