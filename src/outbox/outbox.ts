// The durable queue of posts made after commit, as the domain and the dispatcher see it (port; the
// Prisma implementation is outbox.repository.ts, whose queueOnce writes posts inside a change's transaction).

/** A post to queue: `dedupeKey` makes it happen once, however often it is queued. */
export interface QueuedPost {
  kind: string;
  dedupeKey: string;
  payload: Record<string, string>;
}

/** A queued post leased to one instance for delivery. */
export interface ClaimedMessage {
  id: bigint;
  kind: string;
  payload: Record<string, string>;
  /** Delivery attempts so far, this one included. */
  attempts: number;
  /** When it was first claimed: the oldest moment a post it made could carry. */
  firstAttemptAt: Date;
}

/** How many posts wait (due or backing off), how many were given up, and how long the oldest has waited. */
export interface OutboxCounts {
  waiting: number;
  /** Pending posts by lane (alerts, cards, drafts, channel). */
  waitingByLane: Record<string, number>;
  failed: number;
  oldestWaitingSeconds: number | null;
}

/** The queue's storage, for delivery, health checks and admins. */
export interface OutboxRepository {
  /**
   * Leases up to `limit` due messages of one lane, oldest first, skipping any whose order key has an
   * older message still pending; several instances can drain the queue without overlap.
   */
  claimDue(lane: string, now: Date, leaseMs: number, limit: number): Promise<ClaimedMessage[]>;
  /** Extends the lease of messages still being delivered (the heartbeat), so only a dead instance's leases lapse. */
  renewLeases(ids: readonly bigint[], until: Date): Promise<void>;
  markSent(id: bigint, now: Date): Promise<void>;
  /** Schedules a retry at `retryAt`, or gives up (status failed) when it is null; `error` holds codes, not content. */
  markFailed(id: bigint, error: string, retryAt: Date | null): Promise<void>;
  counts(now: Date): Promise<OutboxCounts>;
  /** Queues every given-up post again; returns how many. */
  retryFailed(now: Date): Promise<number>;
}
