import { type Env, parseEnv } from "../../src/config/env.ts";
import { SIGNING_SECRET } from "../fakes/signed-requests.ts";
import { HOSPITAL_TEST_SETTINGS } from "../support/hospital-settings.ts";
import { CASE_CHANNEL } from "../support/test-app.ts";

/** The app's settings for a benchmark instance: as in test/support/test-app.ts, but on the real clock. */
export function benchEnv(options: { slackApiUrl: string; databaseUrl: string | undefined; extra?: Record<string, string> }): Env {
  return parseEnv({
    SLACK_BOT_TOKEN: "xoxb-bench-token",
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: options.slackApiUrl,
    CASE_CHANNEL_ID: CASE_CHANNEL,
    DATA_DIR: "memory://",
    DATABASE_URL: options.databaseUrl ?? "",
    ADMIN_USER_IDS: "U0ADMIN001",
    TZ: "America/New_York",
    LOG_LEVEL: "info",
    // Letters are refused until the hospital's letter settings are complete (the outbox lanes step drafts one).
    ...HOSPITAL_TEST_SETTINGS,
    ...options.extra,
  });
}
