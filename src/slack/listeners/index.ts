import type { App } from "@slack/bolt";
import type { AppDeps } from "../../app.ts";
import { registerCaseCommand } from "./commands/case.command.ts";
import { registerCreateCaseFromMessage } from "./shortcuts/create-case-from-message.shortcut.ts";
import { registerCaseIntakeSubmission } from "./views/case-intake.submission.ts";

/** Wires every listener onto the Bolt app. */
export function registerListeners(app: App, deps: AppDeps): void {
  registerCaseCommand(app, deps);
  registerCreateCaseFromMessage(app, deps);
  registerCaseIntakeSubmission(app, deps);
}
