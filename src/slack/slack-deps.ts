import type { CaseActions } from "../cases/case-actions.service.ts";
import type { IntakeFiling } from "../cases/intake-filing.ts";
import type { WorkQueue } from "../cases/work-queue.service.ts";
import type { OnDemandDigests } from "../digests/on-demand.service.ts";
import type { TeamReports } from "../digests/team-reports.service.ts";
import type { CaseHelpService } from "../guidance/case-help.service.ts";
import type { GuidanceDocument } from "../guidance/guidance.schema.ts";
import type { SettingsFile } from "../guidance/guidance.service.ts";
import type { Directory } from "../resources/resources.schema.ts";
import type { LetterService } from "../letters/letter.service.ts";
import type { ReportService } from "../reports/report.service.ts";
import type { SurveyService } from "../surveys/survey.service.ts";
import type { Clock } from "../lib/clock.ts";
import type { Logger } from "../lib/logger.ts";
import type { AdminService } from "../users/admin.service.ts";
import type { CaseMessage } from "./blocks/case-card.ts";

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
  /** Files intake forms under load: a few at a time, each within a patience. */
  intake: IntakeFiling;
  caseActions: CaseActions;
  letters: LetterService;
  workQueue: WorkQueue;
  admin: AdminService;
  /** /case digest: managers post or preview a digest, rendered as Slack messages. */
  onDemandDigests: OnDemandDigests<CaseMessage>;
  /** The team at a glance (managers and admins): the App Home section and /case team. */
  teamReports: TeamReports;
  /** A routing team's display name, for the card. */
  teamName(teamId: string | null): Promise<string | undefined>;
  /** Guidance cards and community resources on a case, /case guide, resources offered and their monthly count. */
  caseHelp: CaseHelpService;
  /** The guidance file and the community-resource directory in force (admins reload them). */
  guidanceFiles: { guidance: SettingsFile<GuidanceDocument>; directory: SettingsFile<Directory> };
  /** The grievance committee report, the case file export and the period exports (files sent by DM). */
  reports: ReportService;
  /** Survey and feedback comments: the CSV import and the grievance candidates offered to coordinators. */
  surveys: SurveyService;
  /** Delivers queued posts now instead of at the next poll. */
  outbox: { kick(): Promise<void> };
}
