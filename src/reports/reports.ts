import type { CommitteeCase, CommitteeComment, CommitteeLetter, ReceivedCase } from "./committee.ts";

// What the reports read (port; the Prisma implementation is reports.repository.ts).

/** One case's whole record, for a surveyor: patient data included (the export is private and audited). */
export interface CaseRecord {
  id: string;
  number: string;
  type: string;
  status: string;
  category: string;
  department: string;
  severity: number;
  receivedVia: string;
  receivedAt: Date;
  acknowledgeDueAt: Date | null;
  responseDueAt: Date | null;
  acknowledgedAt: Date | null;
  closedAt: Date | null;
  outcome: string | null;
  withdrawnBy: string | null;
  withdrawnAt: Date | null;
  classificationRule: string;
  classificationOverridden: boolean;
  ownerId: string | null;
  teamId: string | null;
  filedBy: string;
  description: string;
  desiredOutcome: string;
  resolutionSummary: string | null;
  medicareBeneficiary: boolean;
  allegesHarm: boolean;
  writtenResponseRequested: boolean;
  resolvedOnSpot: boolean;
  people: { role: string; relationship: string; name: string; phone: string | null; email: string | null; mailingAddress: string | null; preferredLanguage: string | null }[];
  events: { at: Date; type: string; actorId: string; data: Record<string, unknown> }[];
  notes: { createdAt: Date; authorId: string; kind: string; body: string }[];
  tasks: { kind: string; status: string; createdAt: Date; completedAt: Date | null }[];
  letters: {
    kind: string;
    status: string;
    createdAt: Date;
    requestedBy: string;
    approvedVersion: number | null;
    approvedBy: string | null;
    approvedAt: Date | null;
    approvedHash: string | null;
    overrideReason: string | null;
    rejectedBy: string | null;
    rejectedReason: string | null;
    sentAt: Date | null;
    sentBy: string | null;
    versions: { number: number; source: string; authorId: string; createdAt: Date; model: string | null; promptVersion: string | null; text: string; checks: { id: string; label: string; passed: boolean; required: boolean; detail?: string }[] }[];
  }[];
}

/** One row of the cases export: codes, dates and the case number; no names, contacts or narratives. */
export interface CaseExportRow {
  number: string;
  type: string;
  status: string;
  category: string;
  department: string;
  severity: number;
  receivedVia: string;
  receivedAt: Date;
  acknowledgeDueAt: Date | null;
  acknowledgedAt: Date | null;
  responseDueAt: Date | null;
  closedAt: Date | null;
  outcome: string | null;
  withdrawnAt: Date | null;
  classificationRule: string;
  classificationOverridden: boolean;
  teamId: string | null;
  ownerId: string | null;
  medicareBeneficiary: boolean;
  allegesHarm: boolean;
  qioReferral: boolean;
  lettersApproved: number;
  lettersSent: number;
}

/** One audit event (case or administrative): ids and codes only, as the trail stores them. */
export interface AuditExportRow {
  at: Date;
  scope: "case" | "admin";
  caseNumber: string | null;
  type: string;
  actorId: string;
  data: Record<string, unknown>;
}

export interface CommitteeReads {
  /** Cases received in [from, to). */
  casesReceived(from: Date, to: Date): Promise<CommitteeCase[]>;
  /** Letters approved or sent in [from, to). */
  lettersApprovedOrSent(from: Date, to: Date): Promise<CommitteeLetter[]>;
  /** Survey comments dated in [from, to) (local dates, YYYY-MM-DD, from inclusive). */
  commentsDated(fromDate: string, toDate: string): Promise<CommitteeComment[]>;
  /** Category, unit and receipt of the cases received in [from, to), for the monthly signals. */
  receivedBetween(from: Date, to: Date): Promise<ReceivedCase[]>;
  firstReceivedAt(): Promise<Date | null>;
}

export interface ReportReads extends CommitteeReads {
  caseIdByNumber(number: string): Promise<string | null>;
  caseRecord(caseId: string): Promise<CaseRecord | null>;
  /** Writes "case_exported" to the case's audit trail. */
  recordCaseExport(caseId: string, actorId: string, format: string): Promise<void>;
  /** Cases received in [from, to), in batches by receipt (for large periods). */
  casesForExport(from: Date, to: Date, onBatch: (rows: CaseExportRow[]) => void): Promise<number>;
  /** Case and admin audit events in [from, to), in batches by time. */
  auditForExport(from: Date, to: Date, onBatch: (rows: AuditExportRow[]) => void): Promise<number>;
}

/** A file sent privately to one person. */
export interface ReportFile {
  filename: string;
  title: string;
  content: Uint8Array | string;
}

/** Sends files to a user's DM with the app (Slack's file upload flow). */
export interface ReportDelivery {
  sendPrivately(userId: string, files: ReportFile[], comment: string): Promise<void>;
}
