import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeIntakeMetadata } from "../../src/slack/forms/case-intake.form.ts";
import { messageShortcutPayload, viewSubmissionPayload } from "../fakes/signed-requests.ts";
import { CONTACT_PHONE, DESCRIPTION, DESIRED_OUTCOME, intakeViewState, PATIENT_NAME, RAISER_NAME } from "../fixtures/intake.ts";
import { waitFor } from "../support/case-flow.ts";
import { DATABASE_KINDS } from "../support/databases.ts";
import { CASE_CHANNEL, startTestApp, TEST_NOW, type TestApp } from "../support/test-app.ts";

const PATIENT_DATA = [PATIENT_NAME, RAISER_NAME, CONTACT_PHONE, DESCRIPTION, DESIRED_OUTCOME, "Waited six hours"];

/** Top-level posts to the case channel (thread replies excluded). */
const cardPosts = (app: TestApp) => app.slack.callsTo("chat.postMessage").filter((call) => call.body.channel === CASE_CHANNEL && !call.body.thread_ts);

function expectNoPatientData(value: unknown) {
  const serialized = JSON.stringify(value);
  for (const fragment of PATIENT_DATA) expect(serialized).not.toContain(fragment);
}

let viewCounter = 0;
const nextViewId = () => `V0INTAKE${String(++viewCounter).padStart(3, "0")}`;

describe.each(DATABASE_KINDS)("filing a case end to end (%s)", (kind) => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp(kind);
  });
  afterAll(async () => {
    await app?.close();
  });

  const prisma = () => app.running.deps.db.prisma;

  it("/case opens the intake modal", async () => {
    const response = await app.slash("");
    expect(response.status).toBe(200);
    await expect.poll(() => app.slack.callsTo("views.open").length).toBe(1);
    const view = app.slack.callsTo("views.open")[0]!.body.view as { callback_id: string; blocks: { block_id?: string }[]; private_metadata: string };
    expect(view.callback_id).toBe("case_intake");
    expect(view.blocks.map((block) => block.block_id).filter(Boolean)).toEqual(
      expect.arrayContaining(["patient_name", "raised_by", "department", "category", "severity", "received_via", "received_at", "description", "flags"]),
    );
    expect(JSON.parse(view.private_metadata)).toEqual({ v: 1, originChannelId: "C0WARD0001" });
  });

  it("/case help and unknown words answer with usage, privately", async () => {
    const help = await app.slash("help");
    expect(help.json).toMatchObject({ response_type: "ephemeral" });
    expect(help.text).toContain("/case new");
    const unknown = await app.slash("frobnicate <!channel>");
    expect(unknown.text).toContain("I don't know");
    expect(unknown.text).not.toContain("<!channel>");
  });

  it("a submission files one case with audit event, posts a card without patient data and confirms privately", async () => {
    const viewId = nextViewId();
    const payload = viewSubmissionPayload({
      viewId,
      values: intakeViewState(),
      privateMetadata: encodeIntakeMetadata({ originChannelId: "C0WARD0001" }),
    });
    const response = await app.interact(payload);
    expect(response.status).toBe(200);
    // Acknowledged at once as "Filing…", before the save.
    expect(response.json).toMatchObject({ response_action: "update", view: { blocks: [{ text: { text: expect.stringContaining("Filing the case") } }] } });
    expect(JSON.stringify(response.json)).not.toContain('"submit"');

    await waitFor(() => prisma().case.findUnique({ where: { intakeKey: `slack-view:${viewId}` } }));
    const stored = await prisma().case.findUniqueOrThrow({ where: { intakeKey: `slack-view:${viewId}` }, include: { people: true, events: true } });
    expect(stored.number).toMatch(/^PR-2026-\d{4}$/);
    expect(stored.type).toBe("grievance");
    expect(stored.classificationRule).toBe("verbal_unresolved");
    expect(stored.responseDueAt?.toISOString()).toBe("2026-12-04T14:30:00.000Z");
    expect(stored.people.map((person) => person.role).sort()).toEqual(["patient", "raised_by"]);
    expect(stored.events.map((event) => event.type)).toContain("created");

    await expect.poll(() => cardPosts(app).length).toBe(1);
    const card = cardPosts(app)[0]!;
    expect(JSON.stringify(card.body)).toContain(stored.number);
    expect(JSON.stringify(card.body)).toContain("Emergency Department");
    expectNoPatientData(card.body);
    await expect.poll(async () => (await prisma().case.findUniqueOrThrow({ where: { id: stored.id } })).cardMessageTs).toBeTruthy();

    // The modal then shows the case number in place of the form; nothing is posted besides.
    await expect.poll(() => app.slack.callsTo("views.update").filter((call) => call.body.view_id === viewId).length).toBe(1);
    const confirmation = app.slack.callsTo("views.update").find((call) => call.body.view_id === viewId)!;
    expect(JSON.stringify(confirmation.body)).toContain(`Filed *${stored.number}* as a grievance`);
    expect(JSON.stringify(confirmation.body)).toContain("Respond (or send the interim letter) by Fri 4 Dec, 9:30 AM EST");
    expectNoPatientData(confirmation.body);
    expect(app.slack.callsTo("chat.postEphemeral")).toHaveLength(0);
    expectNoPatientData(app.logs);
  });

  it("the same submission delivered three times at once creates one case and one card", async () => {
    const viewId = nextViewId();
    const payload = viewSubmissionPayload({ viewId, values: intakeViewState() });
    const cardsBefore = cardPosts(app).length;
    const responses = await Promise.all([app.interact(payload), app.interact(payload), app.interact(payload)]);
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200]);
    // Every delivery ends with the modal showing the case: one new, two "already filed".
    const outcomes = () => app.slack.callsTo("views.update").filter((call) => call.body.view_id === viewId).map((call) => JSON.stringify(call.body));
    await expect.poll(() => outcomes().length).toBe(3);
    expect(outcomes().filter((body) => body.includes("already filed"))).toHaveLength(2);
    expect(await prisma().case.count({ where: { intakeKey: `slack-view:${viewId}` } })).toBe(1);
    await app.running.deps.outbox.kick();
    expect(cardPosts(app).length).toBe(cardsBefore + 1);
  });

  it("confirms privately when the filer closed the form: in the channel, else by direct message", async () => {
    const ephemeralBefore = app.slack.callsTo("chat.postEphemeral").length;
    const dms = () => app.slack.callsTo("chat.postMessage").filter((call) => call.body.channel === "U0NURSE01");
    const dmsBefore = dms().length;
    // views.update fails as Slack answers for a modal that is no longer open.
    app.slack.failNext("views.update", "not_found", 3);
    app.slack.failNext("chat.postEphemeral", "channel_not_found");
    const inChannel = (viewId: string, channel: string) =>
      viewSubmissionPayload({ viewId, values: intakeViewState(), privateMetadata: encodeIntakeMetadata({ originChannelId: channel }) });
    await app.interact(inChannel(nextViewId(), "C0PRIVATE1"));
    await expect.poll(() => dms().length).toBe(dmsBefore + 1);
    await app.interact(viewSubmissionPayload({ viewId: nextViewId(), values: intakeViewState() }));
    await expect.poll(() => dms().length).toBe(dmsBefore + 2);
    await app.interact(inChannel(nextViewId(), "C0WARD0001"));
    await expect.poll(() => app.slack.callsTo("chat.postEphemeral").length).toBe(ephemeralBefore + 2);
    const ephemeral = app.slack.callsTo("chat.postEphemeral").at(-1)!;
    expect(ephemeral.body).toMatchObject({ channel: "C0WARD0001", user: "U0NURSE01" });
    expect(JSON.stringify(ephemeral.body)).toMatch(/Filed \*PR-2026-\d{4}\*/);
    expectNoPatientData(ephemeral.body);
  });

  it("invalid input is returned inline and nothing is stored", async () => {
    const viewId = nextViewId();
    const future = new Date(new Date(TEST_NOW).getTime() + 3 * 3_600_000);
    const payload = viewSubmissionPayload({
      viewId,
      values: intakeViewState({ patientName: "  ", receivedAt: future, raisedBy: "family", raiserName: "" }),
    });
    const response = await app.interact(payload);
    expect(response.json).toMatchObject({ response_action: "errors" });
    const errors = (response.json as { errors: Record<string, string> }).errors;
    expect(errors.patient_name).toMatch(/patient's name/);
    expect(errors.received_at).toMatch(/future/);
    expect(errors.raiser_name).toMatch(/family member or representative/);
    expect(await prisma().case.count({ where: { intakeKey: `slack-view:${viewId}` } })).toBe(0);
  });

  it("the message shortcut opens the modal prefilled with the message text", async () => {
    const before = app.slack.callsTo("views.open").length;
    const response = await app.interact(messageShortcutPayload({ text: "Family says the call bell was ignored overnight." }));
    expect(response.status).toBe(200);
    await expect.poll(() => app.slack.callsTo("views.open").length).toBe(before + 1);
    const view = app.slack.callsTo("views.open").at(-1)!.body.view as { blocks: { block_id?: string; element?: { initial_value?: string } }[]; private_metadata: string };
    const description = view.blocks.find((block) => block.block_id === "description");
    expect(description?.element?.initial_value).toBe("Family says the call bell was ignored overnight.");
    expect(JSON.parse(view.private_metadata)).toMatchObject({ originChannelId: "C0WARD0001", sourceMessageTs: "1700000000.000200" });
  });

  it("the message shortcut prefills what the reader saw, not Slack's markup", async () => {
    const before = app.slack.callsTo("views.open").length;
    await app.interact(messageShortcutPayload({ text: "<@U0FRONT01|sam>: family waited &gt; 4 h &amp; left <!here> <#C0WARD0001|ward-3> <https://intranet.example/x|policy>" }));
    await expect.poll(() => app.slack.callsTo("views.open").length).toBe(before + 1);
    const view = app.slack.callsTo("views.open").at(-1)!.body.view as { blocks: { block_id?: string; element?: { initial_value?: string } }[] };
    const description = view.blocks.find((block) => block.block_id === "description");
    expect(description?.element?.initial_value).toBe("@sam: family waited > 4 h & left @here #ward-3 policy");
  });
});
