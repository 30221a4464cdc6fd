import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { PGlite } from "@electric-sql/pglite";
import { encodeIntakeMetadata } from "../../src/slack/forms/case-intake.form.ts";
import { type FakeSlack, startFakeSlack } from "../fakes/fake-slack.ts";
import { interactiveBody, SIGNING_SECRET, sendToSlackEndpoint, viewSubmissionPayload } from "../fakes/signed-requests.ts";
import { intakeViewState } from "../fixtures/intake.ts";
import { type BotProcess, startBotProcess } from "../support/bot-process.ts";
import { createTestDatabase, DATABASE_KINDS, type DatabaseKind } from "../support/databases.ts";

// A filing acknowledged as "Filing…" is durable before the acknowledgement. Real bot processes are
// killed (SIGKILL, no chance to finish anything) at many instants after acknowledging a few forms;
// after each restart every acknowledged form must become exactly one case, and its filer must be
// told the number: in the modal, or privately when the modal was closed.

const KILL_DELAYS_MS = [0, 0, 1, 2, 3, 5, 8, 12, 20, 35];
const FORMS_PER_ROUND = 3;
const WARD = "C0WARD0001";

interface Filing {
  viewId: string;
  userId: string;
  closed: boolean;
}

async function submit(bot: BotProcess, filing: Filing) {
  const payload = viewSubmissionPayload({
    viewId: filing.viewId,
    userId: filing.userId,
    values: intakeViewState({ receivedAt: new Date(Date.now() - 3_600_000) }),
    privateMetadata: encodeIntakeMetadata({ originChannelId: WARD }),
  });
  try {
    const response = await sendToSlackEndpoint(bot.url, interactiveBody(payload));
    return JSON.stringify(response.json?.view ?? "").includes("Filing the case");
  } catch {
    return false; // killed before it answered: nothing was acknowledged
  }
}

describe.each(DATABASE_KINDS)("acknowledged filings survive kill -9 (%s)", (kind: DatabaseKind) => {
  let slack: FakeSlack;
  let bot: BotProcess | undefined;
  let folder: string | undefined;
  let drop = async () => {};

  afterAll(async () => {
    await bot?.stop("SIGKILL");
    await slack?.close();
    await drop();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it(`files every acknowledged form exactly once after ${KILL_DELAYS_MS.length} kills, and tells each filer`, async () => {
    slack = await startFakeSlack();
    const database = await createTestDatabase(kind);
    drop = database.drop;
    folder = kind === "pglite" ? mkdtempSync(join(tmpdir(), "prb-kill-")) : undefined;
    const env = {
      SLACK_BOT_TOKEN: "xoxb-test-token",
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      CASE_CHANNEL_ID: "C0CASES001",
      TZ: "America/New_York",
      INTAKE_LEASE_SECONDS: "2",
      LOG_LEVEL: "info",
      ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : { DATA_DIR: folder! }),
    };
    // Every third filer has closed the modal: Slack answers not_found, so they are told privately.
    const closed = new Set<string>();
    slack.failNext("views.update", "not_found", 1_000_000, (body) => closed.has(String(body.view_id)));

    const acknowledged: Filing[] = [];
    const outputs: string[][] = [];
    let n = 0;
    bot = await startBotProcess(env);
    for (const delay of KILL_DELAYS_MS) {
      const round: Filing[] = Array.from({ length: FORMS_PER_ROUND }, () => {
        n += 1;
        const filing = { viewId: `V0KILL${String(n).padStart(4, "0")}`, userId: `U0KILL${String(n).padStart(4, "0")}`, closed: n % 3 === 0 };
        if (filing.closed) closed.add(filing.viewId);
        return filing;
      });
      const answers = round.map((filing) => submit(bot!, filing));
      // Killed `delay` ms after the first acknowledgement arrives, while the others may be anywhere.
      await Promise.race(answers);
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
      await bot.stop("SIGKILL");
      outputs.push(bot.output);
      const acks = await Promise.all(answers);
      acknowledged.push(...round.filter((_, i) => acks[i]));
      bot = await startBotProcess(env);
    }

    const cases = async (url: string): Promise<{ intake_key: string; number: string }[]> => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        return (await client.query(`SELECT intake_key, number FROM cases WHERE intake_key LIKE 'slack-view:V0KILL%'`)).rows;
      } finally {
        await client.end();
      }
    };
    const told = (filing: Filing, number: string) => {
      const inModal = slack
        .callsTo("views.update")
        .some((call) => !call.failed && call.body.view_id === filing.viewId && JSON.stringify(call.body).includes(`*${number}*`));
      const privately = [...slack.callsTo("chat.postEphemeral"), ...slack.callsTo("chat.postMessage")].some(
        (call) => !call.failed && (call.body.user === filing.userId || call.body.channel === filing.userId) && JSON.stringify(call.body).includes(number),
      );
      return filing.closed ? privately : inModal;
    };

    let rows: { intake_key: string; number: string }[] = [];
    if (database.databaseUrl) {
      // Read again on every try: cases filed from unacknowledged forms count too, so a row count
      // alone can be reached while an acknowledged filing still waits for the journal sweep.
      const settled = async () => {
        rows = await cases(database.databaseUrl!);
        return acknowledged.every((filing) => {
          const row = rows.find((r) => r.intake_key === `slack-view:${filing.viewId}`);
          return row !== undefined && told(filing, row.number);
        });
      };
      await expect.poll(settled, { timeout: 20_000, interval: 250 }).toBe(true);
    } else {
      // The embedded folder belongs to the running bot (its lock): let it file and tell, then stop it and read the folder.
      await expect.poll(() => acknowledged.every((filing) => slack.calls.some((call) => JSON.stringify(call.body).includes(filing.viewId) || call.body.user === filing.userId || call.body.channel === filing.userId)), { timeout: 20_000, interval: 250 }).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(await bot.stop("SIGTERM")).toBe(0);
      outputs.push(bot.output);
      bot = undefined;
      const pglite = await PGlite.create(folder!);
      try {
        rows = (await pglite.query<{ intake_key: string; number: string }>(`SELECT intake_key, number FROM cases WHERE intake_key LIKE 'slack-view:V0KILL%'`)).rows;
        const left = await pglite.query<{ count: number }>(`SELECT count(*)::int AS count FROM intake_submissions`);
        expect(left.rows[0]!.count).toBe(0);
      } finally {
        await pglite.close();
      }
    }

    const byKey = new Map<string, number>();
    for (const row of rows) byKey.set(row.intake_key, (byKey.get(row.intake_key) ?? 0) + 1);
    const lost = acknowledged.filter((filing) => !byKey.has(`slack-view:${filing.viewId}`));
    const doubled = [...byKey.values()].filter((count) => count > 1).length;
    const untold = acknowledged.filter((filing) => {
      const row = rows.find((r) => r.intake_key === `slack-view:${filing.viewId}`);
      return !row || !told(filing, row.number);
    });
    const recovered = outputs.flat().join("").split("journaled intake filed").length - 1;
    console.log(
      `[${kind}] kills ${KILL_DELAYS_MS.length}, submitted ${n}, acknowledged ${acknowledged.length}, cases ${rows.length}, filed by recovery ${recovered}, lost ${lost.length}, doubled ${doubled}, untold ${untold.length}`,
    );
    expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_DELAYS_MS.length);
    expect(lost).toEqual([]);
    expect(doubled).toBe(0);
    expect(untold.map((filing) => filing.viewId)).toEqual([]);
    // Case numbers have no gaps and none is shared.
    expect(new Set(rows.map((row) => row.number)).size).toBe(rows.length);
  }, 240_000);
});
