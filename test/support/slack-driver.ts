import type { RunningApp } from "../../src/app.ts";
import { checkView } from "../fakes/block-kit/index.ts";
import type { FakeSlack } from "../fakes/fake-slack.ts";
import type { DatabaseKind } from "./databases.ts";
import { startSocketTestApp } from "./socket-test-app.ts";
import { startTestApp } from "./test-app.ts";

// The same Slack requests over either transport the app supports: signed HTTP requests into Bolt's
// HTTP receiver, or envelopes over a Socket Mode connection. A test written against this runs
// unchanged on both.

export type Transport = "http" | "socket";
export const TRANSPORTS: Transport[] = ["http", "socket"];

/** An acknowledgement's body: a view_submission's response_action, a command's reply; empty ack = {}. */
export type Ack = Record<string, unknown>;

export interface SlackDriver {
  transport: Transport;
  running: RunningApp;
  slack: FakeSlack;
  slash(text: string, options: { userId: string; channelId?: string }): Promise<Ack>;
  interact(payload: Record<string, unknown>): Promise<Ack>;
  event(event: Record<string, unknown>): Promise<Ack>;
  close(): Promise<void>;
}

/** A view handed back in an acknowledgement is checked by Slack like views.update. */
function checkedAck(ack: Ack): Ack {
  const refused = ack.view === undefined ? null : checkView(ack.view);
  if (refused) throw new Error(`Slack would refuse the view in this acknowledgement: ${refused.error} ${JSON.stringify(refused.errors ?? [])}`);
  return ack;
}

export async function startDriver(transport: Transport, kind: DatabaseKind, options: { env?: Record<string, string> } = {}): Promise<SlackDriver> {
  if (transport === "http") {
    const app = await startTestApp(kind, options);
    const ack = (response: { status: number; json: Record<string, unknown> | null }) => {
      if (response.status !== 200) throw new Error(`the app answered HTTP ${response.status}`);
      return response.json ?? {};
    };
    return {
      transport,
      running: app.running,
      slack: app.slack,
      slash: async (text, sendOptions) => ack(await app.slash(text, sendOptions)),
      interact: async (payload) => ack(await app.interact(payload)),
      event: async (event) => ack(await app.event(event)),
      close: () => app.close(),
    };
  }
  const app = await startSocketTestApp(kind, options);
  return {
    transport,
    running: app.running,
    slack: app.slack,
    slash: async (text, sendOptions) => checkedAck(await app.slash(text, sendOptions).acked),
    interact: async (payload) => checkedAck(await app.interact(payload).acked),
    event: async (event) => checkedAck(await app.event(event).acked),
    close: () => app.close(),
  };
}
