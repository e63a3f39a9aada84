/**
 * Runs a search page by page (runPaged: 5 units, then 5 per page of up to 1,000 results), avoiding
 * ResultSet.each's 4,000-result cap (NETSUITE.md 5).
 */
import type * as search from 'N/search';

export function forEachResult(s: search.Search, visit: (r: search.Result) => void): number {
  const paged = s.runPaged({ pageSize: 1000 });
  let count = 0;
  paged.pageRanges.forEach((range) => {
    paged.fetch({ index: range.index }).data.forEach((r) => {
      visit(r);
      count += 1;
    });
  });
  return count;
}

/** Splits values into chunks for filters that take a list (anyof) or for OR-expressions. */
export function chunk<T>(values: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
  return out;
}

export function textValue(r: search.Result, name: string, join?: string): string {
  const v = r.getValue(join ? { name, join } : { name });
  return v === null || v === undefined ? '' : String(v);
}

/** A search filter expression: [field, operator, ...values] terms joined by 'AND' / 'OR', possibly nested. */
export type FilterExpression = Array<string | FilterTerm | FilterExpression>;
export type FilterTerm = [string, string, ...Array<string | number | boolean | string[]>];
