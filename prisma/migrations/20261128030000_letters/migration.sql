-- CreateTable
CREATE TABLE "letters" (
    "id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'drafting',
    "requested_by" TEXT NOT NULL,
    "request_key" TEXT NOT NULL,
    "current_version" INTEGER NOT NULL DEFAULT 0,
    "thread_channel_id" TEXT,
    "thread_ts" TEXT,
    "approved_version" INTEGER,
    "approved_by" TEXT,
    "approved_at" TIMESTAMPTZ(3),
    "approved_hash" TEXT,
    "override_reason" TEXT,
    "rejected_by" TEXT,
    "rejected_reason" TEXT,
    "sent_at" TIMESTAMPTZ(3),
    "sent_by" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "letters_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "letter_versions" (
    "id" UUID NOT NULL,
    "letter_id" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "author_id" TEXT NOT NULL,
    "instruction" TEXT,
    "model" TEXT,
    "prompt_id" TEXT,
    "prompt_version" TEXT,
    "prompt_hash" TEXT,
    "input_tokens" INTEGER,
    "output_tokens" INTEGER,
    "latency_ms" INTEGER,
    "fallback_reason" TEXT,
    "checks" JSONB NOT NULL,
    "issues" JSONB NOT NULL DEFAULT '[]',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "letter_versions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "letters_request_key_key" ON "letters"("request_key");

-- CreateIndex
CREATE INDEX "letters_case_id_created_at_idx" ON "letters"("case_id", "created_at");

-- CreateIndex
CREATE INDEX "letters_status_updated_at_idx" ON "letters"("status", "updated_at");

-- CreateIndex
CREATE UNIQUE INDEX "letter_versions_letter_id_number_key" ON "letter_versions"("letter_id", "number");

-- AddForeignKey
ALTER TABLE "letters" ADD CONSTRAINT "letters_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "letter_versions" ADD CONSTRAINT "letter_versions_letter_id_fkey" FOREIGN KEY ("letter_id") REFERENCES "letters"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
