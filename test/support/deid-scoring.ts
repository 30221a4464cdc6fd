import { expect, it } from "vitest";
import { deidentifyFields } from "../../src/letters/redact.ts";
import type { DeidIdentifierType } from "../fixtures/deid-narratives.ts";

// Scores de-identification on annotated narratives: which Safe Harbor identifiers are left in what
// deidentifyFields returns, per type and overall, and which phrases the letter needs were replaced.
// The fields are the ones the letter drafter sends (src/letters/letter-facts.ts); each fixture set says
// how its narratives become those fields.

/** What the scorer needs of a narrative; both fixture sets have it. */
export interface ScoredNarrative {
  id: string;
  record: { names: string[]; phones: string[]; emails: string[] };
  identifiers: ReadonlyArray<readonly [DeidIdentifierType, string]>;
  keep: readonly string[];
}

export interface DeidScoringOptions<N extends ScoredNarrative> {
  /** The fields the letter drafter would send for the narrative. */
  fieldsOf: (narrative: N) => Record<string, string>;
  /** Small words of a name that are not a piece of it ("de", "van"). */
  particles: ReadonlySet<string>;
  /** Words of an address that say what kind of place it is, not which one. */
  addressWords: ReadonlySet<string>;
  /** Titles that are not a piece of a name ("Dr.", "doña"), compared in lower case. */
  titles?: ReadonlySet<string>;
  /**
   * Count leaked pieces more strictly: identifiers and pieces are found in any case ("memphis"),
   * particles are compared in lower case, and every word of an address counts, not only capitalized ones.
   */
  strict?: boolean;
}

export interface DeidResult<N extends ScoredNarrative> {
  narrative: N;
  output: string;
  leaked: Array<readonly [DeidIdentifierType, string]>;
  replacedKeeps: string[];
}

export interface Recall {
  caught: number;
  total: number;
}

export const percent = ({ caught, total }: Recall) => (total === 0 ? "-" : `${((100 * caught) / total).toFixed(1)}%`);

const raw = String.raw;
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const escapeRegex = (value: string) => value.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
const NAME_TYPES: readonly DeidIdentifierType[] = ["record-name", "name"];
export const RECORD_TYPES: readonly DeidIdentifierType[] = ["record-name", "record-phone", "record-email"];

const letters = (text: string) => (text.match(/\p{L}/gu) ?? []).length;
const cleanNamePart = (part: string) => part.replace(/^["'“‘(]+|["'”’).,:;]+$/gu, "").replace(/['’]s$/u, "");
const cleanToken = (token: string) => token.replace(/^[("'#]+|[)"',.:;!?]+$/gu, "");
const cleanStrict = (token: string) => token.replace(/^["'“‘(#]+|["'”’).,:;!?]+$/gu, "").replace(/['’]s$/u, "");

/** Whether `needle` is in `haystack` as a whole token: not inside a longer word or number ("101" is not in "101.4"). */
function occurs(haystack: string, needle: string, anyCase: boolean): boolean {
  if (UNSPACED.test(needle)) return haystack.includes(needle);
  return new RegExp(raw`(?<![\p{L}\p{M}\p{N}]|\p{N}[.,])${escapeRegex(needle)}(?![\p{L}\p{M}\p{N}]|[.,]\p{N})`, anyCase ? "iu" : "u").test(haystack);
}

export function scoreDeidentification<N extends ScoredNarrative>(narratives: readonly N[], options: DeidScoringOptions<N>) {
  const { fieldsOf, particles, addressWords, titles = new Set<string>(), strict = false } = options;

  /** The parts of an identifier that must not be left anywhere in the output. */
  function piecesOf(type: DeidIdentifierType, text: string): string[] {
    if (UNSPACED.test(text)) return [];
    if (NAME_TYPES.includes(type)) {
      return text
        .split(/[\s\-‐,]+/u)
        .map(strict ? cleanStrict : cleanNamePart)
        .filter((part) => letters(part) >= 2 && !particles.has(strict ? part.toLowerCase() : part) && !titles.has(part.toLowerCase().replace(/\.$/, "")));
    }
    if (type === "age") return (text.match(/\d+/g) ?? []).filter((number) => Number(number) > 89);
    const tokens = text.split(/\s+/u).map(strict ? cleanStrict : cleanToken);
    const coded = tokens.filter((token) => /\d/.test(token) && token.replace(/[^\p{L}\p{N}]/gu, "").length >= 3);
    if (type !== "address") return coded;
    const counts = strict ? (token: string) => !/\d/.test(token) : (token: string) => /^\p{Lu}/u.test(token);
    const words = tokens.filter((token) => counts(token) && letters(token) >= 2 && !addressWords.has(token.toLowerCase().replace(/\.$/, "")));
    return [...coded, ...words];
  }

  function evaluate(narrative: N): DeidResult<N> {
    const { fields } = deidentifyFields(fieldsOf(narrative), narrative.record);
    const output = Object.values(fields).join("\n").normalize("NFC");
    // A piece that is part of a phrase the letter needs ("admitted in May") is not an identifier there.
    // The aggregate an age over 89 becomes ("90 or older") is what Safe Harbor allows, not a leak.
    let masked = output.replace(/90 or older|90 años o más/g, " ¦ ");
    for (const phrase of narrative.keep) masked = masked.split(phrase.normalize("NFC")).join(" ¦ ");
    const leaked = narrative.identifiers.filter(([type, text]) => {
      const normalized = text.normalize("NFC");
      return occurs(masked, normalized, strict) || piecesOf(type, normalized).some((piece) => occurs(masked, piece, strict));
    });
    const replacedKeeps = narrative.keep.filter((phrase) => !output.includes(phrase.normalize("NFC")));
    return { narrative, output, leaked, replacedKeeps };
  }

  const results = narratives.map(evaluate);
  const all = narratives.flatMap((narrative) => narrative.identifiers);
  const types = [...new Set(all.map(([type]) => type))];
  const leaks = results.flatMap((result) => result.leaked.map(([type, text]) => ({ id: result.narrative.id, type, text })));
  const replacedKeeps = results.flatMap((result) => result.replacedKeeps.map((phrase) => ({ id: result.narrative.id, phrase })));

  function recall(of: readonly DeidIdentifierType[]): Recall {
    const total = all.filter(([type]) => of.includes(type)).length;
    const missed = leaks.filter((leak) => of.includes(leak.type)).length;
    return { caught: total - missed, total };
  }

  /** Recall per type and overall, as rows and as the text the test prints under `heading`. */
  function summary(heading: string) {
    const rows = types.map((type) => ({ type, ...recall([type]), recall: percent(recall([type])) }));
    rows.push({ type: "overall" as DeidIdentifierType, ...recall(types), recall: percent(recall(types)) });
    const text = [
      `${heading}: ${narratives.length} narratives, ${all.length} identifiers`,
      ...rows.map((row) => `  ${row.type.padEnd(14)} ${String(row.caught).padStart(4)} / ${String(row.total).padEnd(4)} ${row.recall}`),
      `  must-keep phrases replaced: ${replacedKeeps.length} of ${narratives.reduce((sum, narrative) => sum + narrative.keep.length, 0)}`,
      ...leaks.map((leak) => `  LEAK ${leak.id}: ${leak.type} ${JSON.stringify(leak.text)}`),
      ...replacedKeeps.map((keep) => `  REPLACED ${keep.id}: ${JSON.stringify(keep.phrase)}`),
    ].join("\n");
    return { rows, text };
  }

  /** Fails unless every identifier and must-keep phrase is written as annotated in the narrative's own fields. */
  function expectAnnotatedFromText(): void {
    for (const narrative of narratives) {
      const input = Object.values(fieldsOf(narrative)).join("\n");
      for (const [, text] of narrative.identifiers) expect(input, `${narrative.id}: ${text}`).toContain(text);
      for (const phrase of narrative.keep) expect(input, `${narrative.id}: ${phrase}`).toContain(phrase);
    }
  }

  /** The bounds both fixture sets must meet, as tests in the caller's describe: printed recall, record fields 100%, 99% overall, no must-keep phrase replaced, ages over 89 aggregated. */
  function itMeetsTheBounds(heading: string): void {
    it("prints recall per type and overall, and the must-keep phrases replaced", () => {
      const { rows, text } = summary(heading);
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
  }

  return { results, all, types, leaks, replacedKeeps, recall, summary, expectAnnotatedFromText, itMeetsTheBounds };
}
