import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { type FakeSlack, startFakeSlack } from "../fakes/fake-slack.ts";

// The fake Slack Web API in a process of its own, so that answering the app's Web API calls
// (views.open, case cards, confirmations) never delays the load generator's clock.
// Run as a child: answers {type:"tally"} with call counts, {type:"completions"} with when each
// request's follow-up call arrived, and {type:"stop"} by closing.

export interface SlackTally {
  calls: Record<string, number>;
  /** Case cards: top-level chat.postMessage calls to the case channel. */
  cards: number;
}

/** When each request's work reached Slack: the form opened (by trigger_id), the filed case shown (by view id). */
// The filed case shows its number in bold; a form handed back (saving slow or failed) does not count.
const SHOWS_CASE_NUMBER = /\*PR-\d{4}-\d{4,}\*/;

export type Completions = Record<string, number>;

type SlackMessage =
  | { type: "ready"; url: string; apiUrl: string }
  | { type: "tally"; tally: SlackTally }
  | { type: "completions"; completions: Completions }
  | { type: "stopped" };

function tallyOf(slack: FakeSlack, caseChannel: string): SlackTally {
  const calls: Record<string, number> = {};
  let cards = 0;
  for (const call of slack.calls) {
    const method = call.method.startsWith("response_url") ? "response_url" : call.method;
    calls[method] = (calls[method] ?? 0) + 1;
    if (call.method === "chat.postMessage" && call.body.channel === caseChannel && !call.body.thread_ts) cards += 1;
  }
  return { calls, cards };
}

function completionsOf(slack: FakeSlack): Completions {
  const completions: Completions = {};
  for (const call of slack.calls) {
    const filed = call.method === "views.update" && SHOWS_CASE_NUMBER.test(JSON.stringify(call.body.view));
    const key = call.method === "views.open" ? call.body.trigger_id : filed ? call.body.view_id : undefined;
    if (typeof key === "string") completions[key] ??= call.at;
  }
  return completions;
}

async function child(): Promise<void> {
  const slack = await startFakeSlack();
  const caseChannel = process.env.BENCH_CASE_CHANNEL ?? "";
  const send = (message: SlackMessage) => process.send?.(message);
  process.on("message", (message: { type: string }) => {
    if (message.type === "tally") send({ type: "tally", tally: tallyOf(slack, caseChannel) });
    if (message.type === "completions") send({ type: "completions", completions: completionsOf(slack) });
    if (message.type === "stop") void slack.close().then(() => {
      send({ type: "stopped" });
      process.disconnect();
    });
  });
  send({ type: "ready", url: slack.url, apiUrl: slack.apiUrl });
}

export interface SlackProcess {
  url: string;
  apiUrl: string;
  tally(): Promise<SlackTally>;
  completions(): Promise<Completions>;
  close(): Promise<void>;
}

/** Forks this file as the fake Slack and waits until it listens; `caseChannel` is where case cards go. */
export async function startSlackProcess(caseChannel: string): Promise<SlackProcess> {
  const env = { ...process.env, BENCH_FAKE_SLACK: "1", BENCH_CASE_CHANNEL: caseChannel };
  const proc = fork(fileURLToPath(import.meta.url), [], { env, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const next = <T extends SlackMessage["type"]>(type: T) =>
    new Promise<Extract<SlackMessage, { type: T }>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`fake Slack did not answer "${type}"`)), 15_000);
      const onMessage = (message: SlackMessage) => {
        if (message.type !== type) return;
        clearTimeout(timer);
        proc.off("message", onMessage);
        resolve(message as Extract<SlackMessage, { type: T }>);
      };
      proc.on("message", onMessage);
    });
  const ready = await next("ready");
  return {
    url: ready.url,
    apiUrl: ready.apiUrl,
    async tally() {
      proc.send({ type: "tally" });
      return (await next("tally")).tally;
    },
    async completions() {
      proc.send({ type: "completions" });
      return (await next("completions")).completions;
    },
    async close() {
      if (proc.exitCode !== null) return;
      proc.send({ type: "stop" });
      await next("stopped").catch(() => {});
      if (proc.exitCode === null && proc.signalCode === null) proc.kill("SIGKILL");
    },
  };
}

if (process.env.BENCH_FAKE_SLACK === "1" && process.send) {
  child().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
