import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTION_FIELDS, ACTIONS, MORE_OPTIONS, SHORTCUTS, VIEWS } from "../../src/slack/ids.ts";
import { blockActionPayload, eventBody, messageShortcutPayload, sendToSlackEndpoint, slashCommandBody, viewSubmissionPayload } from "../fakes/signed-requests.ts";
import { intakeViewState } from "../fixtures/intake.ts";
import { fileCaseThroughSlack } from "../support/case-flow.ts";
import { startSocketTestApp, type SocketTestApp } from "../support/socket-test-app.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";

// Thousands of validly signed, deterministically mutated Slack payloads (slash commands, block
// actions, view submissions, shortcuts, events, and bodies that are not payloads at all) sent to
// the real app: no request may end the process, get a 5xx, go unanswered or leave an unhandled
// rejection, and no control character may reach the database (PostgreSQL refuses NUL).

const SEED = 0x5eed_2026;
const HTTP_PAYLOADS = 3_000;
const SOCKET_PAYLOADS = 400;
const CONCURRENCY = 16;

/** mulberry32: small, fast and the same on every machine. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  return { next, int, pick };
}
type Random = ReturnType<typeof random>;

const NASTY_STRINGS = [
  "",
  "\u0000",
  "note\u0000with NUL",
  "\u0001\u0007\u001b[31m\u007f\u0085\u009f",
  "\ud800 lone surrogate \udfff",
  "<!channel> & <@U0ADMIN001> <https://evil.example|click>",
  "😀".repeat(800),
  "x".repeat(5_000),
  "PR-2026-0001",
  '{"c":"00000000-0000-4000-8000-000000000000"}',
  '{"l":"00000000-0000-4000-8000-000000000000","v":0}',
  "null",
  "admin grant <@U0FUZZ001> admin",
  "%00%ff",
  "\r\n\t",
];

function nastyValue(rng: Random, depth = 0): unknown {
  switch (rng.int(10)) {
    case 0:
      return null;
    case 1:
      return rng.pick([0, -1, 1.5, 1e308, Number.MAX_SAFE_INTEGER]);
    case 2:
      return rng.next() < 0.5;
    case 3:
      return depth < 2 ? [nastyValue(rng, depth + 1), nastyValue(rng, depth + 1)] : [];
    case 4:
      return depth < 2 ? { [rng.pick(["value", "id", "type", "text", "\u0000"])]: nastyValue(rng, depth + 1) } : {};
    default:
      return rng.pick(NASTY_STRINGS);
  }
}

/** Every path to a value inside `value`. */
function paths(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (typeof value === "object" && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      const path = [...prefix, Array.isArray(value) ? Number(key) : key];
      out.push(path);
      paths(item, path, out);
    }
  }
  return out;
}

/** One to three changes at random places: a value replaced, a field removed, a field added. */
function mutate(rng: Random, payload: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(payload);
  for (let i = 0, n = 1 + rng.int(3); i < n; i++) {
    const all = paths(copy);
    const path = rng.pick(all);
    const parent = path.slice(0, -1).reduce<Record<string | number, unknown>>((node, key) => node[key] as Record<string | number, unknown>, copy);
    const last = path.at(-1)!;
    if (typeof parent !== "object" || parent === null) continue;
    const choice = rng.int(6);
    if (choice === 0) delete parent[last];
    else if (choice === 1) parent[rng.pick(["extra", "__proto__", "constructor", "\u0000key"])] = nastyValue(rng);
    else parent[last] = nastyValue(rng);
  }
  return copy;
}

const CASE_REF = (caseId: string) => JSON.stringify({ c: caseId });

function corpus(caseIds: string[], letterIds: string[]) {
  const users = ["U0ADMIN001", "U0NURSE01", "U0FUZZ001"];
  const caseRef = (rng: Random) => CASE_REF(rng.pick(caseIds));
  const letterRef = (rng: Random) => JSON.stringify({ l: rng.pick(letterIds.length > 0 ? letterIds : ["00000000-0000-4000-8000-000000000000"]), v: rng.int(3) });
  const text = (value: string) => ({ type: "plain_text_input", value });
  const choice = (value: string) => ({ type: "radio_buttons", selected_option: { value } });
  const forms: Record<string, (rng: Random) => Record<string, Record<string, unknown>>> = {
    [VIEWS.addNote]: (rng) => ({ [ACTION_FIELDS.noteBody]: { [ACTION_FIELDS.noteBody]: text(rng.pick(NASTY_STRINGS)) }, [ACTION_FIELDS.noteKind]: { [ACTION_FIELDS.noteKind]: choice("note") } }),
    [VIEWS.changeStatus]: () => ({ [ACTION_FIELDS.status]: { [ACTION_FIELDS.status]: choice("investigating") } }),
    [VIEWS.reassign]: (rng) => ({ [ACTION_FIELDS.newOwner]: { [ACTION_FIELDS.newOwner]: { type: "users_select", selected_user: rng.pick(["U0NURSE01", "U\u0000X"]) } } }),
    [VIEWS.close]: (rng) => ({ [ACTION_FIELDS.outcome]: { [ACTION_FIELDS.outcome]: choice("resolved") }, [ACTION_FIELDS.resolution]: { [ACTION_FIELDS.resolution]: text(rng.pick(NASTY_STRINGS)) } }),
    [VIEWS.reclassify]: (rng) => ({ [ACTION_FIELDS.caseType]: { [ACTION_FIELDS.caseType]: choice("complaint") }, [ACTION_FIELDS.overrideReason]: { [ACTION_FIELDS.overrideReason]: text(rng.pick(NASTY_STRINGS)) } }),
    [VIEWS.escalate]: () => ({}),
    [VIEWS.reopen]: () => ({}),
    [VIEWS.letterApprove]: () => ({}),
    [VIEWS.letterReject]: (rng) => ({ [ACTION_FIELDS.rejectReason]: { [ACTION_FIELDS.rejectReason]: text(rng.pick(NASTY_STRINGS)) } }),
    [VIEWS.letterRegenerate]: (rng) => ({ [ACTION_FIELDS.instruction]: { [ACTION_FIELDS.instruction]: choice("free") }, [ACTION_FIELDS.instructionText]: { [ACTION_FIELDS.instructionText]: text(rng.pick(NASTY_STRINGS)) } }),
    [VIEWS.letterEdit]: (rng) => ({ [`${ACTION_FIELDS.letterPart}0`]: { [`${ACTION_FIELDS.letterPart}0`]: text(rng.pick(NASTY_STRINGS)) } }),
    [VIEWS.editRules]: (rng) => ({ [ACTION_FIELDS.rulesText]: { [ACTION_FIELDS.rulesText]: text(rng.pick(["rules: []", "\u0000", ":::", "version: 1\nteams: []\nrules: []"])) } }),
    [VIEWS.caseIntake]: (rng) => intakeViewState({ description: rng.pick(NASTY_STRINGS) } as never),
  };
  const letterViews = new Set<string>([VIEWS.letterApprove, VIEWS.letterEdit, VIEWS.letterRegenerate, VIEWS.letterReject]);
  const letterActions = new Set<string>([ACTIONS.letterView, ACTIONS.letterApprove, ACTIONS.letterEdit, ACTIONS.letterRegenerate, ACTIONS.letterReject, ACTIONS.letterSent, ACTIONS.letterPdf, ACTIONS.letterText]);
  /** A payload as Slack would send it, to be mutated. */
  return (rng: Random): { kind: "form" | "interactive" | "event"; payload: Record<string, unknown> } => {
    const user = rng.pick(users);
    switch (rng.int(5)) {
      case 0: {
        const fields = Object.fromEntries(new URLSearchParams(slashCommandBody({ text: rng.pick(["", "help", "mine", "open", "search parking", "PR-2026-0001", "admin", "admin roles", "admin rules", "admin retry", "digest escalations preview", "digest trends", rng.pick(NASTY_STRINGS)]), userId: user, responseUrl: "http://127.0.0.1:9/unused" })));
        return { kind: "form", payload: fields };
      }
      case 1: {
        const actionId = rng.pick([...Object.values(ACTIONS), "unknown_action"]);
        if (actionId === ACTIONS.more) {
          return { kind: "interactive", payload: blockActionPayload({ actionId, userId: user, selectedOptionValue: JSON.stringify({ c: rng.pick(caseIds), o: rng.pick(Object.values(MORE_OPTIONS)) }) }) };
        }
        return { kind: "interactive", payload: blockActionPayload({ actionId, userId: user, value: letterActions.has(actionId) ? letterRef(rng) : caseRef(rng) }) };
      }
      case 2: {
        const callbackId = rng.pick(Object.keys(forms));
        const privateMetadata = callbackId === VIEWS.caseIntake ? "" : letterViews.has(callbackId) ? letterRef(rng) : caseRef(rng);
        return { kind: "interactive", payload: viewSubmissionPayload({ viewId: `V0FUZZ${rng.int(1e6)}`, callbackId, userId: user, privateMetadata, values: forms[callbackId]!(rng) }) };
      }
      case 3:
        return { kind: "interactive", payload: { ...messageShortcutPayload({ text: rng.pick(NASTY_STRINGS), userId: user }), callback_id: rng.pick([SHORTCUTS.createCaseFromMessage, "unknown"]) } };
      default:
        return {
          kind: "event",
          payload: JSON.parse(eventBody(rng.pick([{ type: "app_home_opened", user, channel: "D0HOME0001", tab: "home", event_ts: "1.1" }, { type: "message", channel: "C0X", text: "hi", ts: "1.2" }, { type: "reaction_added", item: { channel: "C0X", ts: "1.1" } }]))) as Record<string, unknown>,
        };
    }
  };
}

/** The wire body of one fuzzed request: usually a mutated payload, sometimes something that is not a payload at all. */
function wireBody(rng: Random, kind: "form" | "interactive" | "event", payload: Record<string, unknown>): { body: string; json: boolean } {
  const roll = rng.int(20);
  if (roll === 0) return { body: rng.pick(["payload=null", "payload=%5B%5D", "payload=1", "payload=%22x%22", "payload=", "payload=%7B", "ssl_check=1", "=&&=", "payload=%00"]), json: false };
  if (roll === 1) return { body: rng.pick(["null", "[]", "1", '"x"', "{", '{"type":"url_verification","challenge":null}', '{"event":null}', '{"event":[]}', `${"[".repeat(5_000)}`]), json: true };
  if (roll === 2) {
    const whole = JSON.stringify(payload);
    const cut = whole.slice(0, rng.int(whole.length)).toWellFormed();
    return { body: kind === "event" ? cut : `payload=${encodeURIComponent(cut)}`, json: kind === "event" };
  }
  const mutated = mutate(rng, payload);
  if (kind === "form") return { body: new URLSearchParams(Object.fromEntries(Object.entries(mutated).map(([key, value]) => [key, typeof value === "string" ? value : JSON.stringify(value)]))).toString(), json: false };
  if (kind === "event") return { body: JSON.stringify(mutated), json: true };
  return { body: new URLSearchParams({ payload: JSON.stringify(mutated) }).toString(), json: false };
}

/** Records what the process would die of, for the suite's duration. */
function processFailures() {
  const failures: string[] = [];
  const onRejection = (reason: unknown) => failures.push(`unhandledRejection: ${reason instanceof Error ? reason.stack : String(reason)}`);
  const onException = (error: Error) => failures.push(`uncaughtException: ${error.stack}`);
  process.on("unhandledRejection", onRejection);
  process.on("uncaughtException", onException);
  return {
    failures,
    stop() {
      process.off("unhandledRejection", onRejection);
      process.off("uncaughtException", onException);
    },
  };
}

/** Log lines that show a database error caused by what a request carried. */
// PostgreSQL's codes for bad text (22P05, 22021) stand alone, never inside a log line's timestamp.
const databaseComplaints = (logs: string[]) => logs.filter((line) => /unsupported Unicode escape|invalid byte sequence|(?<!\d)(22P05|22021)(?!\d)|PrismaClient/i.test(line));

describe("fuzzed Slack requests (pglite)", () => {
  let app: TestApp;
  let socketApp: SocketTestApp;
  const watch = processFailures();
  let caseIds: string[] = [];

  beforeAll(async () => {
    app = await startTestApp("pglite");
    await app.running.deps.roles.setRole("U0NURSE01", "coordinator", "U0ADMIN001");
    caseIds = [(await fileCaseThroughSlack(app)).id, (await fileCaseThroughSlack(app, { category: "routine_request" })).id, "00000000-0000-4000-8000-000000000000"];
  });
  afterAll(async () => {
    watch.stop();
    app?.acceptRefusals();
    await app?.close();
    await socketApp?.close();
  });

  it(`answers ${HTTP_PAYLOADS} mutated signed HTTP requests (seed ${SEED.toString(16)}) with no 5xx, no crash and no unhandled rejection`, { timeout: 60_000 }, async () => {
    const rng = random(SEED);
    const next = corpus(caseIds, []);
    const requests = Array.from({ length: HTTP_PAYLOADS }, () => {
      const { kind, payload } = next(rng);
      return wireBody(rng, kind, payload);
    });
    const statuses = new Map<number, number>();
    let index = 0;
    const worker = async () => {
      while (index < requests.length) {
        const request = requests[index++]!;
        const response = await sendToSlackEndpoint(app.url, request.body, { json: request.json });
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      }
    };
    const started = Date.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const summary = Object.fromEntries([...statuses].sort(([a], [b]) => a - b));
    console.info(`fuzz (HTTP): ${HTTP_PAYLOADS} requests, seed 0x${SEED.toString(16)}, ${Date.now() - started} ms, statuses ${JSON.stringify(summary)}`);
    // Settle fire-and-forget work (outbox kicks, private replies) before counting failures.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(watch.failures).toEqual([]);
    expect([...statuses.keys()].filter((status) => status >= 500 || ![200, 400].includes(status)), JSON.stringify(summary)).toEqual([]);
    expect(databaseComplaints(app.logs).slice(0, 3)).toEqual([]);
    expect((await fetch(app.url.replace("/slack/events", "/readyz"))).status).toBe(200);
    // Cleaned at the boundary: what was typed is stored without its control characters.
    const notes = await app.running.deps.db.prisma.caseNote.findMany({ select: { body: true } });
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters is the point.
    expect(notes.filter((note) => /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/.test(note.body))).toEqual([]);
  });

  it(`acknowledges ${SOCKET_PAYLOADS} mutated envelopes over Socket Mode with no crash and no unhandled rejection`, { timeout: 60_000 }, async () => {
    socketApp = await startSocketTestApp("pglite");
    const rng = random(SEED + 1);
    const next = corpus(caseIds, []);
    const started = Date.now();
    let acked = 0;
    for (let batch = 0; batch < SOCKET_PAYLOADS; batch += CONCURRENCY) {
      await Promise.all(
        Array.from({ length: Math.min(CONCURRENCY, SOCKET_PAYLOADS - batch) }, async () => {
          const { kind, payload } = next(rng);
          const mutated = rng.int(10) === 0 ? (rng.pick([null, [], "x", 1, { event: null }, { actions: "x" }]) as unknown as Record<string, unknown>) : mutate(rng, payload);
          const reply = kind === "event" ? socketApp.socket.send("events_api", mutated) : kind === "form" ? socketApp.socket.send("slash_commands", mutated) : socketApp.interact(mutated);
          await reply.acked;
          acked++;
        }),
      );
    }
    console.info(`fuzz (Socket Mode): ${SOCKET_PAYLOADS} envelopes, seed 0x${(SEED + 1).toString(16)}, ${Date.now() - started} ms, ${acked} acknowledged`);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(acked).toBe(SOCKET_PAYLOADS);
    expect(watch.failures).toEqual([]);
    expect(databaseComplaints(socketApp.logs).slice(0, 3)).toEqual([]);
    expect(typeof (await socketApp.health())).toBe("object");
  });
});
