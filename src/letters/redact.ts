// De-identification of free text before it goes to an LLM, and re-identification of the draft when it
// comes back (DOMAIN.md, Privacy). The identifiers are those of HIPAA Safe Harbor, 45 CFR 164.514(b)(2).
// Each becomes a typed, numbered placeholder so the model can still write "Dear [NAME_1]", and the map
// from placeholder to original text never leaves this process.
//
// Detection is by shape and context, not by understanding: names are found when the case record knows
// them or when a title, label or relation introduces them ("Dr. Patel", "Name: ...", "my son Leo").
// Every detector proposes spans over the original text; the longest span wins an overlap (so an email
// swallows the name inside it), on equal length the more specific detector wins (a labelled SSN beats
// a bare digit run), and a span that overlaps the winner only in part widens it, so no fragment of an
// identifier is left behind.

/** The kinds of identifier a placeholder can stand for, as written in it: "[NAME_1]". */
export const PLACEHOLDER_TYPES = ["NAME", "PHONE", "EMAIL", "MRN", "DATE", "ADDRESS", "ZIP", "SSN", "URL", "IP", "ACCOUNT", "ID"] as const;
/** One kind of identifier. */
export type PlaceholderType = (typeof PLACEHOLDER_TYPES)[number];

/** Identifiers known from the case record (the people on it), matched first and exactly. */
export interface KnownIdentifiers {
  names: string[];
  phones: string[];
  emails: string[];
}

/** Placeholder → original value, e.g. { "[NAME_1]": "Maria Testpatient" }. */
export type PlaceholderMap = Record<string, string>;

interface Span {
  start: number;
  end: number;
  type: PlaceholderType;
}

type Detector = (text: string) => Span[];

// ---------- shared pattern pieces ----------

const raw = String.raw;
const NOT_AFTER_WORD = raw`(?<![\p{L}\p{M}\p{N}])`;
const NOT_BEFORE_WORD = raw`(?![\p{L}\p{M}\p{N}])`;
// A capitalized name word: "Patel", "O'Brien", "Smith-Jones", "ÑÚÑEZ"; a possessive "'s" is not part of it.
const NAME_WORD = raw`\p{Lu}[\p{L}\p{M}]*(?:['’\-]\p{Lu}[\p{L}\p{M}]+)*`;
const PARTICLE = "(?:van|von|de|del|della|der|den|di|da|du|dos|das|la|le|ten|ter|bin|ibn|al|el)";
const NAME_RUN = raw`(?:${PARTICLE}[ \t]+){0,2}(?:\p{Lu}\.[ \t]*)?${NAME_WORD}(?:[ \t]+(?:\p{Lu}\.|${NAME_WORD})){0,2}`;
const ID_LABEL_NUMBER = raw`(?:[ \t]+(?:id|identifier|number|num|no\.?|#))*`;
const CONNECTOR = raw`(?:[ \t]*(?::|#|-|is|was|ending[ \t]+in))*[ \t]*`;
// A token with at least one digit: letters, digits and inner hyphens ("A1234567", "1EG4-TE5-MK73").
const CODE = raw`(?=[A-Z0-9\-]*\d)[A-Z0-9](?:[A-Z0-9\-]*[A-Z0-9])?`;
const ZIP = raw`\d{5}(?:-\d{4})?(?![\d\-])`;

const STATE_CODES = "AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC|PR|VI|GU|AS|MP";
const STATE_NAMES = [
  "Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut", "Delaware", "Florida", "Georgia",
  "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa", "Kansas", "Kentucky", "Louisiana", "Maine", "Maryland", "Massachusetts",
  "Michigan", "Minnesota", "Mississippi", "Missouri", "Montana", "Nebraska", "Nevada", "New Hampshire", "New Jersey",
  "New Mexico", "New York", "North Carolina", "North Dakota", "Ohio", "Oklahoma", "Oregon", "Pennsylvania", "Rhode Island",
  "South Carolina", "South Dakota", "Tennessee", "Texas", "Utah", "Vermont", "Virginia", "Washington", "West Virginia",
  "Wisconsin", "Wyoming", "Puerto Rico",
].join("|");
const STATE = raw`(?<![\p{L}])(?:${STATE_CODES}|${STATE_NAMES})(?![\p{L}])`;
// City words; a dot only in "St. Louis", "Ft. Worth", "Mt. Vernon", so a city never spans a sentence end.
const CITY_WORD = raw`(?:(?:St|Ft|Mt)\.|\p{Lu}[\p{L}\p{M}'’\-]*)`;
const CITY = raw`${CITY_WORD}(?:[ \t]+${CITY_WORD}){0,2}`;

// Month names: "may" and "march" are everyday words in lower case, so only their capitalized forms count.
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const MONTH = `(?:${MONTHS.flatMap((month) => {
  const forms = [month, month.slice(0, 3), ...(month === "September" ? ["Sept"] : [])];
  return forms.flatMap((form) => [form, form.toUpperCase(), ...(["may", "mar", "march"].includes(form.toLowerCase()) ? [] : [form.toLowerCase()])]);
})
  .sort((a, b) => b.length - a.length)
  .join("|")})\\.?`;
const ORDINAL = "(?:st|nd|rd|th)";
// Years of a spelled-out date: "March 14, 1234 Elm Street" is a date followed by a house number.
const YEAR = "(?:19|20)\\d{2}";
// A date ends where no letter, digit or further date part ("-03-14") follows.
const DATE_END = raw`(?![\p{L}\p{N}]|[\/.\-]\d)`;

// Words that follow a title or label without being a name ("Dear Sir", "Nurse Station", "Dr. Patel On Monday").
const NOT_NAMES = new Set(
  [
    ...MONTHS,
    ...["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Today", "Tomorrow", "Yesterday"],
    ...["The", "This", "That", "These", "Those", "And", "But", "Or", "On", "In", "At", "For", "To", "From", "With", "By", "Of", "As"],
    ...["Is", "Was", "Were", "Are", "Be", "Said", "Told", "Says", "Asked", "Called", "Came", "Who", "What", "When", "Where", "Why", "How"],
    ...["It", "He", "She", "They", "We", "You", "My", "Our", "Your", "His", "Her", "Their", "Me", "Him", "Us", "Them", "An", "Not", "No"],
    ...["Yes", "Ok", "So", "Please", "Also", "There", "Here", "Then", "After", "Before", "During", "While", "If", "Because", "Again"],
    ...["Sir", "Madam", "Team", "Patient", "Patients", "Relations", "Hospital", "Department", "Dept", "Unit", "Ward", "Office", "Station"],
    ...["Staff", "Manager", "Supervisor", "Practitioner", "Everyone", "All", "Colleague", "Colleagues", "Friend", "Customer", "Family"],
    ...["Room", "Bed", "Er", "Ed", "Icu", "Mr", "Mrs", "Ms", "Mx", "Dr", "Doctor", "Nurse", "Prof", "Professor", "Miss", "Mister", "Rev"],
    ...["Father", "Sister", "Pastor", "Rabbi", "Chaplain", "Officer", "Thanks", "Thank", "Regards", "Sincerely", "Best", "Po", "Apt", "Valued"],
  ].map((word) => word.toLowerCase()),
);

const TITLES = raw`(?:(?:Mr|Mrs|Ms|Mx|Dr|dr|Prof|Rev|Fr|Sr|Sra|Srta|Mme|Mlle|MR|MRS|MS|DR|PROF)\.?|Herr|Frau|NURSE|DOCTOR|Miss|Mister|Doctor|doctor|Professor|Nurse(?:[ \t]+(?:Practitioner|Manager|Supervisor))?|nurse|Sister|Father|Pastor|Rabbi|Chaplain|Officer)`;
const NAME_LABELS = raw`(?:[Pp]atient(?:[ \t]+[Nn]ame)?|[Nn]ame|[Ff]ull[ \t]+[Nn]ame|[Ss]igned|[Ff]rom|[Cc]ontact(?:[ \t]+[Nn]ame)?|[Cc]aller|[Cc]omplainant|[Rr]epresentative|[Gg]uardian|[Ss]pouse|[Nn]ext[ \t]+of[ \t]+[Kk]in|[Ee]mergency[ \t]+[Cc]ontact)`;
const RELATIONS = raw`(?:son|daughter|husband|wife|mother|father|mom|mum|dad|partner|brother|sister|grandmother|grandfather|grandma|grandpa|grandson|granddaughter|aunt|uncle|niece|nephew|child|baby|friend|neighbou?r|caregiver|carer|boyfriend|girlfriend|fianc[eé]e?|cousin|spouse|stepson|stepdaughter)`;
const SIGN_OFFS = raw`(?:Sincerely|Regards|Best regards|Kind regards|Warm regards|Thanks|Thank you|Respectfully|Cheers)`;
// Separate patterns, not one alternation, so "Thank you, Nurse Kelly" still lets the title find "Kelly".
const NAME_INTROS = [
  raw`${TITLES}[ \t]+`,
  raw`[Dd]ear[ \t]+`,
  raw`${NAME_LABELS}[ \t]*:[ \t]*`,
  raw`${SIGN_OFFS}(?:,[ \t]*\n?|[ \t]*\n)[ \t]*`,
  raw`[Mm]y[ \t]+(?:late[ \t]+)?${RELATIONS}(?:,[ \t]*|[ \t]+)`,
  raw`[Tt]he[ \t]+patient(?:,[ \t]*|[ \t]+)`,
];

// Only abbreviations take a dot, so the full stop after "Elm Street." stays in the sentence.
const STREET_SUFFIX = [
  ...["Street", "Avenue", "Road", "Boulevard", "Lane", "Drive", "Court", "Place", "Terrace", "Way", "Circle", "Parkway", "Highway"].map(
    (word) => `[${word[0]}${word[0]!.toLowerCase()}]${word.slice(1)}`,
  ),
  ...["Square", "Trail", "Crescent", "Plaza", "Alley"],
  ...["St", "Ave", "Av", "Rd", "Blvd", "Ln", "Dr(?![.]?[ \\t]+\\p{Lu})", "Ct", "Pl", "Ter", "Cir", "Pkwy", "Hwy", "Sq", "Trl"].map((word) => `${word}\\.?`),
].join("|");
const STREET_WORD = raw`(?:\p{Lu}[\p{L}\p{M}'’\-]*\.?|\d{1,3}${ORDINAL})`;
const UNIT = raw`(?:,?[ \t]*(?:Apt|Apartment|Unit|Suite|Ste|Fl|Floor|Bldg|Building|Rm|#)\.?[ \t]*#?[ \t]*[A-Z0-9][A-Za-z0-9\-]*)`;
const STREET = raw`(?<![A-Za-z\p{N}])\d{1,6}[A-Za-z]?(?:-\d{1,4})?[ \t]+(?:${STREET_WORD}[ \t]+){1,4}(?:${STREET_SUFFIX})(?![\p{L}])${UNIT}?`;
const PO_BOX = raw`(?<![\p{L}])(?:[Pp]\.?[ \t]?[Oo]\.?[ \t]*[Bb][Oo][Xx]|[Pp]ost[ \t]+[Oo]ffice[ \t]+[Bb]ox)[ \t]*#?[ \t]*\d+`;
// What may follow a street on the same or the next line: city, state, ZIP.
const ADDRESS_TAIL = new RegExp(
  raw`(?:(?:,[ \t]*|,?\s+)(?<city>${CITY})(?=,?[ \t]+(?:${STATE}|${ZIP})))?(?:,?[ \t]+${STATE})?(?:,?[ \t]+(?<zip>${ZIP}))?`,
  "yud",
);

// ---------- detectors ----------

/** Spans of one pattern: the named group `v` when present, else the whole match; `refine` may trim or drop. */
function spans(pattern: RegExp, type: PlaceholderType, refine?: (span: Span, text: string) => Span | undefined): Detector {
  return (text) => {
    const found: Span[] = [];
    const search = new RegExp(pattern);
    for (let match = search.exec(text); match; match = search.exec(text)) {
      const [start, end] = match.indices?.groups?.v ?? match.indices?.[0] ?? [match.index, match.index + match[0].length];
      const span = refine ? refine({ start, end, type }, text) : { start, end, type };
      if (span && span.end > span.start) found.push(span);
      // A rejected or trimmed match gives back what it did not use: "Nurse Practitioner Lee" is
      // rejected at "Practitioner" and found again at "Lee".
      search.lastIndex = Math.max(span ? span.end : 0, match.index + 1);
    }
    return found;
  };
}

const regex = (source: string, flags = "") => new RegExp(source, `gud${flags}`);
const digitCount = (value: string) => value.replace(/\D/g, "").length;
const letterCount = (value: string) => value.match(/\p{L}/gu)?.length ?? 0;
const withDigits = (min: number, max = Number.POSITIVE_INFINITY) => (span: Span, text: string) => {
  const digits = digitCount(text.slice(span.start, span.end));
  return digits >= min && digits <= max ? span : undefined;
};

// Cuts a name run at the first word that is not a name ("Patel On" → "Patel", "Kelly MRN" → "Kelly");
// drops it if nothing is left.
function trimName(span: Span, text: string): Span | undefined {
  let end = span.start;
  let named = false;
  let shouting = false;
  for (const word of text.slice(span.start, span.end).matchAll(/\S+/gu)) {
    const bare = word[0].replace(/\.$/, "");
    const initial = /^\p{Lu}\.$/u.test(word[0]);
    const allCaps = bare.length > 1 && bare === bare.toUpperCase();
    if (NOT_NAMES.has(bare.toLowerCase())) break;
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

// Account numbers: a four-digit year after "policy" or "claim" is a date, not an account.
function accountValue(span: Span, text: string): Span | undefined {
  const value = text.slice(span.start, span.end);
  return digitCount(value) >= 3 && value.length >= 4 && !/^(?:19|20)\d\d$/.test(value) ? span : undefined;
}

// Plates and serials: "ABC 1234" is one value, but a second word only counts when it carries digits.
function labelledIdValue(span: Span, text: string): Span | undefined {
  const value = text.slice(span.start, span.end);
  const [first = "", second] = value.split(" ");
  const keepSecond = second !== undefined && /\d/.test(second) && (/\d/.test(first) || /^[A-Z]{1,4}$/.test(first));
  const kept = keepSecond ? value : first;
  if (!/\d/.test(kept) || kept.replace(/[^A-Za-z0-9]/g, "").length < 4) return undefined;
  return { ...span, end: span.start + kept.length };
}

// One separator throughout ("+44 20 7946 0958"), so a following "123-45-6789" is not taken for more groups.
// E.164 allows 15 digits: groups beyond that belong to the next number in the sentence ("... 0958 2024").
function internationalPhone(span: Span, text: string): Span | undefined {
  let value = text.slice(span.start, span.end);
  while (digitCount(value) > 15 && /[ .-]/.test(value)) value = value.replace(/[ .-][^ .-]*$/, "");
  const digits = digitCount(value);
  return digits >= 8 && digits <= 15 ? { ...span, end: span.start + value.length } : undefined;
}

function trimUrl(span: Span, text: string): Span | undefined {
  let end = span.end;
  const url = text.slice(span.start, end);
  const open = (url.match(/\(/g) ?? []).length;
  let close = (url.match(/\)/g) ?? []).length;
  while (end > span.start) {
    const last = text[end - 1]!;
    if (last === ")" && close > open) close--;
    else if (!".,;:!?'\"".includes(last)) break;
    end--;
  }
  return { ...span, end };
}

const STREET_OR_BOX = regex(`${STREET}|${PO_BOX}`);
const CITY_STATE_ZIP = regex(raw`(?<![\p{L}\p{M}])(?<city>${CITY}),[ \t]*${STATE},?[ \t]+(?<zip>${ZIP})`);

function addresses(text: string): Span[] {
  const found: Span[] = [];
  for (const match of text.matchAll(STREET_OR_BOX)) {
    const start = match.index;
    let end = start + match[0].length;
    ADDRESS_TAIL.lastIndex = end;
    const tail = ADDRESS_TAIL.exec(text);
    const city = tail?.indices?.groups?.city;
    const zip = tail?.indices?.groups?.zip;
    if (city) end = city[1];
    found.push({ start, end, type: "ADDRESS" });
    if (zip) found.push({ start: zip[0], end: zip[1], type: "ZIP" });
  }
  // "Springfield, IL 62704": a city is only recognisable with its state and ZIP.
  for (const match of text.matchAll(CITY_STATE_ZIP)) {
    const { city, zip } = match.indices!.groups!;
    found.push({ start: city![0], end: city![1], type: "ADDRESS" }, { start: zip![0], end: zip![1], type: "ZIP" });
  }
  return found;
}

const escapeRegex = (value: string) => value.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
const fold = (value: string) => value.normalize("NFD").replace(/\p{M}/gu, "");

// Every Latin letter with its accented forms, so "Jose Nunez" in the text matches "José Ñúñez" on record.
const LATIN_VARIANTS = new Map<string, string>();
for (let code = 0x41; code <= 0x24f; code++) {
  const char = String.fromCodePoint(code);
  const base = fold(char).toLowerCase();
  if (/^[a-z]$/.test(base) && /\p{L}/u.test(char)) LATIN_VARIANTS.set(base, (LATIN_VARIANTS.get(base) ?? "") + char);
}

// Scripts written without spaces between words: a name there is matched as an exact string.
const UNSPACED_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const NAME_SUFFIXES = new Set(["jr", "sr", "ii", "iii", "iv", "md", "phd", "rn", "dds"]);

function namePattern(name: string): string {
  let pattern = "";
  for (const char of name) {
    const base = fold(char).toLowerCase();
    if (/\s/.test(char)) pattern += raw`\s+`;
    else if ("'’ʼ".includes(char)) pattern += "['’ʼ]";
    else if ("-‐‑–".includes(char)) pattern += "[\\-‐‑–]";
    else if (char === ".") pattern += raw`\.?`;
    else if (LATIN_VARIANTS.has(base)) pattern += `[${LATIN_VARIANTS.get(base)}]\\p{M}*`;
    else pattern += `${escapeRegex(char)}\\p{M}*`;
  }
  return UNSPACED_SCRIPT.test(name) ? pattern : `${NOT_AFTER_WORD}${pattern}${NOT_BEFORE_WORD}`;
}

// The full name, "First Last" without middle names, "Last, First", and each part of 2+ letters.
function nameVariants(name: string): string[] {
  const words = name.split(" ").filter((word) => !NAME_SUFFIXES.has(word.replace(/\./g, "").toLowerCase()));
  const parts = words.filter((word) => !(word === word.toLowerCase() && new RegExp(`^${PARTICLE}$`).test(word)));
  const variants = [name, words.join(" ")];
  const first = parts[0];
  const last = parts.at(-1);
  if (first && last && parts.length >= 2) variants.push(`${first} ${last}`, `${last}, ${first}`);
  for (const part of parts) variants.push(part, ...part.split(/[-‐‑–]/));
  return variants.filter((variant) => letterCount(variant) >= 2);
}

function knownNames(names: Iterable<string>, capitalizedOnly = false): Detector {
  const variants = new Set([...names].flatMap((name) => nameVariants(name.normalize("NFC").trim().replace(/\s+/g, " "))));
  if (variants.size === 0) return () => [];
  const alternatives = [...variants].sort((a, b) => fold(b).length - fold(a).length).map(namePattern);
  const capitalized = (span: Span, text: string) => (/^\p{Ll}/u.test(text.slice(span.start, span.end)) ? undefined : span);
  return spans(regex(`(?:${alternatives.join("|")})`, "i"), "NAME", capitalizedOnly ? capitalized : undefined);
}

function knownPhones(phones: string[]): Detector {
  const numbers = new Set(phones.map((phone) => phoneKey(phone.split(/x|ext/i)[0] ?? "")).filter((digits) => digits.length >= 7));
  if (numbers.size === 0) return () => [];
  const alternatives = [...numbers].map((digits) => [...digits].join("[ .()\\/\\-]*"));
  const extension = raw`(?:,?[ \t]*(?:[xX]|[Ee]xt\.?|[Ee]xtension)[ \t]*\d{1,6})?`;
  return spans(regex(raw`(?<!\d|\d[.\-])(?:\+?1[ .\-]*)?(?:\((?=\d{3}\)))?(?:${alternatives.join("|")})${extension}(?!\d)`), "PHONE");
}

function knownEmails(emails: string[]): Detector {
  const literals = emails.map((email) => email.trim()).filter((email) => email.includes("@"));
  if (literals.length === 0) return () => [];
  return spans(regex(raw`(?<![\w.+\-])(?:${literals.map(escapeRegex).join("|")})(?![\w\-])`, "i"), "EMAIL");
}

// Context-labelled identifiers come first: on equal length the earlier detector wins.
const LABELLED: Detector[] = [
  spans(
    regex(
      raw`\b(?:SSN|SS#|social[ \t]+security${ID_LABEL_NUMBER})(?:[ \t]*(?::|#|is|was|ending[ \t]+in|last[ \t]+(?:4|four)(?:[ \t]+digits)?(?:[ \t]+(?:is|are))?))*[ \t]*(?<v>\d{3}(?<sep>[\- ]?)\d{2}\k<sep>\d{4}|\d{4})(?!\d)`,
      "i",
    ),
    "SSN",
  ),
  spans(
    regex(
      raw`\b(?:MRN|MR[ \t]*#|MR[ \t]+(?:number|no\.?)|medical[ \t]+record${ID_LABEL_NUMBER}|(?:hospital|chart)[ \t]+(?:number|no\.?|#)|patient[ \t]+(?:id|number|no\.?|#))${CONNECTOR}(?<v>${CODE})`,
      "i",
    ),
    "MRN",
    withDigits(4),
  ),
  spans(
    regex(
      raw`\b(?:account|acct\.?|a\/c|member(?:ship)?|subscriber|policy(?:holder)?|insurance|insurer|claim|invoice|medicaid|medicare|MBI|beneficiary|health[ \t]+plan|(?:plan|group|billing|reference|ref|confirmation)[ \t]+(?:number|num|no\.?|#|id)|card)${ID_LABEL_NUMBER}${CONNECTOR}(?<v>${CODE})`,
      "i",
    ),
    "ACCOUNT",
    accountValue,
  ),
  spans(
    regex(
      raw`\b(?:licen[cs]e[ \t]+plate|(?:number|registration|tag)[ \t]+plate|plate|registration[ \t]+(?:number|no\.?|#)|VIN|serial|S\/N|(?:device|implant)[ \t]+(?:id|identifier|serial)|(?:driver'?s[ \t]+)?licen[cs]e|passport|certificate|badge|employee[ \t]+(?:id|number|no\.?|#))${ID_LABEL_NUMBER}${CONNECTOR}(?<v>[A-Z0-9][A-Z0-9\-]*(?: [A-Z0-9][A-Z0-9\-]*)?)`,
      "i",
    ),
    "ID",
    labelledIdValue,
  ),
];

const PATTERNS: Detector[] = [
  spans(regex(raw`(?<![\p{L}\p{N}._%+\-])[\p{L}\p{N}._%+\-]+@(?:[\p{L}\p{N}\-]+\.)+\p{L}{2,}(?![\p{L}\p{N}\-])`), "EMAIL"),
  spans(regex(raw`(?:\bhttps?:\/\/|\bwww\.)[^\s<>"\x60{}|\\^\[\]]+`, "i"), "URL", trimUrl),
  spans(regex(raw`(?<![\p{L}\p{N}@._\-\/])(?:[a-z0-9\-]+\.)+(?:com|org|net|edu|gov|io|health|info|us|uk)\b(?:\/[^\s<>"]*)?`, "i"), "URL", trimUrl),
  spans(regex(raw`(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?!\d|\.\d)`), "IP"),
  spans(regex(raw`(?<![0-9a-f:])(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}(?![0-9a-f:])|(?<![0-9a-f:])(?:[0-9a-f]{1,4}:){1,6}:(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){0,5})?(?![0-9a-f:])`, "i"), "IP"),
  spans(regex(raw`(?<![\d\-])\d{3}(?<sep>[\- ])\d{2}\k<sep>\d{4}(?!\d|-\d)`), "SSN"),
  // Card numbers are account numbers under Safe Harbor.
  spans(regex(raw`(?<!\d)\d{4}(?<sep>[ \-])\d{4}\k<sep>\d{4}\k<sep>\d{1,4}(?!\d)|(?<!\d)\d{4}[ \-]\d{6}[ \-]\d{5}(?!\d)`), "ACCOUNT"),
  spans(regex(raw`(?<![\p{N}\/.\-])\d{1,2}(?<sep>[\/.\-])\d{1,2}\k<sep>(?:\d{4}|\d{2})(?!\p{N}|[\/.\-]\d)`), "DATE"),
  spans(regex(raw`(?<![\p{N}\/.\-])\d{4}(?<sep>[\/.\-])\d{1,2}\k<sep>\d{1,2}(?!\p{N}|[\/.\-]\d)`), "DATE"),
  spans(regex(raw`(?<![\p{L}])${MONTH}[ \t]+\d{1,2}${ORDINAL}?(?:,?[ \t]+${YEAR})?${DATE_END}`), "DATE"),
  spans(regex(raw`(?<![A-Za-z\p{N}]|\d[.,])\d{1,2}${ORDINAL}?(?:[ \t]+of[ \t]+|[ \t]+|-)${MONTH}(?:,?[ \t]+${YEAR}|-${YEAR}|-\d{2})?${DATE_END}`), "DATE"),
  spans(regex(raw`(?<![\p{L}])${MONTH},?[ \t]+${YEAR}${DATE_END}`), "DATE"),
  // "3/14" alone could be a score ("pain 8/10") or a fraction ("to 1/2 tablet"), so it needs a word that
  // introduces a date and no unit after it.
  spans(
    regex(
      raw`(?<=\b(?:on|since|from|until|till|by|before|after|dated?|DOB|born|admitted|discharged|visited|seen|between|and|to)[ \t:]+)(?:0?[1-9]|1[0-2])\/(?:0?[1-9]|[12]\d|3[01])(?![\p{N}\/]|[ \t]*(?:of|cups?|tabs?|tablets?|pills?|caps?|capsules?|doses?|mg|ml|mcg|units?|hours?|hrs?|days?|weeks?|inch(?:es)?|tsp|tbsp|teaspoons?|tablespoons?|strength)\b)`,
      "i",
    ),
    "DATE",
  ),
  spans(
    regex(raw`(?<![A-Za-z\p{N}+]|\d[.\-])(?:\+?1[ .\-]?)?(?:\(\d{3}\)|\d{3})[ .\-]?\d{3}[ .\-]?\d{4}(?:,?[ \t]*(?:[xX]|[Ee]xt\.?|[Ee]xtension|#)[ \t]*\d{1,6})?(?!\d)`),
    "PHONE",
  ),
  spans(regex(raw`(?<![A-Za-z\p{N}+])\+[2-9]\d{0,2}(?<sep>[ .\-]?)(?:\(\d{1,4}\) ?)?\d{1,5}(?:\k<sep>\d{1,8}){1,5}(?!\d|[\/.\-]\d)`), "PHONE", internationalPhone),
  spans(regex(raw`(?<![\p{N}+]|\d[ .\-])0\d{2,4}[ \-]\d{3,4}[ \-]?\d{3,4}(?!\d)`), "PHONE", withDigits(10, 11)),
  spans(regex(raw`(?<![\p{N}\-])\d{3}[\-.]\d{4}(?!\p{N}|[\-.]\d)`), "PHONE"),
  addresses,
  spans(regex(raw`${STATE},?[ \t]+(?<v>${ZIP})`), "ZIP"),
  // Any other long number is some identifier (Safe Harbor's catch-all); money and decimals are not.
  spans(regex(raw`(?<![A-Za-z\p{N}])[A-Z]{1,3}-?\d{7,}(?![A-Za-z\p{N}])`), "ID"),
  spans(regex(raw`(?<![\p{N}$€£]|\d[.,])\d{7,}(?!\p{N}|[.,]\d)`), "ID"),
];

// The introducer is a lookbehind so that "Dear Dr. Patel" still lets the title introduce "Patel".
const INTRODUCED_NAMES: Detector[] = NAME_INTROS.map((intro) =>
  spans(regex(raw`(?<=(?<![\p{L}\p{M}])(?:${intro}))${NAME_RUN}`), "NAME", trimName),
);

// A name introduced once ("Nurse Kelly") is a name wherever it appears again, in any field, and so is
// a name already in the map. Only capitalized mentions count, so a word wrongly taken for a name
// ("Name: Unknown") does not spread to every "unknown".
function detectorsFor(known: KnownIdentifiers, texts: string[], map: PlaceholderMap): Detector[] {
  const introduced = new Set<string>();
  for (const text of texts) {
    for (const detect of INTRODUCED_NAMES) for (const span of detect(text)) introduced.add(text.slice(span.start, span.end));
  }
  for (const [placeholder, value] of Object.entries(map)) if (placeholder.startsWith("[NAME_")) introduced.add(value);
  return [
    ...LABELLED,
    knownEmails(known.emails),
    knownPhones(known.phones),
    knownNames(known.names),
    knownNames(introduced, true),
    ...PATTERNS,
    ...INTRODUCED_NAMES,
  ];
}

// Longest first, then the more specific detector. A span inside one already taken is dropped; one that
// overlaps it only in part widens it instead, so no piece of an identifier is left in the text.
function select(text: string, detectors: Detector[]): Span[] {
  const candidates = detectors.flatMap((detect, rank) => detect(text).map((span) => ({ ...span, rank })));
  candidates.sort((a, b) => b.end - b.start - (a.end - a.start) || a.rank - b.rank || a.start - b.start);
  let taken: Span[] = [];
  for (const { start, end, type } of candidates) {
    const overlapping = taken.filter((span) => start < span.end && end > span.start);
    if (overlapping.length === 0) taken.push({ start, end, type });
    else if (!overlapping.some((span) => span.start <= start && end <= span.end)) {
      const widened = {
        start: Math.min(start, ...overlapping.map((span) => span.start)),
        end: Math.max(end, ...overlapping.map((span) => span.end)),
        type: overlapping[0]!.type,
      };
      taken = [...taken.filter((span) => !overlapping.includes(span)), widened];
    }
  }
  return taken.sort((a, b) => a.start - b.start);
}

// ---------- placeholders ----------

function phoneKey(value: string): string {
  const [main = "", extension] = value.split(/x|ext|#/i);
  const digits = main.replace(/\D/g, "");
  const national = digits.length === 11 && digits.startsWith("1") ? digits.slice(1) : digits;
  const ext = extension?.replace(/\D/g, "");
  return ext ? `${national}x${ext}` : national;
}

// What "the same value" means per type: names ignore case and accents, phones and SSNs compare digits.
// A span widened over a neighbour is no longer a plain number, so it is compared as text.
function valueKey(type: PlaceholderType, value: string): string {
  if (type === "NAME") return fold(value).toLowerCase().replace(/[’ʼ]/g, "'");
  if (type === "PHONE" && /^[+\d\s().-]+(?:,?\s*(?:x|ext\.?|extension|#)\s*\d+)?$/i.test(value)) return phoneKey(value);
  if (type === "SSN" && /^[\d\s-]+$/.test(value)) return value.replace(/\D/g, "");
  return value.toLowerCase();
}

const PLACEHOLDER_SHAPE = new RegExp(raw`\[[ \t]*(?:([A-Za-z]+(?:_[A-Za-z]+)*)_(\d{1,6})|(${PLACEHOLDER_TYPES.join("|")}))[ \t]*\]`, "gi");
const TYPE_OF = new Map<string, PlaceholderType>(PLACEHOLDER_TYPES.map((type) => [type, type]));

// "[name_01]" and "[NAME_1]" are the same placeholder: models sometimes change case or padding.
function canonical(type: string | undefined, number: string | undefined, bare: string | undefined): string {
  return bare ? `[${bare.toUpperCase()}]` : `[${type!.toUpperCase()}_${Number(number)}]`;
}

function placeholderAllocator(map: PlaceholderMap, reserved: Set<string>) {
  const byValue = new Map<string, string>();
  const highest = new Map<string, number>();
  for (const [placeholder, value] of Object.entries(map)) {
    const parsed = /^\[([A-Z]+)_(\d+)\]$/.exec(placeholder);
    const type = parsed && TYPE_OF.get(parsed[1]!);
    if (!type) continue;
    highest.set(type, Math.max(highest.get(type) ?? 0, Number(parsed[2])));
    const key = `${type}:${valueKey(type, value)}`;
    if (!byValue.has(key)) byValue.set(key, placeholder);
  }
  return (type: PlaceholderType, value: string): string => {
    const key = `${type}:${valueKey(type, value)}`;
    const existing = byValue.get(key);
    if (existing) return existing;
    let number = (highest.get(type) ?? 0) + 1;
    // A placeholder-shaped token already in the input must not be re-identified as something else.
    while (reserved.has(`[${type}_${number}]`) || Object.hasOwn(map, `[${type}_${number}]`)) number++;
    highest.set(type, number);
    const placeholder = `[${type}_${number}]`;
    map[placeholder] = value;
    byValue.set(key, placeholder);
    return placeholder;
  };
}

function reservedIn(texts: string[]): Set<string> {
  return new Set(texts.flatMap((text) => [...text.matchAll(PLACEHOLDER_SHAPE)].map((match) => canonical(match[1], match[2], match[3]))));
}

function redact(text: string, detectors: Detector[], allocate: (type: PlaceholderType, value: string) => string): string {
  let result = "";
  let at = 0;
  for (const span of select(text, detectors)) {
    result += text.slice(at, span.start) + allocate(span.type, text.slice(span.start, span.end));
    at = span.end;
  }
  return result + text.slice(at);
}

// ---------- API ----------

/** Replaces identifiers in `text` by typed placeholders; returns the text and `map` extended (a copy). */
export function deidentify(text: string, known: KnownIdentifiers, map: PlaceholderMap = {}): { text: string; map: PlaceholderMap } {
  const next = { ...map };
  return { text: redact(text, detectorsFor(known, [text], map), placeholderAllocator(next, reservedIn([text]))), map: next };
}

/** De-identifies several fields with one map, so the same value has the same placeholder in every field. */
export function deidentifyFields<K extends string>(fields: Record<K, string>, known: KnownIdentifiers): { fields: Record<K, string>; map: PlaceholderMap } {
  const map: PlaceholderMap = {};
  const entries = Object.entries(fields) as [K, string][];
  const detectors = detectorsFor(known, entries.map(([, value]) => value), map);
  const allocate = placeholderAllocator(map, reservedIn(entries.map(([, value]) => value)));
  const result = {} as Record<K, string>;
  for (const [key, value] of entries) result[key] = redact(value, detectors, allocate);
  return { fields: result, map };
}

/** Puts the original values back; `unresolved` lists placeholder-shaped tokens the map does not know. */
export function reidentify(text: string, map: PlaceholderMap): { text: string; unresolved: string[] } {
  const unresolved = new Set<string>();
  const restored = text.replace(PLACEHOLDER_SHAPE, (token: string, type?: string, number?: string, bare?: string) => {
    const key = canonical(type, number, bare);
    if (Object.hasOwn(map, key)) return map[key]!;
    unresolved.add(token);
    return token;
  });
  return { text: restored, unresolved: [...unresolved] };
}

/** The distinct placeholder-shaped tokens in `text` ("[NAME_1]", "[DATE]"), in order of first appearance. */
export function findPlaceholders(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER_SHAPE)].map((match) => match[0]))];
}
