import { describe, expect, it } from "vitest";
import { deidentifyFields } from "../../../src/letters/redact.ts";
import { DEID_NARRATIVES, type DeidIdentifierType, type DeidNarrative } from "../../fixtures/deid-narratives.ts";

// Recall of de-identification on annotated narratives (test/fixtures/deid-narratives.ts): how many of
// the Safe Harbor identifiers in them are kept from the model, per type and overall, and how many
// phrases the letter needs are wrongly replaced. The fields go through deidentifyFields as the letter
// drafter sends them (src/letters/letter-facts.ts): the recipient, the description, the desired
// outcome and each case note.

const RECORD_TYPES: readonly DeidIdentifierType[] = ["record-name", "record-phone", "record-email"];
const NAME_TYPES: readonly DeidIdentifierType[] = ["record-name", "name"];
const PARTICLES = new Set(["de", "la", "del", "della", "der", "den", "di", "da", "du", "dos", "das", "le", "van", "von", "ten", "ter", "bin", "ibn", "al", "el", "y"]);
// Words of an address that say what kind of place it is, not which one.
const ADDRESS_WORDS = new Set(
  [
    ...["street", "st", "avenue", "ave", "av", "road", "rd", "lane", "ln", "drive", "dr", "boulevard", "blvd", "court", "ct", "place", "pl", "way", "circle", "cir"],
    ...["apt", "apartment", "unit", "suite", "ste", "box", "p.o", "po", "n", "s", "e", "w", "north", "south", "east", "west", "ul", "m", "rua", "col", "calle", "c.p"],
  ],
);
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

const escapeRegex = (value: string) => value.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/** Whether `needle` is in `haystack` as a whole token: not inside a longer word or number ("101" is not in "101.4"). */
function occurs(haystack: string, needle: string): boolean {
  if (UNSPACED.test(needle)) return haystack.includes(needle);
  return new RegExp(raw`(?<![\p{L}\p{M}\p{N}]|\p{N}[.,])${escapeRegex(needle)}(?![\p{L}\p{M}\p{N}]|[.,]\p{N})`, "u").test(haystack);
}
const raw = String.raw;

/** The parts of an identifier that must not be left anywhere in the output. */
function piecesOf(type: DeidIdentifierType, text: string): string[] {
  if (UNSPACED.test(text)) return [];
  if (NAME_TYPES.includes(type)) {
    return text
      .split(/[\s\-‐,]+/u)
      .map((part) => part.replace(/^["'“‘(]+|["'”’).,:;]+$/gu, "").replace(/['’]s$/u, ""))
      .filter((part) => (part.match(/\p{L}/gu) ?? []).length >= 2 && !PARTICLES.has(part));
  }
  if (type === "age") return (text.match(/\d+/g) ?? []).filter((number) => Number(number) > 89);
  const tokens = text.split(/\s+/u).map((token) => token.replace(/^[("'#]+|[)"',.:;!?]+$/gu, ""));
  const coded = tokens.filter((token) => /\d/.test(token) && token.replace(/[^\p{L}\p{N}]/gu, "").length >= 3);
  if (type !== "address") return coded;
  const words = tokens.filter((token) => /^\p{Lu}/u.test(token) && !ADDRESS_WORDS.has(token.toLowerCase().replace(/\.$/, "")) && (token.match(/\p{L}/gu) ?? []).length >= 2);
  return [...coded, ...words];
}

function fieldsOf(narrative: DeidNarrative): Record<string, string> {
  return {
    recipient: narrative.record.names.at(-1) ?? "Patient",
    description: narrative.description,
    desiredOutcome: narrative.desiredOutcome ?? "",
    ...Object.fromEntries(narrative.notes.map((note, index) => [`note${index}`, note])),
  };
}

interface Result {
  narrative: DeidNarrative;
  output: string;
  leaked: Array<readonly [DeidIdentifierType, string]>;
  replacedKeeps: string[];
}

function evaluate(narrative: DeidNarrative): Result {
  const { fields } = deidentifyFields(fieldsOf(narrative), narrative.record);
  const output = Object.values(fields).join("\n").normalize("NFC");
  // A piece that is part of a phrase the letter needs ("admitted in May") is not an identifier there.
  // The aggregate an age over 89 becomes ("90 or older") is what Safe Harbor allows, not a leak.
  let masked = output.replace(/90 or older|90 años o más/g, " ¦ ");
  for (const phrase of narrative.keep) masked = masked.split(phrase.normalize("NFC")).join(" ¦ ");
  const leaked = narrative.identifiers.filter(([type, text]) => {
    const normalized = text.normalize("NFC");
    return occurs(masked, normalized) || piecesOf(type, normalized).some((piece) => occurs(masked, piece));
  });
  const replacedKeeps = narrative.keep.filter((phrase) => !output.includes(phrase.normalize("NFC")));
  return { narrative, output, leaked, replacedKeeps };
}

const results = DEID_NARRATIVES.map(evaluate);
const all = DEID_NARRATIVES.flatMap((narrative) => narrative.identifiers);
const leaks = results.flatMap((result) => result.leaked.map(([type, text]) => ({ id: result.narrative.id, type, text })));
const replacedKeeps = results.flatMap((result) => result.replacedKeeps.map((phrase) => ({ id: result.narrative.id, phrase })));

function recall(types: readonly DeidIdentifierType[]): { caught: number; total: number } {
  const total = all.filter(([type]) => types.includes(type)).length;
  const missed = leaks.filter((leak) => types.includes(leak.type)).length;
  return { caught: total - missed, total };
}

const percent = ({ caught, total }: { caught: number; total: number }) => (total === 0 ? "-" : `${((100 * caught) / total).toFixed(1)}%`);

describe("de-identification recall on annotated narratives", () => {
  it("has the fixture set this measure needs, annotated from the text", () => {
    expect(DEID_NARRATIVES.length).toBeGreaterThanOrEqual(40);
    expect(all.length).toBeGreaterThanOrEqual(300);
    expect(new Set(DEID_NARRATIVES.map((narrative) => narrative.id)).size).toBe(DEID_NARRATIVES.length);
    for (const narrative of DEID_NARRATIVES) {
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
        `De-identification recall: ${DEID_NARRATIVES.length} narratives, ${all.length} identifiers`,
        ...rows.map((row) => `  ${row.type.padEnd(14)} ${String(row.caught).padStart(4)} / ${String(row.total).padEnd(4)} ${row.recall}`),
        `  must-keep phrases replaced: ${replacedKeeps.length} of ${DEID_NARRATIVES.reduce((sum, narrative) => sum + narrative.keep.length, 0)}`,
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
