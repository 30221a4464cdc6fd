// What the domains tell the metrics registry (port; src/ops/metrics.ts implements it with
// prom-client). Every label is one of the fixed enumerations below: never a user, case, channel
// or any text, so nothing about a patient can reach a metric.

export const SLACK_REQUEST_TYPES = ["command", "action", "view_submission", "view_closed", "event", "shortcut", "options", "other"] as const;
export type SlackRequestType = (typeof SLACK_REQUEST_TYPES)[number];

export const REQUEST_OUTCOMES = ["ok", "error"] as const;
export type RequestOutcome = (typeof REQUEST_OUTCOMES)[number];

export const DRAFT_SOURCES = ["model", "template"] as const;
export type DraftSource = (typeof DRAFT_SOURCES)[number];

/** Why a draft came from the template ("none" for a model draft). */
export const TEMPLATE_REASONS = ["none", "no_model_configured", "timeout", "rate_limited", "refused", "malformed_output", "model_error", "other"] as const;
export type TemplateReason = (typeof TEMPLATE_REASONS)[number];

/** How a model call failed. */
export const MODEL_ERROR_CLASSES = ["timeout", "rate_limited", "http_4xx", "http_5xx", "connection", "refused", "malformed_output", "other"] as const;
export type ModelErrorClass = (typeof MODEL_ERROR_CLASSES)[number];

export const DIGEST_KINDS = ["escalation", "trend", "team", "other"] as const;
export type DigestKind = (typeof DIGEST_KINDS)[number];

/** The few calls domains make; each is cheap, synchronous and never throws. */
export interface Metrics {
  /** A Slack request handled (command, action, view…), how it ended and how long it took. */
  slackRequest(type: SlackRequestType, outcome: RequestOutcome, seconds: number): void;
  /** A letter draft produced, by its source and, for a template draft, why the template was used. */
  letterDraft(source: DraftSource, reason: TemplateReason): void;
  /** One model call (retries included): its latency, and its error class when it failed. */
  modelCall(seconds: number, error?: ModelErrorClass): void;
  /** A scheduled digest queued for posting (once per slot across instances). */
  digestPosted(kind: DigestKind): void;
  /** Reminder messages queued (thread lines and direct messages), once per case and deadline. */
  remindersSent(count: number): void;
}

/** Metrics that go nowhere (unit tests, tools). */
export const noMetrics: Metrics = {
  slackRequest() {},
  letterDraft() {},
  modelCall() {},
  digestPosted() {},
  remindersSent() {},
};

/** The value itself when it is one of `allowed`, else `fallback`: labels stay a fixed set whatever a caller passes at run time. */
export function oneOf<T extends string>(allowed: readonly T[], value: unknown, fallback: T): T {
  return typeof value === "string" && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

/** The template's reason as recorded on a letter version (a code) mapped to the metric's label. */
export function templateReasonOf(fallbackReason: string | undefined): TemplateReason {
  if (!fallbackReason) return "other";
  if (fallbackReason === "no_llm_configured") return "no_model_configured";
  if (fallbackReason.startsWith("http_") || fallbackReason === "connection_error") return "model_error";
  return oneOf(TEMPLATE_REASONS, fallbackReason, "other");
}
