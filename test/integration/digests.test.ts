import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { settableClock } from "../../src/lib/clock.ts";
import { fileCaseThroughSlack, waitFor } from "../support/case-flow.ts";
import { CASE_CHANNEL, startTestApp, TEST_NOW, type TestApp } from "../support/test-app.ts";

const MANAGER = "U0MANAGER4";
const COORDINATOR = "U0COORD0G1";
// Tuesday 1 December 2026, 08:00 in New York: a weekday escalation slot.
const TUESDAY_SLOT = new Date("2026-12-01T13:00:00Z");

/** A case received at `receivedAt` on a unit of its own, with placeholder text (no patient details). */
const syntheticCase = (n: number, receivedAt: Date) => ({
  id: randomUUID(), number: `PR-2025-${String(90_000 + n)}`, year: 2025, sequence: 90_000 + n, intakeKey: `trend-history:${n}`,
  status: "closed", type: "complaint", classificationRule: "verbal_unresolved", category: "environment", department: "Synthetic Trend Unit",
  severity: 1, allegesHarm: false, receivedVia: "phone", description: "Synthetic", desiredOutcome: "", resolvedOnSpot: false,
  writtenResponseRequested: false, medicareBeneficiary: false, filedBy: "U0NURSE001", ownerId: null, createdAt: receivedAt, receivedAt,
});

const digestPosts = (apps: TestApp[], title: string) =>
  apps.flatMap((app) => app.slack.callsTo("chat.postMessage")).filter((call) => !call.failed && call.body.channel === CASE_CHANNEL && String(call.body.text).startsWith(title));

describe("scheduled digests with several instances on one database (postgres)", () => {
  const clock = settableClock(TEST_NOW);
  const apps: TestApp[] = [];

  beforeAll(async () => {
    apps.push(await startTestApp("postgres", { clock }));
    apps.push(await startTestApp("postgres", { clock, databaseUrl: apps[0]!.running.deps.env.DATABASE_URL }));
    await apps[0]!.running.deps.roles.setRole(MANAGER, "manager", "U0ADMIN001");
    await apps[0]!.running.deps.roles.setRole(COORDINATOR, "coordinator", "U0ADMIN001");
  });
  afterAll(async () => {
    for (const app of apps.reverse()) await app.close();
  });

  it("posts one escalation digest when two instances fire the same slot, worst first, without patient data", async () => {
    await fileCaseThroughSlack(apps[0]!); // grievance, acknowledgement due Tue 1 Dec 09:30
    await fileCaseThroughSlack(apps[0]!, { flags: ["alleges_harm"] });
    clock.set(TUESDAY_SLOT);
    const [a, b] = apps.map((app) => app.running.deps);
    const fired = await Promise.all([a!.scheduler.fire(a!.escalationDigestJob, TUESDAY_SLOT), b!.scheduler.fire(b!.escalationDigestJob, TUESDAY_SLOT)]);
    expect(fired.filter(Boolean)).toHaveLength(1);
    await Promise.all([a!.outbox.kick(), b!.outbox.kick()]);
    const posts = digestPosts(apps, "Escalations · Tue 1 Dec 2026");
    expect(posts).toHaveLength(1);
    const body = JSON.stringify(posts[0]!.body);
    expect(body.indexOf("Critical, or alleging abuse")).toBeLessThan(body.indexOf("Due today"));
    expect(body).not.toContain("Testpatient");
    expect(body).toContain("/archives/C0CASES001/p");
  });

  it("waits out Slack's rate limit and posts the digest once, however often its slot fires", async () => {
    const slot = new Date("2026-12-02T13:00:00Z");
    clock.set(slot);
    const app = apps[0]!;
    // Any instance may deliver it: every instance's Slack answers the first attempt with HTTP 429.
    for (const each of apps) each.slack.failNext("chat.postMessage", "ratelimited", 1, (body) => String(body.text).startsWith("Escalations"));
    await app.running.deps.scheduler.fire(app.running.deps.escalationDigestJob, slot);
    await Promise.all(apps.map((each) => each.running.deps.outbox.kick()));
    // The outbox, not the client, waits out Retry-After (1 s from the fake): the delivery gives its
    // slot back and the message is retried after the wait, on whichever instance polls first.
    const posted = await waitFor(async () => digestPosts(apps, "Escalations · Wed 2 Dec 2026")[0], 15_000);
    const limited = apps.flatMap((each) => each.slack.callsTo("chat.postMessage")).filter((call) => call.error === "ratelimited");
    expect(limited.length).toBeGreaterThanOrEqual(1);
    expect(posted.at - limited[0]!.at).toBeGreaterThanOrEqual(950);
    expect(digestPosts(apps, "Escalations · Wed 2 Dec 2026")).toHaveLength(1);
    // Firing the same slot again adds nothing.
    await app.running.deps.scheduler.fire(app.running.deps.escalationDigestJob, slot);
    await Promise.all(apps.map((each) => each.running.deps.outbox.kick()));
    expect(digestPosts(apps, "Escalations · Wed 2 Dec 2026")).toHaveLength(1);
  });

  it("posts a slot missed while the bot was down once on start-up, marked late; an older one only in the log", async () => {
    // Thursday 3 Dec 2026, 09:30 New York: the 08:00 slot was missed 90 minutes ago.
    clock.set("2026-12-03T14:30:00Z");
    const restarted = await startTestApp("postgres", { clock, databaseUrl: apps[0]!.running.deps.env.DATABASE_URL });
    apps.push(restarted);
    await restarted.running.deps.outbox.kick();
    // Any instance's outbox may deliver it (they share the database), and a busy machine may need a moment.
    await waitFor(async () => digestPosts(apps, "Escalations · Thu 3 Dec 2026 (posted late")[0], 15_000);
    expect(digestPosts(apps, "Escalations · Thu 3 Dec 2026 (posted late")).toHaveLength(1);
    const again = await startTestApp("postgres", { clock, databaseUrl: apps[0]!.running.deps.env.DATABASE_URL });
    apps.push(again);
    await Promise.all(apps.map((each) => each.running.deps.outbox.kick()));
    expect(digestPosts(apps, "Escalations · Thu 3 Dec 2026")).toHaveLength(1);

    // Friday 4 Dec at 14:00: the 08:00 slot is six hours old, beyond the 4-hour lateness window.
    clock.set("2026-12-04T19:00:00Z");
    const late = await startTestApp("postgres", { clock, databaseUrl: apps[0]!.running.deps.env.DATABASE_URL });
    apps.push(late);
    await late.running.deps.outbox.kick();
    expect(digestPosts([late], "Escalations · Fri 4 Dec 2026")).toHaveLength(0);
    expect(late.logs.join("\n")).toContain("too late to post");
  });

  it("posts the weekly trends with charts, tables and a signal Slack accepts, and lets a manager preview a digest privately", async () => {
    const slot = new Date("2026-12-07T13:00:00Z"); // Monday 08:00
    clock.set(slot);
    const app = apps[0]!;
    // Twenty weeks of history on one unit (mean 2.9, upper process limit 6.82), then 9 this week;
    // one older case puts all 20 weeks on record.
    const WEEK = 7 * 24 * 3_600_000;
    const baseline = [3, 2, 3, 4, 2, 4, 1, 3, 4, 2, 3, 2, 4, 3, 2, 3, 5, 3, 2, 3];
    const weeksAgo = [...baseline.flatMap((count, index) => Array<number>(count).fill(20 - index)), ...Array<number>(9).fill(0), 25];
    await app.running.deps.db.prisma.case.createMany({ data: weeksAgo.map((week, n) => syntheticCase(n, new Date(slot.getTime() - week * WEEK - (n + 1) * 60_000))) });
    // Survey comments: three this week (one a grievance candidate) and two in baseline weeks, on record since 2 Nov.
    const comment = (n: number, date: string, screening = "no_request") => ({
      rowId: `TREND-S-${n}`, commentDate: new Date(`${date}T00:00:00Z`), unit: "Synthetic Comment Unit", text: "Synthetic comment text", patientName: "Synthetic Commentpatient",
      contactRequested: false, category: "environment", screening, screeningRule: "identified_no_request", importedBy: MANAGER,
    });
    await app.running.deps.db.prisma.surveyComment.createMany({
      data: [comment(1, "2026-12-01", "candidate"), comment(2, "2026-12-03"), comment(3, "2026-12-06"), comment(4, "2026-11-10"), comment(5, "2026-11-02")],
    });

    await app.running.deps.scheduler.fire(app.running.deps.trendDigestJob, slot);
    await Promise.all(apps.map((each) => each.running.deps.outbox.kick()));
    // Every part is out once no trend digest post waits in the outbox.
    await expect
      .poll(async () => (await app.running.deps.db.prisma.outboxMessage.count({ where: { dedupeKey: { contains: "trend" }, status: { not: "sent" } } })) === 0 && digestPosts(apps, "Trends ·").length >= 2, { timeout: 15_000 })
      .toBe(true);
    const posts = digestPosts(apps, "Trends ·");
    // The fake Slack refused none of the parts (it checks charts, tables and their per-message caps).
    const refused = apps.flatMap((each) => each.slack.callsTo("chat.postMessage")).filter((call) => call.failed && String(call.body.text).startsWith("Trends ·"));
    expect(refused).toEqual([]);
    const body = JSON.stringify(posts.map((post) => post.body));
    expect(body).toContain("Grievances answered within 7 days");
    expect(body).toContain("Synthetic Trend Unit: 9 this week, above the upper process limit of 6.8 (mean 2.9 over 20 weeks).");
    expect(body).toContain('"type":"data_visualization"');
    expect(body).toContain('"type":"data_table"');
    expect(body).toContain("Chart in words");
    expect(body).not.toContain("Testpatient");
    // The comments part: counts by category and unit against their weekly mean (2 over 4 weeks), never a comment's text or patient.
    expect(body).toContain("3 comments (weekly mean 0.5 over 4 weeks); 1 grievance candidate");
    expect(body).toContain("• Synthetic Comment Unit: 3 (weekly mean 0.5)");
    expect(body).not.toContain("Synthetic comment text");
    expect(body).not.toContain("Commentpatient");
    expect(String(posts[0]!.body.text)).toContain("Survey and feedback comments: 3 (weekly mean 0.5)");
    expect(String(posts[0]!.body.text)).toContain("signal");

    await app.slash("digest escalations preview", { userId: MANAGER });
    await expect
      .poll(() => app.slack.calls.filter((call) => call.method.startsWith("response_url") && JSON.stringify(call.body).includes("Escalations ·")).length)
      .toBeGreaterThan(0);
    await app.slash("digest trends", { userId: COORDINATOR });
    await expect.poll(() => app.slack.calls.some((call) => call.method.startsWith("response_url") && JSON.stringify(call.body).includes("Only managers can post digests"))).toBe(true);
  });
});
