import { readFileSync } from 'fs';
import { join } from 'path';
import { parseQuantity, parseVarianceFeed, type RowError, type VarianceFeed } from '../../../src/TypeScripts/hotwax_inventory/core/variances/feed';

const HEADER = 'Reference No,Adjustment Account,Item,Adjust Qty By,Location,Date,Memo,Subsidiary,HC Inventory Adj Id';
const sample = (name: string): string => readFileSync(join(__dirname, '..', 'fixtures', name), 'utf8');

/** A feed with the standard header and rows given as cells in header order. */
function feed(...rows: string[][]): string {
  return [HEADER, ...rows.map((r) => r.join(','))].join('\n');
}

/** A valid row in header order, with some cells replaced. */
function row(overrides: Partial<Record<'ref' | 'account' | 'item' | 'qty' | 'location' | 'date' | 'memo' | 'subsidiary' | 'id', string>> = {}): string[] {
  const r = { ref: 'R1', account: '927', item: 'SKU-1', qty: '-1', location: '254', date: '2/29/2024', memo: 'Inventory cycle count by HotWax', subsidiary: '1', id: 'H1', ...overrides };
  return [r.ref, r.account, r.item, r.qty, r.location, r.date, r.memo, r.subsidiary, r.id];
}

function onlyError(result: VarianceFeed): RowError {
  expect(result.errors).toHaveLength(1);
  const [error] = result.errors;
  if (!error) throw new Error('no error');
  return error;
}

describe('parseVarianceFeed on the HotWax samples', () => {
  it('reads the cycle-count sample as three cycle-count rows at store 254', () => {
    const result = parseVarianceFeed(sample('hotwax-cycle-count-variance-sample.csv'));
    expect(result.fileError).toBeUndefined();
    expect(result.errors).toEqual([]);
    expect(result.totalRows).toBe(3);
    expect(result.rows[0]).toEqual({
      line: 2,
      hotwaxId: '10009',
      referenceNo: '10009',
      adjustmentAccountId: '927',
      item: { kind: 'name', name: 'WJ08-XS-Orange', displayName: 'Adrienne Trek Jacket' },
      itemCell: 'WJ08-XS-Orange | Adrienne Trek Jacket',
      quantity: 7,
      locationId: '254',
      date: { year: 2024, month: 2, day: 29 },
      memo: 'Inventory cycle count by HotWax',
      reason: undefined,
      subsidiaryId: '1',
    });
    expect(result.rows.map((r) => [r.line, r.quantity, r.reason])).toEqual([
      [2, 7, undefined],
      [3, -10, undefined],
      [4, 2, undefined],
    ]);
  });

  it('reads the item-variance sample with its reasons and an internal-id item', () => {
    const result = parseVarianceFeed(sample('hotwax-inventory-item-variance-sample.csv'));
    expect(result.errors).toEqual([]);
    expect(result.rows.map((r) => [r.hotwaxId, r.reason, r.quantity])).toEqual([
      ['2367160-152810', 'Lost', -10],
      ['2367160-152820', 'Not in Stock', -15],
      ['2367160-152821', 'Not in Stock', -1],
    ]);
    expect(result.rows[2]?.item).toEqual({ kind: 'internalId', id: '3412' });
  });

  it('reads the same sample saved with a BOM and CRLF line ends identically', () => {
    const text = sample('hotwax-cycle-count-variance-sample.csv');
    const windows = `\uFEFF${text.replace(/\n/g, '\r\n')}\r\n`;
    expect(parseVarianceFeed(windows)).toEqual(parseVarianceFeed(text));
  });
});

describe('parseVarianceFeed header handling', () => {
  it('matches column names ignoring case and spaces, in any order, and ignores extra columns', () => {
    const text = ['hc inventory adj id,DATE,Facility Name,location,ITEM,AdjustQtyBy,memo,Item Tag', 'H9,3/1/2024,Store 9,9,SKU-9,4,Damaged,tag'].join('\n');
    const result = parseVarianceFeed(text);
    expect(result.errors).toEqual([]);
    expect(result.rows).toHaveLength(1);
    const r = result.rows[0];
    expect([r?.hotwaxId, r?.locationId, r?.itemCell, r?.quantity, r?.reason, r?.referenceNo]).toEqual(['H9', '9', 'SKU-9', 4, 'Damaged', '']);
    expect(r && 'subsidiaryId' in r).toBe(false);
    expect(r && 'adjustmentAccountId' in r).toBe(false);
  });

  it('reads the inventory-reset variant (no Subsidiary, extra Adjustment Location column) without mistaking Adjustment Location for Location', () => {
    const text = [
      'Reference No,Adjustment Account,Item,Adjust Qty By,Location,Date,Memo,HC Inventory Adj Id,Adjustment Location,Facility Name,Item Tag',
      'R1,927,"SKU-1 | Tee, blue",-2,254,2/29/2024,Inventory cycle count by HotWax,H1,999,"Store, Main",x',
    ].join('\r\n');
    const result = parseVarianceFeed(text);
    expect(result.errors).toEqual([]);
    expect(result.rows[0]?.locationId).toBe('254');
    expect(result.rows[0]?.item).toEqual({ kind: 'name', name: 'SKU-1', displayName: 'Tee, blue' });
  });

  it('gives a file error naming every missing required column', () => {
    const result = parseVarianceFeed('Reference No,Item,Location,Memo\nR1,SKU-1,254,x');
    expect(result.fileError).toBe('The header lacks required columns: Adjust Qty By, Date, HC Inventory Adj Id.');
    expect(result.rows).toEqual([]);
    expect(result.errors).toEqual([]);
    expect(result.totalRows).toBe(0);
  });

  it('gives a file error when the first line is data rather than a header', () => {
    const result = parseVarianceFeed('10009,927,WJ08-XS-Orange | Adrienne Trek Jacket,7,254,2/29/2024,Inventory cycle count by HotWax,1,10009\n');
    expect(result.fileError).toMatch(/^The first line is not a HotWax variance header \(it starts '10009,927,WJ08/);
  });

  it('gives a file error when a column is named twice', () => {
    const result = parseVarianceFeed(`${HEADER},Item\n`);
    expect(result.fileError).toBe("The header names a column twice: 'Item' (columns 3 and 10).");
  });

  it('gives a file error when the header itself cannot be read', () => {
    expect(parseVarianceFeed('"Reference No,Item\n1,2').fileError).toMatch(/^The header line cannot be read/);
  });

  it('returns zero rows and no error for an empty file, a blank file and a header-only file', () => {
    for (const text of ['', '\uFEFF', '\r\n\r\n', `${HEADER}\r\n`, `\uFEFF${HEADER}`]) {
      expect(parseVarianceFeed(text)).toEqual({ rows: [], errors: [], totalRows: 0 });
    }
  });
});

describe('parseVarianceFeed rows', () => {
  it('skips blank rows and rows whose cells are all empty, keeping physical line numbers', () => {
    const text = [HEADER, '', row({ id: 'A' }).join(','), ',,,,,,,,', '   ', row({ id: 'B' }).join(','), ''].join('\n');
    const result = parseVarianceFeed(text);
    expect(result.rows.map((r) => [r.hotwaxId, r.line])).toEqual([
      ['A', 3],
      ['B', 6],
    ]);
    expect(result.totalRows).toBe(2);
  });

  it('numbers rows after a quoted multi-line cell by their physical line', () => {
    const text = [HEADER, row({ id: 'A', item: '"SKU-1 | Tee\nwith a break"' }).join(','), row({ id: 'B' }).join(',')].join('\n');
    const result = parseVarianceFeed(text);
    expect(result.rows.map((r) => [r.hotwaxId, r.line])).toEqual([
      ['A', 2],
      ['B', 4],
    ]);
  });

  it('reads quoted commas and doubled quotes in the item cell', () => {
    const result = parseVarianceFeed(feed(row({ item: '"SKU-1 | 12"" Ruler, steel"' })));
    expect(result.rows[0]?.item).toEqual({ kind: 'name', name: 'SKU-1', displayName: '12" Ruler, steel' });
  });

  it('reports a row with more values than columns (an unquoted comma) instead of shifting its columns', () => {
    const result = parseVarianceFeed(feed(row({ item: 'SKU-1 | Tee, blue' })));
    expect(result.rows).toEqual([]);
    expect(onlyError(result).problem).toMatch(/^The row has 10 values but the header has 9 columns/);
  });

  it('accepts trailing empty values beyond the header (a trailing comma)', () => {
    expect(parseVarianceFeed(feed([...row(), '', ''])).rows).toHaveLength(1);
  });

  it('reports a row that stops early as missing the required values', () => {
    const result = parseVarianceFeed(feed(['R1', '927', 'SKU-1', '-1', '254']));
    const error = onlyError(result);
    expect(error.problem).toContain('HC Inventory Adj Id is empty.');
    expect(error.problem).toContain('Date is empty.');
  });

  it('reports an unterminated quote on the line where it starts and keeps the rows before it', () => {
    const text = [HEADER, row({ id: 'A' }).join(','), row({ id: 'B', item: '"SKU-2 | open' }).join(','), row({ id: 'C' }).join(',')].join('\n');
    const result = parseVarianceFeed(text);
    expect(result.rows.map((r) => r.hotwaxId)).toEqual(['A']);
    const error = onlyError(result);
    expect(error.line).toBe(3);
    expect(error.problem).toMatch(/cannot be read: A quoted value is never closed/);
    expect(result.totalRows).toBe(2);
  });

  describe('Adjust Qty By', () => {
    it.each([
      ['-3', -3],
      ['+2', 2],
      ['2.0', 2],
      [' 5 ', 5],
      ['0.5', 0.5],
      ['-1.2500', -1.25],
      ['.25', 0.25],
      ['999999999', 999999999],
    ])('accepts %j as %d', (text, value) => {
      const result = parseVarianceFeed(feed(row({ qty: text })));
      expect(result.errors).toEqual([]);
      expect(result.rows[0]?.quantity).toBe(value);
    });

    it.each([
      ['', /^Adjust Qty By is empty\.$/],
      ['abc', /is not a number\./],
      ['1,5', /use a point, not a comma/],
      ['1e400', /is not a number/],
      ['1e3', /is not a number/],
      ['NaN', /is not a number/],
      ['Infinity', /is not a number/],
      ['1 000', /is not a number/],
      ['0x10', /is not a number/],
      ['--1', /is not a number/],
      ['0.00001', /has 5 decimal places; at most 4/],
      ['1000000000', /too large/],
      ['99999999999999999999999', /too large/],
    ])('rejects %j', (text, message) => {
      const result = parseVarianceFeed(feed(row({ qty: text.includes(',') ? `"${text}"` : text })));
      expect(result.rows).toEqual([]);
      const error = onlyError(result);
      expect(error.problem).toMatch(message);
      expect(error.action).toMatch(/Adjust Qty By|quantity/);
    });

    it.each(['0', '-0.000', '+0'])('rejects %j on an item variance (there is nothing to post)', (text) => {
      const result = parseVarianceFeed(feed(row({ qty: text, memo: 'Damaged' })));
      expect(result.rows).toEqual([]);
      expect(onlyError(result).problem).toMatch(/is 0/);
    });

    it.each(['0', '-0.000', '+0'])('reads %j on a cycle count as a result: counted, no difference (not an error)', (text) => {
      for (const memo of ['Inventory cycle count by HotWax', '', '  inventory  CYCLE count by hotwax ']) {
        const result = parseVarianceFeed(feed(row({ qty: text, memo })));
        expect(result.errors).toEqual([]);
        expect(result.rows.map((r) => [r.quantity === 0, r.reason])).toEqual([[true, undefined]]);
      }
    });

    it('says a binary file is not a text CSV file, without echoing its bytes', () => {
      const zip = 'PK\u0003\u0004\u0014\u0000\u0008\u0000bin';
      const result = parseVarianceFeed(zip);
      expect(result.fileError).toMatch(/not a text CSV file/);
      expect(result.fileError).not.toContain('PK');
      expect(parseVarianceFeed(`${HEADER}\nR1,927,Caf\uFFFD,1,254,2/29/2024,,1,H1\n`).fileError).toMatch(/not UTF-8 text/);
    });

    it('accepts whole units only when maxQuantityDecimals is 0, still reading 2.0 as 2', () => {
      const result = parseVarianceFeed(feed(row({ id: 'A', qty: '0.5' }), row({ id: 'B', qty: '2.0' })), { maxQuantityDecimals: 0 });
      expect(result.rows.map((r) => r.quantity)).toEqual([2]);
      expect(onlyError(result).problem).toMatch(/whole units only/);
    });

    it('parseQuantity gives the number for valid text', () => {
      expect(parseQuantity('-7')).toEqual({ ok: true, value: -7 });
    });
  });

  it.each([
    ['2/30/2024', "Date '2/30/2024' is not a valid date"],
    ['13/1/2024', "Date '13/1/2024' is not a valid date"],
    ['2/29/2023', "Date '2/29/2023' is not a valid date"],
    ['29.02.2024', "Date '29.02.2024' is not a valid date"],
    ['', 'Date is empty.'],
  ])('rejects the date %j', (date, message) => {
    expect(onlyError(parseVarianceFeed(feed(row({ date })))).problem).toContain(message);
  });

  it('accepts ISO and zero-padded dates', () => {
    const result = parseVarianceFeed(feed(row({ id: 'A', date: '2024-02-29' }), row({ id: 'B', date: '02/09/2024' })));
    expect(result.rows.map((r) => r.date)).toEqual([
      { year: 2024, month: 2, day: 29 },
      { year: 2024, month: 2, day: 9 },
    ]);
  });

  it.each(['254.0', '254.5', 'abc', '-1', '0', '0254', 'Store 254'])('rejects the location %j as not an internal id', (location) => {
    const error = onlyError(parseVarianceFeed(feed(row({ location }))));
    expect(error.problem).toBe(`Location '${location}' is not a NetSuite location internal id (a whole number such as 254).`);
    expect(error.location).toBe(location);
  });

  it('rejects an empty location', () => {
    expect(onlyError(parseVarianceFeed(feed(row({ location: '' })))).problem).toBe('Location is empty.');
  });

  it('rejects non-numeric Adjustment Account and Subsidiary values but accepts empty ones', () => {
    expect(onlyError(parseVarianceFeed(feed(row({ account: 'Inventory Shrink' })))).problem).toMatch(/^Adjustment Account 'Inventory Shrink' is not a NetSuite account internal id/);
    expect(onlyError(parseVarianceFeed(feed(row({ subsidiary: 'US' })))).problem).toMatch(/^Subsidiary 'US' is not a NetSuite subsidiary internal id/);
    const ok = parseVarianceFeed(feed(row({ account: '', subsidiary: '' })));
    expect(ok.errors).toEqual([]);
    expect(ok.rows[0]?.adjustmentAccountId).toBeUndefined();
    expect(ok.rows[0]?.subsidiaryId).toBeUndefined();
  });

  it('rejects an empty item and an item without a SKU before the bar, and accepts other names as they are', () => {
    expect(onlyError(parseVarianceFeed(feed(row({ item: '' })))).problem).toBe('Item is empty.');
    expect(onlyError(parseVarianceFeed(feed(row({ item: ' | Adrienne Trek Jacket' })))).problem).toMatch(/no SKU before the '\|'/);
    const odd = parseVarianceFeed(feed(row({ item: 'Ünï-SKU/01 #2' })));
    expect(odd.rows[0]?.item).toEqual({ kind: 'name', name: 'Ünï-SKU/01 #2' });
  });

  it('rejects a row without a HotWax id', () => {
    expect(onlyError(parseVarianceFeed(feed(row({ id: '' })))).problem).toBe('HC Inventory Adj Id is empty.');
  });

  it('rejects second and later uses of a HotWax id, naming the line of the first', () => {
    const result = parseVarianceFeed(feed(row({ id: 'H1' }), row({ id: 'H2' }), row({ id: 'H1' }), row({ id: 'H1', qty: '5' })));
    expect(result.rows.map((r) => [r.hotwaxId, r.line])).toEqual([
      ['H1', 2],
      ['H2', 3],
    ]);
    expect(result.errors.map((e) => [e.line, e.hotwaxId])).toEqual([
      [4, 'H1'],
      [5, 'H1'],
    ]);
    expect(result.errors[0]?.problem).toBe('HC Inventory Adj Id H1 already appears on line 2; only the first one is imported.');
  });

  it('rejects values longer than NetSuite text fields hold and control characters in ids', () => {
    expect(onlyError(parseVarianceFeed(feed(row({ memo: 'x'.repeat(301) })))).problem).toBe('Memo is longer than 300 characters.');
    expect(onlyError(parseVarianceFeed(feed(row({ ref: 'r'.repeat(301) })))).problem).toBe('Reference No is longer than 300 characters.');
    expect(onlyError(parseVarianceFeed(feed(row({ ref: '"R\u0007"' })))).problem).toBe('Reference No contains a line break or another control character.');
  });

  it('folds a memo typed over several lines (quoted newline) into one line', () => {
    const result = parseVarianceFeed(feed(row({ memo: '"Damaged\r\nbox"' })));
    expect(result.errors).toEqual([]);
    expect(result.rows[0]?.memo).toBe('Damaged box');
    expect(result.rows[0]?.reason).toBe('Damaged box');
  });

  it('puts every problem of a row into one error with the row identifiers and one action per kind of problem', () => {
    const error = onlyError(parseVarianceFeed(feed(row({ id: 'H7', item: 'SKU-7', location: 'x', qty: 'abc', date: '2/30/2024' }))));
    expect(error).toMatchObject({ line: 2, hotwaxId: 'H7', item: 'SKU-7', location: 'x' });
    expect(error.problem).toBe(
      "Adjust Qty By 'abc' is not a number. Location 'x' is not a NetSuite location internal id (a whole number such as 254). Date '2/30/2024' is not a valid date (expected month/day/year such as 2/29/2024).",
    );
    expect(error.action.split('. ').length).toBeGreaterThanOrEqual(3);
  });

  it('counts valid and rejected rows in totalRows and sorts errors by line', () => {
    const result = parseVarianceFeed(feed(row({ id: 'A', qty: 'x' }), row({ id: 'B' }), row({ id: 'C', date: 'x' })));
    expect(result.totalRows).toBe(3);
    expect(result.rows).toHaveLength(1);
    expect(result.errors.map((e) => e.line)).toEqual([2, 4]);
  });
});

describe('parseVarianceFeed classification', () => {
  it.each([
    ['Inventory cycle count by HotWax', undefined],
    ['  inventory  CYCLE count by hotwax ', undefined],
    ['', undefined],
    ['Damaged', 'Damaged'],
    ['  Not in Stock ', 'Not in Stock'],
    ['Inventory cycle count by HotWax (recount)', 'Inventory cycle count by HotWax (recount)'],
  ])('reads the memo %j as reason %j', (memo, reason) => {
    const result = parseVarianceFeed(feed(row({ memo })));
    expect(result.errors).toEqual([]);
    expect(result.rows[0]?.reason).toBe(reason);
    expect(result.rows[0]?.memo).toBe(memo.trim());
  });

  it('treats a feed without a Memo column as cycle counts', () => {
    const result = parseVarianceFeed('Item,Adjust Qty By,Location,Date,HC Inventory Adj Id\nSKU-1,1,254,2/29/2024,H1');
    expect(result.rows[0]?.reason).toBeUndefined();
    expect(result.rows[0]?.memo).toBe('');
  });
});
