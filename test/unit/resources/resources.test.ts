import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { CaseFacts } from "../../../src/guidance/case-facts.ts";
import { DEFAULT_RESOURCES_FILE } from "../../../src/guidance/guidance.service.ts";
import { caseNeeds, matchResources, monthRange, offerReport } from "../../../src/resources/resources.ts";
import { parseDirectory, resourcesOf } from "../../../src/resources/resources.schema.ts";
import { plainCaseFacts } from "../../fixtures/case-facts.ts";

const facts = (overrides: Partial<CaseFacts> = {}) => plainCaseFacts("Nobody explained the delay.", overrides);

const errorsOf = (text: string) => {
  const result = parseDirectory(text);
  if (result.ok) throw new Error("expected problems");
  return result.errors;
};
const entry = (fields: string) => `version: 1\nresources:\n  - id: ride-line\n    name: Ride Line\n${fields}`;
const GOOD = '    helps_with: [transport]\n    phone: "(555) 010-0199"\n';

describe("a case's needs", () => {
  it("reads them from the narrative, the category and the languages on the case", () => {
    expect(caseNeeds(facts({ narrative: "She has no ride home and nobody at home to help her." }))).toEqual(["transport", "caregiver_support"]);
    expect(caseNeeds(facts({ category: "billing", narrative: "I cannot afford my prescriptions after the bill." }))).toEqual(["financial_assistance", "medication_costs"]);
    expect(caseNeeds(facts({ category: "discharge" }))).toEqual(["transport", "caregiver_support"]);
    expect(caseNeeds(facts({ languages: ["Vietnamese"] }))).toEqual(["language_services"]);
    expect(caseNeeds(facts({ narrative: "He lost his Medicaid and is facing eviction." }))).toEqual(["housing", "legal_aid", "insurance_enrollment"]);
  });

  it("does not read a medication error as a medication-cost need", () => {
    expect(caseNeeds(facts({ category: "safety", narrative: "The nurse gave the wrong medication." }))).toEqual([]);
  });
});

describe("resources matched to a case", () => {
  const parsed = parseDirectory(readFileSync(DEFAULT_RESOURCES_FILE, "utf8"));
  if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
  const directory = resourcesOf(parsed.value);

  it("suggests the ones that meet the most needs first, then those speaking the patient's language", () => {
    const matched = matchResources(directory, facts({ category: "billing", narrative: "Cannot afford the inhalers; the bill is too high.", languages: ["Haitian Creole"] }));
    expect(matched[0]?.resource.id).toBe("example-prescription-fund");
    expect(matched[0]?.needs).toEqual(["financial_assistance", "medication_costs"]);
    const benefits = matched.find((match) => match.resource.id === "example-benefits-enrollment");
    expect(benefits?.speaksLanguage).toBe(true);
    expect(matched.map((match) => match.resource.id)).toContain("example-language-bank");
  });

  it("suggests transport and caregiver support for a discharge concern, and nothing for a compliment", () => {
    expect(matchResources(directory, facts({ category: "discharge" })).map((match) => match.resource.id)).toEqual(["example-ride-home", "example-caregiver-network"]);
    expect(matchResources(directory, facts({ category: "compliment", narrative: "Thank you for the ride home." }))).toEqual([]);
  });

  it("suggests nothing when the case shows no need", () => {
    expect(matchResources(directory, facts())).toEqual([]);
  });
});

describe("the monthly count of resources offered", () => {
  it("counts offers by kind and by resource, and the cases they were on", () => {
    const report = offerReport("2026-11", [
      { caseId: "a", resourceId: "ride", resourceName: "Ride Line", tags: ["transport"] },
      { caseId: "a", resourceId: "fund", resourceName: "Prescription Fund", tags: ["medication_costs", "financial_assistance"] },
      { caseId: "b", resourceId: "ride", resourceName: "Ride Line", tags: ["transport"] },
    ]);
    expect(report).toEqual({
      month: "2026-11",
      offers: 3,
      cases: 2,
      byTag: [
        { tag: "transport", count: 2 },
        { tag: "financial_assistance", count: 1 },
        { tag: "medication_costs", count: 1 },
      ],
      byResource: [
        { name: "Ride Line", count: 2 },
        { name: "Prescription Fund", count: 1 },
      ],
    });
  });

  it("reads a month in the hospital's time zone, and refuses what is not a month", () => {
    expect(monthRange("2026-11", "America/New_York")).toEqual({ from: new Date("2026-11-01T04:00:00Z"), to: new Date("2026-12-01T05:00:00Z") });
    expect(monthRange("2026-12", "UTC")?.to).toEqual(new Date("2027-01-01T00:00:00Z"));
    expect(monthRange("2026-13", "UTC")).toBeNull();
    expect(monthRange("November", "UTC")).toBeNull();
  });
});

describe("the resource directory file", () => {
  it("ships with fictional example entries, each marked as an example", () => {
    const parsed = parseDirectory(readFileSync(DEFAULT_RESOURCES_FILE, "utf8"));
    expect(parsed.ok ? [] : parsed.errors).toEqual([]);
    if (!parsed.ok) return;
    expect(parsed.value.resources.every((resource) => resource.example && resource.name.startsWith("EXAMPLE"))).toBe(true);
    expect(parsed.value.resources.every((resource) => !resource.phone || /^\(555\) 010-01\d\d$/.test(resource.phone))).toBe(true);
  });

  it("accepts a minimal entry, and an unquoted short number", () => {
    expect(parseDirectory(entry(GOOD)).ok).toBe(true);
    expect(parseDirectory(entry("    helps_with: [food]\n    phone: 211\n")).ok).toBe(true);
  });

  it("names the entry, the field and the problem for an unknown need", () => {
    expect(errorsOf(entry(GOOD.replace("[transport]", "[rides]")))).toEqual([expect.stringMatching(/^resources\[0\] \("Ride Line"\) field helps_with\[0\]: "rides" is not a known need; use one of: transport, food/)]);
  });

  it("refuses a phone number that is not one", () => {
    expect(errorsOf(entry(GOOD.replace('"(555) 010-0199"', '"call us"')))).toEqual([expect.stringMatching(/^resources\[0\] \("Ride Line"\) field phone: is not a phone number/)]);
  });

  it("refuses a website that is not a full address", () => {
    expect(errorsOf(entry(`${GOOD}    website: example.org\n`))).toEqual([
      'resources[0] ("Ride Line") field website: is not a web address; write it in full, starting with https://, e.g. https://example.org/help',
    ]);
  });

  it("needs a phone number or a website", () => {
    expect(errorsOf(entry("    helps_with: [transport]\n"))).toEqual(['resources[0] ("Ride Line") field phone: is missing; give a phone number or a website so the patient can reach the service']);
  });

  it("names a missing name and an unknown field", () => {
    expect(errorsOf(`version: 1\nresources:\n  - id: x\n${GOOD}    colour: red\n`)).toEqual([
      "resources[0] field name: is missing; add the organisation or service name",
      expect.stringMatching(/^resources\[0\]: unknown setting "colour"; the allowed settings here are: id, name, example, helps_with/),
    ]);
  });

  it("names a second entry with the same id", () => {
    expect(errorsOf(`${entry(GOOD)}  - id: ride-line\n    name: Other Rides\n${GOOD}`)).toEqual([
      'resources[1] ("Other Rides") field id: the entry id "ride-line" is already used by resources[0]; give each entry its own id',
    ]);
  });

  it("refuses an empty directory and broken YAML", () => {
    expect(errorsOf("version: 1\nresources: []\n")).toEqual(["resources: is an empty list; add at least one entry"]);
    expect(errorsOf("version: 1\nresources:\n  - id: a\n   name: b\n")[0]).toMatch(/^line \d+, column \d+: this is not valid YAML/);
  });
});
