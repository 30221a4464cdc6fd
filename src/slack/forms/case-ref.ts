import { z } from "zod";
import { CASE_STATUSES, type CaseStatus } from "../../cases/case.ts";

// Button values and private_metadata on case actions: the case id (and, for a status form, the
// status it was opened on, so a form left open while someone else moved the case is refused).

export const CaseRefSchema = z.object({ c: z.uuid(), s: z.enum(CASE_STATUSES).optional() });

export function encodeCaseRef(caseId: string, openedOnStatus?: CaseStatus): string {
  return JSON.stringify(CaseRefSchema.parse({ c: caseId, ...(openedOnStatus ? { s: openedOnStatus } : {}) }));
}

/** The case reference in a button value or private_metadata, or null when it is not one of ours. */
export function readCaseRef(raw: string | undefined): { caseId: string; openedOnStatus?: CaseStatus } | null {
  try {
    const parsed = CaseRefSchema.safeParse(JSON.parse(raw ?? ""));
    if (!parsed.success) return null;
    return parsed.data.s ? { caseId: parsed.data.c, openedOnStatus: parsed.data.s } : { caseId: parsed.data.c };
  } catch {
    return null;
  }
}

/** The case id in a button value or private_metadata, or null when it is not one of ours. */
export function decodeCaseRef(raw: string | undefined): string | null {
  return readCaseRef(raw)?.caseId ?? null;
}
