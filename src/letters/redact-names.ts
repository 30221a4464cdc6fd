import { NAME_RUN, NOT_NAMES, raw, TITLES } from "./redact-patterns.ts";
import { fold, ordinaryUse, PARTICLE_RUN, PARTICLE_WORD } from "./redact-record-names.ts";
import { type Detector, letterCount, type Refine, regex, type Span, spans } from "./redact-spans.ts";
import {
  CJK_COMPOUND_SURNAMES,
  CJK_HONORIFICS,
  CJK_INTRODUCERS,
  CJK_SURNAMES,
  COMMON_CAPITALIZED,
  GIVEN_NAMES,
  HAN_STOPS,
  KOREAN_SURNAMES,
  ORDINARY_NAMES,
  PERSON_NOUNS,
  RELATIONS,
  ROLES,
} from "./redact-words.ts";

// Names found by the words around them: those a title, label, relation, role or nickname introduces;
// given names from a name list where the word is not also an ordinary word; names in CJK, Korean and
// Arabic script after their own introducers and honorifics; and, after selection, the surname or
// bracketed alias that follows a name. Names on the record are in redact-record-names.ts.

// ---------- names introduced by the words around them ----------

const capitalizable = (source: string) =>
  source
    .split("|")
    .map((word) => (/^[a-z]/.test(word) ? `[${word[0]}${word[0]!.toUpperCase()}]${word.slice(1)}` : word))
    .join("|");
const RELATION = `(?:${capitalizable(raw`baby[ \t]+(?:girl|boy)|great-aunt|great-uncle|health[ \t]+care[ \t]+proxy|${RELATIONS}`)})`;
const ROLE = `(?:${capitalizable(ROLES)})`;
const PERSON = `(?:${RELATION}|${ROLE})`;
const OWNER = raw`(?:[Mm]y|[Hh]er|[Hh]is|[Tt]heir|[Oo]ur|[Yy]our|[Mm]is?|[Ss]us?|[Tt]us?|[Nn]uestr[oa]s?|[Tt]he|[Aa]n?|[Aa]nother|[Ee]l|[Ll]a|[Ll]os|[Ll]as|[Dd]el|[Aa]l|[Uu]na?|[\p{L}\p{M}\-]+['’]s)`;
const ADJECTIVE = raw`(?:late|older|younger|elder|eldest|oldest|youngest|little|big|baby|adult|only|other|new|former|twin|teenage|teen|dear|favou?rite|night|day|charge|primary|assigned|own|\d{1,3}-year-old|mayor|menor|peque[ñn][oa]|querid[oa]|difunt[oa])`;
const SEPARATOR = raw`(?:,[ \t]*|[ \t]*\([ \t]*|[ \t]*[\-–—:][ \t]*|[ \t]+(?:(?:is|was)[ \t]+)?)(?:(?:an?[ \t]+)?\d{1,3}[ \-]year[ \-]old[ \t]+)?`;
// Words in scripts without capitals, as a name after an introducer.
const CASELESS_RUN = raw`(?:[\p{Script=Han}]{2,5}|[\p{Script=Hangul}]{2,5}|[\p{Script=Katakana}ー・]{2,12}|[\p{Script=Arabic}\p{M}]{2,}(?:[ \t]+[\p{Script=Arabic}\p{M}]{2,}){0,3}|[\p{Script=Hebrew}\p{M}]{2,}(?:[ \t]+[\p{Script=Hebrew}\p{M}]{2,}){0,2}|[\p{Script=Devanagari}\p{M}]{2,}(?:[ \t]+[\p{Script=Devanagari}\p{M}]{2,}){0,2})`;
const QUOTE = `["“'‘]?`;

const MONTH_NAMES = new Set(["May", "June", "April", "August"]);
const STRONG_STOPS: ReadonlySet<string> = NOT_NAMES;
const WEAK_STOPS: ReadonlySet<string> = new Set([...NOT_NAMES, ...COMMON_CAPITALIZED]);
const isStop = (word: string, stops: ReadonlySet<string>) => stops.has(word.toLowerCase()) || stops.has(fold(word));

// Cuts a name run at the first word that is not a name ("Patel On" → "Patel", "Kelly MRN" → "Kelly");
// drops it if nothing is left.
function trimName(span: Span, text: string, stops: ReadonlySet<string>): Span | undefined {
  let end = span.start;
  let named = false;
  let shouting = false;
  for (const word of text.slice(span.start, span.end).matchAll(/\S+/gu)) {
    const bare = word[0].replace(/[.,;:)"”’']+$/u, "");
    const initial = /^\p{Lu}\.$/u.test(word[0]);
    const allCaps = bare.length > 1 && bare === bare.toUpperCase() && bare !== bare.toLowerCase();
    if (PARTICLE_WORD.test(bare)) continue;
    // "her friend June", "Dr. May": a month that is also a given name, unless a day follows it.
    const monthName = !named && MONTH_NAMES.has(bare) && !/^[ \t]*\d/.test(text.slice(span.start + word.index + bare.length));
    if (isStop(bare, stops) && !monthName) break;
    // After a relation or role, a short acronym is a label ("interpreter ID 40771"), not a name.
    if (!named && allCaps && bare.length <= 3 && stops === WEAK_STOPS) break;
    if (named && allCaps && !shouting) break;
    if (!named) shouting = allCaps;
    if (!initial && letterCount(bare) < 2) break;
    if (!initial && /^\p{Lu}/u.test(bare)) {
      named = true;
      end = span.start + word.index + bare.length;
    }
  }
  return named ? { ...span, end } : undefined;
}

// A Han name after an introducer is a family name and one or two characters ("张丽说" → "张丽"); other
// caseless runs stop at a common word.
const ARABIC_STOPS = new Set(["في", "من", "على", "إلى", "الى", "عن", "مع", "قال", "قالت", "كان", "كانت", "هو", "هي", "لم", "لا", "ما", "الذي", "التي", "أن", "إن", "قد", "ثم", "و", "او", "أو", "توفي", "توفيت"]);
function trimCaseless(span: Span, text: string): Span | undefined {
  const value = text.slice(span.start, span.end);
  if (/^\p{Script=Han}/u.test(value)) {
    // A family name from the common set, then one or two characters of the given name.
    const family = CJK_COMPOUND_SURNAMES.find((surname) => value.startsWith(surname)) ?? (CJK_SURNAMES.has(value[0]!) ? value[0]! : "");
    if (!family) return undefined;
    // A run of up to four characters that stands alone is the whole name (Japanese names are often 2 + 2).
    const alone = value.length <= 4 && !/\p{Script=Han}/u.test(text[span.end] ?? "") && ![...value].some((char) => HAN_STOPS.has(char));
    if (alone) return span;
    let length = family.length;
    while (length < Math.min(value.length, family.length + 2) && !HAN_STOPS.has(value[length]!)) length++;
    return length >= 2 ? { ...span, end: span.start + length } : undefined;
  }
  if (/^\p{Script=Hangul}/u.test(value)) return { ...span, end: span.start + Math.min(value.length, 4) };
  const words = value.split(/([ \t]+)/);
  let length = 0;
  for (let index = 0; index < words.length; index += 2) {
    if (ARABIC_STOPS.has(words[index]!)) break;
    length += (index > 0 ? words[index - 1]!.length : 0) + words[index]!.length;
  }
  return length > 0 ? { ...span, end: span.start + length } : undefined;
}

// Short words of English and Spanish that the name list also has ("de", "la", "ella", "esta").
const FUNCTION_WORDS = new Set("and but the for with from who what when then also just still been came went said told asked called was were has had have will would could should can may might must not nor yet que con por para como pero sin sobre ella ellos esta este eso esto era fue muy más mas todo toda nada algo".split(" "));
/** The same pattern with runs of spaces bounded, for use inside a lookbehind. */
const bounded = (source: string) => source.replaceAll("[ \\t]+", "[ \\t]{1,4}").replaceAll("[ \\t]*", "[ \\t]{0,4}");

const lowercaseName = (word: string) => {
  const bare = word.replace(/['’]s$/u, "");
  const capitalized = bare.charAt(0).toUpperCase() + bare.slice(1);
  const isName = /^\p{Ll}[\p{Ll}\p{M}'’-]{2,}$/u.test(bare) && GIVEN_NAMES.has(capitalized) && !ORDINARY_NAMES.has(bare) && !FUNCTION_WORDS.has(bare);
  return isName ? bare : undefined;
};

/**
 * A name after an introducer: a run of capitalized words, a run in a caseless script, or (where
 * `lowercase`) one lower-case given name ("my son marcus").
 */
function introduced(intro: string, stops: ReadonlySet<string>, lowercase: boolean): Detector {
  const alternatives = [NAME_RUN, CASELESS_RUN, ...(lowercase ? [raw`\p{Ll}[\p{L}\p{M}'’\-]+`] : [])].join("|");
  const refine: Refine = (span, text) => {
    const value = text.slice(span.start, span.end);
    if (/^\p{Lu}/u.test(value) || (PARTICLE_RUN.test(value) && /[ \t]\p{Lu}/u.test(value))) {
      const name = trimName(span, text, stops);
      // After "per" or a role, a capitalized word before "score" or "scale" is an eponym ("per Braden score 14").
      return name && stops === WEAK_STOPS && PLACE_AFTER.test(text.slice(name.end, name.end + 60)) ? undefined : name;
    }
    if (/^\p{Ll}/u.test(value)) {
      const name = lowercaseName(value);
      return name ? { ...span, end: span.start + name.length } : undefined;
    }
    return trimCaseless(span, text);
  };
  // The lookahead skips positions where no name can start, and the introducer's spaces are bounded,
  // so a long run of spaces costs linear time, not the cube of its length.
  // An introducer starts a word: "17M. Restraint" is an age and sex, not the title "M.".
  return spans(regex(raw`(?=[\p{L}])(?<=(?<![\p{L}\p{M}\p{N}])(?:${bounded(intro)})${QUOTE})(?:${alternatives})`), "NAME", refine);
}

const NAME_LABELS = raw`(?:[Pp]atient(?:[ \t]+[Nn]ame)?|[Nn]ame|[Ff]ull[ \t]+[Nn]ame|[Ss]igned|[Ff]rom|[Cc]ontact(?:[ \t]+[Nn]ame)?|[Cc]aller|[Cc]omplainant|[Rr]epresentative|[Gg]uardian|[Ss]pouse|[Nn]ext[ \t]+of[ \t]+[Kk]in|[Ee]mergency[ \t]+[Cc]ontact|[Nn]ombre|[Pp]aciente)`;
const SIGN_OFFS = raw`(?:Sincerely|Regards|Best regards|Kind regards|Warm regards|Thanks|Thank you|Respectfully|Cheers|Atentamente|Saludos|Gracias)`;
const NICKNAME = raw`(?:(?:${PERSON_NOUNS}|${PERSON})[ \t]+(?:named|called|nicknamed)|named(?:[ \t]+(?:him|her|them))?|nicknamed|go(?:es)?[ \t]+by(?:[ \t]+the[ \t]+name[ \t]+(?:of[ \t]+)?)?|went[ \t]+by|known[ \t]+as|a\.?k\.?a\.?|(?:calls?|calling|called)[ \t]+(?:him|her|them|me)|(?:is|was|be|being)[ \t]+called|prefers[ \t]+to[ \t]+be[ \t]+called|likes[ \t]+to[ \t]+be[ \t]+called|se[ \t]+llama|llamad[oa]|apodad[oa]|le[ \t]+dicen|conocid[oa][ \t]+como)[ \t]*`;
const NAME_IS = raw`(?:(?:${OWNER}[ \t]+)?(?:(?:real|full|first|last|given|actual|legal)[ \t]+)?name[ \t]+(?:is|was)(?:[ \t]+(?:written|spelled|spelt))?|name[ \t]+tag[ \t]+(?:said|says|read|reads)|(?:su|mi)[ \t]+nombre[ \t]+es)[ \t]*:?[ \t]*`;
// Kinship, titles and "his/her name" ("the patient" is left out: an adjective follows it as often as a name).
const ARABIC_INTRODUCERS = "زوجي|زوجتي|ابني|ابنتي|أمي|امي|أبي|ابي|والدي|والدتي|أخي|اخي|أختي|اختي|جدي|جدتي|السيد|السيدة|الدكتور|الدكتورة|الممرض|الممرضة|صديقي|صديقتي|اسمه|اسمها";

// Separate patterns, not one alternation, so "Thank you, Nurse Kelly" still lets the title find "Kelly".
const INTRODUCED: Detector[] = [
  introduced(raw`${TITLES}[ \t]+`, STRONG_STOPS, false),
  introduced(raw`[Dd]ear[ \t]+`, STRONG_STOPS, false),
  introduced(raw`${NAME_LABELS}[ \t]*:[ \t]*`, STRONG_STOPS, false),
  introduced(raw`${SIGN_OFFS}(?:,[ \t]*\n?|[ \t]*\n)[ \t]*`, STRONG_STOPS, false),
  // "my son Leo", "her daughter Wilhelmina", "Mr. Mendoza's son-in-law, Trevor", "mi tía carmen".
  introduced(raw`${OWNER}[ \t]+(?:${ADJECTIVE}[ \t]+){0,2}${PERSON}${SEPARATOR}`, WEAK_STOPS, true),
  // "Spoke with mother Chiamaka", "Caregiver Marie-Josee", "Security guard Pete", "RN K. Osei".
  introduced(raw`(?<![\p{L}\p{M}'’\-])${PERSON}${SEPARATOR}`, WEAK_STOPS, false),
  introduced(NICKNAME, WEAK_STOPS, true),
  introduced(NAME_IS, WEAK_STOPS, true),
  introduced(raw`[Pp]er[ \t]+`, WEAK_STOPS, false),
  // "(dr nguyen)", "mrs lopez": an abbreviated title is always followed by a name, in any case.
  spans(regex(raw`(?=\p{Ll})(?<=(?<![\p{L}\p{M}])(?:[Dd]r|[Mm]r|[Mm]rs|[Mm]s|[Dd]ra|[Ss]ra?|[Ss]rta)\.?[ \t]{1,4})\p{Ll}[\p{Ll}\p{M}'’\-]+`), "NAME", (span, text) =>
    FUNCTION_WORDS.has(text.slice(span.start, span.end)) || isStop(text.slice(span.start, span.end), WEAK_STOPS) ? undefined : span,
  ),
  introduced(raw`(?:${CJK_INTRODUCERS})[ \t]*`, WEAK_STOPS, false),
  introduced(raw`(?:${ARABIC_INTRODUCERS})[ \t]+`, WEAK_STOPS, false),
];

// A verb at the start of a sentence, or a common word, before a name is not part of it ("Interviewed T. Washington RN").
function trimSentenceStart(span: Span, text: string): Span | undefined {
  let { start } = span;
  for (;;) {
    const word = /^\S+/u.exec(text.slice(start, span.end));
    const rest = text.slice(start + (word?.[0].length ?? 0), span.end);
    if (!word || !/\S/u.test(rest)) break;
    const atSentenceStart = /(?:^|[.!?:;\n]\s*|["“(]\s*)$/u.test(text.slice(0, start));
    const bare = word[0].replace(/[.,]$/, "");
    const verb = atSentenceStart && /\p{Ll}(?:ed|ing)$/u.test(bare) && !GIVEN_NAMES.has(bare);
    if (!verb && !isStop(bare, WEAK_STOPS)) break;
    start += word[0].length + (/^\s+/u.exec(rest)?.[0].length ?? 0);
  }
  const trimmed = trimName({ ...span, start }, text, WEAK_STOPS);
  return trimmed;
}

const CREDENTIALS = "RN|LPN|LVN|CNA|MD|DO|NP|PA-C|APRN|CRNA|FNP|DNP|BSN|MSN|MSW|LCSW|LMSW|PharmD|RPh|RRT|DPT|EMT|CCRN|CNM";
// Names before the words that say who they are: "Yolanda, the patient's daughter", "Thảo (daughter)", "T. Washington RN".
const APPOSITIONS: Detector[] = [
  spans(regex(raw`(?<![\p{L}\p{M}])${NAME_RUN}(?=,[ \t]+(?:[Tt]he[ \t]+patient['’]s|${OWNER})[ \t]+(?:${ADJECTIVE}[ \t]+){0,2}${PERSON}(?![\p{L}]))`), "NAME", trimSentenceStart),
  spans(regex(raw`(?<![\p{L}\p{M}])${NAME_RUN}(?=[ \t]*\([ \t]*(?:(?:the|her|his|my|our)[ \t]+)?(?:patient['’]s[ \t]+)?(?:${PERSON}|me|mom|dad)[ \t]*[,)\/])`), "NAME", trimSentenceStart),
  spans(regex(raw`(?<![\p{L}\p{M}])${NAME_RUN}(?=,?[ \t]+(?:${CREDENTIALS})(?![\p{L}\-]))`), "NAME", trimSentenceStart),
  spans(regex(raw`${CASELESS_RUN}(?=[ \t]*\([ \t]*(?:(?:the|her|his|my|our)[ \t]+)?(?:${PERSON}|me)[ \t]*[,)\/])`), "NAME", trimCaseless),
];

// "王先生", "李女士", "田中さん", "이지은 씨": a family name (and given name) before an honorific.
const HONORIFIC_NAMES: Detector[] = [
  spans(regex(raw`(?:${CJK_COMPOUND_SURNAMES.join("|")}|[${[...CJK_SURNAMES].join("")}])\p{Script=Han}{0,2}(?=${CJK_HONORIFICS})`), "NAME", (span, text) => {
    const value = text.slice(span.start, span.end);
    return /^(?:皆|お|御|客)/u.test(value) || CJK_INTRODUCERS.split("|").includes(value) ? undefined : span;
  }),
  spans(regex(raw`(?<![\p{Script=Hangul}])[${[...KOREAN_SURNAMES].join("")}]\p{Script=Hangul}{1,2}(?=[ \t]?(?:씨|님|선생님|간호사))`), "NAME"),
];

// ---------- given names from the name list ----------

const PLACE_BEFORE = /(?:^|[^\p{L}])(?:St|Ste|Saint|San|Santa|Mount|Mt|Fort|Ft|Lake|Port|Cape|Camp|Glen)\.?[ \t]+$/u;
// Institutions, streets and eponyms: "Mary Washington Hospital", "Lou Gehrig's disease", "Jackson-Pratt drain".
const PLACE_AFTER = /^(?:[ \t]+\p{Lu}[\p{L}'’-]*){0,2}[ \t]+(?:Hospital|Medical|Clinic|Center|Centre|Health|Healthcare|Memorial|University|College|School|County|Street|St\.?|Avenue|Ave\.?|Road|Rd\.?|Boulevard|Blvd\.?|Drive|Lane|Pavilion|Building|Tower|Wing|Foundation|Institute|Church|Ward|Unit|Hall|House|Home|Hospice|Manor|Village|Park|Plaza|Mall|Pharmacy|Lodge|Heights|Gardens|Rehab|Rehabilitation|Nursing|Campus|Library|Cancer|Heart|Children['’]s|Women['’]s|Care|Place|Court|Terrace|Square|Act|Award|Prize|[Dd]isease|[Ss]yndrome|[Pp]alsy|catheter|drain|procedure|operation|surgery|maneuver|manoeuvre|[Tt]est|[Ss]core|[Ss]cale|[Ss]ign|tube|line|monitor|mask|stockings|[Cc]lassification|[Cc]riteria|fracture|[Rr]eflex|ulcer|cyst|lymphoma|sarcoma|tumou?r|lift|[Cc]oma)(?![\p{L}])/u;
const CAPITALIZED_WORD = /(?<![\p{L}\p{M}\p{N}'’\-.@])\p{Lu}\p{Ll}[\p{Ll}\p{M}]*(?:['’]\p{Lu}\p{Ll}[\p{Ll}\p{M}]*|-\p{L}[\p{Ll}\p{M}]+)*(?:['’]s)?(?![\p{L}\p{M}\p{N}@])/gu;
const NEXT_WORD = /^[ \t]+(\p{Lu}\p{Ll}[\p{L}\p{M}]*(?:['’]\p{Lu}[\p{L}\p{M}]+|-\p{L}[\p{L}\p{M}]+)*)(?![\p{L}\p{M}\p{N}])/u;

/**
 * A capitalized given name from the name list ("Gerald", "Isaiah"). One that is also an ordinary word
 * ("Grace", "Will", "Art") only with a surname-like word after it ("Grace Kowalczyk", not "Art Therapy").
 */
function givenNames(text: string): Span[] {
  const found: Span[] = [];
  for (const match of text.matchAll(CAPITALIZED_WORD)) {
    const word = match[0].replace(/['’]s$/u, "");
    const first = word.split(/[-‐]/)[0]!;
    if (!GIVEN_NAMES.has(first) || isStop(first, WEAK_STOPS)) continue;
    const start = match.index;
    const end = start + word.length;
    if (PLACE_BEFORE.test(text.slice(Math.max(0, start - 8), start)) || PLACE_AFTER.test(text.slice(end, end + 60))) continue;
    if (!ORDINARY_NAMES.has(first.toLowerCase())) {
      found.push({ start, end, type: "NAME" });
      continue;
    }
    const next = NEXT_WORD.exec(text.slice(end));
    const surname = next?.[1];
    if (!surname || isStop(surname, WEAK_STOPS) || ORDINARY_NAMES.has(surname.toLowerCase())) continue;
    if (ordinaryUse(first.toLowerCase(), text, start, end)) continue;
    found.push({ start, end: end + next[0].length, type: "NAME" });
  }
  return found;
}

/** Whether a capitalized word is a common word of hospital text or a verb starting a sentence, not part of a place or name. */
export function isCommonWord(word: string): boolean {
  return isStop(word, WEAK_STOPS) || /^\p{Lu}\p{Ll}+(?:ed|ing)$/u.test(word);
}

// "Revenue Cycle (Keisha Brandt)": a first and last name alone in brackets, neither of them a word of
// hospital text.
const BRACKETED_PAIR = regex(raw`(?<=\([ \t]*)\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?[ \t]+\p{Lu}\p{Ll}+(?:['’-]\p{Lu}\p{Ll}+)?(?=[ \t]*\))`);
function bracketedNames(text: string): Span[] {
  return [...text.matchAll(BRACKETED_PAIR)]
    .filter((match) => match[0].split(/[ \t]+/).every((word) => !isStop(word, WEAK_STOPS) && !ORDINARY_NAMES.has(word.toLowerCase()) && !PLACE_AFTER.test(` ${word}`)))
    .map((match) => ({ start: match.index, end: match.index + match[0].length, type: "NAME" as const }));
}

// "the other kids (deshawn, bryce and a girl named mackenzie)", "Nurses: Kelly, Ana and Joy": names in
// a list after people in the plural, in any case.
const LIST_WORD = raw`[\p{L}][\p{L}\p{M}'’\-]+`;
const PEOPLE_LIST = regex(raw`(?<![\p{L}\p{M}])(?:${PERSON}|${PERSON_NOUNS.replace("man|woman", "men|women")})s?(?<=[sn])[ \t]*(?:\(|:)[ \t]*(?<list>${LIST_WORD}(?:[ \t]*,[ \t]*${LIST_WORD})*(?:,?[ \t]+(?:and|y|&)[ \t]+${LIST_WORD})?)(?![\p{L}])`);
function listedNames(text: string): Span[] {
  const found: Span[] = [];
  for (const match of text.matchAll(PEOPLE_LIST)) {
    const [start] = match.indices!.groups!.list!;
    const items = [...match.groups!.list!.matchAll(new RegExp(LIST_WORD, "gu"))].filter((item) => !/^(?:and|y)$/iu.test(item[0]));
    // A list has two names at least; "the nurses (both of them)" is none.
    if (items.length < 2 || !/,/.test(match.groups!.list!)) continue;
    const names = items.filter((item) => !isStop(item[0], WEAK_STOPS) && !FUNCTION_WORDS.has(item[0].toLowerCase()) && !ORDINARY_NAMES.has(item[0].toLowerCase()));
    if (names.length < items.length - 1) continue;
    for (const item of names) found.push({ start: start + item.index, end: start + item.index + item[0].length, type: "NAME" });
  }
  return found;
}

/** Every detector of names that the words around them reveal (not the record's). */
export const CONTEXT_NAMES: Detector[] = [...INTRODUCED, ...APPOSITIONS, ...HONORIFIC_NAMES, givenNames, bracketedNames, listedNames];

// ---------- after selection: the rest of a name ----------

const QUOTED_NICKNAME = new RegExp(raw`^[ \t]+["“'‘]${NAME_RUN}["”'’][ \t]+(?<surname>(\p{Lu}\p{Ll}[\p{L}\p{M}]*(?:-\p{Lu}[\p{L}\p{M}]+)?))(?![\p{L}\p{M}])`, "u");
const ALIAS = new RegExp(raw`^[ \t]*\([ \t]*(${NAME_RUN}|${CASELESS_RUN})(?=[ \t]*[),])`, "u");

/**
 * Widens name spans over a surname that follows ("Halina" → "Halina Wiśniewska") and adds a name in
 * brackets right after one ("박순자 (Park Soon-ja)"), where no other span is.
 */
export function extendNames(text: string, taken: Span[]): Span[] {
  const result = [...taken].sort((a, b) => a.start - b.start);
  const free = (start: number, end: number) => !result.some((span) => start < span.end && end > span.start);
  for (let index = 0; index < result.length; index++) {
    const span = result[index]!;
    if (span.type !== "NAME") continue;
    const shouting = /^[^\p{Ll}]+$/u.test(text.slice(span.start, span.end));
    for (let next = NEXT_WORD.exec(text.slice(span.end)); next; next = NEXT_WORD.exec(text.slice(span.end))) {
      const word = next[1]!;
      const end = span.end + next[0].length;
      // A word that is also a name ("Bell", "Young") is the surname where the name ends with it: "PT Marcus Bell, and".
      const ordinary = ORDINARY_NAMES.has(word.toLowerCase()) && !/^[ \t]*(?:[,;)]|\.(?:\s|$)|$)/u.test(text.slice(end, end + 2));
      if (isStop(word, WEAK_STOPS) || ordinary || !free(span.end, end) || (!shouting && word === word.toUpperCase())) break;
      span.end = end;
    }
    // A nickname in quotes between the given name and the surname: Jesús "Chuy" Montaño, Rebecca 'Becky' Lund.
    const quoted = QUOTED_NICKNAME.exec(text.slice(span.end));
    if (quoted && !isStop(quoted.groups!.surname!, WEAK_STOPS)) {
      const end = span.end + quoted[0].length;
      const surname = { start: end - quoted.groups!.surname!.length, end, type: "NAME" as const };
      if (free(span.end, end)) span.end = end;
      // The nickname is a name of its own already: the surname is one more.
      else if (free(surname.start, surname.end)) result.push(surname);
    }
    const alias = ALIAS.exec(text.slice(span.end));
    if (alias) {
      const start = span.end + alias[0].length - alias[1]!.length;
      const value = /^\p{Lu}/u.test(alias[1]!) ? trimName({ start, end: span.end + alias[0].length, type: "NAME" }, text, WEAK_STOPS) : trimCaseless({ start, end: span.end + alias[0].length, type: "NAME" }, text);
      // The alias takes in names already found inside it ("Kim" in "(Minjun Kim, me)").
      const inside = (other: Span) => other.type === "NAME" && value !== undefined && value.start <= other.start && other.end <= value.end;
      if (value && result.every((other) => inside(other) || !(value.start < other.end && value.end > other.start))) {
        for (let at = result.length - 1; at > index; at--) if (inside(result[at]!)) result.splice(at, 1);
        result.splice(index + 1, 0, value);
      }
    }
  }
  return result;
}
