import { createHash } from "node:crypto";
import type { CaseActions } from "../cases/case-actions.service.ts";
import type { CaseDetails, CaseRepository, CaseSummary, OutboxEntry } from "../cases/case.ts";
import { ANONYMOUS_NAME, cleanText } from "../cases/case.schema.ts";
import { recordedIssues } from "../cases/case-issues.ts";
import { OUTBOX_KINDS } from "../cases/case-updates.ts";
import { interimPromiseStillAhead, interimResponseDueAt } from "../cases/clocks.ts";
import { formatLocal } from "../lib/zoned-time.ts";
import { canWriteLetter } from "../cases/lifecycle.ts";
import type { Clock } from "../lib/clock.ts";
import { AppError, ErrorCode } from "../lib/errors.ts";
import type { Logger } from "../lib/logger.ts";
import type { CaseAction } from "../users/permissions.ts";
import type { LetterDrafter } from "./drafter.ts";
import { approvalRequests } from "./letter-approval.ts";
import { failedRequired, type LetterCheck } from "./letter-check.ts";
import { type LetterSettings, letterFacts, letterRecipient } from "./letter-facts.ts";
import { LETTER_LIMITS, LETTER_REVIEW_LIMITS } from "./letter-limits.ts";
import { letterSettingsRefusal } from "./letter-settings.ts";
import type { Letter, LetterRepository, LetterVersion } from "./letter.ts";
import { type LetterDraft, type LetterFacts, type LetterKind, renderLetter } from "./letter.schema.ts";
import { LETTER_OUTBOX } from "./letter-outbox.ts";
import type { LetterPrinter, PrintableLetter } from "./letter-pdf.ts";
import { letterReidentifier } from "./letter-reidentify.ts";
import { letterLanguageOf } from "./letter-language.ts";
import { checksForLetter } from "./letter-check-context.ts";
import { type TranslationReview, translationReviewOf } from "./letter-translation-review.ts";
import { type DownloadFormat, LETTER_FORMS, type LetterDownload, type LetterForm, type LetterNotifier, type LetterView } from "./letter-views.ts";

export interface LetterServiceDeps {
  letters: LetterRepository;
  cases: CaseRepository;
  caseActions: CaseActions;
  drafter: LetterDrafter;
  settings: LetterSettings;
  /** Prints approved letters as PDF (letterhead, fonts for the letters' scripts). */
  printer: LetterPrinter;
  notifier: LetterNotifier;
  /** Managers and admins: told by direct message when a version awaits their approval. */
  approvers(): Promise<string[]>;
  clock: Clock;
  logger: Logger;
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** Drafting under human review: request, draft (model or template), edit, regenerate, approve, reject, send. */
export function createLetterService(deps: LetterServiceDeps) {
  const { letters, cases, settings } = deps;
  // No letter is drafted or approved without a named contact person, the hospital's name and a way to reach them.
  const settingsRefusal = letterSettingsRefusal(settings);
  const requireSettings = () => {
    if (settingsRefusal) throw new AppError(ErrorCode.config, settingsRefusal);
  };

  const messageRefresh = (letterId: string, stamp: string): OutboxEntry => ({ kind: LETTER_OUTBOX.message, dedupeKey: `letter-message:${letterId}:${stamp}`, payload: { letterId } });
  const draftJob = (letterId: string, version: number, instruction?: string): OutboxEntry => ({
    kind: LETTER_OUTBOX.draft,
    dedupeKey: `letter-draft:${letterId}:${version}`,
    payload: { letterId, version: String(version), ...(instruction ? { instruction } : {}) },
  });

  async function load(letterId: string): Promise<{ letter: Letter; summary: CaseSummary }> {
    const letter = await letters.find(letterId);
    if (!letter) throw new AppError(ErrorCode.notFound, "That letter no longer exists.");
    const summary = await cases.findSummary(letter.caseId);
    if (!summary) throw new AppError(ErrorCode.notFound, "That case no longer exists.");
    return { letter, summary };
  }

  /** The approved text with what the printed letter adds: its date (the approval), the recipient and their postal address. */
  async function printableLetter(letterId: string, text: string, caseNumber: string): Promise<PrintableLetter> {
    const { letter } = await load(letterId);
    const details = await cases.loadDetailsForProcessing(letter.caseId);
    const person = details ? letterRecipient(details) : undefined;
    const recipient = person && person.name !== ANONYMOUS_NAME ? { name: person.name, addressLines: (person.mailingAddress ?? "").split("\n").map((line) => line.trim()).filter(Boolean) } : null;
    return { caseNumber, date: letter.approvedAt ?? deps.clock.now(), recipient, text, title: `${caseNumber} letter` };
  }

  async function view(letterId: string): Promise<LetterView> {
    const { letter, summary } = await load(letterId);
    const version = letter.currentVersion > 0 ? await letters.version(letterId, letter.currentVersion) : null;
    // The same date Mark as sent checks.
    const promisedResponseBy = letter.kind === "interim" && version ? promiseOf(version, summary) : null;
    return { letter, version, summary, checks: (version?.checks as LetterCheck[] | undefined) ?? [], promisedResponseBy };
  }

  // Only what a letter may hold goes back: the case's people, the hospital's own contacts and the
  // letter's dates; record numbers, other people's names and the rest stay placeholders, which the
  // placeholders check refuses (letter-reidentify.ts).
  function reidentifyDraft(draft: LetterDraft, map: Record<string, string>, details: CaseDetails, facts: LetterFacts): LetterDraft {
    const back = letterReidentifier(map, {
      people: details.people.map((person) => person.name),
      staff: [settings.contactPerson, settings.signatory],
      contacts: [settings.contactBlock, settings.stateAgency, settings.qio],
      letterPlaceholders: Object.values(facts.dates),
    });
    return {
      greeting: back(draft.greeting),
      acknowledgement: back(draft.acknowledgement),
      issuesRaised: draft.issuesRaised.map(back),
      issueResponses: draft.issueResponses.map((entry) => ({ issue: back(entry.issue), response: back(entry.response) })),
      stepsTaken: back(draft.stepsTaken),
      results: back(draft.results),
      contactPerson: back(draft.contactPerson),
      dateOfCompletion: back(draft.dateOfCompletion),
      rightsAndNextSteps: back(draft.rightsAndNextSteps),
      closing: back(draft.closing),
    };
  }

  /** The date an interim version promises: stored when drafted; for versions from before that, worked out from when it was made. */
  function promiseOf(version: LetterVersion, summary: CaseSummary): Date {
    return version.promisedResponseAt ?? interimResponseDueAt(summary.receivedAt, version.createdAt, settings.interimResponseDays, settings.timeZone);
  }

  /** The date the approved interim letter promises. */
  async function promisedResponseDate(letter: Letter): Promise<Date | null> {
    const { summary } = await load(letter.id);
    const approved = letter.approvedVersion ? await letters.version(letter.id, letter.approvedVersion) : null;
    return approved ? promiseOf(approved, summary) : null;
  }

  const service = {
    view,

    /** Shows the letter's current state in its thread message (outbox). */
    async showLetter(letterId: string): Promise<void> {
      await deps.notifier.showLetter(await view(letterId));
    },

    /** The letter text for one authorized user (who may also need `action`): permission to see the case's details, audited. */
    async viewPrivately(letterId: string, userId: string, action?: CaseAction): Promise<LetterView> {
      const result = await view(letterId);
      if (action) await deps.caseActions.ensureAllowed(action, result.summary.id, userId);
      await deps.caseActions.ensureAllowed("view_details", result.summary.id, userId);
      await letters.audit(result.summary.id, "letter_viewed", userId, { letterId, version: String(result.version?.number ?? 0) });
      return result;
    },

    /** Asks for a draft; one letter per request key. The draft is produced after the Slack acknowledgement. */
    async request(caseId: string, userId: string, kind: LetterKind, requestKey: string): Promise<Letter> {
      const summary = await deps.caseActions.ensureAllowed("draft_letter", caseId, userId);
      requireSettings();
      if (!canWriteLetter(summary.status)) throw new AppError(ErrorCode.conflict, `${summary.number} is closed; reopen it to write a letter.`);
      if (kind === "interim" && summary.type !== "grievance") throw new AppError(ErrorCode.invalidInput, "Interim letters are for grievances that cannot be resolved within 7 days.");
      const { letter } = await letters.request({ caseId, kind, requestedBy: userId, requestKey }, (letterId) => [draftJob(letterId, 1)]);
      return letter;
    },

    /** The drafting job (outbox): placeholder in the thread, draft, checks, version, message. Safe to run twice. */
    async produceDraft(letterId: string, version: number, instruction?: string): Promise<void> {
      let { letter, summary } = await load(letterId);
      if (!letter.threadTs) {
        const posted = await deps.notifier.postPlaceholder(summary, letter);
        await letters.recordThreadMessage(letterId, posted.channelId, posted.ts);
        ({ letter, summary } = await load(letterId));
      }
      if (letter.currentVersion < version) {
        const details = await cases.loadDetailsForProcessing(summary.id);
        if (!details) return;
        const draftedAt = deps.clock.now();
        const { facts, map } = letterFacts(details, letter.kind as LetterKind, settings, draftedAt, instruction);
        const result = await deps.drafter.draft(facts);
        const draft = reidentifyDraft(result.draft, map, details, facts);
        const text = renderLetter(draft, { signatory: settings.signatory, hospitalName: settings.hospitalName, disclosure: result.source === "llm" ? settings.disclosure : undefined });
        // Checked against the issues recorded on the case, not the ones the drafter listed.
        const issues = recordedIssues(details).map((issue) => issue.text);
        const language = letterLanguageOf(details.people);
        const checks = checksForLetter(settings, details, letter, text, issues, language);
        const approvers = await deps.approvers();
        const added = await letters.addVersion(
          letterId,
          version,
          {
            text,
            source: result.source,
            authorId: "system",
            instruction,
            model: result.model,
            promptId: result.promptId,
            promptVersion: result.promptVersion,
            promptHash: result.promptHash,
            inputTokens: result.inputTokens,
            outputTokens: result.outputTokens,
            latencyMs: result.latencyMs,
            fallbackReason: result.fallbackReason,
            checks,
            issues,
            // The date the text promises, stored so approval and Mark as sent check the same one.
            promisedResponseAt: letter.kind === "interim" ? interimResponseDueAt(summary.receivedAt, draftedAt, settings.interimResponseDays, settings.timeZone) : null,
            language,
          },
          { type: "letter_drafted", actorId: "system" },
          // Queued with the version itself: a redelivered draft job adds no version, so no second message.
          approvalRequests({ caseId: summary.id, letterId, kind: letter.kind, version, approvers }),
        );
        deps.logger.info({ letterId, version, source: result.source, added, latencyMs: result.latencyMs }, "letter drafted");
      }
      await deps.notifier.showLetter(await view(letterId));
    },

    /** Saves an edited text as a new version (refused if the letter moved on since the edit began). */
    async edit(letterId: string, userId: string, baseVersion: number, rawText: string): Promise<void> {
      const { letter, summary } = await load(letterId);
      await deps.caseActions.ensureAllowed("draft_letter", summary.id, userId);
      await deps.caseActions.ensureAllowed("view_details", summary.id, userId);
      const text = cleanText(rawText);
      if (text.length < LETTER_LIMITS.minCharacters) throw new AppError(ErrorCode.invalidInput, "The letter is too short to send.");
      if (text.length > LETTER_LIMITS.maxCharacters) throw new AppError(ErrorCode.invalidInput, `A letter holds ${LETTER_LIMITS.maxCharacters.toLocaleString("en-US")} characters.`);
      if (letter.status !== "draft") throw new AppError(ErrorCode.conflict, `This letter is ${letter.status}; it can no longer be edited.`);
      const previous = await letters.version(letterId, baseVersion);
      const details = await cases.loadDetailsForProcessing(summary.id);
      if (!details) throw new AppError(ErrorCode.notFound, "That case no longer exists.");
      // The issues as recorded now: an edit after "Edit issues" is checked against the new list.
      const issues = recordedIssues(details).map((issue) => issue.text);
      const language = letterLanguageOf(details.people);
      const checks = checksForLetter(settings, details, letter, text, issues, language);
      const approvers = await deps.approvers();
      const added = await letters.addVersion(
        letterId,
        baseVersion + 1,
        // An edit keeps the date its draft promised: the text the manager edits says it.
        { text, source: "edit", authorId: userId, checks, issues, promisedResponseAt: previous?.promisedResponseAt ?? null, language },
        { type: "letter_edited", actorId: userId },
        [
          messageRefresh(letterId, `v${baseVersion + 1}`),
          ...approvalRequests({ caseId: summary.id, letterId, kind: letter.kind, version: baseVersion + 1, approvers, editedBy: userId }),
        ],
      );
      if (!added) throw new AppError(ErrorCode.conflict, "Someone changed this letter while you were editing. Open Edit again to start from the latest version.");
    },

    /** Asks for a new draft with an instruction (warmer, shorter, another language…). */
    async regenerate(letterId: string, userId: string, baseVersion: number, instruction: string): Promise<void> {
      const { summary } = await load(letterId);
      await deps.caseActions.ensureAllowed("draft_letter", summary.id, userId);
      const cleaned = cleanText(instruction).slice(0, LETTER_REVIEW_LIMITS.instruction);
      const moved = await letters.transition(
        letterId,
        { status: "draft", version: baseVersion },
        { status: "drafting" },
        { type: "letter_regeneration_requested", actorId: userId, data: { fromVersion: String(baseVersion) } },
        [draftJob(letterId, baseVersion + 1, cleaned || undefined), messageRefresh(letterId, `v${baseVersion}:regenerating`)],
      );
      if (!moved) throw new AppError(ErrorCode.conflict, "This letter changed or is already being redrafted.");
    },

    /**
     * Approves the exact version shown: managers only; failing required checks need an override
     * reason; a letter not in English needs who reviewed its translation (a Slack user, or an
     * outside reviewer's name and qualification): machine translation alone is not a qualified
     * translation (HHS Section 1557 guidance, 45 CFR 92.201).
     */
    async approve(letterId: string, userId: string, version: number, overrideReason?: string, translation?: TranslationReview): Promise<void> {
      const { letter, summary } = await load(letterId);
      await deps.caseActions.ensureAllowed("approve_letter", summary.id, userId);
      requireSettings();
      if (letter.status !== "draft" || letter.currentVersion !== version) {
        throw new AppError(ErrorCode.conflict, letter.status === "approved" ? "This letter was already approved." : "The letter changed since you opened it; review the latest version.");
      }
      const row = await letters.version(letterId, version);
      if (!row) throw new AppError(ErrorCode.notFound, "That version no longer exists.");
      const failing = failedRequired(row.checks as unknown as LetterCheck[]);
      const reason = cleanText(overrideReason ?? "");
      if (failing.length > 0 && reason.length < 10) {
        throw new AppError(ErrorCode.invalidInput, `Required checks fail (${failing.map((check) => check.label).join("; ")}). Fix the letter, or give a reason to approve it anyway.`);
      }
      const review = translationReviewOf(row.language ?? "en", translation);
      const approved = await letters.transition(
        letterId,
        { status: "draft", version },
        {
          status: "approved",
          approvedVersion: version,
          approvedBy: userId,
          approvedAt: deps.clock.now(),
          approvedHash: sha256(row.text),
          overrideReason: failing.length > 0 ? reason : null,
          translationReviewedBy: review?.userId ?? null,
          translationReviewer: review?.reviewer ?? null,
        },
        {
          type: "letter_approved",
          actorId: userId,
          data: {
            version: String(version),
            hash: sha256(row.text),
            override: String(failing.length > 0),
            ...(review ? { language: row.language ?? "en", ...(review.userId ? { translationReviewedBy: review.userId } : {}), ...(review.reviewer ? { translationReviewer: review.reviewer } : {}) } : {}),
          },
        },
        [messageRefresh(letterId, `v${version}:approved`)],
      );
      if (!approved) throw new AppError(ErrorCode.conflict, "Someone changed or approved this letter first.");
    },

    async reject(letterId: string, userId: string, version: number, reason: string): Promise<void> {
      const { summary } = await load(letterId);
      await deps.caseActions.ensureAllowed("approve_letter", summary.id, userId);
      const why = cleanText(reason);
      if (why.length < 5) throw new AppError(ErrorCode.invalidInput, "Say why the letter is rejected.");
      const rejected = await letters.transition(
        letterId,
        { status: "draft", version },
        { status: "rejected", rejectedBy: userId, rejectedReason: why.slice(0, LETTER_REVIEW_LIMITS.rejectReason) },
        { type: "letter_rejected", actorId: userId, data: { version: String(version) } },
        [messageRefresh(letterId, `v${version}:rejected`)],
      );
      if (!rejected) throw new AppError(ErrorCode.conflict, "The letter changed since you opened it.");
    },

    /** Records that the approved letter went to the patient (outside Slack). */
    async markSent(letterId: string, userId: string): Promise<void> {
      const { letter, summary } = await load(letterId);
      await deps.caseActions.ensureAllowed("draft_letter", summary.id, userId);
      const promised = letter.kind === "interim" ? await promisedResponseDate(letter) : null;
      // A letter promising a date already past is wrong on its face, and moving the deadline quietly
      // would make the record disagree with what the patient reads: refuse, and have it redrafted.
      if (promised && !interimPromiseStillAhead(promised, deps.clock.now())) {
        throw new AppError(
          ErrorCode.conflict,
          `This interim letter promises the written response by ${formatLocal(promised, settings.timeZone)}, which has passed. Regenerate it so it promises a date still ahead, approve it, then mark it as sent.`,
        );
      }
      const sent = await letters.transition(
        letterId,
        { status: "approved" },
        { status: "sent", sentAt: deps.clock.now(), sentBy: userId },
        { type: "letter_sent", actorId: userId, data: {} },
        [messageRefresh(letterId, "sent")],
      );
      if (!sent) throw new AppError(ErrorCode.conflict, "Only an approved letter can be marked as sent.");
      if (promised) {
        // The interim letter promised the written response by a date: that is now the deadline.
        await cases.applyChange(summary.id, {
          data: { responseDueAt: promised },
          event: { type: "response_deadline_extended", actorId: userId, data: { letterId, dueAt: promised.toISOString() } },
          notify: (eventId) => [{ kind: OUTBOX_KINDS.caseCardRefresh, dedupeKey: `card-refresh:${summary.id}:${eventId}`, payload: { caseId: summary.id } }],
        });
      }
    },

    /** The approved text, for download by the team (audited). */
    async approvedText(letterId: string, userId: string): Promise<{ text: string; number: string; version: number }> {
      const { letter, summary } = await load(letterId);
      await deps.caseActions.ensureAllowed("draft_letter", summary.id, userId);
      await deps.caseActions.ensureAllowed("view_details", summary.id, userId);
      if (!letter.approvedVersion) throw new AppError(ErrorCode.conflict, "Only an approved letter can be downloaded.");
      const row = await letters.version(letterId, letter.approvedVersion);
      if (!row) throw new AppError(ErrorCode.notFound, "The approved version is missing.");
      await letters.audit(summary.id, "letter_downloaded", userId, { letterId, version: String(row.number) });
      return { text: row.text, number: summary.number, version: row.number };
    },

    /** The letter for a review form opened from a button shown with `shownVersion` (see LETTER_FORMS). */
    async openForm(letterId: string, userId: string, form: LetterForm, shownVersion: number): Promise<LetterView> {
      const rule = LETTER_FORMS[form];
      const result = rule.showsText ? await service.viewPrivately(letterId, userId, rule.action) : await view(letterId);
      if (!rule.showsText) await deps.caseActions.ensureAllowed(rule.action, result.summary.id, userId);
      if (!rule.anyStatus && (result.version?.number !== shownVersion || result.letter.status !== "draft")) {
        throw new AppError(ErrorCode.conflict, "This letter has changed since that message was shown; use the buttons on its latest version.");
      }
      return result;
    },

    /**
     * Downloads the approved letter: permission and approval are checked and the download audited
     * now; `send` then makes the file (a PDF takes a few seconds) and sends it to the requester only,
     * never to the channel, because the letter names the patient.
     */
    async download(letterId: string, userId: string, format: DownloadFormat): Promise<LetterDownload> {
      const { text, number, version } = await service.approvedText(letterId, userId);
      const printable = format === "pdf" ? await printableLetter(letterId, text, number) : null;
      // Refused now, before "sending" is said: the PDF fonts cannot lay out every script.
      const refusal = printable ? deps.printer.refusal(printable) : null;
      if (refusal) throw new AppError(ErrorCode.invalidInput, refusal);
      return {
        format,
        caseNumber: number,
        version,
        async send() {
          const content = printable ? Buffer.from(await deps.printer.print(printable)) : Buffer.from(text, "utf8");
          await deps.notifier.uploadPrivately(userId, `${number}-letter-v${version}.${format}`, `${number} approved letter (version ${version})`, content);
        },
      };
    },
  };
  return service;
}

export type LetterService = ReturnType<typeof createLetterService>;
