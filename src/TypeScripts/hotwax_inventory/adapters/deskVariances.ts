/**
 * Reads of the variance review (customscript_hwx_sl_variance_review): grouped transaction searches only
 * (summary GROUP / SUM / COUNT, NETSUITE.md 5: runPaged 5 units + 5 per page of up to 1,000 groups), so the
 * cost depends on the number of groups (stores x reasons, stores x weeks), never on the number of lines.
 */
import * as search from 'N/search';
import { forEachResult, type FilterExpression } from './pagedSearch';
import { isoOfUserDate, userDate } from './userDates';
import type { AdjustmentGroup, DrillRow, ItemGroup, ReviewFilters, TransferGroup, WeekGroup } from '../core/desk/varianceReview';

export type { DrillRow } from '../core/desk/varianceReview';
import { CYCLE_COUNT, orientTransfer } from '../core/desk/varianceReview';

const S = search.Summary;
/** Value of a line: quantity x the item's average cost (purchase price when none). */
export const VALUE_FORMULA = '{quantity} * NVL({item.averagecost}, NVL({item.cost}, 0))';

const g = (name: string, join?: string): search.Column => search.createColumn({ name, summary: S.GROUP, ...(join ? { join } : {}) });
const sum = (name: string): search.Column => search.createColumn({ name, summary: S.SUM });
const value = (): search.Column => search.createColumn({ name: 'formulacurrency', summary: S.SUM, formula: VALUE_FORMULA });
const count = (): search.Column => search.createColumn({ name: 'internalid', summary: S.COUNT });

const str = (r: search.Result, name: string, summary: search.Summary = S.GROUP): string => {
  const v = r.getValue({ name, summary });
  return v === null || v === undefined || v === '- None -' ? '' : String(v);
};
const num = (r: search.Result, name: string, summary: search.Summary): number => {
  const n = Number(r.getValue({ name, summary }) ?? 0);
  return Number.isFinite(n) ? n : 0;
};
const formulaValue = (r: search.Result): number => {
  const n = Number(r.getValue({ name: 'formulacurrency', summary: S.SUM }) ?? 0);
  return Number.isFinite(n) ? n : 0;
};

function baseFilters(type: 'InvAdjst' | 'InvTrnfr', f: ReviewFilters, varianceLocations: readonly string[]): FilterExpression {
  const filters: FilterExpression = [['type', 'anyof', [type]], 'AND', ['mainline', 'is', 'F'], 'AND', ['custcol_hwx_variance_id', 'isnotempty', ''], 'AND', ['trandate', 'within', userDate(f.from), userDate(f.to)]];
  if (f.kind === 'cyclecount') filters.push('AND', ['custcol_hwx_reason', 'isempty', '']);
  if (f.kind === 'other') filters.push('AND', ['custcol_hwx_reason', 'isnotempty', '']);
  if (f.reason !== '' && f.reason !== CYCLE_COUNT) filters.push('AND', ['custcol_hwx_reason', 'is', f.reason]);
  if (f.reason === CYCLE_COUNT) filters.push('AND', ['custcol_hwx_reason', 'isempty', '']);
  if (f.store !== '') {
    if (type === 'InvAdjst') filters.push('AND', ['location', 'anyof', [f.store]]);
    else filters.push('AND', [['location', 'anyof', [f.store]], 'OR', ['transferlocation', 'anyof', [f.store]]]);
  }
  if (type === 'InvTrnfr' && varianceLocations.length === 0) filters.push('AND', ['internalid', 'anyof', ['@NONE@']]);
  return filters;
}

/** Variance locations: the locations of the HotWax Variance Reason Map. */
export function varianceLocations(): string[] {
  const out = new Set<string>();
  forEachResult(search.create({ type: 'customrecord_hwx_variance_reason', filters: [['isinactive', 'is', 'F']], columns: [g('custrecord_hwx_vr_location')] }), (r) => {
    const v = str(r, 'custrecord_hwx_vr_location');
    if (v !== '') out.add(v);
  });
  return [...out];
}

/** Locations by id: name and whether it is a store (Location Type 1, NETSUITE.md 4.5). */
export function locationNames(): Map<string, { name: string; store: boolean }> {
  const out = new Map<string, { name: string; store: boolean }>();
  forEachResult(search.create({ type: search.Type.LOCATION, filters: [], columns: ['internalid', 'name', 'locationtype'] }), (r) => {
    out.set(r.id, { name: String(r.getValue({ name: 'name' }) ?? r.id), store: String(r.getValue({ name: 'locationtype' }) ?? '') === '1' });
  });
  return out;
}

export function adjustmentGroups(f: ReviewFilters, vl: readonly string[]): AdjustmentGroup[] {
  const out: AdjustmentGroup[] = [];
  forEachResult(search.create({ type: search.Type.TRANSACTION, filters: baseFilters('InvAdjst', f, vl), columns: [g('location'), g('custcol_hwx_reason'), sum('quantity'), value(), count()] }), (r) => {
    out.push({ location: str(r, 'location'), reason: str(r, 'custcol_hwx_reason'), units: num(r, 'quantity', S.SUM), value: formulaValue(r), lines: num(r, 'internalid', S.COUNT) });
  });
  return out;
}

export function transferGroups(f: ReviewFilters, vl: readonly string[]): TransferGroup[] {
  const out: TransferGroup[] = [];
  forEachResult(search.create({ type: search.Type.TRANSACTION, filters: baseFilters('InvTrnfr', f, vl), columns: [g('location'), g('transferlocation'), g('custcol_hwx_reason'), sum('quantity'), value(), count()] }), (r) => {
    out.push({ from: str(r, 'location'), to: str(r, 'transferlocation'), reason: str(r, 'custcol_hwx_reason'), units: num(r, 'quantity', S.SUM), value: formulaValue(r), lines: num(r, 'internalid', S.COUNT) });
  });
  return out;
}

const WEEK = "TRUNC({trandate}, 'IW')";

/** Per store and ISO week (Monday), adjustments and oriented transfers. */
export function weekGroups(f: ReviewFilters, vl: readonly string[]): WeekGroup[] {
  const out: WeekGroup[] = [];
  const week = (): search.Column => search.createColumn({ name: 'formuladate', summary: S.GROUP, formula: WEEK });
  const weekOf = (r: search.Result): string => isoOfUserDate(String(r.getValue({ name: 'formuladate', summary: S.GROUP }) ?? '')) ?? '';
  forEachResult(search.create({ type: search.Type.TRANSACTION, filters: baseFilters('InvAdjst', f, vl), columns: [week(), g('location'), sum('quantity'), value()] }), (r) => {
    out.push({ week: weekOf(r), store: str(r, 'location'), units: num(r, 'quantity', S.SUM), value: formulaValue(r) });
  });
  const set = new Set(vl);
  forEachResult(search.create({ type: search.Type.TRANSACTION, filters: baseFilters('InvTrnfr', f, vl), columns: [week(), g('location'), g('transferlocation'), sum('quantity'), value()] }), (r) => {
    const { store, sign } = orientTransfer(str(r, 'location'), str(r, 'transferlocation'), set);
    out.push({ week: weekOf(r), store, units: sign * Math.abs(num(r, 'quantity', S.SUM)), value: sign * Math.abs(formulaValue(r)) });
  });
  return out;
}

/** Per item, the first page (1,000 groups) by value moved, largest first; oriented like the matrix. */
export function itemGroups(f: ReviewFilters, vl: readonly string[]): ItemGroup[] {
  const out: ItemGroup[] = [];
  const firstPage = (s: search.Search, visit: (r: search.Result) => void): void => {
    s.run().getRange({ start: 0, end: 1000 }).forEach(visit);
  };
  const byValue = (): search.Column => search.createColumn({ name: 'formulacurrency', summary: S.SUM, formula: VALUE_FORMULA, sort: search.Sort.ASC });
  firstPage(search.create({ type: search.Type.TRANSACTION, filters: baseFilters('InvAdjst', f, vl), columns: [g('item'), sum('quantity'), byValue()] }), (r) => {
    out.push({ item: str(r, 'item'), itemName: r.getText({ name: 'item', summary: S.GROUP }) ?? str(r, 'item'), units: num(r, 'quantity', S.SUM), value: formulaValue(r) });
  });
  const set = new Set(vl);
  const moved = (): search.Column => search.createColumn({ name: 'formulacurrency', summary: S.SUM, formula: VALUE_FORMULA, sort: search.Sort.DESC });
  firstPage(search.create({ type: search.Type.TRANSACTION, filters: baseFilters('InvTrnfr', f, vl), columns: [g('item'), g('location'), g('transferlocation'), sum('quantity'), moved()] }), (r) => {
    const { sign } = orientTransfer(str(r, 'location'), str(r, 'transferlocation'), set);
    out.push({ item: str(r, 'item'), itemName: r.getText({ name: 'item', summary: S.GROUP }) ?? str(r, 'item'), units: sign * Math.abs(num(r, 'quantity', S.SUM)), value: sign * Math.abs(formulaValue(r)) });
  });
  return out;
}

/** Units on hand per location now (item search by inventory location, summed). */
export function onHandByLocation(): Map<string, number> {
  const out = new Map<string, number>();
  forEachResult(search.create({ type: search.Type.ITEM, filters: [['isinactive', 'is', 'F']], columns: [g('inventorylocation'), sum('locationquantityonhand')] }), (r) => {
    out.set(str(r, 'inventorylocation'), num(r, 'locationquantityonhand', S.SUM));
  });
  return out;
}


/** The transactions behind one cell: grouped by transaction, largest loss first, at most 1,000. */
export function drillTransactions(f: ReviewFilters, vl: readonly string[]): DrillRow[] {
  const out: DrillRow[] = [];
  const set = new Set(vl);
  for (const [type, recordType] of [['InvAdjst', 'inventoryadjustment'], ['InvTrnfr', 'inventorytransfer']] as const) {
    const cols = [g('internalid'), g('tranid'), g('trandate'), g('location'), ...(type === 'InvTrnfr' ? [g('transferlocation')] : []), sum('quantity'), value(), count()];
    search
      .create({ type: search.Type.TRANSACTION, filters: baseFilters(type, f, vl), columns: cols })
      .run()
      .getRange({ start: 0, end: 1000 })
      .forEach((r) => {
        const from = str(r, 'location');
        const to = type === 'InvTrnfr' ? str(r, 'transferlocation') : '';
        const sign = type === 'InvTrnfr' ? orientTransfer(from, to, set).sign : 1;
        const units = num(r, 'quantity', S.SUM);
        const val = formulaValue(r);
        out.push({
          id: str(r, 'internalid'),
          recordType,
          tranid: str(r, 'tranid'),
          date: isoOfUserDate(str(r, 'trandate')) ?? str(r, 'trandate'),
          from: r.getText({ name: 'location', summary: S.GROUP }) ?? from,
          to: type === 'InvTrnfr' ? (r.getText({ name: 'transferlocation', summary: S.GROUP }) ?? to) : '',
          units: type === 'InvTrnfr' ? sign * Math.abs(units) : units,
          value: type === 'InvTrnfr' ? sign * Math.abs(val) : val,
          lines: num(r, 'internalid', S.COUNT),
        });
      });
  }
  return out.sort((a, b) => a.value - b.value || a.units - b.units);
}
