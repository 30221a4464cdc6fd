import { z } from "zod";

// Letter buttons and forms carry the letter id and the version the user is looking at, so an
// approval or edit of a version that has since changed is refused.

const LetterRefSchema = z.object({ l: z.uuid(), v: z.number().int().min(0) });
export type LetterRef = { letterId: string; version: number };

export function encodeLetterRef(letterId: string, version: number): string {
  return JSON.stringify(LetterRefSchema.parse({ l: letterId, v: version }));
}

export function decodeLetterRef(raw: string | undefined): LetterRef | null {
  try {
    const parsed = LetterRefSchema.safeParse(JSON.parse(raw ?? ""));
    return parsed.success ? { letterId: parsed.data.l, version: parsed.data.v } : null;
  } catch {
    return null;
  }
}
