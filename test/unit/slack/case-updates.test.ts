import { describe, expect, it } from "vitest";
import type { CaseSummary } from "../../../src/cases/case.ts";
import { caseSummary } from "../../fixtures/case-summary.ts";
import type { CaseUpdatePayload, UpdateKind } from "../../../src/cases/case-updates.ts";
import { directMessageText, threadUpdateText } from "../../../src/slack/blocks/case-updates.ts";

const summary: CaseSummary = caseSummary();

const caseId = summary.id;
const update = (kind: UpdateKind, fields: Record<string, string> = {}): CaseUpdatePayload => ({ caseId, kind, ...fields });
const reminder = (kind: string, fields: Record<string, string> = {}) =>
  update("reminder", { reminder: kind, dueAt: "2026-12-01T15:00:00.000Z", timeZone: "UTC", caseType: "grievance", ...fields });

describe("threadUpdateText", () => {
  it.each<[string, CaseUpdatePayload, string]>([
    ["routed with an owner", update("routed", { teamId: "patient-relations", rule: "grievances-to-least-busy", ownerId: "U0COORD01" }), "Routed to team `patient-relations` by rule `grievances-to-least-busy`; owner <@U0COORD01>."],
    ["routed without an owner", update("routed", { teamId: "risk-management", rule: "default" }), "Routed to team `risk-management` by rule `default`; no owner available yet."],
    ["assigned", update("assigned", { ownerId: "U0COORD01", actorId: "U0COORD01" }), "<@U0COORD01> took ownership."],
    ["reassigned", update("reassigned", { actorId: "U0MGR0001", ownerId: "U0COORD02" }), "<@U0MGR0001> reassigned the case to <@U0COORD02>."],
    ["status changed", update("status_changed", { actorId: "U0COORD01", from: "new", to: "awaiting_response" }), "<@U0COORD01> changed the status from new to awaiting response."],
    ["status changed by the system", update("status_changed", { actorId: "system", from: "new", to: "acknowledged" }), "the rules changed the status from new to acknowledged."],
    ["note added (a step)", update("note_added", { actorId: "U0COORD01", noteKind: "step" }), "<@U0COORD01> added: investigation step taken (open *View details* to read it)."],
    ["note added (a result)", update("note_added", { actorId: "U0COORD01", noteKind: "result" }), "<@U0COORD01> added: finding or result (open *View details* to read it)."],
    ["note added (unknown kind)", update("note_added", { actorId: "U0COORD01", noteKind: "scribble" }), "<@U0COORD01> added: a note (open *View details* to read it)."],
    ["escalated", update("escalated", { actorId: "U0COORD01" }), ":arrow_double_up: <@U0COORD01> escalated the case to the managers."],
    ["closed, resolved", update("closed", { actorId: "U0COORD01", outcome: "resolved" }), "<@U0COORD01> closed the case: resolved."],
    ["closed, dissatisfied", update("closed", { actorId: "U0MGR0001", outcome: "dissatisfied" }), "<@U0MGR0001> closed the case: closed, patient still dissatisfied."],
    ["reopened", update("reopened", { actorId: "U0MGR0001" }), "<@U0MGR0001> reopened the case."],
    ["reclassified", update("reclassified", { actorId: "U0COORD01", to: "complaint" }), "<@U0COORD01> changed the classification to complaint."],
    ["QIO referral", update("qio_referral"), ":ballot_box_with_check: Task added: tell the patient of the right to contact the QIO (Medicare quality-of-care or discharge concern)."],
    ["harm or critical alert", update("alert_harm_or_critical", { reasons: "alleges harm, severity 4 – critical" }), ":rotating_light: Managers and risk management alerted: alleges harm, severity 4 – critical."],
  ])("%s", (_title, payload, expected) => {
    expect(threadUpdateText(payload)).toBe(expected);
  });

  it.each<[string, CaseUpdatePayload, string]>([
    ["acknowledgement due soon", reminder("acknowledge_due_soon"), ":alarm_clock: Acknowledgement due Tue 1 Dec, 3:00 PM UTC."],
    ["acknowledgement overdue", reminder("acknowledge_overdue"), ":red_circle: Acknowledgement overdue since Tue 1 Dec, 3:00 PM UTC."],
    ["grievance response due soon", reminder("response_due_soon"), ":alarm_clock: Written response or interim letter due Tue 1 Dec, 3:00 PM UTC."],
    ["complaint response due soon", reminder("response_due_soon", { caseType: "complaint" }), ":alarm_clock: Response due Tue 1 Dec, 3:00 PM UTC."],
    ["grievance response overdue", reminder("response_overdue"), ":red_circle: Written response or interim letter overdue since Tue 1 Dec, 3:00 PM UTC."],
    ["complaint response overdue", reminder("response_overdue", { caseType: "complaint" }), ":red_circle: Response overdue since Tue 1 Dec, 3:00 PM UTC."],
    ["unassigned", reminder("unassigned", { dueAt: "2026-11-28T12:00:00.000Z" }), ":wave: Nobody owns this case yet (filed Sat 28 Nov, 12:00 PM UTC). Press *Assign to me* on the card."],
    ["an unknown reminder", reminder("frobnicate"), "Reminder."],
  ])("reminder: %s", (_title, payload, expected) => {
    expect(threadUpdateText(payload)).toBe(expected);
  });

  it("says in the thread that a letter awaits approval, by kind and version", () => {
    expect(threadUpdateText(update("letter_awaiting_approval", { letterKind: "interim", version: "2" }))).toBe(":envelope: The interim letter (version 2) awaits a manager's approval.");
  });

  it("words reminder times in the hospital's time zone, and in UTC when none is given", () => {
    expect(threadUpdateText(reminder("acknowledge_due_soon", { timeZone: "America/New_York" }))).toBe(":alarm_clock: Acknowledgement due Tue 1 Dec, 10:00 AM EST.");
    const { timeZone: _omitted, ...withoutZone } = reminder("acknowledge_due_soon");
    expect(threadUpdateText(withoutZone as CaseUpdatePayload)).toBe(":alarm_clock: Acknowledgement due Tue 1 Dec, 3:00 PM UTC.");
  });
});

describe("directMessageText", () => {
  const permalink = "https://hospital.slack.com/archives/C0CASES01/p1764590400000100";

  it.each<[string, CaseUpdatePayload, string | null, string]>([
    ["assigned, with a link", update("assigned", { ownerId: "U0COORD01" }), permalink, `You now own <${permalink}|PR-2026-0042> (Emergency Department, severity 2).`],
    ["assigned, without a link", update("assigned", { ownerId: "U0COORD01" }), null, "You now own *PR-2026-0042* (Emergency Department, severity 2)."],
    ["reassigned", update("reassigned", { actorId: "U0MGR0001", ownerId: "U0COORD02" }), null, "You now own *PR-2026-0042* (Emergency Department, severity 2)."],
    ["escalated", update("escalated", { actorId: "U0COORD01" }), permalink, `:arrow_double_up: <@U0COORD01> escalated <${permalink}|PR-2026-0042> to the managers.`],
    ["harm or critical alert", update("alert_harm_or_critical", { reasons: "alleges harm" }), null, ":rotating_light: *PR-2026-0042* needs attention now: alleges harm."],
    ["a reminder", reminder("response_overdue"), permalink, `<${permalink}|PR-2026-0042>: :red_circle: Written response or interim letter overdue since Tue 1 Dec, 3:00 PM UTC.`],
    ["a reminder without a link", reminder("acknowledge_due_soon"), null, "*PR-2026-0042*: :alarm_clock: Acknowledgement due Tue 1 Dec, 3:00 PM UTC."],
    ["any other update", update("reopened", { actorId: "U0MGR0001" }), null, "*PR-2026-0042*: <@U0MGR0001> reopened the case."],
    [
      "a letter awaiting approval",
      update("letter_awaiting_approval", { letterKind: "response", version: "2" }),
      permalink,
      `:envelope: The response letter (version 2) for <${permalink}|PR-2026-0042> is ready and awaits your approval. Open it in the case's thread to review, edit, approve or reject it.`,
    ],
  ])("%s", (_title, payload, link, expected) => {
    expect(directMessageText(payload, summary, link)).toBe(expected);
  });

  it("escapes a hostile department", () => {
    const text = directMessageText(update("assigned", { ownerId: "U0COORD01" }), { ...summary, department: "<!channel> Ward" }, null);
    expect(text).toBe("You now own *PR-2026-0042* (&lt;!channel&gt; Ward, severity 2).");
  });
});

describe("hostile payload values never ping or link", () => {
  const HOSTILE = "<!channel> <!here> <@U0EVIL01> <https://evil.example|click>";
  const assertInert = (text: string) => {
    expect(text).not.toContain("<!channel>");
    expect(text).not.toContain("<!here>");
    expect(text).not.toContain("<https://evil.example");
  };

  it.each<[string, CaseUpdatePayload]>([
    ["routed: teamId", update("routed", { teamId: HOSTILE, rule: "default" })],
    ["routed: rule", update("routed", { teamId: "patient-relations", rule: HOSTILE })],
    ["reclassified: to", update("reclassified", { actorId: "U0COORD01", to: HOSTILE })],
    ["alert: reasons", update("alert_harm_or_critical", { reasons: HOSTILE })],
    ["note_added: noteKind", update("note_added", { actorId: "U0COORD01", noteKind: HOSTILE })],
    ["reminder: reminder kind", reminder(HOSTILE)],
    ["letter awaiting approval: kind and version", update("letter_awaiting_approval", { letterKind: HOSTILE, version: HOSTILE })],
  ])("escaped in the thread: %s", (_title, payload) => {
    const text = threadUpdateText(payload);
    assertInert(text);
  });

  it("shows the escaped text rather than dropping it", () => {
    expect(threadUpdateText(update("alert_harm_or_critical", { reasons: "<!channel>" }))).toBe(":rotating_light: Managers and risk management alerted: &lt;!channel&gt;.");
    expect(threadUpdateText(update("routed", { teamId: "<!here>", rule: "a&b" }))).toBe("Routed to team `&lt;!here&gt;` by rule `a&amp;b`; no owner available yet.");
  });

  it.each<[string, CaseUpdatePayload]>([
    ["status_changed: from", update("status_changed", { actorId: "U0COORD01", from: HOSTILE, to: "resolved" })],
    ["status_changed: to", update("status_changed", { actorId: "U0COORD01", from: "new", to: HOSTILE })],
    ["closed: outcome", update("closed", { actorId: "U0COORD01", outcome: HOSTILE })],
  ])("escaped in the thread when a code is not one we know: %s", (_title, payload) => {
    assertInert(threadUpdateText(payload));
  });

  it.each<[string, CaseUpdatePayload]>([
    ["routed: ownerId", update("routed", { teamId: "patient-relations", rule: "default", ownerId: "<!channel>" })],
    ["assigned: ownerId", update("assigned", { ownerId: "<!channel>" })],
    ["reassigned: actorId", update("reassigned", { actorId: "<!here>", ownerId: "U0COORD02" })],
    ["reassigned: ownerId", update("reassigned", { actorId: "U0MGR0001", ownerId: "<!channel>" })],
    ["escalated: actorId", update("escalated", { actorId: "<!here>" })],
    ["reopened: actorId", update("reopened", { actorId: "<!channel>" })],
  ])("never builds a mention from something that is not a user id: %s", (_title, payload) => {
    assertInert(threadUpdateText(payload));
    assertInert(directMessageText(payload, summary, null));
  });

  it.each<[string, CaseUpdatePayload]>([
    ["alert: reasons", update("alert_harm_or_critical", { reasons: HOSTILE })],
    ["routed: teamId and rule", update("routed", { teamId: HOSTILE, rule: HOSTILE })],
    ["reminder: reminder kind", reminder(HOSTILE)],
    ["reclassified: to", update("reclassified", { actorId: "U0COORD01", to: HOSTILE })],
  ])("escaped in a direct message: %s", (_title, payload) => {
    assertInert(directMessageText(payload, summary, null));
    assertInert(directMessageText(payload, { ...summary, department: HOSTILE }, "https://hospital.slack.com/archives/C0CASES01/p1"));
  });
});
