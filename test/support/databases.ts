import { randomBytes } from "node:crypto";
import { userInfo } from "node:os";
import pg from "pg";

// Database suites run twice: on embedded PGlite and on a real PostgreSQL server. Each PostgreSQL
// test file gets a fresh database, dropped afterwards.

export const TEST_POSTGRES_URL =
  process.env.TEST_POSTGRES_URL || `postgres://${encodeURIComponent(userInfo().username)}@127.0.0.1:5432/test`;

export type DatabaseKind = "pglite" | "postgres";
export const DATABASE_KINDS: DatabaseKind[] = ["pglite", "postgres"];

export interface TestDatabase {
  /** DATABASE_URL for the app, or undefined for PGlite. */
  databaseUrl: string | undefined;
  drop(): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === "pglite") return { databaseUrl: undefined, drop: async () => {} };
  const name = `prb_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  return {
    databaseUrl: withDatabase(TEST_POSTGRES_URL, name),
    async drop() {
      const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
