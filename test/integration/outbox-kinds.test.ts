import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OUTBOX_KIND_LANES } from "../../src/outbox/outbox-lanes.ts";
import { OUTBOX_KINDS } from "../../src/cases/case-updates.ts";
import { LETTER_OUTBOX } from "../../src/letters/letter-outbox.ts";
import { CHANNEL_MESSAGE_OUTBOX } from "../../src/outbox/channel-message.ts";
import { DELIVERY_ALERT_OUTBOX } from "../../src/outbox/delivery-alerts.ts";
import { joinOutboxHandlers } from "../../src/outbox/outbox-handlers.ts";
import { ROUTING_OUTBOX } from "../../src/routing/routing-outbox.ts";
import { SURVEY_OUTBOX } from "../../src/surveys/survey-outbox.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";

// Every kind of after-commit work a domain queues has exactly one handler in the running app.

const DECLARED = [...Object.values(OUTBOX_KINDS), ...Object.values(ROUTING_OUTBOX), ...Object.values(LETTER_OUTBOX), ...Object.values(SURVEY_OUTBOX), CHANNEL_MESSAGE_OUTBOX, DELIVERY_ALERT_OUTBOX];

describe("outbox kinds", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp("pglite");
  });
  afterAll(async () => {
    await app?.close();
  });

  it("are unique across the domains that declare them", () => {
    expect(new Set(DECLARED).size).toBe(DECLARED.length);
  });

  it("each have a handler in the running app, and nothing else does", () => {
    expect(app.running.deps.outbox.kinds().sort()).toEqual([...DECLARED].sort());
  });

  it("each have a lane in the lane table, and the table names no other kind", () => {
    expect(Object.keys(OUTBOX_KIND_LANES).sort()).toEqual([...DECLARED].sort());
    for (const { lane } of Object.values(OUTBOX_KIND_LANES)) expect(Object.keys(app.running.deps.outbox.lanes())).toContain(lane);
  });

  it("cannot be claimed by two domains", () => {
    const handler = async () => {};
    expect(() => joinOutboxHandlers({ [OUTBOX_KINDS.caseCard]: handler }, { [OUTBOX_KINDS.caseCard]: handler })).toThrow(/two handlers/);
  });
});
