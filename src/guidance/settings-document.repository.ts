import type { Prisma, PrismaClient } from "../db/generated/client.ts";
import type { SettingsDocumentStore } from "../lib/settings-document.ts";

/** Versions of one kind of settings document ("guidance" or "resources"); each save is audited as an admin event. */
export function createSettingsDocumentStore(prisma: PrismaClient, kind: "guidance" | "resources"): SettingsDocumentStore {
  return {
    async active() {
      return prisma.settingsDocument.findFirst({ where: { kind }, orderBy: { id: "desc" }, select: { id: true, document: true } });
    },
    async save(document, source, actorId, detail = {}) {
      return prisma.$transaction(async (tx) => {
        const row = await tx.settingsDocument.create({ data: { kind, document: document as Prisma.InputJsonValue, source, createdBy: actorId } });
        await tx.adminEvent.create({ data: { type: `${kind}_changed`, actorId, data: { ...detail, version: String(row.id), source } } });
        return row.id;
      });
    },
  };
}
