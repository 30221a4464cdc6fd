import type { KnownBlock, ModalView } from "@slack/types";
import { issueVerdictsOf } from "../../letters/issues-answered.ts";
import type { LetterCheck } from "../../letters/letter-check.ts";
import { LETTER_EDIT_FORM, LETTER_REVIEW_LIMITS } from "../../letters/letter-limits.ts";
import { languageName } from "../../letters/letter-language.ts";
import type { LetterView } from "../../letters/letter-views.ts";
import { formatLocal } from "../../lib/zoned-time.ts";
import { encodeLetterRef } from "../forms/letter-ref.ts";
import { ACTION_FIELDS as F, ACTIONS, VIEWS } from "../ids.ts";
import type { CaseMessage } from "./case-card.ts";
import { escapeText, truncate } from "./escape.ts";
import { escapeWithin, TEXT_MAX } from "./fit.ts";

// The letter in the case thread: placeholder, then the draft with its checklist and review
// buttons, then the approved (or rejected, or sent) state. The letter is split into sections by
// paragraph, each within Slack's 3,000-character limit.

const SECTION_LIMIT = 2900;
const kindLabel = (kind: string) => (kind === "interim" ? "Interim letter" : "Response letter");

/** Splits text into chunks at paragraph (then line, then word) boundaries, each at most `limit`. */
function splitText(text: string, limit: number): string[] {
  const chunks: string[] = [];
  let current = "";
  const push = (piece: string, separator: string) => {
    if (!current) current = piece;
    else if (current.length + separator.length + piece.length <= limit) current += separator + piece;
    else {
      chunks.push(current);
      current = piece;
    }
  };
  for (const paragraph of text.split("\n\n")) {
    if (paragraph.length <= limit) {
      push(paragraph, "\n\n");
      continue;
    }
    let rest = paragraph;
    while (rest.length > limit) {
      const cut = Math.max(rest.lastIndexOf(" ", limit), rest.lastIndexOf("\n", limit), Math.floor(limit / 2));
      push(rest.slice(0, cut), "\n\n");
      rest = rest.slice(cut).trimStart();
    }
    push(rest, "\n\n");
  }
  if (current) chunks.push(current);
  return chunks;
}

export function letterPlaceholder(number: string, kind: string): CaseMessage {
  const text = `:hourglass_flowing_sand: Drafting the ${kindLabel(kind).toLowerCase()} for ${number}…`;
  return { text, blocks: [{ type: "section", text: { type: "mrkdwn", text } }] };
}

/** The checklist; `withDetails` quotes what was found, which may be patient text (private views only). */
function checklist(checks: LetterCheck[], withDetails: boolean): string {
  return checks
    .map((check) => {
      const icon = check.passed ? ":white_check_mark:" : check.required ? ":x:" : ":warning:";
      const detail = withDetails && check.detail && !check.passed ? ` — ${escapeText(truncate(check.detail, 200))}` : "";
      return `${icon} ${escapeText(check.label)}${check.required ? "" : " _(advisory)_"}${detail}`;
    })
    .join("\n");
}

/**
 * Each recorded issue with ✓ or ✗. In the thread (`texts` absent) only numbers: the issues are the
 * patient's words; the private view and the approve form show them in full.
 */
function issueLines(view: LetterView, texts?: readonly string[]): string {
  const check = view.checks.find((entry) => entry.id === "issues_answered");
  const verdicts = check ? issueVerdictsOf(check as unknown as { id: string } & Record<string, unknown>) : [];
  if (verdicts.length === 0) return "";
  const total = verdicts.length;
  const lines = verdicts.map((verdict) => {
    const text = texts?.[verdict.number - 1];
    const state = verdict.answered ? "answered" : verdict.mentionedOnly ? "mentioned but not answered" : "not answered";
    return `${verdict.answered ? ":white_check_mark:" : ":x:"} Issue ${verdict.number} of ${total} ${state}${text ? `: ${escapeText(truncate(text, 200))}` : ""}`;
  });
  return `*Issues the patient raised*\n${lines.join("\n")}`;
}

const issueSection = (text: string): KnownBlock[] => (text ? [{ type: "section", text: { type: "mrkdwn", text: truncate(text, 3000) } }] : []);
const issueTexts = (view: LetterView) => (Array.isArray(view.version?.issues) ? (view.version.issues as unknown[]).filter((issue): issue is string => typeof issue === "string") : []);

const button = (text: string, actionId: string, value: string, style?: "primary" | "danger") => ({
  type: "button" as const,
  text: { type: "plain_text" as const, text },
  action_id: actionId,
  value,
  ...(style ? { style } : {}),
});

/**
 * The letter's message in the case thread: its state, checklist and buttons, but not its text,
 * which names the patient (minimum necessary); "View letter" shows it privately, audited.
 */
export function letterMessage(view: LetterView, timeZone: string): CaseMessage {
  const { letter, version, summary } = view;
  const title = `${kindLabel(letter.kind)} · ${summary.number}${version ? ` · version ${version.number}` : ""}`;
  if (!version || letter.status === "drafting") {
    return letterPlaceholder(summary.number, letter.kind);
  }
  const ref = encodeLetterRef(letter.id, version.number);
  const source =
    version.source === "llm"
      ? `:robot_face: Drafted by an AI model (${escapeText(version.model ?? "unknown")}). It is only a draft: check every sentence against the case before approving.`
      : version.source === "template"
        ? `:page_facing_up: *Template draft (no AI)*${version.fallbackReason ? ` — the AI draft was not available (${escapeText(version.fallbackReason)})` : ""}. Fill the bracketed gaps before approving.`
        : `:pencil2: Edited by <@${version.authorId}>.`;
  const blocks: KnownBlock[] = [
    { type: "header", text: { type: "plain_text", text: truncate(title, 150) } },
    { type: "context", elements: [{ type: "mrkdwn", text: source }, ...promiseLine(view, timeZone)] },
    { type: "section", text: { type: "mrkdwn", text: truncate(`*Checks*\n${checklist(view.checks, false)}`, 3000) } },
    ...issueSection(issueLines(view)),
  ];
  if (letter.status === "draft") {
    blocks.push({
      type: "actions",
      block_id: "letter_actions",
      elements: [
        button("View letter", ACTIONS.letterView, ref),
        button("Approve…", ACTIONS.letterApprove, ref, "primary"),
        button("Edit", ACTIONS.letterEdit, ref),
        button("Regenerate…", ACTIONS.letterRegenerate, ref),
        button("Reject…", ACTIONS.letterReject, ref, "danger"),
      ],
    });
  } else if (letter.status === "approved" || letter.status === "sent") {
    const approved = `:white_check_mark: Approved by <@${letter.approvedBy}> on ${letter.approvedAt ? formatLocal(letter.approvedAt, timeZone) : ""} (version ${letter.approvedVersion}, sha256 ${letter.approvedHash?.slice(0, 12)}…)${overrideLine(view)}`;
    const translated = letter.translationReviewedBy || letter.translationReviewer ? `\n:globe_with_meridians: Translation reviewed${letter.translationReviewedBy ? ` by <@${letter.translationReviewedBy}>` : " by an outside reviewer (named in the letter's private view)"}.` : "";
    const sent = letter.sentAt ? `\n:outbox_tray: Sent to the patient on ${formatLocal(letter.sentAt, timeZone)} (recorded by <@${letter.sentBy}>)` : "";
    blocks.push({ type: "section", text: { type: "mrkdwn", text: approved + translated + sent } });
    blocks.push({
      type: "actions",
      block_id: "letter_actions",
      elements: [
        button("View letter", ACTIONS.letterView, ref),
        button("Download PDF", ACTIONS.letterPdf, ref),
        button("Download text", ACTIONS.letterText, ref),
        ...(letter.status === "approved" ? [button("Mark as sent", ACTIONS.letterSent, ref, "primary")] : []),
      ],
    });
    blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: PDF_SCRIPTS_NOTE }] });
  } else if (letter.status === "rejected") {
    blocks.push({ type: "section", text: { type: "mrkdwn", text: `:no_entry: Rejected by <@${letter.rejectedBy}>. The reason is in the letter's private view.` } });
  }
  return { text: `${title} (${letter.status})`, blocks: blocks.slice(0, 50) };
}

// What the PDF can print (src/letters/fonts.ts), said where it is offered, so nobody mails a letter with gaps.
const PDF_SCRIPTS_NOTE =
  "The PDF is on the hospital letterhead and prints Latin-script languages with their accents (Vietnamese, Polish, Romanian…), Cyrillic, Greek and Chinese. A letter in Arabic, Hebrew or another right-to-left script cannot be laid out as a PDF: use *Download text* for it.";

/**
 * That the approver overrode failing required checks, by whom and which (by label), for the thread.
 * The reason they gave is their own words (it has held a patient's name and MRN): it stays in the
 * record and the letter's private view, never in the channel.
 */
function overrideLine(view: LetterView): string {
  const { letter, version } = view;
  if (!letter.overrideReason) return "";
  // The checks shown are the current version's, which is the approved one (an approved letter takes no new versions).
  const overridden = version?.number === letter.approvedVersion ? view.checks.filter((check) => check.required && !check.passed).map((check) => escapeText(check.label)) : [];
  const which = overridden.length > 0 ? `: ${overridden.join("; ")}` : "";
  return `\n:warning: <@${letter.approvedBy}> approved it despite failing required checks${which}. The reason is in the letter's private view.`;
}

const plain = (text: string) => ({ type: "plain_text" as const, text: truncate(text, 75) });

function modal(callbackId: string, title: string, ref: string, blocks: KnownBlock[], submit: string): ModalView {
  return { type: "modal", callback_id: callbackId, private_metadata: ref, title: plain(title), submit: plain(submit), close: plain("Cancel"), blocks };
}

// A reason is at most 1,000 characters, but escaping can make it 5,000: measured after escaping,
// any reason written in words is shown whole; only one made mostly of & < > is shortened.
const REJECTED = "*Rejected:* ";
const rejectedSection = (reason: string): KnownBlock => ({ type: "section", text: { type: "mrkdwn", text: `${REJECTED}${escapeWithin(reason, TEXT_MAX - REJECTED.length)}` } });
const OVERRIDDEN = "*Approved despite failing checks, because:* ";
const overrideSection = (reason: string): KnownBlock => ({ type: "section", text: { type: "mrkdwn", text: `${OVERRIDDEN}${escapeWithin(reason, TEXT_MAX - OVERRIDDEN.length)}` } });

const TRANSLATED = "*Translation reviewed by:* ";
/** Who reviewed a non-English letter's translation, as recorded with the approval (private view). */
function translationSection(view: LetterView): KnownBlock[] {
  const { letter, version } = view;
  if (!letter.translationReviewedBy && !letter.translationReviewer) return [];
  const who = [letter.translationReviewedBy ? `<@${letter.translationReviewedBy}>` : "", letter.translationReviewer ? escapeWithin(letter.translationReviewer, 400) : ""].filter(Boolean).join(" · ");
  const language = version?.language && version.language !== "en" ? ` (${languageName(version.language)})` : "";
  return [{ type: "section", text: { type: "mrkdwn", text: `${TRANSLATED}${who}${language}` } }];
}

/** The letter itself with its detailed checklist, for one authorized user (the view is audited). */
export function letterViewModal(view: LetterView): ModalView {
  const text = view.version?.text ?? "";
  const blocks: KnownBlock[] = [
    { type: "context", elements: [{ type: "mrkdwn", text: ":lock: Protected health information. This view is recorded in the audit trail." }] },
    ...splitText(escapeText(text), SECTION_LIMIT).slice(0, 40).map((chunk) => ({ type: "section", text: { type: "mrkdwn", text: chunk } }) as KnownBlock),
    { type: "divider" },
    { type: "section", text: { type: "mrkdwn", text: truncate(`*Checks*\n${checklist(view.checks, true)}`, 3000) } },
    ...issueSection(issueLines(view, issueTexts(view))),
    ...(view.letter.rejectedReason ? [rejectedSection(view.letter.rejectedReason)] : []),
    ...(view.letter.overrideReason ? [overrideSection(view.letter.overrideReason)] : []),
    ...translationSection(view),
  ];
  return {
    type: "modal",
    title: plain(`${view.summary.number} v${view.version?.number ?? 0}`),
    close: plain("Close"),
    blocks: blocks.slice(0, 100),
  };
}

/** An interim letter's promised date, for whoever approves or sends it. */
function promiseLine(view: LetterView, timeZone: string): { type: "mrkdwn"; text: string }[] {
  if (!view.promisedResponseBy) return [];
  return [{ type: "mrkdwn", text: `:calendar: Promises the written response by *${formatLocal(view.promisedResponseBy, timeZone)}*.` }];
}

/** Approve: the checklist again, the date an interim letter promises, and an override reason when a required check fails. */
export function approveModal(view: LetterView, timeZone: string): ModalView {
  const failing = view.checks.filter((check) => check.required && !check.passed);
  const ref = encodeLetterRef(view.letter.id, view.version?.number ?? 0);
  const promise = promiseLine(view, timeZone);
  const blocks: KnownBlock[] = [
    { type: "section", text: { type: "mrkdwn", text: `Approve version ${view.version?.number} of the ${kindLabel(view.letter.kind).toLowerCase()} for *${view.summary.number}*? The exact text is recorded with your approval.` } },
    ...(promise.length > 0 ? [{ type: "context", elements: promise } as KnownBlock] : []),
    { type: "section", text: { type: "mrkdwn", text: truncate(checklist(view.checks, true), 3000) } },
    ...issueSection(issueLines(view, issueTexts(view))),
  ];
  const language = view.version?.language ?? "en";
  if (language !== "en") {
    blocks.push(
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text: `:globe_with_meridians: This letter is in *${languageName(language)}*. Machine translation alone is not a qualified translation (HHS Section 1557): say who reviewed it. It is recorded with your approval.`,
        },
      },
      { type: "input", block_id: F.translationReviewer, optional: true, label: plain("Translation reviewed by"), element: { type: "users_select", action_id: F.translationReviewer, placeholder: plain("A colleague in Slack") } },
      {
        type: "input",
        block_id: F.translationReviewerText,
        optional: true,
        label: plain("Or an outside reviewer: name and qualification"),
        element: { type: "plain_text_input", action_id: F.translationReviewerText, max_length: LETTER_REVIEW_LIMITS.translationReviewer, placeholder: plain("e.g. Ana Ruiz, certified medical interpreter") },
      },
    );
  }
  if (failing.length > 0) {
    blocks.push({
      type: "input",
      block_id: F.overrideReason,
      label: plain("Reason to approve despite failing checks"),
      element: { type: "plain_text_input", action_id: F.overrideReason, multiline: true, max_length: LETTER_REVIEW_LIMITS.overrideReason },
    });
  }
  return modal(VIEWS.letterApprove, "Approve letter", ref, blocks, "Approve");
}

/** Edit: the letter split over as many inputs as it needs (one input holds 3,000 characters). */
export function editModal(view: LetterView): ModalView {
  const parts = splitText(view.version?.text ?? "", LETTER_EDIT_FORM.partCharacters).slice(0, LETTER_EDIT_FORM.parts);
  const blocks: KnownBlock[] = [
    { type: "context", elements: [{ type: "mrkdwn", text: "Parts are joined with a blank line between them. The checks run again on save." }] },
    ...parts.map(
      (part, index) =>
        ({
          type: "input",
          block_id: `${F.letterPart}${index}`,
          label: plain(parts.length > 1 ? `Letter, part ${index + 1} of ${parts.length}` : "Letter"),
          optional: index > 0,
          element: { type: "plain_text_input", action_id: `${F.letterPart}${index}`, multiline: true, max_length: LETTER_EDIT_FORM.inputCharacters, initial_value: part },
        }) as KnownBlock,
    ),
  ];
  return modal(VIEWS.letterEdit, "Edit letter", encodeLetterRef(view.letter.id, view.version?.number ?? 0), blocks, "Save version");
}

export const REGENERATE_INSTRUCTIONS = {
  warmer: "Make it warmer and more empathetic.",
  formal: "Make it more formal.",
  shorter: "Make it shorter.",
  simpler: "Use simpler words and shorter sentences.",
  language: "Write it in this language:",
  free: "Follow this instruction:",
} as const;

export function regenerateModal(view: LetterView): ModalView {
  const options = Object.entries(REGENERATE_INSTRUCTIONS).map(([value, text]) => ({ text: plain(text), value }));
  return modal(
    VIEWS.letterRegenerate,
    "Regenerate letter",
    encodeLetterRef(view.letter.id, view.version?.number ?? 0),
    [
      { type: "input", block_id: F.instruction, label: plain("How should the new draft differ?"), element: { type: "radio_buttons", action_id: F.instruction, options, initial_option: options[0] } },
      { type: "input", block_id: F.instructionText, optional: true, label: plain("Language or instruction"), element: { type: "plain_text_input", action_id: F.instructionText, max_length: LETTER_REVIEW_LIMITS.instructionText } },
    ],
    "Regenerate",
  );
}

export function rejectModal(view: LetterView): ModalView {
  return modal(
    VIEWS.letterReject,
    "Reject letter",
    encodeLetterRef(view.letter.id, view.version?.number ?? 0),
    [{ type: "input", block_id: F.rejectReason, label: plain("Why is it rejected?"), element: { type: "plain_text_input", action_id: F.rejectReason, multiline: true, max_length: LETTER_REVIEW_LIMITS.rejectReason } }],
    "Reject",
  );
}
