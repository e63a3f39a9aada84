// Benchmark of the PO receipt import (customscript_hwx_mr_po_receipt): for each size N, an emulated account
// with N purchase orders (two lines each, across three stores) is built through the fixture API, HotWax drops
// one receipt file with N entries (one per PO: part of line 1, all of line 2), and the Map/Reduce script runs
// once through the local environment (real SFTP server process, emulated account). Reports governance units
// per stage (total, and the most one invocation used against its limit), the units per item receipt next to
// the target (reduce stage, and all four stages), wall time and peak memory.
//
//   npm run build && node build/bench/receipts.js [sizes...]      (default: 100 1000)
import * as fs from 'node:fs';
import { startLocalEnvironment } from '../demo/environment';
import type { AccountFixture, FixturePurchaseOrder } from '../runtime/account/fixture';
import { parseSizes } from './sizes';

const SCRIPT = 'customscript_hwx_mr_po_receipt';
const DEPLOYMENT = 'customdeploy_hwx_mr_po_receipt';
const FOLDER = 'purchaseorder/receipt';
const STORES = [254, 255, 256];
const FIRST_PO = 100_001;
/** Units per item receipt the flow must stay within (transform 10 + save 20 is the floor: NETSUITE.md 4.4, 5). */
export const UNITS_PER_RECEIPT_TARGET = 35;

export interface StageUnits {
  invocations: number;
  units: number;
  maxPerInvocation: number;
  limitPerInvocation: number;
}

export interface ReceiptBenchResult {
  entries: number;
  receiptsCreated: number;
  /** Reduce-stage units per item receipt created (what one receipt costs: transform, save, its share of the batch search). */
  unitsPerReceipt: number;
  /** The target unitsPerReceipt must stay within. */
  target: string;
  /** Units of all four stages per item receipt (the file's listing, download, tracking and move included). */
  allStagesPerReceipt: number;
  /** Governance units per Map/Reduce stage. */
  units: Record<string, StageUnits>;
  wallMs: number;
  /** Peak resident set size of this process so far (the SFTP server runs in its own process). */
  peakRssMb: number;
}

function benchFixture(purchaseOrders: number): AccountFixture {
  const items = Array.from({ length: 20 }, (_, i) => ({ id: 5000 + i, itemid: `BENCH-SKU-${String(i).padStart(2, '0')}` }));
  const pos: FixturePurchaseOrder[] = Array.from({ length: purchaseOrders }, (_, i) => ({
    id: FIRST_PO + i,
    tranid: `PO${FIRST_PO + i}`,
    entity: 500,
    subsidiary: 1,
    trandate: '2026-11-01',
    location: STORES[i % STORES.length] ?? 254,
    lines: [
      { item: items[i % items.length]?.id ?? 5000, quantity: 10, rate: 12 },
      { item: items[(i + 7) % items.length]?.id ?? 5001, quantity: 6, rate: 30 },
    ],
  }));
  return {
    settings: { dateFormat: 'M/D/YYYY', timezone: 'America/New_York', accountId: 'BENCH' },
    subsidiaries: [{ id: 1, name: 'HotWax Retail US' }],
    vendors: [{ id: 500, entityid: 'Acme Apparel', subsidiary: 1 }],
    locations: STORES.map((id) => ({ id, name: `Store ${id}`, subsidiary: 1, type: 'store' as const })),
    items,
    purchaseOrders: pos,
  };
}

function receiptFile(entries: number): string {
  return JSON.stringify(
    Array.from({ length: entries }, (_, i) => ({
      order_id: String(FIRST_PO + i),
      items: [
        { line_id: '1', quantity: String(1 + (i % 9)) },
        { line_id: '2', quantity: 6 },
      ],
    })),
  );
}

export async function benchReceipts(sizes: number[]): Promise<ReceiptBenchResult[]> {
  const results: ReceiptBenchResult[] = [];
  for (const entries of sizes) {
    const env = await startLocalEnvironment({ fixture: benchFixture(entries) });
    try {
      env.dropFile(FOLDER, `bench_${entries}.json`, receiptFile(entries));
      const started = Date.now();
      const summary = await env.run(SCRIPT, { deploymentId: DEPLOYMENT });
      const wallMs = Date.now() - started;
      if (summary.status !== 'COMPLETE' || summary.errors.length > 0) throw new Error(`bench run ${entries}: ${summary.status} ${JSON.stringify(summary.errors)}`);
      const units: Record<string, StageUnits> = {};
      for (const [stage, u] of Object.entries(summary.usage)) {
        units[stage] = { invocations: u.invocations, units: u.units, maxPerInvocation: u.maxUnitsPerInvocation, limitPerInvocation: u.limitPerInvocation };
      }
      const receiptsCreated = env.account().listRecords('itemreceipt').length;
      const per = (n: number): number => (receiptsCreated === 0 ? 0 : Math.round((n / receiptsCreated) * 10) / 10);
      results.push({
        entries,
        receiptsCreated,
        unitsPerReceipt: per(units.reduce?.units ?? 0),
        target: `<= ${UNITS_PER_RECEIPT_TARGET}`,
        allStagesPerReceipt: per(Object.values(units).reduce((n, u) => n + u.units, 0)),
        units,
        wallMs,
        peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      });
    } finally {
      await env.stop();
      fs.rmSync(env.dir, { recursive: true, force: true });
    }
  }
  return results;
}

function print(results: ReceiptBenchResult[]): void {
  const lines = ['PO receipt import: one file of N entries (one per PO, 2 lines each), one Map/Reduce run', ''];
  for (const r of results) {
    lines.push(`N = ${r.entries}: ${r.receiptsCreated} item receipts, ${r.unitsPerReceipt} units per receipt (target ${r.target}; all stages ${r.allStagesPerReceipt}), ${r.wallMs} ms wall, peak RSS ${r.peakRssMb} MB`);
    for (const [stage, u] of Object.entries(r.units)) {
      lines.push(`  ${stage.padEnd(12)} ${String(u.invocations).padStart(6)} invocation(s) ${String(u.units).padStart(8)} units   max ${String(u.maxPerInvocation).padStart(5)} of ${u.limitPerInvocation} per invocation`);
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

if (require.main === module) {
  benchReceipts(parseSizes(process.argv.slice(2), [100, 1000])).then(print, (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  });
}
