import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/database.ts";
import { SIGNING_SECRET } from "../fakes/signed-requests.ts";
import { type FakeSlack, startFakeSlack } from "../fakes/fake-slack.ts";
import { startBotProcess } from "../support/bot-process.ts";
import { fileCaseThroughSlack, waitFor } from "../support/case-flow.ts";
import { createTestDatabase, type TestDatabase } from "../support/databases.ts";
import { startTestApp } from "../support/test-app.ts";

// npm run db:backup / db:restore / db:move-to-postgres, run as an operator would, on an embedded
// installation holding cases, people, notes, audit events, letters and their versions, and outbox rows.

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const ADMIN = "U0ADMIN001";

function cli(args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, ["src/db/cli.ts", ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
  const timer = setTimeout(() => child.kill("SIGKILL"), 90_000);
  return new Promise((resolve) =>
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, out, err });
    }),
  );
}

/** Every app table's rows (as text, ordered), embedded or PostgreSQL. */
async function snapshot(options: { dataDir?: string; databaseUrl?: string }): Promise<Record<string, string[]>> {
  const db = await openDatabase({ dataDir: options.dataDir ?? "memory://", databaseUrl: options.databaseUrl });
  try {
    return await db.withMigrationLock(async (session) => {
      const tables = await session.query<{ name: string }>(
        `SELECT tablename AS "name" FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations' ORDER BY 1`,
      );
      const result: Record<string, string[]> = {};
      for (const { name } of tables) {
        const rows = await session.query<{ row: string }>(`SELECT t::text AS "row" FROM "${name}" t ORDER BY 1`);
        result[name] = rows.map((row) => row.row);
      }
      return result;
    });
  } finally {
    await db.close();
  }
}

describe("backup, restore and move to PostgreSQL (pglite → postgres)", () => {
  const folders: string[] = [];
  const folder = () => {
    const made = mkdtempSync(join(tmpdir(), "prb-maint-"));
    folders.push(made);
    return made;
  };
  let source: string;
  let before: Record<string, string[]>;
  let slack: FakeSlack;
  let target: TestDatabase;

  beforeAll(async () => {
    source = folder();
    const app = await startTestApp("pglite", { env: { DATA_DIR: source } });
    try {
      const filed = [await fileCaseThroughSlack(app), await fileCaseThroughSlack(app, { flags: ["alleges_harm"] }), await fileCaseThroughSlack(app)];
      await app.running.deps.caseActions.addNote(filed[0]!.id, ADMIN, "step", "Called the patient's daughter back.");
      await app.running.deps.caseActions.addNote(filed[0]!.id, ADMIN, "result", "The discharge instructions were missing a page.");
      await app.running.deps.letters.request(filed[0]!.id, ADMIN, "response", "move-test-letter");
      await app.running.deps.outbox.kick();
      await waitFor(() => app.running.deps.db.prisma.letterVersion.findFirst(), 20_000);
    } finally {
      await app.close();
    }
    before = await snapshot({ dataDir: source });
    slack = await startFakeSlack();
    target = await createTestDatabase("postgres");
  }, 120_000);
  afterAll(async () => {
    await target?.drop();
    await slack?.close();
    for (const made of folders) rmSync(made, { recursive: true, force: true });
  });

  it("has something in every table worth keeping", () => {
    for (const table of ["cases", "case_people", "case_notes", "case_events", "letters", "letter_versions", "outbox_messages", "user_roles"]) {
      expect(before[table]?.length, table).toBeGreaterThan(0);
    }
  });

  it("backs up and restores the embedded database, every row kept", async () => {
    const file = join(folder(), "backup.tar.gz");
    const backup = await cli(["backup", file], { DATA_DIR: source });
    expect(backup.err).toBe("");
    expect(backup.code).toBe(0);
    expect(backup.out).toContain(`Wrote ${file}`);
    expect(existsSync(file)).toBe(true);

    // A backup never overwrites a file, and a restore never overwrites a database.
    const again = await cli(["backup", file], { DATA_DIR: source });
    expect(again.code).toBe(1);
    expect(again.err.trim()).toMatch(/already exists/);
    const over = await cli(["restore", file], { DATA_DIR: source });
    expect(over.code).toBe(1);
    expect(over.err.trim()).toMatch(/already holds a database; a restore never overwrites one/);

    const restored = join(folder(), "restored");
    const restore = await cli(["restore", file], { DATA_DIR: restored });
    expect(restore.err).toBe("");
    expect(restore.code).toBe(0);
    expect(restore.out).toContain("Restored: 3 cases.");
    expect(existsSync(join(restored, "patient-relations.lock"))).toBe(false);
    expect(await snapshot({ dataDir: restored })).toEqual(before);
  }, 120_000);

  it("says to use pg_dump and does nothing when DATABASE_URL is set", async () => {
    for (const command of ["backup", "restore"]) {
      const run = await cli([command, "x.tar.gz"], { DATA_DIR: source, DATABASE_URL: target.databaseUrl! });
      expect(run.code).toBe(1);
      expect(run.err).toMatch(command === "backup" ? /pg_dump/ : /pg_restore/);
      expect(run.err).toContain("Nothing was done.");
      expect(run.err).not.toMatch(/\n\s+at /);
    }
  });

  it("moves the embedded installation into an empty PostgreSQL database with every row, and the app starts on it", async () => {
    const move = await cli(["move-to-postgres", target.databaseUrl!], { DATA_DIR: source });
    expect(move.err).toBe("");
    expect(move.code).toBe(0);
    expect(move.out).toMatch(/Copied cases: 3 rows\./);
    expect(move.out).toMatch(/Verified: every table's row count matches/);
    expect(await snapshot({ databaseUrl: target.databaseUrl })).toEqual(before);
    // The embedded folder is left as it was.
    expect(await snapshot({ dataDir: source })).toEqual(before);

    // A second move into the same (no longer empty) database is refused and changes nothing.
    const again = await cli(["move-to-postgres", target.databaseUrl!], { DATA_DIR: source });
    expect(again.code).toBe(1);
    expect(again.err.trim()).toMatch(/The target database is not empty/);

    const bot = await startBotProcess({
      SLACK_BOT_TOKEN: "xoxb-test-token",
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      CASE_CHANNEL_ID: "C0CASES001",
      DATABASE_URL: target.databaseUrl!,
      TZ: "America/New_York",
      LOG_LEVEL: "info",
    });
    try {
      // Ready (migrated, serving) on the moved database; its stop handlers are set once it says it is running.
      await expect.poll(() => bot.output.join("").includes("patient-relations bot is running"), { timeout: 20_000 }).toBe(true);
      // New rows continue the copied ids (the sequences were reset) instead of colliding with them.
      const client = new pg.Client({ connectionString: target.databaseUrl });
      await client.connect();
      try {
        const { rows: copied } = await client.query(`SELECT max(id) AS id FROM case_events`);
        const { rows } = await client.query(`INSERT INTO admin_events (type, actor_id) VALUES ('moved', 'U0ADMIN001') RETURNING id`);
        expect(Number(copied[0].id)).toBeGreaterThan(0);
        const { rows: next } = await client.query(`SELECT nextval(pg_get_serial_sequence('case_events', 'id')) AS id`);
        expect(Number(next[0].id)).toBe(Number(copied[0].id) + 1);
        expect(Number(rows[0].id)).toBeGreaterThan(0);
      } finally {
        await client.end();
      }
    } finally {
      expect(await bot.stop("SIGTERM")).toBe(0);
    }
  }, 120_000);
});
