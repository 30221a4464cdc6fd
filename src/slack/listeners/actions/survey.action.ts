import type { App, BlockButtonAction } from "@slack/bolt";
import type { SlackDeps } from "../../slack-deps.ts";
import { caseIntakeModal } from "../../blocks/case-intake.modal.ts";
import { encodeIntakeMetadata } from "../../forms/case-intake.form.ts";
import { ACTIONS } from "../../ids.ts";
import { answerError } from "../error-net.ts";

/** "File as a case" on a grievance candidate: the intake form, filled in from the comment. */
export function registerSurveyActions(app: App, deps: SlackDeps): void {
  app.action<BlockButtonAction>(ACTIONS.fileSurveyComment, async ({ ack, action, body, client }) => {
    await ack();
    const commentId = String(action.value ?? "").slice(0, 40);
    try {
      const values = await deps.surveys.prefill(body.user.id, commentId);
      await client.views.open({
        trigger_id: body.trigger_id,
        view: caseIntakeModal({ departments: deps.departments, now: deps.clock.now(), privateMetadata: encodeIntakeMetadata({ surveyCommentId: commentId }), values, notice: "Filled in from a survey comment. Check the category and severity, then file it." }),
      });
    } catch (error) {
      await answerError({ kind: "private", client, userId: body.user.id, channelId: body.channel?.id }, error, deps.logger, { action: "file_survey_comment" });
    }
  });
}
