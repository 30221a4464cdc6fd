import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTION_FIELDS, ACTIONS, MORE_OPTIONS, VIEWS } from "../../src/slack/ids.ts";
import { DESCRIPTION, PATIENT_NAME } from "../fixtures/intake.ts";
import { blockActionPayload } from "../fakes/signed-requests.ts";
import { chooseMore, fileCaseThroughSlack, pressButton, privateMessagesTo, submitCaseModal } from "../support/case-flow.ts";
import { DATABASE_KINDS } from "../support/databases.ts";
import { CASE_CHANNEL, startTestApp, type TestApp } from "../support/test-app.ts";

const COORDINATOR_A = "U0COORD0A1";
const COORDINATOR_B = "U0COORD0B1";
const MANAGER = "U0MANAGER1";
const OTHER_STAFF = "U0STAFF002";

describe.each(DATABASE_KINDS)("case lifecycle through Slack (%s)", (kind) => {
  let app: TestApp;
  const prisma = () => app.running.deps.db.prisma;
  const events = async (caseId: string) => (await prisma().caseEvent.findMany({ where: { caseId }, orderBy: { id: "asc" } })).map((event) => event.type);
  const threadLines = (messageTs: string | null) =>
    app.slack.callsTo("chat.postMessage").filter((call) => call.body.channel === CASE_CHANNEL && call.body.thread_ts === messageTs).map((call) => String(call.body.text));

  beforeAll(async () => {
    app = await startTestApp(kind);
    const roles = app.running.deps.roles;
    await roles.setRole(COORDINATOR_A, "coordinator", "U0ADMIN001");
    await roles.setRole(COORDINATOR_B, "coordinator", "U0ADMIN001");
    await roles.setRole(MANAGER, "manager", "U0ADMIN001");
  });
  afterAll(async () => {
    await app?.close();
  });

  it("routes a new grievance to the least busy coordinator, records the rule, and shows the owner on the card", async () => {
    const filed = await fileCaseThroughSlack(app);
    expect(filed.routingRule).toBe("grievances-to-least-busy");
    expect(filed.teamId).toBe("patient-relations");
    expect([COORDINATOR_A, COORDINATOR_B]).toContain(filed.ownerId);
    const routed = await prisma().caseEvent.findFirstOrThrow({ where: { caseId: filed.id, type: "routed" } });
    expect(routed.data).toMatchObject({ rule: "grievances-to-least-busy", strategy: "fewest_open", ownerId: filed.ownerId });
    const card = app.slack.callsTo("chat.postMessage").find((call) => call.body.channel === CASE_CHANNEL && !call.body.thread_ts && JSON.stringify(call.body).includes(filed.number));
    expect(JSON.stringify(card?.body)).toContain(`<@${filed.ownerId}>`);
    expect(threadLines(filed.cardMessageTs).join("\n")).toContain("grievances-to-least-busy");
    // The next grievance goes to the other coordinator, who now has fewer open cases.
    const second = await fileCaseThroughSlack(app);
    expect(second.ownerId).not.toBe(filed.ownerId);
  });

  it("alerts the managers at once about harm, and gives a Medicare quality-of-care concern a QIO task", async () => {
    const before = privateMessagesTo(app, MANAGER).length;
    const harm = await fileCaseThroughSlack(app, { flags: ["alleges_harm", "medicare_beneficiary"], category: "quality" });
    expect(harm.routingRule).toBe("harm-to-least-busy");
    await expect.poll(() => privateMessagesTo(app, MANAGER).length).toBe(before + 1);
    const alert = privateMessagesTo(app, MANAGER).at(-1)!;
    expect(alert).toContain(harm.number);
    expect(alert).not.toContain(PATIENT_NAME);
    const task = await prisma().caseTask.findUniqueOrThrow({ where: { caseId_kind: { caseId: harm.id, kind: "qio_referral" } } });
    expect(task.status).toBe("open");
    const card = app.slack.callsTo("chat.postMessage").find((call) => call.body.channel === CASE_CHANNEL && !call.body.thread_ts && JSON.stringify(call.body).includes(harm.number));
    expect(JSON.stringify(card?.body), JSON.stringify(card?.body)).toContain("right to contact the QIO");
  });

  it("of two simultaneous 'Assign to me' presses exactly one wins and the other is told who owns it", async () => {
    // Routing gives every case an owner; clear it to set up an unassigned case.
    const filed = await fileCaseThroughSlack(app, { category: "routine_request", receivedVia: "in_person" });
    await prisma().case.update({ where: { id: filed.id }, data: { ownerId: null } });
    const before = [privateMessagesTo(app, COORDINATOR_A).length, privateMessagesTo(app, COORDINATOR_B).length];
    await Promise.all([pressButton(app, ACTIONS.assignToMe, filed.id, COORDINATOR_A), pressButton(app, ACTIONS.assignToMe, filed.id, COORDINATOR_B)]);
    // Buttons are acknowledged first and acted on after: wait until each presser has been answered.
    await expect
      .poll(() => privateMessagesTo(app, COORDINATOR_A).length > before[0]! && privateMessagesTo(app, COORDINATOR_B).length > before[1]!)
      .toBe(true);
    const after = await prisma().case.findUniqueOrThrow({ where: { id: filed.id } });
    expect([COORDINATOR_A, COORDINATOR_B]).toContain(after.ownerId);
    const loser = after.ownerId === COORDINATOR_A ? COORDINATOR_B : COORDINATOR_A;
    await expect.poll(() => privateMessagesTo(app, loser).some((message) => message.includes(`assigned to <@${after.ownerId}>`))).toBe(true);
    expect((await events(filed.id)).filter((type) => type === "assigned")).toHaveLength(1);
  });

  it("refuses staff a coordinator action, audits it, and changes nothing", async () => {
    const filed = await fileCaseThroughSlack(app);
    await pressButton(app, ACTIONS.changeStatus, filed.id, OTHER_STAFF);
    await expect.poll(() => privateMessagesTo(app, OTHER_STAFF).some((message) => message.includes("Nothing was changed"))).toBe(true);
    expect(await events(filed.id)).toContain("permission_denied");
    const opened = app.slack.callsTo("views.open").filter((call) => JSON.stringify(call.body).includes("case_change_status"));
    expect(opened).toHaveLength(0);
    const denied = await submitCaseModal(app, VIEWS.changeStatus, filed.id, OTHER_STAFF, { [ACTION_FIELDS.status]: { [ACTION_FIELDS.status]: { type: "radio_buttons", selected_option: { value: "acknowledged" } } } });
    expect(denied.json).toMatchObject({ response_action: "errors" });
    expect((await prisma().case.findUniqueOrThrow({ where: { id: filed.id } })).status).toBe("new");
  });

  it("moves a case along the workflow, re-renders the card in place and posts a short thread line", async () => {
    const filed = await fileCaseThroughSlack(app);
    const owner = filed.ownerId!;
    const updatesBefore = app.slack.callsTo("chat.update").length;
    const response = await submitCaseModal(app, VIEWS.changeStatus, filed.id, owner, {
      [ACTION_FIELDS.status]: { [ACTION_FIELDS.status]: { type: "radio_buttons", selected_option: { value: "acknowledged" } } },
    });
    expect(response.text).toBe("");
    const stored = await prisma().case.findUniqueOrThrow({ where: { id: filed.id } });
    expect(stored.status).toBe("acknowledged");
    expect(stored.acknowledgedAt).not.toBeNull();
    await app.running.deps.outbox.kick();
    expect(app.slack.callsTo("chat.update").length).toBeGreaterThan(updatesBefore);
    expect(threadLines(stored.cardMessageTs).some((line) => line.includes("from new to acknowledged"))).toBe(true);

    // A stale second submission (someone else already moved it) is refused in the form.
    const stale = await submitCaseModal(app, VIEWS.changeStatus, filed.id, MANAGER, {
      [ACTION_FIELDS.status]: { [ACTION_FIELDS.status]: { type: "radio_buttons", selected_option: { value: "acknowledged" } } },
    });
    expect(stale.json).toMatchObject({ response_action: "errors" });
  });

  it("of two different status changes submitted at once exactly one is applied", async () => {
    const filed = await fileCaseThroughSlack(app);
    const choose = (status: string) => ({ [ACTION_FIELDS.status]: { [ACTION_FIELDS.status]: { type: "radio_buttons", selected_option: { value: status } } } });
    const [first, second] = await Promise.all([
      submitCaseModal(app, VIEWS.changeStatus, filed.id, filed.ownerId!, choose("acknowledged"), "new"),
      submitCaseModal(app, VIEWS.changeStatus, filed.id, MANAGER, choose("investigating"), "new"),
    ]);
    const outcomes = [first.text === "", second.text === ""];
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    expect((await events(filed.id)).filter((type) => type === "status_changed")).toHaveLength(1);
    const refused = (outcomes[0] ? second : first).json as { errors: Record<string, string> };
    expect(refused.errors[ACTION_FIELDS.status]).toMatch(/someone changed it first/);
  });

  it("lets a coordinator change the classification with a reason, restarting the clocks", async () => {
    const filed = await fileCaseThroughSlack(app);
    expect(filed.type).toBe("grievance");
    const withoutReason = await submitCaseModal(app, VIEWS.reclassify, filed.id, filed.ownerId!, {
      [ACTION_FIELDS.caseType]: { [ACTION_FIELDS.caseType]: { type: "radio_buttons", selected_option: { value: "complaint" } } },
      [ACTION_FIELDS.overrideReason]: { [ACTION_FIELDS.overrideReason]: { type: "plain_text_input", value: "" } },
    });
    expect((withoutReason.json as { errors: Record<string, string> }).errors[ACTION_FIELDS.overrideReason]).toMatch(/reason/);
    const response = await submitCaseModal(app, VIEWS.reclassify, filed.id, filed.ownerId!, {
      [ACTION_FIELDS.caseType]: { [ACTION_FIELDS.caseType]: { type: "radio_buttons", selected_option: { value: "complaint" } } },
      [ACTION_FIELDS.overrideReason]: { [ACTION_FIELDS.overrideReason]: { type: "plain_text_input", value: "Charge nurse resolved it during the call." } },
    });
    expect(response.text).toBe("");
    const stored = await prisma().case.findUniqueOrThrow({ where: { id: filed.id } });
    expect(stored).toMatchObject({ type: "complaint", classificationRule: "coordinator_override", classificationOverridden: true });
    // Complaint target: 5 business days from Friday 27 Nov 09:30 New York.
    expect(stored.responseDueAt?.toISOString()).toBe("2026-12-04T14:30:00.000Z");
    const audit = await prisma().caseEvent.findFirstOrThrow({ where: { caseId: filed.id, type: "reclassified" } });
    expect(audit.data).toMatchObject({ from: "grievance", to: "complaint", reason: "Charge nurse resolved it during the call." });
  });

  it("adds investigation notes to the record without putting them in the channel", async () => {
    const filed = await fileCaseThroughSlack(app);
    const body = "Called the charge nurse; staffing was short that night.";
    const response = await submitCaseModal(app, VIEWS.addNote, filed.id, filed.ownerId!, {
      [ACTION_FIELDS.noteKind]: { [ACTION_FIELDS.noteKind]: { type: "radio_buttons", selected_option: { value: "step" } } },
      [ACTION_FIELDS.noteBody]: { [ACTION_FIELDS.noteBody]: { type: "plain_text_input", value: body } },
    });
    expect(response.text, response.text).toBe("");
    expect(await prisma().caseNote.count({ where: { caseId: filed.id, kind: "step" } })).toBe(1);
    await app.running.deps.outbox.kick();
    const channelText = JSON.stringify(app.slack.calls.filter((call) => call.body.channel === CASE_CHANNEL));
    expect(channelText).not.toContain("staffing was short");
    expect(threadLines(filed.cardMessageTs).some((line) => line.includes("investigation step taken"))).toBe(true);
  });

  it("shows details privately to the owner (audited) and refuses other staff", async () => {
    const filed = await fileCaseThroughSlack(app);
    await chooseMore(app, filed.id, MORE_OPTIONS.details, filed.ownerId!);
    await expect.poll(() => app.slack.callsTo("views.open").some((call) => JSON.stringify(call.body).includes(PATIENT_NAME) && JSON.stringify(call.body).includes(filed.number))).toBe(true);
    expect(await events(filed.id)).toContain("details_viewed");
    await chooseMore(app, filed.id, MORE_OPTIONS.details, OTHER_STAFF);
    await expect.poll(() => privateMessagesTo(app, OTHER_STAFF).some((message) => message.includes("can see patient details"))).toBe(true);
    expect((await events(filed.id)).filter((type) => type === "details_viewed")).toHaveLength(1);
  });

  it("pages the details past Slack's limits with Older notes (views.update of the same modal, audited)", async () => {
    const filed = await fileCaseThroughSlack(app);
    const owner = filed.ownerId!;
    for (let n = 0; n < 70; n++) await app.running.deps.caseActions.addNote(filed.id, owner, "note", `Note ${n}: ${"& < > ".repeat(450)}end ${n}`);
    await chooseMore(app, filed.id, MORE_OPTIONS.details, owner);
    // The newest note comes first; the oldest is a page or more away.
    await expect.poll(() => app.slack.callsTo("views.open").some((call) => JSON.stringify(call.body).includes("Note 69:"))).toBe(true);
    type Page = { blocks: { type: string; elements?: { action_id: string; value: string }[] }[] };
    const sent = app.slack.callsTo("views.open").at(-1)!.body.view as Page | string;
    const first = typeof sent === "string" ? (JSON.parse(sent) as Page) : sent;
    expect(JSON.stringify(first)).not.toContain("end 0");
    // Other actions blocks (guidance, resources) may come first: look in every one.
    const older = first.blocks.flatMap((block) => (block.type === "actions" ? (block.elements ?? []) : [])).find((element) => element.action_id === ACTIONS.detailsOlder);
    if (!older) throw new Error("no Older notes button on the first page");
    const press = {
      ...blockActionPayload({ actionId: ACTIONS.detailsOlder, value: older.value, userId: owner }),
      container: { type: "view", view_id: "V0DETAILS1" },
      view: { id: "V0DETAILS1", hash: "1700000000.details", callback_id: VIEWS.details, type: "modal", private_metadata: "", state: { values: {} } },
    };
    expect((await app.interact(press)).status).toBe(200);
    await expect.poll(() => app.slack.callsTo("views.update").find((call) => call.body.view_id === "V0DETAILS1")).toBeTruthy();
    const update = app.slack.callsTo("views.update").find((call) => call.body.view_id === "V0DETAILS1")!;
    expect(update.body.hash).toBe("1700000000.details");
    expect(JSON.stringify(update.body)).toContain("Newer notes");
    expect((await events(filed.id)).filter((type) => type === "details_viewed")).toHaveLength(2);
  });

  it("refuses to close a grievance without an approved written response", async () => {
    const filed = await fileCaseThroughSlack(app);
    expect(filed.type).toBe("grievance");
    const refused = await submitCaseModal(app, VIEWS.close, filed.id, filed.ownerId!, {
      [ACTION_FIELDS.outcome]: { [ACTION_FIELDS.outcome]: { type: "radio_buttons", selected_option: { value: "resolved" } } },
      [ACTION_FIELDS.resolution]: { [ACTION_FIELDS.resolution]: { type: "plain_text_input", value: "Spoke with the family by phone." } },
    });
    expect(JSON.stringify(refused.json)).toContain("needs an approved written response");
    expect((await prisma().case.findUniqueOrThrow({ where: { id: filed.id } })).status).toBe("new");
  });

  it("escalates to the managers and closes a complaint with an outcome; a closed case can be reopened", async () => {
    // A routine request is a complaint: it can close without a written response.
    const filed = await fileCaseThroughSlack(app, { category: "routine_request" });
    const owner = filed.ownerId!;
    const managerMessages = privateMessagesTo(app, MANAGER).length;
    expect((await submitCaseModal(app, VIEWS.escalate, filed.id, owner, {})).text).toBe("");
    await app.running.deps.outbox.kick();
    expect(privateMessagesTo(app, MANAGER).length).toBe(managerMessages + 1);

    const closed = await submitCaseModal(app, VIEWS.close, filed.id, owner, {
      [ACTION_FIELDS.outcome]: { [ACTION_FIELDS.outcome]: { type: "radio_buttons", selected_option: { value: "dissatisfied" } } },
      [ACTION_FIELDS.resolution]: { [ACTION_FIELDS.resolution]: { type: "plain_text_input", value: "Apologized; family still unhappy with wait times." } },
    });
    expect(closed.text).toBe("");
    const stored = await prisma().case.findUniqueOrThrow({ where: { id: filed.id } });
    expect(stored).toMatchObject({ status: "closed", outcome: "dissatisfied" });
    expect(stored.closedAt).not.toBeNull();

    expect((await submitCaseModal(app, VIEWS.reopen, filed.id, owner, {})).text).toBe("");
    expect((await prisma().case.findUniqueOrThrow({ where: { id: filed.id } })).status).toBe("investigating");
    expect(await events(filed.id)).toEqual(expect.arrayContaining(["escalated", "closed", "reopened"]));
  });

  it("lets coordinators find work and shows one case by number; staff see only what they filed", async () => {
    const filed = await fileCaseThroughSlack(app, { department: "Pediatrics", description: "Parent says the night nurse ignored the call bell twice." });
    const responses = () => app.slack.calls.filter((call) => call.method.startsWith("response_url")).map((call) => JSON.stringify(call.body));

    await app.slash(filed.number);
    await expect.poll(() => responses().some((text) => text.includes(`${filed.number} · Grievance`))).toBe(true);

    const asCoordinator = (text: string) => app.slash(text, { userId: COORDINATOR_A });
    await asCoordinator("open pediatrics");
    await asCoordinator("search call bell");
    await expect.poll(() => responses().filter((text) => text.includes(filed.number)).length).toBeGreaterThanOrEqual(3);
    expect(responses().join("\n")).not.toContain(DESCRIPTION);

    await app.slash("search call bell", { userId: OTHER_STAFF });
    await expect.poll(() => responses().some((text) => text.includes("Only patient-relations coordinators and managers can list or search"))).toBe(true);
  });

  it("links the case number to its card in /case lists, App Home and the owner's direct message", async () => {
    const filed = await fileCaseThroughSlack(app, { department: "Intensive Care" });
    const owner = filed.ownerId!;
    const cardPath = `/archives/${filed.cardChannelId}/p${filed.cardMessageTs!.replace(".", "")}|${filed.number}>`;
    await expect.poll(() => privateMessagesTo(app, owner).some((text) => text.includes(`You now own <`) && text.includes(cardPath))).toBe(true);

    const responses = () => app.slack.calls.filter((call) => call.method.startsWith("response_url")).map((call) => JSON.stringify(call.body));
    const before = responses().length;
    await app.slash("mine", { userId: owner });
    await app.slash("open intensive", { userId: owner });
    await expect.poll(() => responses().length).toBe(before + 2);
    // The workspace URL is the one auth.test gave at start-up.
    const workspace = app.running.deps.workspace.url.replace(/\/+$/, "");
    for (const text of responses().slice(before)) expect(text).toContain(`<${workspace}${cardPath}`);

    await app.event({ type: "app_home_opened", user: owner, channel: "D0HOME0002", tab: "home", event_ts: "1700000000.000901" });
    await expect.poll(() => app.slack.callsTo("views.publish").filter((call) => call.body.user_id === owner).length).toBeGreaterThan(0);
    expect(JSON.stringify(app.slack.callsTo("views.publish").filter((call) => call.body.user_id === owner).at(-1)!.body)).toContain(cardPath);
  });

  it("publishes the App Home tab with my cases and team counts", async () => {
    await app.event({ type: "app_home_opened", user: MANAGER, channel: "D0HOME0001", tab: "home", event_ts: "1700000000.000900" });
    await expect.poll(() => app.slack.callsTo("views.publish").filter((call) => call.body.user_id === MANAGER).length).toBe(1);
    const view = JSON.stringify(app.slack.callsTo("views.publish").at(-1)!.body);
    expect(view).toContain("My cases");
    expect(view).toContain("Awaiting my approval");
    expect(view).toContain("Past response deadline");
    expect(view).not.toContain(PATIENT_NAME);
  });
});
