import { routeOf } from "../../src/outbox/outbox-lanes.ts";
import type { ClaimedMessage } from "../../src/outbox/outbox.ts";
import type { OutboxQueue } from "../../src/outbox/outbox.dispatcher.ts";

// The outbox table in memory, with the Prisma repository's claim rules: one lane at a time, due
// and unleased rows only, oldest first, and a row waits while an older pending row has its order key.

export interface MemoryRow {
  id: bigint;
  kind: string;
  lane: string;
  orderKey: string | null;
  payload: Record<string, string>;
  status: "pending" | "sent" | "failed";
  attempts: number;
  nextAttemptAt: number;
  lockedUntil: number | null;
  firstAttemptAt: number | null;
  lastError: string | null;
}

export function createMemoryOutbox() {
  const rows: MemoryRow[] = [];
  const renewals: { ids: bigint[]; until: Date }[] = [];
  let nextId = 1n;
  const queue: OutboxQueue = {
    async claimDue(lane, now, leaseMs, limit) {
      const at = now.getTime();
      const pending = rows.filter((row) => row.status === "pending");
      const due = pending.filter(
        (row) =>
          row.lane === lane &&
          row.nextAttemptAt <= at &&
          (row.lockedUntil === null || row.lockedUntil < at) &&
          (row.orderKey === null || !pending.some((older) => older.lane === lane && older.orderKey === row.orderKey && older.id < row.id)),
      );
      return due.slice(0, limit).map((row): ClaimedMessage => {
        row.lockedUntil = at + leaseMs;
        row.attempts += 1;
        row.firstAttemptAt ??= at;
        return { id: row.id, kind: row.kind, payload: row.payload, attempts: row.attempts, firstAttemptAt: new Date(row.firstAttemptAt) };
      });
    },
    async renewLeases(ids, until) {
      renewals.push({ ids: [...ids], until });
      for (const row of rows) if (ids.includes(row.id) && row.status === "pending") row.lockedUntil = until.getTime();
    },
    async markSent(id) {
      const row = rows.find((candidate) => candidate.id === id)!;
      Object.assign(row, { status: "sent", lockedUntil: null, lastError: null });
    },
    async markFailed(id, error, retryAt) {
      const row = rows.find((candidate) => candidate.id === id)!;
      Object.assign(row, retryAt ? { lastError: error, nextAttemptAt: retryAt.getTime(), lockedUntil: null } : { lastError: error, status: "failed", lockedUntil: null });
    },
  };
  return {
    queue,
    rows,
    renewals,
    /** Queues a message as queueOnce does: its lane and order key from the kind table. */
    add(kind: string, payload: Record<string, string> = {}, at = 0): MemoryRow {
      const row: MemoryRow = { id: nextId++, kind, payload, status: "pending", attempts: 0, nextAttemptAt: at, lockedUntil: null, firstAttemptAt: null, lastError: null, ...routeOf(kind, payload) };
      rows.push(row);
      return row;
    },
    row: (id: bigint) => rows.find((row) => row.id === id)!,
  };
}
