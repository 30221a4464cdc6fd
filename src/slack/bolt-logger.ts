import { LogLevel, type Logger as SlackLogger } from "@slack/bolt";
import type { Logger } from "../lib/logger.ts";

// Bolt, the Socket Mode client and the Web API client log through the logger they are given, with
// arguments of their own choosing: a sentence, often with a value interpolated into it (an error's
// message, a URL), sometimes the error, an array or an object itself. Their debug lines print whole
// request and response bodies; at info, warn and error an interpolated error message can quote the
// body it failed on (V8's JSON.parse errors quote the text: `Unexpected token 'x', "{"payload…"…`),
// and an error or object argument carries whatever it holds. The pino redaction paths of
// src/lib/logger.ts cannot see into a string, so this adapter decides what each argument may say
// before it reaches the log: sentences with anything body-like cut out, errors as name and code,
// objects and arrays as their size. Debug lines are dropped whatever LOG_LEVEL says.

/** Longest piece of text kept from one argument; Bolt's own sentences are shorter. */
const MAX_TEXT = 240;

const BODY = "[body redacted]";
const QUOTED = '"[redacted]"';

/** Where a sentence starts quoting structured data: a JSON object, or a JSON array of objects or strings. */
const STRUCTURED_START = /\{|\[\s*[{"]/;
/** A form-encoded body or query string (`payload=%7B…`, `a=1&b=2`), or anything percent-encoded. */
const FORM_TOKEN = /^\S*(%[0-9A-Fa-f]{2}|=\S*&)\S*$/;
/** A URL's query string or fragment: the path is kept, what follows it is not. */
const URL_TAIL = /([a-z][a-z0-9+.-]*:\/\/[^\s?#]*|(?<=\s|^)\/[^\s?#]*)[?#]\S*/gi;

/** A sentence as it may be logged: quoted text, structured data and form bodies cut out, and its length capped. */
export function redactText(text: string): string {
  const trimmed = text.trim();
  // The whole argument is a body (a JSON or form payload logged as a string).
  if (/^[{[]/.test(trimmed) || /^[\w.-]+=/.test(trimmed)) return `${BODY} (${trimmed.length} characters)`;
  let safe = text;
  const structured = safe.search(STRUCTURED_START);
  if (structured >= 0) safe = `${safe.slice(0, structured)}${BODY}`;
  safe = safe
    // Double quotes never quote Bolt's own words, only data (JSON excerpts, values, bodies); an unclosed quote runs to the end.
    .replace(/"[^"]*("|$)/g, QUOTED)
    // Single quotes around a token or two (a method name, a character) are Bolt's; longer ones are data (an apostrophe, after a letter, opens nothing).
    .replace(/(?<![A-Za-z])'[^']{25,}('|$)/g, QUOTED)
    .replace(URL_TAIL, "$1?[redacted]")
    .split(/(\s+)/)
    .map((token) => (FORM_TOKEN.test(token) ? BODY : token))
    .join("");
  return safe.length > MAX_TEXT ? `${safe.slice(0, MAX_TEXT)}… [${safe.length - MAX_TEXT} more characters redacted]` : safe;
}

/** An error as it may be logged: its name and code (a Slack API error's code too), never its message, which may echo input. */
function describeError(error: Error): string {
  const code = (error as { code?: unknown }).code;
  const slackCode = (error as { data?: { error?: unknown } }).data?.error;
  const codes = [code, slackCode].filter((value): value is string => typeof value === "string" && /^[\w.:-]{1,60}$/.test(value));
  return codes.length > 0 ? `${error.name} (${codes.join(", ")})` : error.name;
}

/** One argument of a Slack SDK log call, as it may be logged. */
export function redactArgument(value: unknown): string {
  if (value === null || value === undefined || typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  if (typeof value === "string") return redactText(value);
  if (value instanceof Error) return describeError(value);
  if (Array.isArray(value)) return `[list of ${value.length}]`;
  if (typeof value === "object") return `[object with ${Object.keys(value).length} fields]`;
  return `[${typeof value}]`;
}

/** The log line for one SDK log call: every argument redacted, joined as Bolt's console logger joins them. */
export function redactedLine(args: readonly unknown[]): string {
  return args.map(redactArgument).join(" ");
}

/**
 * The logger handed to Bolt, its receivers and every Slack client (src/slack/bolt-app.ts,
 * outbox-client.ts, check-token.ts): their lines go to our JSON logger as `component: "bolt"`,
 * each argument redacted (redactArgument), debug dropped.
 */
export function boltLogger(logger: Logger): SlackLogger {
  const child = logger.child({ component: "bolt" });
  let level = LogLevel.INFO;
  return {
    debug: () => {},
    info: (...message) => child.info(redactedLine(message)),
    warn: (...message) => child.warn(redactedLine(message)),
    error: (...message) => child.error(redactedLine(message)),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
