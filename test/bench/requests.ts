import { CATEGORIES, DEFAULT_DEPARTMENTS, RECEIVED_VIA } from "../../src/cases/taxonomy.ts";
import { encodeIntakeMetadata } from "../../src/slack/forms/case-intake.form.ts";
import { interactiveBody, sign, slashCommandBody, viewSubmissionPayload } from "../fakes/signed-requests.ts";
import { intakeViewState } from "../fixtures/intake.ts";

// Signed Slack requests, built and signed before a run starts so the load generator only sends.

export interface PreparedRequest {
  body: string;
  headers: Record<string, string>;
  /** What the app's follow-up Slack call carries for this request: the trigger id or the view id. */
  key: string;
}

function signed(body: string, key: string): PreparedRequest {
  const timestamp = Math.floor(Date.now() / 1000);
  return {
    body,
    key,
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "content-length": String(Buffer.byteLength(body)),
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": sign(body, timestamp),
    },
  };
}

/** `/case <text>` from a nurse in a ward channel. */
export function slashCommands(text: string, count: number, responseUrl: string): PreparedRequest[] {
  return Array.from({ length: count }, () => {
    const body = slashCommandBody({ text, responseUrl });
    return signed(body, new URLSearchParams(body).get("trigger_id") ?? "");
  });
}

const pick = <T>(items: readonly T[], index: number): T => items[index % items.length]!;

/** Intake form submissions, each with its own view id (so each files one case), with varied fields. */
export function intakeSubmissions(count: number, tag: string): PreparedRequest[] {
  const now = Date.now();
  const privateMetadata = encodeIntakeMetadata({ originChannelId: "C0WARD0001" });
  return Array.from({ length: count }, (_, i) => {
    const values = intakeViewState({
      category: pick(CATEGORIES, i).id,
      department: pick(DEFAULT_DEPARTMENTS, i * 7),
      receivedVia: pick(RECEIVED_VIA, i * 3).id,
      severity: String(1 + (i % 3)),
      receivedAt: new Date(now - (1 + (i % 48)) * 3_600_000),
    });
    const viewId = `V${tag}${String(i).padStart(7, "0")}`;
    return signed(interactiveBody(viewSubmissionPayload({ viewId, values, privateMetadata })), viewId);
  });
}
