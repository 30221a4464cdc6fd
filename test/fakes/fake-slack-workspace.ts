import { checkMessage, checkView, refusalBody } from "./block-kit/index.ts";

// What the fake Slack knows about its workspace (channels, the bot's membership, posted messages,
// open views) and how each Web API method answers, refusals included, as Slack documents them:
// https://docs.slack.dev/reference/methods/chat.postMessage (errors: channel_not_found,
// not_in_channel, is_archived, msg_too_long, no_text, invalid_blocks),
// https://docs.slack.dev/reference/methods/chat.update (message_not_found, cant_update_message),
// https://docs.slack.dev/reference/methods/views.open (invalid_arguments, expired_trigger_id).

export type Reply = Record<string, unknown> & { ok: boolean };
type Body = Record<string, unknown>;

export interface ChannelState {
  /** The bot has been invited. */
  member: boolean;
  archived?: boolean;
}

/** Channels every test workspace has, with the bot invited: the case channel and the ward channel commands come from. */
export const DEFAULT_CHANNELS: Record<string, ChannelState> = {
  C0CASES001: { member: true },
  C0WARD0001: { member: true },
};

/** A file the app uploaded: issued, its bytes received, completed into a channel. */
export interface AppUpload {
  id: string;
  filename: string;
  length: number;
  bytes: Buffer | null;
  completed: boolean;
  title?: string;
  channelId?: unknown;
  comment?: unknown;
}

interface PostedMessage {
  channel: string;
  ts: string;
  text: unknown;
  blocks: unknown;
  threadTs?: string;
  /** Message metadata as posted (https://docs.slack.dev/messaging/message-metadata). */
  metadata?: unknown;
}

/** A message ts as a number of microseconds, for ordering and the oldest/latest bounds (exact, unlike a float). */
const tsKey = (ts: string): bigint => {
  const [seconds = "0", micros = "0"] = ts.split(".");
  return BigInt(seconds) * 1_000_000n + BigInt(micros.padEnd(6, "0").slice(0, 6));
};

/** Slack's metadata shape: a string event_type and an object event_payload, else invalid_metadata_format. */
function metadataRefusal(metadata: unknown): Reply | null {
  if (metadata === undefined) return null;
  const shape = metadata as { event_type?: unknown; event_payload?: unknown } | null;
  if (!shape || typeof shape !== "object" || typeof shape.event_type !== "string" || !shape.event_payload || typeof shape.event_payload !== "object") {
    return { ok: false, error: "invalid_metadata_format" };
  }
  return null;
}

const refusal = (error: string, detail: string[] = []): Reply =>
  detail.length > 0 ? { ok: false, error, errors: detail, response_metadata: { messages: detail.map((line) => `[ERROR] ${line}`) } } : { ok: false, error };


/** A direct message: to a user id (Slack opens the app's DM with them) or an IM channel. */
const isDirect = (channel: string) => /^[UWD]/.test(channel);

export function createFakeWorkspace(options: { channels?: Record<string, ChannelState>; baseUrl: () => string }) {
  const channels = new Map(Object.entries({ ...DEFAULT_CHANNELS, ...options.channels }).map(([id, state]) => [id, { ...state }]));
  const messages = new Map<string, PostedMessage>();
  /** Files the app uploads (files.getUploadURLExternal, the upload, files.completeUploadExternal). */
  const uploads = new Map<string, AppUpload>();
  /** Files people uploaded through a form's file_input, served by files.info and their download URL. */
  const userFiles = new Map<string, { info: Record<string, unknown>; bytes: Buffer }>();
  let counter = 0;
  const next = () => {
    counter += 1;
    return counter;
  };

  /** null when the bot may post in `channel`, else Slack's refusal. */
  function channelRefusal(channel: unknown): Reply | null {
    if (typeof channel !== "string" || channel === "") return refusal("channel_not_found");
    if (isDirect(channel)) return null;
    const state = channels.get(channel);
    if (!state) return refusal("channel_not_found");
    if (state.archived) return refusal("is_archived");
    if (!state.member) return refusal("not_in_channel");
    return null;
  }

  function postMessage(body: Body): Reply {
    const refused = channelRefusal(body.channel) ?? messageRefusal(body) ?? metadataRefusal(body.metadata);
    if (refused) return refused;
    // Real time, as Slack's are, so conversations.history's oldest bound means what it means in Slack.
    const ts = `${Math.floor(Date.now() / 1000)}.${String(next()).padStart(6, "0")}`;
    const channel = isDirect(String(body.channel)) ? `D${String(body.channel).slice(1)}` : String(body.channel);
    messages.set(`${channel}/${ts}`, {
      channel,
      ts,
      text: body.text,
      blocks: body.blocks,
      ...(body.thread_ts ? { threadTs: String(body.thread_ts) } : {}),
      ...(body.metadata !== undefined ? { metadata: body.metadata } : {}),
    });
    return { ok: true, channel, ts, message: { text: body.text, ...(body.blocks ? { blocks: body.blocks } : {}) } };
  }

  function update(body: Body): Reply {
    const refused = channelRefusal(body.channel) ?? messageRefusal(body);
    if (refused) return refused;
    const key = `${body.channel}/${body.ts}`;
    const existing = messages.get(key);
    if (!existing) return refusal("message_not_found");
    messages.set(key, { ...existing, text: body.text, blocks: body.blocks });
    return { ok: true, channel: body.channel, ts: body.ts, text: body.text };
  }

  /** The bot may read `channel`'s history (a DM, or a channel it is in); else Slack's refusal. */
  function historyRefusal(channel: unknown): Reply | null {
    if (typeof channel !== "string" || channel === "") return refusal("channel_not_found");
    if (/^D/.test(channel)) return null;
    const state = channels.get(channel);
    if (!state) return refusal("channel_not_found");
    if (!state.member) return refusal("not_in_channel");
    return null;
  }

  /** A page of `list` from the cursor (an offset), with Slack's has_more and next_cursor. */
  function page(list: PostedMessage[], body: Body, defaultLimit: number, maxLimit: number): Reply {
    const requested = Number(body.limit ?? defaultLimit);
    const limit = Math.min(maxLimit, Math.max(1, Number.isFinite(requested) ? Math.floor(requested) : defaultLimit));
    let offset = 0;
    if (body.cursor !== undefined && body.cursor !== "") {
      const decoded = /^offset:(\d+)$/.exec(Buffer.from(String(body.cursor), "base64").toString("utf8"));
      if (!decoded) return refusal("invalid_cursor");
      offset = Number(decoded[1]);
    }
    const slice = list.slice(offset, offset + limit);
    const hasMore = offset + limit < list.length;
    const withMetadata = body.include_all_metadata === true || body.include_all_metadata === "true" || body.include_all_metadata === "1";
    return {
      ok: true,
      messages: slice.map((message) => ({
        type: "message",
        bot_id: "B0BOT0001",
        ts: message.ts,
        text: message.text,
        ...(message.blocks ? { blocks: message.blocks } : {}),
        ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
        // Slack returns metadata only when asked (include_all_metadata).
        ...(withMetadata && message.metadata !== undefined ? { metadata: message.metadata } : {}),
      })),
      has_more: hasMore,
      ...(hasMore ? { response_metadata: { next_cursor: Buffer.from(`offset:${offset + limit}`).toString("base64") } } : {}),
    };
  }

  /** Whether `ts` is inside the oldest/latest bounds (exclusive unless `inclusive`). */
  function inRange(ts: string, body: Body): boolean {
    const key = tsKey(ts);
    const inclusive = body.inclusive === true || body.inclusive === "true" || body.inclusive === "1";
    if (body.oldest !== undefined && body.oldest !== "" && (inclusive ? key < tsKey(String(body.oldest)) : key <= tsKey(String(body.oldest)))) return false;
    if (body.latest !== undefined && body.latest !== "" && (inclusive ? key > tsKey(String(body.latest)) : key >= tsKey(String(body.latest)))) return false;
    return true;
  }

  /** conversations.history: the channel's own messages (not thread replies), newest first; limit at most 999. */
  function history(body: Body): Reply {
    const refused = historyRefusal(body.channel);
    if (refused) return refused;
    const list = [...messages.values()]
      .filter((message) => message.channel === body.channel && !message.threadTs && inRange(message.ts, body))
      .sort((a, b) => (tsKey(b.ts) > tsKey(a.ts) ? 1 : -1));
    return page(list, body, 100, 999);
  }

  /** conversations.replies: the parent first, then its replies oldest first; limit at most 1,000. */
  function replies(body: Body): Reply {
    const refused = historyRefusal(body.channel);
    if (refused) return refused;
    const parent = messages.get(`${body.channel}/${body.ts}`);
    if (typeof body.ts !== "string" || !parent) return refusal("thread_not_found");
    const thread = [...messages.values()]
      .filter((message) => message.channel === body.channel && message.threadTs === body.ts && inRange(message.ts, body))
      .sort((a, b) => (tsKey(a.ts) > tsKey(b.ts) ? 1 : -1));
    return page([parent, ...thread], body, 1000, 1000);
  }

  function postEphemeral(body: Body): Reply {
    if (typeof body.user !== "string" || body.user === "") return refusal("user_not_found");
    const refused = channelRefusal(body.channel) ?? messageRefusal(body);
    if (refused) return refused;
    return { ok: true, message_ts: `1700000000.${String(next()).padStart(6, "0")}` };
  }

  function view(body: Body, needsTrigger: boolean): Reply {
    if (needsTrigger && (typeof body.trigger_id !== "string" || body.trigger_id === "")) return refusal("invalid_trigger_id");
    if (!needsTrigger && !body.view_id && !body.external_id && !body.user_id) return refusal("invalid_arguments", ["must provide view_id or external_id [json-pointer:/view_id]"]);
    const refused = checkView(body.view);
    // Slack lists a view's problems only under response_metadata.messages.
    if (refused) return refusalBody(refused, "view") as Reply;
    return { ok: true, view: { id: typeof body.view_id === "string" ? body.view_id : `V${String(next()).padStart(8, "0")}`, ...(body.view as object) } };
  }

  return {
    channels,
    messages,
    uploads,
    /** Takes an upload's bytes at its upload URL: false for an id Slack never issued, or bytes of another length. */
    receiveUpload(id: string, bytes: Buffer): boolean {
      const upload = uploads.get(id);
      if (!upload || upload.bytes || bytes.length !== upload.length) return false;
      upload.bytes = bytes;
      return true;
    },
    /** A file a person uploaded in a form: its file_input state object, as the view_submission carries it. */
    addUserFile(name: string, content: string | Buffer, filetype = "csv"): Record<string, unknown> {
      const id = `F0USER${String(next()).padStart(4, "0")}`;
      const bytes = Buffer.isBuffer(content) ? content : Buffer.from(content, "utf8");
      const info = {
        id,
        name,
        title: name,
        filetype,
        mimetype: filetype === "csv" ? "text/csv" : "application/octet-stream",
        size: bytes.length,
        url_private: `${options.baseUrl()}/files-pri/T0TEAM001-${id}/${encodeURIComponent(name)}`,
        url_private_download: `${options.baseUrl()}/files-pri/T0TEAM001-${id}/download/${encodeURIComponent(name)}`,
      };
      userFiles.set(id, { info, bytes });
      return info;
    },
    /** The bytes behind a private download URL path, or null. */
    userFileAt(path: string): Buffer | null {
      const match = /^\/files-pri\/T0TEAM001-(F0USER\d+)\/download\//.exec(path);
      return match ? (userFiles.get(match[1]!)?.bytes ?? null) : null;
    },
    /** Answers one Web API method as Slack would. */
    answer(method: string, body: Body): Reply {
      switch (method) {
        case "apps.connections.open":
          // Only an app-level token opens a socket (https://docs.slack.dev/reference/methods/apps.connections.open).
          return refusal("not_allowed_token_type");
        case "auth.test":
          return { ok: true, user_id: "U0BOT0001", bot_id: "B0BOT0001", team_id: "T0TEAM001", user: "patient-relations", url: "https://hospital.slack.test/" };
        case "views.open":
        case "views.push":
          return view(body, true);
        case "views.update":
          return view(body, false);
        case "views.publish":
          if (typeof body.user_id !== "string") return refusal("invalid_arguments", ["missing required field: user_id [json-pointer:/user_id]"]);
          return view(body, false);
        case "chat.postMessage":
          return postMessage(body);
        case "chat.update":
          return update(body);
        case "chat.postEphemeral":
          return postEphemeral(body);
        case "conversations.info": {
          const state = channels.get(String(body.channel));
          if (!state) return refusal("channel_not_found");
          return { ok: true, channel: { id: body.channel, is_member: state.member, is_archived: state.archived === true } };
        }
        case "files.getUploadURLExternal": {
          // https://docs.slack.dev/reference/methods/files.getUploadURLExternal: filename and length (bytes) are required.
          const length = Number(body.length);
          if (typeof body.filename !== "string" || body.filename === "") return refusal("invalid_arguments", ["missing required field: filename"]);
          if (!Number.isInteger(length) || length <= 0) return refusal("invalid_arguments", ["length must be a positive integer"]);
          const id = `F${next()}`;
          uploads.set(id, { id, filename: body.filename, length, bytes: null, completed: false });
          return { ok: true, upload_url: `${options.baseUrl()}/upload/${id}`, file_id: id };
        }
        case "files.completeUploadExternal": {
          // Every file must have been issued an upload URL and had its bytes sent there; each completes once.
          const files = body.files as { id?: unknown; title?: unknown }[] | undefined;
          if (!Array.isArray(files) || files.length === 0) return refusal("invalid_arguments", ["missing required field: files"]);
          const refused = body.channel_id ? channelRefusal(body.channel_id) : null;
          if (refused) return refused;
          const found = files.map((file) => uploads.get(String(file.id)));
          if (found.some((upload) => !upload?.bytes || upload.completed)) return refusal("file_not_found");
          found.forEach((upload, index) => {
            Object.assign(upload!, { completed: true, title: typeof files[index]!.title === "string" ? files[index]!.title : upload!.filename, channelId: body.channel_id, comment: body.initial_comment });
          });
          return { ok: true, files: files.map((file) => ({ id: file.id, title: file.title })) };
        }
        case "files.info": {
          const file = userFiles.get(String(body.file));
          if (!file) return refusal("file_not_found");
          return { ok: true, file: file.info };
        }
        case "conversations.history":
          return history(body);
        case "conversations.replies":
          return replies(body);
        case "conversations.open":
          return { ok: true, channel: { id: `D${String(body.users).slice(1)}` } };
        case "chat.getPermalink":
          return { ok: true, channel: body.channel, permalink: `https://hospital.slack.test/archives/${body.channel}/p${String(body.message_ts).replace(".", "")}` };
        default:
          return { ok: true };
      }
    },
    /** A message sent to a response_url: the same Block Kit rules as chat.postMessage. */
    answerResponseUrl(body: Body): Reply {
      return messageRefusal(body) ?? { ok: true };
    },
  };
}

function messageRefusal(body: Body): Reply | null {
  const found = checkMessage({ text: body.text, blocks: body.blocks });
  return found ? (refusalBody(found, "message") as Reply) : null;
}

export type FakeWorkspace = ReturnType<typeof createFakeWorkspace>;
