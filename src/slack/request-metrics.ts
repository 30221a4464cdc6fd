import type { AnyMiddlewareArgs, Middleware } from "@slack/bolt";
import type { Metrics, SlackRequestType } from "../lib/metrics.ts";

/** A Slack request's type as a fixed label: never its command text, ids or user. */
export function slackRequestType(body: AnyMiddlewareArgs["body"]): SlackRequestType {
  const value = body as { type?: unknown; command?: unknown };
  if (typeof value.command === "string") return "command";
  switch (value.type) {
    case "block_actions":
    case "interactive_message":
      return "action";
    case "view_submission":
      return "view_submission";
    case "view_closed":
      return "view_closed";
    case "event_callback":
    case "app_rate_limited":
      return "event";
    case "shortcut":
    case "message_action":
      return "shortcut";
    case "block_suggestion":
    case "dialog_suggestion":
      return "options";
    default:
      return "other";
  }
}

/** Times every Slack request, over either transport, into the request-latency histogram. */
export function requestMetrics(metrics: Metrics): Middleware<AnyMiddlewareArgs> {
  return async ({ body, next }) => {
    const started = performance.now();
    let outcome: "ok" | "error" = "ok";
    try {
      await next();
    } catch (error) {
      outcome = "error";
      throw error;
    } finally {
      metrics.slackRequest(slackRequestType(body), outcome, (performance.now() - started) / 1000);
    }
  };
}
