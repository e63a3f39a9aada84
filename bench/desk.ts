// Benchmark of the desk's variance review over a large account: one year of HotWax variance lines at S stores
// (default 50), generated straight into the account through the runtime's Account API (insertRecord), as the
// variance import would have posted them: cycle-count adjustments (no reason) and transfers to / from the variance
// locations (Damaged, Lost, Stolen; Found comes back). Then the review page over the whole year, the default page
// (last full month), the CSV export of the year and a drill-down, each through ns-local's Suitelet server.
// Units are the emulator's governance count (NETSUITE.md 5); wall time is the HTTP request's; peak RSS is this process's.
// Run directly: npm run build && node build/bench/desk.js [--sizes 100000,300000] [--stores 50]
import * as fs from 'node:fs';
import { startLocalEnvironment } from '../demo/environment';
import { startDesk } from '../demo/desk';
import type { Account } from '../runtime/account/account';
import type { AccountFixture } from '../runtime/account/fixture';
import type { StoredLine } from '../runtime/account/types';
import { suiteletPath } from '../runtime/http/urls';
import { parseSizes, parseStores } from './sizes';

export const DESK_REVIEW = suiteletPath('customscript_hwx_sl_variance_review', 'customdeploy_hwx_sl_variance_review');
export const VARIANCE_LOCATIONS = { Damaged: 901, Lost: 902, Stolen: 903, Found: 904 } as const;
const STORE0 = 1000;
const ITEM0 = 100_000;

export interface DeskAccountShape {
  stores: number;
  items: number;
}

/** Stores, variance locations and reasons, items with costs (every 10th has none, every 7th a purchase price only), stock. */
export function deskBenchFixture(shape: DeskAccountShape): AccountFixture {
  const locations = [
    ...Array.from({ length: shape.stores }, (_, j) => ({ id: STORE0 + j, name: `Store ${String(j + 1).padStart(2, '0')}`, subsidiary: 1, type: 'store' as const, custrecord_hwx_loc_hotwax: true })),
    ...Object.entries(VARIANCE_LOCATIONS).map(([reason, id]) => ({ id, name: `Variance - ${reason}`, subsidiary: 1, type: 'variance' as const })),
  ];
  const items = Array.from({ length: shape.items }, (_, i) => {
    const base = { id: ITEM0 + i, itemid: `SKU-${i}` };
    if (i % 10 === 9) return base;
    if (i % 7 === 3) return { ...base, cost: 5 + (i % 13) };
    return { ...base, averagecost: 1 + (i % 97) };
  });
  const inventory: { item: number; location: number; onHand: number }[] = [];
  for (let j = 0; j < shape.stores; j++) for (let i = 0; i < shape.items; i += 5) inventory.push({ item: ITEM0 + i, location: STORE0 + j, onHand: 1 + ((i * 7 + j * 3) % 40) });
  return {
    settings: { dateFormat: 'M/D/YYYY', timezone: 'America/New_York', accountId: 'BENCH' },
    subsidiaries: [{ id: 1, name: 'Bench Retail' }],
    accounts: [{ id: 927, name: 'Shrinkage' }],
    locations,
    items,
    inventory,
    customRecords: { customrecord_hwx_variance_reason: Object.entries(VARIANCE_LOCATIONS).map(([reason, id]) => ({ name: reason, custrecord_hwx_vr_reason: reason, custrecord_hwx_vr_location: String(id) })) },
  };
}

const isoDay = (d: Date): string => d.toISOString().slice(0, 10);

/**
 * Posts `lines` variance lines over the `days` days ending `end` (inclusive) at every store, spread evenly: per
 * store-day one cycle-count adjustment and up to four transfers (Damaged, Lost, Stolen to their locations; Found
 * back to the store). Line n (counted over the whole account) is a cycle count when n % 5 < 2, else Damaged, Lost / Stolen, Found.
 * Returns the number of transactions posted.
 */
export function addVarianceLines(account: Account, options: { lines: number; stores: number; items: number; days: number; end: Date }): number {
  const storeDays = options.stores * options.days;
  let posted = 0;
  let n = 0;
  for (let d = 0; d < options.days; d++) {
    const trandate = isoDay(new Date(options.end.getTime() - (options.days - 1 - d) * 86_400_000));
    for (let j = 0; j < options.stores; j++) {
      const sd = d * options.stores + j;
      const count = Math.floor(((sd + 1) * options.lines) / storeDays) - Math.floor((sd * options.lines) / storeDays);
      const store = String(STORE0 + j);
      const adj: StoredLine[] = [];
      const trf: Record<string, StoredLine[]> = { Damaged: [], Lost: [], Stolen: [], Found: [] };
      for (let k = 0; k < count; k++, n++) {
        const item = String(ITEM0 + ((n * 7919) % options.items));
        const qty = 1 + (n % 4);
        const id = `B-${trandate}-${store}-${k}`;
        const kind = n % 5;
        if (kind < 2) adj.push({ item, location: store, adjustqtyby: n % 3 === 0 ? qty : -qty, custcol_hwx_variance_id: id, memo: 'Inventory cycle count by HotWax' });
        else {
          const reason = kind === 2 ? 'Damaged' : kind === 3 ? (n % 2 === 0 ? 'Lost' : 'Stolen') : 'Found';
          trf[reason]?.push({ item, adjustqtyby: qty, custcol_hwx_variance_id: id, custcol_hwx_reason: reason });
        }
      }
      const lined = (lines: StoredLine[]): StoredLine[] => lines.map((l, i) => ({ ...l, line: String(i + 1) }));
      if (adj.length > 0) {
        account.insertRecord('inventoryadjustment', { trandate, subsidiary: '1', adjlocation: store, account: '927', memo: `HotWax cycle count, bench, ${trandate}` }, { inventory: lined(adj) });
        posted++;
      }
      for (const [reason, lines] of Object.entries(trf)) {
        if (lines.length === 0) continue;
        const variance = String(VARIANCE_LOCATIONS[reason as keyof typeof VARIANCE_LOCATIONS]);
        const [from, to] = reason === 'Found' ? [variance, store] : [store, variance];
        account.insertRecord('inventorytransfer', { trandate, subsidiary: '1', location: from, transferlocation: to, memo: `HotWax variance '${reason}', bench, ${trandate}` }, { inventory: lined(lines) });
        posted++;
      }
    }
  }
  return posted;
}

export interface DeskBenchResult {
  lines: number;
  stores: number;
  transactions: number;
  generateMs: number;
  yearUnits: number;
  yearMs: number;
  monthUnits: number;
  monthMs: number;
  csvUnits: number;
  csvMs: number;
  csvKB: number;
  drillUnits: number;
  drillMs: number;
  accountMB: number;
  reopenMs: number;
  peakRssMB: number;
}

const END = new Date('2026-11-30T12:00:00Z');

async function timed(url: string): Promise<{ units: number; ms: number; bytes: number; status: number; body: string }> {
  const t0 = Date.now();
  const res = await fetch(url);
  const body = await res.text();
  return { units: Number(res.headers.get('x-ns-local-units')), ms: Date.now() - t0, bytes: Buffer.byteLength(body), status: res.status, body };
}

function dirSize(dir: string): number {
  let total = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) total += e.isDirectory() ? dirSize(`${dir}/${e.name}`) : fs.statSync(`${dir}/${e.name}`).size;
  return total;
}

export async function benchDesk(sizes: number[], stores = 50): Promise<DeskBenchResult[]> {
  const results: DeskBenchResult[] = [];
  const items = 2000;
  for (const lines of sizes) {
    let peak = 0;
    const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 200);
    const env = await startLocalEnvironment({ fixture: deskBenchFixture({ stores, items }) });
    try {
      let t0 = Date.now();
      const account = env.account();
      const transactions = addVarianceLines(account, { lines, stores, items, days: 365, end: END });
      account.save();
      const generateMs = Date.now() - t0;
      const server = await startDesk(env);
      try {
        const base = `${server.url}${DESK_REVIEW}`;
        const year = await timed(`${base}&from=2025-12-01&to=2026-11-30`);
        if (year.status !== 200 || !year.body.includes('id="matrix"')) throw new Error(`review: HTTP ${year.status} ${year.body.slice(0, 300)}`);
        const month = await timed(`${base}&from=2026-11-01&to=2026-11-30`);
        const csv = await timed(`${base}&from=2025-12-01&to=2026-11-30&format=csv`);
        if (csv.status !== 200 || !csv.body.startsWith('Store,')) throw new Error(`csv: HTTP ${csv.status} ${csv.body.slice(0, 300)}`);
        const drillHref = /<a href="([^"]*)" class="worst"/.exec(year.body)?.[1]?.replace(/&#38;/g, '&');
        if (!drillHref) throw new Error(`review: no "largest loss" link in ${year.body.replace(/<style>[^]*<\/style>/, "").slice(0, 3000)}`);
        const drill = await timed(`${server.url}${drillHref}`);
        t0 = Date.now();
        env.account();
        const reopenMs = Date.now() - t0;
        peak = Math.max(peak, process.memoryUsage().rss);
        results.push({
          lines,
          stores,
          transactions,
          generateMs,
          yearUnits: year.units,
          yearMs: year.ms,
          monthUnits: month.units,
          monthMs: month.ms,
          csvUnits: csv.units,
          csvMs: csv.ms,
          csvKB: Math.round(csv.bytes / 1024),
          drillUnits: drill.units,
          drillMs: drill.ms,
          accountMB: Math.round(dirSize(env.accountDir) / 1e6),
          reopenMs,
          peakRssMB: Math.round(peak / 1e6),
        });
      } finally {
        await server.close();
      }
    } finally {
      clearInterval(sample);
      await env.stop();
      fs.rmSync(env.dir, { recursive: true, force: true });
    }
  }
  return results;
}

if (require.main === module) {
  const argv = process.argv.slice(2);
  const stores = parseStores(argv);
  benchDesk(parseSizes(argv, [100_000]), stores)
    .then((rows) => process.stdout.write(`${JSON.stringify(rows, null, 1)}\n`))
    .catch((err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
      process.exit(1);
    });
}
