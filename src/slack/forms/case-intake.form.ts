import { z } from "zod";
import type { IntakeField, IntakeInput } from "../../cases/case.schema.ts";
import { INTAKE_FIELDS, INTAKE_QUESTIONS } from "../ids.ts";

// Turns the intake modal's view state into the domain's IntakeInput, and back for error display.

/** What the modal carries between opening and submission: Slack ids only, never patient data. */
export const IntakeMetadataSchema = z.object({
  v: z.literal(1),
  /** Channel where /case was typed or the shortcut used, for the ephemeral confirmation. */
  originChannelId: z.string().regex(/^[CGD][A-Z0-9]+$/).optional(),
  sourceMessageTs: z.string().regex(/^\d+\.\d+$/).optional(),
  /** The survey comment the form was filled in from ("File as a case"): its id, linked to the case once filed. */
  surveyCommentId: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i).optional(),
});
export type IntakeMetadata = z.infer<typeof IntakeMetadataSchema>;

export function encodeIntakeMetadata(metadata: Omit<IntakeMetadata, "v">): string {
  return JSON.stringify(IntakeMetadataSchema.parse({ v: 1, ...metadata }));
}

/** Decodes private_metadata; anything unexpected becomes empty metadata rather than an error for the filer. */
export function decodeIntakeMetadata(raw: string | undefined): IntakeMetadata {
  try {
    const parsed = IntakeMetadataSchema.safeParse(JSON.parse(raw ?? ""));
    return parsed.success ? parsed.data : { v: 1 };
  } catch {
    return { v: 1 };
  }
}

// The subset of Slack's view_submission state we read; zod keeps a malformed payload from reaching the domain.
const ElementStateSchema = z.object({
  type: z.string(),
  value: z.string().nullish(),
  selected_option: z.object({ value: z.string() }).nullish(),
  selected_options: z.array(z.object({ value: z.string() })).nullish(),
  selected_date_time: z.number().nullish(),
});
export const ViewStateSchema = z.record(z.string(), z.record(z.string(), ElementStateSchema));
export type ViewState = z.infer<typeof ViewStateSchema>;

function element(state: ViewState, field: string) {
  return state[field]?.[field];
}

const textOf = (state: ViewState, field: string) => element(state, field)?.value ?? undefined;
const choiceOf = (state: ViewState, field: string) => element(state, field)?.selected_option?.value;

/** Reads the intake modal's values into the shape the domain validates. */
export function readIntakeState(state: ViewState): IntakeInput {
  const receivedAt = element(state, INTAKE_FIELDS.receivedAt)?.selected_date_time;
  return {
    patientName: textOf(state, INTAKE_FIELDS.patientName) ?? "",
    raisedBy: choiceOf(state, INTAKE_FIELDS.raisedBy) as IntakeInput["raisedBy"],
    raiserName: textOf(state, INTAKE_FIELDS.raiserName),
    contact: textOf(state, INTAKE_FIELDS.contact),
    mailingAddress: textOf(state, INTAKE_FIELDS.mailingAddress),
    preferredLanguage: textOf(state, INTAKE_FIELDS.preferredLanguage),
    department: choiceOf(state, INTAKE_FIELDS.department) as string,
    category: choiceOf(state, INTAKE_FIELDS.category) as IntakeInput["category"],
    severity: choiceOf(state, INTAKE_FIELDS.severity) as unknown as number,
    receivedVia: choiceOf(state, INTAKE_FIELDS.receivedVia) as IntakeInput["receivedVia"],
    receivedAt: (typeof receivedAt === "number" ? new Date(receivedAt * 1000) : undefined) as Date,
    description: textOf(state, INTAKE_FIELDS.description),
    desiredOutcome: textOf(state, INTAKE_FIELDS.desiredOutcome),
    issues: textOf(state, INTAKE_FIELDS.issues),
    flags: (element(state, INTAKE_FIELDS.flags)?.selected_options ?? []).map((selected) => selected.value) as IntakeInput["flags"],
    harmAnswer: choiceOf(state, INTAKE_QUESTIONS.harmAnswer) as IntakeInput["harmAnswer"],
    followUp: choiceOf(state, INTAKE_FIELDS.followUp) as IntakeInput["followUp"],
  };
}

/** Whether the form already showed the harm question (its block is in the state, answered or not). */
export function harmQuestionShown(state: ViewState): boolean {
  return INTAKE_QUESTIONS.harmAnswer in state;
}

/** Maps domain field errors onto the modal's block ids for `response_action: "errors"`. */
export function intakeErrorsForSlack(errors: Partial<Record<IntakeField, string>>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [field, message] of Object.entries(errors)) {
    const blockId = field === "harmAnswer" ? INTAKE_QUESTIONS.harmAnswer : (INTAKE_FIELDS[field as Exclude<IntakeField, "harmAnswer">] ?? INTAKE_FIELDS.description);
    result[blockId] = message as string;
  }
  return result;
}
