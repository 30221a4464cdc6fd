import { randomUUID } from "node:crypto";
import type { Letter, LetterRepository, LetterVersion } from "../../src/letters/letter.ts";
import type { MemoryDatabase, StoredLetter } from "./memory-database.ts";

// LetterRepository in memory, with the semantics of letter.repository.ts: one letter per request
// key; a version is added only to the version it was based on, and a status change happens only
// from the status (and version) the user saw; each with its case audit event and posts, together.

const letterOf = ({ requestKey: _key, updatedAt: _updated, ...letter }: StoredLetter): Letter => structuredClone(letter);

export function createMemoryLetterRepository(db: MemoryDatabase): LetterRepository {
  const stored = (letterId: string): StoredLetter => {
    const letter = db.letters.get(letterId);
    if (!letter) throw new Error(`no letter ${letterId}`);
    return letter;
  };

  return {
    async find(letterId) {
      const letter = db.letters.get(letterId);
      return letter ? letterOf(letter) : null;
    },

    async hasWrittenResponse(caseId) {
      return [...db.letters.values()].some((letter) => letter.caseId === caseId && letter.kind === "response" && (letter.status === "approved" || letter.status === "sent"));
    },

    async version(letterId, number) {
      const version = db.versions.find((candidate) => candidate.letterId === letterId && candidate.number === number);
      return version ? structuredClone(version) : null;
    },

    async awaitingApproval() {
      return [...db.letters.values()]
        .filter((letter) => letter.status === "draft")
        .sort((a, b) => a.updatedAt.getTime() - b.updatedAt.getTime())
        .slice(0, 50)
        .map((letter) => {
          const summary = db.cases.get(letter.caseId)?.summary;
          if (!summary) throw new Error(`letter ${letter.id} has no case`);
          return { letterId: letter.id, caseNumber: summary.number, kind: letter.kind, since: letter.updatedAt, cardChannelId: summary.cardChannelId, cardMessageTs: summary.cardMessageTs };
        });
    },

    async request(input, outbox) {
      await db.beforeWrite();
      const existing = [...db.letters.values()].find((letter) => letter.requestKey === input.requestKey);
      if (existing) return { letter: letterOf(existing), created: false };
      if (!db.cases.has(input.caseId)) throw new Error(`no case ${input.caseId}`);
      const now = db.now();
      const letter: StoredLetter = {
        id: randomUUID(),
        caseId: input.caseId,
        kind: input.kind,
        status: "drafting",
        requestedBy: input.requestedBy,
        requestKey: input.requestKey,
        currentVersion: 0,
        threadChannelId: null,
        threadTs: null,
        approvedVersion: null,
        approvedBy: null,
        approvedAt: null,
        approvedHash: null,
        overrideReason: null,
        translationReviewedBy: null,
        translationReviewer: null,
        rejectedBy: null,
        rejectedReason: null,
        sentAt: null,
        sentBy: null,
        createdAt: now,
        updatedAt: now,
      };
      db.letters.set(letter.id, letter);
      db.addEvent(input.caseId, "letter_requested", input.requestedBy, { letterId: letter.id, kind: input.kind });
      db.queueOnce(outbox(letter.id));
      return { letter: letterOf(letter), created: true };
    },

    async recordThreadMessage(letterId, channelId, ts) {
      await db.beforeWrite();
      const letter = stored(letterId);
      if (letter.threadTs !== null) return false;
      Object.assign(letter, { threadChannelId: channelId, threadTs: ts, updatedAt: db.now() });
      return true;
    },

    async addVersion(letterId, number, version, event, outbox) {
      await db.beforeWrite();
      const letter = db.letters.get(letterId);
      if (!letter || letter.currentVersion !== number - 1 || (letter.status !== "drafting" && letter.status !== "draft")) return false;
      Object.assign(letter, { currentVersion: number, status: "draft", updatedAt: db.now() });
      const row: LetterVersion = {
        id: randomUUID(),
        letterId,
        number,
        text: version.text,
        source: version.source,
        authorId: version.authorId,
        instruction: version.instruction ?? null,
        model: version.model ?? null,
        promptId: version.promptId ?? null,
        promptVersion: version.promptVersion ?? null,
        promptHash: version.promptHash ?? null,
        inputTokens: version.inputTokens ?? null,
        outputTokens: version.outputTokens ?? null,
        latencyMs: version.latencyMs ?? null,
        fallbackReason: version.fallbackReason ?? null,
        checks: structuredClone(version.checks),
        issues: [...version.issues],
        promisedResponseAt: version.promisedResponseAt ?? null,
        language: version.language ?? "en",
        createdAt: db.now(),
      };
      db.versions.push(row);
      db.addEvent(letter.caseId, event.type, event.actorId, { letterId, version: String(number), source: version.source });
      db.queueOnce(outbox);
      return true;
    },

    async transition(letterId, expected, data, event, outbox) {
      await db.beforeWrite();
      const letter = db.letters.get(letterId);
      if (!letter || letter.status !== expected.status) return false;
      if (expected.version !== undefined && letter.currentVersion !== expected.version) return false;
      for (const [column, value] of Object.entries(data)) if (value !== undefined) Object.assign(letter, { [column]: value });
      letter.updatedAt = db.now();
      db.addEvent(letter.caseId, event.type, event.actorId, { letterId, ...event.data });
      db.queueOnce(outbox);
      return true;
    },

    async audit(caseId, type, actorId, data) {
      db.addEvent(caseId, type, actorId, data);
    },
  };
}
