// Integration: the write-off grace step (custscript_hwx_to_grace_days > 0) in the cases graceWriteOff.test.ts
// leaves out: a shrink location (the remainder moves to it by inventory transfer), policy close (the written-off
// lines are closed, what was never shipped on them is no longer expected, other lines stay open), a fulfillment
// shipped after the TO's last receipt (never received at all: not written off), and a run with more due
// write-offs than one run's 10,000 units pay for (NETSUITE.md 5): the step stops before running out and the next
// run finishes, each fulfillment written off exactly once. Time passing is played by dating records back.
import * as fs from 'node:fs';
import { asNetSuiteUser, startLocalEnvironment, type LocalEnvironment } from '../../demo/environment';
import type { AccountFixture } from '../../runtime/account/fixture';
import { ACCOUNT_SHRINK, createTransferOrder, dateBack, FOLDERS, IMPORT, inTransit, ITEMS, LOC, onHand, run, toStatus, transferFixture, warehouseShips } from './transferFixture';

let env: LocalEnvironment;
const GRACE = { custscript_hwx_to_writeoff_reason: 'Lost in transit', custscript_hwx_to_grace_days: '7' };

async function start(fixture: AccountFixture): Promise<void> {
  env = await startLocalEnvironment({ fixture });
}
afterEach(async () => {
  await env.stop();
  fs.rmSync(env.dir, { recursive: true, force: true });
});

const receiptRun = () => run(env, IMPORT.script, IMPORT.receipt);
const dropReceipt = (name: string, body: unknown): void => env.dropFile(FOLDERS.receipts, name, JSON.stringify(body));
const records = (type: string) => env.account().listRecords(type);
const byExternalId = (type: string, externalId: string) => records(type).filter((r) => r.fields.externalid === externalId);
const toLine = (to: number, line: string) => env.account().getRecord('transferorder', to)?.sublists.item?.find((l) => String(l.line) === line);

/** What a fulfillment transform of the TO offers (item -> quantity): what NetSuite still expects to ship. */
function stillToShip(to: number): Record<string, number> {
  return asNetSuiteUser(env, (record) => {
    let f;
    try {
      f = record.transform({ fromType: 'transferorder', fromId: to, toType: 'itemfulfillment' });
    } catch {
      return {};
    }
    const out: Record<string, number> = {};
    for (let i = 0; i < f.getLineCount({ sublistId: 'item' }); i++) out[String(f.getSublistValue({ sublistId: 'item', fieldId: 'item', line: i }))] = Number(f.getSublistValue({ sublistId: 'item', fieldId: 'quantity', line: i }));
    return out;
  });
}

it('with a shrink location the remainder becomes an inventory transfer from the store to it (HWX-TOGA-<fulfillment>), once', async () => {
  await start(transferFixture({ ...GRACE, custscript_hwx_to_policy: 'writeoff', custscript_hwx_to_shrink_location: String(LOC.shrink) }));
  const to = createTransferOrder(env, LOC.warehouse, LOC.store254, [{ item: ITEMS.jacket, quantity: 10 }, { item: ITEMS.hoodie, quantity: 4 }]);
  const f1 = warehouseShips(env, to);
  dateBack(env, 'itemfulfillment', [f1], 12);
  dropReceipt('short.json', [{ orderId: String(to), fulfillmentId: String(f1), shipmentId: 'SHP-7', items: [{ line_id: '1', quantity: 6, shipmentItemSeqId: '00001' }, { line_id: '4', quantity: 4, shipmentItemSeqId: '00002' }] }]);
  expect((await receiptRun()).status).toBe('COMPLETE');
  expect(inTransit(env, ITEMS.jacket, LOC.store254)).toBe(4);
  dateBack(env, 'itemreceipt', records('itemreceipt').map((r) => r.id), 8);

  expect((await receiptRun()).status).toBe('COMPLETE');
  expect((await receiptRun()).status).toBe('COMPLETE'); // the second run finds both records and does nothing
  expect(records('inventoryadjustment')).toHaveLength(0);
  const transfers = records('inventorytransfer');
  expect(transfers.map((t) => [t.fields.externalid, t.fields.location, t.fields.transferlocation, t.fields.custbody_hwx_to_shipment_id])).toEqual([[`HWX-TOGA-${f1}`, String(LOC.store254), String(LOC.shrink), 'SHP-7']]);
  expect(transfers[0]?.sublists.inventory?.map((l) => [l.item, l.adjustqtyby])).toEqual([[String(ITEMS.jacket), 4]]);
  const memo = String(transfers[0]?.fields.memo);
  expect(memo).toMatch(/^Lost in transit: HotWax shipment SHP-7: not received 7 day\(s\) after the last receipt/);
  expect(memo).toContain(`fulfillment ${f1}`);
  expect(memo).toContain('HotWax lines 00001');
  expect(memo).not.toContain('00002'); // the hoodie line arrived in full: not part of the write-off
  expect(memo).toContain(`transfer order ${to}`);
  expect(byExternalId('itemreceipt', `HWX-TOGR-${f1}`)).toHaveLength(1);
  expect(records('itemreceipt')).toHaveLength(2);
  // The 4 jackets: received at the store, then moved to the shrink location; nothing left in transit.
  expect(onHand(env, ITEMS.jacket, LOC.store254)).toBe(6);
  expect(onHand(env, ITEMS.jacket, LOC.shrink)).toBe(4);
  expect(inTransit(env, ITEMS.jacket, LOC.store254)).toBe(0);
  expect(onHand(env, ITEMS.hoodie, LOC.store254)).toBe(4);
  expect(onHand(env, ITEMS.hoodie, LOC.shrink)).toBe(0);
});

it('close: only the short line is written off and closed; what it never shipped is no longer expected, the fully received line stays open', async () => {
  await start(transferFixture({ ...GRACE, custscript_hwx_to_policy: 'close', custscript_hwx_to_writeoff_account: String(ACCOUNT_SHRINK) }));
  // Jackets: 12 ordered, 10 shipped, 10 received (2 still to ship). Hoodies: 6 ordered, 4 shipped, 1 received (3 short, 2 never shipped).
  const to = createTransferOrder(env, LOC.warehouse, LOC.store254, [{ item: ITEMS.jacket, quantity: 12 }, { item: ITEMS.hoodie, quantity: 6 }]);
  const f1 = warehouseShips(env, to, { '1': 10, '4': 4 });
  dateBack(env, 'itemfulfillment', [f1], 12);
  dropReceipt('short.json', [{ orderId: String(to), fulfillmentId: String(f1), shipmentId: 'SHP-8', items: [{ line_id: '1', quantity: 10, shipmentItemSeqId: '00001' }, { line_id: '4', quantity: 1, shipmentItemSeqId: '00002' }] }]);
  expect((await receiptRun()).status).toBe('COMPLETE');
  // Within the grace period close does nothing yet: both lines open, the 3 hoodies in transit.
  expect([toLine(to, '1')?.isclosed, toLine(to, '4')?.isclosed]).toEqual([false, false]);
  expect(inTransit(env, ITEMS.hoodie, LOC.store254)).toBe(3);
  expect(stillToShip(to)).toEqual({ [ITEMS.jacket]: 2, [ITEMS.hoodie]: 2 });
  dateBack(env, 'itemreceipt', records('itemreceipt').map((r) => r.id), 9);

  expect((await receiptRun()).status).toBe('COMPLETE');
  expect((await receiptRun()).status).toBe('COMPLETE');
  const adjustments = records('inventoryadjustment');
  expect(adjustments.map((a) => [a.fields.externalid, a.fields.account])).toEqual([[`HWX-TOGA-${f1}`, String(ACCOUNT_SHRINK)]]);
  expect(adjustments[0]?.sublists.inventory?.map((l) => [l.item, l.location, l.adjustqtyby])).toEqual([[String(ITEMS.hoodie), String(LOC.store254), -3]]);
  const grace = byExternalId('itemreceipt', `HWX-TOGR-${f1}`);
  expect(grace.flatMap((r) => r.sublists.item ?? []).filter((l) => l.itemreceive === true).map((l) => [l.item, l.quantity, l.custcol_hwx_to_short_qty])).toEqual([[String(ITEMS.hoodie), 3, 3]]);
  // The hoodie line (written off) is closed: its 2 never shipped are no longer expected. The jacket line is not.
  expect(toLine(to, '4')?.isclosed).toBe(true);
  expect(toLine(to, '1')?.isclosed).toBe(false);
  expect(stillToShip(to)).toEqual({ [ITEMS.jacket]: 2 });
  expect(toStatus(env, to)).toBe('partiallyFulfilled');
  expect(onHand(env, ITEMS.hoodie, LOC.store254)).toBe(1);
  expect(inTransit(env, ITEMS.hoodie, LOC.store254)).toBe(0);
  expect(onHand(env, ITEMS.jacket, LOC.store254)).toBe(10);
  expect(onHand(env, ITEMS.hoodie, LOC.warehouse)).toBe(96); // the 2 never shipped stay at the warehouse
});

it('a fulfillment shipped after the last receipt is not written off, even once it is older than the grace period', async () => {
  await start(transferFixture({ ...GRACE, custscript_hwx_to_policy: 'writeoff', custscript_hwx_to_writeoff_account: String(ACCOUNT_SHRINK) }));
  const to = createTransferOrder(env, LOC.warehouse, LOC.store254, [{ item: ITEMS.jacket, quantity: 10 }, { item: ITEMS.hoodie, quantity: 4 }]);
  const f1 = warehouseShips(env, to, { '1': 10 });
  dateBack(env, 'itemfulfillment', [f1], 20);
  dropReceipt('short.json', [{ orderId: String(to), fulfillmentId: String(f1), shipmentId: 'SHP-9', items: [{ line_id: '1', quantity: 8 }] }]);
  expect((await receiptRun()).status).toBe('COMPLETE');
  dateBack(env, 'itemreceipt', records('itemreceipt').map((r) => r.id), 12);
  // The hoodies leave 10 days ago, two days after the last receipt: past the grace period, but never received at all.
  const f2 = warehouseShips(env, to);
  dateBack(env, 'itemfulfillment', [f2], 10);
  expect(inTransit(env, ITEMS.hoodie, LOC.store254)).toBe(4);

  expect((await receiptRun()).status).toBe('COMPLETE');
  expect((await receiptRun()).status).toBe('COMPLETE');
  expect(records('inventoryadjustment').map((a) => a.fields.externalid)).toEqual([`HWX-TOGA-${f1}`]);
  expect(records('inventoryadjustment')[0]?.sublists.inventory?.map((l) => [l.item, l.adjustqtyby])).toEqual([[String(ITEMS.jacket), -2]]);
  expect(byExternalId('itemreceipt', `HWX-TOGR-${f2}`)).toHaveLength(0);
  expect(inTransit(env, ITEMS.jacket, LOC.store254)).toBe(0);
  expect(inTransit(env, ITEMS.hoodie, LOC.store254)).toBe(4);
  expect(onHand(env, ITEMS.hoodie, LOC.store254)).toBe(0);
});

/** `count` TOs of `quantity` jackets to store 254, each shipped in full by the warehouse. */
function shipMany(count: number, quantity: number): { to: number; fulfillment: number }[] {
  return asNetSuiteUser(env, (record) =>
    Array.from({ length: count }, () => {
      const t = record.create({ type: 'transferorder' });
      t.setValue({ fieldId: 'subsidiary', value: 1 });
      t.setValue({ fieldId: 'location', value: LOC.warehouse });
      t.setValue({ fieldId: 'transferlocation', value: LOC.store254 });
      t.setValue({ fieldId: 'orderstatus', value: 'B' });
      t.setSublistValue({ sublistId: 'item', fieldId: 'item', line: 0, value: ITEMS.jacket });
      t.setSublistValue({ sublistId: 'item', fieldId: 'quantity', line: 0, value: quantity });
      const to = t.save();
      const f = record.transform({ fromType: 'transferorder', fromId: to, toType: 'itemfulfillment' });
      f.setValue({ fieldId: 'shipstatus', value: 'C' });
      return { to, fulfillment: f.save() };
    }),
  );
}

type Summary = Awaited<ReturnType<typeof receiptRun>>;
/** The run's audit summary (graceWriteOffs, graceWaiting, graceDeferred). */
function audit(summary: Summary): { graceWriteOffs: number; graceWaiting: number; graceDeferred: boolean } {
  const entry = summary.logs.find((l) => l.title.startsWith('Transfer receipts:'));
  return JSON.parse(String(entry?.details)) as { graceWriteOffs: number; graceWaiting: number; graceDeferred: boolean };
}

describe('more write-offs due than one run pays for', () => {
  const TRANSFERS = 160;
  beforeEach(async () => {
    const fixture = transferFixture({ ...GRACE, custscript_hwx_to_policy: 'writeoff', custscript_hwx_to_writeoff_account: String(ACCOUNT_SHRINK) });
    fixture.inventory = [{ item: ITEMS.jacket, location: LOC.warehouse, onHand: 10_000 }];
    await start(fixture);
  });

  it('the grace step stops before governance runs out; the next run finishes; every fulfillment is written off exactly once', async () => {
    // 160 TOs of 2 jackets, shipped 20 days ago; the store receives 1 of each (one receipt file, one run).
    const shipped = shipMany(TRANSFERS, 2);
    dateBack(env, 'itemfulfillment', shipped.map((s) => s.fulfillment), 20);
    dropReceipt('many.json', shipped.map((s, n) => ({ orderId: String(s.to), fulfillmentId: String(s.fulfillment), shipmentId: `SHP-${n}`, items: [{ line_id: '1', quantity: 1 }] })));
    expect((await receiptRun()).status).toBe('COMPLETE');
    expect(env.listFolder(`${FOLDERS.receipts}/archive`)).toEqual(['many.json']);
    expect(inTransit(env, ITEMS.jacket, LOC.store254)).toBe(TRANSFERS);
    dateBack(env, 'itemreceipt', records('itemreceipt').map((r) => r.id), 10);

    const first = await receiptRun();
    expect(first.status).toBe('COMPLETE');
    expect(first.errors).toEqual([]);
    expect(first.usage.execute?.units ?? 0).toBeLessThanOrEqual(10_000);
    const afterFirst = records('inventoryadjustment').length;
    expect(afterFirst).toBeGreaterThan(0);
    expect(afterFirst).toBeLessThan(TRANSFERS);
    expect(audit(first)).toMatchObject({ graceWriteOffs: afterFirst, graceWaiting: TRANSFERS - afterFirst, graceDeferred: false });
    // Every write-off of the first run has its receipt, and no receipt of the remainder is without its write-off.
    expect(records('itemreceipt').filter((r) => String(r.fields.externalid).startsWith('HWX-TOGR-'))).toHaveLength(afterFirst);
    expect(inTransit(env, ITEMS.jacket, LOC.store254)).toBe(TRANSFERS - afterFirst);

    const second = await receiptRun();
    expect(second.status).toBe('COMPLETE');
    expect(audit(second)).toMatchObject({ graceWriteOffs: TRANSFERS - afterFirst, graceWaiting: 0 });
    expect((await receiptRun()).status).toBe('COMPLETE');
    const adjustments = records('inventoryadjustment');
    expect(adjustments.map((a) => a.fields.externalid).sort()).toEqual(shipped.map((s) => `HWX-TOGA-${s.fulfillment}`).sort());
    const graceReceipts = records('itemreceipt').filter((r) => String(r.fields.externalid).startsWith('HWX-TOGR-'));
    expect(graceReceipts.map((r) => r.fields.externalid).sort()).toEqual(shipped.map((s) => `HWX-TOGR-${s.fulfillment}`).sort());
    for (const a of adjustments) expect(a.sublists.inventory?.map((l) => l.adjustqtyby)).toEqual([-1]);
    expect(inTransit(env, ITEMS.jacket, LOC.store254)).toBe(0);
    expect(onHand(env, ITEMS.jacket, LOC.store254)).toBe(TRANSFERS);
  }, 60_000);

  it('files that leave too little for the grace step\'s searches defer it to the next run, cleanly', async () => {
    // One TO short by 1 jacket, its last receipt 10 days old: due.
    const [due] = shipMany(1, 2);
    if (!due) throw new Error('no TO');
    dateBack(env, 'itemfulfillment', [due.fulfillment], 20);
    dropReceipt('short.json', [{ orderId: String(due.to), fulfillmentId: String(due.fulfillment), shipmentId: 'SHP-D', items: [{ line_id: '1', quantity: 1 }] }]);
    expect((await receiptRun()).status).toBe('COMPLETE');
    dateBack(env, 'itemreceipt', records('itemreceipt').map((r) => r.id), 10);
    // A file of 222 full receipts (42 units each: load, transform, save, and the entry's report rows on the file's
    // feed-file record) finishes with a few hundred units left: less than the grace step's 720.
    const arriving = shipMany(222, 1);
    dropReceipt('busy.json', arriving.map((s) => ({ orderId: String(s.to), fulfillmentId: String(s.fulfillment), items: [{ line_id: '1', quantity: 1 }] })));
    const busy = await receiptRun();
    expect(busy.status).toBe('COMPLETE');
    expect(busy.errors).toEqual([]);
    expect(env.listFolder(`${FOLDERS.receipts}/archive`)).toEqual(expect.arrayContaining(['busy.json']));
    expect(records('itemreceipt')).toHaveLength(1 + 222);
    expect(audit(busy)).toMatchObject({ graceWriteOffs: 0, graceDeferred: true });
    expect(records('inventoryadjustment')).toHaveLength(0);
    expect(inTransit(env, ITEMS.jacket, LOC.store254)).toBe(1);

    const next = await receiptRun();
    expect(audit(next)).toMatchObject({ graceWriteOffs: 1, graceDeferred: false });
    expect(records('inventoryadjustment').map((a) => a.fields.externalid)).toEqual([`HWX-TOGA-${due.fulfillment}`]);
    expect(inTransit(env, ITEMS.jacket, LOC.store254)).toBe(0);
  });
});
