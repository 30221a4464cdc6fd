import type { EntryKind } from "../lib/settings-entries.ts";
import { type Directory, parseDirectory, ResourceSchema } from "./resources.schema.ts";

/** A community resource as one entry of the directory, edited on its own from Slack. */
export const RESOURCE_ENTRIES: EntryKind<Directory> = {
  noun: "entry",
  document: "the resource directory",
  schema: ResourceSchema,
  labelKey: "name",
  defaults: { example: false, languages: [] },
  oneOrList: [],
  entries: (directory) => directory.resources,
  withEntries: (directory, resources) => ({ ...directory, resources }),
  parse: parseDirectory,
};
