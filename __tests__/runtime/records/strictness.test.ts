// The emulator refuses what NetSuite refuses wherever our scripts could lean on its leniency (issue: "the
// emulator becomes as strict as NetSuite"). Each test names the fact it follows or marks the rule [U]; the [U]
// ones are settings (runtime/account/types.ts) and are listed in docs/sandbox-checklist.md.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRecordModule, type RecordModule } from '../../../runtime/modules/record';
import { clearCustomDefinitionsCache } from '../../../runtime/records/recordTypes';
import type { AccountSettings } from '../../../runtime/account/types';
import { cleanup, IDS, makeContext, thrown, type TestContext } from './testAccount';

const LOT_ITEM = 110;
const SERIAL_ITEM = 111;
const BIN_ITEM = 112;
const BIN_STORE = 20;

let ctx: TestContext;
let record: RecordModule;

function setup(settings: Partial<AccountSettings> = {}): void {
  ctx = makeContext(settings);
  const objects = path.join(ctx.projectFolder, 'Objects');
  // A line field on adjustments (and so transfers), a body field on item receipts only.
  fs.writeFileSync(
    path.join(objects, 'custcol_test_reason.xml'),
    '<transactioncolumncustomfield scriptid="custcol_test_reason"><fieldtype>TEXT</fieldtype><label>Reason</label><colinventoryadjustment>T</colinventoryadjustment></transactioncolumncustomfield>\n',
  );
  fs.writeFileSync(
    path.join(objects, 'custbody_test_feed.xml'),
    '<transactionbodycustomfield scriptid="custbody_test_feed"><fieldtype>TEXT</fieldtype><label>Feed</label><bodyitemreceipt>T</bodyitemreceipt></transactionbodycustomfield>\n',
  );
  clearCustomDefinitionsCache();
  ctx.account.insertRecord('lotnumberedinventoryitem', { itemid: 'LOT-1', isinactive: false, itemtype: 'InvtPart' }, {}, LOT_ITEM);
  ctx.account.insertRecord('serializedinventoryitem', { itemid: 'SER-1', isinactive: false, itemtype: 'InvtPart' }, {}, SERIAL_ITEM);
  ctx.account.insertRecord('inventoryitem', { itemid: 'BIN-1', isinactive: false, itemtype: 'InvtPart', usebins: true }, {}, BIN_ITEM);
  ctx.account.insertRecord('location', { name: 'Bin Store', subsidiary: String(IDS.subsidiary), isinactive: false, usebins: true }, {}, BIN_STORE);
  for (const item of [LOT_ITEM, SERIAL_ITEM, BIN_ITEM]) {
    ctx.account.adjustOnHand(String(item), String(IDS.storeA), 10);
    ctx.account.adjustOnHand(String(item), String(BIN_STORE), 10);
  }
  record = createRecordModule(ctx.env);
}

afterEach(() => cleanup(ctx));

function adjustment(lines: { item: number; location: number; qty: number }[]): ReturnType<RecordModule['create']> {
  const adj = record.create({ type: record.Type.INVENTORY_ADJUSTMENT });
  adj.setValue({ fieldId: 'subsidiary', value: String(IDS.subsidiary) });
  adj.setValue({ fieldId: 'account', value: String(IDS.adjustmentAccount) });
  lines.forEach((l, line) => {
    adj.setSublistValue({ sublistId: 'inventory', fieldId: 'item', line, value: String(l.item) });
    adj.setSublistValue({ sublistId: 'inventory', fieldId: 'location', line, value: String(l.location) });
    adj.setSublistValue({ sublistId: 'inventory', fieldId: 'adjustqtyby', line, value: l.qty });
  });
  return adj;
}

function transfer(from: number, to: number, item: number, qty: number): ReturnType<RecordModule['create']> {
  const t = record.create({ type: record.Type.INVENTORY_TRANSFER });
  t.setValue({ fieldId: 'subsidiary', value: String(IDS.subsidiary) });
  t.setValue({ fieldId: 'location', value: String(from) });
  t.setValue({ fieldId: 'transferlocation', value: String(to) });
  t.setSublistValue({ sublistId: 'inventory', fieldId: 'item', line: 0, value: String(item) });
  t.setSublistValue({ sublistId: 'inventory', fieldId: 'adjustqtyby', line: 0, value: qty });
  return t;
}

describe('custom fields exist only on the record types their applies-to flags name (SDF-FIELDS.md §7.1, §7.2; runtime/objects/appliesTo.ts)', () => {
  beforeEach(() => setup());

  test('a colinventoryadjustment field is on inventory adjustments and on inventory transfers (NETSUITE.md 8: adjustment fields reach transfers)', () => {
    const adj = adjustment([{ item: IDS.sku1, location: IDS.storeA, qty: -1 }]);
    adj.setSublistValue({ sublistId: 'inventory', fieldId: 'custcol_test_reason', line: 0, value: 'Damaged' });
    const id = adj.save();
    expect(record.load({ type: 'inventoryadjustment', id }).getSublistValue({ sublistId: 'inventory', fieldId: 'custcol_test_reason', line: 0 })).toBe('Damaged');
    const t = transfer(IDS.storeA, IDS.damaged, IDS.sku1, 1);
    t.setSublistValue({ sublistId: 'inventory', fieldId: 'custcol_test_reason', line: 0, value: 'Damaged' });
    expect(() => t.save()).not.toThrow();
  });

  test('setting a bodyitemreceipt field on an inventory adjustment is refused by default [U: setting fieldNotOnRecord]', () => {
    const adj = adjustment([{ item: IDS.sku1, location: IDS.storeA, qty: -1 }]);
    const e = thrown(() => adj.setValue({ fieldId: 'custbody_test_feed', value: 'x.json' }));
    expect(e.name).toBe('NS_LOCAL_FIELD_NOT_ON_RECORD');
    expect(e.message).toContain('custbody_test_feed is not on Inventory Adjustment');
  });

  test('a line field is refused on a record type its flags do not name, in dynamic mode too', () => {
    const po = record.load({ type: 'purchaseorder', id: IDS.po, isDynamic: true });
    po.selectLine({ sublistId: 'item', line: 0 });
    expect(thrown(() => po.setCurrentSublistValue({ sublistId: 'item', fieldId: 'custcol_test_reason', value: 'x' })).name).toBe('NS_LOCAL_FIELD_NOT_ON_RECORD');
  });

  test("with fieldNotOnRecord 'ignore' the value is dropped silently and not saved", () => {
    cleanup(ctx);
    setup({ fieldNotOnRecord: 'ignore' });
    const adj = adjustment([{ item: IDS.sku1, location: IDS.storeA, qty: -1 }]);
    adj.setValue({ fieldId: 'custbody_test_feed', value: 'x.json' });
    const id = adj.save();
    expect(ctx.account.getRecord('inventoryadjustment', id)?.fields.custbody_test_feed).toBeUndefined();
  });
});

describe('stock may not go below zero through adjustments and transfers [U: no Oracle source; setting allowNegativeInventory]', () => {
  beforeEach(() => setup());

  test('an adjustment that removes more than is on hand is refused and changes nothing', () => {
    const e = thrown(() => adjustment([{ item: IDS.sku1, location: IDS.storeA, qty: -21 }]).save());
    expect(e.name).toBe('USER_ERROR');
    expect(e.message).toBe('SKU-1 at Store A has 20 on hand; removing 21 would make it negative.');
    expect(ctx.account.onHand(String(IDS.sku1), String(IDS.storeA))).toBe(20);
  });

  test('removing exactly what is on hand is fine', () => {
    adjustment([{ item: IDS.sku1, location: IDS.storeA, qty: -20 }]).save();
    expect(ctx.account.onHand(String(IDS.sku1), String(IDS.storeA))).toBe(0);
  });

  test('two lines of one adjustment count together', () => {
    expect(thrown(() => adjustment([{ item: IDS.sku1, location: IDS.storeA, qty: -15 }, { item: IDS.sku1, location: IDS.storeA, qty: -6 }]).save()).name).toBe('USER_ERROR');
  });

  test('a transfer out of a location that does not hold the quantity is refused; the destination is untouched', () => {
    const e = thrown(() => transfer(IDS.damaged, IDS.storeA, IDS.sku1, 3).save());
    expect(e.message).toBe('SKU-1 at Damaged has 0 on hand; removing 3 would make it negative.');
    expect(ctx.account.onHand(String(IDS.sku1), String(IDS.storeA))).toBe(20);
  });

  test('editing an adjustment counts only the change against on hand', () => {
    const id = adjustment([{ item: IDS.sku1, location: IDS.storeA, qty: -15 }]).save();
    const loaded = record.load({ type: 'inventoryadjustment', id });
    loaded.setSublistValue({ sublistId: 'inventory', fieldId: 'adjustqtyby', line: 0, value: -20 });
    expect(() => loaded.save()).not.toThrow();
    expect(ctx.account.onHand(String(IDS.sku1), String(IDS.storeA))).toBe(0);
  });

  test('with allowNegativeInventory the adjustment goes through', () => {
    cleanup(ctx);
    setup({ allowNegativeInventory: true });
    adjustment([{ item: IDS.sku1, location: IDS.storeA, qty: -25 }]).save();
    expect(ctx.account.onHand(String(IDS.sku1), String(IDS.storeA))).toBe(-5);
  });
});

describe('lot-numbered, serialized and bin-managed items need an inventory detail on every line (NETSUITE.md 4.1 inventorydetail; message [U])', () => {
  beforeEach(() => setup());

  test.each([
    ['a lot-numbered item', LOT_ITEM, IDS.storeA, 'LOT-1 needs lot numbers'],
    ['a serialized item', SERIAL_ITEM, IDS.storeA, 'SER-1 needs serial numbers'],
    ['a bin item at a location that uses bins', BIN_ITEM, BIN_STORE, 'BIN-1 needs bins'],
  ])('a plain quantity line for %s is refused', (_what, item, location, text) => {
    const e = thrown(() => adjustment([{ item: IDS.sku1, location: IDS.storeA, qty: 1 }, { item, location, qty: -1 }]).save());
    expect(e.name).toBe('USER_ERROR');
    expect(e.message).toBe(`Please configure the inventory detail in line 2 of the item list (${text}).`);
  });

  test('a bin item at a location without bins is a plain line', () => {
    expect(() => adjustment([{ item: BIN_ITEM, location: IDS.storeA, qty: -1 }]).save()).not.toThrow();
  });

  test('a transfer of a lot-numbered item is refused too', () => {
    expect(thrown(() => transfer(IDS.storeA, IDS.damaged, LOT_ITEM, 1).save()).message).toContain('LOT-1 needs lot numbers');
  });
});
