import type { WebClient } from "@slack/web-api";
import type { OutboxEntry } from "../cases/case.ts";
import type { Logger } from "../lib/logger.ts";
import { channelMessageOutbox } from "../outbox/channel-message.ts";
import { slackErrorCode } from "./slack-errors.ts";

// At start-up the app checks each channel it is configured to post in, so "the bot is not in
// #patient-relations" is said once, in words, instead of as refused posts later.
// conversations.info answers is_member and is_archived for the bot
// (https://docs.slack.dev/reference/methods/conversations.info; scopes channels:read, groups:read).

/** A channel the app posts in, and which setting names it. */
export interface ConfiguredChannel {
  id: string;
  setting: string;
}

export type ChannelProblemKind = "not_in_channel" | "channel_not_found" | "is_archived" | "not_checked";

export interface ChannelProblem extends ConfiguredChannel {
  problem: ChannelProblemKind;
  /** Slack's error code when the check itself could not run. */
  code?: string;
}

/** Channels the app cannot post in; empty when every channel is fine. */
export async function checkChannels(client: WebClient, channels: readonly ConfiguredChannel[]): Promise<ChannelProblem[]> {
  const unique = [...new Map(channels.map((channel) => [channel.id, channel])).values()];
  const results = await Promise.all(
    unique.map(async (channel): Promise<ChannelProblem | null> => {
      try {
        const info = await client.conversations.info({ channel: channel.id });
        if (info.channel?.is_archived) return { ...channel, problem: "is_archived" };
        if (info.channel?.is_member === false) return { ...channel, problem: "not_in_channel" };
        return null;
      } catch (error) {
        const code = slackErrorCode(error);
        if (code === "channel_not_found") return { ...channel, problem: "channel_not_found" };
        return { ...channel, problem: "not_checked", code: code ?? "unreachable" };
      }
    }),
  );
  return results.filter((result): result is ChannelProblem => result !== null);
}

/** One plain sentence per problem, naming the channel, the setting and the fix. */
export function channelProblemSentence(problem: ChannelProblem): string {
  const where = `channel ${problem.id} (${problem.setting})`;
  switch (problem.problem) {
    case "not_in_channel":
      return `The app is not in ${where}: type /invite @Patient Relations in that channel, or nothing can be posted there.`;
    case "channel_not_found":
      return `The app cannot find ${where}: check the channel ID (channel name → About → Channel ID), and invite the app if the channel is private.`;
    case "is_archived":
      return `${where[0]!.toUpperCase()}${where.slice(1)} is archived: unarchive it or set another channel.`;
    case "not_checked":
      return `Could not check ${where} (${problem.code}): ${problem.code === "missing_scope" ? "reinstall the app from manifest.yml so it has the channels:read and groups:read scopes." : "Slack did not answer; posts will be retried."}`;
  }
}

/** Checks the channels, logs each problem, and tells the admins privately (once a day per channel and problem). */
export async function reportChannelProblems(options: {
  client: WebClient;
  channels: readonly ConfiguredChannel[];
  admins: readonly string[];
  enqueue: (posts: OutboxEntry[]) => Promise<number>;
  logger: Logger;
  today: string;
}): Promise<ChannelProblem[]> {
  const problems = await checkChannels(options.client, options.channels);
  for (const problem of problems) options.logger.warn({ channel: problem.id, setting: problem.setting, problem: problem.problem, code: problem.code }, channelProblemSentence(problem));
  const worthTelling = problems.filter((problem) => problem.problem !== "not_checked" || problem.code === "missing_scope");
  await options.enqueue(
    worthTelling.flatMap((problem) => {
      const text = `:warning: ${channelProblemSentence(problem)}`;
      const message = { text, blocks: [{ type: "section", text: { type: "mrkdwn", text } }] };
      return options.admins.flatMap((admin) => channelMessageOutbox(`channel-check:${problem.id}:${problem.problem}:${options.today}:${admin}`, admin, [message]));
    }),
  );
  return problems;
}
