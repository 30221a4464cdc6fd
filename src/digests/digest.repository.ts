import type { PrismaClient } from "../db/generated/client.ts";
import { createEscalationReads } from "./escalation.repository.ts";
import { createTrendReads } from "./trends.repository.ts";

/** The reads behind the digests: candidate open cases and waiting letters; the weekly aggregates for trends. */
export function createDigestRepository(prisma: PrismaClient) {
  return { ...createEscalationReads(prisma), ...createTrendReads(prisma) };
}

export type DigestRepository = ReturnType<typeof createDigestRepository>;
