import type { KnownBlock, ModalView, PlainTextOption } from "@slack/types";
import { TEXT_LIMITS } from "../../cases/case.schema.ts";
import { CATEGORIES, DOMAIN_LABELS, RAISED_BY, RECEIVED_VIA, SEVERITIES } from "../../cases/taxonomy.ts";
import { INTAKE_FIELDS as F, VIEWS } from "../ids.ts";
import { truncate } from "./escape.ts";

// Slack caps: option text 75 characters, 100 options per select, input values 3,000 characters.
const OPTION_TEXT_MAX = 75;

export interface IntakeModalInput {
  departments: readonly string[];
  now: Date;
  /** Encoded IntakeMetadata: ids only, never patient data. */
  privateMetadata: string;
  prefillDescription?: string;
  /** Shown above the form, e.g. when a long message could not be copied whole. */
  notice?: string;
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

/** The "File a patient concern" modal. */
export function caseIntakeModal({ departments, now, privateMetadata, prefillDescription, notice }: IntakeModalInput): ModalView {
  const categoryGroups = (Object.keys(DOMAIN_LABELS) as (keyof typeof DOMAIN_LABELS)[]).map((domain) => ({
    label: plain(DOMAIN_LABELS[domain]),
    options: CATEGORIES.filter((category) => category.domain === domain).map((category) => option(category.label, category.id)),
  }));

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
    input(F.patientName, "Patient name", { type: "plain_text_input", max_length: TEXT_LIMITS.name }),
    input(F.raisedBy, "Who raised it?", {
      type: "radio_buttons",
      options: RAISED_BY.map((entry) => option(entry.label, entry.id)),
      initial_option: option(RAISED_BY[0].label, RAISED_BY[0].id),
    }),
    input(
      F.raiserName,
      "Their name (if not the patient)",
      { type: "plain_text_input", max_length: TEXT_LIMITS.name },
      { optional: true, hint: "Required when a family member or representative raised the concern." },
    ),
    input(
      F.contact,
      "Contact phone or email",
      { type: "plain_text_input", max_length: TEXT_LIMITS.contact, placeholder: plain("e.g. 555-201-3344 or name@example.org") },
      { optional: true },
    ),
    input(
      F.preferredLanguage,
      "Preferred language",
      { type: "plain_text_input", max_length: TEXT_LIMITS.language, placeholder: plain("e.g. English, Spanish, Vietnamese") },
      { optional: true },
    ),
    input(F.department, "Department or unit", {
      type: "static_select",
      placeholder: plain("Choose a unit"),
      options: departments.slice(0, 100).map((name) => option(name, name)),
    }),
    input(F.category, "Category", { type: "static_select", placeholder: plain("Choose a category"), option_groups: categoryGroups }),
    input(F.severity, "Severity", {
      type: "static_select",
      placeholder: plain("Choose a severity"),
      options: SEVERITIES.map((severity) => option(severity.label, String(severity.level))),
    }),
    input(F.receivedVia, "How was it received?", {
      type: "static_select",
      placeholder: plain("Choose how"),
      options: RECEIVED_VIA.map((via) => option(via.label, via.id)),
    }),
    input(
      F.receivedAt,
      "When was it received?",
      { type: "datetimepicker", initial_date_time: Math.floor(now.getTime() / 1000) },
      { hint: "The regulatory clock starts when the patient raised it, not when it is filed." },
    ),
    input(F.description, "What happened?", {
      type: "plain_text_input",
      multiline: true,
      max_length: TEXT_LIMITS.narrative,
      ...(prefillDescription ? { initial_value: truncate(prefillDescription, TEXT_LIMITS.narrative) } : {}),
    }),
    input(
      F.desiredOutcome,
      "What does the patient want?",
      { type: "plain_text_input", multiline: true, max_length: TEXT_LIMITS.narrative },
      { optional: true },
    ),
    input(
      F.flags,
      "Check all that apply",
      {
        type: "checkboxes",
        options: [
          option("Resolved on the spot by staff present", "resolved_on_spot"),
          option("Patient asked for a written reply or formal handling", "written_response_requested"),
          option("Medicare beneficiary", "medicare_beneficiary"),
          option("Alleges abuse, neglect or patient harm", "alleges_harm"),
        ],
      },
      { optional: true },
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
