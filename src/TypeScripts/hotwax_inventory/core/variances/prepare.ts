/**
 * From a HotWax variance file's text to what must be submitted: parse and validate every row, resolve
 * items, locations, reasons and accounts through bulk look-ups the caller provides, set aside HotWax ids
 * already applied or in flight, and plan the transactions and CSV import jobs.
 * Pure: the look-ups are functions passed in (the adapters run the searches), so every rule here is tested
 * with plain data.
 */
import { parseVarianceFeed, type RowError, type VarianceRow } from './feed';
import { describeLocation, planVarianceImport, routeVariance, type ReasonMap, type ResolvedVarianceRow, type TransactionKind } from './plan';
import { itemIdsToLookUp, itemNamesToLookUp, resolveItemRefs, type ItemLookup } from '../itemRef';
import { compareDates, type CalendarDate } from '../dates';
import type { CountedRow, ManifestTransaction, SkippedRow } from './outcome';

export interface LocationInfo {
  id: string;
  name: string;
  isInactive: boolean;
  subsidiaryId: string;
  /** NetSuite location type: Store, Warehouse, or neither (variance locations usually have none). */
  kind: 'store' | 'warehouse' | 'other';
}

export interface VarianceLookups {
  items(ids: string[], names: string[]): ItemLookup;
  /** The locations of these internal ids that exist (missing ones are left out). */
  locations(ids: string[]): Map<string, LocationInfo>;
  /** Only called when some row has a reason (cycle counts never need the map). */
  reasons(): ReasonMap;
  /** Which of these account ids exist and are active. */
  activeAccounts(ids: string[]): Set<string>;
  /** HotWax ids already on posted adjustment/transfer lines dated within [from, to]. */
  postedIds(from: Date, to: Date): Set<string>;
  /** HotWax ids planned in other files whose jobs have not been verified yet. */
  inFlightIds(): Set<string>;
}

export interface PrepareOptions {
  fileName: string;
  dateFormat: string;
  transferMode: boolean;
  unknownReason: 'error' | 'adjustment';
  defaultAdjustmentAccountId: string;
  maxLinesPerTransaction: number;
  maxRowsPerJob: number;
  lookUp: VarianceLookups;
  /**
   * Rebuilding the jobs of a file planned earlier (to submit them again): only rows with these HotWax ids
   * are planned, and the already-applied and in-flight checks are not run (they were, when it was planned).
   */
  onlyHotwaxIds?: ReadonlySet<string>;
}

export interface PreparedJob {
  kind: TransactionKind;
  csv: string;
  rowCount: number;
  externalIds: string[];
}

export interface PreparedFile {
  fileError?: string;
  totalRows: number;
  errors: RowError[];
  /** Report lines that are not about a row's problem (e.g. the file has no data rows). */
  notices: RowError[];
  /** Rows not posted because their HotWax id was already applied (or is being applied): not errors. */
  skipped: SkippedRow[];
  /** Cycle-count rows with Adjust Qty By 0 ("counted, no difference"): recorded, not posted. */
  counted: CountedRow[];
  transactions: ManifestTransaction[];
  jobs: PreparedJob[];
}

const err = (row: VarianceRow, problem: string, action: string): RowError => ({ line: row.line, hotwaxId: row.hotwaxId, item: row.itemCell, location: row.locationId, problem, action });

const toDate = (d: CalendarDate): Date => new Date(d.year, d.month - 1, d.day);

const isoDate = (d: CalendarDate): string => `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

export function prepareVarianceFile(text: string, options: PrepareOptions): PreparedFile {
  const feed = parseVarianceFeed(text);
  const nothing = { errors: [], notices: [], skipped: [], counted: [], transactions: [], jobs: [] };
  if (feed.fileError !== undefined) return { ...nothing, fileError: feed.fileError, totalRows: 0 };
  const errors: RowError[] = [...feed.errors];
  const notices: RowError[] = [];
  const skipped: SkippedRow[] = [];
  const counted: CountedRow[] = [];
  if (feed.totalRows === 0) {
    // Empty or header-only: nothing to post, but say so in the report rather than archive it silently.
    notices.push({ line: 1, hotwaxId: '', item: '', location: '', problem: 'The file has no data rows.', action: 'Nothing to do, unless HotWax was expected to send variances in this file.' });
  }
  const only = options.onlyHotwaxIds;
  const rows = only === undefined ? feed.rows : feed.rows.filter((r) => only.has(r.hotwaxId));
  if (rows.length === 0) return { ...nothing, totalRows: feed.totalRows, errors, notices };

  // Items, in bulk; the reason map only when some row has a reason; then the locations rows and reasons name.
  const refs = rows.map((r) => r.item);
  const resolutions = resolveItemRefs(refs, options.lookUp.items(itemIdsToLookUp(refs), itemNamesToLookUp(refs)));
  const reasons: ReasonMap = rows.some((r) => r.reason !== undefined) ? options.lookUp.reasons() : new Map();
  const locationIds = new Set(rows.map((r) => r.locationId));
  for (const r of rows) {
    const mapped = r.reason === undefined ? undefined : reasons.get(r.reason.trim().toLowerCase())?.varianceLocationId.trim();
    if (mapped) locationIds.add(mapped);
  }
  const locations = options.lookUp.locations([...locationIds]);

  // Accounts every adjustment row could use: its own, its reason's, the default.
  const accountIds = new Set<string>();
  if (options.defaultAdjustmentAccountId) accountIds.add(options.defaultAdjustmentAccountId);
  for (const r of rows) if (r.adjustmentAccountId) accountIds.add(r.adjustmentAccountId);
  for (const m of reasons.values()) if (m.adjustmentAccountId) accountIds.add(m.adjustmentAccountId.trim());
  const activeAccounts = accountIds.size > 0 ? options.lookUp.activeAccounts([...accountIds]) : new Set<string>();
  const named = (id: string): string => describeLocation(id, locations.get(id));

  const valid: ResolvedVarianceRow[] = [];
  rows.forEach((row, i) => {
    const resolution = resolutions[i];
    if (!resolution || resolution.status !== 'found') {
      if (resolution) errors.push(err(row, resolution.problem, resolution.action));
      return;
    }
    const location = locations.get(row.locationId);
    if (!location) {
      errors.push(err(row, `Location ${row.locationId} does not exist in NetSuite.`, 'Check the facility\'s external id in HotWax (it must be the NetSuite location internal id), then send the row again.'));
      return;
    }
    if (location.isInactive) {
      errors.push(err(row, `Location ${row.locationId} (${location.name}) is inactive in NetSuite.`, 'Reactivate the location in NetSuite or correct the facility in HotWax, then send the row again.'));
      return;
    }
    if (row.subsidiaryId && location.subsidiaryId && row.subsidiaryId !== location.subsidiaryId) {
      errors.push(err(row, `Subsidiary ${row.subsidiaryId} does not match location ${row.locationId} (${location.name}), which belongs to subsidiary ${location.subsidiaryId}.`, 'Correct the Subsidiary or the location in HotWax, then send the row again.'));
      return;
    }
    const withSubsidiary: VarianceRow = row.subsidiaryId || !location.subsidiaryId ? row : { ...row, subsidiaryId: location.subsidiaryId };
    const routed = routeVariance(withSubsidiary, reasons, { transferMode: options.transferMode, unknownReason: options.unknownReason });
    if (routed.ok && routed.route.kind === 'transfer') {
      const target = locations.get(routed.route.varianceLocationId);
      if (!target || target.isInactive) {
        errors.push(err(row, `Reason '${row.reason ?? ''}' maps to variance location ${routed.route.varianceLocationId}, which ${target ? 'is inactive' : 'does not exist'} in NetSuite.`, 'Fix the location in HotWax Variance Reason Map, then send the row again.'));
        return;
      }
      if (target.subsidiaryId && location.subsidiaryId && target.subsidiaryId !== location.subsidiaryId) {
        errors.push(err(row, `Variance location ${target.id} (${target.name}) belongs to subsidiary ${target.subsidiaryId}, ${named(location.id)} (${location.id}) to ${location.subsidiaryId}: an inventory transfer needs both in one subsidiary.`, "Map the reason to a variance location of the same subsidiary as the row's location, then send the row again."));
        return;
      }
    }
    if (routed.ok && routed.route.kind === 'adjustment') {
      const account = routed.route.reasonAccountId ?? row.adjustmentAccountId ?? options.defaultAdjustmentAccountId;
      if (account && !activeAccounts.has(account)) {
        errors.push(err(row, `Adjustment account ${account} does not exist or is inactive in NetSuite.`, 'Correct the Adjustment Account in HotWax (or the account in HotWax Variance Reason Map / the default account), then send the row again.'));
        return;
      }
    }
    if (row.quantity === 0) {
      // Counted, no difference (only cycle counts get here with 0): kept for count history, never posted.
      counted.push({ line: row.line, hotwaxId: row.hotwaxId, item: row.itemCell, location: row.locationId, itemId: resolution.item.id, date: isoDate(row.date) });
      return;
    }
    valid.push({ ...withSubsidiary, itemId: resolution.item.id });
  });

  // HotWax ids applied before, or planned in a file still in flight, are not posted again.
  const fresh = only === undefined ? dropAlreadyApplied(valid, options.lookUp, skipped) : valid;

  const plan = planVarianceImport(fresh, reasons, {
    locationLabel: (id) => locations.get(id),
    fileName: options.fileName,
    dateFormat: options.dateFormat,
    transferMode: options.transferMode,
    unknownReason: options.unknownReason,
    maxLinesPerTransaction: options.maxLinesPerTransaction,
    maxRowsPerJob: options.maxRowsPerJob,
    ...(options.defaultAdjustmentAccountId ? { defaultAdjustmentAccountId: options.defaultAdjustmentAccountId } : {}),
  });
  errors.push(...plan.errors);
  errors.sort((a, b) => a.line - b.line);

  // Jobs: adjustments first, then transfers; a transaction's jobIndex is within its kind.
  const jobs: PreparedJob[] = [...plan.adjustmentJobs, ...plan.transferJobs].map((j) => ({ kind: j.kind, csv: j.csv, rowCount: j.rowCount, externalIds: j.externalIds }));
  const transactions: ManifestTransaction[] = plan.transactions.map((t) => ({
    externalId: t.externalId,
    kind: t.kind,
    jobIndex: t.kind === 'adjustment' ? t.jobIndex : plan.adjustmentJobs.length + t.jobIndex,
    lines: t.lineDetails,
  }));
  return { totalRows: feed.totalRows, errors, notices, skipped, counted, transactions, jobs };
}

function dropAlreadyApplied(rows: ResolvedVarianceRow[], lookUp: VarianceLookups, skipped: SkippedRow[]): ResolvedVarianceRow[] {
  if (rows.length === 0) return rows;
  let from = rows[0]?.date as CalendarDate;
  let to = from;
  for (const r of rows) {
    if (compareDates(r.date, from) < 0) from = r.date;
    if (compareDates(r.date, to) > 0) to = r.date;
  }
  const posted = lookUp.postedIds(toDate(from), toDate(to));
  const inFlight = lookUp.inFlightIds();
  return rows.filter((r) => {
    const reason = posted.has(r.hotwaxId) ? 'posted' : inFlight.has(r.hotwaxId) ? 'in-flight' : undefined;
    if (reason === undefined) return true;
    skipped.push({ line: r.line, hotwaxId: r.hotwaxId, item: r.itemCell, location: r.locationId, reason });
    return false;
  });
}
