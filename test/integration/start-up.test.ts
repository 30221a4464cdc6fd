import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

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
