import { concurrencyLimit } from "../lib/concurrency-limit.ts";
import type { CaseSummary, IntakeContext } from "./case.ts";
import type { CaseIntake } from "./case.schema.ts";

// Filing under pressure. The intake form is acknowledged before the case is saved, so a burst of
// submissions would otherwise all wait on the database pool at once, and time out there; and the
// filer watches a "Filing…" modal that must not wait for ever on a slow database.

export interface FiledCase {
  summary: CaseSummary;
  created: boolean;
}

/**
 * How a filing went: saved within the patience, or still saving when it ran out. `later` is the
 * same save: it settles when the case lands (or fails), and filing again meanwhile is safe (one
 * case per intake key).
 */
export type FilingOutcome = { status: "filed"; filed: FiledCase } | { status: "slow"; later: Promise<FiledCase> };

export interface IntakeFilingDeps {
  cases: { fileCase(intake: CaseIntake, context: IntakeContext): Promise<FiledCase> };
  /** Filings saved at once; the rest wait their turn here, first come first served. */
  limit: number;
  /** How long the filer is kept waiting (including their turn) before the form is handed back. */
  patienceMs: number;
}

/** Production settings: 8 saves at once stays inside the database pool; 10 s is as long as a modal should say "Filing…". */
export const INTAKE_FILING_DEFAULTS = { limit: 8, patienceMs: 10_000 } as const;

const SLOW = Symbol("slow");

function within<T>(work: Promise<T>, ms: number): Promise<T | typeof SLOW> {
  let timer: NodeJS.Timeout;
  const slow = new Promise<typeof SLOW>((resolve) => {
    timer = setTimeout(() => resolve(SLOW), ms);
  });
  return Promise.race([work, slow]).finally(() => clearTimeout(timer));
}

/** Files intake forms a few at a time, each within a patience; a failed save rejects. */
export function createIntakeFiling({ cases, limit, patienceMs }: IntakeFilingDeps) {
  const inTurn = concurrencyLimit(limit);
  return {
    async file(intake: CaseIntake, context: IntakeContext): Promise<FilingOutcome> {
      const filing = inTurn(() => cases.fileCase(intake, context));
      const result = await within(filing, patienceMs);
      return result === SLOW ? { status: "slow", later: filing } : { status: "filed", filed: result };
    },
  };
}

export type IntakeFiling = ReturnType<typeof createIntakeFiling>;
