import type { KnownBlock, ModalView } from "@slack/types";
import type { CaseHelp, ShownCard, SuggestedResource } from "../../guidance/case-help.service.ts";
import type { CommunityResource, OfferReport } from "../../resources/resources.ts";
import { RESOURCE_TAG_LABELS } from "../../resources/resources.ts";
import { formatLocal } from "../../lib/zoned-time.ts";
import { encodeCaseRef } from "../forms/case-ref.ts";
import { ACTION_FIELDS, ACTIONS, COMMANDS, VIEWS } from "../ids.ts";
import type { CaseMessage } from "./case-card.ts";
import { escapeText, truncate } from "./escape.ts";

// Guidance cards and community resources: in a case's thread (titles only, never patient data), in
// the private details view, on demand with /case guide, and the form that records what was offered.

const plain = (text: string) => ({ type: "plain_text" as const, text: truncate(text, 75), emoji: true });
const section = (text: string): KnownBlock => ({ type: "section", text: { type: "mrkdwn", text: truncate(text, 3000) } });
const context = (text: string): KnownBlock => ({ type: "context", elements: [{ type: "mrkdwn", text: truncate(text, 3000) }] });
const button = (text: string, actionId: string, value: string): { type: "button"; text: ReturnType<typeof plain>; action_id: string; value: string } => ({
  type: "button",
  text: plain(text),
  action_id: actionId,
  value,
});
const urgentMark = (card: { urgent: boolean }) => (card.urgent ? ":rotating_light: " : "");

/** The line in a case's thread when it gets an owner: which cards fit, and a button to read them privately. */
export function guidanceThreadMessage(caseId: string, ownerId: string, cards: readonly { title: string; urgent: boolean }[]): CaseMessage {
  const shown = cards.slice(0, 10);
  const titles = shown.map((card) => `${urgentMark(card)}*${escapeText(card.title)}*`).join(" · ");
  const more = cards.length > shown.length ? ` and ${cards.length - shown.length} more` : "";
  const text = `:compass: Guidance for <@${ownerId}> on this case: ${titles}${more}.`;
  return {
    text: `Guidance for <@${ownerId}> on this case: ${shown.map((card) => card.title).join(", ")}${more}.`,
    blocks: [section(text), { type: "actions", elements: [button("Open guidance (private)", ACTIONS.openGuidance, encodeCaseRef(caseId))] }],
  };
}

function resourceLine(resource: CommunityResource, extra = ""): string {
  const reach = [resource.phone, resource.website].filter(Boolean).map((value) => escapeText(value as string)).join(" · ");
  const example = resource.example ? " _(example entry: replace it)_" : "";
  return `• *${escapeText(resource.name)}*${example}${reach ? ` · ${reach}` : ""}${extra}`;
}

const needsOf = (suggestion: SuggestedResource) => suggestion.needs.map((need) => RESOURCE_TAG_LABELS[need].toLowerCase()).join(", ");

/** What the details view adds for the team: the cards and resources that fit, and the buttons to read and record. */
export function caseHelpBlocks(help: CaseHelp): KnownBlock[] {
  const blocks: KnownBlock[] = [{ type: "divider" }];
  if (help.cards.length > 0) {
    const first = help.cards[0]!;
    const lead = first.urgent ? `\n:rotating_light: ${escapeText(first.body[0] ?? "")}` : "";
    blocks.push(section(`*Guidance for this case*${lead}\n${help.cards.map((card) => `• ${urgentMark(card)}${escapeText(card.title)}`).join("\n")}`));
  } else {
    blocks.push(section("*Guidance for this case*\n_No guidance card fits this case. See all topics with /case guide._"));
  }
  const suggested = help.resources.slice(0, 8);
  blocks.push(
    section(
      suggested.length > 0
        ? `*Community resources that may fit*\n${suggested.map((suggestion) => resourceLine(suggestion.resource, ` · _${needsOf(suggestion)}_${suggestion.offered ? " · :white_check_mark: offered" : ""}`)).join("\n")}`
        : "*Community resources that may fit*\n_None in the directory matches this case's needs; you can still record any resource you offered._",
    ),
  );
  if (help.offered.length > 0) blocks.push(context(`Offered so far: ${help.offered.slice(0, 20).map((offer) => escapeText(offer.name)).join(", ")}`));
  const ref = encodeCaseRef(help.caseId);
  blocks.push({
    type: "actions",
    block_id: "case_help",
    elements: [button("Read the guidance", ACTIONS.openGuidance, ref), button("Record resources offered…", ACTIONS.recordResources, ref)],
  });
  return blocks;
}

function cardBlocks(card: ShownCard): KnownBlock[] {
  return [
    section(`${urgentMark(card)}*${escapeText(card.title)}*\n${card.body.map((line) => `• ${escapeText(line)}`).join("\n")}`),
    context(`Sources: ${card.sources.map((source) => escapeText(source)).join("; ")}`),
  ];
}

/** The cards and resources of one case, privately (opened from the thread, or pushed over the details). */
export function caseGuidanceModal(caseNumber: string, help: CaseHelp): ModalView {
  const cards = help.cards.slice(0, 20).flatMap(cardBlocks);
  const resources = help.resources.slice(0, 8);
  const resourceBlocks: KnownBlock[] =
    resources.length > 0
      ? [
          section("*Community resources that may fit*"),
          ...resources.map((suggestion) => {
            const { resource } = suggestion;
            const details = [
              resource.eligibility ? `For: ${escapeText(resource.eligibility)}` : "",
              resource.hours ? `Hours: ${escapeText(resource.hours)}` : "",
              resource.address ? escapeText(resource.address) : "",
              resource.languages.length > 0 ? `Languages: ${resource.languages.map(escapeText).join(", ")}` : "",
              `Helps with: ${needsOf(suggestion)}${suggestion.offered ? " · :white_check_mark: offered" : ""}`,
            ].filter(Boolean);
            return section(`${resourceLine(resource)}\n${details.join("\n")}`);
          }),
        ]
      : [section("_No community resource in the directory matches this case's needs._")];
  return {
    type: "modal",
    callback_id: VIEWS.caseGuidance,
    private_metadata: encodeCaseRef(help.caseId),
    title: plain(truncate(`Guidance ${caseNumber}`, 24)),
    close: plain("Close"),
    blocks: [
      context(":lock: For the patient-relations team. Guidance is general; follow your hospital's policy and ask your manager when unsure."),
      ...(cards.length > 0 ? cards : [section("_No guidance card fits this case. See all topics with /case guide._")]),
      { type: "divider" },
      ...resourceBlocks,
      { type: "actions", elements: [button("Record resources offered…", ACTIONS.recordResources, encodeCaseRef(help.caseId))] },
    ],
  };
}

/** The form recording which resources were offered: the suggested ones ticked off, any other entry picked from the directory. */
export function recordResourcesModal(caseNumber: string, caseId: string, suggested: readonly SuggestedResource[], directory: readonly CommunityResource[]): ModalView {
  const option = (resource: CommunityResource) => ({ text: plain(resource.name), value: resource.id });
  const suggestedIds = new Set(suggested.map((suggestion) => suggestion.resource.id));
  const others = directory.filter((resource) => !suggestedIds.has(resource.id)).slice(0, 100);
  const blocks: KnownBlock[] = [context(`*${escapeText(caseNumber)}* · Record what you offered the patient or family. It is kept on the case and counted in the monthly report.`)];
  if (suggested.length > 0) {
    blocks.push({
      type: "input",
      block_id: ACTION_FIELDS.suggestedResources,
      optional: true,
      label: plain("Suggested for this case"),
      element: { type: "checkboxes", action_id: ACTION_FIELDS.suggestedResources, options: suggested.slice(0, 10).map((suggestion) => option(suggestion.resource)) },
    });
  }
  if (others.length > 0) {
    blocks.push({
      type: "input",
      block_id: ACTION_FIELDS.otherResources,
      optional: true,
      label: plain(suggested.length > 0 ? "Other resources from the directory" : "Resources from the directory"),
      element: { type: "multi_static_select", action_id: ACTION_FIELDS.otherResources, placeholder: plain("Choose resources"), options: others.map(option) },
    });
  }
  if (suggested.length === 0 && others.length === 0) blocks.push(section("_The resource directory is empty; an admin loads it with /case admin resources reload._"));
  return {
    type: "modal",
    callback_id: VIEWS.recordResources,
    private_metadata: encodeCaseRef(caseId),
    title: plain("Resources offered"),
    submit: plain("Record"),
    close: plain("Cancel"),
    blocks,
  };
}

/** One card, privately, for /case guide <topic>. */
export function guideCardMessage(card: ShownCard): CaseMessage {
  return { text: card.title, blocks: cardBlocks(card) };
}

/** The topics /case guide knows, after what was not found when there is something. */
export function guideTopicsMessage(topics: readonly { id: string; title: string }[], notFound?: string): CaseMessage {
  const lead = notFound ? `No guidance card is called \`${escapeText(truncate(notFound, 60)).replace(/`/g, "'")}\`. ` : "";
  const lines = topics.slice(0, 60).map((topic) => `• \`${COMMANDS.case} guide ${escapeText(topic.id)}\`: ${escapeText(topic.title)}`);
  const text = `${lead}*Guidance topics*\n${lines.join("\n")}`;
  return { text: `${lead}Guidance topics`, blocks: [section(text)] };
}

/** The month's community resources offered, by kind and by resource (no patient data). */
export function resourceReportMessage(report: OfferReport): CaseMessage {
  const heading = `*Community resources offered, ${escapeText(report.month)}*: ${report.offers} offer${report.offers === 1 ? "" : "s"} on ${report.cases} case${report.cases === 1 ? "" : "s"}`;
  if (report.offers === 0) return { text: `Community resources offered, ${report.month}: none`, blocks: [section(`${heading}\n_None recorded this month._`)] };
  const byTag = report.byTag.map((row) => `• ${RESOURCE_TAG_LABELS[row.tag]}: ${row.count}`).join("\n");
  const byResource = report.byResource.slice(0, 40).map((row) => `• ${escapeText(row.name)}: ${row.count}`).join("\n");
  const rest = report.byResource.length > 40 ? `\n…and ${report.byResource.length - 40} more` : "";
  return {
    text: `Community resources offered, ${report.month}: ${report.offers}`,
    blocks: [section(heading), section(`*By kind* (an offer counts under each kind its resource helps with)\n${byTag}`), section(`*By resource*\n${byResource}${rest}`)],
  };
}

/** What an admin sees of a settings file in force: a summary, what still needs filling in, and how to change it. */
export function settingsFileMessage(title: string, lines: readonly string[], warnings: readonly string[], howToChange: string): CaseMessage {
  const body = lines.slice(0, 60).map((line) => `• ${escapeText(line)}`).join("\n");
  const more = lines.length > 60 ? `\n…and ${lines.length - 60} more` : "";
  const blocks: KnownBlock[] = [section(`*${escapeText(title)}*\n${body}${more}`)];
  if (warnings.length > 0) blocks.push(section(`:warning: ${warnings.slice(0, 10).map(escapeText).join("\n:warning: ")}`));
  blocks.push(context(howToChange));
  return { text: title, blocks };
}

/** The confirmation that offers were recorded; short enough for one section whatever was chosen. */
export function offersRecordedText(names: readonly string[], at: Date, timeZone: string): string {
  const listed: string[] = [];
  let length = 0;
  for (const name of names) {
    const escaped = escapeText(name);
    if (length + escaped.length + 2 > 2400) break;
    listed.push(escaped);
    length += escaped.length + 2;
  }
  const rest = names.length - listed.length;
  return `Recorded ${names.length === 1 ? "1 resource" : `${names.length} resources`} offered (${formatLocal(at, timeZone)}): ${listed.join(", ")}${rest > 0 ? ` and ${rest} more` : ""}.`;
}
