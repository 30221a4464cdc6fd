import { z } from "zod";
import type { IntakeContext } from "./case.ts";
import type { CaseIntake } from "./case.schema.ts";
import { CATEGORIES, RAISED_BY, RECEIVED_VIA } from "./taxonomy.ts";

// The intake journal: a validated intake is written here before the filer is told "Filing…", and
// filed from here, so an acknowledged filing survives a crash. Storage is a port (the Prisma
// implementation is intake-journal.repository.ts).

/** Where the filer hears the outcome: the modal by its view id, else privately in the channel they started in. */
export interface IntakeDelivery {
  viewId?: string | undefined;
  originChannelId?: string | undefined;
}

/** One journaled intake, as the filing service needs it back. */
export interface JournaledIntake {
  intake: CaseIntake;
  context: IntakeContext;
  delivery: IntakeDelivery;
  /** How many times it has been taken for filing (the acknowledging instance's is the first). */
  attempts: number;
}

export interface IntakeJournal {
  /** Writes (or, for a form submitted again before it was filed, rewrites) an intake, claimed for `leaseMs` by the writer. */
  record(entry: Omit<JournaledIntake, "attempts">, leaseMs: number): Promise<void>;
  /** Takes up to `limit` intakes whose claim has lapsed (or every one, when `all`), claiming each for `leaseMs`. */
  claimDue(leaseMs: number, limit: number, all: boolean): Promise<JournaledIntake[]>;
  /** Removes a filed intake: the case now holds it. */
  remove(intakeKey: string): Promise<void>;
  /** How many intakes wait to be filed. */
  pendingCount(): Promise<number>;
}

const optionalText = z.string().optional().catch(undefined);

/** The stored intake read back: the same shape parseIntake produced, with the received time as a Date again. */
export const JournaledIntakeSchema = z.object({
  patientName: z.string(),
  raisedBy: z.enum(RAISED_BY.map((option) => option.id) as [CaseIntake["raisedBy"], ...CaseIntake["raisedBy"][]]),
  raiserName: optionalText,
  preferredLanguage: optionalText,
  department: z.string(),
  category: z.enum(CATEGORIES.map((option) => option.id) as [CaseIntake["category"], ...CaseIntake["category"][]]),
  severity: z.number().int(),
  receivedVia: z.enum(RECEIVED_VIA.map((option) => option.id) as [CaseIntake["receivedVia"], ...CaseIntake["receivedVia"][]]),
  receivedAt: z.coerce.date(),
  description: z.string(),
  desiredOutcome: z.string(),
  // Journaled before issues were recorded: the case gets its category as its one issue when filed.
  issues: z.array(z.string()).default([]),
  contactEmail: optionalText,
  contactPhone: optionalText,
  mailingAddress: optionalText,
  resolvedOnSpot: z.boolean(),
  writtenResponseRequested: z.boolean(),
  medicareBeneficiary: z.boolean(),
  allegesHarm: z.boolean(),
  harmAnswer: z.enum(["yes", "no"]).optional().catch(undefined),
  // Journaled before this question existed: nothing was said to need follow-up.
  needsFollowUp: z.boolean().default(false),
  anonymous: z.boolean().default(false),
})
  // JSON drops an undefined contact; the intake carries both keys, set or not.
  .transform((stored) => ({ ...stored, contactEmail: stored.contactEmail, contactPhone: stored.contactPhone, mailingAddress: stored.mailingAddress })) satisfies z.ZodType<CaseIntake, unknown>;
