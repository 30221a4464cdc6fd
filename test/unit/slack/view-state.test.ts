import { describe, expect, it } from "vitest";
import { chosen, formField, readFormState } from "../../../src/slack/forms/view-state.ts";

describe("action form state", () => {
  const state = readFormState({
    status: { status: { type: "radio_buttons", selected_option: { value: "acknowledged", text: { type: "plain_text", text: "Acknowledged" } } } },
    owner: { owner: { type: "users_select", selected_user: "U0OWNER001" } },
    reason: { reason: { type: "plain_text_input", value: "Family asked twice" } },
  });

  it("reads text, a choice and a user from Slack's view state", () => {
    expect(formField(state, "reason")?.value).toBe("Family asked twice");
    expect(formField(state, "owner")?.selected_user).toBe("U0OWNER001");
    expect(chosen(state, "status", ["new", "acknowledged"])).toBe("acknowledged");
  });

  it("reads a choice outside the options, or a missing field, as no choice", () => {
    expect(chosen(state, "status", ["new", "resolved"])).toBeUndefined();
    expect(chosen(readFormState({ kind: { kind: { selected_option: { value: "toString" } } } }), "kind", ["note", "step"])).toBeUndefined();
    expect(chosen(state, "missing", ["new"])).toBeUndefined();
  });

  it("reads a malformed payload as an empty form", () => {
    expect(readFormState({ status: { status: { selected_option: "acknowledged" } } })).toEqual({});
    expect(readFormState(undefined)).toEqual({});
  });
});
