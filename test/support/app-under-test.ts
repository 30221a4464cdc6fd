import { Writable } from "node:stream";
import { HOSPITAL_TEST_SETTINGS } from "./hospital-settings.ts";
import { buildApp, type RunningApp } from "../../src/app.ts";
import { parseEnv } from "../../src/config/env.ts";
import { type Clock, fixedClock } from "../../src/lib/clock.ts";
import { createLogger } from "../../src/lib/logger.ts";

export const CASE_CHANNEL = "C0CASES001";
/** "Now" for the case rules in integration tests: Saturday 28 November 2026, 07:00 in New York. */
export const TEST_NOW = "2026-11-28T12:00:00Z";

/**
 * The real app built as a hospital would configure it, against test services: `settings` names the
 * transport (signing secret or app token), the fake Slack and the database; its JSON log lines
 * are kept in `logs`.
 */
export async function buildAppUnderTest(
  settings: { SLACK_API_URL: string; DATABASE_URL: string | undefined } & Record<string, string | undefined>,
  options: { clock?: Clock; env?: Record<string, string> } = {},
): Promise<{ running: RunningApp; logs: string[] }> {
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const env = parseEnv({
    SLACK_BOT_TOKEN: "xoxb-test-token",
    CASE_CHANNEL_ID: CASE_CHANNEL,
    DATA_DIR: "memory://",
    ADMIN_USER_IDS: "U0ADMIN001",
    TZ: "America/New_York",
    LOG_LEVEL: "info",
    ...HOSPITAL_TEST_SETTINGS,
    ...settings,
    ...options.env,
  });
  // Case rules run on a fixed date so deadlines in assertions never drift with the calendar.
  const running = await buildApp(env, { logger: createLogger(env.LOG_LEVEL, sink), clock: options.clock ?? fixedClock(TEST_NOW) });
  return { running, logs };
}
