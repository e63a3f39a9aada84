// Integration: the compiled inventory snapshot script, run by the local runtime (with its SEARCH task emulation)
// against the embedded SFTP server and an emulated account: the demo account, 4 HotWax locations.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startLocalEnvironment, type LocalEnvironment } from '../../demo/environment';
import type { FullRunSummary } from '../../runtime/engines/scriptRunner';
import { asUser, DAILY, editRecord, FOLLOW, HOTWAX_DIR, inventoryFixture, MATRIX_ITEM, ONE_LOCATION, publishedRows, SCRIPT, snapshotRecords, STAGING_DIR, WORK_FOLDER } from './inventoryFixture';
import { otherHostKey } from '../runtime/sftp/helpers';

const HOTWAX_LOCATIONS = ['1', '254', '255', '256'];
const FILE_NAME = /^InventorySnapshot_\d{8}T\d{6}Z_1of1\.csv$/;

let env: LocalEnvironment;

beforeEach(async () => {
  env = await startLocalEnvironment({ fixture: inventoryFixture() });
});

afterEach(async () => {
  await env.stop();
  fs.rmSync(env.dir, { recursive: true, force: true });
});

const activeItems = (): string[] =>
  env
    .account()
    .listRecords('inventoryitem')
    .filter((i) => i.fields.isinactive !== true)
    .map((i) => String(i.id));

const onHand = (item: number | string, location: number | string): string => String(env.account().onHand(String(item), String(location)));
const snapshot = (): Record<string, unknown> => {
  const records = snapshotRecords(env);
  return records[records.length - 1]?.fields ?? {};
};
const dependentRun = (run: FullRunSummary): FullRunSummary['taskRuns'][number]['run'] => run.taskRuns.find((t) => t.type === 'SCHEDULED_SCRIPT')?.run;
/** A run that FAILED on an uncaught error: its summary, its error and an ERROR line in its execution log say why. */
const expectFailedRun = (run: FullRunSummary['taskRuns'][number]['run'], reason: RegExp): void => {
  expect(run?.status).toBe('FAILED');
  expect(run?.errors.map((e) => `${e.name}: ${e.message}`).join('\n')).toMatch(reason);
  expect(run?.errors[0]?.name).toBe('SNAPSHOT_FAILED');
  const errors = run?.logs.filter((l) => l.level === 'ERROR') ?? [];
  expect(errors.some((l) => /^Inventory snapshot InventorySnapshot_\S+ FAILED/.test(l.title) && reason.test(l.details))).toBe(true);
  expect(errors.some((l) => l.title === 'Inventory snapshot run FAILED')).toBe(true);
};
const workFiles = (): string[] => {
  const account = env.account();
  return account.listFiles(account.folderByPath(WORK_FOLDER)).map((f) => f.name);
};

describe('the daily snapshot', () => {
  it('sends the on-hand and available quantity of every active item at every HotWax location, after adjustments, transfers and receipts', async () => {
    asUser(env, ({ record }) => {
      const adjustment = record.create({ type: 'inventoryadjustment' });
      adjustment.setValue({ fieldId: 'subsidiary', value: '1' });
      adjustment.setValue({ fieldId: 'account', value: '927' });
      adjustment.setValue({ fieldId: 'adjlocation', value: '254' });
      const lines: [number, number, number][] = [
        [3412, 254, -20], // 20 -> 0
      ];
      lines.forEach(([item, location, qty], line) => {
        adjustment.setSublistValue({ sublistId: 'inventory', fieldId: 'item', line, value: String(item) });
        adjustment.setSublistValue({ sublistId: 'inventory', fieldId: 'location', line, value: String(location) });
        adjustment.setSublistValue({ sublistId: 'inventory', fieldId: 'adjustqtyby', line, value: qty });
      });
      adjustment.save();

      const transfer = record.create({ type: 'inventorytransfer' });
      transfer.setValue({ fieldId: 'subsidiary', value: '1' });
      transfer.setValue({ fieldId: 'location', value: '1' });
      transfer.setValue({ fieldId: 'transferlocation', value: '255' });
      transfer.setSublistValue({ sublistId: 'inventory', fieldId: 'item', line: 0, value: '3415' });
      transfer.setSublistValue({ sublistId: 'inventory', fieldId: 'adjustqtyby', line: 0, value: 5 });
      transfer.save();

      // PO1001 (store 254): receive 10 of the hoodie, none of the jacket.
      const receipt = record.transform({ fromType: 'purchaseorder', fromId: 8302919, toType: 'itemreceipt' });
      for (let line = 0; line < receipt.getLineCount({ sublistId: 'item' }); line++) {
        const isHoodie = receipt.getSublistValue({ sublistId: 'item', fieldId: 'item', line }) === '3413';
        receipt.setSublistValue({ sublistId: 'item', fieldId: 'itemreceive', line, value: isHoodie });
        if (isHoodie) receipt.setSublistValue({ sublistId: 'item', fieldId: 'quantity', line, value: 10 });
      }
      receipt.save();
    });
    // Negative on hand (11 -> -9) comes from sales shipped ahead of stock in NetSuite ("underwater sales"); an
    // adjustment may not cause it (ns-local refuses by default), so it is set on the balance directly.
    const account = env.account();
    account.adjustOnHand('3414', '256', -20);
    account.save();
    expect([onHand(3412, 254), onHand(3414, 256), onHand(3415, 1), onHand(3415, 255), onHand(3413, 254)]).toEqual(['0', '-9', '203', '28', '37']);

    // One scheduled run: it submits the SEARCH task; NetSuite runs it, then the continuation deployment reads and sends it.
    const run = await env.run(SCRIPT, { deploymentId: DAILY });
    expect(run.status).toBe('COMPLETE');
    expect(run.usageByApi['task.SearchTask.submit']).toEqual({ calls: 1, units: 100 });
    expect(run.taskRuns.map((t) => [t.type, t.status])).toEqual([
      ['SEARCH', 'COMPLETE'],
      ['SCHEDULED_SCRIPT', 'COMPLETE'],
    ]);

    const files = env.listFolder(HOTWAX_DIR);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(FILE_NAME);
    expect(env.listFolder(STAGING_DIR)).toEqual([]);
    const rows = publishedRows(env);
    const items = activeItems();
    expect(rows.size).toBe(items.length * HOTWAX_LOCATIONS.length);
    for (const item of items) {
      for (const location of HOTWAX_LOCATIONS) {
        const row = rows.get(`${item}@${location}`);
        expect(row).toEqual(expect.objectContaining({ facility: location, itemId: item, onHand: onHand(item, location), available: onHand(item, location) }));
      }
    }
    // Zero and negative quantities are sent: HotWax must reset them too.
    expect(rows.get('3412@254')).toMatchObject({ item: 'WJ08-XS-Orange', onHand: '0', available: '0' });
    expect(rows.get('3414@256')).toMatchObject({ onHand: '-9', available: '-9' });
    // A name with a comma and quotes survives the round trip; a sub-item loses its parent prefix.
    expect(rows.get('3435@254')?.item).toBe('GIFT-BOX, "Deluxe"');
    expect(rows.get(`${MATRIX_ITEM.id}@254`)).toMatchObject({ item: 'MATRIX-TEE-RED-M', onHand: '3' });
    // Variance locations, the inactive store and the inactive item are not sent.
    expect([...rows.keys()].filter((k) => /@(30\d|399)$/.test(k) || k.startsWith('3436@'))).toEqual([]);

    expect(snapshot()).toMatchObject({
      custrecord_hwx_is_status: 'PUBLISHED',
      custrecord_hwx_is_scope: 'all',
      custrecord_hwx_is_rows: items.length * 4,
      custrecord_hwx_is_items: items.length,
      custrecord_hwx_is_locations: 4,
      custrecord_hwx_is_parts: 1,
      custrecord_hwx_is_files: `${HOTWAX_DIR}/${files[0] ?? ''}`,
    });
    const audit = dependentRun(run)?.logs.find((l) => l.title.startsWith('Inventory snapshot:'));
    expect(audit?.title).toContain('1 published (1 files)');
    expect(JSON.parse(audit?.details ?? '{}')).toMatchObject({ published: [{ rows: items.length * 4, locations: 4, files: [`${HOTWAX_DIR}/${files[0] ?? ''}`] }] });
    // Only the manifest stays in the work folder: the search results and parts are deleted once sent.
    expect(workFiles()).toEqual([`${files[0]?.replace('_1of1.csv', '') ?? ''}_manifest.json`]);
  });

  it('drops a location that stops taking part and an item made inactive from the next snapshot', async () => {
    await env.run(SCRIPT, { deploymentId: DAILY });
    const first = env.listFolder(HOTWAX_DIR)[0] ?? '';
    editRecord(env, 'location', 255, { custrecord_hwx_loc_hotwax: false });
    editRecord(env, 'inventoryitem', 3412, { isinactive: true });
    await env.run(SCRIPT, { deploymentId: DAILY });
    // Taken within the same second as the first: the name still differs (the stamp moves to the next second).
    const second = env.listFolder(HOTWAX_DIR).find((n) => n !== first) ?? '';
    expect(second).toMatch(FILE_NAME);
    expect(second > first).toBe(true);
    const rows = publishedRows(env, second);
    expect([...rows.values()].some((r) => r.facility === '255')).toBe(false);
    expect([...rows.values()].some((r) => r.itemId === '3412')).toBe(false);
    expect(rows.size).toBe(activeItems().length * 3);
    // The first snapshot's file is never touched.
    expect(publishedRows(env, first).size).toBe((activeItems().length + 1) * 4);
  });

  it('keeps the criteria an admin set on the saved search, and restores the columns the script reads', async () => {
    await env.run(SCRIPT, { deploymentId: DAILY });
    asUser(env, ({ search }) => {
      const saved = search.load({ id: 'customsearch_hwx_inventory_snapshot' });
      saved.filterExpression = [saved.filterExpression, 'AND', ['internalid', 'noneof', '3413']];
      saved.columns = [search.createColumn({ name: 'itemid', label: 'Name' })];
      saved.save();
    });
    const run = await env.run(SCRIPT, { deploymentId: DAILY });
    expect(run.logs.map((l) => l.title)).toContain('Inventory snapshot: search columns restored');
    const latest = env.listFolder(HOTWAX_DIR).sort().pop() ?? '';
    const rows = publishedRows(env, latest);
    expect([...rows.values()].some((r) => r.itemId === '3413')).toBe(false);
    expect(rows.size).toBe((activeItems().length - 1) * 4);
  });

  it('splits a large snapshot into numbered files of at most N rows', async () => {
    const run = await env.run(SCRIPT, { deploymentId: DAILY, params: { custscript_hwx_inv_rows_per_file: '30' } });
    expect(run.status).toBe('COMPLETE');
    const files = env.listFolder(HOTWAX_DIR);
    const total = activeItems().length * 4;
    const parts = Math.ceil(total / 30);
    expect(files).toHaveLength(parts);
    const stamp = /^(InventorySnapshot_\d{8}T\d{6}Z)_1of\d+\.csv$/.exec(files[0] ?? '')?.[1] ?? '';
    expect(files.sort()).toEqual(Array.from({ length: parts }, (_, i) => `${stamp}_${i + 1}of${parts}.csv`).sort());
    const sizes = files.map((f) => publishedRows(env, f).size);
    expect(Math.max(...sizes)).toBe(30);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(total);
    expect(publishedRows(env).size).toBe(total);
  });

  it('sends nothing when no location takes part, and says so', async () => {
    for (const location of HOTWAX_LOCATIONS) editRecord(env, 'location', Number(location), { custrecord_hwx_loc_hotwax: false });
    await env.run(SCRIPT, { deploymentId: DAILY });
    expect(env.listFolder(HOTWAX_DIR)).toEqual([]);
    expect(snapshot()).toMatchObject({ custrecord_hwx_is_status: 'EMPTY' });
    expect(workFiles()).toEqual([]);
  });
});

describe('one location on demand', () => {
  it('sends only that location, under a name that says so', async () => {
    const run = await env.run(SCRIPT, { deploymentId: ONE_LOCATION, params: { custscript_hwx_inv_location: '254' } });
    expect(run.status).toBe('COMPLETE');
    const files = env.listFolder(HOTWAX_DIR);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^InventorySnapshot_\d{8}T\d{6}Z_loc254_1of1\.csv$/);
    const rows = publishedRows(env);
    expect(new Set([...rows.values()].map((r) => r.facility))).toEqual(new Set(['254']));
    expect(rows.size).toBe(activeItems().length);
    for (const r of rows.values()) expect(r.onHand).toBe(onHand(r.itemId, 254));
    expect(snapshot()).toMatchObject({ custrecord_hwx_is_scope: '254', custrecord_hwx_is_status: 'PUBLISHED', custrecord_hwx_is_locations: 1 });
  });

  it('refuses a location that does not take part in HotWax, starting nothing', async () => {
    const run = await env.run(SCRIPT, { deploymentId: ONE_LOCATION, params: { custscript_hwx_inv_location: '301' } });
    expect(run.status).toBe('FAILED');
    expect(run.errors[0]?.message).toMatch(/Variance - Damaged \(301\) is not marked HotWax Location/);
    expect(run.tasks).toEqual([]);
    expect(snapshotRecords(env)).toEqual([]);
    expect(env.account().listRecords('savedsearch')).toEqual([]);
  });
});

describe('nothing partial is ever visible to HotWax', () => {
  it('a run that dies mid-upload leaves no file in HotWax folder; the next run finishes the same snapshot', async () => {
    // No continuation: the search task runs, and the follow-up deployment reads it.
    await env.run(SCRIPT, { deploymentId: DAILY, params: { custscript_hwx_inv_continue_deploy: '' } });
    expect(snapshot()).toMatchObject({ custrecord_hwx_is_status: 'SEARCHING' });

    const killed = await env.run(SCRIPT, { deploymentId: FOLLOW, params: { custscript_hwx_inv_rows_per_file: '30' }, kill: { api: 'sftp.upload', occurrence: 2 } });
    expect(killed.status).toBe('KILLED');
    const name = String(snapshot().name);
    const parts = Math.ceil((activeItems().length * 4) / 30);
    expect(env.listFolder(HOTWAX_DIR)).toEqual([]);
    expect(env.listFolder(STAGING_DIR)).toEqual([`${name}_1of${parts}.csv`]);
    expect(snapshot()).toMatchObject({ custrecord_hwx_is_status: 'BUILT', custrecord_hwx_is_uploaded: 1, custrecord_hwx_is_moved: 0 });
    // A half-written second part, as a dropped connection leaves it.
    fs.writeFileSync(path.join(env.baseDir, STAGING_DIR, `${name}_2of${parts}.csv`), 'Item,externalFacility');

    const retry = await env.run(SCRIPT, { deploymentId: FOLLOW });
    expect(retry.status).toBe('COMPLETE');
    expect(env.listFolder(STAGING_DIR)).toEqual([]);
    expect(env.listFolder(HOTWAX_DIR)).toEqual(Array.from({ length: parts }, (_, i) => `${name}_${i + 1}of${parts}.csv`).sort());
    expect(publishedRows(env).size).toBe(activeItems().length * 4);
    expect(snapshot()).toMatchObject({ custrecord_hwx_is_status: 'PUBLISHED', custrecord_hwx_is_moved: parts });
  });

  it('when the SFTP server is down, the run FAILS, the snapshot is FAILED to retry from BUILT, and it is sent once the server is back', async () => {
    await env.stopSftp();
    const run = await env.run(SCRIPT, { deploymentId: DAILY });
    expect(run.status).toBe('COMPLETE'); // the start: the search task is submitted
    expectFailedRun(dependentRun(run), /SFTP_CONNECT_FAILED/);
    expect(snapshot()).toMatchObject({ custrecord_hwx_is_status: 'FAILED', custrecord_hwx_is_retry_from: 'BUILT', custrecord_hwx_is_uploaded: 0 });
    expect(String(snapshot().custrecord_hwx_is_message)).toMatch(/FAILED at BUILT: SFTP_CONNECT_FAILED.*the next run retries/);
    expect(env.listFolder(HOTWAX_DIR)).toEqual([]);

    await env.restartSftp();
    const retry = await env.run(SCRIPT, { deploymentId: FOLLOW });
    expect(retry.status).toBe('COMPLETE');
    expect(snapshot()).toMatchObject({ custrecord_hwx_is_status: 'PUBLISHED', custrecord_hwx_is_retry_from: '' });
    expect(env.listFolder(HOTWAX_DIR)[0]).toMatch(FILE_NAME);
    expect(publishedRows(env).size).toBe(activeItems().length * 4);
  });

  it('drops a snapshot that could not be sent while it was fresh, and the next daily run sends a new one', async () => {
    await env.run(SCRIPT, { deploymentId: DAILY, params: { custscript_hwx_inv_continue_deploy: '' } });
    await env.run(SCRIPT, { deploymentId: FOLLOW, kill: { api: 'sftp.upload', occurrence: 1, when: 'after' } });
    expect(env.listFolder(STAGING_DIR)).toHaveLength(1);
    const stale = snapshotRecords(env)[0];
    editRecord(env, 'customrecord_hwx_inv_snapshot', stale?.id ?? 0, { custrecord_hwx_is_started: new Date(Date.now() - 13 * 3_600_000).toISOString() });

    const run = await env.run(SCRIPT, { deploymentId: DAILY });
    // Today's snapshot is sent, but the run had one it could not send: it says so.
    expectFailedRun(run, /too old/);
    const [dropped, fresh] = snapshotRecords(env);
    expect(dropped?.fields.custrecord_hwx_is_status).toBe('FAILED');
    expect(String(dropped?.fields.custrecord_hwx_is_message)).toMatch(/too old/);
    expect(fresh?.fields.custrecord_hwx_is_status).toBe('PUBLISHED');
    expect(env.listFolder(STAGING_DIR)).toEqual([]);
    expect(env.listFolder(HOTWAX_DIR)).toEqual([`${String(fresh?.fields.name)}_1of1.csv`]);
  });
});

describe('a search task that fails', () => {
  it('drops the snapshot, says why, and lets the next start take a new one', async () => {
    await env.run(SCRIPT, { deploymentId: DAILY, runTasks: false });
    // The file the task writes into is gone before NetSuite runs the task: the task FAILs.
    const account = env.account();
    const placeholder = account.listFiles(account.folderByPath(WORK_FOLDER)).find((f) => f.name.endsWith('_search.csv'));
    account.deleteFile(placeholder?.id ?? 0);
    account.save();
    const tasks = await env.runTasks();
    expect(tasks.map((t) => [t.type, t.status])).toEqual([
      ['SEARCH', 'FAILED'],
      ['SCHEDULED_SCRIPT', 'FAILED'],
    ]);
    const follow = await env.run(SCRIPT, { deploymentId: FOLLOW });
    expectFailedRun(follow, /search task .* ended FAILED/);
    expect(snapshot()).toMatchObject({ custrecord_hwx_is_status: 'FAILED', custrecord_hwx_is_retry_from: '' });
    expect(String(snapshot().custrecord_hwx_is_message)).toMatch(/search task .* ended FAILED/);
    expect(env.listFolder(HOTWAX_DIR)).toEqual([]);

    const daily = await env.run(SCRIPT, { deploymentId: DAILY });
    expect(daily.status).toBe('COMPLETE');
    expect(snapshot()).toMatchObject({ custrecord_hwx_is_status: 'PUBLISHED' });
    expect(env.listFolder(HOTWAX_DIR)).toHaveLength(1);
  });
});

describe('a run whose work failed says FAILED (Scheduled Script Status shows Failed only on an uncaught error, NETSUITE.md 6.1)', () => {
  it('a wrong pinned host key: the run FAILS, the record is FAILED with the reason, the log has the error; fixed, the next run sends it', async () => {
    const [config] = env.account().listRecords('customrecord_hwx_sftp_config');
    editRecord(env, 'customrecord_hwx_sftp_config', config?.id ?? 0, { custrecord_hwx_sftp_host_key: otherHostKey('ecdsa') });
    const run = await env.run(SCRIPT, { deploymentId: DAILY });
    expectFailedRun(dependentRun(run), /FTP_INCORRECT_HOST_KEY/);
    expect(snapshot()).toMatchObject({ custrecord_hwx_is_status: 'FAILED', custrecord_hwx_is_retry_from: 'BUILT' });
    expect(String(snapshot().custrecord_hwx_is_message)).toMatch(/FTP_INCORRECT_HOST_KEY/);
    expect(env.listFolder(HOTWAX_DIR)).toEqual([]);
    expect(env.listFolder(STAGING_DIR)).toEqual([]);

    // Still wrong: the hourly follow-up fails the same way, and says so again.
    expectFailedRun(await env.run(SCRIPT, { deploymentId: FOLLOW }), /FTP_INCORRECT_HOST_KEY/);
    expect(snapshot()).toMatchObject({ custrecord_hwx_is_status: 'FAILED', custrecord_hwx_is_retry_from: 'BUILT' });

    editRecord(env, 'customrecord_hwx_sftp_config', config?.id ?? 0, { custrecord_hwx_sftp_host_key: env.sftp.hostKey.base64 });
    const fixed = await env.run(SCRIPT, { deploymentId: FOLLOW });
    expect(fixed.status).toBe('COMPLETE');
    expect(snapshot()).toMatchObject({ custrecord_hwx_is_status: 'PUBLISHED', custrecord_hwx_is_retry_from: '' });
    expect(String(snapshot().custrecord_hwx_is_message)).not.toMatch(/FAILED/);
    expect(publishedRows(env).size).toBe(activeItems().length * 4);
  });

  it('a failure while publishing (a file of the same name in HotWax folder): FAILED to retry from PUBLISHING, nothing overwritten', async () => {
    await env.run(SCRIPT, { deploymentId: DAILY, params: { custscript_hwx_inv_continue_deploy: '' } });
    const killed = await env.run(SCRIPT, { deploymentId: FOLLOW, kill: { api: 'sftp.move', occurrence: 1 } });
    expect(killed.status).toBe('KILLED');
    expect(snapshot()).toMatchObject({ custrecord_hwx_is_status: 'PUBLISHING', custrecord_hwx_is_moved: 0 });
    const name = `${String(snapshot().name)}_1of1.csv`;
    env.dropFile(HOTWAX_DIR, name, 'not ours');

    expectFailedRun(await env.run(SCRIPT, { deploymentId: FOLLOW }), /SNAPSHOT_NAME_TAKEN/);
    expect(snapshot()).toMatchObject({ custrecord_hwx_is_status: 'FAILED', custrecord_hwx_is_retry_from: 'PUBLISHING', custrecord_hwx_is_moved: 0 });
    expect(env.readFile(HOTWAX_DIR, name)).toBe('not ours');

    fs.rmSync(path.join(env.baseDir, HOTWAX_DIR, name));
    expect((await env.run(SCRIPT, { deploymentId: FOLLOW })).status).toBe('COMPLETE');
    expect(snapshot()).toMatchObject({ custrecord_hwx_is_status: 'PUBLISHED', custrecord_hwx_is_moved: 1 });
    expect(env.listFolder(HOTWAX_DIR)).toEqual([name]);
  });

  it('a failure reading the search results (the continuation of the SEARCH task): FAILED to retry from SEARCHING', async () => {
    await env.run(SCRIPT, { deploymentId: DAILY, params: { custscript_hwx_inv_continue_deploy: '' } });
    expect(snapshot()).toMatchObject({ custrecord_hwx_is_status: 'SEARCHING' });
    const account = env.account();
    const results = account.listFiles(account.folderByPath(WORK_FOLDER)).find((f) => f.name.endsWith('_search.csv'));
    account.deleteFile(results?.id ?? 0);
    account.save();

    const run = await env.run(SCRIPT, { deploymentId: FOLLOW });
    expectFailedRun(run, /RCRD_DSNT_EXIST/);
    expect(snapshot()).toMatchObject({ custrecord_hwx_is_status: 'FAILED', custrecord_hwx_is_retry_from: 'SEARCHING' });
    expect(String(snapshot().custrecord_hwx_is_message)).toMatch(/FAILED at SEARCHING: RCRD_DSNT_EXIST/);
    expect(env.listFolder(HOTWAX_DIR)).toEqual([]);
  });
});

describe('governance', () => {
  it('continues on the continuation deployment when a snapshot has more files than one run can send', async () => {
    // One row per file: about 100 files, some 16,000 units of uploads and moves, more than one scheduled run has.
    const run = await env.run(SCRIPT, { deploymentId: DAILY, params: { custscript_hwx_inv_rows_per_file: '1' } });
    const scripts = run.taskRuns.flatMap((t) => (t.run ? [t.run] : []));
    expect(scripts.length).toBeGreaterThan(1);
    for (const s of [run, ...scripts]) {
      expect(s.status).toBe('COMPLETE');
      expect(s.usage.execute?.units).toBeLessThanOrEqual(10_000);
    }
    expect(scripts.slice(0, -1).every((s) => s.logs.some((l) => l.details.includes('"rescheduled":true')))).toBe(true);
    const total = activeItems().length * 4;
    expect(env.listFolder(HOTWAX_DIR)).toHaveLength(total);
    expect(publishedRows(env).size).toBe(total);
    expect(snapshot()).toMatchObject({ custrecord_hwx_is_status: 'PUBLISHED', custrecord_hwx_is_parts: total, custrecord_hwx_is_moved: total });
  });
});
