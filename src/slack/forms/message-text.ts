// A message's `text` arrives in Slack's wire format: mentions, channels and links are <…> tokens
// and &, <, > are entities. The intake form must show what the person saw, so a nurse filing a
// case from a message reads "@Dana" and "#ward-4", not "<@U0123|Dana>". Offline on purpose: no
// users.info look-ups (the form opens within the 3-second trigger window, and the name does not matter).

const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">" };

/** Decodes Slack's three entities in one pass, so "&amp;lt;" stays the literal text "&lt;". */
function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt);/g, (entity) => ENTITIES[entity] ?? entity);
}

/** What the reader saw for one <…> token; `label` is the part after "|", if any. */
function shown(target: string, label: string | undefined): string {
  switch (target[0]) {
    case "@":
      return `@${label?.replace(/^@/, "") || "someone"}`;
    case "#":
      return `#${label?.replace(/^#/, "") || "channel"}`;
    case "!": {
      // Special mentions (<!here>, <!channel>, <!everyone>); groups and dates carry their own label.
      if (label) return label;
      const name = target.slice(1).split("^")[0] ?? "";
      return /^(here|channel|everyone)$/.test(name) ? `@${name}` : "";
    }
    default:
      return label || target;
  }
}

/** Turns a message's wire-format text into the plain text its reader saw. */
export function slackMessageToPlainText(text: string): string {
  const replaced = text.replace(/<([^<>|]*)(?:\|([^<>]*))?>/g, (_token, target: string, label: string | undefined) => shown(target, label));
  return decodeEntities(replaced);
}
