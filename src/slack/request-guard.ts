import { createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { parse as parseQuery } from "node:querystring";
import { type HTTPReceiver, HTTPModuleFunctions } from "@slack/bolt";
import { errorSummary } from "../lib/errors.ts";
import type { Logger } from "../lib/logger.ts";
import { envelopeProblem } from "./payload-boundary.ts";

// In front of Bolt's HTTP receiver, on the events endpoint. Bolt refuses stale signatures but
// accepts any timestamp in the future, and a validly signed body it cannot handle (payload=null)
// throws inside its request handler, outside any catch, and ends the process. Here every POST is
// read once (the buffered body is handed on, so Bolt does not read it again), its signature
// checked against a window of five minutes either side of now, and its body parsed and shaped
// exactly as Bolt will parse it: 401 when Slack did not sign it now, 400 when it is not a Slack
// payload, 413 when it is too large. Bolt then verifies and routes it as before.

/** Slack's replay window, both ways: a request signed further from now than this is refused. */
export const SIGNATURE_WINDOW_SECONDS = 5 * 60;

type Verdict = { ok: true } | { ok: false; status: 400 | 401 | 413; reason: string };

/** Whether `headers` carry Slack's signature of `body` made within the window around `nowSeconds`. */
export function signatureProblem(body: string, headers: IncomingMessage["headers"], signingSecret: string, nowSeconds: number): string | null {
  const timestamp = headers["x-slack-request-timestamp"];
  const signature = headers["x-slack-signature"];
  if (typeof timestamp !== "string" || typeof signature !== "string") return "missing signature headers";
  if (!/^\d{1,12}$/.test(timestamp)) return "malformed timestamp";
  if (Math.abs(nowSeconds - Number(timestamp)) > SIGNATURE_WINDOW_SECONDS) return "timestamp outside the five-minute window";
  const expected = Buffer.from(`v0=${createHmac("sha256", signingSecret).update(`v0:${timestamp}:${body}`).digest("hex")}`);
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected) ? null : "signature mismatch";
}

/** The body as Bolt's parser reads it (form fields, or the JSON in `payload`, or JSON), or why it cannot be. */
export function parseSlackBody(text: string, contentType: string | undefined): { body: unknown } | { problem: string } {
  try {
    if (contentType === "application/x-www-form-urlencoded") {
      const fields = parseQuery(text);
      if (Object.values(fields).some(Array.isArray)) return { problem: "a form field is repeated" };
      return typeof fields.payload === "string" ? { body: JSON.parse(fields.payload) } : { body: { ...fields } };
    }
    return { body: JSON.parse(text) };
  } catch {
    return { problem: "the body is not JSON or a form" };
  }
}

async function screen(req: IncomingMessage, signingSecret: string, bodyLimit: number): Promise<Verdict> {
  let raw: Buffer;
  try {
    raw = (await HTTPModuleFunctions.bufferIncomingMessage(req, bodyLimit)).rawBody;
  } catch (error) {
    const tooLarge = HTTPModuleFunctions.isRawBodyError(error) && ((error as { statusCode?: number }).statusCode === 413 || (error as { type?: string }).type === "entity.too.large");
    return tooLarge ? { ok: false, status: 413, reason: "body too large" } : { ok: false, status: 400, reason: "body could not be read" };
  }
  const text = raw.toString();
  const contentType = req.headers["content-type"];
  // Slack's SSL check is unsigned; Bolt answers it and strips anything else in the body.
  if (contentType === "application/x-www-form-urlencoded" && parseQuery(text).ssl_check === "1") return { ok: true };
  const unsigned = signatureProblem(text, req.headers, signingSecret, Math.floor(Date.now() / 1000));
  if (unsigned) return { ok: false, status: 401, reason: unsigned };
  const parsed = parseSlackBody(text, contentType);
  if ("problem" in parsed) return { ok: false, status: 400, reason: parsed.problem };
  const body = parsed.body as Record<string, unknown>;
  // Bolt answers url_verification itself and needs only the challenge.
  if (typeof body === "object" && body !== null && !Array.isArray(body) && body.type === "url_verification") return { ok: true };
  const problem = envelopeProblem(parsed.body);
  return problem ? { ok: false, status: 400, reason: problem } : { ok: true };
}

/** Puts the screen in front of `receiver`'s events endpoint; every other route is Bolt's as before. */
export function guardHttpReceiver(receiver: HTTPReceiver, options: { signingSecret: string; logger: Logger; endpoint?: string; bodyLimit?: number }): void {
  const bolt = receiver.requestListener;
  const endpoint = options.endpoint ?? "/slack/events";
  const bodyLimit = options.bodyLimit ?? HTTPModuleFunctions.defaultBodyLimit;
  const answer = (res: ServerResponse, status: number) => {
    if (res.headersSent) return;
    res.writeHead(status);
    res.end();
  };
  receiver.requestListener = (req, res) => {
    let path: string;
    try {
      path = new URL(req.url ?? "/", "http://localhost").pathname;
    } catch {
      return answer(res, 400);
    }
    if (req.method !== "POST" || path !== endpoint) return bolt(req, res);
    void screen(req, options.signingSecret, bodyLimit)
      .then((verdict) => {
        if (!verdict.ok) {
          options.logger.warn({ status: verdict.status, reason: verdict.reason }, "Slack request refused");
          return answer(res, verdict.status);
        }
        bolt(req, res);
      })
      .catch((error: unknown) => {
        options.logger.error({ error: errorSummary(error) }, "Slack request could not be screened");
        answer(res, 400);
      });
  };
}
