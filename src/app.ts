import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { type App, SocketModeReceiver } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { createCaseActions } from "./cases/case-actions.service.ts";
import { caseOutboxHandlers } from "./cases/case-posts.ts";
import { createCaseQueries } from "./cases/case-query.repository.ts";
import { createCaseRepository } from "./cases/case.repository.ts";
import { type CaseService, createCaseService } from "./cases/case.service.ts";
import { createIntakeFiling, INTAKE_FILING_DEFAULTS } from "./cases/intake-filing.ts";
import { createIntakeJournal } from "./cases/intake-journal.repository.ts";
import { DEFAULT_DEPARTMENTS } from "./cases/taxonomy.ts";
import { createWorkQueue } from "./cases/work-queue.service.ts";
import type { Env } from "./config/env.ts";
import { clockPolicyFrom, letterheadFrom, letterSettingsFrom } from "./config/policies.ts";
import { letterSettingsProblems } from "./letters/letter-settings.ts";
import { trendDenominatorsFrom } from "./config/trend-denominators.ts";
import { type Database, openDatabase } from "./db/database.ts";
import { migrate } from "./db/migrate.ts";
import type { OutboxEntry } from "./cases/case.ts";
import { createDigestRepository } from "./digests/digest.repository.ts";
import { createDigestService, type DigestService } from "./digests/digest.service.ts";
import { createOnDemandDigests } from "./digests/on-demand.service.ts";
import { createTeamMetricsRepository } from "./digests/team-metrics.repository.ts";
import { createTeamReports } from "./digests/team-reports.service.ts";
import { digestJob } from "./jobs/digest.job.ts";
import { remindersJob } from "./jobs/reminders.job.ts";
import { retentionJob } from "./jobs/retention.job.ts";
import { createAuditRetentionStore, createRetentionStore } from "./jobs/retention.repository.ts";
import { teamDigestJob as createTeamDigestJob } from "./jobs/team-digest.job.ts";
import { databaseRunCoordinator } from "./jobs/run-coordinator.repository.ts";
import { createScheduler, type Job } from "./jobs/scheduler.ts";
import { type Clock, systemClock } from "./lib/clock.ts";
import { errorSummary } from "./lib/errors.ts";
import { createLogger, type Logger } from "./lib/logger.ts";
import type { LetterDrafter } from "./letters/drafter.ts";
import { createLetterRepository } from "./letters/letter.repository.ts";
import { letterOutboxHandlers } from "./letters/letter-outbox.ts";
import { createLetterService } from "./letters/letter.service.ts";
import { loadLetterFonts } from "./letters/fonts.ts";
import { createLetterPrinter, type LetterPrinter } from "./letters/letter-pdf.ts";
import { loadLetterLogo } from "./letters/letter-pdf-logo.ts";
import { createTemplateDrafter } from "./letters/template-drafter.ts";
import { countedDrafter } from "./letters/drafter-metrics.ts";
import { createOpenAiDrafter } from "./llm/openai-drafter.ts";
import { loadPrompt, type Prompt } from "./llm/prompts.ts";
import { answerHealth, type HealthExtras, socketConnection, startHealthServer } from "./ops/health.ts";
import { createMetricsRegistry, type MetricsRegistry } from "./ops/metrics.ts";
import { channelMessageHandlers } from "./outbox/channel-message.ts";
import { createDeliveryAlerts, deliveryAlertHandlers } from "./outbox/delivery-alerts.ts";
import { joinOutboxHandlers } from "./outbox/outbox-handlers.ts";
import { createOutboxDispatcher, type OutboxDispatcher } from "./outbox/outbox.dispatcher.ts";
import { createOutboxRepository, outboxCountsByKind, queueOnce } from "./outbox/outbox.repository.ts";
import { routingOutboxHandlers } from "./routing/routing-outbox.ts";
import { createRoutingRepository } from "./routing/routing.repository.ts";
import { createRoutingService, DEFAULT_RULES_FILE, type RoutingService } from "./routing/routing.service.ts";
import { escalationMessages } from "./slack/blocks/digests.ts";
import { trendMessages } from "./slack/blocks/trend-digest.ts";
import { teamMessages } from "./slack/blocks/team-glance.ts";
import { type ChannelProblem, reportChannelProblems } from "./slack/check-channels.ts";
import { checkBotToken } from "./slack/check-token.ts";
import { createBoltApp } from "./slack/bolt-app.ts";
import { boltLogger } from "./slack/bolt-logger.ts";
import { createOutboxSlackClient } from "./slack/outbox-client.ts";
import { finalRefusal, retryAfterMs } from "./slack/slack-errors.ts";
import { requestLog } from "./slack/request-log.ts";
import { requestMetrics } from "./slack/request-metrics.ts";
import { guardInteractions, markInteractionFailed } from "./slack/interaction-guard.ts";
import { createInteractionKeys } from "./interactions/interaction-key.repository.ts";
import { registerListeners } from "./slack/listeners/index.ts";
import { createSlackLetterNotifier } from "./slack/letter-notifier.ts";
import { CardNotPostedError, createSlackCaseNotifier } from "./slack/notifier.ts";
import { createSlackPoster } from "./slack/poster.ts";
import { intakeRecoveryTeller } from "./slack/intake-recovery.ts";
import type { SlackDeps } from "./slack/slack-deps.ts";
import { createAdminService } from "./users/admin.service.ts";
import { createCaseHelp } from "./guidance/case-help.service.ts";
import { guidanceOutboxHandlers } from "./guidance/guidance-outbox.ts";
import { parseGuidance } from "./guidance/guidance.schema.ts";
import { GUIDANCE_ENTRIES } from "./guidance/guidance-entries.ts";
import { createSettingsFile, DEFAULT_GUIDANCE_FILE, DEFAULT_RESOURCES_FILE } from "./guidance/guidance.service.ts";
import { createSettingsDocumentStore } from "./guidance/settings-document.repository.ts";
import { createResourceOfferRepository } from "./resources/resource-offer.repository.ts";
import { parseDirectory } from "./resources/resources.schema.ts";
import { RESOURCE_ENTRIES } from "./resources/resource-entries.ts";
import { createSlackGuidancePoster } from "./slack/guidance-notifier.ts";
import { APPROVER_ROLES } from "./users/permissions.ts";
import { createUserRoleRepository } from "./users/user-role.repository.ts";
import { createReportService } from "./reports/report.service.ts";
import { createReportReads } from "./reports/reports.repository.ts";
import { createSlackReportDelivery } from "./slack/report-delivery.ts";
import { createSlackCandidateNotifier } from "./slack/slack-files.ts";
import { createSurveyService } from "./surveys/survey.service.ts";
import { createSurveyRepository } from "./surveys/survey.repository.ts";
import { surveyOutboxHandlers } from "./surveys/survey-outbox.ts";
import { matchRoute } from "./routing/route.ts";
import type { UserRoleRepository } from "./users/user-role.ts";

export interface BuildOptions {
  clock?: Clock;
  logger?: Logger;
}

/** The model drafter when an API key is configured, else the template drafter; each draft counted by its source. */
function letterDrafter(env: Env, prompt: Prompt, logger: Logger, metrics: MetricsRegistry): LetterDrafter {
  if (!env.OPENAI_API_KEY) return countedDrafter(createTemplateDrafter("no_llm_configured"), metrics);
  return countedDrafter(createOpenAiDrafter({ apiKey: env.OPENAI_API_KEY, baseURL: env.OPENAI_BASE_URL, model: env.OPENAI_MODEL, prompt, logger, timeoutMs: env.OPENAI_TIMEOUT_SECONDS * 1000, metrics }), metrics);
}

/** The composition root's own view: the listeners' contract plus what start, stop, jobs and tests need. */
export interface AppDeps extends SlackDeps {
  env: Env;
  db: Database;
  roles: UserRoleRepository;
  routing: RoutingService;
  cases: CaseService;
  digests: DigestService;
  /** Where digests are posted (the digest channel, else the case channel). */
  digestChannel: string;
  enqueue(entries: OutboxEntry[]): Promise<number>;
  outbox: OutboxDispatcher;
  remindersJob: Job;
  escalationDigestJob: Job;
  trendDigestJob: Job;
  /** The monthly team digest, sent to each manager privately. */
  teamDigestJob: Job;
  /** The daily purge of old sent posts and job runs. */
  retentionJob: Job;
  /** The Prometheus registry behind GET /metrics. */
  metrics: MetricsRegistry;
  scheduler: ReturnType<typeof createScheduler>;
  slackClient: WebClient;
  /** Channels the app could not post in at start-up (for /healthz). */
  channelProblems: ChannelProblem[];
  outboxCounts(): Promise<{ waiting: number; failed: number; oldestWaitingSeconds: number | null }>;
}

/** Builds every service over one database and one Slack client: the plain deps object listeners receive. */
function buildDeps(env: Env, db: Database, app: App, logger: Logger, clock: Clock, prompt: Prompt, printer: LetterPrinter): AppDeps {
  const roles = createUserRoleRepository(db.prisma);
  const cases = createCaseRepository(db.prisma);
  // One registry per app; the outbox's kinds (its handlers' keys, joined below) are its only `kind` labels.
  const metrics = createMetricsRegistry({
    outboxKinds: () => Object.keys(outboxHandlers),
    outboxByKind: () => outboxCountsByKind(db.prisma, systemClock.now()),
    token: env.METRICS_TOKEN,
  });
  const routing = createRoutingService({
    routing: createRoutingRepository(db.prisma),
    roles,
    rulesFile: env.ROUTING_RULES_FILE ?? DEFAULT_RULES_FILE,
    logger,
  });
  const approvers = () => roles.withRoles(APPROVER_ROLES);
  const teamOf = async (teamId: string | null) =>
    teamId ? (await routing.activeRuleSet().catch(() => null))?.teams.find((team) => team.id === teamId) : undefined;
  const teamName = async (teamId: string | null) => (await teamOf(teamId))?.name;
  // The workspace's address comes from auth.test at start; links are built from it.
  const workspace = { url: "https://slack.com/" };
  // Posts after commit go through the outbox's own client: a timeout per call, no retries inside it,
  // each post tagged so a retry finds one that landed instead of posting it twice.
  const outboxClient = createOutboxSlackClient({
    token: env.SLACK_BOT_TOKEN,
    slackApiUrl: env.SLACK_API_URL,
    timeoutMs: env.SLACK_TIMEOUT_SECONDS * 1000,
    logger,
    slackLogger: boltLogger(logger),
  });
  const notifier = createSlackCaseNotifier(outboxClient, env.CASE_CHANNEL_ID, env.TZ, teamOf, () => workspace.url);
  const letterRepository = createLetterRepository(db.prisma);
  const enqueue = (entries: OutboxEntry[]) => queueOnce(db.prisma, entries);
  const deliveryAlerts = createDeliveryAlerts({
    async subjectOf(payload) {
      const caseId = payload.caseId ?? (payload.letterId ? (await letterRepository.find(payload.letterId))?.caseId : undefined);
      const summary = caseId ? await cases.findSummary(caseId) : null;
      return summary ? { caseNumber: summary.number, filedBy: summary.filedBy, channelId: summary.cardChannelId ?? env.CASE_CHANNEL_ID } : null;
    },
    approvers,
    enqueue,
  });
  const poster = createSlackPoster(outboxClient);
  const posts = caseOutboxHandlers(cases, notifier, (summary, kind, reason) =>
    deliveryAlerts.report({ key: `card-layout:${summary.id}:${kind}`, kind, payload: { caseId: summary.id }, reason, fellBack: true }),
  );
  const caseActions = createCaseActions({
    cases,
    clock,
    policy: clockPolicyFrom(env),
    roleOf: roles.roleOf,
    isOnTeam: routing.isOnTeam,
    approvers,
    hasWrittenResponse: letterRepository.hasWrittenResponse,
  });
  const letterNotifier = createSlackLetterNotifier(outboxClient, env.TZ);
  const letters = createLetterService({
    letters: letterRepository,
    cases,
    caseActions,
    drafter: letterDrafter(env, prompt, logger, metrics),
    settings: letterSettingsFrom(env),
    printer,
    notifier: letterNotifier,
    approvers,
    clock,
    logger,
  });
  // Guidance cards and the community-resource directory: files seeded at first start, reloaded by admins.
  const settingsFile = { roleOf: roles.roleOf, audit: roles.audit };
  const guidanceFiles = {
    guidance: createSettingsFile({ ...settingsFile, store: createSettingsDocumentStore(db.prisma, "guidance"), file: env.GUIDANCE_FILE ?? DEFAULT_GUIDANCE_FILE, setting: "GUIDANCE_FILE", name: "guidance file", parse: parseGuidance, entries: GUIDANCE_ENTRIES }),
    directory: createSettingsFile({ ...settingsFile, store: createSettingsDocumentStore(db.prisma, "resources"), file: env.RESOURCES_FILE ?? DEFAULT_RESOURCES_FILE, setting: "RESOURCES_FILE", name: "resource directory", parse: parseDirectory, entries: RESOURCE_ENTRIES }),
  };
  const caseHelp = createCaseHelp({
    ...guidanceFiles,
    offers: createResourceOfferRepository(db.prisma),
    roleOf: roles.roleOf,
    audit: roles.audit,
    ensureAllowed: caseActions.ensureAllowed,
    loadDetails: cases.loadDetailsForProcessing,
    timeZone: env.TZ,
    now: () => clock.now(),
  });
  const outboxRepository = createOutboxRepository(db.prisma);
  // Each domain owns the kinds it queues and how they are delivered; they are only joined here.
  const outboxHandlers = joinOutboxHandlers(
    routingOutboxHandlers(routing),
    posts,
    letterOutboxHandlers(letters),
    guidanceOutboxHandlers({ loadDetails: cases.loadDetailsForProcessing, cardsFor: caseHelp.cardsFor, post: createSlackGuidancePoster(outboxClient) }),
    channelMessageHandlers(poster.postChannelMessage),
    deliveryAlertHandlers(poster.sendDeliveryAlert),
    surveyOutboxHandlers(createSlackCandidateNotifier(outboxClient)),
  );
  const outbox = createOutboxDispatcher({
    outbox: outboxRepository,
    handlers: outboxHandlers,
    // Slack refused the post for what it is: mark it failed and tell the people who can act.
    finalFailure: finalRefusal,
    // A rate limit's Retry-After becomes the message's backoff and rests its lane.
    retryAfterMs,
    // A DM or thread line waiting for its case's card is tried again in a moment, not backed off.
    waitsOnAnother: (error) => error instanceof CardNotPostedError,
    onGaveUp: async (message, reason) => {
      // One alert a day per case (or channel) and Slack error, however many of its posts were refused.
      const subject = message.payload.caseId ?? message.payload.letterId ?? message.payload.channel ?? String(message.id);
      const key = `${subject}:${reason.split(":")[0]}:${systemClock.now().toISOString().slice(0, 10)}`;
      await deliveryAlerts.report({ key, kind: message.kind, payload: message.payload, reason });
    },
    // Short, because a heartbeat renews it while a message is worked on (a long model call keeps
    // it): after a crash the message is resumed within a lease and a poll, not minutes later.
    leaseMs: env.OUTBOX_LEASE_SECONDS * 1000,
    // Delivery retries run on real time, whatever clock the case rules are given.
    clock: systemClock,
    logger,
  });
  const digestChannel = env.DIGEST_CHANNEL_ID ?? env.CASE_CHANNEL_ID;
  const digests = createDigestService(createDigestRepository(db), {
    timeZone: env.TZ,
    unassignedAfterMs: env.DIGEST_UNASSIGNED_HOURS * 3_600_000,
    draftWaitingAfterMs: env.DIGEST_DRAFT_WAITING_HOURS * 3_600_000,
    trendDenominators: trendDenominatorsFrom(env),
  });
  const renderOptions = (late: boolean) => ({ timeZone: env.TZ, workspaceUrl: workspace.url, late });
  const escalationDigestJob = digestJob({
    name: "escalation-digest",
    schedule: env.ESCALATION_DIGEST_CRON,
    channelId: digestChannel,
    catchUpWithinMs: env.DIGEST_MAX_LATENESS_MINUTES * 60_000,
    render: async (now, slot) => escalationMessages(await digests.escalation(now), now, renderOptions(slot.late)),
    enqueue,
    metrics: { registry: metrics, kind: "escalation" },
  });
  const trendDigestJob = digestJob({
    name: "trend-digest",
    schedule: env.TREND_DIGEST_CRON,
    channelId: digestChannel,
    catchUpWithinMs: env.DIGEST_MAX_LATENESS_MINUTES * 60_000,
    render: async (_now, slot) => trendMessages(await digests.trends(slot.at), renderOptions(slot.late)),
    enqueue,
    metrics: { registry: metrics, kind: "trend" },
  });
  const teamReports = createTeamReports({
    records: createTeamMetricsRepository(db.prisma).recordsFor,
    coordinators: () => roles.withRoles(["coordinator"]),
    managers: approvers,
    roleOf: roles.roleOf,
    audit: roles.audit,
    timeZone: env.TZ,
    now: () => clock.now(),
  });
  const teamDigestJob = createTeamDigestJob({
    name: "team-digest",
    schedule: env.TEAM_DIGEST_CRON,
    catchUpWithinMs: env.DIGEST_MAX_LATENESS_MINUTES * 60_000,
    recipients: teamReports.managers,
    render: async (now, slot) => teamMessages(await teamReports.monthly(slot.at, now), { workspaceUrl: workspace.url, title: "Monthly team digest" }),
    enqueue,
    metrics,
  });
  const caseQueries = createCaseQueries(db.prisma);
  const reminders = remindersJob({
    needingReminders: caseQueries.needingReminders,
    enqueue,
    approvers,
    policy: { leadMs: env.REMINDER_LEAD_HOURS * 3_600_000, unassignedAfterMs: env.UNASSIGNED_NAG_HOURS * 3_600_000 },
    metrics,
  });
  // Sent posts and job runs past their retention, once a day across instances; ages on real time.
  const retention = retentionJob({
    store: createRetentionStore(db.prisma),
    policy: { outboxDays: env.OUTBOX_RETENTION_DAYS, jobRunDays: env.JOB_RUN_RETENTION_DAYS },
    clock: systemClock,
    logger,
  });
  const caseService = createCaseService({ cases, clock, policy: clockPolicyFrom(env) });
  const departments = env.DEPARTMENTS.length > 0 ? env.DEPARTMENTS : [...DEFAULT_DEPARTMENTS];
  const reports = createReportService({
    reads: createReportReads(db.prisma),
    roleOf: roles.roleOf,
    audit: roles.audit,
    ensureAllowed: caseActions.ensureAllowed,
    deliver: createSlackReportDelivery(outboxClient),
    fonts: loadLetterFonts(),
    hospitalName: env.HOSPITAL_NAME,
    timeZone: env.TZ,
    now: () => clock.now(),
  });
  // A grievance candidate goes to the team routing would give a grievance from its unit and category, else to the approvers.
  const candidateRecipients = async (unit: string, category: string) => {
    const ruleSet = await routing.activeRuleSet().catch(() => null);
    const team = ruleSet ? matchRoute(ruleSet, { category, department: unit, severity: 2, type: "grievance", medicareBeneficiary: false, allegesHarm: false, description: "" }).team : null;
    const owners = await roles.withRoles(["coordinator", "manager", "admin"]);
    const members = team ? (team.members.length > 0 ? team.members.filter((id) => owners.includes(id)) : await roles.withRoles(["coordinator"])) : [];
    return members.length > 0 ? members : approvers();
  };
  const surveys = createSurveyService({
    comments: createSurveyRepository(db.prisma),
    roleOf: roles.roleOf,
    audit: roles.audit,
    recipientsFor: candidateRecipients,
    departments,
    timeZone: env.TZ,
    now: () => clock.now(),
  });
  return {
    env,
    logger,
    clock,
    db,
    timeZone: env.TZ,
    departments: env.DEPARTMENTS.length > 0 ? env.DEPARTMENTS : [...DEFAULT_DEPARTMENTS],
    roles,
    routing,
    teamName,
    cases: caseService,
    intake: createIntakeFiling({ cases: caseService, ...INTAKE_FILING_DEFAULTS, journal: createIntakeJournal(db.prisma), leaseMs: env.INTAKE_LEASE_SECONDS * 1000 }),
    caseActions,
    caseHelp,
    guidanceFiles,
    letters,
    reports,
    surveys,
    workQueue: createWorkQueue({
      queries: caseQueries,
      cases,
      roleOf: roles.roleOf,
      isOnTeam: routing.isOnTeam,
      audit: roles.audit,
      lettersAwaitingApproval: letterRepository.awaitingApproval,
      clock,
    }),
    admin: createAdminService({
      roles,
      routing,
      outbox: outboxRepository,
      clock: systemClock,
      auditRetention: { store: createAuditRetentionStore(db.prisma), years: env.AUDIT_RETENTION_YEARS },
    }),
    outbox,
    remindersJob: reminders,
    workspace,
    digests,
    onDemandDigests: createOnDemandDigests({
      digests,
      roleOf: roles.roleOf,
      audit: roles.audit,
      enqueue,
      channelId: digestChannel,
      render: {
        escalations: (digest, now) => escalationMessages(digest, now, renderOptions(false)),
        trends: (digest) => trendMessages(digest, renderOptions(false)),
      },
    }),
    digestChannel,
    escalationDigestJob,
    trendDigestJob,
    teamDigestJob,
    retentionJob: retention,
    metrics,
    teamReports,
    enqueue,
    slackClient: app.client,
    channelProblems: [],
    outboxCounts: () => outboxRepository.counts(systemClock.now()),
    scheduler: createScheduler([reminders, escalationDigestJob, trendDigestJob, teamDigestJob, retention], {
      coordinator: databaseRunCoordinator(db.prisma), timeZone: env.TZ, clock, logger, afterRun: () => void outbox.kick() }),
  };
}

/** The channels the app posts in (case, digest, each routing team's), checked once at start-up. */
async function checkConfiguredChannels(deps: AppDeps): Promise<ChannelProblem[]> {
  const teams = (await deps.routing.activeRuleSet().catch(() => null))?.teams ?? [];
  const channels = [
    { id: deps.env.CASE_CHANNEL_ID, setting: "CASE_CHANNEL_ID" },
    { id: deps.digestChannel, setting: deps.env.DIGEST_CHANNEL_ID ? "DIGEST_CHANNEL_ID" : "CASE_CHANNEL_ID" },
    ...teams.flatMap((team) => (team.channel ? [{ id: team.channel, setting: `routing team ${team.id}` }] : [])),
  ];
  return reportChannelProblems({
    client: deps.slackClient,
    channels,
    admins: await deps.roles.withRoles(["admin"]),
    enqueue: deps.enqueue,
    logger: deps.logger,
    today: deps.clock.now().toISOString().slice(0, 10),
  });
}


/** Opens and migrates the database, seeds roles and routing rules, then builds the app and its services. */
export async function buildApp(env: Env, options: BuildOptions = {}) {
  const logger = options.logger ?? createLogger(env.LOG_LEVEL);
  const clock = options.clock ?? systemClock;
  // Fonts and logo are read before anything is opened: a missing font package or a bad logo file stops start-up with the fix.
  const printer = createLetterPrinter(loadLetterFonts(), letterheadFrom(env, env.HOSPITAL_LOGO_FILE ? await loadLetterLogo(env.HOSPITAL_LOGO_FILE) : null));
  const db = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
  // Letters need a named contact person, the hospital's name and a phone or email: said at start-up and on /healthz until set.
  const letterSettingsIssues = letterSettingsProblems(letterSettingsFrom(env));
  if (letterSettingsIssues.length > 0) {
    logger.warn({ settings: letterSettingsIssues.map((problem) => problem.setting) }, `letters are refused until the letter settings are fixed: ${letterSettingsIssues.map((problem) => problem.message).join(" ")}`);
  }
  // What /healthz reports besides "up": the socket (Socket Mode), the outbox and the channels.
  let socket: (() => Record<string, unknown>) | undefined;
  const health: HealthExtras = async () => ({
    ...socket?.(),
    outbox: await deps.outboxCounts().catch(() => "unknown"),
    // Acknowledged filings not yet cases: more than a few for long means filing is failing.
    intakePending: await deps.intake.pending().catch(() => "unknown"),
    channelProblems: deps.channelProblems.map(({ id, setting, problem }) => ({ id, setting, problem })),
    letterSettings: letterSettingsIssues.length === 0 ? "ok" : letterSettingsIssues,
  });
  // GET /metrics first, then the health routes: on Bolt's port in HTTP mode, on the health server in Socket Mode.
  const metricsRoute = (req: IncomingMessage, res: ServerResponse) => deps.metrics.answer(req, res);
  const { app, receiver } = createBoltApp(env, logger, (req, res) => void (async () => (await metricsRoute(req, res)) || answerHealth(req, res, db, health))());
  let deps: AppDeps;
  try {
    const applied = await migrate(db);
    if (applied.length > 0) logger.info({ applied }, "database migrated");
    deps = buildDeps(env, db, app, logger, clock, await loadPrompt("response-letter"), printer);
    await deps.roles.bootstrapAdmins(env.ADMIN_USER_IDS);
    await deps.routing.ensureRules();
    await deps.guidanceFiles.guidance.ensureLoaded();
    await deps.guidanceFiles.directory.ensureLoaded();
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
  app.use(requestLog(logger));
  app.use(requestMetrics(deps.metrics));
  registerListeners(app, deps);
  // Each state-changing interaction is applied once, over either transport (src/slack/interaction-guard.ts).
  guardInteractions(app, createInteractionKeys(db.prisma), logger);
  app.error(async (error) => {
    markInteractionFailed();
    logger.error({ error: errorSummary((error as { original?: unknown }).original ?? error) }, "unhandled Slack listener error");
  });

  let healthServer: Server | null = null;
  let intakeSweep: NodeJS.Timeout | null = null;
  let sweeping: Promise<void> = Promise.resolve();
  const tellFiler = intakeRecoveryTeller(app.client, env.TZ, logger);
  /** One sweep of the intake journal at a time; a filed entry queues its card, so the outbox is woken. */
  const recoverIntakes = (all: boolean) => {
    sweeping = sweeping.then(async () => {
      const filed = await deps.intake
        .recover(tellFiler, { all, onError: (error) => logger.warn({ error: errorSummary(error) }, "journaled intake not filed yet") })
        .catch((error: unknown) => {
          logger.warn({ error: errorSummary(error) }, "intake journal sweep failed");
          return 0;
        });
      if (filed > 0) void deps.outbox.kick();
    });
    return sweeping;
  };
  return {
    app,
    receiver,
    deps,
    /** Starts listening (HTTP on `port`, or the Socket Mode connection), the outbox and the jobs; returns the HTTP port when there is one. */
    async start(port = env.PORT): Promise<number | null> {
      deps.workspace.url = (await checkBotToken(env.SLACK_BOT_TOKEN, env.SLACK_API_URL, logger)).workspaceUrl;
      await app.init();
      // Followed from before the socket opens, so the first hello is seen.
      socket = receiver instanceof SocketModeReceiver ? socketConnection(receiver.client) : undefined;
      const server = env.SLACK_APP_TOKEN ? await app.start().then(() => startHealthServer(port, db, health, metricsRoute)) : ((await app.start(port)) as Server);
      healthServer = env.SLACK_APP_TOKEN ? server : null;
      deps.channelProblems = await checkConfiguredChannels(deps).catch((error: unknown) => {
        logger.warn({ error: errorSummary(error) }, "could not check the configured channels");
        return [];
      });
      deps.outbox.start();
      // Acknowledged intakes a crash left in the journal: filed now, then swept for as long as this
      // instance runs (another instance's leftovers, failed saves). The embedded database's folder
      // lock means nobody else is filing its entries, so at start-up it takes them all at once.
      void recoverIntakes(db.kind === "pglite");
      intakeSweep = setInterval(() => void recoverIntakes(false), Math.min(10_000, (env.INTAKE_LEASE_SECONDS * 1000) / 2));
      await deps.scheduler.start();
      const address = server.address();
      return address && typeof address === "object" ? address.port : null;
    },
    /** Graceful stop: no new requests, schedules stopped, pending posts finished, database closed. */
    async stop(): Promise<void> {
      // Stop taking requests first (in-flight ones finish), then schedules, then queued posts.
      await app.stop().catch(() => {});
      await new Promise<void>((resolve) => (healthServer ? healthServer.close(() => resolve()) : resolve()));
      await deps.scheduler.stop();
      if (intakeSweep) clearInterval(intakeSweep);
      await sweeping;
      await deps.outbox.stop();
      await db.close();
    },
  };
}

export type RunningApp = Awaited<ReturnType<typeof buildApp>>;
