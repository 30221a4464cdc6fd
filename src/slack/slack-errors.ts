// How to read the errors the Web API client throws. Slack answers a refused call with
// `{ ok: false, error, errors?, response_metadata?: { messages? } }`
// (https://docs.slack.dev/apis/web-api/#responses); @slack/web-api throws it as a platform error
// whose `data` is that body.

interface PlatformErrorBody {
  error?: unknown;
  errors?: unknown;
  response_metadata?: { messages?: unknown };
}

/** Slack's own error code, when Slack answered and refused. */
export function slackErrorCode(error: unknown): string | null {
  const code = (error as { data?: PlatformErrorBody } | null)?.data?.error;
  return typeof code === "string" ? code : null;
}

/** Slack's detail lines for a refusal (json-pointers and limits; never message content). */
function slackErrorDetail(error: unknown): string[] {
  const data = (error as { data?: PlatformErrorBody } | null)?.data;
  const lines = Array.isArray(data?.errors) ? data.errors : Array.isArray(data?.response_metadata?.messages) ? data.response_metadata.messages : [];
  return lines.filter((line): line is string => typeof line === "string");
}

/** The bot cannot post in that channel: not invited, unknown to it, or archived. */
const CHANNEL_REFUSALS = new Set(["not_in_channel", "channel_not_found", "is_archived"]);

/** Slack refused the payload itself (https://docs.slack.dev/reference/methods/chat.postMessage#errors). */
const LAYOUT_REFUSALS = new Set(["invalid_blocks", "invalid_blocks_format", "invalid_arguments", "msg_too_long", "no_text", "too_many_attachments"]);

/** Refusals that sending the same request again cannot fix (rate limits and outages are not among them). */
const FINAL_REFUSALS = new Set([...CHANNEL_REFUSALS, ...LAYOUT_REFUSALS, "cannot_dm_bot", "user_not_found", "messages_tab_disabled", "restricted_action"]);

export const isChannelRefusal = (error: unknown): boolean => CHANNEL_REFUSALS.has(slackErrorCode(error) ?? "");

export const isLayoutRefusal = (error: unknown): boolean => LAYOUT_REFUSALS.has(slackErrorCode(error) ?? "");

/** Slack's code and detail as one log-safe line, e.g. "invalid_blocks: must be less than 6 items [json-pointer:/blocks/5/elements/4/options]". */
export function refusalReason(error: unknown): string {
  const code = slackErrorCode(error) ?? "unknown";
  const detail = slackErrorDetail(error).join("; ");
  return (detail ? `${code}: ${detail}` : code).slice(0, 1_000);
}

/** The reason, when retrying cannot help; null for anything worth another try. */
export function finalRefusal(error: unknown): string | null {
  return FINAL_REFUSALS.has(slackErrorCode(error) ?? "") ? refusalReason(error) : null;
}

/** How long Slack asked us to wait (a rate-limited call's Retry-After, in milliseconds), or null. */
export function retryAfterMs(error: unknown): number | null {
  const seconds = (error as { code?: unknown; retryAfter?: unknown } | null)?.retryAfter;
  return typeof seconds === "number" && Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : null;
}
