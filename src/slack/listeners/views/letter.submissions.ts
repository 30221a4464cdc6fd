import type { App, ViewSubmitAction } from "@slack/bolt";
import type { SlackDeps } from "../../slack-deps.ts";
import { AppError, ErrorCode } from "../../../lib/errors.ts";
import { REGENERATE_INSTRUCTIONS } from "../../blocks/letter.ts";
import { decodeLetterRef } from "../../forms/letter-ref.ts";
import { chosen, type FormState as Values, readFormState } from "../../forms/view-state.ts";
import { ACTION_FIELDS as F, VIEWS } from "../../ids.ts";
import { answerError, submissionSurface } from "../error-net.ts";

const INSTRUCTIONS = Object.keys(REGENERATE_INSTRUCTIONS) as (keyof typeof REGENERATE_INSTRUCTIONS)[];

/** Letter review forms: approve, edit, regenerate, reject. Errors stay in the form. */
export function registerLetterSubmissions(app: App, deps: SlackDeps): void {
  const handlers: { callbackId: string; errorBlock: (values: Values) => string; run(letterId: string, version: number, userId: string, values: Values): Promise<void> }[] = [
    {
      callbackId: VIEWS.letterApprove,
      errorBlock: (values) => (values[F.translationReviewer] ? F.translationReviewer : values[F.overrideReason] ? F.overrideReason : ""),
      run: (letterId, version, userId, values) =>
        deps.letters.approve(letterId, userId, version, values[F.overrideReason]?.[F.overrideReason]?.value ?? undefined, {
          userId: values[F.translationReviewer]?.[F.translationReviewer]?.selected_user ?? undefined,
          reviewer: values[F.translationReviewerText]?.[F.translationReviewerText]?.value ?? undefined,
        }),
    },
    {
      callbackId: VIEWS.letterEdit,
      errorBlock: () => `${F.letterPart}0`,
      run: (letterId, version, userId, values) => {
        const parts = Object.keys(values)
          .filter((key) => key.startsWith(F.letterPart))
          .sort((a, b) => Number(a.slice(F.letterPart.length)) - Number(b.slice(F.letterPart.length)))
          .map((key) => values[key]?.[key]?.value?.trim() ?? "")
          .filter(Boolean);
        return deps.letters.edit(letterId, userId, version, parts.join("\n\n"));
      },
    },
    {
      callbackId: VIEWS.letterRegenerate,
      errorBlock: () => F.instructionText,
      run: (letterId, version, userId, values) => {
        const choice = chosen(values, F.instruction, INSTRUCTIONS) ?? "warmer";
        const extra = values[F.instructionText]?.[F.instructionText]?.value?.trim() ?? "";
        const base = REGENERATE_INSTRUCTIONS[choice];
        if ((choice === "language" || choice === "free") && !extra) throw new AppError(ErrorCode.invalidInput, "Write the language or the instruction.");
        return deps.letters.regenerate(letterId, userId, version, extra ? `${base} ${extra}` : base);
      },
    },
    {
      callbackId: VIEWS.letterReject,
      errorBlock: () => F.rejectReason,
      run: (letterId, version, userId, values) => deps.letters.reject(letterId, userId, version, values[F.rejectReason]?.[F.rejectReason]?.value ?? ""),
    },
  ];

  for (const handler of handlers) {
    app.view<ViewSubmitAction>(handler.callbackId, async ({ ack, body, view }) => {
      const ref = decodeLetterRef(view.private_metadata);
      if (!ref) {
        await ack();
        return;
      }
      const values = readFormState(view.state.values);
      try {
        await handler.run(ref.letterId, ref.version, body.user.id, values);
        await ack();
        deps.logger.info({ letterId: ref.letterId, version: ref.version, user: body.user.id, action: handler.callbackId }, "letter updated");
        void deps.outbox.kick();
      } catch (error) {
        await answerError(submissionSurface(ack, handler.errorBlock(values)), error, deps.logger, { letterId: ref.letterId, action: handler.callbackId });
      }
    });
  }
}
