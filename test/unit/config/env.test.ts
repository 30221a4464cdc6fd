import { describe, expect, it } from "vitest";
import { parseEnv } from "../../../src/config/env.ts";
import { envRefusal, VALID_ENV } from "../../support/env-source.ts";

describe("parseEnv", () => {
  it("applies defaults for the embedded quick start", () => {
    const env = parseEnv(VALID_ENV);
    expect(env).toMatchObject({ PORT: 3000, DATA_DIR: "./data", ADMIN_USER_IDS: [], GRIEVANCE_RESPONSE_DAYS: 7 });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it("accepts Socket Mode without a signing secret", () => {
    const { SLACK_SIGNING_SECRET: _unused, ...socket } = VALID_ENV;
    expect(parseEnv({ ...socket, SLACK_APP_TOKEN: "xapp-1-abc" }).SLACK_APP_TOKEN).toBe("xapp-1-abc");
  });

  it("names every missing variable in one message, with where to get it", () => {
    const message = envRefusal({});
    expect(message).toMatch(/^Cannot start: 3 settings are missing or invalid\./);
    expect(message).toMatch(/SLACK_BOT_TOKEN: missing\. .*OAuth & Permissions/);
    expect(message).toMatch(/SLACK_SIGNING_SECRET: missing .*Signing Secret/);
    expect(message).toMatch(/CASE_CHANNEL_ID: missing\. .*Channel ID/);
    expect(message).toContain("manifest.yml");
  });

  it("explains invalid values", () => {
    const message = envRefusal({
      ...VALID_ENV,
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
    const env = parseEnv({ ...VALID_ENV, ADMIN_USER_IDS: "U0123ABCD, W0123ABCD", HOLIDAYS: "2026-12-25", DEPARTMENTS: "ED, ICU" });
    expect(env.ADMIN_USER_IDS).toEqual(["U0123ABCD", "W0123ABCD"]);
    expect(env.DEPARTMENTS).toEqual(["ED", "ICU"]);
  });
});
