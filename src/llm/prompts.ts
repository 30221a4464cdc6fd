import { createHash } from "node:crypto";
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
});

export interface Prompt {
  id: string;
  version: string;
  hash: string;
  body: string;
}

/** Parses a prompt file: YAML frontmatter between --- lines, then the body. */
function parsePrompt(source: string): Prompt {
  const match = source.match(/^---\r?\n([\s\S]*?)\r?\n---\r?\n([\s\S]*)$/);
  if (!match) throw new Error("A prompt file starts with a --- frontmatter block.");
  const meta = FrontmatterSchema.parse(parse(match[1]!));
  return { id: meta.id, version: meta.version, hash: createHash("sha256").update(source).digest("hex"), body: match[2]!.trim() };
}

/** Loads prompts/<name>.md. */
export async function loadPrompt(name: string, dir = PROMPTS_DIR): Promise<Prompt> {
  return parsePrompt(await readFile(`${dir}${name}.md`, "utf8"));
}
