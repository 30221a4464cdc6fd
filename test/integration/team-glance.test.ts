import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTION_FIELDS, ACTIONS, VIEWS } from "../../src/slack/ids.ts";
import { blockActionPayload } from "../fakes/signed-requests.ts";
import { PATIENT_NAME, RAISER_NAME } from "../fixtures/intake.ts";
import { fileCaseThroughSlack, privateMessagesTo, submitCaseModal, waitFor } from "../support/case-flow.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";

// A manager opens the App Home and sees the team at a glance: each coordinator's numbers and the
// cases at risk this week, one of which she opens from the row's menu; a coordinator asking for
// /case team is refused; the monthly digest reaches the managers by DM. Everything goes through
// signed Slack requests and a Slack that refuses what Slack refuses. "Now" is Saturday
// 28 November 2026, 12:00Z (07:00 in New York).

const ANA = "U0COORDANA";
const BO = "U0COORDBOB";
const MANAGER = "U0MANAGTEAM";
const ADMIN = "U0ADMIN001";

type Element = { type: string; action_id?: string; options?: { value: string; text: { text: string } }[] };
type Block = { type: string; text?: { text: string }; fields?: { text: string }[]; accessory?: Element };

describe("the team at a glance", () => {
  let app: TestApp;
  const prisma = () => app.running.deps.db.prisma;
  const replies = () => app.slack.calls.filter((call) => call.method.startsWith("response_url")).map((call) => JSON.stringify(call.body));

  beforeAll(async () => {
    app = await startTestApp("pglite");
    await app.running.deps.roles.setRole(ANA, "coordinator", ADMIN);
    await app.running.deps.roles.setRole(MANAGER, "manager", ADMIN);
  });
  afterAll(async () => {
    await app?.close();
  });

  it("shows a manager each coordinator's numbers and cases at risk, opens one from there, and refuses /case team to a coordinator", { timeout: 30_000 }, async () => {
    // Two cases received Friday 27 Nov 14:30Z; Ana, the only coordinator then, gets both.
    const grievance = await fileCaseThroughSlack(app, { receivedVia: "email" });
    const complaint = await fileCaseThroughSlack(app, { receivedVia: "phone" });
    await expect.poll(async () => (await prisma().case.findMany({ where: { ownerId: ANA } })).length).toBe(2);
    expect((await prisma().case.findUniqueOrThrow({ where: { id: grievance.id } })).type).toBe("grievance");
    // Bo joins afterwards and owns nothing.
    await app.running.deps.roles.setRole(BO, "coordinator", ADMIN);

    // Ana acknowledges the grievance now: 27 Nov 14:30Z → 28 Nov 12:00Z = 21.5 h. The complaint stays new.
    const acknowledged = await submitCaseModal(app, VIEWS.changeStatus, grievance.id, ANA, {
      [ACTION_FIELDS.status]: { [ACTION_FIELDS.status]: { type: "radio_buttons", selected_option: { value: "acknowledged" } } },
    });
    expect(acknowledged.status).toBe(200);
    await expect.poll(async () => (await prisma().case.findUniqueOrThrow({ where: { id: grievance.id } })).acknowledgedAt).not.toBeNull();

    await app.event({ type: "app_home_opened", user: MANAGER, channel: "D0HOMETEAM", tab: "home", event_ts: "1700000000.000950" });
    const published = await waitFor(async () => app.slack.callsTo("views.publish").findLast((call) => call.body.user_id === MANAGER && !call.failed) ?? null);
    const view = published.body.view as { blocks: Block[] };
    const shown = JSON.stringify(view);
    expect(shown).toContain("Team at a glance");
    expect(shown).toContain("November 2026 so far");
    // Ana: both cases open, none overdue yet; one acknowledged in 21.5 h, one not yet.
    const anaRow = view.blocks.find((block) => block.text?.text.startsWith(`*<@${ANA}>*`));
    expect(anaRow?.text?.text).toContain(`*<@${ANA}>* · open 2 · overdue 0\nack median 21.5 h (1 acknowledged, 1 not yet) · resolve median – (0 resolved) · grievances in time none due · first drafts passing none drafted · reopened 0`);
    // Both are at risk this week: the complaint's acknowledgement is due Tue 1 Dec (2 business days), the grievance's response Fri 4 Dec (7 days).
    expect(anaRow?.text?.text).toContain("*At risk this week (2):*");
    expect(anaRow?.text?.text).toContain(`|${complaint.number}> acknowledgement due in`);
    expect(anaRow?.text?.text).toContain(`|${grievance.number}> response due in`);
    // Bo, a coordinator with no case: a row of zeros.
    expect(shown).toContain(`*<@${BO}>* · open 0 · overdue 0`);
    // Totals: 2 open, none unassigned.
    expect(view.blocks.flatMap((block) => block.fields ?? []).map((field) => field.text)).toContain("*Open now*\n2 (0 unassigned)");
    // No patient data on the tab.
    expect(shown).not.toContain(PATIENT_NAME);
    expect(shown).not.toContain(RAISER_NAME);
    expect(shown).not.toContain("Waited six hours");

    // The row's menu opens the grievance's details through the card's own action.
    const menu = anaRow?.accessory;
    expect(menu?.action_id).toBe(ACTIONS.more);
    const option = menu?.options?.find((candidate) => candidate.text.text === `Open ${grievance.number} details`);
    expect(option).toBeDefined();
    const mark = app.slack.callsTo("views.open").length;
    const fromHome = { ...blockActionPayload({ actionId: ACTIONS.more, selectedOptionValue: option!.value, userId: MANAGER }), container: { type: "view", view_id: "V0HOMETEAM1" }, view: { id: "V0HOMETEAM1", type: "home", callback_id: "", hash: "1.abc" } } as Record<string, unknown>;
    // A click on the App Home comes from a view: no channel, no message, no response_url.
    delete fromHome.channel;
    delete fromHome.message;
    delete fromHome.response_url;
    expect((await app.interact(fromHome)).status).toBe(200);
    const details = await waitFor(async () => app.slack.callsTo("views.open").slice(mark).find((call) => (call.body.view as { callback_id: string }).callback_id === VIEWS.details && !call.failed) ?? null);
    expect(JSON.stringify(details.body.view)).toContain(grievance.number);
    // Viewing the details is audited as every view is.
    await expect.poll(async () => prisma().caseEvent.count({ where: { caseId: grievance.id, actorId: MANAGER, type: "details_viewed" } })).toBe(1);

    // /case team: the manager gets the month privately; a coordinator is refused, and the refusal is audited; a bad month is named.
    await app.slash("team", { userId: MANAGER });
    await expect.poll(() => replies().some((body) => body.includes("Team at a glance: November 2026 so far") && body.includes(`*<@${ANA}>* · open 2 · overdue 0`))).toBe(true);
    await app.slash("team", { userId: ANA });
    await expect.poll(() => replies().some((body) => body.includes("Only managers and admins see the team at a glance. Nothing was shown."))).toBe(true);
    expect(replies().filter((body) => body.includes("Team at a glance: November")).length).toBe(1);
    expect(await prisma().adminEvent.count({ where: { type: "permission_denied", actorId: ANA, data: { equals: { action: "team_report" } } } })).toBe(1);
    await app.slash("team 2026-13", { userId: MANAGER });
    // (Replies are JSON, so the month's quotes arrive escaped.)
    await expect.poll(() => replies().some((body) => body.includes('\\"2026-13\\" is not a month; write it as YYYY-MM'))).toBe(true);

    // The monthly digest for the 1 December slot (08:00 in New York) covers November and goes to each manager and admin by DM.
    expect(await app.running.deps.scheduler.fire(app.running.deps.teamDigestJob, new Date("2026-12-01T13:00:00Z"))).toBe(true);
    await app.running.deps.outbox.kick();
    await expect.poll(() => privateMessagesTo(app, MANAGER).some((body) => body.includes("Monthly team digest: November 2026") && body.includes(`<@${ANA}>`))).toBe(true);
    await expect.poll(() => privateMessagesTo(app, ADMIN).some((body) => body.includes("Monthly team digest: November 2026"))).toBe(true);
    expect(privateMessagesTo(app, ANA).some((body) => body.includes("Monthly team digest"))).toBe(false);
    expect(privateMessagesTo(app, MANAGER).join("\n")).not.toContain(PATIENT_NAME);
    // The same slot is sent once, whichever instance fires it.
    expect(await app.running.deps.scheduler.fire(app.running.deps.teamDigestJob, new Date("2026-12-01T13:00:00Z"))).toBe(false);
  });
});
