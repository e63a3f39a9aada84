// The variance review's figures, from grouped search rows (pure: no N/*).
//
// Definitions (docs/desk.md):
//  - A variance line is a line of an Inventory Adjustment or Inventory Transfer that the HotWax variance
//    import posted (it carries a HotWax Variance Id).
//  - Reason: the line's HotWax Variance Reason; none = "Cycle count" (cycle-count rows carry no reason).
//  - Store and sign: an adjustment line belongs to its location, units = Adjust Qty By (signed). A transfer
//    to a variance location is a loss at the store it leaves (units = -quantity); a transfer from a variance
//    location (e.g. Found) is a gain at the store it reaches (+quantity). A transfer between two locations
//    that are not variance locations counts as a loss at the origin.
//  - Value = units x the item's Average Cost (item record, averagecost; Purchase Price when no average cost
//    is set), at the time of the review, not the cost posted on the day.
//  - Rate = |units| per 1,000 units on hand at the store now (all items), so stores of any size compare.
export const CYCLE_COUNT = 'Cycle count';

export interface AdjustmentGroup {
  location: string;
  reason: string;
  units: number;
  value: number;
  lines: number;
}

export interface TransferGroup {
  from: string;
  to: string;
  reason: string;
  units: number;
  value: number;
  lines: number;
}

export interface Cell {
  units: number;
  value: number;
  lines: number;
}

export interface Matrix {
  stores: string[];
  reasons: string[];
  cells: Map<string, Cell>;
  byStore: Map<string, Cell>;
  byReason: Map<string, Cell>;
  total: Cell;
}

export const cellKey = (store: string, reason: string): string => `${store}\u0001${reason}`;

export const reasonOf = (raw: string): string => (raw.trim() === '' ? CYCLE_COUNT : raw.trim());

/** Store and sign of a transfer's quantity from the store's point of view. */
export function orientTransfer(from: string, to: string, varianceLocations: ReadonlySet<string>): { store: string; sign: 1 | -1 } {
  if (varianceLocations.has(to)) return { store: from, sign: -1 };
  if (varianceLocations.has(from)) return { store: to, sign: 1 };
  return { store: from, sign: -1 };
}

function add(map: Map<string, Cell>, key: string, c: Cell): void {
  const cur = map.get(key) ?? { units: 0, value: 0, lines: 0 };
  cur.units += c.units;
  cur.value += c.value;
  cur.lines += c.lines;
  map.set(key, cur);
}

export interface StoreLine {
  store: string;
  reason: string;
  units: number;
  value: number;
  lines: number;
}

export function storeLines(adjustments: readonly AdjustmentGroup[], transfers: readonly TransferGroup[], varianceLocations: ReadonlySet<string>): StoreLine[] {
  const out: StoreLine[] = adjustments.map((a) => ({ store: a.location, reason: reasonOf(a.reason), units: a.units, value: a.value, lines: a.lines }));
  for (const t of transfers) {
    const { store, sign } = orientTransfer(t.from, t.to, varianceLocations);
    out.push({ store, reason: reasonOf(t.reason), units: sign * Math.abs(t.units), value: sign * Math.abs(t.value), lines: t.lines });
  }
  return out;
}

export function buildMatrix(lines: readonly StoreLine[], storeOrder: (a: string, b: string) => number): Matrix {
  const cells = new Map<string, Cell>();
  const byStore = new Map<string, Cell>();
  const byReason = new Map<string, Cell>();
  const total: Cell = { units: 0, value: 0, lines: 0 };
  for (const l of lines) {
    const c = { units: l.units, value: l.value, lines: l.lines };
    add(cells, cellKey(l.store, l.reason), c);
    add(byStore, l.store, c);
    add(byReason, l.reason, c);
    total.units += l.units;
    total.value += l.value;
    total.lines += l.lines;
  }
  const reasons = [...byReason.keys()].sort((a, b) => (a === CYCLE_COUNT ? 1 : b === CYCLE_COUNT ? -1 : a.localeCompare(b)));
  return { stores: [...byStore.keys()].sort(storeOrder), reasons, cells, byStore, byReason, total };
}

/** |units| per 1,000 on hand; null when the store holds nothing. */
export function ratePerThousand(units: number, onHand: number | undefined): number | null {
  if (onHand === undefined || onHand <= 0) return null;
  return (Math.abs(units) / onHand) * 1000;
}

/** The store that lost the most value for a reason (most negative value), or undefined. */
export function worstStore(matrix: Matrix, reason: string): { store: string; cell: Cell } | undefined {
  let worst: { store: string; cell: Cell } | undefined;
  for (const store of matrix.stores) {
    const cell = matrix.cells.get(cellKey(store, reason));
    if (cell && (worst === undefined || cell.value < worst.cell.value)) worst = { store, cell };
  }
  return worst;
}

export interface WeekGroup {
  week: string;
  /** Adjustments: location; transfers: from/to (oriented with orientTransfer). */
  store: string;
  units: number;
  value: number;
}

export const MAX_TREND_WEEKS = 60;

/** Week starts (Mondays, YYYY-MM-DD) covering [from, to]; of a longer period, its last MAX_TREND_WEEKS weeks (ending at `to`). */
export function weeksBetween(fromIso: string, toIso: string): string[] {
  const day = (iso: string): number => Math.round(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);
  const mondayOf = (n: number): number => n - ((((n + 3) % 7) + 7) % 7);
  const start = day(fromIso);
  const end = day(toIso);
  if (!Number.isFinite(start) || !Number.isFinite(end) || end < start) return [];
  const first = Math.max(mondayOf(start), mondayOf(end) - (MAX_TREND_WEEKS - 1) * 7);
  const weeks: string[] = [];
  for (let d = first; d <= end; d += 7) weeks.push(new Date(d * 86_400_000).toISOString().slice(0, 10));
  return weeks;
}

/** Per store, the weekly series (in `weeks` order) of the chosen measure. */
export function weeklySeries(groups: readonly WeekGroup[], weeks: readonly string[], measure: 'units' | 'value'): Map<string, number[]> {
  const index = new Map(weeks.map((w, i) => [w, i]));
  const out = new Map<string, number[]>();
  for (const g of groups) {
    const i = index.get(g.week);
    if (i === undefined) continue;
    const series = out.get(g.store) ?? weeks.map(() => 0);
    series[i] = (series[i] ?? 0) + (measure === 'units' ? g.units : g.value);
    out.set(g.store, series);
  }
  return out;
}

export interface ItemGroup {
  item: string;
  itemName: string;
  units: number;
  value: number;
}

/** The items that lost the most value (most negative first), at most `limit`. */
export function topItems(groups: readonly ItemGroup[], limit: number): ItemGroup[] {
  const merged = new Map<string, ItemGroup>();
  for (const g of groups) {
    const cur = merged.get(g.item) ?? { item: g.item, itemName: g.itemName, units: 0, value: 0 };
    cur.units += g.units;
    cur.value += g.value;
    merged.set(g.item, cur);
  }
  return [...merged.values()].sort((a, b) => a.value - b.value || a.units - b.units).slice(0, limit);
}

export interface ReviewFilters {
  from: string;
  to: string;
  store: string;
  reason: string;
  kind: 'all' | 'cyclecount' | 'other';
  measure: 'units' | 'value' | 'rate';
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

function validIso(value: string | undefined): string | undefined {
  if (value === undefined || !ISO.test(value)) return undefined;
  const t = Date.parse(`${value}T00:00:00Z`);
  return Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== value ? undefined : value;
}

/** Filters from request parameters; anything invalid falls back to the default (last full month). */
export function readFilters(params: Readonly<Record<string, string | undefined>>, today: Date): ReviewFilters {
  const y = today.getUTCFullYear();
  const m = today.getUTCMonth();
  const defFrom = new Date(Date.UTC(y, m - 1, 1)).toISOString().slice(0, 10);
  const defTo = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  let from = validIso(params.from) ?? defFrom;
  let to = validIso(params.to) ?? defTo;
  if (to < from) [from, to] = [to, from];
  const kind = params.kind === 'cyclecount' || params.kind === 'other' ? params.kind : 'all';
  const measure = params.measure === 'value' || params.measure === 'rate' ? params.measure : 'units';
  const store = /^\d{1,12}$/.test(params.store ?? '') ? (params.store ?? '') : '';
  const reason = (params.reason ?? '').slice(0, 100);
  return { from, to, store, reason, kind, measure };
}

/** One transaction behind a figure of the review (grouped search row: its lines summed, signed per store). */
export interface DrillRow {
  id: string;
  recordType: string;
  tranid: string;
  date: string;
  from: string;
  to: string;
  units: number;
  value: number;
  lines: number;
}
