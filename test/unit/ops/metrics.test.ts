import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { templateReasonOf } from "../../../src/lib/metrics.ts";
import { createMetricsRegistry, type OutboxKindCounts } from "../../../src/ops/metrics.ts";

const KINDS = ["case_card", "direct_message", "draft_letter"];

function registry(options: { rows?: () => Promise<OutboxKindCounts[]>; token?: string } = {}) {
  return createMetricsRegistry({
    outboxKinds: () => KINDS,
    outboxByKind: options.rows ?? (async () => []),
    token: options.token,
    processMetrics: false,
  });
}

/** Every sample line of the text format, as name, labels and value. */
function samples(text: string): { name: string; labels: Record<string, string>; value: number }[] {
  return text
    .split("\n")
    .filter((line) => line && !line.startsWith("#"))
    .map((line) => {
      const match = line.match(/^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/);
      if (!match) throw new Error(`not a Prometheus sample line: ${line}`);
      const labels: Record<string, string> = {};
      for (const pair of (match[2] ?? "").match(/[a-z_]+="[^"]*"/g) ?? []) {
        const [key, value] = pair.split("=");
        labels[key!] = value!.slice(1, -1);
      }
      return { name: match[1]!, labels, value: Number(match[3]) };
    });
}

describe("the metrics registry", () => {
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
  });

  it("renders the Prometheus text format with help and type lines for every metric", async () => {
    const metrics = registry();
    metrics.slackRequest("command", "ok", 0.012);
    metrics.letterDraft("template", "no_model_configured");
    metrics.modelCall(1.5);
    metrics.modelCall(30, "timeout");
    metrics.digestPosted("escalation");
    metrics.remindersSent(3);
    const { contentType, body } = await metrics.render();
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    for (const [name, type] of [
      ["patient_relations_slack_request_duration_seconds", "histogram"],
      ["patient_relations_letter_drafts_total", "counter"],
      ["patient_relations_model_request_duration_seconds", "histogram"],
      ["patient_relations_model_errors_total", "counter"],
      ["patient_relations_digests_posted_total", "counter"],
      ["patient_relations_reminders_sent_total", "counter"],
      ["patient_relations_outbox_waiting", "gauge"],
      ["patient_relations_outbox_failed", "gauge"],
      ["patient_relations_outbox_oldest_waiting_seconds", "gauge"],
    ]) {
      expect(body).toContain(`# TYPE ${name} ${type}`);
      expect(body).toContain(`# HELP ${name} `);
    }
    const all = samples(body);
    expect(all).toContainEqual({ name: "patient_relations_slack_request_duration_seconds_count", labels: { type: "command", outcome: "ok" }, value: 1 });
    expect(all).toContainEqual({ name: "patient_relations_slack_request_duration_seconds_bucket", labels: { le: "0.025", type: "command", outcome: "ok" }, value: 1 });
    expect(all).toContainEqual({ name: "patient_relations_letter_drafts_total", labels: { source: "template", reason: "no_model_configured" }, value: 1 });
    expect(all).toContainEqual({ name: "patient_relations_model_errors_total", labels: { error: "timeout" }, value: 1 });
    expect(all).toContainEqual({ name: "patient_relations_model_request_duration_seconds_count", labels: { outcome: "error" }, value: 1 });
    expect(all).toContainEqual({ name: "patient_relations_digests_posted_total", labels: { digest: "escalation" }, value: 1 });
    expect(all).toContainEqual({ name: "patient_relations_reminders_sent_total", labels: {}, value: 3 });
  });

  it("reads the outbox gauges at scrape time, every kind present, unknown kinds as other", async () => {
    let rows: OutboxKindCounts[] = [
      { kind: "case_card", waiting: 2, failed: 1, oldestWaitingSeconds: 40 },
      { kind: "direct_message", waiting: 0, failed: 3, oldestWaitingSeconds: null },
      { kind: "a_kind_from_a_newer_release", waiting: 5, failed: 0, oldestWaitingSeconds: 9 },
    ];
    const metrics = registry({ rows: async () => rows });
    const gauge = (all: ReturnType<typeof samples>, name: string, kind: string) => all.find((sample) => sample.name === name && sample.labels.kind === kind)?.value;
    let all = samples((await metrics.render()).body);
    expect(gauge(all, "patient_relations_outbox_waiting", "case_card")).toBe(2);
    expect(gauge(all, "patient_relations_outbox_failed", "case_card")).toBe(1);
    expect(gauge(all, "patient_relations_outbox_oldest_waiting_seconds", "case_card")).toBe(40);
    expect(gauge(all, "patient_relations_outbox_failed", "direct_message")).toBe(3);
    expect(gauge(all, "patient_relations_outbox_waiting", "draft_letter")).toBe(0);
    expect(gauge(all, "patient_relations_outbox_waiting", "other")).toBe(5);
    expect(all.some((sample) => sample.labels.kind === "a_kind_from_a_newer_release")).toBe(false);
    // Drained since the last scrape: zero, not the old value.
    rows = [];
    all = samples((await metrics.render()).body);
    expect(gauge(all, "patient_relations_outbox_waiting", "case_card")).toBe(0);
    expect(all.find((sample) => sample.name === "patient_relations_outbox_read_ok")?.value).toBe(1);
  });

  it("drops the outbox gauges and says so when the database read fails", async () => {
    let fail = false;
    const metrics = registry({
      rows: async () => {
        if (fail) throw new Error("database down");
        return [{ kind: "case_card", waiting: 7, failed: 0, oldestWaitingSeconds: 1 }];
      },
    });
    await metrics.render();
    fail = true;
    const all = samples((await metrics.render()).body);
    expect(all.filter((sample) => sample.name === "patient_relations_outbox_waiting")).toEqual([]);
    expect(all.find((sample) => sample.name === "patient_relations_outbox_read_ok")?.value).toBe(0);
  });

  it("keeps every label value inside its fixed set, whatever a caller passes at run time", async () => {
    const metrics = registry({ rows: async () => [{ kind: "PR-2026-0042", waiting: 1, failed: 0, oldestWaitingSeconds: 1 }] });
    const untyped = metrics as unknown as Record<string, (...args: unknown[]) => void>;
    // Values a careless caller might pass: a case number, a user id, a channel id, free text.
    untyped.slackRequest!("U0ADMIN001", "C0CASES001", 0.1);
    untyped.letterDraft!("Ana Ruiz", "the patient said she fell");
    untyped.letterDraft!("model", "PR-2026-0042");
    untyped.modelCall!(2, "http_503 for PR-2026-0042");
    untyped.digestPosted!("C0DIGEST01");
    metrics.slackRequest("view_submission", "ok", 0.2);
    metrics.letterDraft("template", "model_error");
    metrics.modelCall(1, "http_5xx");
    await metrics.render();
    const allowed = metrics.labelValues();
    const snapshot = await metrics.snapshot();
    let checked = 0;
    for (const metric of snapshot) {
      if (!metric.name.startsWith("patient_relations_")) continue;
      for (const value of metric.values) {
        for (const [label, labelValue] of Object.entries(value.labels)) {
          if (label === "le") continue;
          expect(allowed[label], `label ${label} of ${metric.name}`).toBeDefined();
          expect(allowed[label], `${metric.name}{${label}="${labelValue}"}`).toContain(String(labelValue));
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(20);
    const text = (await metrics.render()).body;
    for (const forbidden of ["U0ADMIN001", "C0CASES001", "Ana Ruiz", "PR-2026", "fell", "C0DIGEST01"]) expect(text).not.toContain(forbidden);
    expect(samples(text)).toContainEqual({ name: "patient_relations_letter_drafts_total", labels: { source: "model", reason: "none" }, value: 1 });
    expect(samples(text)).toContainEqual({ name: "patient_relations_model_errors_total", labels: { error: "other" }, value: 1 });
  });

  it("maps the template's recorded reasons to their labels", () => {
    expect(templateReasonOf("no_llm_configured")).toBe("no_model_configured");
    expect(templateReasonOf("timeout")).toBe("timeout");
    expect(templateReasonOf("rate_limited")).toBe("rate_limited");
    expect(templateReasonOf("refused")).toBe("refused");
    expect(templateReasonOf("malformed_output")).toBe("malformed_output");
    expect(templateReasonOf("http_500")).toBe("model_error");
    expect(templateReasonOf("connection_error")).toBe("model_error");
    expect(templateReasonOf("something new")).toBe("other");
    expect(templateReasonOf(undefined)).toBe("other");
  });

  it("serves /metrics, and only with the bearer token when one is set", async () => {
    const metrics = registry({ token: "s3cret-token-0123456789" });
    const server = createServer((request, response) => {
      void metrics.answer(request, response).then((handled) => {
        if (!handled) {
          response.writeHead(404);
          response.end();
        }
      });
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    expect((await fetch(`${base}/metrics`, { headers: { authorization: "Bearer wrong-token-0123456789" } })).status).toBe(401);
    expect((await fetch(`${base}/metrics`, { headers: { authorization: "Basic czNjcmV0" } })).status).toBe(401);
    const ok = await fetch(`${base}/metrics`, { headers: { authorization: "Bearer s3cret-token-0123456789" } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain("# TYPE patient_relations_outbox_waiting gauge");
    expect((await fetch(`${base}/metrics`, { method: "POST", headers: { authorization: "Bearer s3cret-token-0123456789" } })).status).toBe(405);
    expect((await fetch(`${base}/elsewhere`)).status).toBe(404);
  });

  it("includes the process metrics by default", async () => {
    const metrics = createMetricsRegistry({ outboxKinds: () => KINDS, outboxByKind: async () => [] });
    const { body } = await metrics.render();
    expect(body).toContain("process_cpu_user_seconds_total");
    expect(body).toContain("nodejs_heap_size_used_bytes");
  });
});
