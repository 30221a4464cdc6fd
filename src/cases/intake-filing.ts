import { concurrencyLimit } from "../lib/concurrency-limit.ts";
import { AppError, ErrorCode } from "../lib/errors.ts";
import type { CaseSummary, IntakeContext } from "./case.ts";
import type { CaseIntake } from "./case.schema.ts";
import type { IntakeDelivery, IntakeJournal, JournaledIntake } from "./intake-journal.ts";

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
  /** The journal an intake is written to before it is acknowledged; absent, `record` is a no-op (unit tests of the rest). */
  journal?: IntakeJournal | undefined;
  /** How long the journal write may take before the form is handed back: it runs before Slack's 3-second answer. */
  journalPatienceMs?: number | undefined;
  /** How long the instance that journaled an intake keeps it before any instance's sweep may file it. */
  leaseMs?: number | undefined;
}

/** Production settings: 8 saves at once stays inside the database pool; 10 s is as long as a modal should say "Filing…"; the journal write must leave a second of Slack's three. */
export const INTAKE_FILING_DEFAULTS = { limit: 8, patienceMs: 10_000, journalPatienceMs: 2_000 } as const;

/** How a recovered filing is told to its filer (the Slack layer: the modal if still open, else privately). */
export type TellFiler = (filed: FiledCase, entry: JournaledIntake) => Promise<void>;

/** The journal write did not land in time (or failed): nothing was acknowledged, the form goes back. */
export const JOURNAL_FAILED = "journal_failed";

const SLOW = Symbol("slow");

function within<T>(work: Promise<T>, ms: number): Promise<T | typeof SLOW> {
  let timer: NodeJS.Timeout;
  const slow = new Promise<typeof SLOW>((resolve) => {
    timer = setTimeout(() => resolve(SLOW), ms);
  });
  return Promise.race([work, slow]).finally(() => clearTimeout(timer));
}

/** Files intake forms a few at a time, each within a patience; a failed save rejects. */
export function createIntakeFiling({ cases, limit, patienceMs, journal, journalPatienceMs = 2_000, leaseMs = 30_000 }: IntakeFilingDeps) {
  const inTurn = concurrencyLimit(limit);
  // Intakes this instance is filing right now: its own sweep leaves them to the live filing.
  const inFlight = new Set<string>();
  return {
    /**
     * Makes an intake durable before it is acknowledged: one journal write, within the journal
     * patience. Rejects with an AppError when it did not land in time; the caller then answers
     * with the form, and nothing has been promised.
     */
    async record(intake: CaseIntake, context: IntakeContext, delivery: IntakeDelivery): Promise<void> {
      if (!journal) return;
      inFlight.add(context.intakeKey);
      const written = journal.record({ intake, context, delivery }, leaseMs);
      // Whatever happens to the write, a late one is only a journal row: the sweep files it, once.
      written.catch(() => {});
      try {
        if ((await within(written, journalPatienceMs)) === SLOW) throw new Error("the intake journal did not answer in time");
      } catch (error) {
        inFlight.delete(context.intakeKey);
        throw new AppError(ErrorCode.databaseUnavailable, JOURNAL_FAILED, { cause: error });
      }
    },
    async file(intake: CaseIntake, context: IntakeContext): Promise<FilingOutcome> {
      const filing = inTurn(() => cases.fileCase(intake, context));
      // A failed filing stays in the journal: the sweep tries again when its claim lapses.
      filing.catch(() => inFlight.delete(context.intakeKey));
      const result = await within(filing, patienceMs);
      return result === SLOW ? { status: "slow", later: filing } : { status: "filed", filed: result };
    },
    /** The filer has been told: the journal entry goes (the case holds the intake now). */
    async settled(intakeKey: string): Promise<void> {
      inFlight.delete(intakeKey);
      await journal?.remove(intakeKey);
    },
    /**
     * Files what the journal holds and nobody is filing (an instance died after acknowledging, or a
     * save failed), tells each filer, and clears the entries. `all` takes every entry whatever its
     * claim: only for a database this process alone can open (the embedded one, under its folder
     * lock), at start-up. Returns how many were filed; one failing entry does not stop the others.
     */
    async recover(tell: TellFiler, options: { all?: boolean; batch?: number; onError?: (error: unknown, entry: JournaledIntake) => void } = {}): Promise<number> {
      if (!journal) return 0;
      let filed = 0;
      const due = await journal.claimDue(leaseMs, options.batch ?? 50, options.all ?? false);
      for (const entry of due) {
        const key = entry.context.intakeKey;
        if (inFlight.has(key)) continue;
        inFlight.add(key);
        try {
          const outcome = await inTurn(() => cases.fileCase(entry.intake, entry.context));
          await tell(outcome, entry);
          await journal.remove(key);
          filed += 1;
        } catch (error) {
          options.onError?.(error, entry);
        } finally {
          inFlight.delete(key);
        }
      }
      return filed;
    },
    /** Intakes waiting in the journal (for /healthz and tests). */
    pending: (): Promise<number> => journal?.pendingCount() ?? Promise.resolve(0),
  };
}

export type IntakeFiling = ReturnType<typeof createIntakeFiling>;
