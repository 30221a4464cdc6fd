import type { Clock } from "../lib/clock.ts";
import { AppError, ErrorCode } from "../lib/errors.ts";
import { createCaseAccess } from "../users/case-access.ts";
import { canListTeamCases, canSeeApprovals } from "../users/permissions.ts";
import type { Role } from "../users/roles.ts";
import type { CaseCounts, CaseQueries, CaseRepository, CaseSummary } from "./case.ts";
import { CATEGORIES } from "./taxonomy.ts";
import { sortWorkQueue } from "./work-queue.ts";

export interface WorkQueueDeps {
  queries: CaseQueries;
  cases: CaseRepository;
  roleOf(userId: string): Promise<Role>;
  /** Whether the user belongs to the routing team (teamId null: the whole patient-relations team); routing.isOnTeam. */
  isOnTeam(teamId: string | null, userId: string, role: Role): Promise<boolean>;
  audit(type: string, actorId: string, data: Record<string, string>): Promise<void>;
  /** Draft letters waiting for a manager's approval. */
  lettersAwaitingApproval(): Promise<AwaitingApproval[]>;
  clock: Clock;
}

export interface AwaitingApproval {
  caseNumber: string;
  kind: string;
  since: Date;
  /** Where the case's card is, so the line can link to it (the letter waits in its thread). */
  cardChannelId: string | null;
  cardMessageTs: string | null;
}

/**
 * A case found by its number, and what the person may see of it: "case" (its team and the
 * managers: the card with its actions) or "status" (whoever filed it: number, type, status and
 * deadlines, nothing more).
 */
export interface CaseLookup {
  summary: CaseSummary;
  sight: "case" | "status";
}

export interface HomeData {
  role: Role;
  mine: CaseSummary[];
  awaitingApproval: AwaitingApproval[];
  unassigned: CaseSummary[];
  counts: CaseCounts | null;
}

/** Finding work: my cases, open cases, search, one case by number, and the App Home summary. */
export function createWorkQueue(deps: WorkQueueDeps) {
  // Lists show only the cases the person may view (their teams' cases; every case for managers), so
  // a coordinator of one team neither sees another team's cases nor finds them by searching their text.
  const access = createCaseAccess(deps);

  async function requireCoordinator(userId: string, what: string): Promise<Role> {
    const role = await deps.roleOf(userId);
    if (!canListTeamCases(role)) {
      await deps.audit("permission_denied", userId, { action: what });
      throw new AppError(ErrorCode.forbidden, "Only patient-relations coordinators and managers can list or search cases. You can see the cases you filed with /case open.");
    }
    return role;
  }

  return {
    async mine(userId: string): Promise<CaseSummary[]> {
      return sortWorkQueue(await deps.queries.ownedBy(userId));
    },

    /** Open cases of the person's teams, optionally for one unit or category; staff see the cases they filed. */
    async open(userId: string, filter?: string): Promise<{ cases: CaseSummary[]; scope: "all" | "filed" }> {
      const actor = await access.actor(userId);
      const text = filter?.trim() || undefined;
      if (!canListTeamCases(actor.role)) {
        const filed = await deps.queries.filedBy(userId);
        return { cases: sortWorkQueue(filed), scope: "filed" };
      }
      const needle = text?.toLowerCase();
      const categoryIds = needle
        ? CATEGORIES.filter((category) => category.id === needle || category.label.toLowerCase().includes(needle)).map((category) => category.id)
        : [];
      return { cases: sortWorkQueue(await access.viewable(await deps.queries.openMatching(text, categoryIds), actor)), scope: "all" };
    },

    /** Cases of the person's teams whose text holds every word. */
    async search(userId: string, text: string): Promise<CaseSummary[]> {
      const role = await requireCoordinator(userId, "search");
      const words = text.split(/\s+/).map((word) => word.trim()).filter((word) => word.length >= 2).slice(0, 8);
      if (words.length === 0) throw new AppError(ErrorCode.invalidInput, "Give at least one word to search for, e.g. /case search call bell.");
      // Searching reads narratives: record who searched, not what for (the words may hold patient details).
      await deps.audit("cases_searched", userId, { words: String(words.length) });
      return access.viewable(await deps.queries.search(words), { userId, role });
    },

    /** One case by its number, for someone allowed to see it: its team and the managers (the card), or whoever filed it (its status). */
    async lookup(userId: string, number: string): Promise<CaseLookup> {
      const summary = await deps.cases.findByNumber(number.trim().toUpperCase());
      if (!summary) throw new AppError(ErrorCode.notFound, `There is no case ${number.trim().toUpperCase()}. Check the number.`);
      const sight = await access.sight(summary, await access.actor(userId));
      if (!sight) {
        await deps.cases.recordDenied(summary.id, userId, "lookup");
        throw new AppError(ErrorCode.forbidden, "Only the case's patient-relations team and the managers can open cases filed by others.");
      }
      return { summary, sight };
    },

    async home(userId: string): Promise<HomeData> {
      const actor = await access.actor(userId);
      const { role } = actor;
      const mine = sortWorkQueue(await deps.queries.ownedBy(userId));
      if (!canListTeamCases(role)) return { role, mine, awaitingApproval: [], unassigned: [], counts: null };
      const [unassigned, counts, awaitingApproval] = await Promise.all([
        deps.queries.unassigned().then((list) => access.viewable(list, actor)),
        deps.queries.counts(deps.clock.now()),
        canSeeApprovals(role) ? deps.lettersAwaitingApproval() : Promise.resolve([]),
      ]);
      return { role, mine, awaitingApproval, unassigned: sortWorkQueue(unassigned), counts };
    },
  };
}

export type WorkQueue = ReturnType<typeof createWorkQueue>;
