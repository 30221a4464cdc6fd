import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { type Clock, systemClock } from "../../../src/lib/clock.ts";
import { createLogger } from "../../../src/lib/logger.ts";
import { currentDelivery } from "../../../src/outbox/delivery-context.ts";
import { BACKOFF_MS, backoffMs, createOutboxDispatcher, type OutboxDispatcherOptions, QUICK_RETRIES } from "../../../src/outbox/outbox.dispatcher.ts";
import { finalRefusal, retryAfterMs } from "../../../src/slack/slack-errors.ts";
import { createMemoryOutbox } from "../../fakes/memory-outbox.ts";

// The dispatcher's own rules, over an in-memory queue with the repository's claim rules: lanes that
// never wait for each other, bounded concurrency, per-case order, retries with jittered backoff that
// let the messages behind go, a heartbeat that keeps a long delivery's lease, a stop that leaves
// undelivered messages queued, and giving up at once on what retrying cannot fix.

const silent = () => createLogger("error", new Writable({ write: (_chunk, _encoding, done) => done() }));

/** A clock tests move by hand (backoff is measured on it). */
function movableClock(start = Date.parse("2026-11-28T12:00:00Z")): Clock & { advance(ms: number): void; at(): number } {
  let now = start;
  return {
    now: () => new Date(now),
    advance: (ms) => {
      now += ms;
    },
    at: () => now,
  };
}

function dispatcherOver(memory: ReturnType<typeof createMemoryOutbox>, options: Partial<OutboxDispatcherOptions> & Pick<OutboxDispatcherOptions, "handlers">) {
  return createOutboxDispatcher({ outbox: memory.queue, clock: systemClock, logger: silent(), pollMs: 20, ...options });
}

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

const until = async (check: () => boolean, timeoutMs = 2_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
};

describe("outbox dispatcher", () => {
  it("delivers every queued message once, and a case's messages in the order they were queued", async () => {
    const memory = createMemoryOutbox();
    for (const caseId of ["a", "b"]) for (const kind of ["route_case", "case_card", "case_thread_update", "case_card_refresh"]) memory.add(kind, { caseId });
    const delivered: string[] = [];
    const dispatcher = dispatcherOver(memory, {
      handlers: Object.fromEntries(
        ["route_case", "case_card", "case_thread_update", "case_card_refresh"].map((kind) => [
          kind,
          async (payload: Record<string, string>) => {
            await new Promise((resolve) => setTimeout(resolve, Math.random() * 5));
            delivered.push(`${payload.caseId}:${kind}`);
          },
        ]),
      ),
    });
    await dispatcher.kick();
    for (const caseId of ["a", "b"]) {
      expect(delivered.filter((entry) => entry.startsWith(`${caseId}:`))).toEqual(
        ["route_case", "case_card", "case_thread_update", "case_card_refresh"].map((kind) => `${caseId}:${kind}`),
      );
    }
    expect(memory.rows.every((row) => row.status === "sent" && row.attempts === 1)).toBe(true);
  });

  it("delivers a harm alert and a case card at once while 50 drafts hang on a slow model", async () => {
    const memory = createMemoryOutbox();
    for (let i = 0; i < 50; i += 1) memory.add("letter_draft", { letterId: `l${i}` });
    memory.add("direct_message", { caseId: "c1", recipientId: "U1", kind: "alert_harm_or_critical" });
    memory.add("case_card", { caseId: "c2" });
    const model = gate();
    let draftsRunning = 0;
    let mostDraftsAtOnce = 0;
    const sentAt: Record<string, number> = {};
    const dispatcher = dispatcherOver(memory, {
      handlers: {
        letter_draft: async () => {
          draftsRunning += 1;
          mostDraftsAtOnce = Math.max(mostDraftsAtOnce, draftsRunning);
          await model.opened;
          draftsRunning -= 1;
        },
        direct_message: async () => {
          sentAt.alert = Date.now();
        },
        case_card: async () => {
          sentAt.card = Date.now();
        },
      },
    });
    const started = Date.now();
    dispatcher.start();
    await until(() => sentAt.alert !== undefined && sentAt.card !== undefined);
    expect(sentAt.alert! - started).toBeLessThan(500);
    expect(sentAt.card! - started).toBeLessThan(500);
    // The drafts lane is bounded: three model calls at a time, the rest still queued.
    expect(mostDraftsAtOnce).toBe(3);
    expect(memory.rows.filter((row) => row.kind === "letter_draft" && row.status === "pending")).toHaveLength(50);
    model.open();
    await until(() => memory.rows.every((row) => row.status === "sent"), 5_000);
    await dispatcher.stop();
  });

  it("a message that keeps failing steps aside: its backoff (with jitter) lets the next one in its lane go", async () => {
    const memory = createMemoryOutbox();
    const failing = memory.add("channel_message", { channel: "C1" });
    const next = memory.add("channel_message", { channel: "C2" });
    const clock = movableClock();
    const dispatcher = dispatcherOver(memory, {
      clock,
      lanes: { channel: { concurrency: 1 } },
      random: () => 0.5,
      handlers: {
        channel_message: async (payload) => {
          if (payload.channel === "C1") throw Object.assign(new Error("An HTTP protocol error occurred: statusCode = 500"), { code: "slack_webapi_http_error" });
        },
      },
    });
    await dispatcher.kick();
    expect(memory.row(next.id).status).toBe("sent");
    const row = memory.row(failing.id);
    expect(row.status).toBe("pending");
    expect(row.lastError).toContain("slack_webapi_http_error");
    expect(row.nextAttemptAt - clock.at()).toBe(backoffMs(1, () => 0.5));
    // Still failing later: it waits longer each time, and is never given up (it might still go through).
    for (let attempt = 2; attempt <= 10; attempt += 1) {
      clock.advance(row.nextAttemptAt - clock.at());
      await dispatcher.kick();
      expect(row.attempts).toBe(attempt);
      expect(row.status).toBe("pending");
    }
    expect(row.nextAttemptAt - clock.at()).toBe(backoffMs(10, () => 0.5));
  });

  it("backs off with jitter between half and all of each step, and never less than Slack's Retry-After", () => {
    expect(backoffMs(1, () => 0)).toBe(BACKOFF_MS[0]! / 2);
    expect(backoffMs(1, () => 0.999999)).toBeCloseTo(BACKOFF_MS[0]!, -1);
    expect(backoffMs(3, () => 0.5)).toBe(BACKOFF_MS[2]! * 0.75);
    expect(backoffMs(99, () => 0)).toBe(BACKOFF_MS.at(-1)! / 2);
    const spread = new Set(Array.from({ length: 50 }, () => backoffMs(2, Math.random)));
    expect(spread.size).toBeGreaterThan(10);
    expect(backoffMs(1, () => 0, 30_000)).toBe(30_000);
    expect(retryAfterMs(Object.assign(new Error("rate limited"), { code: "slack_webapi_rate_limited_error", retryAfter: 7 }))).toBe(7_000);
    expect(retryAfterMs(new Error("socket hang up"))).toBeNull();
  });

  it("a rate limit rests the whole lane for Slack's Retry-After, not just the message", async () => {
    const memory = createMemoryOutbox();
    memory.add("direct_message", { recipientId: "U1" });
    memory.add("direct_message", { recipientId: "U2" });
    const clock = movableClock();
    const calls: string[] = [];
    const dispatcher = dispatcherOver(memory, {
      clock,
      lanes: { alerts: { concurrency: 1 } },
      retryAfterMs,
      handlers: {
        direct_message: async (payload) => {
          calls.push(payload.recipientId!);
          if (calls.length === 1) throw Object.assign(new Error("rate limited"), { code: "slack_webapi_rate_limited_error", retryAfter: 30 });
        },
      },
    });
    await dispatcher.kick();
    expect(calls).toEqual(["U1"]);
    expect(memory.rows[0]!.nextAttemptAt - clock.at()).toBeGreaterThanOrEqual(30_000);
    clock.advance(30_000);
    await dispatcher.kick();
    // Once the lane rested, both go (the retried one first: it is older).
    expect(calls).toEqual(["U1", "U1", "U2"]);
  });

  it("keeps a case's thread line behind its card while the card fails; other cases go", async () => {
    const memory = createMemoryOutbox();
    memory.add("case_card", { caseId: "a" });
    memory.add("case_thread_update", { caseId: "a", kind: "routed" });
    memory.add("case_card", { caseId: "b" });
    const delivered: string[] = [];
    let cardFails = true;
    const dispatcher = dispatcherOver(memory, {
      random: () => 0,
      handlers: {
        case_card: async (payload) => {
          if (payload.caseId === "a" && cardFails) throw new Error("socket hang up");
          delivered.push(`card:${payload.caseId}`);
        },
        case_thread_update: async (payload) => void delivered.push(`thread:${payload.caseId}`),
      },
    });
    await dispatcher.kick();
    expect(delivered).toEqual(["card:b"]);
    cardFails = false;
    memory.rows[0]!.nextAttemptAt = 0;
    await dispatcher.kick();
    expect(delivered).toEqual(["card:b", "card:a", "thread:a"]);
  });

  it("tries a message waiting on another lane's again within a fraction of a second, QUICK_RETRIES times, then backs off", async () => {
    const memory = createMemoryOutbox();
    const dm = memory.add("direct_message", { caseId: "a", recipientId: "U1" });
    const clock = movableClock();
    const waiting = Object.assign(new Error("card not posted"), { name: "CardNotPostedError" });
    const dispatcher = dispatcherOver(memory, {
      clock,
      random: () => 1,
      waitsOnAnother: (error) => error === waiting,
      handlers: {
        direct_message: async () => {
          throw waiting;
        },
      },
    });
    const delays: number[] = [];
    for (let attempt = 1; attempt <= QUICK_RETRIES + 1; attempt += 1) {
      await dispatcher.kick();
      delays.push(memory.row(dm.id).nextAttemptAt - clock.at());
      clock.advance(memory.row(dm.id).nextAttemptAt - clock.at());
    }
    expect(delays).toEqual([...Array.from({ length: QUICK_RETRIES }, () => 300), backoffMs(QUICK_RETRIES + 1, () => 1)]);
  });

  it("renews the lease of a message in hand, so a long delivery is not taken over by another instance", async () => {
    const memory = createMemoryOutbox();
    memory.add("letter_draft", { letterId: "l1" });
    let calls = 0;
    const slowModel = gate();
    const handlers = {
      letter_draft: async () => {
        calls += 1;
        await slowModel.opened;
      },
    };
    const first = dispatcherOver(memory, { handlers, leaseMs: 100, heartbeatMs: 20 });
    const second = dispatcherOver(memory, { handlers, leaseMs: 100, heartbeatMs: 20 });
    first.start();
    await until(() => calls === 1);
    second.start();
    // Five leases long: without the heartbeat the second instance would have taken it over.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(calls).toBe(1);
    expect(memory.renewals.length).toBeGreaterThan(10);
    expect(memory.rows[0]!.lockedUntil!).toBeGreaterThan(Date.now());
    slowModel.open();
    await until(() => memory.rows[0]!.status === "sent");
    await Promise.all([first.stop(), second.stop()]);
    expect(calls).toBe(1);
  });

  it("resumes a message whose instance died (a lapsed lease) within moments, as one that may already have posted", async () => {
    const memory = createMemoryOutbox();
    const orphan = memory.add("case_card", { caseId: "a" });
    // Claimed by an instance that crashed: attempts 1, first tried a minute ago, its lease just lapsed.
    Object.assign(orphan, { attempts: 1, firstAttemptAt: Date.now() - 60_000, lockedUntil: Date.now() + 150 });
    const seen: { mayHavePosted: boolean; firstAttemptAt: number; at: number }[] = [];
    const dispatcher = dispatcherOver(memory, {
      handlers: {
        case_card: async () => {
          const delivery = currentDelivery()!;
          seen.push({ mayHavePosted: delivery.mayHavePosted, firstAttemptAt: delivery.firstAttemptAt.getTime(), at: Date.now() });
        },
      },
    });
    const started = Date.now();
    dispatcher.start();
    await until(() => seen.length === 1);
    await dispatcher.stop();
    expect(seen[0]!.at - started).toBeLessThan(1_000);
    expect(seen[0]!.at).toBeGreaterThanOrEqual(orphan.lockedUntil ?? 0);
    expect(seen[0]).toMatchObject({ mayHavePosted: true, firstAttemptAt: orphan.firstAttemptAt });
    expect(memory.row(orphan.id).status).toBe("sent");
  });

  it("on stop, finishes the message in hand and leaves the rest queued", async () => {
    const memory = createMemoryOutbox();
    for (let i = 1; i <= 4; i += 1) memory.add("channel_message", { channel: `C${i}` });
    const inHand = gate();
    const delivered: string[] = [];
    const dispatcher = dispatcherOver(memory, {
      lanes: { channel: { concurrency: 1 } },
      pollMs: 60_000,
      handlers: {
        channel_message: async (payload) => {
          if (payload.channel === "C1") await inHand.opened;
          delivered.push(payload.channel!);
        },
      },
    });
    dispatcher.start();
    await until(() => memory.rows[0]!.attempts === 1);
    const stopped = dispatcher.stop();
    inHand.open();
    await stopped;
    expect(delivered).toEqual(["C1"]);
    expect(memory.rows.filter((row) => row.status === "pending").map((row) => row.payload.channel)).toEqual(["C2", "C3", "C4"]);
  });

  it("gives up at once on a refusal retrying cannot fix, with Slack's reason, and tells someone once", async () => {
    const memory = createMemoryOutbox();
    memory.add("channel_message", { channel: "C1" });
    memory.add("channel_message", { channel: "C2" });
    const told: { id: bigint; reason: string }[] = [];
    const refusal = Object.assign(new Error("An API error occurred: invalid_blocks"), {
      code: "slack_webapi_platform_error",
      data: { ok: false, error: "invalid_blocks", errors: ["must be less than 6 items [json-pointer:/blocks/5/elements/3/options]"] },
    });
    const dispatcher = dispatcherOver(memory, {
      handlers: {
        channel_message: async (payload) => {
          if (payload.channel === "C1") throw refusal;
        },
      },
      finalFailure: finalRefusal,
      onGaveUp: async (message, reason) => void told.push({ id: message.id, reason }),
    });
    await dispatcher.kick();
    expect(memory.rows[0]).toMatchObject({ status: "failed", lastError: "invalid_blocks: must be less than 6 items [json-pointer:/blocks/5/elements/3/options]" });
    expect(told).toEqual([{ id: 1n, reason: memory.rows[0]!.lastError }]);
    // The next message is not held up by the refused one.
    expect(memory.rows[1]!.status).toBe("sent");
  });

  it("keeps retrying what might still go through: rate limits, timeouts, Slack's own outages", () => {
    for (const code of ["ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout"]) {
      expect(finalRefusal(Object.assign(new Error(code), { data: { ok: false, error: code } }))).toBeNull();
    }
    expect(finalRefusal(new Error("socket hang up"))).toBeNull();
    for (const code of ["not_in_channel", "channel_not_found", "is_archived", "msg_too_long", "invalid_arguments"]) {
      expect(finalRefusal(Object.assign(new Error(code), { data: { ok: false, error: code } }))).toBe(code);
    }
  });
});
