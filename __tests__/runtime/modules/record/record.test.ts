import { createRecordModule, type NsRecord, type RecordModule } from '../../../../runtime/modules/record';
import { GovernanceMeter } from '../../../../runtime/engines/governance';
import { cleanup, IDS, makeContext, thrown, type TestContext } from '../../records/testAccount';

const S = (n: number): string => String(n);

function setup(settings = {}, limit = 10_000): { ctx: TestContext; record: RecordModule } {
  const ctx = makeContext(settings, limit);
  return { ctx, record: createRecordModule(ctx.env) };
}

/** A standard-mode adjustment with the given lines, ready to save. */
function newAdjustment(record: RecordModule, lines: { item: number; location: number; qty: number }[], isDynamic = false): NsRecord {
  const adj = record.create({ type: record.Type.INVENTORY_ADJUSTMENT, isDynamic });
  adj.setValue({ fieldId: 'subsidiary', value: IDS.subsidiary });
  adj.setValue({ fieldId: 'account', value: IDS.adjustmentAccount });
  lines.forEach((l, i) => {
    adj.setSublistValue({ sublistId: 'inventory', fieldId: 'item', line: i, value: l.item });
    adj.setSublistValue({ sublistId: 'inventory', fieldId: 'location', line: i, value: l.location });
    adj.setSublistValue({ sublistId: 'inventory', fieldId: 'adjustqtyby', line: i, value: l.qty });
  });
  return adj;
}

describe('N/record: create, save, load', () => {
  let ctx: TestContext;
  let record: RecordModule;
  beforeEach(() => ({ ctx, record } = setup()));
  afterEach(() => cleanup(ctx));

  test('record.Type holds the lower-case record type ids (NETSUITE.md 4)', () => {
    expect(record.Type.INVENTORY_ADJUSTMENT).toBe('inventoryadjustment');
    expect(record.Type.INVENTORY_TRANSFER).toBe('inventorytransfer');
    expect(record.Type.ITEM_RECEIPT).toBe('itemreceipt');
    expect(record.Type.PURCHASE_ORDER).toBe('purchaseorder');
    expect(record.Type.LOCATION).toBe('location');
  });

  test('standard mode: setSublistValue on line == line count appends; save returns the id and applies the adjustment (NETSUITE.md 4.1, 5)', () => {
    const adj = newAdjustment(record, [
      { item: IDS.sku1, location: IDS.storeA, qty: -3 },
      { item: IDS.sku2, location: IDS.storeA, qty: 4 },
    ]);
    expect(adj.id).toBeNull();
    expect(adj.getLineCount({ sublistId: 'inventory' })).toBe(2);
    const id = adj.save();
    expect(typeof id).toBe('number');
    expect(adj.id).toBe(id);
    expect(ctx.account.onHand(S(IDS.sku1), S(IDS.storeA))).toBe(17);
    expect(ctx.account.onHand(S(IDS.sku2), S(IDS.storeA))).toBe(4);
    expect(ctx.journal.created.get('inventoryadjustment')).toEqual([id]);
  });

  test('setSublistValue or getSublistValue on a line that does not exist throws SSS_INVALID_SUBLIST_OPERATION (stub: invalid line number)', () => {
    const adj = newAdjustment(record, [{ item: IDS.sku1, location: IDS.storeA, qty: 1 }]);
    expect(thrown(() => adj.setSublistValue({ sublistId: 'inventory', fieldId: 'item', line: 5, value: IDS.sku1 })).name).toBe('SSS_INVALID_SUBLIST_OPERATION');
    expect(thrown(() => adj.getSublistValue({ sublistId: 'inventory', fieldId: 'item', line: 1 })).name).toBe('SSS_INVALID_SUBLIST_OPERATION');
    expect(thrown(() => adj.setSublistValue({ sublistId: 'nosuchsublist', fieldId: 'item', line: 0, value: 1 })).name).toBe('SSS_INVALID_SUBLIST_OPERATION');
    expect(adj.getLineCount({ sublistId: 'nosuchsublist' })).toBe(-1);
  });

  test('a missing mandatory field fails save with USER_ERROR (NETSUITE.md 4.1)', () => {
    const adj = record.create({ type: 'inventoryadjustment' });
    adj.setValue({ fieldId: 'subsidiary', value: IDS.subsidiary });
    adj.setSublistValue({ sublistId: 'inventory', fieldId: 'item', line: 0, value: IDS.sku1 });
    adj.setSublistValue({ sublistId: 'inventory', fieldId: 'location', line: 0, value: IDS.storeA });
    adj.setSublistValue({ sublistId: 'inventory', fieldId: 'adjustqtyby', line: 0, value: 1 });
    expect(thrown(() => adj.save())).toEqual({ name: 'USER_ERROR', message: 'Please enter value(s) for: Adjustment Account' });
  });

  test('date fields: getValue returns a Date, setValue takes a Date and stores YYYY-MM-DD, a string is INVALID_FLD_VALUE (NETSUITE.md 7)', () => {
    const adj = newAdjustment(record, [{ item: IDS.sku1, location: IDS.storeA, qty: 1 }]);
    const today = adj.getValue({ fieldId: 'trandate' }) as Date;
    expect(today).toBeInstanceOf(Date);
    expect([today.getFullYear(), today.getMonth() + 1, today.getDate()]).toEqual([2024, 2, 29]);
    adj.setValue({ fieldId: 'trandate', value: new Date(2024, 0, 31, 15, 30) });
    const back = adj.getValue('trandate') as Date;
    expect([back.getFullYear(), back.getMonth() + 1, back.getDate()]).toEqual([2024, 1, 31]);
    expect(thrown(() => adj.setValue({ fieldId: 'trandate', value: '2024-01-31' })).name).toBe('INVALID_FLD_VALUE');
    const id = adj.save();
    expect(ctx.account.getRecord('inventoryadjustment', id)?.fields.trandate).toBe('2024-01-31');
    const loaded = record.load({ type: 'inventoryadjustment', id });
    expect(loaded.getText({ fieldId: 'trandate' })).toBe('1/31/2024');
    expect((loaded.getValue({ fieldId: 'trandate' }) as Date).getDate()).toBe(31);
  });

  test('checkbox fields take and return booleans; the string "F" is refused', () => {
    const loc = record.load({ type: 'location', id: IDS.storeA });
    expect(loc.getValue({ fieldId: 'isinactive' })).toBe(false);
    expect(thrown(() => loc.setValue({ fieldId: 'isinactive', value: 'F' })).name).toBe('INVALID_FLD_VALUE');
    loc.setValue({ fieldId: 'isinactive', value: true });
    loc.save();
    expect(ctx.account.getRecord('location', IDS.storeA)?.fields.isinactive).toBe(true);
  });

  test('getText gives the display name of a referenced record; in standard mode it refuses a field set with setValue (stub: SSS_INVALID_API_USAGE)', () => {
    const po = record.load({ type: 'purchaseorder', id: IDS.po });
    expect(po.getText({ fieldId: 'entity' })).toBe('ACME');
    expect(po.getText({ fieldId: 'location' })).toBe('Warehouse');
    expect(po.getSublistText({ sublistId: 'item', fieldId: 'item', line: 1 })).toBe('SKU-2');
    expect(po.getValue({ fieldId: 'statusref' })).toBe('pendingReceipt');
    expect(po.getText({ fieldId: 'status' })).toBe('Pending Receipt');
    const adj = newAdjustment(record, [{ item: IDS.sku1, location: IDS.storeA, qty: 1 }]);
    expect(thrown(() => adj.getText({ fieldId: 'account' })).name).toBe('SSS_INVALID_API_USAGE');
    adj.setText({ fieldId: 'adjlocation', text: 'Damaged' });
    expect(adj.getText({ fieldId: 'adjlocation' })).toBe('Damaged');
    expect(thrown(() => adj.getValue({ fieldId: 'adjlocation' })).name).toBe('SSS_INVALID_API_USAGE');
    const id = adj.save();
    expect(record.load({ type: 'inventoryadjustment', id }).getValue({ fieldId: 'adjlocation' })).toBe(S(IDS.damaged));
  });

  test('load of a missing id throws RCRD_DSNT_EXIST; missing type or id throws SSS_MISSING_REQD_ARGUMENT (stub)', () => {
    expect(thrown(() => record.load({ type: 'inventoryadjustment', id: 999999 })).name).toBe('RCRD_DSNT_EXIST');
    expect(thrown(() => record.load({ type: 'location', id: IDS.po })).name).toBe('RCRD_DSNT_EXIST');
    expect(thrown(() => record.load({ id: 1 }))).toEqual({ name: 'SSS_MISSING_REQD_ARGUMENT', message: 'Missing a required argument: type' });
    expect(thrown(() => record.load({ type: 'location' })).name).toBe('SSS_MISSING_REQD_ARGUMENT');
    expect(thrown(() => record.create(undefined)).name).toBe('SSS_MISSING_REQD_ARGUMENT');
    expect(thrown(() => record.create({ type: 'nosuchtype' })).name).toBe('INVALID_RCRD_TYPE');
  });

  test('an item receipt is not created with record.create (NETSUITE.md 4.4: receipts come from transform)', () => {
    expect(thrown(() => record.create({ type: record.Type.ITEM_RECEIPT })).name).toBe('INVALID_RCRD_INITIALIZE');
  });

  test('an item fulfillment is neither created nor copied (Oracle help "Item Fulfillment", section_N3195884)', () => {
    const created = thrown(() => record.create({ type: record.Type.ITEM_FULFILLMENT }));
    expect(created.name).toBe('INVALID_RCRD_INITIALIZE');
    expect(created.message).toMatch(/item fulfillment is created with record\.transform/);
    expect(thrown(() => record.copy({ type: record.Type.ITEM_FULFILLMENT, id: 1 })).name).toBe('INVALID_RCRD_INITIALIZE');
  });

  test('submitFields updates body fields only, ignores read-only ones and returns the id (NETSUITE.md 5)', () => {
    const id = record.submitFields({ type: 'purchaseorder', id: IDS.po, values: { memo: 'rush', statusref: 'closed', duedate: '3/15/2024' } });
    expect(id).toBe(IDS.po);
    const stored = ctx.account.getRecord('purchaseorder', IDS.po);
    expect(stored?.fields.memo).toBe('rush');
    expect(stored?.fields.statusref).toBe('pendingReceipt');
    expect(stored?.fields.duedate).toBe('2024-03-15');
    expect(ctx.meter.usage).toBe(10);
    expect(thrown(() => record.submitFields({ type: 'purchaseorder', id: 999999, values: { memo: 'x' } })).name).toBe('RCRD_DSNT_EXIST');
  });

  test('custom record fields follow their SDF kinds: integer, date, select to a location (NETSUITE.md 8)', () => {
    const log = record.create({ type: 'customrecord_test_log' });
    log.setValue({ fieldId: 'custrecord_test_flow', value: 'adjustments' });
    log.setValue({ fieldId: 'custrecord_test_rows', value: '12' });
    log.setValue({ fieldId: 'custrecord_test_day', value: new Date(2024, 1, 29) });
    log.setValue({ fieldId: 'custrecord_test_location', value: IDS.storeA });
    const id = log.save();
    const loaded = record.load({ type: 'customrecord_test_log', id });
    expect(loaded.getValue({ fieldId: 'custrecord_test_rows' })).toBe(12);
    expect(loaded.getValue({ fieldId: 'custrecord_test_day' })).toBeInstanceOf(Date);
    expect(loaded.getText({ fieldId: 'custrecord_test_location' })).toBe('Store A');
  });

  test('delete reverses an adjustment and returns the id; deleting a missing record throws RCRD_DSNT_EXIST', () => {
    const id = newAdjustment(record, [{ item: IDS.sku1, location: IDS.storeA, qty: -4 }]).save();
    expect(ctx.account.onHand(S(IDS.sku1), S(IDS.storeA))).toBe(16);
    expect(record.delete({ type: 'inventoryadjustment', id })).toBe(id);
    expect(ctx.account.onHand(S(IDS.sku1), S(IDS.storeA))).toBe(20);
    expect(thrown(() => record.delete({ type: 'inventoryadjustment', id })).name).toBe('RCRD_DSNT_EXIST');
  });

  test('copy makes a new record without id, external id or number, dated today', () => {
    const id = newAdjustment(record, [{ item: IDS.sku1, location: IDS.storeA, qty: 1 }]);
    id.setValue({ fieldId: 'externalid', value: 'ADJ-X' });
    id.setValue({ fieldId: 'trandate', value: new Date(2024, 0, 2) });
    const savedId = id.save();
    const copy = record.copy({ type: 'inventoryadjustment', id: savedId });
    expect(copy.id).toBeNull();
    expect(copy.getValue({ fieldId: 'externalid' })).toBe('');
    expect((copy.getValue({ fieldId: 'trandate' }) as Date).getDate()).toBe(29);
    expect(copy.getLineCount({ sublistId: 'inventory' })).toBe(1);
  });
});

describe('N/record: dynamic mode', () => {
  let ctx: TestContext;
  let record: RecordModule;
  beforeEach(() => ({ ctx, record } = setup()));
  afterEach(() => cleanup(ctx));

  test('selectNewLine, setCurrentSublistValue, commitLine build lines as HotWax does (NETSUITE.md 4.1)', () => {
    const adj = record.create({ type: record.Type.INVENTORY_ADJUSTMENT, isDynamic: true });
    expect(adj.isDynamic).toBe(true);
    adj.setValue({ fieldId: 'subsidiary', value: IDS.subsidiary });
    adj.setValue({ fieldId: 'account', value: IDS.adjustmentAccount });
    adj.setValue({ fieldId: 'adjlocation', value: IDS.storeA });
    for (const [item, qty] of [
      [IDS.sku1, -2],
      [IDS.sku2, 6],
    ] as const) {
      adj.selectNewLine({ sublistId: 'inventory' });
      adj.setCurrentSublistValue({ sublistId: 'inventory', fieldId: 'item', value: item });
      adj.setCurrentSublistValue({ sublistId: 'inventory', fieldId: 'adjustqtyby', value: qty });
      // The Adjustment Location was sourced onto the line.
      expect(adj.getCurrentSublistValue({ sublistId: 'inventory', fieldId: 'location' })).toBe(S(IDS.storeA));
      adj.commitLine({ sublistId: 'inventory' });
    }
    adj.selectNewLine({ sublistId: 'inventory' });
    adj.setCurrentSublistValue({ sublistId: 'inventory', fieldId: 'item', value: IDS.sku1 });
    adj.cancelLine({ sublistId: 'inventory' });
    expect(adj.getLineCount({ sublistId: 'inventory' })).toBe(2);
    adj.selectLine({ sublistId: 'inventory', line: 1 });
    adj.setCurrentSublistValue({ sublistId: 'inventory', fieldId: 'adjustqtyby', value: 7 });
    adj.commitLine({ sublistId: 'inventory' });
    expect(adj.getSublistValue({ sublistId: 'inventory', fieldId: 'adjustqtyby', line: 1 })).toBe(7);
    adj.save();
    expect(ctx.account.onHand(S(IDS.sku1), S(IDS.storeA))).toBe(18);
    expect(ctx.account.onHand(S(IDS.sku2), S(IDS.storeA))).toBe(7);
  });

  test('commitLine validates the line; a bad select value fails as soon as it is set (INVALID_FLD_VALUE)', () => {
    const adj = record.create({ type: 'inventoryadjustment', isDynamic: true });
    adj.selectNewLine({ sublistId: 'inventory' });
    adj.setCurrentSublistValue({ sublistId: 'inventory', fieldId: 'adjustqtyby', value: 1 });
    expect(thrown(() => adj.commitLine({ sublistId: 'inventory' }))).toEqual({ name: 'USER_ERROR', message: 'Please enter value(s) for: Item, Location' });
    expect(thrown(() => adj.setCurrentSublistValue({ sublistId: 'inventory', fieldId: 'location', value: 99 })).name).toBe('INVALID_FLD_VALUE');
    expect(thrown(() => adj.setValue({ fieldId: 'adjlocation', value: IDS.inactiveStore })).name).toBe('INVALID_FLD_VALUE');
  });

  test('dynamic-only calls are refused in standard mode and setSublistValue in dynamic mode (SSS_INVALID_API_USAGE)', () => {
    const standard = record.create({ type: 'inventoryadjustment' });
    expect(thrown(() => standard.selectNewLine({ sublistId: 'inventory' })).name).toBe('SSS_INVALID_API_USAGE');
    const dynamic = record.create({ type: 'inventoryadjustment', isDynamic: true });
    expect(thrown(() => dynamic.setSublistValue({ sublistId: 'inventory', fieldId: 'item', line: 0, value: IDS.sku1 })).name).toBe('SSS_INVALID_API_USAGE');
  });

  test('insertLine, removeLine and findSublistLineWithValue work on line indexes', () => {
    const adj = newAdjustment(record, [
      { item: IDS.sku1, location: IDS.storeA, qty: 1 },
      { item: IDS.sku2, location: IDS.storeA, qty: 2 },
    ]);
    adj.insertLine({ sublistId: 'inventory', line: 0 });
    expect(adj.getLineCount({ sublistId: 'inventory' })).toBe(3);
    expect(adj.findSublistLineWithValue({ sublistId: 'inventory', fieldId: 'item', value: IDS.sku2 })).toBe(2);
    expect(adj.findSublistLineWithValue({ sublistId: 'inventory', fieldId: 'item', value: '999' })).toBe(-1);
    adj.removeLine({ sublistId: 'inventory', line: 0 });
    expect(adj.getSublistValue({ sublistId: 'inventory', fieldId: 'item', line: 0 })).toBe(S(IDS.sku1));
    expect(thrown(() => adj.removeLine({ sublistId: 'inventory', line: 2 })).name).toBe('SSS_INVALID_SUBLIST_OPERATION');
    expect(thrown(() => adj.insertLine({ sublistId: 'inventory', line: 9 })).name).toBe('SSS_INVALID_SUBLIST_OPERATION');
  });
});

describe('N/record: governance (NETSUITE.md 5)', () => {
  test('transactions cost 10 to create/load/transform and 20 to save; custom records 2/4; other records 5/10', () => {
    const { ctx, record } = setup();
    try {
      const adj = newAdjustment(record, [{ item: IDS.sku1, location: IDS.storeA, qty: 1 }]);
      expect(ctx.meter.usage).toBe(10);
      const id = adj.save();
      expect(ctx.meter.usage).toBe(30);
      record.load({ type: 'inventoryadjustment', id });
      expect(ctx.meter.usage).toBe(40);
      const log = record.create({ type: 'customrecord_test_log' });
      log.setValue({ fieldId: 'custrecord_test_flow', value: 'x' });
      log.save();
      expect(ctx.meter.usage).toBe(46);
      record.load({ type: 'location', id: IDS.storeA }).save();
      expect(ctx.meter.usage).toBe(61);
      record.transform({ fromType: 'purchaseorder', fromId: IDS.po, toType: 'itemreceipt' });
      expect(ctx.meter.usage).toBe(71);
      record.delete({ type: 'inventoryadjustment', id });
      expect(ctx.meter.usage).toBe(91);
      expect(ctx.meter.breakdown()['record.save']).toEqual({ calls: 3, units: 34 });
    } finally {
      cleanup(ctx);
    }
  });

  test('going over the budget throws SSS_USAGE_LIMIT_EXCEEDED and the save does not happen', () => {
    const { ctx, record } = setup({}, 25);
    try {
      const adj = newAdjustment(record, [{ item: IDS.sku1, location: IDS.storeA, qty: 1 }]);
      expect(thrown(() => adj.save()).name).toBe('SSS_USAGE_LIMIT_EXCEEDED');
      expect(ctx.account.listRecords('inventoryadjustment')).toHaveLength(0);
      expect(ctx.account.onHand(S(IDS.sku1), S(IDS.storeA))).toBe(20);
    } finally {
      cleanup(ctx);
    }
  });

  test('the meter of the current invocation is charged (env.meter() is read per call)', () => {
    const { ctx, record } = setup();
    try {
      const second = new GovernanceMeter(1000);
      (ctx.env as { meter: () => GovernanceMeter }).meter = () => second;
      record.load({ type: 'location', id: IDS.storeA });
      expect(second.usage).toBe(5);
      expect(ctx.meter.usage).toBe(0);
    } finally {
      cleanup(ctx);
    }
  });
});

describe('N/record: transform purchase order -> item receipt (NETSUITE.md 4.4)', () => {
  let ctx: TestContext;
  let record: RecordModule;
  afterEach(() => cleanup(ctx));

  const transform = (isDynamic = false): NsRecord => record.transform({ fromType: record.Type.PURCHASE_ORDER, fromId: IDS.po, toType: record.Type.ITEM_RECEIPT, isDynamic });

  test('transform pre-checks every open line with the remaining quantity; closed lines are left out (NETSUITE.md 4.4)', () => {
    ({ ctx, record } = setup());
    const ir = transform();
    expect(ir.getLineCount({ sublistId: 'item' })).toBe(2);
    const lines = [0, 1].map((line) => ({
      orderline: ir.getSublistValue({ sublistId: 'item', fieldId: 'orderline', line }),
      item: ir.getSublistValue({ sublistId: 'item', fieldId: 'item', line }),
      quantity: ir.getSublistValue({ sublistId: 'item', fieldId: 'quantity', line }),
      itemreceive: ir.getSublistValue({ sublistId: 'item', fieldId: 'itemreceive', line }),
      location: ir.getSublistValue({ sublistId: 'item', fieldId: 'location', line }),
    }));
    expect(lines).toEqual([
      { orderline: '1', item: S(IDS.sku1), quantity: 10, itemreceive: true, location: S(IDS.warehouse) },
      { orderline: '2', item: S(IDS.sku2), quantity: 5, itemreceive: true, location: S(IDS.warehouse) },
    ]);
    expect(ir.getValue({ fieldId: 'createdfrom' })).toBe(S(IDS.po));
    expect(ir.getValue({ fieldId: 'entity' })).toBe(S(IDS.vendor));
    expect(ir.getValue({ fieldId: 'subsidiary' })).toBe(S(IDS.subsidiary));
  });

  test('with "Default Items to Zero Received" lines start unchecked at zero (NETSUITE.md 4.4 preferences)', () => {
    ({ ctx, record } = setup({ defaultItemsToZeroReceived: true }));
    const ir = transform();
    expect(ir.getSublistValue({ sublistId: 'item', fieldId: 'itemreceive', line: 0 })).toBe(false);
    expect(ir.getSublistValue({ sublistId: 'item', fieldId: 'quantity', line: 0 })).toBe(0);
    expect(thrown(() => ir.save())).toEqual({ name: 'USER_ERROR', message: 'You must enter at least one line item for this transaction.' });
  });

  test('a partial receipt with unchecked lines receives only the checked ones; PO becomes Pending Billing/Partially Received (NETSUITE.md 4.3, 4.4)', () => {
    ({ ctx, record } = setup());
    const ir = transform();
    ir.setSublistValue({ sublistId: 'item', fieldId: 'itemreceive', line: 1, value: false });
    ir.setSublistValue({ sublistId: 'item', fieldId: 'quantity', line: 0, value: '4' });
    const id = ir.save();
    const po = ctx.account.getRecord('purchaseorder', IDS.po);
    expect(po?.sublists.item?.map((l) => l.quantityreceived)).toEqual([4, 0, 0]);
    expect(po?.fields.statusref).toBe('pendingBillPartReceived');
    expect(ctx.account.onHand(S(IDS.sku1), S(IDS.warehouse))).toBe(4);
    expect(ctx.account.onHand(S(IDS.sku2), S(IDS.warehouse))).toBe(0);
    expect(ctx.account.getRecord('itemreceipt', id)?.sublists.item).toHaveLength(1);
    expect(ctx.journal.updated.get('purchaseorder')?.has(IDS.po)).toBe(true);
    // The next transform offers what remains.
    const next = transform();
    expect(next.getSublistValue({ sublistId: 'item', fieldId: 'quantity', line: 0 })).toBe(6);
  });

  test('a full receipt makes the PO Pending Bill, and a further transform has nothing to receive: INVALID_INITIALIZE_REF (NETSUITE.md 4.3, 4.4)', () => {
    ({ ctx, record } = setup());
    transform(true).save();
    expect(ctx.account.getRecord('purchaseorder', IDS.po)?.fields.statusref).toBe('pendingBilling');
    expect(ctx.account.onHand(S(IDS.sku1), S(IDS.warehouse))).toBe(10);
    expect(thrown(() => transform())).toEqual({ name: 'INVALID_INITIALIZE_REF', message: `You can not initialize itemreceipt: invalid reference ${IDS.po}.` });
  });

  test('deleting a receipt takes the quantities back off the PO and the stock (NETSUITE.md 4.4 After save, reversed)', () => {
    ({ ctx, record } = setup());
    const id = transform().save();
    record.delete({ type: 'itemreceipt', id });
    expect(ctx.account.getRecord('purchaseorder', IDS.po)?.fields.statusref).toBe('pendingReceipt');
    expect(ctx.account.onHand(S(IDS.sku1), S(IDS.warehouse))).toBe(0);
  });

  test('receiving more than remains is refused unless "Allow Overage on Item Receipts" is on (NETSUITE.md 4.4 preferences)', () => {
    ({ ctx, record } = setup());
    const ir = transform();
    ir.setSublistValue({ sublistId: 'item', fieldId: 'quantity', line: 0, value: 11 });
    const err = thrown(() => ir.save());
    expect(err.name).toBe('USER_ERROR');
    expect(err.message).toContain('has 10 remaining and 11 would be received');
    expect(ctx.account.getRecord('purchaseorder', IDS.po)?.sublists.item?.[0]?.quantityreceived).toBe(0);
    cleanup(ctx);
    ({ ctx, record } = setup({ allowOverageOnItemReceipts: true }));
    const over = transform();
    over.setSublistValue({ sublistId: 'item', fieldId: 'quantity', line: 0, value: 11 });
    over.save();
    expect(ctx.account.getRecord('purchaseorder', IDS.po)?.sublists.item?.[0]?.quantityreceived).toBe(11);
    expect(ctx.account.onHand(S(IDS.sku1), S(IDS.warehouse))).toBe(11);
  });

  test('a PO pending approval, or a missing PO, cannot be transformed: INVALID_INITIALIZE_REF (NETSUITE.md 4.4 Failures)', () => {
    ({ ctx, record } = setup());
    expect(thrown(() => record.transform({ fromType: 'purchaseorder', fromId: IDS.pendingApprovalPo, toType: 'itemreceipt' })).name).toBe('INVALID_INITIALIZE_REF');
    expect(thrown(() => record.transform({ fromType: 'purchaseorder', fromId: 424242, toType: 'itemreceipt' })).name).toBe('INVALID_INITIALIZE_REF');
    expect(thrown(() => record.transform({ fromType: 'purchaseorder', fromId: IDS.po, toType: 'inventoryadjustment' })).name).toBe('INVALID_RCRD_TRANSFRM');
    expect(thrown(() => record.transform({ fromType: 'purchaseorder', fromId: IDS.po, toType: 'vendorbill' })).name).toBe('NS_LOCAL_UNSUPPORTED');
    expect(thrown(() => record.transform({ fromType: 'purchaseorder', toType: 'itemreceipt' })).name).toBe('SSS_MISSING_REQD_ARGUMENT');
  });

  test('read-only receipt fields (item, orderline) ignore setValue; the location may be changed (NETSUITE.md 4.4)', () => {
    ({ ctx, record } = setup());
    const ir = transform();
    ir.setSublistValue({ sublistId: 'item', fieldId: 'item', line: 0, value: IDS.sku2 });
    ir.setSublistValue({ sublistId: 'item', fieldId: 'location', line: 0, value: IDS.storeA });
    ir.setSublistValue({ sublistId: 'item', fieldId: 'itemreceive', line: 1, value: false });
    expect(ir.getSublistValue({ sublistId: 'item', fieldId: 'item', line: 0 })).toBe(S(IDS.sku1));
    ir.save();
    expect(ctx.account.onHand(S(IDS.sku1), S(IDS.storeA))).toBe(30);
  });

  test('dynamic mode partial receipt: selectLine, uncheck, commitLine (NETSUITE.md 4.4: HotWax unchecks unwanted lines)', () => {
    ({ ctx, record } = setup());
    const ir = transform(true);
    const line = ir.findSublistLineWithValue({ sublistId: 'item', fieldId: 'orderline', value: '2' });
    expect(line).toBe(1);
    ir.selectLine({ sublistId: 'item', line });
    ir.setCurrentSublistValue({ sublistId: 'item', fieldId: 'itemreceive', value: false });
    ir.commitLine({ sublistId: 'item' });
    ir.save({ enableSourceing: true });
    expect(ctx.account.getRecord('purchaseorder', IDS.po)?.sublists.item?.map((l) => l.quantityreceived)).toEqual([10, 0, 0]);
  });
});
