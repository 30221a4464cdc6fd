import { describe, expect, it } from "vitest";
import { DEID_NARRATIVES, type DeidNarrative } from "../../fixtures/deid-narratives.ts";
import { RECORD_TYPES, scoreDeidentification } from "../../support/deid-scoring.ts";

// Recall of de-identification on annotated narratives (test/fixtures/deid-narratives.ts): how many of
// the Safe Harbor identifiers in them are kept from the model, per type and overall, and how many
// phrases the letter needs are wrongly replaced. The fields go through deidentifyFields as the letter
// drafter sends them (src/letters/letter-facts.ts): the recipient, the description, the desired
// outcome and each case note. Scored by test/support/deid-scoring.ts.

const PARTICLES = new Set(["de", "la", "del", "della", "der", "den", "di", "da", "du", "dos", "das", "le", "van", "von", "ten", "ter", "bin", "ibn", "al", "el", "y"]);
// Words of an address that say what kind of place it is, not which one.
const ADDRESS_WORDS = new Set(
  [
    ...["street", "st", "avenue", "ave", "av", "road", "rd", "lane", "ln", "drive", "dr", "boulevard", "blvd", "court", "ct", "place", "pl", "way", "circle", "cir"],
    ...["apt", "apartment", "unit", "suite", "ste", "box", "p.o", "po", "n", "s", "e", "w", "north", "south", "east", "west", "ul", "m", "rua", "col", "calle", "c.p"],
  ],
);

function fieldsOf(narrative: DeidNarrative): Record<string, string> {
  return {
    recipient: narrative.record.names.at(-1) ?? "Patient",
    description: narrative.description,
    desiredOutcome: narrative.desiredOutcome ?? "",
    ...Object.fromEntries(narrative.notes.map((note, index) => [`note${index}`, note])),
  };
}

const { results, all, types, leaks, replacedKeeps, recall, summary, expectAnnotatedFromText } = scoreDeidentification(DEID_NARRATIVES, {
  fieldsOf,
  particles: PARTICLES,
  addressWords: ADDRESS_WORDS,
});

describe("de-identification recall on annotated narratives", () => {
  it("has the fixture set this measure needs, annotated from the text", () => {
    expect(DEID_NARRATIVES.length).toBeGreaterThanOrEqual(40);
    expect(all.length).toBeGreaterThanOrEqual(300);
    expect(new Set(DEID_NARRATIVES.map((narrative) => narrative.id)).size).toBe(DEID_NARRATIVES.length);
    expectAnnotatedFromText();
  });

  it("prints recall per type and overall, and the must-keep phrases replaced", () => {
    const { rows, text } = summary("De-identification recall");
    console.log(text);
    expect(rows.length).toBeGreaterThan(1);
  });

  it("finds every name, phone and email known from the case record", () => {
    expect(leaks.filter((leak) => RECORD_TYPES.includes(leak.type))).toEqual([]);
  });

  it("finds at least 99% of all identifiers", () => {
    const overall = recall(types);
    expect(overall.caught / overall.total, JSON.stringify(leaks, null, 1)).toBeGreaterThanOrEqual(0.99);
  });

  it("replaces none of the phrases the letter needs", () => {
    expect(replacedKeeps).toEqual([]);
  });

  it("writes ages over 89 as the aggregate, never the number", () => {
    for (const result of results) {
      if (!result.narrative.identifiers.some(([type]) => type === "age")) continue;
      expect(result.output, result.narrative.id).toMatch(/90 or older|90 años o más/);
    }
  });
});
