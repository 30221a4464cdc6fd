import type { App, ViewSubmitAction } from "@slack/bolt";
import type { ModalView } from "@slack/types";
import { z } from "zod";
import type { SlackDeps } from "../../slack-deps.ts";
import { errorSummary } from "../../../lib/errors.ts";
import { MAX_SURVEY_FILE_BYTES } from "../../../surveys/survey-csv.ts";
import { surveyImportingView, surveyImportProblemView, surveyImportResultView } from "../../blocks/survey-import.ts";
import { SURVEY_FILE_FIELD, VIEWS } from "../../ids.ts";
import { downloadSlackFile } from "../../slack-files.ts";
import { userMessageFor } from "../respond.ts";

// A file_input's state: the uploaded files, each with an id (https://docs.slack.dev/reference/interaction-payloads/view-interactions-payload).
const FileStateSchema = z.object({ files: z.array(z.object({ id: z.string().regex(/^F[A-Z0-9]+$/) })).min(1) });

/** Reads the uploaded survey file and imports it; the modal shows "Importing…", then the result or every problem. */
export function registerSurveyImportSubmission(app: App, deps: SlackDeps): void {
  app.view<ViewSubmitAction>(VIEWS.surveyImport, async ({ ack, body, view, client }) => {
    const state = FileStateSchema.safeParse((view.state.values as Record<string, Record<string, unknown>>)[SURVEY_FILE_FIELD]?.[SURVEY_FILE_FIELD]);
    if (!state.success) {
      await ack({ response_action: "errors", errors: { [SURVEY_FILE_FIELD]: "Choose a CSV file to import." } });
      return;
    }
    await ack({ response_action: "update", view: surveyImportingView() });
    const userId = body.user.id;
    let result: ModalView;
    try {
      const bytes = await downloadSlackFile(client, state.data.files[0]!.id, MAX_SURVEY_FILE_BYTES);
      const summary = await deps.surveys.importCsv(userId, bytes);
      deps.logger.info({ user: userId, imported: summary.imported, duplicates: summary.duplicates, candidates: summary.candidates }, "survey comments imported");
      // The candidates' offers were queued with the comments: delivered now rather than at the next poll.
      if (summary.candidates > 0) void deps.outbox.kick();
      result = surveyImportResultView(summary);
    } catch (error) {
      result = surveyImportProblemView(userMessageFor(error, deps.logger, { action: "import_comments" }));
    }
    try {
      await client.views.update({ view_id: view.id, view: result });
    } catch (error) {
      deps.logger.warn({ user: userId, error: errorSummary(error) }, "could not show the survey import result");
    }
  });
}
