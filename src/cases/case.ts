import type { CaseType, Classification } from "./classify.ts";
import type { CaseIntake } from "./case.schema.ts";
import type { DueDates } from "./clocks.ts";

export const CASE_STATUSES = ["new", "acknowledged", "investigating", "awaiting_response", "resolved", "closed"] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/**
 * What may be shown in a channel or digest (minimum necessary): no patient name, contact or
 * narrative. Details are read separately, by authorized users, and audited.
 */
export interface CaseSummary {
  id: string;
  number: string;
  status: CaseStatus;
  type: CaseType;
  classificationRule: string;
  classificationOverridden: boolean;
  category: string;
  department: string;
  severity: number;
  allegesHarm: boolean;
  receivedVia: string;
  receivedAt: Date;
  acknowledgeDueAt: Date | null;
  responseDueAt: Date | null;
  ownerId: string | null;
  filedBy: string;
  cardChannelId: string | null;
  cardMessageTs: string | null;
  teamId: string | null;
  routingRule: string | null;
  escalatedAt: Date | null;
  closedAt: Date | null;
  outcome: string | null;
  openTasks: string[];
  createdAt: Date;
}

/** Where an intake came from; the key makes the same submission file one case, whoever delivers it. */
export interface IntakeContext {
  intakeKey: string;
  filedBy: string;
  sourceChannelId?: string | undefined;
  sourceMessageTs?: string | undefined;
  /** The survey comment the case is filed from (a uuid): the comment is linked to the case as it is filed. */
  surveyCommentId?: string | undefined;
}

/** A case ready to store: the intake plus the decisions made about it. */
export interface NewCase {
  year: number;
  intake: CaseIntake;
  context: IntakeContext;
  classification: Classification;
  status: CaseStatus;
  dueDates: DueDates;
}

/** A Slack post to make once the transaction commits. */
export interface OutboxEntry {
  kind: string;
  dedupeKey: string;
  payload: Record<string, string>;
}

/** One issue the patient raised (patient data: never logged or posted); `id` stays while the list is edited, so notes can point at it. */
export interface CaseIssue {
  id: string;
  text: string;
}

/** Fields an action may change. */
export interface CaseUpdate {
  issues?: CaseIssue[];
  ownerId?: string | null;
  type?: CaseType;
  classificationRule?: string;
  classificationOverridden?: boolean;
  acknowledgeDueAt?: Date | null;
  responseDueAt?: Date | null;
  status?: CaseStatus;
  teamId?: string | null;
  routingRule?: string | null;
  acknowledgedAt?: Date;
  escalatedAt?: Date;
  closedAt?: Date | null;
  outcome?: string | null;
  withdrawnBy?: string | null;
  withdrawnAt?: Date | null;
  resolutionSummary?: string | null;
}

/** One state change with its audit event and the Slack posts it causes, applied atomically. */
export interface CaseChange {
  /** Apply only if the case still looks like this (optimistic concurrency: simultaneous clicks). */
  expect?: { ownerId?: string | null; statusIn?: readonly CaseStatus[] };
  data: CaseUpdate;
  event: { type: string; actorId: string; data: Record<string, string> };
  note?: { kind: string; body: string; issueId?: string | null };
  task?: { kind: string };
  /** Outbox entries, given the audit event id (for dedupe keys). */
  notify: (eventId: string) => OutboxEntry[];
}

export type ChangeResult = { applied: true; summary: CaseSummary } | { applied: false; current: CaseSummary | null };

/** What an authorized user sees on demand: the protected details of a case. */
export interface CaseDetails {
  summary: CaseSummary;
  description: string;
  desiredOutcome: string;
  resolvedOnSpot: boolean;
  writtenResponseRequested: boolean;
  medicareBeneficiary: boolean;
  resolutionSummary: string | null;
  people: { role: string; relationship: string; name: string; phone: string | null; email: string | null; mailingAddress?: string | null; preferredLanguage: string | null }[];
  notes: { kind: string; body: string; authorId: string; createdAt: Date; issueId?: string | null }[];
  /** The issues the patient raised, in order; empty for cases filed before issues were recorded (see recordedIssues). */
  issues?: CaseIssue[];
}

/** Storage for cases (port; the Prisma implementation is case.repository.ts). */
export interface CaseRepository {
  /** Stores the case, its people, the audit event and outbox entries in one transaction; an intake key seen before returns the existing case. */
  fileCase(newCase: NewCase, outbox: (caseId: string) => OutboxEntry[]): Promise<{ summary: CaseSummary; created: boolean }>;
  findSummary(caseId: string): Promise<CaseSummary | null>;
  recordCardPosted(caseId: string, channelId: string, messageTs: string): Promise<void>;
  findByNumber(number: string): Promise<CaseSummary | null>;
  applyChange(caseId: string, change: CaseChange): Promise<ChangeResult>;
  /** Reads the protected details and records the view in the audit trail, together. */
  readDetails(caseId: string, actorId: string): Promise<CaseDetails | null>;
  /** The same details for the app's own work (drafting, checks): not a person's view, so not audited as one. */
  loadDetailsForProcessing(caseId: string): Promise<CaseDetails | null>;
  /** Audits a refused action on a case. */
  recordDenied(caseId: string, actorId: string, action: string): Promise<void>;
}

/** The team's open workload, for the App Home tab. */
export interface CaseCounts {
  open: number;
  unassigned: number;
  overdue: number;
  grievances: number;
  byStatus: Partial<Record<CaseStatus, number>>;
}

/** Read-only case queries (port; the Prisma implementation is case-query.repository.ts). Lists hold open cases, at most 50, the nearest deadlines first, unless said otherwise. */
export interface CaseQueries {
  /** Open cases a reminder may be due for: a deadline before `soon`, or unassigned since before `unassignedBefore` (no limit). */
  needingReminders(soon: Date, unassignedBefore: Date): Promise<CaseSummary[]>;
  ownedBy(userId: string): Promise<CaseSummary[]>;
  filedBy(userId: string): Promise<CaseSummary[]>;
  unassigned(): Promise<CaseSummary[]>;
  /** Open cases whose unit contains `text` (any case) or whose category is one of `categoryIds`; every open case without text. */
  openMatching(text: string | undefined, categoryIds: readonly string[]): Promise<CaseSummary[]>;
  /** Cases, open or not, whose number, unit, description or wishes contain every word (case-insensitive), newest first. */
  search(words: readonly string[]): Promise<CaseSummary[]>;
  counts(now: Date): Promise<CaseCounts>;
}
