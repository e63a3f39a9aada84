/**
 * The saved search of PO lines pending receipt (who owns what: core/purchaseorders/searchDefinition.ts).
 * Its life: created once with search.create(...).save() from the default definition when its id does not
 * exist, then always loaded by id (5 units). The loaded copy gets the guard filters ANDed to the admin's
 * criteria and is never saved back; it is run twice: first with the signature columns (one summary row
 * per PO, 5 units per 1,000 POs), then with the line columns, narrowed to the POs to read when the run
 * reads only what changed (5 units per 1,000 lines, NETSUITE.md 5). Setting columns and filterExpression
 * on a loaded search before running it: Oracle help Search.columns / Search.filterExpression (read-write).
 */
import * as search from 'N/search';
import * as format from 'N/format';
import { IntegrationError } from '../core/integrationError';
import type { PoSignature } from '../core/purchaseorders/changeDetection';
import type { PoSearchLine } from '../core/purchaseorders/exportRun';
import { DEFAULT_FILTERS, DEFAULT_SEARCH_TITLE, PO_LINE_COLUMNS, PO_SIGNATURE_COLUMNS, withGuards, withGuardsAnd, type FilterExpression } from '../core/purchaseorders/searchDefinition';
import { forEachResult, textValue } from './pagedSearch';
import { loadSavedSearch, saveNewSearch, toColumns } from './savedSearches';

export interface PendingReceiptSearch {
  search: search.Search;
  /** The admin's criteria as saved (the guards are added per run). */
  adminFilters: FilterExpression;
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
  return { search: loaded, adminFilters: loaded.filterExpression as FilterExpression, created };
}

/** Summary-search values come back as strings; a missing one as ''. */
function summaryText(r: search.Result, name: string, summary: search.Summary): string {
  const v = r.getValue({ name, summary });
  return v === null || v === undefined ? '' : String(v);
}

/** One signature per PO in the search (criteria and guards), in PO order. */
export function readPoSignatures(s: PendingReceiptSearch): PoSignature[] {
  s.search.filterExpression = withGuards(s.adminFilters);
  s.search.columns = toColumns(PO_SIGNATURE_COLUMNS);
  const out: PoSignature[] = [];
  forEachResult(s.search, (r) => {
    out.push({
      poId: summaryText(r, 'internalid', search.Summary.GROUP),
      lines: summaryText(r, 'line', search.Summary.COUNT),
      quantity: summaryText(r, 'quantity', search.Summary.SUM),
      received: summaryText(r, 'quantityshiprecv', search.Summary.SUM),
      lastModified: summaryText(r, 'lastmodifieddate', search.Summary.GROUP),
    });
  });
  return out;
}

/**
 * A date/time as the running user writes it, for a lastmodifieddate filter. N/format formats a datetime
 * in the user's time zone (Oracle help format.format(options)); that a search filter reads it in the same
 * zone, and to the minute, is [U]: a filter read as an earlier time only reads more, one read as a later
 * time could miss a same-minute second save, which the periodic full read still catches.
 */
export function userDateTime(at: Date): string {
  return String(format.format({ value: at, type: format.Type.DATETIME }));
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** A date column in the user's date format -> 'YYYY-MM-DD'; text N/format cannot read is passed on for the core to report. */
function isoDate(text: string): string {
  if (text.trim() === '') return '';
  const parsed: unknown = format.parse({ value: text, type: format.Type.DATE });
  if (!(parsed instanceof Date) || Number.isNaN(parsed.getTime())) return text;
  return `${pad(parsed.getFullYear(), 4)}-${pad(parsed.getMonth() + 1)}-${pad(parsed.getDate())}`;
}

/** Every line the search returns (only those matching `narrow` when given), in search order (PO, then line). */
export function readPendingReceiptLines(s: PendingReceiptSearch, narrow?: FilterExpression): PoSearchLine[] {
  s.search.filterExpression = narrow === undefined ? withGuards(s.adminFilters) : withGuardsAnd(s.adminFilters, narrow);
  s.search.columns = toColumns(PO_LINE_COLUMNS);
  const lines: PoSearchLine[] = [];
  forEachResult(s.search, (r) => {
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
