import { ACTION_FIELDS, VIEWS } from "../../src/slack/ids.ts";
import { viewSubmissionPayload } from "../fakes/signed-requests.ts";
import type { TestApp } from "./test-app.ts";

/** The add-note modal's values: a note of `kindOfNote` ("step", "result") tied to issue `issueId`. */
export const noteValues = (kindOfNote: string, body: string, issueId: string) => ({
  [ACTION_FIELDS.noteKind]: { [ACTION_FIELDS.noteKind]: { type: "radio_buttons", selected_option: { value: kindOfNote } } },
  [ACTION_FIELDS.noteBody]: { [ACTION_FIELDS.noteBody]: { type: "plain_text_input", value: body } },
  [ACTION_FIELDS.noteIssue]: { [ACTION_FIELDS.noteIssue]: { type: "static_select", selected_option: { value: issueId } } },
});

/**
 * Drives a case's letter through signed Slack requests on the app `app()` returns (read on each call,
 * so it can be started in beforeAll): letter modals submitted, the latest version read back, and
 * the thread updates the letter's message received.
 */
export function letterFlow(app: () => TestApp) {
  const prisma = () => app().running.deps.db.prisma;
  /** Submits a letter modal (`callbackId`) opened on version `version` of the letter. */
  const submitLetter = (callbackId: string, letterId: string, version: number, userId: string, values: Record<string, Record<string, unknown>> = {}) =>
    app().interact(viewSubmissionPayload({ viewId: `V0LTR${Math.random().toString(36).slice(2, 9).toUpperCase()}`, callbackId, userId, values, privateMetadata: JSON.stringify({ l: letterId, v: version }) }));
  /** Edits the letter, as `userId`, to the single part `text`. */
  const editTo = (letterId: string, version: number, userId: string, text: string) =>
    submitLetter(VIEWS.letterEdit, letterId, version, userId, { [`${ACTION_FIELDS.letterPart}0`]: { [`${ACTION_FIELDS.letterPart}0`]: { type: "plain_text_input", value: text } } });
  /** The letter and its newest version. */
  const latest = async (letterId: string) => {
    const letter = await prisma().letter.findUniqueOrThrow({ where: { id: letterId }, include: { versions: { orderBy: { number: "desc" }, take: 1 } } });
    return { letter, version: letter.versions[0]! };
  };
  /** What the message at `ts` was updated to, in order. */
  const threadMessages = (ts: string | null) => app().slack.callsTo("chat.update").filter((call) => call.body.ts === ts).map((call) => JSON.stringify(call.body));
  return { submitLetter, editTo, latest, threadMessages };
}
