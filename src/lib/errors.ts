/** Error codes the product knows how to explain to a user. */
export const ErrorCode = {
  invalidInput: "invalid_input",
  databaseUnavailable: "database_unavailable",
  notFound: "not_found",
  forbidden: "forbidden",
  conflict: "conflict",
  config: "config",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** The one error type that may reach a user: `userMessage` is safe to show (no patient data, no internals). */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly userMessage: string;

  constructor(code: ErrorCode, userMessage: string, options?: { cause?: unknown }) {
    super(`${code}: ${userMessage}`, options);
    this.name = "AppError";
    this.code = code;
    this.userMessage = userMessage;
  }
}

/** A log-safe description of any thrown value: its name and code, never its message (it may echo input). */
export function errorSummary(error: unknown): { name: string; code?: string } {
  if (error instanceof AppError) return { name: error.name, code: error.code };
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === "string" ? { name: error.name, code } : { name: error.name };
  }
  return { name: typeof error };
}
