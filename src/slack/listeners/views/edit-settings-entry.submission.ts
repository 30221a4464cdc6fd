import type { App, ViewSubmitAction } from "@slack/bolt";
import { z } from "zod";
import type { SlackDeps } from "../../slack-deps.ts";
import { entrySavedMessage } from "../../blocks/settings-entries.ts";
import { formField, readFormState } from "../../forms/view-state.ts";
import { ACTION_FIELDS, VIEWS } from "../../ids.ts";
import { settingsFileOf } from "../commands/case-admin-entries.ts";
import { answerError } from "../error-net.ts";
import { tellPrivately } from "../respond.ts";

const FormRef = z.object({ f: z.enum(["guidance", "resources"]), id: z.string().max(100).optional(), s: z.string().max(64).optional() });

function formRef(metadata: string | undefined) {
  try {
    const parsed = FormRef.safeParse(JSON.parse(metadata ?? ""));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Saves one edited or added guidance card or community resource only when it is valid; otherwise the form shows what to fix. */
export function registerEditSettingsEntrySubmission(app: App, deps: SlackDeps): void {
  app.view<ViewSubmitAction>(VIEWS.editSettingsEntry, async ({ ack, body, view, client }) => {
    const field = ACTION_FIELDS.entryText;
    const ref = formRef(view.private_metadata);
    if (!ref) return void (await ack({ response_action: "errors", errors: { [field]: "This form is out of date; close it and run the command again." } }));
    const text = formField(readFormState(view.state.values), field)?.value ?? "";
    try {
      const result = await settingsFileOf(deps, ref.f).saveEntry(body.user.id, { target: ref.id ?? null, stamp: ref.s, text });
      if (!result.ok) {
        const shown = result.errors.slice(0, 6).join(" • ");
        const more = result.errors.length > 6 ? ` (and ${result.errors.length - 6} more)` : "";
        await ack({ response_action: "errors", errors: { [field]: `Not saved; what is in force is unchanged. ${shown}${more}`.slice(0, 1900) } });
        return;
      }
      await ack();
      const { entry, version } = result.value;
      deps.logger.info({ user: body.user.id, file: ref.f, entry: entry.id, version }, "settings entry saved");
      await tellPrivately(client, body.user.id, undefined, entrySavedMessage(ref.f, { id: entry.id, action: ref.id ? "edited" : "added", version, was: ref.id }));
    } catch (error) {
      await answerError({ kind: "form", ack, block: field }, error, deps.logger, { action: `edit_${ref.f}_entry` });
    }
  });
}
