import pino, { type Logger } from "pino";

// Patient data must never reach logs. Code logs ids and codes only; these paths are a second line
// of defence should a whole object be logged by mistake.
const PATIENT_FIELDS = [
  "patientName",
  "raiserName",
  "contact",
  "phone",
  "email",
  "description",
  "desiredOutcome",
  "text",
  "preferredLanguage",
  "mailingAddress",
];

/** The process logger: JSON lines, patient fields redacted at any depth we log. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const paths = PATIENT_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]);
  return pino({ level, redact: { paths, censor: "[redacted]" }, base: undefined }, destination);
}

export type { Logger };
