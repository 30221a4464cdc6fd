// A case number links to its card wherever it is named (lists, App Home, digests, direct messages),
// so nobody has to search the channel for it. The link is built the way Slack builds permalinks,
// which costs no chat.getPermalink call per line.

/** Where a case's card was posted; both null until the card is in the channel. */
export interface CardLocation {
  cardChannelId: string | null;
  cardMessageTs: string | null;
}

// Ids and timestamps come from Slack, but a stray "|" or ">" would break the link markup.
const CHANNEL_ID = /^[CGD][A-Z0-9]+$/;
const MESSAGE_TS = /^\d+\.\d+$/;

/** The card's permalink, `<workspaceUrl>archives/<channel>/p<ts without the dot>`; null while the card is not posted. */
export function cardPermalink(workspaceUrl: string, card: CardLocation): string | null {
  if (!card.cardChannelId || !card.cardMessageTs) return null;
  if (!CHANNEL_ID.test(card.cardChannelId) || !MESSAGE_TS.test(card.cardMessageTs)) return null;
  const base = workspaceUrl.replace(/\/+$/, "");
  return `${base}/archives/${card.cardChannelId}/p${card.cardMessageTs.replace(".", "")}`;
}

/** The case number as mrkdwn: `<permalink|PR-2026-0001>`, or bold when there is no card to link to. */
export function caseLink(caseNumber: string, permalink: string | null): string {
  return permalink ? `<${permalink}|${caseNumber}>` : `*${caseNumber}*`;
}

/** The case number linked to its card, given where the card is. */
export function linkedCaseNumber(caseNumber: string, card: CardLocation, workspaceUrl: string): string {
  return caseLink(caseNumber, cardPermalink(workspaceUrl, card));
}
