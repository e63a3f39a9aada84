/**
 * Purchase order lines waiting for receipt, and the rows HotWax's PO import (job IMP_ASN_PO_FEED) reads:
 *   external-id,product-sku,quantity,external-facility-id,item-external-id,arrival-date
 *   = PO internal id, item name without its parent prefix, quantity still to receive, line location
 *     internal id, PO line id, expected receipt date MM/DD/YYYY (empty when the line has none).
 * Pure: the adapter turns search results into PoLine values, everything else happens here.
 */
import { writeCsv } from '../csv';
import { formatDate, isValidCalendarDate, type CalendarDate } from '../dates';
import { IntegrationError } from '../integrationError';

/** One PO line as the saved search returns it (strings, as N/search gives them). */
export interface PoLine {
  /** The PO line id (`line`): stable when other lines are added or removed. */
  line: string;
  /** Item internal id; empty for lines without an item (expense lines), which are not exported. */
  itemId: string;
  /** Item name as NetSuite shows it: 'Child', or 'Parent : Child' for a matrix or sub-item. */
  itemName: string;
  quantity: string;
  quantityReceived: string;
  locationId: string;
  /** Expected receipt date as YYYY-MM-DD, '' when the line has none; anything else is reported. */
  expectedReceiptDate: string;
}

export const PO_EXPORT_COLUMNS = ['external-id', 'product-sku', 'quantity', 'external-facility-id', 'item-external-id', 'arrival-date'] as const;

/** One CSV row, in PO_EXPORT_COLUMNS order. */
export type PoExportRow = readonly [externalId: string, sku: string, quantity: string, facilityId: string, lineId: string, arrivalDate: string];

/** NetSuite writes a sub-item's name after its parents: 'Parent : Child'. HotWax knows the child's own name. */
const PARENT_SEPARATOR = ' : ';

export function skuOf(itemName: string): string {
  const at = itemName.lastIndexOf(PARENT_SEPARATOR);
  return (at < 0 ? itemName : itemName.slice(at + PARENT_SEPARATOR.length)).trim();
}

const NUMBER = /^-?(\d+(\.\d*)?|\.\d+)$/;
const LINE_ID = /^\d+$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseQuantity(text: string): number | undefined {
  const t = text.trim();
  return NUMBER.test(t) ? Number(t) : undefined;
}

/** A quantity without floating-point noise: 30 - 10.1 -> '19.9', never '19.900000000000002'. */
export function formatQuantity(value: number): string {
  return String(Number(value.toFixed(6)));
}

/** 'YYYY-MM-DD' -> 'MM/DD/YYYY' (HotWax's arrival-date); '' stays ''. Undefined when the text is not a real date. */
export function arrivalDate(isoDate: string): string | undefined {
  if (isoDate.trim() === '') return '';
  const m = ISO_DATE.exec(isoDate.trim());
  if (!m) return undefined;
  const date: CalendarDate = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  return isValidCalendarDate(date) ? formatDate(date, 'MM/DD/YYYY') : undefined;
}

function lineProblem(line: PoLine): string | undefined {
  if (!LINE_ID.test(line.line.trim())) return `line id '${line.line}' is not a whole number`;
  if (skuOf(line.itemName) === '') return `item ${line.itemId} has no name`;
  if (parseQuantity(line.quantity) === undefined) return `quantity '${line.quantity}' is not a number`;
  if (line.quantityReceived.trim() !== '' && parseQuantity(line.quantityReceived) === undefined) return `quantity received '${line.quantityReceived}' is not a number`;
  if (line.locationId.trim() === '') return 'the line has no location (HotWax needs the facility that receives it)';
  if (arrivalDate(line.expectedReceiptDate) === undefined) return `expected receipt date '${line.expectedReceiptDate}' is not a date`;
  return undefined;
}

/** What is still to receive on a line: quantity - quantity received, never below 0. */
export function quantityToReceive(line: PoLine): number {
  const ordered = parseQuantity(line.quantity) ?? 0;
  const received = parseQuantity(line.quantityReceived) ?? 0;
  return Math.max(0, Number((ordered - received).toFixed(6)));
}

/**
 * The rows HotWax gets for one PO, sorted by line id: one per line with an item and something left to
 * receive. The same line twice (a saved search whose joins repeat rows) counts once; two different
 * versions of one line, or a line HotWax could not use (no location, a quantity that is not a number, ...),
 * make the whole PO fail with PO_LINES_INVALID: HotWax never gets half a purchase order.
 */
export function exportRowsFor(poId: string, lines: readonly PoLine[]): PoExportRow[] {
  const byLine = new Map<string, PoLine>();
  const problems: string[] = [];
  for (const line of lines) {
    if (line.itemId.trim() === '') continue;
    const problem = lineProblem(line);
    if (problem !== undefined) {
      problems.push(`line ${line.line}: ${problem}`);
      continue;
    }
    const key = String(Number(line.line.trim()));
    const seen = byLine.get(key);
    if (seen && JSON.stringify(seen) !== JSON.stringify(line)) problems.push(`line ${line.line}: the search returned it twice with different values`);
    byLine.set(key, line);
  }
  if (problems.length > 0) {
    throw new IntegrationError('PO_LINES_INVALID', `Purchase order ${poId} was not exported: ${problems.join('; ')}.`, { poId, problems });
  }
  return [...byLine.entries()]
    .sort((a, b) => Number(a[0]) - Number(b[0]))
    .map(([lineId, line]) => ({ lineId, line, open: quantityToReceive(line) }))
    .filter(({ open }) => open > 0)
    .map(({ lineId, line, open }): PoExportRow => [poId, skuOf(line.itemName), formatQuantity(open), line.locationId.trim(), lineId, arrivalDate(line.expectedReceiptDate) ?? '']);
}

/** The CSV file HotWax imports: header, one row per line, standard quoting (commas, quotes, line breaks), CRLF. */
export function poExportCsv(rows: readonly PoExportRow[]): string {
  return writeCsv(PO_EXPORT_COLUMNS, rows);
}

/** Rows in file order: by PO internal id, then line id (both numeric). */
export function sortRows(rows: readonly PoExportRow[]): PoExportRow[] {
  return [...rows].sort((a, b) => Number(a[0]) - Number(b[0]) || Number(a[4]) - Number(b[4]));
}
