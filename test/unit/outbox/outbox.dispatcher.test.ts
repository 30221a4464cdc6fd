import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { fixedClock } from "../../../src/lib/clock.ts";
import { createLogger } from "../../../src/lib/logger.ts";
import { createOutboxDispatcher, type OutboxQueue } from "../../../src/outbox/outbox.dispatcher.ts";
import type { ClaimedMessage } from "../../../src/outbox/outbox.ts";
import { finalRefusal } from "../../../src/slack/slack-errors.ts";

// The dispatcher's own rules, over an in-memory queue: order, retries that never give up on what
// might still go through, giving up at once on what cannot, and a
// stop that leaves undelivered messages queued instead of draining a whole backlog first.

function memoryOutbox(count: number) {
  const pending: ClaimedMessage[] = Array.from({ length: count }, (_, i) => ({ id: BigInt(i + 1), kind: "post", payload: { n: String(i + 1) }, attempts: 0 }));
  const sent: bigint[] = [];
  const retries: { id: bigint; error: string; retryAt: Date | null }[] = [];
  const repository: OutboxQueue = {
    async claimDue(_now, _leaseMs, limit) {
      const batch = pending.splice(0, limit).map((message) => ({ ...message, attempts: message.attempts + 1 }));
      return batch;
    },
    async markSent(id) {
      sent.push(id);
    },
    async markFailed(id, error, retryAt) {
      retries.push({ id, error, retryAt });
    },
  };
  return { repository, pending, sent, retries };
}

const silent = () => createLogger("error", new Writable({ write: (_chunk, _encoding, done) => done() }));

describe("outbox dispatcher", () => {
  it("delivers every queued message once, oldest first", async () => {
    const queue = memoryOutbox(5);
    const delivered: string[] = [];
    const dispatcher = createOutboxDispatcher({
      outbox: queue.repository,
      handlers: { post: async (payload) => void delivered.push(payload.n!) },
      clock: fixedClock("2026-11-28T12:00:00Z"),
      logger: silent(),
    });
    await dispatcher.kick();
    expect(delivered).toEqual(["1", "2", "3", "4", "5"]);
    expect(queue.sent).toEqual([1n, 2n, 3n, 4n, 5n]);
  });

  it("on stop, finishes the message in hand and leaves the rest queued", async () => {
    const queue = memoryOutbox(4);
    let release!: () => void;
    const inHand = new Promise<void>((resolve) => {
      release = resolve;
    });
    const delivered: string[] = [];
    const dispatcher = createOutboxDispatcher({
      outbox: queue.repository,
      handlers: {
        post: async (payload) => {
          if (payload.n === "1") await inHand;
          delivered.push(payload.n!);
        },
      },
      clock: fixedClock("2026-11-28T12:00:00Z"),
      logger: silent(),
      pollMs: 60_000,
    });
    dispatcher.start();
    const stopped = dispatcher.stop();
    release();
    await stopped;
    expect(delivered).toEqual(["1"]);
    expect(queue.pending.map((message) => message.payload.n)).toEqual(["2", "3", "4"]);
  });

  it("schedules a failed delivery for a later retry, however many times it failed", async () => {
    const queue = memoryOutbox(1);
    queue.pending[0]!.attempts = 20;
    const dispatcher = createOutboxDispatcher({
      outbox: queue.repository,
      handlers: {
        post: async () => {
          throw Object.assign(new Error("rate limited"), { code: "slack_webapi_rate_limited_error" });
        },
      },
      clock: fixedClock("2026-11-28T12:00:00Z"),
      logger: silent(),
    });
    await dispatcher.kick();
    expect(queue.sent).toEqual([]);
    expect(queue.retries).toHaveLength(1);
    expect(queue.retries[0]!.retryAt!.getTime()).toBeGreaterThan(new Date("2026-11-28T12:00:00Z").getTime());
    expect(queue.retries[0]!.error).toContain("slack_webapi_rate_limited_error");
  });

  it("gives up at once on a refusal retrying cannot fix, with Slack's reason, and tells someone once", async () => {
    const queue = memoryOutbox(2);
    const told: { id: bigint; reason: string }[] = [];
    const refusal = Object.assign(new Error("An API error occurred: invalid_blocks"), {
      code: "slack_webapi_platform_error",
      data: { ok: false, error: "invalid_blocks", errors: ["must be less than 6 items [json-pointer:/blocks/5/elements/3/options]"] },
    });
    const dispatcher = createOutboxDispatcher({
      outbox: queue.repository,
      handlers: {
        post: async (payload) => {
          if (payload.n === "1") throw refusal;
        },
      },
      finalFailure: finalRefusal,
      onGaveUp: async (message, reason) => void told.push({ id: message.id, reason }),
      clock: fixedClock("2026-11-28T12:00:00Z"),
      logger: silent(),
    });
    await dispatcher.kick();
    expect(queue.retries).toEqual([{ id: 1n, error: "invalid_blocks: must be less than 6 items [json-pointer:/blocks/5/elements/3/options]", retryAt: null }]);
    expect(told).toEqual([{ id: 1n, reason: queue.retries[0]!.error }]);
    // The next message is not held up by the refused one.
    expect(queue.sent).toEqual([2n]);
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
