import { CONNECTOR, ID_LABEL_NUMBER, raw } from "./redact-patterns.ts";
import { type Detector, digitCount, type Refine, regex, spans } from "./redact-spans.ts";

// Numbers that identify a person or place a person: ages over 89 (Safe Harbor keeps them only as the
// aggregate "90 or older"), room and bed numbers, device serials, models and lots, national and other
// ids, and any code of letters and digits long enough to be one.

// ---------- ages over 89 ----------

const OVER_89 = raw`(?:9\d|1[0-4]\d)`;
const NO_UNIT = raw`(?![\d.,]\d|[ \t]*(?:%|°|[Pp]ercent|[Dd]egrees?|deg\b|mg|mcg|kg|g\b|lbs?|[Pp]ounds?|kilos?|ml|cc|units?|[Mm]inutes?|mins?|[Hh]ours?|hrs?|seconds?|secs?|[Dd]ays?|[Ww]eeks?|[Mm]onths?|bpm|BPM|beats|breaths|mm|cm|inch|inches|feet|ft|miles?|meters?|times|people|patients|visitors|calls|dollars|cents|x\b|\/|F\b|C\b|[ºª]))`;
// Who an age is said of: "he is 93", "Albert Mendoza is 91", "pt is 98", "she turned 102".
const either = (words: string) => words.split("|").map((word) => `[${word[0]}${word[0]!.toUpperCase()}]${word.slice(1)}`).join("|");
const AGE_SUBJECT = raw`(?:(?<![\p{L}])(?:${either("he|she|pt|patient|mom|mum|dad|mother|father|grandmother|grandfather|grandma|grandpa|husband|wife|aunt|uncle|who|ella|él|paciente")}|I)|\p{Lu}[\p{L}\p{M}'’\-]+["”’]?(?:[ \t]*[—–-])?|\))`;
const AGE_VERB = raw`(?:is|was|turned|turns|turning|will[ \t]+be|just[ \t]+turned|is[ \t]+now|'s|’s)`;
const VITALS = /^(?:temp|temperature|fever|pulse|hr|heart|rate|bp|pressure|sat|sats|saturation|o2|oxygen|spo2|glucose|sugar|score|weight|count|level|bill|total|balance|room|bed|rm|number|it|that|this|there|what|which)$/iu;

// A full stop before a lower-case word ("mrs. o'neil") does not end the sentence.
// A measurement read before "was 101": no age there. A person said before it (not always right before: "my
// mother mrs. o'neil is 93"): an age.
const MEASURED = /\b(?:temp|temperature|fever|pulse|hr|heart|bp|pressure|sats?|saturation|o2|oxygen|spo2|glucose|sugar|score|weight|count|level|bill|total|balance|room|bed|rate|reading|number|wait|time|a1c|cost|charge|amount)\b/iu;
const PERSON_BEFORE = /(?:\b(?:he|she|i|pt|patient|mom|mum|dad|mother|father|grand\w*|husband|wife|aunt|uncle|sister|brother|who|neighbou?r|friend|roommate|son|daughter|nephew|niece|cousin)\b[^,;:()]{0,30}|\p{Lu}[\p{L}\p{M}'’-]+|\p{Lo}{2,})[ \t,"”’)]*$/u;

const THINGS = /\b(?:building|hospital|house|home|car|it|this|that|machine|equipment|mattress|system|facility|church|company|business|clinic|tree|bridge|wing|device|pump|pacemaker|record|chart|policy)\b[^.!?]*$/iu;

function age(pattern: string, replacement: (number: string) => string, flags = "i"): Detector {
  const refine: Refine = (span, _text, match) => {
    const subject = match.groups?.subject;
    if (subject && VITALS.test(subject.replace(/["”’]?(?:[ \t]*[—–-])?$/u, ""))) return undefined;
    if (THINGS.test(match.groups?.thing ?? "")) return undefined;
    const context = match.groups?.context;
    if (context !== undefined && (MEASURED.test(context) || !PERSON_BEFORE.test(context))) return undefined;
    return { ...span, replacement: replacement(match.groups!.n!) };
  };
  return spans(regex(pattern, flags), "ID", refine);
}

const AGGREGATE = "90 or older";
// Ages over 89 in words: "ninety-three", "a hundred and one", "noventa y dos", "cien".
const UNITS_EN = "one|two|three|four|five|six|seven|eight|nine";
const UNITS_ES = "uno|un|dos|tres|cuatro|cinco|seis|siete|ocho|nueve";
const OVER_89_WORDS = raw`(?:[Nn]inety(?:[ \t\-]+(?:${UNITS_EN}))?|(?:[Aa]|[Oo]ne)[ \t]+hundred(?:[ \t]+(?:and[ \t]+)?(?:${UNITS_EN}|ten))?|[Nn]oventa(?:[ \t]+y[ \t]+(?:${UNITS_ES}))?|[Cc]ien|[Cc]iento[ \t]+(?:${UNITS_ES}))(?![\p{L}\-])`;
// "Pt 97F", "Wang Xiuying, 94F", "91M", "93 y/o F": the age and sex of a note, where no temperature is being read.
const AGE_SEX_CONTEXT = /(?:\b(?:pt|patient|resident|client|he|she|who|is|was|male|female)\b[^.!?\n]{0,40}|,[ \t]*)$/iu;
const TEMPERATURE = /\b(?:t|tmax|temp|temperature|fever|febrile|afebrile|degrees?|oral|axillary|rectal|tympanic)\b[^.!?\n]{0,12}$/iu;
const ageAndSex: Refine = (span, text) => {
  const before = text.slice(Math.max(0, span.start - 48), span.start);
  return AGE_SEX_CONTEXT.test(before) && !TEMPERATURE.test(before) ? { ...span, replacement: AGGREGATE } : undefined;
};
const AGES: Detector[] = [
  // "a 102-year-old", "93 years old", "95 y/o", "90 years of age", "92yo" (of a person, not "the building is 100 years old")
  age(raw`(?=\d)(?<=(?<thing>[^.!?\n]{0,30}))(?<![\d.,])(?<n>${OVER_89})(?:[ \t]*-?[ \t]*(?:years?|yrs?|yr)[ \t]*-?[ \t]*old|[ \t]*(?:y\/o|y\.o\.|yo|y\/o\.)(?![\p{L}])|[ \t]+(?:years?|yrs?)[ \t]+of[ \t]+age)`, () => AGGREGATE),
  // "age 91", "aged 99", "age: 91", "edad: 92"
  age(raw`(?=\d)(?<=\b(?:age|aged|ages|edad|idade)[ \t]{0,4}[:=]?[ \t]{0,4})(?<n>${OVER_89})${NO_UNIT}(?![\d])`, () => AGGREGATE),
  // "she is 93", "Albert Mendoza is 91", "He is 97."
  age(raw`(?=\d)(?<=(?<subject>${AGE_SUBJECT})[ \t]{1,4}${AGE_VERB}[ \t]{1,4})(?<n>${OVER_89})(?![\d])${NO_UNIT}(?![ \t]*(?:years?|yrs?)[ \t]+(?:ago|later|earlier))`, () => AGGREGATE, ""),
  // "my grandfather, is 92.", "Mrs. Olszewska, is 91 and": an age said of someone, where no measurement is being read.
  age(raw`(?=\d)(?<=(?<![\p{L}])(?<context>(?:[^.!?\n]|\.(?=[ \t]*\p{Ll})){0,40})(?<![\p{L}])(?:is|was|turned|turns|turning|just[ \t]{1,4}turned|will[ \t]{1,4}be)[ \t]{1,4})(?<n>${OVER_89})(?![\d])${NO_UNIT}(?=[ \t]*(?:[.,;:!?)]|$|\n|(?:and|but|now|this|when|years?|y)(?![\p{L}])))`, () => AGGREGATE),
  // "Harold Jenkins, 90, received", "Mendoza (91)"
  age(raw`(?=\d)(?<=\p{Lu}[\p{L}\p{M}'’\-]+(?:,[ \t]{0,4}|[ \t]{0,4}\([ \t]{0,4}))(?<n>${OVER_89})(?=[ \t]*[,)])`, () => AGGREGATE, ""),
  // Spanish: "de 92 años", "tiene 93 años", "con 95 años de edad"
  age(raw`(?=\d)(?<=\b(?:de|tiene|tenía|tenia|cumplió|cumplio|cumple|con|edad)[ \t]{1,4})(?<n>${OVER_89})[ \t]+años(?:[ \t]+de[ \t]+edad)?`, () => "90 años o más"),
  // The same in words: "ninety-three years old", "aged ninety-one", "she is ninety-three", "de noventa y dos años".
  age(raw`(?<![\p{L}])(?<n>${OVER_89_WORDS})(?:[ \t]*-?[ \t]*(?:years?|yrs?)[ \t]*-?[ \t]*old|[ \t]+(?:years?|yrs?)[ \t]+of[ \t]+age)`, () => AGGREGATE, ""),
  age(raw`(?<=\b(?:age|aged|edad)[ \t]{0,4}[:=]?[ \t]{0,4})(?<n>${OVER_89_WORDS})(?![ \t]*(?:%|percent|degrees|minutes|hours|days|times))`, () => AGGREGATE, ""),
  age(raw`(?<=(?<![\p{L}])(?<context>(?:[^.!?\n]|\.(?=[ \t]*\p{Ll})){0,40})(?<![\p{L}])(?:is|was|turned|turns|turning|just[ \t]{1,4}turned|will[ \t]{1,4}be)[ \t]{1,4})(?<n>${OVER_89_WORDS})(?=[ \t]*(?:[.,;:!?)]|$|\n|(?:and|but|now|years?)(?![\p{L}])))`, () => AGGREGATE, ""),
  age(raw`(?<=\b(?:de|tiene|tenía|tenia|cumplió|cumplio|cumple|con)[ \t]{1,4})(?<n>${OVER_89_WORDS})[ \t]+años(?:[ \t]+de[ \t]+edad)?`, () => "90 años o más", ""),
  // "97F", "91M", "93 y/o F"
  spans(regex(raw`(?<![\p{L}\p{N}.,])${OVER_89}(?:[ \t]?(?:y\/o|yo|y\.o\.)[ \t]?)?[FM](?![\p{L}\p{N}])`), "ID", ageAndSex),
  // "bea hollingsworth, 95, was billed": an age between commas, said of someone in the sentence.
  age(raw`(?=\d)(?<=(?<context>[^.!?\n]{0,40})\p{L}[ \t]{0,2},[ \t]{0,4})(?<n>${OVER_89})(?=[ \t]*,)`, () => AGGREGATE),
  // "her 100th birthday"
  age(raw`(?<![\d])(?<n>${OVER_89})(?:st|nd|rd|th)[ \t]+birthday`, () => "birthday at 90 or older"),
];

// ---------- rooms and beds ----------

const ROOM_WORDS = raw`(?:room|rm\.?|bed|bay|box|cubicle|cubby|stretcher|gurney|bassinet|crib|isolette|incubator|pod|exam[ \t]+room|trauma[ \t]+bay|hallway[ \t]+bed|hall[ \t]+bed|habitaci[óo]n|cuarto|cama|camilla)`;
const ROOM_VALUE = raw`(?:\d{1,5}(?:-?[A-Z])?|[A-Z]\d{1,4}|\d{1,2}-\d{2,4}[A-Z]?|[A-F](?![\p{L}\p{N}'’]))`;
const NOT_A_COUNT = raw`(?![\d.,:]\d|[ \t]*(?:%|°|degrees?|hours?|hrs?|h\b|minutes?|mins?|days?|weeks?|months?|years?|am\b|pm\b|a\.m\.|p\.m\.|times|x\b|people|patients|visitors|nights?|beds|rooms)|[\p{L}\p{N}])`;
const ROOMS: Detector[] = [
  spans(regex(raw`(?<![\p{L}])${ROOM_WORDS}(?:[ \t]*(?:number|num|no\.?|#|nº))?(?:[ \t]+(?:is|was))?[ \t]*[:#]?[ \t]*(?<v>${ROOM_VALUE})${NOT_A_COUNT}`, "i"), "ROOM", (span, text) => {
    // A lone letter is a bed only as a capital after "bed", "bay" or "cama" ("bed B"), not "bed a little early".
    const value = text.slice(span.start, span.end);
    if (!/^[A-Z]$/i.test(value)) return span;
    return /^[A-F]$/.test(value) && /^(?:bed|bay|cama)\b/i.test(text.slice(Math.max(0, span.start - 6), span.start).trim().split(/\s+/).at(-1) ?? "") ? span : undefined;
  }),
  // "5W-512B": a unit and room code.
  spans(regex(raw`(?<![\p{L}\p{N}])\d{1,2}[NSEW]-?(?<v>\d{3,4}[A-Z]?)(?![\p{L}\p{N}])`), "ROOM"),
];

// ---------- devices ----------

const DEVICE_LABEL = raw`(?:serial(?:[ \t]+(?:number|num|no\.?|#))?|S\/N|SN|model(?:[ \t]+(?:number|num|no\.?|#))?|lot(?:[ \t]+(?:number|num|no\.?|#))?|batch(?:[ \t]+(?:number|no\.?))?|UDI|REF|catalog(?:ue)?[ \t]+(?:number|no\.?|#)|(?:device|implant|pump|pacemaker|defibrillator|ICD|stimulator|monitor|meter|CGM|sensor|transmitter|hearing[ \t]+aid)[ \t]+(?:id|identifier|serial|number|no\.?|#|lot|model)|asset[ \t]+(?:tag|number|#))`;
const DEVICES: Detector[] = [
  spans(
    regex(raw`(?<![\p{L}])(?:${DEVICE_LABEL})${CONNECTOR}(?<v>[A-Z0-9](?:[A-Z0-9\-]*[A-Z0-9])?)(?![\p{L}\p{N}])`, "i"),
    "DEVICE",
    (span, text, match) => {
      const value = text.slice(span.start, span.end);
      // "SN" and "REF" are only labels in capitals; a model number needs a digit and a letter or four digits.
      if (/^(?:SN|REF)/i.test(match[0]) && !/^(?:SN|REF)/.test(match[0])) return undefined;
      return /\d/.test(value) && value.replace(/-/g, "").length >= 4 ? span : undefined;
    },
  ),
];

// ---------- national and other ids ----------

// Country ids, passports, licences: the label then a value in groups ("QQ 12 34 56 C", "943 476 5919").
const NATIONAL_LABEL = raw`(?:NHS[ \t]+(?:number|no\.?|#)|National[ \t]+Insurance(?:[ \t]+(?:number|no\.?))?|NI[ \t]+(?:number|no\.?)|NINO|SIN|[Ss]ocial[ \t]+[Ii]nsurance(?:[ \t]+(?:number|no\.?))?|Aadhaa?r(?:[ \t]+(?:number|no\.?|card))?|PAN(?:[ \t]+(?:number|card|no\.?))?|CURP|RFC|DNI|NIE|NIF|CPF|RG|CNI|NIR|BSN|PESEL|[Cc]odice[ \t]+[Ff]iscale|[Pp]ersonnummer|OHIP|RAMQ|NSS|[Ss]eguridad[ \t]+[Ss]ocial|NUSS|[Hh]ealth[ \t]+[Cc]ard|[Cc]arte[ \t]+[Vv]itale|[Cc][ée]dula|[Pp]asaporte|[Pp]assport|[Nn]ational[ \t]+[Ii][Dd]|[Ii]dentity[ \t]+[Cc]ard|ID[ \t]+[Cc]ard|[Gg]reen[ \t]+[Cc]ard|A-?[Nn]umber|[Aa]lien[ \t]+(?:[Rr]egistration[ \t]+)?[Nn]umber|[Vv]isa|DL|[Dd]river['’]?s?[ \t]+[Ll]icen[cs]e|[Ll]icencia(?:[ \t]+de[ \t]+conducir)?|ITIN|TIN|ID)`;
const GROUPED_VALUE = raw`(?<v>[A-Z0-9]{1,18}(?:[ \-][A-Z0-9]{1,18}){0,7})`;

// The groups of a value: those with digits, with one- or two-letter groups between or around them.
const groupedId: Refine = (span, text) => {
  const tokens = text.slice(span.start, span.end).split(/(?<=[ -])/);
  let end = span.start;
  let digits = 0;
  let kept = "";
  for (const [index, token] of tokens.entries()) {
    const bare = token.trim().replace(/-$/, "");
    const lettersOnly = index === 0 ? /^[A-Z]{1,4}$/.test(bare) : /^[A-Z]{1,2}$/.test(bare);
    if (!/\d/.test(bare) && !(lettersOnly && (index === 0 || digits > 0))) break;
    kept += token;
    digits += digitCount(bare);
    end = span.start + kept.replace(/[ -]+$/, "").length;
  }
  return digits >= 4 ? { ...span, end } : undefined;
};

const IDS: Detector[] = [
  spans(regex(raw`(?<![\p{L}])${NATIONAL_LABEL}(?:[ \t]+card)?${ID_LABEL_NUMBER}${CONNECTOR}${GROUPED_VALUE}`), "ID", groupedId),
  // A code of capitals and digits long enough to identify someone: "XJH882100417", "1EG4TE5MK73", "ABCPR1234K".
  // A leading word is a label, not part of the value: "MRN-2023-0001" is "MRN-" and the number.
  spans(regex(raw`(?<![\p{L}\p{N}\-])(?=[A-Z0-9\-]*\d)(?=[A-Z0-9\-]*[A-Z])[A-Z0-9]+(?:-[A-Z0-9]+)*(?![\p{L}\p{N}]|-[A-Z0-9])`), "ID", (span, text) => {
    const label = /^[A-Z]+-(?=.*\d)/.exec(text.slice(span.start, span.end))?.[0].length ?? 0;
    const value = text.slice(span.start + label, span.end).replace(/-/g, "");
    return value.length >= (label ? 6 : 8) && digitCount(value) >= 4 ? { ...span, start: span.start + label } : undefined;
  }),
];

/** Ages, rooms, devices and ids, in that order of preference on equal length. */
export const NUMBER_DETECTORS: Detector[] = [...AGES, ...ROOMS, ...DEVICES, ...IDS];
/** The devices and ids alone: values worth finding again wherever they recur. */
export const ID_DETECTORS: Detector[] = [...DEVICES, ...IDS];
