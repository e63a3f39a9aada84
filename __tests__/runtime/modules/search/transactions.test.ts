// Transaction searches (NETSUITE.md 4): one row per line plus the mainline row, PO status codes, type codes,
// joins, and the exact filter shapes the HotWax adapters use.
import * as path from 'node:path';
import { cleanup, errorOf, ID, ids, makeBed, type TestBed } from './helpers';

let bed: TestBed;
beforeEach(() => {
  bed = makeBed();
});
afterEach(cleanup);

type Row = { id: string | null; getValue(c: unknown): unknown; getText(c: unknown): unknown };
const rows = (type: string, filters: unknown[], columns: unknown[]): Row[] => bed.search.create({ type, filters, columns }).run().getRange({ start: 0, end: 1000 });

describe('rows: one per line plus a mainline row (NETSUITE.md 4.3: transaction searches return one row per line)', () => {
  test('a purchase order search without a mainline filter returns the body row and every line', () => {
    const r = rows('purchaseorder', [['internalid', 'anyof', ID.po100]], ['mainline', 'line', 'item', 'quantity']);
    expect(r.map((x) => [x.getValue('mainline'), x.getValue('line'), x.getValue('item'), x.getValue('quantity')])).toEqual([
      ['*', '0', '', ''],
      ['', '1', '30', '10'],
      ['', '2', '31', '4'],
    ]);
    expect(r.every((x) => x.id === '100')).toBe(true);
  });
  test("mainline 'T' keeps only body rows, 'F' only line rows", () => {
    expect(ids(bed.search.create({ type: 'purchaseorder', filters: [['mainline', 'is', 'T']] }))).toEqual(['100', '101', '102', '103']);
    expect(ids(bed.search.create({ type: 'purchaseorder', filters: [['mainline', 'is', 'F']] }))).toEqual(['100', '100', '101', '101', '102', '103']);
  });
  test('body fields are repeated on every line row', () => {
    const r = rows('purchaseorder', [['tranid', 'is', 'PO100']], ['tranid', 'trandate', 'entity', 'memomain']);
    expect(r.map((x) => [x.getValue('tranid'), x.getValue('trandate'), x.getValue('entity'), x.getValue('memomain')])).toEqual([
      ['PO100', '3/1/2024', '20', 'PO100 memo'],
      ['PO100', '3/1/2024', '20', 'PO100 memo'],
      ['PO100', '3/1/2024', '20', 'PO100 memo'],
    ]);
  });
  test('memo is the line memo on line rows and the body memo on the mainline', () => {
    const r = rows('purchaseorder', [['tranid', 'is', 'PO100']], ['memo']);
    expect(r.map((x) => x.getValue('memo'))).toEqual(['PO100 memo', 'red line', '']);
  });
  test("taxline, shipping and cogs are understood; there are no such lines here, so 'F' keeps all rows and 'T' none", () => {
    const base = [['tranid', 'is', 'PO100']];
    expect(ids(bed.search.create({ type: 'purchaseorder', filters: [...base, 'AND', ['taxline', 'is', 'F'], 'AND', ['shipping', 'is', 'F'], 'AND', ['cogs', 'is', 'F']] }))).toHaveLength(3);
    expect(ids(bed.search.create({ type: 'purchaseorder', filters: [...base, 'AND', ['taxline', 'is', 'T']] }))).toHaveLength(0);
  });
  test('location is the line location on line rows and the body location on the mainline', () => {
    const r = rows('purchaseorder', [['tranid', 'is', 'PO100']], ['location']);
    expect(r.map((x) => [x.getValue('location'), x.getText('location')])).toEqual([
      ['10', 'Warehouse East'],
      ['10', 'Warehouse East'],
      ['11', 'Store Soho'],
    ]);
    expect(ids(bed.search.create({ type: 'purchaseorder', filters: [['location', 'anyof', '11'], 'AND', ['tranid', 'is', 'PO100']] }))).toEqual(['100']);
  });
  test('line columns: quantityreceived (alias quantityshiprecv), rate, amount, expectedreceiptdate, closed/isclosed', () => {
    const r = rows('purchaseorder', [['tranid', 'is', 'PO101'], 'AND', ['mainline', 'is', 'F']], ['quantityreceived', 'quantityshiprecv', 'rate', 'amount', 'closed', 'isclosed']);
    expect(r.map((x) => [x.getValue('quantityreceived'), x.getValue('quantityshiprecv'), x.getValue('rate'), x.getValue('amount'), x.getValue('closed'), x.getValue('isclosed')])).toEqual([
      ['3', '3', '2.5', '20.00', false, false],
      ['0', '0', '5', '10.00', true, true],
    ]);
    const po100 = rows('purchaseorder', [['tranid', 'is', 'PO100'], 'AND', ['line', 'equalto', 1]], ['expectedreceiptdate']);
    expect(po100.map((x) => x.getValue('expectedreceiptdate'))).toEqual(['3/20/2024']);
  });
  test('the mainline amount is the transaction total', () => {
    const r = rows('purchaseorder', [['tranid', 'is', 'PO100'], 'AND', ['mainline', 'is', 'T']], ['amount']);
    expect(r[0]?.getValue('amount')).toBe('45.00');
  });
  test('item getValue is the internal id and getText the item name', () => {
    const r = rows('purchaseorder', [['tranid', 'is', 'PO100'], 'AND', ['mainline', 'is', 'F']], ['item']);
    expect(r.map((x) => [x.getValue('item'), x.getText('item')])).toEqual([
      ['30', 'SKU-RED'],
      ['31', 'SKU-BLUE'],
    ]);
  });
  test('closed line filter: isclosed is F on open lines', () => {
    const r = rows('purchaseorder', [['mainline', 'is', 'F'], 'AND', ['isclosed', 'is', 'T']], ['tranid', 'line']);
    expect(r.map((x) => `${String(x.getValue('tranid'))}/${String(x.getValue('line'))}`)).toEqual(['PO101/2']);
  });
  test("an inventory adjustment's lines come from its inventory sublist; quantity is adjustqtyby", () => {
    const r = rows('inventoryadjustment', [['mainline', 'is', 'F']], ['item', 'location', 'quantity', 'custcol_hwx_variance_id']);
    expect(r.map((x) => [x.getValue('item'), x.getValue('location'), x.getValue('quantity'), x.getValue('custcol_hwx_variance_id')])).toEqual([
      ['30', '11', '-2', 'V-1'],
      ['31', '10', '3', 'V-2'],
    ]);
    const main = rows('inventoryadjustment', [['mainline', 'is', 'T']], ['location', 'account']);
    expect(main.map((x) => [x.getValue('location'), x.getText('account')])).toEqual([['13', 'Inventory Shrinkage']]);
  });
  test('a transfer line is at the from-location; transferlocation is the to-location', () => {
    const r = rows('inventorytransfer', [['mainline', 'is', 'F']], ['location', 'transferlocation', 'quantity']);
    expect(r.map((x) => [x.getText('location'), x.getText('transferlocation'), x.getValue('quantity')])).toEqual([['Warehouse East', 'Store Soho', '4']]);
  });
  test('a record-type search reads only that type; transaction reads them all', () => {
    expect(ids(bed.search.create({ type: 'itemreceipt', filters: [['mainline', 'is', 'T']] }))).toEqual(['202']);
    expect(ids(bed.search.create({ type: bed.search.Type.TRANSACTION, filters: [['mainline', 'is', 'T']] }))).toEqual(['100', '101', '102', '103', '200', '201', '202']);
    expect(rows('transaction', [['internalid', 'anyof', '202'], 'AND', ['mainline', 'is', 'T']], ['tranid'])[0]).toMatchObject({ recordType: 'itemreceipt' });
  });
});

describe('type and status filters (NETSUITE.md 4.3 search filter ids)', () => {
  test("type anyof ['InvAdjst','InvTrnfr']; getValue is the code and getText the type name", () => {
    const r = rows('transaction', [['type', 'anyof', ['InvAdjst', 'InvTrnfr']], 'AND', ['mainline', 'is', 'T']], ['type']);
    expect(r.map((x) => [x.id, x.getValue('type'), x.getText('type')])).toEqual([
      ['200', 'InvAdjst', 'Inventory Adjustment'],
      ['201', 'InvTrnfr', 'Inventory Transfer'],
    ]);
    expect(ids(bed.search.create({ type: 'transaction', filters: [['type', 'anyof', 'PurchOrd', 'ItemRcpt'], 'AND', ['mainline', 'is', 'T']] }))).toEqual(['100', '101', '102', '103', '202']);
  });
  test('an unknown type code is refused, not silently unmatched', () => {
    const err = errorOf(() => ids(bed.search.create({ type: 'transaction', filters: [['type', 'anyof', 'PurchaseOrder']] })));
    expect(err.name).toBe('SSS_INVALID_SRCH_FILTER');
    expect(err.message).toContain('PurchaseOrder');
  });
  test("status anyof ['PurchOrd:B','PurchOrd:D','PurchOrd:E'] maps statusref pendingReceipt / partiallyReceived / pendingBillPartReceived", () => {
    const r = rows('purchaseorder', [['status', 'anyof', ['PurchOrd:B', 'PurchOrd:D', 'PurchOrd:E']], 'AND', ['mainline', 'is', 'T']], ['status']);
    expect(r.map((x) => [x.id, x.getValue('status'), x.getText('status')])).toEqual([
      ['100', 'PurchOrd:B', 'Pending Receipt'],
      ['101', 'PurchOrd:D', 'Partially Received'],
      ['103', 'PurchOrd:E', 'Pending Billing/Partially Received'],
    ]);
  });
  test('PurchOrd:G is Fully Billed; noneof excludes it', () => {
    expect(ids(bed.search.create({ type: 'purchaseorder', filters: [['status', 'anyof', 'PurchOrd:G'], 'AND', ['mainline', 'is', 'T']] }))).toEqual(['102']);
    expect(ids(bed.search.create({ type: 'purchaseorder', filters: [['status', 'noneof', 'PurchOrd:G'], 'AND', ['mainline', 'is', 'T']] }))).toEqual(['100', '101', '103']);
  });
  test('an unknown status code is refused', () => {
    expect(errorOf(() => ids(bed.search.create({ type: 'purchaseorder', filters: [['status', 'anyof', 'pendingReceipt']] }))).name).toBe('SSS_INVALID_SRCH_FILTER');
  });
});

describe('body filters', () => {
  test('entity, subsidiary, tranid, externalid, createdfrom', () => {
    const main = (filters: unknown[]): (string | null)[] => ids(bed.search.create({ type: 'transaction', filters: [['mainline', 'is', 'T'], 'AND', ...filters] }));
    expect(main([['entity', 'anyof', '20']])).toEqual(['100', '101', '102', '103', '202']);
    expect(main([['subsidiary', 'anyof', '1'], 'AND', ['tranid', 'startswith', 'ADJ']])).toEqual(['200']);
    expect(main([['externalid', 'anyof', 'EXT-PO100']])).toEqual(['100']);
    expect(main([['createdfrom', 'anyof', '101']])).toEqual(['202']);
  });
  test('custbody_* and custcol_* fields are read from the body and the lines', () => {
    expect(ids(bed.search.create({ type: 'purchaseorder', filters: [['custbody_hwx_exported', 'is', 'T'], 'AND', ['mainline', 'is', 'T']] }))).toEqual(['102']);
    expect(ids(bed.search.create({ type: 'purchaseorder', filters: [['custcol_hwx_ref', 'is', 'A1']] }))).toEqual(['100']);
  });
  test("the adapters' posted-variance search shape (type anyof, mainline F, custcol isnotempty, trandate within)", () => {
    const s = bed.search.create({
      type: bed.search.Type.TRANSACTION,
      filters: [['type', 'anyof', ['InvAdjst', 'InvTrnfr']], 'AND', ['mainline', 'is', 'F'], 'AND', ['custcol_hwx_variance_id', 'isnotempty', ''], 'AND', ['trandate', 'within', '3/12/2024', '3/13/2024']],
      columns: [bed.search.createColumn({ name: 'custcol_hwx_variance_id' })],
    });
    expect(
      s
        .run()
        .getRange({ start: 0, end: 100 })
        .map((r) => r.getValue('custcol_hwx_variance_id')),
    ).toEqual(['V-1', 'V-2', 'V-3']);
  });
  test('a custom field that no stored record has and no SDF object defines is refused, naming it', () => {
    const err = errorOf(() => ids(bed.search.create({ type: 'transaction', filters: [['custcol_hwx_nope', 'isnotempty', '']] })));
    expect(err.name).toBe('SSS_INVALID_SRCH_FILTER');
    expect(err.message).toContain('custcol_hwx_nope');
  });
  test('a custom field defined in src/Objects is known even when no record carries it yet', () => {
    const empty = makeBed({}, () => undefined, path.join(process.cwd(), 'src'));
    expect(ids(empty.search.create({ type: 'transaction', filters: [['custcol_hwx_variance_id', 'isnotempty', '']] }))).toEqual([]);
    expect(ids(empty.search.create({ type: 'customrecord_hwx_feed_file', filters: [['custrecord_hwx_ff_flow', 'is', 'variance']] }))).toEqual([]);
    expect(errorOf(() => ids(empty.search.create({ type: 'transaction', filters: [['custcol_hwx_not_defined', 'isnotempty', '']] }))).name).toBe('SSS_INVALID_SRCH_FILTER');
  });
});

describe('joins (item.*, location.*, vendor/entity.*, createdfrom.*)', () => {
  test('filter on item.itemid and read item.displayname', () => {
    const r = rows('purchaseorder', [['item.itemid', 'is', 'SKU-BLUE']], ['tranid', bed.search.createColumn({ name: 'displayname', join: 'item' })]);
    expect(r.map((x) => [x.getValue('tranid'), x.getValue({ name: 'displayname', join: 'item' })])).toEqual([
      ['PO100', 'Blue Shirt'],
      ['PO101', 'Blue Shirt'],
      ['PO103', 'Blue Shirt'],
    ]);
  });
  test('item.type, item.isinactive, item.upccode, item.externalid', () => {
    const r = rows('purchaseorder', [['tranid', 'is', 'PO100'], 'AND', ['mainline', 'is', 'F']], ['item.type', 'item.isinactive', 'item.upccode', 'item.externalid']);
    expect(r.map((x) => [x.getValue({ name: 'type', join: 'item' }), x.getValue({ name: 'isinactive', join: 'item' }), x.getValue({ name: 'upccode', join: 'item' }), x.getValue({ name: 'externalid', join: 'item' })])).toEqual([
      ['InvtPart', false, '0001', 'HW-RED'],
      ['InvtPart', false, '0002', ''],
    ]);
  });
  test('location.name, location.isinactive and a location custom field through the line location', () => {
    const r = rows('purchaseorder', [['tranid', 'is', 'PO100'], 'AND', ['location.custrecord_hwx_store_code', 'is', 'SOHO']], ['line', 'location.name', 'location.isinactive']);
    expect(r.map((x) => [x.getValue('line'), x.getValue({ name: 'name', join: 'location' }), x.getValue({ name: 'isinactive', join: 'location' })])).toEqual([['2', 'Store Soho', false]]);
  });
  test('vendor.entityid and entity.companyname', () => {
    const r = rows('purchaseorder', [['mainline', 'is', 'T'], 'AND', ['vendor.entityid', 'is', 'ACME Supply']], [bed.search.createColumn({ name: 'companyname', join: 'entity' })]);
    expect(r.map((x) => x.getValue({ name: 'companyname', join: 'entity' }))).toEqual(['Acme Supply Inc', 'Acme Supply Inc', 'Acme Supply Inc', 'Acme Supply Inc']);
  });
  test('createdfrom.tranid reads the purchase order an item receipt came from', () => {
    const r = rows('itemreceipt', [['mainline', 'is', 'T']], ['createdfrom', 'createdfrom.tranid']);
    expect(r.map((x) => [x.getValue('createdfrom'), x.getText('createdfrom'), x.getValue({ name: 'tranid', join: 'createdfrom' })])).toEqual([['101', 'Purchase Order #PO101', 'PO101']]);
  });
  test('an unknown join is refused (SSS_INVALID_SRCH_FILTER_JOIN / SSS_INVALID_SRCH_COLUMN_JOIN)', () => {
    const f = errorOf(() => ids(bed.search.create({ type: 'purchaseorder', filters: [['warehouse.name', 'is', 'x']] })));
    expect(f.name).toBe('SSS_INVALID_SRCH_FILTER_JOIN');
    expect(f.message).toContain('warehouse');
    const c = errorOf(() => ids(bed.search.create({ type: 'purchaseorder', columns: [bed.search.createColumn({ name: 'name', join: 'warehouse' })] })));
    expect(c.name).toBe('SSS_INVALID_SRCH_COLUMN_JOIN');
  });
  test('an unknown field on a join is refused', () => {
    const err = errorOf(() => ids(bed.search.create({ type: 'purchaseorder', filters: [['item.colour', 'is', 'red']] })));
    expect(err.name).toBe('SSS_INVALID_SRCH_FILTER');
    expect(err.message).toContain('item.colour');
  });
});

describe('unknown names throw instead of returning nothing', () => {
  test('an unknown search type throws INVALID_RCRD_TYPE at search.create', () => {
    const err = errorOf(() => bed.search.create({ type: 'purchaseorders' }));
    expect(err.name).toBe('INVALID_RCRD_TYPE');
    expect(err.message).toContain('purchaseorders');
  });
  test('an unknown filter field throws SSS_INVALID_SRCH_FILTER when the search runs', () => {
    const s = bed.search.create({ type: 'purchaseorder', filters: [['statusref', 'is', 'pendingReceipt']] });
    const err = errorOf(() => s.run().getRange({ start: 0, end: 1 }));
    expect(err.name).toBe('SSS_INVALID_SRCH_FILTER');
    expect(err.message).toContain('statusref');
  });
  test('an unknown column throws SSS_INVALID_SRCH_COLUMN when the search runs', () => {
    const s = bed.search.create({ type: 'purchaseorder', columns: ['quantityremaining'] });
    const err = errorOf(() => s.run().each(() => true));
    expect(err.name).toBe('SSS_INVALID_SRCH_COLUMN');
    expect(err.message).toContain('quantityremaining');
  });
});
