import {
  formatQuantity,
  HOTWAX_INVENTORY_HEADER,
  itemNameWithoutParent,
  parseQuantity,
  SnapshotMapper,
} from '../../../src/TypeScripts/hotwax_inventory/core/inventory/snapshotRows';
import { SEARCH_LABELS } from '../../../src/TypeScripts/hotwax_inventory/core/inventory/snapshotSearch';

const HEADER = ['Item Internal ID', 'Item Name', 'Location Internal ID', 'On Hand', 'Available'];

function mapper(onlyLocation?: string): SnapshotMapper {
  const m = new SnapshotMapper(SEARCH_LABELS, onlyLocation);
  m.header(HEADER);
  return m;
}

describe("HotWax's reset format", () => {
  it('is HotWax daily inventory columns, then onHandQty', () => {
    expect(HOTWAX_INVENTORY_HEADER).toEqual(['Item', 'externalFacilityId', 'availableQty', 'idValue', 'onHandQty']);
  });
});

describe('itemNameWithoutParent', () => {
  it('keeps only the last level of a "Parent : Child" name', () => {
    expect(itemNameWithoutParent('TEE : TEE-RED-M')).toBe('TEE-RED-M');
    expect(itemNameWithoutParent('APPAREL : TEE : TEE-RED-M')).toBe('TEE-RED-M');
  });

  it('leaves other colons and plain names alone', () => {
    expect(itemNameWithoutParent('RATIO:1:2')).toBe('RATIO:1:2');
    expect(itemNameWithoutParent(' WJ08-XS-Orange ')).toBe('WJ08-XS-Orange');
  });
});

describe('quantities', () => {
  it('reads empty as 0, negatives, decimals and grouped thousands', () => {
    expect(parseQuantity('')).toBe(0);
    expect(parseQuantity(' -3 ')).toBe(-3);
    expect(parseQuantity('1.5')).toBe(1.5);
    expect(parseQuantity('1,234.5')).toBe(1234.5);
    expect(parseQuantity('.5')).toBe(0.5);
  });

  it('refuses what is not a number', () => {
    for (const bad of ['abc', '1,23', '1e3', '--1', '1.2.3', 'NaN']) expect(parseQuantity(bad)).toBeUndefined();
  });

  it('writes plain decimals: no exponent, no -0, float noise rounded away', () => {
    expect(formatQuantity(0)).toBe('0');
    expect(formatQuantity(-0)).toBe('0');
    expect(formatQuantity(-12)).toBe('-12');
    expect(formatQuantity(0.1 + 0.2)).toBe('0.3');
    expect(formatQuantity(1e-7)).toBe('0');
    expect(formatQuantity(2.5)).toBe('2.5');
  });
});

describe('SnapshotMapper', () => {
  it('turns a search row into Item, externalFacilityId, availableQty, idValue, onHandQty', () => {
    expect(mapper().row(['3412', 'JACKETS : WJ08-XS-Orange', '254', '20', '18'], 2)).toEqual(['WJ08-XS-Orange', '254', '18', '3412', '20']);
  });

  it('exports zero, empty and negative quantities (a reset must clear stock HotWax still believes in)', () => {
    const m = mapper();
    expect(m.row(['1', 'A', '254', '0', '0'], 2)).toEqual(['A', '254', '0', '1', '0']);
    expect(m.row(['1', 'A', '255', '', ''], 3)).toEqual(['A', '255', '0', '1', '0']);
    expect(m.row(['1', 'A', '256', '-4', '-4'], 4)).toEqual(['A', '256', '-4', '1', '-4']);
    expect(m.summary()).toMatchObject({ rows: 3, items: 1, locations: 3, rejected: 0 });
  });

  it('finds the columns by label in any order and ignores extra columns', () => {
    const m = new SnapshotMapper(SEARCH_LABELS);
    m.header(['Available', 'Location Internal ID', 'Extra', 'On Hand', 'Item Name', 'Item Internal ID']);
    expect(m.row(['7', '254', 'x', '9', 'SKU', '1'], 2)).toEqual(['SKU', '254', '7', '1', '9']);
  });

  it('refuses results without the expected columns, naming them', () => {
    const m = new SnapshotMapper(SEARCH_LABELS);
    expect(() => m.header(['Item Internal ID', 'Name'])).toThrow(/"Item Name", "Location Internal ID", "On Hand", "Available"/);
    expect(() => m.row(['1'], 2)).toThrow(/no header/);
  });

  it('rejects rows it cannot export, with their line, and keeps counting', () => {
    const m = mapper();
    expect(m.row(['x', 'A', '254', '1', '1'], 2)).toBeUndefined();
    expect(m.row(['1', 'A', '', '1', '1'], 3)).toBeUndefined();
    expect(m.row(['1', 'A', '254', 'lots', '1'], 4)).toBeUndefined();
    expect(m.row(['1', '', '254', '1', '1'], 5)).toBeUndefined();
    expect(m.row(['1', 'A', '254', '1', '1'], 6)).toBeDefined();
    const stats = m.summary();
    expect(stats.rejected).toBe(4);
    expect(stats.rows).toBe(1);
    expect(stats.rejections.map((r) => r.line)).toEqual([2, 3, 4, 5]);
    expect(stats.rejections[2]?.reason).toMatch(/"lots" is not a number/);
  });

  it('drops a repeated item and location pair (rows come sorted by item, then location)', () => {
    const m = mapper();
    m.row(['1', 'A', '254', '1', '1'], 2);
    expect(m.row(['1', 'A', '254', '5', '5'], 3)).toBeUndefined();
    expect(m.summary()).toMatchObject({ rows: 1, duplicates: 1, rejected: 1 });
  });

  it('in a one-location snapshot, refuses the whole snapshot when another location shows up', () => {
    const m = mapper('254');
    expect(m.row(['1', 'A', '254', '1', '1'], 2)).toBeDefined();
    expect(() => m.row(['1', 'A', '255', '1', '1'], 3)).toThrow(expect.objectContaining({ code: 'SNAPSHOT_FOREIGN_LOCATION' }) as Error);
  });

  it('keeps at most 20 rejections in detail', () => {
    const m = mapper();
    for (let i = 0; i < 30; i++) m.row(['', 'A', '254', '1', '1'], i + 2);
    expect(m.summary().rejected).toBe(30);
    expect(m.summary().rejections).toHaveLength(20);
  });
});
