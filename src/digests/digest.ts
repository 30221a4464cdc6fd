import type { EscalationCase } from "./escalation.ts";
import type { CommentWeeklyCount } from "./comment-themes.ts";
import type { MiddleValues, WeeklyCount } from "./trends.ts";

// The reads behind the digests (ports; the Prisma implementations are escalation.repository.ts and
// trends.repository.ts, joined by digest.repository.ts). The rules that use them are pure: escalation.ts, trends.ts.

/** The open cases that can be in an escalation group, and which of them have an approved or sent letter. */
export interface EscalationCandidates {
  openCases: EscalationCase[];
  interimLetterCaseIds: Set<string>;
  /** For grievances: when their latest approved or sent letter was approved or sent. */
  lastWrittenUpdate: Map<string, Date>;
}

/** The escalation digest's reads: only the columns it shows or decides on, only the cases it may list. */
export interface EscalationReads {
  /** Open cases that can be in a group at `now` (a superset of the group rules, which decide exactly). */
  escalationCandidates(now: Date): Promise<EscalationCandidates>;
  /** Draft letters waiting for approval: which case, and since when. */
  draftsWaiting(): Promise<{ caseId: string; since: Date }[]>;
}

/** The trend digest's reads, one aggregate each, for the week ending at `periodEnd` (weeks as trends.ts counts them). */
export interface TrendReads {
  receivedByCategory(periodEnd: Date): Promise<WeeklyCount[]>;
  receivedByDepartment(periodEnd: Date): Promise<WeeklyCount[]>;
  /** When the first case received before periodEnd was received (how much history there is); null when none. */
  firstReceivedAt(periodEnd: Date): Promise<Date | null>;
  /** Hours from receipt to acknowledgement of the cases received in the period: the two middle values. */
  hoursToAcknowledge(periodEnd: Date): Promise<MiddleValues | null>;
  /** Hours from receipt to closure of the cases closed in the period: the two middle values. */
  hoursToResolve(periodEnd: Date): Promise<MiddleValues | null>;
  /** Grievances due in the period, and those answered by the due time. */
  grievanceClock(periodEnd: Date): Promise<{ due: number; answered: number }>;
  /** Version 1 of the letters created in the period, and those passing every required check as drafted. */
  firstDrafts(periodEnd: Date): Promise<{ total: number; passed: number }>;
  /** Survey comments by category, unit and week for the TREND_WEEKS weeks of dates before `endDate` (YYYY-MM-DD, out). */
  commentsByWeek(endDate: string): Promise<CommentWeeklyCount[]>;
  /** The earliest comment date before `endDate`, as YYYY-MM-DD; null when none. */
  firstCommentDate(endDate: string): Promise<string | null>;
}

/** Everything the digest service reads. */
export interface DigestRepository extends EscalationReads, TrendReads {}
