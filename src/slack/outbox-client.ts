import { type Logger as SlackLogger, WebClient, type WebAPICallResult } from "@slack/web-api";
import type { Logger } from "../lib/logger.ts";
import { errorSummary } from "../lib/errors.ts";
import { currentDelivery } from "../outbox/delivery-context.ts";
import { slackErrorCode } from "./slack-errors.ts";

// The Web API client the outbox delivers with. chat.postMessage is not idempotent: when its answer
// is lost (a timeout, a reset connection, a 5xx after Slack took the message) a blind retry posts
// the message twice. So every post made during an outbox delivery carries message metadata naming
// the outbox row and the post's place in that delivery
// (https://docs.slack.dev/messaging/message-metadata: `metadata: { event_type, event_payload }` on
// chat.postMessage), and an attempt after the first looks for that tag before posting: with
// conversations.history (conversations.replies for a thread reply), `include_all_metadata`, from
// shortly before the message was first tried
// (https://docs.slack.dev/reference/methods/conversations.history,
// https://docs.slack.dev/reference/methods/conversations.replies; scopes channels:history,
// groups:history, im:history). Found: its ts is the answer, as if the post had just succeeded.
// The client itself neither retries nor sleeps on a rate limit: the outbox owns retries, with
// backoff and Retry-After, so one delivery never holds a lane for minutes.

/** The metadata event type of the app's own posts. */
export const POST_EVENT_TYPE = "patient_relations_post";

/** Slack's clock and ours may differ: the search starts this much before the first attempt. */
const CLOCK_SKEW_MS = 120_000;
/** Messages per page; conversations.history allows at most 999 (internal apps, Tier 3). */
const PAGE_SIZE = 200;
/** Pages read before concluding the post is not there (1,000 messages since the first attempt). */
const MAX_PAGES = 5;

interface HistoryMessage {
  ts?: string;
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
}

export interface OutboxClientOptions {
  token: string;
  slackApiUrl?: string | undefined;
  /** Per request, in milliseconds. */
  timeoutMs: number;
  logger: Logger;
  slackLogger: SlackLogger;
}

/** A post's tag: which outbox message, and which of its posts. */
type Tag = { outbox_id: string; part: number };

const isTagged = (message: HistoryMessage, tag: Tag) =>
  message.metadata?.event_type === POST_EVENT_TYPE &&
  String(message.metadata.event_payload?.outbox_id) === tag.outbox_id &&
  Number(message.metadata.event_payload?.part) === tag.part;

/** A DM addressed by user id lands in the app's IM with that user: the history to search is the IM's. */
const isUserId = (channel: string) => /^[UW]/.test(channel);

class OutboxWebClient extends WebClient {
  readonly #log: Logger;

  constructor(options: OutboxClientOptions) {
    super(options.token, {
      ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}),
      timeout: options.timeoutMs,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      logger: options.slackLogger,
    });
    this.#log = options.logger;
  }

  override async apiCall(method: string, options: Record<string, unknown> = {}): Promise<WebAPICallResult> {
    const delivery = method === "chat.postMessage" ? currentDelivery() : undefined;
    if (!delivery) return super.apiCall(method, options);
    const tag: Tag = { outbox_id: String(delivery.outboxId), part: delivery.nextPart() };
    if (delivery.mayHavePosted && typeof options.channel === "string") {
      const found = await this.#findTagged(options.channel, typeof options.thread_ts === "string" ? options.thread_ts : undefined, delivery.firstAttemptAt, tag);
      if (found) return found;
    }
    return super.apiCall(method, { ...options, metadata: { event_type: POST_EVENT_TYPE, event_payload: tag } });
  }

  /** The post an earlier attempt made, as chat.postMessage would have answered; null when it did not land (or cannot be looked for). */
  async #findTagged(channel: string, threadTs: string | undefined, since: Date, tag: Tag): Promise<WebAPICallResult | null> {
    try {
      const conversation = isUserId(channel)
        ? String(((await super.apiCall("conversations.open", { users: channel })) as { channel?: { id?: string } }).channel?.id ?? channel)
        : channel;
      const oldest = (Math.max(0, since.getTime() - CLOCK_SKEW_MS) / 1000).toFixed(6);
      const method = threadTs ? "conversations.replies" : "conversations.history";
      let cursor: string | undefined;
      for (let page = 0; page < MAX_PAGES; page += 1) {
        const result = (await super.apiCall(method, {
          channel: conversation,
          ...(threadTs ? { ts: threadTs } : {}),
          oldest,
          include_all_metadata: true,
          limit: PAGE_SIZE,
          ...(cursor ? { cursor } : {}),
        })) as WebAPICallResult & { messages?: HistoryMessage[] };
        const found = result.messages?.find((message) => isTagged(message, tag));
        if (found?.ts) {
          this.#log.info({ outboxId: tag.outbox_id, part: tag.part, method }, "an earlier attempt's post had landed; not posting it again");
          const answer: WebAPICallResult & { channel: string; ts: string; message: HistoryMessage } = { ok: true, channel: conversation, ts: found.ts, message: found };
          return answer;
        }
        cursor = result.response_metadata?.next_cursor || undefined;
        if (!cursor) return null;
      }
      this.#log.warn({ outboxId: tag.outbox_id, pages: MAX_PAGES }, "could not find an earlier attempt's post in the messages since; posting");
      return null;
    } catch (error) {
      // Slack answered and refused the look (not in the channel, a thread gone, a scope the
      // installation lacks): the post itself gets Slack's verdict. Anything else (a timeout, a 5xx,
      // a rate limit) leaves the outcome unknown: the outbox tries again later.
      const code = slackErrorCode(error);
      if (code === null || code === "ratelimited") throw error;
      this.#log.warn({ outboxId: tag.outbox_id, error: errorSummary(error), refusal: code }, "could not look for an earlier attempt's post; posting");
      return null;
    }
  }
}

/** The client outbox handlers post with: a timeout on every call, no retries inside, posts tagged and checked before a retry. */
export function createOutboxSlackClient(options: OutboxClientOptions): WebClient {
  return new OutboxWebClient(options);
}
