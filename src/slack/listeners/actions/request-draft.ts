import type { WebClient } from "@slack/web-api";
import type { SlackDeps } from "../../slack-deps.ts";
import { answerError } from "../error-net.ts";
import { notice, tellPrivately } from "../respond.ts";

export type LetterKind = "response" | "interim";

/** Starts a letter draft for a card's case and tells the person where it will appear. */
export async function requestDraft(
  deps: SlackDeps,
  client: WebClient,
  request: { caseId: string; userId: string; channelId: string | undefined; actionTs: string },
  kind: LetterKind,
): Promise<void> {
  try {
    // A Slack retry of this click carries the same action_ts: it must not start a second draft.
    await deps.letters.request(request.caseId, request.userId, kind, `${request.caseId}:${kind}:${request.actionTs}`);
    void deps.outbox.kick();
    await tellPrivately(client, request.userId, request.channelId, notice("Drafting now; the letter appears in the case thread in a few seconds.", ":hourglass_flowing_sand:"));
  } catch (error) {
    await answerError({ kind: "private", client, userId: request.userId, channelId: request.channelId }, error, deps.logger, { caseId: request.caseId, action: "draft_letter" });
  }
}
