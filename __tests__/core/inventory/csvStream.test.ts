import { CsvLineReader, splitCsvRecord } from '../../../src/TypeScripts/hotwax_inventory/core/inventory/csvStream';
import { parseCsvWithLines, writeCsv } from '../../../src/TypeScripts/hotwax_inventory/core/csv';

/** Feeds text to the reader line by line, as N/file's lines iterator does (LF removed, no line after a final LF). */
function stream(text: string): { records: { line: number; cells: string[] }[]; unclosed: number | undefined } {
  const reader = new CsvLineReader();
  const records = text
    .replace(/\n$/, '')
    .split('\n')
    .map((line) => reader.push(line))
    .filter((r): r is { line: number; cells: string[] } => r !== undefined);
  return { records, unclosed: reader.unclosedAt() };
}

describe('splitCsvRecord', () => {
  it('splits plain values, keeps empty ones', () => {
    expect(splitCsvRecord('10,TEE,254,,-2')).toEqual(['10', 'TEE', '254', '', '-2']);
  });

  it('reads quoted values with commas and doubled quotes, whether every value is quoted or only some', () => {
    expect(splitCsvRecord('3435,"GIFT-BOX, ""Deluxe""",254')).toEqual(['3435', 'GIFT-BOX, "Deluxe"', '254']);
    expect(splitCsvRecord('"3435","GIFT-BOX, ""Deluxe""","254","","0"')).toEqual(['3435', 'GIFT-BOX, "Deluxe"', '254', '', '0']);
  });

  it('returns undefined while a quoted value is still open', () => {
    expect(splitCsvRecord('1,"two')).toBeUndefined();
    expect(splitCsvRecord('1,"two\nlines",3')).toEqual(['1', 'two\nlines', '3']);
  });
});

describe('CsvLineReader', () => {
  it('gives each record with the line it starts on, joining a quoted value that spans lines', () => {
    const { records, unclosed } = stream('a,b\r\n1,"x\r\ny"\r\n2,z');
    expect(records).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['1', 'x\ny'] },
      { line: 4, cells: ['2', 'z'] },
    ]);
    expect(unclosed).toBeUndefined();
  });

  it('drops a BOM on the first line only and reports a quote never closed', () => {
    const { records, unclosed } = stream('\uFEFFItem,Qty\n"open,1\n2,3');
    expect(records).toEqual([{ line: 1, cells: ['Item', 'Qty'] }]);
    expect(unclosed).toBe(2);
  });

  it('reads back exactly what core/csv writeCsv writes (the same quoting rules both ways)', () => {
    const rows = [
      ['GIFT-BOX, "Deluxe"', '254', '-3', '3435', '0'],
      [' padded ', '1', '1.5', '1', '2'],
      ['multi\nline', '2', '0', '2', '0'],
    ];
    const written = writeCsv(['Item', 'externalFacilityId', 'availableQty', 'idValue', 'onHandQty'], rows);
    expect(stream(written).records.slice(1).map((r) => r.cells)).toEqual(rows);
    expect(parseCsvWithLines(written).records.map((r) => r.cells)).toEqual(rows);
  });
});
