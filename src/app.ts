import { App, HTTPReceiver } from "@slack/bolt";
import { retryPolicies } from "@slack/web-api";
import type { ClockPolicy } from "./cases/clocks.ts";
import { caseCardHandler } from "./cases/case-card.publisher.ts";
import { createCaseRepository } from "./cases/case.repository.ts";
import { CASE_CARD_OUTBOX_KIND, createCaseService } from "./cases/case.service.ts";
import { DEFAULT_DEPARTMENTS } from "./cases/taxonomy.ts";
import type { Env } from "./config/env.ts";
import { type Database, openDatabase } from "./db/database.ts";
import { migrate } from "./db/migrate.ts";
import { type Clock, systemClock } from "./lib/clock.ts";
import { errorSummary } from "./lib/errors.ts";
import { createLogger, type Logger } from "./lib/logger.ts";
import { createOutboxDispatcher } from "./outbox/outbox.dispatcher.ts";
import { createOutboxRepository } from "./outbox/outbox.repository.ts";
import { boltLogger } from "./slack/bolt-logger.ts";
import { checkBotToken } from "./slack/check-token.ts";
import { registerListeners } from "./slack/listeners/index.ts";
import { createSlackCaseNotifier } from "./slack/notifier.ts";
import { createUserRoleRepository } from "./users/user-role.repository.ts";

/** Everything the listeners and jobs use, built once. */
export interface AppDeps {
  env: Env;
  logger: Logger;
  clock: Clock;
  db: Database;
  timeZone: string;
  departments: readonly string[];
  cases: ReturnType<typeof createCaseService>;
  outbox: ReturnType<typeof createOutboxDispatcher>;
}

export interface BuildOptions {
  clock?: Clock;
  logger?: Logger;
}

export function clockPolicyFrom(env: Env): ClockPolicy {
  return {
    timeZone: env.TZ,
    acknowledgeBusinessDays: env.ACK_BUSINESS_DAYS,
    grievanceResponseDays: env.GRIEVANCE_RESPONSE_DAYS,
    complaintResponseBusinessDays: env.COMPLAINT_RESPONSE_BUSINESS_DAYS,
    holidays: new Set(env.HOLIDAYS),
  };
}

/** Builds the Bolt app (Socket Mode with SLACK_APP_TOKEN, else HTTP on /slack/events) with every listener. */
export function createSlackApp(deps: Omit<AppDeps, "outbox" | "cases">): { app: App; receiver: HTTPReceiver | null } {
  const { env } = deps;
  const common = {
    token: env.SLACK_BOT_TOKEN,
    // Bolt would otherwise call auth.test from its constructor, where a rejected token becomes an
    // unhandled rejection; start() checks the token first and then initializes.
    deferInitialization: true,
    logger: boltLogger(deps.logger),
    clientOptions: {
      ...(env.SLACK_API_URL ? { slackApiUrl: env.SLACK_API_URL } : {}),
      // Listener calls must fail within minutes, not the client's default half hour; the outbox retries posts itself.
      retryConfig: retryPolicies.fiveRetriesInFiveMinutes,
    },
  };
  if (env.SLACK_APP_TOKEN) {
    return { app: new App({ ...common, socketMode: true, appToken: env.SLACK_APP_TOKEN }), receiver: null };
  }
  const receiver = new HTTPReceiver({
    signingSecret: env.SLACK_SIGNING_SECRET ?? "",
    logger: common.logger,
    customRoutes: [
      {
        path: "/healthz",
        method: ["GET"],
        handler: (_req, res) => {
          res.writeHead(200, { "content-type": "application/json" });
          res.end('{"ok":true}');
        },
      },
    ],
  });
  return { app: new App({ ...common, receiver }), receiver };
}

/** Opens and migrates the database, then builds the app and its services. */
export async function buildApp(env: Env, options: BuildOptions = {}) {
  const logger = options.logger ?? createLogger(env.LOG_LEVEL);
  const clock = options.clock ?? systemClock;
  const db = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
  try {
    const applied = await migrate(db);
    if (applied.length > 0) logger.info({ applied }, "database migrated");
    await createUserRoleRepository(db.prisma).bootstrapAdmins(env.ADMIN_USER_IDS);
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }

  const base = {
    env,
    logger,
    clock,
    db,
    timeZone: env.TZ,
    departments: env.DEPARTMENTS.length > 0 ? env.DEPARTMENTS : [...DEFAULT_DEPARTMENTS],
  };
  const { app, receiver } = createSlackApp(base);
  const caseRepository = createCaseRepository(db.prisma);
  const notifier = createSlackCaseNotifier(app.client, env.CASE_CHANNEL_ID, env.TZ);
  const deps: AppDeps = {
    ...base,
    cases: createCaseService({ cases: caseRepository, clock, policy: clockPolicyFrom(env) }),
    outbox: createOutboxDispatcher({
      outbox: createOutboxRepository(db.prisma),
      handlers: { [CASE_CARD_OUTBOX_KIND]: caseCardHandler(caseRepository, notifier) },
      clock,
      logger,
    }),
  };
  registerListeners(app, deps);
  app.error(async (error) => {
    logger.error({ error: errorSummary((error as { original?: unknown }).original ?? error) }, "unhandled Slack listener error");
  });

  return {
    app,
    receiver,
    deps,
    /** Starts listening (HTTP on `port`, or the Socket Mode connection) and the outbox; returns the HTTP port when there is one. */
    async start(port = env.PORT): Promise<number | null> {
      await checkBotToken(env.SLACK_BOT_TOKEN, env.SLACK_API_URL, logger);
      await app.init();
      const server = await app.start(port);
      deps.outbox.start();
      const address = server && typeof server === "object" && "address" in server ? (server as import("node:http").Server).address() : null;
      return address && typeof address === "object" ? address.port : null;
    },
    /** Graceful stop: no new requests, pending posts finished, database closed. */
    async stop(): Promise<void> {
      await app.stop().catch(() => {});
      await deps.outbox.stop();
      await db.close();
    },
  };
}

export type RunningApp = Awaited<ReturnType<typeof buildApp>>;
