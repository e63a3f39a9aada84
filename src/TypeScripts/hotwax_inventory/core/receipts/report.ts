/**
 * The error report for a receipt file: one CSV row per problem, naming the file, the entry, the purchase
 * order and line, what is wrong and what to do. Same conventions as the variance reports (BOM for Excel,
 * formula-looking values defused, safe file names).
 */
import { writeCsv } from '../csv';
import { neutraliseFormula, safeReportName } from '../variances/report';
import type { ReportRow } from './outcome';

export const RECEIPT_REPORT_COLUMNS = ['File', 'Entry', 'Order', 'Line', 'Problem', 'What to do'] as const;

/** Rows sorted by entry (rows of one entry keep their order); entry 0 (the whole file) shows as ''. */
export function receiptReportCsv(fileName: string, rows: readonly ReportRow[]): string {
  const sorted = rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => a.r.entry - b.r.entry || a.i - b.i)
    .map(({ r }) => r);
  const cells = sorted.map((r) => [fileName, r.entry === 0 ? '' : String(r.entry), r.order, r.line, r.problem, r.action].map(neutraliseFormula));
  return `\uFEFF${writeCsv(RECEIPT_REPORT_COLUMNS, cells)}`;
}

/** purchase_receipts_0412.json -> purchase_receipts_0412_20261123T104500Z_errors_<suffix>.csv */
export function receiptReportName(fileName: string, at: Date, suffix: string): string {
  return safeReportName(fileName.replace(/\.json$/i, ''), at, `errors_${suffix}`);
}
