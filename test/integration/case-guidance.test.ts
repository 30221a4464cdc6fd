import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTION_FIELDS, ACTIONS, MORE_OPTIONS, VIEWS } from "../../src/slack/ids.ts";
import { blockActionPayload, viewSubmissionPayload } from "../fakes/signed-requests.ts";
import { PATIENT_NAME } from "../fixtures/intake.ts";
import { chooseMore, fileCaseThroughSlack, privateMessagesTo, waitFor } from "../support/case-flow.ts";
import { CASE_CHANNEL, startTestApp, type TestApp } from "../support/test-app.ts";

// A coordinator assigned a Medicare discharge complaint sees, without asking, that the patient can
// ask the QIO for a same-day review, and the community resources that fit; she records one offered.
// Everything goes through signed Slack requests and a Slack that refuses what Slack refuses.

const COORDINATOR = "U0COORDGDE";
const NARRATIVE = "They want to discharge my mother tomorrow but she still cannot walk, and she has no ride home.";

type View = { callback_id: string; private_metadata?: string; blocks: { block_id?: string; elements?: { action_id?: string; value?: string }[] }[] };

describe("guidance and community resources on a case", () => {
  let app: TestApp;
  const prisma = () => app.running.deps.db.prisma;

  beforeAll(async () => {
    app = await startTestApp("pglite");
    await app.running.deps.roles.setRole(COORDINATOR, "coordinator", "U0ADMIN001");
  });
  afterAll(async () => {
    await app?.close();
  });

  const opened = (callbackId: string, after: number) =>
    waitFor(async () => {
      const call = app.slack.callsTo("views.open").slice(after).findLast((candidate) => (candidate.body.view as View).callback_id === callbackId && !candidate.failed);
      return call ? (call.body.view as View) : null;
    });

  it("shows the QIO expedited-review card and fitting resources to the new owner, and records a resource offered", { timeout: 30_000 }, async () => {
    const filed = await fileCaseThroughSlack(app, { category: "discharge", flags: ["medicare_beneficiary"], description: NARRATIVE, preferredLanguage: "English" });
    await app.running.deps.outbox.kick();
    await expect.poll(async () => (await prisma().case.findUniqueOrThrow({ where: { id: filed.id } })).ownerId).toBe(COORDINATOR);
    const card = await waitFor(async () => (await prisma().case.findUniqueOrThrow({ where: { id: filed.id } })).cardMessageTs);

    // In the case's thread: the cards' titles for the owner, the urgent one first, and a private button. No patient data.
    const threadReply = await waitFor(async () => {
      await app.running.deps.outbox.kick();
      return app.slack.callsTo("chat.postMessage").find((call) => call.body.thread_ts === card && String(call.body.text).startsWith(`Guidance for <@${COORDINATOR}>`)) ?? null;
    });
    const posted = JSON.stringify(threadReply.body);
    expect(threadReply.body.channel).toBe(CASE_CHANNEL);
    expect(String(threadReply.body.text)).toMatch(/^Guidance for <@U0COORDGDE> on this case: Medicare: ask the QIO for a same-day discharge review, /);
    expect(posted).toContain(ACTIONS.openGuidance);
    expect(posted).not.toContain(PATIENT_NAME);
    expect(posted).not.toContain("cannot walk");

    // The private case view shows, first, that the patient can ask the QIO for an expedited review today, and the resources that fit.
    let mark = app.slack.callsTo("views.open").length;
    await chooseMore(app, filed.id, MORE_OPTIONS.details, COORDINATOR);
    const details = await opened(VIEWS.details, mark);
    const shown = JSON.stringify(details);
    expect(shown).toContain("*Guidance for this case*\\n:rotating_light: First: the patient can ask the QIO for an expedited review of the discharge today.");
    expect(shown).toContain("EXAMPLE – Riverbend Volunteer Ride Line");
    expect(shown).toContain("EXAMPLE – Valley Caregiver Support Network");
    // The QIO's number is the hospital's to fill in: the card says so instead of guessing one.
    expect(shown).toContain("qio phone: not set yet");

    // The button in the thread opens the cards privately, in full.
    mark = app.slack.callsTo("views.open").length;
    await app.interact(blockActionPayload({ actionId: ACTIONS.openGuidance, value: JSON.stringify({ c: filed.id }), userId: COORDINATOR, messageTs: card }));
    const guidance = JSON.stringify(await opened(VIEWS.caseGuidance, mark));
    expect(guidance).toContain("42 CFR 405.1206");
    expect(guidance).toContain("no later than the planned discharge date and before leaving the hospital");

    // She records the ride line as offered, from the button in the details view.
    const record = details.blocks.flatMap((block) => block.elements ?? []).find((element) => element.action_id === ACTIONS.recordResources);
    expect(record).toBeDefined();
    mark = app.slack.callsTo("views.open").length;
    await app.interact(blockActionPayload({ actionId: ACTIONS.recordResources, value: record!.value!, userId: COORDINATOR }));
    const form = await opened(VIEWS.recordResources, mark);
    expect(JSON.stringify(form)).toContain("example-ride-home");
    const field = ACTION_FIELDS.suggestedResources;
    const submit = (selected: string[]) =>
      app.interact(
        viewSubmissionPayload({
          viewId: `V0GDE${Math.random().toString(36).slice(2, 8).toUpperCase()}`,
          callbackId: form.callback_id,
          privateMetadata: form.private_metadata ?? "",
          userId: COORDINATOR,
          values: { [field]: { [field]: { type: "checkboxes", selected_options: selected.map((value) => ({ value })) } } },
        }),
      );
    // Nothing ticked: the form says what to do and records nothing.
    const empty = await submit([]);
    expect(empty.json).toMatchObject({ response_action: "errors" });
    expect(await prisma().resourceOffer.count()).toBe(0);

    expect((await submit(["example-ride-home"])).status).toBe(200);
    const offers = await waitFor(async () => {
      const rows = await prisma().resourceOffer.findMany({ where: { caseId: filed.id } });
      return rows.length > 0 ? rows : null;
    });
    expect(offers.map((offer) => ({ resourceId: offer.resourceId, tags: offer.tags, offeredBy: offer.offeredBy }))).toEqual([{ resourceId: "example-ride-home", tags: ["transport"], offeredBy: COORDINATOR }]);
    const audit = await prisma().caseEvent.findFirstOrThrow({ where: { caseId: filed.id, type: "resources_offered" } });
    expect(audit).toMatchObject({ actorId: COORDINATOR, data: { resources: "example-ride-home", count: "1" } });
    await expect.poll(() => privateMessagesTo(app, COORDINATOR).some((body) => body.includes("Recorded 1 resource offered"))).toBe(true);

    // /case guide answers privately; the monthly report counts the offer by kind (for managers only).
    await app.slash("guide moon", { userId: COORDINATOR });
    await app.slash("resources report", { userId: COORDINATOR });
    await app.running.deps.roles.setRole("U0MANAGGDE", "manager", "U0ADMIN001");
    await app.slash("resources report", { userId: "U0MANAGGDE" });
    const replies = () => app.slack.calls.filter((call) => call.method.startsWith("response_url")).map((call) => JSON.stringify(call.body));
    await expect.poll(() => replies().some((body) => body.includes("Medicare observation status (the MOON)"))).toBe(true);
    await expect.poll(() => replies().some((body) => body.includes("Only managers see the team's reports"))).toBe(true);
    await expect.poll(() => replies().some((body) => body.includes("• Transport: 1"))).toBe(true);
  });
});
