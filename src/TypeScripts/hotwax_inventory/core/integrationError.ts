/**
 * A typed error for the integration: a stable code, a message a person can act on, the context it
 * happened in, and the underlying cause (often a SuiteScriptError). Pure: no N/* import.
 */
export class IntegrationError extends Error {
  readonly code: string;
  readonly context: Record<string, unknown>;
  override readonly cause: unknown;

  constructor(code: string, message: string, context: Record<string, unknown> = {}, cause?: unknown) {
    super(message);
    this.name = 'IntegrationError';
    this.code = code;
    this.context = context;
    this.cause = cause;
  }
}

/** The `name` (error code) of a SuiteScriptError or any Error-like value. */
export function errorCode(err: unknown): string {
  if (err instanceof IntegrationError) return err.code;
  if (err !== null && typeof err === 'object' && 'name' in err) return String((err).name);
  return 'UNEXPECTED_ERROR';
}

export function errorMessage(err: unknown): string {
  if (err !== null && typeof err === 'object' && 'message' in err) return String((err).message);
  return String(err);
}

/** A short one-line description for logs and tracking records. */
export function describe(err: unknown): string {
  return `${errorCode(err)}: ${errorMessage(err)}`;
}
