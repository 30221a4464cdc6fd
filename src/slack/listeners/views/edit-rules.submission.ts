import type { App, ViewSubmitAction } from "@slack/bolt";
import type { SlackDeps } from "../../slack-deps.ts";
import { formField, readFormState } from "../../forms/view-state.ts";
import { ACTION_FIELDS, VIEWS } from "../../ids.ts";
import { answerError } from "../error-net.ts";
import { notice, tellPrivately } from "../respond.ts";

/** Saves edited routing rules only when they are valid; otherwise the form shows what to fix. */
export function registerEditRulesSubmission(app: App, deps: SlackDeps): void {
  app.view<ViewSubmitAction>(VIEWS.editRules, async ({ ack, body, view, client }) => {
    const text = formField(readFormState(view.state.values), ACTION_FIELDS.rulesText)?.value ?? "";
    try {
      const result = await deps.admin.replaceRules(body.user.id, text);
      if (!result.ok) {
        const shown = result.errors.slice(0, 6).join(" • ");
        const more = result.errors.length > 6 ? ` (and ${result.errors.length - 6} more)` : "";
        await ack({ response_action: "errors", errors: { [ACTION_FIELDS.rulesText]: `Not saved; the rules in force are unchanged. ${shown}${more}`.slice(0, 1900) } });
        return;
      }
      await ack();
      deps.logger.info({ user: body.user.id, rules: result.ruleSet.rules.length }, "routing rules changed");
      await tellPrivately(client, body.user.id, undefined, notice(`Saved ${result.ruleSet.rules.length} routing rules; they apply to cases filed from now on.`, ":white_check_mark:"));
    } catch (error) {
      await answerError({ kind: "form", ack, block: ACTION_FIELDS.rulesText }, error, deps.logger, { action: "edit_rules" });
    }
  });
}
