import { OUTBOX_KINDS } from "../cases/case-updates.ts";
import { LETTER_OUTBOX } from "../letters/letter-outbox.ts";
import { ROUTING_OUTBOX } from "../routing/routing-outbox.ts";
import { SURVEY_OUTBOX } from "../surveys/survey-outbox.ts";
import { CHANNEL_MESSAGE_OUTBOX } from "./channel-message.ts";
import { DELIVERY_ALERT_OUTBOX } from "./delivery-alerts.ts";

// The outbox delivers in lanes so one slow or failing kind of work never holds up another: a hung
// model call keeps a draft slot busy, not an alert's. Each row stores its lane (written with the
// row, from this table) so each lane claims only its own rows, on every instance.

/** The lanes, each with how many of its messages one instance delivers at once. */
export const OUTBOX_LANES = {
  /** Direct messages (harm or critical alerts, assignments, reminders' breach DMs, survey candidates' offers) and delivery alerts. */
  alerts: { concurrency: 4 },
  /** Routing, case cards and their refreshes, thread lines, letter thread messages: per case, in order. */
  cards: { concurrency: 4 },
  /** Letter drafts: a model call each, the slowest work there is. */
  drafts: { concurrency: 3 },
  /** Digests and other rendered channel messages: per channel, in order. */
  channel: { concurrency: 2 },
} as const;

export type OutboxLane = keyof typeof OUTBOX_LANES;

export const LANE_NAMES = Object.keys(OUTBOX_LANES) as OutboxLane[];

type Payload = Record<string, string>;

/**
 * Every kind's lane and, where order matters, what it is ordered by: a message waits while an older
 * one with the same order key in its lane is still pending (route before card, a card before its
 * thread lines, digest parts in order); other keys go past it.
 */
export const OUTBOX_KIND_LANES: Record<string, { lane: OutboxLane; orderBy?: (payload: Payload) => string | undefined }> = {
  [OUTBOX_KINDS.directMessage]: { lane: "alerts" },
  [DELIVERY_ALERT_OUTBOX]: { lane: "alerts" },
  [SURVEY_OUTBOX.offer]: { lane: "alerts" },
  [ROUTING_OUTBOX.routeCase]: { lane: "cards", orderBy: (payload) => payload.caseId && `case:${payload.caseId}` },
  [OUTBOX_KINDS.caseCard]: { lane: "cards", orderBy: (payload) => payload.caseId && `case:${payload.caseId}` },
  [OUTBOX_KINDS.caseCardRefresh]: { lane: "cards", orderBy: (payload) => payload.caseId && `case:${payload.caseId}` },
  [OUTBOX_KINDS.threadUpdate]: { lane: "cards", orderBy: (payload) => payload.caseId && `case:${payload.caseId}` },
  [OUTBOX_KINDS.caseGuidance]: { lane: "cards", orderBy: (payload) => payload.caseId && `case:${payload.caseId}` },
  [LETTER_OUTBOX.message]: { lane: "cards", orderBy: (payload) => payload.letterId && `letter:${payload.letterId}` },
  [LETTER_OUTBOX.draft]: { lane: "drafts" },
  [CHANNEL_MESSAGE_OUTBOX]: { lane: "channel", orderBy: (payload) => payload.channel && `channel:${payload.channel}` },
};

/** The lane of a kind; a kind missing from the table goes with channel messages (a test keeps the table complete). */
export function laneOf(kind: string): OutboxLane {
  return OUTBOX_KIND_LANES[kind]?.lane ?? "channel";
}

/** The lane and order key a queued post is stored with. */
export function routeOf(kind: string, payload: Payload): { lane: OutboxLane; orderKey: string | null } {
  const entry = OUTBOX_KIND_LANES[kind];
  return { lane: entry?.lane ?? "channel", orderKey: entry?.orderBy?.(payload) || null };
}
