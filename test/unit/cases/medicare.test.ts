import { describe, expect, it } from "vitest";
import { qioConcern, qioNoticeRequired } from "../../../src/cases/medicare.ts";
import { CATEGORIES } from "../../../src/cases/taxonomy.ts";

// Written out per category (not derived from the code under test): which concerns owe the QIO notice.
const EXPECTED: Record<string, "quality_of_care" | "premature_discharge" | null> = {
  quality: "quality_of_care",
  safety: "quality_of_care",
  abuse_neglect: "quality_of_care",
  patient_harm: "quality_of_care",
  environment: null,
  access: null,
  discharge: "premature_discharge",
  billing: null,
  billing_rights: null,
  routine_request: null,
  communication: null,
  listening: null,
  respect: null,
  visitation: null,
  language_access: null,
  discrimination: null,
  restraint_seclusion: null,
  privacy: null,
  consent: null,
  advance_directives: null,
  dignity: null,
  compliment: null,
};

describe("qioConcern", () => {
  it("has an expectation for every default category", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(CATEGORIES.map((category) => category.id).sort());
  });

  it.each(Object.entries(EXPECTED))("a Medicare beneficiary's %s concern → %s", (category, concern) => {
    expect(qioConcern({ medicareBeneficiary: true, category })).toBe(concern);
    expect(qioNoticeRequired({ medicareBeneficiary: true, category })).toBe(concern !== null);
  });

  it.each(Object.keys(EXPECTED))("someone not on Medicare is owed no QIO notice for a %s concern", (category) => {
    expect(qioConcern({ medicareBeneficiary: false, category })).toBeNull();
    expect(qioNoticeRequired({ medicareBeneficiary: false, category })).toBe(false);
  });

  // The facts, not the category: what the narrative says owes the notice too.
  it.each([
    ["was readmitted two days after going home", "premature_discharge"],
    ["they sent him home too early and he was back in the ER that night", "premature_discharge"],
    ["she was discharged before she was ready", "premature_discharge"],
    ["they sent him home too soon", "premature_discharge"],
    ["la dieron de alta muy pronto", "premature_discharge"],
    ["the aide grabbed her by the arm", "quality_of_care"],
    ["he got the wrong insulin dose", "quality_of_care"],
  ] as const)("a Medicare beneficiary's communication concern saying \"%s\" → %s", (description, concern) => {
    expect(qioConcern({ medicareBeneficiary: true, category: "communication", description })).toBe(concern);
    expect(qioConcern({ medicareBeneficiary: false, category: "communication", description })).toBeNull();
  });

  it("an allegation of harm is a quality-of-care concern whatever the category", () => {
    expect(qioConcern({ medicareBeneficiary: true, category: "billing", allegesHarm: true })).toBe("quality_of_care");
  });

  it("a compliment owes no QIO notice, whatever it says", () => {
    expect(qioConcern({ medicareBeneficiary: true, category: "compliment", description: "Thank you for the care after he was readmitted." })).toBeNull();
  });

  it("a narrative about the food or the bill owes no QIO notice", () => {
    expect(qioConcern({ medicareBeneficiary: true, category: "environment", description: "The food was cold and the bill was wrong." })).toBeNull();
  });

  it("a category a hospital added is not a QIO concern", () => {
    expect(qioConcern({ medicareBeneficiary: true, category: "parking" })).toBeNull();
  });
});
