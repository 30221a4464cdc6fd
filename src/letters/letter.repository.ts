import type { Prisma, PrismaClient } from "../db/generated/client.ts";
import type { OutboxEntry } from "../cases/case.ts";
import { queueOnce } from "../outbox/outbox.repository.ts";
import type { LetterCheck } from "./letter-check.ts";
import type { LetterLanguage } from "./letter-language.ts";
import type { LetterKind } from "./letter.schema.ts";
import type { Letter, LetterRepository, LetterSource, LetterStatus, LetterVersion } from "./letter.ts";

const LETTER_FIELDS = {
  id: true,
  caseId: true,
  kind: true,
  status: true,
  requestedBy: true,
  currentVersion: true,
  threadChannelId: true,
  threadTs: true,
  approvedVersion: true,
  approvedBy: true,
  approvedAt: true,
  approvedHash: true,
  overrideReason: true,
  translationReviewedBy: true,
  translationReviewer: true,
  rejectedBy: true,
  rejectedReason: true,
  sentAt: true,
  sentBy: true,
  createdAt: true,
} as const satisfies Prisma.LetterSelect;

type LetterRow = Prisma.LetterGetPayload<{ select: typeof LETTER_FIELDS }>;
type VersionRow = Prisma.LetterVersionGetPayload<object>;

/** The stored letter as the domain's Letter (kind and status are text columns). */
function toLetter(row: LetterRow): Letter {
  return { ...row, kind: row.kind as LetterKind, status: row.status as LetterStatus };
}

/** The stored version as the domain's LetterVersion (checks and issues are JSON columns). */
function toVersion(row: VersionRow): LetterVersion {
  return { ...row, source: row.source as LetterSource, checks: row.checks as unknown as LetterCheck[], issues: row.issues as string[], language: row.language as LetterLanguage };
}

/** Letter storage: every state change conditional on the version the user saw, with its case audit event. */
export function createLetterRepository(prisma: PrismaClient): LetterRepository {
  return {
    async find(letterId) {
      const row = await prisma.letter.findUnique({ where: { id: letterId }, select: LETTER_FIELDS });
      return row ? toLetter(row) : null;
    },

    async hasWrittenResponse(caseId) {
      return (await prisma.letter.count({ where: { caseId, kind: "response", status: { in: ["approved", "sent"] } } })) > 0;
    },

    async version(letterId, number) {
      const row = await prisma.letterVersion.findUnique({ where: { letterId_number: { letterId, number } } });
      return row ? toVersion(row) : null;
    },

    /** Letters waiting for approval, oldest first (App Home, digests): case number and kind only. */
    async awaitingApproval() {
      const rows = await prisma.letter.findMany({
        where: { status: "draft" },
        select: { id: true, kind: true, updatedAt: true, case: { select: { number: true, cardChannelId: true, cardMessageTs: true } } },
        orderBy: { updatedAt: "asc" },
        take: 50,
      });
      return rows.map((row) => ({
        letterId: row.id,
        caseNumber: row.case.number,
        kind: row.kind as LetterKind,
        since: row.updatedAt,
        cardChannelId: row.case.cardChannelId,
        cardMessageTs: row.case.cardMessageTs,
      }));
    },

    /** Creates the letter once per request key, with its audit event and the drafting job. */
    async request(input, outbox: (letterId: string) => OutboxEntry[]) {
      const existing = await prisma.letter.findUnique({ where: { requestKey: input.requestKey }, select: LETTER_FIELDS });
      if (existing) return { letter: toLetter(existing), created: false };
      try {
        const letter = await prisma.$transaction(async (tx) => {
          const row = await tx.letter.create({ data: input, select: LETTER_FIELDS });
          await tx.caseEvent.create({ data: { caseId: input.caseId, type: "letter_requested", actorId: input.requestedBy, data: { letterId: row.id, kind: input.kind } } });
          await queueOnce(tx, outbox(row.id));
          return row;
        });
        return { letter: toLetter(letter), created: true };
      } catch (error) {
        const again = await prisma.letter.findUnique({ where: { requestKey: input.requestKey }, select: LETTER_FIELDS });
        if (again) return { letter: toLetter(again), created: false };
        throw error;
      }
    },

    /** Records where the letter's thread message is, once (a second instance's post is not recorded). */
    async recordThreadMessage(letterId, channelId, ts) {
      const { count } = await prisma.letter.updateMany({ where: { id: letterId, threadTs: null }, data: { threadChannelId: channelId, threadTs: ts } });
      return count === 1;
    },

    /**
     * Adds version `number` if the letter is still at `number - 1`; returns false when someone
     * else moved it first (stale edit, or the same draft job delivered twice).
     */
    async addVersion(letterId, number, version, event, outbox) {
      return prisma.$transaction(async (tx) => {
        const { count } = await tx.letter.updateMany({
          where: { id: letterId, currentVersion: number - 1, status: { in: ["drafting", "draft"] } },
          data: { currentVersion: number, status: "draft" },
        });
        if (count === 0) return false;
        const letter = await tx.letter.findUniqueOrThrow({ where: { id: letterId }, select: { caseId: true } });
        await tx.letterVersion.create({ data: { letterId, number, ...version, checks: version.checks as unknown as Prisma.InputJsonValue } });
        await tx.caseEvent.create({ data: { caseId: letter.caseId, type: event.type, actorId: event.actorId, data: { letterId, version: String(number), source: version.source } } });
        await queueOnce(tx, outbox);
        return true;
      });
    },

    /** Moves the letter between statuses when it still is where the user saw it; records the case event. */
    async transition(letterId, expected, data, event, outbox) {
      return prisma.$transaction(async (tx) => {
        const where: Prisma.LetterWhereInput = { id: letterId, status: expected.status };
        if (expected.version !== undefined) where.currentVersion = expected.version;
        const { count } = await tx.letter.updateMany({ where, data });
        if (count === 0) return false;
        const letter = await tx.letter.findUniqueOrThrow({ where: { id: letterId }, select: { caseId: true } });
        await tx.caseEvent.create({ data: { caseId: letter.caseId, type: event.type, actorId: event.actorId, data: { letterId, ...event.data } } });
        await queueOnce(tx, outbox);
        return true;
      });
    },

    async audit(caseId, type, actorId, data) {
      await prisma.caseEvent.create({ data: { caseId, type, actorId, data } });
    },
  };
}
