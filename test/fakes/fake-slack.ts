import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type ChannelState, createFakeWorkspace, type FakeWorkspace, type Reply } from "./fake-slack-workspace.ts";

// A Slack Web API stand-in on localhost: speaks the real wire format (form-encoded or JSON POSTs
// to /api/<method>, JSON replies with "ok"), records every call, refuses what Slack refuses, and
// can be told to fail.

export interface RecordedCall {
  method: string;
  body: Record<string, unknown>;
  /** The raw request bytes (file uploads). */
  raw?: Buffer;
  /** Answered with an error: injected by the test, or Slack's own refusal. */
  failed?: boolean;
  /** The error code it was answered with. */
  error?: string;
  /** Slack's detail of an invalid_blocks or invalid_arguments refusal. */
  errors?: string[];
  /** The error was injected with failNext, not found by the fake's checks. */
  injected?: boolean;
  /** When the call arrived, in epoch milliseconds (sub-millisecond, comparable across local processes). */
  at: number;
  /** Its answer was lost on purpose (misbehaveNext): how, and whether Slack had taken the call first. */
  lost?: Misbehaviour;
}

/**
 * How a call's answer goes wrong: Slack takes it (the message is posted) and then answers HTTP 500,
 * resets the connection, or never answers; or Slack never answers and never takes it ("hang").
 */
export type Misbehaviour = "accept-500" | "accept-reset" | "accept-hang" | "hang";

const epochNow = () => performance.timeOrigin + performance.now();


function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

// The Web API client JSON-encodes arrays and objects inside form fields; only these carry JSON.
const JSON_FIELDS = new Set(["blocks", "attachments", "view", "files", "metadata"]);

function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.includes("application/json")) return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  const body: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    if (!JSON_FIELDS.has(key)) {
      body[key] = value;
      continue;
    }
    try {
      body[key] = JSON.parse(value);
    } catch {
      body[key] = value;
    }
  }
  return body;
}

export interface FakeSlack {
  url: string;
  apiUrl: string;
  calls: RecordedCall[];
  callsTo(method: string): RecordedCall[];
  /** Calls the fake refused on its own (not injected): an app bug unless the test provoked it. */
  refusals(): RecordedCall[];
  /** Channels the workspace has and whether the bot is in them; tests may add, archive or leave. */
  channels: FakeWorkspace["channels"];
  /** Messages the bot posted, by "channel/ts" (with chat.update applied). */
  messages: FakeWorkspace["messages"];
  /** Files the app uploaded, by file id (with their bytes once sent, and their channel once completed). */
  uploads: FakeWorkspace["uploads"];
  /** Puts a file in the workspace as if a person uploaded it in a form; returns its file_input state object. */
  addUserFile: FakeWorkspace["addUserFile"];
  /**
   * Makes the next `times` calls to `method` (those matching `when`, if given) answer with a Slack
   * error (a code, or Slack's whole answer). "ratelimited" is answered as Slack does: HTTP 429 with a Retry-After header.
   */
  failNext(method: string, error: string | Reply, times?: number, when?: (body: Record<string, unknown>) => boolean): void;
  /** Makes the next `times` calls to `method` (matching `when`) lose their answer as `how` says. */
  misbehaveNext(method: string, how: Misbehaviour, times?: number, when?: (body: Record<string, unknown>) => boolean): void;
  close(): Promise<void>;
}

export interface FakeSlackOptions {
  /** Channels besides the defaults (the case and ward channels, bot invited). */
  channels?: Record<string, ChannelState>;
  /** Answers apps.connections.open with a Socket Mode URL (the Socket Mode fake's connectionsOpen). */
  connectionsOpen?: (authorization: string | undefined) => Reply;
}

/** Slack's problem lines of a refusal: `errors` for messages, `response_metadata.messages` for views. */
function problemLines(answer: Reply): string[] | undefined {
  const lines = answer.errors ?? (answer.response_metadata as { messages?: unknown } | undefined)?.messages;
  return Array.isArray(lines) ? (lines as string[]) : undefined;
}

/** Seconds a rate-limited caller is told to wait: short, so tests stay fast; Slack sends its own figure. */
const RETRY_AFTER_SECONDS = 1;

/**
 * A strict Slack Web API on localhost: every message, view and argument is checked the way Slack
 * checks it (test/fakes/block-kit) and refused with Slack's own error shapes.
 */
export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const calls: RecordedCall[] = [];
  let baseUrl = "";
  const workspace = createFakeWorkspace({ channels: options.channels, baseUrl: () => baseUrl });
  const failures = new Map<string, { error: string | Reply; times: number; when?: ((body: Record<string, unknown>) => boolean) | undefined }>();

  const misbehaviours = new Map<string, { how: Misbehaviour; times: number; when?: ((body: Record<string, unknown>) => boolean) | undefined }>();

  function misbehaving(method: string, body: Record<string, unknown>): Misbehaviour | null {
    const planned = misbehaviours.get(method);
    if (!planned || planned.times <= 0 || (planned.when && !planned.when(body))) return null;
    planned.times -= 1;
    return planned.how;
  }

  function injected(method: string, body: Record<string, unknown>): Reply | null {
    const failure = failures.get(method);
    if (!failure || failure.times <= 0 || (failure.when && !failure.when(body))) return null;
    failure.times -= 1;
    return typeof failure.error === "string" ? { ok: false, error: failure.error } : failure.error;
  }

  const server: Server = createServer(async (request, response) => {
    const raw = await readBody(request);
    const path = request.url ?? "/";
    if (path.startsWith("/upload/")) {
      // The upload URL takes the file's bytes once, exactly as long as files.getUploadURLExternal was told.
      // Slack takes the raw bytes or a multipart form with the file in it (the Web API client sends the form).
      const contentType = String(request.headers["content-type"] ?? "");
      let bytes: Buffer | null = raw;
      if (contentType.startsWith("multipart/form-data")) {
        const form = await new Response(raw, { headers: { "content-type": contentType } }).formData().catch(() => null);
        const file = form ? [...form.values()].find((value): value is File => typeof value !== "string") : undefined;
        bytes = file ? Buffer.from(await file.arrayBuffer()) : null;
      }
      const accepted = bytes !== null && workspace.receiveUpload(path.slice("/upload/".length), bytes);
      calls.push({ method: `upload${path.slice("/upload".length)}`, body: {}, raw, at: epochNow(), ...(accepted ? {} : { failed: true, error: "upload_refused" }) });
      response.writeHead(accepted ? 200 : 400, { "content-type": "text/plain" });
      response.end(accepted ? `OK - ${raw.length}` : "Bad request");
      return;
    }
    if (path.startsWith("/files-pri/")) {
      // Private file URLs need the bot token (files:read); without it Slack redirects to its sign-in page.
      const bytes = workspace.userFileAt(path);
      const authorized = /^Bearer xoxb-/.test(String(request.headers.authorization ?? ""));
      calls.push({ method: "files-pri", body: { path }, at: epochNow(), ...(bytes && authorized ? {} : { failed: true, error: bytes ? "not_authed" : "file_not_found" }) });
      if (!authorized) {
        response.writeHead(302, { location: `${url}/?redir=${encodeURIComponent(path)}` });
        response.end();
      } else if (!bytes) {
        response.writeHead(404, { "content-type": "text/plain" });
        response.end("Not found");
      } else {
        response.writeHead(200, { "content-type": "application/octet-stream", "content-length": String(bytes.length) });
        response.end(bytes);
      }
      return;
    }
    const isApi = path.startsWith("/api/");
    const method = isApi ? path.slice("/api/".length).split("?")[0]! : `response_url${path}`;
    let body: Record<string, unknown>;
    try {
      body = parseBody(raw.toString("utf8"), request.headers["content-type"]);
    } catch {
      // Slack answers a body it cannot parse with invalid_json (https://docs.slack.dev/apis/web-api/#errors).
      calls.push({ method, body: {}, at: epochNow(), failed: true });
      response.writeHead(200, { "content-type": "application/json" });
      response.end('{"ok":false,"error":"invalid_json"}');
      return;
    }
    const misbehaviour = misbehaving(method, body);
    if (misbehaviour) {
      // Slack did the work (a message is posted) before the answer was lost, unless it hung first.
      if (misbehaviour !== "hang") workspace.answer(method, body);
      calls.push({ method, body, at: epochNow(), lost: misbehaviour });
      if (misbehaviour === "accept-500") {
        response.writeHead(500, { "content-type": "text/plain" });
        response.end("Internal Server Error");
      } else if (misbehaviour === "accept-reset") {
        request.socket.destroy();
      }
      // accept-hang and hang: no answer; close() ends the connection.
      return;
    }
    const forced = injected(method, body);
    const answer =
      forced ??
      (method === "apps.connections.open" && options.connectionsOpen
        ? options.connectionsOpen(request.headers.authorization)
        : isApi
          ? workspace.answer(method, body)
          : workspace.answerResponseUrl(body));
    calls.push({ method, body, at: epochNow(), ...(answer.ok ? {} : { failed: true, error: String(answer.error), ...(problemLines(answer) ? { errors: problemLines(answer) } : {}), ...(forced ? { injected: true } : {}) }) });
    if (answer.error === "ratelimited") {
      // https://docs.slack.dev/apis/web-api/rate-limits: HTTP 429 with Retry-After in seconds.
      response.writeHead(429, { "content-type": "application/json", "retry-after": String(RETRY_AFTER_SECONDS) });
    } else {
      response.writeHead(200, { "content-type": "application/json" });
    }
    response.end(JSON.stringify(answer));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  baseUrl = url;

  return {
    url,
    apiUrl: `${url}/api/`,
    calls,
    callsTo: (method) => calls.filter((call) => call.method === method),
    refusals: () => calls.filter((call) => call.failed && !call.injected),
    channels: workspace.channels,
    messages: workspace.messages,
    uploads: workspace.uploads,
    addUserFile: workspace.addUserFile,
    failNext(method, error, times = 1, when) {
      failures.set(method, { error, times, when });
    },
    misbehaveNext(method, how, times = 1, when) {
      misbehaviours.set(method, { how, times, when });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
