// Benchmark of the PO export at N open purchase orders x 20 lines: governance units per Map/Reduce stage
// (getInputData and summarize have 10,000 each, reduce 5,000 per PO), wall time and peak memory of this
// process, for the first run (every PO is new to HotWax: every line is read) and a second run (nothing
// changed: only one signature row per PO is read), with the second run's total next to its target.
// The account is the demo fixture plus N generated purchase orders (runtime fixture API), last modified two
// days before the runs (the steady state between hourly runs: most POs untouched for days).
// Run directly: npm run build && node build/bench/poExport.js [--sizes 1000,10000]
import * as fs from 'node:fs';
import { DEFAULT_FIXTURE, startLocalEnvironment } from '../demo/environment';
import { loadFixture, type AccountFixture, type FixturePurchaseOrder } from '../runtime/account/fixture';
import type { FullRunSummary } from '../runtime/engines/scriptRunner';
import { parseSizes } from './sizes';

export interface PoExportBenchResult {
  pos: number;
  lines: number;
  files: number;
  getInputDataUnits: number;
  reduceUnitsMaxPerPo: number;
  summarizeUnits: number;
  firstRunUnits: number;
  firstRunMs: number;
  unchangedRunUnits: number;
  /** The goal for a run with nothing new at 10,000 POs x 20 lines. */
  unchangedRunTarget: string;
  unchangedRunGetInputDataUnits: number;
  unchangedRunSummarizeUnits: number;
  unchangedRunLinesRead: number;
  unchangedRunMs: number;
  peakRssMB: number;
}

const SCRIPT = 'customscript_hwx_mr_po_export';
const DEPLOYMENT = 'customdeploy_hwx_mr_po_export_now';
const FOLDER = 'purchaseorder/fulfillment';
const LINES_PER_PO = 20;
const FIRST_PO_ID = 1_000_000;
export const UNCHANGED_RUN_TARGET_UNITS = 200;

/** The demo account with `count` purchase orders pending receipt, 20 lines each, over its HotWax locations and items. */
export function poBenchFixture(count: number): AccountFixture {
  const base = loadFixture(DEFAULT_FIXTURE);
  const items = (base.items ?? []).filter((i) => !i.isinactive).map((i) => i.id);
  const locations = (base.locations ?? []).filter((l) => l.custrecord_hwx_loc_hotwax === true && !l.isinactive).map((l) => l.id);
  const purchaseOrders: FixturePurchaseOrder[] = [];
  const lastModified = new Date(Date.now() - 2 * 86_400_000).toISOString();
  for (let p = 0; p < count; p++) {
    const location = locations[p % locations.length] ?? 254;
    purchaseOrders.push({
      id: FIRST_PO_ID + p,
      tranid: `BENCH-PO-${p}`,
      entity: 501,
      subsidiary: 1,
      location,
      trandate: '2026-11-01',
      lastmodifieddate: lastModified,
      status: p % 10 === 0 ? 'partiallyReceived' : 'pendingReceipt',
      lines: Array.from({ length: LINES_PER_PO }, (_, l) => ({
        item: items[(p + l) % items.length] ?? 3412,
        quantity: 10 + ((p * 7 + l) % 90),
        quantityreceived: p % 10 === 0 && l < 5 ? 5 : 0,
        rate: 12.5,
        location,
        expectedreceiptdate: `2026-12-${String(1 + ((p + l) % 28)).padStart(2, '0')}`,
      })),
    });
  }
  return {
    ...base,
    purchaseOrders,
    deploymentParams: { ...base.deploymentParams, [DEPLOYMENT]: { custscript_hwx_po_work_folder: '@folder:/HotWax Integration/work' } },
  };
}

const units = (run: FullRunSummary, stage: string): number => run.usage[stage]?.units ?? 0;
const totalUnits = (run: FullRunSummary): number => Object.values(run.usage).reduce((n, u) => n + u.units, 0);

/** The run's audit summary (its details are the report as JSON). */
function report(run: FullRunSummary): Record<string, unknown> {
  const audit = run.logs.find((l) => l.level === 'AUDIT');
  return audit ? (JSON.parse(audit.details) as Record<string, unknown>) : {};
}

export async function benchPoExport(sizes: number[]): Promise<PoExportBenchResult[]> {
  const results: PoExportBenchResult[] = [];
  for (const pos of sizes) {
    const env = await startLocalEnvironment({ fixture: poBenchFixture(pos) });
    try {
      let peak = process.memoryUsage().rss;
      const sampler = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().rss);
      }, 50);
      const t0 = Date.now();
      const first = await env.run(SCRIPT, { deploymentId: DEPLOYMENT });
      const t1 = Date.now();
      const second = await env.run(SCRIPT, { deploymentId: DEPLOYMENT });
      const t2 = Date.now();
      clearInterval(sampler);
      peak = Math.max(peak, process.memoryUsage().rss);
      if (first.status !== 'COMPLETE' || second.status !== 'COMPLETE') {
        throw new Error(`bench ${pos}: a run failed: ${JSON.stringify([first.errors, second.errors])}`);
      }
      const files = env.listFolder(FOLDER);
      const rows = files.reduce((n, f) => n + env.readFile(FOLDER, f).split('\r\n').length - 2, 0);
      if (rows !== pos * LINES_PER_PO || (second.usageByApi['sftp.upload']?.calls ?? 0) !== 0) {
        throw new Error(`bench ${pos}: expected every open line once in the first run and nothing in the second; got ${rows} rows in ${files.length} file(s)`);
      }
      results.push({
        pos,
        lines: pos * LINES_PER_PO,
        files: files.length,
        getInputDataUnits: units(first, 'getInputData'),
        reduceUnitsMaxPerPo: first.usage.reduce?.maxUnitsPerInvocation ?? 0,
        summarizeUnits: units(first, 'summarize'),
        firstRunUnits: totalUnits(first),
        firstRunMs: t1 - t0,
        unchangedRunUnits: totalUnits(second),
        unchangedRunTarget: `<= ${UNCHANGED_RUN_TARGET_UNITS}${pos === 10_000 ? (totalUnits(second) <= UNCHANGED_RUN_TARGET_UNITS ? ' (met)' : ' (MISSED)') : ' (at 10,000 POs)'}`,
        unchangedRunGetInputDataUnits: units(second, 'getInputData'),
        unchangedRunSummarizeUnits: units(second, 'summarize'),
        unchangedRunLinesRead: Number(report(second).linesRead ?? -1),
        unchangedRunMs: t2 - t1,
        peakRssMB: Math.round(peak / 1048576),
      });
    } finally {
      await env.stop();
      fs.rmSync(env.dir, { recursive: true, force: true });
    }
  }
  return results;
}


if (require.main === module) {
  benchPoExport(parseSizes(process.argv.slice(2), [1000, 10000]))
    .then((rows) => {
      process.stdout.write('PO export (N purchase orders x 20 lines; per-stage units; limits: getInputData and summarize 10,000, reduce 5,000 per PO)\n');
      console.table(rows);
    })
    .catch((err: unknown) => {
      process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exit(1);
    });
}
