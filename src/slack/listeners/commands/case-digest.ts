import type { SlackDeps } from "../../slack-deps.ts";
import type { CaseMessage } from "../../blocks/case-card.ts";
import { notice } from "../respond.ts";

/** /case digest escalations|trends [preview]: managers post a digest now, or preview it privately. */
export async function runDigestCommand(
  deps: SlackDeps,
  digest: "escalations" | "trends",
  preview: boolean,
  userId: string,
  reply: (message: CaseMessage) => Promise<unknown>,
): Promise<void> {
  const now = deps.clock.now();
  if (preview) {
    for (const message of await deps.onDemandDigests.preview(userId, digest, now)) await reply(message);
    return;
  }
  const { channelId } = await deps.onDemandDigests.postNow(userId, digest, now);
  void deps.outbox.kick();
  await reply(notice(`Posting the ${digest} digest to <#${channelId}>.`, ":white_check_mark:"));
}
