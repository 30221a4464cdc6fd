import { monitorEventLoopDelay } from "node:perf_hooks";
import { App, HTTPReceiver, LogLevel } from "@slack/bolt";
import { buildApp } from "../../src/app.ts";
import { DEFAULT_DEPARTMENTS } from "../../src/cases/taxonomy.ts";
import { caseIntakeModal } from "../../src/slack/blocks/case-intake.modal.ts";
import { encodeIntakeMetadata } from "../../src/slack/forms/case-intake.form.ts";
import { COMMANDS, VIEWS } from "../../src/slack/ids.ts";
import { createLogger } from "../../src/lib/logger.ts";
import { SIGNING_SECRET } from "../fakes/signed-requests.ts";
import { benchEnv } from "./app-env.ts";
import { countingLogSink, type LogTally } from "./log-sink.ts";

// Child process under test, forked by servers.ts so that the load generator, the fake Slack and
// the server do not share an event loop, and so that RSS is the server's alone.
//   BENCH_SERVER=app   the real app (buildApp + start), on PGlite (in BENCH_DATA_DIR, else in memory) or on BENCH_DATABASE_URL
//   BENCH_SERVER=floor a bare Bolt App on an HTTPReceiver whose listeners only ack()
//   BENCH_SERVER=floor-views the same, except that /case then opens the same intake form with
//                      views.open: the libraries' own cost of what the app does for /case
// Messages to the parent: {type:"ready", port, startupMs}; answers "rss" and "log"; {type:"stopped", log} after "stop".

export type ServerKind = "app" | "floor" | "floor-views";

/** How long the server's event loop was held up, from ready to the "log" request. */
export interface EventLoopDelay {
  p99Ms: number;
  maxMs: number;
}

export type ServerMessage =
  | { type: "ready"; port: number; startupMs: number }
  | { type: "rss"; rss: number }
  | { type: "log"; log: LogTally; eventLoop: EventLoopDelay }
  | { type: "stopped"; log: LogTally }
  | { type: "failed"; error: string };

interface Started {
  port: number;
  stop(): Promise<void>;
}

async function startApp(slackApiUrl: string, databaseUrl: string | undefined, sink: NodeJS.WritableStream): Promise<Started> {
  const dataDir = process.env.BENCH_DATA_DIR;
  const running = await buildApp(benchEnv({ slackApiUrl, databaseUrl, ...(dataDir ? { extra: { DATA_DIR: dataDir } } : {}) }), { logger: createLogger("info", sink) });
  const port = await running.start(0);
  if (port === null) throw new Error("the app did not start in HTTP mode");
  return { port, stop: () => running.stop() };
}

async function startFloor(slackApiUrl: string, opensForm: boolean): Promise<Started> {
  const receiver = new HTTPReceiver({ signingSecret: SIGNING_SECRET, logLevel: LogLevel.ERROR });
  const app = new App({
    token: "xoxb-bench-token",
    receiver,
    deferInitialization: true,
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl },
  });
  app.command(COMMANDS.case, async ({ ack, command, client }) => {
    await ack();
    if (!opensForm || command.text.trim() !== "") return;
    const privateMetadata = encodeIntakeMetadata({ originChannelId: command.channel_id });
    await client.views.open({ trigger_id: command.trigger_id, view: caseIntakeModal({ departments: DEFAULT_DEPARTMENTS, now: new Date(), privateMetadata }) });
  });
  app.view(VIEWS.caseIntake, async ({ ack }) => {
    await ack();
  });
  await app.init();
  const server = (await app.start(0)) as import("node:http").Server;
  const address = server.address();
  if (!address || typeof address !== "object") throw new Error("the floor app has no port");
  return { port: address.port, stop: () => app.stop() as Promise<void> };
}

function send(message: ServerMessage): void {
  process.send?.(message);
}

async function main(): Promise<void> {
  const kind = process.env.BENCH_SERVER as ServerKind;
  const slackApiUrl = process.env.BENCH_SLACK_API_URL ?? "";
  const databaseUrl = process.env.BENCH_DATABASE_URL || undefined;
  const { sink, tally } = countingLogSink();

  const started = performance.now();
  const server = kind === "app" ? await startApp(slackApiUrl, databaseUrl, sink) : await startFloor(slackApiUrl, kind === "floor-views");
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  send({ type: "ready", port: server.port, startupMs: performance.now() - started });

  process.on("message", (message: { type: string }) => {
    if (message.type === "rss") send({ type: "rss", rss: process.memoryUsage.rss() });
    if (message.type === "log") send({ type: "log", log: tally, eventLoop: { p99Ms: delay.percentile(99) / 1e6, maxMs: delay.max / 1e6 } });
    if (message.type === "stop") {
      // Exit once the parent has the message: a clean exit also lets `--cpu-prof` write its profile.
      void server.stop().finally(() => process.send?.({ type: "stopped", log: tally }, () => process.exit(0)));
    }
  });
}

main().catch((error: unknown) => {
  send({ type: "failed", error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exitCode = 1;
  process.disconnect?.();
});
