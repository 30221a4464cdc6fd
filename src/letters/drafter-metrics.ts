import type { Metrics } from "../lib/metrics.ts";
import { templateReasonOf } from "../lib/metrics.ts";
import type { LetterDrafter } from "./drafter.ts";

/** The drafter, counting each draft by its source and, for a template draft, why the template stood in. */
export function countedDrafter(drafter: LetterDrafter, metrics: Pick<Metrics, "letterDraft">): LetterDrafter {
  return {
    async draft(facts) {
      const result = await drafter.draft(facts);
      if (result.source === "llm") metrics.letterDraft("model", "none");
      else metrics.letterDraft("template", templateReasonOf(result.fallbackReason));
      return result;
    },
  };
}
