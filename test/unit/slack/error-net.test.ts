import { Writable } from "node:stream";
import type { WebClient } from "@slack/web-api";
import { describe, expect, it } from "vitest";
import { AppError, ErrorCode } from "../../../src/lib/errors.ts";
import { createLogger } from "../../../src/lib/logger.ts";
import { answerError, submissionSurface } from "../../../src/slack/listeners/error-net.ts";

// The one error net: an AppError's message as it is, anything else logged by ids and answered
// with the safe sentence, on each surface a listener answers on.

const SAFE = "Something went wrong and nothing was changed. Try again; if it keeps happening, tell your patient-relations manager.";
const TAKEN = new AppError(ErrorCode.conflict, "PR-2026-0001 is already assigned to <@U0OWNER001>.");
const UNKNOWN = Object.assign(new Error("duplicate key value violates unique constraint: patient Jane Roe"), { code: "P2002" });

function logs() {
  const lines: string[] = [];
  const logger = createLogger(
    "info",
    new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    }),
  );
  return { logger, lines };
}

function recordingAck() {
  const acks: unknown[] = [];
  return { acks, ack: async (response?: unknown) => void acks.push(response) };
}

/** Just the two calls tellPrivately makes; `refuseEphemeral` plays a channel the app is not in. */
function fakeClient(refuseEphemeral = false) {
  const calls: { method: string; args: Record<string, unknown> }[] = [];
  const client = {
    chat: {
      postEphemeral: async (args: Record<string, unknown>) => {
        calls.push({ method: "postEphemeral", args });
        if (refuseEphemeral) throw new Error("channel_not_found");
        return { ok: true };
      },
      postMessage: async (args: Record<string, unknown>) => {
        calls.push({ method: "postMessage", args });
        return { ok: true };
      },
    },
  };
  return { calls, client: client as unknown as WebClient };
}

describe("answerError", () => {
  it("shows an AppError inline on the form's block, as plain text (a mention would show as markup)", async () => {
    const { logger, lines } = logs();
    const { ack, acks } = recordingAck();
    await answerError(submissionSurface(ack, "new_owner"), TAKEN, logger, { caseId: "c1" });
    expect(acks).toEqual([{ response_action: "errors", errors: { new_owner: "PR-2026-0001 is already assigned to another user." } }]);
    expect(lines).toEqual([]);
  });

  it("replaces a confirmation modal (no block) with a Not done view that keeps the mention", async () => {
    const { logger } = logs();
    const { ack, acks } = recordingAck();
    await answerError(submissionSurface(ack, ""), TAKEN, logger, { caseId: "c1" });
    expect(acks).toHaveLength(1);
    const response = acks[0] as { response_action: string; view: { title: { text: string }; blocks: { text: { text: string } }[] } };
    expect(response.response_action).toBe("update");
    expect(response.view.title.text).toBe("Not done");
    expect(response.view.blocks[0]!.text.text).toBe(":warning: PR-2026-0001 is already assigned to <@U0OWNER001>.");
  });

  it("tells a button press privately: ephemeral in the channel, else a direct message", async () => {
    const { logger } = logs();
    const inChannel = fakeClient();
    await answerError({ kind: "private", client: inChannel.client, userId: "U0NURSE01", channelId: "C0WARD0001" }, TAKEN, logger, {});
    expect(inChannel.calls.map((call) => [call.method, call.args.channel, call.args.text])).toEqual([["postEphemeral", "C0WARD0001", TAKEN.userMessage]]);

    const notInChannel = fakeClient(true);
    await answerError({ kind: "private", client: notInChannel.client, userId: "U0NURSE01", channelId: "C0WARD0001" }, TAKEN, logger, {});
    expect(notInChannel.calls.map((call) => [call.method, call.args.channel])).toEqual([
      ["postEphemeral", "C0WARD0001"],
      ["postMessage", "U0NURSE01"],
    ]);
  });

  it("answers a command in its reply, and an unknown error with the safe sentence, logged by ids only", async () => {
    const { logger, lines } = logs();
    const replies: unknown[] = [];
    await answerError({ kind: "reply", reply: async (message) => replies.push(message) }, UNKNOWN, logger, { action: "search", caseId: "c1" });
    expect(replies).toEqual([{ text: SAFE, blocks: [{ type: "section", text: { type: "mrkdwn", text: `:warning: ${SAFE}` } }] }]);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 50, action: "search", caseId: "c1", error: { name: "Error", code: "P2002" } });
    expect(lines[0]).not.toContain("Jane Roe");
  });
});
