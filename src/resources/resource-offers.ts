import type { StoredOffer } from "./resources.ts";

/** One resource offered, as the directory named it then. */
export interface NewOffer {
  resourceId: string;
  resourceName: string;
  tags: readonly string[];
}

/** Storage of offered resources (port; the Prisma implementation is resource-offer.repository.ts). */
export interface ResourceOfferRepository {
  /** Stores the offers and their audit event (case_events "resources_offered", ids only) together; returns how many. */
  recordOffers(caseId: string, actorId: string, offers: readonly NewOffer[], offeredAt: Date): Promise<number>;
  offeredOn(caseId: string): Promise<(StoredOffer & { offeredAt: Date; offeredBy: string })[]>;
  offeredBetween(from: Date, to: Date): Promise<StoredOffer[]>;
}
