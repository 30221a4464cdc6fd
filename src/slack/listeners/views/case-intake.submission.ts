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
import { harmQuestionNeeded } from "../../../cases/classify.ts";
import { HARM_QUESTION } from "../../../cases/harm-signals.ts";
import { decodeIntakeMetadata, harmQuestionShown, intakeErrorsForSlack, readIntakeState, ViewStateSchema } from "../../forms/case-intake.form.ts";
import { VIEWS } from "../../ids.ts";
import { tellPrivately } from "../respond.ts";

const SAVE_FAILED =
  "The case could not be saved just now (the case database did not answer). Nothing you typed is lost: it is back in this form. Press File case again in a minute; if it keeps failing, tell your patient-relations manager.";
const SAVE_SLOW =
  "Saving is taking longer than usual. Nothing you typed is lost: it is back in this form. Press File case again in a moment: if the case was saved meanwhile you will get its number, and it is never filed twice.";
/** Past the acknowledgement the intake is in the journal: it will be filed without anyone typing it again. */
const FILING_DELAYED =
  "The case database did not answer while filing. What you typed is saved and will be filed automatically as soon as it answers; the case number will appear here. You may also press File case again: it is never filed twice.";
const FILING_DELAYED_FORM_CLOSED =
  "Your patient concern is saved but could not be filed yet (the case database did not answer). It will be filed automatically as soon as the database answers, and you will get its case number then: do not file it again.";

/**
 * Intake form submitted: invalid fields are shown inline; a valid form is written to the intake
 * journal (one INSERT), and only then acknowledged as "Filing…", so a crash after the ack cannot
 * lose it (the journal's sweep files it and tells the filer). If that write fails, the
 * acknowledgement is the form again with everything typed and the reason above it. Then it is filed
 * (idempotent per form) and the modal shows the case number; if filing fails or is slow (deps.intake's
 * patience), the form comes back too, and the case number replaces it when the save lands after all.
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
    const askHarm = state.success && harmQuestionShown(state.data);
    if (!askHarm && harmQuestionNeeded(parsed.intake)) {
      // Asked once, before filing: the form comes back with the question under the description.
      await ack({
        response_action: "update",
        view: caseIntakeModal({ departments: deps.departments, now: deps.clock.now(), privateMetadata: view.private_metadata, values: input, notice: `:warning: One question before filing: ${HARM_QUESTION} Answer it below the description, then press File case again.`, askHarm: true }),
      });
      return;
    }
    const context = {
      intakeKey: `slack-view:${view.id}`,
      filedBy: userId,
      sourceChannelId: metadata.sourceMessageTs ? metadata.originChannelId : undefined,
      sourceMessageTs: metadata.sourceMessageTs,
      surveyCommentId: metadata.surveyCommentId,
    };
    const formWith = (reason: string) =>
      caseIntakeModal({ departments: deps.departments, now: deps.clock.now(), privateMetadata: view.private_metadata, values: input, notice: `:warning: ${reason}`, askHarm });
    try {
      await deps.intake.record(parsed.intake, context, { viewId: view.id, originChannelId: metadata.originChannelId });
    } catch (error) {
      // Nothing was promised yet: the acknowledgement itself hands the form back.
      deps.logger.error({ user: userId, viewId: view.id, error: errorSummary(error) }, "case could not be filed");
      await ack({ response_action: "update", view: formWith(SAVE_FAILED) });
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
    const handBack = (reason: string) => show(formWith(reason), problemMessage(FILING_DELAYED_FORM_CLOSED));

    const confirm = async ({ summary, created }: FiledCase) => {
      deps.logger.info({ caseId: summary.id, number: summary.number, type: summary.type, created }, "case filed");
      void deps.outbox.kick();
      const confirmation = filedConfirmation(summary, deps.timeZone, !created);
      await show(filedModal(confirmation), confirmation);
      // Told: the journal entry goes (if this fails, the sweep files it again, finds the case and tells once more).
      await deps.intake.settled(context.intakeKey).catch((error: unknown) => deps.logger.warn({ viewId: view.id, error: errorSummary(error) }, "intake journal entry not cleared"));
    };

    try {
      const outcome = await deps.intake.file(parsed.intake, context);
      if (outcome.status === "filed") return await confirm(outcome.filed);
      deps.logger.warn({ user: userId, viewId: view.id }, "case is taking long to save");
      await handBack(SAVE_SLOW);
      // The modal still shows the form: when the save lands after all, it shows the case instead.
      await outcome.later.then(confirm);
    } catch (error) {
      deps.logger.error({ user: userId, viewId: view.id, error: errorSummary(error) }, "case could not be filed");
      await handBack(FILING_DELAYED);
    }
  });
}
