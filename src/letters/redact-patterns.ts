// The vocabulary of identifier patterns (names, titles, streets, states, dates): regex sources the
// de-identification detectors are assembled from.


export const raw = String.raw;
export const NOT_AFTER_WORD = raw`(?<![\p{L}\p{M}\p{N}])`;
export const NOT_BEFORE_WORD = raw`(?![\p{L}\p{M}\p{N}])`;
// A capitalized name word: "Patel", "O'Brien", "Smith-Jones", "Soon-ja", "ÑÚÑEZ"; a possessive "'s" is not part of it.
const NAME_WORD = raw`\p{Lu}[\p{L}\p{M}]*(?:['’][\p{Lu}][\p{L}\p{M}]+|-\p{L}[\p{L}\p{M}]+)*`;
export const PARTICLE = "(?:van|von|de|del|della|der|den|di|da|du|dos|das|la|le|ten|ter|bin|ibn|al|el)";
export const NAME_RUN = raw`(?:${PARTICLE}[ \t]+){0,2}(?:\p{Lu}\.[ \t]*)?${NAME_WORD}(?:[ \t]+(?:\p{Lu}\.|${NAME_WORD})){0,2}`;
export const ID_LABEL_NUMBER = raw`(?:[ \t]+(?:id|identifier|number|num|no\.?|#))*`;
export const CONNECTOR = raw`(?:[ \t]*(?::|#|-|is|was|ending[ \t]+in))*[ \t]*`;
// A token with at least one digit: letters, digits and inner hyphens ("A1234567", "1EG4-TE5-MK73").
export const CODE = raw`(?=[A-Z0-9\-]*\d)[A-Z0-9](?:[A-Z0-9\-]*[A-Z0-9])?`;
export const ZIP = raw`\d{5}(?:-\d{4})?(?![\d\-])`;

const STATE_CODES = "AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC|PR|VI|GU|AS|MP";
const STATE_NAMES = [
  "Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut", "Delaware", "Florida", "Georgia",
  "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa", "Kansas", "Kentucky", "Louisiana", "Maine", "Maryland", "Massachusetts",
  "Michigan", "Minnesota", "Mississippi", "Missouri", "Montana", "Nebraska", "Nevada", "New Hampshire", "New Jersey",
  "New Mexico", "New York", "North Carolina", "North Dakota", "Ohio", "Oklahoma", "Oregon", "Pennsylvania", "Rhode Island",
  "South Carolina", "South Dakota", "Tennessee", "Texas", "Utah", "Vermont", "Virginia", "Washington", "West Virginia",
  "Wisconsin", "Wyoming", "Puerto Rico",
].join("|");
export const STATE = raw`(?<![\p{L}])(?:${STATE_CODES}|${STATE_NAMES})(?![\p{L}])`;
// City words; a dot only in "St. Louis", "Ft. Worth", "Mt. Vernon", so a city never spans a sentence end.
const CITY_WORD = raw`(?:(?:St|Ft|Mt)\.|\p{Lu}[\p{L}\p{M}'’\-]*)`;
export const CITY = raw`${CITY_WORD}(?:[ \t]+${CITY_WORD}){0,2}`;

// Month names: "may" and "march" are everyday words in lower case, so only their capitalized forms count.
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
export const MONTH = `(?:${MONTHS.flatMap((month) => {
  const forms = [month, month.slice(0, 3), ...(month === "September" ? ["Sept"] : [])];
  return forms.flatMap((form) => [form, form.toUpperCase(), ...(["may", "mar", "march"].includes(form.toLowerCase()) ? [] : [form.toLowerCase()])]);
})
  .sort((a, b) => b.length - a.length)
  .join("|")})\\.?`;
export const ORDINAL = "(?:st|nd|rd|th)";
// Years of a spelled-out date: "March 14, 1234 Elm Street" is a date followed by a house number.
export const YEAR = "(?:19|20)\\d{2}";
// A date ends where no letter, digit or further date part ("-03-14") follows.
export const DATE_END = raw`(?![\p{L}\p{N}]|[\/.\-]\d)`;

// Words that follow a title or label without being a name ("Dear Sir", "Nurse Station", "Dr. Patel On Monday").
export const NOT_NAMES = new Set(
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
    ...["Boy", "Girl", "Baby", "Twin", "Twins", "Mom", "Dad", "Señor", "Señora", "Señorita", "Sr", "Sra", "Srta", "Dra", "Mme", "Mlle", "Herr", "Frau", "Un", "Una", "El", "La", "Los", "Las", "Y", "Usted"],
  ].map((word) => word.toLowerCase()),
);

export const TITLES = raw`(?:(?:Mr|Mrs|Ms|Mx|Dr|dr|Dra|Prof|Rev|Fr|Sr|Sra|Srta|Mme|Mlle|MR|MRS|MS|DR|PROF)\.?|M\.|Herr|Frau|NURSE|DOCTOR|Miss|Mister|Doctor|doctor|Doctora|doctora|Professor|Nurse(?:[ \t]+(?:Practitioner|Manager|Supervisor))?|nurse|Sister|Father|Pastor|Rabbi|Chaplain|Officer|Don|don|Doña|doña|Dona|Señor|Señora|Señorita|señor|señora|Senhor|Senhora|Monsieur|Madame|Mademoiselle|Docteur|Enfermer[oa]|enfermer[oa]|Lic\.|Licenciad[oa]|licenciad[oa]|Ing\.|Bà|Ông|RN|NP|PA|LPN|CNA)`;
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
const DIRECTION = raw`(?:[ \t]+(?:North|South|East|West|N|S|E|W|NE|NW|SE|SW)\.?(?![\p{L}]))`;
export const STREET = raw`(?<![A-Za-z\p{N}])\d{1,6}[A-Za-z]?(?:-\d{1,4})?[ \t]+(?:${STREET_WORD}[ \t]+){1,4}(?:${STREET_SUFFIX})(?![\p{L}])${DIRECTION}?${UNIT}?`;
export const PO_BOX = raw`(?<![\p{L}])(?:[Pp]\.?[ \t]?[Oo]\.?[ \t]*[Bb][Oo][Xx]|[Pp]ost[ \t]+[Oo]ffice[ \t]+[Bb]ox)[ \t]*#?[ \t]*\d+`;
// Canadian provinces, so "Front Street West, Toronto, ON" finds the city.
const PROVINCE = raw`(?:AB|BC|MB|NB|NL|NS|NT|NU|ON|PE|QC|SK|YT)(?![\p{L}])`;
// What may follow a street on the same or the next line: city, state (or province), ZIP.
export const ADDRESS_TAIL = new RegExp(
  raw`(?:(?:,[ \t]*|,?\s+)(?<city>${CITY})(?=,?[ \t]+(?:${STATE}|${ZIP}|${PROVINCE})))?(?:,?[ \t]+${STATE})?(?:,?[ \t]+(?<zip>${ZIP}))?`,
  "yud",
);
