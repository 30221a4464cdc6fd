import { confirmField, initialOptions, optionGroupsField, optionsField, textField } from "./composition.ts";
import type { ElementRule } from "./elements.ts";
import { LIMITS } from "./limits.ts";
import { arrayField, booleanField, integerField, isRecord, type Json, type Problems, say, stringField, WORDS } from "./report.ts";

// Elements that offer a choice: overflow, radio buttons, checkboxes and the select menus.
// https://docs.slack.dev/reference/block-kit/block-elements (surfaces and block types per element).

const ALL = ["message", "modal", "home"] as const;
const COMMON = ["action_id", "confirm", "focus_on_load"] as const;

const placeholder = (element: Json, pointer: string, out: Problems) =>
  textField(element, "placeholder", pointer, out, { plain: true, max: LIMITS.select.placeholder });

/** https://docs.slack.dev/reference/block-kit/block-elements/overflow-menu-element */
const overflow: ElementRule = {
  props: ["action_id", "options", "confirm"],
  containers: ["section", "actions"],
  surfaces: ALL,
  check(element, pointer, out) {
    optionsField(element, "options", pointer, out, { required: true, url: true, min: LIMITS.overflow.min, max: LIMITS.overflow.max });
    confirmField(element, pointer, out);
  },
};

/** Radio buttons and checkboxes: up to 10 options, mrkdwn allowed in text and description. */
const choiceGroup = (initial: "initial_option" | "initial_options"): ElementRule => ({
  props: [...COMMON, "options", initial],
  containers: ["section", "actions", "input"],
  surfaces: ALL,
  check(element, pointer, out) {
    const options = optionsField(element, "options", pointer, out, { required: true, mrkdwn: true, min: LIMITS.choices.min, max: LIMITS.choices.max });
    if (element[initial] !== undefined) initialOptions(element[initial], options, `${pointer}/${initial}`, out);
    confirmField(element, pointer, out);
  },
});

/** Static menus: options or option_groups (never both), initial options among them. */
function staticOptions(element: Json, pointer: string, out: Problems, initial: "initial_option" | "initial_options"): void {
  const hasOptions = element.options !== undefined;
  const hasGroups = element.option_groups !== undefined;
  // "If option_groups is specified, this field should not be." (and the reverse)
  if (hasOptions && hasGroups) say(out, "must provide either options or option_groups, not both", pointer);
  if (!hasOptions && !hasGroups) say(out, WORDS.missing("options"), pointer);
  const options = [
    ...(hasOptions ? optionsField(element, "options", pointer, out, { min: 1, max: LIMITS.select.options }) : []),
    ...(hasGroups ? optionGroupsField(element, pointer, out) : []),
  ];
  if (element[initial] !== undefined) {
    if (initial === "initial_options") arrayField(element, initial, pointer, out);
    initialOptions(element[initial], options, `${pointer}/${initial}`, out);
  }
}

const maxSelected = (element: Json, pointer: string, out: Problems) => integerField(element, "max_selected_items", pointer, out, { min: 1 });

/** https://docs.slack.dev/reference/block-kit/block-elements/select-menu-element (single) and multi-select-menu-element. */
function menu(multi: boolean, extra: readonly string[], check: (element: Json, pointer: string, out: Problems) => void): ElementRule {
  return {
    props: [...COMMON, "placeholder", ...extra, ...(multi ? ["max_selected_items"] : [])],
    // Multi-selects: the elements table lists Section and Input; the actions block page and @slack/types also allow Actions.
    containers: ["section", "actions", "input"],
    surfaces: ALL,
    check(element, pointer, out) {
      placeholder(element, pointer, out);
      if (multi) maxSelected(element, pointer, out);
      check(element, pointer, out);
      confirmField(element, pointer, out);
    },
  };
}

const idList = (key: string) => (element: Json, pointer: string, out: Problems) => {
  for (const [index, id] of (arrayField(element, key, pointer, out) ?? []).entries()) {
    if (typeof id !== "string") say(out, "must provide a string", `${pointer}/${key}/${index}`);
  }
};

/** The conversation filter object: include ⊆ {im, mpim, private, public}, two booleans. */
function filterField(element: Json, pointer: string, out: Problems): void {
  const filter = element.filter;
  if (filter === undefined) return;
  const at = `${pointer}/filter`;
  if (!isRecord(filter)) {
    say(out, "must provide an object", at);
    return;
  }
  for (const key of Object.keys(filter)) {
    if (!["include", "exclude_external_shared_channels", "exclude_bot_users"].includes(key)) say(out, WORDS.extra(key), at);
  }
  for (const [index, kind] of (arrayField(filter, "include", at, out, { min: 1 }) ?? []).entries()) {
    if (typeof kind !== "string" || !["im", "mpim", "private", "public"].includes(kind)) say(out, WORDS.oneOf(["im", "mpim", "private", "public"]), `${at}/include/${index}`);
  }
  booleanField(filter, "exclude_external_shared_channels", at, out);
  booleanField(filter, "exclude_bot_users", at, out);
}

export const CHOICE_ELEMENTS: Record<string, ElementRule> = {
  overflow,
  radio_buttons: choiceGroup("initial_option"),
  checkboxes: choiceGroup("initial_options"),
  static_select: menu(false, ["options", "option_groups", "initial_option"], (element, pointer, out) => staticOptions(element, pointer, out, "initial_option")),
  multi_static_select: menu(true, ["options", "option_groups", "initial_options"], (element, pointer, out) => staticOptions(element, pointer, out, "initial_options")),
  external_select: menu(false, ["initial_option", "min_query_length"], (element, pointer, out) => {
    integerField(element, "min_query_length", pointer, out, { min: 0 });
  }),
  multi_external_select: menu(true, ["initial_options", "min_query_length"], (element, pointer, out) => {
    integerField(element, "min_query_length", pointer, out, { min: 0 });
  }),
  users_select: menu(false, ["initial_user"], (element, pointer, out) => {
    stringField(element, "initial_user", pointer, out);
  }),
  multi_users_select: menu(true, ["initial_users"], idList("initial_users")),
  conversations_select: menu(false, ["initial_conversation", "default_to_current_conversation", "response_url_enabled", "filter"], (element, pointer, out) => {
    stringField(element, "initial_conversation", pointer, out);
    booleanField(element, "default_to_current_conversation", pointer, out);
    booleanField(element, "response_url_enabled", pointer, out);
    filterField(element, pointer, out);
  }),
  multi_conversations_select: menu(true, ["initial_conversations", "default_to_current_conversation", "filter"], (element, pointer, out) => {
    idList("initial_conversations")(element, pointer, out);
    booleanField(element, "default_to_current_conversation", pointer, out);
    filterField(element, pointer, out);
  }),
  channels_select: menu(false, ["initial_channel", "response_url_enabled"], (element, pointer, out) => {
    stringField(element, "initial_channel", pointer, out);
    booleanField(element, "response_url_enabled", pointer, out);
  }),
  multi_channels_select: menu(true, ["initial_channels"], idList("initial_channels")),
};
