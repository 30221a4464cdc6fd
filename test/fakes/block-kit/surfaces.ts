import { checkBlock } from "./blocks.ts";
import { textField } from "./composition.ts";
import type { Surface } from "./elements.ts";
import { LIMITS } from "./limits.ts";
import { allowOnly, booleanField, isRecord, type Json, type Problems, say, stringField, WORDS } from "./report.ts";
import { messageWideLimits } from "./tables.ts";

// The three surfaces and Slack's answers when a payload is refused.

export interface SlackRefusal {
  /** Slack's error code. */
  error: string;
  /** The problems, each "message [json-pointer:/path]". */
  errors?: string[];
}

/** Every `text` string inside a value (for the undocumented msg_blocks_too_long cap). */
function textLength(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + textLength(item), 0);
  if (!isRecord(value)) return 0;
  return Object.entries(value).reduce((sum, [key, item]) => sum + (key === "text" && typeof item === "string" ? item.length : textLength(item)), 0);
}

/** Elements with focus_on_load: true (https://docs.slack.dev/reference/block-kit/block-elements: "Only one element can be set to true"). */
function focused(value: unknown, pointer: string, found: string[]): string[] {
  if (Array.isArray(value)) value.forEach((item, index) => {
    focused(item, `${pointer}/${index}`, found);
  });
  else if (isRecord(value)) {
    if (value.focus_on_load === true) found.push(`${pointer}/focus_on_load`);
    for (const [key, item] of Object.entries(value)) focused(item, `${pointer}/${key}`, found);
  }
  return found;
}

/** The problems with a block array on a surface, each "message [json-pointer:/blocks/…]". */
export function blockErrors(surface: Surface, blocks: unknown, pointerBase = "/blocks"): string[] {
  const out: Problems = [];
  if (!Array.isArray(blocks)) {
    say(out, "must provide an array", pointerBase);
    return out;
  }
  if (blocks.length > LIMITS.blocks[surface]) say(out, WORDS.tooManyBlocks(LIMITS.blocks[surface]), pointerBase);
  // block_id "should be unique for each message or view"; Slack refuses a repeat, even of an empty one.
  const seen = new Set<string>();
  blocks.forEach((block, index) => {
    const pointer = `${pointerBase}/${index}`;
    checkBlock(block, pointer, out, surface);
    if (!isRecord(block) || typeof block.block_id !== "string") return;
    if (seen.has(block.block_id)) say(out, `block_id must be unique: ${block.block_id}`, `${pointer}/block_id`);
    seen.add(block.block_id);
  });
  if (surface === "message") messageWideLimits(blocks, pointerBase, out);
  for (const pointer of focused(blocks, pointerBase, []).slice(1)) say(out, "only one element can have focus_on_load", pointer);
  return out;
}

/**
 * chat.postMessage, chat.update, chat.postEphemeral and response_url bodies. Attachments are not
 * checked. Answers follow https://docs.slack.dev/reference/methods/chat.postMessage: invalid_blocks
 * (with `errors`), invalid_blocks_format (blocks not an array), no_text, msg_too_long, and the
 * undocumented msg_blocks_too_long (see LIMITS.messageBlocksText).
 */
export function checkMessage(body: { text?: unknown; blocks?: unknown }): SlackRefusal | null {
  const { text, blocks } = body;
  if (blocks !== undefined && !Array.isArray(blocks)) return { error: "invalid_blocks_format" };
  if (text !== undefined && typeof text !== "string") return { error: "invalid_arguments", errors: ["must provide a string [json-pointer:/text]"] };
  const attachments = (body as { attachments?: unknown }).attachments;
  const hasAttachments = Array.isArray(attachments) && attachments.length > 0;
  if (!text && (!blocks || blocks.length === 0) && !hasAttachments) return { error: "no_text" };
  if (blocks && blocks.length > 0) {
    const errors = blockErrors("message", blocks);
    if (errors.length > 0) return { error: "invalid_blocks", errors };
  }
  if (text && text.length > LIMITS.messageText) return { error: "msg_too_long" };
  if (blocks && textLength(blocks) > LIMITS.messageBlocksText) return { error: "msg_blocks_too_long" };
  return null;
}

// https://docs.slack.dev/reference/views/modal-views and .../home-tab-views (the fields each view may have).
const MODAL_FIELDS = ["type", "title", "blocks", "close", "submit", "private_metadata", "callback_id", "clear_on_close", "notify_on_close", "external_id", "submit_disabled"];
const HOME_FIELDS = ["type", "blocks", "private_metadata", "callback_id", "external_id"];

function viewFields(view: Json, out: Problems): void {
  stringField(view, "private_metadata", "/view", out, { max: LIMITS.view.privateMetadata });
  stringField(view, "callback_id", "/view", out, { max: LIMITS.view.callbackId });
  stringField(view, "external_id", "/view", out, { max: LIMITS.view.externalId });
}

function modalFields(view: Json, out: Problems): void {
  allowOnly(view, MODAL_FIELDS, "/view", out);
  // "Must be a plain_text text element with a max length of 24 characters." The same for close and submit.
  textField(view, "title", "/view", out, { required: true, plain: true, max: LIMITS.view.title });
  textField(view, "close", "/view", out, { plain: true, max: LIMITS.view.button });
  textField(view, "submit", "/view", out, { plain: true, max: LIMITS.view.button });
  for (const flag of ["clear_on_close", "notify_on_close", "submit_disabled"]) booleanField(view, flag, "/view", out);
  // "submit is required when an input block is within the blocks array"; Slack's wording and pointer as seen in node-slack-sdk#875.
  const firstInput = Array.isArray(view.blocks) ? view.blocks.findIndex((block) => isRecord(block) && block.type === "input") : -1;
  if (firstInput >= 0 && view.submit === undefined) say(out, "must define submit to use input block", `/view/blocks/${firstInput}/input`);
}

/**
 * views.open, views.update, views.push, views.publish and a view_submission's response_action view.
 * Slack answers a bad view with invalid_arguments and the problems in response_metadata.messages
 * (https://docs.slack.dev/reference/methods/views.open; e.g. "[ERROR] must be less than 76 characters
 * [json-pointer:/view/blocks/2/element/options/0/text/text]"), or view_too_large past 250 kB.
 */
export function checkView(view: unknown): SlackRefusal | null {
  const out: Problems = [];
  if (!isRecord(view)) say(out, "must provide an object", "/view");
  else if (view.type !== "modal" && view.type !== "home") say(out, WORDS.unsupported(view.type), "/view/type");
  else {
    if (view.type === "modal") modalFields(view, out);
    else allowOnly(view, HOME_FIELDS, "/view", out);
    viewFields(view, out);
    if (view.blocks === undefined) say(out, WORDS.missing("blocks"), "/view");
    else out.push(...blockErrors(view.type, view.blocks, "/view/blocks"));
  }
  if (out.length > 0) return { error: "invalid_arguments", errors: [`${WORDS.schemas} [json-pointer:/view]`, ...out] };
  if (new TextEncoder().encode(JSON.stringify(view)).length > LIMITS.viewBytes) return { error: "view_too_large" };
  return null;
}

/**
 * The JSON Slack sends back for a refusal. For chat.* Slack repeats the problems under `errors` and,
 * prefixed with "[ERROR] ", under response_metadata.messages; for views.* only the latter.
 */
export function refusalBody(refusal: SlackRefusal, kind: "message" | "view"): Record<string, unknown> {
  const messages = refusal.errors?.map((error) => `[ERROR] ${error}`);
  return {
    ok: false,
    error: refusal.error,
    ...(kind === "message" && refusal.errors ? { errors: refusal.errors } : {}),
    ...(messages ? { response_metadata: { messages } } : {}),
  };
}
