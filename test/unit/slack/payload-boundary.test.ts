import { describe, expect, it } from "vitest";
import { interactionKey } from "../../../src/slack/interaction-guard.ts";
import { parseCaseCommand } from "../../../src/slack/listeners/commands/parse-case-command.ts";
import { cleanPayload, envelopeProblem } from "../../../src/slack/payload-boundary.ts";
import { readFormState } from "../../../src/slack/forms/view-state.ts";
import { parseSlackBody, signatureProblem } from "../../../src/slack/request-guard.ts";
import { blockActionPayload, sign, SIGNING_SECRET, viewSubmissionPayload } from "../../fakes/signed-requests.ts";

describe("the payload boundary", () => {
  it.each([null, [], "x", 1, { event: null }, { event: { type: 1 } }, { actions: [] }, { type: "block_actions", actions: [{}], user: { id: "U1" } }, { command: "/case" }, { type: "view_submission", view: null }, { user: "U1" }, { channel: 5 }])(
    "names what is wrong with %j",
    (body) => {
      expect(envelopeProblem(body)).toEqual(expect.any(String));
    },
  );

  it("passes what Slack sends", () => {
    expect(envelopeProblem(blockActionPayload({ actionId: "case_assign_to_me", value: "{}", userId: "U0NURSE01" }))).toBeNull();
    expect(envelopeProblem(viewSubmissionPayload({ viewId: "V1", callbackId: "case_add_note", values: {} }))).toBeNull();
  });

  it("refuses a body nested deeper than any Slack payload", () => {
    let deep: unknown = "x";
    for (let i = 0; i < 200; i++) deep = [deep];
    expect(envelopeProblem({ type: "block_actions", state: { values: deep } })).toContain("deeply");
  });

  it("strips NUL and other control characters from every string, keys included, keeping tabs and new lines", () => {
    expect(cleanPayload({ "a\u0000": ["x\u0000y", { t: "one\ttwo\nthree\u0007\u009f\ud800" }], n: 1 })).toEqual({ a: ["xy", { t: "one\ttwo\nthree\ufffd" }], n: 1 });
  });

  it("strips them from form fields and command text too", () => {
    expect(readFormState({ b: { b: { value: "a\u0000b" } } }).b?.b?.value).toBe("ab");
    expect(parseCaseCommand("search \u0000parking")).toEqual({ kind: "search", text: "parking" });
  });
});

describe("interaction keys", () => {
  const view = (values: Record<string, unknown>, hash = "h1") => {
    const payload = viewSubmissionPayload({ viewId: "V0KEY", callbackId: "case_add_note", values: values as never });
    return { ...payload, view: { ...payload.view, hash } } as Record<string, unknown>;
  };

  it("keys a view submission on callback, view id, hash and what was submitted", () => {
    expect(interactionKey(view({ a: 1 }))).toBe(interactionKey(view({ a: 1 })));
    expect(interactionKey(view({ a: 1 }))).not.toBe(interactionKey(view({ a: 2 })));
    expect(interactionKey(view({ a: 1 }))).not.toBe(interactionKey(view({ a: 1 }, "h2")));
    expect(interactionKey(view({ a: 1 }))).toMatch(/^view:case_add_note:V0KEY:h1:/);
  });

  it("leaves the intake form to its own per-view idempotency", () => {
    expect(interactionKey(viewSubmissionPayload({ viewId: "V0KEY", values: {} }) as Record<string, unknown>)).toBeNull();
  });

  it("keys a block action on action id, action_ts and user, and a slash command on its trigger", () => {
    const click = blockActionPayload({ actionId: "case_assign_to_me", value: "{}", userId: "U0A", actionTs: "1.5" });
    expect(interactionKey(click as Record<string, unknown>)).toBe("action:case_assign_to_me:1.5:U0A");
    expect(interactionKey({ command: "/case", trigger_id: "t1", user_id: "U0A" })).toBe("command:t1");
    expect(interactionKey({ type: "event_callback", event: { type: "app_home_opened" } })).toBeNull();
  });
});

describe("request signatures", () => {
  const now = 1_800_000_000;
  const headers = (timestamp: number, body = "x=1") => ({ "x-slack-request-timestamp": String(timestamp), "x-slack-signature": sign(body, timestamp) });

  it("accepts five minutes either side of now and refuses beyond, in the past and the future", () => {
    expect(signatureProblem("x=1", headers(now - 300), SIGNING_SECRET, now)).toBeNull();
    expect(signatureProblem("x=1", headers(now + 300), SIGNING_SECRET, now)).toBeNull();
    expect(signatureProblem("x=1", headers(now - 301), SIGNING_SECRET, now)).toContain("window");
    expect(signatureProblem("x=1", headers(now + 301), SIGNING_SECRET, now)).toContain("window");
    expect(signatureProblem("x=2", headers(now), SIGNING_SECRET, now)).toContain("mismatch");
    expect(signatureProblem("x=1", { ...headers(now), "x-slack-request-timestamp": "1e9" }, SIGNING_SECRET, now)).toContain("malformed");
  });

  it("parses bodies as Bolt does, and says when it cannot", () => {
    expect(parseSlackBody("payload=null", "application/x-www-form-urlencoded")).toEqual({ body: null });
    expect(parseSlackBody("payload=%7B", "application/x-www-form-urlencoded")).toHaveProperty("problem");
    expect(parseSlackBody("a=1&a=2", "application/x-www-form-urlencoded")).toHaveProperty("problem");
    expect(parseSlackBody('{"a":1}', "application/json")).toEqual({ body: { a: 1 } });
  });
});
