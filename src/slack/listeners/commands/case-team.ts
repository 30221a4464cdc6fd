import type { SlackDeps } from "../../slack-deps.ts";
import type { CaseMessage } from "../../blocks/case-card.ts";
import { TEAM_REPLY_MESSAGES, teamMessages } from "../../blocks/team-glance.ts";

/** /case team [YYYY-MM]: the team at a glance for the month, privately (managers and admins; others are refused). */
export async function runTeamCommand(deps: SlackDeps, month: string | undefined, userId: string, reply: (message: CaseMessage) => Promise<unknown>): Promise<void> {
  const glance = await deps.teamReports.report(userId, month);
  for (const message of teamMessages(glance, { workspaceUrl: deps.workspace.url, title: "Team at a glance", maxMessages: TEAM_REPLY_MESSAGES })) await reply(message);
}
