import type { CaseSummary } from "../cases/case.ts";
import { isOpen } from "../cases/lifecycle.ts";
import { addCalendarDays, localDateKey } from "../lib/zoned-time.ts";
import { nextDeadline } from "../cases/work-queue.ts";

// The morning escalation digest, as data: what is at risk, worst first. Each case appears once,
// in the most serious group it belongs to. Minimum necessary: numbers, units, owners, deadlines.

export const ESCALATION_GROUPS = {
  overdue: "Overdue",
  critical_or_harm: "Critical, or alleging abuse, neglect or harm, and still open",
  no_interim_letter: "Grievances past day 5 with no interim letter",
  due_today: "Due today",
  due_tomorrow: "Due tomorrow",
  unassigned: "Unassigned",
  drafts_waiting: "Letters waiting for approval",
} as const;
export type EscalationGroup = keyof typeof ESCALATION_GROUPS;

export interface EscalationItem {
  caseId: string;
  caseNumber: string;
  department: string;
  ownerId: string | null;
  /** Deadline or age that put it in the group. */
  at: Date | null;
  cardChannelId: string | null;
  cardMessageTs: string | null;
}

export interface EscalationDigest {
  groups: { group: EscalationGroup; items: EscalationItem[] }[];
  total: number;
}

export interface EscalationInput {
  openCases: CaseSummary[];
  /** Cases with an approved or sent interim letter. */
  interimLetterCaseIds: ReadonlySet<string>;
  draftsWaiting: { caseId: string; since: Date }[];
  now: Date;
  timeZone: string;
  unassignedAfterMs: number;
  draftWaitingAfterMs: number;
}

const DAY = 24 * 3_600_000;

function item(summary: CaseSummary, at: Date | null): EscalationItem {
  return {
    caseId: summary.id,
    caseNumber: summary.number,
    department: summary.department,
    ownerId: summary.ownerId,
    at,
    cardChannelId: summary.cardChannelId,
    cardMessageTs: summary.cardMessageTs,
  };
}

/** Groups the open cases by what puts them at risk, worst group first, worst case first in each. */
export function buildEscalationDigest(input: EscalationInput): EscalationDigest {
  const { now, timeZone } = input;
  const today = localDateKey(now, timeZone);
  const tomorrow = localDateKey(addCalendarDays(now, 1, timeZone), timeZone);
  const groups = new Map<EscalationGroup, EscalationItem[]>(Object.keys(ESCALATION_GROUPS).map((key) => [key as EscalationGroup, []]));
  const byId = new Map(input.openCases.map((summary) => [summary.id, summary]));
  const placed = new Set<string>();
  const place = (group: EscalationGroup, summary: CaseSummary, at: Date | null) => {
    if (placed.has(summary.id)) return;
    placed.add(summary.id);
    groups.get(group)!.push(item(summary, at));
  };

  const open = input.openCases.filter((summary) => isOpen(summary.status));
  for (const summary of open) {
    const deadline = nextDeadline(summary);
    if (deadline && deadline.dueAt.getTime() <= now.getTime()) place("overdue", summary, deadline.dueAt);
  }
  for (const summary of open) if (summary.allegesHarm || summary.severity >= 4) place("critical_or_harm", summary, summary.receivedAt);
  for (const summary of open) {
    const dayFive = summary.receivedAt.getTime() + 5 * DAY;
    if (summary.type === "grievance" && now.getTime() >= dayFive && !input.interimLetterCaseIds.has(summary.id)) place("no_interim_letter", summary, summary.responseDueAt);
  }
  for (const summary of open) {
    const deadline = nextDeadline(summary);
    if (!deadline) continue;
    const day = localDateKey(deadline.dueAt, timeZone);
    if (day === today) place("due_today", summary, deadline.dueAt);
    else if (day === tomorrow) place("due_tomorrow", summary, deadline.dueAt);
  }
  for (const summary of open) {
    if (!summary.ownerId && now.getTime() - summary.createdAt.getTime() >= input.unassignedAfterMs) place("unassigned", summary, summary.createdAt);
  }
  // A waiting letter is listed even when its case already appears above: the approval is its own task.
  for (const draft of input.draftsWaiting) {
    const summary = byId.get(draft.caseId);
    if (summary && now.getTime() - draft.since.getTime() >= input.draftWaitingAfterMs) groups.get("drafts_waiting")!.push(item(summary, draft.since));
  }

  const ordered = [...groups].map(([group, items]) => ({
    group,
    // Earliest deadline or oldest first: the longest overdue or waiting leads.
    items: items.sort((a, b) => (a.at?.getTime() ?? 0) - (b.at?.getTime() ?? 0) || a.caseNumber.localeCompare(b.caseNumber)),
  }));
  const listed = new Set(ordered.flatMap((entry) => entry.items.map((entry) => entry.caseId)));
  return { groups: ordered.filter((entry) => entry.items.length > 0), total: listed.size };
}
