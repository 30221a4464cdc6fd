import type { WebClient } from "@slack/web-api";
import { AppError, ErrorCode } from "../lib/errors.ts";
import type { CandidateNotifier } from "../surveys/surveys.ts";
import { candidateOfferMessage } from "./blocks/survey-import.ts";

// Files people upload through a form's file_input arrive as ids with a private download URL
// (https://docs.slack.dev/reference/block-kit/block-elements/file-input-element). The app reads
// them with its bot token (files:read), and sends that token only to Slack's own host: the Web
// API's (SLACK_API_URL) or one of its subdomains (files.slack.com for slack.com).

/** Whether `url` is on the Web API's host or a subdomain of it. */
export function isSlackHost(url: string, apiUrl: string): boolean {
  try {
    const target = new URL(url);
    const api = new URL(apiUrl);
    return target.protocol === api.protocol && (target.host === api.host || target.hostname.endsWith(`.${api.hostname}`));
  } catch {
    return false;
  }
}

/** Downloads an uploaded file by id (files.info, then its url_private_download), up to `maxBytes`. */
export async function downloadSlackFile(client: WebClient, fileId: string, maxBytes: number): Promise<Uint8Array> {
  const info = await client.files.info({ file: fileId });
  const file = info.file as { url_private_download?: string; size?: number; filetype?: string } | undefined;
  const url = file?.url_private_download;
  if (!url || !isSlackHost(url, client.slackApiUrl)) throw new AppError(ErrorCode.invalidInput, "Slack did not give a download address for that file. Upload it again.");
  if (typeof file.size === "number" && file.size > maxBytes) throw new AppError(ErrorCode.invalidInput, `The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB. Split it into smaller files.`);
  const response = await fetch(url, { headers: { authorization: `Bearer ${client.token ?? ""}` }, redirect: "manual" });
  if (response.status !== 200) throw new AppError(ErrorCode.invalidInput, `Slack refused the file download (HTTP ${response.status}). The app may need reinstalling with the files:read permission.`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.byteLength > maxBytes) throw new AppError(ErrorCode.invalidInput, `The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB. Split it into smaller files.`);
  return bytes;
}

/** Offers grievance candidates by DM: one message (of up to 20) per queued offer. */
export function createSlackCandidateNotifier(client: WebClient): CandidateNotifier {
  return {
    async offer(userId, offers) {
      await client.chat.postMessage({ channel: userId, ...candidateOfferMessage(offers) });
    },
  };
}
