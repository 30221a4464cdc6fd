// The hospital settings every letter depends on, checked before any letter is drafted or approved:
// CMS A-0123 wants the name of a contact person (a person, not a department), and the patient
// needs the hospital's name and a way to reach that person. The shipped defaults and the example
// values of .env.example are refused as well as empty ones: a letter naming "Dana Whitfield" of
// "Riverside General Hospital" would send the patient to nobody. One rule, used at start-up (log
// line and /healthz), when a draft is requested and when a letter is approved.

/** The settings the rule reads, as the environment gives them. */
export interface LetterSettingsInput {
  hospitalName: string;
  contactPerson: string;
  contactBlock: string;
  contactPhone?: string | undefined;
  contactEmail?: string | undefined;
}

/** One setting to fix, with the sentence that says how. */
export interface LetterSettingProblem {
  setting: "HOSPITAL_NAME" | "LETTER_CONTACT_NAME" | "LETTER_CONTACT_DETAILS";
  message: string;
}

// The example values of .env.example and the defaults of src/config/env.ts.
const EXAMPLE_VALUES = {
  hospitalName: ["riverside general hospital", "the hospital", "hospital"],
  contactPerson: ["dana whitfield", "the patient relations department"],
  contactBlock: ["you can reach dana at 555-201-4400, monday to friday, 8 am to 5 pm.", "you can reach patient relations through the hospital's main phone number."],
  contactPhone: ["555-201-4400"],
  contactEmail: ["patient.relations@riverside.example"],
} as const;

// Names of departments and teams, not people.
const DEPARTMENT_WORDS =
  /\b(?:department|dept|office|services?|team|relations|advocacy|advocates?|experience|affairs|desk|line|unit|center|centre|hospital|clinic|staff|committee|management|administration|representatives?|liaison|coordinators?|quality|risk|compliance|customer|patient|guest|member|concierge)\b/i;

const PHONE = /\+?\d[\d\s().-]{6,}\d/;
const EMAIL = /[^\s@]+@[^\s@]+\.[^\s@]+/;

const tidy = (value: string | undefined) => (value ?? "").replace(/\s+/g, " ").trim();
const isExample = (value: string, examples: readonly string[]) => examples.includes(value.toLowerCase());

/** What is wrong with the letter settings, one problem per setting; empty when letters may be drafted. */
export function letterSettingsProblems(input: LetterSettingsInput): LetterSettingProblem[] {
  const problems: LetterSettingProblem[] = [];
  const hospital = tidy(input.hospitalName);
  if (!hospital || isExample(hospital, EXAMPLE_VALUES.hospitalName)) {
    problems.push({
      setting: "HOSPITAL_NAME",
      message: hospital
        ? `Set HOSPITAL_NAME to the hospital's name as patients know it (it is '${hospital}', ${isExample(hospital, ["riverside general hospital"]) ? "the example value from .env.example" : "the default"}).`
        : "Set HOSPITAL_NAME to the hospital's name as patients know it.",
    });
  }
  const person = tidy(input.contactPerson);
  if (!person) {
    problems.push({ setting: "LETTER_CONTACT_NAME", message: "Set LETTER_CONTACT_NAME to the person patients should contact (a name, e.g. 'Maria Lopez'): CMS asks every response letter to name one." });
  } else if (isExample(person, ["dana whitfield"])) {
    problems.push({ setting: "LETTER_CONTACT_NAME", message: `Set LETTER_CONTACT_NAME to the person patients should contact (it is '${person}', the example value from .env.example).` });
  } else if (DEPARTMENT_WORDS.test(person) || !/\p{L}+\s+\p{L}+/u.test(person.replace(/^(?:dr|mr|mrs|ms|mx)\.?\s+/i, ""))) {
    problems.push({
      setting: "LETTER_CONTACT_NAME",
      message: DEPARTMENT_WORDS.test(person)
        ? `Set LETTER_CONTACT_NAME to the person patients should contact (it is '${person}', a department): CMS asks the letter to name a contact person, first and last name.`
        : `Set LETTER_CONTACT_NAME to the contact person's first and last name (it is '${person}').`,
    });
  }
  const block = tidy(input.contactBlock);
  const phone = tidy(input.contactPhone);
  const email = tidy(input.contactEmail);
  const realPhone = phone && !isExample(phone, EXAMPLE_VALUES.contactPhone) ? phone : "";
  const realEmail = email && !isExample(email, EXAMPLE_VALUES.contactEmail) ? email : "";
  const blockIsExample = isExample(block, EXAMPLE_VALUES.contactBlock);
  const blockReaches = !blockIsExample && (PHONE.test(block) || EMAIL.test(block)) && !EXAMPLE_VALUES.contactPhone.some((example) => block.includes(example));
  if (!realPhone && !realEmail && !blockReaches) {
    const examples = [phone && !realPhone ? `LETTER_CONTACT_PHONE '${phone}'` : "", email && !realEmail ? `LETTER_CONTACT_EMAIL '${email}'` : "", blockIsExample ? "LETTER_CONTACT_DETAILS" : ""].filter(Boolean);
    problems.push({
      setting: "LETTER_CONTACT_DETAILS",
      message: `Give the contact person's phone number or email: set LETTER_CONTACT_PHONE or LETTER_CONTACT_EMAIL, or put them in LETTER_CONTACT_DETAILS${examples.length > 0 ? ` (${examples.join(", ")} ${examples.length === 1 ? "is" : "are"} the example from .env.example)` : ""}.`,
    });
  }
  return problems;
}

/** The refusal a person sees while the settings are not ready (null when they are). */
export function letterSettingsRefusal(input: LetterSettingsInput): string | null {
  const problems = letterSettingsProblems(input);
  if (problems.length === 0) return null;
  return `Letters cannot be drafted or approved until the hospital's letter settings are complete. An admin must: ${problems.map((problem) => problem.message).join(" ")} Then restart the app.`;
}
