import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCK_FILE, lockDataDir } from "../../src/db/data-dir-lock.ts";
import { type FakeSlack, startFakeSlack } from "../fakes/fake-slack.ts";
import { SIGNING_SECRET } from "../fakes/signed-requests.ts";
import { type BotProcess, freePort, startBotProcess } from "../support/bot-process.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** Runs `node src/main.ts` to its end (it is expected to refuse to start) and returns its exit code and output. */
async function runToExit(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const port = String(await freePort());
  const child = spawn(process.execPath, ["src/main.ts"], { cwd: ROOT, env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", PORT: port, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  const output: string[] = [];
  child.stdout.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
  return new Promise((resolve) =>
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output: output.join("") });
    }),
  );
}

/** The pid of a process that has run and exited on this host. */
function deadPid(): number {
  const pid = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" }).stdout;
  return Number(pid);
}

// One process owns an embedded database folder: a second one on the same DATA_DIR refuses to start
// and says who holds it; a lock left by a crash is taken over.
describe("embedded database folder lock (pglite)", () => {
  let slack: FakeSlack;
  let folder: string;
  const bots: BotProcess[] = [];
  const env = () => ({
    SLACK_BOT_TOKEN: "xoxb-test-token",
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    CASE_CHANNEL_ID: "C0CASES001",
    DATA_DIR: folder,
    TZ: "America/New_York",
    LOG_LEVEL: "warn",
  });

  beforeAll(async () => {
    slack = await startFakeSlack();
    folder = mkdtempSync(join(tmpdir(), "prb-lock-"));
  });
  afterAll(async () => {
    await Promise.all(bots.map((bot) => bot.stop("SIGKILL")));
    await slack?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it("refuses a second process on the same folder with one sentence naming the holder, and lets go on a graceful stop", async () => {
    const first = await startBotProcess(env());
    bots.push(first);
    const second = await runToExit(env());
    expect(second.code).not.toBe(0);
    const sentence = second.output.trim();
    expect(sentence).toContain(`is in use by process ${first.child.pid} on ${hostname()}`);
    expect(sentence).toContain("PostgreSQL (set DATABASE_URL)");
    expect(sentence.split("\n")).toHaveLength(1);
    expect(sentence).not.toMatch(/\n\s+at /);
    // The first one never noticed.
    expect((await fetch(`http://127.0.0.1:${first.port}/readyz`)).status).toBe(200);

    expect(await first.stop("SIGTERM")).toBe(0);
    expect(existsSync(join(folder, LOCK_FILE))).toBe(false);
  }, 60_000);

  it("takes over a lock left by a process that is gone, and holds it", async () => {
    const gone = deadPid();
    writeFileSync(join(folder, LOCK_FILE), JSON.stringify({ pid: gone, host: hostname(), startedAt: "2026-01-01T00:00:00.000Z", token: "crashed" }));
    const bot = await startBotProcess(env());
    bots.push(bot);
    const holder = JSON.parse(readFileSync(join(folder, LOCK_FILE), "utf8")) as { pid: number };
    expect(holder.pid).toBe(bot.child.pid);
    // And a process killed outright leaves a lock that the next start takes over in turn.
    await bot.stop("SIGKILL");
    expect(existsSync(join(folder, LOCK_FILE))).toBe(true);
    const next = await startBotProcess(env());
    bots.push(next);
    expect((JSON.parse(readFileSync(join(folder, LOCK_FILE), "utf8")) as { pid: number }).pid).toBe(next.child.pid);
    await next.stop("SIGTERM");
  }, 90_000);
});

describe("lockDataDir", () => {
  const folders: string[] = [];
  const fresh = () => {
    const folder = mkdtempSync(join(tmpdir(), "prb-lock-unit-"));
    folders.push(folder);
    return folder;
  };
  afterAll(() => {
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });

  it("refuses a second lock in the same process, and locks again once released", () => {
    const folder = fresh();
    const lock = lockDataDir(folder);
    expect(() => lockDataDir(folder)).toThrow(/is in use by process \d+/);
    lock.release();
    expect(existsSync(join(folder, LOCK_FILE))).toBe(false);
    lockDataDir(folder).release();
  });

  it("never takes a lock held on another host, and says how to clear it if that process is gone", () => {
    const folder = fresh();
    writeFileSync(join(folder, LOCK_FILE), JSON.stringify({ pid: 1, host: "ward-server-2", startedAt: "2026-01-01T00:00:00.000Z", token: "elsewhere" }));
    expect(() => lockDataDir(folder)).toThrow(/in use by process 1 on ward-server-2 .*delete .*patient-relations\.lock/);
  });

  it("takes over a lock file left half-written, once it is old", () => {
    const folder = fresh();
    const path = join(folder, LOCK_FILE);
    writeFileSync(path, "");
    expect(() => lockDataDir(folder)).toThrow(/unreadable/);
    const old = new Date(Date.now() - 60_000);
    utimesSync(path, old, old);
    const lock = lockDataDir(folder);
    expect((JSON.parse(readFileSync(path, "utf8")) as { pid: number }).pid).toBe(process.pid);
    lock.release();
  });
});
