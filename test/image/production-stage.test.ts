import { type ChildProcess, execSync, spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { CASE_CHANNEL } from "../support/app-under-test.ts";
import { type FakeSlack, startFakeSlack } from "../fakes/fake-slack.ts";

// Where no container engine can pull node:24-bookworm-slim, this reproduces the Dockerfile's
// production stage in a folder: the files its COPY lines name (less what .dockerignore leaves out),
// its own npm ci line, the build stage's client generation, then the app started from there on the
// embedded database in a folder this user owns, until /readyz answers 200.
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "image-"));
const app = join(work, "app");
const data = join(work, "data");
let bot: ChildProcess | undefined;
let slack: FakeSlack | undefined;

afterAll(async () => {
  bot?.kill("SIGTERM");
  await slack?.close();
  rmSync(work, { recursive: true, force: true });
});

function productionStage(): string[] {
  const lines = readFileSync(join(ROOT, "Dockerfile"), "utf8").replace(/\\\n/g, " ").split("\n").map((line) => line.trim());
  const start = lines.findLastIndex((line) => /^FROM\s/.test(line));
  return lines.slice(start + 1).filter((line) => line !== "" && !line.startsWith("#"));
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

describe("the image's production stage", () => {
  it("installs production dependencies only, generates the client, and serves /readyz on the embedded database", async () => {
    const stage = productionStage();
    const ignored = readFileSync(join(ROOT, ".dockerignore"), "utf8").split("\n").map((line) => line.trim()).filter((line) => line && !line.startsWith("#") && !line.startsWith("!"));
    const keep = (source: string) => !ignored.some((entry) => relative(ROOT, source) === entry || relative(ROOT, source).startsWith(`${entry}/`));
    mkdirSync(app);
    for (const line of stage.filter((each) => /^COPY (?!--from)/.test(each))) {
      const parts = line.split(/\s+/).slice(1);
      const target = parts.pop() ?? "";
      for (const source of parts) cpSync(join(ROOT, source), join(app, target.endsWith("/") ? source : target), { recursive: true, filter: keep });
    }

    const install = stage.find((line) => /^RUN npm ci /.test(line))?.replace(/^RUN /, "").split(" && ")[0] ?? "";
    expect(install).toMatch(/--omit=dev/);
    execSync(install, { cwd: app, stdio: "pipe", timeout: 80_000 });
    // The build stage's step (postinstall): the client generated with the Prisma CLI, a dev
    // dependency, taken from this checkout's install as the build stage takes it from its own.
    execSync("node prisma/generate-client.mjs", { cwd: app, stdio: "pipe", env: { ...process.env, PATH: `${join(ROOT, "node_modules/.bin")}:${process.env.PATH}` } });

    const megabytes = Number(execSync("du -sm node_modules", { cwd: app, encoding: "utf8" }).split("\t")[0]);
    process.stdout.write(`production node_modules: ${megabytes} MB\n`);
    for (const devOnly of ["vitest", "typescript", "prisma", "@biomejs/biome"]) expect(() => readFileSync(join(app, "node_modules", devOnly, "package.json"))).toThrow();

    slack = await startFakeSlack();
    const port = await freePort();
    mkdirSync(data);
    const env = stage.find((line) => line.startsWith("ENV "))?.slice(4).split(/\s+/).map((pair) => pair.split("=") as [string, string]) ?? [];
    bot = spawn(process.execPath, ["bin/launch.mjs"], {
      cwd: app,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        PATH: process.env.PATH ?? "",
        ...Object.fromEntries(env),
        DATA_DIR: data,
        PORT: String(port),
        SLACK_API_URL: slack.apiUrl,
        SLACK_BOT_TOKEN: "xoxb-test-token",
        SLACK_SIGNING_SECRET: "image-test-secret",
        CASE_CHANNEL_ID: CASE_CHANNEL,
        TZ: "America/New_York",
      },
    });
    let output = "";
    bot.stdout?.on("data", (chunk) => (output += String(chunk)));
    bot.stderr?.on("data", (chunk) => (output += String(chunk)));

    let answer: { status: number; body: unknown } | undefined;
    for (let attempt = 0; attempt < 120 && answer?.status !== 200; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      if (bot.exitCode !== null) break;
      answer = await fetch(`http://127.0.0.1:${port}/readyz`).then(
        async (response) => ({ status: response.status, body: await response.json() }),
        () => undefined,
      );
    }
    expect(answer, output).toEqual({ status: 200, body: { ready: true, database: "ok", migrations: "ok" } });
    expect(readFileSync(join(data, "patient-relations.lock"), "utf8")).toContain(String(bot.pid));
  });
});
