// Joins follow a select field to a record of the join's own type. NetSuite numbers each record type on its
// own: a new account's parent subsidiary and its first location both have internal id 1, and fixtures
// (demo/fixtures/store-day.json: subsidiary 1, location 1 "Main Warehouse") do the same.
import type { Account } from '../../../../runtime/account/account';
import { cleanup, ids, makeBed } from './helpers';

afterEach(cleanup);

function sameIds(account: Account): void {
  account.insertRecord('subsidiary', { name: 'Parent Co', isinactive: false }, {}, 1);
  account.insertRecord('location', { name: 'Main Warehouse', subsidiary: '1', locationtype: '2', isinactive: false, custrecord_hwx_loc_hotwax: true }, {}, 1);
  account.insertRecord('inventoryitem', { itemid: 'SKU-1', isinactive: false, itemtype: 'InvtPart' }, {}, 2);
  account.insertRecord('vendor', { entityid: 'ACME', isinactive: false, subsidiary: '1' }, {}, 3);
  account.insertRecord(
    'purchaseorder',
    { tranid: 'PO1', entity: '3', subsidiary: '1', location: '1', trandate: '2024-03-01', statusref: 'pendingReceipt' },
    { item: [{ line: '1', item: '2', quantity: 5, quantityreceived: 0, isclosed: false, location: '1' }] },
    10,
  );
}

describe('joins when two record types share an internal id', () => {
  test("a filter through location.<field> reads location 1, not subsidiary 1", () => {
    const { search } = makeBed({ customFields: { custrecord_hwx_loc_hotwax: 'checkbox' } }, sameIds);
    const s = search.create({ type: 'transaction', filters: [['mainline', 'is', 'F'], 'AND', ['location.custrecord_hwx_loc_hotwax', 'is', 'T']] });
    expect(ids(s)).toEqual(['10']);
  });

  test('a joined column shows the location, and the subsidiary join still finds the subsidiary', () => {
    const { search } = makeBed({ customFields: { custrecord_hwx_loc_hotwax: 'checkbox' } }, sameIds);
    const [row] = search
      .create({ type: 'transaction', filters: [['mainline', 'is', 'F']], columns: [search.createColumn({ name: 'name', join: 'location' }), search.createColumn({ name: 'name', join: 'subsidiary' })] })
      .run()
      .getRange({ start: 0, end: 1 });
    expect(row?.getValue({ name: 'name', join: 'location' })).toBe('Main Warehouse');
    expect(row?.getValue({ name: 'name', join: 'subsidiary' })).toBe('Parent Co');
  });
});
