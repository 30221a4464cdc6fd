import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeIntakeMetadata } from "../../src/slack/forms/case-intake.form.ts";
import { viewSubmissionPayload } from "../fakes/signed-requests.ts";
import { CONTACT_PHONE, DESCRIPTION, DESIRED_OUTCOME, intakeViewState, PATIENT_NAME, RAISER_NAME } from "../fixtures/intake.ts";
import { TEST_POSTGRES_URL } from "../support/databases.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";

// When the database refuses or is slow, the form comes back with every word typed and a clear message;
// once it is back, the same form files normally.
describe("filing while the database is down (postgres)", () => {
  let app: TestApp;
  let databaseName: string;
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });

  async function setDatabaseAvailable(available: boolean) {
    // ALLOW_CONNECTIONS binds superusers too, unlike CONNECTION LIMIT.
    await admin.query(`ALTER DATABASE "${databaseName}" ALLOW_CONNECTIONS ${available}`);
    if (!available) {
      await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [databaseName]);
    }
  }

  beforeAll(async () => {
    app = await startTestApp("postgres");
    databaseName = new URL(app.running.deps.env.DATABASE_URL!).pathname.slice(1);
    await admin.connect();
  });
  afterAll(async () => {
    await setDatabaseAvailable(true).catch(() => {});
    await admin.end();
    await app?.close();
  });

  it("hands the form back with everything typed and a clear error, and logs no patient text", async () => {
    await setDatabaseAvailable(false);
    const payload = viewSubmissionPayload({
      viewId: "V0DBDOWN01",
      values: intakeViewState(),
      privateMetadata: encodeIntakeMetadata({ originChannelId: "C0WARD0001" }),
    });
    const started = Date.now();
    const response = await app.interact(payload);
    // The intake journal could not be written, so nothing was promised: the acknowledgement itself
    // is the form again, within Slack's 3 seconds.
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(response.json).toMatchObject({ response_action: "update" });
    const form = response.json!.view as { callback_id: string; submit: unknown; blocks: unknown[] };
    expect(form.callback_id).toBe("case_intake");
    expect(form.submit).toBeTruthy();
    const shown = JSON.stringify(form.blocks);
    expect(shown).toMatch(/could not be saved .* Nothing you typed is lost/);
    // Everything typed is back in its field.
    for (const typed of [PATIENT_NAME, RAISER_NAME, CONTACT_PHONE, DESCRIPTION, DESIRED_OUTCOME, "Spanish", "Emergency Department", "communication"]) {
      expect(shown).toContain(typed);
    }
    expect(app.slack.callsTo("views.update")).toHaveLength(0);
    expect(app.slack.callsTo("chat.postEphemeral")).toHaveLength(0);
    const logs = app.logs.join("\n");
    expect(logs).toContain("case could not be filed");
    expect(logs).not.toContain(PATIENT_NAME);
    expect(logs).not.toContain(DESCRIPTION.slice(0, 20));

    const ready = await fetch(app.url.replace("/slack/events", "/readyz"));
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ ready: false, database: "unreachable" });

    await setDatabaseAvailable(true);
    const retry = await app.interact(payload);
    expect(retry.status).toBe(200);
    await expect.poll(() => app.slack.callsTo("views.update").length, { timeout: 10_000 }).toBe(1);
    expect(JSON.stringify(app.slack.callsTo("views.update")[0]!.body)).toMatch(/Filed \*PR-2026-0001\*/);
    expect(await app.running.deps.db.prisma.case.count()).toBe(1);
  });
  it("hands the form back when saving is slow, then shows the case number once the save lands", async () => {
    // Another session holds the case-number counter: the filing statement waits behind it.
    const blocker = new pg.Client({ connectionString: app.running.deps.env.DATABASE_URL });
    await blocker.connect();
    try {
      await blocker.query("BEGIN");
      await blocker.query('LOCK TABLE "case_counters" IN EXCLUSIVE MODE');
      const updatesBefore = app.slack.callsTo("views.update").length;
      const payload = viewSubmissionPayload({ viewId: "V0DBSLOW01", values: intakeViewState(), privateMetadata: encodeIntakeMetadata({ originChannelId: "C0WARD0001" }) });
      expect((await app.interact(payload)).json).toMatchObject({ response_action: "update" });

      const updates = () => app.slack.callsTo("views.update").slice(updatesBefore).map((call) => JSON.stringify(call.body));
      await expect.poll(() => updates().length, { timeout: 15_000, interval: 250 }).toBe(1);
      expect(updates()[0]).toContain("Saving is taking longer than usual");
      expect(updates()[0]).toContain(PATIENT_NAME);

      await blocker.query("ROLLBACK");
      await expect.poll(() => updates().length, { timeout: 10_000 }).toBe(2);
      expect(updates()[1]).toMatch(/Filed \*PR-2026-\d{4}\*/);
      expect(await app.running.deps.db.prisma.case.count({ where: { intakeKey: "slack-view:V0DBSLOW01" } })).toBe(1);
    } finally {
      await blocker.end();
    }
  }, 30_000);
});
