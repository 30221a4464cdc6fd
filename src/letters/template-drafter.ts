import type { DraftResult, LetterDrafter } from "./drafter.ts";
import type { LetterDraft, LetterFacts } from "./letter.schema.ts";

// The drafter that needs no LLM: fills the same sections from the case facts, deterministically.
// It never invents investigation steps or results: where none are recorded it leaves a bracketed
// gap that the letter check flags, so a template draft cannot be approved by accident.

const TEMPLATE_PROMPT = { id: "response-letter-template", version: "1", hash: "template" } as const;

const sentences = (items: string[]) => items.map((item) => item.trim().replace(/([^.!?])$/, "$1.")).join(" ");

// The patient's words are quoted whole, never spliced into a sentence of ours: a request that ends
// in a full stop would otherwise run on into "again.: we looked into this".
const withoutEndPunctuation = (text: string) => text.trim().replace(/[\s.!?;:,]+$/u, "");

/**
 * One paragraph per issue the patient raised, from the notes tied to it: what we did and what we
 * found. An issue with no result recorded says so plainly, first, so the letter fails the
 * issues_answered check until someone records the result (or writes the answer in).
 */
function issueParagraph(facts: LetterFacts, entry: LetterFacts["issues"][number]): string {
  const count = facts.issues.length;
  const opening = count > 1 ? `Your ${ORDINALS[entry.number - 1] ?? `next`} concern was: "${sentences([entry.issue])}"` : `You told us: "${sentences([entry.issue])}"`;
  const steps = entry.steps.length > 0 ? ` To look into this, we took these steps: ${sentences(entry.steps)}` : "";
  if (facts.kind === "interim") return `${opening} We are still looking into this.${steps}`;
  if (entry.results.length === 0) return `${opening} We have not finished looking into this yet. [insert what was found about this concern]${steps}`;
  return `${opening}${steps} This is what we found: ${sentences(entry.results)}`;
}

const ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth"];

/** The issues the letter answers, each with its answer; the patient's request follows them. */
function issuesOf(facts: LetterFacts): { issue: string; response: string }[] {
  const request = withoutEndPunctuation(facts.concern.desiredOutcome);
  return [
    ...facts.issues.map((entry) => ({ issue: withoutEndPunctuation(entry.issue), response: issueParagraph(facts, entry) })),
    ...(request ? [{ issue: `your request: ${request}`, response: `You asked us: "${sentences([facts.concern.desiredOutcome])}" We have kept this in mind in everything described in this letter.` }] : []),
  ];
}

/** Steps and results recorded for no issue in particular (those tied to an issue are in its paragraph). */
function general(facts: LetterFacts, kind: "steps" | "results"): string[] {
  const tied = new Set(facts.issues.flatMap((entry) => entry[kind]));
  return facts.investigation[kind].filter((note) => !tied.has(note));
}

/** Builds the letter sections from the facts alone. */
function templateDraft(facts: LetterFacts): LetterDraft {
  const interim = facts.kind === "interim";
  const issues = issuesOf(facts);
  const steps = general(facts, "steps");
  const results = general(facts, "results");
  const anyTied = facts.issues.some((entry) => entry.steps.length > 0 || entry.results.length > 0);
  return {
    greeting: `Dear ${facts.recipient},`,
    acknowledgement: interim
      ? `Thank you for telling us about your concern, which we received on ${facts.dates.received}. We want you to know we are still working on it.`
      : `Thank you for telling us about your concern, which we received on ${facts.dates.received}. We are sorry that your experience with us was not what you expected.`,
    issuesRaised: issues.map((entry) => entry.issue),
    issueResponses: issues,
    stepsTaken:
      steps.length > 0
        ? `${anyTied ? "We also took these steps" : "To look into your concern, we took these steps"}: ${sentences(steps)}`
        : anyTied
          ? ""
          : "[insert the steps taken to look into the concern]",
    results: interim
      ? "Our review is not finished yet."
      : results.length > 0
        ? `${anyTied ? "We also found" : "This is what we found"}: ${sentences(results)}`
        : anyTied
          ? ""
          : "[insert the results of the review]",
    contactPerson: `If you have any questions, please contact ${facts.hospital.contactPerson}. ${facts.hospital.contactBlock}`,
    dateOfCompletion: interim
      ? `We will send you our written response by ${facts.dates.expectedResponse}.`
      : `We completed our review on ${facts.dates.completion}.`,
    rightsAndNextSteps: [
      `You may also contact the State survey agency at any time, whether or not you use our process: ${facts.notices.stateAgency}`,
      ...(facts.notices.qioRequired ? [`Because you have Medicare, you may also contact the Quality Improvement Organization (QIO): ${facts.notices.qio}`] : []),
    ].join(" "),
    closing: "Sincerely,",
  };
}

/** A LetterDrafter that always uses the template; `reason` says why it stood in. */
export function createTemplateDrafter(reason?: string): LetterDrafter {
  return {
    async draft(facts: LetterFacts): Promise<DraftResult> {
      return {
        draft: templateDraft(facts),
        source: "template",
        promptId: TEMPLATE_PROMPT.id,
        promptVersion: TEMPLATE_PROMPT.version,
        promptHash: TEMPLATE_PROMPT.hash,
        latencyMs: 0,
        ...(reason ? { fallbackReason: reason } : {}),
      };
    },
  };
}
