/**
 * Bulk look-ups of what feed rows refer to: items (by internal id or name/SKU), locations, the variance
 * reason map and adjustment accounts. Never one search per row. A file names few locations and accounts:
 * up to LOOKUP_FIELDS_MAX of them are read with search.lookupFields (1 unit each), more with one search
 * (runPaged 5 + 5 per page; NETSUITE.md 5).
 */
import * as search from 'N/search';
import { chunk, forEachResult, textValue, type FilterExpression } from './pagedSearch';
import type { ItemInfo, ItemLookup } from '../core/itemRef';
import type { LocationInfo } from '../core/variances/prepare';
import type { ReasonMapping } from '../core/variances/plan';

/** Above this many distinct names one paged scan of all items is cheaper than OR-filters of 100 names. */
const FULL_SCAN_NAME_THRESHOLD = 500;
const NAMES_PER_SEARCH = 100;

const ITEM_COLUMNS = ['itemid', 'displayname', 'isinactive'];

function addItem(lookup: ItemLookup, r: search.Result): void {
  const info: ItemInfo = { id: r.id, name: textValue(r, 'itemid'), displayName: textValue(r, 'displayname'), isInactive: r.getValue({ name: 'isinactive' }) === true || textValue(r, 'isinactive') === 'T' };
  lookup.byId.set(info.id, info);
  const key = info.name.toLowerCase();
  const list = lookup.byName.get(key) ?? [];
  if (!list.some((i) => i.id === info.id)) list.push(info);
  lookup.byName.set(key, list);
}

export function lookUpItems(ids: string[], names: string[]): ItemLookup {
  const lookup: ItemLookup = { byId: new Map(), byName: new Map() };
  const columns = ITEM_COLUMNS.map((name) => search.createColumn({ name }));
  for (const part of chunk(ids, 1000)) {
    forEachResult(search.create({ type: search.Type.ITEM, filters: [['internalid', 'anyof', part]], columns }), (r) => addItem(lookup, r));
  }
  if (names.length > FULL_SCAN_NAME_THRESHOLD) {
    forEachResult(search.create({ type: search.Type.ITEM, filters: [], columns }), (r) => addItem(lookup, r));
    return lookup;
  }
  for (const part of chunk(names, NAMES_PER_SEARCH)) {
    const filters: FilterExpression = [];
    part.forEach((name, i) => {
      if (i > 0) filters.push('OR');
      filters.push(['itemid', 'is', name]);
    });
    forEachResult(search.create({ type: search.Type.ITEM, filters, columns }), (r) => addItem(lookup, r));
  }
  return lookup;
}

/** Below this many ids, one search.lookupFields per id (1 unit) is cheaper than a search (10). */
const LOOKUP_FIELDS_MAX = 9;

const INTERNAL_ID = /^[1-9]\d*$/;

/** NetSuite location types Store (1) and Warehouse (2) [U: ids believed, NETSUITE.md 4.5]. */
function locationKind(type: string): LocationInfo['kind'] {
  return type === '1' ? 'store' : type === '2' ? 'warehouse' : 'other';
}

const truthy = (v: unknown): boolean => v === true || v === 'T';

/** lookupFields gives select fields as [{value, text}] (NETSUITE.md 5); anything else as is. */
function selectValue(v: unknown): string {
  const scalar = (x: unknown): string => (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean' ? String(x) : '');
  if (Array.isArray(v)) return scalar((v[0] as { value?: unknown } | undefined)?.value);
  return scalar(v);
}

/** One record's fields, or undefined when it does not exist (lookupFields gives {} or throws then [U]). */
function lookUp(type: string, id: string, columns: string[]): Record<string, unknown> | undefined {
  try {
    const values = search.lookupFields({ type, id, columns });
    return Object.keys(values).length === 0 ? undefined : (values);
  } catch {
    return undefined;
  }
}

const LOCATION_COLUMNS = ['name', 'isinactive', 'subsidiary', 'locationtype'];

export function lookUpLocations(ids: string[]): Map<string, LocationInfo> {
  const out = new Map<string, LocationInfo>();
  const wanted = [...new Set(ids)].filter((id) => INTERNAL_ID.test(id));
  if (wanted.length <= LOOKUP_FIELDS_MAX) {
    for (const id of wanted) {
      const v = lookUp(search.Type.LOCATION, id, LOCATION_COLUMNS);
      if (v === undefined) continue;
      out.set(id, { id, name: selectValue(v.name), isInactive: truthy(v.isinactive), subsidiaryId: selectValue(v.subsidiary), kind: locationKind(selectValue(v.locationtype)) });
    }
    return out;
  }
  for (const part of chunk(wanted, 1000)) {
    forEachResult(search.create({ type: search.Type.LOCATION, filters: [['internalid', 'anyof', part]], columns: LOCATION_COLUMNS.map((name) => search.createColumn({ name })) }), (r) => {
      out.set(r.id, { id: r.id, name: textValue(r, 'name'), isInactive: truthy(r.getValue({ name: 'isinactive' })), subsidiaryId: textValue(r, 'subsidiary'), kind: locationKind(textValue(r, 'locationtype')) });
    });
  }
  return out;
}

/** Active reason mappings keyed by lower-cased reason. */
export function lookUpReasonMap(): Map<string, ReasonMapping & { reason: string }> {
  const out = new Map<string, ReasonMapping & { reason: string }>();
  forEachResult(
    search.create({
      type: 'customrecord_hwx_variance_reason',
      filters: [['isinactive', 'is', 'F']],
      columns: ['custrecord_hwx_vr_reason', 'custrecord_hwx_vr_location', 'custrecord_hwx_vr_account'].map((name) => search.createColumn({ name })),
    }),
    (r) => {
      const reason = textValue(r, 'custrecord_hwx_vr_reason').trim();
      if (!reason) return;
      const account = textValue(r, 'custrecord_hwx_vr_account');
      out.set(reason.toLowerCase(), { reason, varianceLocationId: textValue(r, 'custrecord_hwx_vr_location'), ...(account ? { adjustmentAccountId: account } : {}) });
    },
  );
  return out;
}

/** Which of these account ids exist and are active. */
export function lookUpActiveAccounts(ids: string[]): Set<string> {
  const out = new Set<string>();
  const wanted = [...new Set(ids)].filter((id) => INTERNAL_ID.test(id));
  if (wanted.length <= LOOKUP_FIELDS_MAX) {
    for (const id of wanted) {
      const v = lookUp(search.Type.ACCOUNT, id, ['isinactive']);
      if (v !== undefined && !truthy(v.isinactive)) out.add(id);
    }
    return out;
  }
  for (const part of chunk(wanted, 1000)) {
    forEachResult(search.create({ type: search.Type.ACCOUNT, filters: [['internalid', 'anyof', part], 'AND', ['isinactive', 'is', 'F']], columns: [search.createColumn({ name: 'internalid' })] }), (r) => out.add(r.id));
  }
  return out;
}
