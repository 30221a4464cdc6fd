import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { settableClock } from "../../src/lib/clock.ts";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../support/databases.ts";
import { CASE_CHANNEL, startTestApp, type TestApp } from "../support/test-app.ts";

// Tuesday 1 December 2026, 09:30 in New York: 90 minutes after the 08:00 escalation slot, inside
// the 4-hour lateness window.
const TUESDAY_0930 = "2026-12-01T14:30:00Z";
const WEDNESDAY_0930 = "2026-12-02T14:30:00Z";
const THURSDAY_0930 = "2026-12-03T14:30:00Z";

const digests = (app: TestApp) => app.slack.callsTo("chat.postMessage").filter((call) => call.body.channel === CASE_CHANNEL && String(call.body.text).startsWith("Escalations"));

describe.each(DATABASE_KINDS)("catching up missed digest slots (%s)", (kind) => {
  const clock = settableClock(TUESDAY_0930);
  let database: TestDatabase | null = null;
  let dataDir = "";
  const running: TestApp[] = [];

  /** One more start of the same installation; PGlite's folder is opened by one process at a time. */
  async function start(): Promise<TestApp> {
    if (kind === "pglite") for (const app of running.splice(0)) await app.close();
    const app = await startTestApp(kind, { clock, ...(kind === "postgres" ? { databaseUrl: database!.databaseUrl! } : { env: { DATA_DIR: dataDir } }) });
    running.push(app);
    await app.running.deps.outbox.kick();
    return app;
  }

  beforeAll(async () => {
    if (kind === "postgres") database = await createTestDatabase("postgres");
    else dataDir = await mkdtemp(join(tmpdir(), "prb-catch-up-"));
  });
  afterAll(async () => {
    for (const app of running.splice(0)) await app.close();
    await database?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it("posts nothing late, and warns of nothing missed, on a brand-new installation's first start", async () => {
    const app = await start();
    expect(digests(app)).toHaveLength(0);
    const logs = app.logs.join("\n");
    expect(logs).not.toContain("running a missed slot late");
    expect(logs).not.toContain("too late to post");
    const prisma = app.running.deps.db.prisma;
    expect(await prisma.jobRun.count({ where: { key: { startsWith: "escalation-digest:" } } })).toBe(0);
    // The first start is recorded, so later starts can tell a missed slot of their own.
    expect((await prisma.jobRun.findUniqueOrThrow({ where: { key: "first-start:escalation-digest" } })).claimedAt.toISOString()).toBe(new Date(TUESDAY_0930).toISOString());
  });

  it("still posts, once and marked late, a slot missed after the first start", async () => {
    clock.set(WEDNESDAY_0930);
    const app = await start();
    expect(digests(app).map((call) => String(call.body.text))).toEqual([expect.stringMatching(/^Escalations · Wed 2 Dec 2026 \(posted late/)]);
    // The first start stays where it was.
    const marker = await app.running.deps.db.prisma.jobRun.findUniqueOrThrow({ where: { key: "first-start:escalation-digest" } });
    expect(marker.claimedAt.toISOString()).toBe(new Date(TUESDAY_0930).toISOString());
  });

  it("catches up for an installation from before the first start was recorded: its earliest slot bounds it", async () => {
    await running[0]!.running.deps.db.prisma.jobRun.deleteMany({ where: { key: { startsWith: "first-start:" } } });
    clock.set(THURSDAY_0930);
    const app = await start();
    expect(digests(app).map((call) => String(call.body.text))).toEqual([expect.stringMatching(/^Escalations · Thu 3 Dec 2026 \(posted late/)]);
    const marker = await app.running.deps.db.prisma.jobRun.findUniqueOrThrow({ where: { key: "first-start:escalation-digest" } });
    expect(marker.claimedAt.toISOString()).toBe("2026-12-02T13:00:00.000Z");
  });
});
