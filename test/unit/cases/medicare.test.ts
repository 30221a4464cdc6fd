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

  it("a category a hospital added is not a QIO concern", () => {
    expect(qioConcern({ medicareBeneficiary: true, category: "parking" })).toBeNull();
  });
});
