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

/** More fields for the /healthz answer (the Socket Mode connection, for one), read per request. */
export type HealthExtras = () => Promise<Record<string, unknown>> | Record<string, unknown>;

/** Answers a health route; returns false for any other path. */
export async function answerHealth(request: IncomingMessage, response: ServerResponse, db: Database, extras?: HealthExtras): Promise<boolean> {
  const path = (request.url ?? "").split("?")[0];
  if (path === "/healthz") {
    // Always 200 while the process runs: a dropped socket reconnects by itself, and restarting the
    // process for it would only add downtime. Monitoring reads the fields instead.
    const body = { ok: true, ...(extras ? await extras() : {}) };
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify(body));
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

/** The slice of the Socket Mode client's events that tells whether it is connected (no Bolt import here). */
export interface SocketLifecycle {
  on(event: string, listener: () => void): unknown;
}

/**
 * Follows the Socket Mode client's connection for /healthz. "connected" follows Slack's hello;
 * "close" is the client's own event for a socket that ended: after a drop the client waits
 * (5 s, more after failures) before it emits "reconnecting", and health must not say connected meanwhile.
 */
export function socketConnection(client: SocketLifecycle): () => { socket: "connected" | "disconnected" } {
  let socket: "connected" | "disconnected" = "disconnected";
  client.on("connected", () => {
    socket = "connected";
  });
  for (const event of ["close", "reconnecting", "disconnecting", "disconnected"]) {
    client.on(event, () => {
      socket = "disconnected";
    });
  }
  return () => ({ socket });
}

/** A route answered before the health routes (GET /metrics); false when the path is not its own. */
export type ExtraRoute = (request: IncomingMessage, response: ServerResponse) => Promise<boolean>;

/** A small HTTP server for health checks (and `extra`, the metrics) in Socket Mode, where Bolt opens no port. */
export function startHealthServer(port: number, db: Database, extras?: HealthExtras, extra?: ExtraRoute): Promise<Server> {
  const server = createServer((request, response) => {
    void (async () => (extra && (await extra(request, response))) || answerHealth(request, response, db, extras))().then((handled) => {
      if (!handled) {
        response.writeHead(404);
        response.end();
      }
    });
  });
  return new Promise((resolve) => server.listen(port, () => resolve(server)));
}
