import type { ModalView } from "@slack/types";
import type { WebClient } from "@slack/web-api";
import type { SlackDeps } from "../../slack-deps.ts";
import type { CaseSummary } from "../../../cases/case.ts";
import type { CaseAction } from "../../../users/permissions.ts";
import { answerError } from "../error-net.ts";

/** Opens a case-action modal after checking (and auditing a refusal of) the action for this user. */
export async function openCaseModal(
  deps: SlackDeps,
  client: WebClient,
  request: { caseId: string; userId: string; channelId: string | undefined; triggerId: string },
  action: CaseAction,
  build: (summary: CaseSummary) => ModalView | Promise<ModalView>,
): Promise<void> {
  try {
    const summary = await deps.caseActions.ensureAllowed(action, request.caseId, request.userId);
    await client.views.open({ trigger_id: request.triggerId, view: await build(summary) });
  } catch (error) {
    await answerError({ kind: "private", client, userId: request.userId, channelId: request.channelId }, error, deps.logger, { caseId: request.caseId, action });
  }
}
