import { describe, expect, it } from "vitest";
import { parseEnv } from "../../../src/config/env.ts";
import { letterSettingsProblems, letterSettingsRefusal } from "../../../src/letters/letter-settings.ts";

const READY = { hospitalName: "Lakeside Community Hospital", contactPerson: "Jordan Ellis", contactBlock: "You can reach Jordan at 555-310-2200, weekdays 8 am to 5 pm.", contactPhone: undefined, contactEmail: undefined };
const settingsOf = (source: Record<string, string>) => {
  const env = parseEnv({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "0123456789abcdef", CASE_CHANNEL_ID: "C0123ABCD", TZ: "America/Chicago", ...source });
  return { hospitalName: env.HOSPITAL_NAME, contactPerson: env.LETTER_CONTACT_NAME, contactBlock: env.LETTER_CONTACT_DETAILS, contactPhone: env.LETTER_CONTACT_PHONE, contactEmail: env.LETTER_CONTACT_EMAIL };
};
const settingsIn = (input: Parameters<typeof letterSettingsProblems>[0]) => letterSettingsProblems(input).map((problem) => problem.setting);

describe("letterSettingsProblems", () => {
  it("accepts a named person, a hospital name and a phone or an email", () => {
    expect(letterSettingsProblems(READY)).toEqual([]);
    expect(letterSettingsProblems({ ...READY, contactPerson: "Dr. Amara Okafor", contactBlock: "Write to Amara.", contactEmail: "amara.okafor@lakeside.org" })).toEqual([]);
    expect(letterSettingsProblems({ ...READY, contactBlock: "Call Jordan.", contactPhone: "555 310 2200" })).toEqual([]);
    expect(letterSettingsRefusal(READY)).toBeNull();
  });

  it("refuses the shipped defaults, naming every setting to fix", () => {
    const defaults = settingsOf({});
    expect(settingsIn(defaults)).toEqual(["HOSPITAL_NAME", "LETTER_CONTACT_NAME", "LETTER_CONTACT_DETAILS"]);
    expect(letterSettingsProblems(defaults)[1]!.message).toBe(
      "Set LETTER_CONTACT_NAME to the person patients should contact (it is 'the Patient Relations Department', a department): CMS asks the letter to name a contact person, first and last name.",
    );
  });

  it("refuses the example values of .env.example", () => {
    const example = settingsOf({
      HOSPITAL_NAME: "Riverside General Hospital",
      LETTER_CONTACT_NAME: "Dana Whitfield",
      LETTER_CONTACT_DETAILS: "You can reach Dana at 555-201-4400, Monday to Friday, 8 am to 5 pm.",
      LETTER_CONTACT_PHONE: "555-201-4400",
      LETTER_CONTACT_EMAIL: "patient.relations@riverside.example",
    });
    const problems = letterSettingsProblems(example);
    expect(problems.map((problem) => problem.setting)).toEqual(["HOSPITAL_NAME", "LETTER_CONTACT_NAME", "LETTER_CONTACT_DETAILS"]);
    expect(problems[1]!.message).toBe("Set LETTER_CONTACT_NAME to the person patients should contact (it is 'Dana Whitfield', the example value from .env.example).");
    expect(problems[2]!.message).toContain("LETTER_CONTACT_PHONE '555-201-4400', LETTER_CONTACT_EMAIL 'patient.relations@riverside.example', LETTER_CONTACT_DETAILS are the example");
  });

  it.each(["Patient Relations", "Patient Relations Department", "Guest Services", "Patient Advocacy", "Patient Experience Office", "The Patient Advocate"])("refuses the department name %s", (name) => {
    const [problem] = letterSettingsProblems({ ...READY, contactPerson: name });
    expect(problem).toEqual({ setting: "LETTER_CONTACT_NAME", message: expect.stringContaining(`(it is '${name}', a department)`) });
  });

  it("refuses a single name, an empty name and contact details with no phone or email", () => {
    expect(letterSettingsProblems({ ...READY, contactPerson: "Jordan" })[0]!.message).toBe("Set LETTER_CONTACT_NAME to the contact person's first and last name (it is 'Jordan').");
    expect(settingsIn({ ...READY, contactPerson: "  " })).toEqual(["LETTER_CONTACT_NAME"]);
    expect(settingsIn({ ...READY, contactBlock: "Please ask for Jordan at the front desk." })).toEqual(["LETTER_CONTACT_DETAILS"]);
    expect(settingsIn({ ...READY, hospitalName: "" })).toEqual(["HOSPITAL_NAME"]);
  });

  it("says what to do in one refusal", () => {
    expect(letterSettingsRefusal({ ...READY, contactPerson: "Patient Relations" })).toBe(
      "Letters cannot be drafted or approved until the hospital's letter settings are complete. An admin must: Set LETTER_CONTACT_NAME to the person patients should contact (it is 'Patient Relations', a department): CMS asks the letter to name a contact person, first and last name. Then restart the app.",
    );
  });
});
