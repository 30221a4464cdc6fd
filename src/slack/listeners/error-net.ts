import type { AckFn, ViewResponseAction } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import type { Logger } from "../../lib/logger.ts";
import type { CaseMessage } from "../blocks/case-card.ts";
import { markInteractionFailed } from "../interaction-guard.ts";
import { notDoneView, notice, plainFormError, tellPrivately, userMessageFor } from "./respond.ts";

// The one error net under every listener's service call: whatever failed, the person who acted is
// told on the surface they acted on. An AppError's message is shown as it is; anything else is
// logged by id (never its text, which may echo patient data) and answered with one safe sentence.

/** Where the person who acted is answered. */
export type ErrorSurface =
  /** A modal with a field to hang the error on: shown inline on `block`, as plain text. */
  | { kind: "form"; ack: AckFn<ViewResponseAction>; block: string }
  /** A confirmation modal with no field: replaced by a "Not done" view that explains. */
  | { kind: "confirmation"; ack: AckFn<ViewResponseAction> }
  /** A button press or menu choice: ephemeral in the channel they are in, else a direct message. */
  | { kind: "private"; client: WebClient; userId: string; channelId: string | undefined }
  /** A slash command: its own ephemeral reply. */
  | { kind: "reply"; reply: (message: CaseMessage) => Promise<unknown> };

/** A modal submission's surface: inline on `block` when the form has one for this error, else a "Not done" view. */
export function submissionSurface(ack: AckFn<ViewResponseAction>, block: string | undefined): ErrorSurface {
  return block ? { kind: "form", ack, block } : { kind: "confirmation", ack };
}

/** Answers a failed listener call on its surface; `context` (ids only) goes to the log with an unexpected error. */
export async function answerError(surface: ErrorSurface, error: unknown, logger: Logger, context: Record<string, string | undefined>): Promise<void> {
  // Nothing was applied: the interaction's key is given back, so Slack's retry or the person's next try runs.
  markInteractionFailed();
  const message = userMessageFor(error, logger, context);
  switch (surface.kind) {
    case "form":
      // Inline form errors are plain text, where a mention would show as raw markup.
      await surface.ack({ response_action: "errors", errors: { [surface.block]: plainFormError(message) } });
      return;
    case "confirmation":
      await surface.ack({ response_action: "update", view: notDoneView(message) });
      return;
    case "private":
      await tellPrivately(surface.client, surface.userId, surface.channelId, notice(message));
      return;
    case "reply":
      await surface.reply(notice(message));
      return;
  }
}
