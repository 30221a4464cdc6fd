import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Database } from "../db/database.ts";
import { readMigrations } from "../db/migrate.ts";

// /healthz: the process is up. /readyz: the database answers and every migration is applied, so a
// load balancer only sends traffic to an instance that can file a case.

export interface Readiness {
  ready: boolean;
  database: "ok" | "unreachable";
  migrations: "ok" | "pending" | "unknown";
}

/** Checks the database and the migration record. */
export async function readiness(db: Database): Promise<Readiness> {
  try {
    await db.ping();
  } catch {
    return { ready: false, database: "unreachable", migrations: "unknown" };
  }
  try {
    const expected = (await readMigrations()).map((migration) => migration.name);
    const rows = await db.prisma.$queryRaw<{ migration_name: string }[]>`
      SELECT "migration_name" FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL`;
    const applied = new Set(rows.map((row) => row.migration_name));
    const migrations = expected.every((name) => applied.has(name)) ? "ok" : "pending";
    return { ready: migrations === "ok", database: "ok", migrations };
  } catch {
    return { ready: false, database: "ok", migrations: "unknown" };
  }
}

/** Answers a health route; returns false for any other path. */
export async function answerHealth(request: IncomingMessage, response: ServerResponse, db: Database): Promise<boolean> {
  const path = (request.url ?? "").split("?")[0];
  if (path === "/healthz") {
    response.writeHead(200, { "content-type": "application/json" });
    response.end('{"ok":true}');
    return true;
  }
  if (path === "/readyz") {
    const state = await readiness(db);
    response.writeHead(state.ready ? 200 : 503, { "content-type": "application/json" });
    response.end(JSON.stringify(state));
    return true;
  }
  return false;
}

/** A small HTTP server for health checks in Socket Mode, where Bolt opens no port. */
export function startHealthServer(port: number, db: Database): Promise<Server> {
  const server = createServer((request, response) => {
    void answerHealth(request, response, db).then((handled) => {
      if (!handled) {
        response.writeHead(404);
        response.end();
      }
    });
  });
  return new Promise((resolve) => server.listen(port, () => resolve(server)));
}
