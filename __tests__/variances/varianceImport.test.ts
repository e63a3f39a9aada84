// Integration: the compiled variance import script, run by the local runtime against the embedded SFTP
// server (a real SSH/SFTP server in its own process) and an emulated account.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startLocalEnvironment, type LocalEnvironment } from '../../demo/environment';
import type { FullRunSummary } from '../../runtime/engines/scriptRunner';
import { generateVarianceFeed } from '../../bench/varianceImport';
import { decodeManifest } from '../../src/TypeScripts/hotwax_inventory/core/variances/outcome';

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

type FeedFileRecord = ReturnType<ReturnType<LocalEnvironment['account']>['listRecords']>[number];

const feedFiles = (): FeedFileRecord[] => env.account().listRecords('customrecord_hwx_feed_file');
const ff = (r: FeedFileRecord, field: string): unknown => r.fields[`custrecord_hwx_ff_${field}`];
const byName = (name: string): FeedFileRecord[] => feedFiles().filter((r) => ff(r, 'file_name') === name);

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
    // The record shows the job as it ended, not as it was when submitted.
    expect((JSON.parse(String(ff(tracked[0]!, 'jobs'))) as { status: string }[]).map((j) => j.status)).toEqual(['COMPLETE']);
    expect(ff(tracked[0]!, 'message')).toBe('3 applied, 0 rejected, 0 already applied');
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
    // Location 1 is the Main Warehouse: memos name it as a warehouse, and the reason's location as a variance location.
    expect(transfers[0]!.fields.memo).toBe("HotWax variance 'Lost' transfer from warehouse Main Warehouse to variance location Variance - Lost, 2/29/2024, 1 line, file variances.csv");
    const memos = [...transfers, ...env.account().listRecords('inventoryadjustment')].map((t) => String(t.fields.memo));
    expect(memos.join('\n')).not.toMatch(/store (1|Main Warehouse)\b/);
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

  it('archives an empty file and a header-only file with a report saying there were no rows, and records 0 rows, 0 applied, 0 already applied', async () => {
    env.dropFile('inventoryadjustment/csv', 'empty.csv', '');
    env.dropFile('inventoryadjustment/csv', 'header-only.csv', `${HEADER}\r\n`);
    await runUntilSettled(ADJ);
    expect(env.listFolder('inventoryadjustment/archive')).toEqual(['empty.csv', 'header-only.csv']);
    expect(env.account().listRecords('inventoryadjustment')).toHaveLength(0);
    expect(reportRows('inventoryadjustment/error').length).toBe(2);
    for (const name of ['empty.csv', 'header-only.csv']) {
      const [r] = byName(name);
      expect([ff(r!, 'status'), ff(r!, 'rows'), ff(r!, 'applied'), ff(r!, 'rejected'), ff(r!, 'skipped')]).toEqual(['ARCHIVED', 0, 0, 0, 0]);
      expect(ff(r!, 'message')).toMatch(/no data rows/);
      expect(ff(r!, 'message')).not.toMatch(/1 already applied/);
    }
  });

  it('sends a file that is not a variance feed (wrong header, binary) to failed/ with a report and a FAILED feed-file record giving the reason', async () => {
    env.dropFile('inventoryadjustment/csv', 'orders.csv', 'order_id,sku,qty\n1,A,2\n');
    env.dropFile('inventoryadjustment/csv', 'photo.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0xff, 0xfe]));
    await runUntilSettled(ADJ);
    expect(env.listFolder('inventoryadjustment/failed')).toEqual(['orders.csv', 'photo.csv']);
    const reports = env.listFolder('inventoryadjustment/error');
    expect(reports).toHaveLength(2);
    const texts = reports.map((n) => env.readFile('inventoryadjustment/error', n));
    expect(texts.join('\n')).toMatch(/column/i);
    expect(texts.join('\n')).toMatch(/not a text CSV file/);
    const orders = byName('orders.csv');
    expect(orders.map((r) => [ff(r, 'status'), ff(r, 'rows'), ff(r, 'applied'), ff(r, 'final_path')])).toEqual([['FAILED', 0, 0, 'inventoryadjustment/failed/orders.csv']]);
    expect(ff(orders[0]!, 'message')).toMatch(/^Not a variance feed: The first line is not a HotWax variance header/);
    expect(ff(byName('photo.csv')[0]!, 'message')).toMatch(/binary data/);
  });

  it('speaks to people, not programmers: no repository paths in reports or records', async () => {
    env.dropFile('inventoryadjustment/csv', 'orders.csv', 'order_id,sku,qty\n1,A,2\n');
    env.dropFile('inventoryadjustment/csv', 'mixed.csv', `${HEADER}\nR1,927,NOPE,1,254,11/20/2026,Inventory cycle count by HotWax,1,P-1\nR2,927,MH09-XS-Blue,0,254,11/20/2026,Damaged,1,P-2\n`);
    await runUntilSettled(ADJ);
    const texts = [
      ...env.listFolder('inventoryadjustment/error').map((n) => env.readFile('inventoryadjustment/error', n)),
      ...feedFiles().map((r) => String(ff(r, 'message'))),
      ...env.account().listRecords('inventoryadjustment').map((r) => String(r.fields.memo)),
    ].join('\n');
    expect(texts).not.toMatch(/\b(src|docs|runtime|__tests__)\/|\.(ts|md|js)\b|NETSUITE|README/);
  });

  it('records cycle-count rows with a variance of 0 as counted, no difference: no posting, no error, kept in the plan for count history', async () => {
    env.dropFile(
      'inventoryadjustment/csv',
      'count.csv',
      `${HEADER}\nR1,927,MH09-XS-Blue,0,254,11/20/2026,Inventory cycle count by HotWax,1,Z-1\nR2,927,WJ08-XS-Orange,-1,254,11/20/2026,Inventory cycle count by HotWax,1,Z-2\nR3,927,3412,-0,255,11/21/2026,,1,Z-3\nR4,927,MH09-XS-Blue,0,254,11/20/2026,Damaged,1,Z-4\n`,
    );
    const before = [onHand(3413, 254), onHand(3412, 254), onHand(3412, 255)];
    await runUntilSettled(ADJ);
    // The item variance with 0 (Damaged) is still a row error: the file goes to failed/ for that one row.
    expect(env.listFolder('inventoryadjustment/failed')).toEqual(['count.csv']);
    expect([onHand(3413, 254), onHand(3412, 254), onHand(3412, 255)]).toEqual([before[0], before[1]! - 1, before[2]]);
    const adjustments = env.account().listRecords('inventoryadjustment');
    expect(adjustments.flatMap((a) => a.sublists.inventory?.map((l) => l.custcol_hwx_variance_id) ?? [])).toEqual(['Z-2']);
    const [r] = byName('count.csv');
    expect([ff(r!, 'rows'), ff(r!, 'applied'), ff(r!, 'rejected'), ff(r!, 'counted')]).toEqual([4, 1, 1, 2]);
    expect(ff(r!, 'message')).toMatch(/2 counted with no difference/);
    const rows = reportRows('inventoryadjustment/error');
    expect(rows.map((c) => c[2])).toEqual(['Z-4']);
    const plan = decodeManifest(String(ff(r!, 'plan')));
    expect(plan.counted).toEqual([
      { line: 2, hotwaxId: 'Z-1', item: 'MH09-XS-Blue', location: '254', itemId: '3413', date: '2026-11-20' },
      { line: 4, hotwaxId: 'Z-3', item: '3412', location: '255', itemId: '3412', date: '2026-11-21' },
    ]);
  });
});

describe('variance import: entries that cannot be read', () => {
  // Made directly in the server's root on disk, as someone with shell access to the SFTP host would.
  const incoming = (): string => path.join(env.baseDir, 'inventoryadjustment', 'csv');

  it('skips a folder named .csv and a link out of the SFTP root with a logged error and an UNREADABLE record, imports the other files, and records each entry once', async () => {
    fs.mkdirSync(incoming(), { recursive: true });
    fs.mkdirSync(path.join(incoming(), 'a-folder.csv'));
    const outside = path.join(env.dir, 'outside-the-root.csv');
    fs.writeFileSync(outside, sample('hotwax-cycle-count-variance-sample.csv'));
    fs.symlinkSync(outside, path.join(incoming(), 'b-link.csv'));
    env.dropFile('inventoryadjustment/csv', 'c-good.csv', sample('hotwax-cycle-count-variance-sample.csv'));
    const before = onHand(3413, 254);

    const first = await env.run(SCRIPT, { deploymentId: ADJ });
    expect(first.status).toBe('COMPLETE');
    expect(first.errors).toEqual([]);
    expect(first.logs.filter((l) => l.level === 'ERROR').map((l) => l.title)).toEqual(['Variance entry a-folder.csv cannot be read', 'Variance entry b-link.csv cannot be read']);
    await env.run(SCRIPT, { deploymentId: ADJ });
    const third = await env.run(SCRIPT, { deploymentId: ADJ });
    expect(third.status).toBe('COMPLETE');
    // Not read again while unchanged: no download in later runs.
    expect(third.usageByApi['sftp.download']).toBeUndefined();

    expect(env.listFolder('inventoryadjustment/archive')).toEqual(['c-good.csv']);
    expect(onHand(3413, 254)).toBe(before - 10);
    const bad = ['a-folder.csv', 'b-link.csv'].map((n) => byName(n));
    expect(bad.map((rs) => rs.map((r) => ff(r, 'status')))).toEqual([['UNREADABLE'], ['UNREADABLE']]);
    expect(ff(bad[0]![0]!, 'message')).toMatch(/it is a folder, not a file.*not moved/);
    expect(ff(bad[1]![0]!, 'message')).toMatch(/refuses to let NetSuite read it.*not moved/);
    // Left where they were, outside file untouched.
    expect(env.listFolder('inventoryadjustment/csv')).toEqual(['a-folder.csv', 'b-link.csv']);
    expect(fs.readFileSync(outside, 'utf8')).toBe(sample('hotwax-cycle-count-variance-sample.csv'));

    // Someone removes the link and puts a readable file in place of the folder: the records close, the file is taken.
    fs.unlinkSync(path.join(incoming(), 'b-link.csv'));
    fs.rmdirSync(path.join(incoming(), 'a-folder.csv'));
    env.dropFile('inventoryadjustment/csv', 'a-folder.csv', `${HEADER}\nR1,927,MH09-XS-Blue,-1,254,11/20/2026,Inventory cycle count by HotWax,1,U-1\n`);
    await runUntilSettled(ADJ);
    expect(env.listFolder('inventoryadjustment/csv')).toEqual([]);
    expect(env.listFolder('inventoryadjustment/archive')).toEqual(['a-folder.csv', 'c-good.csv']);
    expect(byName('b-link.csv').map((r) => ff(r, 'status'))).toEqual(['FAILED']);
    expect(ff(byName('b-link.csv')[0]!, 'message')).toMatch(/no longer in inventoryadjustment\/csv/);
    expect(byName('a-folder.csv').map((r) => ff(r, 'status'))).toEqual(['FAILED', 'ARCHIVED']);
    expect(onHand(3413, 254)).toBe(before - 11);
  });

  it('a file without read permission: refused by the server unless the server runs as root, which reads it anyway', async () => {
    env.dropFile('inventoryadjustment/csv', 'locked.csv', sample('hotwax-cycle-count-variance-sample.csv'));
    fs.chmodSync(path.join(incoming(), 'locked.csv'), 0o000);
    const run = await env.run(SCRIPT, { deploymentId: ADJ });
    expect(run.status).toBe('COMPLETE');
    const [r] = byName('locked.csv');
    if (process.getuid?.() === 0) {
      // The embedded server reads files with the permissions of its process: as root, chmod 000 does not stop it.
      expect(ff(r!, 'status')).toBe('SUBMITTED');
    } else {
      expect(ff(r!, 'status')).toBe('UNREADABLE');
      expect(ff(r!, 'message')).toMatch(/refuses to let NetSuite read it/);
    }
  });
});

describe('variance import: governance', () => {
  it('lists the incoming folder once per run, creates folders only when missing, and keeps no File Cabinet files for a 1,000-row file', async () => {
    for (const f of ['archive', 'failed', 'error']) fs.mkdirSync(path.join(env.baseDir, 'inventoryadjustment', f), { recursive: true });
    env.dropFile('inventoryadjustment/csv', 'k.csv', generateVarianceFeed(1000, ['WJ08-XS-Orange', 'MH09-XS-Blue', 'WJ03-L-Red'], ['254', '255']));
    const intake = await env.run(SCRIPT, { deploymentId: ADJ });
    const verify = await env.run(SCRIPT, { deploymentId: ADJ });
    expect(env.listFolder('inventoryadjustment/archive')).toEqual(['k.csv']);
    for (const run of [intake, verify]) {
      expect(run.usageByApi['sftp.list']?.calls).toBe(1);
      expect(run.usageByApi['sftp.makeDirectory']).toBeUndefined();
      expect(run.usageByApi['File.save']).toBeUndefined();
      expect(run.usageByApi['file.load']).toBeUndefined();
    }
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
    { api: 'search.runPaged', occurrence: 2, when: 'after' },
    { api: 'record.save', occurrence: 1, when: 'before' },
    { api: 'record.save', occurrence: 1, when: 'after' },
    { api: 'task.CsvImportTask.submit', occurrence: 1, when: 'before' },
    { api: 'task.CsvImportTask.submit', occurrence: 1, when: 'after' },
    { api: 'record.submitFields', occurrence: 1, when: 'before' },
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
    { api: 'record.submitFields', occurrence: 1, when: 'after' as const },
    { api: 'sftp.upload', occurrence: 1, when: 'before' as const },
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
    // No job file is kept: the retry rebuilds the job from the file still in csv/, with the same content.
    await runUntilSettled(ADJ);
    const jobs = env.account().tasks.filter((t) => t.type === 'CSV_IMPORT');
    expect(jobs).toHaveLength(2);
    expect(Buffer.from(env.account().readFile(jobs[1]!.importFileId!)).toString('utf8')).toBe(original);
    expect(env.account().listRecords('inventoryadjustment')).toHaveLength(1);
    expect(env.listFolder('inventoryadjustment/archive')).toEqual(['retry.csv']);
  });
});
