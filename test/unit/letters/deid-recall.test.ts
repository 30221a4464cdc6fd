import { describe, expect, it } from "vitest";
import { DEID_NARRATIVES, type DeidNarrative } from "../../fixtures/deid-narratives.ts";
import { scoreDeidentification } from "../../support/deid-scoring.ts";

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

const { all, expectAnnotatedFromText, itMeetsTheBounds } = scoreDeidentification(DEID_NARRATIVES, {
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

  itMeetsTheBounds("De-identification recall");
});
