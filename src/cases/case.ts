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
  createdAt: Date;
}

/** Where an intake came from; the key makes the same submission file one case, whoever delivers it. */
export interface IntakeContext {
  intakeKey: string;
  filedBy: string;
  sourceChannelId?: string | undefined;
  sourceMessageTs?: string | undefined;
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

/** Storage for cases (port; the Prisma implementation is case.repository.ts). */
export interface CaseRepository {
  /** Stores the case, its people, the audit event and outbox entries in one transaction; an intake key seen before returns the existing case. */
  fileCase(newCase: NewCase, outbox: (caseId: string) => OutboxEntry[]): Promise<{ summary: CaseSummary; created: boolean }>;
  findSummary(caseId: string): Promise<CaseSummary | null>;
  recordCardPosted(caseId: string, channelId: string, messageTs: string): Promise<void>;
  overrideClassification(caseId: string, classification: Classification, actorId: string, dueDates: DueDates): Promise<CaseSummary>;
}
