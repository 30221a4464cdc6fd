import { AppError, ErrorCode } from "../lib/errors.ts";
import { monthOf, monthRange } from "../resources/resources.ts";
import { canSeeTeamReports } from "../users/permissions.ts";
import type { Role } from "../users/roles.ts";
import { type TeamMetrics, type TeamRecords, teamMetrics } from "./team-metrics.ts";

// The team at a glance for managers: on their App Home (this month so far), on demand with
// /case team [YYYY-MM], and in a monthly digest sent to each of them privately (the month before).

export interface TeamReportDeps {
  /** The records of a period (team-metrics.repository.ts). */
  records(period: { from: Date; to: Date }): Promise<TeamRecords>;
  /** The coordinators, so one without a case still has a row. */
  coordinators(): Promise<string[]>;
  /** Who gets the monthly digest: the managers and admins. */
  managers(): Promise<string[]>;
  roleOf(userId: string): Promise<Role>;
  audit(type: string, actorId: string, data: Record<string, string>): Promise<void>;
  timeZone: string;
  now(): Date;
}

/** A month's numbers: `month` is "YYYY-MM" in the hospital's time zone; `complete` once it has ended. */
export interface TeamGlance extends TeamMetrics {
  month: string;
  complete: boolean;
}

export const TEAM_REPORT_REFUSAL = "Only managers and admins see the team at a glance. Nothing was shown.";

/** The month before "YYYY-MM". */
export function previousMonth(month: string): string {
  const [year, index] = month.split("-").map(Number) as [number, number];
  return index === 1 ? `${year - 1}-12` : `${year}-${String(index - 1).padStart(2, "0")}`;
}

export function createTeamReports(deps: TeamReportDeps) {
  async function build(month: string, now: Date): Promise<TeamGlance> {
    const period = monthRange(month, deps.timeZone);
    if (!period) throw new AppError(ErrorCode.invalidInput, `"${month.slice(0, 20)}" is not a month; write it as YYYY-MM, e.g. /case team 2026-11.`);
    if (period.from.getTime() > now.getTime()) throw new AppError(ErrorCode.invalidInput, `${month} has not begun yet; ask for this month or an earlier one.`);
    const [records, coordinators] = await Promise.all([deps.records(period), deps.coordinators()]);
    const metrics = teamMetrics({ period, now, coordinators, ...records });
    return { ...metrics, month, complete: period.to.getTime() <= now.getTime() };
  }

  return {
    /** /case team [YYYY-MM]: the month's numbers (this month by default) for a manager or admin; a refusal for anyone else, audited. */
    async report(userId: string, month?: string): Promise<TeamGlance> {
      if (!canSeeTeamReports(await deps.roleOf(userId))) {
        await deps.audit("permission_denied", userId, { action: "team_report" });
        throw new AppError(ErrorCode.forbidden, TEAM_REPORT_REFUSAL);
      }
      const now = deps.now();
      return build(month?.trim() || monthOf(now, deps.timeZone), now);
    },

    /** This month so far for the App Home of a manager or admin; null for anyone else (their tab has no team section). */
    async forHome(userId: string): Promise<TeamGlance | null> {
      if (!canSeeTeamReports(await deps.roleOf(userId))) return null;
      const now = deps.now();
      return build(monthOf(now, deps.timeZone), now);
    },

    /** The monthly digest's numbers: the month before the one `slotAt` falls in, as of `now`. */
    async monthly(slotAt: Date, now: Date): Promise<TeamGlance> {
      return build(previousMonth(monthOf(slotAt, deps.timeZone)), now);
    },

    managers: () => deps.managers(),
  };
}

export type TeamReports = ReturnType<typeof createTeamReports>;
