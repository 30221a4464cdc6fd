import type { App, ViewSubmitAction } from "@slack/bolt";
import { z } from "zod";
import type { SlackDeps } from "../../slack-deps.ts";
import { offersRecordedText } from "../../blocks/guidance.ts";
import { decodeCaseRef } from "../../forms/case-ref.ts";
import { ACTION_FIELDS, VIEWS } from "../../ids.ts";
import { answerError } from "../error-net.ts";
import { notice, tellPrivately } from "../respond.ts";

// Checkboxes and a multi-select send selected_options; anything else reads as nothing chosen.
const ChosenSchema = z.object({ selected_options: z.array(z.object({ value: z.string().max(50) })).max(200).nullish() });

function chosenIds(values: unknown, field: string): string[] {
  const state = (values as Record<string, Record<string, unknown>> | undefined)?.[field]?.[field];
  const parsed = ChosenSchema.safeParse(state);
  return parsed.success ? (parsed.data.selected_options ?? []).map((option) => option.value) : [];
}

/** Records the resources offered on a case; the form shows what is wrong when nothing was chosen. */
export function registerRecordResourcesSubmission(app: App, deps: SlackDeps): void {
  app.view<ViewSubmitAction>(VIEWS.recordResources, async ({ ack, body, view, client }) => {
    const caseId = decodeCaseRef(view.private_metadata);
    const hasSuggested = (view.blocks ?? []).some((block) => block.block_id === ACTION_FIELDS.suggestedResources);
    const field = hasSuggested ? ACTION_FIELDS.suggestedResources : ACTION_FIELDS.otherResources;
    if (!caseId) {
      await ack({ response_action: "errors", errors: { [field]: "This form is out of date; open it again from the case." } });
      return;
    }
    const ids = [...chosenIds(view.state.values, ACTION_FIELDS.suggestedResources), ...chosenIds(view.state.values, ACTION_FIELDS.otherResources)];
    if (ids.length === 0) {
      await ack({ response_action: "errors", errors: { [field]: "Tick at least one resource you offered, or press Cancel." } });
      return;
    }
    try {
      const names = await deps.caseHelp.recordOffered(caseId, body.user.id, ids);
      await ack();
      deps.logger.info({ user: body.user.id, caseId, resources: names.length }, "resources offered recorded");
      await tellPrivately(client, body.user.id, undefined, notice(offersRecordedText(names, deps.clock.now(), deps.timeZone), ":white_check_mark:"));
    } catch (error) {
      await answerError({ kind: "form", ack, block: field }, error, deps.logger, { caseId, action: "record_resources" });
    }
  });
}
