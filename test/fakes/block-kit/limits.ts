// Slack's numbers, each beside the reference page it comes from (read 2026). Lengths are counted
// in UTF-16 code units, as JavaScript's `length` does; Slack does not document how it counts.

const REF = "https://docs.slack.dev/reference";

export const DOCS = {
  blocks: `${REF}/block-kit/blocks`,
  section: `${REF}/block-kit/blocks/section-block`,
  header: `${REF}/block-kit/blocks/header-block`,
  context: `${REF}/block-kit/blocks/context-block`,
  actions: `${REF}/block-kit/blocks/actions-block`,
  image: `${REF}/block-kit/blocks/image-block`,
  input: `${REF}/block-kit/blocks/input-block`,
  markdown: `${REF}/block-kit/blocks/markdown-block`,
  richText: `${REF}/block-kit/blocks/rich-text-block`,
  table: `${REF}/block-kit/blocks/table-block`,
  dataTable: `${REF}/block-kit/blocks/data-table-block`,
  dataVisualization: `${REF}/block-kit/blocks/data-visualization-block`,
  video: `${REF}/block-kit/blocks/video-block`,
  elements: `${REF}/block-kit/block-elements`,
  text: `${REF}/block-kit/composition-objects/text-object`,
  option: `${REF}/block-kit/composition-objects/option-object`,
  optionGroup: `${REF}/block-kit/composition-objects/option-group-object`,
  confirm: `${REF}/block-kit/composition-objects/confirmation-dialog-object`,
  modal: `${REF}/views/modal-views`,
  home: `${REF}/views/home-tab-views`,
  postMessage: `${REF}/methods/chat.postMessage`,
  viewsOpen: `${REF}/methods/views.open`,
} as const;

export const LIMITS = {
  // https://docs.slack.dev/reference/block-kit/blocks: "up to 50 blocks in each message, and 100 blocks in modals or Home tabs".
  blocks: { message: 50, modal: 100, home: 100 },
  // https://docs.slack.dev/reference/block-kit/blocks/section-block and .../composition-objects/text-object.
  text: { min: 1, max: 3000 },
  sectionFields: { items: 10, text: 2000 },
  // https://docs.slack.dev/reference/block-kit/blocks/header-block
  header: 150,
  // https://docs.slack.dev/reference/block-kit/blocks/context-block
  contextElements: 10,
  // https://docs.slack.dev/reference/block-kit/blocks/actions-block
  actionsElements: 25,
  // https://docs.slack.dev/reference/block-kit/blocks/input-block
  input: { label: 2000, hint: 2000 },
  // https://docs.slack.dev/reference/block-kit/blocks/image-block and .../block-elements/image-element
  image: { url: 3000, altText: 2000, title: 2000 },
  // https://docs.slack.dev/reference/block-kit/blocks/markdown-block: "Limit 12,000 characters max."
  markdown: 12_000,
  // Every block's block_id and every element's action_id: "Maximum length for this field is 255 characters."
  id: 255,
  // https://docs.slack.dev/reference/block-kit/block-elements/button-element
  button: { text: 75, value: 2000, url: 3000, accessibilityLabel: 75 },
  // https://docs.slack.dev/reference/block-kit/block-elements/overflow-menu-element: "up to five option objects".
  // Unclear minimum: the current page gives none, the earlier api.slack.com page said "minimum is 2";
  // the stricter, 2, is used.
  overflow: { min: 2, max: 5 },
  // https://docs.slack.dev/reference/block-kit/block-elements/select-menu-element (and multi-select-menu-element)
  select: { options: 100, optionGroups: 100, placeholder: 150 },
  // https://docs.slack.dev/reference/block-kit/block-elements/radio-button-group-element and checkboxes-element:
  // "A maximum of 10 options are allowed." At least one: an empty group has nothing to choose.
  choices: { min: 1, max: 10 },
  // https://docs.slack.dev/reference/block-kit/block-elements/plain-text-input-element: min_length 0–3000, max_length 1–3000.
  plainTextInput: { minLength: 3000, maxLength: 3000, placeholder: 150 },
  // https://docs.slack.dev/reference/block-kit/block-elements/file-input-element: max_files 1–10.
  fileInput: { maxFiles: 10 },
  // https://docs.slack.dev/reference/block-kit/composition-objects/option-object
  option: { text: 75, value: 150, description: 75, url: 3000 },
  // https://docs.slack.dev/reference/block-kit/composition-objects/option-group-object
  optionGroup: { label: 75, options: 100 },
  // https://docs.slack.dev/reference/block-kit/composition-objects/confirmation-dialog-object
  confirm: { title: 100, text: 300, button: 30 },
  // https://docs.slack.dev/reference/views/modal-views and .../home-tab-views; external_id from .../methods/views.open.
  view: { title: 24, button: 24, privateMetadata: 3000, callbackId: 255, externalId: 255 },
  // https://docs.slack.dev/reference/methods/views.open: view_too_large "greater than 250kb".
  viewBytes: 250 * 1024,
  // https://docs.slack.dev/reference/block-kit/blocks/table-block: "Maximum 100 rows ... max of 20 table cells",
  // column_settings "Maximum 20 items"; one table per message (the page's usage info, as quoted by the
  // projects that adopted it; Slack answers a second one with an error).
  table: { rows: 100, cells: 20, columnSettings: 20, perMessage: 1 },
  // https://docs.slack.dev/reference/block-kit/blocks/data-table-block: 2–101 rows (header + 100), 1–20 columns,
  // page_size 1–100, "character count across all cells cannot exceed 10,000". One version of the page also caps
  // the total across all tables of one message at 10,000; the stricter reading is used, for the table block too
  // (its own page was not retrievable in full; projects report the same 10,000 cap for it).
  dataTable: { minRows: 2, maxRows: 101, columns: 20, pageSize: 100, cellCharacters: 10_000 },
  // https://docs.slack.dev/reference/block-kit/blocks/data-visualization-block: title 50, segments and series 1–6,
  // segment labels 20. The page's later rows were cut off where read; the series name (20), data points per series
  // (1–20), category labels (20), axis labels (50) and two charts per message come from libraries that quote it;
  // where libraries disagree (6 or 12 series), the stricter is used.
  dataVisualization: { title: 50, series: 6, label: 20, points: 20, axisLabel: 50, perMessage: 2 },
  // https://docs.slack.dev/reference/methods/chat.postMessage and the 2018 changelog "truncating really long messages":
  // `text` beyond 40,000 characters is truncated with a `message_truncated` warning, and the method lists
  // `msg_too_long`. The fake refuses (msg_too_long): a truncated patient letter or digest is a bug either way.
  messageText: 40_000,
  // Not documented: Slack answers msg_blocks_too_long when a message's blocks hold too much text in total
  // (slackapi/bolt-js#2509, #2867: refused near 11,000–13,000 characters; Slack staff named 12,000 "with a buffer
  // for block containers"). The fake refuses past 12,000 characters of `text` values; Slack may refuse earlier.
  messageBlocksText: 12_000,
} as const;
