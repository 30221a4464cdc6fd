import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { buildApp } from "../../src/app.ts";
import { parseEnv } from "../../src/config/env.ts";
import { startFakeSlack } from "../fakes/fake-slack.ts";
import { SIGNING_SECRET } from "../fakes/signed-requests.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));

// What a newcomer sees when they run `npm start` before configuring Slack.
describe("starting without Slack settings", () => {
  it("prints one clear message naming each missing variable, exits non-zero, no stack trace", () => {
    const result = spawnSync(process.execPath, ["src/main.ts"], {
      cwd: root,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", SLACK_BOT_TOKEN: "xoxp-wrong-kind" },
      encoding: "utf8",
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Cannot start: 3 settings are missing or invalid.");
    expect(result.stderr).toContain("SLACK_BOT_TOKEN: must start with xoxb-");
    expect(result.stderr).toContain("SLACK_SIGNING_SECRET: missing");
    expect(result.stderr).toContain("CASE_CHANNEL_ID: missing");
    expect(result.stderr).toContain("manifest.yml");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("starting with a token Slack rejects", () => {
  it("fails with a message that says which setting and how to fix it", async () => {
    const slack = await startFakeSlack();
    slack.failNext("auth.test", "invalid_auth", 5);
    const env = parseEnv({
      SLACK_BOT_TOKEN: "xoxb-revoked",
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      CASE_CHANNEL_ID: "C0CASES001",
      DATA_DIR: "memory://",
      LOG_LEVEL: "silent",
    });
    const running = await buildApp(env);
    try {
      await expect(running.start(0)).rejects.toThrow(/Slack rejected SLACK_BOT_TOKEN \(invalid_auth\)/);
    } finally {
      await running.stop();
      await slack.close();
    }
  });
});
