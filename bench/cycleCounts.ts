// Benchmark of cycle-count classification and planning at N items x S stores (default 50 HotWax stores),
// through the local runtime: the classification Map/Reduce (one reduce per store: stock and cost search,
// two summary searches of quantity out, the classes file, a record), then the planner (one reduce per store:
// history, stock, classes file, the due list, the count list over SFTP, line records, accuracy).
// Every item is stocked at every store; a fifth of the items moved out of each store in the window.
// Units are the emulator's governance count (NETSUITE.md 5); wall time and peak RSS are this process's.
// Run directly: npm run build && node build/bench/cycleCounts.js [--sizes 1000,10000] [--stores 50]
import * as fs from 'node:fs';
import { startLocalEnvironment } from '../demo/environment';
import type { AccountFixture } from '../runtime/account/fixture';
import type { FullRunSummary } from '../runtime/engines/scriptRunner';
import { parseSizes, parseStores } from './sizes';

const CLASSIFY = 'customscript_hwx_mr_cc_classify';
const PLAN = 'customscript_hwx_mr_cc_plan';
const WORK = '/HotWax Integration/work';
const DAY = new Date('2026-11-23T07:00:00Z');

export interface CycleCountBenchResult {
  items: number;
  stores: number;
  pairs: number;
  classifyReduceUnitsMax: number;
  classifyUnits: number;
  classifyMs: number;
  planReduceUnitsMax: number;
  planUnits: number;
  planMs: number;
  listsSent: number;
  peakRssMB: number;
}

export function cycleCountBenchFixture(items: number, stores: number, capacity = 200): AccountFixture {
  const locations = Array.from({ length: stores }, (_, j) => ({ id: 1000 + j, name: `Store ${j + 1}`, subsidiary: 1, type: 'store' as const, custrecord_hwx_loc_hotwax: true }));
  const inventory: { item: number; location: number; onHand: number }[] = [];
  const fulfillments: NonNullable<AccountFixture['records']>[string] = [];
  for (let j = 0; j < stores; j++) {
    let lines: Record<string, string | number>[] = [];
    for (let i = 0; i < items; i++) {
      inventory.push({ item: 100_000 + i, location: 1000 + j, onHand: 1 + ((i * 7 + j * 3) % 40) });
      if ((i + j) % 5 === 0) lines.push({ item: String(100_000 + i), quantity: 1 + ((i * 13 + j) % 30), location: String(1000 + j) });
      if (lines.length === 1000 || (i === items - 1 && lines.length > 0)) {
        fulfillments.push({ fields: { tranid: `IF-${j}-${fulfillments.length}`, trandate: '2026-11-01', subsidiary: '1' }, sublists: { item: lines } });
        lines = [];
      }
    }
  }
  return {
    settings: { dateFormat: 'M/D/YYYY', timezone: 'America/New_York', accountId: 'BENCH' },
    subsidiaries: [{ id: 1, name: 'Bench Retail' }],
    locations,
    items: Array.from({ length: items }, (_, i) => ({ id: 100_000 + i, itemid: `SKU-${i}`, averagecost: 1 + (i % 97) })),
    inventory,
    folders: [WORK],
    deploymentParams: { customdeploy_hwx_mr_cc_classify_now: { custscript_hwx_ccc_work_folder: `@folder:${WORK}` } },
    customRecords: { customrecord_hwx_cc_policy: [{ name: 'Default', custrecord_hwx_ccp_capacity: capacity, custrecord_hwx_ccp_count_days: 'Mon' }] },
    records: { itemfulfillment: fulfillments },
  };
}

const units = (run: FullRunSummary): number => Object.values(run.usage).reduce((n, u) => n + u.units, 0);
const reduceMax = (run: FullRunSummary): number => run.usage.reduce?.maxUnitsPerInvocation ?? 0;

export async function benchCycleCounts(sizes: number[], stores = 50): Promise<CycleCountBenchResult[]> {
  const results: CycleCountBenchResult[] = [];
  for (const items of sizes) {
    const env = await startLocalEnvironment({ fixture: cycleCountBenchFixture(items, stores), now: () => DAY });
    const realNow = Date.now;
    const offset = DAY.getTime() - realNow();
    // Scripts read the clock with new Date(): shift it to the benchmark's Monday.
    const RealDate = Date;
    globalThis.Date = class extends RealDate {
      constructor(...args: unknown[]) {
        if (args.length === 0) super(realNow() + offset);
        else super(...(args as [string]));
      }
      static override now(): number {
        return realNow() + offset;
      }
    } as DateConstructor;
    let peak = 0;
    const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 200);
    try {
      let t0 = realNow();
      const classify = await env.run(CLASSIFY, { deploymentId: 'customdeploy_hwx_mr_cc_classify_now' });
      const classifyMs = realNow() - t0;
      if (classify.status !== 'COMPLETE' || classify.errors.length > 0) throw new Error(`classification: ${classify.status} ${JSON.stringify(classify.errors.slice(0, 2))}`);
      t0 = realNow();
      const plan = await env.run(PLAN, { deploymentId: 'customdeploy_hwx_mr_cc_plan_now' });
      const planMs = realNow() - t0;
      if (plan.status !== 'COMPLETE' || plan.errors.length > 0) throw new Error(`planner: ${plan.status} ${JSON.stringify(plan.errors.slice(0, 2))}`);
      peak = Math.max(peak, process.memoryUsage().rss);
      results.push({
        items,
        stores,
        pairs: items * stores,
        classifyReduceUnitsMax: reduceMax(classify),
        classifyUnits: units(classify),
        classifyMs,
        planReduceUnitsMax: reduceMax(plan),
        planUnits: units(plan),
        planMs,
        listsSent: env.listFolder('cyclecount/import').length,
        peakRssMB: Math.round(peak / 1e6),
      });
    } finally {
      clearInterval(sample);
      globalThis.Date = RealDate;
      await env.stop();
      fs.rmSync(env.dir, { recursive: true, force: true });
    }
  }
  return results;
}

if (require.main === module) {
  const argv = process.argv.slice(2);
  const stores = parseStores(argv);
  benchCycleCounts(parseSizes(argv, [1000]), stores)
    .then((rows) => process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`))
    .catch((err: unknown) => {
      process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exit(1);
    });
}
