import type { SocketModeReceiver } from "@slack/bolt";
import { errorSummary } from "../lib/errors.ts";
import type { Logger } from "../lib/logger.ts";

// The Socket Mode client reads `payload.event.type` of every events_api envelope before anything
// else, outside any catch: an envelope without an event object would become an unhandled
// rejection, which ends a Node process. Its message handler is wrapped so such an envelope is
// acknowledged (Slack does not send it again) and dropped, and no handler failure escapes.

type MessageHandler = (data: unknown, isBinary: boolean) => Promise<void> | void;
/** The parts of the Socket Mode client used here (its `send` is not in its public type). */
interface SocketClient {
  listeners(event: string): unknown[];
  removeAllListeners(event: string): unknown;
  on(event: string, listener: MessageHandler): unknown;
  send(id: string, body?: object): Promise<void>;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** Envelopes the client cannot dispatch: acknowledged by id and ignored. */
function undeliverable(data: unknown): string | null {
  try {
    const envelope = JSON.parse(typeof data === "string" ? data : new TextDecoder().decode(data as ArrayBuffer)) as unknown;
    if (!isRecord(envelope) || typeof envelope.envelope_id !== "string") return null;
    if (envelope.type === "events_api" && !(isRecord(envelope.payload) && isRecord(envelope.payload.event))) return envelope.envelope_id;
    return null;
  } catch {
    return null;
  }
}

/** Wraps the receiver's Socket Mode message handler (call before start). */
export function guardSocketReceiver(receiver: SocketModeReceiver, logger: Logger): void {
  const client = receiver.client as unknown as SocketClient;
  const handlers = client.listeners("ws_message") as MessageHandler[];
  client.removeAllListeners("ws_message");
  for (const handler of handlers) {
    client.on("ws_message", (data: unknown, isBinary: boolean) => {
      const drop = isBinary ? null : undeliverable(data);
      if (drop) {
        logger.warn({ envelopeId: drop }, "Socket Mode envelope without an event acknowledged and ignored");
        void client.send(drop).catch(() => {});
        return;
      }
      void Promise.resolve()
        .then(() => handler(data, isBinary))
        .catch((error: unknown) => logger.warn({ error: errorSummary(error) }, "Socket Mode message could not be handled"));
    });
  }
}
