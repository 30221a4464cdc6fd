import { z } from "zod";
import { cleanString } from "../payload-boundary.ts";

// The subset of a view_submission's state the case-action, letter and rules forms read (text,
// one choice, one user). zod keeps a malformed payload from reaching a service: state that does
// not parse reads as an empty form, and each required field then says it is missing.

const FieldStateSchema = z.object({
  // Control characters are dropped here too (the request guard already strips them from every payload).
  value: z.string().transform(cleanString).nullish(),
  selected_option: z.object({ value: z.string() }).nullish(),
  selected_user: z.string().nullish(),
  selected_date_time: z.number().nullish(),
});
export const FormStateSchema = z.record(z.string(), z.record(z.string(), FieldStateSchema));
export type FormState = z.infer<typeof FormStateSchema>;

/** A submitted form's state, parsed; an empty form when Slack sent something else. */
export function readFormState(values: unknown): FormState {
  const parsed = FormStateSchema.safeParse(values);
  return parsed.success ? parsed.data : {};
}

/** The state of the field whose block and action ids are both `id` (as every form here builds them). */
export function formField(state: FormState, id: string) {
  return state[id]?.[id];
}

/** The field's chosen option if it is one of `options`, else undefined. */
export function chosen<const T extends string>(state: FormState, id: string, options: readonly T[]): T | undefined {
  const parsed = z.enum(options as [T, ...T[]]).safeParse(formField(state, id)?.selected_option?.value);
  return parsed.success ? parsed.data : undefined;
}
