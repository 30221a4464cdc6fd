// Letter settings a hospital would set (not the example values from .env.example, which are
// refused before any letter is drafted): shared by the in-process app and real bot processes.
export const HOSPITAL_TEST_SETTINGS = {
  HOSPITAL_NAME: "Lakeside Community Hospital",
  LETTER_CONTACT_NAME: "Jordan Ellis",
  LETTER_CONTACT_PHONE: "555-310-2200",
} as const;
