/**
 * The saved search of PO lines pending receipt (who owns what: core/purchaseorders/searchDefinition.ts).
 * Its life: created once with search.create(...).save() from the default definition when its id does not
 * exist, then always loaded by id (5 units). The loaded copy gets the export's columns and the guard
 * filters ANDed to the admin's criteria, and is never saved back. Lines are read page by page (5 units per
 * 1,000 lines, NETSUITE.md 5).
 */
import * as search from 'N/search';
import * as format from 'N/format';
import { IntegrationError } from '../core/integrationError';
import type { PoSearchLine } from '../core/purchaseorders/exportRun';
import { DEFAULT_FILTERS, DEFAULT_SEARCH_TITLE, PO_LINE_COLUMNS, withGuards } from '../core/purchaseorders/searchDefinition';
import { forEachResult, textValue } from './pagedSearch';
import { loadSavedSearch, saveNewSearch, toColumns } from './savedSearches';

export interface PendingReceiptSearch {
  search: search.Search;
  /** True when this run created the saved search. */
  created: boolean;
}

/** Loads the saved search (creating it first when a customsearch id does not exist), with our columns and guards. */
export function loadPendingReceiptSearch(searchId: string): PendingReceiptSearch {
  let created = false;
  let loaded = loadSavedSearch(searchId);
  if (!loaded) {
    if (!searchId.startsWith('customsearch')) {
      throw new IntegrationError('PO_SEARCH_MISSING', `The saved search ${searchId} (script parameter custscript_hwx_po_search) does not exist. Set the parameter to a saved search id, or to a customsearch_... id for the script to create it.`, { searchId });
    }
    // Another run creating it at the same moment is fine: its search is the same definition.
    saveNewSearch({ type: search.Type.TRANSACTION, id: searchId, title: DEFAULT_SEARCH_TITLE, filters: DEFAULT_FILTERS, columns: PO_LINE_COLUMNS, acceptExistingId: true });
    created = true;
    loaded = search.load({ id: searchId });
  }
  loaded.columns = toColumns(PO_LINE_COLUMNS);
  loaded.filterExpression = withGuards(loaded.filterExpression as unknown[]);
  return { search: loaded, created };
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** A date column in the user's date format -> 'YYYY-MM-DD'; text N/format cannot read is passed on for the core to report. */
function isoDate(text: string): string {
  if (text.trim() === '') return '';
  const parsed: unknown = format.parse({ value: text, type: format.Type.DATE });
  if (!(parsed instanceof Date) || Number.isNaN(parsed.getTime())) return text;
  return `${pad(parsed.getFullYear(), 4)}-${pad(parsed.getMonth() + 1)}-${pad(parsed.getDate())}`;
}

/** Every line the search returns, in search order (PO, then line). */
export function readPendingReceiptLines(s: search.Search): PoSearchLine[] {
  const lines: PoSearchLine[] = [];
  forEachResult(s, (r) => {
    lines.push({
      poId: r.id,
      line: textValue(r, 'line'),
      itemId: textValue(r, 'item'),
      itemName: String(r.getText({ name: 'item' }) ?? ''),
      quantity: textValue(r, 'quantity'),
      quantityReceived: textValue(r, 'quantityshiprecv'),
      locationId: textValue(r, 'location'),
      expectedReceiptDate: isoDate(textValue(r, 'expectedreceiptdate')),
    });
  });
  return lines;
}
