// N/log (NETSUITE.md 7): debug < audit < error < emergency; an entry is kept only at or above the
// deployment's log level. Both call styles ({title, details} and (title, details)) work; object details
// are JSON-stringified; titles are cut at 99 characters and details at 3,999 [U].
import type { ExecutionEnv } from '../context';
import type { LogEntry } from '../account/types';

const LEVELS = ['DEBUG', 'AUDIT', 'ERROR', 'EMERGENCY'] as const;
type Level = (typeof LEVELS)[number];

export const MAX_TITLE = 99;
export const MAX_DETAILS = 3999;

function asText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (value instanceof Error) return JSON.stringify({ name: value.name, message: value.message });
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return Object.prototype.toString.call(value);
  }
}

export function createLogModule(env: ExecutionEnv, echo: (entry: LogEntry) => void = () => undefined): Record<string, unknown> {
  const write = (level: Level, a: unknown, b: unknown): void => {
    if (LEVELS.indexOf(level) < LEVELS.indexOf(env.script.logLevel)) return;
    let title: unknown = a;
    let details: unknown = b;
    if (a !== null && typeof a === 'object' && !(a instanceof Error) && b === undefined && ('title' in a || 'details' in a)) {
      title = (a as { title?: unknown }).title;
      details = (a as { details?: unknown }).details;
    }
    const entry: LogEntry = {
      at: env.now().toISOString(),
      level,
      title: asText(title).slice(0, MAX_TITLE),
      details: asText(details).slice(0, MAX_DETAILS),
      scriptId: env.script.scriptId,
      deploymentId: env.script.deploymentId,
      executionId: env.executionId,
    };
    env.account.appendLog(entry);
    echo(entry);
  };
  return {
    debug: (a: unknown, b?: unknown) => write('DEBUG', a, b),
    audit: (a: unknown, b?: unknown) => write('AUDIT', a, b),
    error: (a: unknown, b?: unknown) => write('ERROR', a, b),
    emergency: (a: unknown, b?: unknown) => write('EMERGENCY', a, b),
  };
}
