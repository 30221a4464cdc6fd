import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

// `npm start` runs bin/launch.mjs. These run it as a person would, from a folder of their own
// (where their .env is), with nothing from this process's environment but PATH.
const LAUNCHER = fileURLToPath(new URL("../../bin/launch.mjs", import.meta.url));
const folder = mkdtempSync(join(tmpdir(), "launcher-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function run(node: string, args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(node, [...args, LAUNCHER], { cwd: folder, env: { PATH: process.env.PATH ?? "", ...env }, encoding: "utf8", timeout: 20_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A Node older than 22.18 installed on this machine (Debian's is 20 on many hospital servers), if any. */
function olderNode(): { path: string; version: string } | null {
  for (const path of ["/usr/bin/node", "/usr/local/bin/node", "/bin/node"]) {
    if (!existsSync(path)) continue;
    const version = spawnSync(path, ["-p", "process.versions.node"], { encoding: "utf8" }).stdout.trim();
    const [major = 0, minor = 0] = version.split(".").map(Number);
    if (major < 22 || (major === 22 && minor < 18)) return { path, version };
  }
  return null;
}

describe("npm start's launcher", () => {
  it("stops an older Node with one sentence and exit code 1, before any TypeScript is read", () => {
    const old = olderNode();
    let result: ReturnType<typeof run>;
    let version: string;
    if (old) {
      // The real thing: the old Node parses the launcher and refuses.
      result = run(old.path, []);
      version = old.version;
    } else {
      // No older Node on this machine: run the launcher on this Node with a preload that reports an
      // old version in process.versions, the one value the check reads. This proves the refusal path
      // end to end (exit code, one line, no stack trace); that an old Node parses the file is then
      // covered only where one is installed (CI images and Debian servers have Node 20).
      const preload = join(folder, "pretend-node-20.mjs");
      writeFileSync(preload, 'Object.defineProperty(process, "versions", { value: { ...process.versions, node: "20.11.1" } });\n');
      result = run(process.execPath, ["--import", preload]);
      version = "20.11.1";
    }
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(
      `Patient Relations needs Node.js 22.18 or newer (Node 24 LTS recommended) but this is Node.js ${version}: install Node 24 from https://nodejs.org/ or with \`nvm install\` (it reads .nvmrc), then run \`npm ci\` and \`npm start\` again.\n`,
    );
  });

  it("on a recent Node starts the bot, which reads .env from the current folder (the environment wins)", () => {
    writeFileSync(join(folder, ".env"), "SLACK_BOT_TOKEN=xoxb-1-2-from-dotenv\nCASE_CHANNEL_ID=C0FROMFILE\n");
    // Only the signing secret is missing: the other two settings came from .env.
    const fromFile = run(process.execPath, []);
    expect(fromFile.status).toBe(1);
    expect(fromFile.stderr).toMatch(/^Cannot start: 1 setting is missing or invalid\.\n {2}• SLACK_SIGNING_SECRET: missing/);
    expect(fromFile.stderr).not.toMatch(/\n\s+at /);

    const overridden = run(process.execPath, [], { CASE_CHANNEL_ID: "not-a-channel" });
    expect(overridden.stderr).toMatch(/^Cannot start: 2 settings are missing or invalid\./);
    expect(overridden.stderr).toContain("• CASE_CHANNEL_ID:");
    rmSync(join(folder, ".env"));

    const without = run(process.execPath, []);
    expect(without.stderr).toMatch(/^Cannot start: 3 settings are missing or invalid\./);
  });

  it("runs another TypeScript entry point with its own arguments (the db:* commands)", () => {
    const result = spawnSync(process.execPath, [LAUNCHER, "src/db/cli.ts", "no-such-command"], { cwd: folder, env: { PATH: process.env.PATH ?? "" }, encoding: "utf8", timeout: 20_000 });
    expect(result.status).toBe(1);
    expect(`${result.stdout}${result.stderr}`).toContain("npm run db:backup [-- backup-file.tar.gz]");
  });
});
