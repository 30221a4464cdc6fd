import { z } from "zod";
import { defaultIssue, issueLines, issuesProblem } from "./case-issues.ts";
import { CATEGORIES, RAISED_BY, RECEIVED_VIA } from "./taxonomy.ts";

// What staff enter when they file a concern, validated the same way whatever the channel (modal,
// message shortcut, later an API). Messages are written for busy front-line staff.

export const TEXT_LIMITS = { name: 200, contact: 254, language: 50, narrative: 3000, address: 300, addressLines: 6 } as const;
const MAX_CLOCK_SKEW_MS = 5 * 60_000;
const MAX_AGE_MS = 366 * 24 * 3_600_000;

// Control characters (other than tab and newline) can break rendering and exports; they carry no meaning.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/** Normalizes free text: Unicode NFC, CRLF to LF, control characters removed, trimmed. Emoji and RTL text are kept. */
export function cleanText(value: string): string {
  return value.normalize("NFC").replace(/\r\n?/g, "\n").replace(CONTROL_CHARACTERS, "").trim();
}

const cleanLine = (value: string) => cleanText(value).replace(/\s*\n\s*/g, " ");

const requiredLine = (label: string, max: number) =>
  z
    .string({ error: `Enter the ${label}.` })
    .transform(cleanLine)
    .pipe(
      z
        .string()
        .min(1, `Enter the ${label}.`)
        .max(max, `The ${label} must be ${max} characters or fewer.`),
    );

const optionalLine = (label: string, max: number) =>
  z
    .string()
    .optional()
    .transform((value) => (value === undefined ? undefined : cleanLine(value) || undefined))
    .pipe(z.string().max(max, `The ${label} must be ${max} characters or fewer.`).optional());

// A postal address keeps its lines (they are printed as typed) but not blank ones or stray spaces.
const optionalAddress = z
  .string()
  .optional()
  .transform((value) =>
    value === undefined
      ? undefined
      : cleanText(value)
          .split("\n")
          .map((line) => line.replace(/\s+/g, " ").trim())
          .filter(Boolean)
          .join("\n") || undefined,
  )
  .pipe(
    z
      .string()
      .max(TEXT_LIMITS.address, `The mailing address must be ${TEXT_LIMITS.address} characters or fewer.`)
      .refine((address) => address.split("\n").length <= TEXT_LIMITS.addressLines, `The mailing address must fit on ${TEXT_LIMITS.addressLines} lines.`)
      .optional(),
  );

const narrative = (label: string, required: boolean) =>
  z
    .string()
    .optional()
    .transform((value) => cleanText(value ?? ""))
    .superRefine((value, ctx) => {
      if (required && value.length === 0) ctx.addIssue({ code: "custom", message: `Describe ${label}.` });
      if (value.length > TEXT_LIMITS.narrative) {
        ctx.addIssue({
          code: "custom",
          message: `This is ${value.length.toLocaleString("en-US")} characters; the limit is ${TEXT_LIMITS.narrative.toLocaleString("en-US")}. Keep the essentials here and add the rest as a case note after filing.`,
        });
      }
    });

const oneOf = <T extends readonly { id: string }[]>(options: T, message: string) =>
  z.enum(options.map((option) => option.id) as [T[number]["id"], ...T[number]["id"][]], { error: message });

const PHONE = /^\+?[\d\s().-]{7,25}$/;
const EMAIL = z.email();

/** Answers to "Does the patient or family allege harm, abuse or neglect?"; no answer is a grievance (classify.ts). */
export const HARM_ANSWERS = ["yes", "no"] as const;

/** Answers to "Does anything still need follow-up after today?" (a review, a call-back, a referral). */
export const FOLLOW_UP_ANSWERS = ["yes", "no"] as const;

export const INTAKE_FLAGS = ["resolved_on_spot", "written_response_requested", "medicare_beneficiary", "alleges_harm", "anonymous"] as const;

/** Stored as the patient's name when an anonymous concern gives none. */
export const ANONYMOUS_NAME = "Anonymous (no name given)";

/** The received time's rules depend on the moment of filing, so they sit outside the (kept) schema. */
function receivedAtProblem(receivedAt: Date, now: Date): string | null {
  if (receivedAt.getTime() > now.getTime() + MAX_CLOCK_SKEW_MS) {
    return "The received time is in the future. Enter when the patient actually raised the concern.";
  }
  if (now.getTime() - receivedAt.getTime() > MAX_AGE_MS) return "The received time is more than a year ago. Check the date.";
  return null;
}

/** Builds the intake schema for the hospital's departments (once per list: building a zod schema costs more than using it). */
function intakeSchema(departments: readonly string[]) {
  return z
    .object({
      // Required; an anonymous concern without a name gets ANONYMOUS_NAME before parsing (parseIntake).
      patientName: requiredLine("patient's name", TEXT_LIMITS.name),
      raisedBy: oneOf(RAISED_BY, "Choose who raised the concern."),
      raiserName: optionalLine("name of the person who raised it", TEXT_LIMITS.name),
      contact: optionalLine("contact", TEXT_LIMITS.contact),
      /** Where the written response is mailed; optional (it goes with the person who gave the contact). */
      mailingAddress: optionalAddress,
      preferredLanguage: optionalLine("preferred language", TEXT_LIMITS.language),
      department: z.string({ error: "Choose the department or unit." }).refine((value) => departments.includes(value), {
        message: "Choose a department or unit from the list.",
      }),
      category: oneOf(CATEGORIES, "Choose a category."),
      severity: z.coerce
        .number({ error: "Choose a severity." })
        .int()
        .min(1, "Choose a severity.")
        .max(4, "Choose a severity."),
      receivedVia: oneOf(RECEIVED_VIA, "Choose how the concern was received."),
      receivedAt: z.date({ error: "Enter when the concern was received." }),
      description: narrative("what happened", true),
      desiredOutcome: narrative("what the patient wants", false),
      /** "What issues did they raise? One per line": empty gives one issue, the category (see transform). */
      issues: z
        .string()
        .optional()
        .transform((value) => issueLines(cleanText(value ?? "")))
        .superRefine((issues, ctx) => {
          const problem = issuesProblem(issues);
          if (problem) ctx.addIssue({ code: "custom", message: problem });
        }),
      flags: z.array(z.enum(INTAKE_FLAGS)).default([]),
      /** The answer to the harm question (harm-signals.ts), when the form asked it and the filer answered. */
      harmAnswer: z.enum(HARM_ANSWERS).optional(),
      followUp: z.enum(FOLLOW_UP_ANSWERS, { error: "Choose yes or no." }).optional(),
    })
    .superRefine((intake, ctx) => {
      const anonymous = intake.flags.includes("anonymous");
      if (intake.raisedBy !== "patient" && !intake.raiserName && !anonymous) {
        ctx.addIssue({
          code: "custom",
          path: ["raiserName"],
          message: "Enter the name of the family member or representative who raised it.",
        });
      }
      if (intake.flags.includes("resolved_on_spot") && intake.followUp === undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["followUp"],
          message: "Resolved on the spot: say whether anything still needs follow-up after today (a review, a call-back or a referral).",
        });
      }
      if (intake.contact && !EMAIL.safeParse(intake.contact).success && !PHONE.test(intake.contact)) {
        ctx.addIssue({
          code: "custom",
          path: ["contact"],
          message: "Enter a phone number (at least 7 digits) or an email address, or leave it empty.",
        });
      }
    })
    .transform(({ flags, contact, followUp, ...intake }) => ({
      ...intake,
      issues: intake.issues.length > 0 ? intake.issues : [defaultIssue(intake.category)],
      anonymous: flags.includes("anonymous"),
      needsFollowUp: followUp === "yes",
      contactEmail: contact?.includes("@") ? contact : undefined,
      contactPhone: contact && !contact.includes("@") ? contact : undefined,
      resolvedOnSpot: flags.includes("resolved_on_spot"),
      writtenResponseRequested: flags.includes("written_response_requested"),
      medicareBeneficiary: flags.includes("medicare_beneficiary"),
      allegesHarm: flags.includes("alleges_harm") || intake.harmAnswer === "yes",
    }));
}

/** A validated intake, ready to file. */
export type CaseIntake = z.output<ReturnType<typeof intakeSchema>>;
/** The raw values a form hands over, before validation. */
export type IntakeInput = z.input<ReturnType<typeof intakeSchema>>;
export type IntakeField = keyof IntakeInput;

export type IntakeResult =
  | { ok: true; intake: CaseIntake }
  | { ok: false; errors: Partial<Record<IntakeField, string>> };

const schemas = new WeakMap<readonly string[], ReturnType<typeof intakeSchema>>();

function schemaFor(departments: readonly string[]): ReturnType<typeof intakeSchema> {
  let schema = schemas.get(departments);
  if (!schema) {
    schema = intakeSchema(departments);
    schemas.set(departments, schema);
  }
  return schema;
}

/** An anonymous concern may leave the patient's name empty: it is stored as ANONYMOUS_NAME. */
function withAnonymousName(input: unknown): unknown {
  const raw = input as { patientName?: unknown; flags?: unknown } | null;
  const anonymous = Array.isArray(raw?.flags) && raw.flags.includes("anonymous");
  const named = typeof raw?.patientName === "string" && cleanLine(raw.patientName).length > 0;
  return anonymous && !named ? { ...raw, patientName: ANONYMOUS_NAME } : input;
}

/** Validates an intake; on failure returns one clear message per field (all fields at once), nothing thrown. */
export function parseIntake(input: unknown, context: { now: Date; departments: readonly string[] }): IntakeResult {
  const result = schemaFor(context.departments).safeParse(withAnonymousName(input));
  const errors: Partial<Record<IntakeField, string>> = {};
  for (const issue of result.error?.issues ?? []) {
    const field = String(issue.path[0] ?? "description") as IntakeField;
    errors[field] ??= issue.message;
  }
  const receivedAt = (input as { receivedAt?: unknown } | null)?.receivedAt;
  const timeProblem = receivedAt instanceof Date && !errors.receivedAt ? receivedAtProblem(receivedAt, context.now) : null;
  if (timeProblem) errors.receivedAt = timeProblem;
  if (result.success && !timeProblem) return { ok: true, intake: result.data };
  return { ok: false, errors };
}
