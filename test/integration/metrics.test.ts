import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTIONS, MORE_OPTIONS } from "../../src/slack/ids.ts";
import { blockActionPayload } from "../fakes/signed-requests.ts";
import { fileCaseThroughSlack } from "../support/case-flow.ts";
import { DATABASE_KINDS } from "../support/databases.ts";
import { startSocketTestApp } from "../support/socket-test-app.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";

const TOKEN = "metrics-token-0123456789abcdef";
const COORDINATOR = "U0COORDM01";
const ADMIN = "U0ADMIN001";

/** The value of one sample line, e.g. `name{a="b"} 3`, or undefined when the line is absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split("\n")) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const labelText = line.slice(name.length).match(/^\{(.*)\} /)?.[1] ?? "";
    const found = Object.fromEntries([...labelText.matchAll(/([a-z_]+)="([^"]*)"/g)].map((match) => [match[1], match[2]]));
    if (Object.entries(labels).every(([key, value]) => found[key] === value) && Object.keys(found).length === Object.keys(labels).length) return Number(line.split(" ").at(-1));
  }
  return undefined;
}

describe.each(DATABASE_KINDS)("GET /metrics on the Slack port in HTTP mode (%s)", (kind) => {
  let app: TestApp;
  let base: string;
  const scrape = async () => {
    const response = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    return response.text();
  };

  beforeAll(async () => {
    // No OPENAI_API_KEY: every draft is a template draft, "no model configured".
    app = await startTestApp(kind, { env: { METRICS_TOKEN: TOKEN } });
    base = app.url.replace(/\/slack\/events$/, "");
    await app.running.deps.roles.setRole(COORDINATOR, "coordinator", ADMIN);
  });
  afterAll(async () => {
    await app?.close();
  });

  it("refuses a scrape without the bearer token, or with another", async () => {
    const bare = await fetch(`${base}/metrics`);
    expect(bare.status).toBe(401);
    expect(bare.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(await bare.text()).not.toContain("patient_relations_");
    expect((await fetch(`${base}/metrics`, { headers: { authorization: "Bearer not-the-token-at-all-0000" } })).status).toBe(401);
    // The health routes stay open on the same port.
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it("records Slack request latency by type, the outbox by kind, and a template draft without a model", async () => {
    await app.slash("help", { userId: COORDINATOR });
    const filed = await fileCaseThroughSlack(app, { category: "quality" });
    await app.running.deps.caseActions.addNote(filed.id, filed.ownerId!, "step", "We reviewed the triage log.");
    await app.interact(blockActionPayload({ actionId: ACTIONS.more, selectedOptionValue: JSON.stringify({ c: filed.id, o: MORE_OPTIONS.draftLetter }), userId: filed.ownerId! }));
    const prisma = app.running.deps.db.prisma;
    await expect.poll(async () => (await prisma.letter.findFirst({ where: { caseId: filed.id } }))?.currentVersion ?? 0, { timeout: 15_000 }).toBe(1);

    const text = await scrape();
    expect(sample(text, "patient_relations_slack_request_duration_seconds_count", { type: "command", outcome: "ok" })).toBeGreaterThanOrEqual(1);
    expect(sample(text, "patient_relations_slack_request_duration_seconds_count", { type: "view_submission", outcome: "ok" })).toBeGreaterThanOrEqual(1);
    expect(sample(text, "patient_relations_slack_request_duration_seconds_count", { type: "action", outcome: "ok" })).toBeGreaterThanOrEqual(1);
    expect(sample(text, "patient_relations_slack_request_duration_seconds_sum", { type: "command", outcome: "ok" })).toBeGreaterThan(0);
    expect(sample(text, "patient_relations_letter_drafts_total", { source: "template", reason: "no_model_configured" })).toBe(1);
    expect(text).not.toMatch(/patient_relations_letter_drafts_total\{source="model"/);
    // Every outbox kind the app delivers is there, computed from the database at this scrape.
    for (const kind of ["case_card", "letter_draft", "channel_message"]) {
      expect(sample(text, "patient_relations_outbox_waiting", { kind }), kind).toBeGreaterThanOrEqual(0);
      expect(sample(text, "patient_relations_outbox_failed", { kind }), kind).toBeGreaterThanOrEqual(0);
      expect(sample(text, "patient_relations_outbox_oldest_waiting_seconds", { kind }), kind).toBeGreaterThanOrEqual(0);
    }
    expect(sample(text, "patient_relations_outbox_read_ok")).toBe(1);
    expect(text).toContain("process_resident_memory_bytes");
    // Nothing about the case, the people or the channel is in a label.
    for (const forbidden of [filed.number, filed.id, COORDINATOR, filed.ownerId!, "C0CASES001", "U0NURSE01"]) expect(text).not.toContain(forbidden);
  });

  it("counts a failed post under its kind until it is retried", async () => {
    const prisma = app.running.deps.db.prisma;
    await prisma.outboxMessage.create({ data: { kind: "channel_message", dedupeKey: `metrics-test:${kind}`, payload: { channel: "C0CASES001" }, status: "failed", lane: "channel", lastError: "channel_not_found" } });
    const text = await scrape();
    expect(sample(text, "patient_relations_outbox_failed", { kind: "channel_message" })).toBe(1);
  });
});

describe("GET /metrics on the health server in Socket Mode", () => {
  it("is served beside /healthz, behind the same token", async () => {
    const app = await startSocketTestApp("pglite", { env: { METRICS_TOKEN: TOKEN } });
    try {
      await app.slash("help", { userId: COORDINATOR }).acked;
      expect((await fetch(`${app.healthUrl}/metrics`)).status).toBe(401);
      const response = await fetch(`${app.healthUrl}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(response.status).toBe(200);
      const text = await response.text();
      await expect.poll(async () => sample(await (await fetch(`${app.healthUrl}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).text(), "patient_relations_slack_request_duration_seconds_count", { type: "command", outcome: "ok" })).toBeGreaterThanOrEqual(1);
      expect(text).toContain("# TYPE patient_relations_outbox_waiting gauge");
    } finally {
      await app.close();
    }
  });
});
