// Integration: the compiled transfer-order export and import scripts, run by the local runtime against the
// embedded SFTP server: warehouse-to-store (NetSuite ships, the store receives), store-to-store (the store
// ships), discrepancies under each policy, re-delivery, kills, malformed files. On-hand and in-transit are
// checked at every location after each step.
import * as fs from 'node:fs';
import { startLocalEnvironment, type LocalEnvironment } from '../../demo/environment';
import type { AccountFixture } from '../../runtime/account/fixture';
import { ACCOUNT_SHRINK, createTransferOrder, EXPORT, FOLDERS, IMPORT, inTransit, ITEMS, LOC, onHand, readJsonFiles, reportText, run, toStatus, transferFixture, warehouseReceives, warehouseShips } from './transferFixture';

let env: LocalEnvironment;
async function start(fixture: AccountFixture = transferFixture()): Promise<void> {
  env = await startLocalEnvironment({ fixture });
}
afterEach(async () => {
  await env.stop();
  fs.rmSync(env.dir, { recursive: true, force: true });
});

const exportRun = (options = {}) => run(env, EXPORT.script, EXPORT.deployment, options);
const receiptRun = (options = {}) => run(env, IMPORT.script, IMPORT.receipt, options);
const shipmentRun = (options = {}) => run(env, IMPORT.script, IMPORT.fulfillment, options);
const dropReceipt = (name: string, body: unknown): void => env.dropFile(FOLDERS.receipts, name, typeof body === 'string' ? body : JSON.stringify(body));

interface FulfillmentDoc {
  externalId: string;
  transferOrderId: string;
  packages: { trackingNumber: string | null; items: { externalId: string; itemExternalId: string; productIdValue: string; quantity: number }[] }[];
}

/** A warehouse-to-store TO (jacket x10 on line 1, hoodie x6 on line 4) shipped in part: 10 jackets, 4 hoodies. */
function shippedToStore(): { to: number; f1: number } {
  const to = createTransferOrder(env, LOC.warehouse, LOC.store254, [
    { item: ITEMS.jacket, quantity: 10 },
    { item: ITEMS.hoodie, quantity: 6 },
  ]);
  const f1 = warehouseShips(env, to, { '1': 10, '4': 4 }, 'TRK-1');
  return { to, f1 };
}

describe('warehouse to store: NetSuite ships, the store receives', () => {
  beforeEach(() => start());

  it('exports the shipped fulfillment once, with what was shipped per line; a new fulfillment is exported on its own', async () => {
    const { to, f1 } = shippedToStore();
    expect(onHand(env, ITEMS.jacket, LOC.warehouse)).toBe(90);
    expect(inTransit(env, ITEMS.jacket, LOC.store254)).toBe(10);
    expect(inTransit(env, ITEMS.hoodie, LOC.store254)).toBe(4);
    expect((await exportRun()).status).toBe('COMPLETE');
    const docs = readJsonFiles(env, FOLDERS.fulfillments) as FulfillmentDoc[];
    expect(docs).toEqual([
      {
        externalId: String(f1),
        transferOrderId: String(to),
        destinationFacilityExternalId: String(LOC.store254),
        packages: [
          {
            trackingNumber: 'TRK-1',
            items: [
              { externalId: '2', itemExternalId: '1', productIdType: 'NETSUITE_PRODUCT_ID', productIdValue: String(ITEMS.jacket), quantity: 10 },
              { externalId: '5', itemExternalId: '4', productIdType: 'NETSUITE_PRODUCT_ID', productIdValue: String(ITEMS.hoodie), quantity: 4 },
            ],
          },
        ],
      },
    ]);
    const orders = readJsonFiles(env, FOLDERS.orders) as { statusFlowId: string; orderDate: string; identifications: { idValue: string }[] }[];
    expect(orders.map((o) => [o.statusFlowId, o.identifications[0]?.idValue])).toEqual([['TO_Receive_Only', String(to)]]);
    // The TO's date as HotWax reads it (docs/feeds.md: YYYY-MM-DD), not in the account's date format (M/D/YYYY here).
    const trandate = String(env.account().getRecord('transferorder', to)?.fields.trandate);
    expect(orders[0]?.orderDate).toBe(trandate);
    expect(orders[0]?.orderDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    // Nothing changed: nothing is exported again.
    await exportRun();
    expect(env.listFolder(FOLDERS.fulfillments)).toHaveLength(1);

    // The rest ships: only the new fulfillment goes out (and the TO, whose shipped quantities changed).
    const f2 = warehouseShips(env, to);
    await exportRun();
    // Two files now, one per fulfillment (file names carry the run time, so their order is not asserted).
    const all = readJsonFiles(env, FOLDERS.fulfillments) as FulfillmentDoc[];
    expect(all.map((d) => d.externalId).sort()).toEqual([String(f1), String(f2)].sort());
    expect(all.find((d) => d.externalId === String(f2))?.packages[0]?.items.map((i) => [i.externalId, i.quantity])).toEqual([['5', 2]]);
    expect(toStatus(env, to)).toBe('pendingReceipt');
  });

  it('a TO to a store that is not a HotWax store, or not yet shipped, is not exported', async () => {
    const other = createTransferOrder(env, LOC.warehouse, LOC.outlet, [{ item: ITEMS.jacket, quantity: 2 }]);
    warehouseShips(env, other);
    createTransferOrder(env, LOC.warehouse, LOC.store255, [{ item: ITEMS.jacket, quantity: 2 }]);
    await exportRun();
    expect(readJsonFiles(env, FOLDERS.fulfillments)).toEqual([]);
    expect(readJsonFiles(env, FOLDERS.orders)).toEqual([]);
  });

  it('a receipt receives exactly the listed lines against what was shipped; the shortfall stays in transit (policy keep); re-delivery posts nothing', async () => {
    const { to, f1 } = shippedToStore();
    // HotWax sends the fulfillment's line ids (orderline) as line_id, as it does today.
    const receipt = [{ orderId: String(to), fulfillmentId: String(f1), shipmentId: 'SHP-1', items: [{ line_id: '2', quantity: '8' }, { line_id: '5', quantity: 4 }] }];
    dropReceipt('receipt-1.json', receipt);
    expect((await receiptRun()).status).toBe('COMPLETE');
    expect(onHand(env, ITEMS.jacket, LOC.store254)).toBe(8);
    expect(inTransit(env, ITEMS.jacket, LOC.store254)).toBe(2);
    expect(onHand(env, ITEMS.hoodie, LOC.store254)).toBe(4);
    expect(inTransit(env, ITEMS.hoodie, LOC.store254)).toBe(0);
    expect(onHand(env, ITEMS.jacket, LOC.warehouse)).toBe(90);
    expect(toStatus(env, to)).toBe('pendingReceiptPartFulfilled');
    const receipts = env.account().listRecords('itemreceipt');
    expect(receipts).toHaveLength(1);
    expect(receipts[0]?.fields.externalid).toMatch(/^HWX-TOR-[0-9A-F]{16}$/);
    expect(receipts[0]?.fields.custbody_hwx_to_shipment_id).toBe('SHP-1');
    expect(env.listFolder(`${FOLDERS.receipts}/archive`)).toEqual(['receipt-1.json']);
    expect(reportText(env, FOLDERS.receipts)).toMatch(/2 shipped were not received; the 2 stays in transit/);

    // The same receipt again, under another name: found by its External ID, nothing posted twice.
    dropReceipt('receipt-1-again.json', receipt);
    await receiptRun();
    expect(env.account().listRecords('itemreceipt')).toHaveLength(1);
    expect(onHand(env, ITEMS.jacket, LOC.store254)).toBe(8);
    expect(reportText(env, FOLDERS.receipts)).toMatch(/already posted/);

    // A later receipt of the 2 still in transit (the TO line id works as well as the fulfillment line id).
    dropReceipt('receipt-2.json', [{ orderId: String(to), fulfillmentId: String(f1), shipmentId: 'SHP-1b', items: [{ line_id: '1', quantity: 2 }] }]);
    await receiptRun();
    expect(onHand(env, ITEMS.jacket, LOC.store254)).toBe(10);
    expect(inTransit(env, ITEMS.jacket, LOC.store254)).toBe(0);
  });

  it('over-receipts, lines not on the transfer and items not on it are reported, never posted', async () => {
    const { to, f1 } = shippedToStore();
    dropReceipt('over.json', [{ orderId: String(to), fulfillmentId: String(f1), items: [{ line_id: '2', quantity: 12 }, { line_id: '40', quantity: 1 }, { productId: String(ITEMS.stray), quantity: 3 }] }]);
    await receiptRun();
    expect(onHand(env, ITEMS.jacket, LOC.store254)).toBe(10);
    expect(inTransit(env, ITEMS.jacket, LOC.store254)).toBe(0);
    expect(onHand(env, ITEMS.stray, LOC.store254)).toBe(0);
    const report = reportText(env, FOLDERS.receipts);
    expect(report).toMatch(/12 received but only 10 were shipped/);
    expect(report).toMatch(/Line 40 is not a line of transfer order/);
    expect(report).toMatch(new RegExp(`Item ${ITEMS.stray} is not on transfer order`));
  });

  it('an entry that cannot be read (a folder named *.json) is recorded once as UNREADABLE and left; the other files go on; the record closes when it is gone', async () => {
    const { to, f1 } = shippedToStore();
    fs.mkdirSync(`${env.baseDir}/${FOLDERS.receipts}/a_folder.json`, { recursive: true });
    dropReceipt('b_good.json', [{ orderId: String(to), fulfillmentId: String(f1), items: [{ line_id: '2', quantity: 10 }] }]);
    const ffs = () => env.account().listRecords('customrecord_hwx_feed_file').filter((r) => String(r.fields.custrecord_hwx_ff_flow).startsWith('transfer-receipt:'));
    expect((await receiptRun()).status).toBe('COMPLETE');
    expect((await receiptRun()).status).toBe('COMPLETE');
    expect(onHand(env, ITEMS.jacket, LOC.store254)).toBe(10);
    expect(env.listFolder(`${FOLDERS.receipts}/archive`)).toEqual(['b_good.json']);
    const unreadable = ffs().filter((r) => r.fields.custrecord_hwx_ff_status === 'UNREADABLE');
    expect(unreadable.map((r) => r.fields.custrecord_hwx_ff_file_name)).toEqual(['a_folder.json']);
    expect(String(unreadable[0]?.fields.custrecord_hwx_ff_message)).toMatch(/it is a folder, not a file/);
    fs.rmSync(`${env.baseDir}/${FOLDERS.receipts}/a_folder.json`, { recursive: true });
    expect((await receiptRun()).status).toBe('COMPLETE');
    expect(ffs().find((r) => r.id === unreadable[0]?.id)?.fields.custrecord_hwx_ff_status).toBe('FAILED');
    expect(ffs().filter((r) => r.fields.custrecord_hwx_ff_status === 'UNREADABLE')).toEqual([]);
  });

  it('a receipt before anything shipped, for an unknown transfer, or a malformed file is reported; the file ends in one place', async () => {
    const to = createTransferOrder(env, LOC.warehouse, LOC.store254, [{ item: ITEMS.jacket, quantity: 3 }]);
    dropReceipt('early.json', [{ orderId: String(to), items: [{ line_id: '1', quantity: 3 }] }, { orderId: '999999', items: [{ line_id: '1', quantity: 1 }] }, { orderId: 'abc', items: [] }]);
    dropReceipt('broken.json', '[{"orderId": "1", ');
    await receiptRun();
    expect(env.account().listRecords('itemreceipt')).toHaveLength(0);
    expect(env.listFolder(`${FOLDERS.receipts}/archive`)).toEqual(['early.json']);
    expect(env.listFolder(`${FOLDERS.receipts}/failed`)).toEqual(['broken.json']);
    expect(env.listFolder(FOLDERS.receipts).filter((n) => n.endsWith('.json'))).toEqual([]);
    const report = reportText(env, FOLDERS.receipts);
    expect(report).toMatch(/nothing shipped and not yet received/);
    expect(report).toMatch(/Transfer order 999999 does not exist/);
    expect(report).toMatch(/orderId is missing or not a NetSuite internal id/);
    expect(report).toMatch(/not valid JSON/);
  });

  it('killed after the receipt is saved (before the file moves): the next run posts nothing twice and archives the file', async () => {
    const { to, f1 } = shippedToStore();
    dropReceipt('kill.json', [{ orderId: String(to), fulfillmentId: String(f1), items: [{ line_id: '2', quantity: 10 }, { line_id: '5', quantity: 4 }] }]);
    // record.save #1 is the file's feed-file record, #2 the item receipt.
    const killed = await receiptRun({ kill: { api: 'record.save', occurrence: 2, when: 'after' } });
    expect(killed.status).not.toBe('COMPLETE');
    expect(env.listFolder(FOLDERS.receipts)).toContain('kill.json');
    await receiptRun();
    expect(env.account().listRecords('itemreceipt')).toHaveLength(1);
    expect(onHand(env, ITEMS.jacket, LOC.store254)).toBe(10);
    // Everything shipped is received; 2 hoodies were never shipped.
    expect(toStatus(env, to)).toBe('partiallyFulfilled');
    expect(env.listFolder(`${FOLDERS.receipts}/archive`)).toEqual(['kill.json']);
  });

  it('killed after the upload, before the state is saved: the next run exports the same fulfillment again (never loses it)', async () => {
    const { f1 } = shippedToStore();
    const killed = await exportRun({ kill: { api: 'sftp.upload', occurrence: 2, when: 'after' } });
    expect(killed.status).not.toBe('COMPLETE');
    await exportRun();
    const ids = (readJsonFiles(env, FOLDERS.fulfillments) as FulfillmentDoc[]).map((d) => d.externalId);
    expect(ids.filter((id) => id === String(f1)).length).toBeGreaterThanOrEqual(1);
    await exportRun();
    expect((readJsonFiles(env, FOLDERS.fulfillments) as FulfillmentDoc[]).length).toBe(ids.length);
  });
});

describe('discrepancy policies', () => {
  it('writeoff: the shortfall is received and written off at the store to the configured account, once, even after a kill between the two', async () => {
    await start(transferFixture({ custscript_hwx_to_policy: 'writeoff', custscript_hwx_to_writeoff_account: String(ACCOUNT_SHRINK), custscript_hwx_to_writeoff_reason: 'Lost in transit' }));
    const { to, f1 } = shippedToStore();
    dropReceipt('short.json', [{ orderId: String(to), fulfillmentId: String(f1), shipmentId: 'SHP-9', items: [{ line_id: '2', quantity: 7 }, { line_id: '5', quantity: 4 }] }]);
    // record.save #1 is the file's feed-file record, #2 the item receipt, #3 the write-off.
    const killed = await receiptRun({ kill: { api: 'record.save', occurrence: 2, when: 'after' } });
    expect(killed.status).not.toBe('COMPLETE');
    await receiptRun();
    expect(onHand(env, ITEMS.jacket, LOC.store254)).toBe(7);
    expect(inTransit(env, ITEMS.jacket, LOC.store254)).toBe(0);
    const adjustments = env.account().listRecords('inventoryadjustment');
    expect(adjustments).toHaveLength(1);
    expect(adjustments[0]?.fields.account).toBe(String(ACCOUNT_SHRINK));
    expect(adjustments[0]?.fields.externalid).toMatch(/^HWX-TOA-/);
    expect(adjustments[0]?.fields.custbody_hwx_to_shipment_id).toBe('SHP-9');
    expect(String(adjustments[0]?.fields.memo)).toMatch(/Lost in transit/);
    expect(adjustments[0]?.sublists.inventory?.map((l) => [l.item, l.adjustqtyby])).toEqual([[String(ITEMS.jacket), -3]]);
    // All shipped is received (3 of it written off); the 2 hoodies never shipped are still to fulfill.
    expect(toStatus(env, to)).toBe('partiallyFulfilled');
  });

  it('writeoff to a shrink location: an inventory transfer from the store to the shrink location', async () => {
    await start(transferFixture({ custscript_hwx_to_policy: 'writeoff', custscript_hwx_to_shrink_location: String(LOC.shrink) }));
    const { to, f1 } = shippedToStore();
    dropReceipt('short.json', [{ orderId: String(to), fulfillmentId: String(f1), items: [{ line_id: '2', quantity: 9 }, { line_id: '5', quantity: 4 }] }]);
    await receiptRun();
    expect(onHand(env, ITEMS.jacket, LOC.store254)).toBe(9);
    expect(onHand(env, ITEMS.jacket, LOC.shrink)).toBe(1);
    expect(inTransit(env, ITEMS.jacket, LOC.store254)).toBe(0);
  });

  it('close: the shortfall is written off and the received lines are closed', async () => {
    await start(transferFixture({ custscript_hwx_to_policy: 'close', custscript_hwx_to_writeoff_account: String(ACCOUNT_SHRINK) }));
    const { to, f1 } = shippedToStore();
    dropReceipt('short.json', [{ orderId: String(to), fulfillmentId: String(f1), items: [{ line_id: '2', quantity: 9 }, { line_id: '5', quantity: 4 }] }]);
    await receiptRun();
    expect(onHand(env, ITEMS.jacket, LOC.store254)).toBe(9);
    expect(inTransit(env, ITEMS.hoodie, LOC.store254)).toBe(0);
    // Both lines closed: the 2 hoodies never shipped are no longer expected.
    expect(toStatus(env, to)).toBe('closed');
  });
});

describe('store to store: the store ships in HotWax', () => {
  beforeEach(() => start());

  it('exports the approved TO once; HotWax shipment -> shipped item fulfillment once; the receiving store receives it', async () => {
    const to = createTransferOrder(env, LOC.store254, LOC.store255, [{ item: ITEMS.tee, quantity: 5 }]);
    createTransferOrder(env, LOC.store254, LOC.store255, [{ item: ITEMS.tee, quantity: 1 }], 'A');
    await exportRun();
    const orders = readJsonFiles(env, FOLDERS.orders) as { statusFlowId: string; shipGroups: { items: { externalId: string; quantity: number }[] }[]; identifications: { idValue: string }[] }[];
    expect(orders.map((o) => [o.statusFlowId, o.identifications[0]?.idValue, o.shipGroups[0]?.items.map((i) => [i.externalId, i.quantity])])).toEqual([['TO_Fulfill_And_Receive', String(to), [['1', 5]]]]);

    const shipment = [{ orderId: String(to), shipmentId: 'HC-SHIP-1', trackingNumber: 'ZX1', items: [{ line_id: '1', quantity: 4 }] }];
    env.dropFile(FOLDERS.storeShipments, 'ship-1.json', JSON.stringify(shipment));
    expect((await shipmentRun()).status).toBe('COMPLETE');
    env.dropFile(FOLDERS.storeShipments, 'ship-1-again.json', JSON.stringify(shipment));
    await shipmentRun();
    const fulfillments = env.account().listRecords('itemfulfillment');
    expect(fulfillments).toHaveLength(1);
    expect(fulfillments[0]?.fields.shipstatus).toBe('C');
    expect(fulfillments[0]?.fields.custbody_hwx_to_shipment_id).toBe('HC-SHIP-1');
    expect(onHand(env, ITEMS.tee, LOC.store254)).toBe(16);
    expect(inTransit(env, ITEMS.tee, LOC.store255)).toBe(4);
    expect(toStatus(env, to)).toBe('pendingReceiptPartFulfilled');
    expect(reportText(env, FOLDERS.storeShipments)).toMatch(/already posted/);

    dropReceipt('r.json', [{ orderId: String(to), items: [{ line_id: '1', quantity: 4 }] }]);
    await receiptRun();
    expect(onHand(env, ITEMS.tee, LOC.store255)).toBe(4);
    expect(inTransit(env, ITEMS.tee, LOC.store255)).toBe(0);
  });

  it('shipping more than the store holds is refused by NetSuite and reported; nothing moves', async () => {
    const to = createTransferOrder(env, LOC.store254, LOC.warehouse, [{ item: ITEMS.tee, quantity: 30 }]);
    env.dropFile(FOLDERS.storeShipments, 'too-many.json', JSON.stringify([{ orderId: String(to), items: [{ line_id: '1', quantity: 25 }] }]));
    await shipmentRun();
    expect(env.account().listRecords('itemfulfillment')).toHaveLength(0);
    expect(onHand(env, ITEMS.tee, LOC.store254)).toBe(20);
    expect(reportText(env, FOLDERS.storeShipments)).toMatch(/NetSuite refused the item fulfillment/);
  });
});

// Found by the kill matrix (__tests__/killmatrix, docs/proofs.md); each test names the point that showed it.
describe('a run killed anywhere leaves what the uninterrupted run leaves', () => {
  beforeEach(() => start());
  const feedFiles = (flow: RegExp) => env.account().listRecords('customrecord_hwx_feed_file').filter((r) => flow.test(String(r.fields.custrecord_hwx_ff_flow)));
  // Only Date is faked (scripts read the clock with new Date()): each run reads the files a minute after the last.
  const minutes = (): ((n: number) => void) => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask', 'hrtime', 'performance'] });
    return (n) => jest.setSystemTime(new Date(Date.UTC(2026, 10, 23, 15, n)));
  };
  afterEach(() => jest.useRealTimers());

  it('export killed after its uploads, before its record (TO export, phase 2 run 1: kill before record.save #1): the next run sends again and leaves its record', async () => {
    const to = createTransferOrder(env, LOC.store254, LOC.warehouse, [{ item: ITEMS.tee, quantity: 3 }]);
    warehouseShips(env, to);
    expect((await exportRun()).status).toBe('COMPLETE');
    warehouseReceives(env, to);
    // The state used to be saved in a file of its own first: a run killed before its record had marked the
    // received TO as sent, so the next run sent nothing and no record told of the upload.
    expect((await exportRun({ kill: { api: 'record.save', occurrence: 1, when: 'before' } })).status).toBe('KILLED');
    expect((await exportRun()).status).toBe('COMPLETE');
    expect((await exportRun()).usageByApi['sftp.upload']).toBeUndefined();
    expect(feedFiles(/^transfer:export$/).map((r) => r.fields.custrecord_hwx_ff_status)).toEqual(['UPLOADED', 'UPLOADED']);
    const statuses = (readJsonFiles(env, FOLDERS.orders) as { orderStatus: string }[]).map((o) => o.orderStatus);
    expect(statuses).toContain('received');
    expect(statuses.filter((x) => x === 'received').length).toBeGreaterThanOrEqual(1);
  });

  it('receipt killed between its report and its move (TO receipts, run 1: kill after sftp.upload #1): one report, not one per run', async () => {
    const at = minutes();
    const { to, f1 } = shippedToStore();
    dropReceipt('over.json', [{ orderId: String(to), fulfillmentId: String(f1), items: [{ line_id: '2', quantity: 12 }, { line_id: '5', quantity: 4 }] }]);
    at(0);
    expect((await receiptRun({ kill: { api: 'sftp.upload', occurrence: 1, when: 'after' } })).status).toBe('KILLED');
    at(1);
    expect((await receiptRun()).status).toBe('COMPLETE');
    expect(env.listFolder(`${FOLDERS.receipts}/error`)).toHaveLength(1);
    expect(env.listFolder(`${FOLDERS.receipts}/archive`)).toEqual(['over.json']);
    expect(feedFiles(/^transfer-receipt:/).map((r) => [r.fields.custrecord_hwx_ff_status, r.fields.custrecord_hwx_ff_final_path, r.fields.custrecord_hwx_ff_error_report])).toEqual([
      ['ARCHIVED', `${FOLDERS.receipts}/archive/over.json`, `${FOLDERS.receipts}/error/${env.listFolder(`${FOLDERS.receipts}/error`)[0] ?? ''}`],
    ]);
  });

  it('receipt killed after it posted an entry (TO receipts, run 1: kill after record.save #2): the report still names the over-receipts, not "already posted"', async () => {
    const at = minutes();
    const a = shippedToStore();
    const b = shippedToStore();
    // Two over-receipts: record.save #2 is the first item receipt (#1 the file's feed-file record; before that
    // record existed, #2 was the second receipt: the next run then called both entries "already posted").
    const entries = [a, b].map((x) => ({ orderId: String(x.to), fulfillmentId: String(x.f1), items: [{ line_id: '2', quantity: 12 }, { line_id: '5', quantity: 4 }] }));
    dropReceipt('over.json', entries);
    at(0);
    expect((await receiptRun({ kill: { api: 'record.save', occurrence: 2, when: 'after' } })).status).toBe('KILLED');
    at(1);
    expect((await receiptRun()).status).toBe('COMPLETE');
    expect(env.account().listRecords('itemreceipt')).toHaveLength(2);
    const report = reportText(env, FOLDERS.receipts);
    expect(report.match(/12 received but only 10 were shipped/g)).toHaveLength(2);
    expect(report).not.toMatch(/already posted/);
    // The same entries in another delivery are "already posted": that delivery posted nothing.
    dropReceipt('over-again.json', entries);
    at(2);
    expect((await receiptRun()).status).toBe('COMPLETE');
    const again = env.listFolder(`${FOLDERS.receipts}/error`).filter((n) => n.startsWith('over-again'));
    expect(again).toHaveLength(1);
    expect(env.readFile(`${FOLDERS.receipts}/error`, again[0] ?? '').match(/,already posted,/g)).toHaveLength(2);
    expect(env.account().listRecords('itemreceipt')).toHaveLength(2);
  });

  it('store shipment killed after its first fulfillment (TO store shipments, run 1: kill after record.save #2): one fulfillment, reported as the uninterrupted run reports it', async () => {
    const at = minutes();
    const s = createTransferOrder(env, LOC.store254, LOC.store255, [{ item: ITEMS.tee, quantity: 5 }]);
    const x = createTransferOrder(env, LOC.store254, LOC.warehouse, [{ item: ITEMS.tee, quantity: 30 }]);
    env.dropFile(FOLDERS.storeShipments, 'ship.json', JSON.stringify([{ orderId: String(s), items: [{ line_id: '1', quantity: 4 }] }, { orderId: String(x), items: [{ line_id: '1', quantity: 25 }] }]));
    at(0);
    // record.save #2: the first fulfillment (#1 the file's feed-file record; before it, #2 was the refused one).
    expect((await shipmentRun({ kill: { api: 'record.save', occurrence: 2, when: 'after' } })).status).toBe('KILLED');
    at(1);
    expect((await shipmentRun()).status).toBe('COMPLETE');
    expect(env.account().listRecords('itemfulfillment')).toHaveLength(1);
    expect(inTransit(env, ITEMS.tee, LOC.store255)).toBe(4);
    expect(env.listFolder(`${FOLDERS.storeShipments}/error`)).toHaveLength(1);
    const report = reportText(env, FOLDERS.storeShipments);
    expect(report).toMatch(/NetSuite refused the item fulfillment/);
    expect(report).not.toMatch(/already posted/);
  });
});
