import type { App, BlockButtonAction } from "@slack/bolt";
import type { ModalView } from "@slack/types";
import type { SlackDeps } from "../../slack-deps.ts";
import { errorSummary } from "../../../lib/errors.ts";
import { letterPdf } from "../../../letters/letter-pdf.ts";
import type { LetterView } from "../../../letters/letter.service.ts";
import type { CaseAction } from "../../../users/permissions.ts";
import type { CaseMessage } from "../../blocks/case-card.ts";
import { approveModal, editModal, letterViewModal, regenerateModal, rejectModal } from "../../blocks/letter.ts";
import { downloadFailed, downloadSending } from "../../blocks/letter-download.ts";
import { decodeLetterRef } from "../../forms/letter-ref.ts";
import { ACTIONS } from "../../ids.ts";
import { notice, tellPrivately, userMessageFor } from "../respond.ts";

/** Review buttons on a letter in the case thread. */
export function registerLetterButtons(app: App, deps: SlackDeps): void {
  // Forms that show the letter text go through the audited private view.
  const forms: Record<string, { build: (view: LetterView) => ModalView; permission: CaseAction; showsText: boolean; anyStatus?: boolean }> = {
    [ACTIONS.letterView]: { build: letterViewModal, permission: "view_details", showsText: true, anyStatus: true },
    [ACTIONS.letterApprove]: { build: approveModal, permission: "approve_letter", showsText: true },
    [ACTIONS.letterEdit]: { build: editModal, permission: "draft_letter", showsText: true },
    [ACTIONS.letterRegenerate]: { build: regenerateModal, permission: "draft_letter", showsText: false },
    [ACTIONS.letterReject]: { build: rejectModal, permission: "approve_letter", showsText: false },
  };
  for (const [actionId, form] of Object.entries(forms)) {
    app.action<BlockButtonAction>(actionId, async ({ ack, action, body, client }) => {
      await ack();
      const ref = decodeLetterRef(action.value);
      if (!ref) return;
      try {
        const view = form.showsText ? await deps.letters.viewPrivately(ref.letterId, body.user.id, form.permission) : await deps.letters.view(ref.letterId);
        if (!form.showsText) await deps.caseActions.ensureAllowed(form.permission, view.summary.id, body.user.id);
        if (!form.anyStatus && (view.version?.number !== ref.version || view.letter.status !== "draft")) {
          await tellPrivately(client, body.user.id, body.channel?.id, notice("This letter has changed since that message was shown; use the buttons on its latest version."));
          return;
        }
        await client.views.open({ trigger_id: body.trigger_id, view: form.build(view) });
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
      const tell = (message: CaseMessage) => tellPrivately(client, body.user.id, body.channel?.id, message);
      let approved: { text: string; number: string; version: number };
      try {
        approved = await deps.letters.approvedText(ref.letterId, body.user.id);
      } catch (error) {
        await tell(notice(userMessageFor(error, deps.logger, { letterId: ref.letterId, action: actionId })));
        return;
      }
      const { text, number, version } = approved;
      const download = { format, caseNumber: number, version };
      // Told before the file is made: the PDF and the upload take a few seconds, and the file lands in a DM they may not have open.
      await tell(downloadSending(download)).catch((error) => deps.logger.warn({ letterId: ref.letterId, error: errorSummary(error) }, "could not say where the download goes"));
      try {
        const name = `${number}-letter-v${version}.${format}`;
        const content = format === "pdf" ? Buffer.from(await letterPdf(text, `${number} letter`)) : Buffer.from(text, "utf8");
        // To the requester only (a direct message), never to the channel: the letter names the patient.
        await deps.letterNotifier.uploadPrivately(body.user.id, name, `${number} approved letter (version ${version})`, content);
      } catch (error) {
        deps.logger.error({ letterId: ref.letterId, action: actionId, error: errorSummary(error) }, "letter download not delivered");
        await tell(downloadFailed(download));
      }
    });
  }
}
