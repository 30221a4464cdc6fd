import { describe, expect, it } from "vitest";
import type { CaseSummary } from "../../../src/cases/case.ts";
import { caseSummary } from "../../fixtures/case-summary.ts";
import { buildEscalationDigest, type EscalationInput } from "../../../src/digests/escalation.ts";
import { escalationMessages } from "../../../src/slack/blocks/digests.ts";
import { checkMessage } from "../../fakes/block-kit/index.ts";

const HOUR = 3_600_000;
const TZ = "America/New_York";
// Tuesday 1 December 2026, 08:00 in New York.
const now = new Date("2026-12-01T13:00:00Z");

let counter = 0;
function summary(overrides: Partial<CaseSummary> = {}): CaseSummary {
  counter += 1;
  return caseSummary({
    id: `00000000-0000-4000-8000-${String(counter).padStart(12, "0")}`,
    number: `PR-2026-${String(counter).padStart(4, "0")}`,
    status: "acknowledged",
    type: "complaint",
    receivedAt: new Date(now.getTime() - 24 * HOUR),
    acknowledgeDueAt: null,
    responseDueAt: new Date(now.getTime() + 10 * 24 * HOUR),
    ownerId: "U0OWNER001",
    cardChannelId: "C0CASES001",
    cardMessageTs: "1700000000.000100",
    createdAt: new Date(now.getTime() - 24 * HOUR),
    ...overrides,
  });
}

const input = (openCases: CaseSummary[], extra: Partial<EscalationInput> = {}): EscalationInput => ({
  openCases,
  interimLetterCaseIds: new Set(),
  draftsWaiting: [],
  now,
  timeZone: TZ,
  unassignedAfterMs: 24 * HOUR,
  draftWaitingAfterMs: 24 * HOUR,
  ...extra,
});

describe("buildEscalationDigest", () => {
  it("groups worst first and lists each case once, in its worst group", () => {
    const overdueLong = summary({ responseDueAt: new Date(now.getTime() - 48 * HOUR) });
    const overdueShort = summary({ responseDueAt: new Date(now.getTime() - 2 * HOUR), allegesHarm: true });
    const harm = summary({ allegesHarm: true });
    const grievanceDay6 = summary({ type: "grievance", receivedAt: new Date(now.getTime() - 6 * 24 * HOUR), responseDueAt: new Date(now.getTime() + 24 * HOUR) });
    const dueToday = summary({ responseDueAt: new Date("2026-12-01T22:00:00Z") }); // 17:00 New York
    const dueTomorrow = summary({ responseDueAt: new Date("2026-12-02T15:00:00Z") });
    const unassigned = summary({ ownerId: null, createdAt: new Date(now.getTime() - 30 * HOUR) });
    const quiet = summary();
    const digest = buildEscalationDigest(input([quiet, dueTomorrow, unassigned, dueToday, grievanceDay6, harm, overdueShort, overdueLong]));
    expect(digest.groups.map((group) => [group.group, group.items.map((item) => item.caseNumber)])).toEqual([
      ["overdue", [overdueLong.number, overdueShort.number]],
      ["critical_or_harm", [harm.number]],
      ["no_interim_letter", [grievanceDay6.number]],
      ["due_today", [dueToday.number]],
      ["due_tomorrow", [dueTomorrow.number]],
      ["unassigned", [unassigned.number]],
    ]);
    expect(digest.total).toBe(7);
  });

  it("lists a grievance open 30 days or more with no written update in 30 days, whatever its interim letter promised", () => {
    const DAY = 24 * HOUR;
    const ago = (days: number) => new Date(now.getTime() - days * DAY);
    // An interim letter on day 6 promised the response for day 66 (INTERIM_RESPONSE_DAYS 60): not overdue, yet silent for 31 days.
    const silent = summary({ type: "grievance", receivedAt: ago(37), responseDueAt: new Date(now.getTime() + 29 * DAY) });
    const neverWritten = summary({ type: "grievance", receivedAt: ago(30), responseDueAt: new Date(now.getTime() + 20 * DAY) });
    const updatedLately = summary({ type: "grievance", receivedAt: ago(40), responseDueAt: new Date(now.getTime() + 20 * DAY) });
    const complaint = summary({ receivedAt: ago(45) });
    const digest = buildEscalationDigest(
      input([silent, neverWritten, updatedLately, complaint], {
        interimLetterCaseIds: new Set([silent.id, updatedLately.id]),
        lastWrittenUpdate: new Map([
          [silent.id, ago(31)],
          [updatedLately.id, ago(29)],
        ]),
      }),
    );
    expect(digest.groups.map((group) => [group.group, group.items.map((item) => item.caseNumber)])).toEqual([
      // The longest silent first: the last letter 31 days ago, then received 30 days ago with none.
      ["no_written_update", [silent.number, neverWritten.number]],
    ]);
    expect(digest.groups[0]!.items.map((item) => item.at)).toEqual([ago(31), ago(30)]);
  });

  it("leaves out grievances that have an interim letter, and young unassigned cases", () => {
    const grievance = summary({ type: "grievance", receivedAt: new Date(now.getTime() - 6 * 24 * HOUR) });
    const young = summary({ ownerId: null, createdAt: new Date(now.getTime() - 2 * HOUR) });
    expect(buildEscalationDigest(input([grievance, young], { interimLetterCaseIds: new Set([grievance.id]) })).total).toBe(0);
  });

  it("lists letters waiting too long for approval even when the case is listed above", () => {
    const overdue = summary({ responseDueAt: new Date(now.getTime() - HOUR) });
    const digest = buildEscalationDigest(input([overdue], { draftsWaiting: [{ caseId: overdue.id, since: new Date(now.getTime() - 30 * HOUR) }] }));
    expect(digest.groups.map((group) => group.group)).toEqual(["overdue", "drafts_waiting"]);
  });

  it("counts each listed case once, whether it is listed for its waiting letters only or also above", () => {
    const overdue = summary({ responseDueAt: new Date(now.getTime() - HOUR) });
    const quiet = summary();
    const young = summary();
    const draftsWaiting = [
      { caseId: overdue.id, since: new Date(now.getTime() - 30 * HOUR) },
      { caseId: quiet.id, since: new Date(now.getTime() - 40 * HOUR) },
      { caseId: quiet.id, since: new Date(now.getTime() - 25 * HOUR) },
      { caseId: young.id, since: new Date(now.getTime() - 2 * HOUR) },
    ];
    const digest = buildEscalationDigest(input([overdue, quiet, young], { draftsWaiting }));
    expect(digest.groups.map((group) => [group.group, group.items.map((item) => item.caseNumber)])).toEqual([
      ["overdue", [overdue.number]],
      ["drafts_waiting", [quiet.number, overdue.number, quiet.number]],
    ]);
    expect(digest.total).toBe(2);
  });

  it("lists a deadline in the last minute of tomorrow, even across the autumn DST change, and nothing after", () => {
    // Saturday 31 October 2026, 00:01 in New York; Sunday lasts 25 hours.
    const saturday = new Date("2026-10-31T04:01:00Z");
    const lastMinute = summary({ responseDueAt: new Date("2026-11-02T04:59:00Z") }); // Sunday 23:59 EST
    const monday = summary({ responseDueAt: new Date("2026-11-02T05:00:00Z") }); // Monday 00:00 EST
    const digest = buildEscalationDigest(input([lastMinute, monday], { now: saturday }));
    expect(digest.groups.map((group) => [group.group, group.items.map((item) => item.caseNumber)])).toEqual([["due_tomorrow", [lastMinute.number]]]);
  });

  it("uses the hospital's calendar for today and tomorrow across the autumn DST change", () => {
    const sunday = new Date("2026-11-01T12:00:00Z"); // 07:00 EST, the day clocks went back
    const dueMonday = summary({ responseDueAt: new Date("2026-11-02T04:30:00Z") }); // 23:30 Sunday New York
    const digest = buildEscalationDigest(input([dueMonday], { now: sunday }));
    expect(digest.groups.map((group) => group.group)).toEqual(["due_today"]);
  });
});

describe("escalationMessages", () => {
  it("says in one line that nothing is at risk", () => {
    const messages = escalationMessages({ groups: [], total: 0 }, now, { timeZone: TZ, workspaceUrl: "https://hospital.slack.com/" });
    expect(messages).toHaveLength(1);
    expect(messages[0]!.text).toBe("Escalations · Tue 1 Dec 2026: nothing is at risk. No case is overdue, due today or tomorrow, unassigned too long or waiting for approval.");
  });

  it("splits a long digest into messages within Slack's limits, linking each case to its card", () => {
    const cases = Array.from({ length: 600 }, () => summary({ responseDueAt: new Date(now.getTime() - HOUR), department: "<!channel> Ward" }));
    const messages = escalationMessages(buildEscalationDigest(input(cases)), now, { timeZone: TZ, workspaceUrl: "https://hospital.slack.com/" });
    expect(messages.length).toBeGreaterThan(1);
    // Sections are filled up to Slack's 3,000 characters, so each part is checked as Slack checks it.
    for (const message of messages) expect(checkMessage(message)).toBeNull();
    const all = JSON.stringify(messages);
    expect(all).not.toContain("<!channel>");
    expect(all).toContain("<https://hospital.slack.com/archives/C0CASES001/p1700000000000100|PR-2026-");
    // Every case is listed, none dropped by the split.
    expect(all.match(/\|PR-2026-/g)).toHaveLength(600);
  });
});
