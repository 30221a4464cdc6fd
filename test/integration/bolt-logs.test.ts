import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blockActionPayload } from "../fakes/signed-requests.ts";
import { startSocketTestApp, type SocketTestApp } from "../support/socket-test-app.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";

// Bolt's own log lines (unhandled requests, events it cannot type, ack warnings) come through the
// adapter src/slack/bolt-logger.ts. Requests carrying a patient's name and MRN are sent through the
// real receivers, HTTP and Socket Mode, with LOG_LEVEL=debug: Bolt's warnings reach the log, and no
// log line carries any of the patient text.

const PATIENT = "Maria Testpatient";
const MRN = "MRN 7730021";
const MARKERS = ["Testpatient", "7730021"];

/** A payload no listener handles, with patient text where a body would hold it. */
const unhandledAction = () => ({ ...blockActionPayload({ actionId: "not_ours", value: `${PATIENT} ${MRN}`, userId: "U0NURSE01" }), message: { type: "message", ts: "1700000000.000001", text: `${PATIENT} ${MRN}` } });
/** A payload whose type Bolt cannot determine: Bolt warns and calls no listener. */
const untyped = () => ({ type: "patient_note", user: { id: "U0NURSE01" }, team: { id: "T0TEAM001" }, note: `${PATIENT} ${MRN}` });

type LogLine = { level: number; msg: string; component?: string };
const boltLines = (logs: readonly string[]) => logs.map((line) => JSON.parse(line) as LogLine).filter((line) => line.component === "bolt");

function expectNoPatientText(logs: readonly string[]) {
  expect(logs.length).toBeGreaterThan(0);
  for (const line of logs) for (const marker of MARKERS) expect(line).not.toContain(marker);
}

describe("Bolt's log lines over HTTP", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp("pglite", { env: { LOG_LEVEL: "debug" } });
    expect(app.running.deps.logger.level).toBe("debug");
  });
  afterAll(async () => {
    await app?.close();
  });

  it("logs Bolt's warnings about requests it cannot handle without their content", async () => {
    expect((await app.interact(unhandledAction())).status).toBe(200);
    expect((await app.interact(untyped())).status).toBe(200);
    // A request Bolt has no route for: Bolt logs the URL it was made to, query string and all.
    const stray = await fetch(`${app.url}?patient=${encodeURIComponent(PATIENT)}&mrn=${encodeURIComponent(MRN)}`);
    expect(stray.status).toBe(404);

    await expect.poll(() => boltLines(app.logs).map((line) => line.msg)).toEqual(
      expect.arrayContaining([
        "Could not determine the type of an incoming event. No listeners will be called.",
        "Unhandled HTTP request (GET) made to /slack/events?[redacted]",
      ]),
    );
    expectNoPatientText(app.logs);
  });
});

describe("Bolt's log lines over Socket Mode", () => {
  let app: SocketTestApp;
  beforeAll(async () => {
    app = await startSocketTestApp("pglite", { env: { LOG_LEVEL: "debug" } });
  });
  afterAll(async () => {
    await app?.close();
  });

  it("logs Bolt's warnings about envelopes it cannot handle without their content", async () => {
    await app.interact(unhandledAction()).acked;
    await app.interact(untyped()).acked;
    await expect.poll(() => boltLines(app.logs).map((line) => line.msg)).toContain("Could not determine the type of an incoming event. No listeners will be called.");
    // Socket Mode's debug lines print every envelope in full: at debug level too, none of them reaches the log.
    expect(app.running.deps.logger.level).toBe("debug");
    expectNoPatientText(app.logs);
  });
});
