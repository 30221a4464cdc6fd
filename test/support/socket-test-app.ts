import type { RunningApp } from "../../src/app.ts";
import type { Clock } from "../../src/lib/clock.ts";
import { type FakeSlack, startFakeSlack } from "../fakes/fake-slack.ts";
import { type FakeSocketMode, startFakeSocketMode } from "../fakes/fake-socket-mode.ts";
import { eventBody, slashCommandBody } from "../fakes/signed-requests.ts";
import { createTestDatabase, type DatabaseKind } from "./databases.ts";
import { buildAppUnderTest } from "./app-under-test.ts";
import { refusalWatch } from "./refusals.ts";

export const APP_TOKEN = "xapp-1-A0APP0001-1700000000-test";

/** What one request over the socket came to: its envelope and the ack's payload. */
export interface SocketReply {
  envelopeId: string;
  acked: Promise<Record<string, unknown>>;
}

export interface SocketTestApp {
  running: RunningApp;
  slack: FakeSlack;
  socket: FakeSocketMode;
  /** Base URL of the app's health server (Socket Mode opens no other port). */
  healthUrl: string;
  logs: string[];
  slash(text: string, options?: { channelId?: string; userId?: string; triggerId?: string }): SocketReply;
  interact(payload: Record<string, unknown>): SocketReply;
  event(event: Record<string, unknown>): SocketReply;
  /** GET /healthz, parsed. */
  health(): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

/**
 * The real app in Socket Mode, on a real database: Bolt opens its socket to a fake Slack on
 * localhost and every request arrives over it, the Web API calls going to the fake Web API.
 */
export async function startSocketTestApp(kind: DatabaseKind, options: { clock?: Clock; env?: Record<string, string> } = {}): Promise<SocketTestApp> {
  const socket = await startFakeSocketMode();
  const slack = await startFakeSlack({ connectionsOpen: socket.connectionsOpen });
  const database = await createTestDatabase(kind);
  const { running, logs } = await buildAppUnderTest(
    { SLACK_APP_TOKEN: APP_TOKEN, SLACK_API_URL: slack.apiUrl, DATABASE_URL: database.databaseUrl },
    { ...(options.clock ? { clock: options.clock } : {}), ...(options.env ? { env: options.env } : {}) },
  );
  let port: number | null;
  try {
    port = await running.start(0);
  } catch (error) {
    await running.stop().catch(() => {});
    await Promise.all([socket.close(), slack.close(), database.drop()]);
    throw error;
  }
  const healthUrl = `http://127.0.0.1:${port}`;
  const refusals = refusalWatch(slack);
  return {
    running,
    slack,
    socket,
    healthUrl,
    logs,
    slash(text, sendOptions = {}) {
      // Over the socket a slash command is the same fields as the HTTP form, as a JSON object.
      const fields = Object.fromEntries(
        new URLSearchParams(slashCommandBody({ text, channelId: sendOptions.channelId, userId: sendOptions.userId, responseUrl: `${slack.url}/commands/1` })),
      );
      return socket.send("slash_commands", sendOptions.triggerId ? { ...fields, trigger_id: sendOptions.triggerId } : fields);
    },
    interact: (payload) => socket.send("interactive", payload),
    event: (event) => socket.send("events_api", JSON.parse(eventBody(event)) as Record<string, unknown>),
    async health() {
      const response = await fetch(`${healthUrl}/healthz`);
      return (await response.json()) as Record<string, unknown>;
    },
    async close() {
      await running.stop();
      await socket.close();
      await slack.close();
      await database.drop();
      refusals.assertNone();
    },
  };
}
