import { openDatabase } from "../../src/db/database.ts";
import { migrate } from "../../src/db/migrate.ts";
import { DEFAULT_DEPARTMENTS } from "../../src/cases/taxonomy.ts";
import { parseSurveyCsv } from "../../src/surveys/survey-csv.ts";
import { createTestDatabase, type DatabaseKind } from "../support/databases.ts";
import { surveyFile, volumeSurveyService } from "../support/survey-file.ts";

// Survey comment import rate: a generated file (BENCH_SURVEY_ROWS, default 50,000 rows) imported
// whole (parse, check, screen, theme, one transaction) on PGlite and PostgreSQL, against the floor
// of parsing and checking alone.

export interface SurveyImportResult {
  rows: number;
  parseRowsPerSecond: number;
  imports: { kind: DatabaseKind; seconds: number; rowsPerSecond: number; candidates: number }[];
}

export async function measureSurveyImport(log: (line: string) => void): Promise<SurveyImportResult> {
  const rows = Number(process.env.BENCH_SURVEY_ROWS ?? 50_000);
  const csv = surveyFile(rows, { units: DEFAULT_DEPARTMENTS, lastDay: "2026-11-27" });
  const parseStart = performance.now();
  const parsed = parseSurveyCsv(csv, { departments: DEFAULT_DEPARTMENTS, today: "2026-11-28" });
  const parseSeconds = (performance.now() - parseStart) / 1000;
  if (!parsed.ok) throw new Error(`generated survey file refused: ${parsed.problems[0]}`);
  const result: SurveyImportResult = { rows, parseRowsPerSecond: rows / parseSeconds, imports: [] };
  log(`  parse and check ${rows.toLocaleString("en-US")} rows: ${parseSeconds.toFixed(2)} s (${Math.round(result.parseRowsPerSecond).toLocaleString("en-US")} rows/s)`);
  for (const kind of ["pglite", "postgres"] as const) {
    const database = await createTestDatabase(kind);
    const db = await openDatabase({ databaseUrl: database.databaseUrl, dataDir: "memory://" });
    try {
      await migrate(db);
      const service = volumeSurveyService(db, "U0BENCH01");
      const started = performance.now();
      const summary = await service.importCsv("U0BENCH01", csv);
      const seconds = (performance.now() - started) / 1000;
      result.imports.push({ kind, seconds, rowsPerSecond: summary.imported / seconds, candidates: summary.candidates });
      log(`  import on ${kind}: ${seconds.toFixed(2)} s (${Math.round(summary.imported / seconds).toLocaleString("en-US")} rows/s, ${summary.candidates} candidates)`);
    } finally {
      await db.close();
      await database.drop();
    }
  }
  return result;
}
