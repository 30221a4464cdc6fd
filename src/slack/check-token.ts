import { WebClient } from "@slack/web-api";
import { AppError, ErrorCode, errorSummary } from "../lib/errors.ts";
import type { Logger } from "../lib/logger.ts";
import { boltLogger } from "./bolt-logger.ts";

const REJECTED_TOKEN = new Set(["invalid_auth", "not_authed", "token_revoked", "token_expired", "account_inactive", "not_allowed_token_type"]);

/**
 * Checks SLACK_BOT_TOKEN once at start-up, so a wrong token or an unreachable Slack is reported in
 * words before anyone tries to file a case (a supervisor restarting the process retries later).
 */
export async function checkBotToken(token: string, slackApiUrl: string | undefined, logger: Logger): Promise<{ workspaceUrl: string }> {
  // A dedicated client with a short retry budget: start-up must not hang for the default half hour.
  const client = new WebClient(token, { ...(slackApiUrl ? { slackApiUrl } : {}), retryConfig: { retries: 1, factor: 1 }, timeout: 5_000, logger: boltLogger(logger) });
  try {
    const result = await client.auth.test();
    logger.info({ team: result.team_id, botUser: result.user_id }, "connected to Slack");
    return { workspaceUrl: typeof result.url === "string" ? result.url : "https://slack.com/" };
  } catch (error) {
    const code = (error as { data?: { error?: string } }).data?.error;
    if (code && REJECTED_TOKEN.has(code)) {
      throw new AppError(
        ErrorCode.config,
        `Slack rejected SLACK_BOT_TOKEN (${code}). In the Slack app settings open OAuth & Permissions, reinstall the app if asked, and copy the Bot User OAuth Token (xoxb-…) again.`,
      );
    }
    logger.error({ error: errorSummary(error), code }, "could not reach Slack");
    throw new AppError(
      ErrorCode.config,
      `Could not reach Slack's Web API at ${slackApiUrl ?? "https://slack.com/api/"} (${code ?? errorSummary(error).code ?? errorSummary(error).name}). Check the network, any proxy, and SLACK_API_URL.`,
      { cause: error },
    );
  }
}
