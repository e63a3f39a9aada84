// N/error: SuiteScriptError, the shape every NetSuite API error has (NETSUITE.md 7):
// name (the code), message, id, cause, notifyOff, type 'error.SuiteScriptError', stack as an array of strings.
let errorSequence = 0;

export class SuiteScriptError extends Error {
  readonly type = 'error.SuiteScriptError';
  readonly id: string;
  readonly notifyOff: boolean;
  override readonly cause: unknown;
  /** NetSuite exposes `stack` as an array of strings, not a string. */
  declare stack: string;

  constructor(name: string, message: string, options: { notifyOff?: boolean; cause?: unknown } = {}) {
    super(message);
    this.name = name;
    this.id = `local-${++errorSequence}`;
    this.notifyOff = options.notifyOff ?? false;
    this.cause = options.cause;
    const frames = (new Error(message).stack ?? '').split('\n').slice(1).map((l) => l.trim());
    Object.defineProperty(this, 'stack', { value: frames, writable: true, enumerable: false });
  }

  toJSON(): Record<string, unknown> {
    return { type: this.type, name: this.name, message: this.message, id: this.id, notifyOff: this.notifyOff, stack: this.stack };
  }

  override toString(): string {
    return `${this.name}: ${this.message}`;
  }
}

export const nsError = (name: string, message: string): SuiteScriptError => new SuiteScriptError(name, message);

export function isSuiteScriptError(value: unknown): value is SuiteScriptError {
  return value instanceof SuiteScriptError;
}

/** The N/error module as scripts see it. */
export function createErrorModule(): Record<string, unknown> {
  return {
    create(options: { name: string; message: string; notifyOff?: boolean }): SuiteScriptError {
      if (!options || typeof options.name !== 'string' || typeof options.message !== 'string') {
        throw nsError('SSS_MISSING_REQD_ARGUMENT', 'error.create: name and message are required');
      }
      return new SuiteScriptError(options.name, options.message, { notifyOff: options.notifyOff ?? false });
    },
    Type: {},
  };
}
