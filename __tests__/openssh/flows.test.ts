// Every flow end to end against Debian's real OpenSSH sshd (chrooted internal-sftp, ./sshd.ts) instead of our
// embedded server: the compiled scripts through the local runtime, N/sftp over a real SSH connection, the
// host key pinned as ssh-keyscan prints it. One happy path per flow, across the three ways the HotWax SFTP
// Configuration record can log in (API secret, SSH key id, both: NETSUITE.md 1.1), and a wrong pinned key.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_FIXTURE } from '../../demo/environment';
import { loadFixture, type AccountFixture } from '../../runtime/account/fixture';
import { otherHostKey } from '../runtime/sftp/helpers';
import { DAILY, inventoryFixture, publishedRows, SCRIPT as INVENTORY_SCRIPT } from '../inventory/inventoryFixture';
import { drop, feedFiles, INCOMING, ITEMS, LOCATIONS, PO, poLines, receiptFixture, receipts, run as runReceipts } from '../receipts/receiptFixture';
import { pinHostKey, startOpenSshEnvironment, type OpenSshEnvironment, type SftpAuth } from './environment';

const SAMPLES = path.join(__dirname, '..', '..', 'demo', 'feeds');
const VARIANCE_SCRIPT = 'customscript_hwx_sc_variance_import';
const VARIANCE_ADJ = 'customdeploy_hwx_sc_variance_adj';
const PO_SCRIPT = 'customscript_hwx_mr_po_export';
const PO_HOURLY = 'customdeploy_hwx_mr_po_export';

let env: OpenSshEnvironment | undefined;

async function start(auth: SftpAuth, fixture?: AccountFixture): Promise<OpenSshEnvironment> {
  env = await startOpenSshEnvironment({ auth, ...(fixture ? { fixture } : {}) });
  return env;
}

afterEach(async () => {
  await env?.stop();
  env = undefined;
});

/** Owner of a file on the server's disk: what the SFTP user wrote belongs to it, not to root. */
const owner = (e: OpenSshEnvironment, folder: string, name: string): number => fs.statSync(path.join(e.baseDir, folder, name)).uid;

test('variance import (API secret): the cycle-count sample becomes one inventory adjustment, then the file is archived', async () => {
  const e = await start('password');
  e.dropFile('inventoryadjustment/csv', 'cyclecount.csv', fs.readFileSync(path.join(SAMPLES, 'hotwax-cycle-count-variance-sample.csv')));
  const onHand = (): number[] => [3412, 3413, 3414].map((item) => e.account().onHand(String(item), '254'));
  const before = onHand();

  const first = await e.run(VARIANCE_SCRIPT, { deploymentId: VARIANCE_ADJ });
  expect(first.status).toBe('COMPLETE');
  expect(first.errors).toEqual([]);
  expect(first.taskRuns.map((t) => [t.type, t.status])).toEqual([['CSV_IMPORT', 'COMPLETE']]);
  expect(e.listFolder('inventoryadjustment/csv')).toEqual(['cyclecount.csv']);

  const second = await e.run(VARIANCE_SCRIPT, { deploymentId: VARIANCE_ADJ });
  expect(second.status).toBe('COMPLETE');
  expect(e.listFolder('inventoryadjustment/csv')).toEqual([]);
  expect(e.listFolder('inventoryadjustment/archive')).toEqual(['cyclecount.csv']);
  expect(onHand()).toEqual([before[0]! + 7, before[1]! - 10, before[2]! + 2]);
  expect(e.account().listRecords('inventoryadjustment')).toHaveLength(1);
  expect(e.openssh.log()).toMatch(new RegExp(`Accepted password for ${e.openssh.user} from 127\\.0\\.0\\.1`));
});

test('PO export (SSH key id only): a pending PO is written to HotWax\'s folder by the SFTP user', async () => {
  const base = loadFixture(DEFAULT_FIXTURE);
  const fixture: AccountFixture = {
    ...base,
    purchaseOrders: [
      {
        id: 9001,
        tranid: 'PO9001',
        entity: 501,
        subsidiary: 1,
        location: 254,
        trandate: '2026-11-16',
        status: 'pendingReceipt',
        lines: [{ item: 3412, quantity: 100, rate: 10, location: 254, expectedreceiptdate: '2026-03-05' }],
      },
    ],
  };
  const e = await start('key', fixture);
  const summary = await e.run(PO_SCRIPT, { deploymentId: PO_HOURLY });
  expect(summary.status).toBe('COMPLETE');
  expect(summary.errors).toEqual([]);
  const files = e.listFolder('purchaseorder/fulfillment');
  expect(files).toHaveLength(1);
  expect(files[0]).toMatch(/^PurchaseOrders_\d{8}T\d{6}Z_[a-z0-9]+\.csv$/);
  expect(e.readFile('purchaseorder/fulfillment', files[0]!)).toBe('external-id,product-sku,quantity,external-facility-id,item-external-id,arrival-date\r\n9001,WJ08-XS-Orange,100,254,1,03/05/2026\r\n');
  expect(owner(e, 'purchaseorder/fulfillment', files[0]!)).toBe(e.openssh.uid);
  expect(e.openssh.log()).toMatch(new RegExp(`Accepted publickey for ${e.openssh.user} from 127\\.0\\.0\\.1`));
  expect(e.openssh.log()).not.toMatch(/Accepted password/);
});

test('receipt import (API secret + SSH key): a partial receipt is received once and the file archived', async () => {
  const e = await start('both', receiptFixture());
  drop(e, 'receipt_1.json', [{ order_id: '9001', items: [{ line_id: '1', quantity: '4' }] }]);
  await runReceipts(e);
  expect(receipts(e).map((r) => ({ createdfrom: r.createdfrom, lines: r.lines }))).toEqual([
    { createdfrom: '9001', lines: [{ orderline: '1', item: String(ITEMS.jacket), quantity: 4, location: String(LOCATIONS.store254) }] },
  ]);
  expect(poLines(e, PO.open)).toEqual({ received: [4, 0, 0], status: 'pendingBillPartReceived' });
  expect(e.listFolder(INCOMING)).toEqual(['archive', 'error', 'failed']);
  expect(e.listFolder(`${INCOMING}/archive`)).toEqual(['receipt_1.json']);
  expect(feedFiles(e)).toEqual([{ name: 'receipt_1.json', status: 'ARCHIVED', applied: 1, rejected: 0, message: '1 received, 0 already received, 0 rejected' }]);
  // Delivered again: nothing is received twice.
  drop(e, 'receipt_1.json', [{ order_id: '9001', items: [{ line_id: '1', quantity: '4' }] }]);
  await runReceipts(e);
  expect(poLines(e, PO.open).received).toEqual([4, 0, 0]);
});

test('inventory snapshot (SSH key id only): the SEARCH task result reaches HotWax as on-hand per item and location', async () => {
  const e = await start('key', inventoryFixture());
  const summary = await e.run(INVENTORY_SCRIPT, { deploymentId: DAILY });
  expect(summary.status).toBe('COMPLETE');
  expect(summary.errors).toEqual([]);
  const rows = publishedRows(e);
  expect(rows.size).toBeGreaterThan(0);
  const account = e.account();
  for (const row of rows.values()) expect(row.onHand).toBe(String(account.onHand(row.itemId, row.facility)));
  expect(rows.get('3412@254')?.onHand).toBe(String(account.onHand('3412', '254')));
});

test('a wrong pinned host key: the run connects to nothing, reports FTP_INCORRECT_HOST_KEY, and leaves the file in place', async () => {
  const e = await start('password');
  e.dropFile('inventoryadjustment/csv', 'cyclecount.csv', fs.readFileSync(path.join(SAMPLES, 'hotwax-cycle-count-variance-sample.csv')));
  pinHostKey(e, otherHostKey('ecdsa'), 'ecdsa');
  const summary = await e.run(VARIANCE_SCRIPT, { deploymentId: VARIANCE_ADJ });
  const text = JSON.stringify([summary.errors, summary.logs]);
  expect(text).toMatch(/FTP_INCORRECT_HOST_KEY/);
  expect(summary.tasks).toEqual([]);
  expect(e.listFolder('inventoryadjustment/csv')).toEqual(['cyclecount.csv']);
  expect(e.account().listRecords('inventoryadjustment')).toHaveLength(0);
  // The client hung up at key exchange: sshd never saw a login attempt.
  expect(e.openssh.log()).not.toMatch(/Accepted|Failed password/);

  // The right key (of the other type, RSA, as ssh-keyscan -t rsa prints it) works again.
  pinHostKey(e, e.openssh.hostKeys.rsa.base64, 'rsa');
  const again = await e.run(VARIANCE_SCRIPT, { deploymentId: VARIANCE_ADJ });
  expect(again.errors).toEqual([]);
  expect(again.tasks.map((t) => t.type)).toEqual(['CSV_IMPORT']);
});
