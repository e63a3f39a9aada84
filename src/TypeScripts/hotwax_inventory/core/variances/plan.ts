/**
 * From validated, resolved variance rows to NetSuite CSV import jobs: route each row (adjustment or
 * transfer to a variance location), group rows into transactions, give every transaction a deterministic
 * External ID, and pack whole transactions into jobs that respect NetSuite's limits.
 */
import { writeCsv } from '../csv';
import { compactDate, formatDate, isSupportedDateFormat } from '../dates';
import { hash64 } from '../hash';
import { IntegrationError } from '../integrationError';
import { utf8Length } from '../utf8';
import type { RowError, VarianceRow } from './feed';

/** A feed row whose item was resolved to a NetSuite internal id. */
export interface ResolvedVarianceRow extends VarianceRow {
  itemId: string;
  /**
   * A Found variance (positive, transfer mode) whose variance location holds less than the row adds: `transfer`
   * units come back from the variance location, the other `adjust` units are an adjustment at the store on
   * `accountId`. Both lines carry the row's HotWax id.
   */
  split?: FoundSplit;
}

export interface FoundSplit {
  transfer: number;
  adjust: number;
  accountId: string;
}

export interface ReasonMapping {
  /** Location that holds stock for this reason (Damaged, Lost...). Empty: the reason only sets an account. */
  varianceLocationId: string;
  adjustmentAccountId?: string;
}

/** Lower-cased, trimmed reason -> mapping (the HotWax Variance Reason Map custom records). */
export type ReasonMap = ReadonlyMap<string, ReasonMapping>;

export interface RouteOptions {
  /** Post mapped item variances as inventory transfers to/from the reason's variance location. */
  transferMode: boolean;
  /** What to do with a reason that has no mapping: report the row, or post it as an adjustment. */
  unknownReason: 'error' | 'adjustment';
}

export type VarianceRoute =
  | {
      kind: 'adjustment';
      /** cycle-count: HotWax cycle count; variance: an item variance with a reason. */
      source: 'cycle-count' | 'variance';
      /** The reason's own adjustment account, which wins over the row's and the default one. */
      reasonAccountId?: string;
    }
  | {
      kind: 'transfer';
      fromLocationId: string;
      toLocationId: string;
      /** Always positive: the units moved. */
      quantity: number;
      varianceLocationId: string;
    };

export type RouteResult = { ok: true; route: VarianceRoute } | { ok: false; error: RowError };

export interface PlanOptions extends RouteOptions {
  /** Name of the HotWax file: written on every transaction (Source File) and in memos. */
  fileName: string;
  /** The importing user's NetSuite date format preference, e.g. 'M/D/YYYY'. */
  dateFormat: string;
  /** Lines per transaction (default 1000; at most 5000, Oracle's advice for CSV imports). */
  maxLinesPerTransaction?: number;
  /** Rows per CSV import job (default and maximum 25,000, NetSuite's limit per job). */
  maxRowsPerJob?: number;
  /** Bytes per job (default 45,000,000, under NetSuite's 50 MB per job). */
  maxBytesPerJob?: number;
  /** Account for adjustments whose row, and reason, name none. */
  defaultAdjustmentAccountId?: string;
  /** What a location is, for memos ("store Downtown", "warehouse Main"); unknown ones are "location <id>". */
  locationLabel?: (id: string) => LocationLabel | undefined;
}

/** A location as memos name it: its NetSuite type (Store, Warehouse, or neither) and name. */
export interface LocationLabel {
  kind: 'store' | 'warehouse' | 'other';
  name: string;
}

/** "store Store 254 Downtown", "warehouse Main Warehouse", "location 9": a location named as what it is. */
export function describeLocation(id: string, label: LocationLabel | undefined): string {
  if (label === undefined || label.name === '') return `location ${id}`;
  return label.kind === 'other' ? `location ${label.name}` : `${label.kind} ${label.name}`;
}

/** The reason's location, always named as a variance location ("variance location Damaged"). */
function describeVarianceLocation(id: string, label: LocationLabel | undefined): string {
  return `variance location ${label?.name || id}`;
}

export type TransactionKind = 'adjustment' | 'transfer';

export interface ImportJob {
  kind: TransactionKind;
  csv: string;
  rowCount: number;
  externalIds: string[];
  hotwaxIds: string[];
}

export interface PlannedLine {
  line: number;
  hotwaxId: string;
  item: string;
  location: string;
}

export interface PlannedTransaction {
  externalId: string;
  kind: TransactionKind;
  /** Number of lines (= CSV rows) in the transaction. */
  lines: number;
  /** HotWax ids of its lines, in file order. */
  hotwaxIds: string[];
  /** Its lines' file line numbers and cells, in file order (for reports if NetSuite rejects it). */
  lineDetails: PlannedLine[];
  /** Index of the job that carries it, within adjustmentJobs or transferJobs (by kind). */
  jobIndex: number;
  memo: string;
}

export interface VariancePlan {
  adjustmentJobs: ImportJob[];
  transferJobs: ImportJob[];
  errors: RowError[];
  /** Adjustments first, then transfers; each in file order of their first line. */
  transactions: PlannedTransaction[];
}

export const ADJUSTMENT_COLUMNS = [
  'External ID',
  'Date',
  'Subsidiary',
  'Adjustment Location',
  'Account',
  'Memo',
  'Source File',
  'Item',
  'Location',
  'Adjust Qty By',
  'HotWax Variance Id',
  'HotWax Reference No',
  'Reason',
  'Line Memo',
] as const;

export const TRANSFER_COLUMNS = [
  'External ID',
  'Date',
  'Subsidiary',
  'From Location',
  'To Location',
  'Memo',
  'Source File',
  'Item',
  'Adjust Qty By',
  'HotWax Variance Id',
  'HotWax Reference No',
  'Reason',
  'Line Memo',
] as const;

export const ADJUSTMENT_EXTERNAL_ID_PREFIX = 'HWX-ADJ-';
export const TRANSFER_EXTERNAL_ID_PREFIX = 'HWX-TRF-';

export const DEFAULT_MAX_LINES_PER_TRANSACTION = 1000;
export const MAX_LINES_PER_TRANSACTION = 5000;
export const MAX_ROWS_PER_JOB = 25000;
export const DEFAULT_MAX_BYTES_PER_JOB = 45_000_000;
/** NetSuite free-form text fields (Source File, Reason, Memo) hold 300 characters. */
const MAX_TEXT = 300;

/**
 * The grouping rule (also shown to administrators):
 *  - Within one file, rows become one inventory adjustment per (source: cycle count or item variance,
 *    store location, date, subsidiary, adjustment account), and one inventory transfer per (from location,
 *    to location, date, subsidiary).
 *  - Lines keep file order; a group with more than maxLinesPerTransaction lines is split into parts of at
 *    most that many lines.
 *  - Each transaction's External ID is HWX-ADJ- or HWX-TRF- plus a 64-bit hash of the sorted HotWax ids of
 *    its lines: the same lines always give the same External ID, whatever the file is called, so NetSuite
 *    (ADD mode) refuses to create a transaction twice.
 *  - CSV import jobs carry whole transactions (a transaction is never split across jobs), at most
 *    maxRowsPerJob rows each.
 */
export const GROUPING_RULE =
  'One inventory adjustment per (cycle count or item variance, store location, date, subsidiary, adjustment account) ' +
  'and one inventory transfer per (from location, to location, date, subsidiary), within one file; lines in file order, ' +
  'split into parts of at most the configured lines per transaction. External ID = HWX-ADJ-/HWX-TRF- + a hash of the ' +
  "sorted HotWax ids of the transaction's lines (same lines, same External ID). Jobs carry whole transactions only.";

function rowError(row: VarianceRow, problem: string, action: string): RowError {
  return { line: row.line, hotwaxId: row.hotwaxId, item: row.itemCell, location: row.locationId, problem, action };
}

/**
 * Decides how one row is posted:
 *  - a cycle count (no reason) -> adjustment;
 *  - a reason with a mapping that names a variance location, in transfer mode -> transfer: a negative
 *    quantity moves |qty| from the store to the variance location, a positive one moves qty back;
 *  - a reason with a mapping otherwise (transfer mode off, or no variance location) -> adjustment, with the
 *    reason's account if it has one;
 *  - a reason without a mapping -> adjustment when unknownReason is 'adjustment', else a row error.
 */
export function routeVariance(row: VarianceRow, reasonMap: ReasonMap, options: RouteOptions): RouteResult {
  if (row.reason === undefined) return { ok: true, route: { kind: 'adjustment', source: 'cycle-count' } };
  const mapping = reasonMap.get(row.reason.trim().toLowerCase());
  if (mapping === undefined) {
    if (options.unknownReason === 'adjustment') return { ok: true, route: { kind: 'adjustment', source: 'variance' } };
    return {
      ok: false,
      error: rowError(
        row,
        `Reason '${row.reason}' has no variance location mapping.`,
        `Add '${row.reason}' to HotWax Variance Reason Map in NetSuite (or correct the reason in HotWax), then send the row again.`,
      ),
    };
  }
  const varianceLocationId = mapping.varianceLocationId.trim();
  if (options.transferMode && varianceLocationId !== '') {
    if (varianceLocationId === row.locationId) {
      return {
        ok: false,
        error: rowError(
          row,
          `Reason '${row.reason}' maps to variance location ${varianceLocationId}, which is this store itself.`,
          `Point '${row.reason}' in HotWax Variance Reason Map to a variance location other than the store, then send the row again.`,
        ),
      };
    }
    const out = row.quantity < 0;
    return {
      ok: true,
      route: {
        kind: 'transfer',
        fromLocationId: out ? row.locationId : varianceLocationId,
        toLocationId: out ? varianceLocationId : row.locationId,
        quantity: Math.abs(row.quantity),
        varianceLocationId,
      },
    };
  }
  const account = mapping.adjustmentAccountId?.trim();
  return { ok: true, route: account ? { kind: 'adjustment', source: 'variance', reasonAccountId: account } : { kind: 'adjustment', source: 'variance' } };
}

/** Quantity as NetSuite reads it: plain decimal notation, no exponent, no trailing zeros. */
export function formatQuantity(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return n.toFixed(10).replace(/0+$/, '').replace(/\.$/, '');
}


/** An upper bound of a CSV row's size: each cell may be quoted, its quotes doubled, plus comma and CRLF. */
function rowBytes(cells: readonly string[]): number {
  let bytes = 2;
  for (const c of cells) {
    bytes += utf8Length(c) + 3;
    for (let i = c.indexOf('"'); i >= 0; i = c.indexOf('"', i + 1)) bytes += 1;
  }
  return bytes;
}

function truncate(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 3)}...`;
}

const countLines = (lines: readonly ResolvedVarianceRow[]): string => `${lines.length} line${lines.length === 1 ? '' : 's'}`;

/** The distinct reasons of a transaction's lines, e.g. 'Lost'/'Stolen' (at most three named). */
function describeReasons(lines: readonly ResolvedVarianceRow[]): string {
  const reasons: string[] = [];
  for (const l of lines) if (l.reason !== undefined && !reasons.includes(l.reason)) reasons.push(l.reason);
  const shown = reasons.slice(0, 3).map((r) => `'${r}'`);
  return reasons.length > 3 ? `${shown.join('/')} +${reasons.length - 3} more` : shown.join('/');
}

interface Group {
  kind: TransactionKind;
  describe: (lines: readonly ResolvedVarianceRow[]) => string;
  rows: { row: ResolvedVarianceRow; cells: (externalId: string, memo: string) => string[] }[];
}

interface BuiltTransaction {
  tx: PlannedTransaction;
  csvRows: string[][];
  bytes: number;
}

function checkOptions(options: PlanOptions): { maxLines: number; maxRows: number; maxBytes: number } {
  const maxLines = options.maxLinesPerTransaction ?? DEFAULT_MAX_LINES_PER_TRANSACTION;
  const maxRows = options.maxRowsPerJob ?? MAX_ROWS_PER_JOB;
  const maxBytes = options.maxBytesPerJob ?? DEFAULT_MAX_BYTES_PER_JOB;
  const bad = (message: string): IntegrationError => new IntegrationError('VARIANCE_PLAN_OPTIONS', message, { options });
  if (!Number.isInteger(maxRows) || maxRows < 1 || maxRows > MAX_ROWS_PER_JOB) throw bad(`maxRowsPerJob must be a whole number from 1 to ${MAX_ROWS_PER_JOB}, not ${maxRows}`);
  if (!Number.isInteger(maxLines) || maxLines < 1 || maxLines > MAX_LINES_PER_TRANSACTION) throw bad(`maxLinesPerTransaction must be a whole number from 1 to ${MAX_LINES_PER_TRANSACTION}, not ${maxLines}`);
  if (maxLines > maxRows) throw bad(`maxLinesPerTransaction (${maxLines}) cannot exceed maxRowsPerJob (${maxRows}): a transaction never spans two jobs`);
  if (!Number.isFinite(maxBytes) || maxBytes < 10_000) throw bad(`maxBytesPerJob must be at least 10000, not ${maxBytes}`);
  if (!isSupportedDateFormat(options.dateFormat)) throw bad(`Unsupported NetSuite date format '${options.dateFormat}'`);
  return { maxLines, maxRows, maxBytes };
}

/**
 * Plans the CSV import jobs for one file's valid rows. Rows that cannot be posted (reason without mapping
 * in 'error' mode, no adjustment account, variance location equal to the store, a HotWax id given twice)
 * come back as errors; every other row is in exactly one transaction and one job.
 * Throws IntegrationError VARIANCE_PLAN_OPTIONS on options it cannot honour (limits, date format).
 */
export function planVarianceImport(rows: readonly ResolvedVarianceRow[], reasonMap: ReasonMap, options: PlanOptions): VariancePlan {
  const { maxLines, maxRows, maxBytes } = checkOptions(options);
  const errors: RowError[] = [];
  const sourceFile = truncate(options.fileName, MAX_TEXT);
  const fileForMemo = truncate(options.fileName, 120);
  const groups = new Map<string, Group>();
  const seenIds = new Map<string, number>();
  const ordered = rows.slice().sort((a, b) => a.line - b.line);
  const label = (id: string): LocationLabel | undefined => options.locationLabel?.(id);

  for (const row of ordered) {
    const first = seenIds.get(row.hotwaxId);
    if (first !== undefined) {
      errors.push(rowError(row, `HC Inventory Adj Id ${row.hotwaxId} already appears on line ${first}; only the first one is imported.`, `Nothing to do if line ${first} is the right one; otherwise give each variance its own id in HotWax and send the row again.`));
      continue;
    }
    seenIds.set(row.hotwaxId, row.line);
    if (row.quantity === 0) {
      // A counted-no-difference cycle-count row has nothing to post; the caller records it apart.
      errors.push(rowError(row, 'Adjust Qty By is 0: there is nothing to adjust.', 'Remove the row, or correct the quantity in HotWax and send the row again.'));
      continue;
    }
    const routed = routeVariance(row, reasonMap, options);
    if (!routed.ok) {
      errors.push(routed.error);
      continue;
    }
    const route = routed.route;
    const date = formatDate(row.date, options.dateFormat);
    const subsidiary = row.subsidiaryId ?? '';
    const reason = row.reason ?? '';
    const lineMemo = truncate(row.memo, MAX_TEXT);

    const addAdjustment = (source: 'cycle-count' | 'variance', account: string, quantity: number): void => {
      const key = ['A', source, row.locationId, compactDate(row.date), subsidiary, account].join('\u0001');
      let group = groups.get(key);
      if (!group) {
        const store = describeLocation(row.locationId, label(row.locationId));
        group = {
          kind: 'adjustment',
          rows: [],
          describe: (lines) =>
            source === 'cycle-count'
              ? `HotWax cycle count, ${store}, ${date}, ${countLines(lines)}`
              : `HotWax variance ${describeReasons(lines)} adjustment, ${store}, ${date}, ${countLines(lines)}`,
        };
        groups.set(key, group);
      }
      const qty = formatQuantity(quantity);
      group.rows.push({
        row,
        cells: (externalId, memo) => [externalId, date, subsidiary, row.locationId, account, memo, sourceFile, row.itemId, row.locationId, qty, row.hotwaxId, row.referenceNo, reason, lineMemo],
      });
    };

    if (route.kind === 'adjustment') {
      const account = route.reasonAccountId ?? row.adjustmentAccountId ?? options.defaultAdjustmentAccountId ?? '';
      if (account === '') {
        errors.push(
          rowError(
            row,
            'No adjustment account: the row has no Adjustment Account and no default adjustment account is configured.',
            'Fill in Adjustment Account in the HotWax feed, or set a default adjustment account for the variance import in NetSuite, then send the row again.',
          ),
        );
        continue;
      }
      addAdjustment(route.source, account, row.quantity);
    } else {
      // A Found row split by what its variance location holds: the transfer back, then the adjustment of the rest.
      const split = row.split;
      const transferQuantity = split === undefined ? route.quantity : split.transfer;
      if (transferQuantity > 0) {
        const key = ['T', route.fromLocationId, route.toLocationId, compactDate(row.date), subsidiary].join('\u0001');
        let group = groups.get(key);
        if (!group) {
          const { fromLocationId, toLocationId } = route;
          const toVariance = toLocationId === route.varianceLocationId;
          const from = toVariance ? describeLocation(fromLocationId, label(fromLocationId)) : describeVarianceLocation(fromLocationId, label(fromLocationId));
          const to = toVariance ? describeVarianceLocation(toLocationId, label(toLocationId)) : describeLocation(toLocationId, label(toLocationId));
          group = {
            kind: 'transfer',
            rows: [],
            describe: (lines) =>
              toVariance
                ? `HotWax variance ${describeReasons(lines)} transfer from ${from} to ${to}, ${date}, ${countLines(lines)}`
                : `HotWax variance ${describeReasons(lines)} transfer from ${from} back to ${to}, ${date}, ${countLines(lines)}`,
          };
          groups.set(key, group);
        }
        const qty = formatQuantity(transferQuantity);
        group.rows.push({
          row,
          cells: (externalId, memo) => [externalId, date, subsidiary, route.fromLocationId, route.toLocationId, memo, sourceFile, row.itemId, qty, row.hotwaxId, row.referenceNo, reason, lineMemo],
        });
      }
      if (split !== undefined && split.adjust > 0) addAdjustment('variance', split.accountId, split.adjust);
    }
  }

  const built: Record<TransactionKind, BuiltTransaction[]> = { adjustment: [], transfer: [] };
  const externalIds = new Set<string>();
  for (const group of groups.values()) {
    const parts = Math.ceil(group.rows.length / maxLines);
    for (let p = 0; p < parts; p++) {
      const slice = group.rows.slice(p * maxLines, (p + 1) * maxLines);
      const hotwaxIds = slice.map((r) => r.row.hotwaxId);
      const prefix = group.kind === 'adjustment' ? ADJUSTMENT_EXTERNAL_ID_PREFIX : TRANSFER_EXTERNAL_ID_PREFIX;
      const externalId = prefix + hash64(hotwaxIds.slice().sort().join('\n')).toUpperCase();
      if (externalIds.has(externalId)) {
        throw new IntegrationError('EXTERNAL_ID_COLLISION', `Two transactions of ${options.fileName} hash to External ID ${externalId}`, { externalId });
      }
      externalIds.add(externalId);
      const memo = bodyMemo(group.describe(slice.map((r) => r.row)), parts > 1 ? `part ${p + 1} of ${parts}` : '', fileForMemo);
      const csvRows = slice.map((r) => r.cells(externalId, memo));
      built[group.kind].push({
        tx: {
          externalId,
          kind: group.kind,
          lines: slice.length,
          hotwaxIds,
          lineDetails: slice.map((r) => ({ line: r.row.line, hotwaxId: r.row.hotwaxId, item: r.row.itemCell, location: r.row.locationId })),
          jobIndex: -1,
          memo,
        },
        csvRows,
        bytes: csvRows.reduce((sum, cells) => sum + rowBytes(cells), 0),
      });
    }
  }

  const adjustmentJobs = packJobs('adjustment', built.adjustment, maxRows, maxBytes);
  const transferJobs = packJobs('transfer', built.transfer, maxRows, maxBytes);
  errors.sort((a, b) => a.line - b.line);
  return {
    adjustmentJobs,
    transferJobs,
    errors,
    transactions: [...built.adjustment, ...built.transfer].map((b) => b.tx),
  };
}

/** Body memo: what happened, where, when, how many lines, from which file; under 300 characters. */
function bodyMemo(what: string, part: string, fileName: string): string {
  const memo = `${what}${part ? `, ${part}` : ''}, file ${fileName}`;
  return truncate(memo, MAX_TEXT - 1);
}

/** Greedy, in order: a job is closed when the next whole transaction would not fit. */
function packJobs(kind: TransactionKind, transactions: readonly BuiltTransaction[], maxRows: number, maxBytes: number): ImportJob[] {
  const headers = kind === 'adjustment' ? ADJUSTMENT_COLUMNS : TRANSFER_COLUMNS;
  const headerBytes = rowBytes(headers);
  const jobs: ImportJob[] = [];
  let current: BuiltTransaction[] = [];
  let rows = 0;
  let bytes = headerBytes;
  const close = (): void => {
    if (current.length === 0) return;
    const index = jobs.length;
    const csvRows: string[][] = [];
    for (const b of current) {
      b.tx.jobIndex = index;
      for (const r of b.csvRows) csvRows.push(r);
    }
    jobs.push({
      kind,
      csv: writeCsv(headers, csvRows),
      rowCount: csvRows.length,
      externalIds: current.map((b) => b.tx.externalId),
      hotwaxIds: current.flatMap((b) => b.tx.hotwaxIds),
    });
    current = [];
    rows = 0;
    bytes = headerBytes;
  };
  for (const b of transactions) {
    if (current.length > 0 && (rows + b.tx.lines > maxRows || bytes + b.bytes > maxBytes)) close();
    current.push(b);
    rows += b.tx.lines;
    bytes += b.bytes;
  }
  close();
  return jobs;
}
