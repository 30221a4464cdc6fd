import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { purgeExpired, type RetentionStore } from "../../src/jobs/retention.job.ts";
import { createRetentionStore } from "../../src/jobs/retention.repository.ts";
import { databaseRunCoordinator } from "../../src/jobs/run-coordinator.repository.ts";
import { createScheduler } from "../../src/jobs/scheduler.ts";
import { systemClock } from "../../src/lib/clock.ts";
import { ACTIONS } from "../../src/slack/ids.ts";
import { blockActionPayload } from "../fakes/signed-requests.ts";
import { fileCaseThroughSlack, privateMessagesTo } from "../support/case-flow.ts";
import { DATABASE_KINDS } from "../support/databases.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";

const ADMIN = "U0ADMIN001";
const COORDINATOR = "U0COORDR01";
const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY);
const yearsAgo = (years: number) => {
  const at = new Date();
  at.setUTCFullYear(at.getUTCFullYear() - years);
  return at;
};

describe.each(DATABASE_KINDS)("retention (%s)", (kind) => {
  let app: TestApp;
  let caseId: string;
  const prisma = () => app.running.deps.db.prisma;
  const replies = () => app.slack.calls.filter((call) => call.method.startsWith("response_url")).map((call) => JSON.stringify(call.body));

  beforeAll(async () => {
    app = await startTestApp(kind);
    await app.running.deps.roles.setRole(COORDINATOR, "coordinator", ADMIN);
    caseId = (await fileCaseThroughSlack(app, { category: "quality" })).id;
  });
  afterAll(async () => {
    await app?.close();
  });

  /** Rows the outbox will not touch: sent, failed, or waiting with a retry far off. */
  async function seedOutbox(tag: string) {
    const row = (name: string, fields: Record<string, unknown>) => ({ kind: "channel_message", lane: "channel", dedupeKey: `${tag}:${name}`, payload: { channel: "C0CASES001" }, ...fields });
    const future = new Date(Date.now() + 365 * DAY);
    await prisma().outboxMessage.createMany({
      data: [
        row("sent-old", { status: "sent", createdAt: ago(41), sentAt: ago(40) }),
        row("sent-recent", { status: "sent", createdAt: ago(6), sentAt: ago(5) }),
        row("failed-old", { status: "failed", createdAt: ago(200), lastError: "channel_not_found" }),
        row("waiting-old", { status: "pending", createdAt: ago(200), nextAttemptAt: future }),
        // A reminder's key keeps it from being sent twice while its case is open.
        { kind: "case_thread_update", lane: "cards", dedupeKey: `reminder:${caseId}:response_overdue:${tag}:thread`, payload: { caseId }, status: "sent", createdAt: ago(60), sentAt: ago(60) },
        { kind: "case_thread_update", lane: "cards", dedupeKey: `reminder:${randomUUID()}:response_overdue:${tag}:thread`, payload: { caseId: randomUUID() }, status: "sent", createdAt: ago(60), sentAt: ago(60) },
      ],
    });
  }
  const outboxKeys = async (tag: string) => (await prisma().outboxMessage.findMany({ where: { dedupeKey: { contains: tag } }, select: { dedupeKey: true } })).map((row) => row.dedupeKey.replace(/^reminder:[^:]+:/, "reminder:").replace(`${tag}:`, "")).sort();

  async function seedJobRuns(tag: string) {
    await prisma().jobRun.createMany({
      data: [
        { key: `${tag}-digest:2026-01-01T13:00:00.000Z`, claimedAt: ago(100) },
        { key: `${tag}-digest:2026-11-01T13:00:00.000Z`, claimedAt: ago(10) },
        { key: `first-start:${tag}-digest`, claimedAt: ago(400) },
      ],
    });
  }
  const jobKeys = async (tag: string) => (await prisma().jobRun.findMany({ where: { key: { contains: tag } }, select: { key: true }, orderBy: { key: "asc" } })).map((row) => row.key);

  it("purges sent posts past OUTBOX_RETENTION_DAYS and job runs past JOB_RUN_RETENTION_DAYS, never waiting or failed posts, first starts or audit events", async () => {
    await seedOutbox("p1");
    await seedJobRuns("p1");
    const caseEvents = await prisma().caseEvent.count();
    const adminEvents = await prisma().adminEvent.count();
    const job = app.running.deps.retentionJob;
    expect(job).toMatchObject({ name: "retention", schedule: "30 4 * * *", distributed: true });
    const counts = (await job.run(new Date())) as { sentPosts: number; jobRuns: number };
    expect(counts.sentPosts).toBeGreaterThanOrEqual(2);
    expect(await outboxKeys("p1")).toEqual(["failed-old", "reminder:response_overdue:thread", "sent-recent", "waiting-old"]);
    expect(await jobKeys("p1")).toEqual(["first-start:p1-digest", "p1-digest:2026-11-01T13:00:00.000Z"]);
    expect(await prisma().caseEvent.count()).toBe(caseEvents);
    expect(await prisma().adminEvent.count()).toBe(adminEvents);
    // Counts only in the log: no keys, ids or payloads.
    const line = app.logs.find((entry) => entry.includes("retention purge done"))!;
    expect(JSON.parse(line)).toMatchObject({ job: "retention", outboxDays: 30, jobRunDays: 90 });
    expect(line).not.toContain("p1");
    expect(line).not.toContain(caseId);
  });

  it("deletes a backlog in bounded batches until one comes back short", async () => {
    const rows = Array.from({ length: 250 }, (_, index) => ({ kind: "channel_message", lane: "channel", dedupeKey: `batch:${index}`, payload: { channel: "C0CASES001" }, status: "sent", createdAt: ago(50), sentAt: ago(50) }));
    await prisma().outboxMessage.createMany({ data: rows });
    const real = createRetentionStore(prisma());
    const batches: number[] = [];
    const store: RetentionStore = {
      async purgeSentPosts(before, limit) {
        const deleted = await real.purgeSentPosts(before, limit);
        batches.push(deleted);
        return deleted;
      },
      purgeJobRuns: real.purgeJobRuns,
    };
    const counts = await purgeExpired(store, { outboxDays: 30, jobRunDays: 90 }, new Date(), 100);
    expect(batches).toEqual([100, 100, 50]);
    expect(counts.sentPosts).toBe(250);
    expect(await prisma().outboxMessage.count({ where: { dedupeKey: { startsWith: "batch:" } } })).toBe(0);
  });

  it("purges once when two instances fire the same slot together", async () => {
    await seedOutbox("p2");
    await seedJobRuns("p2");
    // A second instance: on PostgreSQL its own process-like app on the same database; on PGlite
    // (one process per folder) a second scheduler over the same database.
    const second = kind === "postgres" && app.running.deps.env.DATABASE_URL ? await startTestApp(kind, { databaseUrl: app.running.deps.env.DATABASE_URL }) : null;
    try {
      const instances = [app.running.deps, second?.running.deps ?? app.running.deps];
      const schedulers = instances.map((deps) =>
        createScheduler([deps.retentionJob], { coordinator: databaseRunCoordinator(deps.db.prisma), timeZone: "America/New_York", clock: systemClock, logger: deps.logger }),
      );
      const slot = new Date(Math.floor(Date.now() / 60_000) * 60_000);
      const purgesLogged = () => [...app.logs, ...(second?.logs ?? [])].filter((entry) => entry.includes("retention purge done")).length;
      const logsBefore = purgesLogged();
      const ran = await Promise.all(schedulers.map((scheduler, index) => scheduler.fire(instances[index]!.retentionJob, slot)));
      expect(ran.filter(Boolean)).toHaveLength(1);
      expect(await outboxKeys("p2")).toEqual(["failed-old", "reminder:response_overdue:thread", "sent-recent", "waiting-old"]);
      expect(await jobKeys("p2")).toEqual(["first-start:p2-digest", "p2-digest:2026-11-01T13:00:00.000Z"]);
      expect(purgesLogged()).toBe(logsBefore + 1);
      // Firing the slot again, anywhere, runs nothing.
      expect(await schedulers[1]!.fire(instances[1]!.retentionJob, slot)).toBe(false);
    } finally {
      await second?.close();
    }
  });

  describe("/case admin purge-audit", () => {
    let recentAdminEvent: bigint;
    let before: string;

    beforeAll(async () => {
      await prisma().adminEvent.createMany({
        data: [
          { type: "role_changed", actorId: ADMIN, at: yearsAgo(7), data: { userId: "U0OLD00001" } },
          { type: "routing_rules_changed", actorId: ADMIN, at: yearsAgo(6.5), data: {} },
          // A purge seven years ago: its record is never purged.
          { type: "audit_purged", actorId: ADMIN, at: yearsAgo(7), data: { count: "1" } },
        ],
      });
      await prisma().caseEvent.create({ data: { caseId, type: "note_added", actorId: ADMIN, at: yearsAgo(8), data: {} } });
      recentAdminEvent = (await prisma().adminEvent.create({ data: { type: "role_changed", actorId: ADMIN, at: yearsAgo(5), data: {} } })).id;
    });

    it("refuses anyone but an admin, audits the refusal and deletes nothing", async () => {
      const total = (await prisma().adminEvent.count()) + (await prisma().caseEvent.count());
      await app.slash("admin purge-audit", { userId: COORDINATOR });
      await expect.poll(() => replies().some((text) => text.includes("Nothing was changed"))).toBe(true);
      expect(await prisma().adminEvent.count({ where: { type: "permission_denied", actorId: COORDINATOR, data: { equals: { action: "purge_audit" } } } })).toBe(1);
      expect((await prisma().adminEvent.count()) + (await prisma().caseEvent.count())).toBe(total + 1);
    });

    it("shows how many events are past the retention and asks before purging", async () => {
      await app.slash("admin purge-audit", { userId: ADMIN });
      await expect.poll(() => replies().some((text) => text.includes("Audit retention"))).toBe(true);
      const text = replies().find((entry) => entry.includes("Audit retention"))!;
      expect(text).toContain("3 audit events are older than the 6-year retention");
      expect(text).toContain("1 case event and 2 administrative events");
      const body = JSON.parse(text) as { blocks: { type: string; elements?: { action_id: string; value: string; confirm?: unknown; style?: string }[] }[] };
      const button = body.blocks.flatMap((block) => block.elements ?? []).find((element) => element.action_id === ACTIONS.purgeAudit)!;
      expect(button.style).toBe("danger");
      expect(button.confirm).toMatchObject({ title: { text: "Purge audit events?" }, confirm: { text: "Purge" }, deny: { text: "Cancel" } });
      before = button.value;
      expect(new Date(before).getTime()).toBeLessThan(yearsAgo(6).getTime() + 60_000);
      // Nothing is deleted by asking.
      expect(await prisma().caseEvent.count({ where: { at: { lt: new Date(before) } } })).toBe(1);
    });

    it("refuses the button to a coordinator and a cutoff inside the retention", async () => {
      await app.interact(blockActionPayload({ actionId: ACTIONS.purgeAudit, value: before, userId: COORDINATOR }));
      await expect.poll(() => privateMessagesTo(app, COORDINATOR).some((text) => text.includes("Nothing was changed"))).toBe(true);
      await app.interact(blockActionPayload({ actionId: ACTIONS.purgeAudit, value: yearsAgo(2).toISOString(), userId: ADMIN }));
      await expect.poll(() => privateMessagesTo(app, ADMIN).some((text) => text.includes("Audit events are kept 6 years"))).toBe(true);
      await app.interact(blockActionPayload({ actionId: ACTIONS.purgeAudit, value: "not a date", userId: ADMIN }));
      await expect.poll(() => privateMessagesTo(app, ADMIN).some((text) => text.includes("That purge request is not valid"))).toBe(true);
      expect(await prisma().adminEvent.count({ where: { type: "audit_purged" } })).toBe(1);
      expect(await prisma().caseEvent.count({ where: { at: { lt: new Date(before) } } })).toBe(1);
    });

    it("purges the old events once confirmed and audits the purge, keeping records of purges and younger events", async () => {
      await app.interact(blockActionPayload({ actionId: ACTIONS.purgeAudit, value: before, userId: ADMIN }));
      await expect.poll(() => privateMessagesTo(app, ADMIN).some((text) => text.includes("Purged 3 audit events"))).toBe(true);
      expect(await prisma().caseEvent.count({ where: { at: { lt: new Date(before) } } })).toBe(0);
      expect(await prisma().adminEvent.count({ where: { at: { lt: new Date(before) }, type: { not: "audit_purged" } } })).toBe(0);
      expect(await prisma().adminEvent.count({ where: { id: recentAdminEvent } })).toBe(1);
      // The case's own recent trail is untouched.
      expect(await prisma().caseEvent.count({ where: { caseId, type: "created" } })).toBe(1);
      const purges = await prisma().adminEvent.findMany({ where: { type: "audit_purged" }, orderBy: { id: "asc" } });
      expect(purges).toHaveLength(2);
      expect(purges[1]).toMatchObject({ actorId: ADMIN, data: { count: "3", caseEvents: "1", adminEvents: "2", before } });
      // Asking again: nothing left past the retention (the purge records are not counted).
      await app.slash("admin purge-audit", { userId: ADMIN });
      await expect.poll(() => replies().some((text) => text.includes("No audit events are older than the 6-year retention"))).toBe(true);
    });

    it("keeps the database's guard: no delete of an event outside a purge, or of one younger than six years", async () => {
      await expect(prisma().$executeRaw`DELETE FROM "admin_events" WHERE "id" = ${recentAdminEvent}`).rejects.toThrow(/append-only/);
      await expect(
        prisma().$transaction(async (tx) => {
          await tx.$queryRaw`SELECT set_config('patient_relations.audit_purge_before', ${new Date().toISOString()}, true)`;
          await tx.$executeRaw`DELETE FROM "admin_events" WHERE "id" = ${recentAdminEvent}`;
        }),
      ).rejects.toThrow(/append-only/);
      await expect(
        prisma().$transaction(async (tx) => {
          await tx.$queryRaw`SELECT set_config('patient_relations.audit_purge_before', ${new Date().toISOString()}, true)`;
          await tx.$executeRaw`DELETE FROM "admin_events" WHERE "type" = 'audit_purged'`;
        }),
      ).rejects.toThrow(/append-only/);
      await expect(prisma().$executeRaw`UPDATE "case_events" SET "type" = 'x' WHERE "case_id" = ${caseId}::uuid`).rejects.toThrow(/append-only/);
      expect(await prisma().adminEvent.count({ where: { id: recentAdminEvent } })).toBe(1);
    });
  });
});
