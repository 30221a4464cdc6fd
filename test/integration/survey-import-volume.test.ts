import { describe, expect, it } from "vitest";
import { DEFAULT_DEPARTMENTS } from "../../src/cases/taxonomy.ts";
import { openDatabase } from "../../src/db/database.ts";
import { migrate } from "../../src/db/migrate.ts";
import { SURVEY_OUTBOX } from "../../src/surveys/survey-outbox.ts";
import { createTestDatabase, DATABASE_KINDS } from "../support/databases.ts";
import { surveyFile, volumeSurveyService } from "../support/survey-file.ts";

// A 50,000-row survey file (generated here) imports whole within the test's timeout, and a second
// import of the same file stores nothing and counts every row as a duplicate.

describe.each(DATABASE_KINDS)("survey import at volume (%s)", (kind) => {
  it("imports 50,000 comments in one transaction, then skips them all", { timeout: 120_000 }, async () => {
    const database = await createTestDatabase(kind);
    const db = await openDatabase({ databaseUrl: database.databaseUrl, dataDir: "memory://" });
    try {
      await migrate(db);
      const service = volumeSurveyService(db, "U0COORD001");
      const csv = surveyFile(50_000, { units: DEFAULT_DEPARTMENTS, lastDay: "2026-11-27" });
      const started = performance.now();
      const first = await service.importCsv("U0MGR0001", csv);
      const seconds = (performance.now() - started) / 1000;
      console.log(`survey import on ${kind}: 50,000 rows in ${seconds.toFixed(2)} s (${Math.round(50_000 / seconds)} rows/s)`);
      // Every 50th row is an identified patient asking for a call: 1,000 candidates.
      expect(first).toMatchObject({ imported: 50_000, duplicates: 0, candidates: 1_000, anonymous: 49_000 });
      // Their offers were queued with them: every candidate in one DM to the coordinator, 20 a message at most.
      const queued = await db.prisma.outboxMessage.findMany({ where: { kind: SURVEY_OUTBOX.offer }, select: { payload: true } });
      const offered = queued.map((row) => (JSON.parse((row.payload as Record<string, string>).offers!) as unknown[]).length);
      expect(offered.reduce((sum, count) => sum + count, 0)).toBe(1_000);
      expect(Math.max(...offered)).toBeLessThanOrEqual(20);
      expect(await db.prisma.surveyComment.count()).toBe(50_000);
      const second = await service.importCsv("U0MGR0001", csv);
      expect(second).toMatchObject({ imported: 0, duplicates: 50_000, candidates: 0 });
      expect(await db.prisma.outboxMessage.count({ where: { kind: SURVEY_OUTBOX.offer } })).toBe(queued.length);
    } finally {
      await db.close();
      await database.drop();
    }
  });
});
