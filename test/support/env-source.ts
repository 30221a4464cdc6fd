import { expect } from "vitest";
import { parseEnv } from "../../src/config/env.ts";
import { AppError } from "../../src/lib/errors.ts";

/** The fewest settings parseEnv accepts. */
export const VALID_ENV = {
  SLACK_BOT_TOKEN: "xoxb-123",
  SLACK_SIGNING_SECRET: "0123456789abcdef",
  CASE_CHANNEL_ID: "C0123ABCD",
  TZ: "America/Chicago",
};

/** The message parseEnv refuses `source` with; fails when it is accepted or refused with anything but an AppError. */
export function envRefusal(source: Record<string, string>): string {
  try {
    parseEnv(source);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).userMessage;
  }
  throw new Error("expected parseEnv to fail");
}
