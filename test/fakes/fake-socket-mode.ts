import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";

// Slack's side of Socket Mode on localhost, as https://docs.slack.dev/apis/events-api/using-socket-mode
// describes it (the same page as https://api.slack.com/apis/connections/socket-implement):
// - apps.connections.open, called with the app-level token (xapp-…), answers {ok, url} with a
//   single-use WebSocket URL (https://docs.slack.dev/reference/methods/apps.connections.open);
// - on connect Slack sends {type: "hello", num_connections, debug_info, connection_info: {app_id}};
// - every payload comes in an envelope {envelope_id, type, payload, accepts_response_payload}, where
//   type is events_api, slash_commands or interactive; Events API envelopes also carry
//   retry_attempt and retry_reason;
// - the app acknowledges each with {envelope_id, payload?} (payload: what an HTTP response body
//   would say, e.g. a view_submission's response_action), within 3 seconds;
// - Slack asks for a new connection with {type: "disconnect", reason: "warning" | "refresh_requested"}
//   and closes the old one (after about 10 seconds for "warning"), and pings the socket.
// Retries are documented for Events API envelopes only, so only those are delivered again (on the
// next connection, retry_attempt + 1); an unacknowledged slash command or form submission is lost
// as in Slack, where the user sees an error and tries again.

export const SOCKET_APP_ID = "A0APP0001";

export type EnvelopeType = "events_api" | "slash_commands" | "interactive";
export type DisconnectReason = "warning" | "refresh_requested" | "link_disabled";

export interface Envelope {
  envelope_id: string;
  type: EnvelopeType;
  payload: Record<string, unknown>;
  accepts_response_payload: boolean;
  retry_attempt?: number;
  retry_reason?: string;
}

export type ConnectionsOpenReply = { ok: true; url: string } | { ok: false; error: string };

export interface Delivery {
  envelope: Envelope;
  /** Which connection (1 = the first accepted) it went out on. */
  connection: number;
}

export interface RecordedAck {
  envelopeId: string;
  payload: Record<string, unknown>;
  connection: number;
  /** Arrived for an envelope already answered, given up on or never sent. */
  stray: boolean;
}

export interface FakeSocketModeOptions {
  /** How long an envelope waits for its ack (Slack: 3 s). */
  ackTimeoutMs?: number;
  /** How often the server pings each socket. */
  pingIntervalMs?: number;
}

export interface FakeSocketMode {
  /** Answers apps.connections.open as Slack does; a fake Web API can answer the method with it. */
  connectionsOpen(authorization: string | undefined): ConnectionsOpenReply;
  /** apps.connections.open calls answered with a URL. */
  urlsIssued(): number;
  /** WebSocket connections accepted (and greeted with hello) so far. */
  connections(): number;
  openConnections(): number;
  /** Resolves once `count` connections have been greeted and one of them is still open. */
  waitForConnections(count: number, timeoutMs?: number): Promise<void>;
  deliveries: Delivery[];
  acks: RecordedAck[];
  acksFor(envelopeId: string): RecordedAck[];
  /** Pongs received for the server's pings. */
  pongs(): number;
  /** Sends a payload in a new envelope; resolves with the ack's payload, rejects when it is not acknowledged. */
  send(type: EnvelopeType, payload: Record<string, unknown>): { envelopeId: string; acked: Promise<Record<string, unknown>> };
  /** Asks every open connection to reconnect, then closes it after `closeAfterMs` (default: 10 s for "warning", else at once). */
  disconnect(reason: DisconnectReason, options?: { closeAfterMs?: number }): void;
  /** Cuts every open connection without a close frame, as a network failure would. */
  drop(): void;
  /** The next `count` acks are lost on the way; the connection drops after the last of them. */
  loseAcks(count?: number): void;
  close(): Promise<void>;
}

interface Connection {
  id: number;
  socket: WebSocket;
  open: boolean;
  /** Asked to reconnect: no new envelopes go out on it. */
  draining: boolean;
  pinger: NodeJS.Timeout;
}

interface Pending {
  envelope: Envelope;
  connection: number | null;
  timer: NodeJS.Timeout | null;
  resolve(payload: Record<string, unknown>): void;
  reject(error: Error): void;
}

// Slack retries an Events API delivery up to three times.
const MAX_RETRIES = 3;

/** Starts Slack's Socket Mode side on 127.0.0.1. */
export async function startFakeSocketMode(options: FakeSocketModeOptions = {}): Promise<FakeSocketMode> {
  const ackTimeoutMs = options.ackTimeoutMs ?? 3_000;
  const pingIntervalMs = options.pingIntervalMs ?? 2_000;
  const tickets = new Set<string>();
  const live = new Map<number, Connection>();
  const pending = new Map<string, Pending>();
  const deliveries: Delivery[] = [];
  const acks: RecordedAck[] = [];
  let issued = 0;
  let accepted = 0;
  let pongs = 0;
  let acksToLose = 0;
  let wsBase = "";
  const closeTimers = new Set<NodeJS.Timeout>();

  function connectionsOpen(authorization: string | undefined): ConnectionsOpenReply {
    const token = authorization?.replace(/^Bearer /, "");
    if (!token) return { ok: false, error: "not_authed" };
    // A bot or user token is refused: only an app-level token with connections:write opens a socket.
    if (!token.startsWith("xapp-")) return { ok: false, error: "not_allowed_token_type" };
    const ticket = randomUUID();
    tickets.add(ticket);
    issued += 1;
    return { ok: true, url: `${wsBase}/link/?ticket=${ticket}&app_id=${SOCKET_APP_ID}` };
  }

  const newest = () => [...live.values()].filter((connection) => connection.open && !connection.draining).at(-1);

  function deliver(entry: Pending): void {
    const connection = newest();
    if (!connection) {
      // No socket to deliver on: Slack keeps an event for its retries; a command or a click fails for the user.
      if (entry.envelope.type === "events_api") entry.connection = null;
      else fail(entry, "there was no open connection");
      return;
    }
    entry.connection = connection.id;
    deliveries.push({ envelope: entry.envelope, connection: connection.id });
    connection.socket.send(JSON.stringify(entry.envelope));
    entry.timer = setTimeout(() => retryOrFail(entry, `no ack within ${ackTimeoutMs} ms`), ackTimeoutMs);
  }

  function fail(entry: Pending, why: string): void {
    if (entry.timer) clearTimeout(entry.timer);
    pending.delete(entry.envelope.envelope_id);
    entry.reject(new Error(`${entry.envelope.type} envelope ${entry.envelope.envelope_id} was not acknowledged: ${why}`));
  }

  function retryOrFail(entry: Pending, why: string): void {
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = null;
    const attempt = entry.envelope.retry_attempt ?? 0;
    if (entry.envelope.type !== "events_api" || attempt >= MAX_RETRIES) {
      fail(entry, why);
      return;
    }
    entry.envelope = { ...entry.envelope, retry_attempt: attempt + 1, retry_reason: "timeout" };
    deliver(entry);
  }

  function onMessage(connection: Connection, data: string): void {
    let message: { envelope_id?: unknown; payload?: unknown };
    try {
      message = JSON.parse(data) as typeof message;
    } catch {
      return;
    }
    if (typeof message.envelope_id !== "string" || !connection.open) return;
    if (acksToLose > 0) {
      acksToLose -= 1;
      if (acksToLose === 0) cut(connection);
      return;
    }
    const payload = (message.payload ?? {}) as Record<string, unknown>;
    const entry = pending.get(message.envelope_id);
    acks.push({ envelopeId: message.envelope_id, payload, connection: connection.id, stray: !entry });
    if (!entry) return;
    if (entry.timer) clearTimeout(entry.timer);
    pending.delete(message.envelope_id);
    entry.resolve(payload);
  }

  /** Ends a connection without a close frame; nothing more is read from it. */
  function cut(connection: Connection): void {
    connection.open = false;
    connection.socket.terminate();
  }

  function onClose(connection: Connection): void {
    connection.open = false;
    clearInterval(connection.pinger);
    live.delete(connection.id);
    for (const entry of [...pending.values()]) {
      if (entry.connection === connection.id) retryOrFail(entry, "the connection closed before the ack");
    }
  }

  function onConnection(socket: WebSocket): void {
    accepted += 1;
    const connection: Connection = { id: accepted, socket, open: true, draining: false, pinger: setInterval(() => connection.open && socket.ping(), pingIntervalMs) };
    live.set(connection.id, connection);
    socket.on("pong", () => {
      pongs += 1;
    });
    socket.on("message", (data) => onMessage(connection, String(data)));
    socket.on("close", () => onClose(connection));
    socket.on("error", () => {});
    socket.send(
      JSON.stringify({
        type: "hello",
        num_connections: [...live.values()].filter((each) => each.open).length,
        debug_info: { host: "applink-fake-1", build_number: 1, approximate_connection_time: 18_060 },
        connection_info: { app_id: SOCKET_APP_ID },
      }),
    );
    // Events held while no socket was open go out on this one.
    for (const entry of pending.values()) if (entry.connection === null && !entry.timer) deliver(entry);
  }

  const wss = new WebSocketServer({ noServer: true });
  wss.on("connection", onConnection);
  // The fake Web API answers apps.connections.open (FakeSlackOptions.connectionsOpen); this server
  // only upgrades the URLs it hands out.
  const server: Server = createServer((_request, response) => {
    response.writeHead(404);
    response.end();
  });
  server.on("upgrade", (request: IncomingMessage, socket: Socket, head: Buffer) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const ticket = url.searchParams.get("ticket") ?? "";
    // Each URL opens one connection: a reused or made-up ticket is refused.
    if (url.pathname !== "/link/" || !tickets.delete(ticket)) {
      socket.end("HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n");
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit("connection", ws, request));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  wsBase = `ws://127.0.0.1:${port}`;

  return {
    connectionsOpen,
    urlsIssued: () => issued,
    connections: () => accepted,
    openConnections: () => [...live.values()].filter((connection) => connection.open).length,
    async waitForConnections(count, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (accepted < count || !newest()) {
        if (Date.now() > deadline) throw new Error(`${accepted} Socket Mode connections within ${timeoutMs} ms, expected ${count}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    deliveries,
    acks,
    acksFor: (envelopeId) => acks.filter((ack) => ack.envelopeId === envelopeId),
    pongs: () => pongs,
    send(type, payload) {
      const envelope: Envelope = {
        envelope_id: randomUUID(),
        type,
        payload,
        // Commands and interactions may answer in the ack; events may not.
        accepts_response_payload: type !== "events_api",
        ...(type === "events_api" ? { retry_attempt: 0, retry_reason: "" } : {}),
      };
      const acked = new Promise<Record<string, unknown>>((resolve, reject) => {
        const entry: Pending = { envelope, connection: null, timer: null, resolve, reject };
        pending.set(envelope.envelope_id, entry);
        deliver(entry);
      });
      // A test that sends without awaiting must not fail on an unhandled rejection; awaiting still sees it.
      acked.catch(() => {});
      return { envelopeId: envelope.envelope_id, acked };
    },
    disconnect(reason, disconnectOptions = {}) {
      const closeAfterMs = disconnectOptions.closeAfterMs ?? (reason === "warning" ? 10_000 : 0);
      for (const connection of live.values()) {
        if (!connection.open) continue;
        connection.draining = true;
        connection.socket.send(JSON.stringify({ type: "disconnect", reason, debug_info: { host: "applink-fake-1" } }));
        const timer = setTimeout(() => {
          closeTimers.delete(timer);
          if (connection.open) connection.socket.close(1000);
        }, closeAfterMs);
        closeTimers.add(timer);
      }
    },
    drop() {
      for (const connection of live.values()) cut(connection);
    },
    loseAcks(count = 1) {
      acksToLose = count;
    },
    async close() {
      for (const timer of closeTimers) clearTimeout(timer);
      for (const entry of [...pending.values()]) fail(entry, "the fake closed");
      for (const connection of live.values()) {
        clearInterval(connection.pinger);
        connection.socket.terminate();
      }
      wss.close();
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}
