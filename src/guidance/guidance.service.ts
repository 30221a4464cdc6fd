import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { AppError, ErrorCode } from "../lib/errors.ts";
import type { DocumentResult, SettingsDocumentStore } from "../lib/settings-document.ts";
import { canAdminister } from "../users/permissions.ts";
import type { Role } from "../users/roles.ts";

export const DEFAULT_GUIDANCE_FILE = fileURLToPath(new URL("../../prisma/seed/guidance.yml", import.meta.url));
export const DEFAULT_RESOURCES_FILE = fileURLToPath(new URL("../../prisma/seed/community-resources.yml", import.meta.url));

export interface SettingsFileDeps<T> {
  store: SettingsDocumentStore;
  file: string;
  /** The environment setting that names the file, for messages. */
  setting: string;
  /** What the document is, in words: "guidance file". */
  name: string;
  parse(text: string): DocumentResult<T>;
  roleOf(userId: string): Promise<Role>;
  audit(type: string, actorId: string, data: Record<string, string>): Promise<void>;
}

/**
 * A settings document in force, seeded from its file on first start and replaced by an admin from
 * the file (reload) or from Slack; an invalid document changes nothing and says exactly what is wrong.
 * The same pattern as the routing rules (src/routing/routing.service.ts).
 */
export function createSettingsFile<T>(deps: SettingsFileDeps<T>) {
  const { store, file, name } = deps;

  async function ensureAdmin(userId: string, what: string): Promise<void> {
    const decision = canAdminister({ userId, role: await deps.roleOf(userId) });
    if (!decision.allowed) {
      await deps.audit("permission_denied", userId, { action: what });
      throw new AppError(ErrorCode.forbidden, `${decision.reason} Nothing was changed.`);
    }
  }

  async function readSettingsFile(): Promise<T> {
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch {
      throw new AppError(ErrorCode.config, `Cannot read the ${name} ${file}. Check ${deps.setting}.`);
    }
    const parsed = deps.parse(text);
    if (!parsed.ok) throw new AppError(ErrorCode.invalidInput, `The ${name} ${file} has problems; what is in force is unchanged:\n• ${parsed.errors.join("\n• ")}`);
    return parsed.value;
  }

  let cached: { id: number; value: T } | null = null;

  /** The document in force (read again whenever a newer version was saved, by any instance). */
  async function active(): Promise<T> {
    const row = await store.active();
    if (!row) throw new AppError(ErrorCode.config, `No ${name} is loaded yet.`);
    if (cached?.id === row.id) return cached.value;
    // Saved versions were checked before saving; the check runs again in case the format moved on.
    const parsed = deps.parse(JSON.stringify(row.document));
    if (!parsed.ok) throw new AppError(ErrorCode.config, `The ${name} in force no longer reads; an admin reloads it from the file.`);
    cached = { id: row.id, value: parsed.value };
    return parsed.value;
  }

  return {
    ensureAdmin,

    /** Seeds from the file on first start; later starts keep what admins loaded. */
    async ensureLoaded(): Promise<void> {
      if (await store.active()) return;
      await store.save(await readSettingsFile(), "file", "system");
    },

    /** The document in force (read again whenever a newer version was saved, by any instance). */
    active,

    /** What is in force, for an admin to look at. */
    async inForce(actorId: string): Promise<T> {
      await ensureAdmin(actorId, `view_${deps.setting.toLowerCase()}`);
      return active();
    },

    /** Replaces what is in force with the file's content, if it is valid (admins only). */
    async reloadFromFile(actorId: string): Promise<T> {
      await ensureAdmin(actorId, `reload_${deps.setting.toLowerCase()}`);
      const value = await readSettingsFile();
      await store.save(value, "file", actorId);
      return value;
    },

    /** Replaces what is in force with an admin's edited text; invalid text changes nothing. */
    async replaceFromText(actorId: string, text: string): Promise<DocumentResult<T>> {
      await ensureAdmin(actorId, `edit_${deps.setting.toLowerCase()}`);
      const parsed = deps.parse(text);
      if (parsed.ok) await store.save(parsed.value, "slack", actorId);
      return parsed;
    },
  };
}

export type SettingsFile<T> = ReturnType<typeof createSettingsFile<T>>;
