import type { CaseSummary } from "../cases/case.ts";
import type { CaseAction } from "../users/permissions.ts";
import type { LetterCheck } from "./letter-check.ts";
import type { Letter, LetterVersion } from "./letter.ts";

// What the letter service hands its callers: the notifier port, the review forms, views and downloads.

/** Where a letter is shown (port; Slack posts it in the case thread). */
export interface LetterNotifier {
  postPlaceholder(summary: CaseSummary, letter: Letter): Promise<{ channelId: string; ts: string }>;
  showLetter(view: LetterView): Promise<void>;
  /** Sends a file to one person only (Slack: a direct message from the app), never to a channel. */
  uploadPrivately(userId: string, filename: string, title: string, content: Buffer): Promise<void>;
}

/**
 * The review forms a letter's buttons open, and what each needs: the permission for the action,
 * whether the form shows the letter text (then the audited private view, with permission to see
 * the case's details), and whether it opens in any state (else only on the version the button was
 * shown with, while that is still the draft under review).
 */
export const LETTER_FORMS = {
  view: { action: "view_details", showsText: true, anyStatus: true },
  approve: { action: "approve_letter", showsText: true, anyStatus: false },
  edit: { action: "draft_letter", showsText: true, anyStatus: false },
  regenerate: { action: "draft_letter", showsText: false, anyStatus: false },
  reject: { action: "approve_letter", showsText: false, anyStatus: false },
} as const satisfies Record<string, { action: CaseAction; showsText: boolean; anyStatus: boolean }>;
export type LetterForm = keyof typeof LETTER_FORMS;

export type DownloadFormat = "pdf" | "txt";

/** An approved letter's download, checked and audited: `send` makes the file and sends it to the requester alone. */
export interface LetterDownload {
  format: DownloadFormat;
  caseNumber: string;
  version: number;
  send(): Promise<void>;
}

/** Everything needed to show a letter and its review controls. */
export interface LetterView {
  letter: Letter;
  version: LetterVersion | null;
  summary: CaseSummary;
  checks: LetterCheck[];
  /** An interim letter's promised date for the written response (interimResponseDueAt), for the approver to see. */
  promisedResponseBy?: Date | null;
}
