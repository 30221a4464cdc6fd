import { confirmField, textField } from "./composition.ts";
import type { ElementRule } from "./elements.ts";
import { LIMITS } from "./limits.ts";
import { arrayField, booleanField, integerField, isRecord, type Json, type Problems, say, stringField, WORDS } from "./report.ts";

// Elements that take typed input, and the date and time pickers.
// Surfaces and blocks per https://docs.slack.dev/reference/block-kit/block-elements: the email, URL,
// number and file inputs are for modals only; rich text input for modals and Home tabs; the
// datetime picker for modals and messages.

const placeholder = (element: Json, pointer: string, out: Problems) =>
  textField(element, "placeholder", pointer, out, { plain: true, max: LIMITS.plainTextInput.placeholder });

/** https://docs.slack.dev/reference/block-kit/composition-objects/dispatch-action-configuration-object */
function dispatchConfig(element: Json, pointer: string, out: Problems): void {
  const config = element.dispatch_action_config;
  if (config === undefined) return;
  const at = `${pointer}/dispatch_action_config`;
  if (!isRecord(config)) {
    say(out, "must provide an object", at);
    return;
  }
  for (const key of Object.keys(config)) if (key !== "trigger_actions_on") say(out, WORDS.extra(key), at);
  for (const [index, trigger] of (arrayField(config, "trigger_actions_on", at, out) ?? []).entries()) {
    if (typeof trigger !== "string" || !["on_enter_pressed", "on_character_entered"].includes(trigger)) {
      say(out, WORDS.oneOf(["on_enter_pressed", "on_character_entered"]), `${at}/trigger_actions_on/${index}`);
    }
  }
}

const TYPED = ["action_id", "initial_value", "dispatch_action_config", "focus_on_load", "placeholder"] as const;

/**
 * https://docs.slack.dev/reference/block-kit/block-elements/plain-text-input-element: min_length 0–3000,
 * max_length 1–3000. initial_value is not given a limit there; a value longer than max_length (or 3,000)
 * could never be submitted, and is refused here as the stricter reading.
 */
const plainTextInput: ElementRule = {
  props: [...TYPED, "multiline", "min_length", "max_length"],
  containers: ["input"],
  surfaces: ["message", "modal", "home"],
  check(element, pointer, out) {
    const min = integerField(element, "min_length", pointer, out, { min: 0, max: LIMITS.plainTextInput.minLength });
    const max = integerField(element, "max_length", pointer, out, { min: 1, max: LIMITS.plainTextInput.maxLength });
    if (min !== undefined && max !== undefined && min > max) say(out, "min_length must not be greater than max_length", `${pointer}/min_length`);
    stringField(element, "initial_value", pointer, out, { max: max ?? LIMITS.plainTextInput.maxLength });
    booleanField(element, "multiline", pointer, out);
    dispatchConfig(element, pointer, out);
    placeholder(element, pointer, out);
  },
};

const simpleInput = (extra: readonly string[], check?: (element: Json, pointer: string, out: Problems) => void): ElementRule => ({
  props: [...TYPED, ...extra],
  containers: ["input"],
  surfaces: ["modal"],
  check(element, pointer, out) {
    stringField(element, "initial_value", pointer, out);
    dispatchConfig(element, pointer, out);
    placeholder(element, pointer, out);
    check?.(element, pointer, out);
  },
});

const picker = (props: readonly string[], containers: ElementRule["containers"], surfaces: ElementRule["surfaces"], check: (element: Json, pointer: string, out: Problems) => void): ElementRule => ({
  props: ["action_id", "confirm", "focus_on_load", ...props],
  containers,
  surfaces,
  check(element, pointer, out) {
    check(element, pointer, out);
    confirmField(element, pointer, out);
  },
});

export const INPUT_ELEMENTS: Record<string, ElementRule> = {
  plain_text_input: plainTextInput,
  email_text_input: simpleInput([]),
  url_text_input: simpleInput([]),
  // https://docs.slack.dev/reference/block-kit/block-elements/number-input-element: is_decimal_allowed is required.
  number_input: simpleInput(["is_decimal_allowed", "min_value", "max_value"], (element, pointer, out) => {
    if (element.is_decimal_allowed === undefined) say(out, WORDS.missing("is_decimal_allowed"), pointer);
    booleanField(element, "is_decimal_allowed", pointer, out);
    stringField(element, "min_value", pointer, out);
    stringField(element, "max_value", pointer, out);
  }),
  // https://docs.slack.dev/reference/block-kit/block-elements/rich-text-input-element
  rich_text_input: {
    props: ["action_id", "initial_value", "dispatch_action_config", "focus_on_load", "placeholder"],
    containers: ["input", "actions"],
    surfaces: ["modal", "home"],
    check(element, pointer, out) {
      if (element.initial_value !== undefined && (!isRecord(element.initial_value) || element.initial_value.type !== "rich_text")) {
        say(out, WORDS.unsupported(isRecord(element.initial_value) ? element.initial_value.type : typeof element.initial_value), `${pointer}/initial_value`);
      }
      dispatchConfig(element, pointer, out);
      placeholder(element, pointer, out);
    },
  },
  // https://docs.slack.dev/reference/block-kit/block-elements/file-input-element: max_files 1–10.
  file_input: {
    props: ["action_id", "filetypes", "max_files"],
    containers: ["input"],
    surfaces: ["modal"],
    check(element, pointer, out) {
      arrayField(element, "filetypes", pointer, out);
      integerField(element, "max_files", pointer, out, { min: 1, max: LIMITS.fileInput.maxFiles });
    },
  },
  // https://docs.slack.dev/reference/block-kit/block-elements/date-picker-element: initial_date "YYYY-MM-DD".
  datepicker: picker(["initial_date", "placeholder"], ["section", "actions", "input"], ["message", "modal", "home"], (element, pointer, out) => {
    stringField(element, "initial_date", pointer, out, { pattern: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/ });
    placeholder(element, pointer, out);
  }),
  // https://docs.slack.dev/reference/block-kit/block-elements/time-picker-element: initial_time "HH:mm", IANA timezone.
  timepicker: picker(["initial_time", "placeholder", "timezone"], ["section", "actions", "input"], ["message", "modal", "home"], (element, pointer, out) => {
    stringField(element, "initial_time", pointer, out, { pattern: /^([01]\d|2[0-3]):[0-5]\d$/ });
    stringField(element, "timezone", pointer, out);
    placeholder(element, pointer, out);
  }),
  // https://docs.slack.dev/reference/block-kit/block-elements/datetime-picker-element: a UNIX timestamp in seconds, ten digits.
  datetimepicker: picker(["initial_date_time"], ["actions", "input"], ["message", "modal"], (element, pointer, out) => {
    integerField(element, "initial_date_time", pointer, out, { min: 1_000_000_000, max: 9_999_999_999 });
  }),
};
