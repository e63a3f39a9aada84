// ResultSet.each / getRange, runPaged, governance (NETSUITE.md 5), sorting, summary searches, Result, formulas.
import type { Account } from '../../../../runtime/account/account';
import { cleanup, errorOf, ids, makeBed, seed, type TestBed } from './helpers';

afterEach(cleanup);

const BULK = 'customrecord_bulk';
const withBulk =
  (n: number) =>
  (account: Account): void => {
    seed(account);
    for (let i = 1; i <= n; i += 1) account.insertRecord(BULK, { name: `r${i}`, custrecord_bulk_n: i, isinactive: false });
  };
const units = (bed: TestBed, api: string): { calls: number; units: number } => bed.meter.breakdown()[api] ?? { calls: 0, units: 0 };

describe('ResultSet.each (NETSUITE.md 5: 10 units, return true to continue, 4,000-result cap)', () => {
  test('returning true continues, anything falsy stops', () => {
    const bed = makeBed();
    const seen: string[] = [];
    bed.search
      .create({ type: 'inventoryitem', columns: ['itemid'] })
      .run()
      .each((r) => {
        seen.push(String(r.getValue('itemid')));
        return seen.length < 2;
      });
    expect(seen).toEqual(['SKU-RED', 'SKU-BLUE']);
    expect(units(bed, 'ResultSet.each')).toEqual({ calls: 1, units: 10 });
  });
  test('10 units per call, plus 10 for every further 1,000 results handed to the callback [U]', () => {
    const bed = makeBed(undefined, withBulk(2500));
    let n = 0;
    bed.search
      .create({ type: BULK, columns: ['name'] })
      .run()
      .each(() => {
        n += 1;
        return true;
      });
    expect(n).toBe(2500);
    expect(units(bed, 'ResultSet.each')).toEqual({ calls: 3, units: 30 });
  });
  test('over 4,000 results: the first 4,000 callbacks run, then SSS_SEARCH_FOR_EACH_LIMIT_EXCEEDED (default, [U])', () => {
    const bed = makeBed(undefined, withBulk(4001));
    let n = 0;
    const err = errorOf(() =>
      bed.search
        .create({ type: BULK, columns: ['name'] })
        .run()
        .each(() => {
          n += 1;
          return true;
        }),
    );
    expect(err.name).toBe('SSS_SEARCH_FOR_EACH_LIMIT_EXCEEDED');
    expect(n).toBe(4000);
    expect(units(bed, 'ResultSet.each').units).toBe(40);
  });
  test("exactly 4,000 results do not throw; a callback that stops early never reaches the cap", () => {
    const bed = makeBed(undefined, withBulk(4000));
    let n = 0;
    bed.search
      .create({ type: BULK })
      .run()
      .each(() => {
        n += 1;
        return true;
      });
    expect(n).toBe(4000);
  });
  test("eachLimitBehavior 'throw-first' throws before any callback runs [U]", () => {
    const bed = makeBed(undefined, withBulk(4001));
    const search = bed.module({ projectObjects: null, eachLimitBehavior: 'throw-first' });
    let n = 0;
    const err = errorOf(() =>
      search
        .create({ type: BULK })
        .run()
        .each(() => {
          n += 1;
          return true;
        }),
    );
    expect(err.name).toBe('SSS_SEARCH_FOR_EACH_LIMIT_EXCEEDED');
    expect(n).toBe(0);
  });
});

describe('ResultSet.getRange (NETSUITE.md 5: 10 units, at most 1,000 rows, end exclusive, can read past 4,000)', () => {
  test('start is inclusive and end exclusive; past the end the array is shorter', () => {
    const bed = makeBed();
    const rs = bed.search.create({ type: 'inventoryitem', columns: ['itemid'] }).run();
    expect(rs.getRange({ start: 1, end: 2 }).map((r) => r.id)).toEqual(['31']);
    expect(rs.getRange({ start: 2, end: 10 }).map((r) => r.id)).toEqual(['32']);
    expect(rs.getRange({ start: 5, end: 10 })).toEqual([]);
    expect(units(bed, 'ResultSet.getRange')).toEqual({ calls: 3, units: 30 });
  });
  test('more than 1,000 rows per call, or a negative / inverted range, is refused', () => {
    const bed = makeBed();
    const rs = bed.search.create({ type: 'inventoryitem' }).run();
    expect(errorOf(() => rs.getRange({ start: 0, end: 1001 })).name).toBe('SSS_INVALID_SEARCH_RESULT_INDEX');
    expect(errorOf(() => rs.getRange({ start: -1, end: 5 })).name).toBe('SSS_INVALID_SEARCH_RESULT_INDEX');
    expect(errorOf(() => rs.getRange({ start: 5, end: 4 })).name).toBe('SSS_INVALID_SEARCH_RESULT_INDEX');
    expect(errorOf(() => rs.getRange({ start: 0 })).name).toBe('SSS_MISSING_REQD_ARGUMENT');
    expect(rs.getRange({ start: 0, end: 1000 })).toHaveLength(3);
  });
  test('getRange reads results beyond the 4,000th', () => {
    const bed = makeBed(undefined, withBulk(4500));
    const rows = bed.search
      .create({ type: BULK, columns: ['custrecord_bulk_n'] })
      .run()
      .getRange({ start: 4400, end: 5000 });
    expect(rows).toHaveLength(100);
    expect(rows[0]?.getValue('custrecord_bulk_n')).toBe('4401');
  });
  test('result sets are not cached: each call runs the search again', () => {
    const bed = makeBed();
    const rs = bed.search.create({ type: 'inventoryitem', filters: [['itemid', 'startswith', 'SKU-']] }).run();
    expect(rs.getRange({ start: 0, end: 10 })).toHaveLength(3);
    bed.account.insertRecord('inventoryitem', { itemid: 'SKU-NEW', isinactive: false });
    expect(rs.getRange({ start: 0, end: 10 })).toHaveLength(4);
  });
});

describe('Search.runPaged and PagedData.fetch (NETSUITE.md 5: 5 units each, pageSize 5..1000, default 50)', () => {
  test('count, pageRanges and pages with isFirst / isLast', () => {
    const bed = makeBed(undefined, withBulk(12));
    const paged = bed.search.create({ type: BULK, columns: ['custrecord_bulk_n'] }).runPaged({ pageSize: 5 });
    expect(paged.count).toBe(12);
    expect(paged.pageSize).toBe(5);
    expect(paged.pageRanges.map((r) => r.index)).toEqual([0, 1, 2]);
    const first = paged.fetch({ index: 0 });
    expect(first.isFirst && !first.isLast).toBe(true);
    expect(first.data.map((r) => r.getValue('custrecord_bulk_n'))).toEqual(['1', '2', '3', '4', '5']);
    const last = paged.fetch({ index: 2 });
    expect(last.isLast).toBe(true);
    expect(last.data.map((r) => r.getValue('custrecord_bulk_n'))).toEqual(['11', '12']);
    expect(last.prev().pageRange.index).toBe(1);
    expect(units(bed, 'search.runPaged')).toEqual({ calls: 1, units: 5 });
    expect(units(bed, 'PagedData.fetch')).toEqual({ calls: 3, units: 15 });
  });
  test('the default page size is 50', () => {
    const bed = makeBed(undefined, withBulk(120));
    const paged = bed.search.create({ type: BULK }).runPaged();
    expect(paged.pageSize).toBe(50);
    expect(paged.pageRanges).toHaveLength(3);
  });
  test('a page size outside 5..1000 is refused', () => {
    const bed = makeBed();
    const s = bed.search.create({ type: 'inventoryitem' });
    expect(errorOf(() => s.runPaged({ pageSize: 4 })).name).toBe('SSS_INVALID_SRCH_SETTING_VALUE');
    expect(errorOf(() => s.runPaged({ pageSize: 1001 })).name).toBe('SSS_INVALID_SRCH_SETTING_VALUE');
    expect(s.runPaged({ pageSize: 1000 }).count).toBe(3);
  });
  test('fetch of an index outside pageRanges throws INVALID_PAGE_RANGE; no results means no pages', () => {
    const bed = makeBed();
    const paged = bed.search.create({ type: 'inventoryitem', filters: [['itemid', 'is', 'none']] }).runPaged({ pageSize: 5 });
    expect(paged.count).toBe(0);
    expect(paged.pageRanges).toEqual([]);
    expect(errorOf(() => paged.fetch({ index: 0 })).name).toBe('INVALID_PAGE_RANGE');
  });
  test("the adapters' forEachResult pattern reads every result past 4,000 for 5 + 5 per page", () => {
    const bed = makeBed(undefined, withBulk(4500));
    const paged = bed.search.create({ type: BULK }).runPaged({ pageSize: 1000 });
    let n = 0;
    paged.pageRanges.forEach((range) => {
      n += paged.fetch({ index: range.index }).data.length;
    });
    expect(n).toBe(4500);
    expect(bed.meter.usage).toBe(5 + 5 * 5);
  });
});

describe('governance charged (NETSUITE.md 5)', () => {
  test('search.create and Search.run cost nothing', () => {
    const bed = makeBed();
    bed.search.create({ type: 'inventoryitem' }).run();
    expect(bed.meter.usage).toBe(0);
    expect(units(bed, 'search.create')).toEqual({ calls: 1, units: 0 });
  });
  test('going over the budget throws SSS_USAGE_LIMIT_EXCEEDED', () => {
    const bed = makeBed();
    const rs = bed.search.create({ type: 'inventoryitem' }).run();
    for (let i = 0; i < 1000; i += 1) rs.getRange({ start: 0, end: 1 });
    expect(errorOf(() => rs.getRange({ start: 0, end: 1 })).name).toBe('SSS_USAGE_LIMIT_EXCEEDED');
  });
});

describe('sorting (createColumn sort: search.Sort.ASC / DESC)', () => {
  test('internal id DESC sorts numerically', () => {
    const bed = makeBed();
    expect(ids(bed.search.create({ type: 'inventoryitem', columns: [bed.search.createColumn({ name: 'internalid', sort: bed.search.Sort.DESC })] }))).toEqual(['32', '31', '30']);
  });
  test('text ASC; list fields sort by their text; several sort columns apply in column order', () => {
    const bed = makeBed();
    expect(ids(bed.search.create({ type: 'inventoryitem', columns: [bed.search.createColumn({ name: 'displayname', sort: 'ASC' })] }))).toEqual(['31', '32', '30']);
    const s = bed.search.create({
      type: 'purchaseorder',
      filters: [['mainline', 'is', 'F']],
      columns: [bed.search.createColumn({ name: 'item', sort: 'ASC' }), bed.search.createColumn({ name: 'quantity', sort: 'DESC' })],
    });
    expect(
      s
        .run()
        .getRange({ start: 0, end: 10 })
        .map((r) => `${r.getText('item') ?? ''}:${String(r.getValue('quantity'))}`),
    ).toEqual(['SKU-BLUE:6', 'SKU-BLUE:4', 'SKU-BLUE:2', 'SKU-RED:10', 'SKU-RED:8', 'SKU-RED:1']);
  });
  test('empty values sort last ascending and first descending', () => {
    const bed = makeBed();
    const col = (sort: string): unknown => bed.search.createColumn({ name: 'custrecord_hwx_ff_rows', sort });
    expect(ids(bed.search.create({ type: 'customrecord_hwx_feed_file', columns: [col('ASC')] }))).toEqual(['301', '300', '302']);
    expect(ids(bed.search.create({ type: 'customrecord_hwx_feed_file', columns: [col('DESC')] }))).toEqual(['302', '300', '301']);
  });
  test('dates sort by date, not by text', () => {
    const bed = makeBed();
    const s = bed.search.create({ type: 'transaction', filters: [['mainline', 'is', 'T']], columns: [bed.search.createColumn({ name: 'trandate', sort: 'ASC' })] });
    expect(ids(s)).toEqual(['102', '100', '101', '202', '200', '201', '103']);
  });
  test('an invalid sort direction is refused', () => {
    const bed = makeBed();
    expect(errorOf(() => bed.search.createColumn({ name: 'itemid', sort: 'UP' })).name).toBe('WRONG_PARAMETER_TYPE');
  });
});

describe('summary searches (search.Summary: GROUP, COUNT, SUM, AVG, MIN, MAX)', () => {
  const summaryColumns = (bed: TestBed): unknown[] => [
    bed.search.createColumn({ name: 'item', summary: bed.search.Summary.GROUP }),
    bed.search.createColumn({ name: 'quantity', summary: 'SUM' }),
    bed.search.createColumn({ name: 'internalid', summary: 'count' }),
    bed.search.createColumn({ name: 'trandate', summary: 'MIN' }),
    bed.search.createColumn({ name: 'trandate', summary: 'MAX' }),
    bed.search.createColumn({ name: 'quantity', summary: 'AVG' }),
  ];
  const poLines = [['type', 'anyof', 'PurchOrd'], 'AND', ['mainline', 'is', 'F']];

  test('one row per GROUP value with SUM / COUNT / MIN / MAX / AVG, read with getValue({name, summary})', () => {
    const bed = makeBed();
    const rows = bed.search.create({ type: 'transaction', filters: poLines, columns: summaryColumns(bed) }).run().getRange({ start: 0, end: 10 });
    expect(
      rows.map((r) => [
        r.getValue({ name: 'item', summary: 'GROUP' }),
        r.getText({ name: 'item', summary: 'GROUP' }),
        r.getValue({ name: 'quantity', summary: 'SUM' }),
        r.getValue({ name: 'internalid', summary: 'COUNT' }),
        r.getValue({ name: 'trandate', summary: 'MIN' }),
        r.getValue({ name: 'trandate', summary: 'MAX' }),
        r.getValue({ name: 'quantity', summary: 'avg' }),
      ]),
    ).toEqual([
      ['31', 'SKU-BLUE', '12', '3', '3/1/2024', '3/14/2024', '4'],
      ['30', 'SKU-RED', '19', '3', '2/15/2024', '3/10/2024', '6.333333333'],
    ]);
  });
  test('summary results have no id; a plain getValue of a summarized column is null', () => {
    const bed = makeBed();
    const [row] = bed.search.create({ type: 'transaction', filters: poLines, columns: summaryColumns(bed) }).run().getRange({ start: 0, end: 1 });
    expect(row?.id).toBeNull();
    expect(row?.getValue('quantity')).toBeNull();
  });
  test('a summary filter (HAVING) keeps the groups whose aggregate matches', () => {
    const bed = makeBed();
    const filters = [
      bed.search.createFilter({ name: 'type', operator: 'anyof', values: ['PurchOrd'] }),
      bed.search.createFilter({ name: 'mainline', operator: 'is', values: 'F' }),
      bed.search.createFilter({ name: 'quantity', summary: 'SUM', operator: 'greaterthan', values: 15 }),
    ];
    const rows = bed.search.create({ type: 'transaction', filters, columns: summaryColumns(bed) }).run().getRange({ start: 0, end: 10 });
    expect(rows.map((r) => r.getText({ name: 'item', summary: 'GROUP' }))).toEqual(['SKU-RED']);
  });
  test('sorting a summary column orders the groups', () => {
    const bed = makeBed();
    const columns = [bed.search.createColumn({ name: 'item', summary: 'GROUP' }), bed.search.createColumn({ name: 'quantity', summary: 'SUM', sort: 'DESC' })];
    const rows = bed.search.create({ type: 'transaction', filters: poLines, columns }).run().getRange({ start: 0, end: 10 });
    expect(rows.map((r) => r.getValue(columns[1]))).toEqual(['19', '12']);
  });
  test('an unknown summary type is refused (SSS_INVALID_SRCH_COLUMN_SUM); SUM of a text field too', () => {
    const bed = makeBed();
    expect(errorOf(() => bed.search.createColumn({ name: 'quantity', summary: 'TOTAL' })).name).toBe('SSS_INVALID_SRCH_COLUMN_SUM');
    const s = bed.search.create({ type: 'transaction', columns: [bed.search.createColumn({ name: 'tranid', summary: 'SUM' })] });
    expect(errorOf(() => ids(s)).name).toBe('SSS_INVALID_SRCH_COLUMN_SUM');
  });
  test('mixing summary and plain columns is refused [U]', () => {
    const bed = makeBed();
    const s = bed.search.create({ type: 'transaction', columns: [bed.search.createColumn({ name: 'item', summary: 'GROUP' }), 'tranid'] });
    expect(errorOf(() => ids(s)).name).toBe('SSS_INVALID_SRCH_COLUMN_SUM');
  });
});

describe('Result (id, recordType, columns, getValue, getText)', () => {
  test('getValue takes the Column, a name, or {name, join}; a column not in the search gives null', () => {
    const bed = makeBed();
    const col = bed.search.createColumn({ name: 'itemid', join: 'item' });
    const [r] = bed.search
      .create({ type: 'purchaseorder', filters: [['tranid', 'is', 'PO100'], 'AND', ['line', 'equalto', 1]], columns: ['tranid', col] })
      .run()
      .getRange({ start: 0, end: 1 });
    expect(r?.getValue(col)).toBe('SKU-RED');
    expect(r?.getValue({ name: 'itemid', join: 'item' })).toBe('SKU-RED');
    expect(r?.getValue('tranid')).toBe('PO100');
    expect(r?.getValue('memo')).toBeNull();
    expect(r?.getText('tranid')).toBeNull();
    expect(r?.recordType).toBe('purchaseorder');
    expect(r?.columns.map((c) => c.name)).toEqual(['tranid', 'itemid']);
    expect(errorOf(() => r?.getValue({})).name).toBe('SSS_MISSING_REQD_ARGUMENT');
  });
  test('toJSON gives {recordType, id, values} with list fields as {value, text}', () => {
    const bed = makeBed();
    const [r] = bed.search
      .create({ type: 'purchaseorder', filters: [['tranid', 'is', 'PO100'], 'AND', ['mainline', 'is', 'T']], columns: ['tranid', 'entity', 'custbody_hwx_exported'] })
      .run()
      .getRange({ start: 0, end: 1 });
    expect(JSON.parse(JSON.stringify(r))).toEqual({ recordType: 'purchaseorder', id: '100', values: { tranid: 'PO100', entity: { value: '20', text: 'ACME Supply' }, custbody_hwx_exported: 'F' } });
  });
});

describe('formula columns (formulatext, formulanumeric, formuladate)', () => {
  test('concatenation, arithmetic, NVL, joined references and dates', () => {
    const bed = makeBed();
    const cols = [
      bed.search.createColumn({ name: 'formulatext', formula: "{tranid} || '-' || {line} || ' ' || {item.itemid}" }),
      bed.search.createColumn({ name: 'formulanumeric', formula: '{quantity} - {quantityreceived}' }),
      bed.search.createColumn({ name: 'formulatext', formula: "NVL({memo}, 'none')" }),
      bed.search.createColumn({ name: 'formuladate', formula: '{trandate} + 1' }),
    ];
    const rows = bed.search.create({ type: 'purchaseorder', filters: [['tranid', 'is', 'PO101'], 'AND', ['mainline', 'is', 'F']], columns: cols }).run().getRange({ start: 0, end: 5 });
    expect(rows.map((r) => cols.map((c) => r.getValue(c)))).toEqual([
      ['PO101-1 SKU-RED', '5', 'none', '3/11/2024'],
      ['PO101-2 SKU-BLUE', '2', 'none', '3/11/2024'],
    ]);
  });
  test('an unknown function, an unknown field in a formula, or a formula type the emulator does not evaluate is refused', () => {
    const bed = makeBed();
    const run = (name: string, formula: string): unknown => ids(bed.search.create({ type: 'purchaseorder', columns: [bed.search.createColumn({ name, formula })] }));
    expect(errorOf(() => run('formulatext', 'DECODE({tranid}, 1, 2)')).message).toContain('DECODE');
    expect(errorOf(() => run('formulatext', '{nosuchfield}')).name).toBe('SSS_INVALID_SRCH_COLUMN');
    expect(errorOf(() => run('formuladatetime', '{trandate}')).name).toBe('SSS_INVALID_SRCH_COLUMN');
  });
});

describe('things the emulator does not emulate throw', () => {
  test('column functions (INVALID_SRCH_FUNCTN), search settings, setWhenOrderedBy, search.global / duplicates', () => {
    const bed = makeBed();
    expect(errorOf(() => bed.search.createColumn({ name: 'trandate', function: 'rank' })).name).toBe('INVALID_SRCH_FUNCTN');
    expect(errorOf(() => bed.search.create({ type: 'transaction', settings: [{ name: 'consolidationtype', value: 'NONE' }] })).name).toBe('SSS_INVALID_SRCH_SETTING');
    expect(() => bed.search.createColumn({ name: 'trandate' }).setWhenOrderedBy()).toThrow(/setWhenOrderedBy/);
    expect(() => bed.search.global({ keywords: 'x' })).toThrow(/global/);
    expect(() => bed.search.duplicates({ type: 'customer' })).toThrow(/duplicates/);
  });
});
