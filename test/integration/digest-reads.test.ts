import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CASE_STATUSES, type CaseStatus } from "../../src/cases/case.ts";
import type { CaseType } from "../../src/cases/classify.ts";
import { OPEN_STATUSES } from "../../src/cases/lifecycle.ts";
import { type Database, openDatabase } from "../../src/db/database.ts";
import type { Prisma, PrismaClient } from "../../src/db/generated/client.ts";
import { migrate } from "../../src/db/migrate.ts";
import { createDigestRepository } from "../../src/digests/digest.repository.ts";
import { createDigestService } from "../../src/digests/digest.service.ts";
import { buildEscalationDigest, type EscalationCase } from "../../src/digests/escalation.ts";
import { createTestDatabase, DATABASE_KINDS, type DatabaseKind, type TestDatabase } from "../support/databases.ts";

// The digests' reads on both databases: the escalation pre-filter keeps every case a group can
// hold, and the trend aggregates follow the digest's rules at every window edge.

const TUESDAY_SLOT = new Date("2026-12-01T13:00:00Z");
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const POLICY = { timeZone: "America/New_York", unassignedAfterMs: 24 * HOUR, draftWaitingAfterMs: 24 * HOUR };

/** A case's columns, with placeholder defaults for all but the time of receipt. */
type CaseFields = Partial<Prisma.CaseCreateManyInput> & { receivedAt: Date };

let sequence = 0;

/** Inserts cases with placeholder text (created when received, unless given); returns their ids in order. */
async function insertCases(prisma: PrismaClient, cases: CaseFields[]): Promise<string[]> {
  const data = cases.map((fields) => {
    sequence += 1;
    return {
      id: randomUUID(), number: `PR-2026-${String(sequence).padStart(5, "0")}`, year: 2026, sequence, intakeKey: `digest-test:${sequence}`,
      status: "acknowledged", type: "complaint", classificationRule: "verbal_unresolved", category: "communication", department: "Emergency Department",
      severity: 2, allegesHarm: false, receivedVia: "phone", description: "Synthetic", desiredOutcome: "", resolvedOnSpot: false,
      writtenResponseRequested: false, medicareBeneficiary: false, filedBy: "U0NURSE001", ownerId: "U0COORD001", createdAt: fields.receivedAt,
      ...fields,
    };
  });
  await prisma.case.createMany({ data });
  return data.map((row) => row.id);
}

async function insertLetter(prisma: PrismaClient, caseId: string, fields: { status: string; approvedAt?: Date; sentAt?: Date; updatedAt?: Date }): Promise<string> {
  sequence += 1;
  const letter = await prisma.letter.create({ data: { caseId, kind: "response", requestedBy: "U0COORD001", requestKey: `digest-test:${sequence}`, ...fields } });
  return letter.id;
}

/** A database of its own, migrated, for one describe block. */
function useDatabase(kind: DatabaseKind) {
  const opened: { test?: TestDatabase; db?: Database } = {};
  beforeAll(async () => {
    opened.test = await createTestDatabase(kind);
    opened.db = await openDatabase({ databaseUrl: opened.test.databaseUrl, dataDir: "memory://" });
    await migrate(opened.db);
  });
  afterAll(async () => {
    await opened.db?.close();
    await opened.test?.drop();
  });
  return () => opened.db!;
}

describe.each(DATABASE_KINDS)("escalation digest pre-filter (%s)", (kind) => {
  const database = useDatabase(kind);
  const prisma = () => database().prisma;
  const digests = () => createDigestService(createDigestRepository(database()), POLICY);

  /** The digest from every open case and letter, read without any pre-filter. */
  async function unfiltered(now: Date) {
    const select = { id: true, number: true, status: true, type: true, department: true, severity: true, allegesHarm: true, ownerId: true };
    const rows = await prisma().case.findMany({
      where: { status: { in: [...OPEN_STATUSES] } },
      select: { ...select, receivedAt: true, acknowledgeDueAt: true, responseDueAt: true, cardChannelId: true, cardMessageTs: true, createdAt: true },
    });
    const openCases: EscalationCase[] = rows.map((row) => ({ ...row, status: row.status as CaseStatus, type: row.type as CaseType }));
    const letters = await prisma().letter.findMany({ select: { caseId: true, status: true, updatedAt: true, approvedAt: true, sentAt: true } });
    const written = letters.filter((letter) => ["approved", "sent"].includes(letter.status));
    const interimLetterCaseIds = new Set(written.map((letter) => letter.caseId));
    const grievances = new Set(openCases.filter((row) => row.type === "grievance").map((row) => row.id));
    const lastWrittenUpdate = new Map<string, Date>();
    for (const letter of written.filter((each) => grievances.has(each.caseId))) {
      const at = letter.sentAt ?? letter.approvedAt ?? letter.updatedAt;
      const known = lastWrittenUpdate.get(letter.caseId);
      if (!known || at > known) lastWrittenUpdate.set(letter.caseId, at);
    }
    const draftsWaiting = letters.filter((letter) => letter.status === "draft").map((letter) => ({ caseId: letter.caseId, since: letter.updatedAt }));
    return buildEscalationDigest({ openCases, interimLetterCaseIds, lastWrittenUpdate, draftsWaiting, now, ...POLICY });
  }

  it("keeps the case at the edge of each group's rule, and leaves out cases no rule picks", async () => {
    const now = TUESDAY_SLOT; // 08:00 in New York
    const ago = (ms: number) => new Date(now.getTime() - ms);
    const far = new Date(now.getTime() + 20 * DAY);
    const quiet: CaseFields = { receivedAt: ago(DAY), acknowledgeDueAt: far, responseDueAt: far };
    const ids = await insertCases(prisma(), [
      { ...quiet, responseDueAt: now }, // 0 overdue: due this instant
      { ...quiet, status: "new", acknowledgeDueAt: ago(1) }, // 1 overdue on its acknowledgement
      { ...quiet, severity: 4 }, // 2 critical
      { ...quiet, allegesHarm: true }, // 3 alleges harm
      { ...quiet, type: "grievance", receivedAt: ago(5 * DAY) }, // 4 grievance reaching day 5 this instant
      { ...quiet, responseDueAt: new Date("2026-12-02T04:59:59.999Z") }, // 5 the last instant of today in New York
      { ...quiet, responseDueAt: new Date("2026-12-03T04:59:59.999Z") }, // 6 the last instant of tomorrow
      { ...quiet, status: "new", acknowledgeDueAt: new Date("2026-12-02T15:00:00Z") }, // 7 acknowledgement due tomorrow
      { ...quiet, ownerId: null, receivedAt: ago(24 * HOUR) }, // 8 unassigned for exactly 24 hours
      quiet, // 9 a letter waiting 24 hours
      quiet, // 10 a letter waiting an hour: nothing
      { ...quiet, status: "new", responseDueAt: ago(DAY) }, // 11 new: its acknowledgement, far off, is what runs
      { ...quiet, status: "closed", responseDueAt: ago(DAY), closedAt: ago(HOUR) }, // 12 closed
      { ...quiet, type: "grievance", receivedAt: ago(6 * DAY) }, // 13 grievance with an interim letter
      { ...quiet, responseDueAt: new Date(now.getTime() + 4 * DAY) }, // 14 due in four days
      { ...quiet, ownerId: "", receivedAt: ago(30 * HOUR) }, // 15 an empty owner is no owner
    ]);
    await insertLetter(prisma(), ids[9]!, { status: "draft", updatedAt: ago(24 * HOUR) });
    await insertLetter(prisma(), ids[10]!, { status: "draft", updatedAt: ago(HOUR) });
    await insertLetter(prisma(), ids[13]!, { status: "approved", approvedAt: ago(DAY) });

    const digest = await digests().escalation(now);
    expect(digest.groups.map((group) => [group.group, group.items.map((item) => ids.indexOf(item.caseId))])).toEqual([
      ["overdue", [1, 0]],
      ["critical_or_harm", [2, 3]],
      ["no_interim_letter", [4]],
      ["due_today", [5]],
      ["due_tomorrow", [7, 6]],
      ["unassigned", [15, 8]],
      ["drafts_waiting", [9]],
    ]);
    expect(digest).toEqual(await unfiltered(now));
    const { openCases } = await createDigestRepository(database()).escalationCandidates(now);
    const candidates = openCases.map((candidate) => ids.indexOf(candidate.id)).sort((a, b) => a - b);
    expect(candidates).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 13, 15]);
  });

  it("keeps grievances silent for 30 days, by their latest written update", async () => {
    const now = TUESDAY_SLOT;
    const ago = (ms: number) => new Date(now.getTime() - ms);
    const far = new Date(now.getTime() + 20 * DAY);
    const grievance: CaseFields = { type: "grievance", receivedAt: ago(40 * DAY), acknowledgeDueAt: far, responseDueAt: far };
    const ids = await insertCases(prisma(), [
      grievance, // 0 letter sent exactly 30 days ago: listed
      grievance, // 1 letter approved 30 days ago, another sent 29 days ago: the later counts, not listed
      { ...grievance, receivedAt: ago(30 * DAY) }, // 2 open exactly 30 days, no letter: listed
      { ...grievance, receivedAt: ago(30 * DAY - 1) }, // 3 a millisecond short of 30 days: past day 5 instead
    ]);
    await insertLetter(prisma(), ids[0]!, { status: "sent", sentAt: ago(30 * DAY) });
    await insertLetter(prisma(), ids[1]!, { status: "approved", approvedAt: ago(30 * DAY) });
    await insertLetter(prisma(), ids[1]!, { status: "sent", sentAt: ago(29 * DAY) });
    const digest = await digests().escalation(now);
    const groupOf = (index: number) => digest.groups.find((group) => group.items.some((item) => item.caseId === ids[index]))?.group;
    expect([0, 1, 2, 3].map(groupOf)).toEqual(["no_written_update", undefined, "no_written_update", "no_interim_letter"]);
    expect(digest).toEqual(await unfiltered(now));
    await prisma().letter.deleteMany({ where: { caseId: { in: ids } } });
    await prisma().case.deleteMany({ where: { id: { in: ids } } });
  });

  it("gives the digest every open case gives, for random cases at several moments", async () => {
    let seed = 20261201;
    // mulberry32: a small seeded generator, so a failure can be replayed.
    const random = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
    const base = TUESDAY_SLOT.getTime();
    const days = (from: number, to: number) => Math.round((from + random() * (to - from)) * DAY);
    const ids = await insertCases(
      prisma(),
      Array.from({ length: 300 }, () => {
        // Some old enough for the 30-day written-update rule.
        const receivedAt = new Date(base + (random() < 0.2 ? days(-45, -25) : days(-12, 1)));
        const due = (within: number) => (random() < 0.1 ? null : new Date(receivedAt.getTime() + days(0, within)));
        const ownerId = random() < 0.3 ? null : "U0COORD001";
        const createdAt = new Date(receivedAt.getTime() + days(0, 0.2));
        return { status: pick(CASE_STATUSES), type: pick(["complaint", "grievance"] as const), severity: 1 + Math.floor(random() * 4), allegesHarm: random() < 0.05, ownerId, receivedAt, acknowledgeDueAt: due(4), responseDueAt: due(10), createdAt };
      }),
    );
    for (const caseId of ids.filter(() => random() < 0.4)) {
      const status = pick(["approved", "sent", "draft", "rejected"]);
      const at = new Date(base - days(0, 40));
      await insertLetter(prisma(), caseId, { status, updatedAt: new Date(base - days(0, 2)), ...(status === "sent" ? { sentAt: at } : status === "approved" ? { approvedAt: at } : {}) });
    }
    for (const now of [new Date(base), new Date(base + 14 * HOUR), new Date(base - 3 * DAY + 5 * HOUR), new Date(base + 2 * DAY + 15 * HOUR)]) {
      const digest = await digests().escalation(now);
      expect(digest.total).toBeGreaterThan(0);
      expect(digest).toEqual(await unfiltered(now));
    }
  });
});

describe.each(DATABASE_KINDS)("trend digest aggregates (%s)", (kind) => {
  const database = useDatabase(kind);
  const prisma = () => database().prisma;
  // Monday 00:00 in New York: the digest covers the week that just ended.
  const periodEnd = new Date("2026-12-07T05:00:00Z");
  const at = (offsetMs: number) => new Date(periodEnd.getTime() + offsetMs);
  const trends = () => createDigestService(createDigestRepository(database()), POLICY).trends(periodEnd);
  const receivedAt = (offsets: number[]) => offsets.map((offset) => ({ receivedAt: at(offset) }));

  beforeEach(async () => {
    await prisma().letterVersion.deleteMany();
    await prisma().letter.deleteMany();
    await prisma().case.deleteMany();
  });

  it("counts half-open weeks: the start is in, the end is out", async () => {
    // The end (next week's); this week's last instant and start; the previous week's end and start;
    // week 8's end and start; and the first case, in week 9, which is not a complete week of history.
    await insertCases(prisma(), receivedAt([0, -1, -7 * DAY, -7 * DAY - 1, -14 * DAY, -14 * DAY - 1, -63 * DAY, -63 * DAY - 1]));
    const result = await trends();
    expect([result.total, result.previousTotal, result.baselineWeeks, result.baselineWeeklyMean]).toEqual([2, 2, 8, 0.5]);
    const process = { kind: "not_enough_history", baselineWeeks: 8, baselineCases: 4 };
    expect(result.byCategory).toEqual([{ key: "communication", label: "Communication and information", count: 2, previous: 2, baselineMean: 0.5, weekly: [1, 0, 0, 0, 0, 0, 1, 2, 2], process }]);
    expect(result.byDepartment).toEqual([{ key: "Emergency Department", label: "Emergency Department", count: 2, previous: 2, baselineMean: 0.5, weekly: [1, 0, 0, 0, 0, 0, 1, 2, 2], process }]);
  });

  it("reads 20 weeks of baseline back, and how long cases have been received", async () => {
    const WEEK = 7 * DAY;
    // Week 20 starts 21 weeks before the end: in. A moment earlier is week 21: not read, but the
    // first case, so all 20 baseline weeks are on record. A case after the period changes nothing.
    await insertCases(prisma(), receivedAt([-21 * WEEK, -21 * WEEK - 1, -1, DAY]));
    const result = await trends();
    expect(result.baselineWeeks).toBe(20);
    expect(result.weekStarts[0]).toEqual(at(-21 * WEEK));
    expect(result.byCategory[0]!.weekly).toEqual([1, ...Array(19).fill(0), 1]);
    expect(result.baselineWeeklyMean).toBe(1 / 20);
  });

  it("counts by category and by unit, and calls a week above its process limit", async () => {
    const WEEK = 7 * DAY;
    // Twenty weeks of safety cases on Pharmacy, 3 2 3 4 2 4 1 3 4 2 3 2 4 3 2 3 5 3 2 3 (mean 2.9,
    // upper limit 6.82: test/unit/digests/spc.test.ts), then 9 this week.
    const baseline = [3, 2, 3, 4, 2, 4, 1, 3, 4, 2, 3, 2, 4, 3, 2, 3, 5, 3, 2, 3];
    const inWeek = (weeksAgo: number, count: number, fields: Partial<CaseFields>) =>
      Array.from({ length: count }, (_, i) => ({ ...fields, receivedAt: at(-weeksAgo * WEEK - (i + 1) * HOUR) }));
    await insertCases(prisma(), [
      ...baseline.flatMap((count, index) => inWeek(20 - index, count, { category: "safety", department: "Pharmacy" })),
      ...inWeek(0, 9, { category: "safety", department: "Pharmacy" }),
      ...inWeek(0, 3, { category: "access", department: "Admissions and Registration" }),
      { category: "quality", department: "Oncology", receivedAt: at(-25 * WEEK) }, // before the weeks read: history only
    ]);
    const result = await trends();
    expect([result.total, result.previousTotal, result.baselineWeeks]).toEqual([12, 3, 20]);
    expect(result.byCategory.map((row) => [row.key, row.count, row.previous, row.process.kind])).toEqual([
      ["safety", 9, 3, "xmr"],
      ["access", 3, 0, "not_enough_history"],
    ]);
    const [pharmacy] = result.byDepartment;
    expect(pharmacy!.weekly).toEqual([...baseline, 9]);
    expect(pharmacy!.process.kind === "xmr" && pharmacy!.process.signals.map((signal) => signal.sentence)).toEqual([
      "Pharmacy: 9 this week, above the upper process limit of 6.8 (mean 2.9 over 20 weeks).",
    ]);
  });

  it("takes the middle time to acknowledge, for cases received this week", async () => {
    const received = at(-3 * DAY);
    const acknowledged = (afterMs: number) => ({ receivedAt: received, acknowledgedAt: new Date(received.getTime() + afterMs) });
    await insertCases(prisma(), [
      acknowledged(80 * 60_000), // 1.33 h
      acknowledged(0.5 * HOUR),
      acknowledged(5 * HOUR),
      { receivedAt: received, acknowledgedAt: null },
      { receivedAt: at(-8 * DAY), acknowledgedAt: at(-6 * DAY) }, // received last week: last week's number
    ]);
    expect((await trends()).medianHoursToAcknowledge).toBe(1.3);
    // Even count: the mean of 1.33 and 3, rounded.
    await insertCases(prisma(), [acknowledged(3 * HOUR)]);
    expect((await trends()).medianHoursToAcknowledge).toBe(2.2);
  });

  it("takes the middle time to resolve, for cases closed this week whenever received", async () => {
    await insertCases(prisma(), [
      { receivedAt: at(-30 * DAY), closedAt: at(-1 * DAY) }, // 696 h
      { receivedAt: at(-9 * DAY), closedAt: at(-7 * DAY) }, // 48 h, closed at the start
      { receivedAt: at(-2 * DAY), closedAt: at(-2 * DAY + 90 * 60_000) }, // 1.5 h
      { receivedAt: at(-3 * DAY), closedAt: at(0) }, // closed at the end: next week's
      { receivedAt: at(-20 * DAY), closedAt: at(-7 * DAY - 1) }, // last week's
      { receivedAt: at(-3 * DAY), closedAt: null },
    ]);
    expect((await trends()).medianHoursToResolve).toBe(48);
    await insertCases(prisma(), [{ receivedAt: at(-5 * DAY), closedAt: at(-5 * DAY + 100 * HOUR) }]);
    expect((await trends()).medianHoursToResolve).toBe(74);
  });

  it("has no medians when nothing was acknowledged or closed this week", async () => {
    await insertCases(prisma(), [{ receivedAt: at(-1 * DAY) }, { receivedAt: at(-9 * DAY), acknowledgedAt: at(-8 * DAY), closedAt: at(-7 * DAY - 1) }]);
    const result = await trends();
    expect([result.medianHoursToAcknowledge, result.medianHoursToResolve]).toEqual([null, null]);
  });

  it("counts grievances due this week and those answered by a letter or closure in time", async () => {
    const grievance = (dueOffset: number, fields: Partial<CaseFields> = {}): CaseFields => ({ type: "grievance", receivedAt: at(dueOffset - 7 * DAY), responseDueAt: at(dueOffset), ...fields });
    const ids = await insertCases(prisma(), [
      grievance(-7 * DAY), // due at the start, letter exactly on time
      grievance(-3 * DAY, { closedAt: at(-4 * DAY) }), // closed in time, no letter
      grievance(-2 * DAY, { closedAt: at(-1 * DAY) }), // letter and closure both late
      grievance(-1 * DAY), // nothing yet
      grievance(0), // due at the end: next week's
      grievance(-7 * DAY - 1), // due last week
      { type: "complaint", receivedAt: at(-8 * DAY), responseDueAt: at(-1 * DAY), closedAt: at(-2 * DAY) }, // not a grievance
      { type: "grievance", receivedAt: at(-1 * DAY), responseDueAt: null },
    ]);
    await insertLetter(prisma(), ids[0]!, { status: "sent", approvedAt: at(-7 * DAY) });
    await insertLetter(prisma(), ids[2]!, { status: "approved", approvedAt: at(-2 * DAY + 1) });
    await insertLetter(prisma(), ids[4]!, { status: "approved", approvedAt: at(-1 * DAY) });
    await insertLetter(prisma(), ids[5]!, { status: "approved", approvedAt: at(-8 * DAY) });
    expect((await trends()).grievancesAnsweredWithin7Days).toEqual({ answered: 2, due: 4, share: 0.5 });
    await prisma().letter.deleteMany();
    await prisma().case.deleteMany({ where: { responseDueAt: { gte: at(-7 * DAY) } } });
    expect((await trends()).grievancesAnsweredWithin7Days).toEqual({ answered: 0, due: 0, share: null });
  });

  it("counts a grievance received before the ten weeks it reads only when the case closed this week", async () => {
    const longClock = { type: "grievance" as const, receivedAt: at(-11 * 7 * DAY), responseDueAt: at(-3 * DAY) };
    await insertCases(prisma(), [{ ...longClock, closedAt: at(-4 * DAY) }, longClock]);
    expect((await trends()).grievancesAnsweredWithin7Days).toEqual({ answered: 1, due: 1, share: 1 });
  });

  it("shares of first drafts created this week that passed every required check", async () => {
    const [caseId] = await insertCases(prisma(), [{ receivedAt: at(-10 * DAY) }]);
    const passing = [{ id: "contact_person", required: true, passed: true }, { id: "reading_grade", required: false, passed: false }];
    const failing = [{ id: "contact_person", required: true, passed: false }];
    const drafts: [Date, object[], number][] = [
      [at(-7 * DAY), failing, 1], // the start: in
      [at(-5 * DAY), passing, 1],
      [at(-3 * DAY), passing, 1],
      [at(-1), [], 1], // no checks: nothing failed
      [at(-2 * DAY), [{ id: "contact_person", required: true }], 1], // a required check with no result has not passed
      [at(-2 * DAY), passing, 2], // a second version: not a first draft
      [at(0), passing, 1], // the end: out
      [at(-8 * DAY), passing, 1], // last week
    ];
    for (const [createdAt, checks, number] of drafts) {
      const letterId = await insertLetter(prisma(), caseId!, { status: "draft" });
      await prisma().letterVersion.create({ data: { letterId, number, text: "Synthetic.", source: "template", authorId: "system", checks, createdAt } });
    }
    expect((await trends()).firstDraftsPassingAllChecks).toEqual({ passed: 3, total: 5, share: 0.6 });
    await prisma().letterVersion.deleteMany({ where: { createdAt: { gte: at(-7 * DAY) } } });
    expect((await trends()).firstDraftsPassingAllChecks).toEqual({ passed: 0, total: 0, share: null });
  });

  it("counts survey comments by the week of their date, candidates apart, with a baseline from the first comment", async () => {
    expect((await trends()).comments).toBeNull();
    const comment = (rowId: string, date: string, fields: Partial<Prisma.SurveyCommentCreateManyInput> = {}) => ({
      rowId, commentDate: new Date(`${date}T00:00:00Z`), unit: "4 West", text: "Synthetic", contactRequested: false, category: "environment",
      screening: "no_request", screeningRule: "identified_no_request", importedBy: "U0MGR0001", ...fields,
    });
    try {
      // periodEnd is Monday 7 Dec 00:00 in New York: this week is the dates 30 Nov to 6 Dec; week 20 begins on 13 Jul.
      await prisma().surveyComment.createMany({
        data: [
          comment("C-1", "2026-12-06"),
          comment("C-2", "2026-11-30", { screening: "candidate", screeningRule: "contact_requested" }),
          comment("C-3", "2026-11-29", { unit: "Oncology" }),
          comment("C-4", "2026-12-07"), // next week's first date: not read
          comment("C-5", "2026-07-13", { category: "billing" }), // week 20: read
          comment("C-6", "2026-07-12", { category: "billing", unit: "Oncology" }), // week 21: not read, but the first comment: 20 weeks on record
        ],
      });
      expect((await trends()).comments).toEqual({
        baselineWeeks: 20,
        total: 2,
        baselineWeeklyMean: 2 / 20,
        candidates: 1,
        candidatesBaselineMean: 0,
        byCategory: [
          { key: "environment", label: "Environment (cleanliness, noise, food, facilities)", count: 2, baselineMean: 1 / 20 },
          { key: "billing", label: "Billing and payment", count: 0, baselineMean: 1 / 20 },
        ],
        byUnit: [
          { key: "4 West", label: "4 West", count: 2, baselineMean: 1 / 20 },
          { key: "Oncology", label: "Oncology", count: 0, baselineMean: 1 / 20 },
        ],
      });
    } finally {
      await prisma().surveyComment.deleteMany();
    }
  });
});
