import type { Prisma, PrismaClient } from "../db/generated/client.ts";
import { SUMMARY_FIELDS, toSummary } from "../cases/case.repository.ts";
import type { CaseStatus } from "../cases/case.ts";
import { isOpen, OPEN_STATUSES } from "../cases/lifecycle.ts";
import { queueOnce } from "../outbox/outbox.repository.ts";
import { matchRoute, pickOwner, specialRoutes } from "./route.ts";
import type { RoutingRepository } from "./routing.ts";

/** Routing storage: rule-set versions, round-robin cursors, and applying a decision to a case. */
export function createRoutingRepository(prisma: PrismaClient): RoutingRepository {
  async function candidatesFor(tx: Prisma.TransactionClient, members: readonly string[]): Promise<string[]> {
    if (members.length > 0) return [...members];
    const rows = await tx.userRole.findMany({ where: { role: "coordinator" }, orderBy: { slackUserId: "asc" } });
    return rows.map((row) => row.slackUserId);
  }

  async function openCounts(tx: Prisma.TransactionClient, userIds: readonly string[]): Promise<Map<string, number>> {
    const rows = await tx.case.groupBy({
      by: ["ownerId"],
      where: { ownerId: { in: [...userIds] }, status: { in: [...OPEN_STATUSES] } },
      _count: { _all: true },
    });
    return new Map(rows.map((row) => [row.ownerId as string, row._count._all]));
  }

  /** The round-robin position for a team, locked until the transaction ends. */
  async function lockCursor(tx: Prisma.TransactionClient, teamId: string): Promise<number> {
    await tx.$executeRaw`INSERT INTO "routing_cursors" ("team_id", "position") VALUES (${teamId}, 0) ON CONFLICT ("team_id") DO NOTHING`;
    const [row] = await tx.$queryRaw<{ position: number }[]>`SELECT "position" FROM "routing_cursors" WHERE "team_id" = ${teamId} FOR UPDATE`;
    return row?.position ?? 0;
  }

  return {
    async activeRuleSet() {
      return prisma.routingRuleSet.findFirst({ orderBy: { id: "desc" }, select: { id: true, document: true } });
    },

    async saveRuleSet(ruleSet, source, actorId) {
      return prisma.$transaction(async (tx) => {
        const row = await tx.routingRuleSet.create({ data: { document: ruleSet as unknown as Prisma.InputJsonValue, source, createdBy: actorId } });
        await tx.adminEvent.create({ data: { type: "routing_rules_changed", actorId, data: { version: String(row.id), source } } });
        return row.id;
      });
    },

    /** Routes a case once: picks team and owner, records the rule, raises special alerts and tasks, queues the posts. */
    async routeCase(caseId, ruleSet, notify, mayOwn) {
      return prisma.$transaction(async (tx) => {
        // Lock the case row so two deliveries of the same routing job cannot both route it.
        await tx.$queryRaw`SELECT "id" FROM "cases" WHERE "id" = ${caseId}::uuid FOR UPDATE`;
        const facts = await tx.case.findUnique({
          where: { id: caseId },
          select: {
            category: true,
            department: true,
            severity: true,
            type: true,
            medicareBeneficiary: true,
            allegesHarm: true,
            description: true,
            ownerId: true,
            status: true,
            routingRule: true,
          },
        });
        if (!facts || facts.routingRule) return null;
        const routingFacts = { ...facts, type: facts.type as "complaint" | "grievance" | "compliment" };
        const { ruleId, route, team } = matchRoute(ruleSet, routingFacts);

        let ownerId = facts.ownerId;
        if (!ownerId && isOpen(facts.status as CaseStatus)) {
          const candidates = await candidatesFor(tx, team.members);
          const counts = route.strategy === "fewest_open" ? await openCounts(tx, candidates) : new Map<string, number>();
          const cursor = route.strategy === "round_robin" ? await lockCursor(tx, team.id) : 0;
          const pick = pickOwner({ strategy: route.strategy, person: route.person, candidates, openCounts: counts, cursor, mayOwn });
          ownerId = pick.ownerId;
          if (route.strategy === "round_robin" && pick.nextCursor !== cursor) {
            await tx.routingCursor.update({ where: { teamId: team.id }, data: { position: pick.nextCursor } });
          }
        }

        const special = specialRoutes(routingFacts);
        await tx.case.update({ where: { id: caseId }, data: { teamId: team.id, routingRule: ruleId, ownerId } });
        const event = await tx.caseEvent.create({
          data: {
            caseId,
            type: "routed",
            actorId: "system",
            data: { rule: ruleId, team: team.id, strategy: route.strategy, ownerId: ownerId ?? "", alert: String(special.alertApprovers), qio: String(special.qioReferral) },
          },
        });
        if (special.qioReferral) {
          await tx.caseTask.upsert({ where: { caseId_kind: { caseId, kind: "qio_referral" } }, create: { caseId, kind: "qio_referral" }, update: {} });
        }
        const outcome = { caseId, ruleId, teamId: team.id, ownerId, alertApprovers: special.alertApprovers, qioReferral: special.qioReferral, reasons: special.reasons, riskContacts: ruleSet.riskManagement?.contacts ?? [] };
        await queueOnce(tx, await notify(String(event.id), outcome));
        const summary = await tx.case.findUniqueOrThrow({ where: { id: caseId }, select: SUMMARY_FIELDS });
        return { summary: toSummary(summary), ruleId, teamId: team.id, ownerId, alertApprovers: special.alertApprovers, qioReferral: special.qioReferral };
      });
    },
  };
}
