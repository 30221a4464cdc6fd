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

/** The issues the letter answers, each with its answer. */
function issuesOf(facts: LetterFacts): { issue: string; response: string }[] {
  const category = withoutEndPunctuation(facts.concern.category);
  const request = withoutEndPunctuation(facts.concern.desiredOutcome);
  return [
    { issue: category, response: `About your concern with ${category}: we looked into this carefully, as described below.` },
    ...(request ? [{ issue: `your request: ${request}`, response: `You asked us: "${sentences([facts.concern.desiredOutcome])}" We looked into your request carefully, as described below.` }] : []),
  ];
}

/** Builds the letter sections from the facts alone. */
function templateDraft(facts: LetterFacts): LetterDraft {
  const interim = facts.kind === "interim";
  const issues = issuesOf(facts);
  return {
    greeting: `Dear ${facts.recipient},`,
    acknowledgement: interim
      ? `Thank you for telling us about your concern, which we received on ${facts.dates.received}. We want you to know we are still working on it.`
      : `Thank you for telling us about your concern, which we received on ${facts.dates.received}. We are sorry that your experience with us was not what you expected.`,
    issuesRaised: issues.map((entry) => entry.issue),
    issueResponses: issues,
    stepsTaken:
      facts.investigation.steps.length > 0
        ? `To look into your concern, we took these steps: ${sentences(facts.investigation.steps)}`
        : "[insert the steps taken to look into the concern]",
    results: interim
      ? "Our review is not finished yet."
      : facts.investigation.results.length > 0
        ? `This is what we found: ${sentences(facts.investigation.results)}`
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
