import { Writable } from "node:stream";
import { buildApp, type RunningApp } from "../../src/app.ts";
import { parseEnv } from "../../src/config/env.ts";
import type { Clock } from "../../src/lib/clock.ts";
import { createLogger } from "../../src/lib/logger.ts";
import { type FakeSlack, startFakeSlack } from "../fakes/fake-slack.ts";
import { eventBody, interactiveBody, type SendOptions, sendToSlackEndpoint, SIGNING_SECRET, slashCommandBody } from "../fakes/signed-requests.ts";
import { createTestDatabase, type DatabaseKind } from "./databases.ts";

export const CASE_CHANNEL = "C0CASES001";

export interface TestApp {
  running: RunningApp;
  slack: FakeSlack;
  url: string;
  logs: string[];
  slash(text: string, options?: SendOptions & { channelId?: string; userId?: string }): ReturnType<typeof sendToSlackEndpoint>;
  interact(payload: Record<string, unknown>, options?: SendOptions): ReturnType<typeof sendToSlackEndpoint>;
  event(event: Record<string, unknown>): ReturnType<typeof sendToSlackEndpoint>;
  close(): Promise<void>;
}

/** The real app in HTTP mode, on a real database, talking to a fake Slack Web API on localhost. */
export async function startTestApp(kind: DatabaseKind, options: { clock?: Clock; env?: Record<string, string> } = {}): Promise<TestApp> {
  const slack = await startFakeSlack();
  const database = await createTestDatabase(kind);
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
  const running = await buildApp(env, { logger: createLogger("info", sink), ...(options.clock ? { clock: options.clock } : {}) });
  const port = await running.start(0);
  const url = `http://127.0.0.1:${port}/slack/events`;
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
    interact: (payload, sendOptions) => sendToSlackEndpoint(url, interactiveBody(payload), sendOptions),
    event: (event) => sendToSlackEndpoint(url, eventBody(event), { json: true }),
    async close() {
      await running.stop();
      await slack.close();
      await database.drop();
    },
  };
}
