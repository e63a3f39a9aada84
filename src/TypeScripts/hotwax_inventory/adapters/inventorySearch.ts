/**
 * The saved searches the inventory snapshot's SEARCH task runs (who owns what: core/inventory/snapshotSearch.ts).
 * A search task runs the search as SAVED, so, unlike the PO export's loaded copy, the code's columns are saved
 * back when an edit in the UI changed them. Costs (NETSUITE.md 5): load 5, save 5, lookupFields 1.
 */
import * as search from 'N/search';
import * as log from 'N/log';
import { IntegrationError } from '../core/integrationError';
import { loadSavedSearch, saveNewSearch, toColumns } from './savedSearches';
import {
  DEFAULT_FILTERS,
  ONE_LOCATION_SUFFIX,
  oneLocationFilters,
  oneLocationSearchId,
  sameColumns,
  SNAPSHOT_COLUMNS,
  SNAPSHOT_SEARCH_TITLE,
} from '../core/inventory/snapshotSearch';

const savedColumns = (s: search.Search): { name: string; join?: string; label?: string; sort?: string }[] =>
  s.columns.map((c) => (typeof c === 'string' ? { name: c } : { name: c.name, ...(c.join ? { join: c.join } : {}), ...(c.label ? { label: c.label } : {}), ...(c.sort ? { sort: String(c.sort) } : {}) }));

/**
 * Makes sure the snapshot search exists with the code's columns, and returns it. Created from the default
 * criteria when missing (only for a customsearch id: anything else is the admin's to fix).
 */
export function ensureSnapshotSearch(searchId: string): search.Search {
  const existing = loadSavedSearch(searchId);
  if (!existing) {
    if (!searchId.startsWith('customsearch')) {
      throw new IntegrationError('INVENTORY_SEARCH_MISSING', `The saved search ${searchId} does not exist. Set the script parameter to a saved search id, or to a customsearch_... id for the script to create it.`, { searchId });
    }
    saveNewSearch({ type: search.Type.ITEM, id: searchId, title: SNAPSHOT_SEARCH_TITLE, filters: DEFAULT_FILTERS, columns: SNAPSHOT_COLUMNS });
    log.audit({ title: 'Inventory snapshot: saved search created', details: `${searchId} from the default criteria; edit its criteria in the UI, the script keeps its own columns.` });
    return search.load({ id: searchId });
  }
  if (!sameColumns(savedColumns(existing), SNAPSHOT_COLUMNS)) {
    existing.columns = toColumns(SNAPSHOT_COLUMNS);
    existing.save();
    log.audit({ title: 'Inventory snapshot: search columns restored', details: `${searchId}: its columns belong to the script (criteria are kept).` });
  }
  return existing;
}

/** The one-location search: the main search's criteria AND the location, rewritten now. Returns its id. */
export function prepareOneLocationSearch(main: search.Search, locationId: string): string {
  const id = oneLocationSearchId(main.id);
  const filters = oneLocationFilters(main.filterExpression, locationId);
  const existing = loadSavedSearch(id);
  if (!existing) {
    saveNewSearch({ type: search.Type.ITEM, id, title: `${main.title}${ONE_LOCATION_SUFFIX}`, filters, columns: SNAPSHOT_COLUMNS });
    return id;
  }
  existing.filterExpression = filters;
  existing.columns = toColumns(SNAPSHOT_COLUMNS);
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
