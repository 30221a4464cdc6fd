import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { interactiveBody, sendToSlackEndpoint, sign, slashCommandBody, viewSubmissionPayload } from "../fakes/signed-requests.ts";
import { intakeViewState } from "../fixtures/intake.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";

// HTTP mode must refuse anything Slack did not sign, and refusing must have no side effects.
describe("HTTP request verification", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp("pglite");
  });
  afterAll(async () => {
    await app?.close();
  });

  const submission = () => interactiveBody(viewSubmissionPayload({ viewId: "V0FORGED01", values: intakeViewState() }));
  const now = () => Math.floor(Date.now() / 1000);

  it.each([
    ["unsigned", { unsigned: true }],
    ["signed with the wrong secret", { secret: "not-the-signing-secret" }],
    ["signed more than five minutes ago", { timestamp: now() - 6 * 60 }],
    ["signed more than five minutes in the future", { timestamp: now() + 6 * 60 }],
    ["signed a day in the future", { timestamp: now() + 24 * 3600 }],
    ["with a timestamp that is not a number", { timestamp: "soon" as unknown as number }],
    ["carrying a signature for another body", { signature: sign("payload=%7B%7D", now()) }],
    ["carrying a malformed signature", { signature: "v0=zz" }],
  ])("rejects a request %s with 401 and changes nothing", async (_title, options) => {
    // Bolt checks its token with auth.test on its own schedule; everything else counts as a side effect.
    const sideEffects = () => app.slack.calls.filter((call) => call.method !== "auth.test").length;
    const callsBefore = sideEffects();
    const view = await sendToSlackEndpoint(app.url, submission(), options);
    const command = await sendToSlackEndpoint(app.url, slashCommandBody({ text: "", responseUrl: `${app.slack.url}/x` }), options);
    expect(view.status).toBe(401);
    expect(command.status).toBe(401);
    // Give any stray listener time to act before checking that nothing happened.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sideEffects()).toBe(callsBefore);
    expect(await app.running.deps.db.prisma.case.count()).toBe(0);
  });

  it("accepts the same request when correctly signed (the control)", async () => {
    const response = await sendToSlackEndpoint(app.url, submission());
    expect(response.status).toBe(200);
    expect(await app.running.deps.db.prisma.case.count()).toBe(1);
  });

  it("accepts a request signed within five minutes either side of now (clock skew)", async () => {
    for (const timestamp of [now() + 4 * 60, now() - 4 * 60]) {
      const response = await sendToSlackEndpoint(app.url, slashCommandBody({ text: "help", responseUrl: `${app.slack.url}/x` }), { timestamp });
      expect(response.status).toBe(200);
    }
  });

  it.each([
    ["payload=null", "payload=null", false],
    ["payload=[]", "payload=%5B%5D", false],
    ["a payload that is a string", "payload=%22x%22", false],
    ["a payload that is not JSON", "payload=%7Bnot-json", false],
    ["JSON null", "null", true],
    ["JSON that is not an object", "42", true],
    ["a truncated JSON body", '{"type":"event_callback","event":', true],
    ["an event without a type", '{"type":"event_callback","event":"x"}', true],
    ["block actions that are not a list", `payload=${encodeURIComponent(JSON.stringify({ type: "block_actions", actions: "x", user: { id: "U1" } }))}`, false],
    ["a repeated form field", "command=%2Fcase&command=%2Fcase&text=&user_id=U1&trigger_id=t", false],
  ])("answers a validly signed body of %s with 400, and stays up", async (_title, body, json) => {
    const response = await sendToSlackEndpoint(app.url, body, { json });
    expect(response.status).toBe(400);
    expect((await fetch(app.url.replace("/slack/events", "/healthz"))).status).toBe(200);
  });

  it("acknowledges and ignores a well-formed payload no listener handles", async () => {
    const started = Date.now();
    const response = await sendToSlackEndpoint(app.url, `payload=${encodeURIComponent(JSON.stringify({ type: "block_actions", actions: [{ action_id: "not_ours", action_ts: "1.1" }], user: { id: "U0NURSE01" }, team: { id: "T0TEAM001" } }))}`);
    expect(response.status).toBe(200);
    // Acknowledged when Bolt is done with it, not when its three-second wait runs out.
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("answers health and readiness checks without a signature", async () => {
    const health = await fetch(app.url.replace("/slack/events", "/healthz"));
    expect(health.status).toBe(200);
    const ready = await fetch(app.url.replace("/slack/events", "/readyz"));
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true, database: "ok", migrations: "ok" });
  });

  it("logs one line per Slack request with its latency and outcome, and no content", () => {
    const lines = app.logs.filter((line) => line.includes('"msg":"slack request"')).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.length).toBeGreaterThan(0);
    const intake = lines.find((line) => line.target === "case_intake");
    expect(intake).toMatchObject({ type: "view_submission", target: "case_intake", user: "U0NURSE01", outcome: "ok" });
    expect(typeof intake!.ms).toBe("number");
    expect(JSON.stringify(lines)).not.toContain("Testpatient");
  });
});
