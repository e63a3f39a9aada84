// `npm run bench`: runs every flow's benchmark through the local runtime and prints one table per flow.
// Narrow it with `npm run bench -- --only variances|po|receipts|inventory|cyclecounts|desk|transfers --sizes 1000,10000`.
import { benchVarianceImport } from './varianceImport';
import { benchPoExport } from './poExport';
import { benchReceipts } from './receipts';
import { benchInventoryExport } from './inventoryExport';
import { benchCycleCounts } from './cycleCounts';
import { benchDesk } from './desk';
import { benchTransfers } from './transfers';
import { parseSizes, parseStores } from './sizes';


function table(title: string, rows: object[]): void {
  process.stdout.write(`\n${title}\n`);
  if (rows.length === 0) return;
  const keys = Object.keys(rows[0] as Record<string, unknown>);
  const show = (v: unknown): string =>
    v !== null && typeof v === 'object' ? Object.entries(v as Record<string, unknown>).map(([k, x]) => `${k}:${show(x)}`).join(' ') : String(v);
  const cells = [keys, ...rows.map((r) => keys.map((k) => show((r as Record<string, unknown>)[k])))];
  const widths = keys.map((_, c) => Math.max(...cells.map((row) => (row[c] ?? '').length)));
  for (const row of cells) process.stdout.write(`  ${row.map((v, c) => v.padStart(widths[c] ?? 0)).join('  ')}\n`);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const only = argv.includes('--only') ? argv[argv.indexOf('--only') + 1] : undefined;
  const want = (flow: string): boolean => only === undefined || only === flow;
  if (want('variances')) {
    table('Variance import (cycle-count feed rows; unitsPerFile = intake run + verify run of one file; steadyPerFile = one run finishing a file and taking the next; 10,000 units per scheduled run)', await benchVarianceImport(parseSizes(argv, [1000, 10000, 100000])));
  }
  if (want('po')) table('PO export (open POs x 20 lines; Map/Reduce units per stage)', await benchPoExport(parseSizes(argv, [1000, 10000])));
  if (want('receipts')) table('Item receipts (entries in one file, one PO each; Map/Reduce units per stage)', await benchReceipts(parseSizes(argv, [100, 1000])));
  if (want('inventory')) table('Inventory snapshot (item x location rows; SEARCH task)', await benchInventoryExport(parseSizes(argv, [10000, 100000])));
  if (want('transfers')) {
    const lines = argv.includes('--lines') ? Number(argv[argv.indexOf('--lines') + 1]) || 50 : 50;
    table(`Transfer orders (N warehouse-to-store TOs x ${lines} lines, shipped; export runs until idle, then one receipt file of N entries; scheduled runs of 10,000 units each)`, await benchTransfers(parseSizes(argv, [1000]), lines));
  }
  if (want('cyclecounts')) {
    const stores = parseStores(argv);
    table(`Cycle counts (items x ${stores} stores; classification and planning Map/Reduce, one reduce per store, 5,000 units each)`, await benchCycleCounts(parseSizes(argv, [1000, 10000]), stores));
  }
  if (want('desk')) {
    const stores = parseStores(argv);
    table(`Desk: variance review over one year of variance lines at ${stores} stores (units and wall time per request: year page, last-month page, CSV export of the year, drill-down; 1,000 units per Suitelet request; reopenMs = Account.open, what ns-local serve pays per request)`, await benchDesk(parseSizes(argv, [100_000, 300_000]), stores));
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
