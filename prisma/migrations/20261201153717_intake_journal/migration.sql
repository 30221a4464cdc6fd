-- CreateTable
CREATE TABLE "intake_submissions" (
    "intake_key" TEXT NOT NULL,
    "intake" JSONB NOT NULL,
    "filed_by" TEXT NOT NULL,
    "source_channel_id" TEXT,
    "source_message_ts" TEXT,
    "view_id" TEXT,
    "origin_channel_id" TEXT,
    "submitted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimed_until" TIMESTAMPTZ(3) NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "intake_submissions_pkey" PRIMARY KEY ("intake_key")
);

-- CreateIndex
CREATE INDEX "intake_submissions_claimed_until_idx" ON "intake_submissions"("claimed_until");
