import type { SlackDeps } from "../../slack-deps.ts";
import type { CaseMessage } from "../../blocks/case-card.ts";
import { guideCardMessage, guideTopicsMessage, resourceReportMessage, settingsFileMessage } from "../../blocks/guidance.ts";
import { GUIDANCE_SETTINGS } from "../../../guidance/guidance.schema.ts";
import { resourcesOf } from "../../../resources/resources.schema.ts";
import { answerError } from "../error-net.ts";
import type { CaseCommand } from "./parse-case-command.ts";

/** /case guide [topic] and /case resources report [month], answered privately. */
export async function runGuideCommand(
  deps: SlackDeps,
  command: Extract<CaseCommand, { kind: "guide" | "resources_report" }>,
  userId: string,
  reply: (message: CaseMessage) => Promise<unknown>,
): Promise<void> {
  try {
    if (command.kind === "resources_report") {
      await reply(resourceReportMessage(await deps.caseHelp.monthlyReport(userId, command.month)));
      return;
    }
    const card = command.topic ? await deps.caseHelp.card(command.topic) : null;
    await reply(card ? guideCardMessage(card) : guideTopicsMessage(await deps.caseHelp.topics(), command.topic));
  } catch (error) {
    await answerError({ kind: "reply", reply }, error, deps.logger, { action: command.kind });
  }
}

/** /case admin guidance|resources [reload]: what is in force and what still needs filling in, or a reload from the file (admins). */
export async function runSettingsFileCommand(deps: SlackDeps, file: "guidance" | "resources", reload: boolean, userId: string): Promise<CaseMessage> {
  const { guidance, directory } = deps.guidanceFiles;
  if (file === "guidance") {
    const document = reload ? await guidance.reloadFromFile(userId) : await guidance.inForce(userId);
    const unset = GUIDANCE_SETTINGS.filter((name) => !(document.settings as Record<string, string | undefined>)[name]);
    return settingsFileMessage(
      `${reload ? "Loaded from the file: " : ""}${document.cards.length} guidance cards in force`,
      document.cards.map((card) => `${card.id}: ${card.title}`),
      unset.length > 0 ? [`Settings not filled in yet (cards say so where they quote them): ${unset.join(", ")}`] : [],
      "To change one card: /case admin guidance edit <card-id>, add, or remove <card-id>. To change many, edit the guidance file (GUIDANCE_FILE) and run /case admin guidance reload (it replaces edits made in Slack). If anything is wrong, the cards in force stay and each problem is shown.",
    );
  }
  const loaded = reload ? await directory.reloadFromFile(userId) : await directory.inForce(userId);
  const resources = resourcesOf(loaded);
  const examples = resources.filter((resource) => resource.example).length;
  return settingsFileMessage(
    `${reload ? "Loaded from the file: " : ""}${resources.length} community resources in force`,
    resources.map((resource) => `${resource.id}: ${resource.name} (${resource.helpsWith.join(", ")})`),
    examples > 0 ? [`${examples} of them are example entries (example: true): replace them with the services your team really uses.`] : [],
    "To change one resource: /case admin resources edit <resource-id>, add, or remove <resource-id>. To change many, edit the resource directory file (RESOURCES_FILE) and run /case admin resources reload (it replaces edits made in Slack). If anything is wrong, the directory in force stays and each problem is shown.",
  );
}
