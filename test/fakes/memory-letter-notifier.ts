import type { LetterNotifier, LetterView } from "../../src/letters/letter-views.ts";

/** The thread messages and private files a letter caused, as the Slack notifier would have posted them. */
export interface RecordingLetterNotifier extends LetterNotifier {
  placeholders: { letterId: string; caseNumber: string; channelId: string; ts: string }[];
  shown: LetterView[];
  uploads: { userId: string; filename: string; title: string; content: Buffer }[];
}

/** A LetterNotifier that records instead of posting; like Slack's, it needs the case card to thread under. */
export function createRecordingLetterNotifier(): RecordingLetterNotifier {
  let posts = 0;
  const notifier: RecordingLetterNotifier = {
    placeholders: [],
    shown: [],
    uploads: [],
    async postPlaceholder(summary, letter) {
      if (!summary.cardChannelId || !summary.cardMessageTs) throw new Error(`${summary.number} has no card to thread the letter under`);
      posts += 1;
      const posted = { channelId: summary.cardChannelId, ts: `1700000100.${String(posts).padStart(6, "0")}` };
      notifier.placeholders.push({ letterId: letter.id, caseNumber: summary.number, ...posted });
      return posted;
    },
    async showLetter(view) {
      notifier.shown.push(structuredClone(view));
    },
    async uploadPrivately(userId, filename, title, content) {
      notifier.uploads.push({ userId, filename, title, content });
    },
  };
  return notifier;
}
