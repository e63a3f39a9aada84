// Integration: every flow's run leaves one HotWax Integration Run record (customrecord_hwx_run) whose units are
// what the runtime's governance meter charged the run, with the run's status and what it did. Map/Reduce runs
// count every stage (inputSummary / mapSummary / reduceSummary usage, Oracle help section_4472730725 and its
// siblings); a summarize restarted after a server restart (isRestarted) does not log the run twice.
import * as fs from 'node:fs';
import { startLocalEnvironment, type LocalEnvironment } from '../../demo/environment';
import type { FullRunSummary } from '../../runtime/engines/scriptRunner';
import { receiptFuzzFixture } from '../fuzz/harness';
import { startDesk } from '../../demo/desk';

const VARIANCE = 'customscript_hwx_sc_variance_import';
const ADJ = 'customdeploy_hwx_sc_variance_adj';
const PO_EXPORT = 'customscript_hwx_mr_po_export';
const PO_EXPORT_DEPLOY = 'customdeploy_hwx_mr_po_export';
const RECEIPTS = 'customscript_hwx_mr_po_receipt';
const RECEIPTS_DEPLOY = 'customdeploy_hwx_mr_po_receipt';
const HEADER = 'Reference No,Adjustment Account,Item,Adjust Qty By,Location,Date,Memo,Subsidiary,HC Inventory Adj Id';

let env: LocalEnvironment;
beforeEach(async () => {
  env = await startLocalEnvironment();
});
afterEach(async () => {
  await env.stop();
  fs.rmSync(env.dir, { recursive: true, force: true });
});

const runs = () => env.account().listRecords('customrecord_hwx_run');
const f = (r: ReturnType<typeof runs>[number], name: string): string => String(r.fields[`custrecord_hwx_run_${name}`] ?? '');
/** Every unit the run used, all stages and invocations (the runtime's meter). */
const unitsOf = (run: FullRunSummary): number => Object.values(run.usage).reduce((n, u) => n + u.units, 0);

describe('scheduled runs', () => {
  it('a variance file: the intake and the verify run each log their units, status and what they did', async () => {
    env.dropFile('inventoryadjustment/csv', 'counts.csv', `${HEADER}\r\nR1,927,MH09-XS-Blue,-1,254,11/20/2026,Inventory cycle count by HotWax,1,K-1\r\nR2,927,NOPE,1,254,11/20/2026,Inventory cycle count by HotWax,1,K-2\r\n`);
    const intake = await env.run(VARIANCE, { deploymentId: ADJ, runTasks: false });
    await env.runTasks();
    const verify = await env.run(VARIANCE, { deploymentId: ADJ });
    expect([intake.status, verify.status]).toEqual(['COMPLETE', 'COMPLETE']);
    const logged = runs();
    expect(logged).toHaveLength(2);
    const [first, second] = logged;
    if (!first || !second) throw new Error('two run records expected');
    expect(f(first, 'flow')).toBe('variance:inventoryadjustment');
    expect(f(first, 'script')).toBe(VARIANCE);
    expect(f(first, 'deployment')).toBe(ADJ);
    expect(Number(f(first, 'units'))).toBe(unitsOf(intake));
    expect(Number(f(second, 'units'))).toBe(unitsOf(verify));
    expect(f(first, 'status')).toBe('COMPLETE');
    expect(f(first, 'summary')).toMatch(/^took 1 file \(2 rows, 1 CSV import job\)/);
    // The unknown item is a rejected row: the verify run finished the file with a report, which needs a person.
    expect(f(second, 'status')).toBe('NEEDS_ATTENTION');
    expect(f(second, 'summary')).toMatch(/finished 1 file .*1 row applied, 1 row rejected/);
    expect(Date.parse(f(second, 'ended'))).toBeGreaterThanOrEqual(Date.parse(f(second, 'started')));
  });

  it('an idle run logs that it found nothing to do', async () => {
    const run = await env.run(VARIANCE, { deploymentId: ADJ });
    expect(run.status).toBe('COMPLETE');
    const [only] = runs();
    expect(runs()).toHaveLength(1);
    expect(f(only!, 'summary')).toBe('found nothing to do');
    expect(Number(f(only!, 'units'))).toBe(unitsOf(run));
  });

  it('a run that fails logs FAILED with the error an admin reads, and still fails', async () => {
    const run = await env.run(VARIANCE, { deploymentId: ADJ, params: { custscript_hwx_vi_work_folder: '' } });
    expect(run.status).not.toBe('COMPLETE');
    const [only] = runs();
    expect(f(only!, 'status')).toBe('FAILED');
    expect(f(only!, 'summary')).toContain('custscript_hwx_vi_work_folder');
    expect(Number(f(only!, 'units'))).toBe(unitsOf(run));
  });

  it('a run that failed before it knew its flow is still on the desk, under the flow of its deployment', async () => {
    await env.run(VARIANCE, { deploymentId: ADJ, params: { custscript_hwx_vi_work_folder: '' } });
    const desk = await startDesk(env, { role: 'administrator' });
    try {
      const html = await (await fetch(`${desk.url}/app/site/hosting/scriptlet.nl?script=customscript_hwx_sl_integration_health&deploy=customdeploy_hwx_sl_integration_health`)).text();
      const row = html.split('<tr>').find((r) => r.includes('Variances as adjustments')) ?? '';
      expect(row).toContain(`data-run="${String(runs()[0]?.id)}" data-status="FAILED"`);
    } finally {
      await desk.close();
    }
  });

  it('a run killed by NetSuite writes no record (the Scheduled Script Status page shows it); the next run logs', async () => {
    env.dropFile('inventoryadjustment/csv', 'counts.csv', `${HEADER}\r\nR1,927,MH09-XS-Blue,-1,254,11/20/2026,Inventory cycle count by HotWax,1,K-1\r\n`);
    const killed = await env.run(VARIANCE, { deploymentId: ADJ, runTasks: false, kill: { api: 'sftp.download', occurrence: 1, when: 'after' } });
    expect(killed.status).toBe('KILLED');
    expect(runs()).toHaveLength(0);
    const next = await env.run(VARIANCE, { deploymentId: ADJ, runTasks: false });
    expect(runs()).toHaveLength(1);
    expect(Number(f(runs()[0]!, 'units'))).toBe(unitsOf(next));
  });
});

describe('Map/Reduce runs', () => {
  it('the PO export logs the units of all its stages, once', async () => {
    const run = await env.run(PO_EXPORT, { deploymentId: PO_EXPORT_DEPLOY });
    expect(run.status).toBe('COMPLETE');
    const logged = runs();
    expect(logged).toHaveLength(1);
    expect(f(logged[0]!, 'flow')).toBe('purchaseorder:export');
    expect(Number(f(logged[0]!, 'units'))).toBe(unitsOf(run));
    expect(f(logged[0]!, 'summary')).toMatch(/^PO export: \d+ PO\(s\), \d+ line\(s\) in 1 file\(s\)/);
    expect(Number(f(logged[0]!, 'files'))).toBe(1);
  });

  it('a summarize restarted after a server restart logs the run once', async () => {
    const run = await env.run(PO_EXPORT, { deploymentId: PO_EXPORT_DEPLOY, restart: { stage: 'summarize', afterInvocations: 0 } });
    expect(run.status).toBe('COMPLETE');
    expect(runs()).toHaveLength(1);
  });

  it('the receipt import says what it received and rejected', async () => {
    // PO 9001 of the receipts' account, pending receipt; 424242 is no PO.
    await env.stop();
    fs.rmSync(env.dir, { recursive: true, force: true });
    env = await startLocalEnvironment({ fixture: receiptFuzzFixture() });
    env.dropFile('purchaseorder/receipt', 'r.json', JSON.stringify([{ order_id: '9001', items: [{ line_id: '1', quantity: '1' }] }, { order_id: '424242', items: [{ line_id: '1', quantity: '1' }] }]));
    const run = await env.run(RECEIPTS, { deploymentId: RECEIPTS_DEPLOY });
    expect(run.status).toBe('COMPLETE');
    const [only] = runs();
    expect(runs()).toHaveLength(1);
    expect(f(only!, 'flow')).toBe('receipt:purchaseorder/receipt');
    expect(f(only!, 'status')).toBe('NEEDS_ATTENTION');
    expect(f(only!, 'summary')).toBe('finished 1 file (0 failed): 1 receipt received, 0 already received, 1 rejected');
    expect(Number(f(only!, 'units'))).toBe(unitsOf(run));
  });
});
