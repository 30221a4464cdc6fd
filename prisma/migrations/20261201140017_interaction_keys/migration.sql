-- CreateTable
CREATE TABLE "interaction_keys" (
    "key" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMPTZ(3),
    "response" JSONB,

    CONSTRAINT "interaction_keys_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "interaction_keys_created_at_idx" ON "interaction_keys"("created_at");
