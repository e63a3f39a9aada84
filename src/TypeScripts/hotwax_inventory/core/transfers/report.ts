/** Error reports of the transfer-order import: one CSV per file, a row per problem with what to do. Pure. */
import { writeCsv } from '../csv';

export interface ReportRow {
  /** 1-based entry of the file (0: the file itself). */
  entry: number;
  order: string;
  line: string;
  status: string;
  problem: string;
  action: string;
}

export const REPORT_HEADERS = ['file', 'entry', 'orderId', 'lineId', 'status', 'problem', 'action'] as const;

export function reportCsv(fileName: string, rows: readonly ReportRow[]): string {
  return writeCsv(REPORT_HEADERS, rows.map((r) => [fileName, String(r.entry), r.order, r.line, r.status, r.problem, r.action]));
}

/** <file without .json>-errors-<YYYYMMDDTHHMMSSZ>.csv: no spaces or colons (HOTWAX.md pitfall 7). */
export function reportName(fileName: string, at: Date): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `${fileName.replace(/\.json$/i, '').replace(/[^A-Za-z0-9._-]/g, '_')}-errors-${stamp}.csv`;
}

/**
 * What a delivery posted so far, kept on its feed-file record across runs: per entry index (0-based) the report
 * rows it had when it was posted (null: posted, but its rows were too long to keep). A run killed after posting
 * entries lets the next one report them exactly as the uninterrupted run would, not as "already posted".
 */
export type EntryLog = Map<number, ReportRow[] | null>;

export function encodeEntryLog(log: EntryLog): string {
  return JSON.stringify(Object.fromEntries([...log].map(([k, v]) => [String(k), v])));
}

/** The log read back; anything unreadable is an empty log (entries found then read as "already posted"). */
export function decodeEntryLog(text: string): EntryLog {
  const log: EntryLog = new Map();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return log;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return log;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const index = Number(k);
    if (!Number.isInteger(index) || index < 0) continue;
    if (v === null) log.set(index, null);
    else if (Array.isArray(v)) log.set(index, v.filter((r): r is ReportRow => isRow(r)));
  }
  return log;
}

function isRow(r: unknown): boolean {
  if (typeof r !== 'object' || r === null) return false;
  const x = r as Record<string, unknown>;
  return typeof x.entry === 'number' && ['order', 'line', 'status', 'problem', 'action'].every((f) => typeof x[f] === 'string');
}
