import { parseCsvWithLines } from '../../../src/TypeScripts/hotwax_inventory/core/csv';
import type { RowError } from '../../../src/TypeScripts/hotwax_inventory/core/variances/feed';
import { ERROR_REPORT_COLUMNS, errorReportCsv, neutraliseFormula, safeReportName } from '../../../src/TypeScripts/hotwax_inventory/core/variances/report';

const error = (line: number, problem: string, extra: Partial<RowError> = {}): RowError => ({ line, hotwaxId: `H${line}`, item: 'SKU-1', location: '254', problem, action: 'Fix it.', ...extra });

describe('errorReportCsv', () => {
  it('writes File, Line, HotWax Id, Item, Location, Problem, What to do, one line per error sorted by line', () => {
    const csv = errorReportCsv('cyclecount.csv', [error(7, 'Second'), error(3, 'First'), error(7, 'Third')]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    const parsed = parseCsvWithLines(csv);
    expect(parsed.headers).toEqual([...ERROR_REPORT_COLUMNS]);
    expect(parsed.headers).toEqual(['File', 'Line', 'HotWax Id', 'Item', 'Location', 'Problem', 'What to do']);
    expect(parsed.records.map((r) => r.cells)).toEqual([
      ['cyclecount.csv', '3', 'H3', 'SKU-1', '254', 'First', 'Fix it.'],
      ['cyclecount.csv', '7', 'H7', 'SKU-1', '254', 'Second', 'Fix it.'],
      ['cyclecount.csv', '7', 'H7', 'SKU-1', '254', 'Third', 'Fix it.'],
    ]);
  });

  it('quotes values with commas, quotes and line breaks so each error stays one record', () => {
    const csv = errorReportCsv('a.csv', [error(2, "Item 'SKU, \"x\"' was not found.\nReally.", { item: 'SKU, "x"' })]);
    const parsed = parseCsvWithLines(csv);
    expect(parsed.records).toHaveLength(1);
    expect(parsed.records[0]?.cells[3]).toBe('SKU, "x"');
    expect(parsed.records[0]?.cells[5]).toBe("Item 'SKU, \"x\"' was not found.\nReally.");
  });

  it('defuses spreadsheet formulas coming from the feed but keeps plain negative numbers', () => {
    const csv = errorReportCsv('a.csv', [error(2, 'x', { item: '=HYPERLINK("http://evil")', location: '-3', hotwaxId: '@SUM(A1)' })]);
    const cells = parseCsvWithLines(csv).records[0]?.cells ?? [];
    expect(cells[2]).toBe("'@SUM(A1)");
    expect(cells[3]).toBe('\'=HYPERLINK("http://evil")');
    expect(cells[4]).toBe('-3');
    expect(neutraliseFormula('-cmd')).toBe("'-cmd");
    expect(neutraliseFormula('+1')).toBe("'+1");
    expect(neutraliseFormula('Plain text')).toBe('Plain text');
  });

  it('writes only the header for no errors', () => {
    expect(errorReportCsv('a.csv', [])).toBe('\uFEFFFile,Line,HotWax Id,Item,Location,Problem,What to do\r\n');
  });
});

describe('safeReportName', () => {
  const at = new Date(Date.UTC(2026, 10, 23, 10, 45, 0));

  it('keeps the base name, adds a UTC timestamp and the suffix', () => {
    expect(safeReportName('cyclecount_2024-02-29.csv', at)).toBe('cyclecount_2024-02-29_20261123T104500Z_errors.csv');
    expect(safeReportName('cyclecount_2024-02-29.CSV', at, 'report_17')).toBe('cyclecount_2024-02-29_20261123T104500Z_report_17.csv');
  });

  it('replaces spaces, colons and other characters, and drops directories', () => {
    const name = safeReportName('/in/csv/Store 254: variances (Mon Feb 29 2024 10:00:00 GMT+0000).csv', at);
    expect(name).toBe('Store_254_variances_Mon_Feb_29_2024_10_00_00_GMT_0000_20261123T104500Z_errors.csv');
    expect(name).toMatch(/^[A-Za-z0-9._-]+$/);
  });

  it('never starts with a dot and never returns an empty base', () => {
    expect(safeReportName('.hidden.csv', at)).toBe('hidden_20261123T104500Z_errors.csv');
    expect(safeReportName('::.csv', at)).toBe('file_20261123T104500Z_errors.csv');
    expect(safeReportName('', at, 'a b')).toBe('file_20261123T104500Z_a_b.csv');
  });

  it('shortens long names to 200 characters, keeping the timestamp and suffix', () => {
    const name = safeReportName(`${'variance'.repeat(50)}.csv`, at);
    expect(name.length).toBeLessThanOrEqual(200);
    expect(name.startsWith('variancevariance')).toBe(true);
    expect(name.endsWith('_20261123T104500Z_errors.csv')).toBe(true);
  });

  it('refuses an invalid date', () => {
    expect(() => safeReportName('a.csv', new Date(Number.NaN))).toThrow(/invalid date/);
  });
});
