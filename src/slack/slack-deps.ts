import type { CaseActions } from "../cases/case-actions.service.ts";
import type { CaseService } from "../cases/case.service.ts";
import type { WorkQueue } from "../cases/work-queue.service.ts";
import type { DigestService } from "../digests/digest.service.ts";
import type { LetterService } from "../letters/letter.service.ts";
import type { Clock } from "../lib/clock.ts";
import type { Logger } from "../lib/logger.ts";
import type { OutboxEntry } from "../cases/case.ts";
import type { AdminService } from "../users/admin.service.ts";
import type { Role } from "../users/roles.ts";
import type { DigestRenderOptions } from "./blocks/digests.ts";

/**
 * What a Slack listener may use: the domain services it calls, the clock, the logger and the few
 * settings it renders with. Listeners import this contract, never the composition root, so none of
 * them can reach the database, the model or another listener.
 */
export interface SlackDeps {
  logger: Logger;
  clock: Clock;
  /** The hospital's time zone, for every date shown. */
  timeZone: string;
  /** The hospital's departments and units, for the intake form. */
  departments: readonly string[];
  /** The workspace's address (from auth.test at start), for links to case cards. */
  workspace: { url: string };
  /** Where digests are posted. */
  digestChannel: string;
  cases: CaseService;
  caseActions: CaseActions;
  letters: LetterService;
  workQueue: WorkQueue;
  admin: AdminService;
  digests: DigestService;
  /** A routing team's display name, for the card. */
  teamName(teamId: string | null): Promise<string | undefined>;
  /** Delivers queued posts now instead of at the next poll. */
  outbox: { kick(): Promise<void> };
  roles: { roleOf(userId: string): Promise<Role>; audit(type: string, actorId: string, data: Record<string, string>): Promise<void> };
  renderOptions(late: boolean): DigestRenderOptions;
  enqueue(entries: OutboxEntry[]): Promise<number>;
  letterNotifier: { uploadPrivately(userId: string, filename: string, title: string, content: Buffer): Promise<void> };
}
