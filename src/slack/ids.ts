// Every Slack identifier the app registers, in one place. manifest.yml declares the same
// commands and shortcuts; test/unit/slack/manifest.test.ts keeps the two in step.

export const COMMANDS = {
  case: "/case",
} as const;

export const SHORTCUTS = {
  createCaseFromMessage: "create_case_from_message",
} as const;

export const VIEWS = {
  caseIntake: "case_intake",
} as const;

/** block_id and action_id of each intake field; the same string serves both. */
export const INTAKE_FIELDS = {
  patientName: "patient_name",
  raisedBy: "raised_by",
  raiserName: "raiser_name",
  contact: "contact",
  preferredLanguage: "preferred_language",
  department: "department",
  category: "category",
  severity: "severity",
  receivedVia: "received_via",
  receivedAt: "received_at",
  description: "description",
  desiredOutcome: "desired_outcome",
  flags: "flags",
} as const;

/** Interactive elements that post back to the app (none on the card yet; intake fields need no handler). */
export const ACTIONS = {} as const;
