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
}

export interface SurveyRepository {
  /**
   * Stores the comments whose row ids are new, in one transaction (all or nothing); returns the
   * stored ones (with ids) and how many row ids were already there.
   */
  importComments(comments: readonly NewComment[], importedBy: string): Promise<{ stored: { id: string; rowId: string }[]; duplicates: number }>;
  find(id: string): Promise<StoredComment | null>;
}

/** A grievance candidate offered to a coordinator: no patient data, only what routes and identifies it. */
export interface CandidateOffer {
  commentId: string;
  unit: string;
  category: string;
  date: string;
}

/** Tells the people who may file a candidate that it waits (DMs; port, implemented in src/slack). */
export interface CandidateNotifier {
  offer(userIds: readonly string[], offers: readonly CandidateOffer[]): Promise<void>;
}
