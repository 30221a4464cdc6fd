import type { OutboxEntry } from "../cases/case.ts";
import type { LetterCheck } from "./letter-check.ts";
import type { LetterLanguage } from "./letter-language.ts";
import type { LetterKind } from "./letter.schema.ts";

// The letter as the domain sees it, and the storage it needs (port; the Prisma implementation is
// letter.repository.ts). Plain objects, dates and unions: no database types cross this line.

/** drafting → draft → approved → sent; a draft may instead be rejected, or go back to drafting to be regenerated. */
export const LETTER_STATUSES = ["drafting", "draft", "approved", "rejected", "sent"] as const;
export type LetterStatus = (typeof LETTER_STATUSES)[number];

/** Who wrote a version: the model, the template drafter, or a person editing the previous version. */
export type LetterSource = "llm" | "template" | "edit";

/** A letter under review: its state, where its thread message is, and who approved, rejected or sent it. */
export interface Letter {
  id: string;
  caseId: string;
  kind: LetterKind;
  status: LetterStatus;
  requestedBy: string;
  /** The latest version's number (0 while the first draft is being written). */
  currentVersion: number;
  threadChannelId: string | null;
  threadTs: string | null;
  approvedVersion: number | null;
  approvedBy: string | null;
  approvedAt: Date | null;
  /** sha256 of the exact text approved. */
  approvedHash: string | null;
  overrideReason: string | null;
  /** For a letter not in English: the Slack user who reviewed the translation (recorded with the approval). */
  translationReviewedBy?: string | null;
  /** Or an outside translation reviewer: name and qualification, as typed. */
  translationReviewer?: string | null;
  rejectedBy: string | null;
  rejectedReason: string | null;
  sentAt: Date | null;
  sentBy: string | null;
  createdAt: Date;
}

/** One version of a letter, kept: its text, who or what wrote it (prompt and model), and its checks. */
export interface LetterVersion {
  id: string;
  letterId: string;
  number: number;
  text: string;
  source: LetterSource;
  authorId: string;
  instruction: string | null;
  model: string | null;
  promptId: string | null;
  promptVersion: string | null;
  promptHash: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  latencyMs: number | null;
  /** Why the template stood in for the model, as a code (never content). */
  fallbackReason: string | null;
  checks: LetterCheck[];
  /** The issues the letter answers, carried from version to version for the checks. */
  issues: string[];
  /** An interim letter's promised date for the written response, fixed when drafted (an edit keeps it). */
  promisedResponseAt: Date | null;
  /** The language the version was written and checked in (English when not recorded). */
  language?: LetterLanguage;
  createdAt: Date;
}

/** A version to store. */
export interface NewVersion {
  text: string;
  source: LetterSource;
  authorId: string;
  instruction?: string | undefined;
  model?: string | undefined;
  promptId?: string | undefined;
  promptVersion?: string | undefined;
  promptHash?: string | undefined;
  inputTokens?: number | undefined;
  outputTokens?: number | undefined;
  latencyMs?: number | undefined;
  fallbackReason?: string | undefined;
  checks: LetterCheck[];
  issues: string[];
  promisedResponseAt?: Date | null | undefined;
  language?: LetterLanguage | undefined;
}

/** A request for a letter: one letter per request key, however often the request is delivered. */
export interface LetterRequest {
  caseId: string;
  kind: LetterKind;
  requestedBy: string;
  requestKey: string;
}

/** What a status change may set besides the status. */
export interface LetterUpdate {
  status: LetterStatus;
  approvedVersion?: number;
  approvedBy?: string;
  approvedAt?: Date;
  approvedHash?: string;
  overrideReason?: string | null;
  translationReviewedBy?: string | null;
  translationReviewer?: string | null;
  rejectedBy?: string;
  rejectedReason?: string;
  sentAt?: Date;
  sentBy?: string;
}

/** A letter waiting for a manager's approval: case number and kind only (App Home, digests). */
export interface LetterAwaitingApproval {
  letterId: string;
  caseNumber: string;
  kind: LetterKind;
  since: Date;
  cardChannelId: string | null;
  cardMessageTs: string | null;
}

/** Letter storage: every state change conditional on the version the user saw, with its case audit event and its posts, atomically. */
export interface LetterRepository {
  find(letterId: string): Promise<Letter | null>;
  /** Whether the case has an approved (or sent) response letter. */
  hasWrittenResponse(caseId: string): Promise<boolean>;
  version(letterId: string, number: number): Promise<LetterVersion | null>;
  /** Letters waiting for approval, oldest first (at most 50). */
  awaitingApproval(): Promise<LetterAwaitingApproval[]>;
  /** Creates the letter once per request key, with its "letter_requested" audit event and the outbox entries (the drafting job). */
  request(input: LetterRequest, outbox: (letterId: string) => OutboxEntry[]): Promise<{ letter: Letter; created: boolean }>;
  /** Records where the letter's thread message is, once; false when it was already recorded (a second instance's post). */
  recordThreadMessage(letterId: string, channelId: string, ts: string): Promise<boolean>;
  /**
   * Adds version `number` if the letter is still at `number - 1` and drafting or a draft; the letter
   * becomes a draft. False when someone else moved it first (stale edit, or the same draft job delivered twice).
   */
  addVersion(letterId: string, number: number, version: NewVersion, event: { type: string; actorId: string }, outbox: OutboxEntry[]): Promise<boolean>;
  /** Moves the letter when it still has the expected status (and version); false when it does not. */
  transition(
    letterId: string,
    expected: { status: LetterStatus; version?: number },
    data: LetterUpdate,
    event: { type: string; actorId: string; data: Record<string, string> },
    outbox: OutboxEntry[],
  ): Promise<boolean>;
  /** Records a case event about a letter (a view, a download). */
  audit(caseId: string, type: string, actorId: string, data: Record<string, string>): Promise<void>;
}
