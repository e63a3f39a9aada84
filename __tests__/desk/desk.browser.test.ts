// The desk in a real browser (Debian's headless Chromium through playwright-core) on the store day's
// account: an accountant finds the store that damaged the most and its transactions, drills to a record
// and exports CSV; an admin finds a failed file's rows, reprocesses it and pauses a flow. What the pages
// show is checked against the account's records and the SFTP folders. Screenshots go to
// .ns-local/screenshots (git-ignored) for people to look at.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startLocalEnvironment, type LocalEnvironment } from '../../demo/environment';
import { playStoreDay } from '../../demo/store-day';
import { startDesk } from '../../demo/desk';
import type { LocalServer } from '../../runtime/http/server';
import { projectRoot } from '../../runtime/paths';

const SHOTS = path.join(projectRoot(), '.ns-local', 'screenshots');
const REVIEW = '/app/site/hosting/scriptlet.nl?script=customscript_hwx_sl_variance_review&deploy=customdeploy_hwx_sl_variance_review';
const HEALTH = '/app/site/hosting/scriptlet.nl?script=customscript_hwx_sl_integration_health&deploy=customdeploy_hwx_sl_integration_health';
const CYCLE = '/app/site/hosting/scriptlet.nl?script=customscript_hwx_sl_cycle_counts&deploy=customdeploy_hwx_sl_cycle_counts';

let env: LocalEnvironment;
let server: LocalServer;
let accountantServer: LocalServer;
let browser: Browser;
let page: Page;

const shot = async (name: string): Promise<void> => {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
};

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  env = await startLocalEnvironment();
  await playStoreDay(env);
  server = await startDesk(env, { role: 'administrator' });
  accountantServer = await startDesk(env, { role: 'customrole_hwx_accountant' });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await accountantServer?.close();
  await env?.stop();
  if (env) fs.rmSync(env.dir, { recursive: true, force: true });
});

describe('variance review (accountant)', () => {
  it('shows the store x reason matrix of the posted variances, drills to the transactions and the record', async () => {
    await page.goto(`${accountantServer.url}${REVIEW}&from=2000-01-01&to=2100-12-31`);
    await shot('variance-review');
    const account = env.account();
    const transfer = account.listRecords('inventorytransfer')[0];
    expect(transfer).toBeDefined();
    const damaged = page.locator('#matrix a.cell[data-reason="Damaged"]');
    await expect(damaged.count()).resolves.toBe(1);
    const store = await damaged.getAttribute('data-store');
    expect(store).toBe(String(transfer?.fields.location));
    const units = (transfer?.sublists.inventory ?? []).reduce((a, l) => a + Number(l.adjustqtyby), 0);
    expect(await damaged.textContent()).toBe(String(-units));
    // Cycle counts at store 255: the adjustment's lines, summed.
    const adjustment = account.listRecords('inventoryadjustment')[0];
    const ccUnits = (adjustment?.sublists.inventory ?? []).reduce((a, l) => a + Number(l.adjustqtyby), 0);
    expect(await page.locator(`#matrix a.cell[data-reason="Cycle count"][data-store="${String(adjustment?.fields.adjlocation)}"]`).textContent()).toBe(String(ccUnits));
    expect(await page.locator('#governance').textContent()).toMatch(/\d+ of 1,000 units/);

    await damaged.click();
    await page.waitForSelector('#transactions');
    await shot('variance-drill');
    const trans = page.locator('#transactions a.tran');
    await expect(trans.count()).resolves.toBe(1);
    expect(await trans.getAttribute('data-id')).toBe(String(transfer?.id));
    await trans.click();
    await page.waitForSelector('h1[data-record-id]');
    expect(await page.locator('h1').getAttribute('data-record-id')).toBe(String(transfer?.id));
    await shot('record-page');
  });

  it('filters by kind and exports what is shown as CSV', async () => {
    await page.goto(`${accountantServer.url}${REVIEW}&from=2000-01-01&to=2100-12-31`);
    await page.selectOption('select[name=kind]', 'cyclecount');
    await page.click('#apply');
    await page.waitForSelector('#matrix');
    await expect(page.locator('#matrix a.cell[data-reason="Damaged"]').count()).resolves.toBe(0);
    await expect(page.locator('#matrix a.cell[data-reason="Cycle count"]').count()).resolves.toBeGreaterThan(0);
    const href = await page.locator('#export').getAttribute('href');
    const res = await page.request.get(`${accountantServer.url}${href ?? ''}`);
    const csv = await res.text();
    expect(res.headers()['content-type']).toContain('text/csv');
    expect(csv.split('\r\n')[0]).toBe('Store,Store Id,Reason,Units,Value,Rate per 1000 on hand,Lines,From,To');
    expect(csv).toContain('Cycle count');
    expect(csv).not.toContain('Damaged');
  });

  it('refuses the admin desk to the accountant role', async () => {
    const res = await page.goto(`${accountantServer.url}${HEALTH}`);
    expect(res?.status()).toBe(403);
    expect(await page.textContent('body')).toContain('INSUFFICIENT_PERMISSION');
  });
});

describe('integration health (admin)', () => {
  it('lists the failed file with its report rows and reprocesses it, recorded', async () => {
    await page.goto(`${server.url}${HEALTH}`);
    await shot('integration-health');
    const failed = env.account().listRecords('customrecord_hwx_feed_file').find((r) => r.fields.custrecord_hwx_ff_status === 'FAILED');
    expect(failed).toBeDefined();
    await page.click(`#failed a.file[data-id="${String(failed?.id)}"]`);
    await page.waitForSelector('#error-rows');
    await shot('failed-file');
    const rows = await page.locator('#error-rows tbody tr').count();
    expect(rows).toBe(Number(failed?.fields.custrecord_hwx_ff_rejected));
    expect(await page.locator('#error-rows').textContent()).toContain('NO-SUCH-SKU');
    await page.click('#reprocess');
    await page.click('#confirm');
    await page.waitForSelector('#result');
    expect(await page.locator('#result').getAttribute('class')).toContain('ok');
    await shot('reprocessed');
    expect(env.listFolder('inventorytransfer/csv')).toContain('item_variances_store254.csv');
    expect(env.listFolder('inventorytransfer/failed')).not.toContain('item_variances_store254.csv');
    const action = env.account().listRecords('customrecord_hwx_desk_action').at(-1);
    expect(action?.fields).toMatchObject({ custrecord_hwx_da_action: 'reprocess', custrecord_hwx_da_outcome: 'DONE', custrecord_hwx_da_role: 'administrator', custrecord_hwx_da_target: String(failed?.id) });
    // Exactly once: the next run reads it as a new delivery; every row posted the first time is skipped.
    const transfersBefore = env.account().listRecords('inventorytransfer').length;
    await env.run('customscript_hwx_sc_variance_import', { deploymentId: 'customdeploy_hwx_sc_variance_trf' });
    await env.run('customscript_hwx_sc_variance_import', { deploymentId: 'customdeploy_hwx_sc_variance_trf' });
    expect(env.account().listRecords('inventorytransfer').length).toBe(transfersBefore);
    const again = env.account().listRecords('customrecord_hwx_feed_file').filter((r) => r.fields.custrecord_hwx_ff_file_name === 'item_variances_store254.csv').at(-1);
    expect(again?.id).not.toBe(failed?.id);
    const appliedFirstTime = Number(failed?.fields.custrecord_hwx_ff_applied);
    expect(appliedFirstTime).toBeGreaterThan(0);
    expect(Number(again?.fields.custrecord_hwx_ff_skipped)).toBe(appliedFirstTime);
  }, 60_000);

  it("shows each flow's last runs with their status and units, as the run-log records say, newest first", async () => {
    await page.goto(`${server.url}${HEALTH}`);
    const logged = env.account().listRecords('customrecord_hwx_run');
    // The store day ran every flow: each desk flow has runs, and each shown run is a run-log record.
    const flowsRun = new Set(logged.map((r) => String(r.fields.custrecord_hwx_run_flow)));
    for (const flow of ['variance:inventoryadjustment', 'variance:inventorytransfer', 'receipt:purchaseorder/receipt', 'purchaseorder:export', 'inventory:snapshot', 'cyclecount:plan', 'transfer:export', 'transfer:receipt', 'transfer:fulfillment']) expect(flowsRun).toContain(flow);
    const spans = page.locator('#flows span.run');
    const shown: { id: string | null; status: string | null; units: number }[] = [];
    for (let i = 0; i < (await spans.count()); i++) {
      const span = spans.nth(i);
      shown.push({ id: await span.getAttribute('data-run'), status: await span.getAttribute('data-status'), units: Number(await span.getAttribute('data-units')) });
    }
    expect(shown.length).toBeGreaterThanOrEqual(9);
    for (const s of shown) {
      const rec = logged.find((r) => String(r.id) === s.id);
      expect(rec).toBeDefined();
      expect(s.status).toBe(rec?.fields.custrecord_hwx_run_status);
      expect(s.units).toBe(Number(rec?.fields.custrecord_hwx_run_units));
      expect(s.units).toBeGreaterThan(0);
    }
    // The receipts row lists the newest receipt runs first.
    const receiptRuns = logged.filter((r) => r.fields.custrecord_hwx_run_flow === 'receipt:purchaseorder/receipt').map((r) => String(r.id)).reverse().slice(0, 3);
    const receiptRow = page.locator('#flows tbody tr', { hasText: 'Item receipts' });
    const receiptSpans = receiptRow.locator('span.run');
    const receiptShown: (string | null)[] = [];
    for (let i = 0; i < (await receiptSpans.count()); i++) receiptShown.push(await receiptSpans.nth(i).getAttribute('data-run'));
    expect(receiptShown).toEqual(receiptRuns);
    // A run with rejected rows (the item variances with bad rows) says it needs attention.
    expect(shown.some((s) => s.status === 'NEEDS_ATTENTION')).toBe(true);
    await page.locator('#flows span.run a').first().click();
    await page.waitForSelector('h1[data-record-id]');
    expect(await page.textContent('body')).toContain('Governance units used');
  });

  it('pauses and resumes a flow schedule on the deployment record, confirmed and recorded', async () => {
    await page.goto(`${server.url}${HEALTH}`);
    await page.click('a.act[data-deployment="customdeploy_hwx_mr_po_export"][data-act="pause"]');
    await page.click('#confirm');
    await page.waitForSelector('#result');
    const dep = (): unknown => env.account().listRecords('scriptdeployment').find((r) => r.fields.scriptid === 'customdeploy_hwx_mr_po_export')?.fields.status;
    expect(dep()).toBe('NOTSCHEDULED');
    await page.goto(`${server.url}${HEALTH}`);
    expect(await page.locator('[data-schedule="customdeploy_hwx_mr_po_export"]').textContent()).toContain('NOTSCHEDULED');
    await shot('paused');
    await page.click('a.act[data-deployment="customdeploy_hwx_mr_po_export"][data-act="resume"]');
    await page.click('#confirm');
    await page.waitForSelector('#result');
    expect(dep()).toBe('SCHEDULED');
    const actions = env.account().listRecords('customrecord_hwx_desk_action').map((r) => `${String(r.fields.custrecord_hwx_da_action)}:${String(r.fields.custrecord_hwx_da_outcome)}`);
    expect(actions.slice(-2)).toEqual(['pause:DONE', 'resume:DONE']);
  });

  it('refuses an action that was not confirmed, and records the refusal', async () => {
    const res = await page.request.post(`${server.url}${HEALTH}`, { form: { action: 'pause', deployment: 'customdeploy_hwx_mr_po_export' } });
    expect(await res.text()).toContain('not confirmed');
    expect(env.account().listRecords('scriptdeployment').find((r) => r.fields.scriptid === 'customdeploy_hwx_mr_po_export')?.fields.status).toBe('SCHEDULED');
    expect(env.account().listRecords('customrecord_hwx_desk_action').at(-1)?.fields.custrecord_hwx_da_outcome).toBe('REFUSED');
  });

  it('every page stays within the Suitelet limit (1,000 units)', async () => {
    await page.goto(`${server.url}${CYCLE}`);
    await shot('cycle-counts');
    fs.writeFileSync(path.join(SHOTS, 'governance.json'), JSON.stringify([...accountantServer.requests, ...server.requests], null, 1));
    for (const r of [...accountantServer.requests, ...server.requests]) expect(r.units).toBeLessThanOrEqual(1000);
    expect(server.requests.filter((r) => r.error !== undefined)).toEqual([]);
  });
});
