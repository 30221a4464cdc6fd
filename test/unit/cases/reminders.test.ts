import { describe, expect, it } from "vitest";
import type { CaseSummary } from "../../../src/cases/case.ts";
import { caseSummary } from "../../fixtures/case-summary.ts";
import type { ReminderPolicy } from "../../../src/cases/clocks.ts";
import { type Reminder, reminderOutbox, remindersFor } from "../../../src/cases/reminders.ts";

const HOUR = 3_600_000;
const now = new Date("2026-12-01T12:00:00Z");
const at = (offsetMs: number) => new Date(now.getTime() + offsetMs);
const policy: ReminderPolicy = { leadMs: 24 * HOUR, unassignedAfterMs: 4 * HOUR };

const OWNER = "U0COORD01";
const MANAGER = "U0MGR0001";
const ADMIN = "U0ADMIN01";

// Owned and recently created, so neither clock nor the unassigned nag fires unless a test says so.
const summary: CaseSummary = caseSummary({
  receivedAt: at(-2 * HOUR),
  acknowledgeDueAt: at(48 * HOUR),
  responseDueAt: at(7 * 24 * HOUR),
  ownerId: OWNER,
  cardChannelId: "C0CASES01",
  cardMessageTs: "1764590400.000100",
  teamId: "patient-relations",
  routingRule: "grievances-to-least-busy",
  createdAt: at(-1 * HOUR),
});

describe("remindersFor", () => {
  it("says nothing before the lead window", () => {
    expect(remindersFor({ ...summary, acknowledgeDueAt: at(24 * HOUR + 1) }, now, policy)).toEqual([]);
    expect(remindersFor(summary, now, policy)).toEqual([]);
  });

  it("reminds the owner once the lead window opens, without alerting approvers", () => {
    const dueAt = at(24 * HOUR);
    expect(remindersFor({ ...summary, acknowledgeDueAt: dueAt }, now, policy)).toEqual([
      { caseId: summary.id, kind: "acknowledge_due_soon", dueAt, ownerId: OWNER, alertApprovers: false },
    ]);
  });

  it("reminds about a response due soon", () => {
    const dueAt = at(3 * HOUR);
    expect(remindersFor({ ...summary, status: "investigating", responseDueAt: dueAt }, now, policy)).toEqual([
      { caseId: summary.id, kind: "response_due_soon", dueAt, ownerId: OWNER, alertApprovers: false },
    ]);
  });

  it("calls a deadline overdue at the deadline itself, and alerts approvers", () => {
    expect(remindersFor({ ...summary, acknowledgeDueAt: now }, now, policy)).toEqual([
      { caseId: summary.id, kind: "acknowledge_overdue", dueAt: now, ownerId: OWNER, alertApprovers: true },
    ]);
  });

  it("stays overdue after the deadline", () => {
    const dueAt = at(-3 * 24 * HOUR);
    expect(remindersFor({ ...summary, status: "awaiting_response", responseDueAt: dueAt }, now, policy)).toEqual([
      { caseId: summary.id, kind: "response_overdue", dueAt, ownerId: OWNER, alertApprovers: true },
    ]);
  });

  it.each(["acknowledged", "investigating", "awaiting_response"] as const)("drops the acknowledgement clock once the case is %s", (status) => {
    expect(remindersFor({ ...summary, status, acknowledgeDueAt: at(-1 * HOUR) }, now, policy)).toEqual([]);
    expect(remindersFor({ ...summary, status, acknowledgeDueAt: at(1 * HOUR) }, now, policy)).toEqual([]);
  });

  it.each(["resolved", "closed"] as const)("sends nothing for a %s case, however late or unowned", (status) => {
    const late: CaseSummary = { ...summary, status, ownerId: null, acknowledgeDueAt: at(-5 * HOUR), responseDueAt: at(-2 * HOUR), createdAt: at(-30 * 24 * HOUR) };
    expect(remindersFor(late, now, policy)).toEqual([]);
  });

  it("nags about an unowned case once it has waited 4 hours", () => {
    const createdAt = at(-4 * HOUR);
    expect(remindersFor({ ...summary, ownerId: null, createdAt }, now, policy)).toEqual([
      { caseId: summary.id, kind: "unassigned", dueAt: createdAt, ownerId: null, alertApprovers: false },
    ]);
  });

  it("does not nag before 4 hours, or when the case has an owner", () => {
    expect(remindersFor({ ...summary, ownerId: null, createdAt: at(-4 * HOUR + 1) }, now, policy)).toEqual([]);
    expect(remindersFor({ ...summary, ownerId: OWNER, createdAt: at(-5 * 24 * HOUR) }, now, policy)).toEqual([]);
  });

  it("runs both clocks at once, plus the unassigned nag", () => {
    const acknowledgeDueAt = at(-2 * HOUR);
    const responseDueAt = at(20 * HOUR);
    const createdAt = at(-6 * HOUR);
    expect(remindersFor({ ...summary, ownerId: null, acknowledgeDueAt, responseDueAt, createdAt }, now, policy)).toEqual([
      { caseId: summary.id, kind: "acknowledge_overdue", dueAt: acknowledgeDueAt, ownerId: null, alertApprovers: true },
      { caseId: summary.id, kind: "response_due_soon", dueAt: responseDueAt, ownerId: null, alertApprovers: false },
      { caseId: summary.id, kind: "unassigned", dueAt: createdAt, ownerId: null, alertApprovers: false },
    ]);
  });

  it("runs no clock for a case without deadlines", () => {
    expect(remindersFor({ ...summary, acknowledgeDueAt: null, responseDueAt: null }, now, policy)).toEqual([]);
  });
});

describe("reminderOutbox", () => {
  const dueSoon: Reminder = { caseId: summary.id, kind: "response_due_soon", dueAt: new Date("2026-12-02T09:00:00Z"), ownerId: OWNER, alertApprovers: false };
  const breach: Reminder = { ...dueSoon, kind: "response_overdue", dueAt: new Date("2026-11-30T09:00:00Z"), alertApprovers: true };
  const key = (reminder: Reminder) => `reminder:${summary.id}:${reminder.kind}:${reminder.dueAt.toISOString()}`;
  const recipients = (entries: ReturnType<typeof reminderOutbox>) => entries.filter((entry) => entry.kind === "direct_message").map((entry) => entry.payload.recipientId);

  it("posts in the case thread and DMs the owner, with stable keys", () => {
    const entries = reminderOutbox(dueSoon, summary, [MANAGER]);
    expect(entries).toEqual([
      {
        kind: "case_thread_update",
        dedupeKey: "reminder:5f8b8a3e-0000-4000-8000-000000000001:response_due_soon:2026-12-02T09:00:00.000Z:thread",
        payload: { caseId: summary.id, kind: "reminder", reminder: "response_due_soon", dueAt: "2026-12-02T09:00:00.000Z", caseType: "grievance" },
      },
      {
        kind: "direct_message",
        dedupeKey: "reminder:5f8b8a3e-0000-4000-8000-000000000001:response_due_soon:2026-12-02T09:00:00.000Z:dm:U0COORD01",
        payload: { caseId: summary.id, kind: "reminder", reminder: "response_due_soon", dueAt: "2026-12-02T09:00:00.000Z", caseType: "grievance", recipientId: OWNER },
      },
    ]);
    expect(reminderOutbox({ ...dueSoon, dueAt: new Date(dueSoon.dueAt) }, { ...summary }, [MANAGER])).toEqual(entries);
  });

  it("gives a moved deadline new keys, so the new deadline is reminded too", () => {
    const before = reminderOutbox(dueSoon, summary, []).map((entry) => entry.dedupeKey);
    const after = reminderOutbox({ ...dueSoon, dueAt: new Date("2026-12-03T09:00:00Z") }, summary, []).map((entry) => entry.dedupeKey);
    expect(after).toHaveLength(before.length);
    for (const dedupeKey of after) expect(before).not.toContain(dedupeKey);
  });

  it("keeps the kinds of reminder for the same deadline apart", () => {
    const soon = reminderOutbox({ ...dueSoon, dueAt: breach.dueAt }, summary, [])[0]?.dedupeKey;
    const overdue = reminderOutbox(breach, summary, [])[0]?.dedupeKey;
    expect(soon).not.toBe(overdue);
  });

  it("only posts in the thread when nobody owns the case and nothing is breached", () => {
    const entries = reminderOutbox({ ...dueSoon, ownerId: null }, summary, [MANAGER, ADMIN]);
    expect(entries.map((entry) => entry.kind)).toEqual(["case_thread_update"]);
  });

  it("does not DM approvers before a breach", () => {
    expect(recipients(reminderOutbox(dueSoon, summary, [MANAGER, ADMIN]))).toEqual([OWNER]);
  });

  it("DMs the owner and every approver on a breach", () => {
    const entries = reminderOutbox(breach, summary, [MANAGER, ADMIN]);
    expect(recipients(entries)).toEqual([OWNER, MANAGER, ADMIN]);
    expect(entries.map((entry) => entry.dedupeKey)).toEqual([
      `${key(breach)}:thread`,
      `${key(breach)}:dm:${OWNER}`,
      `${key(breach)}:dm:${MANAGER}`,
      `${key(breach)}:dm:${ADMIN}`,
    ]);
  });

  it("does not DM an owner twice when the owner is also an approver", () => {
    const entries = reminderOutbox({ ...breach, ownerId: MANAGER }, summary, [MANAGER, ADMIN, MANAGER]);
    expect(recipients(entries)).toEqual([MANAGER, ADMIN]);
    expect(new Set(entries.map((entry) => entry.dedupeKey)).size).toBe(entries.length);
  });

  it("DMs approvers about a breach on an unowned case", () => {
    expect(recipients(reminderOutbox({ ...breach, ownerId: null }, summary, [MANAGER]))).toEqual([MANAGER]);
  });

  it("carries ids and codes only, never patient details", () => {
    const entries = reminderOutbox(breach, { ...summary, department: "Oncology" }, [MANAGER]);
    const [thread, ...dms] = entries;
    expect(Object.keys(thread?.payload ?? {}).sort()).toEqual(["caseId", "caseType", "dueAt", "kind", "reminder"]);
    expect(dms).toHaveLength(2);
    for (const dm of dms) expect(Object.keys(dm.payload).sort()).toEqual(["caseId", "caseType", "dueAt", "kind", "recipientId", "reminder"]);
    expect(JSON.stringify(entries)).not.toContain("Oncology");
  });
});

describe("remindersFor + reminderOutbox", () => {
  it("sends one set of posts per reminder, with keys that never collide across reminders", () => {
    const late: CaseSummary = { ...summary, ownerId: null, acknowledgeDueAt: at(-1 * HOUR), responseDueAt: at(2 * HOUR), createdAt: at(-8 * HOUR) };
    const keys = remindersFor(late, now, policy).flatMap((reminder) => reminderOutbox(reminder, late, [MANAGER]).map((entry) => entry.dedupeKey));
    // Acknowledgement overdue: thread + the manager's DM; response due soon: thread; unassigned: thread.
    expect(keys).toHaveLength(4);
    expect(new Set(keys).size).toBe(4);
  });
});
