import { buildApp, type RunningApp } from "../../src/app.ts";
import { clockPolicyFrom } from "../../src/config/policies.ts";
import { peopleOf } from "../../src/cases/case-insert.repository.ts";
import { parseIntake, type CaseIntake } from "../../src/cases/case.schema.ts";
import { classifyConcern } from "../../src/cases/classify.ts";
import { dueDatesFor } from "../../src/cases/clocks.ts";
import { CATEGORIES, DEFAULT_DEPARTMENTS, RECEIVED_VIA } from "../../src/cases/taxonomy.ts";
import type { Prisma } from "../../src/db/generated/client.ts";
import { createLogger } from "../../src/lib/logger.ts";
import { intakeInput } from "../fixtures/intake.ts";
import { createTestDatabase, type DatabaseKind } from "../support/databases.ts";
import { benchEnv } from "./app-env.ts";
import type { BenchConfig } from "./config.ts";
import { countingLogSink } from "./log-sink.ts";
import { runPool } from "./stats.ts";

// Step 2: cases filed per second through the app's case service (classification, clocks, counter,
// case + people + audit event + outbox rows in one statement, idempotent per intake key) against raw
// Prisma `case.create` of the same case rows with their people rows, at the same concurrency.
// The app is built (database opened and migrated) but not started: no outbox, no jobs, no HTTP.

export interface FilingResult {
  database: DatabaseKind;
  concurrency: number;
  cases: number;
  serviceMs: number;
  rawMs: number;
  servicePerSecond: number;
  rawPerSecond: number;
}

const pick = <T>(items: readonly T[], index: number): T => items[index % items.length]!;

/** Valid, varied intakes received within the last 30 days, validated up front (outside the timing). */
function buildIntakes(count: number, departments: readonly string[]): CaseIntake[] {
  const now = new Date();
  return Array.from({ length: count }, (_, i) => {
    const parsed = parseIntake(
      intakeInput({
        category: pick(CATEGORIES, i).id,
        department: pick(DEFAULT_DEPARTMENTS, i * 7),
        receivedVia: pick(RECEIVED_VIA, i * 3).id,
        severity: String(1 + (i % 3)),
        receivedAt: new Date(now.getTime() - (1 + (i % 720)) * 3_600_000),
      }),
      { now, departments },
    );
    if (!parsed.ok) throw new Error(`synthetic intake ${i} is invalid: ${JSON.stringify(parsed.errors)}`);
    return parsed.intake;
  });
}

/** The case row (with its people) the service would write, precomputed: the raw floor only inserts. */
function rawCaseRow(intake: CaseIntake, running: RunningApp, year: number, sequence: number, key: string): Prisma.CaseCreateInput {
  const classification = classifyConcern(intake);
  const atPointOfService = classification.rule === "resolved_at_point_of_service";
  const dueDates = dueDatesFor(classification.type, intake.receivedAt, atPointOfService, clockPolicyFrom(running.deps.env));
  return {
    number: `PR-${year}-${String(sequence).padStart(4, "0")}`,
    year,
    sequence,
    intakeKey: key,
    status: atPointOfService ? "resolved" : "new",
    type: classification.type,
    classificationRule: classification.rule,
    category: intake.category,
    department: intake.department,
    severity: intake.severity,
    receivedVia: intake.receivedVia,
    receivedAt: intake.receivedAt,
    description: intake.description,
    desiredOutcome: intake.desiredOutcome,
    resolvedOnSpot: intake.resolvedOnSpot,
    writtenResponseRequested: intake.writtenResponseRequested,
    medicareBeneficiary: intake.medicareBeneficiary,
    allegesHarm: intake.allegesHarm,
    acknowledgeDueAt: dueDates.acknowledgeDueAt,
    responseDueAt: dueDates.responseDueAt,
    filedBy: "U0NURSE01",
    people: { create: peopleRows(intake) },
  };
}

/** The people rows the service writes, in Prisma's nested-create shape. */
function peopleRows(intake: CaseIntake): Prisma.CasePersonCreateWithoutCaseInput[] {
  return peopleOf(intake).map(({ preferred_language, mailing_address, ...person }) => ({ ...person, mailingAddress: mailing_address, preferredLanguage: preferred_language }));
}

async function timed(work: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

async function measureDatabase(kind: DatabaseKind, config: BenchConfig, log: (line: string) => void): Promise<FilingResult[]> {
  const database = await createTestDatabase(kind);
  try {
    const { sink } = countingLogSink();
    const env = benchEnv({ slackApiUrl: "http://127.0.0.1:9/api/", databaseUrl: database.databaseUrl });
    const running = await buildApp(env, { logger: createLogger("info", sink) });
    try {
      const intakes = buildIntakes(config.cases, running.deps.departments);
      const results: FilingResult[] = [];
      for (const [round, concurrency] of [1, config.caseConcurrency].entries()) {
        const serviceMs = await timed(() =>
          runPool(intakes.length, concurrency, async (i) => {
            const { created } = await running.deps.cases.fileCase(intakes[i]!, { intakeKey: `bench:${round}:${i}`, filedBy: "U0NURSE01" });
            if (!created) throw new Error(`case ${i} was not created`);
          }),
        );
        // A year of its own per round keeps raw numbers clear of the service's (and of each other).
        const year = 5000 + round;
        const rows = intakes.map((intake, i) => rawCaseRow(intake, running, year, i + 1, `bench-raw:${round}:${i}`));
        const rawMs = await timed(() =>
          runPool(rows.length, concurrency, async (i) => {
            await running.deps.db.prisma.case.create({ data: rows[i]!, select: { id: true } });
          }),
        );
        const result = {
          database: kind,
          concurrency,
          cases: intakes.length,
          serviceMs,
          rawMs,
          servicePerSecond: (intakes.length * 1000) / serviceMs,
          rawPerSecond: (intakes.length * 1000) / rawMs,
        };
        log(`  ${kind.padEnd(8)} ×${concurrency}: service ${result.servicePerSecond.toFixed(0)}/s, raw create ${result.rawPerSecond.toFixed(0)}/s`);
        results.push(result);
      }
      return results;
    } finally {
      await running.stop();
    }
  } finally {
    await database.drop();
  }
}

export async function measureFiling(config: BenchConfig, log: (line: string) => void): Promise<FilingResult[]> {
  const results: FilingResult[] = [];
  for (const kind of ["pglite", "postgres"] as const) results.push(...(await measureDatabase(kind, config, log)));
  return results;
}
