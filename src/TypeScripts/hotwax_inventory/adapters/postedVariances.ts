/**
 * What NetSuite already holds from HotWax: transactions by the External IDs we plan, and the HotWax
 * variance ids already on posted lines. These searches are how a file is verified after its CSV import
 * jobs end, and how a re-delivered row is refused before it is posted twice.
 */
import * as search from 'N/search';
import { chunk, forEachResult, textValue } from './pagedSearch';

const VARIANCE_TYPES = ['InvAdjst', 'InvTrnfr'];

/** External IDs (of those given) that exist on inventory adjustments or transfers, with their internal ids. */
export function findTransactionsByExternalId(externalIds: readonly string[]): Map<string, string> {
  const found = new Map<string, string>();
  for (const part of chunk(externalIds, 1000)) {
    forEachResult(
      search.create({
        type: search.Type.TRANSACTION,
        filters: [['type', 'anyof', VARIANCE_TYPES], 'AND', ['mainline', 'is', 'T'], 'AND', ['externalid', 'anyof', part]],
        columns: [search.createColumn({ name: 'externalid' })],
      }),
      (r) => found.set(textValue(r, 'externalid'), r.id),
    );
  }
  return found;
}

/**
 * Which of these External IDs exist (adjustments carry HWX-ADJ-, transfers HWX-TRF-, so one External ID
 * names at most one transaction). Counts first (runPaged, 5 units): when every one exists, as after a clean
 * import, no page is fetched; otherwise the pages say which (5 units each).
 */
export function existingExternalIds(externalIds: readonly string[]): Set<string> {
  const found = new Set<string>();
  for (const part of chunk([...new Set(externalIds)], 1000)) {
    const paged = search
      .create({
        type: search.Type.TRANSACTION,
        filters: [['type', 'anyof', VARIANCE_TYPES], 'AND', ['mainline', 'is', 'T'], 'AND', ['externalid', 'anyof', part]],
        columns: [search.createColumn({ name: 'externalid' })],
      })
      .runPaged({ pageSize: 1000 });
    if (paged.count === part.length) {
      for (const id of part) found.add(id);
      continue;
    }
    paged.pageRanges.forEach((range) => {
      paged.fetch({ index: range.index }).data.forEach((r) => found.add(textValue(r, 'externalid')));
    });
  }
  return found;
}

/**
 * HotWax variance ids already posted on adjustment/transfer lines dated within [from, to] (inclusive,
 * strings in the user's date format). The window is the file's own dates: a HotWax id re-sent with
 * another date is not caught here (its transaction External ID still is, when the group is the same).
 */
export function findPostedVarianceIds(from: string, to: string): Set<string> {
  const ids = new Set<string>();
  forEachResult(
    search.create({
      type: search.Type.TRANSACTION,
      filters: [
        ['type', 'anyof', VARIANCE_TYPES],
        'AND',
        ['mainline', 'is', 'F'],
        'AND',
        ['custcol_hwx_variance_id', 'isnotempty', ''],
        'AND',
        ['trandate', 'within', from, to],
      ],
      columns: [search.createColumn({ name: 'custcol_hwx_variance_id' })],
    }),
    (r) => ids.add(textValue(r, 'custcol_hwx_variance_id')),
  );
  return ids;
}
