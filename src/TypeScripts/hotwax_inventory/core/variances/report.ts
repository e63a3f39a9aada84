/**
 * The error report a store manager opens (usually in Excel) to see which rows of a HotWax file were not
 * posted and what to do about each.
 */
import { writeCsv } from '../csv';
import type { RowError } from './feed';

export const ERROR_REPORT_COLUMNS = ['File', 'Line', 'HotWax Id', 'Item', 'Location', 'Problem', 'What to do'] as const;

export const MAX_REPORT_NAME_LENGTH = 200;

/**
 * A value starting with =, +, -, @ (or a tab/CR) is run as a formula by spreadsheet programs; feed values
 * are not trusted, so such cells get a leading apostrophe. Plain numbers such as -3 are left alone.
 */
export function neutraliseFormula(value: string): string {
  if (/^[=+@\t\r]/.test(value)) return `'${value}`;
  if (value.startsWith('-') && !/^-\d+(\.\d+)?$/.test(value)) return `'${value}`;
  return value;
}

/**
 * CSV with one line per error, sorted by file line (errors on the same line keep their order).
 * Starts with a UTF-8 byte order mark so that Excel shows accented item names correctly.
 */
export function errorReportCsv(fileName: string, errors: readonly RowError[]): string {
  const sorted = errors
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.line - b.e.line || a.i - b.i)
    .map(({ e }) => e);
  const rows = sorted.map((e) => [fileName, String(e.line), e.hotwaxId, e.item, e.location, e.problem, e.action].map(neutraliseFormula));
  return `\uFEFF${writeCsv(ERROR_REPORT_COLUMNS, rows)}`;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** 20261123T104500Z (UTC). */
export function compactTimestamp(at: Date): string {
  return `${at.getUTCFullYear()}${pad(at.getUTCMonth() + 1)}${pad(at.getUTCDate())}T${pad(at.getUTCHours())}${pad(at.getUTCMinutes())}${pad(at.getUTCSeconds())}Z`;
}

function sanitise(text: string): string {
  return text
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/_{2,}/g, '_')
    .replace(/^[._-]+/, '')
    .replace(/[._-]+$/, '');
}

/**
 * A safe name for a report about `fileName`: `<base>_<UTC timestamp>_<suffix>.csv`, e.g.
 * cyclecount_2024-02-29_20261123T104500Z_errors.csv. Only [A-Za-z0-9._-] (no spaces, colons, or leading
 * dot), at most 200 characters (the base is shortened, never the timestamp or suffix).
 */
export function safeReportName(fileName: string, at: Date, suffix = 'errors'): string {
  if (Number.isNaN(at.getTime())) throw new Error('safeReportName: invalid date');
  const leaf = fileName.split(/[\\/]/).pop() ?? '';
  const base = sanitise(leaf.replace(/\.csv$/i, '')) || 'file';
  const tail = `_${compactTimestamp(at)}_${sanitise(suffix).slice(0, 60) || 'report'}.csv`;
  const room = MAX_REPORT_NAME_LENGTH - tail.length;
  return `${base.slice(0, room).replace(/[._-]+$/, '') || 'file'}${tail}`;
}
