import { describe, expect, it } from "vitest";
import type { LetterFacts } from "../../../src/letters/letter.schema.ts";
import { createTemplateDrafter } from "../../../src/letters/template-drafter.ts";

const FACTS: LetterFacts = {
  kind: "response",
  language: "English",
  recipient: "[NAME_1]",
  hospital: { name: "Riverside General Hospital", contactPerson: "Dana Whitfield", contactBlock: "You can reach Dana at 555-201-4400.", signatory: "Jordan Lee" },
  dates: { received: "[DATE_901]", completion: "[DATE_902]", expectedResponse: "[DATE_903]" },
  concern: { category: "communication", description: "Nobody explained the delay.", desiredOutcome: "I want to make sure this does not happen again." },
  investigation: { steps: ["We spoke with the charge nurse"], results: ["The delay was not explained to the family."] },
  notices: { qioRequired: false, qio: "the QIO", stateAgency: "the State Department of Health." },
};

describe("template drafter: sentences", () => {
  it("quotes the patient's request whole instead of running it into our sentence", async () => {
    const { draft } = await createTemplateDrafter().draft(FACTS);
    const responses = draft.issueResponses.map((entry) => entry.response);
    expect(responses).toEqual([
      "About your concern with communication: we looked into this carefully, as described below.",
      'You asked us: "I want to make sure this does not happen again." We looked into your request carefully, as described below.',
    ]);
    for (const response of responses) expect(response).not.toMatch(/[.!?][:;,]/);
    expect(draft.issuesRaised).toEqual(["communication", "your request: I want to make sure this does not happen again"]);
  });

  it("ends a request typed without a full stop with one, and leaves one that ends in a question mark as it is", async () => {
    const plain = await createTemplateDrafter().draft({ ...FACTS, concern: { ...FACTS.concern, desiredOutcome: "An apology" } });
    expect(plain.draft.issueResponses[1]?.response).toBe('You asked us: "An apology." We looked into your request carefully, as described below.');
    const question = await createTemplateDrafter().draft({ ...FACTS, concern: { ...FACTS.concern, desiredOutcome: "Why did nobody call me?" } });
    expect(question.draft.issueResponses[1]?.response).toContain('"Why did nobody call me?" We looked');
    const none = await createTemplateDrafter().draft({ ...FACTS, concern: { ...FACTS.concern, desiredOutcome: "" } });
    expect(none.draft.issueResponses).toHaveLength(1);
  });
});
