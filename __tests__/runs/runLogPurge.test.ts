// Integration: the run log purge (customscript_hwx_sc_run_log_purge) deletes HotWax Integration Run records
// older than the days kept, oldest first, while governance lasts, and nothing else; its own run is logged.
import * as fs from 'node:fs';
import { startLocalEnvironment, type LocalEnvironment } from '../../demo/environment';
import { purgeRunNote } from '../../src/TypeScripts/hotwax_inventory/runs/runLogPurge';

const PURGE = { script: 'customscript_hwx_sc_run_log_purge', deployment: 'customdeploy_hwx_sc_run_log_purge' };

let env: LocalEnvironment;
beforeEach(async () => {
  env = await startLocalEnvironment();
});
afterEach(async () => {
  await env.stop();
  fs.rmSync(env.dir, { recursive: true, force: true });
});

const runs = () => env.account().listRecords('customrecord_hwx_run');

/** Makes `n` runs by running the variance import, then dates each `daysAgo` days back. */
async function oldRuns(n: number, daysAgo: number): Promise<void> {
  for (let i = 0; i < n; i++) await env.run('customscript_hwx_sc_variance_import', { deploymentId: 'customdeploy_hwx_sc_variance_adj' });
  const account = env.account();
  const cutoff = Date.now() - daysAgo * 86_400_000;
  for (const r of account.listRecords('customrecord_hwx_run')) if (Date.parse(String(r.fields.created)) > cutoff - 60_000) account.replaceRecord({ ...r, fields: { ...r.fields, created: new Date(cutoff).toISOString() } });
  account.save();
}

it('deletes the runs older than the days kept and keeps the recent ones and every other record', async () => {
  await oldRuns(3, 120);
  await env.run('customscript_hwx_sc_variance_import', { deploymentId: 'customdeploy_hwx_sc_variance_adj' });
  const recent = runs().filter((r) => Date.parse(String(r.fields.created)) > Date.now() - 86_400_000).map((r) => r.id);
  expect(runs()).toHaveLength(4);
  const feedFilesBefore = env.account().listRecords('customrecord_hwx_feed_file').length;
  const purge = await env.run(PURGE.script, { deploymentId: PURGE.deployment });
  expect(purge.status).toBe('COMPLETE');
  const left = runs();
  // The recent variance run, and the purge's own run record.
  expect(left.map((r) => r.id).slice(0, recent.length)).toEqual(recent);
  expect(left).toHaveLength(2);
  expect(left.at(-1)?.fields.custrecord_hwx_run_flow).toBe('runlog:purge');
  expect(String(left.at(-1)?.fields.custrecord_hwx_run_summary)).toMatch(/^deleted 3 run records created before \d{4}-\d{2}-\d{2} \(kept 90 days\)$/);
  expect(env.account().listRecords('customrecord_hwx_feed_file')).toHaveLength(feedFilesBefore);
});

it('keeps what the parameter says, at least a week: a smaller value means the default 90 days', async () => {
  await oldRuns(2, 10);
  expect((await env.run(PURGE.script, { deploymentId: PURGE.deployment, params: { custscript_hwx_rlp_keep_days: '0' } })).status).toBe('COMPLETE');
  expect(runs().filter((r) => r.fields.custrecord_hwx_run_flow !== 'runlog:purge')).toHaveLength(2);
  expect((await env.run(PURGE.script, { deploymentId: PURGE.deployment, params: { custscript_hwx_rlp_keep_days: '7' } })).status).toBe('COMPLETE');
  expect(runs().filter((r) => r.fields.custrecord_hwx_run_flow !== 'runlog:purge')).toHaveLength(0);
});

it('says when older records are left for the next run', () => {
  expect(purgeRunNote({ keepDays: 90, before: '2026-09-07', deleted: 2_480, more: true })).toEqual({ status: 'CONTINUES', text: 'deleted 2,480 run records created before 2026-09-07 (kept 90 days); older records are left for the next run (governance)', files: 0 });
  expect(purgeRunNote({ keepDays: 90, before: '2026-09-07', deleted: 0, more: false }).text).toBe('found nothing to do');
});
