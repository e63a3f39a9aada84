/**
 * Recording counts that came back from HotWax against the planned lines (the history), for one store at a
 * time. Used by the planner (posted cycle-count adjustments) and by the variance import's "counted, no
 * difference" rows through recordCountedNoDifference (the hook the variance flow calls; docs/cycle-counts.md).
 */
import { countFigures, countStatus, expiredLines, matchCountResults, noDifferenceResults, type CountResult, type CountStatus } from '../core/cyclecounts/history';
import { resolvePolicy, type CountPolicy } from '../core/cyclecounts/policy';
import type { IsoDay } from '../core/cyclecounts/days';
import { COUNT, LINE, storeLines, update, type StoredLine } from './cycleCountRecords';
import { loadPolicyRecords, postedCycleCounts, storeStock } from './cycleCountSearches';

export interface RecordOutcome {
  counted: number;
  expired: number;
  unmatched: number;
  countsUpdated: number;
}

/**
 * Closes the store's open lines that `results` match (COUNTED, with the figures), expires open lines whose
 * window passed before `today` (when given), and updates the status and totals of the counts they belong to.
 */
export function recordResults(store: string, open: readonly StoredLine[], results: readonly CountResult[], policy: CountPolicy, today?: IsoDay): RecordOutcome {
  const { counted, unmatched } = matchCountResults(open, results);
  const stock = counted.length > 0 ? storeStock(store, [...new Set(counted.map((c) => c.line.itemId))]) : [];
  const onHand = new Map(stock.map((s) => [s.itemId, s.onHand]));
  const touched = new Set<string>();
  for (const c of counted) {
    const f = countFigures(onHand.get(c.line.itemId) ?? 0, c.variance, c.line.unitCost, policy.tolerancePercent);
    update(LINE, c.line.lineId, {
      custrecord_hwx_ccl_status: 'COUNTED',
      custrecord_hwx_ccl_counted_on: c.countedOn,
      custrecord_hwx_ccl_systemic: f.systemic,
      custrecord_hwx_ccl_counted_qty: f.counted,
      custrecord_hwx_ccl_variance: f.variance,
      custrecord_hwx_ccl_var_value: f.varianceValue,
      custrecord_hwx_ccl_accurate: f.accurate,
      custrecord_hwx_ccl_variance_ids: c.varianceIds.join(' ').slice(0, 300),
    });
    touched.add(c.line.countId);
  }
  const countedIds = new Set(counted.map((c) => c.line.lineId));
  const expired = today ? expiredLines(open.filter((l) => !countedIds.has(l.lineId)), today) : [];
  for (const l of expired) {
    update(LINE, l.lineId, { custrecord_hwx_ccl_status: 'EXPIRED' });
    touched.add(l.countId);
  }
  const countsUpdated = touched.size > 0 ? refreshCounts(store, [...touched]) : 0;
  return { counted: counted.length, expired: expired.length, unmatched: unmatched.length, countsUpdated };
}

/** Recomputes status and totals of these counts from their lines. */
export function refreshCounts(store: string, countIds: readonly string[]): number {
  const byCount = new Map<string, StoredLine[]>();
  for (const l of storeLines(store, { countIds })) byCount.set(l.countId, [...(byCount.get(l.countId) ?? []), l]);
  for (const [countId, lines] of byCount) {
    const status: CountStatus = countStatus(lines.map((l) => l.status));
    const counted = lines.filter((l) => l.status === 'COUNTED');
    update(COUNT, countId, {
      custrecord_hwx_cct_status: status,
      custrecord_hwx_cct_counted: counted.length,
      custrecord_hwx_cct_expired: lines.filter((l) => l.status === 'EXPIRED').length,
      custrecord_hwx_cct_accurate: counted.filter((l) => l.accurate).length,
      custrecord_hwx_cct_var_value: Math.round(counted.reduce((s, l) => s + l.varianceValue, 0) * 100) / 100,
    });
  }
  return byCount.size;
}

/** The posted HotWax cycle-count adjustments of a store since its oldest open line was planned, recorded. */
export function recordPostedCounts(store: string, policy: CountPolicy, today: IsoDay): RecordOutcome {
  const open = storeLines(store, { status: 'PLANNED' });
  if (open.length === 0) return { counted: 0, expired: 0, unmatched: 0, countsUpdated: 0 };
  const from = open.reduce((min, l) => (l.plannedOn < min ? l.plannedOn : min), today);
  return recordResults(store, open, postedCycleCounts(store, from, today), policy, today);
}

/** A row HotWax counted with no difference (variance 0): nothing is posted for it, but the count happened. */
export interface NoDifferenceRow {
  /** NetSuite item internal id. */
  itemId: string;
  /** NetSuite location internal id (the store). */
  locationId: string;
  /** The count's day, YYYY-MM-DD. */
  day: IsoDay;
}

/**
 * THE HOOK for the variance import: call it with the cycle-count rows whose variance is 0 (after their item
 * and location are resolved). Each row closes the store's open planned line of that item (COUNTED, variance
 * 0, systemic = counted = NetSuite's on hand). Rows no open line matches are ignored. Costs per store: the
 * policy and open-line searches (10-20 units), one item search (10), 2 units per line closed, plus the counts' refresh.
 */
export function recordCountedNoDifference(rows: readonly NoDifferenceRow[]): RecordOutcome {
  const total: RecordOutcome = { counted: 0, expired: 0, unmatched: 0, countsUpdated: 0 };
  if (rows.length === 0) return total;
  const policies = loadPolicyRecords();
  const byStore = new Map<string, NoDifferenceRow[]>();
  for (const r of rows) byStore.set(r.locationId, [...(byStore.get(r.locationId) ?? []), r]);
  for (const [store, storeRows] of byStore) {
    const { policy } = resolvePolicy(policies.defaults, policies.byStore.get(store));
    const open = storeLines(store, { status: 'PLANNED' });
    const outcome = recordResults(store, open, noDifferenceResults(storeRows), policy);
    total.counted += outcome.counted;
    total.unmatched += outcome.unmatched;
    total.countsUpdated += outcome.countsUpdated;
  }
  return total;
}
