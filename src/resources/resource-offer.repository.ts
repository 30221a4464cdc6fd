import type { PrismaClient } from "../db/generated/client.ts";
import type { ResourceOfferRepository } from "./resource-offers.ts";

/** Offered resources and their audit events, written together; read back for the monthly count. */
export function createResourceOfferRepository(prisma: PrismaClient): ResourceOfferRepository {
  return {
    async recordOffers(caseId, actorId, offers, offeredAt) {
      return prisma.$transaction(async (tx) => {
        await tx.resourceOffer.createMany({
          data: offers.map((offer) => ({ caseId, resourceId: offer.resourceId, resourceName: offer.resourceName, tags: [...offer.tags], offeredBy: actorId, offeredAt })),
        });
        // The audit trail holds ids only: which directory entries were offered, by whom.
        await tx.caseEvent.create({
          data: { caseId, type: "resources_offered", actorId, data: { resources: offers.map((offer) => offer.resourceId).join(","), count: String(offers.length) } },
        });
        return offers.length;
      });
    },
    async offeredOn(caseId) {
      const rows = await prisma.resourceOffer.findMany({ where: { caseId }, orderBy: { offeredAt: "asc" }, select: { caseId: true, resourceId: true, resourceName: true, tags: true, offeredAt: true, offeredBy: true } });
      return rows;
    },
    async offeredBetween(from, to) {
      return prisma.resourceOffer.findMany({ where: { offeredAt: { gte: from, lt: to } }, select: { caseId: true, resourceId: true, resourceName: true, tags: true } });
    },
  };
}
