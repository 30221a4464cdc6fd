import { Writable } from "node:stream";
import { buildApp, type RunningApp } from "../../src/app.ts";
import { parseEnv } from "../../src/config/env.ts";
import { type Clock, fixedClock } from "../../src/lib/clock.ts";
import { createLogger } from "../../src/lib/logger.ts";
import { checkView } from "../fakes/block-kit/index.ts";
import { type FakeSlack, type FakeSlackOptions, type RecordedCall, startFakeSlack } from "../fakes/fake-slack.ts";
import { eventBody, interactiveBody, type SendOptions, sendToSlackEndpoint, SIGNING_SECRET, slashCommandBody } from "../fakes/signed-requests.ts";
import { createTestDatabase, type DatabaseKind } from "./databases.ts";
import { refusalWatch } from "./refusals.ts";

export const CASE_CHANNEL = "C0CASES001";
/** "Now" for the case rules in integration tests: Saturday 28 November 2026, 07:00 in New York. */
export const TEST_NOW = "2026-11-28T12:00:00Z";

export interface TestApp {
  running: RunningApp;
  slack: FakeSlack;
  url: string;
  logs: string[];
  slash(text: string, options?: SendOptions & { channelId?: string; userId?: string }): ReturnType<typeof sendToSlackEndpoint>;
  interact(payload: Record<string, unknown>, options?: SendOptions): ReturnType<typeof sendToSlackEndpoint>;
  event(event: Record<string, unknown>): ReturnType<typeof sendToSlackEndpoint>;
  /** Marks the refusals so far as provoked on purpose, so close() does not report them. */
  acceptRefusals(): RecordedCall[];
  /** Stops everything; fails if Slack refused a message or view the app built (a Block Kit bug). */
  close(): Promise<void>;
}

/** The real app in HTTP mode, on a real database, talking to a fake Slack Web API on localhost. */
export async function startTestApp(
  kind: DatabaseKind,
  options: { clock?: Clock; env?: Record<string, string>; databaseUrl?: string; slack?: FakeSlackOptions } = {},
): Promise<TestApp> {
  const slack = await startFakeSlack(options.slack);
  // A second instance can share the first one's database; it then leaves dropping it to the first.
  const database = options.databaseUrl ? { databaseUrl: options.databaseUrl, drop: async () => {} } : await createTestDatabase(kind);
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const env = parseEnv({
    SLACK_BOT_TOKEN: "xoxb-test-token",
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    CASE_CHANNEL_ID: CASE_CHANNEL,
    DATA_DIR: "memory://",
    DATABASE_URL: database.databaseUrl,
    ADMIN_USER_IDS: "U0ADMIN001",
    TZ: "America/New_York",
    LOG_LEVEL: "info",
    ...options.env,
  });
  // Case rules run on a fixed date so deadlines in assertions never drift with the calendar.
  const running = await buildApp(env, { logger: createLogger("info", sink), clock: options.clock ?? fixedClock(TEST_NOW) });
  const port = await running.start(0);
  const url = `http://127.0.0.1:${port}/slack/events`;
  const refusals = refusalWatch(slack);
  // A view handed back in a view_submission acknowledgement is checked by Slack like views.update.
  const interact = async (payload: Record<string, unknown>, sendOptions?: SendOptions) => {
    const response = await sendToSlackEndpoint(url, interactiveBody(payload), sendOptions);
    const view = response.json?.view;
    const refused = view === undefined ? null : checkView(view);
    if (refused) throw new Error(`Slack would refuse the view in this acknowledgement: ${refused.error} ${JSON.stringify(refused.errors ?? [])}`);
    return response;
  };
  return {
    running,
    slack,
    url,
    logs,
    slash: (text, sendOptions = {}) =>
      sendToSlackEndpoint(
        url,
        slashCommandBody({ text, channelId: sendOptions.channelId, userId: sendOptions.userId, responseUrl: `${slack.url}/commands/1` }),
        sendOptions,
      ),
    interact,
    event: (event) => sendToSlackEndpoint(url, eventBody(event), { json: true }),
    acceptRefusals: refusals.accept,
    async close() {
      await running.stop();
      await slack.close();
      await database.drop();
      refusals.assertNone();
    },
  };
}
