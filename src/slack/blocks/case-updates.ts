import type { CaseSummary } from "../../cases/case.ts";
import type { CaseUpdatePayload } from "../../cases/case-updates.ts";
import { CLOSE_OUTCOMES, NOTE_KINDS, STATUS_LABELS } from "../../cases/lifecycle.ts";
import { formatLocal } from "../../lib/zoned-time.ts";
import { caseLink } from "./case-link.ts";
import { escapeText } from "./escape.ts";

// Words for case updates: a line in the case thread, or a direct message. Ids and codes only.

// Payload values come from our own code, but are treated as untrusted all the same.
const user = (id: string | undefined) => (id && /^[UW][A-Z0-9]+$/.test(id) ? `<@${id}>` : "the rules");
const statusLabel = (status: string | undefined) => STATUS_LABELS[status as keyof typeof STATUS_LABELS]?.toLowerCase() ?? escapeText(status ?? "");

/** The one-line thread update for a change. */
export function threadUpdateText(update: CaseUpdatePayload): string {
  switch (update.kind) {
    case "routed":
      return `Routed to team \`${escapeText(update.teamId ?? "")}\` by rule \`${escapeText(update.rule ?? "")}\`${update.ownerId ? `; owner ${user(update.ownerId)}` : "; no owner available yet"}.`;
    case "assigned":
      return `${user(update.ownerId)} took ownership.`;
    case "reassigned":
      return `${user(update.actorId)} reassigned the case to ${user(update.ownerId)}.`;
    case "status_changed":
      return `${user(update.actorId)} changed the status from ${statusLabel(update.from)} to ${statusLabel(update.to)}.`;
    case "note_added":
      return `${user(update.actorId)} added: ${NOTE_KINDS[update.noteKind as keyof typeof NOTE_KINDS]?.toLowerCase() ?? "a note"} (open *View details* to read it).`;
    case "escalated":
      return `:arrow_double_up: ${user(update.actorId)} escalated the case to the managers.`;
    case "closed":
      return `${user(update.actorId)} closed the case: ${CLOSE_OUTCOMES[update.outcome as keyof typeof CLOSE_OUTCOMES]?.toLowerCase() ?? escapeText(update.outcome ?? "")}.`;
    case "reopened":
      return `${user(update.actorId)} reopened the case.`;
    case "reclassified":
      return `${user(update.actorId)} changed the classification to ${escapeText(update.to ?? "")}.`;
    case "qio_referral":
      return ":ballot_box_with_check: Task added: tell the patient of the right to contact the QIO (Medicare quality-of-care or discharge concern).";
    case "alert_harm_or_critical":
      return `:rotating_light: Managers and risk management alerted: ${escapeText(update.reasons ?? "")}.`;
    case "reminder":
      return reminderText(update);
    case "letter_awaiting_approval":
      return `:envelope: ${letterName(update)} awaits a manager's approval.`;
  }
}

// Kind and version come from our own payload; anything unexpected is left out rather than shown.
function letterName(update: CaseUpdatePayload): string {
  const kind = update.letterKind === "interim" ? "interim letter" : "response letter";
  const version = /^\d{1,4}$/.test(update.version ?? "") ? ` (version ${update.version})` : "";
  return `The ${kind}${version}`;
}

function reminderText(update: CaseUpdatePayload): string {
  const due = update.dueAt ? new Date(update.dueAt) : null;
  const when = due ? formatLocal(due, update.timeZone ?? "UTC") : "";
  switch (update.reminder) {
    case "acknowledge_due_soon":
      return `:alarm_clock: Acknowledgement due ${when}.`;
    case "acknowledge_overdue":
      return `:red_circle: Acknowledgement overdue since ${when}.`;
    case "response_due_soon":
      return `:alarm_clock: ${update.caseType === "grievance" ? "Written response or interim letter" : "Response"} due ${when}.`;
    case "response_overdue":
      return `:red_circle: ${update.caseType === "grievance" ? "Written response or interim letter" : "Response"} overdue since ${when}.`;
    case "unassigned":
      return `:wave: Nobody owns this case yet (filed ${when}). Press *Assign to me* on the card.`;
    default:
      return "Reminder.";
  }
}

/** A direct message about a case: the update, naming the case so it stands alone. */
export function directMessageText(update: CaseUpdatePayload, summary: CaseSummary, permalink: string | null): string {
  const ref = caseLink(summary.number, permalink);
  switch (update.kind) {
    case "assigned":
    case "reassigned":
      return `You now own ${ref} (${escapeText(summary.department)}, severity ${summary.severity}).`;
    case "escalated":
      return `:arrow_double_up: ${user(update.actorId)} escalated ${ref} to the managers.`;
    case "alert_harm_or_critical":
      return `:rotating_light: ${ref} needs attention now: ${escapeText(update.reasons ?? "")}.`;
    case "letter_awaiting_approval":
      return `:envelope: ${letterName(update)} for ${ref} is ready and awaits your approval. Open it in the case's thread to review, edit, approve or reject it.`;
    default:
      return `${ref}: ${threadUpdateText(update)}`;
  }
}
