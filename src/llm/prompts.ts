import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { z } from "zod";

// Prompts are files in prompts/, reviewed like code. Each draft records the prompt's id, version
// and a hash of the exact file, so any letter can be traced to the words that produced it.

const PROMPTS_DIR = fileURLToPath(new URL("../../prompts/", import.meta.url));

const FrontmatterSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  version: z.union([z.number(), z.string()]).transform(String),
  inputs: z.array(z.string()).min(1),
  output: z.string().min(1),
  // A fixed, random-looking marker written in the body: a letter that repeats it repeats the prompt.
  canary: z.string().min(12).optional(),
});

export interface Prompt {
  id: string;
  version: string;
  hash: string;
  body: string;
  canary?: string;
}

/** Parses a prompt file: YAML frontmatter between --- lines, then the body. */
function parsePrompt(source: string): Prompt {
  const match = source.match(/^---\r?\n([\s\S]*?)\r?\n---\r?\n([\s\S]*)$/);
  if (!match) throw new Error("A prompt file starts with a --- frontmatter block.");
  const meta = FrontmatterSchema.parse(parse(match[1]!));
  const body = match[2]!.trim();
  if (meta.canary && !body.includes(meta.canary)) throw new Error(`The prompt ${meta.id} names a canary its body does not contain.`);
  return { id: meta.id, version: meta.version, hash: createHash("sha256").update(source).digest("hex"), body, ...(meta.canary ? { canary: meta.canary } : {}) };
}

/** Loads prompts/<name>.md. */
export async function loadPrompt(name: string, dir = PROMPTS_DIR): Promise<Prompt> {
  return parsePrompt(await readFile(`${dir}${name}.md`, "utf8"));
}

/** Every prompt in the folder, read synchronously (the letter checks read them once, to refuse a letter that repeats one). */
export function loadPromptsSync(dir = PROMPTS_DIR): Prompt[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith(".md"))
    .sort()
    .map((name) => parsePrompt(readFileSync(`${dir}${name}`, "utf8")));
}
