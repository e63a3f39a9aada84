// Integration at volume (issue: "governance at any volume (1,000 transfers x 50 lines in a file)"): 1,000
// warehouse-to-store transfer orders, all shipped, cannot be exported nor received in one scheduled run of
// 10,000 units. Each run stops while governance lasts (NETSUITE.md 5: a scheduled script has 10,000 units) and
// the next one continues: every fulfillment reaches HotWax once, every receipt is posted once, even with a run
// killed midway. Two lines per TO keep the test quick; `npm run bench -- --only transfers` measures 50.
import * as fs from 'node:fs';
import { asNetSuiteUser, startLocalEnvironment, type LocalEnvironment } from '../../demo/environment';
import { EXPORT, FOLDERS, IMPORT, inTransit, ITEMS, LOC, onHand, readJsonFiles, run, transferFixture } from './transferFixture';

const TRANSFERS = 1000;
const STORES = [LOC.store254, LOC.store255];
let env: LocalEnvironment;

beforeEach(async () => {
  const fixture = transferFixture();
  fixture.inventory = [
    { item: ITEMS.jacket, location: LOC.warehouse, onHand: 100_000 },
    { item: ITEMS.hoodie, location: LOC.warehouse, onHand: 100_000 },
  ];
  env = await startLocalEnvironment({ fixture });
});
afterEach(async () => {
  await env.stop();
  fs.rmSync(env.dir, { recursive: true, force: true });
});

/** 1,000 TOs (jacket x5 on line 1, hoodie x3 on line 4), each shipped in full by the warehouse. */
function shipAll(): { to: number; fulfillment: number }[] {
  return asNetSuiteUser(env, (record) =>
    Array.from({ length: TRANSFERS }, (_, n) => {
      const t = record.create({ type: 'transferorder' });
      t.setValue({ fieldId: 'subsidiary', value: 1 });
      t.setValue({ fieldId: 'location', value: LOC.warehouse });
      t.setValue({ fieldId: 'transferlocation', value: STORES[n % 2] ?? LOC.store254 });
      t.setValue({ fieldId: 'orderstatus', value: 'B' });
      t.setSublistValue({ sublistId: 'item', fieldId: 'item', line: 0, value: ITEMS.jacket });
      t.setSublistValue({ sublistId: 'item', fieldId: 'quantity', line: 0, value: 5 });
      t.setSublistValue({ sublistId: 'item', fieldId: 'item', line: 1, value: ITEMS.hoodie });
      t.setSublistValue({ sublistId: 'item', fieldId: 'quantity', line: 1, value: 3 });
      const to = t.save();
      const f = record.transform({ fromType: 'transferorder', fromId: to, toType: 'itemfulfillment' });
      f.setValue({ fieldId: 'shipstatus', value: 'C' });
      return { to, fulfillment: f.save() };
    }),
  );
}

it('1,000 shipped transfers: exported across several runs, then one receipt file of 1,000 entries posted across several runs (one killed), nothing twice', async () => {
  const shipped = shipAll();
  expect(inTransit(env, ITEMS.jacket, LOC.store254) + inTransit(env, ITEMS.jacket, LOC.store255)).toBe(5 * TRANSFERS);

  // Export: runs until a run sends nothing.
  const exportUsage: number[] = [];
  for (let sent = -1; ; ) {
    const summary = await run(env, EXPORT.script, EXPORT.deployment);
    expect(summary.status).toBe('COMPLETE');
    exportUsage.push(summary.usage.execute?.units ?? 0);
    const now = readJsonFiles(env, FOLDERS.fulfillments).length;
    if (now === sent) break;
    sent = now;
    expect(exportUsage.length).toBeLessThan(10);
  }
  expect(exportUsage.length).toBeGreaterThan(2); // more than one run did work (the last one found nothing)
  for (const u of exportUsage) expect(u).toBeLessThanOrEqual(10_000);
  const fulfillments = (readJsonFiles(env, FOLDERS.fulfillments) as { externalId: string }[]).map((d) => d.externalId);
  expect(fulfillments).toHaveLength(TRANSFERS);
  expect(new Set(fulfillments)).toEqual(new Set(shipped.map((s) => String(s.fulfillment))));
  const orders = (readJsonFiles(env, FOLDERS.orders) as { identifications: { idValue: string }[] }[]).map((o) => o.identifications[0]?.idValue);
  expect(orders).toHaveLength(TRANSFERS);
  expect(new Set(orders).size).toBe(TRANSFERS);

  // Receipts: one file, every jacket, one hoodie short (policy keep: it stays in transit).
  env.dropFile(
    FOLDERS.receipts,
    'big.json',
    JSON.stringify(shipped.map((s, n) => ({ orderId: String(s.to), fulfillmentId: String(s.fulfillment), shipmentId: `SHIP-${n}`, items: [{ line_id: '1', quantity: 5 }, { line_id: '4', quantity: 2 }] }))),
  );
  const first = await run(env, IMPORT.script, IMPORT.receipt);
  expect(first.status).toBe('COMPLETE');
  const afterFirst = env.account().listRecords('itemreceipt').length;
  expect(afterFirst).toBeGreaterThan(0);
  expect(afterFirst).toBeLessThan(TRANSFERS);
  expect(env.listFolder(FOLDERS.receipts)).toContain('big.json');
  // The second run is killed right after its 30th receipt is saved.
  const killed = await run(env, IMPORT.script, IMPORT.receipt, { kill: { api: 'record.save', occurrence: 30, when: 'after' } });
  expect(killed.status).not.toBe('COMPLETE');
  expect(env.account().listRecords('itemreceipt')).toHaveLength(afterFirst + 30);
  let runs = 2;
  while (env.listFolder(FOLDERS.receipts).includes('big.json')) {
    const summary = await run(env, IMPORT.script, IMPORT.receipt);
    expect(summary.status).toBe('COMPLETE');
    expect(summary.usage.execute?.units ?? 0).toBeLessThanOrEqual(10_000);
    runs += 1;
    expect(runs).toBeLessThan(15);
  }
  expect(runs).toBeGreaterThan(3);
  expect(env.listFolder(`${FOLDERS.receipts}/archive`)).toEqual(['big.json']);
  const receipts = env.account().listRecords('itemreceipt');
  expect(receipts).toHaveLength(TRANSFERS);
  expect(new Set(receipts.map((r) => String(r.fields.externalid))).size).toBe(TRANSFERS);
  for (const store of STORES) {
    expect(onHand(env, ITEMS.jacket, store)).toBe((5 * TRANSFERS) / 2);
    expect(onHand(env, ITEMS.hoodie, store)).toBe((2 * TRANSFERS) / 2);
    expect(inTransit(env, ITEMS.jacket, store)).toBe(0);
    expect(inTransit(env, ITEMS.hoodie, store)).toBe(TRANSFERS / 2);
  }
});
