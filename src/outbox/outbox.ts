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
}

/** How many posts wait (due or backing off), how many were given up, and how long the oldest has waited. */
export interface OutboxCounts {
  waiting: number;
  failed: number;
  oldestWaitingSeconds: number | null;
}

/** The queue's storage, for delivery, health checks and admins. */
export interface OutboxRepository {
  /** Leases up to `limit` due messages, oldest first; several instances can drain the queue without overlap. */
  claimDue(now: Date, leaseMs: number, limit: number): Promise<ClaimedMessage[]>;
  markSent(id: bigint, now: Date): Promise<void>;
  /** Schedules a retry at `retryAt`, or gives up (status failed) when it is null; `error` holds codes, not content. */
  markFailed(id: bigint, error: string, retryAt: Date | null): Promise<void>;
  counts(now: Date): Promise<OutboxCounts>;
  /** Queues every given-up post again; returns how many. */
  retryFailed(now: Date): Promise<number>;
}
