import type { ClockPolicy } from "../cases/clocks.ts";
import type { LetterSettings } from "../letters/letter-facts.ts";
import type { Letterhead } from "../letters/letter-pdf.ts";
import type { LetterLogo } from "../letters/letter-pdf-logo.ts";
import type { Env } from "./env.ts";

// The settings each domain's rules take, read from the parsed environment in one place.

/** The clocks' policy: time zone, acknowledgement and response days, holidays. */
export function clockPolicyFrom(env: Env): ClockPolicy {
  return {
    timeZone: env.TZ,
    acknowledgeBusinessDays: env.ACK_BUSINESS_DAYS,
    grievanceResponseDays: env.GRIEVANCE_RESPONSE_DAYS,
    complaintResponseBusinessDays: env.COMPLAINT_RESPONSE_BUSINESS_DAYS,
    holidays: new Set(env.HOLIDAYS),
  };
}

/** What every letter says about the hospital, and its limits. */
export function letterSettingsFrom(env: Env): LetterSettings {
  return {
    hospitalName: env.HOSPITAL_NAME,
    contactPerson: env.LETTER_CONTACT_NAME,
    contactBlock: env.LETTER_CONTACT_DETAILS,
    contactPhone: env.LETTER_CONTACT_PHONE,
    contactEmail: env.LETTER_CONTACT_EMAIL,
    signatory: env.LETTER_SIGNATORY,
    stateAgency: env.STATE_AGENCY_CONTACT,
    qio: env.QIO_CONTACT,
    disclosure: env.AI_DISCLOSURE,
    maxReadingGrade: env.LETTER_MAX_GRADE,
    interimResponseDays: env.INTERIM_RESPONSE_DAYS,
    timeZone: env.TZ,
  };
}

/** HOSPITAL_ADDRESS's lines: separated by "|" (a .env value is one line) or by line breaks. */
export function addressLines(address: string): string[] {
  return address
    .split(/[|\n]/)
    .map((line) => line.trim())
    .filter(Boolean);
}

/** The frame every printed letter has: letterhead, contact person and signatory (the logo is read at start-up). */
export function letterheadFrom(env: Env, logo: LetterLogo | null): Letterhead {
  return {
    hospitalName: env.HOSPITAL_NAME,
    addressLines: addressLines(env.HOSPITAL_ADDRESS),
    logo,
    contact: { name: env.LETTER_CONTACT_NAME, title: env.LETTER_CONTACT_TITLE, phone: env.LETTER_CONTACT_PHONE, email: env.LETTER_CONTACT_EMAIL },
    signatory: { name: env.LETTER_SIGNATORY, title: env.LETTER_SIGNATORY_TITLE },
    timeZone: env.TZ,
  };
}
