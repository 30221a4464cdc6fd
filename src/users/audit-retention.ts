// Audit events are kept AUDIT_RETENTION_YEARS (at least six: HIPAA, 45 CFR 164.316(b)(2)); older
// ones are deleted only by an admin who asked for it (/case admin purge-audit), and the purge is
// itself an audit event that no purge deletes (the database's guard refuses it, and refuses any
// delete of an event younger than six years, whatever the app asks).

/** The audit event a purge writes: who, how many, and up to which date. */
export const AUDIT_PURGED_EVENT = "audit_purged";

export interface AuditCounts {
  caseEvents: number;
  adminEvents: number;
}

/** Storage for the purge (port; src/jobs/retention.repository.ts is the SQL). */
export interface AuditRetentionStore {
  /** Audit events recorded before `before` that a purge would delete (purge records excluded). */
  countBefore(before: Date): Promise<AuditCounts>;
  /**
   * Deletes them and writes the `audit_purged` event in the same transaction, so a purge is never
   * unrecorded; returns how many were deleted (nothing is written when there was none).
   */
  purgeBefore(before: Date, actorId: string): Promise<AuditCounts>;
}

/** The newest instant an event may have been recorded at to be purged now: `years` calendar years before `now` (UTC). */
export function auditCutoff(now: Date, years: number): Date {
  const cutoff = new Date(now.getTime());
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - years);
  return cutoff;
}
