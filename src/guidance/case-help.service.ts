import type { CaseDetails, CaseSummary } from "../cases/case.ts";
import { AppError, ErrorCode } from "../lib/errors.ts";
import type { ResourceOfferRepository } from "../resources/resource-offers.ts";
import { type CommunityResource, matchResources, monthOf, monthRange, type OfferReport, offerReport, type ResourceTag } from "../resources/resources.ts";
import { type Directory, resourcesOf } from "../resources/resources.schema.ts";
import { type CaseAction, canOwnCases, canSeeTeamReports } from "../users/permissions.ts";
import type { Role } from "../users/roles.ts";
import { caseFactsFrom } from "./case-facts.ts";
import { fillSettings, findCard, type GuidanceCard, matchGuidance } from "./guidance.ts";
import { cardsOf, type GuidanceDocument } from "./guidance.schema.ts";
import type { SettingsFile } from "./guidance.service.ts";

/** A card as shown: the hospital's settings filled in. */
export interface ShownCard {
  id: string;
  title: string;
  urgent: boolean;
  body: string[];
  sources: readonly string[];
}

/** A suggested resource on a case, and whether it was offered already. */
export interface SuggestedResource {
  resource: CommunityResource;
  needs: ResourceTag[];
  speaksLanguage: boolean;
  offered: boolean;
}

/** What the owner sees on a case without asking: the cards and resources that fit it. */
export interface CaseHelp {
  caseId: string;
  caseNumber: string;
  cards: ShownCard[];
  resources: SuggestedResource[];
  /** Resources recorded as offered on this case (names as the directory had them then). */
  offered: { name: string; offeredAt: Date }[];
}

export interface CaseHelpDeps {
  guidance: SettingsFile<GuidanceDocument>;
  directory: SettingsFile<Directory>;
  offers: ResourceOfferRepository;
  roleOf(userId: string): Promise<Role>;
  /** Refuses (and audits) an action on a case the user may not take. */
  ensureAllowed(action: CaseAction, caseId: string, userId: string): Promise<CaseSummary>;
  /** The case's details for the app's own matching (not a person's view). */
  loadDetails(caseId: string): Promise<CaseDetails | null>;
  audit(type: string, actorId: string, data: Record<string, string>): Promise<void>;
  timeZone: string;
  now(): Date;
}

/** Guidance cards and community resources on a case, on demand, and the offers recorded. */
export function createCaseHelp(deps: CaseHelpDeps) {
  const show = (card: GuidanceCard, document: GuidanceDocument): ShownCard => ({
    id: card.id,
    title: card.title,
    urgent: card.urgent,
    body: fillSettings(card.body, document.settings as Record<string, string | undefined>),
    sources: card.sources,
  });

  async function cardsFor(details: CaseDetails): Promise<ShownCard[]> {
    const document = await deps.guidance.active();
    return matchGuidance(cardsOf(document), caseFactsFrom(details)).map((card) => show(card, document));
  }

  async function helpFor(details: CaseDetails): Promise<CaseHelp> {
    const [cards, directory, offered] = await Promise.all([cardsFor(details), deps.directory.active(), deps.offers.offeredOn(details.summary.id)]);
    const offeredIds = new Set(offered.map((offer) => offer.resourceId));
    const resources = matchResources(resourcesOf(directory), caseFactsFrom(details)).map((match) => ({ ...match, offered: offeredIds.has(match.resource.id) }));
    return { caseId: details.summary.id, caseNumber: details.summary.number, cards, resources, offered: offered.map((offer) => ({ name: offer.resourceName, offeredAt: offer.offeredAt })) };
  }

  async function loaded(caseId: string): Promise<CaseDetails> {
    const details = await deps.loadDetails(caseId);
    if (!details) throw new AppError(ErrorCode.notFound, "That case no longer exists.");
    return details;
  }

  return {
    /** The cards that fit a case, for its thread when it is assigned (titles only go to the channel). */
    cardsFor,

    /**
     * What the details view shows with the case, for the patient-relations team (who own cases):
     * null for anyone else (a filer sees their own case, not the team's working notes).
     */
    async helpInDetails(details: CaseDetails, userId: string): Promise<CaseHelp | null> {
      if (!canOwnCases(await deps.roleOf(userId))) return null;
      // The details always open: with no guidance or directory loaded yet, they open without it.
      return helpFor(details).catch((error: unknown) => {
        if (error instanceof AppError && error.code === ErrorCode.config) return null;
        throw error;
      });
    },

    /** The cards and resources of one case, opened from its thread or its details (checked like the details). */
    async helpForCase(caseId: string, userId: string): Promise<CaseHelp> {
      await deps.ensureAllowed("view_details", caseId, userId);
      if (!canOwnCases(await deps.roleOf(userId))) throw new AppError(ErrorCode.forbidden, "Guidance on a case is for the patient-relations team. Nothing was changed.");
      return helpFor(await loaded(caseId));
    },

    /** The community-resource directory in force, for the form that records an offer. */
    async directory(): Promise<CommunityResource[]> {
      return resourcesOf(await deps.directory.active());
    },

    /** Every card's id and title, for /case guide. */
    async topics(): Promise<{ id: string; title: string; aliases: readonly string[] }[]> {
      return cardsOf(await deps.guidance.active()).map((card) => ({ id: card.id, title: card.title, aliases: card.aliases }));
    },

    /** One card, by id, alias or a word of its title; null when none is called that. */
    async card(topic: string): Promise<ShownCard | null> {
      const document = await deps.guidance.active();
      const card = findCard(cardsOf(document), topic);
      return card ? show(card, document) : null;
    },

    /** Records the resources offered to the patient (ids from the directory in force), audited on the case. */
    async recordOffered(caseId: string, userId: string, resourceIds: readonly string[]): Promise<string[]> {
      await deps.ensureAllowed("record_resource", caseId, userId);
      const wanted = [...new Set(resourceIds)];
      if (wanted.length === 0) throw new AppError(ErrorCode.invalidInput, "Tick at least one resource you offered.");
      const directory = resourcesOf(await deps.directory.active());
      const chosen = wanted.map((id) => directory.find((resource) => resource.id === id));
      if (chosen.some((resource) => resource === undefined)) {
        throw new AppError(ErrorCode.conflict, "The resource directory changed while the form was open; open it again. Nothing was recorded.");
      }
      const offers = (chosen as CommunityResource[]).map((resource) => ({ resourceId: resource.id, resourceName: resource.name, tags: resource.helpsWith }));
      await deps.offers.recordOffers(caseId, userId, offers, deps.now());
      return offers.map((offer) => offer.resourceName);
    },

    /** The month's offers counted by kind and by resource (managers and admins); the current month by default. */
    async monthlyReport(userId: string, month?: string): Promise<OfferReport> {
      if (!canSeeTeamReports(await deps.roleOf(userId))) {
        await deps.audit("permission_denied", userId, { action: "resource_report" });
        throw new AppError(ErrorCode.forbidden, "Only managers see the team's reports. Nothing was changed.");
      }
      const wanted = month ?? monthOf(deps.now(), deps.timeZone);
      const range = monthRange(wanted, deps.timeZone);
      if (!range) throw new AppError(ErrorCode.invalidInput, `"${wanted.slice(0, 20)}" is not a month; write it as YYYY-MM, e.g. /case resources report 2026-11.`);
      return offerReport(wanted, await deps.offers.offeredBetween(range.from, range.to));
    },
  };
}

export type CaseHelpService = ReturnType<typeof createCaseHelp>;
