// Transfer orders in the emulated account: statuses, the transforms to item fulfillment and item receipt,
// on-hand and in-transit quantities at each location (Oracle help "Transfer Order"; TransferOrderOrderStatus).
import { createRecordModule, type RecordModule } from '../../../../runtime/modules/record';
import { createSearchModule } from '../../../../runtime/modules/search';
import { cleanup, IDS, makeContext, thrown, type TestContext } from '../../records/testAccount';

const S = (n: number): string => String(n);

function setup(settings = {}): { ctx: TestContext; record: RecordModule } {
  const ctx = makeContext(settings, 100_000);
  ctx.account.adjustOnHand(S(IDS.sku1), S(IDS.warehouse), 50);
  ctx.account.adjustOnHand(S(IDS.sku2), S(IDS.warehouse), 50);
  return { ctx, record: createRecordModule(ctx.env) };
}

function newTransferOrder(record: RecordModule, lines: { item: number; qty: number }[], from: number = IDS.warehouse, to: number = IDS.storeA, orderstatus = 'B'): number {
  const t = record.create({ type: record.Type.TRANSFER_ORDER });
  t.setValue({ fieldId: 'subsidiary', value: IDS.subsidiary });
  t.setValue({ fieldId: 'location', value: from });
  t.setValue({ fieldId: 'transferlocation', value: to });
  t.setValue({ fieldId: 'orderstatus', value: orderstatus });
  lines.forEach((l, i) => {
    t.setSublistValue({ sublistId: 'item', fieldId: 'item', line: i, value: l.item });
    t.setSublistValue({ sublistId: 'item', fieldId: 'quantity', line: i, value: l.qty });
  });
  return t.save();
}

function ship(record: RecordModule, toId: number, quantities?: Record<string, number>, shipstatus = 'C'): number {
  const f = record.transform({ fromType: 'transferorder', fromId: toId, toType: 'itemfulfillment' });
  f.setValue({ fieldId: 'shipstatus', value: shipstatus });
  const n = f.getLineCount({ sublistId: 'item' });
  for (let i = 0; i < n; i++) {
    const orderline = String(f.getSublistValue({ sublistId: 'item', fieldId: 'orderline', line: i }));
    const q = quantities?.[orderline];
    if (quantities && q === undefined) f.setSublistValue({ sublistId: 'item', fieldId: 'itemreceive', line: i, value: false });
    else if (q !== undefined) f.setSublistValue({ sublistId: 'item', fieldId: 'quantity', line: i, value: q });
  }
  return f.save();
}

const statusOf = (ctx: TestContext, id: number): unknown => ctx.account.getRecord('transferorder', id)?.fields.statusref;

describe('transfer orders (Oracle help "Transfer Order"; statuses: TransferOrderOrderStatus)', () => {
  let ctx: TestContext;
  let record: RecordModule;
  beforeEach(() => ({ ctx, record } = setup()));
  afterEach(() => cleanup(ctx));

  test('a new approved transfer order is pending fulfillment; its lines are numbered 1, 4, 7 ([O] HotWax TransferOrderV2)', () => {
    const id = newTransferOrder(record, [{ item: IDS.sku1, qty: 5 }, { item: IDS.sku2, qty: 3 }, { item: IDS.sku1, qty: 1 }]);
    expect(statusOf(ctx, id)).toBe('pendingFulfillment');
    expect(ctx.account.getRecord('transferorder', id)?.sublists.item?.map((l) => l.line)).toEqual(['1', '4', '7']);
    expect(record.load({ type: 'transferorder', id }).getText({ fieldId: 'status' })).toBe('Pending Fulfillment');
  });

  test('pending approval cannot be fulfilled; the same from and to location is refused', () => {
    const id = newTransferOrder(record, [{ item: IDS.sku1, qty: 5 }], IDS.warehouse, IDS.storeA, 'A');
    expect(statusOf(ctx, id)).toBe('pendingApproval');
    expect(thrown(() => record.transform({ fromType: 'transferorder', fromId: id, toType: 'itemfulfillment' })).name).toBe('INVALID_INITIALIZE_REF');
    expect(thrown(() => newTransferOrder(record, [{ item: IDS.sku1, qty: 1 }], IDS.storeA, IDS.storeA)).name).toBe('USER_ERROR');
  });

  test('a receipt cannot be initialized before anything is shipped; a Picked fulfillment moves no stock', () => {
    const id = newTransferOrder(record, [{ item: IDS.sku1, qty: 5 }]);
    expect(thrown(() => record.transform({ fromType: 'transferorder', fromId: id, toType: 'itemreceipt' })).name).toBe('INVALID_INITIALIZE_REF');
    ship(record, id, undefined, 'A');
    expect(ctx.account.onHand(S(IDS.sku1), S(IDS.warehouse))).toBe(50);
    expect(ctx.account.inTransit(S(IDS.sku1), S(IDS.storeA))).toBe(0);
    expect(thrown(() => record.transform({ fromType: 'transferorder', fromId: id, toType: 'itemreceipt' })).name).toBe('INVALID_INITIALIZE_REF');
  });

  test('shipping moves stock from the source to in transit at the destination; receiving moves it to on hand there', () => {
    const id = newTransferOrder(record, [{ item: IDS.sku1, qty: 5 }, { item: IDS.sku2, qty: 4 }]);
    const f1 = ship(record, id, { '2': 3 });
    expect(statusOf(ctx, id)).toBe('pendingReceiptPartFulfilled');
    expect(ctx.account.onHand(S(IDS.sku1), S(IDS.warehouse))).toBe(47);
    expect(ctx.account.inTransit(S(IDS.sku1), S(IDS.storeA))).toBe(3);
    expect(ctx.account.getRecord('itemfulfillment', f1)?.sublists.item?.map((l) => l.orderline)).toEqual(['2']);

    const r = record.transform({ fromType: 'transferorder', fromId: id, toType: 'itemreceipt', defaultValues: { itemfulfillment: f1 } });
    expect(r.getLineCount({ sublistId: 'item' })).toBe(1);
    expect(r.getSublistValue({ sublistId: 'item', fieldId: 'orderline', line: 0 })).toBe('3');
    expect(r.getSublistValue({ sublistId: 'item', fieldId: 'quantity', line: 0 })).toBe(3);
    r.setSublistValue({ sublistId: 'item', fieldId: 'quantity', line: 0, value: 2 });
    r.save();
    expect(ctx.account.inTransit(S(IDS.sku1), S(IDS.storeA))).toBe(1);
    expect(ctx.account.onHand(S(IDS.sku1), S(IDS.storeA))).toBe(22);
    expect(statusOf(ctx, id)).toBe('pendingReceiptPartFulfilled');

    ship(record, id);
    expect(statusOf(ctx, id)).toBe('pendingReceipt');
    const all = record.transform({ fromType: 'transferorder', fromId: id, toType: 'itemreceipt' });
    expect(all.getLineCount({ sublistId: 'item' })).toBe(2);
    all.save();
    expect(statusOf(ctx, id)).toBe('received');
    expect(ctx.account.inTransit(S(IDS.sku1), S(IDS.storeA))).toBe(0);
    expect(ctx.account.onHand(S(IDS.sku1), S(IDS.storeA))).toBe(25);
    expect(ctx.account.onHand(S(IDS.sku2), S(IDS.storeA))).toBe(4);
  });

  test('receiving more than was shipped is refused', () => {
    const id = newTransferOrder(record, [{ item: IDS.sku1, qty: 5 }]);
    ship(record, id, { '2': 2 });
    const r = record.transform({ fromType: 'transferorder', fromId: id, toType: 'itemreceipt' });
    r.setSublistValue({ sublistId: 'item', fieldId: 'quantity', line: 0, value: 3 });
    expect(thrown(() => r.save()).name).toBe('USER_ERROR');
  });

  test('fulfilling more than remains, or more than the source holds, is refused (negative stock off by default [U])', () => {
    const id = newTransferOrder(record, [{ item: IDS.sku1, qty: 60 }]);
    const f = record.transform({ fromType: 'transferorder', fromId: id, toType: 'itemfulfillment' });
    f.setSublistValue({ sublistId: 'item', fieldId: 'quantity', line: 0, value: 61 });
    expect(thrown(() => f.save()).name).toBe('USER_ERROR');
    f.setSublistValue({ sublistId: 'item', fieldId: 'quantity', line: 0, value: 55 });
    expect(thrown(() => f.save()).message).toMatch(/negative/);
  });

  test('closing every line closes the order; a closed line is not offered for fulfillment', () => {
    const id = newTransferOrder(record, [{ item: IDS.sku1, qty: 5 }, { item: IDS.sku2, qty: 4 }]);
    const t = record.load({ type: 'transferorder', id });
    t.setSublistValue({ sublistId: 'item', fieldId: 'isclosed', line: 0, value: true });
    t.save();
    const f = record.transform({ fromType: 'transferorder', fromId: id, toType: 'itemfulfillment' });
    expect(f.getLineCount({ sublistId: 'item' })).toBe(1);
    const t2 = record.load({ type: 'transferorder', id });
    t2.setSublistValue({ sublistId: 'item', fieldId: 'isclosed', line: 1, value: true });
    t2.save();
    expect(statusOf(ctx, id)).toBe('closed');
  });

  test('search: TrnfrOrd status codes, ship status and locationquantityintransit (NETSUITE.md 4.5)', () => {
    const id = newTransferOrder(record, [{ item: IDS.sku1, qty: 5 }]);
    ship(record, id);
    const search = createSearchModule(ctx.env);
    const tos = search.create({ type: 'transferorder', filters: [['status', 'anyof', ['TrnfrOrd:F']], 'and', ['mainline', 'is', 'T']], columns: ['internalid', 'status'] }).run().getRange({ start: 0, end: 10 });
    expect(tos.map((r) => r.id)).toEqual([S(id)]);
    const ifs = search.create({ type: 'itemfulfillment', filters: [['createdfrom', 'anyof', [S(id)]], 'and', ['mainline', 'is', 'T']], columns: ['shipstatus'] }).run().getRange({ start: 0, end: 10 });
    expect(ifs.map((r) => r.getValue('shipstatus'))).toEqual(['C']);
    const transit = search
      .create({ type: 'item', filters: [['internalid', 'anyof', [S(IDS.sku1)]], 'and', ['inventorylocation', 'anyof', [S(IDS.storeA)]]], columns: ['locationquantityintransit', 'locationquantityonhand'] })
      .run()
      .getRange({ start: 0, end: 10 });
    expect(transit[0]?.getValue('locationquantityintransit')).toBe('5');
  });
});
