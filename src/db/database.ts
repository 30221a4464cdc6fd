import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "./generated/client.ts";
import { type DataDirLock, lockDataDir } from "./data-dir-lock.ts";
import { startPgliteThread } from "./pglite-thread.ts";

/** Runs raw SQL outside Prisma: multi-statement migration files need the driver's simple query protocol. */
export interface SqlSession {
  exec(sql: string): Promise<void>;
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
}

/** An open database: the Prisma client for the app and a raw session for migrations. */
export interface Database {
  kind: "pglite" | "postgres";
  prisma: PrismaClient;
  /** Runs `work` holding the cluster-wide migration lock, so concurrent instances migrate once. */
  withMigrationLock<T>(work: (session: SqlSession) => Promise<T>): Promise<T>;
  /**
   * A read of many rows straight through the driver, for the few reads where Prisma's per-value
   * mapping of a raw result is most of the cost (the escalation digest's 50,000 candidate cases
   * over a million: about 200 ms of 550). Rows come back as the driver parses them (timestamptz as
   * Date, integers as numbers, booleans); parameters are bound, never spliced into the SQL.
   */
  bulkRead<T>(sql: string, params: unknown[]): Promise<T[]>;
  /** Cheap liveness probe. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

// The lock id Prisma's own migrate uses, so `prisma migrate deploy` and this runner never overlap.
const MIGRATION_LOCK_ID = 72707369;

export interface DatabaseOptions {
  /** postgres:// URL; absent means the embedded PGlite database. */
  databaseUrl?: string | undefined;
  /** PGlite data folder, or "memory://" for a throwaway database. */
  dataDir: string;
}

/** Opens PostgreSQL when a URL is given, otherwise the embedded PGlite database in `dataDir`. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.databaseUrl ? openPostgres(options.databaseUrl) : openPglite(options.dataDir);
}

/** Locks a PGlite folder for this process (a throwaway in-memory database needs no lock). */
export function lockEmbedded(dataDir: string): DataDirLock | null {
  return dataDir.startsWith("memory://") ? null : lockDataDir(dataDir);
}

async function openPglite(dataDir: string): Promise<Database> {
  // One process per folder: refuses (AppError naming the holder) before PGlite touches it.
  const lock = lockEmbedded(dataDir);
  // PGlite runs statements synchronously on its thread: a thread of its own keeps Slack answered.
  const thread = await startPgliteThread(dataDir).catch((error: unknown) => {
    lock?.release();
    throw error;
  });
  const prisma = new PrismaClient({ adapter: thread.adapter });
  const session: SqlSession = { exec: thread.exec, query: thread.query };
  return {
    kind: "pglite",
    prisma,
    // The folder lock makes this process the database's only user: nobody to lock against.
    withMigrationLock: (work) => work(session),
    bulkRead: (sql, params) => thread.query(sql, params),
    ping: async () => {
      await thread.query("SELECT 1");
    },
    close: async () => {
      await prisma.$disconnect();
      await thread.close();
      lock?.release();
    },
  };
}

async function openPostgres(databaseUrl: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10, connectionTimeoutMillis: 5_000 });
  // An idle client losing its server must not crash the process; the next query reports the error.
  pool.on("error", () => {});
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    kind: "postgres",
    prisma,
    async withMigrationLock(work) {
      const client = await pool.connect();
      const session: SqlSession = {
        exec: async (sql) => {
          await client.query(sql);
        },
        query: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T[],
      };
      try {
        await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_ID]);
        return await work(session);
      } finally {
        await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_ID]).catch(() => {});
        client.release();
      }
    },
    bulkRead: async <T>(sql: string, params: unknown[]) => (await pool.query(sql, params)).rows as T[],
    ping: async () => {
      await pool.query("SELECT 1");
    },
    close: async () => {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}
