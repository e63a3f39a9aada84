/**
 * The saved searches the inventory snapshot's SEARCH task runs (who owns what: core/inventory/snapshotSearch.ts).
 * A search task runs the search as SAVED, so, unlike the PO export's loaded copy, the code's columns are saved
 * back when an edit in the UI changed them. Costs (NETSUITE.md 5): load 5, save 5, lookupFields 1.
 */
import * as search from 'N/search';
import * as log from 'N/log';
import { errorCode, IntegrationError } from '../core/integrationError';
import {
  DEFAULT_FILTERS,
  ONE_LOCATION_SUFFIX,
  oneLocationFilters,
  oneLocationSearchId,
  sameColumns,
  SNAPSHOT_COLUMNS,
  SNAPSHOT_SEARCH_TITLE,
  type ColumnDefinition,
} from '../core/inventory/snapshotSearch';

const toColumn = (c: ColumnDefinition): search.Column =>
  search.createColumn({ name: c.name, label: c.label, ...(c.join ? { join: c.join } : {}), ...(c.sort ? { sort: c.sort === 'ASC' ? search.Sort.ASC : search.Sort.DESC } : {}) });

const savedColumns = (s: search.Search): { name: string; join?: string; label?: string; sort?: string }[] =>
  s.columns.map((c) => (typeof c === 'string' ? { name: c } : { name: c.name, ...(c.join ? { join: c.join } : {}), ...(c.label ? { label: c.label } : {}), ...(c.sort ? { sort: String(c.sort) } : {}) }));

function loadOrUndefined(id: string): search.Search | undefined {
  try {
    return search.load({ id });
  } catch (err) {
    if (errorCode(err) === 'INVALID_SEARCH') return undefined;
    throw err;
  }
}

/** Saves a new search; a title someone else uses gets our id appended. */
function saveNew(id: string, title: string, filters: unknown[]): void {
  const created = search.create({ type: search.Type.ITEM, filters, columns: SNAPSHOT_COLUMNS.map(toColumn) });
  created.title = title;
  created.id = id;
  try {
    created.save();
  } catch (err) {
    if (errorCode(err) !== 'NAME_ALREADY_IN_USE') throw err;
    created.title = `${title} (${id})`;
    created.save();
  }
}

/**
 * Makes sure the snapshot search exists with the code's columns, and returns it. Created from the default
 * criteria when missing (only for a customsearch id: anything else is the admin's to fix).
 */
export function ensureSnapshotSearch(searchId: string): search.Search {
  const existing = loadOrUndefined(searchId);
  if (!existing) {
    if (!searchId.startsWith('customsearch')) {
      throw new IntegrationError('INVENTORY_SEARCH_MISSING', `The saved search ${searchId} does not exist. Set the script parameter to a saved search id, or to a customsearch_... id for the script to create it.`, { searchId });
    }
    saveNew(searchId, SNAPSHOT_SEARCH_TITLE, DEFAULT_FILTERS);
    log.audit({ title: 'Inventory snapshot: saved search created', details: `${searchId} from the default criteria; edit its criteria in the UI, the script keeps its own columns.` });
    return search.load({ id: searchId });
  }
  if (!sameColumns(savedColumns(existing), SNAPSHOT_COLUMNS)) {
    existing.columns = SNAPSHOT_COLUMNS.map(toColumn);
    existing.save();
    log.audit({ title: 'Inventory snapshot: search columns restored', details: `${searchId}: its columns belong to the script (criteria are kept).` });
  }
  return existing;
}

/** The one-location search: the main search's criteria AND the location, rewritten now. Returns its id. */
export function prepareOneLocationSearch(main: search.Search, locationId: string): string {
  const id = oneLocationSearchId(main.id);
  const filters = oneLocationFilters(main.filterExpression, locationId);
  const existing = loadOrUndefined(id);
  if (!existing) {
    saveNew(id, `${main.title}${ONE_LOCATION_SUFFIX}`, filters);
    return id;
  }
  existing.filterExpression = filters;
  existing.columns = SNAPSHOT_COLUMNS.map(toColumn);
  existing.save();
  return id;
}

export interface LocationInfo {
  name: string;
  active: boolean;
  takesPart: boolean;
}

/** A location's name and whether it is active and takes part in HotWax (1 unit); undefined when it does not exist. */
export function lookUpLocation(locationId: string): LocationInfo | undefined {
  const found = search.lookupFields({ type: search.Type.LOCATION, id: locationId, columns: ['name', 'isinactive', 'custrecord_hwx_loc_hotwax'] });
  if (typeof found.name !== 'string') return undefined;
  const yes = (v: unknown): boolean => v === true || v === 'T';
  return { name: found.name, active: !yes(found.isinactive), takesPart: yes(found.custrecord_hwx_loc_hotwax) };
}
