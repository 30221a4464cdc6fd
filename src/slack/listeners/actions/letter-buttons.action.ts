import type { App, BlockButtonAction } from "@slack/bolt";
import type { ModalView } from "@slack/types";
import type { AppDeps } from "../../../app.ts";
import { letterPdf } from "../../../letters/letter-pdf.ts";
import type { LetterView } from "../../../letters/letter.service.ts";
import { approveModal, editModal, regenerateModal, rejectModal } from "../../blocks/letter.ts";
import { decodeLetterRef } from "../../forms/letter-ref.ts";
import { ACTIONS } from "../../ids.ts";
import { notice, tellPrivately, userMessageFor } from "../respond.ts";

/** Review buttons on a letter in the case thread. */
export function registerLetterButtons(app: App, deps: AppDeps): void {
  const forms: Record<string, (view: LetterView) => ModalView> = {
    [ACTIONS.letterApprove]: approveModal,
    [ACTIONS.letterEdit]: editModal,
    [ACTIONS.letterRegenerate]: regenerateModal,
    [ACTIONS.letterReject]: rejectModal,
  };
  for (const [actionId, build] of Object.entries(forms)) {
    app.action<BlockButtonAction>(actionId, async ({ ack, action, body, client }) => {
      await ack();
      const ref = decodeLetterRef(action.value);
      if (!ref) return;
      try {
        const view = await deps.letters.view(ref.letterId);
        await deps.caseActions.ensureAllowed(actionId === ACTIONS.letterApprove || actionId === ACTIONS.letterReject ? "approve_letter" : "draft_letter", view.summary.id, body.user.id);
        if (view.version?.number !== ref.version || view.letter.status !== "draft") {
          await tellPrivately(client, body.user.id, body.channel?.id, notice("This letter has changed since that message was shown; use the buttons on its latest version."));
          return;
        }
        await client.views.open({ trigger_id: body.trigger_id, view: build(view) });
      } catch (error) {
        await tellPrivately(client, body.user.id, body.channel?.id, notice(userMessageFor(error, deps.logger, { letterId: ref.letterId, action: actionId })));
      }
    });
  }

  app.action<BlockButtonAction>(ACTIONS.letterSent, async ({ ack, action, body, client }) => {
    await ack();
    const ref = decodeLetterRef(action.value);
    if (!ref) return;
    try {
      await deps.letters.markSent(ref.letterId, body.user.id);
      void deps.outbox.kick();
    } catch (error) {
      await tellPrivately(client, body.user.id, body.channel?.id, notice(userMessageFor(error, deps.logger, { letterId: ref.letterId, action: "sent" })));
    }
  });

  for (const [actionId, format] of [
    [ACTIONS.letterPdf, "pdf"],
    [ACTIONS.letterText, "txt"],
  ] as const) {
    app.action<BlockButtonAction>(actionId, async ({ ack, action, body, client }) => {
      await ack();
      const ref = decodeLetterRef(action.value);
      if (!ref) return;
      try {
        const { text, number, version } = await deps.letters.approvedText(ref.letterId, body.user.id);
        const view = await deps.letters.view(ref.letterId);
        const name = `${number}-letter-v${version}.${format}`;
        const content = format === "pdf" ? Buffer.from(await letterPdf(text, `${number} letter`)) : Buffer.from(text, "utf8");
        if (!view.letter.threadChannelId || !view.summary.cardMessageTs) throw new Error("letter has no thread");
        await deps.letterNotifier.upload(view.letter.threadChannelId, view.summary.cardMessageTs, name, `${number} approved letter (version ${version})`, content);
      } catch (error) {
        await tellPrivately(client, body.user.id, body.channel?.id, notice(userMessageFor(error, deps.logger, { letterId: ref.letterId, action: actionId })));
      }
    });
  }
}
