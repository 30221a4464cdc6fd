import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../../src/db/database.ts";
import { MIGRATIONS_DIR, migrate } from "../../src/db/migrate.ts";
import { createUserRoleRepository } from "../../src/users/user-role.repository.ts";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../support/databases.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";

// ADMIN_USER_IDS bootstraps admins at every start, but only users who have never had a role: a role
// set to staff is stored, so an admin demoted from Slack stays staff after a restart. Installations
// whose demotions were deleted before that get their staff rows back from the audit trail.

const FIRST_ADMIN = "U0ADMIN001";
const SECOND_ADMIN = "U0ADMIN002";
const NEWCOMER = "U0ADMIN003";
const KEEP_STAFF = "20261202180000_user_roles_keep_staff";

describe.each(DATABASE_KINDS)("a demotion across restarts (%s)", (kind) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  /** Where the app keeps its data across starts: a folder for PGlite, one database for PostgreSQL. */
  async function storage(): Promise<{ env: Record<string, string>; databaseUrl?: string }> {
    if (kind === "pglite") {
      const dir = await mkdtemp(join(tmpdir(), "roles-restart-"));
      cleanups.push(() => rm(dir, { recursive: true, force: true }));
      return { env: { DATA_DIR: dir } };
    }
    const database = await createTestDatabase(kind);
    cleanups.push(() => database.drop());
    return { env: {}, databaseUrl: database.databaseUrl! };
  }

  const start = async (where: { env: Record<string, string>; databaseUrl?: string }, admins: string): Promise<TestApp> =>
    startTestApp(kind, { env: { ...where.env, ADMIN_USER_IDS: admins }, ...(where.databaseUrl ? { databaseUrl: where.databaseUrl } : {}) });

  it("keeps an ADMIN_USER_IDS admin demoted to staff a staff member after a restart, and still bootstraps a newcomer", { timeout: 60_000 }, async () => {
    const where = await storage();
    const first = await start(where, `${FIRST_ADMIN},${SECOND_ADMIN}`);
    try {
      expect(await first.running.deps.roles.roleOf(SECOND_ADMIN)).toBe("admin");
      await first.slash(`admin grant <@${SECOND_ADMIN}> staff`, { userId: FIRST_ADMIN });
      await expect.poll(() => first.running.deps.roles.roleOf(SECOND_ADMIN)).toBe("staff");
    } finally {
      await first.close();
    }

    const second = await start(where, `${FIRST_ADMIN},${SECOND_ADMIN},${NEWCOMER}`);
    try {
      expect(await second.running.deps.roles.roleOf(SECOND_ADMIN)).toBe("staff");
      expect(await second.running.deps.roles.roleOf(FIRST_ADMIN)).toBe("admin");
      expect(await second.running.deps.roles.roleOf(NEWCOMER)).toBe("admin");
      // Staff are not listed as grants, and the demoted admin can no longer administer.
      expect((await second.running.deps.roles.list()).map((grant) => grant.slackUserId)).toEqual([FIRST_ADMIN, NEWCOMER]);
      await expect(second.running.deps.admin.listRoles(SECOND_ADMIN)).rejects.toThrow(/Only admins/);
    } finally {
      await second.close();
    }
  });
});

describe.each(DATABASE_KINDS)("the staff-rows migration (%s)", (kind) => {
  let test: TestDatabase;
  let db: Database;
  const folders: string[] = [];
  afterAll(async () => {
    await db?.close();
    await test?.drop();
    for (const folder of folders) await rm(folder, { recursive: true, force: true });
  });

  it("gives every user whose role was deleted by a demotion a staff row, so ADMIN_USER_IDS leaves them be", async () => {
    test = await createTestDatabase(kind);
    db = await openDatabase({ databaseUrl: test.databaseUrl, dataDir: "memory://" });
    // The database as it was before this migration.
    const before = await mkdtemp(join(tmpdir(), "migrations-before-"));
    folders.push(before);
    for (const name of await readdir(MIGRATIONS_DIR)) {
      if (name !== KEEP_STAFF && !name.endsWith(".toml")) await cp(join(MIGRATIONS_DIR, name), join(before, name), { recursive: true });
    }
    expect(await migrate(db, before)).not.toContain(KEEP_STAFF);
    const { prisma } = db;
    // SECOND_ADMIN was demoted the old way (row deleted); a coordinator still holds a row; U0NEVER01 never had a role.
    await prisma.userRole.create({ data: { slackUserId: "U0COORD001", role: "coordinator", grantedBy: FIRST_ADMIN } });
    await prisma.adminEvent.createMany({
      data: [
        { type: "role_changed", actorId: "ADMIN_USER_IDS", at: new Date("2026-10-01T10:00:00Z"), data: { userId: SECOND_ADMIN, from: "staff", to: "admin" } },
        { type: "role_changed", actorId: FIRST_ADMIN, at: new Date("2026-11-02T10:00:00Z"), data: { userId: "U0COORD001", from: "staff", to: "coordinator" } },
        { type: "role_changed", actorId: FIRST_ADMIN, at: new Date("2026-11-03T10:00:00Z"), data: { userId: SECOND_ADMIN, from: "admin", to: "staff" } },
        { type: "permission_denied", actorId: "U0NEVER01", data: { action: "grant_role" } },
      ],
    });

    // Migrations applied after this one (by other features) may come along; this one must be among them.
    expect(await migrate(db)).toContain(KEEP_STAFF);
    const rows = await prisma.userRole.findMany({ orderBy: { slackUserId: "asc" } });
    expect(rows.map(({ slackUserId, role, grantedBy }) => ({ slackUserId, role, grantedBy }))).toEqual([
      { slackUserId: SECOND_ADMIN, role: "staff", grantedBy: FIRST_ADMIN },
      { slackUserId: "U0COORD001", role: "coordinator", grantedBy: FIRST_ADMIN },
    ]);
    expect(rows[0]!.grantedAt.toISOString()).toBe("2026-11-03T10:00:00.000Z");

    const roles = createUserRoleRepository(prisma);
    expect(await roles.bootstrapAdmins([FIRST_ADMIN, SECOND_ADMIN, "U0NEVER01"])).toBe(2);
    expect(await roles.roleOf(SECOND_ADMIN)).toBe("staff");
    expect(await roles.roleOf("U0NEVER01")).toBe("admin");
  });
});
