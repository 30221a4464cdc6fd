import { randomUUID } from "node:crypto";
import type { SlackDeps } from "../../slack-deps.ts";
import { AppError, ErrorCode } from "../../../lib/errors.ts";
import { hasRole } from "../../../users/permissions.ts";
import type { CaseMessage } from "../../blocks/case-card.ts";
import { escalationMessages, trendMessages } from "../../blocks/digests.ts";
import { digestOutbox } from "../../../jobs/digest.job.ts";
import { notice } from "../respond.ts";

/** /case digest escalations|trends [preview]: managers post a digest now, or preview it privately. */
export async function runDigestCommand(
  deps: SlackDeps,
  digest: "escalations" | "trends",
  preview: boolean,
  userId: string,
  reply: (message: CaseMessage) => Promise<unknown>,
): Promise<void> {
  if (!hasRole(await deps.roles.roleOf(userId), "manager")) {
    await deps.roles.audit("permission_denied", userId, { action: `digest_${digest}` });
    throw new AppError(ErrorCode.forbidden, "Only managers can post digests on demand. Nothing was posted.");
  }
  const now = deps.clock.now();
  const options = deps.renderOptions(false);
  const messages = digest === "escalations" ? escalationMessages(await deps.digests.escalation(now), now, options) : trendMessages(await deps.digests.trends(now), options);
  if (preview) {
    for (const message of messages) await reply(message);
    return;
  }
  await deps.enqueue(digestOutbox(`${digest}-on-demand`, `${now.toISOString()}:${randomUUID()}`, deps.digestChannel, messages));
  void deps.outbox.kick();
  await reply(notice(`Posting the ${digest} digest to <#${deps.digestChannel}>.`, ":white_check_mark:"));
}
