import { describe, expect, it } from "vitest";
import { parseEnv } from "../../../src/config/env.ts";
import { parseCaseCommand } from "../../../src/slack/listeners/commands/parse-case-command.ts";
import { auditCutoff } from "../../../src/users/audit-retention.ts";
import { envRefusal, VALID_ENV } from "../../support/env-source.ts";

describe("metrics and retention settings", () => {
  it("default to an open /metrics, 30 days of sent posts, 90 of job runs and 6 years of audit events", () => {
    const env = parseEnv(VALID_ENV);
    expect(env).toMatchObject({ OUTBOX_RETENTION_DAYS: 30, JOB_RUN_RETENTION_DAYS: 90, AUDIT_RETENTION_YEARS: 6 });
    expect(env.METRICS_TOKEN).toBeUndefined();
    expect(parseEnv({ ...VALID_ENV, OUTBOX_RETENTION_DAYS: "14", JOB_RUN_RETENTION_DAYS: "", AUDIT_RETENTION_YEARS: "10", METRICS_TOKEN: "abcdef0123456789abcd" })).toMatchObject({
      OUTBOX_RETENTION_DAYS: 14,
      JOB_RUN_RETENTION_DAYS: 90,
      AUDIT_RETENTION_YEARS: 10,
      METRICS_TOKEN: "abcdef0123456789abcd",
    });
  });

  it("name each bad value and its range", () => {
    const message = envRefusal({ ...VALID_ENV, OUTBOX_RETENTION_DAYS: "3", JOB_RUN_RETENTION_DAYS: "ninety", AUDIT_RETENTION_YEARS: "5", METRICS_TOKEN: "short" });
    expect(message).toContain("OUTBOX_RETENTION_DAYS: must be a whole number from 7 to 3650.");
    expect(message).toContain("JOB_RUN_RETENTION_DAYS: must be a whole number from 14 to 3650.");
    expect(message).toContain("AUDIT_RETENTION_YEARS: must be a whole number from 6 to 100.");
    expect(message).toContain("45 CFR 164.316(b)(2)");
    expect(message).toContain("METRICS_TOKEN: looks too short (use at least 16 characters).");
    expect(envRefusal({ ...VALID_ENV, METRICS_TOKEN: "has a space in it 0123" })).toContain("METRICS_TOKEN: must be visible ASCII characters without spaces.");
  });

  it("read /case admin purge-audit, and nothing after it", () => {
    expect(parseCaseCommand("admin purge-audit")).toEqual({ kind: "admin", command: { kind: "purge_audit" } });
    expect(parseCaseCommand("admin PURGE-AUDIT")).toEqual({ kind: "admin", command: { kind: "purge_audit" } });
    expect(parseCaseCommand("admin purge-audit now")).toMatchObject({ kind: "admin", command: { kind: "invalid" } });
  });

  it("cut audit events off whole calendar years back", () => {
    expect(auditCutoff(new Date("2026-12-03T10:00:00Z"), 6).toISOString()).toBe("2020-12-03T10:00:00.000Z");
    expect(auditCutoff(new Date("2028-02-29T00:00:00Z"), 6).toISOString()).toBe("2022-03-01T00:00:00.000Z");
  });
});
