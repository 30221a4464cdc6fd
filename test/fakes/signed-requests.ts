import { createHmac } from "node:crypto";

// Builds requests exactly as Slack sends them to a Bolt HTTP endpoint: form-encoded bodies signed
// with the app's signing secret (v0 scheme, HMAC-SHA256 over "v0:<timestamp>:<body>").

export const SIGNING_SECRET = "test-signing-secret-0123456789";

export function sign(body: string, timestamp: number, secret = SIGNING_SECRET): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

export interface SendOptions {
  /** Seconds since the epoch to sign with (default: now). */
  timestamp?: number;
  secret?: string;
  /** Leave the signature headers off entirely. */
  unsigned?: boolean;
  /** Replace the signature with this value. */
  signature?: string;
  /** More headers, e.g. Slack's x-slack-retry-num on a retried delivery. */
  headers?: Record<string, string>;
}

/** POSTs a signed Slack request; returns status and parsed body (empty string when Slack-style empty ack). */
export async function sendToSlackEndpoint(url: string, body: string, options: SendOptions & { json?: boolean } = {}) {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = { "content-type": options.json ? "application/json" : "application/x-www-form-urlencoded", ...options.headers };
  if (!options.unsigned) {
    headers["x-slack-request-timestamp"] = String(timestamp);
    headers["x-slack-signature"] = options.signature ?? sign(body, timestamp, options.secret);
  }
  const response = await fetch(url, { method: "POST", headers, body });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: response.status, text, json: json as Record<string, unknown> | null };
}

export function slashCommandBody(fields: { text: string; userId?: string; channelId?: string; responseUrl: string }): string {
  return new URLSearchParams({
    token: "legacy-token-unused",
    team_id: "T0TEAM001",
    team_domain: "general-hospital",
    channel_id: fields.channelId ?? "C0WARD0001",
    channel_name: "ward-3",
    user_id: fields.userId ?? "U0NURSE01",
    user_name: "nurse",
    command: "/case",
    text: fields.text,
    api_app_id: "A0APP0001",
    is_enterprise_install: "false",
    response_url: fields.responseUrl,
    trigger_id: `trigger-${Math.random().toString(36).slice(2)}`,
  }).toString();
}

export function interactiveBody(payload: Record<string, unknown>): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export function messageShortcutPayload(fields: { text: string; userId?: string; channelId?: string; ts?: string }) {
  return {
    type: "message_action",
    token: "legacy-token-unused",
    action_ts: "1700000000.000100",
    team: { id: "T0TEAM001", domain: "general-hospital" },
    user: { id: fields.userId ?? "U0NURSE01", username: "nurse", team_id: "T0TEAM001", name: "nurse" },
    channel: { id: fields.channelId ?? "C0WARD0001", name: "ward-3" },
    is_enterprise_install: false,
    callback_id: "create_case_from_message",
    trigger_id: `trigger-${Math.random().toString(36).slice(2)}`,
    response_url: "http://127.0.0.1:9/unused",
    message_ts: fields.ts ?? "1700000000.000200",
    message: { type: "message", user: "U0FRONT01", ts: fields.ts ?? "1700000000.000200", text: fields.text },
  };
}

/** A view_submission payload for a modal whose state is `values`. */
export function viewSubmissionPayload(fields: {
  viewId: string;
  callbackId?: string;
  values: Record<string, Record<string, unknown>>;
  privateMetadata?: string;
  userId?: string;
}) {
  return {
    type: "view_submission",
    team: { id: "T0TEAM001", domain: "general-hospital" },
    user: { id: fields.userId ?? "U0NURSE01", username: "nurse", name: "nurse", team_id: "T0TEAM001" },
    api_app_id: "A0APP0001",
    token: "legacy-token-unused",
    trigger_id: `trigger-${Math.random().toString(36).slice(2)}`,
    is_enterprise_install: false,
    response_urls: [],
    view: {
      id: fields.viewId,
      team_id: "T0TEAM001",
      type: "modal",
      callback_id: fields.callbackId ?? "case_intake",
      private_metadata: fields.privateMetadata ?? "",
      hash: "1700000000.abcdef",
      title: { type: "plain_text", text: "New patient concern" },
      blocks: [],
      state: { values: fields.values },
      app_id: "A0APP0001",
      bot_id: "B0BOT0001",
      root_view_id: fields.viewId,
      previous_view_id: null,
      external_id: "",
      clear_on_close: false,
      notify_on_close: false,
    },
  };
}

let clicks = 0;

/** A block_actions payload: a button press (or overflow choice) on a message. */
export function blockActionPayload(fields: {
  actionId: string;
  value?: string;
  selectedOptionValue?: string;
  userId: string;
  channelId?: string;
  messageTs?: string;
  /** Slack gives every click its own action_ts; pass one to deliver the same click again. */
  actionTs?: string;
}) {
  const actionTs = fields.actionTs ?? `${Math.floor(Date.now() / 1000)}.${String(++clicks).padStart(6, "0")}`;
  const action = fields.selectedOptionValue
    ? { type: "overflow", action_id: fields.actionId, block_id: "case_actions", selected_option: { text: { type: "plain_text", text: "x" }, value: fields.selectedOptionValue }, action_ts: actionTs }
    : { type: "button", action_id: fields.actionId, block_id: "case_actions", text: { type: "plain_text", text: "x" }, value: fields.value, action_ts: actionTs };
  return {
    type: "block_actions",
    team: { id: "T0TEAM001", domain: "general-hospital" },
    user: { id: fields.userId, username: "user", name: "user", team_id: "T0TEAM001" },
    api_app_id: "A0APP0001",
    token: "legacy-token-unused",
    trigger_id: `trigger-${Math.random().toString(36).slice(2)}`,
    container: { type: "message", message_ts: fields.messageTs ?? "1700000000.000001", channel_id: fields.channelId ?? "C0CASES001", is_ephemeral: false },
    channel: { id: fields.channelId ?? "C0CASES001", name: "patient-relations" },
    message: { type: "message", ts: fields.messageTs ?? "1700000000.000001", text: "card", blocks: [] },
    response_url: "http://127.0.0.1:9/unused",
    is_enterprise_install: false,
    actions: [action],
    state: { values: {} },
  };
}

/** An Events API delivery (JSON body), e.g. app_home_opened. */
export function eventBody(event: Record<string, unknown>): string {
  return JSON.stringify({
    token: "legacy-token-unused",
    team_id: "T0TEAM001",
    api_app_id: "A0APP0001",
    event,
    type: "event_callback",
    event_id: `Ev${Math.random().toString(36).slice(2, 12).toUpperCase()}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: "T0TEAM001", user_id: "U0BOT0001", is_bot: true, is_enterprise_install: false }],
  });
}
