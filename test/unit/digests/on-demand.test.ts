import { describe, expect, it } from "vitest";
import type { OutboxEntry } from "../../../src/cases/case.ts";
import type { EscalationDigest } from "../../../src/digests/escalation.ts";
import { createOnDemandDigests } from "../../../src/digests/on-demand.service.ts";
import type { TrendDigest } from "../../../src/digests/trends.ts";
import { AppError } from "../../../src/lib/errors.ts";
import type { ChannelMessage } from "../../../src/outbox/channel-message.ts";
import type { Role } from "../../../src/users/roles.ts";

// /case digest's rules over fakes: who may ask, what is audited, what is queued, what is shown.

const NOW = new Date("2026-12-01T12:00:00Z");
const CHANNEL = "C0DIGEST01";
const ESCALATION: EscalationDigest = { groups: [], total: 0 };
const TRENDS = { total: 3 } as TrendDigest;

function setUp(roles: Record<string, Role>) {
  const audits: { type: string; actorId: string; data: Record<string, string> }[] = [];
  const queued: OutboxEntry[][] = [];
  const reads: string[] = [];
  const service = createOnDemandDigests<ChannelMessage>({
    digests: {
      escalation: async (now) => {
        reads.push(`escalation ${now.toISOString()}`);
        return ESCALATION;
      },
      trends: async (end) => {
        reads.push(`trends ${end.toISOString()}`);
        return TRENDS;
      },
    },
    roleOf: async (userId) => roles[userId] ?? "staff",
    audit: async (type, actorId, data) => void audits.push({ type, actorId, data }),
    enqueue: async (entries) => queued.push(entries),
    render: {
      escalations: (digest, now) => [{ text: `escalations ${digest.total} at ${now.toISOString()}`, blocks: [] }],
      trends: (digest) => [
        { text: `trends ${digest.total}`, blocks: [] },
        { text: "trends, part 2", blocks: [] },
      ],
    },
    channelId: CHANNEL,
  });
  return { service, audits, queued, reads };
}

describe("on-demand digests", () => {
  it("previews the digest to a manager without queueing anything", async () => {
    const { service, queued, audits } = setUp({ U0MANAGER1: "manager" });
    expect(await service.preview("U0MANAGER1", "escalations", NOW)).toEqual([{ text: `escalations 0 at ${NOW.toISOString()}`, blocks: [] }]);
    expect(queued).toEqual([]);
    expect(audits).toEqual([]);
  });

  it("queues every part of the digest for the digest channel, a new post for each request", async () => {
    const { service, queued, reads } = setUp({ U0ADMIN001: "admin" });
    expect(await service.postNow("U0ADMIN001", "trends", NOW)).toEqual({ channelId: CHANNEL });
    await service.postNow("U0ADMIN001", "trends", NOW);
    expect(reads).toEqual([`trends ${NOW.toISOString()}`, `trends ${NOW.toISOString()}`]);
    expect(queued).toHaveLength(2);
    const [first, second] = queued as [OutboxEntry[], OutboxEntry[]];
    expect(first.map((entry) => entry.payload)).toEqual([
      { channel: CHANNEL, text: "trends 3", blocks: "[]" },
      { channel: CHANNEL, text: "trends, part 2", blocks: "[]" },
    ]);
    expect(first[0]!.dedupeKey).toMatch(new RegExp(`^digest:trends-on-demand:${CHANNEL}:${NOW.toISOString()}:.+:0$`));
    expect(second[0]!.dedupeKey).not.toBe(first[0]!.dedupeKey);
  });

  it.each(["staff", "coordinator"] as const)("refuses a %s, audits the refusal, and neither reads nor posts", async (role) => {
    const { service, audits, queued, reads } = setUp({ U0PERSON01: role });
    for (const attempt of [() => service.postNow("U0PERSON01", "escalations", NOW), () => service.preview("U0PERSON01", "trends", NOW)]) {
      const refusal = await attempt().catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(AppError);
      expect((refusal as AppError).userMessage).toBe("Only managers can post digests on demand. Nothing was posted.");
    }
    expect(audits).toEqual([
      { type: "permission_denied", actorId: "U0PERSON01", data: { action: "digest_escalations" } },
      { type: "permission_denied", actorId: "U0PERSON01", data: { action: "digest_trends" } },
    ]);
    expect(reads).toEqual([]);
    expect(queued).toEqual([]);
  });
});
