import type { KnownBlock, ModalView } from "@slack/types";
import { z } from "zod";
import type { CaseDetails, CaseIssue, CaseSummary } from "../../cases/case.ts";
import { ISSUE_LIMITS } from "../../cases/case-issues.ts";
import { TEXT_LIMITS } from "../../cases/case.schema.ts";
import { CLOSE_OUTCOMES, NOTE_KINDS, nextStatuses, STATUS_LABELS } from "../../cases/lifecycle.ts";
import { ruleReason } from "../../cases/classify.ts";
import { categoryLabel, RAISED_BY, severityLabel } from "../../cases/taxonomy.ts";
import { formatLocal } from "../../lib/zoned-time.ts";
import { encodeCaseRef } from "../forms/case-ref.ts";
import { ACTION_FIELDS as F, ACTIONS, VIEWS } from "../ids.ts";
import { escapeText, truncate } from "./escape.ts";
import type { CaseHelp } from "../../guidance/case-help.service.ts";
import { caseHelpBlocks } from "./guidance.ts";

const plain = (text: string) => ({ type: "plain_text" as const, text: truncate(text, 75), emoji: true });
const option = (text: string, value: string) => ({ text: plain(text), value });
/** One option per entry of a value → label table. */
const optionsFrom = (labels: Record<string, string>) => Object.entries(labels).map(([value, text]) => option(text, value));

function modal(callbackId: string, title: string, summary: CaseSummary, blocks: KnownBlock[], submit?: string, metadata = encodeCaseRef(summary.id)): ModalView {
  return {
    type: "modal",
    callback_id: callbackId,
    private_metadata: metadata,
    title: plain(truncate(title, 24)),
    ...(submit ? { submit: plain(submit) } : {}),
    close: plain(submit ? "Cancel" : "Close"),
    blocks,
  };
}

const caseLine = (summary: CaseSummary): KnownBlock => ({
  type: "context",
  elements: [{ type: "mrkdwn", text: `*${summary.number}* · ${escapeText(summary.department)} · ${STATUS_LABELS[summary.status]}` }],
});

function input(blockId: string, label: string, element: object, optional = false): KnownBlock {
  return { type: "input", block_id: blockId, label: plain(label), optional, element: { action_id: blockId, ...element } } as KnownBlock;
}

/** Choose the next status. */
export function changeStatusModal(summary: CaseSummary): ModalView {
  const options = nextStatuses(summary.status).map((status) => option(STATUS_LABELS[status], status));
  const blocks = [caseLine(summary), input(F.status, "New status", { type: "radio_buttons", options })];
  return modal(VIEWS.changeStatus, "Change status", summary, blocks, "Save", encodeCaseRef(summary.id, summary.status));
}

/** Record an investigation step, a finding or a note; `issues` (private to the person adding it) offers "Which issue?". */
export function addNoteModal(summary: CaseSummary, issues: readonly CaseIssue[] = []): ModalView {
  const kinds = optionsFrom(NOTE_KINDS);
  const issueOptions = issues.slice(0, 100).map((issue, index) => option(`${index + 1}. ${issue.text}`, issue.id));
  return modal(
    VIEWS.addNote,
    "Add note",
    summary,
    [
      caseLine(summary),
      input(F.noteKind, "What is it?", { type: "radio_buttons", options: kinds, initial_option: kinds[0] }),
      input(F.noteBody, "Note", { type: "plain_text_input", multiline: true, max_length: TEXT_LIMITS.narrative }),
      ...(issueOptions.length > 0
        ? [
            {
              ...input(F.noteIssue, "Which issue?", { type: "static_select", placeholder: plain("Choose the issue it is about"), options: issueOptions }, true),
              hint: { type: "plain_text", text: "A step or finding tied to an issue answers it in the letter." },
            } as KnownBlock,
          ]
        : []),
      { type: "context", elements: [{ type: "mrkdwn", text: ":lock: Notes stay in the case record; the channel only sees that a note was added." }] },
    ],
    "Add note",
  );
}

/** The issues the patient raised, one input each, and empty ones to add more (up to eight in all). */
export function editIssuesModal(summary: CaseSummary, issues: readonly CaseIssue[]): ModalView {
  const shown = issues.slice(0, ISSUE_LIMITS.count);
  const spare = Math.max(1, Math.min(2, ISSUE_LIMITS.count - shown.length));
  const field = (blockId: string, label: string, value?: string) =>
    input(blockId, label, { type: "plain_text_input", max_length: ISSUE_LIMITS.characters, ...(value ? { initial_value: truncate(value, ISSUE_LIMITS.characters) } : {}) }, true);
  return modal(
    VIEWS.editIssues,
    "Edit issues",
    summary,
    [
      caseLine(summary),
      { type: "context", elements: [{ type: "mrkdwn", text: ":lock: Issues stay in the case record. Empty a line to remove that issue (its notes stay on the case). The letter answers each issue." }] },
      ...shown.map((issue, index) => field(`${F.issuePrefix}${issue.id}`, `Issue ${index + 1}`, issue.text)),
      ...Array.from({ length: shown.length >= ISSUE_LIMITS.count ? 0 : spare }, (_, index) => field(`${F.issuePrefix}new_${index}`, `New issue${spare > 1 ? ` ${index + 1}` : ""}`)),
    ],
    "Save issues",
  );
}

/** Pick the new owner. */
export function reassignModal(summary: CaseSummary): ModalView {
  return modal(
    VIEWS.reassign,
    "Reassign case",
    summary,
    [caseLine(summary), input(F.newOwner, "New owner", { type: "users_select", ...(summary.ownerId ? { initial_user: summary.ownerId } : {}) })],
    "Reassign",
  );
}

/** Close with an outcome and a resolution summary; the modal itself is the confirmation. */
export function closeModal(summary: CaseSummary): ModalView {
  const outcomes = optionsFrom(CLOSE_OUTCOMES);
  return modal(
    VIEWS.close,
    "Close case",
    summary,
    [
      caseLine(summary),
      input(F.outcome, "Outcome", { type: "radio_buttons", options: outcomes }),
      input(F.resolution, "How was it resolved?", { type: "plain_text_input", multiline: true, max_length: TEXT_LIMITS.narrative }),
      input(F.withdrawnBy, "If withdrawn: who withdrew it?", { type: "radio_buttons", options: RAISED_BY.map((entry) => option(entry.label, entry.id)) }, true),
      input(F.withdrawnAt, "If withdrawn: when? (empty: now)", { type: "datetimepicker" }, true),
    ],
    "Close case",
  );
}

const section = (text: string): KnownBlock => ({ type: "section", text: { type: "mrkdwn", text: truncate(text, 3000) } });

/** A modal holds 100 blocks; one is kept for the page buttons. */
const DETAILS_BLOCKS = 99;
/** Well under Slack's 250 kB per view (views.open refuses view_too_large), measured as UTF-8 JSON. */
const DETAILS_BYTES = 200_000;

/** Escaped text in pieces of at most `max`, never cut inside an entity ("&amp;") or a surrogate pair. */
export function splitEscaped(escaped: string, max = 3000): string[] {
  const pieces: string[] = [];
  let rest = escaped;
  while (rest.length > max) {
    let cut = max;
    const entity = rest.lastIndexOf("&", cut - 1);
    if (entity >= 0 && entity > cut - 6 && !rest.slice(entity, cut).includes(";")) cut = entity;
    const code = rest.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
    // Prefer a line break or a space in the last few hundred characters, so words stay whole.
    const soft = Math.max(rest.lastIndexOf("\n", cut - 1), rest.lastIndexOf(" ", cut - 1));
    if (soft > cut - 300 && soft > 0) cut = soft + 1;
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  pieces.push(rest);
  return pieces.filter((piece) => piece.length > 0);
}

const bytesOf = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

/** Each note in full, newest first, as sections of at most 3,000 characters (a long escaped note takes several). */
function noteBlocks(details: CaseDetails, timeZone: string): KnownBlock[][] {
  return [...details.notes]
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
    .map((note) => {
      const heading = `• _${NOTE_KINDS[note.kind as keyof typeof NOTE_KINDS] ?? note.kind}_, <@${note.authorId}>, ${formatLocal(note.createdAt, timeZone)}:`;
      return splitEscaped(`${heading}\n${escapeText(note.body) || "_(empty)_"}`).map((text): KnownBlock => ({ type: "section", text: { type: "mrkdwn", text } }));
    });
}

/** The details' pages: the case and the newest notes first, then older notes; every note whole on one page. */
export function detailsPages(details: CaseDetails, timeZone: string, help?: CaseHelp | null): KnownBlock[][] {
  const { summary } = details;
  const people = details.people.map((person) => {
    const contact = [person.phone, person.email].filter(Boolean).map((value) => escapeText(value as string)).join(", ");
    const language = person.preferredLanguage ? ` · prefers ${escapeText(person.preferredLanguage)}` : "";
    const who = person.role === "patient" ? "Patient" : `Raised by (${person.relationship})`;
    return `*${who}:* ${escapeText(person.name)}${contact ? ` · ${contact}` : ""}${language}`;
  });
  const flags = [
    details.medicareBeneficiary ? "Medicare beneficiary" : null,
    details.writtenResponseRequested ? "asked for a written reply" : null,
    details.resolvedOnSpot ? "resolved on the spot" : null,
  ].filter(Boolean);
  const lock: KnownBlock = { type: "context", elements: [{ type: "mrkdwn", text: ":lock: Protected health information. This view is recorded in the audit trail. Do not copy it into channels." }] };
  const count = details.notes.length;
  const first: KnownBlock[] = [
    lock,
    section(`*${summary.number}* · ${escapeText(summary.department)} · ${escapeText(categoryLabel(summary.category))} · ${severityLabel(summary.severity)}`),
    section(people.join("\n")),
    ...(flags.length > 0 ? [section(`_${flags.join(" · ")}_`)] : []),
    section(`*What happened*\n${escapeText(details.description)}`),
    ...(details.desiredOutcome ? [section(`*What the patient wants*\n${escapeText(details.desiredOutcome)}`)] : []),
    ...(details.resolutionSummary ? [section(`*Resolution*\n${escapeText(details.resolutionSummary)}`)] : []),
    // For the team: the guidance cards and community resources that fit the case.
    ...(help ? caseHelpBlocks(help) : []),
    section(count > 0 ? `*Notes* (${count}, newest first)` : "_No notes yet._"),
  ];
  const pages: KnownBlock[][] = [first];
  const later = (): KnownBlock[] => [lock, section(`*${summary.number}* · *Notes* (${count}, newest first), continued`)];
  for (const note of noteBlocks(details, timeZone)) {
    const page = pages.at(-1)!;
    const fits = page.length + note.length <= DETAILS_BLOCKS && bytesOf(page) + bytesOf(note) <= DETAILS_BYTES;
    // A page never starts with nothing but its heading: a note too big for any page still goes on one of its own.
    if (fits || page.length <= 2) page.push(...note);
    else pages.push([...later(), ...note]);
  }
  return pages;
}

/** The page a details modal shows, and its case (private_metadata and the page buttons' value). */
export const DetailsPageSchema = z.object({ c: z.uuid(), p: z.number().int().min(0).max(10_000) });

/** The protected details, shown only to an authorized user (each page shown is audited); notes page with "Older notes" / "Newer notes". */
export function detailsModal(details: CaseDetails, timeZone: string, page = 0, help?: CaseHelp | null): ModalView {
  const { summary } = details;
  const pages = detailsPages(details, timeZone, help);
  const shown = Math.min(Math.max(page, 0), pages.length - 1);
  const ref = (p: number) => JSON.stringify(DetailsPageSchema.parse({ c: summary.id, p }));
  const buttons = [
    ...(shown > 0 ? [{ type: "button" as const, action_id: ACTIONS.detailsNewer, text: plain("Newer notes"), value: ref(shown - 1) }] : []),
    ...(shown < pages.length - 1 ? [{ type: "button" as const, action_id: ACTIONS.detailsOlder, text: plain("Older notes"), value: ref(shown + 1) }] : []),
  ];
  const nav: KnownBlock[] = buttons.length > 0 ? [{ type: "actions", block_id: "details_pages", elements: buttons }] : [];
  const title = pages.length > 1 ? `${summary.number} (${shown + 1}/${pages.length})` : summary.number;
  return modal(VIEWS.details, title, summary, [...pages[shown]!, ...nav], undefined, ref(shown));
}

/** A yes/no confirmation for actions that alert people or undo a closure. */
export function confirmModal(callbackId: string, title: string, summary: CaseSummary, question: string, submit: string): ModalView {
  return modal(callbackId, title, summary, [section(question)], submit);
}

/** Override the classification; the reason is required (misclassification is a common survey finding). */
export function reclassifyModal(summary: CaseSummary): ModalView {
  const to = summary.type === "grievance" ? "complaint" : "grievance";
  return modal(
    VIEWS.reclassify,
    `Change to ${to}`,
    summary,
    [
      caseLine(summary),
      section(`The rules classified this as a *${summary.type}*: ${escapeText(ruleReason(summary.classificationRule))}\nChanging it restarts the clocks for a ${to}.`),
      input(F.caseType, "New type", { type: "radio_buttons", options: [option(to === "grievance" ? "Grievance" : "Complaint", to)], initial_option: option(to === "grievance" ? "Grievance" : "Complaint", to) }),
      input(F.overrideReason, "Why? (kept in the audit trail)", { type: "plain_text_input", multiline: true, max_length: 500 }),
    ],
    "Change type",
  );
}
