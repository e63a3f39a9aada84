// Integration: the compiled planner Map/Reduce script (plan -> send -> remember) through the local runtime,
// the embedded SFTP server and the variance import, on the demo account with known classes (cycleCountFixture).
import * as fs from 'node:fs';
import { startLocalEnvironment, type LocalEnvironment } from '../../demo/environment';
import type { KillPlan } from '../../runtime/engines/execution';
import { at, CLASSIFY, CLASSIFY_NOW, countListRows, cycleCountFixture, fieldsOf, IMPORT_DIR, MONDAY, PLAN, PLAN_DAILY, records, REMEMBER, STAGING_DIR, type PolicyValues } from './cycleCountFixture';

const VARIANCE = 'customscript_hwx_sc_variance_import';
const ADJ = 'customdeploy_hwx_sc_variance_adj';
const VARIANCE_HEADER = 'Reference No,Adjustment Account,Item,Adjust Qty By,Location,Date,Memo,Subsidiary,HC Inventory Adj Id';
const LIST_254 = 'CycleCount_254_20261123.csv';
const SAVED_SEARCH_TYPE = 'savedsearch';

let env: LocalEnvironment;

async function start(policy: PolicyValues = {}): Promise<void> {
  env = await startLocalEnvironment({ fixture: cycleCountFixture({ policy, overrides: [] }) });
  const run = await at(MONDAY, () => env.run(CLASSIFY, { deploymentId: CLASSIFY_NOW }));
  expect(run.status).toBe('COMPLETE');
}

afterEach(async () => {
  await env.stop();
  fs.rmSync(env.dir, { recursive: true, force: true });
});

const plan = (day: string, deploymentId = PLAN_DAILY, kill?: KillPlan) => at(day, () => env.run(PLAN, { deploymentId, ...(kill ? { kill } : {}) }));
const counts = (store = '254') => fieldsOf(env, 'customrecord_hwx_cc_count').filter((f) => f.custrecord_hwx_cct_location === store);
const lines = (store = '254') => fieldsOf(env, 'customrecord_hwx_cc_line').filter((f) => f.custrecord_hwx_ccl_location === store);
const lineOf = (item: number, countDate = MONDAY) => lines().find((l) => l.custrecord_hwx_ccl_item === String(item) && l.custrecord_hwx_ccl_count_date === countDate);
const skus = (name: string) => countListRows(env, name).map((r) => r[3]);
const stat = (cls: string, store = '254') => fieldsOf(env, 'customrecord_hwx_cc_stat').find((f) => f.custrecord_hwx_ccs_location === store && f.custrecord_hwx_ccs_class === cls && f.custrecord_hwx_ccs_period === '2026-11');

function editPolicy(fields: Record<string, string | number>): void {
  const account = env.account();
  const policy = account.listRecords('customrecord_hwx_cc_policy')[0];
  if (!policy) throw new Error('no policy');
  account.replaceRecord({ ...policy, fields: { ...policy.fields, ...fields } });
  account.save();
}

/** HotWax sends the approved count of store 254 (the stand-in's role here), and the variance import posts it. */
async function hotwaxSendsCount(rows: [sku: string, variance: number, id: string][], date = '11/23/2026'): Promise<void> {
  env.dropFile('inventoryadjustment/csv', `cyclecount_${id(rows)}.csv`, [VARIANCE_HEADER, ...rows.map(([sku, qty, hid]) => `${hid},927,${sku},${qty},254,${date},Inventory cycle count by HotWax,1,${hid}`)].join('\n') + '\n');
  for (let i = 0; i < 3; i++) {
    const run = await at(`${MONDAY}T15:00:00Z`, () => env.run(VARIANCE, { deploymentId: ADJ }));
    expect(run.status).toBe('COMPLETE');
  }
  expect(env.listFolder('inventoryadjustment/archive').length + env.listFolder('inventoryadjustment/failed').length).toBeGreaterThan(0);
}
const id = (rows: [string, number, string][]): string => rows.map((r) => r[2]).join('_');

describe('cycle count planner: what a store counts', () => {
  it('sends one draft count list per store on a count day: never counted first, A before B before C, by value, within capacity', async () => {
    await start({ capacity: 3 });
    const run = await plan(MONDAY);
    expect(run.status).toBe('COMPLETE');
    expect(run.errors).toEqual([]);
    expect(env.listFolder(IMPORT_DIR)).toEqual(['CycleCount_254_20261123.csv', 'CycleCount_255_20261123.csv', 'CycleCount_256_20261123.csv']);
    expect(env.listFolder(STAGING_DIR)).toEqual([]);
    expect(countListRows(env, LIST_254)).toEqual([
      ['NS-CC-254-20261123', 'DIRECTED_COUNT', 'CYCLE_CNT_CREATED', 'WJ08-XS-Orange', 'SKU', MONDAY, MONDAY, '254'],
      ['NS-CC-254-20261123', 'DIRECTED_COUNT', 'CYCLE_CNT_CREATED', 'MH09-XS-Blue', 'SKU', MONDAY, MONDAY, '254'],
      ['NS-CC-254-20261123', 'DIRECTED_COUNT', 'CYCLE_CNT_CREATED', 'WJ03-L-Red', 'SKU', MONDAY, MONDAY, '254'],
    ]);
    expect(counts()).toEqual([expect.objectContaining({ externalid: 'HWX-CC-254-20261123', custrecord_hwx_cct_status: 'SENT', custrecord_hwx_cct_lines: 3, custrecord_hwx_cct_count_date: MONDAY, custrecord_hwx_cct_expires: '2026-11-25', custrecord_hwx_cct_sftp_path: `${IMPORT_DIR}/${LIST_254}` })]);
    expect(lines().map((l) => [l.custrecord_hwx_ccl_item, l.custrecord_hwx_ccl_class, l.custrecord_hwx_ccl_status])).toEqual([
      ['3412', 'A', 'PLANNED'],
      ['3413', 'B', 'PLANNED'],
      ['3414', 'C', 'PLANNED'],
    ]);
    // The saved search an admin opens (accuracy per store, class and month) is created on the first run.
    expect(records(env, SAVED_SEARCH_TYPE).map((r) => [r.fields.scriptid, r.fields.title])).toEqual([['customsearch_hwx_cc_accuracy', 'HotWax: Cycle Count Accuracy']]);
  });

  it('sends nothing new when it runs again the same day, and nothing on a day that is not a count day', async () => {
    await start({ capacity: 3 });
    await plan(MONDAY);
    const before = { files: env.listFolder(IMPORT_DIR), text: env.readFile(IMPORT_DIR, LIST_254), counts: records(env, 'customrecord_hwx_cc_count').length, lines: records(env, 'customrecord_hwx_cc_line').length };
    const again = await plan(`${MONDAY}T18:00:00Z`);
    expect(again.status).toBe('COMPLETE');
    expect(again.usageByApi['sftp.upload']).toBeUndefined();
    const tuesday = await plan('2026-11-24');
    expect(tuesday.usageByApi['sftp.upload']).toBeUndefined();
    expect({ files: env.listFolder(IMPORT_DIR), text: env.readFile(IMPORT_DIR, LIST_254), counts: records(env, 'customrecord_hwx_cc_count').length, lines: records(env, 'customrecord_hwx_cc_line').length }).toEqual(before);
  });

  it('plans with lead time for the count day, and a store policy with capacity 0 takes the store out', async () => {
    env = await startLocalEnvironment({ fixture: cycleCountFixture({ policy: { capacity: 2, leadDays: 2, countDays: 'Wednesday' }, storePolicies: [{ location: 255, policy: { capacity: 0 } }] }) });
    await at(MONDAY, () => env.run(CLASSIFY, { deploymentId: CLASSIFY_NOW }));
    await plan(MONDAY);
    expect(env.listFolder(IMPORT_DIR)).toEqual(['CycleCount_254_20261125.csv', 'CycleCount_256_20261125.csv']);
    expect(countListRows(env, 'CycleCount_254_20261125.csv').map((r) => [r[5], r[6]])).toEqual([
      ['2026-11-25', '2026-11-25'],
      ['2026-11-25', '2026-11-25'],
    ]);
  });
});

describe('cycle count planner: remembering counts', () => {
  it('round trip: plan, HotWax counts with differences, the variance import posts them, history and accuracy are recorded; lines never back expire and are due again', async () => {
    await start({ capacity: 3 });
    await plan(MONDAY);
    // The stand-in counts 3412 two short and 3413 one over; 3414 never comes back.
    await hotwaxSendsCount([
      ['WJ08-XS-Orange', -2, 'CC-1'],
      ['MH09-XS-Blue', 1, 'CC-2'],
    ]);
    expect(env.account().onHand('3412', '254')).toBe(18);
    const evening = await at(`${MONDAY}T20:00:00Z`, () => env.run(PLAN, { deploymentId: REMEMBER }));
    expect(evening.status).toBe('COMPLETE');
    expect(evening.usageByApi['sftp.upload']).toBeUndefined();
    expect(lineOf(3412)).toMatchObject({ custrecord_hwx_ccl_status: 'COUNTED', custrecord_hwx_ccl_counted_on: MONDAY, custrecord_hwx_ccl_systemic: 20, custrecord_hwx_ccl_counted_qty: 18, custrecord_hwx_ccl_variance: -2, custrecord_hwx_ccl_var_value: -20, custrecord_hwx_ccl_accurate: false, custrecord_hwx_ccl_variance_ids: 'CC-1' });
    expect(lineOf(3413)).toMatchObject({ custrecord_hwx_ccl_status: 'COUNTED', custrecord_hwx_ccl_systemic: 27, custrecord_hwx_ccl_counted_qty: 28, custrecord_hwx_ccl_variance: 1, custrecord_hwx_ccl_var_value: 4 });
    expect(lineOf(3414)).toMatchObject({ custrecord_hwx_ccl_status: 'PLANNED' });
    expect(counts()[0]).toMatchObject({ custrecord_hwx_cct_status: 'SENT', custrecord_hwx_cct_counted: 2, custrecord_hwx_cct_accurate: 0, custrecord_hwx_cct_var_value: -16 });

    // Wednesday: a bigger list. Counted items are not due (A every 30 days, B 90); 3414 is still open.
    editPolicy({ custrecord_hwx_ccp_capacity: 30 });
    await plan('2026-11-25');
    const wednesday = skus('CycleCount_254_20261125.csv');
    expect(wednesday).not.toEqual(expect.arrayContaining(['WJ08-XS-Orange']));
    expect(wednesday).not.toContain('MH09-XS-Blue');
    expect(wednesday).not.toContain('WJ03-L-Red');
    expect(wednesday).toContain('SOLD-OUT-SKU'); // on hand 0 but moved: counted, under HotWax's name for it
    expect(wednesday).toHaveLength(22);

    // Thursday: Monday's grace period (2 days) is over: 3414 expires, the count is partly counted.
    await at('2026-11-26T07:00:00Z', () => env.run(PLAN, { deploymentId: REMEMBER }));
    expect(lineOf(3414)).toMatchObject({ custrecord_hwx_ccl_status: 'EXPIRED' });
    expect(counts()[0]).toMatchObject({ custrecord_hwx_cct_status: 'PARTLY_COUNTED', custrecord_hwx_cct_counted: 2, custrecord_hwx_cct_expired: 1 });
    // Accuracy for November at 254 (tolerance 0 %: both counts had a difference).
    expect(stat('A')).toMatchObject({ custrecord_hwx_ccs_planned: 1, custrecord_hwx_ccs_counted: 1, custrecord_hwx_ccs_accurate: 0, custrecord_hwx_ccs_items: 1, custrecord_hwx_ccs_covered: 1, custrecord_hwx_ccs_coverage: 100, custrecord_hwx_ccs_accuracy: 0, custrecord_hwx_ccs_var_value: -20 });
    expect(stat('B')).toMatchObject({ custrecord_hwx_ccs_planned: 1, custrecord_hwx_ccs_counted: 1, custrecord_hwx_ccs_var_value: 4, custrecord_hwx_ccs_abs_var: 4 });
    expect(stat('C')).toMatchObject({ custrecord_hwx_ccs_planned: 23, custrecord_hwx_ccs_counted: 0, custrecord_hwx_ccs_expired: 1, custrecord_hwx_ccs_items: 23, custrecord_hwx_ccs_covered: 0 });

    // Next Monday 3414 is due again (expired), before any item counted within its interval.
    editPolicy({ custrecord_hwx_ccp_capacity: 1, custrecord_hwx_ccp_freq_a: 7 });
    await plan('2026-11-30');
    expect(skus('CycleCount_254_20261130.csv')).toEqual(['WJ03-L-Red']);
    // Wednesday, room for 30: the 22 lines of last Wednesday expired unanswered (never counted: first), then
    // 3412 (A, counted 9 days before, every 7 days: 2 days overdue); 3413 (B, every 90 days) is not due.
    editPolicy({ custrecord_hwx_ccp_capacity: 30 });
    await plan('2026-12-02');
    const december = skus('CycleCount_254_20261202.csv');
    expect(december).toHaveLength(23);
    expect(december[22]).toBe('WJ08-XS-Orange');
    expect(december).not.toContain('MH09-XS-Blue');
    expect(december).not.toContain('WJ03-L-Red'); // open since Monday
  });

  it('counts a line accurate within the tolerance', async () => {
    await start({ capacity: 3, tolerance: 10 });
    await plan(MONDAY);
    await hotwaxSendsCount([
      ['WJ08-XS-Orange', -2, 'CC-1'], // 2 of 20 = 10 %: within
      ['MH09-XS-Blue', 3, 'CC-2'], // 3 of 27 = 11 %: not
    ]);
    await at(`${MONDAY}T20:00:00Z`, () => env.run(PLAN, { deploymentId: REMEMBER }));
    expect(lineOf(3412)?.custrecord_hwx_ccl_accurate).toBe(true);
    expect(lineOf(3413)?.custrecord_hwx_ccl_accurate).toBe(false);
    expect(counts()[0]?.custrecord_hwx_cct_accurate).toBe(1);
  });
});

describe('cycle count planner: exactly one list per store and day', () => {
  const killPoints: KillPlan[] = [
    { api: 'record.save', occurrence: 1, when: 'after' },
    { api: 'record.save', occurrence: 2, when: 'after' },
    { api: 'sftp.upload', occurrence: 1, when: 'before' },
    { api: 'sftp.upload', occurrence: 1, when: 'after' },
    { api: 'sftp.move', occurrence: 1, when: 'after' },
    { api: 'record.submitFields', occurrence: 1, when: 'before' },
  ];
  it.each(killPoints)('one list, one count, one line per item when the run is killed $when $api #$occurrence and runs again', async (kill) => {
    await start({ capacity: 3 });
    const killed = await plan(MONDAY, PLAN_DAILY, kill);
    expect(killed.status).toBe('KILLED');
    expect(env.listFolder(IMPORT_DIR).filter((n) => n.startsWith('CycleCount_254'))).toEqual(kill.api === 'sftp.move' || kill.api === 'record.submitFields' ? [LIST_254] : []);
    const again = await plan(`${MONDAY}T08:00:00Z`);
    expect(again.status).toBe('COMPLETE');
    expect(env.listFolder(IMPORT_DIR)).toEqual(['CycleCount_254_20261123.csv', 'CycleCount_255_20261123.csv', 'CycleCount_256_20261123.csv']);
    expect(env.listFolder(STAGING_DIR)).toEqual([]);
    expect(skus(LIST_254)).toEqual(['WJ08-XS-Orange', 'MH09-XS-Blue', 'WJ03-L-Red']);
    expect(counts().map((c) => c.custrecord_hwx_cct_status)).toEqual(['SENT']);
    expect(lines().map((l) => l.custrecord_hwx_ccl_item)).toEqual(['3412', '3413', '3414']);
  });
});
