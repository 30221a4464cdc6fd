import type { OutboxEntry } from "./case.ts";

// What a change tells people, as data: the Slack layer words and renders it at delivery time.
// Payloads carry ids and codes only, never patient details (minimum necessary).

export const OUTBOX_KINDS = {
  caseCard: "case_card",
  caseCardRefresh: "case_card_refresh",
  threadUpdate: "case_thread_update",
  directMessage: "direct_message",
  /** The guidance cards that fit a case, named in its thread for the new owner (src/guidance/guidance-outbox.ts). */
  caseGuidance: "case_guidance",
} as const;

export type UpdateKind =
  | "routed"
  | "assigned"
  | "reassigned"
  | "status_changed"
  | "note_added"
  | "escalated"
  | "closed"
  | "reopened"
  | "reclassified"
  | "alert_harm_or_critical"
  | "qio_referral"
  | "reminder"
  | "letter_awaiting_approval";

/** A case update as data: the kind plus the ids and codes that fill its sentence. */
export type CaseUpdatePayload = { caseId: string; kind: UpdateKind } & Record<string, string>;

/** Card refresh + a short line in the case thread, keyed to the audit event so each posts once. */
export function announceInThread(eventId: string, update: CaseUpdatePayload): OutboxEntry[] {
  const entries: OutboxEntry[] = [
    { kind: OUTBOX_KINDS.caseCardRefresh, dedupeKey: `card-refresh:${update.caseId}:${eventId}`, payload: { caseId: update.caseId } },
    { kind: OUTBOX_KINDS.threadUpdate, dedupeKey: `thread:${eventId}`, payload: update },
  ];
  // A new owner is shown the guidance that fits the case, without asking.
  if (OWNER_CHANGES.includes(update.kind) && update.ownerId) {
    entries.push({ kind: OUTBOX_KINDS.caseGuidance, dedupeKey: `guidance:${eventId}`, payload: { caseId: update.caseId, ownerId: update.ownerId } });
  }
  return entries;
}

const OWNER_CHANGES: readonly UpdateKind[] = ["routed", "assigned", "reassigned"];

/** A direct message to each user, once per event and user. */
export function directMessages(eventId: string, userIds: readonly string[], update: CaseUpdatePayload): OutboxEntry[] {
  return [...new Set(userIds)].map((userId) => ({
    kind: OUTBOX_KINDS.directMessage,
    dedupeKey: `dm:${eventId}:${userId}`,
    payload: { ...update, recipientId: userId },
  }));
}
