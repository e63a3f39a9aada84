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
