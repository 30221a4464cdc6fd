import type { Database } from "../db/database.ts";
import type { DigestRepository } from "./digest.ts";
import { createEscalationReads } from "./escalation.repository.ts";
import { createTrendReads } from "./trends.repository.ts";

/** The reads behind the digests: candidate open cases and waiting letters; the weekly aggregates for trends. */
export function createDigestRepository(db: Pick<Database, "prisma" | "bulkRead">): DigestRepository {
  return { ...createEscalationReads(db), ...createTrendReads(db.prisma) };
}
