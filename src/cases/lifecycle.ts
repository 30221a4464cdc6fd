import type { CaseStatus } from "./case.ts";

// The case workflow. Closing needs an outcome and a summary, so it has its own action; reopening
// takes a resolved or closed case back to investigating.

export const STATUS_LABELS: Record<CaseStatus, string> = {
  new: "New",
  acknowledged: "Acknowledged",
  investigating: "Investigating",
  awaiting_response: "Awaiting response",
  resolved: "Resolved",
  closed: "Closed",
};

const NEXT: Record<CaseStatus, readonly CaseStatus[]> = {
  new: ["acknowledged", "investigating", "resolved"],
  acknowledged: ["investigating", "awaiting_response", "resolved"],
  investigating: ["awaiting_response", "resolved"],
  awaiting_response: ["investigating", "resolved"],
  resolved: [],
  closed: [],
};

export const OPEN_STATUSES: readonly CaseStatus[] = ["new", "acknowledged", "investigating", "awaiting_response"];

/** Statuses a case may move to with "Change status" (closing and reopening are separate actions). */
export function nextStatuses(from: CaseStatus): readonly CaseStatus[] {
  return NEXT[from];
}

/** Whether a case is still being worked: its clocks run and its work actions apply. */
export function isOpen(status: CaseStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

/** Whether "Reopen" applies: a resolved or closed case goes back to investigating. */
export function canReopen(status: CaseStatus): boolean {
  return !isOpen(status);
}

/** Whether a case may be closed: open or resolved; a closed case is closed already. */
export function canClose(status: CaseStatus): boolean {
  return status !== "closed";
}

/** Whether a response letter may be requested: an open case, or a resolved one still owed its written response. */
export function canWriteLetter(status: CaseStatus): boolean {
  return isOpen(status) || status === "resolved";
}

export const CLOSE_OUTCOMES = {
  resolved: "Resolved",
  dissatisfied: "Closed, patient still dissatisfied",
  // Not resolved: the patient or their representative withdrew it (who and when are recorded).
  withdrawn: "Withdrawn by the patient or representative",
} as const;
export type CloseOutcome = keyof typeof CLOSE_OUTCOMES;

export const NOTE_KINDS = {
  step: "Investigation step taken",
  result: "Finding or result",
  note: "Other note",
} as const;
export type NoteKind = keyof typeof NOTE_KINDS;
