/**
 * The saved search admins open to see cycle-count accuracy: HotWax Cycle Count Accuracy records (per store,
 * class and month), created once by the planner (saved-search XML cannot be written by hand, NETSUITE.md 8);
 * after that admins own it in the UI.
 */
import { loadSavedSearch, saveNewSearch, type ColumnSpec } from './savedSearches';

export const ACCURACY_SEARCH_ID = 'customsearch_hwx_cc_accuracy';

export const ACCURACY_COLUMNS: readonly ColumnSpec[] = [
  { name: 'custrecord_hwx_ccs_period', label: 'Month', sort: 'DESC' },
  { name: 'custrecord_hwx_ccs_location', label: 'Store', sort: 'ASC' },
  { name: 'custrecord_hwx_ccs_class', label: 'Class', sort: 'ASC' },
  { name: 'custrecord_hwx_ccs_planned', label: 'Planned' },
  { name: 'custrecord_hwx_ccs_counted', label: 'Counted' },
  { name: 'custrecord_hwx_ccs_expired', label: 'Expired' },
  { name: 'custrecord_hwx_ccs_coverage', label: 'Coverage %' },
  { name: 'custrecord_hwx_ccs_accuracy', label: 'Accuracy %' },
  { name: 'custrecord_hwx_ccs_var_value', label: 'Variance Value' },
  { name: 'custrecord_hwx_ccs_abs_var', label: 'Absolute Variance Value' },
  { name: 'custrecord_hwx_ccs_as_of', label: 'As Of' },
];

/** Creates the saved search when it does not exist yet; true when it was created now (5 + 5 units). */
export function ensureAccuracySearch(): boolean {
  if (loadSavedSearch(ACCURACY_SEARCH_ID)) return false;
  saveNewSearch({ type: 'customrecord_hwx_cc_stat', id: ACCURACY_SEARCH_ID, title: 'HotWax: Cycle Count Accuracy', filters: [['isinactive', 'is', 'F']], columns: ACCURACY_COLUMNS, acceptExistingId: true });
  return true;
}
