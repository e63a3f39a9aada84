import { decide, emptyExportState, readExportState, rowsHash, samePos } from '../../../src/TypeScripts/hotwax_inventory/core/purchaseorders/exportState';
import type { PoExportRow } from '../../../src/TypeScripts/hotwax_inventory/core/purchaseorders/poLines';

const rows: PoExportRow[] = [
  ['1', 'SKU-A', '10', '254', '1', '11/24/2026'],
  ['1', 'SKU-B', '4', '254', '2', ''],
];

describe('rowsHash', () => {
  it('is the same for the same rows and changes with any cell', () => {
    expect(rowsHash(rows)).toMatch(/^[0-9a-f]{16}$/);
    expect(rowsHash([...rows])).toBe(rowsHash(rows));
    const changed = rows.map((r, i) => (i === 1 ? (['1', 'SKU-B', '5', '254', '2', ''] as const) : r));
    expect(rowsHash(changed)).not.toBe(rowsHash(rows));
    expect(rowsHash(rows.slice(0, 1))).not.toBe(rowsHash(rows));
  });
});

describe('decide', () => {
  it('sends rows HotWax does not have yet', () => {
    expect(decide(rows, undefined)).toEqual({ kind: 'changed', hash: rowsHash(rows), rows });
    expect(decide(rows, '0000000000000000')).toMatchObject({ kind: 'changed' });
  });
  it('sends nothing for rows HotWax already has', () => {
    expect(decide(rows, rowsHash(rows))).toEqual({ kind: 'unchanged', hash: rowsHash(rows) });
  });
  it('has nothing to send or keep for a PO with nothing left to receive', () => {
    expect(decide([], rowsHash(rows))).toEqual({ kind: 'nothing-to-receive' });
  });
});

describe('readExportState', () => {
  const saved = {
    version: 1,
    lastRunId: '20261123T104500Z_abc',
    lastFiles: [{ name: 'PurchaseOrders_20261123T104500Z_abc.csv', path: 'purchaseorder/fulfillment/PurchaseOrders_20261123T104500Z_abc.csv', rows: 2, pos: 1, fingerprint: 'x' }],
    savedAt: '2026-11-23T10:45:10.000Z',
    pos: { '1': rowsHash(rows) },
  };

  const savedV2 = { ...saved, version: 2, sigs: { '1': 'abcdefabcdef0123' }, readFrom: '2026-11-23T10:45:00.000Z', fullReadAt: '2026-11-23T00:00:00.000Z' };

  it('reads what summarize saved', () => {
    expect(readExportState(JSON.parse(JSON.stringify(savedV2)))).toEqual({ state: savedV2 });
  });

  it('reads a version 1 state: its hashes hold (nothing is sent again), but without signatures or readFrom every line is read', () => {
    expect(readExportState(JSON.parse(JSON.stringify(saved)))).toEqual({ state: { ...saved, version: 2, sigs: {}, readFrom: '', fullReadAt: '' } });
  });

  it('takes a readFrom or fullReadAt that is not a time as none (every line is read)', () => {
    expect(readExportState({ ...savedV2, readFrom: 'yesterday', fullReadAt: 7 }).state).toMatchObject({ readFrom: '', fullReadAt: '' });
  });

  it.each([
    ['not an object', [1, 2], /not a JSON object/],
    ['another version', { ...saved, version: 3 }, /version 3/],
    ['a version 2 state without signatures', { ...saved, version: 2 }, /no "sigs" object/],
    ['a signature that is not a hash', { ...saved, version: 2, sigs: { '1': 'x' } }, /"sigs" entry for PO "1"/],
    ['no PO map', { ...saved, pos: null }, /no "pos" object/],
    ['a PO id that is not an internal id', { ...saved, pos: { abc: rowsHash(rows) } }, /PO "abc"/],
    ['a hash that is not a hash', { ...saved, pos: { '1': 'nope' } }, /PO "1"/],
  ])('starts from nothing (every PO sent again) when the file holds %s, and says why', (_label, value, why) => {
    const read = readExportState(value);
    expect(read.state).toEqual(emptyExportState());
    expect(read.problem).toMatch(why);
  });

  it('ignores malformed file entries but keeps the PO map', () => {
    const read = readExportState({ ...saved, lastFiles: ['x', { name: 1 }] });
    expect(read.state.lastFiles).toEqual([]);
    expect(read.state.pos).toEqual(saved.pos);
  });
});

describe('samePos', () => {
  it('compares PO maps by content', () => {
    expect(samePos({ '1': 'a', '2': 'b' }, { '2': 'b', '1': 'a' })).toBe(true);
    expect(samePos({ '1': 'a' }, { '1': 'a', '2': 'b' })).toBe(false);
    expect(samePos({ '1': 'a' }, { '1': 'c' })).toBe(false);
    expect(samePos({}, {})).toBe(true);
  });
});
