import type { OutboxHandlers } from "./outbox-handlers.ts";
import type { QueuedPost } from "./outbox.ts";

// When a post is given up for good (Slack refused it for what it is), the people who can act are
// told privately: the case's filer and the managers. They get the case number, what was not
// posted and Slack's reason; never patient data, which no outbox payload carries.

export const DELIVERY_ALERT_OUTBOX = "delivery_alert";

/** The case a queued post belongs to, as the alert names it. */
export interface AlertSubject {
  caseNumber: string;
  filedBy: string;
  /** Where the case's card is (or was to be) posted. */
  channelId: string | null;
}

export interface DeliveryAlertDeps {
  /** The case a payload is about (by caseId or letterId), if any. */
  subjectOf(payload: Record<string, string>): Promise<AlertSubject | null>;
  /** Managers and admins. */
  approvers(): Promise<string[]>;
  enqueue(posts: readonly QueuedPost[]): Promise<number>;
}

/** What went wrong with one post: `key` makes each alert go out once per recipient. */
export interface Undelivered {
  key: string;
  kind: string;
  payload: Record<string, string>;
  reason: string;
  /** A plain-text stand-in was posted instead (a case card Slack refused). */
  fellBack?: boolean;
}

export function createDeliveryAlerts(deps: DeliveryAlertDeps) {
  return {
    /** Queues a private alert to the filer and every manager; alerts about alerts are not sent. */
    async report(undelivered: Undelivered): Promise<number> {
      if (undelivered.kind === DELIVERY_ALERT_OUTBOX) return 0;
      const subject = await deps.subjectOf(undelivered.payload);
      const recipients = [...new Set([...(subject ? [subject.filedBy] : []), ...(await deps.approvers())])];
      const channelId = undelivered.payload.channel ?? subject?.channelId ?? "";
      return deps.enqueue(
        recipients.map((recipientId) => ({
          kind: DELIVERY_ALERT_OUTBOX,
          dedupeKey: `delivery-alert:${undelivered.key}:${recipientId}`,
          payload: {
            recipientId,
            what: undelivered.kind,
            reason: undelivered.reason,
            channelId,
            caseNumber: subject?.caseNumber ?? "",
            fellBack: undelivered.fellBack ? "yes" : "",
          },
        })),
      );
    },
  };
}

export type DeliveryAlerts = ReturnType<typeof createDeliveryAlerts>;

/** What an alert says: the case, what was not posted and where, Slack's reason; ids and codes only. */
export interface DeliveryAlert {
  recipientId: string;
  what: string;
  reason: string;
  channelId: string;
  caseNumber: string;
  fellBack: string;
}

export function deliveryAlertHandlers(send: (alert: DeliveryAlert) => Promise<void>): OutboxHandlers {
  return {
    [DELIVERY_ALERT_OUTBOX]: async (payload) => {
      if (payload.recipientId) await send(payload as unknown as DeliveryAlert);
    },
  };
}
