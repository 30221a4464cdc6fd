-- CreateTable
CREATE TABLE "cases" (
    "id" UUID NOT NULL,
    "number" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "sequence" INTEGER NOT NULL,
    "intake_key" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'new',
    "type" TEXT NOT NULL,
    "classification_rule" TEXT NOT NULL,
    "classification_overridden" BOOLEAN NOT NULL DEFAULT false,
    "category" TEXT NOT NULL,
    "department" TEXT NOT NULL,
    "severity" INTEGER NOT NULL,
    "received_via" TEXT NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL,
    "description" TEXT NOT NULL,
    "desired_outcome" TEXT NOT NULL,
    "resolved_on_spot" BOOLEAN NOT NULL,
    "written_response_requested" BOOLEAN NOT NULL,
    "medicare_beneficiary" BOOLEAN NOT NULL,
    "alleges_harm" BOOLEAN NOT NULL,
    "acknowledge_due_at" TIMESTAMPTZ(3),
    "response_due_at" TIMESTAMPTZ(3),
    "owner_id" TEXT,
    "filed_by" TEXT NOT NULL,
    "source_channel_id" TEXT,
    "source_message_ts" TEXT,
    "card_channel_id" TEXT,
    "card_message_ts" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "cases_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "case_people" (
    "id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "role" TEXT NOT NULL,
    "relationship" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "phone" TEXT,
    "email" TEXT,
    "preferred_language" TEXT,

    CONSTRAINT "case_people_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "case_events" (
    "id" BIGSERIAL NOT NULL,
    "case_id" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "actor_id" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "data" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "case_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "case_counters" (
    "year" INTEGER NOT NULL,
    "last" INTEGER NOT NULL,

    CONSTRAINT "case_counters_pkey" PRIMARY KEY ("year")
);

-- CreateTable
CREATE TABLE "outbox_messages" (
    "id" BIGSERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "dedupe_key" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "locked_until" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(3),

    CONSTRAINT "outbox_messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "user_roles" (
    "slack_user_id" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "granted_by" TEXT NOT NULL,
    "granted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "user_roles_pkey" PRIMARY KEY ("slack_user_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "cases_number_key" ON "cases"("number");

-- CreateIndex
CREATE UNIQUE INDEX "cases_intake_key_key" ON "cases"("intake_key");

-- CreateIndex
CREATE INDEX "cases_status_response_due_at_idx" ON "cases"("status", "response_due_at");

-- CreateIndex
CREATE INDEX "cases_received_at_idx" ON "cases"("received_at");

-- CreateIndex
CREATE UNIQUE INDEX "cases_year_sequence_key" ON "cases"("year", "sequence");

-- CreateIndex
CREATE UNIQUE INDEX "case_people_case_id_role_key" ON "case_people"("case_id", "role");

-- CreateIndex
CREATE INDEX "case_events_case_id_at_idx" ON "case_events"("case_id", "at");

-- CreateIndex
CREATE UNIQUE INDEX "outbox_messages_dedupe_key_key" ON "outbox_messages"("dedupe_key");

-- CreateIndex
CREATE INDEX "outbox_messages_status_next_attempt_at_idx" ON "outbox_messages"("status", "next_attempt_at");

-- AddForeignKey
ALTER TABLE "case_people" ADD CONSTRAINT "case_people_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The audit trail is append-only (HIPAA audit controls): refuse every UPDATE, DELETE and TRUNCATE.
CREATE FUNCTION "case_events_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'case_events is append-only: % is not allowed', TG_OP;
END;
$$;

CREATE TRIGGER "case_events_no_update_delete" BEFORE UPDATE OR DELETE ON "case_events"
    FOR EACH ROW EXECUTE FUNCTION "case_events_append_only"();

CREATE TRIGGER "case_events_no_truncate" BEFORE TRUNCATE ON "case_events"
    FOR EACH STATEMENT EXECUTE FUNCTION "case_events_append_only"();
