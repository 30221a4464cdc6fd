import { addBusinessDays, addCalendarDays } from "../lib/zoned-time.ts";
import type { CaseType } from "./classify.ts";

/** Deadline policy: a hospital's choices, with CMS's 7 calendar days for grievances as the default. */
export interface ClockPolicy {
  timeZone: string;
  acknowledgeBusinessDays: number;
  grievanceResponseDays: number;
  complaintResponseBusinessDays: number;
  holidays: ReadonlySet<string>;
}

export interface DueDates {
  acknowledgeDueAt: Date | null;
  responseDueAt: Date | null;
}

/** Deadlines for a new case; every clock starts when the concern was received, not when it was filed. */
export function dueDatesFor(
  type: CaseType,
  receivedAt: Date,
  resolvedAtPointOfService: boolean,
  policy: ClockPolicy,
): DueDates {
  if (type === "complaint" && resolvedAtPointOfService) return { acknowledgeDueAt: null, responseDueAt: null };
  const { timeZone, holidays } = policy;
  const acknowledgeDueAt = addBusinessDays(receivedAt, policy.acknowledgeBusinessDays, timeZone, holidays);
  const responseDueAt =
    type === "grievance"
      ? addCalendarDays(receivedAt, policy.grievanceResponseDays, timeZone)
      : addBusinessDays(receivedAt, policy.complaintResponseBusinessDays, timeZone, holidays);
  return { acknowledgeDueAt, responseDueAt };
}
