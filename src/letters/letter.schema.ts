import { z } from "zod";
import type { LetterLanguage } from "./letter-language.ts";

// The letter as structured output: the model (or the template) fills named sections, so required
// elements can be asked for one by one; the reviewed letter itself is plain text.

export const LetterDraftSchema = z.object({
  greeting: z.string(),
  acknowledgement: z.string(),
  issuesRaised: z.array(z.string()),
  issueResponses: z.array(z.object({ issue: z.string(), response: z.string() })),
  stepsTaken: z.string(),
  results: z.string(),
  contactPerson: z.string(),
  dateOfCompletion: z.string(),
  rightsAndNextSteps: z.string(),
  closing: z.string(),
});
export type LetterDraft = z.infer<typeof LetterDraftSchema>;

export type LetterKind = "response" | "interim";

/** What the drafter is given: minimum necessary, de-identified. */
export interface LetterFacts {
  kind: LetterKind;
  /** The language to write the whole letter in, by name ("Spanish", "Chinese (simplified)"). */
  language: string;
  /** The same language as the letters support it (en, es, zh): the template writes in it and the checks run in it. */
  letterLanguage?: LetterLanguage;
  /** Who the letter is addressed to (a placeholder, re-identified afterwards). */
  recipient: string;
  hospital: { name: string; contactPerson: string; contactBlock: string; signatory: string };
  dates: { received: string; completion: string; expectedResponse: string };
  concern: { category: string; description: string; desiredOutcome: string };
  investigation: { steps: string[]; results: string[] };
  /** The issues the patient raised, numbered in order, each with the steps and results recorded for it (de-identified). */
  issues: { number: number; issue: string; steps: string[]; results: string[] }[];
  notices: { qioRequired: boolean; qio: string; stateAgency: string };
  instruction?: string;
}

/** Joins the sections into the letter's plain text, with the signature and any disclosure line. */
export function renderLetter(draft: LetterDraft, signature: { signatory: string; hospitalName: string; disclosure?: string }): string {
  const paragraphs = [
    draft.greeting,
    draft.acknowledgement,
    ...draft.issueResponses.map((entry) => entry.response),
    draft.stepsTaken,
    draft.results,
    draft.dateOfCompletion,
    draft.contactPerson,
    draft.rightsAndNextSteps,
    `${draft.closing}\n${signature.signatory}\n${signature.hospitalName}`,
    ...(signature.disclosure ? [signature.disclosure] : []),
  ];
  return paragraphs
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .join("\n\n");
}
