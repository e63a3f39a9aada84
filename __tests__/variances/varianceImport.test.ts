// Integration: the compiled variance import script, run by the local runtime against the embedded SFTP
// server (a real SSH/SFTP server in its own process) and an emulated account.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startLocalEnvironment, type LocalEnvironment } from '../../demo/environment';
import type { FullRunSummary } from '../../runtime/engines/scriptRunner';
import { generateVarianceFeed } from '../../bench/varianceImport';

const SCRIPT = 'customscript_hwx_sc_variance_import';
const ADJ = 'customdeploy_hwx_sc_variance_adj';
const TRF = 'customdeploy_hwx_sc_variance_trf';
// HotWax's published samples, kept in the repo (demo/feeds) so tests never depend on files outside it.
const SAMPLES = path.join(__dirname, '..', '..', 'demo', 'feeds');
const HEADER = 'Reference No,Adjustment Account,Item,Adjust Qty By,Location,Date,Memo,Subsidiary,HC Inventory Adj Id';

const sample = (name: string): string => fs.readFileSync(path.join(SAMPLES, name), 'utf8');

let env: LocalEnvironment;

beforeEach(async () => {
  env = await startLocalEnvironment();
});

afterEach(async () => {
  await env.stop();
  fs.rmSync(env.dir, { recursive: true, force: true });
});

function onHand(item: number, location: number): number {
  return env.account().onHand(String(item), String(location));
}

/** Runs the deployment until no file of the flow is left open (at most `max` runs). */
async function runUntilSettled(deployment: string, max = 4): Promise<FullRunSummary[]> {
  const runs: FullRunSummary[] = [];
  for (let i = 0; i < max; i++) {
    const run = await env.run(SCRIPT, { deploymentId: deployment });
    runs.push(run);
    expect(run.status).toBe('COMPLETE');
    const open = env.account().listRecords('customrecord_hwx_feed_file').filter((r) => !['ARCHIVED', 'FAILED'].includes(String(r.fields.custrecord_hwx_ff_status)));
    if (open.length === 0 && env.listFolder('inventoryadjustment/csv').length === 0 && env.listFolder('inventorytransfer/csv').length === 0) break;
  }
  return runs;
}

function reportRows(folder: string): string[][] {
  const names = env.listFolder(folder);
  return names.flatMap((n) =>
    env
      .readFile(folder, n)
      .trim()
      .split(/\r?\n/)
      .slice(1)
      .map((l) => l.split(',')),
  );
}

describe('variance import: HotWax published samples', () => {
  it('posts the cycle-count sample as one inventory adjustment at store 254 and archives the file only after verifying it', async () => {
    env.dropFile('inventoryadjustment/csv', 'cyclecount.csv', sample('hotwax-cycle-count-variance-sample.csv'));
    const before = [onHand(3412, 254), onHand(3413, 254), onHand(3414, 254)];

    // Run 1 submits the CSV import job; NetSuite runs it after the script ends (NETSUITE.md 2.1).
    const first = await env.run(SCRIPT, { deploymentId: ADJ });
    expect(first.status).toBe('COMPLETE');
    expect(first.tasks.map((t) => t.type)).toEqual(['CSV_IMPORT']);
    expect(first.taskRuns.map((t) => t.status)).toEqual(['COMPLETE']);
    // The file is not archived in the run that submitted it: its outcome was not known yet.
    expect(env.listFolder('inventoryadjustment/csv')).toEqual(['cyclecount.csv']);

    // Run 2 verifies by External ID and archives.
    await env.run(SCRIPT, { deploymentId: ADJ });
    expect(env.listFolder('inventoryadjustment/csv')).toEqual([]);
    expect(env.listFolder('inventoryadjustment/archive')).toEqual(['cyclecount.csv']);
    expect(env.listFolder('inventoryadjustment/error')).toEqual([]);

    expect([onHand(3412, 254), onHand(3413, 254), onHand(3414, 254)]).toEqual([before[0]! + 7, before[1]! - 10, before[2]! + 2]);
    const adjustments = env.account().listRecords('inventoryadjustment');
    expect(adjustments).toHaveLength(1);
    const adj = adjustments[0]!;
    expect(adj.fields.externalid).toMatch(/^HWX-ADJ-[0-9A-F]{16}$/);
    expect(adj.fields.trandate).toBe('2024-02-29');
    expect(adj.fields.custbody_hwx_source_file).toBe('cyclecount.csv');
    expect(adj.fields.account).toBe('927');
    expect(adj.sublists.inventory?.map((l) => l.custcol_hwx_variance_id)).toEqual(['10009', '10010', '10011']);
    const tracked = env.account().listRecords('customrecord_hwx_feed_file');
    expect(tracked.map((r) => [r.fields.custrecord_hwx_ff_status, r.fields.custrecord_hwx_ff_applied, r.fields.custrecord_hwx_ff_rejected])).toEqual([['ARCHIVED', 3, 0]]);
  });

  it('in transfer mode moves a Lost variance from the store to the Lost location and posts an unmapped reason as an adjustment', async () => {
    env.dropFile('inventorytransfer/csv', 'variances.csv', sample('hotwax-inventory-item-variance-sample.csv'));
    const lostBefore = onHand(3413, 302);
    const storeBefore = onHand(3413, 1);
    await runUntilSettled(TRF);
    expect(env.listFolder('inventorytransfer/archive')).toEqual(['variances.csv']);
    // -10 Lost: a transfer of 10 from location 1 to the Lost variance location (302).
    expect(onHand(3413, 302)).toBe(lostBefore + 10);
    expect(onHand(3413, 1)).toBe(storeBefore - 10);
    const transfers = env.account().listRecords('inventorytransfer');
    expect(transfers).toHaveLength(1);
    expect(transfers[0]!.fields.location).toBe('1');
    expect(transfers[0]!.fields.transferlocation).toBe('302');
    // 'Not in Stock' has no mapping: with unknownReason=adjustment it becomes an adjustment (2 rows).
    const adjustments = env.account().listRecords('inventoryadjustment');
    expect(adjustments.flatMap((a) => a.sublists.inventory?.map((l) => l.custcol_hwx_reason) ?? [])).toEqual(['Not in Stock', 'Not in Stock']);
  });
});

describe('variance import: hostile input', () => {
  it('posts the good rows, rejects each bad one with a row-level reason, and sends the file to failed/', async () => {
    const rows = [
      `"R1",927,"WJ08-XS-Orange | Adrienne Trek Jacket",-2,254,11/20/2026,Inventory cycle count by HotWax,1,HWX-1`,
      `"R2",927,"GIFT-BOX, ""Deluxe""",1,254,11/20/2026,"Inventory cycle count by HotWax",1,HWX-2`,
      `R3,927,NO-SUCH-SKU,1,254,11/20/2026,Inventory cycle count by HotWax,1,HWX-3`,
      `R4,927,MH09-XS-Blue,1,999,11/20/2026,Inventory cycle count by HotWax,1,HWX-4`,
      `R5,927,MH09-XS-Blue,abc,254,11/20/2026,Inventory cycle count by HotWax,1,HWX-5`,
      `R6,927,MH09-XS-Blue,1,254,2/30/2026,Inventory cycle count by HotWax,1,HWX-6`,
      `R7,927,MH09-XS-Blue,1,254,11/20/2026,Inventory cycle count by HotWax,1,HWX-1`,
      `R8,927,MH09-XS-Blue,1,399,11/20/2026,Inventory cycle count by HotWax,1,HWX-8`,
      `"R9",927,"MH09-XS-Blue","3",254,11/20/2026,"Counted after the ""move"",
second line of memo",1,HWX-9`,
      ``,
    ];
    env.dropFile('inventoryadjustment/csv', 'hostile.csv', `\uFEFF${HEADER}\r\n${rows.join('\r\n')}\r\n`);
    const giftBefore = onHand(3435, 254);
    const jacketBefore = onHand(3412, 254);
    await runUntilSettled(ADJ);
    expect(env.listFolder('inventoryadjustment/failed')).toEqual(['hostile.csv']);
    expect(onHand(3412, 254)).toBe(jacketBefore - 2);
    expect(onHand(3435, 254)).toBe(giftBefore + 1);
    const report = env.listFolder('inventoryadjustment/error');
    expect(report).toHaveLength(1);
    expect(report[0]).toMatch(/^hostile.*\.csv$/);
    const text = env.readFile('inventoryadjustment/error', report[0]!);
    // UTF-8 BOM first, so Excel shows accented item names correctly.
    expect(text.split(/\r?\n/)[0]).toBe('\uFEFFFile,Line,HotWax Id,Item,Location,Problem,What to do');
    for (const id of ['HWX-3', 'HWX-4', 'HWX-5', 'HWX-6', 'HWX-8']) expect(text).toContain(id);
    expect(text).toMatch(/NO-SUCH-SKU/);
    expect(text).toMatch(/999/);
    // The duplicate id on line 8 names the first occurrence.
    expect(text).toMatch(/HWX-1/);
    const tracked = env.account().listRecords('customrecord_hwx_feed_file')[0]!;
    expect(tracked.fields.custrecord_hwx_ff_status).toBe('FAILED');
    expect(tracked.fields.custrecord_hwx_ff_applied).toBe(3);
  });

  it('archives an empty file and a header-only file with a report saying there were no rows', async () => {
    env.dropFile('inventoryadjustment/csv', 'empty.csv', '');
    env.dropFile('inventoryadjustment/csv', 'header-only.csv', `${HEADER}\r\n`);
    await runUntilSettled(ADJ);
    expect(env.listFolder('inventoryadjustment/archive')).toEqual(['empty.csv', 'header-only.csv']);
    expect(env.account().listRecords('inventoryadjustment')).toHaveLength(0);
    expect(reportRows('inventoryadjustment/error').length).toBe(2);
  });

  it('sends a file that is not a variance feed to failed/ with a file-level report', async () => {
    env.dropFile('inventoryadjustment/csv', 'orders.csv', 'order_id,sku,qty\n1,A,2\n');
    await runUntilSettled(ADJ);
    expect(env.listFolder('inventoryadjustment/failed')).toEqual(['orders.csv']);
    expect(env.readFile('inventoryadjustment/error', env.listFolder('inventoryadjustment/error')[0]!)).toMatch(/column/i);
  });
});

describe('variance import: big files and dropped connections', () => {
  it('splits a 30,000-row file into CSV import jobs of at most 25,000 rows without splitting a transaction, and applies every row', async () => {
    const feed = generateVarianceFeed(30000, ['WJ08-XS-Orange', 'MH09-XS-Blue', 'WJ03-L-Red'], ['254', '255']);
    env.dropFile('inventoryadjustment/csv', 'big.csv', feed);
    const before = onHand(3412, 254);
    const first = await env.run(SCRIPT, { deploymentId: ADJ });
    const jobs = first.taskRuns.map((t) => t.result as { totalRows: number; importedRows: number });
    expect(jobs.length).toBe(2);
    expect(jobs.every((j) => j.totalRows <= 25000 && j.importedRows === j.totalRows)).toBe(true);
    expect(jobs.reduce((n, j) => n + j.totalRows, 0)).toBe(30000);
    await runUntilSettled(ADJ);
    expect(env.listFolder('inventoryadjustment/archive')).toEqual(['big.csv']);
    const expected = feed
      .trim()
      .split('\r\n')
      .slice(1)
      .map((l) => l.split(','))
      .filter((c) => c[2] === '"WJ08-XS-Orange"' && c[4] === '254')
      .reduce((n, c) => n + Number(c[3]), 0);
    expect(onHand(3412, 254)).toBe(before + expected);
  });

  it('fails the run cleanly when the SFTP server is down, loses nothing, and finishes the file once it is back', async () => {
    env.dropFile('inventoryadjustment/csv', 'cc.csv', sample('hotwax-cycle-count-variance-sample.csv'));
    const before = onHand(3413, 254);
    await env.run(SCRIPT, { deploymentId: ADJ });
    await env.stopSftp();
    const down = await env.run(SCRIPT, { deploymentId: ADJ });
    expect(down.status).toBe('FAILED');
    expect(down.errors[0]?.message).toMatch(/Cannot connect to SFTP/);
    expect(env.account().listRecords('customrecord_hwx_feed_file')[0]?.fields.custrecord_hwx_ff_status).toBe('SUBMITTED');
    await env.restartSftp();
    await runUntilSettled(ADJ);
    expect(env.listFolder('inventoryadjustment/archive')).toEqual(['cc.csv']);
    expect(onHand(3413, 254)).toBe(before - 10);
  });
});

describe('variance import: exactly once', () => {
  it('skips every row of a file delivered again under another name, and reports them as already applied', async () => {
    const text = sample('hotwax-cycle-count-variance-sample.csv');
    env.dropFile('inventoryadjustment/csv', 'a.csv', text);
    await runUntilSettled(ADJ);
    const after = onHand(3412, 254);
    env.dropFile('inventoryadjustment/csv', 'b.csv', text);
    await runUntilSettled(ADJ);
    expect(onHand(3412, 254)).toBe(after);
    expect(env.account().listRecords('inventoryadjustment')).toHaveLength(1);
    expect(env.listFolder('inventoryadjustment/archive')).toEqual(['a.csv', 'b.csv']);
    const rows = reportRows('inventoryadjustment/error');
    expect(rows.filter((r) => r.join(',').includes('Already applied'))).toHaveLength(3);
  });

  it('keeps both copies when the same file name is delivered twice', async () => {
    const text = sample('hotwax-cycle-count-variance-sample.csv');
    env.dropFile('inventoryadjustment/csv', 'same.csv', text);
    await runUntilSettled(ADJ);
    env.dropFile('inventoryadjustment/csv', 'same.csv', text);
    await runUntilSettled(ADJ);
    expect(env.listFolder('inventoryadjustment/archive')).toHaveLength(2);
    expect(env.account().listRecords('inventoryadjustment')).toHaveLength(1);
  });

  it('does not post a row twice when a second file arrives while the first is still importing', async () => {
    const text = sample('hotwax-cycle-count-variance-sample.csv');
    env.dropFile('inventoryadjustment/csv', 'first.csv', text);
    await env.run(SCRIPT, { deploymentId: ADJ, runTasks: false });
    env.dropFile('inventoryadjustment/csv', 'second.csv', text);
    await env.run(SCRIPT, { deploymentId: ADJ, runTasks: false });
    await env.runTasks();
    await runUntilSettled(ADJ);
    expect(env.account().listRecords('inventoryadjustment')).toHaveLength(1);
    expect(env.listFolder('inventoryadjustment/archive')).toEqual(['first.csv', 'second.csv']);
  });

  const killPoints: { api: string; occurrence: number; when: 'before' | 'after' }[] = [
    { api: 'sftp.download', occurrence: 1, when: 'after' },
    { api: 'File.save', occurrence: 1, when: 'after' },
    { api: 'File.save', occurrence: 2, when: 'after' },
    { api: 'record.save', occurrence: 1, when: 'after' },
    { api: 'task.CsvImportTask.submit', occurrence: 1, when: 'before' },
    { api: 'task.CsvImportTask.submit', occurrence: 1, when: 'after' },
    { api: 'record.submitFields', occurrence: 2, when: 'after' },
  ];
  it.each(killPoints)('applies each row once when the first run is killed $when $api #$occurrence', async (kill) => {
    env.dropFile('inventoryadjustment/csv', 'cc.csv', sample('hotwax-cycle-count-variance-sample.csv'));
    const before = onHand(3413, 254);
    const killed = await env.run(SCRIPT, { deploymentId: ADJ, kill });
    expect(killed.status).toBe('KILLED');
    await runUntilSettled(ADJ);
    expect(onHand(3413, 254)).toBe(before - 10);
    expect(env.account().listRecords('inventoryadjustment')).toHaveLength(1);
    expect(env.listFolder('inventoryadjustment/archive')).toEqual(['cc.csv']);
  });

  it.each([
    { api: 'sftp.upload', occurrence: 1, when: 'after' as const },
    { api: 'sftp.move', occurrence: 1, when: 'before' as const },
    { api: 'sftp.move', occurrence: 1, when: 'after' as const },
  ])('finishes a file once when the verifying run is killed $when $api #$occurrence', async (kill) => {
    env.dropFile('inventoryadjustment/csv', 'mixed.csv', `${HEADER}\nR1,927,MH09-XS-Blue,-1,254,11/20/2026,Inventory cycle count by HotWax,1,K-1\nR2,927,NOPE,1,254,11/20/2026,Inventory cycle count by HotWax,1,K-2\n`);
    const before = onHand(3413, 254);
    // Only Date is faked (scripts read the clock with new Date()): the retry runs a minute later.
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask', 'hrtime', 'performance'] });
    try {
      jest.setSystemTime(new Date('2026-11-23T10:00:00Z'));
      await env.run(SCRIPT, { deploymentId: ADJ });
      const killed = await env.run(SCRIPT, { deploymentId: ADJ, kill });
      expect(killed.status).toBe('KILLED');
      jest.setSystemTime(new Date('2026-11-23T10:01:00Z'));
      await runUntilSettled(ADJ);
    } finally {
      jest.useRealTimers();
    }
    expect(onHand(3413, 254)).toBe(before - 1);
    expect(env.listFolder('inventoryadjustment/failed')).toEqual(['mixed.csv']);
    expect(env.listFolder('inventoryadjustment/error')).toHaveLength(1);
  });
});

describe('variance import: NetSuite rejects or fails a job', () => {
  it('reports the rows of a transaction NetSuite rejected during the import, although the job ended COMPLETE', async () => {
    env.dropFile('inventoryadjustment/csv', 'late.csv', sample('hotwax-cycle-count-variance-sample.csv'));
    await env.run(SCRIPT, { deploymentId: ADJ, runTasks: false });
    // Between planning and import, someone inactivates the store: NetSuite rejects the adjustment.
    const account = env.account();
    const store = account.getRecord('location', 254)!;
    account.replaceRecord({ ...store, fields: { ...store.fields, isinactive: true } });
    account.save();
    const tasks = await env.runTasks();
    expect(tasks.map((t) => t.status)).toEqual(['COMPLETE']);
    expect(tasks[0]!.result?.failedRows).toBe(3);
    await runUntilSettled(ADJ);
    expect(env.listFolder('inventoryadjustment/failed')).toEqual(['late.csv']);
    const rows = reportRows('inventoryadjustment/error');
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.join(',').includes('rejected'))).toBe(true);
  });

  it('resubmits a job that FAILED as a whole and applies it once when the retry succeeds', async () => {
    env.dropFile('inventoryadjustment/csv', 'retry.csv', sample('hotwax-cycle-count-variance-sample.csv'));
    await env.run(SCRIPT, { deploymentId: ADJ, runTasks: false });
    // Corrupt the queued job's CSV so the job cannot run (a mapped column is missing): FAILED.
    const account = env.account();
    const task = account.tasks.find((t) => t.type === 'CSV_IMPORT')!;
    const original = Buffer.from(account.readFile(task.importFileId!)).toString('utf8');
    const meta = account.getFile(task.importFileId!)!;
    account.saveFile({ name: meta.name, folder: meta.folder, fileType: meta.fileType, encoding: meta.encoding, description: meta.description }, new TextEncoder().encode('Nothing,Here\n1,2\n'));
    account.save();
    expect((await env.runTasks()).map((t) => t.status)).toEqual(['FAILED']);
    // The job file kept for resubmission is the one the script saved; restore it for the retry.
    const jobFile = account.listFiles().find((f) => f.name.includes('_job1_adjustment'))!;
    expect(Buffer.from(env.account().readFile(jobFile.id)).toString('utf8')).toBe(original);
    await runUntilSettled(ADJ);
    expect(env.account().listRecords('inventoryadjustment')).toHaveLength(1);
    expect(env.listFolder('inventoryadjustment/archive')).toEqual(['retry.csv']);
  });
});
