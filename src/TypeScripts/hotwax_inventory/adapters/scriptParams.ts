/**
 * Reading the running script's parameters (N/runtime, 0 units): deployment values, or a task's params for one
 * run (NETSUITE.md 2.4). Checkbox parameters come back as booleans, integer ones as numbers [U].
 */
import * as runtime from 'N/runtime';

export function param(name: string): unknown {
  return runtime.getCurrentScript().getParameter({ name });
}

/** A whole number parameter: `fallback` when empty or below `min`, capped at `max`. */
export function intParam(name: string, fallback: number, min: number, max: number): number {
  const raw = param(name);
  const n = Number(raw);
  return raw !== null && raw !== undefined && raw !== '' && Number.isFinite(n) && n >= min ? Math.min(max, Math.floor(n)) : fallback;
}

/** A text parameter, trimmed; '' when empty. */
export function textParam(name: string): string {
  const raw = param(name);
  return typeof raw === 'string' || typeof raw === 'number' ? String(raw).trim() : '';
}
