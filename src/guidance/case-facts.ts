import type { CaseDetails } from "../cases/case.ts";
import { isOpen } from "../cases/lifecycle.ts";

// The facts of a case that guidance cards and community resources are matched on. Read from the
// protected details by the app itself; only card and resource ids ever leave this module's callers.

export interface CaseFacts {
  medicareBeneficiary: boolean;
  category: string;
  type: string;
  severity: number;
  allegesHarm: boolean;
  /** The narrative and what the patient wants, read for topics (discharge, billing, transport…). */
  narrative: string;
  /** Preferred languages of the patient and whoever raised the concern, as typed at intake. */
  languages: readonly string[];
  open: boolean;
}

export function caseFactsFrom(details: CaseDetails): CaseFacts {
  const { summary } = details;
  return {
    medicareBeneficiary: details.medicareBeneficiary,
    category: summary.category,
    type: summary.type,
    severity: summary.severity,
    allegesHarm: summary.allegesHarm,
    narrative: `${details.description}\n${details.desiredOutcome}`,
    languages: details.people.map((person) => person.preferredLanguage ?? "").filter((language) => language.trim() !== ""),
    open: isOpen(summary.status),
  };
}

/** Lowercase, accents kept, runs of space as one: what the topic patterns read. */
export function normalized(text: string): string {
  return text.toLowerCase().replace(/\s+/g, " ");
}

const ENGLISH = /^\s*(?:en|eng|english|inglés|ingles|en-[a-z]{2})\s*$/i;

/** Whether someone on the case prefers a language other than English (an interpreter or translation may be owed). */
export function prefersOtherLanguage(facts: Pick<CaseFacts, "languages">): boolean {
  return facts.languages.some((language) => !ENGLISH.test(language));
}
