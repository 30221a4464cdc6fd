import { z } from "zod";

// Button values and private_metadata on case actions: the case id and nothing else.

export const CaseRefSchema = z.object({ c: z.uuid() });

export function encodeCaseRef(caseId: string): string {
  return JSON.stringify(CaseRefSchema.parse({ c: caseId }));
}

/** The case id in a button value or private_metadata, or null when it is not one of ours. */
export function decodeCaseRef(raw: string | undefined): string | null {
  try {
    const parsed = CaseRefSchema.safeParse(JSON.parse(raw ?? ""));
    return parsed.success ? parsed.data.c : null;
  } catch {
    return null;
  }
}
