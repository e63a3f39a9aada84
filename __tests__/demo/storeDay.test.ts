// The store-day demo (npm start) tells the truth: everything its report says matches what the emulated
// account and the SFTP folders hold afterwards.
import * as fs from 'node:fs';
import { startLocalEnvironment, type LocalEnvironment } from '../../demo/environment';
import { playStoreDay, type StoreDayReport } from '../../demo/store-day';
import { loadFixture } from '../../runtime/account/fixture';
import { DEFAULT_FIXTURE } from '../../demo/environment';

let env: LocalEnvironment;
let report: StoreDayReport;

beforeAll(async () => {
  env = await startLocalEnvironment();
  report = await playStoreDay(env);
}, 120_000);

afterAll(async () => {
  await env.stop();
  fs.rmSync(env.dir, { recursive: true, force: true });
});

describe('store-day demo report', () => {
  it('every NetSuite step completed, and every flow ran', () => {
    expect(report.steps.filter((s) => s.status !== 'COMPLETE').map((s) => `${s.step}: ${s.errors.join('; ')}`)).toEqual([]);
    expect(new Set(report.steps.map((s) => s.script))).toEqual(
      new Set(['customscript_hwx_sc_inventory_export', 'customscript_hwx_mr_po_export', 'customscript_hwx_mr_po_receipt', 'customscript_hwx_sc_variance_import']),
    );
    expect(report.failed).toBe(false);
  });

  it('on-hand before and after match the fixture and the account', () => {
    const fixture = loadFixture(DEFAULT_FIXTURE);
    const start = new Map((fixture.inventory ?? []).map((b) => [`${b.item}@${b.location}`, b.onHand]));
    const account = env.account();
    expect(report.onHand.length).toBeGreaterThan(0);
    for (const row of report.onHand) {
      expect(row.before).toBe(start.get(`${row.item}@${row.location}`) ?? 0);
      expect(row.after).toBe(account.onHand(row.item, row.location));
    }
    // Nothing changed that the report leaves out.
    const reported = new Set(report.onHand.map((r) => `${r.item}@${r.location}`));
    for (const b of account.inventoryBalances()) {
      if (!reported.has(`${b.item}@${b.location}`)) expect(b.onHand).toBe(start.get(`${b.item}@${b.location}`) ?? 0);
    }
  });

  it('purchase-order statuses after the day are the account\'s, and receiving moved some of them', () => {
    const account = env.account();
    for (const po of report.purchaseOrders) expect(po.after).toBe(String(account.getRecord('purchaseorder', po.id)?.fields.statusref));
    expect(report.purchaseOrders.some((p) => p.before !== p.after)).toBe(true);
  });

  it('every record it says was created exists', () => {
    const account = env.account();
    const created = Object.entries(report.created);
    expect(created.map(([type]) => type)).toEqual(expect.arrayContaining(['itemreceipt', 'inventoryadjustment', 'inventorytransfer']));
    for (const [type, ids] of created) for (const id of ids) expect(account.getRecord(type, id)).toBeDefined();
  });

  it('lists the SFTP folders as they are, and shows the deliberately bad rows with their reasons', () => {
    for (const [folder, names] of Object.entries(report.folders)) expect(env.listFolder(folder).filter((n) => n.includes('.'))).toEqual(names);
    const rejected = report.rejectedRows.map((r) => r.row).join('\n');
    expect(rejected).toMatch(/NO-SUCH-SKU/);
    expect(rejected).toMatch(/13\/45\/2026/);
    expect(rejected).toMatch(/999999/);
  });
});
