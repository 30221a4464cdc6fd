import type { WebClient } from "@slack/web-api";
import type { Logger } from "../../lib/logger.ts";
import { AppError, errorSummary } from "../../lib/errors.ts";
import type { CaseMessage } from "../blocks/case-card.ts";

const UNEXPECTED = "Something went wrong and nothing was changed. Try again; if it keeps happening, tell your patient-relations manager.";

/** Tells one user something privately: ephemeral in the channel they are in, else a direct message from the app. */
export async function tellPrivately(client: WebClient, userId: string, channelId: string | undefined, message: CaseMessage): Promise<void> {
  if (channelId && !channelId.startsWith("D")) {
    try {
      await client.chat.postEphemeral({ channel: channelId, user: userId, ...message });
      return;
    } catch {
      // Not in that channel (or it is private to the app): fall back to a direct message.
    }
  }
  await client.chat.postMessage({ channel: userId, ...message });
}

/** A short private note. Only for the app's own sentences, which may mention users. */
export function notice(text: string, icon = ":warning:"): CaseMessage {
  return { text, blocks: [{ type: "section", text: { type: "mrkdwn", text: `${icon} ${text}` } }] };
}

/** The safe sentence for any error: an AppError's own message, otherwise a generic one (logged by id). */
export function userMessageFor(error: unknown, logger: Logger, context: Record<string, string | undefined>): string {
  if (error instanceof AppError) return error.userMessage;
  logger.error({ ...context, error: errorSummary(error) }, "case action failed");
  return UNEXPECTED;
}

/** A modal replacing a confirmation form that has no field to show an error on. */
export function notDoneView(message: string) {
  return {
    type: "modal" as const,
    title: { type: "plain_text" as const, text: "Not done" },
    close: { type: "plain_text" as const, text: "Close" },
    blocks: [{ type: "section" as const, text: { type: "mrkdwn" as const, text: `:warning: ${message}` } }],
  };
}

/** Inline form errors are plain text, where a mention would show as raw markup. */
export function plainFormError(message: string): string {
  return message.replace(/<@[A-Z0-9]+>/g, "another user");
}
