// Slack parses &, < and > in mrkdwn and in message `text`: <!channel>, <@U123> and <https://x|label>
// are all built from them. Escaping the three makes user text inert: it can never ping a group,
// mention someone or hide a link. Bare "@channel" is neutralised too, with an invisible word joiner,
// in case a client ever turns on name linking.

const WORD_JOINER = "\u2060";

/** Makes user-supplied text safe to place in mrkdwn or a message's text. */
export function escapeText(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/@(channel|here|everyone)\b/gi, `@${WORD_JOINER}$1`);
}

/** Cuts text to at most `max` UTF-16 units (how Slack counts) without splitting an emoji or surrogate pair. */
export function truncate(value: string, max: number): string {
  if (value.length <= max) return value;
  let result = "";
  for (const character of value) {
    if (result.length + character.length > max - 1) break;
    result += character;
  }
  return `${result}…`;
}
