import type { QueuedPost } from "../outbox/outbox.ts";
import type { Screening } from "./screening.ts";

// Storage of survey comments (port; the Prisma implementation is survey.repository.ts).

export interface NewComment {
  rowId: string;
  date: string;
  unit: string;
  score: number | null;
  text: string;
  patientName: string | null;
  patientContact: string | null;
  contactRequested: boolean;
  category: string;
  screening: Screening;
  screeningRule: string;
}

/** A stored comment as a coordinator's "File as a case" needs it (patient data: never logged). */
export interface StoredComment extends NewComment {
  id: string;
  /** The number of the case filed from it, once one was (a comment is filed once). */
  filedAs: string | null;
}

export interface SurveyRepository {
  /**
   * Stores the comments whose row ids are new, in one transaction (all or nothing), with the posts
   * `notify` makes of the stored ones (the candidates' offers) queued in the same transaction;
   * returns the stored ones (with ids) and how many row ids were already there.
   */
  importComments(
    comments: readonly NewComment[],
    importedBy: string,
    notify?: (stored: readonly { id: string; rowId: string }[]) => QueuedPost[],
  ): Promise<{ stored: { id: string; rowId: string }[]; duplicates: number }>;
  find(id: string): Promise<StoredComment | null>;
}

/** A grievance candidate offered to a coordinator: no patient data, only what routes and identifies it. */
export interface CandidateOffer {
  commentId: string;
  unit: string;
  category: string;
  date: string;
}

/** Tells one person who may file candidates that they wait: one DM of up to 20 offers (port, implemented in src/slack; delivered from the outbox). */
export interface CandidateNotifier {
  offer(userId: string, offers: readonly CandidateOffer[]): Promise<void>;
}
