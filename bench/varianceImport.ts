// Benchmark of the variance import at 1k / 10k / 100k rows: governance units per run and per 1,000 rows,
// wall time of the script runs and of the emulated CSV import jobs, peak memory of this process.
// The feed is generated on the fly: cycle-count rows spread over the fixture's stores, items and dates.
import * as fs from 'node:fs';
import { startLocalEnvironment } from '../demo/environment';
import { loadFixture } from '../runtime/account/fixture';
import { DEFAULT_FIXTURE } from '../demo/environment';

export interface VarianceBenchResult {
  rows: number;
  fileMB: number;
  intakeUnits: number;
  verifyUnits: number;
  unitsPer1000Rows: number;
  jobs: number;
  transactions: number;
  intakeMs: number;
  csvImportMs: number;
  verifyMs: number;
  peakRssMB: number;
}

const HEADER = 'Reference No,Adjustment Account,Item,Adjust Qty By,Location,Date,Memo,Subsidiary,HC Inventory Adj Id';

export function generateVarianceFeed(rows: number, items: string[], stores: string[]): string {
  const lines = [HEADER];
  for (let i = 0; i < rows; i++) {
    const item = items[i % items.length] ?? '';
    const store = stores[Math.floor(i / items.length) % stores.length] ?? '';
    const day = 1 + (Math.floor(i / (items.length * stores.length)) % 28);
    const qty = ((i * 7919) % 11) - 5 || 1;
    lines.push(`BENCH-${i},927,"${item.replace(/"/g, '""')}",${qty},${store},11/${day}/2026,Inventory cycle count by HotWax,1,BENCH-${i}`);
  }
  return `${lines.join('\r\n')}\r\n`;
}

export async function benchVarianceImport(sizes: number[]): Promise<VarianceBenchResult[]> {
  const results: VarianceBenchResult[] = [];
  for (const rows of sizes) {
    const fixture = loadFixture(DEFAULT_FIXTURE);
    const items = (fixture.items ?? []).filter((i) => !i.isinactive).map((i) => i.itemid);
    const stores = (fixture.locations ?? []).filter((l) => l.type === 'store' && !l.isinactive).map((l) => String(l.id));
    const env = await startLocalEnvironment({ fixture });
    try {
      const feed = generateVarianceFeed(rows, items, stores);
      env.dropFile('inventoryadjustment/csv', `bench_${rows}.csv`, feed);
      let peak = process.memoryUsage().rss;
      const sampler = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().rss);
      }, 50);
      const t0 = Date.now();
      const intake = await env.run('customscript_hwx_sc_variance_import', { deploymentId: 'customdeploy_hwx_sc_variance_adj', runTasks: false });
      const t1 = Date.now();
      const tasks = await env.runTasks();
      const t2 = Date.now();
      const verify = await env.run('customscript_hwx_sc_variance_import', { deploymentId: 'customdeploy_hwx_sc_variance_adj' });
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
      results.push({
        rows,
        fileMB: Math.round((Buffer.byteLength(feed) / 1048576) * 10) / 10,
        intakeUnits,
        verifyUnits,
        unitsPer1000Rows: Math.round(((intakeUnits + verifyUnits) / rows) * 1000 * 10) / 10,
        jobs: tasks.length,
        transactions: env.account().listRecords('inventoryadjustment').length,
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
