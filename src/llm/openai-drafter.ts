import OpenAI from "openai";
import { zodTextFormat } from "openai/helpers/zod";
import type { DraftResult, LetterDrafter } from "../letters/drafter.ts";
import { type LetterFacts, LetterDraftSchema } from "../letters/letter.schema.ts";
import { createTemplateDrafter } from "../letters/template-drafter.ts";
import type { Logger } from "../lib/logger.ts";
import { errorSummary } from "../lib/errors.ts";
import type { Metrics, ModelErrorClass } from "../lib/metrics.ts";
import type { Prompt } from "./prompts.ts";

export interface OpenAiDrafterOptions {
  apiKey: string;
  baseURL?: string | undefined;
  model: string;
  prompt: Prompt;
  logger: Logger;
  /** Per attempt; the client retries timeouts, 429 (honouring retry-after) and 5xx. */
  timeoutMs?: number;
  maxRetries?: number;
  /** Model latency and errors by class. */
  metrics?: Pick<Metrics, "modelCall">;
}

/** Why a model draft was not usable, as a code for logs and the version record. */
function failureCode(error: unknown): string {
  if (error instanceof OpenAI.APIConnectionTimeoutError) return "timeout";
  if (error instanceof OpenAI.RateLimitError) return "rate_limited";
  if (error instanceof OpenAI.APIError && typeof error.status === "number") return `http_${error.status}`;
  if (error instanceof OpenAI.APIConnectionError) return "connection_error";
  if (error instanceof Error && error.message === "refused") return "refused";
  return "malformed_output";
}

/** The failure code as a metric's error class (a fixed set: no status number of its own). */
function errorClass(code: string): ModelErrorClass {
  if (code === "timeout" || code === "rate_limited" || code === "refused" || code === "malformed_output") return code;
  if (code === "connection_error") return "connection";
  if (/^http_4\d\d$/.test(code)) return "http_4xx";
  if (/^http_5\d\d$/.test(code)) return "http_5xx";
  return "other";
}

/**
 * Drafts with the Responses API and structured output. The model gets no tools: complaint text
 * is data, never instructions. Any failure after the client's bounded retries falls back to the
 * template, so a draft is never silently empty.
 */
export function createOpenAiDrafter(options: OpenAiDrafterOptions): LetterDrafter {
  const client = new OpenAI({
    apiKey: options.apiKey,
    ...(options.baseURL ? { baseURL: options.baseURL } : {}),
    timeout: options.timeoutMs ?? 30_000,
    maxRetries: options.maxRetries ?? 2,
  });
  const format = zodTextFormat(LetterDraftSchema, "response_letter");

  return {
    async draft(facts: LetterFacts): Promise<DraftResult> {
      const started = Date.now();
      try {
        const response = await client.responses.parse({
          model: options.model,
          instructions: options.prompt.body,
          input: [{ role: "user", content: JSON.stringify(facts) }],
          text: { format },
          store: false,
        });
        const refused = response.output.some((item) => item.type === "message" && item.content.some((part) => part.type === "refusal"));
        if (refused) throw new Error("refused");
        const parsed = LetterDraftSchema.parse(response.output_parsed);
        options.metrics?.modelCall((Date.now() - started) / 1000);
        return {
          draft: parsed,
          source: "llm",
          model: response.model ?? options.model,
          promptId: options.prompt.id,
          promptVersion: options.prompt.version,
          promptHash: options.prompt.hash,
          ...(response.usage ? { inputTokens: response.usage.input_tokens, outputTokens: response.usage.output_tokens } : {}),
          latencyMs: Date.now() - started,
        };
      } catch (error) {
        const reason = failureCode(error);
        options.metrics?.modelCall((Date.now() - started) / 1000, errorClass(reason));
        options.logger.warn({ reason, error: errorSummary(error), latencyMs: Date.now() - started }, "model draft failed; using the template");
        const fallback = await createTemplateDrafter(reason).draft(facts);
        return { ...fallback, latencyMs: Date.now() - started };
      }
    },
  };
}
