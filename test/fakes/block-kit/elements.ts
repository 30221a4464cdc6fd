import { CHOICE_ELEMENTS } from "./choices.ts";
import { confirmField, textField } from "./composition.ts";
import { INPUT_ELEMENTS } from "./inputs.ts";
import { LIMITS } from "./limits.ts";
import { allowOnly, enumField, isRecord, type Json, type Problems, say, stringField, WORDS } from "./report.ts";

// Block elements: which block may hold which element on which surface, and each element's fields.
// https://docs.slack.dev/reference/block-kit/block-elements ("Available in surfaces" / "Works with block types").

export type Surface = "message" | "modal" | "home";
/** The block kinds that hold elements. */
export type Container = "section" | "actions" | "input" | "context";

export interface ElementRule {
  /** Fields besides `type`; any other is refused, as Slack refuses unknown properties. */
  props: readonly string[];
  containers: readonly Container[];
  surfaces: readonly Surface[];
  check?: (element: Json, pointer: string, out: Problems) => void;
}

/** https://docs.slack.dev/reference/block-kit/block-elements/button-element: text 75 (plain_text), value 2000, url 3000, style primary or danger. */
const button: ElementRule = {
  props: ["text", "action_id", "url", "value", "style", "confirm", "accessibility_label"],
  containers: ["section", "actions"],
  surfaces: ["message", "modal", "home"],
  check(element, pointer, out) {
    textField(element, "text", pointer, out, { required: true, plain: true, max: LIMITS.button.text });
    stringField(element, "value", pointer, out, { max: LIMITS.button.value });
    stringField(element, "url", pointer, out, { max: LIMITS.button.url });
    enumField(element, "style", pointer, out, ["primary", "danger"]);
    stringField(element, "accessibility_label", pointer, out, { max: LIMITS.button.accessibilityLabel });
    confirmField(element, pointer, out);
  },
};

/** An image as given by URL or by Slack file; shared by the image element and the image block. */
export function imageSource(value: Json, pointer: string, out: Problems): void {
  if (value.image_url === undefined && value.slack_file === undefined) say(out, WORDS.missing("image_url"), pointer);
  if (value.image_url !== undefined && value.slack_file !== undefined) say(out, "must provide either image_url or slack_file, not both", pointer);
  stringField(value, "image_url", pointer, out, { max: LIMITS.image.url });
  if (value.slack_file !== undefined && !isRecord(value.slack_file)) say(out, "must provide an object", `${pointer}/slack_file`);
  stringField(value, "alt_text", pointer, out, { required: true, max: LIMITS.image.altText });
}

/** https://docs.slack.dev/reference/block-kit/block-elements/image-element */
const image: ElementRule = {
  props: ["image_url", "slack_file", "alt_text"],
  containers: ["section", "context"],
  surfaces: ["message", "modal", "home"],
  check: imageSource,
};

/** https://docs.slack.dev/reference/block-kit/block-elements/workflow-button-element: messages only. */
const workflowButton: ElementRule = {
  props: ["text", "workflow", "action_id", "style", "accessibility_label"],
  containers: ["section", "actions"],
  surfaces: ["message"],
  check(element, pointer, out) {
    textField(element, "text", pointer, out, { required: true, plain: true, max: LIMITS.button.text });
    if (!isRecord(element.workflow)) say(out, WORDS.missing("workflow"), pointer);
    enumField(element, "style", pointer, out, ["primary", "danger"]);
    stringField(element, "accessibility_label", pointer, out, { max: LIMITS.button.accessibilityLabel });
  },
};

const ELEMENTS: Record<string, ElementRule> = { button, image, workflow_button: workflowButton, ...CHOICE_ELEMENTS, ...INPUT_ELEMENTS };

/** Element types an input block can hold (for the "element of an input-capable type" rule). */
export const INPUT_ELEMENT_TYPES = Object.keys(ELEMENTS).filter((type) => ELEMENTS[type]?.containers.includes("input"));

/** Checks one element held by `container` on `surface`; returns its action_id, if any, for the uniqueness rule. */
export function checkElement(value: unknown, pointer: string, out: Problems, where: { container: Container; surface: Surface }): string | undefined {
  if (!isRecord(value)) {
    say(out, "must provide an object", pointer);
    return undefined;
  }
  const rule = typeof value.type === "string" ? ELEMENTS[value.type] : undefined;
  if (!rule?.containers.includes(where.container) || !rule.surfaces.includes(where.surface)) {
    say(out, WORDS.unsupported(value.type), `${pointer}/type`);
    return undefined;
  }
  allowOnly(value, ["type", ...rule.props], pointer, out);
  const actionId = stringField(value, "action_id", pointer, out, { max: LIMITS.id });
  rule.check?.(value, pointer, out);
  return actionId;
}
