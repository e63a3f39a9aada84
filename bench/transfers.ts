// Benchmark of the transfer-order flows at volume: N warehouse-to-store transfer orders of L lines each
// (default 1,000 x 50), all shipped in NetSuite; then
//  - the export (customscript_hwx_sc_to_export) runs until nothing is left to send (each run is one scheduled
//    run of 10,000 units: it stops when fewer than 500 remain and the next run continues);
//  - HotWax drops ONE receipt file with N entries (every line, the last line of each entry 1 short: the rest
//    stays in transit, policy keep), and the import (customscript_hwx_sc_to_import, receipt mode) runs until
//    the file is archived.
// Reports, per flow: scheduled runs needed, units in all and per transfer and per line, the most one run used,
// wall time (all runs) and peak RSS. The account is built through the emulated N/record as a warehouse user
// would (not timed).
//
//   npm run build && node build/bench/transfers.js [--sizes 1000] [--lines 50]
import * as fs from 'node:fs';
import { asNetSuiteUser, startLocalEnvironment, type LocalEnvironment } from '../demo/environment';
import type { AccountFixture } from '../runtime/account/fixture';
import { parseSizes } from './sizes';

const EXPORT = { script: 'customscript_hwx_sc_to_export', deployment: 'customdeploy_hwx_sc_to_export' } as const;
const IMPORT = { script: 'customscript_hwx_sc_to_import', deployment: 'customdeploy_hwx_sc_to_receipt' } as const;
const RECEIPTS = 'transferorderv2/export/receipt';
const WAREHOUSE = 1;
const STORES = [254, 255, 256];
const FIRST_ITEM = 7000;
/** Scheduled runs the bench allows a flow before it calls the flow stuck. */
const MAX_RUNS = 200;

export interface FlowResult {
  flow: string;
  transfers: number;
  lines: number;
  runs: number;
  units: number;
  unitsPerTransfer: number;
  unitsPerLine: number;
  maxUnitsInOneRun: string;
  wallMs: number;
  peakRssMb: number;
}

function benchFixture(lines: number): AccountFixture {
  const items = Array.from({ length: lines }, (_, i) => ({ id: FIRST_ITEM + i, itemid: `TO-BENCH-${String(i).padStart(3, '0')}` }));
  return {
    settings: { dateFormat: 'M/D/YYYY', timezone: 'America/New_York', accountId: 'BENCH' },
    folders: ['/HotWax Integration/work'],
    deploymentParams: { [EXPORT.deployment]: { custscript_hwx_toe_work_folder: '@folder:/HotWax Integration/work' } },
    subsidiaries: [{ id: 1, name: 'HotWax Retail US' }],
    locations: [
      { id: WAREHOUSE, name: 'Main Warehouse', subsidiary: 1, type: 'warehouse', custrecord_hwx_loc_hotwax: true },
      ...STORES.map((id) => ({ id, name: `Store ${id}`, subsidiary: 1, type: 'store' as const, custrecord_hwx_loc_hotwax: true })),
    ],
    items,
    inventory: items.map((i) => ({ item: i.id, location: WAREHOUSE, onHand: 10_000_000 })),
  };
}

/** N transfer orders of L lines (quantity 5 each), approved and shipped in full: { to, fulfillment } each. */
function shipTransfers(env: LocalEnvironment, transfers: number, lines: number): { to: number; fulfillment: number }[] {
  return asNetSuiteUser(env, (record) =>
    Array.from({ length: transfers }, (_, n) => {
      const t = record.create({ type: 'transferorder' });
      t.setValue({ fieldId: 'subsidiary', value: 1 });
      t.setValue({ fieldId: 'location', value: WAREHOUSE });
      t.setValue({ fieldId: 'transferlocation', value: STORES[n % STORES.length] ?? 254 });
      t.setValue({ fieldId: 'orderstatus', value: 'B' });
      for (let i = 0; i < lines; i++) {
        t.setSublistValue({ sublistId: 'item', fieldId: 'item', line: i, value: FIRST_ITEM + i });
        t.setSublistValue({ sublistId: 'item', fieldId: 'quantity', line: i, value: 5 });
      }
      const to = t.save();
      const f = record.transform({ fromType: 'transferorder', fromId: to, toType: 'itemfulfillment' });
      f.setValue({ fieldId: 'shipstatus', value: 'C' });
      return { to, fulfillment: f.save() };
    }),
  );
}

/** One receipt file: every TO line (ids 1, 4, 7, ...), all 5 received but the last line's 4. */
export function receiptFile(shipped: { to: number; fulfillment: number }[], lines: number): string {
  return JSON.stringify(
    shipped.map((s, n) => ({
      orderId: String(s.to),
      fulfillmentId: String(s.fulfillment),
      shipmentId: `SHIP-${n + 1}`,
      items: Array.from({ length: lines }, (_, i) => ({ line_id: String(1 + 3 * i), quantity: i === lines - 1 ? 4 : 5 })),
    })),
  );
}

async function runUntil(env: LocalEnvironment, flow: string, script: { script: string; deployment: string }, done: () => boolean, transfers: number, lines: number): Promise<FlowResult> {
  let runs = 0;
  let units = 0;
  let max = 0;
  let limit = 0;
  const started = Date.now();
  while (!done()) {
    if (runs >= MAX_RUNS) throw new Error(`${flow}: not done after ${MAX_RUNS} runs`);
    const summary = await env.run(script.script, { deploymentId: script.deployment });
    runs += 1;
    if (summary.status !== 'COMPLETE' || summary.errors.length > 0) throw new Error(`${flow} run ${runs}: ${summary.status} ${JSON.stringify(summary.errors)}`);
    const u = summary.usage.execute;
    units += u?.units ?? 0;
    max = Math.max(max, u?.units ?? 0);
    limit = u?.limitPerInvocation ?? limit;
  }
  const wallMs = Date.now() - started;
  const round = (n: number): number => Math.round(n * 100) / 100;
  return { flow, transfers, lines, runs, units, unitsPerTransfer: round(units / transfers), unitsPerLine: round(units / (transfers * lines)), maxUnitsInOneRun: `${max} of ${limit}`, wallMs, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) };
}

export async function benchTransfers(sizes: number[], lines = 50): Promise<FlowResult[]> {
  const results: FlowResult[] = [];
  for (const transfers of sizes) {
    const env = await startLocalEnvironment({ fixture: benchFixture(lines) });
    try {
      const shipped = shipTransfers(env, transfers, lines);
      const fulfillmentFolder = 'transferorderv2/import/fulfillment-wh';
      const exportedFulfillments = (): number =>
        env.listFolder(fulfillmentFolder).filter((n) => n.endsWith('.json')).reduce((k, n) => k + (JSON.parse(env.readFile(fulfillmentFolder, n)) as unknown[]).length, 0);
      // Done when every fulfillment was sent and one more run sends nothing (the last TOs' documents went too).
      let lastCount = -1;
      results.push(
        await runUntil(env, 'export', EXPORT, () => {
          const count = exportedFulfillments();
          const idle = count >= transfers && count === lastCount;
          lastCount = count;
          return idle;
        }, transfers, lines),
      );
      env.dropFile(RECEIPTS, `bench_${transfers}x${lines}.json`, receiptFile(shipped, lines));
      results.push(await runUntil(env, 'receipt import', IMPORT, () => !env.listFolder(RECEIPTS).some((n) => n.endsWith('.json')), transfers, lines));
      const receipts = env.account().listRecords('itemreceipt').length;
      if (receipts !== transfers) throw new Error(`receipt import: ${receipts} item receipts for ${transfers} entries`);
    } finally {
      await env.stop();
      fs.rmSync(env.dir, { recursive: true, force: true });
    }
  }
  return results;
}

if (require.main === module) {
  const argv = process.argv.slice(2);
  const lines = argv.includes('--lines') ? Number(argv[argv.indexOf('--lines') + 1]) || 50 : 50;
  benchTransfers(parseSizes(argv, [1000]), lines).then(
    (rows) => process.stdout.write(`${rows.map((r) => JSON.stringify(r)).join('\n')}\n`),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
