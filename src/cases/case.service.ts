import type { Clock } from "../lib/clock.ts";
import { AppError, ErrorCode } from "../lib/errors.ts";
import { wallTimeOf } from "../lib/zoned-time.ts";
import type { CaseRepository, CaseSummary, IntakeContext } from "./case.ts";
import type { CaseIntake } from "./case.schema.ts";
import { type CaseType, classifyConcern, overrideClassification } from "./classify.ts";
import { type ClockPolicy, dueDatesFor } from "./clocks.ts";
import { OUTBOX_KINDS } from "./case-updates.ts";

export interface CaseServiceDeps {
  cases: CaseRepository;
  clock: Clock;
  policy: ClockPolicy;
}

/** Filing and classifying cases: the rules live here, storage and Slack stay outside. */
export function createCaseService({ cases, clock, policy }: CaseServiceDeps) {
  return {
    /** Classifies, sets the clocks, stores with an audit event and queues the case card; idempotent per intake key. */
    async fileCase(intake: CaseIntake, context: IntakeContext): Promise<{ summary: CaseSummary; created: boolean }> {
      const classification = classifyConcern(intake);
      const resolvedAtPointOfService = classification.rule === "resolved_at_point_of_service";
      const dueDates = dueDatesFor(classification.type, intake.receivedAt, resolvedAtPointOfService, policy);
      const year = wallTimeOf(clock.now(), policy.timeZone).year;
      return cases.fileCase(
        { year, intake, context, classification, dueDates, status: resolvedAtPointOfService ? "resolved" : "new" },
        // Routing is queued first so the card, posted next, already shows the owner.
        (caseId) => [
          { kind: OUTBOX_KINDS.routeCase, dedupeKey: `route:${caseId}`, payload: { caseId } },
          { kind: OUTBOX_KINDS.caseCard, dedupeKey: `case-card:${caseId}`, payload: { caseId } },
        ],
      );
    },

    /** Records a coordinator's reclassification with its reason and resets the clocks to the new type. */
    async overrideClassification(caseId: string, type: CaseType, reason: string, actorId: string): Promise<CaseSummary> {
      const classification = overrideClassification(type, reason);
      const current = await cases.findSummary(caseId);
      if (!current) throw new AppError(ErrorCode.notFound, "That case no longer exists.");
      const dueDates = dueDatesFor(type, current.receivedAt, false, policy);
      return cases.overrideClassification(caseId, classification, actorId, dueDates);
    },
  };
}

export type CaseService = ReturnType<typeof createCaseService>;
