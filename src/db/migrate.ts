import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Database, SqlSession } from "./database.ts";

// Applies prisma/migrations/*/migration.sql in order and records each in _prisma_migrations exactly as
// `prisma migrate deploy` does (same table, sha256 checksum of the file), so both agree about what ran.

export const MIGRATIONS_DIR = fileURLToPath(new URL("../../prisma/migrations/", import.meta.url));

const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

/** The migration files in the order Prisma applies them (folder names sort by timestamp). */
export async function readMigrations(dir = MIGRATIONS_DIR): Promise<MigrationFile[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}

/** Applies pending migrations; returns the names applied. Refuses to run over a failed or edited migration. */
export async function migrate(db: Database, dir = MIGRATIONS_DIR): Promise<string[]> {
  const migrations = await readMigrations(dir);
  return db.withMigrationLock(async (session) => {
    await session.exec(CREATE_MIGRATIONS_TABLE);
    const applied = await session.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      `SELECT "migration_name", "checksum", "finished_at" FROM "_prisma_migrations" WHERE "rolled_back_at" IS NULL`,
    );
    const byName = new Map(applied.map((row) => [row.migration_name, row]));
    const ran: string[] = [];
    for (const migration of migrations) {
      const previous = byName.get(migration.name);
      if (previous) {
        assertHealthy(migration, previous);
        continue;
      }
      await applyOne(session, migration);
      ran.push(migration.name);
    }
    return ran;
  });
}

function assertHealthy(migration: MigrationFile, previous: { checksum: string; finished_at: Date | null }) {
  if (!previous.finished_at) {
    throw new Error(`Migration ${migration.name} failed earlier and needs attention before start-up (see _prisma_migrations).`);
  }
  if (previous.checksum !== migration.checksum) {
    throw new Error(`Migration ${migration.name} was edited after it was applied; restore the original file.`);
  }
}

async function applyOne(session: SqlSession, migration: MigrationFile) {
  await session.exec("BEGIN");
  try {
    await session.exec(migration.sql);
    await session.query(
      `INSERT INTO "_prisma_migrations" ("id", "checksum", "migration_name", "started_at", "finished_at", "applied_steps_count")
       VALUES ($1, $2, $3, now(), now(), 1)`,
      [randomUUID(), migration.checksum, migration.name],
    );
    await session.exec("COMMIT");
  } catch (error) {
    await session.exec("ROLLBACK");
    throw error;
  }
}
