import type { CaseDetails } from "../cases/case.ts";
import { interimResponseDueAt } from "../cases/clocks.ts";
import { qioNoticeRequired } from "../cases/medicare.ts";
import { categoryLabel } from "../cases/taxonomy.ts";
import { recordedIssues } from "../cases/case-issues.ts";
import { type LetterLanguage, languageName, letterLanguageOf, preferredLanguageOf, supportedLanguage } from "./letter-language.ts";
import type { LetterFacts, LetterKind } from "./letter.schema.ts";
import { deidentifyFields, type KnownIdentifiers, type PlaceholderMap } from "./redact.ts";

/** The hospital's letter settings (from the environment). */
export interface LetterSettings {
  hospitalName: string;
  contactPerson: string;
  contactBlock: string;
  /** The contact person's direct phone and email (LETTER_CONTACT_PHONE/EMAIL), when set. */
  contactPhone?: string | undefined;
  contactEmail?: string | undefined;
  signatory: string;
  stateAgency: string;
  qio: string;
  disclosure?: string | undefined;
  maxReadingGrade: number;
  /** Days from receipt by which an interim letter promises the written response. */
  interimResponseDays: number;
  timeZone: string;
}

// Dates as the letter's language writes them: "December 1, 2026", "1 de diciembre de 2026", "2026年12月1日".
const LOCALES: Record<LetterLanguage, string> = { en: "en-US", es: "es", zh: "zh-CN" };
const dateOnly = (date: Date, timeZone: string, language: LetterLanguage = "en") =>
  new Intl.DateTimeFormat(LOCALES[language], { timeZone, month: "long", day: "numeric", year: "numeric" }).format(date);

/** Who a letter is written to: whoever raised the concern, else the patient. */
export function letterRecipient(details: CaseDetails): CaseDetails["people"][number] | undefined {
  return details.people.find((person) => person.role === "raised_by") ?? details.people.find((person) => person.role === "patient");
}

/**
 * The minimum necessary facts for a draft, de-identified: names, contacts and other identifiers in
 * the free text become typed placeholders; the map stays here to re-identify the draft.
 */
export function letterFacts(details: CaseDetails, kind: LetterKind, settings: LetterSettings, now: Date, instruction?: string): { facts: LetterFacts; map: PlaceholderMap; known: KnownIdentifiers } {
  const known: KnownIdentifiers = {
    names: details.people.map((person) => person.name),
    phones: details.people.flatMap((person) => (person.phone ? [person.phone] : [])),
    emails: details.people.flatMap((person) => (person.email ? [person.email] : [])),
  };
  const recipient = letterRecipient(details);
  const steps = details.notes.filter((note) => note.kind === "step").map((note) => note.body);
  const results = details.notes.filter((note) => note.kind === "result").map((note) => note.body);
  // Each issue with the notes tied to it; notes tied to none (or to an issue since removed) stay general.
  const issues = recordedIssues(details);
  // With a single issue, every note is about it.
  const single = issues.length === 1;
  const tied = (issueId: string, kind: string) => details.notes.filter((note) => note.kind === kind && (single || note.issueId === issueId)).map((note) => note.body);
  const free: Record<string, string> = {
    recipient: recipient?.name ?? "Patient",
    description: details.description,
    desiredOutcome: details.desiredOutcome,
    instruction: instruction ?? "",
    ...Object.fromEntries(steps.map((step, index) => [`step${index}`, step])),
    ...Object.fromEntries(results.map((result, index) => [`result${index}`, result])),
    // Issue text is patient data: de-identified with the narrative it comes from.
    ...Object.fromEntries(issues.map((issue, index) => [`issue${index}`, issue.text])),
    ...Object.fromEntries(issues.flatMap((issue, index) => tied(issue.id, "step").map((step, n) => [`issue${index}step${n}`, step]))),
    ...Object.fromEntries(issues.flatMap((issue, index) => tied(issue.id, "result").map((result, n) => [`issue${index}result${n}`, result]))),
  };
  const { fields, map: freeMap } = deidentifyFields(free, known);
  // Dates tied to the patient's care are identifiers too (Safe Harbor keeps only the year): the
  // model sees placeholders, numbered well clear of the ones de-identification hands out.
  const letterLanguage = letterLanguageOf(details.people);
  const dates = {
    received: dateOnly(details.summary.receivedAt, settings.timeZone, letterLanguage),
    completion: dateOnly(now, settings.timeZone, letterLanguage),
    expectedResponse: dateOnly(interimResponseDueAt(details.summary.receivedAt, now, settings.interimResponseDays, settings.timeZone), settings.timeZone, letterLanguage),
  };
  const map = { ...freeMap, "[DATE_901]": dates.received, "[DATE_902]": dates.completion, "[DATE_903]": dates.expectedResponse };
  // A supported language is named as the checks know it; another one is passed as typed (the model
  // may write it, the template writes English and the checks run in English).
  const preferred = preferredLanguageOf(details.people);
  const language = supportedLanguage(preferred) ? languageName(letterLanguage) : (preferred ?? "English");
  const facts: LetterFacts = {
    kind,
    language,
    letterLanguage,
    recipient: fields.recipient!,
    hospital: { name: settings.hospitalName, contactPerson: settings.contactPerson, contactBlock: settings.contactBlock, signatory: settings.signatory },
    dates: { received: "[DATE_901]", completion: "[DATE_902]", expectedResponse: "[DATE_903]" },
    concern: { category: categoryLabel(details.summary.category).toLowerCase(), description: fields.description!, desiredOutcome: fields.desiredOutcome! },
    investigation: { steps: steps.map((_, index) => fields[`step${index}`]!), results: results.map((_, index) => fields[`result${index}`]!) },
    issues: issues.map((issue, index) => ({
      number: index + 1,
      issue: fields[`issue${index}`]!,
      steps: tied(issue.id, "step").map((_, n) => fields[`issue${index}step${n}`]!),
      results: tied(issue.id, "result").map((_, n) => fields[`issue${index}result${n}`]!),
    })),
    notices: { qioRequired: qioNoticeRequired({ medicareBeneficiary: details.medicareBeneficiary, category: details.summary.category, description: details.description, allegesHarm: details.summary.allegesHarm }), qio: settings.qio, stateAgency: settings.stateAgency },
    ...(instruction ? { instruction: fields.instruction! } : {}),
  };
  return { facts, map, known };
}

