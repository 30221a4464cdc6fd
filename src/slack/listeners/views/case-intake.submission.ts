import type { ModalView } from "@slack/types";
import type { App } from "@slack/bolt";
import type { SlackDeps } from "../../slack-deps.ts";
import { parseIntake } from "../../../cases/case.schema.ts";
import type { FiledCase } from "../../../cases/intake-filing.ts";
import { errorSummary } from "../../../lib/errors.ts";
import { type CaseMessage, filedConfirmation } from "../../blocks/case-card.ts";
import { caseIntakeModal } from "../../blocks/case-intake.modal.ts";
import { problemMessage } from "../../blocks/help.ts";
import { filedModal, filingModal } from "../../blocks/intake-progress.ts";
import { decodeIntakeMetadata, intakeErrorsForSlack, readIntakeState, ViewStateSchema } from "../../forms/case-intake.form.ts";
import { VIEWS } from "../../ids.ts";
import { tellPrivately } from "../respond.ts";

const SAVE_FAILED =
  "The case could not be saved just now (the case database did not answer). Nothing you typed is lost: it is back in this form. Press File case again in a minute; if it keeps failing, tell your patient-relations manager.";
const SAVE_SLOW =
  "Saving is taking longer than usual. Nothing you typed is lost: it is back in this form. Press File case again in a moment: if the case was saved meanwhile you will get its number, and it is never filed twice.";
/** When the form was closed before it could be handed back, what was typed is gone with it. */
const SAVE_FAILED_FORM_CLOSED =
  "Your patient concern could not be saved (the case database did not answer), and the form had been closed. Please file it again with /case; if it keeps failing, tell your patient-relations manager.";

/**
 * Intake form submitted: invalid fields are shown inline; a valid form is acknowledged at once as
 * "Filing…", then filed (idempotent per form), then the modal shows the case number. If saving
 * fails, the modal becomes the form again with everything typed and the reason above it; if it is
 * slow (deps.intake's patience), the form comes back too, and the case number replaces it when the
 * save lands after all.
 */
export function registerCaseIntakeSubmission(app: App, deps: SlackDeps): void {
  app.view(VIEWS.caseIntake, async ({ ack, body, view, client }) => {
    const userId = body.user.id;
    const metadata = decodeIntakeMetadata(view.private_metadata);
    const state = ViewStateSchema.safeParse(view.state.values);
    const input = state.success ? readIntakeState(state.data) : {};
    const parsed = parseIntake(input, { now: deps.clock.now(), departments: deps.departments });
    if (!parsed.ok) {
      await ack({ response_action: "errors", errors: intakeErrorsForSlack(parsed.errors) });
      return;
    }
    await ack({ response_action: "update", view: filingModal() });

    /** Shows `modal` in place of the form; if the filer closed it, tells them privately instead. */
    const show = (modal: ModalView, otherwise: CaseMessage) =>
      client.views
        .update({ view_id: view.id, view: modal })
        .then(
          () => undefined,
          () => tellPrivately(client, userId, metadata.originChannelId, otherwise),
        )
        .catch((error) => deps.logger.warn({ user: userId, viewId: view.id, error: errorSummary(error) }, "intake outcome not delivered"));
    const handBack = (reason: string) =>
      show(
        caseIntakeModal({ departments: deps.departments, now: deps.clock.now(), privateMetadata: view.private_metadata, values: input, notice: `:warning: ${reason}` }),
        problemMessage(SAVE_FAILED_FORM_CLOSED),
      );

    const confirm = async ({ summary, created }: FiledCase) => {
      deps.logger.info({ caseId: summary.id, number: summary.number, type: summary.type, created }, "case filed");
      void deps.outbox.kick();
      const confirmation = filedConfirmation(summary, deps.timeZone, !created);
      await show(filedModal(confirmation), confirmation);
    };

    try {
      const outcome = await deps.intake.file(parsed.intake, {
        intakeKey: `slack-view:${view.id}`,
        filedBy: userId,
        sourceChannelId: metadata.sourceMessageTs ? metadata.originChannelId : undefined,
        sourceMessageTs: metadata.sourceMessageTs,
      });
      if (outcome.status === "filed") return await confirm(outcome.filed);
      deps.logger.warn({ user: userId, viewId: view.id }, "case is taking long to save");
      await handBack(SAVE_SLOW);
      // The modal still shows the form: when the save lands after all, it shows the case instead.
      await outcome.later.then(confirm);
    } catch (error) {
      deps.logger.error({ user: userId, viewId: view.id, error: errorSummary(error) }, "case could not be filed");
      await handBack(SAVE_FAILED);
    }
  });
}
