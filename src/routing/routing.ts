import type { CaseSummary, OutboxEntry } from "../cases/case.ts";
import type { RuleSet } from "./rule-set.schema.ts";

/** What routing decided for a case: the rule, team and owner, and the special alerts and tasks it raised. */
export interface RoutingOutcome {
  summary: CaseSummary;
  ruleId: string;
  teamId: string;
  ownerId: string | null;
  alertApprovers: boolean;
  qioReferral: boolean;
}

/** Builds the posts a routing decision causes, given its audit event id. */
export type RoutingNotifier = (eventId: string, outcome: Omit<RoutingOutcome, "summary"> & { caseId: string; reasons: string[]; riskContacts: string[] }) => Promise<OutboxEntry[]> | OutboxEntry[];

/** A stored version of the routing rules, as saved (validated by whoever reads it). */
export interface StoredRuleSet {
  id: number;
  document: unknown;
}

/** Routing storage (port; the Prisma implementation is routing.repository.ts): rule-set versions, round-robin cursors, and applying a decision to a case. */
export interface RoutingRepository {
  /** The latest saved rules, or null before any were saved. */
  activeRuleSet(): Promise<StoredRuleSet | null>;
  /** Saves a new version of the rules with its admin audit event; returns the version. */
  saveRuleSet(ruleSet: RuleSet, source: "file" | "slack", actorId: string): Promise<number>;
  /**
   * Routes a case once: picks team and owner, records the rule, raises special alerts and tasks,
   * and queues the posts, atomically. Null when the case is gone or was already routed. Only
   * someone `mayOwn` allows is made the owner: a member or named person without the coordinator
   * role is skipped (the case stays unassigned when nobody else can take it).
   */
  routeCase(caseId: string, ruleSet: RuleSet, notify: RoutingNotifier, mayOwn: (userId: string) => boolean): Promise<RoutingOutcome | null>;
}
