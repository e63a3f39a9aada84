// Integration: the write-off grace period (custscript_hwx_to_grace_days, issue: "write it off after a grace
// period with an inventory adjustment to a configurable account and reason"). Under writeoff with 7 days of
// grace a short receipt leaves the shortfall in transit; the receipt-mode run writes off what a fulfillment still
// has in transit once the transfer order's last HotWax receipt is 7 days old, once (HWX-TOGR-/HWX-TOGA-<fulfillment>),
// carrying the HotWax shipment and line ids. Time passing is played by dating the receipts and the fulfillment
// back in the account (the runtime dates records by the run's clock: NETSUITE.md, trandate defaults to today).
import * as fs from 'node:fs';
import { startLocalEnvironment, type LocalEnvironment } from '../../demo/environment';
import { ACCOUNT_SHRINK, createTransferOrder, dateBack, FOLDERS, IMPORT, inTransit, ITEMS, LOC, onHand, run, transferFixture, warehouseShips } from './transferFixture';

let env: LocalEnvironment;
const GRACE = { custscript_hwx_to_policy: 'writeoff', custscript_hwx_to_writeoff_account: String(ACCOUNT_SHRINK), custscript_hwx_to_writeoff_reason: 'Lost in transit', custscript_hwx_to_grace_days: '7' };

beforeEach(async () => {
  env = await startLocalEnvironment({ fixture: transferFixture(GRACE) });
});
afterEach(async () => {
  await env.stop();
  fs.rmSync(env.dir, { recursive: true, force: true });
});

const receiptRun = (options = {}) => run(env, IMPORT.script, IMPORT.receipt, options);
const dropReceipt = (name: string, body: unknown): void => env.dropFile(FOLDERS.receipts, name, JSON.stringify(body));
const adjustments = () => env.account().listRecords('inventoryadjustment');
const receipts = () => env.account().listRecords('itemreceipt');

/** A TO of 10 jackets (line 1) and 4 hoodies (line 4), shipped 12 days ago; the store receives 7 jackets and the hoodies. */
async function shortReceipt(daysAgo: number): Promise<{ to: number; f1: number }> {
  const to = createTransferOrder(env, LOC.warehouse, LOC.store254, [
    { item: ITEMS.jacket, quantity: 10 },
    { item: ITEMS.hoodie, quantity: 4 },
  ]);
  const f1 = warehouseShips(env, to);
  dateBack(env, 'itemfulfillment', [f1], 12);
  dropReceipt('short.json', [{ orderId: String(to), fulfillmentId: String(f1), shipmentId: 'SHP-42', items: [{ line_id: '1', quantity: 7, shipmentItemSeqId: '00001' }, { line_id: '4', quantity: 4, shipmentItemSeqId: '00002' }] }]);
  expect((await receiptRun()).status).toBe('COMPLETE');
  dateBack(env, 'itemreceipt', receipts().map((r) => r.id), daysAgo);
  return { to, f1 };
}

it('within the grace period nothing is written off: the 3 jackets stay in transit at the store', async () => {
  await shortReceipt(3);
  expect(receipts()).toHaveLength(1);
  expect(onHand(env, ITEMS.jacket, LOC.store254)).toBe(7);
  expect(inTransit(env, ITEMS.jacket, LOC.store254)).toBe(3);
  expect((await receiptRun()).status).toBe('COMPLETE');
  expect(adjustments()).toHaveLength(0);
  expect(receipts()).toHaveLength(1);
  expect(inTransit(env, ITEMS.jacket, LOC.store254)).toBe(3);
});

it('a later receipt inside the grace period covers the rest: nothing is written off after the grace period either', async () => {
  const { to, f1 } = await shortReceipt(5);
  dropReceipt('rest.json', [{ orderId: String(to), fulfillmentId: String(f1), shipmentId: 'SHP-42', items: [{ line_id: '1', quantity: 3 }] }]);
  expect((await receiptRun()).status).toBe('COMPLETE');
  expect(inTransit(env, ITEMS.jacket, LOC.store254)).toBe(0);
  dateBack(env, 'itemreceipt', receipts().map((r) => r.id), 30);
  expect((await receiptRun()).status).toBe('COMPLETE');
  expect(adjustments()).toHaveLength(0);
  expect(receipts()).toHaveLength(2);
  expect(onHand(env, ITEMS.jacket, LOC.store254)).toBe(10);
});

it('after the grace period the remainder is written off once, with the shipment and line ids, even when the step is killed midway and runs twice', async () => {
  const { to, f1 } = await shortReceipt(8);
  // Killed right after the receipt of the remainder is saved, before its write-off.
  const killed = await receiptRun({ kill: { api: 'record.save', occurrence: 1, when: 'after' } });
  expect(killed.status).not.toBe('COMPLETE');
  expect(receipts()).toHaveLength(2);
  expect(adjustments()).toHaveLength(0);
  expect(inTransit(env, ITEMS.jacket, LOC.store254)).toBe(0);
  expect(onHand(env, ITEMS.jacket, LOC.store254)).toBe(10);
  // The next run finishes the write-off; the one after does nothing.
  expect((await receiptRun()).status).toBe('COMPLETE');
  expect((await receiptRun()).status).toBe('COMPLETE');
  const adj = adjustments();
  expect(adj).toHaveLength(1);
  expect(adj[0]?.fields.externalid).toBe(`HWX-TOGA-${f1}`);
  expect(adj[0]?.fields.account).toBe(String(ACCOUNT_SHRINK));
  expect(adj[0]?.fields.custbody_hwx_to_shipment_id).toBe('SHP-42');
  // Found by the kill matrix (TO grace write-off, run 1: kill after record.save #1): the write-off a later run
  // finishes carries the memo the uninterrupted run writes (it said only "item receipt <id>" before).
  expect(adj[0]?.fields.memo).toBe(`Lost in transit: HotWax shipment SHP-42: not received 7 day(s) after the last receipt (${String(receipts().find((r) => String(r.fields.externalid).startsWith('HWX-TOR-'))?.fields.trandate)}), fulfillment ${f1}, HotWax lines 00001, transfer order ${to}`);
  expect(adj[0]?.sublists.inventory?.map((l) => [l.item, l.adjustqtyby])).toEqual([[String(ITEMS.jacket), -3]]);
  const grace = receipts().find((r) => r.fields.externalid === `HWX-TOGR-${f1}`);
  expect(grace?.fields.custbody_hwx_to_shipment_id).toBe('SHP-42');
  expect(grace?.sublists.item?.filter((l) => l.itemreceive === true).map((l) => [l.item, l.quantity, l.custcol_hwx_to_short_qty, l.custcol_hwx_to_line_ids])).toEqual([[String(ITEMS.jacket), 3, 3, '00001']]);
  expect(receipts()).toHaveLength(2);
  expect(onHand(env, ITEMS.jacket, LOC.store254)).toBe(7);
  expect(inTransit(env, ITEMS.jacket, LOC.store254)).toBe(0);
  expect(onHand(env, ITEMS.hoodie, LOC.store254)).toBe(4);
});

it('without a grace period the shortfall is still written off at receipt (the behaviour before)', async () => {
  await env.stop();
  fs.rmSync(env.dir, { recursive: true, force: true });
  env = await startLocalEnvironment({ fixture: transferFixture({ ...GRACE, custscript_hwx_to_grace_days: '0' }) });
  await shortReceipt(0);
  expect(adjustments()).toHaveLength(1);
  expect(inTransit(env, ITEMS.jacket, LOC.store254)).toBe(0);
  expect(onHand(env, ITEMS.jacket, LOC.store254)).toBe(7);
});
