/**
 * ABC classification by consumption value (Pareto): an item's consumption value at a store is the quantity
 * that went out of the store in the window (docs/cycle-counts.md: item fulfillments, inventory transfers
 * out, inventory adjustments down) times its unit cost. Items are ranked by value (highest first, ties by
 * internal id); an item is A while the cumulative share of the value before it is below the A cut-off
 * (default 80 %), B while it is below the A+B cut-off (default 95 %, i.e. B = the next 15 %), else C. The
 * item that crosses a cut-off stays in the higher class, so one item worth 90 % of the store is A. Items
 * with no consumption value are C. An admin override replaces the computed class and survives every
 * recomputation (it is an admin record the classification reads, never writes).
 */
import { writeCsv, parseCsvWithLines } from '../csv';
import type { AbcClass } from './policy';

export interface ItemMovement {
  itemId: string;
  itemName: string;
  /** Units out of the store in the window (>= 0). */
  quantityOut: number;
  /** Unit cost (average cost, else purchase price); 0 when unknown. */
  unitCost: number;
  onHand: number;
}

export interface Classified extends ItemMovement {
  abcClass: AbcClass;
  computedClass: AbcClass;
  overridden: boolean;
  value: number;
  /** Cumulative share of the store's consumption value up to and including this item, in percent. */
  cumulativePercent: number;
}

export interface Cutoffs {
  cutoffA: number;
  cutoffB: number;
}

export interface ClassSummary {
  items: Record<AbcClass, number>;
  value: Record<AbcClass, number>;
  overridden: number;
  totalValue: number;
}

const round = (n: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
};

const byId = (a: string, b: string): number => {
  const na = Number(a);
  const nb = Number(b);
  return Number.isFinite(na) && Number.isFinite(nb) && na !== nb ? na - nb : a < b ? -1 : a > b ? 1 : 0;
};

/**
 * Classifies one store's items. `overrides` maps item id to the class an admin chose for this store (a
 * store-specific override already preferred over an all-store one by the caller).
 */
export function classifyItems(items: readonly ItemMovement[], cutoffs: Cutoffs, overrides: ReadonlyMap<string, AbcClass>): Classified[] {
  const valued = items.map((i) => ({ ...i, value: Math.max(0, i.quantityOut) * Math.max(0, i.unitCost) }));
  valued.sort((a, b) => b.value - a.value || byId(a.itemId, b.itemId));
  const total = valued.reduce((s, i) => s + i.value, 0);
  let before = 0;
  return valued.map((item) => {
    const sharePercentBefore = total > 0 ? (before / total) * 100 : 100;
    before += item.value;
    const computedClass: AbcClass = item.value <= 0 ? 'C' : sharePercentBefore < cutoffs.cutoffA ? 'A' : sharePercentBefore < cutoffs.cutoffB ? 'B' : 'C';
    const override = overrides.get(item.itemId);
    return {
      ...item,
      value: round(item.value, 4),
      computedClass,
      abcClass: override ?? computedClass,
      overridden: override !== undefined,
      cumulativePercent: total > 0 ? round((before / total) * 100, 4) : 0,
    };
  });
}

export function summarizeClasses(classified: readonly Classified[]): ClassSummary {
  const summary: ClassSummary = { items: { A: 0, B: 0, C: 0 }, value: { A: 0, B: 0, C: 0 }, overridden: 0, totalValue: 0 };
  for (const c of classified) {
    summary.items[c.abcClass] += 1;
    summary.value[c.abcClass] = round(summary.value[c.abcClass] + c.value, 4);
    summary.totalValue = round(summary.totalValue + c.value, 4);
    if (c.overridden) summary.overridden += 1;
  }
  return summary;
}

export function isAbcClass(text: string): text is AbcClass {
  return text === 'A' || text === 'B' || text === 'C';
}

/** An override cell as an admin typed it ('a', ' B ') or undefined when it is not A, B or C. */
export function parseClass(text: string): AbcClass | undefined {
  const t = text.trim().toUpperCase();
  return isAbcClass(t) ? t : undefined;
}

export const CLASSIFICATION_HEADERS = ['Item Internal ID', 'Item', 'Class', 'Computed Class', 'Override', 'Quantity Out', 'Unit Cost', 'Consumption Value', 'Cumulative %', 'On Hand'] as const;

const num = (n: number): string => String(round(n, 4));

/** The classification file of a store (File Cabinet, linked from its classification record): admins can open it in a spreadsheet. */
export function writeClassificationCsv(classified: readonly Classified[]): string {
  return writeCsv(
    CLASSIFICATION_HEADERS,
    classified.map((c) => [c.itemId, c.itemName, c.abcClass, c.computedClass, c.overridden ? 'T' : 'F', num(c.quantityOut), num(c.unitCost), num(c.value), num(c.cumulativePercent), num(c.onHand)]),
  );
}

/** Reads a classification file back; rows that do not parse are skipped (the planner then treats the item as unclassified). */
export function readClassificationCsv(text: string): Classified[] {
  const parsed = parseCsvWithLines(text);
  const out: Classified[] = [];
  for (const r of parsed.records) {
    const [itemId = '', itemName = '', cls = '', computed = '', override = '', qty = '', cost = '', value = '', cum = '', onHand = ''] = r.cells;
    if (!/^\d+$/.test(itemId) || !isAbcClass(cls) || !isAbcClass(computed)) continue;
    out.push({
      itemId,
      itemName,
      abcClass: cls,
      computedClass: computed,
      overridden: override === 'T',
      quantityOut: Number(qty) || 0,
      unitCost: Number(cost) || 0,
      value: Number(value) || 0,
      cumulativePercent: Number(cum) || 0,
      onHand: Number(onHand) || 0,
    });
  }
  return out;
}
