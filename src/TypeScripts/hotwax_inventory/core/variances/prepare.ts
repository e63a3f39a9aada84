/**
 * From a HotWax variance file's text to what must be submitted: parse and validate every row, resolve
 * items, locations, reasons and accounts through bulk look-ups the caller provides, set aside HotWax ids
 * already applied or in flight, and plan the transactions and CSV import jobs.
 * Pure: the look-ups are functions passed in (the adapters run the searches), so every rule here is tested
 * with plain data.
 */
import { parseVarianceFeed, type RowError, type VarianceRow } from './feed';
import { describeLocation, planVarianceImport, routeVariance, type FoundSplit, type ReasonMap, type ResolvedVarianceRow, type TransactionKind } from './plan';
import { inventoryDetailNeeded, itemIdsToLookUp, itemNamesToLookUp, resolveItemRefs, type ItemInfo, type ItemLookup } from '../itemRef';
import { compareDates, type CalendarDate } from '../dates';
import type { CountedRow, FoundRow, ManifestTransaction, SkippedRow } from './outcome';

export interface LocationInfo {
  id: string;
  name: string;
  isInactive: boolean;
  subsidiaryId: string;
  /** NetSuite location type: Store, Warehouse, or neither (variance locations usually have none). */
  kind: 'store' | 'warehouse' | 'other';
  /** The location uses bins: items that use bins need a bin on every line there. */
  usesBins?: boolean;
}

/** Items, and their on hand at the locations asked for (`${itemId}|${locationId}`), read in bulk. */
export interface ItemStock {
  items: ItemLookup;
  onHand: Map<string, number>;
  /** Locations the item search saw, with their fields; the others are looked up apart. */
  locations: Map<string, LocationInfo>;
  /** False when no on-hand was read (no locations asked for, or too many): stock rules are then not checked. */
  stockRead: boolean;
}

export interface VarianceLookups {
  /** Items by internal id and name, with their on hand at `locationIds` (none given: items only). */
  items(ids: string[], names: string[], locationIds: string[]): ItemStock;
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
  /** With onlyHotwaxIds: the Found splits of the plan, posted as planned (never re-read from stock). */
  plannedSplits?: readonly FoundRow[];
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
  /** Found rows split between a transfer back and an adjustment. */
  found: FoundRow[];
  transactions: ManifestTransaction[];
  jobs: PreparedJob[];
}

const err = (row: VarianceRow, problem: string, action: string): RowError => ({ line: row.line, hotwaxId: row.hotwaxId, item: row.itemCell, location: row.locationId, problem, action });

const toDate = (d: CalendarDate): Date => new Date(d.year, d.month - 1, d.day);

const isoDate = (d: CalendarDate): string => `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

export function prepareVarianceFile(text: string, options: PrepareOptions): PreparedFile {
  const feed = parseVarianceFeed(text);
  const nothing = { errors: [], notices: [], skipped: [], counted: [], found: [], transactions: [], jobs: [] };
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

  // The reason map only when some row has a reason; then items in bulk, with their on hand at the locations
  // the rows and their reasons name (same searches as the items alone); locations the item search did not see.
  const reasons: ReasonMap = rows.some((r) => r.reason !== undefined) ? options.lookUp.reasons() : new Map();
  const locationIds = new Set(rows.map((r) => r.locationId));
  for (const r of rows) {
    const mapped = r.reason === undefined ? undefined : reasons.get(r.reason.trim().toLowerCase())?.varianceLocationId.trim();
    if (mapped) locationIds.add(mapped);
  }
  const refs = rows.map((r) => r.item);
  // A rebuilt job posts what was planned: it reads no stock.
  const stock = options.lookUp.items(itemIdsToLookUp(refs), itemNamesToLookUp(refs), only === undefined ? [...locationIds] : []);
  const resolutions = resolveItemRefs(refs, stock.items);
  const locations = new Map(stock.locations);
  const unseen = [...locationIds].filter((id) => !locations.has(id));
  if (unseen.length > 0) for (const [id, info] of options.lookUp.locations(unseen)) locations.set(id, info);

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
    if (row.quantity !== 0) {
      // Lot-numbered, serialized and bin items need an inventory detail on every line, which the feed cannot give.
      const target = routed.ok && routed.route.kind === 'transfer' ? locations.get(routed.route.varianceLocationId) : undefined;
      const problem = inventoryDetailProblem(resolution.item, row, location, target, routed.ok && routed.route.kind === 'transfer');
      if (problem !== undefined) {
        errors.push(problem);
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
  // Stock: rows that would take on hand below zero are refused; Found rows come back from what their variance
  // location holds, the rest is an adjustment. In file order, each row after the ones before it.
  const found: FoundRow[] = [];
  const posted =
    only === undefined
      ? applyStock(fresh, stock, reasons, options, locations, activeAccounts, errors, found)
      : withPlannedSplits(fresh, options.plannedSplits ?? [], found);

  const plan = planVarianceImport(posted, reasons, {
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
  return { totalRows: feed.totalRows, errors, notices, skipped, counted, found, transactions, jobs };
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

const fmt = (n: number): string => (Number.isInteger(n) ? String(n) : String(Math.round(n * 10000) / 10000));

/**
 * The row error for an item NetSuite cannot post with a plain quantity: lot-numbered and serialized items
 * always need their numbers, bin items need a bin at a location that uses bins (Oracle help "Setting Bin
 * Preferences": bins are always required where a quantity is reduced; ns-local requires them on every line).
 */
function inventoryDetailProblem(item: ItemInfo, row: VarianceRow, store: LocationInfo, target: LocationInfo | undefined, transfer: boolean): RowError | undefined {
  const atStore = inventoryDetailNeeded(item, store.usesBins === true);
  const atTarget = target === undefined ? undefined : inventoryDetailNeeded(item, target.usesBins === true);
  const needed = atStore ?? atTarget;
  if (needed === undefined) return undefined;
  const what = transfer ? 'transfer' : 'adjustment';
  const page = transfer ? 'Transactions > Inventory > Transfer Inventory' : 'Transactions > Inventory > Adjust Inventory';
  const name = item.name || row.itemCell;
  const problem =
    needed === 'bins'
      ? `Item ${name} uses bins at ${(atStore !== undefined ? store : target)?.name ?? 'this location'}: NetSuite needs the bin for each ${what}, which the HotWax feed does not carry.`
      : `Item ${name} is ${needed === 'lot numbers' ? 'lot-numbered' : 'serialized'}: NetSuite needs the ${needed} for each ${what}, which the HotWax feed does not carry.`;
  return err(row, problem, `Post this variance in NetSuite by hand (${page}) with the ${needed}.`);
}

/**
 * Checks each row against the on hand read with the items, in file order: each row sees the on hand as the
 * rows before it in the file leave it (what they remove, add or move), which is the order NetSuite imports
 * the transactions of one job in.
 *  - a row that removes stock from the store (a negative count or variance, a transfer to a variance
 *    location) may remove at most what the store holds: else a row error in the store manager's words;
 *  - a Found row (positive, transfer back from its variance location) takes back what the variance location
 *    holds; the rest is an adjustment at the store on the reason's account, else the row's, else the default.
 * Items with no on hand read (not inventory items) and files naming more locations than the look-up reads
 * are posted as routed, and NetSuite decides (a refused transaction is reported by the verification).
 */
function applyStock(
  rows: readonly ResolvedVarianceRow[],
  stock: ItemStock,
  reasons: ReasonMap,
  options: PrepareOptions,
  locations: ReadonlyMap<string, LocationInfo>,
  activeAccounts: ReadonlySet<string>,
  errors: RowError[],
  found: FoundRow[],
): ResolvedVarianceRow[] {
  if (!stock.stockRead) return [...rows];
  const change = new Map<string, number>();
  const balance = (key: string): number | undefined => {
    const read = stock.onHand.get(key);
    return read === undefined ? undefined : read + (change.get(key) ?? 0);
  };
  const move = (key: string, by: number): void => {
    change.set(key, (change.get(key) ?? 0) + by);
  };
  const out: ResolvedVarianceRow[] = [];
  const nameOf = (id: string): string => locations.get(id)?.name || `Location ${id}`;
  const onHandText = (key: string, id: string, item: string): string => {
    const read = stock.onHand.get(key) ?? 0;
    const now = balance(key) ?? read;
    const after = Math.abs(now - read) > 1e-9 ? ` (${fmt(now)} after the rows above it in this file)` : '';
    return `${nameOf(id)} has ${fmt(read)} of ${item} on hand${after}`;
  };
  for (const row of [...rows].sort((a, b) => a.line - b.line)) {
    const routed = routeVariance(row, reasons, { transferMode: options.transferMode, unknownReason: options.unknownReason });
    const route = routed.ok ? routed.route : undefined;
    const storeKey = `${row.itemId}|${row.locationId}`;
    if (row.quantity < 0) {
      const removes = -row.quantity;
      const now = balance(storeKey);
      if (now !== undefined && removes > now + 1e-9) {
        errors.push(
          err(
            row,
            `${onHandText(storeKey, row.locationId, row.itemCell)}; the variance removes ${fmt(removes)}. NetSuite does not let stock go below zero.`,
            'Count again or check pending receipts (stock received but not yet in NetSuite), then send the row again with the right quantity.',
          ),
        );
        continue;
      }
      move(storeKey, -removes);
      if (route?.kind === 'transfer') move(`${row.itemId}|${route.toLocationId}`, removes);
      out.push(row);
      continue;
    }
    if (route?.kind !== 'transfer') {
      move(storeKey, row.quantity);
      out.push(row);
      continue;
    }
    // Found: back from the variance location, as far as it holds the item.
    const fromKey = `${row.itemId}|${route.fromLocationId}`;
    const holds = Math.max(0, balance(fromKey) ?? 0);
    const transfer = Math.min(row.quantity, holds);
    if (transfer >= row.quantity - 1e-9) {
      move(fromKey, -row.quantity);
      move(storeKey, row.quantity);
      out.push(row);
      continue;
    }
    const adjust = Number((row.quantity - transfer).toFixed(10));
    const reasonAccount = row.reason === undefined ? undefined : reasons.get(row.reason.trim().toLowerCase())?.adjustmentAccountId?.trim();
    const accountId = reasonAccount || row.adjustmentAccountId || options.defaultAdjustmentAccountId;
    const what = `${onHandText(fromKey, route.fromLocationId, row.itemCell)}; only that can come back from it`;
    if (!accountId || !activeAccounts.has(accountId)) {
      errors.push(
        err(
          row,
          accountId
            ? `${what}, and the other ${fmt(adjust)} would be an inventory adjustment on account ${accountId}, which does not exist or is inactive in NetSuite.`
            : `${what}, and the other ${fmt(adjust)} need an inventory adjustment, but no adjustment account is set (reason, row or default).`,
          "Set an adjustment account on the reason in HotWax Variance Reason Map (or the import's default account), then send the row again.",
        ),
      );
      continue;
    }
    move(fromKey, -transfer);
    move(storeKey, row.quantity);
    const split: FoundSplit = { transfer, adjust, accountId };
    found.push({ line: row.line, hotwaxId: row.hotwaxId, ...split });
    out.push({ ...row, split });
  }
  return out;
}

/** Rebuilding a planned job: Found rows are split exactly as planned. */
function withPlannedSplits(rows: readonly ResolvedVarianceRow[], planned: readonly FoundRow[], found: FoundRow[]): ResolvedVarianceRow[] {
  const byId = new Map(planned.map((f) => [f.hotwaxId, f]));
  return rows.map((row) => {
    const f = byId.get(row.hotwaxId);
    if (f === undefined) return row;
    found.push(f);
    return { ...row, split: { transfer: f.transfer, adjust: f.adjust, accountId: f.accountId } };
  });
}
