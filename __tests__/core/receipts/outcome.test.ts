import { parseCsvWithLines } from '../../../src/TypeScripts/hotwax_inventory/core/csv';
import { decideFile, outcomesForMissing, type EntryOutcome, type FileMarker } from '../../../src/TypeScripts/hotwax_inventory/core/receipts/outcome';
import { RECEIPT_REPORT_COLUMNS, receiptReportCsv, receiptReportName } from '../../../src/TypeScripts/hotwax_inventory/core/receipts/report';

const marker = (over: Partial<FileMarker> = {}): FileMarker => ({
  fileKey: '77',
  fileName: 'receipts.json',
  fingerprint: 'ABC',
  readAt: '2026-11-23T10:45:00.000Z',
  total: 4,
  entries: Object.fromEntries([0, 1, 2, 3].map((i) => [String(i), { externalId: `K${i}`, poId: i === 3 ? '9005' : '9001' }])),
  ...over,
});

const received = (index: number, recovered = false): EntryOutcome => ({ status: 'received', index, order: '9001', externalId: `K${index}`, receiptId: `R${index}`, recovered, overage: 0 });

describe('decideFile', () => {
  it('archives a file whose entries were all received, with no report rows', () => {
    const result = decideFile(marker(), [received(0), received(1, true), received(2), received(3)]);
    expect(result).toEqual({ destination: 'archive', received: 4, recovered: 1, alreadyReceived: 0, rejected: 0, nothingToReceive: 0, deferred: 0, reportRows: [] });
  });

  it('archives a file with rejected entries too, reporting every problem and entries received by an earlier delivery', () => {
    const result = decideFile(marker(), [
      received(0),
      { status: 'rejected', index: 2, order: '9001', problems: [{ lineId: '7', problem: 'Line 7 does not exist', action: 'Fix' }, { lineId: '8', problem: 'Line 8 does not exist', action: 'Fix' }] },
      { status: 'already-received', index: 1, order: '9005', externalId: 'K1', receiptId: '123', feedFileId: '60', byReceiptIds: false },
      received(3),
    ]);
    expect(result.destination).toBe('archive');
    expect([result.received, result.alreadyReceived, result.rejected]).toEqual([2, 1, 1]);
    expect(result.reportRows.map((r) => [r.entry, r.order, r.line, r.problem])).toEqual([
      [2, '9005', '', 'Already received by item receipt 123 (External ID K1) of an earlier delivery (HotWax Feed File 60); nothing was received again.'],
      [3, '9001', '7', 'Line 7 does not exist'],
      [3, '9001', '8', 'Line 8 does not exist'],
    ]);
  });

  it('sends an unreadable file to failed/ with one report row', () => {
    const result = decideFile(marker({ fileError: 'The file is empty.', total: 0, entries: {} }), []);
    expect(result.destination).toBe('failed');
    expect(result.reportRows).toEqual([expect.objectContaining({ entry: 0, problem: 'The file is empty.' })]);
  });

  it('archives a file whose only rows are notes of 0 lines: information, nothing rejected; an all-0 entry is counted apart', () => {
    const note = { entry: 2, order: '9001', line: '3', problem: 'Line 3: quantity 0, not received in this delivery.', action: 'Information only, nothing to do.' };
    const result = decideFile(marker({ notes: [note] }), [received(0), { status: 'nothing-to-receive', index: 1, order: '9001' }, received(2), received(3)]);
    expect(result).toEqual({ destination: 'archive', received: 3, recovered: 0, alreadyReceived: 0, rejected: 0, nothingToReceive: 1, deferred: 0, reportRows: [note] });
  });

  it('keeps a file with deferred entries for the next run', () => {
    expect(decideFile(marker(), [received(0), received(1), { status: 'deferred', index: 2, order: '9001' }, { status: 'deferred', index: 3, order: '9001' }]).destination).toBe('stay');
  });
});

describe('outcomesForMissing', () => {
  it('counts a receipt of this delivery as received, of another as already received, and reports entries with none', () => {
    const found = new Map([
      ['K1', { receiptId: 'R1', feedFileId: '77' }],
      ['K2', { receiptId: 'R2', feedFileId: '12' }],
    ]);
    const errors = new Map([['9005', '{"name":"SSS_USAGE_LIMIT_EXCEEDED"}']]);
    const missing = outcomesForMissing(marker(), [received(0)], found, (poId) => errors.get(poId) ?? 'no outcome was recorded');
    expect(missing.map((o) => [o.index, o.order, o.status])).toEqual([
      [1, '9001', 'received'],
      [2, '9001', 'already-received'],
      [3, '9005', 'rejected'],
    ]);
    expect(missing[2]?.status === 'rejected' && missing[2].problems[0]?.problem).toContain('SSS_USAGE_LIMIT_EXCEEDED');
  });
});

describe('receipt report', () => {
  it('writes File, Entry, Order, Line, Problem, What to do, sorted by entry, defusing formulas', () => {
    const csv = receiptReportCsv('receipts.json', [
      { entry: 3, order: '9001', line: '2', problem: 'Second', action: 'Fix it, then send again.' },
      { entry: 1, order: '=HYPERLINK("x")', line: '', problem: 'First', action: 'Fix' },
    ]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const parsed = parseCsvWithLines(csv);
    expect(parsed.headers).toEqual([...RECEIPT_REPORT_COLUMNS]);
    expect(parsed.records.map((r) => r.cells)).toEqual([
      ['receipts.json', '1', `'=HYPERLINK("x")`, '', 'First', 'Fix'],
      ['receipts.json', '3', '9001', '2', 'Second', 'Fix it, then send again.'],
    ]);
  });

  it('names the report after the file without .json, with a UTC timestamp and the tracking id', () => {
    expect(receiptReportName('PO receipts 11:45.json', new Date('2026-11-23T10:45:00Z'), '77')).toBe('PO_receipts_11_45_20261123T104500Z_errors_77.csv');
  });
});
