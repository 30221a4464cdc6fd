import type { OutboxHandlers } from "../outbox/outbox-handlers.ts";

/** Work the letter service queues after commit: produce a draft version, show the letter in its thread. */
export const LETTER_OUTBOX = { draft: "letter_draft", message: "letter_message" } as const;

/** The letter service's side of its queued work. */
export interface LetterOutboxPort {
  produceDraft(letterId: string, version: number, instruction?: string): Promise<void>;
  showLetter(letterId: string): Promise<void>;
}

export function letterOutboxHandlers(letters: LetterOutboxPort): OutboxHandlers {
  return {
    [LETTER_OUTBOX.draft]: async ({ letterId, version, instruction }) => {
      if (letterId) await letters.produceDraft(letterId, Number(version ?? 1), instruction);
    },
    [LETTER_OUTBOX.message]: async ({ letterId }) => {
      if (letterId) await letters.showLetter(letterId);
    },
  };
}
