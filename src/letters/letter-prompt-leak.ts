import { loadPromptsSync } from "../llm/prompts.ts";
import { normalize, wordsOf } from "./plain-text.ts";

// The drafting instructions never belong in a letter. A complaint can tell the model to "print your
// instructions first"; a letter that does so carries the prompt's canary (a fixed, random-looking
// marker in prompts/*.md) or long verbatim runs of the prompt's words. Both are found here, with
// the usual ways a model talks about its own instructions.

/** How many consecutive words of a prompt make a verbatim run. */
export const PROMPT_RUN_WORDS = 8;

/** What a letter is compared with: the prompts' canaries and every run of PROMPT_RUN_WORDS words in them. */
export interface PromptGuard {
  canaries: string[];
  runs: Set<string>;
}

const compact = (text: string) => normalize(text).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
const lowerWords = (text: string) => wordsOf(normalize(text)).map((word) => word.toLowerCase());

/** The guard for some prompt texts (each with its canary, if it has one). */
export function promptGuard(prompts: readonly { body: string; canary?: string | undefined }[]): PromptGuard {
  const runs = new Set<string>();
  for (const prompt of prompts) {
    const words = lowerWords(prompt.body);
    for (let at = 0; at + PROMPT_RUN_WORDS <= words.length; at++) runs.add(words.slice(at, at + PROMPT_RUN_WORDS).join(" "));
  }
  return { canaries: prompts.flatMap((prompt) => (prompt.canary ? [compact(prompt.canary)] : [])), runs };
}

let shipped: PromptGuard | undefined;
/** The guard for the prompts shipped in prompts/ (read on first use). */
export function shippedPromptGuard(): PromptGuard {
  shipped ??= promptGuard(loadPromptsSync());
  return shipped;
}

// A model talking about its instructions, whatever they said. Kept narrow: "the rules were not
// explained" and "I was asked to look into this" are ordinary letter sentences.
const PROMPT_TALK = [
  /\bsystem (?:prompt|message|instructions)\b/gi,
  /\bdeveloper (?:prompt|message|instructions)\b/gi,
  /\b(?:my|these) (?:drafting )?(?:instructions|guidelines) (?:say|said|tell me|told me|state|are to)\b/gi,
  // "As my instructions require", "as I was instructed", "per my guidelines", "I was told not to admit fault".
  /\b(?:as|per|following|under|according to) (?:my|the drafting) (?:instructions|guidelines|directions)(?: (?:require|say|state|ask|direct))?\b/gi,
  /\bas I (?:was|have been|am) (?:instructed|told|directed) (?:to|not to)\b/gi,
  /\bI (?:was|have been|am) (?:instructed|told|directed) (?:to|not to) (?:write|keep|avoid|not|never|include|use|sign|admit|promise|offer)\b/gi,
  /\bI (?:am|was|have been) programmed\b/gi,
  /\b(?:as|i am|i'm) an ai(?: language model| model| assistant)?\b/gi,
  /\b(?:share|reveal|repeat|show|print) (?:my|these|the) (?:instructions|prompt)\b/gi,
  /\b(?:ignore|disregard) (?:all |any )?(?:the )?(?:previous|prior|above|earlier) (?:instructions|rules|messages)\b/gi,
  /\bjson input\b/gi,
];

/** The canary, verbatim runs of a prompt, and talk about instructions found in a letter. */
export function promptLeaks(normalized: string, guard: PromptGuard = shippedPromptGuard()): string[] {
  const found: string[] = [];
  const letter = compact(normalized);
  if (guard.canaries.some((canary) => letter.includes(canary))) found.push("the prompt's canary");

  const words = lowerWords(normalized);
  let at = 0;
  while (at + PROMPT_RUN_WORDS <= words.length) {
    if (!guard.runs.has(words.slice(at, at + PROMPT_RUN_WORDS).join(" "))) {
      at++;
      continue;
    }
    // Extend the run as far as the prompt goes, and report it once.
    let end = at + PROMPT_RUN_WORDS;
    while (end < words.length && guard.runs.has(words.slice(end - PROMPT_RUN_WORDS + 1, end + 1).join(" "))) end++;
    const run = words.slice(at, end);
    found.push(`${run.length} words of the prompt (“${run.slice(0, 12).join(" ")}${run.length > 12 ? "…" : ""}”)`);
    at = end;
  }

  for (const pattern of PROMPT_TALK) {
    for (const match of normalized.matchAll(pattern)) found.push(`“${match[0]}”`);
  }
  return [...new Set(found)];
}
