/**
 * The saved search that finds PO lines waiting for receipt, as plain data (NETSUITE.md 4.3 and 8).
 *
 * Who owns what:
 *  - admins own the FILTERS: the script creates the saved search once from DEFAULT_FILTERS, after that it
 *    never writes it again, so criteria edited in the UI (locations, vendors, subsidiaries, item types,
 *    dates...) apply from the next run without a deploy;
 *  - the code owns the COLUMNS: it replaces whatever columns the saved search has with PO_LINE_COLUMNS on
 *    the loaded copy (never saved), so a column added, removed or re-sorted in the UI cannot change the
 *    file HotWax gets;
 *  - the code ANDs GUARD_FILTERS to the admin's filters on the loaded copy: whatever the criteria say,
 *    only open lines of approved purchase orders pending receipt are exported.
 */

/** A search filter expression: [field, operator, ...values] terms joined by 'AND' / 'OR', possibly nested. */
export type FilterExpression = unknown[];

export const DEFAULT_SEARCH_ID = 'customsearch_hwx_po_pending_receipt';
export const DEFAULT_SEARCH_TITLE = 'HotWax: Purchase Order Lines Pending Receipt';

/** Pending Receipt, Partially Received, Pending Billing/Partially Received (NETSUITE.md 4.3). */
export const PENDING_RECEIPT_STATUSES = ['PurchOrd:B', 'PurchOrd:D', 'PurchOrd:E'] as const;

/** What no admin edit can widen: purchase order item lines, not closed, of POs pending receipt. */
export const GUARD_FILTERS: FilterExpression = [
  ['type', 'anyof', 'PurchOrd'],
  'AND',
  ['mainline', 'is', 'F'],
  'AND',
  ['closed', 'is', 'F'],
  'AND',
  ['status', 'anyof', [...PENDING_RECEIPT_STATUSES]],
];

/**
 * The criteria the saved search is created with: the guards (so the search shows the right lines in the UI
 * too), inventory items only, and only locations that take part in HotWax (location checkbox
 * custrecord_hwx_loc_hotwax).
 */
export const DEFAULT_FILTERS: FilterExpression = [...GUARD_FILTERS, 'AND', ['item.type', 'anyof', 'InvtPart'], 'AND', ['location.custrecord_hwx_loc_hotwax', 'is', 'T']];

export interface ColumnDefinition {
  name: string;
  join?: string;
  sort?: 'ASC' | 'DESC';
  summary?: 'GROUP' | 'COUNT' | 'SUM' | 'MAX';
}

/**
 * The columns the export reads, sorted on a unique key (PO, then line) so that paging is stable.
 * quantityshiprecv is the transaction search column for a line's Quantity Fulfilled/Received.
 */
export const PO_LINE_COLUMNS: readonly ColumnDefinition[] = [
  { name: 'internalid', sort: 'ASC' },
  { name: 'line', sort: 'ASC' },
  { name: 'item' },
  { name: 'quantity' },
  { name: 'quantityshiprecv' },
  { name: 'location' },
  { name: 'expectedreceiptdate' },
];

/**
 * The signature columns (core/purchaseorders/changeDetection.ts): one summary row per PO in the search,
 * sorted by PO for stable paging. `lastmodifieddate` is the transaction's Last Modified date/time [O: used
 * as a transaction search filter and column in public SuiteScripts; Oracle help "Searching by
 * lastModifiedDate" shows the search field with time precision]; GROUP on a body field gives its one value
 * per PO. COUNT / SUM summary columns on line fields: Oracle help "Search Summary Types" [U: not quoted here].
 */
export const PO_SIGNATURE_COLUMNS: readonly ColumnDefinition[] = [
  { name: 'internalid', summary: 'GROUP', sort: 'ASC' },
  { name: 'line', summary: 'COUNT' },
  { name: 'quantity', summary: 'SUM' },
  { name: 'quantityshiprecv', summary: 'SUM' },
  { name: 'lastmodifieddate', summary: 'GROUP' },
];

/** The admin's filters AND the guards; the admin's expression is kept whole (its ORs stay inside it). */
export function withGuards(adminFilters: FilterExpression): FilterExpression {
  if (adminFilters.length === 0) return [...GUARD_FILTERS];
  return [adminFilters, 'AND', GUARD_FILTERS];
}

/**
 * The lines of the POs to read again: modified at or after `modifiedSince` (a date/time in the running
 * user's format, as N/format writes it), or one of `poIds`. ANDed at the top level of withGuards(...), so
 * it adds no nesting level (filter expressions nest at most 3 levels [O]).
 */
export function changedFilter(modifiedSince: string, poIds: readonly string[]): FilterExpression {
  const modified = ['lastmodifieddate', 'onorafter', modifiedSince];
  return poIds.length === 0 ? [modified] : [modified, 'OR', ['internalid', 'anyof', [...poIds]]];
}

/** The guarded filters, narrowed to the POs to read again. */
export function withGuardsAnd(adminFilters: FilterExpression, narrow: FilterExpression): FilterExpression {
  return [...withGuards(adminFilters), 'AND', narrow];
}
