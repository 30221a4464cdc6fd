import type { WebClient } from "@slack/web-api";
import type { ReportDelivery } from "../reports/reports.ts";

/** Reports and exports go to the requester's DM with the app, through Slack's upload flow (files.getUploadURLExternal, upload, files.completeUploadExternal). */
export function createSlackReportDelivery(client: WebClient): ReportDelivery {
  return {
    async sendPrivately(userId, files, comment) {
      const dm = await client.conversations.open({ users: userId });
      const channelId = dm.channel?.id;
      if (!channelId) throw new Error("conversations.open returned no channel");
      await client.files.uploadV2({
        channel_id: channelId,
        initial_comment: comment,
        file_uploads: files.map((file) => ({ file: typeof file.content === "string" ? Buffer.from(file.content, "utf8") : Buffer.from(file.content), filename: file.filename, title: file.title })),
      });
    },
  };
}
