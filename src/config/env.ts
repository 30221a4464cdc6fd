import cron from "node-cron";
import { z } from "zod";
import { AppError, ErrorCode } from "../lib/errors.ts";
import { LETTER_LIMITS } from "../letters/letter-limits.ts";
import { isValidTimeZone } from "../lib/zoned-time.ts";

// The only module that reads process.env. Each variable carries the hint a newcomer needs to fix it.
const APP_SETTINGS_HINT = "Slack app settings (https://api.slack.com/apps → your app)";

const HINTS: Record<string, string> = {
  SLACK_BOT_TOKEN: `Bot User OAuth Token, starts with xoxb-: ${APP_SETTINGS_HINT} → OAuth & Permissions → Install to Workspace.`,
  SLACK_SIGNING_SECRET: `${APP_SETTINGS_HINT} → Basic Information → Signing Secret.`,
  SLACK_APP_TOKEN: `App-Level Token for Socket Mode, starts with xapp-: ${APP_SETTINGS_HINT} → Basic Information → App-Level Tokens (scope connections:write).`,
  SLACK_API_URL: "optional Web API base URL ending in /api/, e.g. https://slack.com/api/ (GovSlack uses its own host).",
  PORT: "HTTP port, a whole number from 1 to 65535 (default 3000).",
  CASE_CHANNEL_ID:
    "ID of the team channel for case cards, starts with C or G: in Slack open the channel → channel name → About → Channel ID; invite the bot there.",
  DATA_DIR: "folder for the embedded database (default ./data).",
  DATABASE_URL: "optional PostgreSQL URL, postgres://user:password@host:5432/database; leave empty for the embedded database.",
  ADMIN_USER_IDS:
    "comma-separated Slack member IDs (U…/W…): in Slack open a profile → ⋮ → Copy member ID.",
  OPENAI_BASE_URL: "optional OpenAI-compatible API base URL, e.g. https://api.openai.com/v1.",
  TZ: "the hospital's IANA time zone, e.g. America/Chicago.",
  HOLIDAYS: "comma-separated dates YYYY-MM-DD that do not count as business days.",
  LOG_LEVEL: "one of fatal, error, warn, info, debug, trace.",
  ROUTING_RULES_FILE: "path of the routing rules YAML file (default prisma/seed/routing-rules.yml).",
  GUIDANCE_FILE: "path of the guidance cards YAML file (default prisma/seed/guidance.yml).",
  RESOURCES_FILE: "path of the community-resource directory YAML file (default prisma/seed/community-resources.yml).",
  REMINDER_LEAD_HOURS: "hours before a deadline to remind the owner (default 24).",
  UNASSIGNED_NAG_HOURS: "hours a case may stay unassigned before the team is reminded (default 4).",
  LETTER_MAX_GRADE: "target reading grade for letters, 3 to 16 (default 8).",
  INTERIM_RESPONSE_DAYS: "days from drafting (never fewer from receipt) by which an interim letter promises the written response (default 30).",
  OPENAI_TIMEOUT_SECONDS: "seconds to wait for one model call (default 30).",
  OUTBOX_LEASE_SECONDS: "seconds a queued post or draft stays reserved by an instance that stopped renewing it (it renews every third of that while working; default 15), so after a crash another instance or the restarted one resumes within it.",
  SLACK_TIMEOUT_SECONDS: "seconds to wait for one Slack Web API call before it counts as failed (default 10).",
  DIGEST_CHANNEL_ID: "channel for the digests (default CASE_CHANNEL_ID).",
  ESCALATION_DIGEST_CRON: 'five-field cron in the hospital time zone, e.g. "0 8 * * 1-5" (weekdays 08:00); keep it outside 01:00-03:00 (DST).',
  TREND_DIGEST_CRON: 'five-field cron in the hospital time zone, e.g. "0 8 * * 1" (Mondays 08:00).',
  TEAM_DIGEST_CRON: 'five-field cron in the hospital time zone for the monthly team digest sent to managers, e.g. "0 8 1 * *" (the 1st, 08:00); keep it outside 01:00-03:00 (DST).',
  TREND_DENOMINATORS_FILE:
    "optional path of a CSV file with the header unit,week_of,patient_days (or visits): one row per unit and week (week_of a date in that week, or empty for every week); those units' trends are charted per 1,000 patient days.",
  DIGEST_MAX_LATENESS_MINUTES: "how late a missed digest may still be posted after a restart, 0 to 1440 (default 240).",
  INTAKE_LEASE_SECONDS: "seconds an instance keeps an acknowledged intake it is filing before another instance's sweep may file it (default 30).",
  HOSPITAL_ADDRESS: 'the postal address for the letterhead, lines separated by "|", e.g. "1200 River Road|Springfield, IL 62704".',
  HOSPITAL_LOGO_FILE: "optional path of a PNG or JPEG logo for the letterhead.",
  LETTER_CONTACT_TITLE: "the contact person's job title, e.g. Patient Relations Manager.",
  LETTER_CONTACT_PHONE: "the contact person's direct phone number, e.g. 555-201-4400.",
  LETTER_CONTACT_EMAIL: "the contact person's email address, e.g. patient.relations@hospital.org.",
  LETTER_SIGNATORY_TITLE: "the signatory's job title, printed under the signature.",
  METRICS_TOKEN: "optional bearer token for GET /metrics, at least 16 visible characters without spaces (e.g. from openssl rand -hex 24); empty leaves /metrics open.",
  OUTBOX_RETENTION_DAYS: "days a sent post is kept before the daily purge deletes it, 7 to 3650 (default 30); waiting and failed posts are never purged.",
  JOB_RUN_RETENTION_DAYS: "days a scheduled job's run record is kept, 14 to 3650 (default 90).",
  AUDIT_RETENTION_YEARS: "years audit events are kept before /case admin purge-audit may delete them, 6 to 100 (default 6: HIPAA, 45 CFR 164.316(b)(2)).",
};

const emptyToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(emptyToUndefined, schema.optional());
const commaList = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (value) =>
      typeof value === "string"
        ? value
            .split(",")
            .map((part) => part.trim())
            .filter(Boolean)
        : [],
    z.array(item),
  );
const wholeNumber = (min: number, max: number, fallback: number) => {
  const message = `must be a whole number from ${min} to ${max}`;
  return z.preprocess(emptyToUndefined, z.coerce.number({ error: message }).int(message).min(min, message).max(max, message).default(fallback));
};

const EnvSchema = z
  .object({
    SLACK_BOT_TOKEN: z.string({ error: "missing" }).regex(/^xoxb-/, "must start with xoxb-"),
    SLACK_SIGNING_SECRET: optional(z.string().min(8, "looks too short")),
    SLACK_APP_TOKEN: optional(z.string().regex(/^xapp-/, "must start with xapp-")),
    SLACK_API_URL: optional(z.url({ protocol: /^https?$/, error: "must be an http(s) URL" })),
    PORT: wholeNumber(1, 65535, 3000),
    CASE_CHANNEL_ID: z.string({ error: "missing" }).regex(/^[CG][A-Z0-9]{6,}$/, "must be a channel ID like C0123ABCD"),
    DATA_DIR: z.preprocess(emptyToUndefined, z.string().default("./data")),
    DATABASE_URL: optional(z.string().regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")),
    ADMIN_USER_IDS: commaList(z.string().regex(/^[UW][A-Z0-9]{6,}$/, "must be member IDs like U0123ABCD")),
    OPENAI_API_KEY: optional(z.string()),
    OPENAI_BASE_URL: optional(z.url({ error: "must be a URL" })),
    OPENAI_MODEL: z.preprocess(emptyToUndefined, z.string().default("gpt-4.1-mini")),
    TZ: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .default(() => Intl.DateTimeFormat().resolvedOptions().timeZone)
        .refine(isValidTimeZone, "is not a known time zone"),
    ),
    ACK_BUSINESS_DAYS: wholeNumber(0, 30, 2),
    GRIEVANCE_RESPONSE_DAYS: wholeNumber(1, 60, 7),
    COMPLAINT_RESPONSE_BUSINESS_DAYS: wholeNumber(1, 60, 5),
    HOLIDAYS: commaList(z.iso.date("must be dates like 2026-12-25")),
    ROUTING_RULES_FILE: optional(z.string()),
    GUIDANCE_FILE: optional(z.string()),
    RESOURCES_FILE: optional(z.string()),
    HOSPITAL_NAME: z.preprocess(emptyToUndefined, z.string().max(120).default("the hospital")),
    LETTER_CONTACT_NAME: z.preprocess(emptyToUndefined, z.string().max(120).default("the Patient Relations Department")),
    LETTER_CONTACT_DETAILS: z.preprocess(emptyToUndefined, z.string().max(500).default("You can reach Patient Relations through the hospital's main phone number.")),
    LETTER_SIGNATORY: z.preprocess(emptyToUndefined, z.string().max(200).default("Patient Relations Department")),
    HOSPITAL_ADDRESS: z.preprocess(emptyToUndefined, z.string().max(300, "must be 300 characters or fewer").default("")),
    HOSPITAL_LOGO_FILE: optional(z.string()),
    LETTER_CONTACT_TITLE: optional(z.string().max(120, "must be 120 characters or fewer")),
    LETTER_CONTACT_PHONE: optional(z.string().regex(/^\+?[\d\s().-]{7,25}$/, "must be a phone number like 555-201-4400")),
    LETTER_CONTACT_EMAIL: optional(z.email("must be an email address like name@hospital.org")),
    LETTER_SIGNATORY_TITLE: optional(z.string().max(120, "must be 120 characters or fewer")),
    STATE_AGENCY_CONTACT: z.preprocess(emptyToUndefined, z.string().max(500).default("your State Department of Health, the State survey agency for hospitals.")),
    QIO_CONTACT: z.preprocess(emptyToUndefined, z.string().max(500).default("the Medicare Quality Improvement Organization (QIO) for your state. Call 1-800-MEDICARE to find it.")),
    AI_DISCLOSURE: optional(z.string().max(500)),
    LETTER_MAX_GRADE: wholeNumber(3, 16, LETTER_LIMITS.defaultMaxReadingGrade),
    INTERIM_RESPONSE_DAYS: wholeNumber(8, 90, 30),
    OPENAI_TIMEOUT_SECONDS: wholeNumber(1, 300, 30),
    OUTBOX_LEASE_SECONDS: wholeNumber(2, 600, 15),
    SLACK_TIMEOUT_SECONDS: wholeNumber(1, 120, 10),
    DIGEST_CHANNEL_ID: optional(z.string().regex(/^[CG][A-Z0-9]{6,}$/, "must be a channel ID like C0123ABCD")),
    ESCALATION_DIGEST_CRON: z.preprocess(emptyToUndefined, z.string().default("0 8 * * 1-5").refine(cron.validate, "is not a valid cron expression")),
    TREND_DIGEST_CRON: z.preprocess(emptyToUndefined, z.string().default("0 8 * * 1").refine(cron.validate, "is not a valid cron expression")),
    TEAM_DIGEST_CRON: z.preprocess(emptyToUndefined, z.string().default("0 8 1 * *").refine(cron.validate, "is not a valid cron expression")),
    TREND_DENOMINATORS_FILE: optional(z.string()),
    DIGEST_MAX_LATENESS_MINUTES: wholeNumber(0, 1440, 240),
    INTAKE_LEASE_SECONDS: wholeNumber(2, 3600, 30),
    DIGEST_UNASSIGNED_HOURS: wholeNumber(1, 720, 24),
    DIGEST_DRAFT_WAITING_HOURS: wholeNumber(1, 720, 24),
    REMINDER_LEAD_HOURS: wholeNumber(1, 168, 24),
    UNASSIGNED_NAG_HOURS: wholeNumber(1, 168, 4),
    DEPARTMENTS: commaList(z.string().max(75, "names must be 75 characters or fewer")),
    METRICS_TOKEN: optional(z.string().min(16, "looks too short (use at least 16 characters)").regex(/^[\x21-\x7e]+$/, "must be visible ASCII characters without spaces")),
    OUTBOX_RETENTION_DAYS: wholeNumber(7, 3650, 30),
    JOB_RUN_RETENTION_DAYS: wholeNumber(14, 3650, 90),
    AUDIT_RETENTION_YEARS: wholeNumber(6, 100, 6),
    LOG_LEVEL: z.preprocess(
      emptyToUndefined,
      z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    ),
  });

export type Env = z.infer<typeof EnvSchema>;

/** Parses the environment once; on any problem throws one AppError naming every bad variable and how to fix it. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = EnvSchema.safeParse(source);
  const problems = new Map<string, string>();
  // HTTP mode verifies every request with the signing secret; Socket Mode does not need it.
  if (!source.SLACK_APP_TOKEN?.trim() && !source.SLACK_SIGNING_SECRET?.trim()) {
    problems.set("SLACK_SIGNING_SECRET", "missing (or set SLACK_APP_TOKEN to use Socket Mode)");
  }
  if (result.success && problems.size === 0) return result.data;

  for (const issue of result.error?.issues ?? []) {
    const name = String(issue.path[0] ?? "environment");
    const absent = source[name] === undefined || source[name]?.trim() === "";
    const reason = absent && !issue.message.startsWith("missing") ? "missing" : issue.message;
    if (!problems.has(name)) problems.set(name, reason);
  }
  const lines = [...problems].map(([name, reason]) => `  • ${name}: ${reason}. ${HINTS[name] ?? ""}`.trimEnd());
  const message = [
    `Cannot start: ${problems.size} setting${problems.size === 1 ? " is" : "s are"} missing or invalid.`,
    ...lines,
    "",
    "No Slack app yet? Create one at https://api.slack.com/apps → Create New App → From an app manifest,",
    "paste manifest.yml from this repository, install it, then put the values in .env (see .env.example).",
  ].join("\n");
  throw new AppError(ErrorCode.config, message);
}

/** The process's settings: the one place that reads process.env. */
export function loadEnv(): Env {
  return parseEnv(process.env);
}

/** The database settings alone, for the db:* maintenance commands (which need no Slack settings). */
export type DatabaseSettings = Pick<Env, "DATA_DIR" | "DATABASE_URL">;

/** Parses DATA_DIR and DATABASE_URL only; throws one AppError naming a bad one. */
export function parseDatabaseSettings(source: Record<string, string | undefined>): DatabaseSettings {
  const result = EnvSchema.pick({ DATA_DIR: true, DATABASE_URL: true }).safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? "environment");
    return `  • ${name}: ${issue.message}. ${HINTS[name] ?? ""}`.trimEnd();
  });
  throw new AppError(ErrorCode.config, ["Cannot run: a database setting is invalid.", ...lines].join("\n"));
}

/** The database settings from process.env (the one place that reads it). */
export function loadDatabaseSettings(): DatabaseSettings {
  return parseDatabaseSettings(process.env);
}
