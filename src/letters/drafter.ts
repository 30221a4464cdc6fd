import type { LetterDraft, LetterFacts } from "./letter.schema.ts";

/** A drafted letter with what is needed to trace it. */
export interface DraftResult {
  draft: LetterDraft;
  source: "llm" | "template";
  model?: string;
  promptId: string;
  promptVersion: string;
  promptHash: string;
  inputTokens?: number;
  outputTokens?: number;
  latencyMs: number;
  /** Why the template stood in for the model, as a code (never content). */
  fallbackReason?: string;
}

/** Drafts a letter from de-identified facts (port; the OpenAI and template drafters implement it). */
export interface LetterDrafter {
  draft(facts: LetterFacts): Promise<DraftResult>;
}
