import { textField, textObject } from "./composition.ts";
import { checkElement, imageSource, type Surface } from "./elements.ts";
import { LIMITS } from "./limits.ts";
import { allowOnly, arrayField, booleanField, isRecord, type Json, type Problems, say, stringField, WORDS } from "./report.ts";
import { richTextElements } from "./rich-text.ts";
import { TABLE_BLOCKS } from "./tables.ts";

// Layout blocks: which surface takes which block, and each block's fields.
// https://docs.slack.dev/reference/block-kit/blocks ("Available in surfaces" per block).

interface BlockRule {
  /** Fields besides `type` and `block_id`; null: not checked field by field (see LIGHT below). */
  props: readonly string[] | null;
  surfaces: readonly Surface[];
  check?: (block: Json, pointer: string, out: Problems, surface: Surface) => void;
}

const ALL = ["message", "modal", "home"] as const;

/** https://docs.slack.dev/reference/block-kit/blocks/section-block: text 1–3000, ≤ 10 fields of ≤ 2000, text or fields required. */
function section(block: Json, pointer: string, out: Problems, surface: Surface): void {
  // Wording from a Slack answer quoted in slackapi/java-slack-sdk#1017.
  if (block.text === undefined && block.fields === undefined) say(out, "must define either `text` or `fields`", pointer);
  textField(block, "text", pointer, out, { max: LIMITS.text.max });
  const fields = arrayField(block, "fields", pointer, out, { min: 1, max: LIMITS.sectionFields.items }) ?? [];
  fields.forEach((field, index) => {
    textObject(field, `${pointer}/fields/${index}`, out, { max: LIMITS.sectionFields.text });
  });
  if (block.accessory !== undefined) checkElement(block.accessory, `${pointer}/accessory`, out, { container: "section", surface });
  booleanField(block, "expand", pointer, out);
}

/** https://docs.slack.dev/reference/block-kit/blocks/context-block: 1–10 image elements or text objects. */
function context(block: Json, pointer: string, out: Problems, surface: Surface): void {
  const elements = arrayField(block, "elements", pointer, out, { required: true, min: 1, max: LIMITS.contextElements }) ?? [];
  elements.forEach((element, index) => {
    const at = `${pointer}/elements/${index}`;
    if (isRecord(element) && (element.type === "plain_text" || element.type === "mrkdwn")) textObject(element, at, out, { max: LIMITS.text.max });
    else checkElement(element, at, out, { container: "context", surface });
  });
}

/** https://docs.slack.dev/reference/block-kit/blocks/actions-block: 1–25 elements; action_id "unique among all other action_ids in the containing block". */
function actions(block: Json, pointer: string, out: Problems, surface: Surface): void {
  const elements = arrayField(block, "elements", pointer, out, { required: true, min: 1, max: LIMITS.actionsElements }) ?? [];
  const seen = new Set<string>();
  elements.forEach((element, index) => {
    const at = `${pointer}/elements/${index}`;
    const actionId = checkElement(element, at, out, { container: "actions", surface });
    if (actionId === undefined) return;
    if (seen.has(actionId)) say(out, `action_id must be unique within the block: ${actionId}`, `${at}/action_id`);
    seen.add(actionId);
  });
}

/** https://docs.slack.dev/reference/block-kit/blocks/input-block: label and hint plain_text ≤ 2000, one input element. */
function input(block: Json, pointer: string, out: Problems, surface: Surface): void {
  textField(block, "label", pointer, out, { required: true, plain: true, max: LIMITS.input.label });
  textField(block, "hint", pointer, out, { plain: true, max: LIMITS.input.hint });
  if (block.element === undefined) say(out, WORDS.missing("element"), pointer);
  else checkElement(block.element, `${pointer}/element`, out, { container: "input", surface });
  booleanField(block, "optional", pointer, out);
  // "If dispatch_action is set to true and a file_input block element is provided, an unsupported type error will be raised."
  if (booleanField(block, "dispatch_action", pointer, out) && isRecord(block.element) && block.element.type === "file_input") {
    say(out, WORDS.unsupported("file_input"), `${pointer}/element/type`);
  }
}

/** https://docs.slack.dev/reference/block-kit/blocks/image-block: image_url 3000 or slack_file, alt_text 2000, title plain_text 2000. */
function image(block: Json, pointer: string, out: Problems): void {
  imageSource(block, pointer, out);
  textField(block, "title", pointer, out, { plain: true, max: LIMITS.image.title });
}

/** https://docs.slack.dev/reference/block-kit/blocks/video-block: title "less than 200 characters", author_name "less than 50". */
function video(block: Json, pointer: string, out: Problems): void {
  for (const key of ["video_url", "thumbnail_url", "alt_text"]) stringField(block, key, pointer, out, { required: true });
  textField(block, "title", pointer, out, { required: true, plain: true, max: 199 });
  stringField(block, "author_name", pointer, out, { max: 49 });
  textField(block, "description", pointer, out, { plain: true, max: LIMITS.text.max });
}

// Blocks documented for AI and agent messages that the app does not build: accepted in messages,
// with their block_id checked, but not field by field. (Messages only, the stricter reading where
// a page names no other surface.)
const LIGHT: BlockRule = { props: null, surfaces: ["message"] };

const BLOCKS: Record<string, BlockRule> = {
  section: { props: ["text", "fields", "accessory", "expand"], surfaces: ALL, check: section },
  header: {
    props: ["text"],
    surfaces: ALL,
    // https://docs.slack.dev/reference/block-kit/blocks/header-block: plain_text, 150 characters.
    check: (block, pointer, out) => textField(block, "text", pointer, out, { required: true, plain: true, max: LIMITS.header }),
  },
  context: { props: ["elements"], surfaces: ALL, check: context },
  actions: { props: ["elements"], surfaces: ALL, check: actions },
  divider: { props: [], surfaces: ALL },
  image: { props: ["image_url", "slack_file", "alt_text", "title"], surfaces: ALL, check: image },
  // The blocks reference lists input blocks for modals, messages and Home tabs alike.
  input: { props: ["label", "element", "dispatch_action", "hint", "optional"], surfaces: ALL, check: input },
  rich_text: { props: ["elements"], surfaces: ALL, check: richTextElements },
  video: {
    props: ["video_url", "thumbnail_url", "alt_text", "title", "title_url", "author_name", "provider_name", "provider_icon_url", "description"],
    surfaces: ALL,
    check: video,
  },
  // https://docs.slack.dev/reference/block-kit/blocks/markdown-block: messages only, text ≤ 12,000.
  markdown: {
    props: ["text"],
    surfaces: ["message"],
    check: (block, pointer, out) => stringField(block, "text", pointer, out, { required: true, min: 1, max: LIMITS.markdown }),
  },
  // https://docs.slack.dev/reference/block-kit/blocks/file-block: "You can't add this block to app surfaces directly."
  file: { props: ["source", "external_id"], surfaces: [] },
  table: { ...TABLE_BLOCKS.table, surfaces: ["message"] },
  data_table: { ...TABLE_BLOCKS.data_table, surfaces: ["message"] },
  data_visualization: { ...TABLE_BLOCKS.data_visualization, surfaces: ["message"] },
  alert: LIGHT,
  card: LIGHT,
  carousel: LIGHT,
  container: LIGHT,
  context_actions: LIGHT,
  plan: LIGHT,
  task_card: LIGHT,
};

/** Checks one block for `surface`. */
export function checkBlock(value: unknown, pointer: string, out: Problems, surface: Surface): void {
  if (!isRecord(value)) {
    say(out, "must provide an object", pointer);
    return;
  }
  const rule = typeof value.type === "string" ? BLOCKS[value.type] : undefined;
  if (!rule?.surfaces.includes(surface)) {
    say(out, WORDS.unsupported(value.type), `${pointer}/type`);
    return;
  }
  if (rule.props) allowOnly(value, ["type", "block_id", ...rule.props], pointer, out);
  stringField(value, "block_id", pointer, out, { max: LIMITS.id });
  rule.check?.(value, pointer, out, surface);
}
