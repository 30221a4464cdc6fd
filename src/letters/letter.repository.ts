import type { Prisma, PrismaClient } from "../db/generated/client.ts";
import type { OutboxEntry } from "../cases/case.ts";
import { queueOnce } from "../outbox/outbox.repository.ts";

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
  rejectedBy: true,
  rejectedReason: true,
  sentAt: true,
  sentBy: true,
  createdAt: true,
} as const satisfies Prisma.LetterSelect;

export type LetterRow = Prisma.LetterGetPayload<{ select: typeof LETTER_FIELDS }>;
export type VersionRow = Prisma.LetterVersionGetPayload<object>;

export interface NewVersion {
  text: string;
  source: "llm" | "template" | "edit";
  authorId: string;
  instruction?: string | undefined;
  model?: string | undefined;
  promptId?: string | undefined;
  promptVersion?: string | undefined;
  promptHash?: string | undefined;
  inputTokens?: number | undefined;
  outputTokens?: number | undefined;
  latencyMs?: number | undefined;
  fallbackReason?: string | undefined;
  checks: unknown;
  issues: string[];
}

/** Letter storage: every state change conditional on the version the user saw, with its case audit event. */
export function createLetterRepository(prisma: PrismaClient) {
  return {
    async find(letterId: string): Promise<LetterRow | null> {
      return prisma.letter.findUnique({ where: { id: letterId }, select: LETTER_FIELDS });
    },

    async hasWrittenResponse(caseId: string): Promise<boolean> {
      return (await prisma.letter.count({ where: { caseId, kind: "response", status: { in: ["approved", "sent"] } } })) > 0;
    },

    async version(letterId: string, number: number): Promise<VersionRow | null> {
      return prisma.letterVersion.findUnique({ where: { letterId_number: { letterId, number } } });
    },

    /** Letters waiting for approval, oldest first (App Home, digests): case number and kind only. */
    async awaitingApproval(): Promise<{ letterId: string; caseNumber: string; kind: string; since: Date; cardChannelId: string | null; cardMessageTs: string | null }[]> {
      const rows = await prisma.letter.findMany({
        where: { status: "draft" },
        select: { id: true, kind: true, updatedAt: true, case: { select: { number: true, cardChannelId: true, cardMessageTs: true } } },
        orderBy: { updatedAt: "asc" },
        take: 50,
      });
      return rows.map((row) => ({
        letterId: row.id,
        caseNumber: row.case.number,
        kind: row.kind,
        since: row.updatedAt,
        cardChannelId: row.case.cardChannelId,
        cardMessageTs: row.case.cardMessageTs,
      }));
    },

    /** Creates the letter once per request key, with its audit event and the drafting job. */
    async request(input: { caseId: string; kind: string; requestedBy: string; requestKey: string }, outbox: (letterId: string) => OutboxEntry[]): Promise<{ letter: LetterRow; created: boolean }> {
      const existing = await prisma.letter.findUnique({ where: { requestKey: input.requestKey }, select: LETTER_FIELDS });
      if (existing) return { letter: existing, created: false };
      try {
        const letter = await prisma.$transaction(async (tx) => {
          const row = await tx.letter.create({ data: input, select: LETTER_FIELDS });
          await tx.caseEvent.create({ data: { caseId: input.caseId, type: "letter_requested", actorId: input.requestedBy, data: { letterId: row.id, kind: input.kind } } });
          await queueOnce(tx, outbox(row.id));
          return row;
        });
        return { letter, created: true };
      } catch (error) {
        const again = await prisma.letter.findUnique({ where: { requestKey: input.requestKey }, select: LETTER_FIELDS });
        if (again) return { letter: again, created: false };
        throw error;
      }
    },

    /** Records where the letter's thread message is, once (a second instance's post is not recorded). */
    async recordThreadMessage(letterId: string, channelId: string, ts: string): Promise<boolean> {
      const { count } = await prisma.letter.updateMany({ where: { id: letterId, threadTs: null }, data: { threadChannelId: channelId, threadTs: ts } });
      return count === 1;
    },

    /**
     * Adds version `number` if the letter is still at `number - 1`; returns false when someone
     * else moved it first (stale edit, or the same draft job delivered twice).
     */
    async addVersion(letterId: string, number: number, version: NewVersion, event: { type: string; actorId: string }, outbox: OutboxEntry[]): Promise<boolean> {
      return prisma.$transaction(async (tx) => {
        const { count } = await tx.letter.updateMany({
          where: { id: letterId, currentVersion: number - 1, status: { in: ["drafting", "draft"] } },
          data: { currentVersion: number, status: "draft" },
        });
        if (count === 0) return false;
        const letter = await tx.letter.findUniqueOrThrow({ where: { id: letterId }, select: { caseId: true } });
        await tx.letterVersion.create({ data: { letterId, number, ...version, checks: version.checks as Prisma.InputJsonValue } });
        await tx.caseEvent.create({ data: { caseId: letter.caseId, type: event.type, actorId: event.actorId, data: { letterId, version: String(number), source: version.source } } });
        await queueOnce(tx, outbox);
        return true;
      });
    },

    /** Moves the letter between statuses when it still is where the user saw it; records the case event. */
    async transition(
      letterId: string,
      expected: { status: string; version?: number },
      data: Prisma.LetterUpdateManyMutationInput,
      event: { type: string; actorId: string; data: Record<string, string> },
      outbox: OutboxEntry[],
    ): Promise<boolean> {
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

    async audit(caseId: string, type: string, actorId: string, data: Record<string, string>): Promise<void> {
      await prisma.caseEvent.create({ data: { caseId, type, actorId, data } });
    },
  };
}

export type LetterRepository = ReturnType<typeof createLetterRepository>;
