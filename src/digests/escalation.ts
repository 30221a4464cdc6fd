import type { CaseSummary } from "../cases/case.ts";
import { approvalWaitingTooLong, interimLetterExpected, isOverdue, nextDeadline, unassignedTooLong, writtenUpdateOverdue } from "../cases/clocks.ts";
import { isOpen } from "../cases/lifecycle.ts";
import { isCriticalOrHarm } from "../cases/taxonomy.ts";
import { addCalendarDays, localDateKey } from "../lib/zoned-time.ts";

// The morning escalation digest, as data: what is at risk, worst first. Each case appears once,
// in the most serious group it belongs to. Minimum necessary: numbers, units, owners, deadlines.

export const ESCALATION_GROUPS = {
  overdue: "Overdue",
  critical_or_harm: "Critical, or alleging abuse, neglect or harm, and still open",
  no_written_update: "Grievances open 30 days or more with no written update in 30 days",
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

/** The fields of an open case the digest reads: the rules below and the line each item shows. */
export type EscalationCase = Pick<
  CaseSummary,
  | "id"
  | "number"
  | "status"
  | "type"
  | "department"
  | "severity"
  | "allegesHarm"
  | "ownerId"
  | "receivedAt"
  | "acknowledgeDueAt"
  | "responseDueAt"
  | "cardChannelId"
  | "cardMessageTs"
  | "createdAt"
>;

export interface EscalationInput {
  /** Open cases, each once; any subset holding every case that can be in a group gives the same digest. */
  openCases: EscalationCase[];
  /** Cases with an approved or sent letter (only grievances past day 5 are looked up). */
  interimLetterCaseIds: ReadonlySet<string>;
  /** When each grievance's latest approved or sent letter went out; none for a case without one. */
  lastWrittenUpdate?: ReadonlyMap<string, Date>;
  draftsWaiting: { caseId: string; since: Date }[];
  now: Date;
  timeZone: string;
  unassignedAfterMs: number;
  draftWaitingAfterMs: number;
}

const DAY = 24 * 3_600_000;

/**
 * Every instant of today's and tomorrow's local dates lies less than this after `now` (two local
 * days last at most about 50 hours, even across a DST change), so a later deadline is neither due
 * today nor tomorrow.
 */
export const DUE_SOON_HORIZON_MS = 3 * DAY;


function item(summary: EscalationCase, at: Date | null): EscalationItem {
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

interface Placement {
  group: EscalationGroup;
  at: Date | null;
}

interface Calendar {
  today: string;
  tomorrow: string;
  /** No deadline from here on is due today or tomorrow. */
  horizon: number;
  timeZone: string;
}

/** The most serious group an open case belongs to (the groups in order, first match wins), or null. */
function worstGroup(summary: EscalationCase, input: EscalationInput, calendar: Calendar): Placement | null {
  const deadline = nextDeadline(summary);
  if (deadline && isOverdue(deadline.dueAt, input.now)) return { group: "overdue", at: deadline.dueAt };
  if (isCriticalOrHarm(summary)) return { group: "critical_or_harm", at: summary.receivedAt };
  if (writtenUpdateOverdue(summary, input.lastWrittenUpdate?.get(summary.id), input.now)) {
    return { group: "no_written_update", at: input.lastWrittenUpdate?.get(summary.id) ?? summary.receivedAt };
  }
  if (interimLetterExpected(summary, input.now) && !input.interimLetterCaseIds.has(summary.id)) {
    return { group: "no_interim_letter", at: summary.responseDueAt };
  }
  // Only a deadline before the horizon can fall today or tomorrow: the local date is worked out for those alone.
  if (deadline && deadline.dueAt.getTime() < calendar.horizon) {
    const day = localDateKey(deadline.dueAt, calendar.timeZone);
    if (day === calendar.today) return { group: "due_today", at: deadline.dueAt };
    if (day === calendar.tomorrow) return { group: "due_tomorrow", at: deadline.dueAt };
  }
  if (unassignedTooLong(summary, input.now, input.unassignedAfterMs)) return { group: "unassigned", at: summary.createdAt };
  return null;
}

/** Groups the open cases by what puts them at risk, worst group first, worst case first in each. */
export function buildEscalationDigest(input: EscalationInput): EscalationDigest {
  const { now, timeZone } = input;
  const calendar: Calendar = {
    today: localDateKey(now, timeZone),
    tomorrow: localDateKey(addCalendarDays(now, 1, timeZone), timeZone),
    horizon: now.getTime() + DUE_SOON_HORIZON_MS,
    timeZone,
  };
  const groups = new Map<EscalationGroup, EscalationItem[]>(Object.keys(ESCALATION_GROUPS).map((key) => [key as EscalationGroup, []]));
  // Only cases with a waiting letter are looked up by id, so only they are indexed.
  const draftCaseIds = new Set(input.draftsWaiting.map((draft) => draft.caseId));
  const withDraft = new Map<string, { summary: EscalationCase; placed: boolean }>();

  for (const summary of input.openCases) {
    const placement = isOpen(summary.status) ? worstGroup(summary, input, calendar) : null;
    if (placement) groups.get(placement.group)!.push(item(summary, placement.at));
    if (draftCaseIds.has(summary.id)) withDraft.set(summary.id, { summary, placed: placement !== null });
  }
  // A waiting letter is listed even when its case already appears above: the approval is its own task.
  const listedForDraftOnly = new Set<string>();
  for (const draft of input.draftsWaiting) {
    const found = withDraft.get(draft.caseId);
    if (!found || !approvalWaitingTooLong(draft.since, now, input.draftWaitingAfterMs)) continue;
    groups.get("drafts_waiting")!.push(item(found.summary, draft.since));
    if (!found.placed) listedForDraftOnly.add(draft.caseId);
  }

  const ordered = [...groups].map(([group, items]) => ({
    group,
    // Earliest deadline or oldest first: the longest overdue or waiting leads.
    items: items.sort((a, b) => (a.at?.getTime() ?? 0) - (b.at?.getTime() ?? 0) || a.caseNumber.localeCompare(b.caseNumber)),
  }));
  const placedCount = ordered.reduce((sum, entry) => sum + (entry.group === "drafts_waiting" ? 0 : entry.items.length), 0);
  return { groups: ordered.filter((entry) => entry.items.length > 0), total: placedCount + listedForDraftOnly.size };
}
