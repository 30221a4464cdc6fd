-- CreateTable: versions of the guidance cards and the community-resource directory
CREATE TABLE "settings_documents" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "document" JSONB NOT NULL,
    "source" TEXT NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "settings_documents_pkey" PRIMARY KEY ("id")
);

-- CreateTable: community resources offered to a patient on a case
CREATE TABLE "resource_offers" (
    "id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "resource_id" TEXT NOT NULL,
    "resource_name" TEXT NOT NULL,
    "tags" TEXT[],
    "offered_by" TEXT NOT NULL,
    "offered_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "resource_offers_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "settings_documents_kind_id_idx" ON "settings_documents"("kind", "id");

-- CreateIndex
CREATE INDEX "resource_offers_offered_at_idx" ON "resource_offers"("offered_at");

-- CreateIndex
CREATE INDEX "resource_offers_case_id_idx" ON "resource_offers"("case_id");

-- AddForeignKey
ALTER TABLE "resource_offers" ADD CONSTRAINT "resource_offers_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
