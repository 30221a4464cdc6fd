import { ROUTING_OUTBOX } from "../routing/routing-outbox.ts";
import type { Clock } from "../lib/clock.ts";
import { wallTimeOf } from "../lib/zoned-time.ts";
import type { CaseRepository, CaseSummary, IntakeContext } from "./case.ts";
import type { CaseIntake } from "./case.schema.ts";
import { classifyConcern } from "./classify.ts";
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
      // A compliment runs no clock.
      const dueDates =
        classification.type === "compliment" ? { acknowledgeDueAt: null, responseDueAt: null } : dueDatesFor(classification.type, intake.receivedAt, resolvedAtPointOfService, policy);
      const year = wallTimeOf(clock.now(), policy.timeZone).year;
      return cases.fileCase(
        { year, intake, context, classification, dueDates, status: resolvedAtPointOfService ? "resolved" : "new" },
        // Routing is queued first so the card, posted next, already shows the owner.
        (caseId) => [
          { kind: ROUTING_OUTBOX.routeCase, dedupeKey: `route:${caseId}`, payload: { caseId } },
          { kind: OUTBOX_KINDS.caseCard, dedupeKey: `case-card:${caseId}`, payload: { caseId } },
        ],
      );
    },
  };
}

export type CaseService = ReturnType<typeof createCaseService>;
