import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeIntakeMetadata } from "../../src/slack/forms/case-intake.form.ts";
import { viewSubmissionPayload } from "../fakes/signed-requests.ts";
import { DESCRIPTION, intakeViewState, PATIENT_NAME } from "../fixtures/intake.ts";
import { TEST_POSTGRES_URL } from "../support/databases.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";

// When the database refuses, the filer keeps every word they typed and gets a clear message;
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

  it("keeps the form open with a clear error, tells the filer privately, and logs no patient text", async () => {
    await setDatabaseAvailable(false);
    const payload = viewSubmissionPayload({
      viewId: "V0DBDOWN01",
      values: intakeViewState(),
      privateMetadata: encodeIntakeMetadata({ originChannelId: "C0WARD0001" }),
    });
    const started = Date.now();
    const response = await app.interact(payload);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(response.json).toMatchObject({ response_action: "errors" });
    expect((response.json as { errors: Record<string, string> }).errors.patient_name).toMatch(/could not be saved .* Nothing you typed is lost/);
    await expect.poll(() => app.slack.callsTo("chat.postEphemeral").length).toBe(1);
    expect(JSON.stringify(app.slack.callsTo("chat.postEphemeral")[0]!.body)).toContain("could not be saved");
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
    expect(retry.text).toBe("");
    expect(await app.running.deps.db.prisma.case.count()).toBe(1);
  });
});
