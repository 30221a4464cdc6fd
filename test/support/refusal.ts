import { AppError } from "../../src/lib/errors.ts";

/** The AppError a call was refused with; fails when it succeeded or threw anything else. */
export async function refusal(call: Promise<unknown>): Promise<AppError> {
  const error = await call.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}
