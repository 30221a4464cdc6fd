import { isCommonWord } from "./redact-names.ts";
import { ADDRESS_TAIL, CITY, CONNECTOR, PO_BOX, raw, STATE, STREET, ZIP } from "./redact-patterns.ts";
import { type Detector, regex, type Span, spans } from "./redact-spans.ts";

// Addresses and postal codes: US streets, PO boxes, city-state-ZIP; streets named without a number;
// street formats of other countries (name before number, "Calle", "ul.", "Rua", "-straße"); and postal
// codes of Canada, the UK, Australia and countries whose codes follow a street or a label.

const STREET_OR_BOX = regex(`${STREET}|${PO_BOX}`);
// "Springfield, IL 62704" and "Xenia OH 45385": a city is only recognisable with its state and ZIP.
const CITY_STATE_ZIP = regex(raw`(?<![\p{L}\p{M}])(?<city>${CITY}),?[ \t]+${STATE},?[ \t]+(?<zip>${ZIP})`);

// A city is its own words: "Noted Ottawa" and "Send Springfield" begin with a word that is not part of it.
function cityStart(text: string, start: number, end: number): number {
  for (let word = /^(\S+)[ \t]+(?=\S)/u.exec(text.slice(start, end)); word && isCommonWord(word[1]!); word = /^(\S+)[ \t]+(?=\S)/u.exec(text.slice(start, end))) {
    start += word[0].length;
  }
  return start;
}

function usAddresses(text: string): Span[] {
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
  for (const match of text.matchAll(CITY_STATE_ZIP)) {
    const { city, zip } = match.indices!.groups!;
    found.push({ start: cityStart(text, city![0], city![1]), end: city![1], type: "ADDRESS" }, { start: zip![0], end: zip![1], type: "ZIP" });
  }
  return found;
}

// Postal codes by shape, where the shape alone is distinctive enough.
const CANADA = raw`[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z][ \-]?\d[ABCEGHJ-NPRSTV-Z]\d`;
const UK = raw`(?:[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?|GIR)[ \t]\d[ABD-HJLNP-UW-Z]{2}`;
const PROVINCES = "AB|BC|MB|NB|NL|NS|NT|NU|ON|PE|QC|SK|YT";
const AU_STATES = "NSW|VIC|QLD|SA|WA|TAS|NT|ACT";
// Codes of other countries, as written after a label or a street: 12345, 1234, 00-950, 01310-100, 100-0001, 1012 AB.
const POSTAL_VALUE = raw`(?:${CANADA}|${UK}|\d{5}-\d{3}|\d{3}-\d{4}|\d{2}-\d{3}|\d{4}[ \t]?[A-Z]{2}(?![\p{L}])|\d{4,6}(?:-\d{4})?)`;
const POSTAL_LABEL = raw`(?:[Zz][Ii][Pp](?:[ \t]*[Cc]ode)?|[Pp]ostal[ \t]+[Cc]ode|[Pp]ost[ \t]*[Cc]ode|[Cc][óo]digo[ \t]+[Pp]ostal|C\.[ \t]?P\.|CP|CEP|PLZ|PIN(?:[ \t]+[Cc]ode)?|邮编|郵便番号|〒)`;

const CITY_BEFORE = (code: string) => regex(raw`(?<![\p{L}\p{M}])(?<city>${CITY}),?[ \t]+(?:${code})`);

// Streets written with the name first or a word for "street" first: "Hauptstraße 12", "Calle Mayor 5",
// "ul. Marszałkowska 84/92 m. 15", "Rua Augusta 1508", "Av. Insurgentes Sur 1602", "10 rue de la Paix".
const STREET_NAME = raw`(?:\p{Lu}[\p{L}\p{M}'’.\-]*|\d{1,3}(?:st|nd|rd|th|º|ª)?|de|del|la|las|los|da|do|dos|das|di|du|des|le|von|der)`;
const NUMBER_AFTER = raw`,?[ \t]*(?:(?:No\.?|Nº|nº|n\.?º|#|núm\.?|número)[ \t]*)?\d{1,5}[A-Za-z]?(?![\p{N}ºª])(?:[ \t]*[\/\-][ \t]*\d{1,5}[A-Za-z]?)?(?:[ \t]*,?[ \t]*(?:m\.|lok\.|apt\.?|piso|dpto\.?|depto\.?|\d{1,2}º)[ \t]*\d{0,4}[A-Za-z]?)?`;
const STREET_WORD_FIRST = raw`(?:Calle|C\/|Avenida|Avda\.?|Av\.|Paseo|Plaza|Pza\.?|Camino|Carrera|Cra\.?|Carretera|Ronda|Travesía|Rua|R\.|Travessa|Alameda|Via|Viale|Piazza|Corso|Largo|Rue|Chemin|Allée|Impasse|Quai|ul\.|ulica|al\.|aleja|os\.|Strada|Bulevardul|Calea|Sokak|Sok\.|Caddesi|Cad\.|улица|ул\.|проспект|пр\.|Οδός|οδός)`;
const STREET_SUFFIXED = raw`\p{Lu}[\p{L}\p{M}\-]*(?:straße|strasse|str\.|weg|gasse|platz|allee|ring|damm|ufer|chaussee|steig|pfad|markt|laan|straat|gracht|plein|kade|vej|gade|gatan|vägen|veien|gata)`;
const FOREIGN_STREETS = regex(
  raw`(?<![\p{L}\p{M}])(?:${STREET_WORD_FIRST}[ \t]+(?:${STREET_NAME}[ \t]+){0,4}${STREET_NAME}|${STREET_SUFFIXED})${NUMBER_AFTER}|(?<![\p{L}\p{N}\/.:\-])\d{1,5}[A-Za-z]?,?[ \t]+(?:rue|avenue|boulevard|bd|place|chemin|allée|impasse|quai|calle)[ \t]+(?:${STREET_NAME}[ \t]+){0,4}\p{Lu}[\p{L}\p{M}'’\-]*`,
);
// What follows such a street: a postal code and the city.
const FOREIGN_TAIL = new RegExp(raw`,?[ \t]*(?<zip>\d{2}-\d{3}|\d{5}-\d{3}|\d{4,5})[ \t]+(?<city>\p{Lu}[\p{L}\p{M}'’\-]+(?:[ \t]+\p{Lu}[\p{L}\p{M}'’\-]+){0,2})`, "yud");

function foreignAddresses(text: string): Span[] {
  const found: Span[] = [];
  for (const match of text.matchAll(FOREIGN_STREETS)) {
    const end = match.index + match[0].length;
    found.push({ start: match.index, end, type: "ADDRESS" });
    FOREIGN_TAIL.lastIndex = end;
    const tail = FOREIGN_TAIL.exec(text)?.indices?.groups;
    if (tail?.zip) found.push({ start: tail.zip[0], end: tail.zip[1], type: "ZIP" }, { start: tail.city![0], end: tail.city![1], type: "ADDRESS" });
  }
  return found;
}

function cityBefore(pattern: RegExp): Detector {
  return (text) =>
    [...text.matchAll(pattern)].map((match) => {
      const [start, end] = match.indices!.groups!.city!;
      return { start: cityStart(text, start, end), end, type: "ADDRESS" as const };
    });
}

const STREET_TYPES = raw`(?:Street|Avenue|Road|Boulevard|Lane|Drive|Court|Place|Terrace|Parkway|Highway|Circle|Trail|Crescent|Alley|Way|St\.?|Ave\.?|Rd\.?|Blvd\.?|Ln\.?|Dr\.?(?![ \t]+\p{Lu})|Ct\.?|Pkwy\.?|Hwy\.?)`;

// Addresses typed in lower case ("we live at 3380 elvis presley blvd apt 12, memphis tn 38116"): only
// after words that say an address follows, with a street type, then the city, state and ZIP if there.
const STATE_CODES_LOWER = "al|ak|az|ar|ca|co|ct|de|fl|ga|hi|id|il|in|ia|ks|ky|la|me|md|ma|mi|mn|ms|mo|mt|ne|nv|nh|nj|nm|ny|nc|nd|oh|ok|or|pa|ri|sc|sd|tn|tx|ut|vt|va|wa|wv|wi|wy|dc";
const LOWER_STREET_TYPES = "street|st|avenue|ave|av|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|way|place|pl|terrace|ter|circle|cir|parkway|pkwy|highway|hwy|trail|trl";
const LOWER_ADDRESS = regex(
  raw`(?<=\b(?:live|lives|living|lived|reside|resides|residing|address(?:[ \t]+is)?|addr|moved|home|house|mail|send)[ \t]+(?:at[ \t]+|to[ \t]+|is[ \t]+|in[ \t]+)?:?[ \t]*)\d{1,6}[a-z]?[ \t]+(?:[\p{Ll}\d][\p{Ll}\p{M}'’\-]*[ \t]+){1,3}(?:${LOWER_STREET_TYPES})\.?(?![\p{L}])(?:,?[ \t]*(?:apt|apartment|unit|suite|ste|#)\.?[ \t]*#?[ \t]*[a-z0-9\-]+)?(?<tail>,?[ \t]+(?<city>\p{Ll}[\p{Ll}\p{M}'’\-]+(?:[ \t]+\p{Ll}[\p{Ll}\p{M}'’\-]+){0,2}),?[ \t]+(?:${STATE_CODES_LOWER})(?:,?[ \t]+(?<zip>\d{5}(?:-\d{4})?))?(?![\p{L}\p{N}]))?`,
);
function lowercaseAddresses(text: string): Span[] {
  const found: Span[] = [];
  for (const match of text.matchAll(LOWER_ADDRESS)) {
    const zip = match.indices!.groups!.zip;
    const city = match.indices!.groups!.city;
    found.push({ start: match.index, end: city ? city[1] : match.index + match[0].length - (match.groups!.tail?.length ?? 0), type: "ADDRESS" });
    if (zip) found.push({ start: zip[0], end: zip[1], type: "ZIP" });
  }
  return found;
}

/** Every detector of addresses and postal codes. */
export const PLACE_DETECTORS: Detector[] = [
  usAddresses,
  lowercaseAddresses,
  foreignAddresses,
  spans(regex(raw`${STATE},?[ \t]+(?<v>${ZIP})`), "ZIP"),
  spans(regex(raw`(?<![\p{L}\p{N}])(?:${CANADA}|${UK})(?![\p{L}\p{N}])`), "ZIP"),
  spans(regex(raw`(?<![\p{L}])(?:${AU_STATES})[ \t]+(?<v>\d{4})(?![\p{N}])`), "ZIP"),
  spans(regex(raw`(?<![\p{L}])${POSTAL_LABEL}${CONNECTOR}(?<v>${POSTAL_VALUE})(?![\p{N}])`), "ZIP"),
  cityBefore(CITY_BEFORE(raw`(?:${PROVINCES})[ \t]+${CANADA}|${UK}|(?:${AU_STATES})[ \t]+\d{4}(?![\p{N}])`)),
  // "on Willow Creek Road": a street named without a house number.
  spans(regex(raw`(?=[\p{Lu}\d])(?<=(?<![\p{L}])(?:on|at|off|near|along|onto|down|up|from|to|of|in|en)[ \t]{1,4})(?:(?:\p{Lu}[\p{L}\p{M}'’\-]*|\d{1,3}(?:st|nd|rd|th))[ \t]+){1,3}${STREET_TYPES}(?![\p{L}])`), "ADDRESS"),
  // "Col. Crédito Constructor": a Mexican or Brazilian neighbourhood.
  spans(regex(raw`(?<![\p{L}])(?:Col\.|Colonia|Fracc\.|Fraccionamiento|Barrio|Bairro|Urb\.|Urbanización)[ \t]+(?:\p{Lu}[\p{L}\p{M}'’\-]*|de|del|la|los|las)(?:[ \t]+(?:\p{Lu}[\p{L}\p{M}'’\-]*|de|del|la|los|las)){0,3}`), "ADDRESS"),
];
