import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

// A Slack Web API stand-in on localhost: speaks the real wire format (form-encoded or JSON POSTs
// to /api/<method>, JSON replies with "ok"), records every call, and can be told to fail.

export interface RecordedCall {
  method: string;
  body: Record<string, unknown>;
  /** The raw request bytes (file uploads). */
  raw?: Buffer;
  /** Answered with an injected error. */
  failed?: boolean;
  /** When the call arrived, in epoch milliseconds (sub-millisecond, comparable across local processes). */
  at: number;
}

const epochNow = () => performance.timeOrigin + performance.now();

type Reply = Record<string, unknown> & { ok: boolean };

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.includes("application/json")) return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  const body: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    // The Web API client JSON-encodes arrays and objects (blocks, view) inside form fields.
    body[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
  }
  return body;
}

export interface FakeSlack {
  url: string;
  apiUrl: string;
  calls: RecordedCall[];
  callsTo(method: string): RecordedCall[];
  /** Makes the next `times` calls to `method` (those matching `when`, if given) answer with a Slack error. */
  failNext(method: string, error: string, times?: number, when?: (body: Record<string, unknown>) => boolean): void;
  close(): Promise<void>;
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const calls: RecordedCall[] = [];
  let baseUrl = "";
  const failures = new Map<string, { error: string; times: number; when?: ((body: Record<string, unknown>) => boolean) | undefined }>();
  let counter = 0;

  function reply(method: string, body: Record<string, unknown>): Reply {
    const failure = failures.get(method);
    if (failure && failure.times > 0 && (!failure.when || failure.when(body))) {
      failure.times -= 1;
      return { ok: false, error: failure.error };
    }
    counter += 1;
    const ts = `1700000000.${String(counter).padStart(6, "0")}`;
    switch (method) {
      case "auth.test":
        return { ok: true, user_id: "U0BOT0001", bot_id: "B0BOT0001", team_id: "T0TEAM001", user: "patient-relations" };
      case "views.open":
      case "views.update":
      case "views.push":
        return { ok: true, view: { id: `V${String(counter).padStart(8, "0")}`, ...(body.view as object) } };
      case "chat.postMessage":
        return { ok: true, channel: body.channel, ts, message: { text: body.text } };
      case "chat.update":
        return { ok: true, channel: body.channel, ts: body.ts };
      case "chat.postEphemeral":
        return { ok: true, message_ts: ts };
      case "files.getUploadURLExternal":
        return { ok: true, upload_url: `${baseUrl}/upload/F${counter}`, file_id: `F${counter}` };
      case "files.completeUploadExternal":
        return { ok: true, files: (body.files as { id: string; title?: string }[] | undefined)?.map((file) => ({ id: file.id, title: file.title })) ?? [] };
      case "conversations.open":
        return { ok: true, channel: { id: `D${String(body.users).slice(1)}` } };
      case "chat.getPermalink":
        return { ok: true, channel: body.channel, permalink: `https://hospital.slack.test/archives/${body.channel}/p${String(body.message_ts).replace(".", "")}` };
      default:
        return { ok: true };
    }
  }

  const server: Server = createServer(async (request, response) => {
    const raw = await readBody(request);
    const path = request.url ?? "/";
    if (path.startsWith("/upload/")) {
      calls.push({ method: `upload${path.slice("/upload".length)}`, body: {}, raw, at: epochNow() });
      response.writeHead(200, { "content-type": "text/plain" });
      response.end(`OK - ${raw.length}`);
      return;
    }
    const method = path.startsWith("/api/") ? path.slice("/api/".length).split("?")[0]! : `response_url${path}`;
    const body = parseBody(raw.toString("utf8"), request.headers["content-type"]);
    const answer = method.startsWith("response_url") ? { ok: true } : reply(method, body);
    calls.push({ method, body, at: epochNow(), ...(answer.ok ? {} : { failed: true }) });
    response.writeHead(200, { "content-type": "application/json" });
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
    failNext(method, error, times = 1, when) {
      failures.set(method, { error, times, when });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
