import { parseCsvWithLines } from '../../../src/TypeScripts/hotwax_inventory/core/csv';
import { nextSnapshotTime, partFileName, PartSplitter, snapshotName, snapshotStamp, workPartName } from '../../../src/TypeScripts/hotwax_inventory/core/inventory/snapshotFiles';
import { utf8Length } from '../../../src/TypeScripts/hotwax_inventory/core/utf8';

describe('names', () => {
  it('stamps a snapshot in UTC, to the second, with only safe characters', () => {
    expect(snapshotStamp(new Date('2026-11-23T06:05:09.999Z'))).toBe('20261123T060509Z');
  });

  it('names every file of a snapshot after it: part and total, and the location of a one-location snapshot', () => {
    const all = snapshotName('20261123T060509Z', 'all');
    expect(partFileName(all, 2, 3)).toBe('InventorySnapshot_20261123T060509Z_2of3.csv');
    expect(partFileName(snapshotName('20261123T060509Z', '254'), 1, 1)).toBe('InventorySnapshot_20261123T060509Z_loc254_1of1.csv');
    expect(workPartName(all, 7)).toBe('InventorySnapshot_20261123T060509Z_part7.csv');
    for (const name of [partFileName(all, 1, 1), workPartName(all, 1)]) expect(name).toMatch(/^[A-Za-z0-9_.]+$/);
  });

  it('never gives a scope the same stamp twice: a start in the second of the previous one counts from the next second', () => {
    const now = new Date('2026-11-23T06:05:09.400Z');
    expect(nextSnapshotTime(now, undefined)).toBe(now);
    expect(nextSnapshotTime(now, '2026-11-22T07:00:00.000Z')).toBe(now);
    expect(nextSnapshotTime(now, '2026-11-23T06:05:09.100Z').toISOString()).toBe('2026-11-23T06:05:10.000Z');
    // A previous one already moved ahead (several starts in one second): after it.
    expect(nextSnapshotTime(now, '2026-11-23T06:05:10.000Z').toISOString()).toBe('2026-11-23T06:05:11.000Z');
  });

  it('refuses a scope that is not all or an id, and a part outside its total', () => {
    expect(() => snapshotName('20261123T060509Z', '../x')).toThrow();
    expect(() => partFileName('S', 0, 2)).toThrow();
    expect(() => partFileName('S', 3, 2)).toThrow();
  });
});

describe('PartSplitter', () => {
  const row = (i: number): string[] => [`SKU-${i}`, '254', String(i), String(i), String(i)];

  it('splits rows into parts of at most maxRows, each with the header, none lost', () => {
    const splitter = new PartSplitter(3);
    const parts = [];
    for (let i = 0; i < 8; i++) {
      const full = splitter.add(row(i));
      if (full) parts.push(full);
    }
    const last = splitter.finish();
    if (last) parts.push(last);
    expect(parts.map((p) => p.rows)).toEqual([3, 3, 2]);
    const parsed = parts.map((p) => parseCsvWithLines(p.csv));
    for (const p of parsed) expect(p.headers).toEqual(['Item', 'externalFacilityId', 'availableQty', 'idValue', 'onHandQty']);
    expect(parsed.flatMap((p) => p.records.map((r) => r.cells))).toEqual(Array.from({ length: 8 }, (_, i) => row(i)));
    expect(splitter.finish()).toBeUndefined();
  });

  it('also closes a part before it would pass maxBytes', () => {
    const splitter = new PartSplitter(1000, 400);
    const parts = [];
    for (let i = 0; i < 20; i++) {
      const full = splitter.add([`ITEM-${'X'.repeat(20)}-${i}`, '254', '1', String(i), '1']);
      if (full) parts.push(full);
    }
    const last = splitter.finish();
    if (last) parts.push(last);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(utf8Length(p.csv)).toBeLessThanOrEqual(400);
    expect(parts.reduce((n, p) => n + p.rows, 0)).toBe(20);
  });

  it('counts the bytes of multi-byte names, not their characters', () => {
    const splitter = new PartSplitter(1000, 300);
    const parts = [];
    for (let i = 0; i < 10; i++) {
      const full = splitter.add([`T-SHIRT ÉTÉ €${i}`, '254', '1', String(i), '1']);
      if (full) parts.push(full);
    }
    const last = splitter.finish();
    if (last) parts.push(last);
    for (const p of parts) expect(utf8Length(p.csv)).toBeLessThanOrEqual(300);
  });
});
