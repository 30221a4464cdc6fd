import type { KnownBlock, ModalView } from "@slack/types";
import { categoryLabel } from "../../cases/taxonomy.ts";
import { OFFERS_PER_MESSAGE } from "../../surveys/survey-outbox.ts";
import type { CandidateOffer } from "../../surveys/surveys.ts";
import type { ImportSummary } from "../../surveys/survey.service.ts";
import { SURVEY_COLUMNS } from "../../surveys/survey-csv.ts";
import { ACTIONS, SURVEY_FILE_FIELD, VIEWS } from "../ids.ts";
import type { CaseMessage } from "./case-card.ts";
import { escapeText, truncate } from "./escape.ts";

// The survey import form and its answers, and the private offer of grievance candidates. None of
// them carries a comment's text or a patient's identity: only units, dates, categories and counts.

const plain = (text: string) => ({ type: "plain_text" as const, text, emoji: true });
const SECTION_MAX = 3000;
/** Offers per message: one section each, so 50 blocks and Slack's size limit for a message's blocks hold with the longest unit names. */
const MAX_OFFERS = OFFERS_PER_MESSAGE;

/** /case import: a CSV file field. */
export function surveyImportModal(): ModalView {
  return {
    type: "modal",
    callback_id: VIEWS.surveyImport,
    title: plain("Import survey comments"),
    submit: plain("Import"),
    close: plain("Cancel"),
    blocks: [
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text: `Upload a CSV with a header row. Columns: ${SURVEY_COLUMNS.required.map((name) => `*${name}*`).join(", ")} (required), ${SURVEY_COLUMNS.optional.join(", ")} (optional). Dates as YYYY-MM-DD; units as the hospital lists them. If any row is wrong nothing is imported and each problem is named by its row; rows already imported (same row_id) are skipped.`,
        },
      },
      {
        type: "input",
        block_id: SURVEY_FILE_FIELD,
        label: plain("Survey file (CSV)"),
        element: { type: "file_input", action_id: SURVEY_FILE_FIELD, filetypes: ["csv"], max_files: 1 },
      } as KnownBlock,
    ],
  };
}

/** Shown while the file is read and imported. */
export function surveyImportingView(): ModalView {
  return {
    type: "modal",
    callback_id: VIEWS.surveyImport,
    title: plain("Import survey comments"),
    close: plain("Close"),
    blocks: [{ type: "section", text: { type: "mrkdwn", text: ":hourglass_flowing_sand: Importing the file… This view shows the result when it is done." } }],
  };
}

/** The import's result: counts, and where candidates went. */
export function surveyImportResultView(summary: ImportSummary): ModalView {
  const lines = [
    `:white_check_mark: *${summary.imported}* comments imported; *${summary.duplicates}* already imported (same row_id) skipped.`,
    `*${summary.candidates}* grievance candidates (an identified patient asking for resolution or follow-up), *${summary.identifiedNoRequest}* identified without a request, *${summary.anonymous}* anonymous (counted, not filed).`,
    ...summary.offered.map((entry) => `• ${escapeText(entry.unit)}: ${entry.count} offered to ${entry.recipients.length > 0 ? entry.recipients.slice(0, 10).map((id) => `<@${id}>`).join(", ") : "nobody (no coordinator or manager found)"}`),
  ];
  return {
    type: "modal",
    callback_id: VIEWS.surveyImport,
    title: plain("Survey comments imported"),
    close: plain("Close"),
    blocks: [{ type: "section", text: { type: "mrkdwn", text: truncate(lines.join("\n"), SECTION_MAX) } }],
  };
}

/** Why nothing was imported: the problems, one per line (rows, columns; no comment text). */
export function surveyImportProblemView(message: string): ModalView {
  return {
    type: "modal",
    callback_id: VIEWS.surveyImport,
    title: plain("Nothing imported"),
    close: plain("Close"),
    blocks: [{ type: "section", text: { type: "mrkdwn", text: truncate(`:warning: ${escapeText(message)}`, SECTION_MAX) } }],
  };
}

/** The DM offering grievance candidates to a coordinator: one "File as a case" button each. */
export function candidateOfferMessage(offers: readonly CandidateOffer[]): CaseMessage {
  const shown = offers.slice(0, MAX_OFFERS);
  const intro = `${offers.length} survey ${offers.length === 1 ? "comment asks" : "comments ask"} for follow-up from an identified patient: under CMS rules each may be a grievance. Open one to file it as a case (the form is filled in from the comment).`;
  const blocks: KnownBlock[] = [
    { type: "section", text: { type: "mrkdwn", text: `:memo: ${intro}` } },
    ...shown.map(
      (offer): KnownBlock => ({
        type: "section",
        text: { type: "mrkdwn", text: truncate(`*${escapeText(offer.unit)}* · ${escapeText(categoryLabel(offer.category))} · survey dated ${offer.date}`, SECTION_MAX) },
        accessory: { type: "button", action_id: ACTIONS.fileSurveyComment, text: plain("File as a case"), value: offer.commentId },
      }),
    ),
    ...(offers.length > shown.length
      ? [{ type: "context", elements: [{ type: "mrkdwn", text: `${offers.length - shown.length} more follow in the next message.` }] } as KnownBlock]
      : []),
  ];
  return { text: intro, blocks };
}

/** Splits offers into messages Slack accepts. */
export function candidateOfferMessages(offers: readonly CandidateOffer[]): CaseMessage[] {
  const messages: CaseMessage[] = [];
  for (let start = 0; start < offers.length; start += MAX_OFFERS) messages.push(candidateOfferMessage(offers.slice(start, start + MAX_OFFERS)));
  return messages;
}
