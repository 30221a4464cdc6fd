import type { PrismaClient } from "../db/generated/client.ts";
import type { InteractionClaim, InteractionKeys } from "./interaction-keys.ts";

/**
 * Interaction keys in the database, so every instance on it agrees: the primary key decides which
 * delivery is first, and the database's own clock ages claims (instances' clocks may differ).
 */
export function createInteractionKeys(prisma: PrismaClient): InteractionKeys {
  return {
    async claim(key: string, staleMs: number): Promise<InteractionClaim> {
      const inserted = await prisma.$executeRaw`INSERT INTO "interaction_keys" ("key") VALUES (${key}) ON CONFLICT ("key") DO NOTHING`;
      if (inserted === 1) return { status: "claimed" };
      // One delivery takes over a claim that was never completed and has gone stale; the others stay duplicates.
      const takenOver = await prisma.$executeRaw`
        UPDATE "interaction_keys" SET "created_at" = CURRENT_TIMESTAMP
        WHERE "key" = ${key} AND "completed_at" IS NULL AND "created_at" < CURRENT_TIMESTAMP - (${staleMs}::int * INTERVAL '1 millisecond')`;
      if (takenOver === 1) return { status: "claimed" };
      const row = await prisma.interactionKey.findUnique({ where: { key }, select: { response: true } });
      // Released between the two statements: this delivery may apply it.
      if (!row) return (await prisma.$executeRaw`INSERT INTO "interaction_keys" ("key") VALUES (${key}) ON CONFLICT ("key") DO NOTHING`) === 1 ? { status: "claimed" } : { status: "duplicate", response: null };
      return { status: "duplicate", response: row.response ?? null };
    },
    async complete(key: string, response: unknown): Promise<void> {
      await prisma.$executeRaw`UPDATE "interaction_keys" SET "completed_at" = CURRENT_TIMESTAMP, "response" = ${JSON.stringify(response ?? null)}::jsonb WHERE "key" = ${key}`;
    },
    async release(key: string): Promise<void> {
      await prisma.interactionKey.deleteMany({ where: { key } });
    },
    async prune(olderThanMs: number): Promise<number> {
      return prisma.$executeRaw`DELETE FROM "interaction_keys" WHERE "created_at" < CURRENT_TIMESTAMP - (${olderThanMs}::bigint * INTERVAL '1 millisecond')`;
    },
  };
}
