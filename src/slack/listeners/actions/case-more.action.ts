import type { AllMiddlewareArgs, App, BlockButtonAction, BlockOverflowAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { ModalView } from "@slack/types";
import { z } from "zod";
import type { SlackDeps } from "../../slack-deps.ts";
import type { CaseSummary } from "../../../cases/case.ts";
import type { CaseAction } from "../../../users/permissions.ts";
import { closeModal, confirmModal, DetailsPageSchema, detailsModal, reassignModal, reclassifyModal } from "../../blocks/case-action.modals.ts";
import { ACTIONS, MORE_OPTIONS, VIEWS } from "../../ids.ts";
import { answerError } from "../error-net.ts";
import { openCaseModal } from "./open-case-modal.ts";
import { requestDraft } from "./request-draft.ts";

const OptionSchema = z.object({ c: z.uuid(), o: z.enum(Object.values(MORE_OPTIONS) as [string, ...string[]]) });

/** The card's overflow menu: every option opens a form or a confirmation first. */
export function registerCaseMore(app: App, deps: SlackDeps): void {
  const menu: Record<string, { permission: CaseAction; build: (summary: CaseSummary) => ModalView }> = {
    [MORE_OPTIONS.reassign]: { permission: "reassign", build: reassignModal },
    [MORE_OPTIONS.close]: { permission: "close", build: closeModal },
    [MORE_OPTIONS.reclassify]: { permission: "override_classification", build: reclassifyModal },
    [MORE_OPTIONS.escalate]: {
      permission: "escalate",
      build: (summary) =>
        confirmModal(VIEWS.escalate, "Escalate case", summary, `Escalate *${summary.number}* to the managers? They are alerted now.`, "Escalate"),
    },
    [MORE_OPTIONS.reopen]: {
      permission: "reopen",
      build: (summary) => confirmModal(VIEWS.reopen, "Reopen case", summary, `Reopen *${summary.number}*? It goes back to investigating.`, "Reopen"),
    },
  };

  app.action<BlockOverflowAction>(ACTIONS.more, async ({ ack, action, body, client }) => {
    await ack();
    let parsed: z.infer<typeof OptionSchema>;
    try {
      parsed = OptionSchema.parse(JSON.parse(action.selected_option.value));
    } catch {
      return;
    }
    const request = { caseId: parsed.c, userId: body.user.id, channelId: body.channel?.id, triggerId: body.trigger_id };
    if (parsed.o === MORE_OPTIONS.draftLetter || parsed.o === MORE_OPTIONS.draftInterim) {
      // Cards posted before drafting moved to buttons still carry these options.
      await requestDraft(deps, client, { ...request, actionTs: action.action_ts }, parsed.o === MORE_OPTIONS.draftInterim ? "interim" : "response");
      return;
    }
    if (parsed.o === MORE_OPTIONS.details) {
      try {
        const details = await deps.caseActions.viewDetails(parsed.c, body.user.id);
        await client.views.open({ trigger_id: body.trigger_id, view: detailsModal(details, deps.timeZone, 0, await deps.caseHelp.helpInDetails(details, body.user.id)) });
      } catch (error) {
        await answerError({ kind: "private", client, userId: body.user.id, channelId: body.channel?.id }, error, deps.logger, { caseId: parsed.c, action: "details" });
      }
      return;
    }
    const entry = menu[parsed.o];
    if (entry) await openCaseModal(deps, client, request, entry.permission, entry.build);
  });

  // "Older notes" / "Newer notes": the same modal shows another page, read (and audited) afresh.
  const showPage = async ({ ack, action, body, client }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    await ack();
    let ref: z.infer<typeof DetailsPageSchema>;
    try {
      ref = DetailsPageSchema.parse(JSON.parse(action.value ?? ""));
    } catch {
      return;
    }
    if (!body.view?.id) return;
    try {
      const details = await deps.caseActions.viewDetails(ref.c, body.user.id);
      await client.views.update({ view_id: body.view.id, hash: body.view.hash, view: detailsModal(details, deps.timeZone, ref.p, await deps.caseHelp.helpInDetails(details, body.user.id)) });
    } catch (error) {
      await answerError({ kind: "private", client, userId: body.user.id, channelId: undefined }, error, deps.logger, { caseId: ref.c, action: "details_page" });
    }
  };
  app.action<BlockButtonAction>(ACTIONS.detailsNewer, showPage);
  app.action<BlockButtonAction>(ACTIONS.detailsOlder, showPage);
}
