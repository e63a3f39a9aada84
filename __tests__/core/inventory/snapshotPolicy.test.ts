import { ageHours, buildUnitsAtMost, describeSnapshot, isStale, partsAtMost } from '../../../src/TypeScripts/hotwax_inventory/core/inventory/snapshotPolicy';

describe('staleness', () => {
  const now = new Date('2026-11-23T18:00:00Z');

  it('counts hours since the snapshot was taken; an unreadable time is stale', () => {
    expect(ageHours('2026-11-23T06:00:00Z', now)).toBe(12);
    expect(isStale('2026-11-23T06:00:00Z', now, 12)).toBe(false);
    expect(isStale('2026-11-23T05:59:00Z', now, 12)).toBe(true);
    expect(isStale('', now, 12)).toBe(true);
  });
});

describe('governance estimates', () => {
  it('bounds the parts a result makes from its size, by rows and by the 9 MB part limit', () => {
    // 5,000,000 rows of ~40 bytes (200 MB) in parts of 100,000 rows: 50 parts; the bound stays above that.
    const bytes = 5_000_000 * 40;
    expect(partsAtMost(bytes, 100_000)).toBeGreaterThanOrEqual(50);
    expect(buildUnitsAtMost(bytes, 100_000)).toBeLessThan(10_000);
    expect(partsAtMost(1000, 100_000)).toBeLessThanOrEqual(3);
  });
});

describe('describeSnapshot', () => {
  it('says what was exported, and what was not with its first lines', () => {
    expect(describeSnapshot({ rows: 96, items: 24, locations: 4, rejected: 0, duplicates: 0, rejections: [] }, 1)).toBe('96 row(s): 24 item(s) x 4 location(s) in 1 file(s)');
    const text = describeSnapshot({ rows: 2, items: 1, locations: 2, rejected: 5, duplicates: 0, rejections: [1, 2, 3, 4, 5].map((line) => ({ line, reason: 'bad' })) }, 1);
    expect(text).toContain('5 row(s) not exported (line 1: bad; line 2: bad; line 3: bad; ...)');
  });
});
