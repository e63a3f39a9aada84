import { parseCsvWithLines } from '../../../src/TypeScripts/hotwax_inventory/core/csv';
import { IntegrationError } from '../../../src/TypeScripts/hotwax_inventory/core/integrationError';
import {
  arrivalDate,
  exportRowsFor,
  formatQuantity,
  PO_EXPORT_COLUMNS,
  poExportCsv,
  quantityToReceive,
  skuOf,
  sortRows,
  type PoLine,
} from '../../../src/TypeScripts/hotwax_inventory/core/purchaseorders/poLines';

const line = (lineId: string, extra: Partial<PoLine> = {}): PoLine => ({
  line: lineId,
  itemId: '3412',
  itemName: 'WJ08-XS-Orange',
  quantity: '10',
  quantityReceived: '0',
  locationId: '254',
  expectedReceiptDate: '2026-11-24',
  ...extra,
});

function thrown(fn: () => unknown): IntegrationError {
  try {
    fn();
  } catch (err) {
    if (err instanceof IntegrationError) return err;
    throw err;
  }
  throw new Error('expected an IntegrationError');
}

describe('skuOf', () => {
  it('drops the parent prefix NetSuite writes before a sub-item or matrix child', () => {
    expect(skuOf('Parent : Child')).toBe('Child');
    expect(skuOf('Grandparent : Parent : Child')).toBe('Child');
    expect(skuOf('WJ08-XS-Orange')).toBe('WJ08-XS-Orange');
  });
  it('keeps colons that are not the " : " separator', () => {
    expect(skuOf('RATIO:2:1')).toBe('RATIO:2:1');
    expect(skuOf('GIFT-BOX, "Deluxe"')).toBe('GIFT-BOX, "Deluxe"');
  });
});

describe('quantities', () => {
  it('is what is still to receive, never below zero, without floating-point noise', () => {
    expect(quantityToReceive(line('1', { quantity: '30', quantityReceived: '10' }))).toBe(20);
    expect(quantityToReceive(line('1', { quantity: '5', quantityReceived: '6' }))).toBe(0);
    expect(quantityToReceive(line('1', { quantity: '0.3', quantityReceived: '0.1' }))).toBe(0.2);
    expect(quantityToReceive(line('1', { quantityReceived: '' }))).toBe(10);
    expect(formatQuantity(30 - 10.1)).toBe('19.9');
    expect(formatQuantity(2)).toBe('2');
  });
});

describe('arrivalDate', () => {
  it('writes MM/DD/YYYY, and nothing when the line has no expected receipt date', () => {
    expect(arrivalDate('2026-03-05')).toBe('03/05/2026');
    expect(arrivalDate('2024-02-29')).toBe('02/29/2024');
    expect(arrivalDate('')).toBe('');
  });
  it('refuses text that is not a real date', () => {
    expect(arrivalDate('2023-02-29')).toBeUndefined();
    expect(arrivalDate('11/24/2026')).toBeUndefined();
  });
});

describe('exportRowsFor', () => {
  it('gives one row per line in line-id order: PO id, SKU, quantity to receive, location, line id, arrival date', () => {
    const rows = exportRowsFor('8302919', [line('10', { itemName: 'MS12 : MS12-S-Black', quantity: '4' }), line('2', { expectedReceiptDate: '' }), line('3', { quantity: '7', quantityReceived: '2.5', locationId: '255' })]);
    expect(rows).toEqual([
      ['8302919', 'WJ08-XS-Orange', '10', '254', '2', ''],
      ['8302919', 'WJ08-XS-Orange', '4.5', '255', '3', '11/24/2026'],
      ['8302919', 'MS12-S-Black', '4', '254', '10', '11/24/2026'],
    ]);
  });

  it('leaves out fully received lines and lines without an item (expense lines)', () => {
    expect(exportRowsFor('1', [line('1', { quantityReceived: '10' }), line('2', { itemId: '', itemName: '', quantity: '' }), line('3')])).toEqual([['1', 'WJ08-XS-Orange', '10', '254', '3', '11/24/2026']]);
    expect(exportRowsFor('1', [line('1', { quantityReceived: '10' })])).toEqual([]);
  });

  it('counts a line the search returned twice once, and writes line ids without leading zeros', () => {
    expect(exportRowsFor('1', [line('01'), line('01')])).toEqual([['1', 'WJ08-XS-Orange', '10', '254', '1', '11/24/2026']]);
  });

  it('refuses the whole PO, naming every bad line, when HotWax could not use a line', () => {
    const err = thrown(() =>
      exportRowsFor('77', [line('1'), line('2', { locationId: '' }), line('3', { quantity: 'ten' }), line('4', { expectedReceiptDate: '24/11/2026' }), line('5', { quantityReceived: 'x' }), line('x'), line('6', { itemName: ' : ' })]),
    );
    expect(err.code).toBe('PO_LINES_INVALID');
    expect(err.context).toMatchObject({ poId: '77' });
    expect(err.message).toMatch(/^Purchase order 77 was not exported: /);
    for (const part of ['line 2: the line has no location', "line 3: quantity 'ten'", "line 4: expected receipt date '24/11/2026'", "line 5: quantity received 'x'", "line x: line id 'x'", 'line 6: item 3412 has no name']) {
      expect(err.message).toContain(part);
    }
  });

  it('refuses a PO whose line came back twice with different values', () => {
    expect(thrown(() => exportRowsFor('9', [line('1'), line('1', { quantity: '11' })])).message).toMatch(/line 1: the search returned it twice with different values/);
  });
});

describe('poExportCsv', () => {
  it("writes HotWax's header, CRLF line ends and standard quoting for commas, quotes and line breaks", () => {
    const text = poExportCsv([
      ['1', 'GIFT-BOX, "Deluxe"', '5', '254', '1', '11/24/2026'],
      ['1', 'Two\nlines', '1', '254', '2', ''],
    ]);
    expect(text).toBe('external-id,product-sku,quantity,external-facility-id,item-external-id,arrival-date\r\n1,"GIFT-BOX, ""Deluxe""",5,254,1,11/24/2026\r\n1,"Two\nlines",1,254,2,\r\n');
    const parsed = parseCsvWithLines(text);
    expect(parsed.headers).toEqual([...PO_EXPORT_COLUMNS]);
    expect(parsed.records.map((r) => r.cells[1])).toEqual(['GIFT-BOX, "Deluxe"', 'Two\nlines']);
  });
  it('writes only the header when there are no rows', () => {
    expect(poExportCsv([])).toBe('external-id,product-sku,quantity,external-facility-id,item-external-id,arrival-date\r\n');
  });
});

describe('sortRows', () => {
  it('orders rows by PO internal id, then line id, numerically', () => {
    const rows = sortRows([
      ['10', 'A', '1', '1', '2', ''],
      ['9', 'B', '1', '1', '10', ''],
      ['9', 'C', '1', '1', '9', ''],
    ]);
    expect(rows.map((r) => `${r[0]}/${r[4]}`)).toEqual(['9/9', '9/10', '10/2']);
  });
});
