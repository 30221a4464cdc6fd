import type { RunningApp } from "../../src/app.ts";
import type { Clock } from "../../src/lib/clock.ts";
import { checkView } from "../fakes/block-kit/index.ts";
import { type FakeSlack, type FakeSlackOptions, type RecordedCall, startFakeSlack } from "../fakes/fake-slack.ts";
import { eventBody, interactiveBody, type SendOptions, sendToSlackEndpoint, SIGNING_SECRET, slashCommandBody } from "../fakes/signed-requests.ts";
import { createTestDatabase, type DatabaseKind } from "./databases.ts";
import { buildAppUnderTest } from "./app-under-test.ts";
import { refusalWatch } from "./refusals.ts";

export { CASE_CHANNEL, TEST_NOW } from "./app-under-test.ts";

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
  const { running, logs } = await buildAppUnderTest(
    { SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl, DATABASE_URL: database.databaseUrl },
    { ...(options.clock ? { clock: options.clock } : {}), ...(options.env ? { env: options.env } : {}) },
  );
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
