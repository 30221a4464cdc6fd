import type { Clock } from "../lib/clock.ts";
import { errorSummary } from "../lib/errors.ts";
import type { Logger } from "../lib/logger.ts";
import type { OutboxHandlers } from "./outbox-handlers.ts";
import type { ClaimedMessage, OutboxRepository } from "./outbox.ts";


/** The part of the outbox repository delivery needs. */
export type OutboxQueue = Pick<OutboxRepository, "claimDue" | "markSent" | "markFailed">;

export interface OutboxDispatcherOptions {
  outbox: OutboxQueue;
  handlers: OutboxHandlers;
  clock: Clock;
  logger: Logger;
  maxAttempts?: number;
  leaseMs?: number;
  pollMs?: number;
  /** Why retrying `error` cannot help (e.g. Slack refused the layout), or null to retry. */
  finalFailure?: (error: unknown) => string | null;
  /** Told once a message is given up for good, so a person hears of it. */
  onGaveUp?: (message: ClaimedMessage, reason: string) => Promise<void>;
}

const BACKOFF_MS = [2_000, 10_000, 30_000, 120_000, 600_000];

/** Delivers queued Slack posts after commit: kicked right after a change, and polled for retries and crash recovery. */
export function createOutboxDispatcher(options: OutboxDispatcherOptions) {
  const { outbox, handlers, clock, logger, maxAttempts = 8, leaseMs = 60_000, pollMs = 5_000, finalFailure = () => null, onGaveUp } = options;
  // A post that might still go through is never given up: losing a card, a route or a draft would
  // break its case for good; after maxAttempts its failures are logged as errors. One that cannot
  // (Slack refused it for what it is) is marked failed at once and a person is told.
  let running: Promise<number> | null = null;
  let timer: NodeJS.Timeout | null = null;
  // Set by stop(): a drain finishes the message in hand and leaves the rest queued for the next start.
  let stopping = false;

  async function deliver(message: ClaimedMessage): Promise<void> {
    const handler = handlers[message.kind];
    try {
      if (!handler) throw new Error(`no handler for outbox kind ${message.kind}`);
      await handler(message.payload);
      await outbox.markSent(message.id, clock.now());
    } catch (error) {
      const summary = errorSummary(error);
      const final = finalFailure(error);
      if (final) {
        logger.error({ outboxId: String(message.id), kind: message.kind, attempts: message.attempts, error: summary, refusal: final }, "outbox delivery refused; given up");
        await outbox.markFailed(message.id, final, null);
        await onGaveUp?.(message, final).catch((alertError: unknown) =>
          logger.error({ outboxId: String(message.id), error: errorSummary(alertError) }, "could not tell anyone of a refused delivery"),
        );
        return;
      }
      const delay = BACKOFF_MS[Math.min(message.attempts - 1, BACKOFF_MS.length - 1)]!;
      const level = message.attempts >= maxAttempts ? "error" : "warn";
      logger[level]({ outboxId: String(message.id), kind: message.kind, attempts: message.attempts, error: summary }, "outbox delivery failed; will retry");
      await outbox.markFailed(message.id, [summary.name, summary.code].filter(Boolean).join(":"), new Date(clock.now().getTime() + delay));
    }
  }

  async function drain(): Promise<number> {
    let delivered = 0;
    while (!stopping) {
      // One at a time: a slow delivery (a model call, a rate-limited post) must not hold other
      // messages' leases until they expire and another instance delivers them a second time.
      const batch = await outbox.claimDue(clock.now(), leaseMs, 1);
      if (batch.length === 0) return delivered;
      for (const message of batch) await deliver(message);
      delivered += batch.length;
    }
    return delivered;
  }

  /** Drains the queue; resolves once a drain that started after this call has finished. */
  async function kick(): Promise<void> {
    // Wait out a drain already under way: it may have claimed its batch before our rows committed.
    while (running) await running.catch(() => 0);
    running = drain();
    try {
      await running;
    } catch (error) {
      logger.error({ error: errorSummary(error) }, "outbox drain failed");
    } finally {
      running = null;
    }
  }

  return {
    kick,
    /** The kinds this dispatcher can deliver. */
    kinds: (): string[] => Object.keys(handlers),
    start() {
      stopping = false;
      timer ??= setInterval(() => void kick(), pollMs);
      timer.unref();
      void kick();
    },
    async stop() {
      stopping = true;
      if (timer) clearInterval(timer);
      timer = null;
      if (running) await running.catch(() => 0);
    },
  };
}

export type OutboxDispatcher = ReturnType<typeof createOutboxDispatcher>;
