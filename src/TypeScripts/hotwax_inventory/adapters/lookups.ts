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

// islotitem / isserialitem / usebins: item search columns [U: named as in the SuiteScript Records Browser; not
// confirmed in the stored Oracle help, docs/sandbox-checklist.md]. They cost nothing: same search, same pages.
const ITEM_COLUMNS = ['itemid', 'displayname', 'isinactive', 'islotitem', 'isserialitem', 'usebins'];

/**
 * Location fields read through the item search's Inventory Location join (inventorylocation) [U: join fields as
 * in a saved item search's "Inventory Location Fields"]: a file's locations come with its items for free.
 */
const LOCATION_JOIN_COLUMNS = ['name', 'isinactive', 'subsidiary', 'locationtype', 'usebins'];

/** At most this many locations are read with the items (one row per item and location). */
export const STOCK_LOCATIONS_MAX = 10;

function addItem(lookup: ItemLookup, r: search.Result): void {
  if (lookup.byId.has(r.id)) return;
  const lot = truthy(r.getValue({ name: 'islotitem' }));
  const serial = truthy(r.getValue({ name: 'isserialitem' }));
  const info: ItemInfo = {
    id: r.id,
    name: textValue(r, 'itemid'),
    displayName: textValue(r, 'displayname'),
    isInactive: truthy(r.getValue({ name: 'isinactive' })),
    ...(lot ? { numbered: 'lot' as const } : serial ? { numbered: 'serial' as const } : {}),
    ...(truthy(r.getValue({ name: 'usebins' })) ? { usesBins: true } : {}),
  };
  lookup.byId.set(info.id, info);
  const key = info.name.toLowerCase();
  const list = lookup.byName.get(key) ?? [];
  if (!list.some((i) => i.id === info.id)) list.push(info);
  lookup.byName.set(key, list);
}

/** Items, and (when `stock` is given) their on-hand at the stock locations, with those locations' fields. */
export interface ItemStockLookup {
  items: ItemLookup;
  /** `${itemId}|${locationId}` -> on hand, for every item found at every location asked for. */
  onHand: Map<string, number>;
  /** The asked-for locations the item search saw (a location no row touched is not here: look it up). */
  locations: Map<string, LocationInfo>;
  /** False when no stock was read (no locations asked, or more than STOCK_LOCATIONS_MAX). */
  stockRead: boolean;
}

export function lookUpItems(ids: string[], names: string[]): ItemLookup {
  return lookUpItemStock(ids, names, []).items;
}

/**
 * Items by internal id and by name in bulk, and, for up to STOCK_LOCATIONS_MAX locations, each item's on hand
 * there (locationquantityonhand, one row per item and location; NETSUITE.md 4 item searches): the same searches
 * and, for a file at one store, the same pages as the items alone. Inventory items appear at every location;
 * an item without location rows (not an inventory item) is looked up again without locations, so it is still
 * found. With more than 500 names the whole item list is scanned without locations (a scan per location would
 * cost as many times more) and the stock of the items found is read by internal id.
 */
export function lookUpItemStock(ids: string[], names: string[], locationIds: string[]): ItemStockLookup {
  const lookup: ItemLookup = { byId: new Map(), byName: new Map() };
  const out: ItemStockLookup = { items: lookup, onHand: new Map(), locations: new Map(), stockRead: false };
  const stockAt = [...new Set(locationIds)].filter((id) => INTERNAL_ID.test(id));
  const withStock = stockAt.length > 0 && stockAt.length <= STOCK_LOCATIONS_MAX;
  out.stockRead = withStock;
  const plain = ITEM_COLUMNS.map((name) => search.createColumn({ name }));
  const stockColumns = [
    ...plain,
    search.createColumn({ name: 'inventorylocation' }),
    search.createColumn({ name: 'locationquantityonhand' }),
    ...LOCATION_JOIN_COLUMNS.map((name) => search.createColumn({ name, join: 'inventorylocation' })),
  ];
  const visitStock = (r: search.Result): void => {
    addItem(lookup, r);
    const location = textValue(r, 'inventorylocation');
    if (location === '') return;
    out.onHand.set(`${r.id}|${location}`, Number(r.getValue({ name: 'locationquantityonhand' }) ?? 0) || 0);
    if (!out.locations.has(location)) {
      const j = (name: string): unknown => r.getValue({ name, join: 'inventorylocation' });
      out.locations.set(location, {
        id: location,
        name: textValue(r, 'name', 'inventorylocation'),
        isInactive: truthy(j('isinactive')),
        subsidiaryId: textValue(r, 'subsidiary', 'inventorylocation'),
        kind: locationKind(textValue(r, 'locationtype', 'inventorylocation')),
        usesBins: truthy(j('usebins')),
      });
    }
  };
  const run = (filters: FilterExpression, stock: boolean): void => {
    const f: FilterExpression = stock ? [filters, 'AND', ['inventorylocation', 'anyof', stockAt]] : filters;
    forEachResult(search.create({ type: search.Type.ITEM, filters: f, columns: stock ? stockColumns : plain }), stock ? visitStock : (r) => addItem(lookup, r));
  };
  const byIds = (list: string[], stock: boolean): void => {
    for (const part of chunk(list, 1000)) run([['internalid', 'anyof', part]], stock);
  };
  const byNames = (list: string[], stock: boolean): void => {
    for (const part of chunk(list, NAMES_PER_SEARCH)) {
      const filters: FilterExpression = [];
      part.forEach((name, i) => {
        if (i > 0) filters.push('OR');
        filters.push(['itemid', 'is', name]);
      });
      run(filters, stock);
    }
  };

  if (names.length > FULL_SCAN_NAME_THRESHOLD) {
    forEachResult(search.create({ type: search.Type.ITEM, filters: [], columns: plain }), (r) => addItem(lookup, r));
    if (withStock) {
      // The whole item list was read above; only the stock of the items the file names is read now.
      const wantedIds = new Set(ids);
      const wantedNames = new Set(names.map((n) => n.toLowerCase()));
      byIds([...lookup.byId.values()].filter((i) => wantedIds.has(i.id) || wantedNames.has(i.name.toLowerCase())).map((i) => i.id), true);
    }
    return out;
  }
  byIds(ids, withStock);
  byNames(names, withStock);
  if (withStock) {
    // Not an inventory item (no location rows), or unknown: asked again without locations, only when some are missing.
    const missingIds = ids.filter((id) => !lookup.byId.has(id));
    const missingNames = names.filter((n) => !lookup.byName.has(n.toLowerCase()));
    if (missingIds.length > 0) byIds(missingIds, false);
    if (missingNames.length > 0) byNames(missingNames, false);
  }
  return out;
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
function lookUp(type: search.Type | string, id: string, columns: string[]): Record<string, unknown> | undefined {
  try {
    const values = search.lookupFields({ type, id, columns });
    return Object.keys(values).length === 0 ? undefined : (values);
  } catch {
    return undefined;
  }
}

const LOCATION_COLUMNS = ['name', 'isinactive', 'subsidiary', 'locationtype', 'usebins'];

export function lookUpLocations(ids: string[]): Map<string, LocationInfo> {
  const out = new Map<string, LocationInfo>();
  const wanted = [...new Set(ids)].filter((id) => INTERNAL_ID.test(id));
  if (wanted.length <= LOOKUP_FIELDS_MAX) {
    for (const id of wanted) {
      const v = lookUp(search.Type.LOCATION, id, LOCATION_COLUMNS);
      if (v === undefined) continue;
      out.set(id, { id, name: selectValue(v.name), isInactive: truthy(v.isinactive), subsidiaryId: selectValue(v.subsidiary), kind: locationKind(selectValue(v.locationtype)), usesBins: truthy(v.usebins) });
    }
    return out;
  }
  for (const part of chunk(wanted, 1000)) {
    forEachResult(search.create({ type: search.Type.LOCATION, filters: [['internalid', 'anyof', part]], columns: LOCATION_COLUMNS.map((name) => search.createColumn({ name })) }), (r) => {
      out.set(r.id, { id: r.id, name: textValue(r, 'name'), isInactive: truthy(r.getValue({ name: 'isinactive' })), subsidiaryId: textValue(r, 'subsidiary'), kind: locationKind(textValue(r, 'locationtype')), usesBins: truthy(r.getValue({ name: 'usebins' })) });
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
