import type { CaseDetails, CaseIssue } from "./case.ts";
import { categoryLabel } from "./taxonomy.ts";

// The issues a patient raised, one per line at intake and in "Edit issues": each is answered on its
// own in the response letter (CMS A-0123) and investigation notes can be tied to one. Issue text is
// patient data: it stays in the case record, the private views and (de-identified) the draft input.

export const ISSUE_LIMITS = { count: 8, characters: 200 } as const;

/** The lines of a multi-line answer, trimmed, blank ones left out. */
export function issueLines(text: string): string[] {
  return text
    .split("\n")
    .map((line) => line.replace(/^\s*(?:[-*•]|\d+[.)])\s*/u, "").replace(/\s+/g, " ").trim())
    .filter(Boolean);
}

/** What is wrong with a list of issues (null when it is fine), said for the person typing them. */
export function issuesProblem(issues: readonly string[]): string | null {
  if (issues.length > ISSUE_LIMITS.count) return `List at most ${ISSUE_LIMITS.count} issues, one per line (there are ${issues.length}). Put related points on one line.`;
  const long = issues.findIndex((issue) => issue.length > ISSUE_LIMITS.characters);
  if (long >= 0) return `Issue ${long + 1} is ${issues[long]!.length} characters; keep each issue to ${ISSUE_LIMITS.characters} characters (the details belong in "What happened?").`;
  return null;
}

/** The one issue a case has when none was typed: its category, in words. */
export function defaultIssue(category: string): string {
  return categoryLabel(category);
}

/** Issues as stored, numbered 1, 2, … in order. */
export function numberIssues(texts: readonly string[]): CaseIssue[] {
  return texts.map((text, index) => ({ id: String(index + 1), text }));
}

/** The stored JSON read back; anything malformed is left out. */
export function issuesFromJson(value: unknown): CaseIssue[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry) =>
    typeof entry === "object" && entry !== null && typeof (entry as CaseIssue).id === "string" && typeof (entry as CaseIssue).text === "string"
      ? [{ id: (entry as CaseIssue).id, text: (entry as CaseIssue).text }]
      : [],
  );
}

/** The case's issues: those recorded, or for a case filed before issues were recorded, its category. */
export function recordedIssues(details: Pick<CaseDetails, "issues" | "summary">): CaseIssue[] {
  const issues = details.issues ?? [];
  return issues.length > 0 ? issues : [{ id: "1", text: defaultIssue(details.summary.category) }];
}

/**
 * The list after an edit: entries with an id keep it (notes stay tied to them), new ones get the
 * next free number; an emptied entry removes the issue (its notes then stand on their own).
 */
export function editedIssues(current: readonly CaseIssue[], entries: readonly { id: string | null; text: string }[]): { issues: CaseIssue[] } | { problem: string } {
  const known = new Set(current.map((issue) => issue.id));
  let next = Math.max(0, ...current.map((issue) => Number.parseInt(issue.id, 10)).filter(Number.isFinite)) + 1;
  const issues: CaseIssue[] = [];
  for (const entry of entries) {
    const text = issueLines(entry.text).join(" ");
    if (!text) continue;
    if (entry.id !== null && known.has(entry.id)) issues.push({ id: entry.id, text });
    else issues.push({ id: String(next++), text });
  }
  if (issues.length === 0) return { problem: "Keep at least one issue: the letter answers each issue the patient raised." };
  const problem = issuesProblem(issues.map((issue) => issue.text));
  return problem ? { problem } : { issues };
}
