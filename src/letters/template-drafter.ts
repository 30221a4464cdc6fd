import type { DraftResult, LetterDrafter } from "./drafter.ts";
import type { LetterDraft, LetterFacts } from "./letter.schema.ts";

// The drafter that needs no LLM: fills the same sections from the case facts, deterministically.
// It never invents investigation steps or results: where none are recorded it leaves a bracketed
// gap that the letter check flags, so a template draft cannot be approved by accident.

const TEMPLATE_PROMPT = { id: "response-letter-template", version: "1", hash: "template" } as const;

const sentences = (items: string[]) => items.map((item) => item.trim().replace(/([^.!?])$/, "$1.")).join(" ");

/** Builds the letter sections from the facts alone. */
function templateDraft(facts: LetterFacts): LetterDraft {
  const interim = facts.kind === "interim";
  const issues = [facts.concern.category, ...(facts.concern.desiredOutcome ? [`your request: ${facts.concern.desiredOutcome}`] : [])];
  return {
    greeting: `Dear ${facts.recipient},`,
    acknowledgement: interim
      ? `Thank you for telling us about your concern, which we received on ${facts.dates.received}. We want you to know we are still working on it.`
      : `Thank you for telling us about your concern, which we received on ${facts.dates.received}. We are sorry that your experience with us was not what you expected.`,
    issuesRaised: issues,
    issueResponses: issues.map((issue) => ({ issue, response: `About ${issue}: we looked into this carefully, as described below.` })),
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
