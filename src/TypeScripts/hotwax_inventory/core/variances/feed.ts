/**
 * The HotWax variance feed (cycle-count variances and inventory item variances share it):
 *   Reference No,Adjustment Account,Item,Adjust Qty By,Location,Date,Memo,Subsidiary,HC Inventory Adj Id
 * Columns are found by header name (case and spaces ignored), in any order; unknown columns (e.g. the
 * inventory-reset variant's Adjustment Location, Facility Name, Item Tag) are ignored.
 *
 * Every row becomes either a VarianceRow or one RowError that tells a store manager what is wrong and what
 * to do. Rows are never guessed at: a row that is not clearly right is reported, not posted.
 */
import { parseCsvWithLines } from '../csv';
import { parseHotWaxDate, type CalendarDate } from '../dates';
import { parseItemRef, type ItemRef } from '../itemRef';

export interface VarianceRow {
  /** 1-based line in the file where the row starts. */
  line: number;
  /** HC Inventory Adj Id: HotWax's id of this variance, unique per file, idempotency key. */
  hotwaxId: string;
  referenceNo: string;
  adjustmentAccountId?: string;
  item: ItemRef;
  /** The Item cell as written (trimmed), for messages and reports. */
  itemCell: string;
  /**
   * Signed change: negative removes stock from the store, positive adds it. 0 only on a cycle count, where
   * it is a result ("counted, no difference"): recorded, never posted.
   */
  quantity: number;
  locationId: string;
  date: CalendarDate;
  /** The Memo cell as written (trimmed). */
  memo: string;
  /** undefined for a cycle count; otherwise the variance reason (the memo), e.g. 'Damaged'. */
  reason: string | undefined;
  subsidiaryId?: string;
}

export interface RowError {
  line: number;
  hotwaxId: string;
  item: string;
  location: string;
  problem: string;
  action: string;
}

export interface VarianceFeed {
  rows: VarianceRow[];
  errors: RowError[];
  /** Set when the file as a whole cannot be read as a variance feed; rows and errors are then empty. */
  fileError?: string;
  /** Data records in the file (blank lines not counted): rows.length + rows in errors. */
  totalRows: number;
}

export interface VarianceFeedOptions {
  /**
   * Decimal places accepted in Adjust Qty By (default 4; 0 accepts whole numbers only). Trailing zeros do
   * not count: '2.0' is 2 whatever the setting.
   */
  maxQuantityDecimals?: number;
}

/** The memo HotWax writes on cycle-count variances. */
export const CYCLE_COUNT_MEMO = 'Inventory cycle count by HotWax';

export const FEED_COLUMNS = {
  referenceNo: 'Reference No',
  adjustmentAccount: 'Adjustment Account',
  item: 'Item',
  quantity: 'Adjust Qty By',
  location: 'Location',
  date: 'Date',
  memo: 'Memo',
  subsidiary: 'Subsidiary',
  hotwaxId: 'HC Inventory Adj Id',
} as const;

type FeedField = keyof typeof FEED_COLUMNS;

export const REQUIRED_FEED_FIELDS: readonly FeedField[] = ['item', 'quantity', 'location', 'date', 'hotwaxId'];

/** NetSuite free-form text fields (Reference No, HotWax id, reason) hold at most 300 characters. */
export const MAX_TEXT_LENGTH = 300;

/** Larger quantities are typing or unit errors, and beyond 2^53 numbers stop being exact. */
export const MAX_ABS_QUANTITY = 999_999_999;

const DEFAULT_MAX_DECIMALS = 4;

const normaliseHeader = (h: string): string => h.replace(/\s+/g, '').toLowerCase();

const NUMBER_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const INTERNAL_ID = /^[1-9]\d*$/;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

/** True for a memo that marks a cycle count: empty or HotWax's cycle-count text (any case or spacing). */
export function isCycleCountMemo(memo: string): boolean {
  const m = memo.trim().replace(/\s+/g, ' ').toLowerCase();
  return m === '' || m === CYCLE_COUNT_MEMO.toLowerCase();
}

type QuantityParse = { ok: true; value: number } | { ok: false; problem: string; action: string };

const QTY_ACTION = 'Correct Adjust Qty By in HotWax: a whole number of units with a minus sign for a loss, e.g. -3 or 2; then send the row again.';

/**
 * Adjust Qty By: plain decimal notation only (no exponent, no thousands separator, no decimal comma),
 * optional sign, finite, at most MAX_ABS_QUANTITY and maxDecimals decimal places, and not zero unless
 * `allowZero` (a cycle count's "counted, no difference").
 */
export function parseQuantity(cell: string, maxDecimals: number = DEFAULT_MAX_DECIMALS, allowZero = false): QuantityParse {
  const text = cell.trim();
  if (text === '') return { ok: false, problem: 'Adjust Qty By is empty.', action: QTY_ACTION };
  if (!NUMBER_TEXT.test(text)) {
    const hint = /^[+-]?\d+,\d+$/.test(text) ? ' (use a point, not a comma, for decimals)' : '';
    return { ok: false, problem: `Adjust Qty By '${text}' is not a number${hint}.`, action: QTY_ACTION };
  }
  const value = Number(text);
  if (!Number.isFinite(value) || Math.abs(value) > MAX_ABS_QUANTITY) {
    return { ok: false, problem: `Adjust Qty By '${text}' is too large (more than ${MAX_ABS_QUANTITY} units).`, action: QTY_ACTION };
  }
  if (value === 0) {
    if (allowZero) return { ok: true, value: 0 };
    return { ok: false, problem: 'Adjust Qty By is 0: there is nothing to adjust.', action: 'Remove the row, or correct the quantity in HotWax and send the row again.' };
  }
  const decimals = (text.split('.')[1] ?? '').replace(/0+$/, '').length;
  if (decimals > maxDecimals) {
    const allowed = maxDecimals === 0 ? 'whole units only' : `at most ${maxDecimals} decimal places`;
    return { ok: false, problem: `Adjust Qty By '${text}' has ${decimals} decimal places; ${allowed} are accepted.`, action: QTY_ACTION };
  }
  return { ok: true, value };
}

interface Problem {
  problem: string;
  action: string;
}

function locateColumns(headers: readonly string[]): { columns: Partial<Record<FeedField, number>>; error?: string } {
  const byName = new Map<string, FeedField>();
  for (const [field, title] of Object.entries(FEED_COLUMNS) as [FeedField, string][]) byName.set(normaliseHeader(title), field);
  const columns: Partial<Record<FeedField, number>> = {};
  const duplicates: string[] = [];
  headers.forEach((h, index) => {
    const field = byName.get(normaliseHeader(h));
    if (field === undefined) return;
    const first = columns[field];
    if (first !== undefined) {
      duplicates.push(`'${FEED_COLUMNS[field]}' (columns ${first + 1} and ${index + 1})`);
      return;
    }
    columns[field] = index;
  });
  if (Object.keys(columns).length === 0) {
    const shown = headers.slice(0, 4).join(',');
    return {
      columns,
      error: `The first line is not a HotWax variance header (it starts '${shown.length > 80 ? `${shown.slice(0, 80)}...` : shown}'). Expected columns: ${Object.values(FEED_COLUMNS).join(', ')}.`,
    };
  }
  if (duplicates.length > 0) return { columns, error: `The header names a column twice: ${duplicates.join('; ')}.` };
  const missing = REQUIRED_FEED_FIELDS.filter((f) => columns[f] === undefined).map((f) => FEED_COLUMNS[f]);
  if (missing.length > 0) {
    return { columns, error: `The header lacks required column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}.` };
  }
  return { columns };
}

function checkText(label: string, value: string, out: Problem[], action: string): void {
  if (value.length > MAX_TEXT_LENGTH) out.push({ problem: `${label} is longer than ${MAX_TEXT_LENGTH} characters.`, action });
  else if (CONTROL_CHARS.test(value)) out.push({ problem: `${label} contains a line break or another control character.`, action });
}

function checkInternalId(label: string, recordName: string, value: string, out: Problem[], action: string): void {
  if (!INTERNAL_ID.test(value)) out.push({ problem: `${label} '${value}' is not a NetSuite ${recordName} internal id (a whole number such as 254).`, action });
}

/**
 * A file that is not UTF-8 text (a spreadsheet saved as .xlsx, a zip, an image): NUL bytes, or bytes that
 * do not decode as UTF-8 (the decoder turns them into U+FFFD). Said plainly, without showing the bytes.
 */
function binaryContent(text: string): string | undefined {
  if (text.includes('\u0000')) return 'The file is not a text CSV file: it contains binary data (for example a spreadsheet saved as .xlsx, or a zip).';
  if (text.includes('\uFFFD')) return 'The file is not UTF-8 text: some bytes cannot be read as characters (a spreadsheet saved in another format or encoding?).';
  return undefined;
}

/**
 * Parses and validates a variance feed. An empty or header-only file gives zero rows and no error (the
 * caller decides how to report "no rows"); a file whose first line is not a variance header, or lacks a
 * required column (Item, Adjust Qty By, Location, Date, HC Inventory Adj Id), gives a fileError.
 */
export function parseVarianceFeed(text: string, options: VarianceFeedOptions = {}): VarianceFeed {
  const maxDecimals = Math.max(0, Math.floor(options.maxQuantityDecimals ?? DEFAULT_MAX_DECIMALS));
  const binary = binaryContent(text);
  if (binary !== undefined) return { rows: [], errors: [], totalRows: 0, fileError: binary };
  const csv = parseCsvWithLines(text);
  if (csv.headerLine === 0) return { rows: [], errors: [], totalRows: 0 };
  const headerProblem = csv.problems.find((p) => p.line === csv.headerLine);
  if (headerProblem) return { rows: [], errors: [], totalRows: 0, fileError: `The header line cannot be read: ${headerProblem.message}` };
  const { columns, error } = locateColumns(csv.headers);
  if (error !== undefined) return { rows: [], errors: [], totalRows: 0, fileError: error };

  const rows: VarianceRow[] = [];
  const errors: RowError[] = [];
  const firstLineOfId = new Map<string, number>();

  for (const p of csv.problems) {
    errors.push({ line: p.line, hotwaxId: '', item: '', location: '', problem: `This row cannot be read: ${p.message}`, action: 'Fix the quoting in the file (or let HotWax regenerate it) and send it again.' });
  }

  for (const record of csv.records) {
    const cell = (field: FeedField): string => {
      const index = columns[field];
      return index === undefined ? '' : (record.cells[index] ?? '').trim();
    };
    const hotwaxId = cell('hotwaxId');
    const itemCell = cell('item');
    const locationCell = cell('location');
    const problems: Problem[] = [];
    const fail = (): void => {
      errors.push({ line: record.line, hotwaxId, item: itemCell, location: locationCell, problem: problems.map((p) => p.problem).join(' '), action: [...new Set(problems.map((p) => p.action))].join(' ') });
    };

    const extra = record.cells.slice(csv.headers.length).filter((c) => c.trim() !== '');
    if (extra.length > 0) {
      // More values than columns: a value with an unquoted comma shifted every later column. Missing
      // trailing values are read as empty instead, and the checks below report what is required.
      problems.push({
        problem: `The row has ${record.cells.length} values but the header has ${csv.headers.length} columns (often an item name with an unquoted comma).`,
        action: 'Have HotWax regenerate the file with values containing commas in double quotes, then send it again.',
      });
      fail();
      continue;
    }

    if (hotwaxId === '') {
      problems.push({ problem: 'HC Inventory Adj Id is empty.', action: 'Every row needs the HotWax id of its variance; regenerate the file in HotWax and send it again.' });
    } else {
      checkText('HC Inventory Adj Id', hotwaxId, problems, 'Correct the HotWax id and send the row again.');
      const first = firstLineOfId.get(hotwaxId);
      if (first !== undefined) {
        problems.push({
          problem: `HC Inventory Adj Id ${hotwaxId} already appears on line ${first}; only the first one is imported.`,
          action: `Nothing to do if line ${first} is the right one; otherwise give each variance its own id in HotWax and send the row again.`,
        });
      } else {
        firstLineOfId.set(hotwaxId, record.line);
      }
    }

    const referenceNo = cell('referenceNo');
    checkText('Reference No', referenceNo, problems, 'Correct the Reference No in HotWax and send the row again.');

    const accountCell = cell('adjustmentAccount');
    if (accountCell !== '') checkInternalId('Adjustment Account', 'account', accountCell, problems, 'Set the Adjustment Account to the internal id of a NetSuite account (or leave it empty to use the configured default), then send the row again.');

    const item = parseItemRef(itemCell);
    if (!item.ok) problems.push({ problem: item.problem, action: item.action });

    // A note typed over several lines (a quoted newline) is legitimate: fold line breaks and tabs to spaces.
    const memo = cell('memo').replace(/[\r\n\t]+/g, ' ').trim();
    // On a cycle count 0 is a result (counted, no difference); on an item variance there is nothing to post.
    const quantity = parseQuantity(cell('quantity'), maxDecimals, isCycleCountMemo(memo));
    if (!quantity.ok) problems.push({ problem: quantity.problem, action: quantity.action });

    const locationAction = "Set the store's external facility id in HotWax to its NetSuite location internal id, then send the row again.";
    if (locationCell === '') problems.push({ problem: 'Location is empty.', action: locationAction });
    else checkInternalId('Location', 'location', locationCell, problems, locationAction);

    const dateCell = cell('date');
    const date = parseHotWaxDate(dateCell);
    if (date === undefined) {
      problems.push({
        problem: dateCell === '' ? 'Date is empty.' : `Date '${dateCell}' is not a valid date (expected month/day/year such as 2/29/2024).`,
        action: 'Correct the date in HotWax and send the row again.',
      });
    }

    checkText('Memo', memo, problems, 'Shorten the variance reason in HotWax to at most 300 characters, then send the row again.');

    const subsidiaryCell = cell('subsidiary');
    if (subsidiaryCell !== '') checkInternalId('Subsidiary', 'subsidiary', subsidiaryCell, problems, 'Set the Subsidiary to the NetSuite subsidiary internal id (or leave it empty), then send the row again.');

    if (problems.length > 0 || !item.ok || !quantity.ok || date === undefined) {
      fail();
      continue;
    }
    const row: VarianceRow = {
      line: record.line,
      hotwaxId,
      referenceNo,
      item: item.ref,
      itemCell,
      quantity: quantity.value,
      locationId: locationCell,
      date,
      memo,
      reason: isCycleCountMemo(memo) ? undefined : memo,
    };
    if (accountCell !== '') row.adjustmentAccountId = accountCell;
    if (subsidiaryCell !== '') row.subsidiaryId = subsidiaryCell;
    rows.push(row);
  }

  errors.sort((a, b) => a.line - b.line);
  return { rows, errors, totalRows: csv.records.length + csv.problems.length };
}
