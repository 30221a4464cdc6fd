import { z } from "zod";
import {
  blankAsEmptyList,
  blankAsMissing,
  choiceList,
  type DocumentResult,
  entryList,
  expecting,
  flag,
  formatPath,
  label,
  optionalLabel,
  parseSettingsDocument,
  reportDuplicateIds,
  slug,
  strict,
  versionOne,
} from "../lib/settings-document.ts";
import { type CommunityResource, RESOURCE_TAGS, type ResourceTag } from "./resources.ts";

// The community-resource directory the manager keeps: one entry per service the team refers
// patients to. Every problem names the entry (by number and name), the field and what is wrong.

export const DIRECTORY_LIMITS = { characters: 100_000, errors: 25, resources: 300 } as const;

// 7 to 15 digits, with the usual separators and an optional extension: "(555) 010-0199 ext. 12", "211".
const PHONE = /^\+?[\d\s().-]+(?:\s*(?:ext\.?|x)\s*\d{1,6})?$/i;
const digitsIn = (value: string) => value.replace(/(?:ext\.?|x)\s*\d+$/i, "").replace(/\D/g, "").length;

// An unquoted number ("phone: 211") is read as the number it looks like.
const phone = z.preprocess(
  (value) => (typeof value === "number" ? String(value) : blankAsMissing(value)),
  z
    .string({ error: expecting('a phone number in quotes, e.g. "(555) 010-0199"') })
    .trim()
    .refine((value) => PHONE.test(value) && (digitsIn(value) === 3 || (digitsIn(value) >= 7 && digitsIn(value) <= 15)), {
      message: 'is not a phone number; write digits with spaces, dashes or brackets, e.g. "(555) 010-0199" or "211", optionally followed by "ext. 12"',
    })
    .optional(),
);

const website = z.preprocess(
  blankAsMissing,
  z
    .string({ error: expecting("a web address starting with https://") })
    .trim()
    .refine((value) => {
      try {
        const url = new URL(value);
        return (url.protocol === "https:" || url.protocol === "http:") && url.hostname.includes(".");
      } catch {
        return false;
      }
    }, "is not a web address; write it in full, starting with https://, e.g. https://example.org/help")
    .optional(),
);

export const ResourceSchema = strict(
  {
    id: slug("the entry's id"),
    name: label("the organisation or service name", 100),
    example: z.preprocess(blankAsMissing, flag.default(false)),
    helps_with: choiceList(RESOURCE_TAGS, "need", "[transport, food]"),
    eligibility: optionalLabel("who can use it, e.g. Adults 60 and over in the county", 300),
    languages: z.preprocess(blankAsEmptyList, z.array(label("a language, e.g. Spanish", 40), { error: expecting("a list of languages, e.g. [English, Spanish]") })),
    phone,
    hours: optionalLabel("opening hours, e.g. Mon–Fri 8am–5pm", 120),
    address: optionalLabel("the address", 200),
    website,
  },
  "an entry with id, name, helps_with and a phone or website",
).superRefine((entry, ctx) => {
  if (entry.phone === undefined && entry.website === undefined) {
    ctx.addIssue({ code: "custom", path: ["phone"], message: "is missing; give a phone number or a website so the patient can reach the service" });
  }
});

export const DirectorySchema = strict(
  {
    version: versionOne("directory"),
    resources: entryList(ResourceSchema, { one: "entry", many: "entries" }, DIRECTORY_LIMITS.resources),
  },
  "a directory with version and resources",
).superRefine((document, ctx) => reportDuplicateIds(document.resources, "resources", "entry", ctx), { when: () => true });

export type Directory = z.infer<typeof DirectorySchema>;

/** Names an entry as the manager sees it in the file: resources[2] ("Ride Home"), then the field. */
function describePath(path: readonly PropertyKey[], data: Record<string, unknown>): string {
  const [section, index, ...rest] = path;
  if (section !== "resources" || typeof index !== "number") return formatPath(path);
  const entry = Array.isArray(data.resources) ? (data.resources[index] as Record<string, unknown> | undefined) : undefined;
  const name = entry && typeof entry === "object" && typeof entry.name === "string" && entry.name.trim() ? ` ("${entry.name.trim().slice(0, 60)}")` : "";
  const field = rest.length > 0 ? formatPath(rest) : "";
  return `resources[${index}]${name}${field ? ` ${field.startsWith("[") ? "entry" : "field"} ${field}` : ""}`;
}

export function resourcesOf(directory: Directory): CommunityResource[] {
  return directory.resources.map(({ helps_with, ...rest }) => ({ ...rest, helpsWith: helps_with as ResourceTag[] }));
}

/** Parses and checks the directory file; never throws. */
export function parseDirectory(text: string): DocumentResult<Directory> {
  return parseSettingsDocument(text, DirectorySchema, { name: "the resource directory", starter: "community-resources.yml", describePath, ...DIRECTORY_LIMITS });
}
