import { describe, expect, it } from "vitest";
import { UNSEEN_NARRATIVES, type UnseenNarrative } from "../../fixtures/deid-narratives-unseen.ts";
import { scoreDeidentification } from "../../support/deid-scoring.ts";

// Recall of de-identification on narratives the detectors were not tuned on
// (test/fixtures/deid-narratives-unseen.ts), fields as the letter drafter sends them
// (src/letters/letter-facts.ts). Stricter than deid-recall.test.ts in two ways: every word of an
// address counts, in any case ("memphis"), and titles are not pieces of a name ("Dr.", "doña").

const PARTICLES = new Set(["de", "la", "del", "los", "las", "della", "der", "den", "di", "da", "du", "dos", "das", "le", "van", "von", "bin", "ibn", "al", "el", "y"]);
const TITLES = new Set(["mr", "mrs", "ms", "miss", "dr", "nurse", "rn", "señora", "señor", "doña", "don", "tía", "tío", "lic", "ông", "bà", "mgr"]);
// Words of an address that say what kind of place it is, not which one.
const ADDRESS_WORDS = new Set([
  ...["street", "st", "avenue", "ave", "av", "road", "rd", "lane", "ln", "drive", "dr", "boulevard", "blvd", "court", "ct", "place", "pl", "way"],
  ...["apt", "apartment", "unit", "suite", "flat", "n", "s", "e", "w", "north", "south", "east", "west", "rue", "des", "calle", "col", "c.p"],
  ...PARTICLES,
]);

function fieldsOf(narrative: UnseenNarrative): Record<string, string> {
  return {
    recipient: narrative.record.names.at(-1) ?? "Patient",
    description: narrative.description,
    desiredOutcome: narrative.desiredOutcome,
    ...Object.fromEntries(narrative.notes.map((note, index) => [`step${index}`, note])),
    ...Object.fromEntries((narrative.issues ?? []).map((issue, index) => [`issue${index}`, issue])),
  };
}

const { expectAnnotatedFromText, itMeetsTheBounds } = scoreDeidentification(UNSEEN_NARRATIVES, {
  fieldsOf,
  particles: PARTICLES,
  addressWords: ADDRESS_WORDS,
  titles: TITLES,
  strict: true,
});

describe("de-identification recall on unseen narratives", () => {
  it("has narratives annotated from their own text", () => {
    expect(UNSEEN_NARRATIVES.length).toBe(15);
    expect(new Set(UNSEEN_NARRATIVES.map((narrative) => narrative.id)).size).toBe(UNSEEN_NARRATIVES.length);
    expectAnnotatedFromText();
  });

  itMeetsTheBounds("De-identification recall (unseen)");
});
