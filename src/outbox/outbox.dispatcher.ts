import type { Clock } from "../lib/clock.ts";
import { errorSummary } from "../lib/errors.ts";
import type { Logger } from "../lib/logger.ts";
import { withDelivery } from "./delivery-context.ts";
import type { OutboxHandlers } from "./outbox-handlers.ts";
import { OUTBOX_LANES } from "./outbox-lanes.ts";
import type { ClaimedMessage, OutboxRepository } from "./outbox.ts";

/** The part of the outbox repository delivery needs. */
export type OutboxQueue = Pick<OutboxRepository, "claimDue" | "renewLeases" | "markSent" | "markFailed">;

export interface OutboxDispatcherOptions {
  outbox: OutboxQueue;
  handlers: OutboxHandlers;
  clock: Clock;
  logger: Logger;
  /** Lanes and how many of each lane's messages are delivered at once (default OUTBOX_LANES). */
  lanes?: Record<string, { concurrency: number }>;
  maxAttempts?: number;
  /** How long a claimed message stays reserved without a heartbeat (default 15 s). */
  leaseMs?: number;
  /** How often the leases of messages in hand are renewed (default a third of the lease). */
  heartbeatMs?: number;
  /** How often each lane looks for due messages when nobody kicks it (retries, crash recovery). */
  pollMs?: number;
  /** Why retrying `error` cannot help (e.g. Slack refused the layout), or null to retry. */
  finalFailure?: (error: unknown) => string | null;
  /** How long the service asked us to wait before calling again (a rate limit's Retry-After), if it did. */
  retryAfterMs?: (error: unknown) => number | null;
  /** The message waits on another lane's (a DM on its case's card): its first QUICK_RETRIES attempts are a fraction of a second apart, then it backs off. */
  waitsOnAnother?: (error: unknown) => boolean;
  /** Told once a message is given up for good, so a person hears of it. */
  onGaveUp?: (message: ClaimedMessage, reason: string) => Promise<void>;
  /** Uniform in [0, 1): the backoff's jitter (injected by tests). */
  random?: () => number;
}

/**
 * Attempts of a message that waits on another lane's (a DM or thread line on its case's card) made
 * a fraction of a second apart, about two seconds in all, before it backs off like any failure.
 */
export const QUICK_RETRIES = 10;

/** Retry delays by attempt, before jitter; the last repeats. */
export const BACKOFF_MS = [1_000, 5_000, 15_000, 60_000, 300_000, 600_000];

/** The delay before retry `attempts` + 1: the step's half plus a random part of the other half, so failures spread out. */
export function backoffMs(attempts: number, random: () => number, retryAfterMs: number | null = null): number {
  const base = BACKOFF_MS[Math.min(Math.max(attempts, 1) - 1, BACKOFF_MS.length - 1)]!;
  const jittered = Math.round(base / 2 + (random() * base) / 2);
  return retryAfterMs === null ? jittered : Math.max(retryAfterMs, jittered);
}

/**
 * Delivers queued posts after commit, in lanes: each lane claims only its own rows and delivers up
 * to its concurrency at once, so a slow model or a hung call holds one slot of one lane. A message
 * that fails is given a backoff (with jitter) and the messages behind it go; one held by the lane's
 * order key waits for the older one. While a message is in hand its lease is renewed, so a lease
 * lapses only when its instance died, and another instance (or the restarted one) resumes it within
 * a lease and a poll.
 */
export function createOutboxDispatcher(options: OutboxDispatcherOptions) {
  const {
    outbox,
    handlers,
    clock,
    logger,
    lanes: laneSettings = OUTBOX_LANES,
    maxAttempts = 8,
    leaseMs = 15_000,
    pollMs = 2_000,
    finalFailure = () => null,
    retryAfterMs = () => null,
    waitsOnAnother = () => false,
    onGaveUp,
    random = Math.random,
  } = options;
  const heartbeatMs = options.heartbeatMs ?? Math.max(250, Math.floor(leaseMs / 3));
  // A post that might still go through is never given up: losing a card, a route or a draft would
  // break its case for good; after maxAttempts its failures are logged as errors. One that cannot
  // (Slack refused it for what it is) is marked failed at once and a person is told.
  let timer: NodeJS.Timeout | null = null;
  let heartbeat: NodeJS.Timeout | null = null;
  // Set by stop(): lanes finish the messages in hand and leave the rest queued for the next start.
  let stopping = false;
  /** Messages claimed or finished, over all lanes: kick() repeats until a round does nothing. */
  let activity = 0;

  const inHand = new Map<bigint, Promise<void>>();

  function renewLeases(): void {
    if (inHand.size === 0) {
      if (heartbeat) clearInterval(heartbeat);
      heartbeat = null;
      return;
    }
    outbox.renewLeases([...inHand.keys()], new Date(clock.now().getTime() + leaseMs)).catch((error: unknown) =>
      logger.warn({ error: errorSummary(error), inHand: inHand.size }, "could not renew outbox leases"),
    );
  }

  function holding(id: bigint, delivery: Promise<void>): void {
    inHand.set(id, delivery);
    if (!heartbeat) {
      heartbeat = setInterval(renewLeases, heartbeatMs);
      heartbeat.unref();
    }
  }

  function createLane(name: string, concurrency: number) {
    const running = new Set<bigint>();
    let pumping: Promise<void> | null = null;
    let again = false;
    let pausedUntil = 0;
    let idleWaiters: (() => void)[] = [];

    async function deliver(message: ClaimedMessage): Promise<void> {
      const handler = handlers[message.kind];
      const log = { outboxId: String(message.id), kind: message.kind, lane: name, attempts: message.attempts };
      try {
        if (!handler) throw new Error(`no handler for outbox kind ${message.kind}`);
        // An attempt after the first may follow one that posted and lost its answer: the Slack
        // adapter looks for its tagged post before posting again (src/slack/outbox-client.ts).
        await withDelivery({ outboxId: message.id, firstAttemptAt: message.firstAttemptAt ?? clock.now(), mayHavePosted: message.attempts > 1, attempt: message.attempts }, () =>
          handler(message.payload),
        );
        await outbox.markSent(message.id, clock.now());
      } catch (error) {
        const summary = errorSummary(error);
        const final = finalFailure(error);
        try {
          if (final) {
            logger.error({ ...log, error: summary, refusal: final }, "outbox delivery refused; given up");
            await outbox.markFailed(message.id, final, null);
            await onGaveUp?.(message, final).catch((alertError: unknown) =>
              logger.error({ outboxId: String(message.id), error: errorSummary(alertError) }, "could not tell anyone of a refused delivery"),
            );
            return;
          }
          // Only for its first few attempts: a card given up for good must not make its thread lines spin.
          if (waitsOnAnother(error) && message.attempts <= QUICK_RETRIES) {
            logger.info({ ...log, error: summary }, "outbox delivery waits on another message; trying again shortly");
            const soon = 150 + Math.round(random() * 150);
            await outbox.markFailed(message.id, [summary.name, summary.code].filter(Boolean).join(":"), new Date(clock.now().getTime() + soon));
            wakeIn(soon);
            return;
          }
          const wait = retryAfterMs(error);
          // A rate limit applies to the lane's next calls too: it rests instead of collecting refusals.
          if (wait !== null) pausedUntil = Math.max(pausedUntil, clock.now().getTime() + wait);
          const delay = backoffMs(message.attempts, random, wait);
          logger[message.attempts >= maxAttempts ? "error" : "warn"]({ ...log, error: summary, retryInMs: delay }, "outbox delivery failed; will retry");
          await outbox.markFailed(message.id, [summary.name, summary.code].filter(Boolean).join(":"), new Date(clock.now().getTime() + delay));
          wakeIn(delay);
        } catch (bookkeeping) {
          // The lease lapses and the message is tried again; its post, if any, is found then.
          logger.error({ ...log, error: errorSummary(bookkeeping) }, "could not record an outbox delivery's failure");
        }
      }
    }

    /** A retry due before the next poll wakes the lane itself. */
    function wakeIn(ms: number): void {
      if (stopping || ms >= pollMs) return;
      setTimeout(pump, ms + 5).unref();
    }

    async function claimWhileRoom(): Promise<void> {
      while (!stopping && running.size < concurrency && clock.now().getTime() >= pausedUntil) {
        let batch: ClaimedMessage[];
        try {
          batch = await outbox.claimDue(name, clock.now(), leaseMs, concurrency - running.size);
        } catch (error) {
          logger.error({ lane: name, error: errorSummary(error) }, "outbox claim failed");
          return;
        }
        if (batch.length === 0) return;
        for (const message of batch) {
          activity += 1;
          running.add(message.id);
          const delivery = deliver(message).finally(() => {
            running.delete(message.id);
            inHand.delete(message.id);
            activity += 1;
            // A delivery may queue work in another lane (routing queues DMs and a card): lanes
            // with room look at once instead of at their next poll; full lanes skip the query.
            pumpAll();
          });
          holding(message.id, delivery);
        }
      }
    }

    function settle(): void {
      if (pumping || running.size > 0) return;
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const resolve of waiters) resolve();
    }

    /** Claims into free slots; calls during a claim make it claim again once it is done. */
    function pump(): void {
      if (pumping) {
        again = true;
        return;
      }
      pumping = (async () => {
        do {
          again = false;
          await claimWhileRoom();
        } while (again && !stopping);
      })().finally(() => {
        pumping = null;
        settle();
      });
    }

    return {
      name,
      pump,
      /** Claims what is due and resolves once the lane has nothing in hand and found nothing more. */
      drain(): Promise<void> {
        const idle = new Promise<void>((resolve) => idleWaiters.push(resolve));
        pump();
        settle();
        return idle;
      },
      async stopped(): Promise<void> {
        while (pumping || running.size > 0) await new Promise<void>((resolve) => idleWaiters.push(resolve));
      },
    };
  }

  const lanes = Object.entries(laneSettings).map(([name, { concurrency }]) => createLane(name, Math.max(1, concurrency)));
  function pumpAll(): void {
    for (const lane of lanes) lane.pump();
  }

  /** Drains every lane; resolves once a round over all lanes, started after this call, found nothing to do. */
  async function kick(): Promise<void> {
    // A lane's delivery can queue work in another (routing queues a card and DMs): go round again
    // until nothing moved.
    for (let round = 0; round < 1_000 && !stopping; round += 1) {
      const before = activity;
      await Promise.all(lanes.map((lane) => lane.drain()));
      if (activity === before) return;
    }
  }

  return {
    kick,
    /** The kinds this dispatcher can deliver. */
    kinds: (): string[] => Object.keys(handlers),
    /** The lanes and their concurrency. */
    lanes: (): Record<string, number> => Object.fromEntries(Object.entries(laneSettings).map(([name, { concurrency }]) => [name, concurrency])),
    start() {
      stopping = false;
      timer ??= setInterval(pumpAll, pollMs);
      timer.unref();
      void kick();
    },
    async stop() {
      stopping = true;
      if (timer) clearInterval(timer);
      timer = null;
      await Promise.all(lanes.map((lane) => lane.stopped()));
      if (heartbeat) clearInterval(heartbeat);
      heartbeat = null;
    },
  };
}

export type OutboxDispatcher = ReturnType<typeof createOutboxDispatcher>;
