import { parseCsvWithLines, writeCsv } from '../../src/TypeScripts/hotwax_inventory/core/csv';

const lines = (text: string): number[] => parseCsvWithLines(text).records.map((r) => r.line);
const cells = (text: string): string[][] => parseCsvWithLines(text).records.map((r) => r.cells);

describe('parseCsvWithLines', () => {
  it('returns the first record as headers and later records with their 1-based line', () => {
    const parsed = parseCsvWithLines('a,b\n1,2\n3,4\n');
    expect(parsed.headers).toEqual(['a', 'b']);
    expect(parsed.headerLine).toBe(1);
    expect(parsed.records).toEqual([
      { line: 2, cells: ['1', '2'] },
      { line: 3, cells: ['3', '4'] },
    ]);
    expect(parsed.problems).toEqual([]);
  });

  it('drops a leading byte order mark from the first header', () => {
    expect(parseCsvWithLines('\uFEFFReference No,Item\n1,2').headers).toEqual(['Reference No', 'Item']);
  });

  it('reads CRLF, LF and lone CR line ends alike, even mixed in one file', () => {
    expect(cells('a,b\r\n1,2\r\n3,4\r\n')).toEqual([['1', '2'], ['3', '4']]);
    expect(cells('a,b\r1,2\r3,4\r')).toEqual([['1', '2'], ['3', '4']]);
    expect(lines('a,b\r\n1,2\n3,4\r5,6')).toEqual([2, 3, 4]);
    expect(cells('a,b\r\n1,2\n3,4\r5,6')).toEqual([['1', '2'], ['3', '4'], ['5', '6']]);
  });

  it('keeps commas inside quoted cells', () => {
    expect(cells('item,qty\n"Shirt, blue | Tee",3\n')).toEqual([['Shirt, blue | Tee', '3']]);
  });

  it('reads a doubled quote inside a quoted cell as one quote', () => {
    expect(cells('item,qty\n"12"" Ruler ""metal""",1\n')).toEqual([['12" Ruler "metal"', '1']]);
  });

  it('keeps a record that spans lines in one piece, numbered by the line it starts on', () => {
    const parsed = parseCsvWithLines('a,b\n"first\nsecond\nthird",1\nx,2\n');
    expect(parsed.records).toEqual([
      { line: 2, cells: ['first\nsecond\nthird', '1'] },
      { line: 5, cells: ['x', '2'] },
    ]);
  });

  it('counts a quoted CRLF as one line and stores it as LF', () => {
    const parsed = parseCsvWithLines('a,b\r\n"x\r\ny",1\r\nz,2\r\n');
    expect(parsed.records).toEqual([
      { line: 2, cells: ['x\ny', '1'] },
      { line: 4, cells: ['z', '2'] },
    ]);
  });

  it('skips blank and whitespace-only lines and lines of empty cells, and still numbers later lines physically', () => {
    const parsed = parseCsvWithLines('\n\na,b\n\n1,2\n   \n,\n ,  \n3,4\n\n');
    expect(parsed.headerLine).toBe(3);
    expect(parsed.records).toEqual([
      { line: 5, cells: ['1', '2'] },
      { line: 9, cells: ['3', '4'] },
    ]);
  });

  it('does not return an extra record for a trailing newline, and reads a last line without one', () => {
    expect(lines('a\n1\n')).toEqual([2]);
    expect(lines('a\n1')).toEqual([2]);
  });

  it('returns no headers and no records for an empty or blank file', () => {
    for (const text of ['', '\uFEFF', '\n\r\n  \n']) {
      expect(parseCsvWithLines(text)).toEqual({ headers: [], headerLine: 0, records: [], problems: [] });
    }
  });

  it('returns headers and no records for a header-only file', () => {
    const parsed = parseCsvWithLines('a,b,c\r\n');
    expect(parsed.headers).toEqual(['a', 'b', 'c']);
    expect(parsed.records).toEqual([]);
  });

  it('does not trim or convert cells (007 stays 007, spaces stay)', () => {
    expect(cells('a,b\n007, 2 \n')).toEqual([['007', ' 2 ']]);
  });

  it('reports an unterminated quote on the line where its record starts instead of returning the record', () => {
    const parsed = parseCsvWithLines('a,b\n1,2\n"open,3\n4,5\n');
    expect(parsed.records).toEqual([{ line: 2, cells: ['1', '2'] }]);
    expect(parsed.problems).toHaveLength(1);
    expect(parsed.problems[0]?.line).toBe(3);
    expect(parsed.problems[0]?.message).toMatch(/never closed/);
  });

  it('reports text after a closing quote as a problem', () => {
    const parsed = parseCsvWithLines('a,b\n"x"y,1\n');
    expect(parsed.records).toEqual([]);
    expect(parsed.problems.map((p) => p.line)).toEqual([2]);
  });

  it('reports a broken header on the header line', () => {
    const parsed = parseCsvWithLines('\n"a,b\n1,2\n');
    expect(parsed.headerLine).toBe(2);
    expect(parsed.problems.map((p) => p.line)).toEqual([2]);
  });
});

describe('writeCsv', () => {
  it('writes a header, CRLF line ends and a final CRLF', () => {
    expect(writeCsv(['a', 'b'], [['1', '2'], ['3', '4']])).toBe('a,b\r\n1,2\r\n3,4\r\n');
  });

  it('writes only the header line when there are no rows', () => {
    expect(writeCsv(['a', 'b'], [])).toBe('a,b\r\n');
  });

  it('quotes cells with commas, quotes, line breaks or edge spaces, doubling quotes', () => {
    const csv = writeCsv(['x'], [['a,b'], ['say "hi"'], ['two\nlines'], [' padded']]);
    expect(csv).toBe('x\r\n"a,b"\r\n"say ""hi"""\r\n"two\nlines"\r\n" padded"\r\n');
  });

  it('leaves signs and formula-like values unchanged (NetSuite must read -3 as -3)', () => {
    expect(writeCsv(['q'], [['-3'], ['+2'], ['=1']])).toBe('q\r\n-3\r\n+2\r\n=1\r\n');
  });

  it('round-trips through parseCsvWithLines', () => {
    const rows = [
      ['WJ08-XS-Orange | Adrienne, Trek Jacket', '-7', 'He said "ok"'],
      ['multi\nline', '', ' x '],
    ];
    const parsed = parseCsvWithLines(writeCsv(['Item', 'Qty', 'Memo'], rows));
    expect(parsed.headers).toEqual(['Item', 'Qty', 'Memo']);
    expect(parsed.records.map((r) => r.cells)).toEqual(rows);
    expect(parsed.records.map((r) => r.line)).toEqual([2, 3]);
  });

  it('refuses a row whose cell count differs from the header count', () => {
    expect(() => writeCsv(['a', 'b'], [['1']])).toThrow(/row 1 has 1 cells but there are 2 headers/);
  });
});
