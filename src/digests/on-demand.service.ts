import { randomUUID } from "node:crypto";
import type { OutboxEntry } from "../cases/case.ts";
import { AppError, ErrorCode } from "../lib/errors.ts";
import type { ChannelMessage } from "../outbox/channel-message.ts";
import { canPostDigests } from "../users/permissions.ts";
import type { Role } from "../users/roles.ts";
import { digestOutbox } from "./digest-outbox.ts";
import type { DigestService } from "./digest.service.ts";
import type { EscalationDigest } from "./escalation.ts";
import type { TrendDigest } from "./trends.ts";

export type DigestKind = "escalations" | "trends";

/** Turns a digest into the messages that show it (injected: Slack renders them, this module knows no Slack). */
export interface DigestRenderer<M extends ChannelMessage> {
  escalations(digest: EscalationDigest, now: Date): M[];
  trends(digest: TrendDigest): M[];
}

export interface OnDemandDigestDeps<M extends ChannelMessage> {
  digests: Pick<DigestService, "escalation" | "trends">;
  roleOf(userId: string): Promise<Role>;
  audit(type: string, actorId: string, data: Record<string, string>): Promise<void>;
  enqueue(entries: OutboxEntry[]): Promise<number>;
  render: DigestRenderer<M>;
  /** Where digests are posted. */
  channelId: string;
}

/** A digest on request (/case digest): managers post one to the digest channel now, or preview it privately; refusals are audited. */
export function createOnDemandDigests<M extends ChannelMessage>(deps: OnDemandDigestDeps<M>) {
  async function ensureAllowed(userId: string, which: DigestKind): Promise<void> {
    if (canPostDigests(await deps.roleOf(userId))) return;
    await deps.audit("permission_denied", userId, { action: `digest_${which}` });
    throw new AppError(ErrorCode.forbidden, "Only managers can post digests on demand. Nothing was posted.");
  }

  async function build(which: DigestKind, now: Date): Promise<M[]> {
    return which === "escalations" ? deps.render.escalations(await deps.digests.escalation(now), now) : deps.render.trends(await deps.digests.trends(now));
  }

  return {
    /** The digest as it would be posted now, for the requester's eyes only. */
    async preview(userId: string, which: DigestKind, now: Date): Promise<M[]> {
      await ensureAllowed(userId, which);
      return build(which, now);
    },

    /** Queues the digest as of `now` for the digest channel (through the outbox, so it posts once); returns where it goes. */
    async postNow(userId: string, which: DigestKind, now: Date): Promise<{ channelId: string }> {
      await ensureAllowed(userId, which);
      const messages = await build(which, now);
      // Every request is its own post: a manager asking twice gets two digests, each as of its moment.
      await deps.enqueue(digestOutbox(`${which}-on-demand`, `${now.toISOString()}:${randomUUID()}`, deps.channelId, messages));
      return { channelId: deps.channelId };
    },
  };
}

export type OnDemandDigests<M extends ChannelMessage = ChannelMessage> = ReturnType<typeof createOnDemandDigests<M>>;
