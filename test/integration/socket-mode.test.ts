import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeIntakeMetadata } from "../../src/slack/forms/case-intake.form.ts";
import { VIEWS } from "../../src/slack/ids.ts";
import { viewSubmissionPayload } from "../fakes/signed-requests.ts";
import { intakeViewState } from "../fixtures/intake.ts";
import { waitFor } from "../support/case-flow.ts";
import { DATABASE_KINDS } from "../support/databases.ts";
import { type SocketTestApp, startSocketTestApp } from "../support/socket-test-app.ts";
import { startTestApp } from "../support/test-app.ts";

// The app in Socket Mode (the manifest's default), end to end: Bolt asks apps.connections.open for
// a URL with the app-level token, opens the WebSocket, and every command, form and event arrives
// as an envelope that it acknowledges by envelope_id. Reconnects follow @slack/socket-mode's own
// back-off (about 5 s), so the reconnect tests take that long.

const RECONNECT_MS = 20_000;

let counter = 0;
const newViewId = () => `V0SOCK${String(++counter).padStart(4, "0")}${Math.random().toString(36).slice(2, 6).toUpperCase()}`;

/** The intake form as Slack submits it: the fixture's answers, from the ward channel. */
function intakeSubmission(viewId: string) {
  return viewSubmissionPayload({ viewId, values: intakeViewState(), privateMetadata: encodeIntakeMetadata({ originChannelId: "C0WARD0001" }) });
}

describe.each(DATABASE_KINDS)("Socket Mode (%s)", (kind) => {
  let app: SocketTestApp;
  const cases = () => app.running.deps.db.prisma.case.count();
  const casesFiledFrom = (viewId: string) => app.running.deps.db.prisma.case.count({ where: { intakeKey: `slack-view:${viewId}` } });
  /** Waits until /healthz reports the socket as `state`. */
  const healthSays = (state: string) => waitFor(async () => ((await app.health()).socket === state ? true : null), 3_000);

  beforeAll(async () => {
    app = await startSocketTestApp(kind);
  });
  afterAll(async () => {
    await app?.close();
  });

  it("connects with the app-level token through apps.connections.open, and /healthz says so", async () => {
    expect(app.socket.urlsIssued()).toBe(1);
    expect(app.socket.connections()).toBe(1);
    expect(await app.health()).toMatchObject({ ok: true, socket: "connected", outbox: { failed: 0 }, channelProblems: [] });
  });

  it("refuses a bot token for apps.connections.open, as Slack does", () => {
    expect(app.socket.connectionsOpen("Bearer xoxb-test-token")).toEqual({ ok: false, error: "not_allowed_token_type" });
    expect(app.socket.connectionsOpen(undefined)).toEqual({ ok: false, error: "not_authed" });
  });

  it("answers /case help in the ack itself", async () => {
    const reply = app.slash("help");
    const ack = await reply.acked;
    expect(ack.response_type).toBe("ephemeral");
    expect(String(ack.text)).toContain("Here is what");
    expect(Array.isArray(ack.blocks)).toBe(true);
    expect(app.socket.acksFor(reply.envelopeId)).toHaveLength(1);
  });

  it("opens the intake form for /case with the command's trigger", async () => {
    const triggerId = `trigger-socket-${Math.random().toString(36).slice(2)}`;
    expect(await app.slash("", { triggerId }).acked).toEqual({});
    const opened = await waitFor(async () => app.slack.callsTo("views.open").find((call) => call.body.trigger_id === triggerId));
    expect((opened.body.view as { callback_id?: string }).callback_id).toBe(VIEWS.caseIntake);
  });

  it("acknowledges a filed intake form with response_action update and files one case", async () => {
    const viewId = newViewId();
    const before = await cases();
    const ack = await app.interact(intakeSubmission(viewId)).acked;
    expect(ack.response_action).toBe("update");
    await waitFor(async () => ((await casesFiledFrom(viewId)) === 1 ? true : null));
    expect(await cases()).toBe(before + 1);
  });

  it(
    "reconnects after Slack asks for a refresh, and the next command is answered",
    async () => {
      const before = app.socket.connections();
      app.socket.disconnect("refresh_requested");
      await healthSays("disconnected");
      await app.socket.waitForConnections(before + 1);
      // A fresh URL for each connection: a ticket opens one socket only.
      expect(app.socket.urlsIssued()).toBe(before + 1);
      const ack = await app.slash("help").acked;
      expect(String(ack.text)).toContain("Here is what");
      expect(await app.health()).toMatchObject({ ok: true, socket: "connected", outbox: { failed: 0 }, channelProblems: [] });
    },
    RECONNECT_MS,
  );

  it(
    "after an abrupt drop loses nothing and doubles nothing: the form is filed once, events are delivered again once",
    async () => {
      const before = app.socket.connections();
      const viewId = newViewId();
      const casesBefore = await cases();
      // Both acks are lost on the way and the connection drops after them: the app has the form
      // and the event, Slack has no ack for either.
      app.socket.loseAcks(2);
      const form = app.interact(intakeSubmission(viewId));
      const homeOpened = app.event({ type: "app_home_opened", user: "U0NURSE01", channel: "D0NURSE01", tab: "home", event_ts: "1700000000.000500" });
      await expect(form.acked).rejects.toThrow(/not acknowledged/);
      await healthSays("disconnected");
      // An event sent while no socket is open waits for the next one.
      const duringDrop = app.event({ type: "app_home_opened", user: "U0NURSE02", channel: "D0NURSE02", tab: "home", event_ts: "1700000000.000600" });

      await app.socket.waitForConnections(before + 1);
      expect(await homeOpened.acked).toEqual({});
      expect(await duringDrop.acked).toEqual({});
      const redelivered = app.socket.deliveries.filter((delivery) => delivery.envelope.envelope_id === homeOpened.envelopeId);
      expect(redelivered.map((delivery) => delivery.envelope.retry_attempt)).toEqual([0, 1]);
      expect(redelivered[1]?.connection).toBe(before + 1);
      expect(app.socket.acksFor(homeOpened.envelopeId)).toHaveLength(1);
      expect(app.socket.acksFor(duringDrop.envelopeId)).toHaveLength(1);

      // Slack showed the filer an error, so they press File case again on the same form.
      await waitFor(async () => ((await casesFiledFrom(viewId)) === 1 ? true : null));
      const again = app.interact(intakeSubmission(viewId));
      expect((await again.acked).response_action).toBe("update");
      expect(app.socket.acksFor(again.envelopeId)).toHaveLength(1);
      expect(await casesFiledFrom(viewId)).toBe(1);
      expect(await cases()).toBe(casesBefore + 1);
      expect(await app.health()).toMatchObject({ ok: true, socket: "connected", outbox: { failed: 0 }, channelProblems: [] });
    },
    RECONNECT_MS,
  );

  it("answers the server's pings", async () => {
    await waitFor(async () => (app.socket.pongs() > 0 ? true : null), 5_000);
  });
});

describe("/healthz in HTTP mode", () => {
  it("has no socket field", async () => {
    const http = await startTestApp("pglite");
    try {
      const response = await fetch(http.url.replace("/slack/events", "/healthz"));
      const body = (await response.json()) as Record<string, unknown>;
      expect(body).toMatchObject({ ok: true, outbox: { waiting: expect.any(Number), failed: 0 }, channelProblems: [] });
      expect(body).not.toHaveProperty("socket");
    } finally {
      await http.close();
    }
  });
});
