/**
 * What the cycle-count scripts read from NetSuite: HotWax stores, policies and overrides, each store's
 * active inventory items with cost and on hand, the quantity that went out of a store, and the HotWax
 * cycle-count adjustments posted by the variance import. Paged searches: 5 units + 5 per 1,000 rows.
 */
import * as search from 'N/search';
import { forEachResult, textValue, chunk, type FilterExpression } from './pagedSearch';
import type { PolicyFields, AbcClass } from '../core/cyclecounts/policy';
import { parseClass } from '../core/cyclecounts/classify';
import type { IsoDay } from '../core/cyclecounts/days';
import { isoOfUserDate, userDate } from './userDates';

export { isoOfUserDate, userDate };
import type { CountResult } from '../core/cyclecounts/history';

/** HotWax stores: active locations marked HotWax Location whose type is Store (location type 1 [U], NETSUITE.md 4.5). */
export function listHotWaxStores(only?: string): string[] {
  const filters: FilterExpression = [['isinactive', 'is', 'F'], 'AND', ['custrecord_hwx_loc_hotwax', 'is', 'T'], 'AND', ['locationtype', 'anyof', ['1']]];
  if (only) filters.push('AND', ['internalid', 'anyof', [only]]);
  const ids: string[] = [];
  forEachResult(search.create({ type: search.Type.LOCATION, filters, columns: [search.createColumn({ name: 'internalid', sort: search.Sort.ASC })] }), (r) => ids.push(r.id));
  return ids;
}

const num = (r: search.Result, name: string): number | undefined => {
  const t = textValue(r, name).trim();
  if (t === '') return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
};

const POLICY_FIELDS = {
  frequencyA: 'custrecord_hwx_ccp_freq_a',
  frequencyB: 'custrecord_hwx_ccp_freq_b',
  frequencyC: 'custrecord_hwx_ccp_freq_c',
  capacity: 'custrecord_hwx_ccp_capacity',
  leadDays: 'custrecord_hwx_ccp_lead_days',
  graceDays: 'custrecord_hwx_ccp_grace_days',
  windowDays: 'custrecord_hwx_ccp_window_days',
  cutoffA: 'custrecord_hwx_ccp_cutoff_a',
  cutoffB: 'custrecord_hwx_ccp_cutoff_b',
  tolerancePercent: 'custrecord_hwx_ccp_tolerance',
} as const;

export interface PolicyRecords {
  defaults?: PolicyFields;
  /** When several active records exist for the same scope, the lowest internal id wins (and `duplicates` says so). */
  byStore: Map<string, PolicyFields>;
  duplicates: string[];
}

export function loadPolicyRecords(): PolicyRecords {
  const out: PolicyRecords = { byStore: new Map(), duplicates: [] };
  forEachResult(
    search.create({
      type: 'customrecord_hwx_cc_policy',
      filters: [['isinactive', 'is', 'F']],
      columns: [search.createColumn({ name: 'internalid', sort: search.Sort.ASC }), search.createColumn({ name: 'custrecord_hwx_ccp_location' }), search.createColumn({ name: 'custrecord_hwx_ccp_count_days' }), ...Object.values(POLICY_FIELDS).map((name) => search.createColumn({ name }))],
    }),
    (r) => {
      const fields: PolicyFields = { countDays: textValue(r, 'custrecord_hwx_ccp_count_days') };
      for (const [key, id] of Object.entries(POLICY_FIELDS)) (fields as Record<string, number | undefined>)[key] = num(r, id);
      const store = textValue(r, 'custrecord_hwx_ccp_location');
      if (store === '') {
        if (out.defaults) out.duplicates.push(`default policy ${r.id}`);
        else out.defaults = fields;
      } else if (out.byStore.has(store)) out.duplicates.push(`policy ${r.id} for store ${store}`);
      else out.byStore.set(store, fields);
    },
  );
  return out;
}

/** Admin overrides for a store: a store-specific override beats an every-store one. Invalid classes are listed, not applied. */
export function loadOverrides(store: string): { overrides: Map<string, AbcClass>; invalid: string[] } {
  const general = new Map<string, AbcClass>();
  const specific = new Map<string, AbcClass>();
  const invalid: string[] = [];
  forEachResult(
    search.create({
      type: 'customrecord_hwx_cc_override',
      filters: [['isinactive', 'is', 'F'], 'AND', [['custrecord_hwx_cco_location', 'anyof', [store]], 'OR', ['custrecord_hwx_cco_location', 'anyof', ['@NONE@']]]],
      columns: [search.createColumn({ name: 'internalid', sort: search.Sort.ASC }), search.createColumn({ name: 'custrecord_hwx_cco_item' }), search.createColumn({ name: 'custrecord_hwx_cco_location' }), search.createColumn({ name: 'custrecord_hwx_cco_class' })],
    }),
    (r) => {
      const cls = parseClass(textValue(r, 'custrecord_hwx_cco_class'));
      const item = textValue(r, 'custrecord_hwx_cco_item');
      if (!cls || item === '') {
        invalid.push(`override ${r.id}: class "${textValue(r, 'custrecord_hwx_cco_class')}" is not A, B or C`);
        return;
      }
      (textValue(r, 'custrecord_hwx_cco_location') === '' ? general : specific).set(item, cls);
    },
  );
  return { overrides: new Map([...general, ...specific]), invalid };
}

export interface StockRow {
  itemId: string;
  itemName: string;
  unitCost: number;
  onHand: number;
}

/**
 * Every active inventory item at a store with its cost (Average Cost, else Purchase Price) and the store's
 * on hand (0 where never stocked). One item search row per item at this inventory location (NETSUITE.md 4.5).
 */
export function storeStock(store: string, onlyItems?: readonly string[]): StockRow[] {
  const rows: StockRow[] = [];
  const parts = onlyItems ? chunk(onlyItems, 1000) : [undefined];
  for (const part of parts) {
    const filters: FilterExpression = [['type', 'anyof', ['InvtPart']], 'AND', ['isinactive', 'is', 'F'], 'AND', ['inventorylocation', 'anyof', [store]]];
    if (part) filters.push('AND', ['internalid', 'anyof', part]);
    forEachResult(
      search.create({
        type: search.Type.ITEM,
        filters,
        columns: [
          search.createColumn({ name: 'internalid', sort: search.Sort.ASC }),
          search.createColumn({ name: 'itemid' }),
          search.createColumn({ name: 'averagecost' }),
          search.createColumn({ name: 'cost' }),
          search.createColumn({ name: 'locationquantityonhand' }),
        ],
      }),
      (r) => {
        const avg = num(r, 'averagecost');
        rows.push({ itemId: r.id, itemName: textValue(r, 'itemid'), unitCost: avg !== undefined && avg > 0 ? avg : (num(r, 'cost') ?? 0), onHand: num(r, 'locationquantityonhand') ?? 0 });
      },
    );
  }
  return rows;
}

/**
 * Units that went out of a store between two days (inclusive), per item: item fulfillment lines and
 * inventory transfer lines from the store (their line quantity, taken as a positive number [U: NetSuite's
 * sign on these lines in a transaction search]), and inventory adjustment lines that reduced it (quantity
 * below 0). Summary searches grouped by item (NETSUITE.md 5).
 */
export function quantityOut(store: string, from: IsoDay, to: IsoDay): Map<string, number> {
  const out = new Map<string, number>();
  const add = (item: string, qty: number): void => {
    out.set(item, Math.round(((out.get(item) ?? 0) + Math.abs(qty)) * 1e6) / 1e6);
  };
  const base: FilterExpression = [['mainline', 'is', 'F'], 'AND', ['location', 'anyof', [store]], 'AND', ['trandate', 'within', userDate(from), userDate(to)], 'AND', ['item', 'noneof', ['@NONE@']]];
  const run = (extra: FilterExpression): void => {
    forEachResult(
      search.create({
        type: search.Type.TRANSACTION,
        filters: [...base, 'AND', ...extra],
        columns: [search.createColumn({ name: 'item', summary: search.Summary.GROUP }), search.createColumn({ name: 'type', summary: search.Summary.GROUP }), search.createColumn({ name: 'quantity', summary: search.Summary.SUM })],
      }),
      (r) => {
        const item = String(r.getValue({ name: 'item', summary: search.Summary.GROUP }) ?? '');
        const qty = Number(r.getValue({ name: 'quantity', summary: search.Summary.SUM }));
        if (item !== '' && Number.isFinite(qty)) add(item, qty);
      },
    );
  };
  run([['type', 'anyof', ['ItemShip', 'InvTrnfr']]]);
  run([['type', 'anyof', ['InvAdjst']], 'AND', ['quantity', 'lessthan', 0]]);
  return out;
}

/** The line memo HotWax writes on cycle-count variances (HOTWAX.md); the variance import copies it to the line memo. */
const CYCLE_COUNT_MEMO = 'inventory cycle count by hotwax';

/**
 * HotWax cycle-count variances posted at a store between two days: inventory adjustment lines carrying a
 * HotWax Variance Id (custcol_hwx_variance_id) whose line memo is HotWax's cycle-count text or empty (an
 * item variance carries its reason there instead). Grouped into one result per item and day.
 */
export function postedCycleCounts(store: string, from: IsoDay, to: IsoDay): CountResult[] {
  const byKey = new Map<string, CountResult & { varianceIds: string[] }>();
  forEachResult(
    search.create({
      type: search.Type.TRANSACTION,
      filters: [
        ['type', 'anyof', ['InvAdjst']],
        'AND',
        ['mainline', 'is', 'F'],
        'AND',
        ['location', 'anyof', [store]],
        'AND',
        ['custcol_hwx_variance_id', 'isnotempty', ''],
        'AND',
        ['trandate', 'within', userDate(from), userDate(to)],
      ],
      columns: [search.createColumn({ name: 'internalid', sort: search.Sort.ASC }), search.createColumn({ name: 'item' }), search.createColumn({ name: 'quantity' }), search.createColumn({ name: 'trandate' }), search.createColumn({ name: 'memo' }), search.createColumn({ name: 'custcol_hwx_variance_id' })],
    }),
    (r) => {
      const memo = textValue(r, 'memo').trim().replace(/\s+/g, ' ').toLowerCase();
      if (memo !== '' && memo !== CYCLE_COUNT_MEMO) return;
      const day = isoOfUserDate(textValue(r, 'trandate'));
      const item = textValue(r, 'item');
      const qty = Number(textValue(r, 'quantity'));
      if (!day || item === '' || !Number.isFinite(qty)) return;
      const key = `${item}@${day}`;
      const prior = byKey.get(key);
      const id = textValue(r, 'custcol_hwx_variance_id');
      if (prior) {
        if (prior.varianceIds.includes(id)) return;
        prior.variance = Math.round((prior.variance + qty) * 1e6) / 1e6;
        prior.varianceIds.push(id);
      } else byKey.set(key, { itemId: item, locationId: store, day, variance: qty, varianceIds: [id] });
    },
  );
  return [...byKey.values()];
}
