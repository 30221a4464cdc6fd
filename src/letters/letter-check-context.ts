import type { CaseDetails } from "../cases/case.ts";
import { recordedIssues } from "../cases/case-issues.ts";
import { qioNoticeRequired } from "../cases/medicare.ts";
import { checkLetter, type LetterCheck, linksIn, phonesIn } from "./letter-check.ts";
import type { LetterSettings } from "./letter-facts.ts";
import type { LetterLanguage } from "./letter-language.ts";
import { LETTER_LIMITS } from "./letter-limits.ts";
import type { Letter } from "./letter.ts";
import type { LetterKind } from "./letter.schema.ts";

// What a letter text is checked against: the case's people, its recorded issues and the hospital's
// settings (letter-check.ts holds the checks themselves).

/** The checks for a letter text, against the case's people and the hospital's settings. */
export function checksForLetter(settings: LetterSettings, details: CaseDetails, letter: Letter, text: string, issues: string[], language: LetterLanguage): LetterCheck[] {
  const allowedNames = [...details.people.map((person) => person.name), settings.contactPerson, settings.signatory, settings.hospitalName];
  const allowedPhones = [...details.people.flatMap((person) => (person.phone ? [person.phone] : [])), ...phonesIn(`${settings.contactBlock} ${settings.stateAgency} ${settings.qio}`)];
  return checkLetter(text, {
    kind: letter.kind as LetterKind,
    issuesRaised: issues,
    contactPersonName: settings.contactPerson,
    allowedNames,
    allowedPhones,
    allowedUrls: linksIn(`${settings.contactBlock} ${settings.stateAgency} ${settings.qio}`),
    requiresQioNotice: letter.kind === "response" && qioNoticeRequired({ medicareBeneficiary: details.medicareBeneficiary, category: details.summary.category, description: details.description, allegesHarm: details.summary.allegesHarm }),
    stateAgencyRequired: letter.kind === "response",
    maxReadingGrade: settings.maxReadingGrade,
    minWords: LETTER_LIMITS.minWords,
    maxWords: LETTER_LIMITS.maxWords,
    language,
    openIssues: letter.kind === "interim" ? openIssues(details) : [],
  });
}

/** The recorded issues with no result yet: what an interim letter says is still being looked into. */
function openIssues(details: CaseDetails): string[] {
  const issues = recordedIssues(details);
  const results = details.notes.filter((note) => note.kind === "result");
  // With a single issue, every result is about it (as the draft's facts have it).
  if (issues.length === 1) return results.length > 0 ? [] : [issues[0]!.text];
  return issues.filter((issue) => !results.some((note) => note.issueId === issue.id)).map((issue) => issue.text);
}
