-- AlterTable: each queued post carries its lane, its order key and when it was first tried.
ALTER TABLE "outbox_messages" ADD COLUMN "lane" TEXT NOT NULL DEFAULT 'channel',
ADD COLUMN "order_key" TEXT,
ADD COLUMN "first_attempt_at" TIMESTAMPTZ(3);

-- Rows queued before lanes existed get theirs from their kind (src/outbox/outbox-lanes.ts).
UPDATE "outbox_messages" SET "lane" = CASE
  WHEN "kind" IN ('direct_message', 'delivery_alert') THEN 'alerts'
  WHEN "kind" IN ('route_case', 'case_card', 'case_card_refresh', 'case_thread_update', 'letter_message') THEN 'cards'
  WHEN "kind" = 'letter_draft' THEN 'drafts'
  ELSE 'channel' END;
UPDATE "outbox_messages" SET "order_key" = CASE
  WHEN "kind" IN ('route_case', 'case_card', 'case_card_refresh', 'case_thread_update') THEN 'case:' || ("payload" ->> 'caseId')
  WHEN "kind" = 'letter_message' THEN 'letter:' || ("payload" ->> 'letterId')
  WHEN "kind" = 'channel_message' THEN 'channel:' || ("payload" ->> 'channel')
  END;

-- Every writer names the lane from now on.
ALTER TABLE "outbox_messages" ALTER COLUMN "lane" DROP DEFAULT;

-- CreateIndex
CREATE INDEX "outbox_messages_lane_status_next_attempt_at_idx" ON "outbox_messages"("lane", "status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "outbox_messages_order_key_status_idx" ON "outbox_messages"("order_key", "status");
