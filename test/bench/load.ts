import { Agent, request } from "node:http";
import type { PreparedRequest } from "./requests.ts";
import { runPool } from "./stats.ts";

// A small HTTP load generator over keep-alive connections. Latency is from send to the last byte
// of the response (Slack's ack).
//   closed loop: `concurrency` requests in flight; a new one leaves as soon as one is answered,
//                so the server runs flat out and latency measures its work per request;
//   open loop:   requests leave at a fixed rate whatever the answers, as users' clicks do, so
//                latency measures how long one waits at that load. Timed from the scheduled send,
//                so a stalled server cannot hide its stall by delaying the next request.

export type LoadShape = { kind: "closed"; concurrency: number } | { kind: "open"; perSecond: number };

export interface LoadResult {
  latenciesMs: number[];
  /** Epoch ms at which each request (by index) was due to be sent; NaN when it was never sent. */
  sentAt: number[];
  wallMs: number;
  failures: number;
  firstFailure: string | null;
}

/** What counts as a correct ack: status and body. */
export type AckCheck = (status: number, body: string) => boolean;

interface Reply {
  status: number;
  body: string;
}

const OPEN_LOOP_SOCKETS = 256;

const epochNow = () => performance.timeOrigin + performance.now();

function post(agent: Agent, url: URL, prepared: PreparedRequest): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "POST", agent, headers: prepared.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.setTimeout(30_000, () => req.destroy(new Error("request timed out after 30 s")));
    req.on("error", reject);
    req.end(prepared.body);
  });
}

export async function runLoad(target: string, requests: PreparedRequest[], shape: LoadShape, check: AckCheck): Promise<LoadResult> {
  const url = new URL(target);
  const agent = new Agent({ keepAlive: true, maxSockets: shape.kind === "closed" ? shape.concurrency : OPEN_LOOP_SOCKETS });
  const latenciesMs: number[] = [];
  const sentAt = requests.map(() => Number.NaN);
  let failures = 0;
  let firstFailure: string | null = null;

  const send = async (index: number, dueAt: number) => {
    sentAt[index] = dueAt;
    try {
      const reply = await post(agent, url, requests[index]!);
      latenciesMs.push(epochNow() - dueAt);
      if (!check(reply.status, reply.body)) {
        failures += 1;
        firstFailure ??= `HTTP ${reply.status} ${reply.body.slice(0, 300)}`;
      }
    } catch (error) {
      failures += 1;
      firstFailure ??= String(error);
    }
  };

  const started = performance.now();
  try {
    if (shape.kind === "closed") {
      await runPool(requests.length, shape.concurrency, (index) => send(index, epochNow()));
    } else {
      const start = epochNow();
      const intervalMs = 1000 / shape.perSecond;
      const inFlight: Promise<void>[] = [];
      for (let index = 0; index < requests.length; index += 1) {
        const dueAt = start + index * intervalMs;
        const wait = dueAt - epochNow();
        if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
        inFlight.push(send(index, dueAt));
      }
      await Promise.all(inFlight);
    }
  } finally {
    agent.destroy();
  }
  return { latenciesMs, sentAt, wallMs: performance.now() - started, failures, firstFailure };
}
