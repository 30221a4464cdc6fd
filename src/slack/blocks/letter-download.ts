import type { CaseMessage } from "./case-card.ts";

// What someone pressing Download PDF / Download text is told, privately. The file goes to their
// direct messages with the app (it names the patient), which they may not be looking at: say so at
// once, and say plainly when it did not arrive.

export interface LetterDownload {
  format: "pdf" | "txt";
  caseNumber: string;
  version: number;
}

const what = ({ format, caseNumber, version }: LetterDownload) => `the ${format === "pdf" ? "PDF" : "text file"} of letter v${version} for ${caseNumber}`;
const button = (format: LetterDownload["format"]) => (format === "pdf" ? "Download PDF" : "Download text");
const message = (text: string, icon: string): CaseMessage => ({ text, blocks: [{ type: "section", text: { type: "mrkdwn", text: `${icon} ${text}` } }] });

/** Said before the file is made: where it is going. */
export function downloadSending(download: LetterDownload): CaseMessage {
  return message(`Sending ${what(download)} to you in a direct message from the app (under Apps in Slack's sidebar). It is not posted here because the letter names the patient.`, ":outbox_tray:");
}

/** Said when the file could not be made or Slack did not take the upload. */
export function downloadFailed(download: LetterDownload): CaseMessage {
  return message(
    `Sorry, ${what(download)} could not be sent: nothing arrived in your direct messages, and nothing was shared anywhere else. Press *${button(download.format)}* again in a minute; if it keeps failing, tell your patient-relations manager.`,
    ":warning:",
  );
}
