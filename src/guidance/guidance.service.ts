import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { AppError, ErrorCode } from "../lib/errors.ts";
import type { DocumentResult, SettingsDocumentStore } from "../lib/settings-document.ts";
import { type EntryKind, entryLabel, entryStamp, entryYaml, findEntry, mergeEntryText, removeEntry, type SettingsEntry } from "../lib/settings-entries.ts";
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
  /** Its entries (cards, resources), each edited on its own from Slack; without it, only whole-file reloads. */
  entries?: EntryKind<T>;
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

  function entryKind(): EntryKind<T> {
    if (!deps.entries) throw new AppError(ErrorCode.config, `The ${name} is edited in its file and reloaded.`);
    return deps.entries;
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

    /** One entry's YAML for the edit form, with a stamp to tell later whether it changed; null when there is no such entry (admins only). */
    async entryForEdit(actorId: string, id: string): Promise<{ entry: SettingsEntry; text: string; stamp: string } | null> {
      await ensureAdmin(actorId, `edit_${deps.setting.toLowerCase()}`);
      const kind = entryKind();
      const entry = findEntry(kind, await active(), id);
      return entry ? { entry, text: entryYaml(kind, entry), stamp: entryStamp(entry) } : null;
    },

    /** The entry, for an admin about to remove it; null when there is no such entry (admins only). */
    async entryForRemoval(actorId: string, id: string): Promise<{ id: string; label: string } | null> {
      await ensureAdmin(actorId, `remove_${deps.setting.toLowerCase()}_entry`);
      const kind = entryKind();
      const entry = findEntry(kind, await active(), id);
      return entry ? { id: entry.id, label: entryLabel(kind, entry) } : null;
    },

    /**
     * Saves an admin's edited entry (in place of `target`, or added when `target` is null) as a new
     * version, audited with the entry's id; invalid text, a clashing id, an entry changed by someone
     * else since the form was opened (`stamp`) or a document no longer valid as a whole changes nothing.
     */
    async saveEntry(actorId: string, edit: { target: string | null; stamp?: string | undefined; text: string }): Promise<DocumentResult<{ entry: SettingsEntry; version: number }>> {
      await ensureAdmin(actorId, `edit_${deps.setting.toLowerCase()}`);
      const kind = entryKind();
      const current = await active();
      if (edit.target !== null && edit.stamp !== undefined) {
        const before = findEntry(kind, current, edit.target);
        if (before && entryStamp(before) !== edit.stamp) {
          return { ok: false, errors: [`${kind.noun}: "${edit.target}" was changed by someone else after this form was opened; nothing was saved. Copy your changes, close the form and open it again.`] };
        }
      }
      const merged = mergeEntryText(kind, current, edit.target, edit.text);
      if (!merged.ok) return merged;
      const { entry } = merged.value;
      const detail: Record<string, string> = { entry: entry.id, change: edit.target === null ? "added" : "edited" };
      if (edit.target !== null && edit.target !== entry.id) detail.was = edit.target;
      const version = await store.save(merged.value.document, "slack", actorId, detail);
      return { ok: true, value: { entry, version } };
    },

    /** Removes an entry as a new version, audited with its id; refused when the document would no longer be valid (admins only). */
    async removeEntry(actorId: string, id: string): Promise<DocumentResult<{ version: number }>> {
      await ensureAdmin(actorId, `remove_${deps.setting.toLowerCase()}_entry`);
      const removed = removeEntry(entryKind(), await active(), id);
      if (!removed.ok) return removed;
      return { ok: true, value: { version: await store.save(removed.value, "slack", actorId, { entry: id, change: "removed" }) } };
    },
  };
}

export type SettingsFile<T> = ReturnType<typeof createSettingsFile<T>>;
