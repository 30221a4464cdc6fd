import type { CaseDetails, CaseSummary } from "../../src/cases/case.ts";
import type { Letter, LetterVersion } from "../../src/letters/letter.ts";
import type { QueuedPost } from "../../src/outbox/outbox.ts";
import type { Role } from "../../src/users/roles.ts";

// The tables the in-memory repositories share, as the Prisma ones share one database: a case's
// audit trail holds the letter events too, and every repository queues into the same outbox.
// Each repository method does its check and its writes in one synchronous step, so it is atomic
// as a transaction is; `holdWrites` lines up simultaneous requests to show which one wins.

/** A case as stored: its summary, its protected details, and the columns neither shows. */
export interface StoredCase {
  summary: CaseSummary;
  details: Omit<CaseDetails, "summary" | "notes">;
  intakeKey: string;
  acknowledgedAt: Date | null;
  updatedAt: Date;
}

export interface StoredEvent {
  id: number;
  caseId: string;
  type: string;
  actorId: string;
  data: Record<string, string>;
  createdAt: Date;
}

export interface StoredNote {
  caseId: string;
  kind: string;
  body: string;
  issueId?: string | null;
  authorId: string;
  createdAt: Date;
}

export interface StoredLetter extends Letter {
  requestKey: string;
  updatedAt: Date;
}

export interface AdminEvent {
  type: string;
  actorId: string;
  data: Record<string, string>;
}

/** A pause in front of every write, for races: `arrived(n)` resolves once n writes wait, `release` lets them through in arrival order. */
export interface WriteGate {
  arrived(count: number): Promise<void>;
  release(): void;
}

export interface MemoryDatabase {
  cases: Map<string, StoredCase>;
  counters: Map<number, number>;
  events: StoredEvent[];
  notes: StoredNote[];
  letters: Map<string, StoredLetter>;
  versions: LetterVersion[];
  roles: Map<string, Role>;
  adminEvents: AdminEvent[];
  /** Every post queued, once per dedupe key, in the order queued. */
  outbox: QueuedPost[];
  now(): Date;
  /** Queues posts; one whose key is already queued is left as it is (as queueOnce does). Returns how many were new. */
  queueOnce(posts: readonly QueuedPost[]): number;
  addEvent(caseId: string, type: string, actorId: string, data?: Record<string, string>): StoredEvent;
  /** Resolves when a write may go ahead (at once, unless writes are held). */
  beforeWrite(): Promise<void>;
  holdWrites(): WriteGate;
  /** The types of a case's audit events, oldest first. */
  eventTypes(caseId: string): string[];
}

/** An empty database; `now` stamps what the database would (created and updated times). */
export function createMemoryDatabase(now: () => Date = () => new Date()): MemoryDatabase {
  let nextEventId = 1;
  let gate: { waiting: (() => void)[]; listeners: (() => void)[] } | null = null;

  const db: MemoryDatabase = {
    cases: new Map(),
    counters: new Map(),
    events: [],
    notes: [],
    letters: new Map(),
    versions: [],
    roles: new Map(),
    adminEvents: [],
    outbox: [],
    now,

    queueOnce(posts) {
      let added = 0;
      for (const post of posts) {
        if (db.outbox.some((queued) => queued.dedupeKey === post.dedupeKey)) continue;
        db.outbox.push(structuredClone(post));
        added += 1;
      }
      return added;
    },

    addEvent(caseId, type, actorId, data = {}) {
      const event = { id: nextEventId++, caseId, type, actorId, data: { ...data }, createdAt: now() };
      db.events.push(event);
      return event;
    },

    beforeWrite() {
      const held = gate;
      if (!held) return Promise.resolve();
      return new Promise<void>((resolve) => {
        held.waiting.push(resolve);
        for (const listener of held.listeners) listener();
      });
    },

    holdWrites() {
      const held = { waiting: [] as (() => void)[], listeners: [] as (() => void)[] };
      gate = held;
      return {
        arrived(count) {
          return new Promise<void>((resolve) => {
            const check = () => {
              if (held.waiting.length >= count) resolve();
            };
            held.listeners.push(check);
            check();
          });
        },
        release() {
          if (gate === held) gate = null;
          for (const resolve of held.waiting.splice(0)) resolve();
        },
      };
    },

    eventTypes(caseId) {
      return db.events.filter((event) => event.caseId === caseId).map((event) => event.type);
    },
  };
  return db;
}
