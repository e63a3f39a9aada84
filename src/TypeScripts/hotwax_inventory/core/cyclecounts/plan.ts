/**
 * Deciding what a store counts on a day, and the count list HotWax's Cycle Count App imports.
 *
 * Due list (one store, one count day):
 *  - eligible: the item is active (the caller's search), has stock at the store (on hand not 0) or moved
 *    out of it in the classification window, and has no line still open (planned or sent, not yet
 *    counted or expired) at the store;
 *  - due: never counted at the store, or counted at least its class's frequency ago (A 30, B 90, C 180
 *    days by default) on the count day;
 *  - order: never counted first, then most overdue (days past due), then A before B before C, then the
 *    higher consumption value, then the item id; the first `capacity` lines are the list.
 */
import { writeCsv } from '../csv';
import { addDays, daysBetween, weekday, type IsoDay } from './days';
import type { AbcClass, CountPolicy } from './policy';

export interface Candidate {
  itemId: string;
  /** HotWax's SKU: the NetSuite item name without any parent prefix. */
  sku: string;
  abcClass: AbcClass;
  value: number;
  onHand: number;
  quantityOut: number;
  unitCost: number;
}

export interface PlannedLine {
  itemId: string;
  sku: string;
  abcClass: AbcClass;
  unitCost: number;
  /** The quantity NetSuite held when the line was planned (for the audit trail, not the variance). */
  onHandAtPlan: number;
  lastCounted: IsoDay | null;
  /** Days past due on the count day; null when never counted. */
  overdueDays: number | null;
}

export interface PlanDates {
  /** The day the list is planned and sent. */
  plannedOn: IsoDay;
  /** The day the store counts (estimatedStartDate and estimatedCompletionDate). */
  countDate: IsoDay;
  /** After this day, lines that have not come back expire and are due again. */
  expiresAfter: IsoDay;
}

/** The count day a run on `today` plans for, or undefined when that day is not one of the store's count days. */
export function planDates(today: IsoDay, policy: CountPolicy): PlanDates | undefined {
  const countDate = addDays(today, policy.leadDays);
  if (!policy.countDays.includes(weekday(countDate))) return undefined;
  return { plannedOn: today, countDate, expiresAfter: addDays(countDate, policy.graceDays) };
}

const CLASS_RANK: Record<AbcClass, number> = { A: 0, B: 1, C: 2 };

export function selectDueLines(
  candidates: readonly Candidate[],
  lastCounted: ReadonlyMap<string, IsoDay>,
  openItems: ReadonlySet<string>,
  policy: CountPolicy,
  countDate: IsoDay,
): PlannedLine[] {
  if (policy.capacity <= 0) return [];
  const due: PlannedLine[] = [];
  const value = new Map<string, number>();
  for (const c of candidates) {
    if (openItems.has(c.itemId)) continue;
    if (c.onHand === 0 && c.quantityOut <= 0) continue;
    const last = lastCounted.get(c.itemId) ?? null;
    let overdueDays: number | null = null;
    if (last !== null) {
      overdueDays = daysBetween(last, countDate) - policy.frequencyDays[c.abcClass];
      if (overdueDays < 0) continue;
    }
    value.set(c.itemId, c.value);
    due.push({ itemId: c.itemId, sku: c.sku, abcClass: c.abcClass, unitCost: c.unitCost, onHandAtPlan: c.onHand, lastCounted: last, overdueDays });
  }
  due.sort(
    (a, b) =>
      (a.overdueDays === null ? 0 : 1) - (b.overdueDays === null ? 0 : 1) ||
      (b.overdueDays ?? 0) - (a.overdueDays ?? 0) ||
      CLASS_RANK[a.abcClass] - CLASS_RANK[b.abcClass] ||
      (value.get(b.itemId) ?? 0) - (value.get(a.itemId) ?? 0) ||
      Number(a.itemId) - Number(b.itemId),
  );
  return due.slice(0, policy.capacity);
}

/** The columns of HotWax's draft cycle count import (inventory-count app, bulk upload). */
export const COUNT_LIST_HEADERS = ['countImportName', 'purposeType', 'statusId', 'idValue', 'idType', 'estimatedStartDate', 'estimatedCompletionDate', 'externalFacilityId'] as const;
export const PURPOSE_TYPE = 'DIRECTED_COUNT';
export const DRAFT_STATUS = 'CYCLE_CNT_CREATED';
export const ID_TYPE = 'SKU';

const compact = (day: IsoDay): string => day.replace(/-/g, '');

/** One name per store and count day: the count HotWax creates, the file, and the plan's External ID derive from it. */
export function countImportName(storeId: string, countDate: IsoDay): string {
  return `NS-CC-${storeId}-${compact(countDate)}`;
}

export function countListFileName(storeId: string, countDate: IsoDay): string {
  return `CycleCount_${storeId}_${compact(countDate)}.csv`;
}

export function planExternalId(storeId: string, countDate: IsoDay): string {
  return `HWX-CC-${storeId}-${compact(countDate)}`;
}

export function lineExternalId(storeId: string, countDate: IsoDay, itemId: string): string {
  return `HWX-CCL-${storeId}-${compact(countDate)}-${itemId}`;
}

/** The draft count list: one row per line, the dates as YYYY-MM-DD. */
export function writeCountList(storeId: string, dates: PlanDates, lines: readonly Pick<PlannedLine, 'sku'>[]): string {
  const name = countImportName(storeId, dates.countDate);
  return writeCsv(
    COUNT_LIST_HEADERS,
    lines.map((l) => [name, PURPOSE_TYPE, DRAFT_STATUS, l.sku, ID_TYPE, dates.countDate, dates.countDate, storeId]),
  );
}

/** HotWax knows a sub-item by its own name: NetSuite shows 'Parent : Child'. */
export function skuOf(itemName: string): string {
  const i = itemName.lastIndexOf(' : ');
  return (i >= 0 ? itemName.slice(i + 3) : itemName).trim();
}
