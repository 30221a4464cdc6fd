import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTION_FIELDS, ACTIONS, VIEWS } from "../../src/slack/ids.ts";
import { type FakeOpenAi, startFakeOpenAi } from "../fakes/fake-openai.ts";
import { blockActionPayload, messageShortcutPayload, viewSubmissionPayload } from "../fakes/signed-requests.ts";
import { intakeViewState, PATIENT_NAME } from "../fixtures/intake.ts";
import { waitFor } from "../support/case-flow.ts";
import { DATABASE_KINDS } from "../support/databases.ts";
import { type SlackDriver, startDriver, TRANSPORTS } from "../support/slack-driver.ts";
import { CASE_CHANNEL } from "../support/test-app.ts";

// A patient-relations team's day, end to end, through nothing but Slack's wire protocols and a
// Slack that refuses what Slack refuses: every button pressed is one the person would see on the
// message in front of them, and every form submitted is the one the app opened. It runs over HTTP
// and over Socket Mode, on PGlite and on PostgreSQL.

const NURSE = "U0NURSE01";
const FRONT_DESK = "U0FRONT01";
const COORDINATOR = "U0COORDDAY";
const MANAGER = "U0MANAGDAY";
const ADMIN = "U0ADMIN001";

type Block = { type: string; block_id?: string; elements?: Element[]; accessory?: Element };
type Element = { type: string; action_id?: string; value?: string; options?: { value: string; text: { text: string } }[] };
type View = { callback_id: string; private_metadata?: string; blocks: Block[] };

const CASES = TRANSPORTS.flatMap((transport) => DATABASE_KINDS.map((kind) => [transport, kind] as const));

describe.each(CASES)("a team's day over %s on %s", (transport, kind) => {
  let driver: SlackDriver;
  let openai: FakeOpenAi;
  const prisma = () => driver.running.deps.db.prisma;
  const deliver = () => driver.running.deps.outbox.kick();

  beforeAll(async () => {
    openai = await startFakeOpenAi();
    driver = await startDriver(transport, kind, {
      env: { OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: openai.baseURL, OPENAI_MODEL: "gpt-test", LETTER_CONTACT_NAME: "Jordan Ellis", HOSPITAL_NAME: "Lakeside Community Hospital" },
    });
    await driver.running.deps.roles.setRole(COORDINATOR, "coordinator", ADMIN);
    await driver.running.deps.roles.setRole(MANAGER, "manager", ADMIN);
  });
  afterAll(async () => {
    // close() fails the file if Slack refused any message or view the app built.
    await driver?.close();
    await openai?.close();
  });

  /** The message as Slack shows it now (chat.update applied). */
  const messageAt = (channel: string, ts: string) => {
    const message = driver.slack.messages.get(`${channel}/${ts}`);
    if (!message) throw new Error(`no message ${channel}/${ts}`);
    return message as { text: string; blocks?: Block[] };
  };
  const elementsOf = (blocks: Block[] | undefined) => (blocks ?? []).flatMap((block) => [...(block.elements ?? []), ...(block.accessory ? [block.accessory] : [])]);

  /** Presses a button (or picks an overflow option) that is on the message now; fails if it is not there. */
  async function press(channel: string, ts: string, userId: string, actionId: string, optionLabel?: string) {
    const element = elementsOf(messageAt(channel, ts).blocks).find((candidate) => candidate.action_id === actionId);
    if (!element) throw new Error(`${actionId} is not on the message`);
    if (element.type === "overflow") {
      const option = element.options?.find((candidate) => candidate.text.text === optionLabel);
      if (!option) throw new Error(`"${optionLabel}" is not in the menu: ${element.options?.map((candidate) => candidate.text.text).join(", ")}`);
      return driver.interact(blockActionPayload({ actionId, selectedOptionValue: option.value, userId, channelId: channel, messageTs: ts }));
    }
    return driver.interact(blockActionPayload({ actionId, value: element.value!, userId, channelId: channel, messageTs: ts }));
  }

  /** The last view the app opened with `callbackId`, waiting for it. */
  async function opened(callbackId: string, after: number): Promise<View> {
    return waitFor(async () => {
      const call = driver.slack.callsTo("views.open").slice(after).findLast((candidate) => (candidate.body.view as View).callback_id === callbackId && !candidate.failed);
      return call ? (call.body.view as View) : null;
    });
  }

  const submit = (view: View, userId: string, values: Record<string, Record<string, unknown>>) =>
    driver.interact(
      viewSubmissionPayload({ viewId: `V0DAY${Math.random().toString(36).slice(2, 9).toUpperCase()}`, callbackId: view.callback_id, privateMetadata: view.private_metadata ?? "", userId, values }),
    );

  const viewsOpened = () => driver.slack.callsTo("views.open").length;
  const text = (value: string) => ({ type: "plain_text_input", value });
  const radio = (value: string) => ({ type: "radio_buttons", selected_option: { value } });
  const privateTo = (userId: string) =>
    driver.slack.calls
      .filter((call) => !call.failed && ((call.method === "chat.postEphemeral" && call.body.user === userId) || (call.method === "chat.postMessage" && call.body.channel === userId) || call.method.startsWith("response_url")))
      .map((call) => JSON.stringify(call.body));

  it("runs from filing to a closed case with an approved letter, and every list and digest renders", { timeout: 60_000 }, async () => {
    // 08:10 A nurse files a concern with /case.
    let mark = viewsOpened();
    await driver.slash("", { userId: NURSE, channelId: "C0WARD0001" });
    const intake = await opened(VIEWS.caseIntake, mark);
    const filedAck = await submit(intake, NURSE, intakeViewState({ category: "quality", flags: ["medicare_beneficiary"] }));
    expect(filedAck.response_action).toBe("update");
    const filed = await waitFor(() => prisma().case.findFirst({ where: { filedBy: NURSE }, orderBy: { createdAt: "desc" } }));
    await deliver();
    const card = await waitFor(async () => (await prisma().case.findUniqueOrThrow({ where: { id: filed.id } })).cardMessageTs);
    expect(messageAt(CASE_CHANNEL, card).text).toContain(filed.number);
    // The channel sees the minimum necessary, never the patient.
    expect(JSON.stringify(messageAt(CASE_CHANNEL, card))).not.toContain(PATIENT_NAME);

    // 08:30 The front desk files another from a message, with Slack's markup in it.
    mark = viewsOpened();
    await driver.interact(messageShortcutPayload({ text: "<@U0FAMILY1|Mr. Okafor> says the parking machine charged him twice &amp; nobody answered", userId: FRONT_DESK }));
    const fromMessage = await opened(VIEWS.caseIntake, mark);
    expect(JSON.stringify(fromMessage)).toContain("@Mr. Okafor says the parking machine charged him twice & nobody answered");
    expect((await submit(fromMessage, FRONT_DESK, intakeViewState({ category: "billing", description: "Charged twice at the parking machine." }))).response_action).toBe("update");
    const second = await waitFor(() => prisma().case.findFirst({ where: { filedBy: FRONT_DESK } }));
    expect(second.sourceMessageTs).not.toBeNull();

    // 09:00 Routing gave the grievance to the team's coordinator, who is told with a link to the card.
    await deliver();
    await expect.poll(async () => (await prisma().case.findUniqueOrThrow({ where: { id: filed.id } })).ownerId).toBe(COORDINATOR);
    await expect.poll(() => JSON.stringify(messageAt(CASE_CHANNEL, card).blocks)).toContain(`<@${COORDINATOR}>`);
    // Direct messages go out side by side: look for this case's.
    await expect.poll(() => privateTo(COORDINATOR).find((body) => body.includes("You now own") && body.includes(`|${filed.number}>`)), { timeout: 5_000 }).toContain(`/archives/${CASE_CHANNEL}/p${card.replace(".", "")}|${filed.number}>`);
    // She moves it on from the card.
    mark = viewsOpened();
    await press(CASE_CHANNEL, card, COORDINATOR, ACTIONS.changeStatus);
    const statusForm = await opened(VIEWS.changeStatus, mark);
    expect(await submit(statusForm, COORDINATOR, { [ACTION_FIELDS.status]: { [ACTION_FIELDS.status]: radio("investigating") } })).toEqual({});
    await expect.poll(async () => (await prisma().case.findUniqueOrThrow({ where: { id: filed.id } })).status).toBe("investigating");

    // 10:00 …and records what was done and found.
    for (const [noteKind, body] of [
      ["step", "We reviewed the triage log and spoke with the charge nurse on duty."],
      ["result", "We found that the wait was caused by a staffing shortage that night, and we have added a second triage nurse."],
    ] as const) {
      mark = viewsOpened();
      await press(CASE_CHANNEL, card, COORDINATOR, ACTIONS.addNote);
      const noteForm = await opened(VIEWS.addNote, mark);
      expect(await submit(noteForm, COORDINATOR, { [ACTION_FIELDS.noteKind]: { [ACTION_FIELDS.noteKind]: radio(noteKind) }, [ACTION_FIELDS.noteBody]: { [ACTION_FIELDS.noteBody]: text(body) } })).toEqual({});
    }
    expect(await prisma().caseNote.count({ where: { caseId: filed.id } })).toBe(2);

    // 11:00 The manager drafts the response letter from the card.
    await deliver();
    await press(CASE_CHANNEL, card, MANAGER, ACTIONS.draftLetter);
    const letter = await waitFor(() => prisma().letter.findFirst({ where: { caseId: filed.id, currentVersion: 1, threadTs: { not: null } } }), 15_000);
    await deliver();
    const thread = { channel: letter.threadChannelId!, ts: letter.threadTs! };
    await expect.poll(() => JSON.stringify(messageAt(thread.channel, thread.ts).blocks ?? [])).toContain("Approve…");
    // Managers hear at once that a letter waits for them.
    await expect.poll(() => privateTo(MANAGER).some((body) => body.includes("awaits your approval") && body.includes(filed.number))).toBe(true);

    // She edits it…
    mark = viewsOpened();
    await press(thread.channel, thread.ts, MANAGER, ACTIONS.letterEdit);
    const editForm = await opened(VIEWS.letterEdit, mark);
    const current = await prisma().letterVersion.findFirstOrThrow({ where: { letterId: letter.id, number: 1 } });
    const part = `${ACTION_FIELDS.letterPart}0`;
    expect(await submit(editForm, MANAGER, { [part]: { [part]: text(current.text.replace("Thank you for telling us", "Thank you very much for telling us")) } })).toEqual({});
    await expect.poll(async () => (await prisma().letter.findUniqueOrThrow({ where: { id: letter.id } })).currentVersion).toBe(2);

    // …asks for a shorter draft…
    await deliver();
    mark = viewsOpened();
    await press(thread.channel, thread.ts, MANAGER, ACTIONS.letterRegenerate);
    const regenerateForm = await opened(VIEWS.letterRegenerate, mark);
    expect(await submit(regenerateForm, MANAGER, { [ACTION_FIELDS.instruction]: { [ACTION_FIELDS.instruction]: radio("shorter") }, [ACTION_FIELDS.instructionText]: { [ACTION_FIELDS.instructionText]: text("") } })).toEqual({});
    await waitFor(() => prisma().letterVersion.findFirst({ where: { letterId: letter.id, number: 3 } }), 15_000);
    await deliver();

    // …approves the version in front of her…
    mark = viewsOpened();
    await press(thread.channel, thread.ts, MANAGER, ACTIONS.letterApprove);
    const approveForm = await opened(VIEWS.letterApprove, mark);
    expect(await submit(approveForm, MANAGER, {})).toEqual({});
    await expect.poll(async () => (await prisma().letter.findUniqueOrThrow({ where: { id: letter.id } })).status).toBe("approved");

    // …and downloads the PDF, told at once where it goes.
    await deliver();
    await press(thread.channel, thread.ts, MANAGER, ACTIONS.letterPdf);
    await expect.poll(() => privateTo(MANAGER).some((body) => body.includes("Sending the PDF"))).toBe(true);
    await expect.poll(() => driver.slack.callsTo("files.completeUploadExternal").some((call) => call.body.channel_id === `D${MANAGER.slice(1)}`)).toBe(true);

    // 15:00 The coordinator closes the case.
    mark = viewsOpened();
    await press(CASE_CHANNEL, card, COORDINATOR, ACTIONS.more, "Close…");
    const closeForm = await opened(VIEWS.close, mark);
    expect(
      await submit(closeForm, COORDINATOR, {
        [ACTION_FIELDS.outcome]: { [ACTION_FIELDS.outcome]: radio("resolved") },
        [ACTION_FIELDS.resolution]: { [ACTION_FIELDS.resolution]: text("Explained the delay by phone; the letter was sent.") },
      }),
    ).toEqual({});
    await expect.poll(async () => (await prisma().case.findUniqueOrThrow({ where: { id: filed.id } })).status).toBe("closed");
    await deliver();
    // The closed card still offers what a closed case allows.
    const closedMenu = elementsOf(messageAt(CASE_CHANNEL, card).blocks).find((element) => element.action_id === ACTIONS.more);
    expect(closedMenu?.options?.map((option) => option.text.text)).toEqual(["Reopen", "View details (private)"]);

    // Lists, lookup, search, App Home and both digests all render (Slack refuses nothing: see afterAll).
    const before = driver.slack.calls.length;
    await driver.slash("mine", { userId: COORDINATOR });
    await driver.slash(filed.number, { userId: COORDINATOR });
    await driver.slash("search parking", { userId: COORDINATOR });
    await driver.slash("open", { userId: MANAGER });
    await driver.event({ type: "app_home_opened", user: MANAGER, channel: "D0HOMEDAY1", tab: "home", event_ts: "1700000000.000900" });
    await driver.slash("digest escalations", { userId: MANAGER });
    await driver.slash("digest trends preview", { userId: MANAGER });
    await deliver();
    await expect.poll(() => driver.slack.callsTo("views.publish").slice(0).some((call) => (call.body.user_id as string) === MANAGER)).toBe(true);
    await expect.poll(() => driver.slack.calls.slice(before).filter((call) => call.method.startsWith("response_url") || call.method === "chat.postEphemeral").length).toBeGreaterThanOrEqual(5);
    await expect.poll(() => driver.slack.callsTo("chat.postMessage").some((call) => call.body.channel === CASE_CHANNEL && String(call.body.text).startsWith("Escalations"))).toBe(true);
    const rendered = driver.slack.calls.slice(before).map((call) => JSON.stringify(call.body)).join("\n");
    expect(rendered).toContain(second.number);
    expect(rendered).not.toContain(PATIENT_NAME);
  });
});
