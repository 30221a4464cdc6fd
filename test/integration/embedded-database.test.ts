import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../../src/db/database.ts";
import { migrate } from "../../src/db/migrate.ts";

// The embedded database runs on a thread of its own: while it works, the app's event loop (which
// answers Slack) keeps running; its errors still reach Prisma as driver errors.
describe("embedded database thread (pglite)", () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase({ dataDir: "memory://" });
    await migrate(db);
  });
  afterAll(async () => {
    await db?.close();
  });

  it("leaves the app's event loop free while a long statement runs", async () => {
    let ticks = 0;
    const timer = setInterval(() => {
      ticks += 1;
    }, 5);
    const started = performance.now();
    await db.prisma.$queryRaw`SELECT count(*) FROM generate_series(1, 3000000)`;
    const tookMs = performance.now() - started;
    clearInterval(timer);
    // On the app's own thread the statement would run as one synchronous block: no tick at all.
    expect(tookMs).toBeGreaterThan(50);
    expect(ticks).toBeGreaterThanOrEqual(3);
  });

  it("starts with the small shared memory sized for one process, not PostgreSQL's server defaults", async () => {
    // Every shared buffer is touched at start-up and stays in the WebAssembly heap (README: Benchmark).
    const settings = await db.prisma.$queryRaw<{ name: string; setting: string }[]>`
      SELECT name, current_setting(name) AS setting FROM pg_settings WHERE name IN ('shared_buffers', 'maintenance_work_mem') ORDER BY name`;
    expect(settings).toEqual([
      { name: "maintenance_work_mem", setting: "16MB" },
      { name: "shared_buffers", setting: "8MB" },
    ]);
  });

  it("reports the database's errors as Prisma does, with the driver's own code", async () => {
    await db.prisma.caseCounter.create({ data: { year: 2031, last: 1 } });
    const duplicate = await db.prisma.caseCounter.create({ data: { year: 2031, last: 1 } }).catch((error: unknown) => error);
    expect(duplicate).toMatchObject({ code: "P2002" });
    const missing = await db.prisma.$queryRaw`SELECT * FROM "no_such_table"`.catch((error: unknown) => error);
    expect(missing).toMatchObject({ code: "P2010", meta: { driverAdapterError: { cause: { kind: "TableDoesNotExist" } } } });
  });

  it("keeps what was written in its folder across a close and a reopen", async () => {
    const folder = mkdtempSync(join(tmpdir(), "prb-pglite-"));
    try {
      const first = await openDatabase({ dataDir: folder });
      await migrate(first);
      await first.prisma.caseCounter.create({ data: { year: 2040, last: 7 } });
      await first.close();
      const reopened = await openDatabase({ dataDir: folder });
      try {
        expect(await reopened.prisma.caseCounter.findUnique({ where: { year: 2040 } })).toMatchObject({ last: 7 });
      } finally {
        await reopened.close();
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it("rolls back a failed transaction and keeps working", async () => {
    await expect(
      db.prisma.$transaction(async (tx) => {
        await tx.caseCounter.create({ data: { year: 2032, last: 1 } });
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    expect(await db.prisma.caseCounter.findUnique({ where: { year: 2032 } })).toBeNull();
    expect(await db.prisma.caseCounter.count()).toBeGreaterThan(0);
  });
});
