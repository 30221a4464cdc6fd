import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import {
  DIGEST_KINDS,
  DRAFT_SOURCES,
  type Metrics,
  MODEL_ERROR_CLASSES,
  oneOf,
  REQUEST_OUTCOMES,
  SLACK_REQUEST_TYPES,
  TEMPLATE_REASONS,
} from "../lib/metrics.ts";

// The one module that knows prom-client. Domains call the Metrics port (src/lib/metrics.ts); the
// composition root hands them this registry. Labels are fixed enumerations only (the outbox's
// kinds are the handlers' own names): a value outside its set is counted as "other".

const PREFIX = "patient_relations_";

/** Queued posts of one outbox kind, read at scrape time. */
export interface OutboxKindCounts {
  kind: string;
  waiting: number;
  failed: number;
  /** Age of the oldest waiting post, or null when none waits. */
  oldestWaitingSeconds: number | null;
}

export interface MetricsRegistryOptions {
  /** Every kind the outbox delivers (its handlers' keys): the only values of the `kind` label, with "other". Read at each scrape. */
  outboxKinds(): readonly string[];
  /** One query for the waiting and failed posts by kind; called once per scrape. */
  outboxByKind(): Promise<OutboxKindCounts[]>;
  /** When set, /metrics answers only `Authorization: Bearer <token>`. */
  token?: string | undefined;
  /** Node.js process metrics (CPU, memory, event loop, GC); on by default. */
  processMetrics?: boolean;
}

export interface MetricsRegistry extends Metrics {
  /** The Prometheus text exposition, with the outbox gauges read from the database first. */
  render(): Promise<{ contentType: string; body: string }>;
  /** Every metric with its label values, for checks. */
  snapshot(): ReturnType<Registry["getMetricsAsJSON"]>;
  /** Answers GET /metrics (401 without the bearer token when one is set); false for any other path. */
  answer(request: IncomingMessage, response: ServerResponse): Promise<boolean>;
  /** The allowed values of each label, by label name (for tests and documentation). */
  labelValues(): Readonly<Record<string, readonly string[]>>;
}

const SLACK_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10];
const MODEL_BUCKETS = [0.25, 0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300];

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The app's metrics registry: Slack requests, the outbox, drafts, the model, digests, reminders and the process. */
export function createMetricsRegistry(options: MetricsRegistryOptions): MetricsRegistry {
  const registry = new Registry();
  if (options.processMetrics !== false) collectDefaultMetrics({ register: registry });
  const outboxKinds = () => [...new Set([...options.outboxKinds(), "other"])].sort();
  const labelValues = () => ({
    type: SLACK_REQUEST_TYPES,
    outcome: REQUEST_OUTCOMES,
    source: DRAFT_SOURCES,
    reason: TEMPLATE_REASONS,
    error: MODEL_ERROR_CLASSES,
    digest: DIGEST_KINDS,
    kind: outboxKinds(),
  });

  const slackRequests = new Histogram({
    name: `${PREFIX}slack_request_duration_seconds`,
    help: "Time to handle a Slack request (listener and middleware, from Bolt's dispatch to the end), by request type and outcome.",
    labelNames: ["type", "outcome"] as const,
    buckets: SLACK_BUCKETS,
    registers: [registry],
  });
  const drafts = new Counter({
    name: `${PREFIX}letter_drafts_total`,
    help: "Letter drafts produced, by source (model or template) and why the template was used (none for a model draft).",
    labelNames: ["source", "reason"] as const,
    registers: [registry],
  });
  const modelLatency = new Histogram({
    name: `${PREFIX}model_request_duration_seconds`,
    help: "Time of one model draft call, the client's retries included, by outcome.",
    labelNames: ["outcome"] as const,
    buckets: MODEL_BUCKETS,
    registers: [registry],
  });
  const modelErrors = new Counter({
    name: `${PREFIX}model_errors_total`,
    help: "Model draft calls that failed (after the client's retries), by error class.",
    labelNames: ["error"] as const,
    registers: [registry],
  });
  const digests = new Counter({
    name: `${PREFIX}digests_posted_total`,
    help: "Scheduled digests queued for posting, once per slot across instances, by digest.",
    labelNames: ["digest"] as const,
    registers: [registry],
  });
  const reminders = new Counter({
    name: `${PREFIX}reminders_sent_total`,
    help: "Reminder messages queued (case thread lines and direct messages), once per case and deadline.",
    registers: [registry],
  });
  const outboxWaiting = new Gauge({ name: `${PREFIX}outbox_waiting`, help: "Posts waiting in the outbox (due or backing off), by kind.", labelNames: ["kind"] as const, registers: [registry] });
  const outboxFailed = new Gauge({ name: `${PREFIX}outbox_failed`, help: "Posts Slack refused for good (until an admin retries them), by kind.", labelNames: ["kind"] as const, registers: [registry] });
  const outboxOldest = new Gauge({
    name: `${PREFIX}outbox_oldest_waiting_seconds`,
    help: "Age of the oldest waiting post, by kind (0 when none waits).",
    labelNames: ["kind"] as const,
    registers: [registry],
  });
  const outboxRead = new Gauge({ name: `${PREFIX}outbox_read_ok`, help: "1 when the outbox gauges were read from the database at this scrape, 0 when the read failed.", registers: [registry] });

  /** Every kind is set at each scrape (zero when nothing waits), so a drained kind reads 0, not its last value. */
  async function readOutbox(): Promise<void> {
    try {
      const rows = await options.outboxByKind();
      const kinds = outboxKinds();
      const totals = new Map(kinds.map((kind) => [kind, { waiting: 0, failed: 0, oldest: 0 }]));
      for (const row of rows) {
        const total = totals.get(oneOf(kinds, row.kind, "other"))!;
        total.waiting += row.waiting;
        total.failed += row.failed;
        total.oldest = Math.max(total.oldest, row.oldestWaitingSeconds ?? 0);
      }
      for (const [kind, total] of totals) {
        outboxWaiting.set({ kind }, total.waiting);
        outboxFailed.set({ kind }, total.failed);
        outboxOldest.set({ kind }, total.oldest);
      }
      outboxRead.set(1);
    } catch {
      // Stale numbers would mislead: the gauges are dropped and the read flagged.
      outboxWaiting.reset();
      outboxFailed.reset();
      outboxOldest.reset();
      outboxRead.set(0);
    }
  }

  const metrics: Metrics = {
    slackRequest(type, outcome, seconds) {
      slackRequests.observe({ type: oneOf(SLACK_REQUEST_TYPES, type, "other"), outcome: oneOf(REQUEST_OUTCOMES, outcome, "error") }, Math.max(0, seconds));
    },
    letterDraft(source, reason) {
      const from = oneOf(DRAFT_SOURCES, source, "template");
      drafts.inc({ source: from, reason: from === "model" ? "none" : oneOf(TEMPLATE_REASONS, reason, "other") });
    },
    modelCall(seconds, error) {
      modelLatency.observe({ outcome: error ? "error" : "ok" }, Math.max(0, seconds));
      if (error) modelErrors.inc({ error: oneOf(MODEL_ERROR_CLASSES, error, "other") });
    },
    digestPosted(kind) {
      digests.inc({ digest: oneOf(DIGEST_KINDS, kind, "other") });
    },
    remindersSent(count) {
      if (Number.isFinite(count) && count > 0) reminders.inc(count);
    },
  };

  async function render() {
    await readOutbox();
    return { contentType: registry.contentType, body: await registry.metrics() };
  }

  return {
    ...metrics,
    labelValues,
    render,
    snapshot: () => registry.getMetricsAsJSON(),
    async answer(request, response) {
      const path = (request.url ?? "").split("?")[0];
      if (path !== "/metrics") return false;
      if (request.method !== "GET" && request.method !== "HEAD") {
        response.writeHead(405, { allow: "GET, HEAD" });
        response.end();
        return true;
      }
      if (options.token) {
        const header = request.headers.authorization ?? "";
        const given = header.startsWith("Bearer ") ? header.slice("Bearer ".length).trim() : "";
        if (!given || !sameToken(given, options.token)) {
          response.writeHead(401, { "content-type": "text/plain; charset=utf-8", "www-authenticate": 'Bearer realm="metrics"' });
          response.end("Unauthorized: send Authorization: Bearer <METRICS_TOKEN>.\n");
          return true;
        }
      }
      try {
        const { contentType, body } = await render();
        response.writeHead(200, { "content-type": contentType });
        response.end(request.method === "HEAD" ? undefined : body);
      } catch {
        response.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
        response.end("metrics could not be collected\n");
      }
      return true;
    },
  };
}
