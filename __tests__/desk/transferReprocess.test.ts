// Integration: a transfer-order file is on the integration health desk like every other feed. A receipt file
// that is not a feed fails (failed/ with its report); once its cause is fixed an admin reprocesses it from the
// desk (POST, confirmed, over real HTTP); the next run imports it as a new delivery, exactly once.
import * as fs from 'node:fs';
import { startLocalEnvironment, type LocalEnvironment } from '../../demo/environment';
import { startDesk } from '../../demo/desk';
import type { LocalServer } from '../../runtime/http/server';
import { createTransferOrder, FOLDERS, IMPORT, inTransit, ITEMS, LOC, onHand, run, transferFixture, warehouseShips } from '../transfers/transferFixture';

const HEALTH = '/app/site/hosting/scriptlet.nl?script=customscript_hwx_sl_integration_health&deploy=customdeploy_hwx_sl_integration_health';
const FLOW = 'transfer-receipt:transferorderv2/export/receipt';

let env: LocalEnvironment;
let desk: LocalServer | undefined;
beforeEach(async () => {
  env = await startLocalEnvironment({ fixture: transferFixture() });
});
afterEach(async () => {
  await desk?.close();
  await env.stop();
  fs.rmSync(env.dir, { recursive: true, force: true });
});

const feedFiles = () => env.account().listRecords('customrecord_hwx_feed_file').filter((r) => r.fields.custrecord_hwx_ff_flow === FLOW);
const receiptRun = () => run(env, IMPORT.script, IMPORT.receipt);

it('a failed transfer receipt file is listed, reprocessed once its cause is fixed, and posted exactly once', async () => {
  const to = createTransferOrder(env, LOC.warehouse, LOC.store254, [{ item: ITEMS.jacket, quantity: 5 }]);
  const f1 = warehouseShips(env, to);
  // Cut off in transit: not a feed.
  env.dropFile(FOLDERS.receipts, 'store254.json', `[{"orderId": "${to}", "fulfillmentId": "${f1}", "items": [{"line_id": "1", "quan`);
  expect((await receiptRun()).status).toBe('COMPLETE');
  expect(env.listFolder(`${FOLDERS.receipts}/failed`)).toEqual(['store254.json']);
  const [failed] = feedFiles();
  expect(failed?.fields.custrecord_hwx_ff_status).toBe('FAILED');

  // The desk serves the account as it is now (as ns-local serve does).
  desk = await startDesk(env, { role: 'administrator' });
  const page = await (await fetch(`${desk.url}${HEALTH}`)).text();
  expect(page).toContain(`data-id="${String(failed?.id)}"`);
  expect(page).toMatch(/Transfer receipts from stores/);

  // HotWax re-sent the whole file; the admin put it in place of the broken one and reprocesses it.
  fs.writeFileSync(`${env.baseDir}/${FOLDERS.receipts}/failed/store254.json`, JSON.stringify([{ orderId: String(to), fulfillmentId: String(f1), items: [{ line_id: '1', quantity: 5 }] }]));
  const res = await fetch(`${desk.url}${HEALTH}`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ action: 'reprocess', id: String(failed?.id), confirm: 'yes' }).toString() });
  expect(await res.text()).toContain('was moved back to transferorderv2/export/receipt');
  expect(env.listFolder(FOLDERS.receipts)).toContain('store254.json');

  expect((await receiptRun()).status).toBe('COMPLETE');
  expect(onHand(env, ITEMS.jacket, LOC.store254)).toBe(5);
  expect(inTransit(env, ITEMS.jacket, LOC.store254)).toBe(0);
  expect(env.account().listRecords('itemreceipt')).toHaveLength(1);
  expect(feedFiles().map((r) => r.fields.custrecord_hwx_ff_status)).toEqual(['FAILED', 'ARCHIVED']);
  // Delivered once more by HotWax: nothing twice.
  env.dropFile(FOLDERS.receipts, 'store254-again.json', JSON.stringify([{ orderId: String(to), fulfillmentId: String(f1), items: [{ line_id: '1', quantity: 5 }] }]));
  expect((await receiptRun()).status).toBe('COMPLETE');
  expect(env.account().listRecords('itemreceipt')).toHaveLength(1);
  expect(onHand(env, ITEMS.jacket, LOC.store254)).toBe(5);
});
