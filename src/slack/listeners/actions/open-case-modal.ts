import type { ModalView } from "@slack/types";
import type { WebClient } from "@slack/web-api";
import type { SlackDeps } from "../../slack-deps.ts";
import type { CaseSummary } from "../../../cases/case.ts";
import type { CaseAction } from "../../../users/permissions.ts";
import { notice, tellPrivately, userMessageFor } from "../respond.ts";

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
    const message = userMessageFor(error, deps.logger, { caseId: request.caseId, action });
    await tellPrivately(client, request.userId, request.channelId, notice(message));
  }
}
