/**
 * Saved searches a script owns by id but admins edit in the UI (saved-search XML cannot be written by hand,
 * NETSUITE.md 8): load by id (5 units), or create once from the code's definition with Search.save() (5 units).
 */
import * as search from 'N/search';
import { errorCode } from '../core/integrationError';

/** A column as the core defines it; `label` names the column in a search task's CSV header. */
export interface ColumnSpec {
  name: string;
  join?: string;
  label?: string;
  sort?: 'ASC' | 'DESC';
  /** A summary search column (search.Summary). */
  summary?: 'GROUP' | 'COUNT' | 'SUM' | 'MAX';
}

export const toColumns = (specs: readonly ColumnSpec[]): search.Column[] =>
  specs.map((c) =>
    search.createColumn({
      name: c.name,
      ...(c.join ? { join: c.join } : {}),
      ...(c.label ? { label: c.label } : {}),
      ...(c.sort ? { sort: c.sort === 'ASC' ? search.Sort.ASC : search.Sort.DESC } : {}),
      ...(c.summary ? { summary: search.Summary[c.summary] } : {}),
    }),
  );

/** The saved search, or undefined when no search has this id (INVALID_SEARCH). */
export function loadSavedSearch(id: string): search.Search | undefined {
  try {
    return search.load({ id });
  } catch (err) {
    if (errorCode(err) === 'INVALID_SEARCH') return undefined;
    throw err;
  }
}

export interface NewSavedSearch {
  type: search.Type | string;
  id: string;
  title: string;
  filters: unknown[];
  columns: readonly ColumnSpec[];
  /** True: another run saving the same id at the same moment is fine (its search is as good as ours). */
  acceptExistingId?: boolean;
}

/** Saves a new search. A title someone else already uses gets our id appended. */
export function saveNewSearch(spec: NewSavedSearch): void {
  const created = search.create({ type: spec.type, filters: spec.filters, columns: toColumns(spec.columns) });
  created.title = spec.title;
  created.id = spec.id;
  try {
    created.save();
  } catch (err) {
    const code = errorCode(err);
    if (spec.acceptExistingId && code === 'SSS_DUPLICATE_SEARCH_SCRIPT_ID') return;
    if (code !== 'NAME_ALREADY_IN_USE') throw err;
    created.title = `${spec.title} (${spec.id})`;
    created.save();
  }
}
