// Benchmark of the variance import at 1k / 10k / 100k rows: governance units per file, per run and per
// 1,000 rows, wall time of the script runs and of the emulated CSV import jobs, peak memory of this process.
// The feed is generated on the fly: cycle-count rows spread over the fixture's stores, items and dates.
// The flow's folders exist (as after its first run): creating them is a one-time cost, not a file's.
//   unitsPerFile = intake run + verify run of one file alone (each run also pays its fixed cost:
//                  SFTP configuration search, open-files search, one listing of the incoming folder);
//   steadyPerFile = one run that verifies the previous file and takes the next, as when files arrive
//                  every run: the fixed cost is paid once per file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startLocalEnvironment } from '../demo/environment';
import { loadFixture } from '../runtime/account/fixture';
import { DEFAULT_FIXTURE } from '../demo/environment';

export interface VarianceBenchResult {
  rows: number;
  fileMB: number;
  intakeUnits: number;
  verifyUnits: number;
  unitsPerFile: number;
  steadyPerFile: number;
  target: string;
  unitsPer1000Rows: number;
  jobs: number;
  transactions: number;
  intakeMs: number;
  csvImportMs: number;
  verifyMs: number;
  peakRssMB: number;
}

const HEADER = 'Reference No,Adjustment Account,Item,Adjust Qty By,Location,Date,Memo,Subsidiary,HC Inventory Adj Id';

/**
 * Governance target per file (HotWax's own script, which verifies nothing, uses about 230): 280 for the flow's
 * work, plus the run log's record in each of the two runs (6 each, docs/desk.md "The run log").
 */
export const UNITS_PER_FILE_TARGET = 280 + 2 * 6;

export function generateVarianceFeed(rows: number, items: string[], stores: string[], idPrefix = 'BENCH', month = 11, year = 2026): string {
  const lines = [HEADER];
  for (let i = 0; i < rows; i++) {
    const item = items[i % items.length] ?? '';
    const store = stores[Math.floor(i / items.length) % stores.length] ?? '';
    const day = 1 + (Math.floor(i / (items.length * stores.length)) % 28);
    const qty = ((i * 7919) % 11) - 5 || 1;
    lines.push(`${idPrefix}-${i},927,"${item.replace(/"/g, '""')}",${qty},${store},${month}/${day}/${year},Inventory cycle count by HotWax,1,${idPrefix}-${i}`);
  }
  return `${lines.join('\r\n')}\r\n`;
}

export async function benchVarianceImport(sizes: number[]): Promise<VarianceBenchResult[]> {
  const results: VarianceBenchResult[] = [];
  for (const rows of sizes) {
    const fixture = loadFixture(DEFAULT_FIXTURE);
    // Stores hold enough for three files of counts: NetSuite refuses stock below zero, so a count that removes
    // more than the store holds is a row error, not a posting.
    fixture.inventory = (fixture.inventory ?? []).map((b) => ({ ...b, onHand: b.onHand + 100_000 }));
    const items = (fixture.items ?? []).filter((i) => !i.isinactive).map((i) => i.itemid);
    const stores = (fixture.locations ?? []).filter((l) => l.type === 'store' && !l.isinactive).map((l) => String(l.id));
    const env = await startLocalEnvironment({ fixture });
    try {
      for (const f of ['csv', 'archive', 'failed', 'error']) fs.mkdirSync(path.join(env.baseDir, 'inventoryadjustment', f), { recursive: true });
      const feed = generateVarianceFeed(rows, items, stores);
      env.dropFile('inventoryadjustment/csv', `bench_${rows}.csv`, feed);
      // The deployment names its SFTP configuration record (README, After deploying, step 3): read with
      // search.lookupFields (1 unit) instead of a search (10). Without it, each run costs 9 more.
      const configId = String(env.account().listRecords('customrecord_hwx_sftp_config')[0]?.id ?? '');
      const params = { custscript_hwx_sftp_config: configId };
      let peak = process.memoryUsage().rss;
      const sampler = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().rss);
      }, 50);
      const t0 = Date.now();
      const intake = await env.run('customscript_hwx_sc_variance_import', { deploymentId: 'customdeploy_hwx_sc_variance_adj', runTasks: false, params });
      const t1 = Date.now();
      const tasks = await env.runTasks();
      const t2 = Date.now();
      const verify = await env.run('customscript_hwx_sc_variance_import', { deploymentId: 'customdeploy_hwx_sc_variance_adj', params });
      const t3 = Date.now();
      clearInterval(sampler);
      peak = Math.max(peak, process.memoryUsage().rss);
      if (intake.status !== 'COMPLETE' || verify.status !== 'COMPLETE' || tasks.some((t) => t.status !== 'COMPLETE')) {
        throw new Error(`bench ${rows}: a run failed: ${JSON.stringify([intake.errors, verify.errors, tasks.map((t) => t.error)])}`);
      }
      if (env.listFolder('inventoryadjustment/archive').length !== 1) {
        throw new Error(`bench ${rows}: the file was not archived: failed/=${env.listFolder('inventoryadjustment/failed').join(',')} error/=${env.listFolder('inventoryadjustment/error').map((n) => env.readFile('inventoryadjustment/error', n).slice(0, 600)).join('\n')}`);
      }
      const intakeUnits = intake.usage.execute?.units ?? 0;
      const verifyUnits = verify.usage.execute?.units ?? 0;
      const transactions = env.account().listRecords('inventoryadjustment').length;

      // Steady state: file B is taken; then one run finishes B and takes C, the way every run works when
      // a file arrives each run. That run's units are what a file costs. Each file is a later count (its
      // dates follow the previous file's): the already-applied search reads the posted variance lines of
      // the file's own dates, 5 units per 1,000 of them, so a file re-counting dates already posted pays more.
      env.dropFile('inventoryadjustment/csv', `bench_${rows}_b.csv`, generateVarianceFeed(rows, items, stores, 'BENCHB', 12));
      const takeB = await env.run('customscript_hwx_sc_variance_import', { deploymentId: 'customdeploy_hwx_sc_variance_adj', runTasks: false, params });
      await env.runTasks();
      env.dropFile('inventoryadjustment/csv', `bench_${rows}_c.csv`, generateVarianceFeed(rows, items, stores, 'BENCHC', 1, 2027));
      const steady = await env.run('customscript_hwx_sc_variance_import', { deploymentId: 'customdeploy_hwx_sc_variance_adj', runTasks: false, params });
      await env.runTasks();
      await env.run('customscript_hwx_sc_variance_import', { deploymentId: 'customdeploy_hwx_sc_variance_adj', params });
      if (takeB.status !== 'COMPLETE' || steady.status !== 'COMPLETE' || env.listFolder('inventoryadjustment/archive').length !== 3) {
        throw new Error(`bench ${rows}: the steady-state runs did not archive every file: ${JSON.stringify([takeB.errors, steady.errors, env.listFolder('inventoryadjustment/failed')])}`);
      }
      const steadyPerFile = steady.usage.execute?.units ?? 0;
      results.push({
        rows,
        fileMB: Math.round((Buffer.byteLength(feed) / 1048576) * 10) / 10,
        intakeUnits,
        verifyUnits,
        unitsPerFile: intakeUnits + verifyUnits,
        steadyPerFile,
        target: `<= ${UNITS_PER_FILE_TARGET}`,
        unitsPer1000Rows: Math.round(((intakeUnits + verifyUnits) / rows) * 1000 * 10) / 10,
        jobs: tasks.length,
        transactions,
        intakeMs: t1 - t0,
        csvImportMs: t2 - t1,
        verifyMs: t3 - t2,
        peakRssMB: Math.round(peak / 1048576),
      });
    } finally {
      await env.stop();
      fs.rmSync(env.dir, { recursive: true, force: true });
    }
  }
  return results;
}
