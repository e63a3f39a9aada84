/**
 * The saved search behind the daily inventory snapshot, as plain data (NETSUITE.md 4.5 and 8).
 *
 * A SEARCH task runs a SAVED search as it is stored in the account, so what the code wants must be saved there:
 *  - the code owns the COLUMNS: each run compares the saved columns with SNAPSHOT_COLUMNS and saves them back
 *    when an edit in the UI changed them; the labels are the CSV header the snapshot reader looks for;
 *  - admins own the FILTERS: the script creates the search once with DEFAULT_FILTERS (active inventory items,
 *    active locations that take part in HotWax) and never rewrites them, so criteria narrowed in the UI
 *    (a subsidiary, item types...) apply from the next run without a deploy;
 *  - the one-location search (`<id>_loc`) is the code's: the admin's filters AND that location, rewritten
 *    before every one-location run.
 * Rows come sorted by item, then location: the reader relies on it to spot a repeated pair cheaply.
 */

/** A search filter expression: [field, operator, ...values] terms joined by 'AND' / 'OR', possibly nested. */
export type FilterExpression = unknown[];

export const SNAPSHOT_SEARCH_ID = 'customsearch_hwx_inventory_snapshot';
export const SNAPSHOT_SEARCH_TITLE = 'HotWax: Inventory Snapshot';
/** Suffix of the one-location search's id and title. */
export const ONE_LOCATION_SUFFIX = '_loc';

export interface ColumnDefinition {
  name: string;
  join?: string;
  label: string;
  sort?: 'ASC' | 'DESC';
}

/** Header labels of the search's CSV, which the snapshot reader looks up by name. */
export const SEARCH_LABELS = {
  itemId: 'Item Internal ID',
  itemName: 'Item Name',
  locationId: 'Location Internal ID',
  onHand: 'On Hand',
  available: 'Available',
} as const;

/**
 * One row per item and location (an item search with location quantity columns gives item x location rows).
 * The location's internal id comes from the joined internalid column: the inventorylocation column itself
 * would be written to the CSV as the location's name.
 */
export const SNAPSHOT_COLUMNS: readonly ColumnDefinition[] = [
  { name: 'internalid', label: SEARCH_LABELS.itemId, sort: 'ASC' },
  { name: 'itemid', label: SEARCH_LABELS.itemName },
  { name: 'internalid', join: 'inventorylocation', label: SEARCH_LABELS.locationId, sort: 'ASC' },
  { name: 'locationquantityonhand', label: SEARCH_LABELS.onHand },
  { name: 'locationquantityavailable', label: SEARCH_LABELS.available },
];

/** Active inventory items at active locations that take part in HotWax (custrecord_hwx_loc_hotwax). */
export const DEFAULT_FILTERS: FilterExpression = [
  ['type', 'anyof', 'InvtPart'],
  'AND',
  ['isinactive', 'is', 'F'],
  'AND',
  ['inventorylocation.isinactive', 'is', 'F'],
  'AND',
  ['inventorylocation.custrecord_hwx_loc_hotwax', 'is', 'T'],
];

/** The admin's criteria, kept whole (their ORs stay inside), AND one location. */
export function oneLocationFilters(adminFilters: FilterExpression, locationId: string): FilterExpression {
  const only = ['inventorylocation', 'anyof', locationId];
  return adminFilters.length === 0 ? [only] : [adminFilters, 'AND', only];
}

export const oneLocationSearchId = (searchId: string): string => `${searchId}${ONE_LOCATION_SUFFIX}`;

const key = (c: { name: string; join?: string | undefined; label?: string | undefined; sort?: string | undefined }): string =>
  [c.name.toLowerCase(), (c.join ?? '').toLowerCase(), c.label ?? '', (c.sort ?? 'NONE').toUpperCase()].join('|');

/** Whether saved columns are exactly the code's (same fields, joins, labels and sorts, in order). */
export function sameColumns(saved: readonly { name: string; join?: string | undefined; label?: string | undefined; sort?: string | undefined }[], wanted: readonly ColumnDefinition[]): boolean {
  return saved.length === wanted.length && saved.every((c, i) => {
    const w = wanted[i];
    return w !== undefined && key(c) === key(w);
  });
}
