import { changedFilter, DEFAULT_FILTERS, GUARD_FILTERS, PO_LINE_COLUMNS, PO_SIGNATURE_COLUMNS, withGuards, withGuardsAnd } from '../../../src/TypeScripts/hotwax_inventory/core/purchaseorders/searchDefinition';

describe('the PO search definition', () => {
  it('guards: PO item lines, not closed, of POs pending receipt or partially received (PurchOrd:B, D, E)', () => {
    expect(GUARD_FILTERS).toEqual([
      ['type', 'anyof', 'PurchOrd'],
      'AND',
      ['mainline', 'is', 'F'],
      'AND',
      ['closed', 'is', 'F'],
      'AND',
      ['status', 'anyof', ['PurchOrd:B', 'PurchOrd:D', 'PurchOrd:E']],
    ]);
  });

  it('creates the saved search with the guards, inventory items and HotWax locations', () => {
    expect(DEFAULT_FILTERS.slice(0, GUARD_FILTERS.length)).toEqual(GUARD_FILTERS);
    expect(DEFAULT_FILTERS.slice(GUARD_FILTERS.length)).toEqual(['AND', ['item.type', 'anyof', 'InvtPart'], 'AND', ['location.custrecord_hwx_loc_hotwax', 'is', 'T']]);
  });

  it("ANDs the guards to the admin's criteria, keeping an OR inside the admin's expression", () => {
    const admin = [['location', 'anyof', ['254']], 'OR', ['location', 'anyof', ['255']]];
    expect(withGuards(admin)).toEqual([admin, 'AND', GUARD_FILTERS]);
    expect(withGuards([])).toEqual(GUARD_FILTERS);
  });

  it('reads the columns the file needs, sorted on a unique key (PO, then line) for stable paging', () => {
    expect(PO_LINE_COLUMNS.map((c) => c.name)).toEqual(['internalid', 'line', 'item', 'quantity', 'quantityshiprecv', 'location', 'expectedreceiptdate']);
    expect(PO_LINE_COLUMNS.filter((c) => c.sort).map((c) => `${c.name} ${c.sort}`)).toEqual(['internalid ASC', 'line ASC']);
  });

  it('reads one signature row per PO: grouped and sorted by PO, line count, quantity and received sums, last-modified time', () => {
    expect(PO_SIGNATURE_COLUMNS.map((c) => `${c.summary ?? ''}(${c.name})`)).toEqual(['GROUP(internalid)', 'COUNT(line)', 'SUM(quantity)', 'SUM(quantityshiprecv)', 'GROUP(lastmodifieddate)']);
    expect(PO_SIGNATURE_COLUMNS.filter((c) => c.sort).map((c) => c.name)).toEqual(['internalid']);
  });

  it('narrows to POs modified since a time or listed, at the top level (no extra nesting)', () => {
    expect(changedFilter('11/23/2026 10:15:00 am', [])).toEqual([['lastmodifieddate', 'onorafter', '11/23/2026 10:15:00 am']]);
    const narrow = changedFilter('11/23/2026 10:15:00 am', ['7', '9']);
    expect(narrow).toEqual([['lastmodifieddate', 'onorafter', '11/23/2026 10:15:00 am'], 'OR', ['internalid', 'anyof', ['7', '9']]]);
    const admin = [['location', 'anyof', ['254']], 'OR', ['location', 'anyof', ['255']]];
    expect(withGuardsAnd(admin, narrow)).toEqual([admin, 'AND', GUARD_FILTERS, 'AND', narrow]);
    expect(withGuardsAnd([], narrow)).toEqual([...GUARD_FILTERS, 'AND', narrow]);
  });
});
