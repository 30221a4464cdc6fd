import type { CaseSummary } from "./case.ts";
import { isOpen } from "./lifecycle.ts";

// Ordering and deadline facts for lists of cases: the worst first.

export interface Deadline {
  kind: "acknowledge" | "response";
  dueAt: Date;
}

/** The next deadline still running on a case, if any. */
export function nextDeadline(summary: Pick<CaseSummary, "status" | "acknowledgeDueAt" | "responseDueAt">): Deadline | null {
  if (!isOpen(summary.status)) return null;
  if (summary.status === "new" && summary.acknowledgeDueAt) return { kind: "acknowledge", dueAt: summary.acknowledgeDueAt };
  return summary.responseDueAt ? { kind: "response", dueAt: summary.responseDueAt } : null;
}

/** Overdue first (most overdue first), then by the nearest deadline, then cases with none, oldest first. */
export function sortWorkQueue(cases: readonly CaseSummary[]): CaseSummary[] {
  const far = Number.MAX_SAFE_INTEGER;
  return [...cases].sort((a, b) => {
    const dueA = nextDeadline(a)?.dueAt.getTime() ?? far;
    const dueB = nextDeadline(b)?.dueAt.getTime() ?? far;
    return dueA - dueB || a.receivedAt.getTime() - b.receivedAt.getTime();
  });
}
