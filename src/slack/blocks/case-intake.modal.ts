import type { KnownBlock, ModalView, PlainTextOption } from "@slack/types";
import { type IntakeInput, TEXT_LIMITS } from "../../cases/case.schema.ts";
import { ISSUE_LIMITS } from "../../cases/case-issues.ts";
import { HARM_QUESTION } from "../../cases/harm-signals.ts";
import { CATEGORIES, DOMAIN_LABELS, RAISED_BY, RECEIVED_VIA, SEVERITIES } from "../../cases/taxonomy.ts";
import { INTAKE_FIELDS as F, INTAKE_QUESTIONS, VIEWS } from "../ids.ts";
import { truncate } from "./escape.ts";

// Slack caps: option text 75 characters, 100 options per select, input values 3,000 characters.
const OPTION_TEXT_MAX = 75;

export interface IntakeModalInput {
  departments: readonly string[];
  now: Date;
  /** Encoded IntakeMetadata: ids only, never patient data. */
  privateMetadata: string;
  /** Values to show in the fields: a message's text, or what the filer typed when saving failed. */
  values?: Partial<IntakeInput>;
  /** Shown above the form, e.g. when a long message could not be copied whole, or saving failed. */
  notice?: string;
  /** Ask the harm question: the description suggests an injury or mistreatment and the harm box is not ticked. */
  askHarm?: boolean;
}

const plain = (text: string) => ({ type: "plain_text" as const, text: truncate(text, OPTION_TEXT_MAX), emoji: true });
const option = (text: string, value: string): PlainTextOption => ({ text: plain(text), value });

function input(blockId: string, label: string, element: object, extra: { optional?: boolean; hint?: string } = {}): KnownBlock {
  return {
    type: "input",
    block_id: blockId,
    label: plain(label),
    optional: extra.optional ?? false,
    ...(extra.hint ? { hint: { type: "plain_text", text: extra.hint } } : {}),
    element: { action_id: blockId, ...element },
  } as KnownBlock;
}

/** initial_value for a text input, when there is one. */
const typed = (value: string | undefined | null, max: number) => (value ? { initial_value: truncate(value, max) } : {});

/** initial_option for a select: Slack requires it to equal one of the options exactly. */
function chosen(options: readonly PlainTextOption[], value: unknown) {
  const match = options.find((candidate) => candidate.value === String(value ?? ""));
  return match ? { initial_option: match } : {};
}

/** A single-choice menu, showing `value` when it is one of the options. */
const select = (placeholder: string, options: PlainTextOption[], value: unknown) => ({
  type: "static_select",
  placeholder: plain(placeholder),
  options,
  ...chosen(options, value),
});

const HARM_ANSWER_OPTIONS = [
  option("Yes: harm, abuse or neglect is alleged", "yes"),
  option("No: nothing of the kind is alleged", "no"),
];

/** The harm question, placed under the description it is about; unanswered, the case is filed as a grievance. */
function harmQuestion(values: Partial<IntakeInput>): KnownBlock[] {
  return [
    { type: "section", block_id: "harm_question_notice", text: { type: "mrkdwn", text: `:warning: *${HARM_QUESTION}*` } } as KnownBlock,
    input(
      INTAKE_QUESTIONS.harmAnswer,
      "Does the patient or family allege harm, abuse or neglect?",
      { type: "radio_buttons", options: HARM_ANSWER_OPTIONS, ...chosen(HARM_ANSWER_OPTIONS, values.harmAnswer) },
      { optional: true, hint: "If you cannot tell, leave it: the case is filed as a grievance and a coordinator reviews it." },
    ),
  ];
}

const FOLLOW_UP_OPTIONS = [
  option("Yes: a review, a call-back or a referral", "yes"),
  option("No: nothing more to do", "no"),
];

const FLAG_OPTIONS = [
  option("Resolved on the spot by staff present", "resolved_on_spot"),
  option("Patient asked for a written reply or formal handling", "written_response_requested"),
  option("Medicare beneficiary", "medicare_beneficiary"),
  option("Alleges abuse, neglect or patient harm", "alleges_harm"),
  option("Anonymous: the person gave no name", "anonymous"),
];

/** The "File a patient concern" modal, empty or showing `values`. */
export function caseIntakeModal({ departments, now, privateMetadata, values = {}, notice, askHarm = false }: IntakeModalInput): ModalView {
  const categoryGroups = (Object.keys(DOMAIN_LABELS) as (keyof typeof DOMAIN_LABELS)[]).map((domain) => ({
    label: plain(DOMAIN_LABELS[domain]),
    options: CATEGORIES.filter((category) => category.domain === domain).map((category) => option(category.label, category.id)),
  }));
  const categoryOptions = categoryGroups.flatMap((group) => group.options);
  const raisedByOptions = RAISED_BY.map((entry) => option(entry.label, entry.id));
  const departmentOptions = departments.slice(0, 100).map((name) => option(name, name));
  const severityOptions = SEVERITIES.map((severity) => option(severity.label, String(severity.level)));
  const receivedViaOptions = RECEIVED_VIA.map((via) => option(via.label, via.id));
  const checkedFlags = FLAG_OPTIONS.filter((flag) => (values.flags as readonly string[] | undefined)?.includes(flag.value as string));
  const receivedAt = values.receivedAt instanceof Date ? values.receivedAt : now;

  const blocks: KnownBlock[] = [
    {
      type: "context",
      elements: [
        {
          type: "mrkdwn",
          text: ":lock: Only the case number, unit, category, severity and type are posted to the team channel. Patient details stay in the case record.",
        },
      ],
    },
    ...(notice ? [{ type: "section", text: { type: "mrkdwn", text: notice } } as KnownBlock] : []),
    input(
      F.patientName,
      "Patient name",
      { type: "plain_text_input", max_length: TEXT_LIMITS.name, ...typed(values.patientName, TEXT_LIMITS.name) },
      { optional: true, hint: "Required unless the concern is anonymous (tick Anonymous below)." },
    ),
    input(F.raisedBy, "Who raised it?", {
      type: "radio_buttons",
      options: raisedByOptions,
      initial_option: chosen(raisedByOptions, values.raisedBy).initial_option ?? raisedByOptions[0],
    }),
    input(
      F.raiserName,
      "Their name (if not the patient)",
      { type: "plain_text_input", max_length: TEXT_LIMITS.name, ...typed(values.raiserName, TEXT_LIMITS.name) },
      { optional: true, hint: "Required when a family member or representative raised the concern." },
    ),
    input(
      F.contact,
      "Contact phone or email",
      { type: "plain_text_input", max_length: TEXT_LIMITS.contact, placeholder: plain("e.g. 555-201-3344 or name@example.org"), ...typed(values.contact, TEXT_LIMITS.contact) },
      { optional: true },
    ),
    input(
      F.mailingAddress,
      "Mailing address",
      {
        type: "plain_text_input",
        multiline: true,
        max_length: TEXT_LIMITS.address,
        placeholder: plain("Street, city, state and ZIP, as on an envelope"),
        ...typed(values.mailingAddress, TEXT_LIMITS.address),
      },
      { optional: true, hint: "Where the written response is mailed. Stays in the case record; never posted to a channel." },
    ),
    input(
      F.preferredLanguage,
      "Preferred language",
      { type: "plain_text_input", max_length: TEXT_LIMITS.language, placeholder: plain("e.g. English, Spanish, Vietnamese"), ...typed(values.preferredLanguage, TEXT_LIMITS.language) },
      { optional: true },
    ),
    input(F.department, "Department or unit", select("Choose a unit", departmentOptions, values.department)),
    input(F.category, "Category", {
      type: "static_select",
      placeholder: plain("Choose a category"),
      option_groups: categoryGroups,
      ...chosen(categoryOptions, values.category),
    }),
    input(F.severity, "Severity", select("Choose a severity", severityOptions, values.severity)),
    input(F.receivedVia, "How was it received?", select("Choose how", receivedViaOptions, values.receivedVia)),
    input(
      F.receivedAt,
      "When was it received?",
      { type: "datetimepicker", initial_date_time: Math.floor(receivedAt.getTime() / 1000) },
      { hint: "The regulatory clock starts when the patient raised it, not when it is filed." },
    ),
    input(F.description, "What happened?", {
      type: "plain_text_input",
      multiline: true,
      max_length: TEXT_LIMITS.narrative,
      ...typed(values.description, TEXT_LIMITS.narrative),
    }),
    ...(askHarm ? harmQuestion(values) : []),
    input(
      F.desiredOutcome,
      "What does the patient want?",
      { type: "plain_text_input", multiline: true, max_length: TEXT_LIMITS.narrative, ...typed(values.desiredOutcome, TEXT_LIMITS.narrative) },
      { optional: true },
    ),
    input(
      F.issues,
      "What issues did they raise? One per line",
      {
        type: "plain_text_input",
        multiline: true,
        // Eight issues of 200 characters with their line breaks.
        max_length: ISSUE_LIMITS.count * (ISSUE_LIMITS.characters + 1),
        placeholder: plain("e.g. Waited 5 hours in the ER\nNurse was rude at triage"),
        ...typed(values.issues, ISSUE_LIMITS.count * (ISSUE_LIMITS.characters + 1)),
      },
      { optional: true, hint: `Up to ${ISSUE_LIMITS.count}, each ${ISSUE_LIMITS.characters} characters or fewer. The letter answers each one. Left empty: the category.` },
    ),
    input(
      F.flags,
      "Check all that apply",
      { type: "checkboxes", options: FLAG_OPTIONS, ...(checkedFlags.length > 0 ? { initial_options: checkedFlags } : {}) },
      { optional: true },
    ),
    input(
      F.followUp,
      "Does anything still need follow-up after today?",
      { type: "radio_buttons", options: FOLLOW_UP_OPTIONS, ...chosen(FOLLOW_UP_OPTIONS, values.followUp) },
      { optional: true, hint: "Required when resolved on the spot. A pharmacy review, a promised call-back or a referral to another department counts." },
    ),
  ];

  return {
    type: "modal",
    callback_id: VIEWS.caseIntake,
    private_metadata: privateMetadata,
    title: plain("New patient concern"),
    submit: plain("File case"),
    close: plain("Cancel"),
    blocks,
  };
}
