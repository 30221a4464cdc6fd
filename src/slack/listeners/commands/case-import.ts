import type { WebClient } from "@slack/web-api";
import type { SlackDeps } from "../../slack-deps.ts";
import type { CaseMessage } from "../../blocks/case-card.ts";
import { surveyImportModal } from "../../blocks/survey-import.ts";
import { answerError } from "../error-net.ts";

/** /case import: managers get the survey import form. */
export async function runImportCommand(
  deps: SlackDeps,
  context: { userId: string; triggerId: string; client: WebClient; reply: (message: CaseMessage) => Promise<unknown> },
): Promise<void> {
  try {
    await deps.surveys.ensureMayImport(context.userId);
    await context.client.views.open({ trigger_id: context.triggerId, view: surveyImportModal() });
  } catch (error) {
    await answerError({ kind: "reply", reply: context.reply }, error, deps.logger, { action: "import_comments" });
  }
}
