import type { App } from "@slack/bolt";
import type { SlackDeps } from "../slack-deps.ts";
import { registerAssignToMe } from "./actions/assign-to-me.action.ts";
import { registerCaseButtons } from "./actions/case-buttons.action.ts";
import { registerCaseMore } from "./actions/case-more.action.ts";
import { registerEditRules } from "./actions/edit-rules.action.ts";
import { registerGuidanceActions } from "./actions/guidance.action.ts";
import { registerLetterButtons } from "./actions/letter-buttons.action.ts";
import { registerCaseCommand } from "./commands/case.command.ts";
import { registerAppHome } from "./events/app-home-opened.event.ts";
import { registerCreateCaseFromMessage } from "./shortcuts/create-case-from-message.shortcut.ts";
import { registerCaseActionSubmissions } from "./views/case-action.submissions.ts";
import { registerCaseIntakeSubmission } from "./views/case-intake.submission.ts";
import { registerEditRulesSubmission } from "./views/edit-rules.submission.ts";
import { registerLetterSubmissions } from "./views/letter.submissions.ts";
import { registerRecordResourcesSubmission } from "./views/record-resources.submission.ts";
import { registerSurveyActions } from "./actions/survey.action.ts";
import { registerPurgeAudit } from "./actions/purge-audit.action.ts";
import { registerRemoveSettingsEntry } from "./actions/remove-settings-entry.action.ts";
import { registerEditSettingsEntrySubmission } from "./views/edit-settings-entry.submission.ts";
import { registerSurveyImportSubmission } from "./views/survey-import.submission.ts";

/** Wires every listener onto the Bolt app. */
export function registerListeners(app: App, deps: SlackDeps): void {
  registerCaseCommand(app, deps);
  registerCreateCaseFromMessage(app, deps);
  registerCaseIntakeSubmission(app, deps);
  registerAssignToMe(app, deps);
  registerCaseButtons(app, deps);
  registerCaseMore(app, deps);
  registerCaseActionSubmissions(app, deps);
  registerEditRules(app, deps);
  registerEditRulesSubmission(app, deps);
  registerAppHome(app, deps);
  registerLetterButtons(app, deps);
  registerLetterSubmissions(app, deps);
  registerGuidanceActions(app, deps);
  registerRecordResourcesSubmission(app, deps);
  registerSurveyImportSubmission(app, deps);
  registerSurveyActions(app, deps);
  registerPurgeAudit(app, deps);
  registerEditSettingsEntrySubmission(app, deps);
  registerRemoveSettingsEntry(app, deps);
}
