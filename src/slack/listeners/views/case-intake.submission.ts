import type { App } from "@slack/bolt";
import type { AppDeps } from "../../../app.ts";
import { parseIntake } from "../../../cases/case.schema.ts";
import { errorSummary } from "../../../lib/errors.ts";
import { filedConfirmation } from "../../blocks/case-card.ts";
import { problemMessage } from "../../blocks/help.ts";
import { decodeIntakeMetadata, intakeErrorsForSlack, readIntakeState, ViewStateSchema } from "../../forms/case-intake.form.ts";
import { INTAKE_FIELDS, VIEWS } from "../../ids.ts";
import { tellPrivately } from "../respond.ts";

// Slack closes the connection after 3 seconds; leave room for the response to travel.
const SAVE_TIMEOUT_MS = 2_500;

const SAVE_FAILED =
  "The case could not be saved just now (the case database did not answer). Nothing you typed is lost: it is still in this form. Press File case again in a minute; if it keeps failing, tell your patient-relations manager.";
// After a timeout the save may still complete: pressing File case again is safe (same form, one case).
const SAVE_SLOW =
  "Saving is taking longer than usual. Nothing you typed is lost. Press File case again in a moment: if the case was saved meanwhile you will get its number, and it is never filed twice.";

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("timed out")), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Intake form submitted: validate, file (idempotent per form), confirm privately, queue the card. */
export function registerCaseIntakeSubmission(app: App, deps: AppDeps): void {
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

    let result: Awaited<ReturnType<AppDeps["cases"]["fileCase"]>>;
    try {
      result = await withTimeout(
        deps.cases.fileCase(parsed.intake, {
          intakeKey: `slack-view:${view.id}`,
          filedBy: userId,
          sourceChannelId: metadata.sourceMessageTs ? metadata.originChannelId : undefined,
          sourceMessageTs: metadata.sourceMessageTs,
        }),
        SAVE_TIMEOUT_MS,
      );
    } catch (error) {
      const slow = error instanceof Error && error.message === "timed out";
      const message = slow ? SAVE_SLOW : SAVE_FAILED;
      deps.logger.error({ user: userId, viewId: view.id, slow, error: errorSummary(error) }, "case could not be filed");
      await ack({ response_action: "errors", errors: { [INTAKE_FIELDS.patientName]: message } });
      await tellPrivately(client, userId, metadata.originChannelId, problemMessage(message)).catch(() => {});
      return;
    }

    await ack();
    const { summary, created } = result;
    deps.logger.info({ caseId: summary.id, number: summary.number, type: summary.type, created }, "case filed");
    void deps.outbox.kick();
    await tellPrivately(client, userId, metadata.originChannelId, filedConfirmation(summary, deps.timeZone, !created)).catch(
      (error) => deps.logger.warn({ caseId: summary.id, error: errorSummary(error) }, "confirmation not delivered"),
    );
  });
}
