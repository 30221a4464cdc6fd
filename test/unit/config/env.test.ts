import { describe, expect, it } from "vitest";
import { parseEnv } from "../../../src/config/env.ts";
import { AppError } from "../../../src/lib/errors.ts";

const valid = {
  SLACK_BOT_TOKEN: "xoxb-123",
  SLACK_SIGNING_SECRET: "0123456789abcdef",
  CASE_CHANNEL_ID: "C0123ABCD",
  TZ: "America/Chicago",
};

function messageFor(source: Record<string, string>): string {
  try {
    parseEnv(source);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).userMessage;
  }
  throw new Error("expected parseEnv to fail");
}

describe("parseEnv", () => {
  it("applies defaults for the embedded quick start", () => {
    const env = parseEnv(valid);
    expect(env).toMatchObject({ PORT: 3000, DATA_DIR: "./data", ADMIN_USER_IDS: [], GRIEVANCE_RESPONSE_DAYS: 7 });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it("accepts Socket Mode without a signing secret", () => {
    const { SLACK_SIGNING_SECRET: _unused, ...socket } = valid;
    expect(parseEnv({ ...socket, SLACK_APP_TOKEN: "xapp-1-abc" }).SLACK_APP_TOKEN).toBe("xapp-1-abc");
  });

  it("names every missing variable in one message, with where to get it", () => {
    const message = messageFor({});
    expect(message).toMatch(/^Cannot start: 3 settings are missing or invalid\./);
    expect(message).toMatch(/SLACK_BOT_TOKEN: missing\. .*OAuth & Permissions/);
    expect(message).toMatch(/SLACK_SIGNING_SECRET: missing .*Signing Secret/);
    expect(message).toMatch(/CASE_CHANNEL_ID: missing\. .*Channel ID/);
    expect(message).toContain("manifest.yml");
  });

  it("explains invalid values", () => {
    const message = messageFor({
      ...valid,
      SLACK_BOT_TOKEN: "xoxp-user-token",
      PORT: "http",
      DATABASE_URL: "mysql://db",
      ADMIN_USER_IDS: "U0123ABCD, bob",
      TZ: "Mars/Olympus",
      HOLIDAYS: "2026-12-25,Christmas",
    });
    expect(message).toContain("SLACK_BOT_TOKEN: must start with xoxb-");
    expect(message).toContain("PORT: must be a whole number from 1 to 65535");
    expect(message).toContain("DATABASE_URL: must start with postgres://");
    expect(message).toContain("ADMIN_USER_IDS: must be member IDs");
    expect(message).toContain("TZ: is not a known time zone");
    expect(message).toContain("HOLIDAYS: must be dates like 2026-12-25");
  });

  it("parses lists", () => {
    const env = parseEnv({ ...valid, ADMIN_USER_IDS: "U0123ABCD, W0123ABCD", HOLIDAYS: "2026-12-25", DEPARTMENTS: "ED, ICU" });
    expect(env.ADMIN_USER_IDS).toEqual(["U0123ABCD", "W0123ABCD"]);
    expect(env.DEPARTMENTS).toEqual(["ED", "ICU"]);
  });
});
