import type { App, BlockButtonAction } from "@slack/bolt";
import type { ModalView } from "@slack/types";
import type { SlackDeps } from "../../slack-deps.ts";
import { errorSummary } from "../../../lib/errors.ts";
import type { LetterDownload, LetterForm, LetterView } from "../../../letters/letter-views.ts";
import type { CaseMessage } from "../../blocks/case-card.ts";
import { approveModal, editModal, letterViewModal, regenerateModal, rejectModal } from "../../blocks/letter.ts";
import { downloadFailed, downloadSending } from "../../blocks/letter-download.ts";
import { decodeLetterRef } from "../../forms/letter-ref.ts";
import { ACTIONS } from "../../ids.ts";
import { answerError } from "../error-net.ts";
import { tellPrivately } from "../respond.ts";

/** Review buttons on a letter in the case thread. */
export function registerLetterButtons(app: App, deps: SlackDeps): void {
  // Who may open each form, and on which version, is the letter service's rule (LETTER_FORMS).
  const forms: Record<string, { form: LetterForm; build: (view: LetterView) => ModalView }> = {
    [ACTIONS.letterView]: { form: "view", build: letterViewModal },
    [ACTIONS.letterApprove]: { form: "approve", build: (view) => approveModal(view, deps.timeZone) },
    [ACTIONS.letterEdit]: { form: "edit", build: editModal },
    [ACTIONS.letterRegenerate]: { form: "regenerate", build: regenerateModal },
    [ACTIONS.letterReject]: { form: "reject", build: rejectModal },
  };
  for (const [actionId, { form, build }] of Object.entries(forms)) {
    app.action<BlockButtonAction>(actionId, async ({ ack, action, body, client }) => {
      await ack();
      const ref = decodeLetterRef(action.value);
      if (!ref) return;
      try {
        const view = await deps.letters.openForm(ref.letterId, body.user.id, form, ref.version);
        await client.views.open({ trigger_id: body.trigger_id, view: build(view) });
      } catch (error) {
        await answerError({ kind: "private", client, userId: body.user.id, channelId: body.channel?.id }, error, deps.logger, { letterId: ref.letterId, action: actionId });
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
      await answerError({ kind: "private", client, userId: body.user.id, channelId: body.channel?.id }, error, deps.logger, { letterId: ref.letterId, action: "sent" });
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
      const tell = (message: CaseMessage) => tellPrivately(client, body.user.id, body.channel?.id, message);
      let download: LetterDownload;
      try {
        download = await deps.letters.download(ref.letterId, body.user.id, format);
      } catch (error) {
        await answerError({ kind: "private", client, userId: body.user.id, channelId: body.channel?.id }, error, deps.logger, { letterId: ref.letterId, action: actionId });
        return;
      }
      // Told before the file is made: the PDF and the upload take a few seconds, and the file lands in a DM they may not have open.
      await tell(downloadSending(download)).catch((error) => deps.logger.warn({ letterId: ref.letterId, error: errorSummary(error) }, "could not say where the download goes"));
      try {
        await download.send();
      } catch (error) {
        deps.logger.error({ letterId: ref.letterId, action: actionId, error: errorSummary(error) }, "letter download not delivered");
        await tell(downloadFailed(download));
      }
    });
  }
}
