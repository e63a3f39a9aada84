import { DEFAULT_FILTERS, GUARD_FILTERS, PO_LINE_COLUMNS, withGuards } from '../../../src/TypeScripts/hotwax_inventory/core/purchaseorders/searchDefinition';

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
});
