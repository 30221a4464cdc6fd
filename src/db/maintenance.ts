import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { AppError, ErrorCode } from "../lib/errors.ts";
import { lockDataDir } from "./data-dir-lock.ts";
import { openDatabase } from "./database.ts";
import { migrate } from "./migrate.ts";

// Backup, restore and moving an embedded installation to PostgreSQL (npm run db:backup,
// db:restore, db:move-to-postgres; src/db/cli.ts). Each holds the embedded folder's lock, so they
// refuse to run beside a bot using it, and says what it does one line per step through `say`.

export type Say = (line: string) => void;

/** Hides the password of a postgres:// URL for printing. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(the given URL)";
  }
}

const refuse = (message: string) => new AppError(ErrorCode.config, message);

function hasDatabase(dataDir: string): boolean {
  return existsSync(join(dataDir, "PG_VERSION"));
}

/** Writes a PGlite dump (gzipped tar of the data folder) of `dataDir` to `file`; refuses to overwrite a file. */
export async function backupEmbedded(dataDir: string, file: string, say: Say): Promise<void> {
  if (!hasDatabase(dataDir)) throw refuse(`There is no embedded database in ${dataDir} to back up (check DATA_DIR).`);
  if (existsSync(file)) throw refuse(`${file} already exists; choose another file name (a backup never overwrites one).`);
  const lock = lockDataDir(dataDir);
  try {
    say(`Opening the embedded database in ${dataDir} (the bot must be stopped: it holds this folder while it runs).`);
    const pglite = await PGlite.create(dataDir);
    try {
      const cases = await pglite.query<{ count: number }>(`SELECT count(*)::int AS "count" FROM "cases"`).catch(() => ({ rows: [{ count: 0 }] }));
      say(`Dumping it (${cases.rows[0]?.count ?? 0} cases).`);
      const dump = await pglite.dumpDataDir("gzip");
      await writeFile(file, Buffer.from(await dump.arrayBuffer()), { flag: "wx", mode: 0o600 });
      say(`Wrote ${file} (${(dump.size / 1_048_576).toFixed(1)} MiB). It holds patient data: keep it as safe as the database.`);
    } finally {
      await pglite.close();
    }
  } finally {
    lock.release();
  }
}

/** Restores a PGlite dump into `dataDir`, which must hold no database yet (a restore never overwrites one). */
export async function restoreEmbedded(dataDir: string, file: string, say: Say): Promise<void> {
  if (!existsSync(file)) throw refuse(`There is no backup file ${file}.`);
  if (hasDatabase(dataDir)) {
    throw refuse(`${dataDir} already holds a database; a restore never overwrites one. Move that folder aside (or set DATA_DIR to a new folder) and run the restore again.`);
  }
  const lock = lockDataDir(dataDir);
  try {
    say(`Restoring ${file} into ${dataDir}.`);
    const dump = new Blob([await readFile(file)], { type: "application/x-gzip" });
    const pglite = await PGlite.create(dataDir, { loadDataDir: dump }).catch((error: unknown) => {
      throw refuse(`${file} is not a backup this command can read (${error instanceof Error ? error.message : String(error)}).`);
    });
    // The dump carries the lock file of the process that made it: this process holds the folder now.
    lock.reclaim();
    try {
      const cases = await pglite.query<{ count: number }>(`SELECT count(*)::int AS "count" FROM "cases"`).catch(() => ({ rows: [{ count: 0 }] }));
      say(`Restored: ${cases.rows[0]?.count ?? 0} cases. Start the bot with DATA_DIR=${dataDir}; pending migrations apply at start-up.`);
    } finally {
      await pglite.close();
    }
  } finally {
    lock.release();
  }
}

/** What a PostgreSQL installation uses instead: pg_dump and pg_restore. */
export function postgresBackupAdvice(command: "backup" | "restore"): string {
  return command === "backup"
    ? 'DATABASE_URL is set, so this installation keeps its data in PostgreSQL, which backs up with its own tools: pg_dump --format=custom --file=patient-relations.dump "$DATABASE_URL". Nothing was done.'
    : 'DATABASE_URL is set, so this installation keeps its data in PostgreSQL, which restores with its own tools: pg_restore --clean --if-exists --no-owner --dbname="$DATABASE_URL" patient-relations.dump (stop the bot first). Nothing was done.';
}

interface Column {
  name: string;
  type: string;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The app's tables (not Prisma's migration log), parents before children, each with its columns. */
async function tablesInCopyOrder(query: <T>(sql: string) => Promise<T[]>): Promise<{ name: string; columns: Column[] }[]> {
  const tables = await query<{ name: string }>(
    `SELECT c.relname AS "name" FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND c.relname <> '_prisma_migrations' ORDER BY c.relname`,
  );
  const links = await query<{ child: string; parent: string }>(
    `SELECT c.relname AS "child", p.relname AS "parent" FROM pg_constraint k
     JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
     JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE k.contype = 'f' AND n.nspname = current_schema()`,
  );
  const columns = await query<{ table: string; name: string; type: string }>(
    `SELECT c.relname AS "table", a.attname AS "name", format_type(a.atttypid, a.atttypmod) AS "type"
     FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
     ORDER BY c.relname, a.attnum`,
  );
  const names = tables.map((table) => table.name);
  const ordered: string[] = [];
  const visiting = new Set<string>();
  const visit = (name: string) => {
    if (ordered.includes(name) || visiting.has(name)) return;
    visiting.add(name);
    for (const link of links) if (link.child === name && link.parent !== name) visit(link.parent);
    visiting.delete(name);
    ordered.push(name);
  };
  for (const name of names) visit(name);
  return ordered.map((name) => ({ name, columns: columns.filter((column) => column.table === name).map(({ name: column, type }) => ({ name: column, type })) }));
}

const BATCH = 1_000;

/**
 * Moves an embedded installation to PostgreSQL: migrates both to the same schema, refuses a target
 * holding any row, copies every table in foreign-key order inside one transaction (ids kept, values
 * carried as their text form so every type survives exactly), resets the sequences, checks each
 * table's row count before committing, and leaves the embedded folder as it was.
 */
export async function moveToPostgres(dataDir: string, targetUrl: string, say: Say): Promise<{ table: string; rows: number }[]> {
  if (!/^postgres(ql)?:\/\//.test(targetUrl)) throw refuse("Give the target as a PostgreSQL URL: npm run db:move-to-postgres -- postgres://user:password@host:5432/database");
  if (!hasDatabase(dataDir)) throw refuse(`There is no embedded database in ${dataDir} to move (check DATA_DIR).`);
  const shown = redactUrl(targetUrl);
  say(`Opening the embedded database in ${dataDir} (the bot must be stopped: it holds this folder while it runs).`);
  const source = await openDatabase({ dataDir });
  try {
    const appliedHere = await migrate(source);
    say(`Embedded database schema is current${appliedHere.length ? ` (${appliedHere.length} migrations applied)` : ""}.`);
    say(`Connecting to ${shown} and applying migrations there.`);
    const target = await openDatabase({ databaseUrl: targetUrl, dataDir }).catch((error: unknown) => {
      throw refuse(`Could not open ${shown}: ${error instanceof Error ? error.message : String(error)}.`);
    });
    let appliedThere: string[];
    try {
      appliedThere = await migrate(target).catch((error: unknown) => {
        throw refuse(`Could not migrate ${shown}: ${error instanceof Error ? error.message : String(error)}.`);
      });
    } finally {
      await target.close();
    }
    say(`Target schema is current (${appliedThere.length} migrations applied).`);

    const read = <T>(sql: string, params?: unknown[]) => source.withMigrationLock((session) => session.query<T>(sql, params));
    const tables = await tablesInCopyOrder(read);
    const client = new pg.Client({ connectionString: targetUrl });
    await client.connect();
    try {
      const targetTables = await tablesInCopyOrder(async <T>(sql: string) => (await client.query(sql)).rows as T[]);
      for (const table of tables) {
        const there = targetTables.find((candidate) => candidate.name === table.name);
        const same = there && JSON.stringify(there.columns) === JSON.stringify(table.columns);
        if (!same) throw refuse(`The target's table ${table.name} does not match the embedded one; is the target another application's database?`);
      }
      await client.query("BEGIN");
      try {
        for (const table of targetTables) {
          const { rows } = await client.query(`SELECT EXISTS (SELECT 1 FROM ${quote(table.name)}) AS "any"`);
          if (rows[0]?.any) throw refuse(`The target database is not empty (${table.name} has rows); a move only goes into a new, empty database.`);
        }
        say(`Target is empty. Copying ${tables.length} tables in one transaction.`);
        const counts: { table: string; rows: number }[] = [];
        for (const table of tables) {
          const copied = await copyTable(source, client, table);
          counts.push({ table: table.name, rows: copied });
          say(`Copied ${table.name}: ${copied} rows.`);
        }
        const sequences = await resetSequences(client);
        say(`Reset ${sequences} sequences past the copied ids.`);
        for (const { table, rows } of counts) {
          const [sourceCount] = await read<{ count: number }>(`SELECT count(*)::int AS "count" FROM ${quote(table)}`);
          const { rows: targetCount } = await client.query(`SELECT count(*)::int AS "count" FROM ${quote(table)}`);
          if (sourceCount?.count !== rows || targetCount[0]?.count !== rows) {
            throw new Error(`row counts differ for ${table}: embedded ${sourceCount?.count}, copied ${rows}, target ${targetCount[0]?.count}`);
          }
        }
        await client.query("COMMIT");
        say(`Verified: every table's row count matches (${counts.reduce((sum, { rows }) => sum + rows, 0)} rows in ${counts.length} tables). Committed.`);
        say(`Done. Set DATABASE_URL=${shown} and start the bot; ${dataDir} is left as it was (keep it as a backup, and do not start on it again).`);
        return counts;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw error;
      }
    } finally {
      await client.end();
    }
  } finally {
    await source.close();
  }
}

/** Copies one table through a cursor, 1,000 rows per INSERT, each value as text cast back to its column's type. */
async function copyTable(source: Awaited<ReturnType<typeof openDatabase>>, client: pg.Client, table: { name: string; columns: Column[] }): Promise<number> {
  const selectList = table.columns.map((column, i) => `${quote(column.name)}::text AS "c${i}"`).join(", ");
  const names = table.columns.map((column) => quote(column.name)).join(", ");
  const unnest = table.columns.map((_, i) => `$${i + 1}::text[]`).join(", ");
  const casts = table.columns.map((column, i) => `"c${i}"::${column.type}`).join(", ");
  const aliases = table.columns.map((_, i) => `"c${i}"`).join(", ");
  const insert = `INSERT INTO ${quote(table.name)} (${names}) OVERRIDING SYSTEM VALUE SELECT ${casts} FROM unnest(${unnest}) AS u(${aliases})`;
  return source.withMigrationLock(async (session) => {
    let copied = 0;
    await session.exec("BEGIN READ ONLY");
    try {
      await session.exec(`DECLARE "move_cursor" NO SCROLL CURSOR FOR SELECT ${selectList} FROM ${quote(table.name)}`);
      for (;;) {
        const rows = await session.query<Record<string, string | null>>(`FETCH ${BATCH} FROM "move_cursor"`);
        if (rows.length === 0) break;
        const columns = table.columns.map((_, i) => rows.map((row) => row[`c${i}`] ?? null));
        await client.query(insert, columns);
        copied += rows.length;
      }
      await session.exec("CLOSE \"move_cursor\"");
    } finally {
      await session.exec("COMMIT");
    }
    return copied;
  });
}

/** Sets every sequence owned by a column to follow the largest copied value (or to start afresh on an empty table). */
async function resetSequences(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ sequence: string; table: string; column: string }>(
    `SELECT s.oid::regclass::text AS "sequence", t.relname AS "table", a.attname AS "column"
     FROM pg_depend d
     JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'
     JOIN pg_class t ON t.oid = d.refobjid
     JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
     JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE d.deptype IN ('a', 'i') AND n.nspname = current_schema()`,
  );
  for (const row of rows) {
    await client.query(
      `SELECT setval($1::regclass, COALESCE((SELECT max(${quote(row.column)}) FROM ${quote(row.table)}), 0) + 1, false)`,
      [row.sequence],
    );
  }
  return rows.length;
}
