import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../../src/lib/logger.ts";
import { boltLogger, redactArgument, redactText } from "../../../src/slack/bolt-logger.ts";

// The adapter between Bolt's (and the Slack SDKs') log calls and our JSON logger. The calls below
// are the shapes those libraries really log, quoted from node_modules/@slack/bolt and @slack/web-api
// (receivers/HTTPReceiver.js, receivers/SocketModeFunctions.js, App.js, WebClient.js), fed with a
// body that names a patient: nothing of the body may reach the log line, and Bolt's own words must.

const PATIENT = "Maria Testpatient";
const MRN = "MRN 7730021";
const BODY = JSON.stringify({ type: "block_actions", actions: [{ action_id: "not_ours", value: `${PATIENT} ${MRN}` }], user: { id: "U0NURSE01" } });

/** The error JSON.parse throws on a body it cannot read: V8 quotes the text it choked on. */
function parseError(text: string): SyntaxError {
  try {
    JSON.parse(text);
  } catch (error) {
    return error as SyntaxError;
  }
  throw new Error("parsed");
}

function capture() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      done();
    },
  });
  return { lines, slack: boltLogger(createLogger("debug", sink)) };
}

const noPatient = (text: string) => {
  expect(text).not.toContain("Testpatient");
  expect(text).not.toContain("7730021");
};

describe("boltLogger", () => {
  it("keeps Bolt's own warnings word for word", () => {
    const { lines, slack } = capture();
    slack.warn("Could not determine the type of an incoming event. No listeners will be called.");
    slack.error("An incoming event was not acknowledged within 3 seconds. Ensure that the ack() argument is called in a listener.");
    slack.warn("ack() has already been called. Additional calls will be ignored and may lead to errors in other receivers.");
    slack.info("API Call failed due to rate limiting. Will retry in 30 seconds.");
    expect(lines.map(({ level, msg, component }) => ({ level, msg, component }))).toEqual([
      { level: 40, msg: "Could not determine the type of an incoming event. No listeners will be called.", component: "bolt" },
      { level: 50, msg: "An incoming event was not acknowledged within 3 seconds. Ensure that the ack() argument is called in a listener.", component: "bolt" },
      { level: 40, msg: "ack() has already been called. Additional calls will be ignored and may lead to errors in other receivers.", component: "bolt" },
      { level: 30, msg: "API Call failed due to rate limiting. Will retry in 30 seconds.", component: "bolt" },
    ]);
  });

  it("drops debug lines, which print whole bodies, whatever the log level", () => {
    const { lines, slack } = capture();
    slack.debug(`ack() call begins (body: ${BODY})`);
    slack.debug(BODY);
    expect(lines).toEqual([]);
  });

  it.each([
    ["HTTPReceiver: a body that fails to parse", () => [`Failed to parse the request body: ${parseError(`${PATIENT} ${MRN} ${BODY}`).message}`]],
    ["HTTPReceiver: a body that fails to verify", () => [`Failed to parse and verify the request data: ${parseError(`payload=${encodeURIComponent(BODY)}`).message}`]],
    ["Socket Mode: a processing error quoting the envelope", () => [`An unhandled error occurred while Bolt processed (type: block_actions, error: ${parseError(`${BODY.slice(0, 90)}`)})`]],
    ["App: a Slack API error object", () => ["Slack API error: invalid_blocks", Object.assign(new Error(`An API error occurred: invalid_blocks (${PATIENT})`), { code: "slack_webapi_platform_error", data: { error: "invalid_blocks" } })]],
    ["App: any other error object", () => [new Error(`Cannot read the case of ${PATIENT} (${MRN})`)]],
    ["WebClient: a failed request's message", () => ["http request failed", `request to https://slack.com/api/chat.postMessage failed, reason: body ${BODY}`]],
    ["a body logged as an object", () => [JSON.parse(BODY) as unknown]],
    ["a body logged as an array", () => [[PATIENT, MRN]]],
    ["a body logged as JSON text", () => [BODY]],
    ["a form-encoded body", () => [`payload=${encodeURIComponent(BODY)}`]],
    ["a body inside a sentence", () => [`ack() response sent (body: ${BODY})`]],
    ["a request URL with a query string", () => [`Unhandled HTTP request (POST) made to /slack/events?patient=${encodeURIComponent(PATIENT)}`]],
    ["quoted values", () => [`Unexpected value "${PATIENT}" for '${PATIENT} and ${MRN} again'`]],
  ] as const)("redacts %s", (_what, args) => {
    const { lines, slack } = capture();
    slack.warn(...(args() as unknown[]));
    slack.error(...(args() as unknown[]));
    slack.info(...(args() as unknown[]));
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      expect(line.component).toBe("bolt");
      noPatient(JSON.stringify(line));
    }
  });

  it("says what it left out: an error's name and code, an object's size, a body's length", () => {
    const error = Object.assign(new Error(`An API error occurred: invalid_blocks (${PATIENT})`), { code: "slack_webapi_platform_error", data: { error: "invalid_blocks" } });
    expect(redactArgument(error)).toBe("Error (slack_webapi_platform_error, invalid_blocks)");
    expect(redactArgument(new TypeError(PATIENT))).toBe("TypeError");
    expect(redactArgument({ patient: PATIENT, mrn: MRN })).toBe("[object with 2 fields]");
    expect(redactArgument([PATIENT])).toBe("[list of 1]");
    expect(redactArgument(3)).toBe("3");
    expect(redactText(BODY)).toBe(`[body redacted] (${BODY.length} characters)`);
    // V8 quotes the text it could not parse; the quote goes, the rest of the sentence stays.
    expect(redactText(`Failed to parse the request body: ${parseError(`${PATIENT} ${MRN}`).message}`)).toBe(`Failed to parse the request body: Unexpected token 'M', "[redacted]"... is not valid JSON`);
    expect(redactText("Unhandled HTTP request (GET) made to /healthz?x=1")).toBe("Unhandled HTTP request (GET) made to /healthz?[redacted]");
  });

  it("caps a long sentence", () => {
    const long = `Something happened: ${"word ".repeat(200)}`;
    const safe = redactText(long);
    expect(safe.length).toBeLessThan(300);
    expect(safe).toMatch(/more characters redacted\]$/);
  });
});
