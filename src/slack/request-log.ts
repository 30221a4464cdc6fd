import type { AnyMiddlewareArgs, Middleware } from "@slack/bolt";
import type { Logger } from "../lib/logger.ts";
import { errorSummary } from "../lib/errors.ts";

/** What a Slack request was, by ids only: its type and the command, action or view it targets. */
function describeRequest(body: AnyMiddlewareArgs["body"]): { type: string; target?: string; user?: string } {
  const value = body as Record<string, unknown> & {
    command?: string;
    callback_id?: string;
    actions?: { action_id?: string }[];
    view?: { callback_id?: string };
    event?: { type?: string; user?: string };
    user?: { id?: string } | string;
    user_id?: string;
  };
  const type = typeof value.type === "string" ? value.type : value.command ? "slash_command" : "unknown";
  const target = value.command ?? value.actions?.[0]?.action_id ?? value.view?.callback_id ?? value.callback_id ?? value.event?.type;
  const user = value.user_id ?? (typeof value.user === "object" ? value.user?.id : value.user) ?? value.event?.user;
  return { type, ...(target ? { target } : {}), ...(user ? { user } : {}) };
}

/** One log line per Slack request with its latency and outcome (ids only, never content). */
export function requestLog(logger: Logger): Middleware<AnyMiddlewareArgs> {
  return async ({ body, next }) => {
    const started = performance.now();
    let outcome = "ok";
    try {
      await next();
    } catch (error) {
      outcome = `error:${errorSummary(error).code ?? errorSummary(error).name}`;
      throw error;
    } finally {
      logger.info({ ...describeRequest(body), ms: Math.round((performance.now() - started) * 10) / 10, outcome }, "slack request");
    }
  };
}
