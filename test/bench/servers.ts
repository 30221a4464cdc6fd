import { type ChildProcess, fork } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { LogTally } from "./log-sink.ts";
import type { EventLoopDelay, ServerKind, ServerMessage } from "./server.ts";

// Parent side of server.ts: forks a server, waits until it is ready, reads its RSS, stops it.

const SERVER_SCRIPT = fileURLToPath(new URL("./server.ts", import.meta.url));
const READY_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 30_000;

export interface StopResult {
  log: LogTally | null;
  eventLoop: EventLoopDelay | null;
  timedOut: boolean;
}

export interface ServerProcess {
  kind: ServerKind;
  pid: number;
  url: string;
  /** From the buildApp call (or the bare App's constructor) to start() resolving, measured in the child. */
  startupMs: number;
  rss(): Promise<number>;
  /** Graceful stop (the app finishes the outbox drain under way); killed after `graceMs` (default 30 s). */
  stop(graceMs?: number): Promise<StopResult>;
}

function nextMessage<T extends ServerMessage["type"]>(child: ChildProcess, type: T, timeoutMs: number): Promise<Extract<ServerMessage, { type: T }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(`server did not answer "${type}" within ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (message: ServerMessage) => {
      if (message.type === type) finish(null, message as Extract<ServerMessage, { type: T }>);
      else if (message.type === "failed") finish(new Error(`server failed:\n${message.error}`));
    };
    const onExit = (code: number | null) => finish(new Error(`server exited (code ${code}) before "${type}"`));
    function finish(error: Error | null, message?: Extract<ServerMessage, { type: T }>) {
      clearTimeout(timer);
      child.off("message", onMessage);
      child.off("exit", onExit);
      if (error) reject(error);
      else resolve(message!);
    }
    child.on("message", onMessage);
    child.on("exit", onExit);
  });
}

/** VmRSS from /proc (Linux): read without disturbing the server's event loop. */
function procRss(pid: number): number | null {
  try {
    const kib = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kib ? Number(kib) * 1024 : null;
  } catch {
    return null;
  }
}

export async function startServer(kind: ServerKind, options: { slackApiUrl: string; databaseUrl?: string | undefined; dataDir?: string | undefined }): Promise<ServerProcess> {
  const child = fork(SERVER_SCRIPT, [], {
    env: { ...process.env, BENCH_SERVER: kind, BENCH_SLACK_API_URL: options.slackApiUrl, BENCH_DATABASE_URL: options.databaseUrl ?? "", BENCH_DATA_DIR: options.dataDir ?? "" },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let ready: Extract<ServerMessage, { type: "ready" }>;
  try {
    ready = await nextMessage(child, "ready", READY_TIMEOUT_MS);
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
  const pid = child.pid!;
  return {
    kind,
    pid,
    url: `http://127.0.0.1:${ready.port}/slack/events`,
    startupMs: ready.startupMs,
    async rss() {
      const fromProc = procRss(pid);
      if (fromProc !== null) return fromProc;
      child.send({ type: "rss" });
      return (await nextMessage(child, "rss", 5_000)).rss;
    },
    async stop(graceMs = STOP_TIMEOUT_MS) {
      if (child.exitCode !== null) return { log: null, eventLoop: null, timedOut: false };
      child.send({ type: "log" });
      const { log, eventLoop } = await nextMessage(child, "log", 5_000).catch(() => ({ log: null, eventLoop: null }));
      child.send({ type: "stop" });
      try {
        await nextMessage(child, "stopped", graceMs);
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
        return { log, eventLoop, timedOut: false };
      } catch {
        return { log, eventLoop, timedOut: true };
      } finally {
        if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      }
    },
  };
}

/** Samples a server's RSS every `everyMs` until stopped; keeps the peak. */
export function sampleRss(server: ServerProcess, everyMs = 100): { stop(): Promise<{ peak: number; samples: number }> } {
  let peak = 0;
  let samples = 0;
  let pending: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    pending = server.rss().then(
      (rss) => {
        peak = Math.max(peak, rss);
        samples += 1;
      },
      () => {},
    );
  }, everyMs);
  return {
    async stop() {
      clearInterval(timer);
      await pending;
      return { peak, samples };
    },
  };
}
