// Placeholders and template gaps left in a letter. Re-identification fills "[NAME_1]" only, and only
// with what a letter may hold (letter-reidentify.ts); everything else that looks like a slot stays
// and is caught here: typed placeholders it withheld ("[MRN_1]"), variants a model writes when it
// "improves" the format ("<NAME_1>", "{NAME_1}", "NAME_1", "[[NAME_1]]", "{{name}}", "[Patient Name]"),
// and the template drafter's "[insert …]" gaps.

const PLACEHOLDERS = [
  // Typed placeholders in any case or padding: [NAME_1], [mrn_01], [ PHONE_2 ].
  /\[[ \t]*[A-Za-z]+(?:_[A-Za-z]+)*_\d+[ \t]*\]/g,
  // The same token without its square brackets: <NAME_1>, {NAME_1}, (NAME_1), «NAME_1», NAME_1.
  /(?<![\p{L}\p{N}_/.@-])[A-Za-z]+(?:_[A-Za-z]+)*_\d{1,6}(?![\p{L}\p{N}_@])/gu,
  // A name slot in capitals, bracketed or not: "Dear NAME,", "FIRST_NAME", "PATIENT_NAME".
  /\b(?:(?:PATIENT|FIRST|LAST|FULL|RECIPIENT)_?)?NAME\b|\bRECIPIENT\b/g,
  // A bare type in any brackets: [NAME], <DATE>, (MRN), {PHONE 2}.
  /[[<{(«][ \t]*(?:NAME|PHONE|EMAIL|MRN|DATE|ADDRESS|ZIP|SSN|URL|IP|ACCOUNT|ID)(?:[ _-]?\d{1,2})?[ \t]*[\]>})»]/g,
  // Template syntax: {{name}}, [[NAME_1]], <<name>>, ${name}, %NAME%, {name}, <Patient Name>.
  /\{\{[^{}]*\}\}/g,
  /\[\[[^\]]*\]\]/g,
  /<<[^<>]*>>/g,
  /\$\{[^}]*\}/g,
  /%[A-Za-z_]+%/g,
  /\{[^{}\n]{1,60}\}/g,
  /<(?!https?:|mailto:)[A-Za-z_][^<>\n]{0,60}>/g,
  // A bracketed capitalised label or name: "[Patient Name]", or "[Ruth Testfamily]" once "[[NAME_1]]" was filled in.
  /\[[ \t]*\p{Lu}[\p{L}'.-]*(?:[ \t]+[\p{L}'.-]+){0,5}[ \t]*\]/gu,
  /\[ ?(?:insert|add|enter|fill in|tbd|todo|xx+)\b[^\]]*\]/gi,
  /<\s*insert\b[^>]*>/gi,
  /\[(?:your |the )?(?:patient|contact|hospital|date|name|phone|address|signature|title|department|unit)(?:'s)?(?: [a-z]+)*\]/gi,
  // Blanks and to-do markers: "____", "TBD", "(insert date)", "XXX-XX-XXXX".
  /_{4,}/g,
  /\b(?:TBD|TODO|FIXME)\b/g,
  /\(\s*(?:insert|add|enter|fill in)\b[^)]*\)/gi,
  /\bX{2,}(?:[-/]X{2,})+\b/gi,
];

const TYPED = /\[[A-Za-z]+(?:_[A-Za-z]+)*_\d+\]/;

/** The distinct placeholders and gaps in a letter, in order of the patterns above. */
export function placeholdersIn(normalized: string): string[] {
  const text = normalized.replace(/[ \t]+/g, " ");
  const found = new Map<string, string>();
  for (const pattern of PLACEHOLDERS) {
    for (const match of text.matchAll(pattern)) {
      const token = match[0].trim();
      if (!found.has(token.toLowerCase())) found.set(token.toLowerCase(), token);
    }
  }
  // "[NAME_1]" also matches the bare-token pattern as "NAME_1": report the longest form once.
  const tokens = [...found.values()];
  return tokens.filter((token) => !tokens.some((other) => other.length > token.length && other.includes(token)));
}

/** Whether any of the found placeholders is a typed one ("[MRN_1]"), which re-identification may have withheld. */
export const hasTypedPlaceholder = (found: readonly string[]) => found.some((token) => TYPED.test(token));
