import { describe, expect, it } from "vitest";
import { deidentifyFields } from "../../../src/letters/redact.ts";
import type { DeidIdentifierType } from "../../fixtures/deid-narratives.ts";
import { UNSEEN_NARRATIVES, type UnseenNarrative } from "../../fixtures/deid-narratives-unseen.ts";

// Recall of de-identification on narratives the detectors were not tuned on
// (test/fixtures/deid-narratives-unseen.ts), fields as the letter drafter sends them
// (src/letters/letter-facts.ts). Stricter than deid-recall.test.ts in two ways: every word of an
// address counts, in any case ("memphis"), and titles are not pieces of a name ("Dr.", "doña").

const raw = String.raw;
const RECORD_TYPES: readonly DeidIdentifierType[] = ["record-name", "record-phone", "record-email"];
const NAME_TYPES: readonly DeidIdentifierType[] = ["record-name", "name"];
const PARTICLES = new Set(["de", "la", "del", "los", "las", "della", "der", "den", "di", "da", "du", "dos", "das", "le", "van", "von", "bin", "ibn", "al", "el", "y"]);
const TITLES = new Set(["mr", "mrs", "ms", "miss", "dr", "nurse", "rn", "señora", "señor", "doña", "don", "tía", "tío", "lic", "ông", "bà", "mgr"]);
// Words of an address that say what kind of place it is, not which one.
const ADDRESS_WORDS = new Set([
  ...["street", "st", "avenue", "ave", "av", "road", "rd", "lane", "ln", "drive", "dr", "boulevard", "blvd", "court", "ct", "place", "pl", "way"],
  ...["apt", "apartment", "unit", "suite", "flat", "n", "s", "e", "w", "north", "south", "east", "west", "rue", "des", "calle", "col", "c.p"],
  ...PARTICLES,
]);
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const escapeRegex = (value: string) => value.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/** Whether `needle` is in `haystack` as a whole token, in any case: not inside a longer word or number. */
function occurs(haystack: string, needle: string): boolean {
  if (UNSPACED.test(needle)) return haystack.includes(needle);
  return new RegExp(raw`(?<![\p{L}\p{M}\p{N}]|\p{N}[.,])${escapeRegex(needle)}(?![\p{L}\p{M}\p{N}]|[.,]\p{N})`, "iu").test(haystack);
}

const letters = (text: string) => (text.match(/\p{L}/gu) ?? []).length;
const clean = (token: string) => token.replace(/^["'“‘(#]+|["'”’).,:;!?]+$/gu, "").replace(/['’]s$/u, "");

/** The parts of an identifier that must not be left anywhere in the output. */
function piecesOf(type: DeidIdentifierType, text: string): string[] {
  if (UNSPACED.test(text)) return [];
  if (NAME_TYPES.includes(type)) {
    return text
      .split(/[\s\-‐,]+/u)
      .map(clean)
      .filter((part) => letters(part) >= 2 && !PARTICLES.has(part.toLowerCase()) && !TITLES.has(part.toLowerCase().replace(/\.$/, "")));
  }
  if (type === "age") return (text.match(/\d+/g) ?? []).filter((number) => Number(number) > 89);
  const tokens = text.split(/\s+/u).map(clean);
  const coded = tokens.filter((token) => /\d/.test(token) && token.replace(/[^\p{L}\p{N}]/gu, "").length >= 3);
  if (type !== "address") return coded;
  const words = tokens.filter((token) => !/\d/.test(token) && letters(token) >= 2 && !ADDRESS_WORDS.has(token.toLowerCase().replace(/\.$/, "")));
  return [...coded, ...words];
}

function fieldsOf(narrative: UnseenNarrative): Record<string, string> {
  return {
    recipient: narrative.record.names.at(-1) ?? "Patient",
    description: narrative.description,
    desiredOutcome: narrative.desiredOutcome,
    ...Object.fromEntries(narrative.notes.map((note, index) => [`step${index}`, note])),
    ...Object.fromEntries((narrative.issues ?? []).map((issue, index) => [`issue${index}`, issue])),
  };
}

function evaluate(narrative: UnseenNarrative) {
  const { fields } = deidentifyFields(fieldsOf(narrative), narrative.record);
  const output = Object.values(fields).join("\n").normalize("NFC");
  // The aggregate an age over 89 becomes is what Safe Harbor allows; a piece inside a must-keep
  // phrase is not an identifier there.
  let masked = output.replace(/90 or older|90 años o más/g, " ¦ ");
  for (const phrase of narrative.keep) masked = masked.split(phrase.normalize("NFC")).join(" ¦ ");
  const leaked = narrative.identifiers.filter(([type, text]) => {
    const normalized = text.normalize("NFC");
    return occurs(masked, normalized) || piecesOf(type, normalized).some((piece) => occurs(masked, piece));
  });
  const replacedKeeps = narrative.keep.filter((phrase) => !output.includes(phrase.normalize("NFC")));
  return { narrative, output, leaked, replacedKeeps };
}

const results = UNSEEN_NARRATIVES.map(evaluate);
const all = UNSEEN_NARRATIVES.flatMap((narrative) => narrative.identifiers);
const leaks = results.flatMap((result) => result.leaked.map(([type, text]) => ({ id: result.narrative.id, type, text })));
const replacedKeeps = results.flatMap((result) => result.replacedKeeps.map((phrase) => ({ id: result.narrative.id, phrase })));

function recall(types: readonly DeidIdentifierType[]): { caught: number; total: number } {
  const total = all.filter(([type]) => types.includes(type)).length;
  const missed = leaks.filter((leak) => types.includes(leak.type)).length;
  return { caught: total - missed, total };
}
const percent = ({ caught, total }: { caught: number; total: number }) => (total === 0 ? "-" : `${((100 * caught) / total).toFixed(1)}%`);

describe("de-identification recall on unseen narratives", () => {
  it("has narratives annotated from their own text", () => {
    expect(UNSEEN_NARRATIVES.length).toBe(15);
    expect(new Set(UNSEEN_NARRATIVES.map((narrative) => narrative.id)).size).toBe(UNSEEN_NARRATIVES.length);
    for (const narrative of UNSEEN_NARRATIVES) {
      const input = Object.values(fieldsOf(narrative)).join("\n");
      for (const [, text] of narrative.identifiers) expect(input, `${narrative.id}: ${text}`).toContain(text);
      for (const phrase of narrative.keep) expect(input, `${narrative.id}: ${phrase}`).toContain(phrase);
    }
  });

  it("prints recall per type and overall, and the must-keep phrases replaced", () => {
    const types = [...new Set(all.map(([type]) => type))];
    const rows = types.map((type) => ({ type, ...recall([type]), recall: percent(recall([type])) }));
    rows.push({ type: "overall" as DeidIdentifierType, ...recall(types), recall: percent(recall(types)) });
    console.log(
      [
        `De-identification recall (unseen): ${UNSEEN_NARRATIVES.length} narratives, ${all.length} identifiers`,
        ...rows.map((row) => `  ${row.type.padEnd(14)} ${String(row.caught).padStart(4)} / ${String(row.total).padEnd(4)} ${row.recall}`),
        `  must-keep phrases replaced: ${replacedKeeps.length} of ${UNSEEN_NARRATIVES.reduce((sum, narrative) => sum + narrative.keep.length, 0)}`,
        ...leaks.map((leak) => `  LEAK ${leak.id}: ${leak.type} ${JSON.stringify(leak.text)}`),
        ...replacedKeeps.map((keep) => `  REPLACED ${keep.id}: ${JSON.stringify(keep.phrase)}`),
      ].join("\n"),
    );
    expect(rows.length).toBeGreaterThan(1);
  });

  it("finds every name, phone and email known from the case record", () => {
    expect(leaks.filter((leak) => RECORD_TYPES.includes(leak.type))).toEqual([]);
  });

  it("finds at least 99% of all identifiers", () => {
    const overall = recall([...new Set(all.map(([type]) => type))]);
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
