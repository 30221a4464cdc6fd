import { unknownLinks } from "./letter-links.ts";
import { unknownNames } from "./letter-names.ts";
import { disguisedPhonesIn, isAllowedPhone, phoneDigits, phonesIn } from "./letter-phones.ts";

// What counts as a contact in a letter (links, emails, phone numbers, names of people), and which
// of them the hospital's settings and the case allow. Each kind, with the disguises a model uses to
// slip one past the checks, lives in its own module: letter-links.ts, letter-phones.ts, letter-names.ts.

export { linksIn } from "./letter-links.ts";
export { phonesIn } from "./letter-phones.ts";

export interface ContactContext {
  contactPersonName: string;
  allowedNames: string[];
  allowedPhones: string[];
  allowedUrls: string[];
}

/** Links, emails, phone numbers and names in a letter that are not among the allowed ones, described for the checklist. */
export function unknownContacts(normalized: string, context: ContactContext): string[] {
  const found = unknownLinks(normalized, context.allowedUrls);

  const phones = phonesIn(normalized);
  for (const phone of phones) {
    if (!isAllowedPhone(phone, context.allowedPhones)) found.push(`phone “${phone}”`);
  }
  // A number in groups that a phone pattern already found ("555-201-4400") is not found twice.
  const seen = phones.map(phoneDigits);
  for (const run of disguisedPhonesIn(normalized)) {
    if (seen.some((digits) => run.digits.endsWith(digits))) continue;
    if (!isAllowedPhone(run.digits, context.allowedPhones)) found.push(`phone “${run.text}” (written in words or spaced digits)`);
  }

  found.push(...unknownNames(normalized, [...context.allowedNames, context.contactPersonName]));
  return found;
}
