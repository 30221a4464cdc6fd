import type { KnownBlock } from "@slack/types";
import type { CaseMessage } from "./case-card.ts";
import { escapeText, truncate } from "./escape.ts";

// Slack's limits on what one section or message holds, and helpers that keep to them by measuring
// text as Slack receives it (escaped: "&" becomes "&amp;", so a name can grow fivefold), never by
// counting lines or items.

/** A text object's limit (https://docs.slack.dev/reference/block-kit/composition-objects/text-object). */
export const TEXT_MAX = 3000;

/** Blocks in one message (https://docs.slack.dev/reference/block-kit/blocks). */
export const MESSAGE_BLOCKS_MAX = 50;

/**
 * The text one message's blocks may hold in all. Undocumented: Slack answers msg_blocks_too_long
 * near 12,000 characters, earlier when blocks without text sit among them (slackapi/bolt-js#2509,
 * #2867), so we stay 1,000 below.
 */
export const MESSAGE_TEXT_BUDGET = 11_000;

/** The marker left where text was cut. */
export const SHORTENED = "… (shortened)";

/** Every `text` string in blocks, added up: what Slack measures for msg_blocks_too_long. */
export function blocksTextLength(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + blocksTextLength(item), 0);
  if (typeof value !== "object" || value === null) return 0;
  return Object.entries(value).reduce((sum, [key, item]) => sum + (key === "text" && typeof item === "string" ? item.length : blocksTextLength(item)), 0);
}

/** Escaped text cut to at most `max`, marked, and never inside an entity ("&am" would show as is). */
export function cutEscaped(escaped: string, max: number, marker = SHORTENED): string {
  if (escaped.length <= max) return escaped;
  const kept = truncate(escaped, max - marker.length + 1).slice(0, -1);
  return `${kept.replace(/&[a-z]*$/, "")}${marker}`;
}

/** User text escaped for mrkdwn and kept within `max` as escaped (escaping first, then measuring). */
export function escapeWithin(text: string, max: number, marker = SHORTENED): string {
  return cutEscaped(escapeText(text), max, marker);
}

/** Whole lines joined into as few texts as possible, each at most `max`; a longer line is cut. */
export function packLines(lines: readonly string[], max = TEXT_MAX): string[] {
  const chunks: string[] = [];
  let current: string | null = null;
  for (const line of lines) {
    const piece = cutEscaped(line, max);
    if (current !== null && current.length + 1 + piece.length <= max) current = `${current}\n${piece}`;
    else {
      if (current !== null) chunks.push(current);
      current = piece;
    }
  }
  if (current !== null) chunks.push(current);
  return chunks;
}

const mrkdwnSection = (text: string): KnownBlock => ({ type: "section", text: { type: "mrkdwn", text } });

/**
 * Blocks Slack caps per message by type: two charts (https://docs.slack.dev/reference/block-kit/blocks/data-visualization-block),
 * one table (https://docs.slack.dev/reference/block-kit/blocks/table-block); one data table too, the
 * stricter reading of https://docs.slack.dev/reference/block-kit/blocks/data-table-block, one version
 * of which caps the characters of all a message's tables together.
 */
export const PER_MESSAGE_BLOCKS: Readonly<Record<string, number>> = { data_visualization: 2, table: 1, data_table: 1 };

const typeCounts = (blocks: readonly KnownBlock[]) => {
  const counts = new Map<string, number>();
  for (const { type } of blocks) counts.set(type, (counts.get(type) ?? 0) + 1);
  return counts;
};

/** Lines of a list and the line that heads them; `continued` heads them again in a later message. */
export interface LineGroup {
  heading: string;
  continued: string;
  lines: readonly string[];
}

/**
 * Fills messages with blocks and lists of lines, starting a new message before one would pass 50
 * blocks or the total text Slack accepts, so a long digest becomes several valid messages and a
 * list cut between two of them names its group again.
 */
export function messagePacker(limits = { blocks: MESSAGE_BLOCKS_MAX, text: MESSAGE_TEXT_BUDGET }) {
  const parts: KnownBlock[][] = [];
  let blocks: KnownBlock[] = [];
  let used = 0;
  const fits = (size: number) => blocks.length < limits.blocks && used + size <= limits.text;
  /** Whether `group` fits the current message whole: blocks, text and the per-type caps. */
  const groupFits = (group: readonly KnownBlock[]) => {
    if (blocks.length + group.length > limits.blocks || used + blocksTextLength(group) > limits.text) return false;
    const have = typeCounts(blocks);
    return [...typeCounts(group)].every(([type, count]) => (have.get(type) ?? 0) + count <= (PER_MESSAGE_BLOCKS[type] ?? Number.POSITIVE_INFINITY));
  };
  const push = (block: KnownBlock) => {
    blocks.push(block);
    used += blocksTextLength(block);
  };
  const next = () => {
    if (blocks.length > 0) parts.push(blocks);
    blocks = [];
    used = 0;
  };
  return {
    add(block: KnownBlock): void {
      if (!groupFits([block])) next();
      push(block);
    },
    /** Blocks kept in one message (a chart and its words, a caption and its table), in a new message if they do not fit this one. */
    addGroup(group: readonly KnownBlock[]): void {
      if (!groupFits(group)) next();
      for (const block of group) push(block);
    },
    addLines({ heading, continued, lines }: LineGroup): void {
      const max = Math.min(TEXT_MAX, limits.text);
      // Room for either heading before a line, so a line with its heading always fits an empty message.
      const room = max - Math.max(heading.length, continued.length) - 1;
      let section = heading;
      let hasLines = false;
      for (const line of lines) {
        const piece = cutEscaped(line, room);
        const longer = `${section}\n${piece}`;
        if (longer.length <= max && fits(longer.length)) {
          section = longer;
          hasLines = true;
          continue;
        }
        if (hasLines) push(mrkdwnSection(section));
        const sameMessage = hasLines && fits(piece.length);
        if (!sameMessage) next();
        // A new message names the group again; a heading with no line under it is never left behind.
        section = sameMessage ? piece : `${hasLines ? continued : heading}\n${piece}`;
        hasLines = true;
      }
      if (!hasLines && !fits(section.length)) next();
      push(mrkdwnSection(section));
    },
    /** The messages; each after the first says it continues, with its part number. */
    messages(text: string): CaseMessage[] {
      next();
      return parts.map((part, index) => ({ text: index === 0 ? text : `${text} (continued, part ${index + 1} of ${parts.length})`, blocks: part }));
    },
  };
}
