import type { DeliveryAlert } from "../../outbox/delivery-alerts.ts";
import type { CaseMessage } from "./case-card.ts";
import { escapeText } from "./escape.ts";
import { escapeWithin } from "./fit.ts";

// The private message a filer and the managers get when Slack refused a post for good: which case,
// what was not posted, Slack's own reason, and what to do about it.

/** The alert's facts, as queued. */
export type DeliveryAlertFacts = Omit<DeliveryAlert, "recipientId">;

const WHAT: Record<string, string> = {
  case_card: "case card",
  case_card_refresh: "update to the case card",
  case_thread_update: "update in the case thread",
  direct_message: "direct message",
  channel_message: "digest",
  letter_message: "letter message in the case thread",
  letter_draft: "letter draft",
};

const RETRY = "then an admin runs `/case admin retry` to post what failed.";

/** What a person can do about Slack's reason. */
function advice(code: string, channel: string): string {
  switch (code) {
    case "not_in_channel":
      return `Invite the app to ${channel} (type \`/invite @Patient Relations\` there), ${RETRY}`;
    case "channel_not_found":
      return `The app cannot see ${channel}: invite it if the channel is private, or correct the channel ID in the settings (CASE_CHANNEL_ID, DIGEST_CHANNEL_ID or the routing team's channel), ${RETRY}`;
    case "is_archived":
      return `${channel} is archived: unarchive it or set another channel, ${RETRY}`;
    default:
      return "Slack refused the message itself, so sending it again would fail the same way. Please report this to whoever runs the app, quoting the reason above.";
  }
}

/** The alert, in plain words. */
export function deliveryAlertMessage(alert: DeliveryAlertFacts): CaseMessage {
  // Slack's code leads the reason ("invalid_blocks: …"); codes are short words.
  const code = (alert.reason.split(":")[0] ?? alert.reason).slice(0, 60);
  const what = WHAT[alert.what] ?? "message";
  const channel = /^[CG][A-Z0-9]+$/.test(alert.channelId) ? `<#${alert.channelId}>` : "the channel";
  const subject = alert.caseNumber ? `The ${what} of *${escapeText(alert.caseNumber)}*` : `A ${what}`;
  const fellBack = alert.fellBack
    ? ` A plain-text card was posted instead, so the case is visible; use \`/case ${escapeText(alert.caseNumber)}\` for its actions.`
    : " The case itself is safe in the database.";
  const lead = `:warning: ${subject} could not be posted: Slack answered \`${escapeText(code)}\`.${fellBack}`;
  return {
    text: `${alert.caseNumber ? `${alert.caseNumber}: ` : ""}Slack refused a ${what} (${code}).`,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: lead.slice(0, 3_000) } },
      { type: "section", text: { type: "mrkdwn", text: `*What to do:* ${advice(code, channel)}` } },
      { type: "context", elements: [{ type: "mrkdwn", text: `Slack's reason: ${escapeWithin(alert.reason, 1_900)}` }] },
    ],
  };
}
