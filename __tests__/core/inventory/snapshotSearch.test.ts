import { DEFAULT_FILTERS, oneLocationFilters, oneLocationSearchId, sameColumns, SEARCH_LABELS, SNAPSHOT_COLUMNS } from '../../../src/TypeScripts/hotwax_inventory/core/inventory/snapshotSearch';

describe('the snapshot saved search', () => {
  it('has one labelled column per value the reader needs, sorted by item then location', () => {
    expect(SNAPSHOT_COLUMNS.map((c) => c.label).sort()).toEqual(Object.values(SEARCH_LABELS).sort());
    expect(SNAPSHOT_COLUMNS.filter((c) => c.sort).map((c) => `${c.join ?? ''}.${c.name}`)).toEqual(['.internalid', 'inventorylocation.internalid']);
  });

  it('starts with active inventory items at active locations marked HotWax Location', () => {
    expect(JSON.stringify(DEFAULT_FILTERS)).toContain('"inventorylocation.custrecord_hwx_loc_hotwax","is","T"');
    expect(JSON.stringify(DEFAULT_FILTERS)).toContain('"isinactive","is","F"');
  });

  it('narrows the admin criteria to one location, keeping their expression whole', () => {
    const admin = [['subsidiary', 'anyof', '1'], 'OR', ['subsidiary', 'anyof', '2']];
    expect(oneLocationFilters(admin, '254')).toEqual([admin, 'AND', ['inventorylocation', 'anyof', '254']]);
    expect(oneLocationFilters([], '254')).toEqual([['inventorylocation', 'anyof', '254']]);
    expect(oneLocationSearchId('customsearch_hwx_inventory_snapshot')).toBe('customsearch_hwx_inventory_snapshot_loc');
  });

  it('tells saved columns that differ from the code (a label, a sort, a column) from the same ones', () => {
    const saved = SNAPSHOT_COLUMNS.map((c) => ({ ...c, name: c.name.toUpperCase(), ...(c.sort ? { sort: c.sort.toLowerCase() } : {}) }));
    expect(sameColumns(saved, SNAPSHOT_COLUMNS)).toBe(true);
    expect(sameColumns(saved.slice(1), SNAPSHOT_COLUMNS)).toBe(false);
    expect(sameColumns(saved.map((c, i) => (i === 1 ? { ...c, label: 'Name' } : c)), SNAPSHOT_COLUMNS)).toBe(false);
    expect(sameColumns(saved.map((c, i) => (i === 0 ? { name: c.name, label: c.label } : c)), SNAPSHOT_COLUMNS)).toBe(false);
  });
});
