import type { PlaceholderType } from "./redact.ts";

// What every de-identification detector shares: the span it proposes and the helpers that build one
// from a pattern.

/** A stretch of text [start, end) found to hold one kind of identifier. */
export interface Span {
  start: number;
  end: number;
  type: PlaceholderType;
  /** Text written instead of a placeholder (an age over 89 becomes "90 or older"). */
  replacement?: string;
}

/** Finds spans of identifiers in a text. */
export type Detector = (text: string) => Span[];

export type Refine = (span: Span, text: string, match: RegExpExecArray) => Span | undefined;

/** Spans of one pattern: the named group `v` when present, else the whole match; `refine` may trim or drop. */
export function spans(pattern: RegExp, type: PlaceholderType, refine?: Refine): Detector {
  return (text) => {
    const found: Span[] = [];
    const search = new RegExp(pattern);
    for (let match = search.exec(text); match; match = search.exec(text)) {
      const [start, end] = match.indices?.groups?.v ?? match.indices?.[0] ?? [match.index, match.index + match[0].length];
      const span = refine ? refine({ start, end, type }, text, match) : { start, end, type };
      if (span && span.end > span.start) found.push(span);
      // A rejected or trimmed match gives back what it did not use: "Nurse Practitioner Lee" is
      // rejected at "Practitioner" and found again at "Lee".
      search.lastIndex = Math.max(span ? span.end : 0, match.index + 1);
    }
    return found;
  };
}

export const regex = (source: string, flags = "") => new RegExp(source, `gud${flags}`);
export const digitCount = (value: string) => value.replace(/\D/g, "").length;
export const letterCount = (value: string) => value.match(/\p{L}/gu)?.length ?? 0;
export const withDigits =
  (min: number, max = Number.POSITIVE_INFINITY) =>
  (span: Span, text: string) => {
    const digits = digitCount(text.slice(span.start, span.end));
    return digits >= min && digits <= max ? span : undefined;
  };
export const escapeRegex = (value: string) => value.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
