import type { CaseSummary } from "./case.ts";
import { nextDeadline } from "./clocks.ts";

// Ordering for lists of cases: the worst first.

/** Overdue first (most overdue first), then by the nearest deadline, then cases with none, oldest first. */
export function sortWorkQueue(cases: readonly CaseSummary[]): CaseSummary[] {
  const far = Number.MAX_SAFE_INTEGER;
  return [...cases].sort((a, b) => {
    const dueA = nextDeadline(a)?.dueAt.getTime() ?? far;
    const dueB = nextDeadline(b)?.dueAt.getTime() ?? far;
    return dueA - dueB || a.receivedAt.getTime() - b.receivedAt.getTime();
  });
}
