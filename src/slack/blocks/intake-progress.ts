import type { ModalView } from "@slack/types";
import type { CaseMessage } from "./case-card.ts";

// What the intake modal turns into once it is submitted: it is acknowledged at once (so a slow
// database never runs into Slack's 3-second limit), shows that it is saving, then the outcome.

const TITLE = { type: "plain_text" as const, text: "New patient concern" };

/** Shown while the case is being saved: no submit button, so nothing can be sent twice from here. */
export function filingModal(): ModalView {
  return {
    type: "modal",
    title: TITLE,
    close: { type: "plain_text", text: "Close" },
    blocks: [{ type: "section", text: { type: "mrkdwn", text: ":hourglass_flowing_sand: Filing the case…" } }],
  };
}

/** The saved case as `filedConfirmation` tells it (number, type, why, when due; no patient data), in the modal. */
export function filedModal(confirmation: CaseMessage): ModalView {
  return {
    type: "modal",
    title: TITLE,
    close: { type: "plain_text", text: "Done" },
    blocks: confirmation.blocks as ModalView["blocks"],
  };
}
