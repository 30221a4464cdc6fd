import { encodeIntakeMetadata } from "../../src/slack/forms/case-intake.form.ts";
import { ACTIONS } from "../../src/slack/ids.ts";
import { blockActionPayload, viewSubmissionPayload } from "../fakes/signed-requests.ts";
import { type IntakeFields, intakeViewState, intakeViewStateWithHarmAnswer } from "../fixtures/intake.ts";
import type { TestApp } from "./test-app.ts";

let counter = 0;

/** Whether a view_submission answer is the form handed back with the harm question. */
export function asksHarmQuestion(json: unknown): boolean {
  const view = (json as { view?: { blocks?: { block_id?: string }[] } } | null)?.view;
  return view?.blocks?.some((block) => block.block_id === "harm_answer") ?? false;
}

/**
 * Files a case through a signed view submission and waits until it is routed and its card posted.
 * When the form asks the harm question, it is submitted again (the same view, as in Slack) with
 * `overrides.harmAnswer`, or unanswered.
 */
export async function fileCaseThroughSlack(app: TestApp, overrides: Partial<IntakeFields> = {}, userId = "U0NURSE01") {
  const viewId = `V0FLOW${String(++counter).padStart(4, "0")}${Math.random().toString(36).slice(2, 6).toUpperCase()}`;
  const submit = (values: Record<string, Record<string, unknown>>) =>
    app.interact(viewSubmissionPayload({ viewId, userId, values, privateMetadata: encodeIntakeMetadata({ originChannelId: "C0WARD0001" }) }));
  let response = await submit(intakeViewState(overrides));
  if (response.status === 200 && asksHarmQuestion(response.json)) response = await submit(intakeViewStateWithHarmAnswer(overrides));
  if (response.status !== 200 || (response.json as { response_action?: string } | null)?.response_action !== "update") {
    throw new Error(`filing failed: ${response.status} ${response.text}`);
  }
  // The form is acknowledged as "Filing…" before the save: the case follows within moments.
  const filed = await waitFor(() => app.running.deps.db.prisma.case.findUnique({ where: { intakeKey: `slack-view:${viewId}` } }));
  await app.running.deps.outbox.kick();
  return app.running.deps.db.prisma.case.findUniqueOrThrow({ where: { id: filed.id } });
}

/** Polls until `read` returns a value (every 10 ms, for up to 5 s). */
export async function waitFor<T>(read: () => Promise<T | null | undefined>, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== null && value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`nothing arrived within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Presses a card button as `userId`. */
export function pressButton(app: TestApp, actionId: (typeof ACTIONS)[keyof typeof ACTIONS], caseId: string, userId: string) {
  return app.interact(blockActionPayload({ actionId, value: JSON.stringify({ c: caseId }), userId }));
}

/** Chooses an option of the card's overflow menu as `userId`. */
export function chooseMore(app: TestApp, caseId: string, option: string, userId: string) {
  return app.interact(blockActionPayload({ actionId: ACTIONS.more, selectedOptionValue: JSON.stringify({ c: caseId, o: option }), userId }));
}

/** Submits a case-action modal (opened when the case had status `openedOn`, if given). */
export function submitCaseModal(
  app: TestApp,
  callbackId: string,
  caseId: string,
  userId: string,
  values: Record<string, Record<string, unknown>>,
  openedOn?: string,
) {
  const privateMetadata = JSON.stringify(openedOn ? { c: caseId, s: openedOn } : { c: caseId });
  return app.interact(viewSubmissionPayload({ viewId: `V0ACT${Math.random().toString(36).slice(2, 10).toUpperCase()}`, callbackId, userId, values, privateMetadata }));
}

/** Ephemeral replies and DMs the fake Slack received for one user. */
export function privateMessagesTo(app: TestApp, userId: string): string[] {
  return app.slack.calls
    .filter((call) => (call.method === "chat.postEphemeral" && call.body.user === userId) || (call.method === "chat.postMessage" && call.body.channel === userId))
    .map((call) => JSON.stringify(call.body));
}
