import { PARTICLE, raw } from "./redact-patterns.ts";
import { type Detector, escapeRegex, letterCount, type Span } from "./redact-spans.ts";
import { NOT_NAMES } from "./redact-patterns.ts";
import { CJK_COMPOUND_SURNAMES, CJK_SURNAMES, COMMON_CAPITALIZED, DIMINUTIVES, GIVEN_NAMES, KOREAN_SURNAMES, ORDINARY_NAMES } from "./redact-words.ts";

// Names on the case record, found wherever they occur: whole and in parts, in any case, with or
// without accents, in any script, and Greek and Cyrillic names also in Latin letters. Text and names
// are compared folded (lower case, no marks, variant letters merged), and matches map back to the
// original text.

// ---------- folding: compare text without case, accents or script-specific variants ----------

// Letters that do not decompose into a base letter and a mark, and variant forms of one letter.
const SPECIAL_FOLDS: Record<string, string> = {
  ß: "ss", ẞ: "ss", ł: "l", Ł: "l", đ: "d", Đ: "d", ð: "d", Ð: "d", ø: "o", Ø: "o", æ: "ae", Æ: "ae", œ: "oe", Œ: "oe",
  ı: "i", þ: "th", Þ: "th", ħ: "h", Ħ: "h", ŧ: "t", Ŧ: "t", ŀ: "l", Ŀ: "l", ς: "σ", "’": "'", ʼ: "'", "‘": "'", "`": "'",
  "‐": "-", "‑": "-", "–": "-", "—": "-", ى: "ي", ی: "ي", ک: "ك", ة: "ه", ـ: "",
};
const foldCache = new Map<string, string>();
function foldChar(char: string): string {
  let folded = foldCache.get(char);
  if (folded === undefined) {
    folded = SPECIAL_FOLDS[char] ?? char.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
    foldCache.set(char, folded);
  }
  return folded;
}

/** Lower case without accents or variant letters, so "Đặng", "DANG" and "dang" compare equal. */
export const fold = (value: string) => Array.from(value, foldChar).join("");

/** A folded text and, for each of its code units, the original span of the character it came from. */
interface Folded {
  text: string;
  starts: number[];
  ends: number[];
}

function foldText(text: string): Folded {
  let folded = "";
  const starts: number[] = [];
  const ends: number[] = [];
  for (let at = 0; at < text.length; ) {
    const char = String.fromCodePoint(text.codePointAt(at)!);
    const next = at + char.length;
    const value = foldChar(char);
    // A combining mark folds to nothing and belongs to the letter before it.
    if (value === "" && ends.length > 0) ends[ends.length - 1] = next;
    for (let unit = 0; unit < value.length; unit++) {
      starts.push(at);
      ends.push(next);
    }
    folded += value;
    at = next;
  }
  return { text: folded, starts, ends };
}

// ---------- transliteration: a Greek or Cyrillic name on the record, written in Latin letters ----------

const GREEK: Record<string, string[]> = {
  ου: ["ou"], αι: ["ai", "e"], ει: ["ei", "i"], οι: ["oi", "i"], αυ: ["av", "af"], ευ: ["ev", "ef"], γγ: ["ng"], γκ: ["gk", "g"],
  μπ: ["mp", "b"], ντ: ["nt", "d"], τσ: ["ts"], τζ: ["tz"], α: ["a"], β: ["v", "b"], γ: ["g"], δ: ["d"], ε: ["e"], ζ: ["z"],
  η: ["i", "e"], θ: ["th"], ι: ["i"], κ: ["k"], λ: ["l"], μ: ["m"], ν: ["n"], ξ: ["x", "ks"], ο: ["o"], π: ["p"], ρ: ["r"],
  σ: ["s"], τ: ["t"], υ: ["y", "i"], φ: ["f", "ph"], χ: ["ch", "h"], ψ: ["ps"], ω: ["o"],
};
const CYRILLIC: Record<string, string[]> = {
  ий: ["iy", "y", "ii", "i"], ый: ["y", "iy"], ей: ["ey", "ei"], ай: ["ay", "ai"], ой: ["oy", "oi"], кс: ["ks", "x"], а: ["a"], б: ["b"],
  в: ["v"], г: ["g"], д: ["d"], е: ["e", "ye"], ё: ["e", "yo"], ж: ["zh"], з: ["z"], и: ["i"], й: ["y", "i"], к: ["k"], л: ["l"], м: ["m"],
  н: ["n"], о: ["o"], п: ["p"], р: ["r"], с: ["s"], т: ["t"], у: ["u"], ф: ["f"], х: ["kh", "h"], ц: ["ts", "tz"], ч: ["ch"],
  ш: ["sh"], щ: ["shch", "sch"], ъ: [""], ы: ["y"], ь: [""], э: ["e"], ю: ["yu", "iu"], я: ["ya", "ia"], і: ["i"], ї: ["yi", "i"],
  є: ["ye", "ie"], ґ: ["g"],
};

// At most a handful of spellings per word: the first choice everywhere, then one other choice at a time.
function transliterations(word: string, table: Record<string, string[]>): string[] {
  const pieces: string[][] = [];
  for (let at = 0; at < word.length; ) {
    const pair = word.slice(at, at + 2);
    const choices = table[pair] ?? table[word[at]!] ?? [word[at]!];
    pieces.push(choices);
    at += table[pair] ? 2 : 1;
  }
  const first = pieces.map((choices) => choices[0]!).join("");
  const others = pieces.flatMap((choices, index) =>
    choices.slice(1).map((choice) => pieces.map((c, i) => (i === index ? choice : c[0]!)).join("")),
  );
  return [...new Set([first, ...others])].slice(0, 8);
}

function latinSpellings(word: string): string[] {
  const folded = fold(word);
  if (/^[\p{Script=Greek}]+$/u.test(folded)) return transliterations(folded, GREEK);
  // Cyrillic keeps its marks: "й" is a letter of its own, not "и" with an accent.
  const lower = word.normalize("NFC").toLowerCase();
  if (/^[\p{Script=Cyrillic}]+$/u.test(lower)) return transliterations(lower, CYRILLIC);
  return [];
}

// ---------- names on the record ----------

const NAME_SUFFIXES = new Set(["jr", "sr", "ii", "iii", "iv", "md", "phd", "rn", "dds"]);
// Scripts written without spaces between words: a name there is matched as a string.
export const UNSPACED_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
export const PARTICLE_WORD = new RegExp(`^${PARTICLE}$`);
export const PARTICLE_RUN = new RegExp(`^${PARTICLE}[ \t]`);

// A CJK or Korean name without spaces: the given name after a known family name ("王建国" → "建国").
function givenName(name: string): string | undefined {
  if (/^\p{Script=Han}{3,4}$/u.test(name)) {
    const family = CJK_COMPOUND_SURNAMES.find((surname) => name.startsWith(surname)) ?? (CJK_SURNAMES.has(name[0]!) ? name[0]! : undefined);
    return family && name.length - family.length >= 2 ? name.slice(family.length) : undefined;
  }
  if (/^\p{Script=Hangul}{3}$/u.test(name) && KOREAN_SURNAMES.has(name[0]!)) return name.slice(1);
  return undefined;
}

function nicknames(given: string): string[] {
  const folded = fold(given);
  const prefixes: string[] = [];
  for (let length = 3; length <= folded.length - 2; length++) {
    const prefix = given.slice(0, length);
    if (GIVEN_NAMES.has(prefix) && fold(prefix) === folded.slice(0, length)) prefixes.push(prefix);
  }
  return [...(DIMINUTIVES[folded] ?? []), ...prefixes];
}

// The full name, "First Last" without middle names, "Last, First" and "Last First", each part of 2+
// letters, a CJK given name, and Latin spellings of Greek and Cyrillic names.
function nameVariants(name: string): string[] {
  const words = name.split(" ").filter((word) => !NAME_SUFFIXES.has(word.replace(/\./g, "").toLowerCase()));
  const parts = words.filter((word) => !(word === word.toLowerCase() && PARTICLE_WORD.test(word)));
  const variants = [name, words.join(" ")];
  const first = parts[0];
  const last = parts.at(-1);
  if (first && last && parts.length >= 2) variants.push(`${first} ${last}`, `${last}, ${first}`, `${last} ${first}`);
  for (const part of parts) variants.push(part, ...part.split(/[-‐‑–]/));
  // What a given name is called at home: a diminutive from the list ("Kostas", "Lupita"), or a given
  // name that begins it ("Walt" for Walter, "Jay" for Jaylen, "Bea" for Beatrice).
  if (first && !UNSPACED_SCRIPT.test(first)) variants.push(...nicknames(first));
  const given = words.length === 1 ? givenName(name) : undefined;
  if (given) variants.push(given);
  const latin = parts.map(latinSpellings);
  if (latin.every((spellings) => spellings.length > 0)) {
    for (const spellings of latin) variants.push(...spellings);
    if (latin.length >= 2) variants.push(...latin[0]!.map((first) => `${first} ${latin.at(-1)![0]}`), latin.map((spellings) => spellings[0]).join(" "));
  }
  return variants.filter((variant) => letterCount(variant) >= 2);
}

function foldedPattern(variant: string): string {
  let pattern = "";
  for (const char of fold(variant)) {
    if (/\s/.test(char)) pattern += raw`\s+`;
    else if (char === "'") pattern += raw`'?[ \t]?`;
    else if (char === "-") pattern += raw`[\-\s]?`;
    else if (char === ".") pattern += raw`\.?`;
    else pattern += escapeRegex(char);
  }
  if (UNSPACED_SCRIPT.test(variant)) return pattern;
  // Arabic joins "and", "by", "for" to the word after: "ومحمد" is "and Muhammad".
  const before = /^\p{Script=Arabic}/u.test(variant) ? raw`(?:(?<![\p{L}\p{N}])|(?<=(?<![\p{L}\p{N}])[وفبلك]))` : raw`(?<![\p{L}\p{N}])`;
  return `${before}${pattern}(?![\\p{L}\\p{N}])`;
}

export const MONTH_OR_DAY = new Set(["may", "june", "april", "august", "march", "january", "tuesday"]);
const MODALS = new Set(["will", "may", "can", "should", "must"]);
const DATE_WORDS = /(?:^|[^\p{L}])(?:in|on|of|since|until|till|by|early|late|mid|last|next|this|every|each|from|through|during|before|after|en|de|desde|hasta)[ \t]+$/iu;
const AFTER_MODAL = /^[ \t]+(?:i|you|we|they|he|she|it|anyone|anybody|someone|somebody|everyone|the|this|that|there|not|be|have|please|someone's)\b/iu;

/** Whether a given name that is also an ordinary word is used as the word here ("in May", "Will you"). */
export function ordinaryUse(folded: string, text: string, start: number, end: number): boolean {
  if (MONTH_OR_DAY.has(folded) && DATE_WORDS.test(text.slice(Math.max(0, start - 12), start))) return true;
  if (MODALS.has(folded) && AFTER_MODAL.test(text.slice(end, end + 12))) return true;
  return false;
}

/**
 * Finds the given names wherever they occur, whole or in parts, in any case and with or without
 * accents. `capitalizedOnly` (for names introduced elsewhere in the text) takes a mention only when it
 * is capitalized or written exactly as introduced, so "Name: Unknown" does not spread to "unknown".
 */
export function knownNames(names: Iterable<string>, capitalizedOnly = false): Detector {
  const given = [...names].map((name) => name.normalize("NFC").trim().replace(/\s+/g, " ")).filter(Boolean);
  const exactForms = new Set(given);
  // A part of a full name introduced elsewhere ("Kayleigh Dunphy RN") is a name in lower case too
  // ("the nurse (kayleigh ..."), unless it is also a word; a single word ("Nurse Kelly") is not evidence
  // enough for "kelly green".
  const lowercaseForms = new Set(
    given
      .filter((name) => /^\p{Lu}\p{Ll}+(?:[ \t]+\p{Lu}\.?)*[ \t]+\p{Lu}\p{Ll}/u.test(name))
      .flatMap((name) => name.split(/[ \t]+/))
      .map(fold)
      .filter((part) => part.length >= 4 && !ORDINARY_NAMES.has(part) && !COMMON_CAPITALIZED.has(part) && !NOT_NAMES.has(part)),
  );
  const variants = new Set(given.flatMap(nameVariants));
  if (variants.size === 0) return () => [];
  const alternatives = [...variants].map((variant) => ({ variant, folded: fold(variant) })).sort((a, b) => b.folded.length - a.folded.length);
  const pattern = new RegExp(`(?:${[...new Set(alternatives.map(({ variant }) => foldedPattern(variant)))].join("|")})`, "gu");
  return (text) => {
    const folded = foldText(text);
    const found: Span[] = [];
    for (const match of folded.text.matchAll(pattern)) {
      if (match[0].length === 0) continue;
      const start = folded.starts[match.index]!;
      const end = folded.ends[match.index + match[0].length - 1]!;
      const original = text.slice(start, end);
      const lowercase = /^\p{Ll}/u.test(original);
      const single = !/\s/.test(match[0]);
      if (capitalizedOnly && lowercase && !exactForms.has(original) && !lowercaseForms.has(match[0])) continue;
      // A record name that is also a word is the name when it owns something ("jay's insurance").
      const owns = /^['’]s(?![\p{L}])/u.test(text.slice(end, end + 3));
      if (single && ORDINARY_NAMES.has(match[0]) && ((lowercase && !(owns && !capitalizedOnly)) || ordinaryUse(match[0], text, start, end))) continue;
      found.push({ start, end, type: "NAME" });
    }
    return found;
  };
}
