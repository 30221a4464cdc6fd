import type { IntakeInput } from "../cases/case.schema.ts";
import { AppError, ErrorCode } from "../lib/errors.ts";
import { instantOf, localDateKey } from "../lib/zoned-time.ts";
import { canImportComments, canOwnCases, worksEveryTeam } from "../users/permissions.ts";
import type { Role } from "../users/roles.ts";
import { screenComment } from "./screening.ts";
import { listProblems, parseSurveyCsv } from "./survey-csv.ts";
import { candidateOfferPosts } from "./survey-outbox.ts";
import type { CandidateOffer, NewComment, SurveyRepository } from "./surveys.ts";
import { commentTheme } from "./themes.ts";

// The survey import: the manager's file is checked whole (one message per bad row, nothing stored
// if any row is bad), each comment screened (screening.ts) and given a theme (themes.ts), stored in
// one transaction, and each grievance candidate offered privately to the people routing names for
// its unit (DMs queued in the outbox in that same transaction). A coordinator's "File as a case"
// opens the intake form prefilled from the comment, once: a comment filed as a case says which.

export interface SurveyServiceDeps {
  comments: SurveyRepository;
  roleOf(userId: string): Promise<Role>;
  audit(type: string, actorId: string, data: Record<string, string>): Promise<void>;
  /** Who is offered a candidate from this unit and category (routing's team, else the managers). */
  recipientsFor(unit: string, category: string): Promise<string[]>;
  departments: readonly string[];
  timeZone: string;
  now(): Date;
}

export interface ImportSummary {
  imported: number;
  duplicates: number;
  candidates: number;
  anonymous: number;
  identifiedNoRequest: number;
  /** Candidates by unit (no patient data), and who was offered them. */
  offered: { unit: string; count: number; recipients: string[] }[];
}

export function createSurveyService(deps: SurveyServiceDeps) {
  return {
    /** Whether `userId` may import (the command checks before opening the form). */
    async ensureMayImport(userId: string): Promise<void> {
      if (canImportComments(await deps.roleOf(userId))) return;
      await deps.audit("permission_denied", userId, { action: "import_comments" });
      throw new AppError(ErrorCode.forbidden, "Only managers import survey comments. Nothing was imported.");
    },

    /** Imports a survey file; throws an invalidInput AppError naming every bad row (nothing imported). */
    async importCsv(userId: string, bytes: Uint8Array | string): Promise<ImportSummary> {
      await this.ensureMayImport(userId);
      const parsed = parseSurveyCsv(bytes, { departments: deps.departments, today: localDateKey(deps.now(), deps.timeZone) });
      if (!parsed.ok) throw new AppError(ErrorCode.invalidInput, `Nothing was imported. Fix these and import the file again:\n${listProblems(parsed.problems).join("\n")}`);
      // A row id repeated inside the file is a duplicate too: the first one is kept.
      const seen = new Set<string>();
      let repeated = 0;
      const comments: NewComment[] = [];
      for (const row of parsed.rows) {
        if (seen.has(row.rowId)) {
          repeated++;
          continue;
        }
        seen.add(row.rowId);
        const screened = screenComment(row);
        const { row: _line, ...fields } = row;
        comments.push({ ...fields, category: commentTheme(row.text), screening: screened.screening, screeningRule: screened.rule });
      }
      // Who is offered each unit and category's candidates, asked before the transaction that queues the offers.
      const groupKey = (comment: { unit: string; category: string }) => `${comment.unit}\u0000${comment.category}`;
      const recipientsByGroup = new Map<string, string[]>();
      for (const comment of comments) {
        if (comment.screening !== "candidate" || recipientsByGroup.has(groupKey(comment))) continue;
        recipientsByGroup.set(groupKey(comment), await deps.recipientsFor(comment.unit, comment.category));
      }
      const byRowId = new Map(comments.map((comment) => [comment.rowId, comment]));
      const groups = new Map<string, CandidateOffer[]>();
      // The stored candidates, by unit and category; their offers are queued in the import's transaction.
      const offersOf = (stored: readonly { id: string; rowId: string }[]) => {
        groups.clear();
        for (const { id, rowId } of stored) {
          const comment = byRowId.get(rowId);
          if (comment?.screening !== "candidate") continue;
          const key = groupKey(comment);
          const group = groups.get(key) ?? [];
          group.push({ commentId: id, unit: comment.unit, category: comment.category, date: comment.date });
          groups.set(key, group);
        }
        return [...groups].flatMap(([key, offers]) => candidateOfferPosts(recipientsByGroup.get(key) ?? [], offers));
      };
      const { stored, duplicates } = await deps.comments.importComments(comments, userId, offersOf);
      const storedIds = new Set(stored.map((item) => item.rowId));
      const fresh = comments.filter((comment) => storedIds.has(comment.rowId));
      const candidates = [...groups.values()].flat();
      const offered = new Map<string, { unit: string; count: number; recipients: Set<string> }>();
      for (const [key, group] of groups) {
        const first = group[0] as CandidateOffer;
        const entry = offered.get(first.unit) ?? { unit: first.unit, count: 0, recipients: new Set<string>() };
        entry.count += group.length;
        for (const recipient of recipientsByGroup.get(key) ?? []) entry.recipients.add(recipient);
        offered.set(first.unit, entry);
      }
      await deps.audit("survey_comments_imported", userId, { imported: String(stored.length), duplicates: String(duplicates + repeated), candidates: String(candidates.length) });
      return {
        imported: stored.length,
        duplicates: duplicates + repeated,
        candidates: candidates.length,
        anonymous: fresh.filter((comment) => comment.screening === "anonymous").length,
        identifiedNoRequest: fresh.filter((comment) => comment.screening === "no_request").length,
        offered: [...offered.values()].map((entry) => ({ unit: entry.unit, count: entry.count, recipients: [...entry.recipients] })),
      };
    },

    /**
     * The intake form's values for a candidate (audited): for the people it is offered to (the team
     * routing gives its unit and category) and the managers, as a case is for its team and the
     * managers. Patient data: for the form only.
     */
    async prefill(userId: string, commentId: string): Promise<Partial<IntakeInput>> {
      const role = await deps.roleOf(userId);
      const refuse = async (): Promise<never> => {
        await deps.audit("permission_denied", userId, { action: "file_survey_comment", comment: commentId });
        throw new AppError(ErrorCode.forbidden, "Only the patient-relations team the comment was offered to, and the managers, file it as a case.");
      };
      if (!canOwnCases(role)) return refuse();
      const comment = await deps.comments.find(commentId);
      if (!comment) throw new AppError(ErrorCode.notFound, "That survey comment is no longer there.");
      if (!worksEveryTeam(role) && !(await deps.recipientsFor(comment.unit, comment.category)).includes(userId)) return refuse();
      if (comment.filedAs) throw new AppError(ErrorCode.conflict, `That survey comment was already filed as ${comment.filedAs}.`);
      await deps.audit("survey_comment_opened", userId, { comment: commentId });
      const [year, month, day] = comment.date.split("-").map(Number) as [number, number, number];
      const noon = instantOf({ year, month, day, hour: 12, minute: 0, second: 0 }, deps.timeZone);
      const receivedAt = noon.getTime() > deps.now().getTime() ? deps.now() : noon;
      return {
        patientName: comment.patientName ?? comment.patientContact ?? "",
        raisedBy: "patient",
        ...(comment.patientContact ? { contact: comment.patientContact } : {}),
        department: comment.unit,
        category: comment.category as IntakeInput["category"],
        receivedVia: "survey",
        receivedAt,
        description: comment.text,
        desiredOutcome: comment.contactRequested ? "The patient ticked 'contact me' on the survey." : "",
        // CMS: a survey comment whose patient asks for resolution is a grievance.
        flags: ["written_response_requested"],
      };
    },
  };
}

export type SurveyService = ReturnType<typeof createSurveyService>;
