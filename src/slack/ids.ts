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
  changeStatus: "case_change_status",
  addNote: "case_add_note",
  reassign: "case_reassign",
  close: "case_close",
  details: "case_details",
  escalate: "case_escalate",
  reopen: "case_reopen",
  reclassify: "case_reclassify",
  letterApprove: "letter_approve",
  letterEdit: "letter_edit",
  letterRegenerate: "letter_regenerate",
  letterReject: "letter_reject",
  editRules: "admin_edit_rules",
  /** One guidance card or community resource, edited or added by an admin. */
  editSettingsEntry: "admin_edit_settings_entry",
  caseGuidance: "case_guidance",
  recordResources: "case_record_resources",
  editIssues: "case_edit_issues",
  surveyImport: "survey_import",
} as const;

/** block_id and action_id of each intake field; the same string serves both. */
export const INTAKE_FIELDS = {
  patientName: "patient_name",
  raisedBy: "raised_by",
  raiserName: "raiser_name",
  contact: "contact",
  mailingAddress: "mailing_address",
  preferredLanguage: "preferred_language",
  department: "department",
  category: "category",
  severity: "severity",
  receivedVia: "received_via",
  receivedAt: "received_at",
  description: "description",
  desiredOutcome: "desired_outcome",
  issues: "issues",
  flags: "flags",
  followUp: "follow_up",
} as const;

/** Questions the intake form adds only when they apply (the harm question: harm-signals.ts). */
export const INTAKE_QUESTIONS = { harmAnswer: "harm_answer" } as const;

/** Buttons and menus that post back to the app. */
export const ACTIONS = {
  assignToMe: "case_assign_me",
  fileSurveyComment: "survey_file_as_case",
  changeStatus: "case_change_status",
  addNote: "case_add_note",
  editIssues: "case_edit_issues",
  more: "case_more",
  draftLetter: "case_draft_letter",
  draftInterim: "case_draft_interim",
  editRules: "admin_edit_rules",
  letterApprove: "letter_approve",
  letterView: "letter_view",
  letterEdit: "letter_edit",
  letterRegenerate: "letter_regenerate",
  letterReject: "letter_reject",
  letterPdf: "letter_download_pdf",
  letterText: "letter_download_text",
  letterSent: "letter_mark_sent",
  /** "Newer notes" / "Older notes" in the details modal. */
  detailsNewer: "case_details_newer",
  detailsOlder: "case_details_older",
  /** The guidance and resources that fit a case, from its thread or its details. */
  openGuidance: "case_open_guidance",
  recordResources: "case_record_resources",
  /** "Purge …" under /case admin purge-audit, behind Slack's confirmation dialog. */
  purgeAudit: "admin_purge_audit",
  /** "Remove …" under /case admin guidance|resources remove <id>, behind Slack's confirmation dialog. */
  removeSettingsEntry: "admin_remove_settings_entry",
} as const;

/** Options of the card's overflow menu (draft_letter and draft_interim: cards posted before they became buttons). */
export const MORE_OPTIONS = {
  reassign: "reassign",
  escalate: "escalate",
  close: "close",
  reopen: "reopen",
  reclassify: "reclassify",
  draftLetter: "draft_letter",
  draftInterim: "draft_interim",
  details: "details",
} as const;

/** Form fields of the case-action modals (block_id and action_id alike). */
export const ACTION_FIELDS = {
  status: "status",
  noteKind: "note_kind",
  noteBody: "note_body",
  noteIssue: "note_issue",
  /** Edit issues: issue_<id> for each issue, issue_new_<n> for the empty lines to add one. */
  issuePrefix: "issue_",
  newOwner: "new_owner",
  outcome: "outcome",
  resolution: "resolution",
  withdrawnBy: "withdrawn_by",
  withdrawnAt: "withdrawn_at",
  rulesText: "rules_text",
  /** One guidance card's or community resource's YAML. */
  entryText: "entry_text",
  caseType: "case_type",
  overrideReason: "override_reason",
  /** Edit form parts are letter_part_0, letter_part_1, …: one Slack input holds 3,000 characters. */
  letterPart: "letter_part_",
  instruction: "instruction",
  instructionText: "instruction_text",
  rejectReason: "reject_reason",
  /** Approve form of a letter not in English: who reviewed the translation (a Slack user, or name and qualification). */
  translationReviewer: "translation_reviewer",
  translationReviewerText: "translation_reviewer_text",
  suggestedResources: "suggested_resources",
  otherResources: "other_resources",
} as const;

/** Events the app subscribes to (manifest: settings.event_subscriptions.bot_events). */
export const EVENTS = {
  appHomeOpened: "app_home_opened",
} as const;

/** block_id and action_id of the survey import form's file field. */
export const SURVEY_FILE_FIELD = "survey_file";
