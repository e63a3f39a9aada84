import type { LocationLabel } from '../../../src/TypeScripts/hotwax_inventory/core/variances/plan';
import { readFileSync } from 'fs';
import { join } from 'path';
import { parseCsvWithLines } from '../../../src/TypeScripts/hotwax_inventory/core/csv';
import { parseVarianceFeed, type VarianceRow } from '../../../src/TypeScripts/hotwax_inventory/core/variances/feed';
import {
  ADJUSTMENT_COLUMNS,
  GROUPING_RULE,
  TRANSFER_COLUMNS,
  formatQuantity,
  planVarianceImport,
  routeVariance,
  type ImportJob,
  type PlanOptions,
  type ReasonMap,
  type ResolvedVarianceRow,
  type VariancePlan,
} from '../../../src/TypeScripts/hotwax_inventory/core/variances/plan';

const sample = (name: string): string => readFileSync(join(__dirname, '..', 'fixtures', name), 'utf8');
const HEADER = 'Reference No,Adjustment Account,Item,Adjust Qty By,Location,Date,Memo,Subsidiary,HC Inventory Adj Id';

/** Parses a feed that must be valid and gives every row an item id (internal ids as they are, names 5000+). */
function resolvedRows(text: string): ResolvedVarianceRow[] {
  const feed = parseVarianceFeed(text);
  expect(feed.fileError).toBeUndefined();
  expect(feed.errors).toEqual([]);
  const ids = new Map<string, string>();
  return feed.rows.map((r) => {
    if (r.item.kind === 'internalId') return { ...r, itemId: r.item.id };
    const key = r.item.name.toLowerCase();
    if (!ids.has(key)) ids.set(key, String(5000 + ids.size));
    return { ...r, itemId: ids.get(key) ?? '' };
  });
}

function feedOf(rows: string[]): string {
  return [HEADER, ...rows].join('\n');
}

/** A row in header order: ref, account, item, qty, location, date, memo, subsidiary, id. */
function line(id: string, o: { account?: string; item?: string; qty?: string; location?: string; date?: string; memo?: string; subsidiary?: string } = {}): string {
  return [`R-${id}`, o.account ?? '927', o.item ?? 'SKU-1', o.qty ?? '-1', o.location ?? '254', o.date ?? '2/29/2024', o.memo ?? 'Inventory cycle count by HotWax', o.subsidiary ?? '1', id].join(',');
}

const base: PlanOptions = { fileName: 'variances.csv', dateFormat: 'M/D/YYYY', transferMode: false, unknownReason: 'adjustment' };
const noReasons: ReasonMap = new Map();
const reasons: ReasonMap = new Map([
  ['damaged', { varianceLocationId: '9', adjustmentAccountId: '600' }],
  ['lost', { varianceLocationId: '9' }],
  ['not in stock', { varianceLocationId: '10' }],
  ['found', { varianceLocationId: '11' }],
  ['shrink', { varianceLocationId: '', adjustmentAccountId: '700' }],
]);

const csvRows = (job: ImportJob | undefined): string[][] => parseCsvWithLines(job?.csv ?? '').records.map((r) => r.cells);
const column = (job: ImportJob | undefined, name: string): string[] => {
  const parsed = parseCsvWithLines(job?.csv ?? '');
  const index = parsed.headers.indexOf(name);
  return parsed.records.map((r) => r.cells[index] ?? '');
};

function validRow(memo: string, quantity = -2, location = '254'): VarianceRow {
  const feed = parseVarianceFeed(feedOf([line('H1', { memo, qty: String(quantity), location })]));
  const row = feed.rows[0];
  if (!row) throw new Error(JSON.stringify(feed.errors));
  return row;
}

describe('routeVariance', () => {
  const transfers = { transferMode: true, unknownReason: 'error' as const };

  it('posts a cycle count as an adjustment whatever the mode', () => {
    expect(routeVariance(validRow(''), reasons, transfers)).toEqual({ ok: true, route: { kind: 'adjustment', source: 'cycle-count' } });
  });

  it('moves a loss from the store to the reason location, counting units as positive', () => {
    expect(routeVariance(validRow('Damaged', -5), reasons, transfers)).toEqual({
      ok: true,
      route: { kind: 'transfer', fromLocationId: '254', toLocationId: '9', quantity: 5, varianceLocationId: '9' },
    });
  });

  it('moves a gain from the reason location back to the store', () => {
    expect(routeVariance(validRow('Found', 3), reasons, transfers)).toEqual({
      ok: true,
      route: { kind: 'transfer', fromLocationId: '11', toLocationId: '254', quantity: 3, varianceLocationId: '11' },
    });
  });

  it('matches reasons case-insensitively', () => {
    const routed = routeVariance(validRow('DAMAGED'), reasons, transfers);
    expect(routed.ok && routed.route.kind).toBe('transfer');
  });

  it("posts a mapped reason as an adjustment with the reason's account when transfer mode is off", () => {
    expect(routeVariance(validRow('Damaged'), reasons, { transferMode: false, unknownReason: 'error' })).toEqual({
      ok: true,
      route: { kind: 'adjustment', source: 'variance', reasonAccountId: '600' },
    });
    expect(routeVariance(validRow('Lost'), reasons, { transferMode: false, unknownReason: 'error' })).toEqual({ ok: true, route: { kind: 'adjustment', source: 'variance' } });
  });

  it('posts a mapped reason without a variance location as an adjustment even in transfer mode', () => {
    expect(routeVariance(validRow('Shrink'), reasons, transfers)).toEqual({ ok: true, route: { kind: 'adjustment', source: 'variance', reasonAccountId: '700' } });
  });

  it('posts an unmapped reason as an adjustment when told to', () => {
    expect(routeVariance(validRow('Smashed'), reasons, { transferMode: true, unknownReason: 'adjustment' })).toEqual({ ok: true, route: { kind: 'adjustment', source: 'variance' } });
  });

  it('reports an unmapped reason with what to do when unknown reasons are errors', () => {
    const routed = routeVariance(validRow('Smashed'), reasons, transfers);
    expect(routed.ok).toBe(false);
    if (!routed.ok) {
      expect(routed.error).toMatchObject({ line: 2, hotwaxId: 'H1', item: 'SKU-1', location: '254' });
      expect(routed.error.problem).toBe("Reason 'Smashed' has no variance location mapping.");
      expect(routed.error.action).toMatch(/^Add 'Smashed' to HotWax Variance Reason Map in NetSuite/);
    }
  });

  it('refuses a transfer whose variance location is the store itself', () => {
    const routed = routeVariance(validRow('Damaged', -1, '9'), reasons, transfers);
    expect(routed.ok).toBe(false);
    if (!routed.ok) expect(routed.error.problem).toMatch(/which is this store itself/);
  });
});

describe('planVarianceImport on the HotWax samples', () => {
  it('turns the cycle-count sample into one adjustment with exactly the mapped columns', () => {
    const plan = planVarianceImport(resolvedRows(sample('hotwax-cycle-count-variance-sample.csv')), noReasons, { ...base, fileName: 'cyclecount_2024-02-29.csv' });
    expect(plan.errors).toEqual([]);
    expect(plan.transferJobs).toEqual([]);
    expect(plan.adjustmentJobs).toHaveLength(1);
    const [tx] = plan.transactions;
    expect(tx?.kind).toBe('adjustment');
    expect(tx?.externalId).toMatch(/^HWX-ADJ-[0-9A-F]{16}$/);
    const memo = 'HotWax cycle count, location 254, 2/29/2024, 3 lines, file cyclecount_2024-02-29.csv';
    expect(tx?.memo).toBe(memo);
    const id = tx?.externalId ?? '';
    expect(plan.adjustmentJobs[0]?.csv).toBe(
      [
        ADJUSTMENT_COLUMNS.join(','),
        `${id},2/29/2024,1,254,927,"${memo}",cyclecount_2024-02-29.csv,5000,254,7,10009,10009,,Inventory cycle count by HotWax`,
        `${id},2/29/2024,1,254,927,"${memo}",cyclecount_2024-02-29.csv,5001,254,-10,10010,10010,,Inventory cycle count by HotWax`,
        `${id},2/29/2024,1,254,927,"${memo}",cyclecount_2024-02-29.csv,5002,254,2,10011,10011,,Inventory cycle count by HotWax`,
        '',
      ].join('\r\n'),
    );
    expect(plan.adjustmentJobs[0]).toMatchObject({ kind: 'adjustment', rowCount: 3, externalIds: [id], hotwaxIds: ['10009', '10010', '10011'] });
    expect(plan.transactions).toEqual([
      {
        externalId: id,
        kind: 'adjustment',
        lines: 3,
        hotwaxIds: ['10009', '10010', '10011'],
        lineDetails: [
          { line: 2, hotwaxId: '10009', item: 'WJ08-XS-Orange | Adrienne Trek Jacket', location: '254' },
          { line: 3, hotwaxId: '10010', item: 'MH09-XS-Blue | Abominable Hoodie', location: '254' },
          { line: 4, hotwaxId: '10011', item: 'WJ03-L-Red | Augusta Pullover Jacket', location: '254' },
        ],
        jobIndex: 0,
        memo,
      },
    ]);
  });

  it('turns the item-variance sample into one transfer per variance location in transfer mode', () => {
    const plan = planVarianceImport(resolvedRows(sample('hotwax-inventory-item-variance-sample.csv')), reasons, { ...base, fileName: 'itemvariance.csv', transferMode: true });
    expect(plan.errors).toEqual([]);
    expect(plan.adjustmentJobs).toEqual([]);
    expect(plan.transferJobs).toHaveLength(1);
    expect(plan.transactions.map((t) => [t.kind, t.hotwaxIds, t.memo])).toEqual([
      ['transfer', ['2367160-152810'], "HotWax variance 'Lost' transfer from location 1 to variance location 9, 2/29/2024, 1 line, file itemvariance.csv"],
      ['transfer', ['2367160-152820', '2367160-152821'], "HotWax variance 'Not in Stock' transfer from location 1 to variance location 10, 2/29/2024, 2 lines, file itemvariance.csv"],
    ]);
    const job = plan.transferJobs[0];
    expect(parseCsvWithLines(job?.csv ?? '').headers).toEqual([...TRANSFER_COLUMNS]);
    expect(column(job, 'From Location')).toEqual(['1', '1', '1']);
    expect(column(job, 'To Location')).toEqual(['9', '10', '10']);
    expect(column(job, 'Adjust Qty By')).toEqual(['10', '15', '1']);
    expect(column(job, 'Item')).toEqual(['5000', '5001', '3412']);
    expect(column(job, 'Reason')).toEqual(['Lost', 'Not in Stock', 'Not in Stock']);
    expect(column(job, 'External ID')[0]).toMatch(/^HWX-TRF-[0-9A-F]{16}$/);
  });

  it('posts the item-variance sample as adjustments when transfer mode is off', () => {
    const plan = planVarianceImport(resolvedRows(sample('hotwax-inventory-item-variance-sample.csv')), reasons, base);
    expect(plan.transferJobs).toEqual([]);
    expect(plan.transactions).toHaveLength(1);
    expect(plan.transactions[0]?.memo).toBe("HotWax variance 'Lost'/'Not in Stock' adjustment, location 1, 2/29/2024, 3 lines, file variances.csv");
    expect(column(plan.adjustmentJobs[0], 'Adjust Qty By')).toEqual(['-10', '-15', '-1']);
    expect(column(plan.adjustmentJobs[0], 'Line Memo')).toEqual(['Lost', 'Not in Stock', 'Not in Stock']);
  });
});

describe('planVarianceImport grouping', () => {
  it('exports the grouping rule as text', () => {
    expect(GROUPING_RULE).toMatch(/One inventory adjustment per \(cycle count or item variance, store location, date, subsidiary, adjustment account\)/);
    expect(GROUPING_RULE).toMatch(/one inventory transfer per \(from location, to location, date, subsidiary\)/);
  });

  it('starts a new adjustment when location, date, subsidiary, account or kind changes, and groups the rest across the file', () => {
    const rows = resolvedRows(
      feedOf([
        line('A'),
        line('B', { location: '255' }),
        line('C', { date: '3/1/2024' }),
        line('D', { subsidiary: '2' }),
        line('E', { account: '928' }),
        line('F', { memo: 'Damaged' }),
        line('G'),
        line('H', { memo: 'Lost' }),
      ]),
    );
    const plan = planVarianceImport(rows, noReasons, base);
    expect(plan.transactions.map((t) => t.hotwaxIds)).toEqual([['A', 'G'], ['B'], ['C'], ['D'], ['E'], ['F', 'H']]);
    expect(plan.adjustmentJobs).toHaveLength(1);
    expect(plan.adjustmentJobs[0]?.rowCount).toBe(8);
    // Rows of one transaction are consecutive in the job, as NetSuite's grouping by External ID needs.
    expect(column(plan.adjustmentJobs[0], 'HotWax Variance Id')).toEqual(['A', 'G', 'B', 'C', 'D', 'E', 'F', 'H']);
  });

  it('groups transfers by from location, to location, date and subsidiary', () => {
    const rows = resolvedRows(
      feedOf([
        line('A', { memo: 'Damaged', qty: '-1' }),
        line('B', { memo: 'Lost', qty: '-2' }),
        line('C', { memo: 'Damaged', qty: '4' }),
        line('D', { memo: 'Damaged', qty: '-1', date: '3/1/2024' }),
        line('E', { memo: 'Not in Stock', qty: '-1' }),
        line('F', { memo: 'Damaged', qty: '-1', subsidiary: '3' }),
      ]),
    );
    const plan = planVarianceImport(rows, reasons, { ...base, transferMode: true });
    expect(plan.transactions.map((t) => t.hotwaxIds)).toEqual([['A', 'B'], ['C'], ['D'], ['E'], ['F']]);
    expect(plan.transactions[0]?.memo).toMatch(/^HotWax variance 'Damaged'\/'Lost' transfer from location 254 to variance location 9,/);
    expect(plan.transactions[1]?.memo).toMatch(/^HotWax variance 'Damaged' transfer from variance location 9 back to location 254, 2\/29\/2024, 1 line,/);
  });

  it('names each location in memos as what it is: a warehouse as a warehouse, a store as a store, the reason location as a variance location', () => {
    const labels = new Map<string, LocationLabel>([
      ['1', { kind: 'warehouse', name: 'Main Warehouse' }],
      ['254', { kind: 'store', name: 'Store 254 Downtown' }],
      ['9', { kind: 'store', name: 'Damaged' }],
    ]);
    const rows = resolvedRows(feedOf([line('A', { memo: 'Damaged', qty: '-1', location: '1' }), line('B', { memo: 'Damaged', qty: '2', location: '254' }), line('C', { qty: '3', location: '1' })]));
    const plan = planVarianceImport(rows, reasons, { ...base, transferMode: true, locationLabel: (id) => labels.get(id) });
    const memos = plan.transactions.map((t) => t.memo);
    expect(memos).toEqual([
      'HotWax cycle count, warehouse Main Warehouse, 2/29/2024, 1 line, file variances.csv',
      "HotWax variance 'Damaged' transfer from warehouse Main Warehouse to variance location Damaged, 2/29/2024, 1 line, file variances.csv",
      "HotWax variance 'Damaged' transfer from variance location Damaged back to store Store 254 Downtown, 2/29/2024, 1 line, file variances.csv",
    ]);
    expect(memos.join('\n')).not.toMatch(/store Main Warehouse|store 1\b/);
  });

  it('writes dates in the NetSuite user date format', () => {
    const plan = planVarianceImport(resolvedRows(feedOf([line('A')])), noReasons, { ...base, dateFormat: 'DD.MM.YYYY' });
    expect(column(plan.adjustmentJobs[0], 'Date')).toEqual(['29.02.2024']);
    expect(plan.transactions[0]?.memo).toContain(', 29.02.2024,');
  });

  it('splits a large group into parts of at most maxLinesPerTransaction lines, in file order', () => {
    const rows = resolvedRows(feedOf(Array.from({ length: 25 }, (_, i) => line(`H${i}`))));
    const plan = planVarianceImport(rows, noReasons, { ...base, maxLinesPerTransaction: 10 });
    expect(plan.transactions.map((t) => t.lines)).toEqual([10, 10, 5]);
    expect(plan.transactions[2]?.hotwaxIds).toEqual(['H20', 'H21', 'H22', 'H23', 'H24']);
    expect(plan.transactions.map((t) => t.memo)).toEqual([
      'HotWax cycle count, location 254, 2/29/2024, 10 lines, part 1 of 3, file variances.csv',
      'HotWax cycle count, location 254, 2/29/2024, 10 lines, part 2 of 3, file variances.csv',
      'HotWax cycle count, location 254, 2/29/2024, 5 lines, part 3 of 3, file variances.csv',
    ]);
    expect(new Set(plan.transactions.map((t) => t.externalId)).size).toBe(3);
  });
});

describe('planVarianceImport External IDs', () => {
  const text = feedOf([line('A'), line('B'), line('C', { location: '255' })]);

  it('gives the same lines the same External ID whatever the file name or row order', () => {
    const first = planVarianceImport(resolvedRows(text), noReasons, { ...base, fileName: 'one.csv' });
    const reordered = feedOf([line('C', { location: '255' }), line('B'), line('A')]);
    const second = planVarianceImport(resolvedRows(reordered), noReasons, { ...base, fileName: 'two.csv' });
    const byIds = (plan: VariancePlan): Record<string, string> => Object.fromEntries(plan.transactions.map((t) => [t.hotwaxIds.slice().sort().join('+'), t.externalId]));
    expect(byIds(second)).toEqual(byIds(first));
  });

  it('gives different lines different External IDs', () => {
    const one = planVarianceImport(resolvedRows(feedOf([line('A'), line('B')])), noReasons, base);
    const two = planVarianceImport(resolvedRows(feedOf([line('A'), line('B'), line('D')])), noReasons, base);
    expect(one.transactions[0]?.externalId).not.toBe(two.transactions[0]?.externalId);
  });

  it('prefixes adjustments HWX-ADJ- and transfers HWX-TRF- even for the same HotWax ids', () => {
    const rows = resolvedRows(feedOf([line('A', { memo: 'Damaged' })]));
    const adjustment = planVarianceImport(rows, reasons, base).transactions[0]?.externalId ?? '';
    const transfer = planVarianceImport(rows, reasons, { ...base, transferMode: true }).transactions[0]?.externalId ?? '';
    expect(adjustment.startsWith('HWX-ADJ-')).toBe(true);
    expect(transfer.startsWith('HWX-TRF-')).toBe(true);
    expect(adjustment.slice(8)).toBe(transfer.slice(8));
  });
});

describe('planVarianceImport accounts and errors', () => {
  it("uses the reason's account first, then the row's, then the default", () => {
    const rows = resolvedRows(feedOf([line('A', { memo: 'Damaged' }), line('B', { memo: 'Lost' }), line('C', { memo: 'Lost', account: '' })]));
    const plan = planVarianceImport(rows, reasons, { ...base, defaultAdjustmentAccountId: '800' });
    expect(plan.transactions.map((t) => [t.hotwaxIds, column(plan.adjustmentJobs[0], 'Account')[rows.findIndex((r) => r.hotwaxId === t.hotwaxIds[0])]])).toEqual([
      [['A'], '600'],
      [['B'], '927'],
      [['C'], '800'],
    ]);
  });

  it('reports a row with no account anywhere and plans the others', () => {
    const rows = resolvedRows(feedOf([line('A', { account: '' }), line('B')]));
    const plan = planVarianceImport(rows, noReasons, base);
    expect(plan.transactions.map((t) => t.hotwaxIds)).toEqual([['B']]);
    expect(plan.errors).toHaveLength(1);
    expect(plan.errors[0]).toMatchObject({ line: 2, hotwaxId: 'A' });
    expect(plan.errors[0]?.problem).toMatch(/^No adjustment account/);
  });

  it('reports unmapped reasons in error mode, sorted by line, and plans the other rows', () => {
    const rows = resolvedRows(feedOf([line('A', { memo: 'Smashed' }), line('B'), line('C', { memo: 'Melted' })]));
    const plan = planVarianceImport(rows, reasons, { ...base, transferMode: true, unknownReason: 'error' });
    expect(plan.errors.map((e) => [e.line, e.problem])).toEqual([
      [2, "Reason 'Smashed' has no variance location mapping."],
      [4, "Reason 'Melted' has no variance location mapping."],
    ]);
    expect(plan.transactions.map((t) => t.hotwaxIds)).toEqual([['B']]);
  });

  it('refuses a HotWax id given twice instead of planning it twice', () => {
    const [row] = resolvedRows(feedOf([line('A')]));
    if (!row) throw new Error('no row');
    const plan = planVarianceImport([row, { ...row, line: 9 }], noReasons, base);
    expect(plan.transactions.map((t) => t.hotwaxIds)).toEqual([['A']]);
    expect(plan.errors.map((e) => [e.line, e.problem])).toEqual([[9, 'HC Inventory Adj Id A already appears on line 2; only the first one is imported.']]);
  });

  it('plans nothing for no rows', () => {
    expect(planVarianceImport([], noReasons, base)).toEqual({ adjustmentJobs: [], transferJobs: [], errors: [], transactions: [] });
  });

  it.each([
    [{ maxRowsPerJob: 25001 }, /maxRowsPerJob must be a whole number from 1 to 25000/],
    [{ maxRowsPerJob: 0 }, /maxRowsPerJob/],
    [{ maxLinesPerTransaction: 5001, maxRowsPerJob: 25000 }, /maxLinesPerTransaction must be a whole number from 1 to 5000/],
    [{ maxLinesPerTransaction: 2.5 }, /maxLinesPerTransaction/],
    [{ maxLinesPerTransaction: 1000, maxRowsPerJob: 500 }, /cannot exceed maxRowsPerJob/],
    [{ dateFormat: 'dd/mm/yy' }, /Unsupported NetSuite date format 'dd\/mm\/yy'/],
  ])('refuses options it cannot honour: %j', (options, message) => {
    expect(() => planVarianceImport([], noReasons, { ...base, ...options })).toThrow(message);
  });
});

describe('planVarianceImport CSV content', () => {
  it('keeps memos under 300 characters and Source File within 300 even for very long file names', () => {
    const fileName = `${'x'.repeat(500)}.csv`;
    const plan = planVarianceImport(resolvedRows(feedOf([line('A')])), noReasons, { ...base, fileName });
    const memo = plan.transactions[0]?.memo ?? '';
    expect(memo.length).toBeLessThan(300);
    expect(memo).toMatch(/^HotWax cycle count, location 254, 2\/29\/2024, 1 line, file x+\.\.\.$/);
    expect(column(plan.adjustmentJobs[0], 'Source File')[0]?.length).toBe(300);
  });

  it('quotes item-derived and memo values safely and keeps the original memo on the line', () => {
    const rows = resolvedRows(feedOf([line('A', { memo: '"Damaged, in ""transit"""' })]));
    const plan = planVarianceImport(rows, noReasons, base);
    expect(column(plan.adjustmentJobs[0], 'Line Memo')).toEqual(['Damaged, in "transit"']);
    expect(column(plan.adjustmentJobs[0], 'Reason')).toEqual(['Damaged, in "transit"']);
  });

  it('writes fractional quantities in plain decimal notation', () => {
    const plan = planVarianceImport(resolvedRows(feedOf([line('A', { qty: '-0.2500' })])), noReasons, base);
    expect(column(plan.adjustmentJobs[0], 'Adjust Qty By')).toEqual(['-0.25']);
    expect(formatQuantity(0.0001)).toBe('0.0001');
    expect(formatQuantity(-1234567.5)).toBe('-1234567.5');
  });

  it('starts a new job before a transaction that would not fit, never splitting one', () => {
    const rows = resolvedRows(feedOf(Array.from({ length: 7 }, (_, i) => line(`H${i}`, { location: String(300 + Math.floor(i / 3)) }))));
    // transactions of 3, 3, 1 lines; 5 rows per job: [3], [3, 1]
    const plan = planVarianceImport(rows, noReasons, { ...base, maxLinesPerTransaction: 3, maxRowsPerJob: 5 });
    expect(plan.adjustmentJobs.map((j) => j.rowCount)).toEqual([3, 4]);
    expect(plan.adjustmentJobs.map((j) => csvRows(j).length)).toEqual([3, 4]);
    expect(plan.transactions.map((t) => t.jobIndex)).toEqual([0, 1, 1]);
    expect(plan.adjustmentJobs[1]?.externalIds).toEqual([plan.transactions[1]?.externalId, plan.transactions[2]?.externalId]);
  });

  it('also closes a job when the next transaction would pass the byte limit', () => {
    const rows = resolvedRows(feedOf(Array.from({ length: 20 }, (_, i) => line(`H${i}`, { location: String(300 + i), memo: 'x'.repeat(280) }))));
    const plan = planVarianceImport(rows, noReasons, { ...base, maxBytesPerJob: 10_000 });
    expect(plan.adjustmentJobs.length).toBeGreaterThan(1);
    for (const job of plan.adjustmentJobs) expect(new TextEncoder().encode(job.csv).length).toBeLessThanOrEqual(10_000);
    expect(plan.adjustmentJobs.reduce((n, j) => n + j.rowCount, 0)).toBe(20);
  });
});

describe('planVarianceImport with a 100,000-row feed', () => {
  it('parses and plans every row, with no job over 25,000 rows and no transaction split across jobs', () => {
    const reasonsCycle = ['Damaged', 'Lost', 'Found', 'Smashed'];
    const lines: string[] = [HEADER];
    for (let i = 0; i < 100_000; i++) {
      const store = 100 + (i % 20);
      const day = 1 + (Math.floor(i / 20) % 3);
      const memo = i % 4 === 0 ? (reasonsCycle[(i / 4) % 4] ?? '') : 'Inventory cycle count by HotWax';
      const qty = i % 2 === 0 ? -1 - (i % 5) : 1 + (i % 7);
      lines.push(`REF${i},927,"SKU-${i % 997} | Item, ${i % 997}",${qty},${store},3/${day}/2024,${memo},1,HWX-${i}`);
    }
    const feed = parseVarianceFeed(lines.join('\r\n'));
    expect(feed.fileError).toBeUndefined();
    expect(feed.errors).toEqual([]);
    expect(feed.rows).toHaveLength(100_000);
    expect(feed.rows[99_999]?.line).toBe(100_001);
    const rows: ResolvedVarianceRow[] = feed.rows.map((r) => ({ ...r, itemId: r.item.kind === 'name' ? r.item.name.slice(4) : r.item.id }));

    const plan = planVarianceImport(rows, reasons, { ...base, fileName: 'big.csv', transferMode: true });
    expect(plan.errors).toEqual([]);
    const jobs = [...plan.adjustmentJobs, ...plan.transferJobs];
    expect(jobs.reduce((n, j) => n + j.rowCount, 0)).toBe(100_000);
    expect(plan.transactions.reduce((n, t) => n + t.lines, 0)).toBe(100_000);
    expect(plan.adjustmentJobs.length).toBeGreaterThanOrEqual(4);
    expect(plan.transferJobs.length).toBeGreaterThanOrEqual(1);
    expect(plan.transactions.filter((t) => t.lines === 1000).length).toBeGreaterThan(0);

    // Checked row by row, collected, and asserted once (100,000 expect() calls would dominate the run).
    const problems: string[] = [];
    const jobOfExternalId = new Map<string, number>();
    const rowsOfExternalId = new Map<string, number>();
    const seenHotwaxIds = new Set<string>();
    jobs.forEach((job, j) => {
      if (job.rowCount > 25_000) problems.push(`job ${j} has ${job.rowCount} rows`);
      const parsed = parseCsvWithLines(job.csv);
      if (parsed.records.length !== job.rowCount) problems.push(`job ${j} says ${job.rowCount} rows but holds ${parsed.records.length}`);
      const idColumn = parsed.headers.indexOf('External ID');
      const hwxColumn = parsed.headers.indexOf('HotWax Variance Id');
      let previous = '';
      const finished = new Set<string>();
      for (const record of parsed.records) {
        const externalId = record.cells[idColumn] ?? '';
        const owner = jobOfExternalId.get(externalId);
        if (owner !== undefined && owner !== j) problems.push(`${externalId} is in jobs ${owner} and ${j}`);
        jobOfExternalId.set(externalId, j);
        if (externalId !== previous) {
          if (finished.has(externalId)) problems.push(`${externalId} rows are not consecutive in job ${j}`);
          finished.add(previous);
          previous = externalId;
        }
        rowsOfExternalId.set(externalId, (rowsOfExternalId.get(externalId) ?? 0) + 1);
        const hotwaxId = record.cells[hwxColumn] ?? '';
        if (seenHotwaxIds.has(hotwaxId)) problems.push(`${hotwaxId} planned twice`);
        seenHotwaxIds.add(hotwaxId);
      }
    });
    for (const tx of plan.transactions) {
      if (tx.lines > 1000) problems.push(`${tx.externalId} has ${tx.lines} lines`);
      if (rowsOfExternalId.get(tx.externalId) !== tx.lines) problems.push(`${tx.externalId} has ${rowsOfExternalId.get(tx.externalId)} rows in jobs, planned ${tx.lines}`);
    }
    expect(problems).toEqual([]);
    expect(seenHotwaxIds.size).toBe(100_000);
    expect(rowsOfExternalId.size).toBe(plan.transactions.length);
  });
});
