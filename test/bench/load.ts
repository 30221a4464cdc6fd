import { Agent, request } from "node:http";
import type { PreparedRequest } from "./requests.ts";
import { runPool } from "./stats.ts";

// A small closed-loop HTTP load generator: `concurrency` requests in flight over keep-alive
// connections; latency is from send to the last byte of the response (Slack's ack).

export interface LoadResult {
  latenciesMs: number[];
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

export async function runLoad(target: string, requests: PreparedRequest[], concurrency: number, check: AckCheck): Promise<LoadResult> {
  const url = new URL(target);
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const latenciesMs: number[] = [];
  let failures = 0;
  let firstFailure: string | null = null;
  const started = performance.now();
  try {
    await runPool(requests.length, concurrency, async (index) => {
      const sent = performance.now();
      try {
        const reply = await post(agent, url, requests[index]!);
        latenciesMs.push(performance.now() - sent);
        if (!check(reply.status, reply.body)) {
          failures += 1;
          firstFailure ??= `HTTP ${reply.status} ${reply.body.slice(0, 300)}`;
        }
      } catch (error) {
        failures += 1;
        firstFailure ??= String(error);
      }
    });
  } finally {
    agent.destroy();
  }
  return { latenciesMs, wallMs: performance.now() - started, failures, firstFailure };
}
