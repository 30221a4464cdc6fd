import type { SlackDeps } from "../../slack-deps.ts";
import type { CaseMessage } from "../../blocks/case-card.ts";
import { answerError } from "../error-net.ts";
import { notice } from "../respond.ts";
import type { CaseCommand } from "./parse-case-command.ts";

/** /case report committee <period>, /case export PR-… and /case export cases|audit <period>: files sent by DM. */
export async function runReportCommand(
  deps: SlackDeps,
  command: Extract<CaseCommand, { kind: "committee_report" | "export_case" | "export_period" }>,
  userId: string,
  reply: (message: CaseMessage) => Promise<unknown>,
): Promise<void> {
  try {
    switch (command.kind) {
      case "committee_report": {
        const { period } = await deps.reports.committee(userId, command.period);
        await reply(notice(`The grievance committee report for ${period} is in your direct messages with the app (PDF and CSV, aggregated figures only).`, ":white_check_mark:"));
        return;
      }
      case "export_case": {
        const { number } = await deps.reports.caseFile(userId, command.number);
        await reply(notice(`The case file of ${number} is in your direct messages with the app. It contains patient information: keep it confidential.`, ":white_check_mark:"));
        return;
      }
      case "export_period": {
        const { period, rows } = await deps.reports.periodExport(userId, command.what, command.period);
        await reply(notice(`The ${command.what === "cases" ? "cases" : "audit trail"} CSV for ${period} (${rows} rows) is in your direct messages with the app.`, ":white_check_mark:"));
        return;
      }
    }
  } catch (error) {
    await answerError({ kind: "reply", reply }, error, deps.logger, { action: command.kind });
  }
}
