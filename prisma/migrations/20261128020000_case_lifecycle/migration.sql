-- AlterTable
ALTER TABLE "cases" ADD COLUMN     "acknowledged_at" TIMESTAMPTZ(3),
ADD COLUMN     "closed_at" TIMESTAMPTZ(3),
ADD COLUMN     "escalated_at" TIMESTAMPTZ(3),
ADD COLUMN     "outcome" TEXT,
ADD COLUMN     "resolution_summary" TEXT,
ADD COLUMN     "routing_rule" TEXT,
ADD COLUMN     "team_id" TEXT;

-- CreateTable
CREATE TABLE "case_notes" (
    "id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "author_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "case_notes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "case_tasks" (
    "id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "case_tasks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "routing_rule_sets" (
    "id" SERIAL NOT NULL,
    "document" JSONB NOT NULL,
    "source" TEXT NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "routing_rule_sets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "routing_cursors" (
    "team_id" TEXT NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "routing_cursors_pkey" PRIMARY KEY ("team_id")
);

-- CreateTable
CREATE TABLE "admin_events" (
    "id" BIGSERIAL NOT NULL,
    "type" TEXT NOT NULL,
    "actor_id" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "data" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "admin_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "cases_owner_id_status_idx" ON "cases"("owner_id", "status");

-- CreateIndex
CREATE INDEX "case_notes_case_id_created_at_idx" ON "case_notes"("case_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "case_tasks_case_id_kind_key" ON "case_tasks"("case_id", "kind");

-- CreateIndex
CREATE INDEX "admin_events_at_idx" ON "admin_events"("at");

-- AddForeignKey
ALTER TABLE "case_notes" ADD CONSTRAINT "case_notes_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_tasks" ADD CONSTRAINT "case_tasks_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The admin audit trail is append-only, like case_events.
CREATE TRIGGER "admin_events_no_update_delete" BEFORE UPDATE OR DELETE ON "admin_events"
    FOR EACH ROW EXECUTE FUNCTION "case_events_append_only"();

CREATE TRIGGER "admin_events_no_truncate" BEFORE TRUNCATE ON "admin_events"
    FOR EACH STATEMENT EXECUTE FUNCTION "case_events_append_only"();

-- Name the table in the refusal now that two tables share the guard.
CREATE OR REPLACE FUNCTION "case_events_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP;
END;
$$;
