import { stringify } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeIntakeMetadata } from "../../src/slack/forms/case-intake.form.ts";
import { encodeLetterRef } from "../../src/slack/forms/letter-ref.ts";
import { ACTION_FIELDS, ACTIONS, MORE_OPTIONS, VIEWS } from "../../src/slack/ids.ts";
import { blockActionPayload, viewSubmissionPayload } from "../fakes/signed-requests.ts";
import { intakeViewState, PATIENT_NAME } from "../fixtures/intake.ts";
import { waitFor } from "../support/case-flow.ts";
import { DATABASE_KINDS } from "../support/databases.ts";
import { type SlackDriver, startDriver, TRANSPORTS } from "../support/slack-driver.ts";
import { CASE_CHANNEL } from "../support/test-app.ts";

// Roles through Slack's own wire protocols, against a Slack that refuses what Slack refuses: a
// coordinator of another team and the staff member who filed the case try everything a card, its
// thread and /case offer (and forms they craft themselves: the server decides, not the buttons).
// Every attempt is refused privately, changes nothing and is audited; the filer sees the case's
// status and nothing of its record; the case's own team works it as before.

const FILER = "U0RLFILER1";
const TEAM = "U0RLTEAM01";
const OTHER = "U0RLOTHER1";
const MANAGER = "U0RLMANAG1";
const ADMIN = "U0ADMIN001";

const PEER_NOTE = "Peer review: the night registrar documented the reassessment late.";
const OVERRIDE = "The family asked for this wording; Maria Testpatient MRN 7730021 agreed by phone.";

const RULES = {
  version: 1,
  teams: [
    { id: "surgery", name: "Surgery", members: [TEAM] },
    { id: "billing", name: "Billing", members: [OTHER] },
  ],
  rules: [{ id: "billing-to-billing", when: { categories: ["billing"] }, route: { team: "billing", strategy: "round_robin" } }],
  default: { team: "surgery", strategy: "round_robin" },
};

const CASES = TRANSPORTS.flatMap((transport) => DATABASE_KINDS.map((kind) => [transport, kind] as const));

describe.each(CASES)("roles over %s on %s", (transport, kind) => {
  let driver: SlackDriver;
  const prisma = () => driver.running.deps.db.prisma;
  const deliver = () => driver.running.deps.outbox.kick();
  let caseId: string;
  let number: string;
  let card: string;
  let letterId: string;
  let thread: { channel: string; ts: string };

  const text = (value: string) => ({ type: "plain_text_input", value });
  const radio = (value: string) => ({ type: "radio_buttons", selected_option: { value } });
  const viewsOpened = (callbackId?: string) => driver.slack.callsTo("views.open").filter((call) => !call.failed && (!callbackId || (call.body.view as { callback_id?: string }).callback_id === callbackId));
  const privateTo = (userId: string) =>
    driver.slack.calls
      .filter((call) => !call.failed && ((call.method === "chat.postEphemeral" && call.body.user === userId) || (call.method === "chat.postMessage" && call.body.channel === userId)))
      .map((call) => JSON.stringify(call.body));
  const replies = () => driver.slack.calls.filter((call) => call.method.startsWith("response_url")).map((call) => JSON.stringify(call.body));
  const denials = async (userId: string) => (await prisma().caseEvent.count({ where: { caseId, type: "permission_denied", actorId: userId } })) + (await prisma().adminEvent.count({ where: { type: "permission_denied", actorId: userId } }));

  /** What about the case a refused attempt must leave as it was. */
  const record = async () => {
    const row = await prisma().case.findUniqueOrThrow({ where: { id: caseId } });
    return {
      status: row.status,
      type: row.type,
      ownerId: row.ownerId,
      escalatedAt: row.escalatedAt,
      notes: await prisma().caseNote.count({ where: { caseId } }),
      letters: await prisma().letter.findMany({ where: { caseId }, select: { id: true, status: true, currentVersion: true } }),
      detailsViewed: await prisma().caseEvent.count({ where: { caseId, type: { in: ["details_viewed", "letter_viewed", "letter_downloaded"] } } }),
    };
  };

  const press = (userId: string, actionId: string, value: string, channelId = CASE_CHANNEL) => driver.interact(blockActionPayload({ actionId, value, userId, channelId }));
  const more = (userId: string, option: string) => driver.interact(blockActionPayload({ actionId: ACTIONS.more, selectedOptionValue: JSON.stringify({ c: caseId, o: option }), userId }));
  const submit = (callbackId: string, userId: string, privateMetadata: string, values: Record<string, Record<string, unknown>> = {}) =>
    driver.interact(viewSubmissionPayload({ viewId: `V0RL${Math.random().toString(36).slice(2, 10).toUpperCase()}`, callbackId, userId, values, privateMetadata }));

  beforeAll(async () => {
    driver = await startDriver(transport, kind);
    await driver.running.deps.roles.setRole(TEAM, "coordinator", ADMIN);
    await driver.running.deps.roles.setRole(OTHER, "coordinator", ADMIN);
    await driver.running.deps.roles.setRole(MANAGER, "manager", ADMIN);
    expect(await driver.running.deps.admin.replaceRules(ADMIN, stringify(RULES))).toMatchObject({ ok: true });

    // The filer files a concern; routing gives it to the surgery team's coordinator.
    const filedAck = await submit(VIEWS.caseIntake, FILER, encodeIntakeMetadata({ originChannelId: "C0WARD0001" }), intakeViewState({ category: "communication" }));
    expect(filedAck.response_action).toBe("update");
    const filed = await waitFor(() => prisma().case.findFirst({ where: { filedBy: FILER } }));
    caseId = filed.id;
    number = filed.number;
    await deliver();
    card = await waitFor(async () => (await prisma().case.findUniqueOrThrow({ where: { id: caseId } })).cardMessageTs);
    await waitFor(async () => ((await prisma().case.findUniqueOrThrow({ where: { id: caseId } })).ownerId === TEAM ? true : null));

    // The team records a peer-review note and drafts the response letter.
    expect(await submit(VIEWS.addNote, TEAM, JSON.stringify({ c: caseId }), { [ACTION_FIELDS.noteKind]: { [ACTION_FIELDS.noteKind]: radio("result") }, [ACTION_FIELDS.noteBody]: { [ACTION_FIELDS.noteBody]: text(PEER_NOTE) } })).toEqual({});
    await press(TEAM, ACTIONS.draftLetter, JSON.stringify({ c: caseId }));
    const letter = await waitFor(() => prisma().letter.findFirst({ where: { caseId, currentVersion: 1, threadTs: { not: null } } }), 15_000);
    letterId = letter.id;
    thread = { channel: letter.threadChannelId!, ts: letter.threadTs! };
    await deliver();
  }, 60_000);

  afterAll(async () => {
    // close() fails the file if Slack refused any message or view the app built.
    await driver?.close();
  });

  it("refuses a coordinator of another team everything on the case: privately, audited, changing nothing", { timeout: 60_000 }, async () => {
    const before = await record();
    const opened = viewsOpened().length;
    const caseRef = JSON.stringify({ c: caseId });
    const letterRef = encodeLetterRef(letterId, 1);

    // Buttons and menu options on the card and the letter: nothing opens, each is answered privately.
    await press(OTHER, ACTIONS.addNote, caseRef);
    await press(OTHER, ACTIONS.changeStatus, caseRef);
    await press(OTHER, ACTIONS.draftLetter, caseRef);
    await press(OTHER, ACTIONS.draftInterim, caseRef);
    await more(OTHER, MORE_OPTIONS.escalate);
    await more(OTHER, MORE_OPTIONS.reclassify);
    await more(OTHER, MORE_OPTIONS.details);
    for (const action of [ACTIONS.letterView, ACTIONS.letterEdit, ACTIONS.letterRegenerate, ACTIONS.letterApprove, ACTIONS.letterSent, ACTIONS.letterText]) {
      await press(OTHER, action, letterRef, thread.channel);
    }
    await expect.poll(() => privateTo(OTHER).filter((body) => body.includes("This case belongs to another team")).length, { timeout: 10_000 }).toBeGreaterThanOrEqual(10);

    // Forms crafted without the buttons: refused in the form itself.
    const note = await submit(VIEWS.addNote, OTHER, caseRef, { [ACTION_FIELDS.noteKind]: { [ACTION_FIELDS.noteKind]: radio("note") }, [ACTION_FIELDS.noteBody]: { [ACTION_FIELDS.noteBody]: text("Looked at it.") } });
    expect(JSON.stringify(note)).toContain("This case belongs to another team");
    const escalate = await submit(VIEWS.escalate, OTHER, caseRef);
    expect(escalate.response_action).toBe("update");
    expect(JSON.stringify(escalate)).toContain("This case belongs to another team");
    const reclassify = await submit(VIEWS.reclassify, OTHER, caseRef, { [ACTION_FIELDS.caseType]: { [ACTION_FIELDS.caseType]: radio("complaint") }, [ACTION_FIELDS.overrideReason]: { [ACTION_FIELDS.overrideReason]: text("Resolved on the spot, really.") } });
    expect(reclassify.response_action).toBe("errors");
    const status = await submit(VIEWS.changeStatus, OTHER, JSON.stringify({ c: caseId, s: "new" }), { [ACTION_FIELDS.status]: { [ACTION_FIELDS.status]: radio("acknowledged") } });
    expect(status.response_action).toBe("errors");
    const approve = await submit(VIEWS.letterApprove, OTHER, letterRef, { [ACTION_FIELDS.overrideReason]: { [ACTION_FIELDS.overrideReason]: text("Looks fine to me, approving.") } });
    expect(JSON.stringify(approve)).toMatch(/another team|Nothing was changed/);

    // Finding it by number: refused too.
    await driver.slash(number, { userId: OTHER });
    await expect.poll(() => replies().some((body) => body.includes("Only the case's patient-relations team and the managers can open cases filed by others"))).toBe(true);

    await deliver();
    expect(viewsOpened().length).toBe(opened);
    expect(await record()).toEqual(before);
    expect(await denials(OTHER)).toBeGreaterThanOrEqual(16);
    for (const body of privateTo(OTHER)) {
      expect(body).not.toContain(PEER_NOTE);
      expect(body).not.toContain(PATIENT_NAME);
    }
  });

  it("shows the staff filer the case's status only: no details, notes or letters", { timeout: 60_000 }, async () => {
    // /case PR-…: number, type, status and deadlines; no actions, no record.
    const mark = replies().length;
    await driver.slash(number, { userId: FILER });
    const reply = await waitFor(async () => replies().slice(mark).find((body) => body.includes(number)));
    expect(reply).toContain("Grievance");
    expect(reply).toContain("New");
    expect(reply).toContain("Respond (or send the interim letter) by");
    for (const absent of [PEER_NOTE, PATIENT_NAME, ACTIONS.addNote, ACTIONS.more, "View details"]) expect(reply).not.toContain(absent);

    // Everything that opens the record is refused, and says where to follow the case.
    const before = await record();
    const opened = viewsOpened().length;
    await more(FILER, MORE_OPTIONS.details);
    await press(FILER, ACTIONS.letterView, encodeLetterRef(letterId, 1), thread.channel);
    await press(FILER, ACTIONS.addNote, JSON.stringify({ c: caseId }));
    await expect.poll(() => privateTo(FILER).filter((body) => body.includes("You filed this case")).length, { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
    expect(viewsOpened().length).toBe(opened);
    expect(await record()).toEqual(before);
    expect(await denials(FILER)).toBeGreaterThanOrEqual(3);
  });

  it("posts an approval over failing checks to the thread without the reason, which the team reads privately", { timeout: 60_000 }, async () => {
    // The manager approves through the form the Approve button opens, with a reason naming the patient.
    let mark = viewsOpened(VIEWS.letterApprove).length;
    await press(MANAGER, ACTIONS.letterApprove, encodeLetterRef(letterId, 1), thread.channel);
    await waitFor(async () => viewsOpened(VIEWS.letterApprove)[mark] ?? null);
    expect(await submit(VIEWS.letterApprove, MANAGER, encodeLetterRef(letterId, 1), { [ACTION_FIELDS.overrideReason]: { [ACTION_FIELDS.overrideReason]: text(OVERRIDE) } })).toEqual({});
    await expect.poll(async () => (await prisma().letter.findUniqueOrThrow({ where: { id: letterId } })).status).toBe("approved");
    await deliver();
    const shown = () => JSON.stringify(driver.slack.messages.get(`${thread.channel}/${thread.ts}`) ?? {});
    await expect.poll(shown, { timeout: 10_000 }).toContain("approved it despite failing required checks");
    expect(shown()).toContain(`<@${MANAGER}>`);
    const channel = driver.slack.calls.filter((call) => (call.method === "chat.postMessage" || call.method === "chat.update") && !String(call.body.channel).startsWith("U")).map((call) => JSON.stringify(call.body));
    for (const body of channel) {
      expect(body).not.toContain("7730021");
      expect(body).not.toContain(PEER_NOTE);
    }
    // The card says only that the case has an owner and its status.
    const cardNow = JSON.stringify(driver.slack.messages.get(`${CASE_CHANNEL}/${card}`));
    expect(cardNow).toContain(number);
    expect(cardNow).not.toContain(PEER_NOTE);

    // The team's coordinator reads the reason in View letter; the filer still cannot download the letter.
    mark = viewsOpened().length;
    await press(TEAM, ACTIONS.letterView, encodeLetterRef(letterId, 1), thread.channel);
    const letterView = await waitFor(async () => viewsOpened()[mark] ?? null);
    expect(JSON.stringify(letterView.body.view)).toContain("MRN 7730021 agreed by phone");

    await press(FILER, ACTIONS.letterText, encodeLetterRef(letterId, 1), thread.channel);
    await press(FILER, ACTIONS.letterSent, encodeLetterRef(letterId, 1), thread.channel);
    await expect.poll(() => privateTo(FILER).filter((body) => body.includes("You filed this case")).length, { timeout: 10_000 }).toBeGreaterThanOrEqual(5);
    expect(driver.slack.callsTo("files.completeUploadExternal").some((call) => call.body.channel_id === `D${FILER.slice(1)}`)).toBe(false);
    expect((await prisma().letter.findUniqueOrThrow({ where: { id: letterId } })).status).toBe("approved");

    // The team's own details view, for contrast: it shows the note in full.
    mark = viewsOpened().length;
    await more(TEAM, MORE_OPTIONS.details);
    const details = await waitFor(async () => viewsOpened()[mark] ?? null);
    expect(JSON.stringify(details.body.view)).toContain(PEER_NOTE);
  });
});
