import { describe, expect, it } from "vitest";
import { blockErrors, checkMessage, checkView, refusalBody, type SlackRefusal } from "../../fakes/block-kit/index.ts";

// Each rule: a payload just inside Slack's limit is accepted, one just over is refused, pointing where Slack points.

type Block = Record<string, unknown>;
const x = (count: number) => "x".repeat(count);
const plain = (text: string) => ({ type: "plain_text", text });
const mrkdwn = (text: string) => ({ type: "mrkdwn", text });
const section = (text: string, extra: Block = {}): Block => ({ type: "section", text: mrkdwn(text), ...extra });
const message = (...blocks: unknown[]) => ({ text: "Fallback text", blocks });
const option = (text: string, value = text) => ({ text: plain(text), value });
const options = (count: number) => Array.from({ length: count }, (_, index) => option(`Option ${index}`));
const actions = (...elements: Block[]): Block => ({ type: "actions", elements });
const button = (extra: Block = {}): Block => ({ type: "button", text: plain("Go"), action_id: "go", ...extra });
const input = (element: Block, extra: Block = {}): Block => ({ type: "input", label: plain("Label"), element, ...extra });
const modal = (blocks: unknown[], extra: Block = {}) => ({ type: "modal", title: plain("Title"), submit: plain("Save"), close: plain("Cancel"), blocks, ...extra });
const inMessage = (block: Block) => checkMessage(message(block));
const inModal = (block: Block) => checkView(modal([block]));

/** Refused with `error`, and one problem pointing at `pointer` (and saying `words`, when given). */
function expectRefused(refusal: SlackRefusal | null, error: string, pointer: string, words?: string): void {
  expect(refusal?.error).toBe(error);
  const hits = (refusal?.errors ?? []).filter((line) => line.endsWith(`[json-pointer:${pointer}]`));
  expect(hits, JSON.stringify(refusal?.errors)).not.toHaveLength(0);
  if (words) expect(hits.join("\n")).toContain(words);
}

describe("message bodies", () => {
  it("needs text or blocks (no_text)", () => {
    expect(checkMessage({ text: "Hello" })).toBeNull();
    expect(checkMessage({ text: "", blocks: [] })).toEqual({ error: "no_text" });
    expect(checkMessage({})).toEqual({ error: "no_text" });
  });

  it("needs blocks to be an array (invalid_blocks_format), e.g. a JSON string left unparsed", () => {
    expect(checkMessage({ text: "x", blocks: '[{"type":"divider"}]' })).toEqual({ error: "invalid_blocks_format" });
  });

  it("refuses text over 40,000 characters (msg_too_long)", () => {
    expect(checkMessage({ text: x(40_000) })).toBeNull();
    expect(checkMessage({ text: x(40_001) })).toEqual({ error: "msg_too_long" });
  });

  it("refuses more than 12,000 characters of text across the blocks (msg_blocks_too_long)", () => {
    const blocks = (total: number) => [section(x(2400)), section(x(2400)), section(x(2400)), section(x(2400)), section(x(total - 9600))];
    expect(checkMessage({ text: "t", blocks: blocks(12_000) })).toBeNull();
    expect(checkMessage({ text: "t", blocks: blocks(12_001) })).toEqual({ error: "msg_blocks_too_long" });
  });

  it("holds at most 50 blocks", () => {
    const dividers = (count: number) => Array.from({ length: count }, () => ({ type: "divider" }));
    expect(checkMessage(message(...dividers(50)))).toBeNull();
    expectRefused(checkMessage(message(...dividers(51))), "invalid_blocks", "/blocks", "no more than 50 items allowed");
  });

  it("answers in Slack's shape, with the problems repeated as [ERROR] messages", () => {
    const refusal = inMessage(section(x(3001)));
    expect(refusal?.errors).toEqual(["failed to match all allowed schemas [json-pointer:/blocks/0/text]", "must be less than 3001 characters [json-pointer:/blocks/0/text/text]"]);
    expect(refusalBody(refusal!, "message")).toEqual({
      ok: false,
      error: "invalid_blocks",
      errors: refusal!.errors,
      response_metadata: { messages: refusal!.errors!.map((line) => `[ERROR] ${line}`) },
    });
    expect(refusalBody({ error: "no_text" }, "message")).toEqual({ ok: false, error: "no_text" });
  });
});

describe("block types and surfaces", () => {
  it("refuses unknown block and element types", () => {
    expectRefused(inMessage({ type: "banner" }), "invalid_blocks", "/blocks/0/type", "unsupported type: banner");
    expectRefused(inMessage(actions({ type: "slider", action_id: "s" })), "invalid_blocks", "/blocks/0/elements/0/type");
  });

  it("keeps message-only blocks out of modals and Home tabs", () => {
    expect(inMessage({ type: "markdown", text: "**Hi**" })).toBeNull();
    expectRefused(inModal({ type: "markdown", text: "**Hi**" }), "invalid_arguments", "/view/blocks/0/type");
    const table = { type: "table", rows: [[{ type: "raw_text", text: "a" }]] };
    expect(inMessage(table)).toBeNull();
    expectRefused(checkView({ type: "home", blocks: [table] }), "invalid_arguments", "/view/blocks/0/type");
  });

  it("refuses the file block, which apps cannot post", () => {
    expectRefused(inMessage({ type: "file", source: "remote", external_id: "F1" }), "invalid_blocks", "/blocks/0/type");
  });

  it("allows input blocks on every surface (the blocks reference lists modals, messages and Home tabs)", () => {
    const block = input({ type: "plain_text_input", action_id: "note" });
    expect(inMessage(block)).toBeNull();
    expect(inModal(block)).toBeNull();
    expect(checkView({ type: "home", blocks: [block] })).toBeNull();
  });

  it("keeps modal-only elements out of messages, and the datetime picker out of Home tabs", () => {
    expect(inModal(input({ type: "email_text_input", action_id: "e" }))).toBeNull();
    expectRefused(inMessage(input({ type: "email_text_input", action_id: "e" })), "invalid_blocks", "/blocks/0/element/type");
    const picker = input({ type: "datetimepicker", action_id: "at" });
    expect(inMessage(picker)).toBeNull();
    expectRefused(checkView({ type: "home", blocks: [picker] }), "invalid_arguments", "/view/blocks/0/element/type");
  });

  it("refuses properties a block or element does not have", () => {
    expectRefused(inMessage(actions(button({ disabled: true }))), "invalid_blocks", "/blocks/0/elements/0", "invalid additional property: disabled");
    expectRefused(inMessage({ type: "divider", text: mrkdwn("x") }), "invalid_blocks", "/blocks/0", "invalid additional property: text");
  });
});

describe("blocks", () => {
  it("header: plain_text of at most 150 characters", () => {
    const header = (text: unknown) => ({ type: "header", text });
    expect(inMessage(header(plain(x(150))))).toBeNull();
    expectRefused(inMessage(header(plain(x(151)))), "invalid_blocks", "/blocks/0/text/text", "must be less than 151 characters");
    expectRefused(inMessage(header(mrkdwn("*x*"))), "invalid_blocks", "/blocks/0/text/type", "unsupported type: mrkdwn");
  });

  it("section: text 1–3,000 characters", () => {
    expect(inMessage(section(x(3000)))).toBeNull();
    expectRefused(inMessage(section(x(3001))), "invalid_blocks", "/blocks/0/text/text");
    expectRefused(inMessage(section("")), "invalid_blocks", "/blocks/0/text/text", "must be more than 0 characters");
  });

  it("section: at most 10 fields of at most 2,000 characters, and text or fields", () => {
    const fields = (count: number, length = 10) => ({ type: "section", fields: Array.from({ length: count }, () => mrkdwn(x(length))) });
    // Ten full fields (20,000 characters) pass the block's own limits; in a message they would exceed the 12,000 total.
    expect(inModal(fields(10, 2000))).toBeNull();
    expectRefused(inMessage(fields(11)), "invalid_blocks", "/blocks/0/fields", "must be less than 11 items");
    expectRefused(inMessage(fields(1, 2001)), "invalid_blocks", "/blocks/0/fields/0/text");
    expectRefused(inMessage({ type: "section" }), "invalid_blocks", "/blocks/0", "must define either `text` or `fields`");
  });

  it("context: at most 10 elements", () => {
    const context = (count: number) => ({ type: "context", elements: Array.from({ length: count }, () => mrkdwn("x")) });
    expect(inMessage(context(10))).toBeNull();
    expectRefused(inMessage(context(11)), "invalid_blocks", "/blocks/0/elements", "must be less than 11 items");
    expectRefused(inMessage(context(0)), "invalid_blocks", "/blocks/0/elements");
  });

  it("actions: at most 25 elements, each action_id unique within the block", () => {
    const many = (count: number) => actions(...Array.from({ length: count }, (_, index) => button({ action_id: `b${index}` })));
    expect(inMessage(many(25))).toBeNull();
    expectRefused(inMessage(many(26)), "invalid_blocks", "/blocks/0/elements", "must be less than 26 items");
    expectRefused(inMessage(actions(button(), button())), "invalid_blocks", "/blocks/0/elements/1/action_id");
  });

  it("image: URL up to 3,000 and alt text up to 2,000 characters", () => {
    const image = (url: number, alt: number) => ({ type: "image", image_url: `https://e.test/${x(url - 15)}`, alt_text: x(alt) });
    expect(inMessage(image(3000, 2000))).toBeNull();
    expectRefused(inMessage(image(3001, 10)), "invalid_blocks", "/blocks/0/image_url");
    expectRefused(inMessage(image(100, 2001)), "invalid_blocks", "/blocks/0/alt_text");
    expectRefused(inMessage({ type: "image", image_url: "https://e.test/a.png" }), "invalid_blocks", "/blocks/0", "missing required field: alt_text");
  });

  it("input: label and hint up to 2,000 characters, one input-capable element", () => {
    const field = { type: "plain_text_input", action_id: "f" };
    expect(inModal(input(field, { label: plain(x(2000)), hint: plain(x(2000)) }))).toBeNull();
    expectRefused(inModal(input(field, { label: plain(x(2001)) })), "invalid_arguments", "/view/blocks/0/label/text");
    expectRefused(inModal(input(field, { hint: plain(x(2001)) })), "invalid_arguments", "/view/blocks/0/hint/text");
    expectRefused(inModal({ type: "input", label: plain("L") }), "invalid_arguments", "/view/blocks/0", "missing required field: element");
    expectRefused(inModal(input(button())), "invalid_arguments", "/view/blocks/0/element/type");
  });

  it("markdown: at most 12,000 characters", () => {
    expect(inMessage({ type: "markdown", text: x(12_000) })).toBeNull();
    expectRefused(inMessage({ type: "markdown", text: x(12_001) }), "invalid_blocks", "/blocks/0/text");
  });

  it("rich_text: sections of known elements", () => {
    const rich = (element: Block) => ({ type: "rich_text", elements: [{ type: "rich_text_section", elements: [element] }] });
    expect(inMessage(rich({ type: "text", text: "hi" }))).toBeNull();
    expectRefused(inMessage(rich({ type: "blink", text: "hi" })), "invalid_blocks", "/blocks/0/elements/0/elements/0/type");
  });

  it("block_id up to 255 characters, unique within the surface", () => {
    expect(inMessage({ type: "divider", block_id: x(255) })).toBeNull();
    expectRefused(inMessage({ type: "divider", block_id: x(256) }), "invalid_blocks", "/blocks/0/block_id");
    expectRefused(checkMessage(message({ type: "divider", block_id: "a" }, { type: "divider", block_id: "a" })), "invalid_blocks", "/blocks/1/block_id");
  });
});

describe("elements", () => {
  it("button: text 75 (plain_text), value 2,000, url 3,000, style primary or danger", () => {
    expect(inMessage(actions(button({ text: plain(x(75)), value: x(2000), url: x(3000), style: "danger" })))).toBeNull();
    expectRefused(inMessage(actions(button({ text: plain(x(76)) }))), "invalid_blocks", "/blocks/0/elements/0/text/text");
    expectRefused(inMessage(actions(button({ value: x(2001) }))), "invalid_blocks", "/blocks/0/elements/0/value");
    expectRefused(inMessage(actions(button({ url: x(3001) }))), "invalid_blocks", "/blocks/0/elements/0/url");
    expectRefused(inMessage(actions(button({ style: "secondary" }))), "invalid_blocks", "/blocks/0/elements/0/style");
    expectRefused(inMessage(actions(button({ text: mrkdwn("*Go*") }))), "invalid_blocks", "/blocks/0/elements/0/text/type");
  });

  it("action_id: up to 255 characters", () => {
    expect(inMessage(actions(button({ action_id: x(255) })))).toBeNull();
    expectRefused(inMessage(actions(button({ action_id: x(256) }))), "invalid_blocks", "/blocks/0/elements/0/action_id");
  });

  it("overflow: 2–5 options; six are refused with invalid_blocks at …/options", () => {
    const overflow = (count: number) => actions(button(), button({ action_id: "b" }), button({ action_id: "c" }), { type: "overflow", action_id: "more", options: options(count) });
    expect(inMessage(overflow(5))).toBeNull();
    expect(inMessage(overflow(2))).toBeNull();
    const refusal = inMessage(overflow(6));
    expect(refusal?.error).toBe("invalid_blocks");
    expect(refusal?.errors).toContain("must be less than 6 items [json-pointer:/blocks/0/elements/3/options]");
    expectRefused(inMessage(overflow(1)), "invalid_blocks", "/blocks/0/elements/3/options", "must be more than 1 items");
  });

  it("static_select: up to 100 options or 100 option groups, never both", () => {
    const select = (extra: Block) => actions({ type: "static_select", action_id: "pick", placeholder: plain("Pick"), ...extra });
    const groups = (count: number, each = 1) => Array.from({ length: count }, (_, index) => ({ label: plain(`G${index}`), options: options(each).map((item) => ({ ...item, value: `${index}-${item.value}` })) }));
    expect(inMessage(select({ options: options(100) }))).toBeNull();
    expectRefused(inMessage(select({ options: options(101) })), "invalid_blocks", "/blocks/0/elements/0/options", "must be less than 101 items");
    expect(inMessage(select({ option_groups: groups(100) }))).toBeNull();
    expectRefused(inMessage(select({ option_groups: groups(101) })), "invalid_blocks", "/blocks/0/elements/0/option_groups");
    expectRefused(inMessage(select({ option_groups: groups(1, 101) })), "invalid_blocks", "/blocks/0/elements/0/option_groups/0/options");
    expectRefused(inMessage(select({ option_groups: [{ label: plain(x(76)), options: options(1) }] })), "invalid_blocks", "/blocks/0/elements/0/option_groups/0/label/text");
    expectRefused(inMessage(select({ options: options(1), option_groups: groups(1) })), "invalid_blocks", "/blocks/0/elements/0");
    expectRefused(inMessage(select({ options: options(1), placeholder: plain(x(151)) })), "invalid_blocks", "/blocks/0/elements/0/placeholder/text");
  });

  it("initial_option and initial_options must be among the options", () => {
    const select = (initial: unknown) => actions({ type: "static_select", action_id: "pick", options: options(3), initial_option: initial });
    expect(inMessage(select(option("Option 1")))).toBeNull();
    expectRefused(inMessage(select(option("Option 9"))), "invalid_blocks", "/blocks/0/elements/0/initial_option");
    const multi = (initial: unknown[]) => input({ type: "multi_static_select", action_id: "m", options: options(3), initial_options: initial, max_selected_items: 2 });
    expect(inModal(multi([option("Option 0"), option("Option 2")]))).toBeNull();
    expectRefused(inModal(multi([option("Option 0"), option("Nope")])), "invalid_arguments", "/view/blocks/0/element/initial_options/1");
  });

  it("option: text 75 (plain_text in menus), value 150, description 75, url only in overflow menus", () => {
    const select = (item: unknown) => actions({ type: "static_select", action_id: "pick", options: [item] });
    expect(inMessage(select({ text: plain(x(75)), value: x(150), description: plain(x(75)) }))).toBeNull();
    expectRefused(inMessage(select({ text: plain(x(76)), value: "v" })), "invalid_blocks", "/blocks/0/elements/0/options/0/text/text");
    expectRefused(inMessage(select({ text: plain("t"), value: x(151) })), "invalid_blocks", "/blocks/0/elements/0/options/0/value");
    expectRefused(inMessage(select({ text: plain("t"), value: "v", description: plain(x(76)) })), "invalid_blocks", "/blocks/0/elements/0/options/0/description/text");
    expectRefused(inMessage(select({ text: mrkdwn("*t*"), value: "v" })), "invalid_blocks", "/blocks/0/elements/0/options/0/text/type");
    expectRefused(inMessage(select({ text: plain("t"), value: "v", url: "" })), "invalid_blocks", "/blocks/0/elements/0/options/0", "invalid additional property: url");
  });

  it("radio buttons and checkboxes: 1–10 options, mrkdwn allowed", () => {
    const group = (type: string, count: number) => input({ type, action_id: "g", options: Array.from({ length: count }, (_, index) => ({ text: mrkdwn(`*${index}*`), value: String(index) })) });
    for (const type of ["radio_buttons", "checkboxes"]) {
      expect(inModal(group(type, 10))).toBeNull();
      expectRefused(inModal(group(type, 11)), "invalid_arguments", "/view/blocks/0/element/options", "must be less than 11 items");
      expectRefused(inModal(group(type, 0)), "invalid_arguments", "/view/blocks/0/element/options");
    }
  });

  it("users and conversations selects take ids and a filter", () => {
    expect(inModal(input({ type: "users_select", action_id: "u", initial_user: "U123" }))).toBeNull();
    expect(inModal(input({ type: "conversations_select", action_id: "c", filter: { include: ["public", "private"], exclude_bot_users: true } }))).toBeNull();
    expectRefused(inModal(input({ type: "conversations_select", action_id: "c", filter: { include: ["groups"] } })), "invalid_arguments", "/view/blocks/0/element/filter/include/0");
  });

  it("plain_text_input: min_length and max_length up to 3,000, initial_value within max_length", () => {
    const text = (extra: Block) => inModal(input({ type: "plain_text_input", action_id: "t", ...extra }));
    expect(text({ max_length: 3000, min_length: 3000, initial_value: x(3000) })).toBeNull();
    expectRefused(text({ max_length: 3001 }), "invalid_arguments", "/view/blocks/0/element/max_length");
    expectRefused(text({ min_length: 3001 }), "invalid_arguments", "/view/blocks/0/element/min_length");
    expect(text({ max_length: 500, initial_value: x(500) })).toBeNull();
    expectRefused(text({ max_length: 500, initial_value: x(501) }), "invalid_arguments", "/view/blocks/0/element/initial_value");
    expectRefused(text({ initial_value: x(3001) }), "invalid_arguments", "/view/blocks/0/element/initial_value");
    expectRefused(text({ min_length: 10, max_length: 5 }), "invalid_arguments", "/view/blocks/0/element/min_length");
  });

  it("date, time and datetime pickers take well-formed initial values", () => {
    expect(inModal(input({ type: "datepicker", action_id: "d", initial_date: "2026-12-31" }))).toBeNull();
    expectRefused(inModal(input({ type: "datepicker", action_id: "d", initial_date: "31/12/2026" })), "invalid_arguments", "/view/blocks/0/element/initial_date");
    expect(inModal(input({ type: "timepicker", action_id: "t", initial_time: "23:59" }))).toBeNull();
    expectRefused(inModal(input({ type: "timepicker", action_id: "t", initial_time: "24:00" })), "invalid_arguments", "/view/blocks/0/element/initial_time");
    expect(inModal(input({ type: "datetimepicker", action_id: "dt", initial_date_time: 1_767_225_600 }))).toBeNull();
    expectRefused(inModal(input({ type: "datetimepicker", action_id: "dt", initial_date_time: 1_767_225_600_000 })), "invalid_arguments", "/view/blocks/0/element/initial_date_time");
  });

  it("confirm dialog: title 100, text 300, confirm 30, deny 30, all plain_text; style primary or danger", () => {
    const confirm = (extra: Block = {}) => actions(button({ confirm: { title: plain(x(100)), text: plain(x(300)), confirm: plain(x(30)), deny: plain(x(30)), style: "danger", ...extra } }));
    expect(inMessage(confirm())).toBeNull();
    expectRefused(inMessage(confirm({ title: plain(x(101)) })), "invalid_blocks", "/blocks/0/elements/0/confirm/title/text");
    expectRefused(inMessage(confirm({ text: plain(x(301)) })), "invalid_blocks", "/blocks/0/elements/0/confirm/text/text");
    expectRefused(inMessage(confirm({ confirm: plain(x(31)) })), "invalid_blocks", "/blocks/0/elements/0/confirm/confirm/text");
    expectRefused(inMessage(confirm({ deny: plain(x(31)) })), "invalid_blocks", "/blocks/0/elements/0/confirm/deny/text");
    expectRefused(inMessage(confirm({ style: "warning" })), "invalid_blocks", "/blocks/0/elements/0/confirm/style");
  });

  it("only one element may have focus_on_load", () => {
    const focused = (action_id: string) => input({ type: "plain_text_input", action_id, focus_on_load: true }, { block_id: action_id });
    expect(checkView(modal([focused("a")]))).toBeNull();
    expectRefused(checkView(modal([focused("a"), focused("b")])), "invalid_arguments", "/view/blocks/1/element/focus_on_load");
  });
});

describe("views", () => {
  it("modal: title, submit and close plain_text of at most 24 characters", () => {
    expect(checkView(modal([section("x")], { title: plain(x(24)), submit: plain(x(24)), close: plain(x(24)) }))).toBeNull();
    for (const key of ["title", "submit", "close"]) {
      expectRefused(checkView(modal([section("x")], { [key]: plain(x(25)) })), "invalid_arguments", `/view/${key}/text`, "must be less than 25 characters");
    }
    expectRefused(checkView(modal([section("x")], { title: mrkdwn("*T*") })), "invalid_arguments", "/view/title/type");
    expectRefused(checkView({ type: "modal", blocks: [] }), "invalid_arguments", "/view", "missing required field: title");
  });

  it("modal: submit is required with an input block", () => {
    const form = [section("x"), input({ type: "plain_text_input", action_id: "t" })];
    expect(checkView(modal(form))).toBeNull();
    expectRefused(checkView({ type: "modal", title: plain("T"), blocks: form }), "invalid_arguments", "/view/blocks/1/input", "must define submit to use input block");
  });

  it("modal and home: private_metadata 3,000, callback_id 255, external_id 255", () => {
    expect(checkView(modal([], { private_metadata: x(3000), callback_id: x(255), external_id: x(255) }))).toBeNull();
    expectRefused(checkView(modal([], { private_metadata: x(3001) })), "invalid_arguments", "/view/private_metadata");
    expectRefused(checkView(modal([], { callback_id: x(256) })), "invalid_arguments", "/view/callback_id");
    expectRefused(checkView({ type: "home", blocks: [], external_id: x(256) }), "invalid_arguments", "/view/external_id");
    expectRefused(checkView({ type: "home", title: plain("Home"), blocks: [] }), "invalid_arguments", "/view", "invalid additional property: title");
  });

  it("holds at most 100 blocks, in Slack's words", () => {
    const dividers = (count: number) => Array.from({ length: count }, () => ({ type: "divider" }));
    expect(checkView(modal(dividers(100)))).toBeNull();
    expect(checkView({ type: "home", blocks: dividers(100) })).toBeNull();
    expectRefused(checkView(modal(dividers(101))), "invalid_arguments", "/view/blocks", "no more than 100 items allowed");
    expectRefused(checkView({ type: "home", blocks: dividers(101) }), "invalid_arguments", "/view/blocks");
  });

  it("needs type modal or home, and answers invalid_arguments led by the view itself", () => {
    const refusal = checkView({ type: "dialog", blocks: [] });
    expect(refusal).toEqual({ error: "invalid_arguments", errors: ["failed to match all allowed schemas [json-pointer:/view]", "unsupported type: dialog [json-pointer:/view/type]"] });
    expect(refusalBody(refusal!, "view")).toEqual({ ok: false, error: "invalid_arguments", response_metadata: { messages: refusal!.errors!.map((line) => `[ERROR] ${line}`) } });
  });

  it("refuses a view over 250 kB (view_too_large)", () => {
    const big = Array.from({ length: 100 }, () => section(x(2900)));
    expect(checkView(modal(big))?.error).toBe("view_too_large");
  });
});

describe("tables and charts (messages only)", () => {
  const raw = (text: string) => ({ type: "raw_text", text });
  const rows = (count: number, width: number) => Array.from({ length: count }, (_, row) => Array.from({ length: width }, (_, column) => raw(`${row}.${column}`)));

  it("table: at most 100 rows of at most 20 cells, one per message", () => {
    expect(inMessage({ type: "table", rows: rows(100, 20) })).toBeNull();
    expectRefused(inMessage({ type: "table", rows: rows(101, 2) }), "invalid_blocks", "/blocks/0/rows", "must be less than 101 items");
    expectRefused(inMessage({ type: "table", rows: rows(2, 21) }), "invalid_blocks", "/blocks/0/rows/0", "must be less than 21 items");
    expectRefused(inMessage({ type: "table", rows: [[raw("")]] }), "invalid_blocks", "/blocks/0/rows/0/0/text");
    expectRefused(checkMessage(message({ type: "table", rows: rows(1, 1) }, { type: "table", rows: rows(1, 1) })), "invalid_blocks", "/blocks/1");
  });

  it("data_table: a header and 1–100 rows, 1–20 columns, equal rows, at most 10,000 characters", () => {
    const table = (body: unknown[][]) => ({ type: "data_table", caption: "Cases", rows: body });
    expect(inMessage(table(rows(101, 20)))).toBeNull();
    expectRefused(inMessage(table(rows(102, 1))), "invalid_blocks", "/blocks/0/rows", "must be less than 102 items");
    expectRefused(inMessage(table(rows(1, 1))), "invalid_blocks", "/blocks/0/rows", "must be more than 1 items");
    expectRefused(inMessage(table(rows(2, 21))), "invalid_blocks", "/blocks/0/rows/0");
    expectRefused(inMessage(table([[raw("a"), raw("b")], [raw("c")]])), "invalid_blocks", "/blocks/0/rows/1");
    const rich = { type: "rich_text", elements: [{ type: "rich_text_section", elements: [{ type: "text", text: "h" }] }] };
    expect(inMessage(table([[raw("h")], [rich]]))).toBeNull();
    expectRefused(inMessage(table([[rich], [raw("a")]])), "invalid_blocks", "/blocks/0/rows/0/0/type");
    expect(inMessage(table([[raw(x(5000))], [raw(x(5000))]]))).toBeNull();
    expectRefused(inMessage(table([[raw(x(5000))], [raw(x(5001))]])), "invalid_blocks", "/blocks/0/rows");
    expectRefused(inMessage({ type: "data_table", rows: rows(2, 1) }), "invalid_blocks", "/blocks/0", "missing required field: caption");
  });

  it("data_visualization: title 50, 1–6 segments or series, labels 20 matching the categories, two per message", () => {
    const pie = (count: number, title = "Cases by unit") => ({ type: "data_visualization", title, chart: { type: "pie", segments: Array.from({ length: count }, (_, index) => ({ label: `Unit ${index}`, value: index + 1 })) } });
    expect(inMessage(pie(6, x(50)))).toBeNull();
    expectRefused(inMessage(pie(7)), "invalid_blocks", "/blocks/0/chart/segments", "must be less than 7 items");
    expectRefused(inMessage(pie(1, x(51))), "invalid_blocks", "/blocks/0/title");
    const bar = (series: number, labels = ["Mon", "Tue"]) => ({
      type: "data_visualization",
      title: "Week",
      chart: { type: "bar", axis_config: { categories: ["Mon", "Tue"] }, series: Array.from({ length: series }, (_, index) => ({ name: `S${index}`, data: labels.map((label) => ({ label, value: 1 })) })) },
    });
    expect(inMessage(bar(6))).toBeNull();
    expectRefused(inMessage(bar(7)), "invalid_blocks", "/blocks/0/chart/series");
    expectRefused(inMessage(bar(1, ["Mon", "Wed"])), "invalid_blocks", "/blocks/0/chart/series/0/data");
    expect(checkMessage(message(pie(1), pie(1)))).toBeNull();
    expectRefused(checkMessage(message(pie(1), pie(1), pie(1))), "invalid_blocks", "/blocks/2");
  });
});

describe("blockErrors", () => {
  it("lists problems with the pointer base the caller gives", () => {
    expect(blockErrors("modal", [section(x(3001))], "/view/blocks")).toContain("must be less than 3001 characters [json-pointer:/view/blocks/0/text/text]");
    expect(blockErrors("message", "not blocks")).toEqual(["must provide an array [json-pointer:/blocks]"]);
    expect(blockErrors("home", [])).toEqual([]);
  });
});
