import { buildApp } from "./app.ts";
import { type Env, loadEnv } from "./config/env.ts";
import { AppError, errorSummary } from "./lib/errors.ts";

// Entry point: settings, database, Slack, then wait for a signal to stop gracefully.
async function main(): Promise<void> {
  let env: Env;
  try {
    env = loadEnv();
  } catch (error) {
    if (error instanceof AppError) {
      process.stderr.write(`${error.userMessage}\n`);
      process.exit(1);
    }
    throw error;
  }

  const running = await buildApp(env);
  const { logger } = running.deps;
  const port = await running.start();
  logger.info(
    { mode: env.SLACK_APP_TOKEN ? "socket" : "http", port, database: running.deps.db.kind, timeZone: env.TZ },
    "patient-relations bot is running",
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    await running.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error: unknown) => {
  if (error instanceof AppError) {
    process.stderr.write(`${error.userMessage}\n`);
    process.exit(1);
  }
  process.stderr.write(`The bot could not start: ${errorSummary(error).name}${error instanceof Error ? `: ${error.message}` : ""}\n`);
  process.exit(1);
});
