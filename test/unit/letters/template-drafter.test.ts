import { describe, expect, it } from "vitest";
import { issuesAnswered } from "../../../src/letters/issues-answered.ts";
import { type LetterFacts, renderLetter } from "../../../src/letters/letter.schema.ts";
import { createTemplateDrafter } from "../../../src/letters/template-drafter.ts";

const FACTS: LetterFacts = {
  kind: "response",
  language: "English",
  recipient: "[NAME_1]",
  hospital: { name: "Lakeside Community Hospital", contactPerson: "Jordan Ellis", contactBlock: "You can reach Jordan at 555-310-2200.", signatory: "Jordan Lee" },
  dates: { received: "[DATE_901]", completion: "[DATE_902]", expectedResponse: "[DATE_903]" },
  concern: { category: "communication", description: "Nobody explained the delay.", desiredOutcome: "I want to make sure this does not happen again." },
  investigation: { steps: ["We spoke with the charge nurse."], results: ["The delay was not explained to the family."] },
  issues: [{ number: 1, issue: "Nobody explained the delay", steps: ["We spoke with the charge nurse."], results: ["The delay was not explained to the family."] }],
  notices: { qioRequired: false, qio: "the QIO", stateAgency: "the State Department of Health." },
};

const TWO_ISSUES: LetterFacts = {
  ...FACTS,
  investigation: { steps: ["We reviewed the pharmacy records.", "We met with the triage nurse."], results: ["The 2 am dose was given at 3:15 am.", "The nurse has been coached on respectful communication."] },
  issues: [
    { number: 1, issue: "Pain medicine was given late", steps: ["We reviewed the pharmacy records."], results: ["The 2 am dose was given at 3:15 am."] },
    { number: 2, issue: "Triage nurse was rude", steps: ["We met with the triage nurse."], results: ["The nurse has been coached on respectful communication."] },
  ],
};

const textOf = async (facts: LetterFacts) => renderLetter((await createTemplateDrafter().draft(facts)).draft, { signatory: "Jordan Lee", hospitalName: "Lakeside Community Hospital" });

describe("template drafter: one paragraph per issue", () => {
  it("answers each issue with the steps and results tied to it, then quotes the request whole", async () => {
    const { draft } = await createTemplateDrafter().draft(TWO_ISSUES);
    expect(draft.issueResponses.map((entry) => entry.response)).toEqual([
      'Your first concern was: "Pain medicine was given late." To look into this, we took these steps: We reviewed the pharmacy records. This is what we found: The 2 am dose was given at 3:15 am.',
      'Your second concern was: "Triage nurse was rude." To look into this, we took these steps: We met with the triage nurse. This is what we found: The nurse has been coached on respectful communication.',
      'You asked us: "I want to make sure this does not happen again." We have kept this in mind in everything described in this letter.',
    ]);
    expect(draft.issuesRaised).toEqual(["Pain medicine was given late", "Triage nurse was rude", "your request: I want to make sure this does not happen again"]);
    // Notes tied to an issue are not repeated in the general sections.
    expect(draft.stepsTaken).toBe("");
    expect(draft.results).toBe("");
    expect(issuesAnswered(await textOf(TWO_ISSUES), ["Pain medicine was given late", "Triage nurse was rude"])).toMatchObject({ passed: true });
  });

  it("says plainly when an issue has no result yet, and that letter fails the issues check", async () => {
    const pending: LetterFacts = { ...TWO_ISSUES, issues: [TWO_ISSUES.issues[0]!, { ...TWO_ISSUES.issues[1]!, results: [] }] };
    const { draft } = await createTemplateDrafter().draft(pending);
    expect(draft.issueResponses[1]?.response).toBe(
      'Your second concern was: "Triage nurse was rude." We have not finished looking into this yet. [insert what was found about this concern] To look into this, we took these steps: We met with the triage nurse.',
    );
    const check = issuesAnswered(await textOf(pending), ["Pain medicine was given late", "Triage nurse was rude"]);
    expect(check.passed).toBe(false);
    expect(check.detail).toContain("issue 2 of 2");
  });

  it("keeps notes tied to no issue in the general sections", async () => {
    const { draft } = await createTemplateDrafter().draft({ ...FACTS, issues: [{ ...FACTS.issues[0]!, steps: [], results: [] }] });
    expect(draft.stepsTaken).toBe("To look into your concern, we took these steps: We spoke with the charge nurse.");
    expect(draft.results).toBe("This is what we found: The delay was not explained to the family.");
  });

  it("ends a request typed without a full stop with one, and leaves one that ends in a question mark as it is", async () => {
    const plain = await createTemplateDrafter().draft({ ...FACTS, concern: { ...FACTS.concern, desiredOutcome: "An apology" } });
    expect(plain.draft.issueResponses[1]?.response).toBe('You asked us: "An apology." We have kept this in mind in everything described in this letter.');
    const question = await createTemplateDrafter().draft({ ...FACTS, concern: { ...FACTS.concern, desiredOutcome: "Why did nobody call me?" } });
    expect(question.draft.issueResponses[1]?.response).toContain('"Why did nobody call me?" We have');
    const none = await createTemplateDrafter().draft({ ...FACTS, concern: { ...FACTS.concern, desiredOutcome: "" } });
    expect(none.draft.issueResponses).toHaveLength(1);
    for (const entry of plain.draft.issueResponses) expect(entry.response).not.toMatch(/[.!?][:;,]/);
  });
});
