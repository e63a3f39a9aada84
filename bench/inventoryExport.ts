// Benchmark of the inventory snapshot at N item x location rows (100 HotWax locations, N/100 items), through
// the local runtime: the SEARCH task flow end to end (start run, search task, the continuation run that reads,
// splits and publishes over SFTP), and, on the same account and saved search, the paged-search alternative a
// scheduled script would use (runPaged + fetch of every page, rows mapped the same way, no upload).
// Units are the emulator's governance count (NETSUITE.md 5); wall time and peak RSS are this process's.
// Run directly: npm run build && node build/bench/inventoryExport.js [--sizes 10000,100000]
import * as fs from 'node:fs';
import { startLocalEnvironment, type LocalEnvironment } from '../demo/environment';
import type { AccountFixture } from '../runtime/account/fixture';
import { ChangeJournal, type ExecutionEnv } from '../runtime/context';
import { GovernanceMeter } from '../runtime/engines/governance';
import type { FullRunSummary } from '../runtime/engines/scriptRunner';
import { createSearchModule, searchResultsAsMapReduceInput } from '../runtime/modules/search';
import { SnapshotMapper } from '../src/TypeScripts/hotwax_inventory/core/inventory/snapshotRows';
import { SEARCH_LABELS } from '../src/TypeScripts/hotwax_inventory/core/inventory/snapshotSearch';
import { parseSizes } from './sizes';

const SCRIPT = 'customscript_hwx_sc_inventory_export';
const DAILY = 'customdeploy_hwx_sc_inv_export_daily';
const DEPLOYMENTS = [DAILY, 'customdeploy_hwx_sc_inv_export_follow', 'customdeploy_hwx_sc_inv_export_more', 'customdeploy_hwx_sc_inv_export_loc'];
const LOCATIONS = 100;
const WORK = '/HotWax Integration/work';

export interface InventoryBenchResult {
  rows: number;
  items: number;
  locations: number;
  files: number;
  /** SEARCH task flow: units of every script run (start + continuation runs), and of the start run alone. */
  units: number;
  startRunUnits: number;
  scriptRuns: number;
  wallMs: number;
  /** Of which: the emulated search task (search + CSV write), and the run that reads, splits and publishes. */
  searchTaskMs: number;
  readAndPublishMs: number;
  resultMB: number;
  peakRssMB: number;
  /** Paged-search alternative (reading only): units, scheduled runs of 10,000 units it needs, wall time. */
  pagedUnits: number;
  pagedRunsAtLeast: number;
  pagedMs: number;
  /**
   * Map/Reduce alternative (getInputData returns the search): map invocations (one per row) and the size of the
   * pairs NetSuite persists between stages, against its 200 MB limit (NETSUITE.md 6.2).
   */
  mapInvocations: number;
  mapReduceInputMB: number;
}

/** One subsidiary, 100 HotWax locations, `items` inventory items with on-hand stock (some zero, some negative) everywhere. */
export function inventoryBenchFixture(items: number): AccountFixture {
  const locations = Array.from({ length: LOCATIONS }, (_, j) => ({ id: 1000 + j, name: `Store ${j + 1}`, subsidiary: 1, type: 'store' as const, custrecord_hwx_loc_hotwax: true }));
  const inventory: { item: number; location: number; onHand: number }[] = [];
  for (let i = 0; i < items; i++) {
    for (let j = 0; j < LOCATIONS; j += 3) inventory.push({ item: 100_000 + i, location: 1000 + j, onHand: ((i * 7 + j * 3) % 50) - 5 });
  }
  return {
    settings: { dateFormat: 'M/D/YYYY', timezone: 'America/New_York', accountId: 'BENCH' },
    subsidiaries: [{ id: 1, name: 'Bench Retail' }],
    folders: [WORK],
    locations,
    items: Array.from({ length: items }, (_, i) => ({ id: 100_000 + i, itemid: i % 10 === 0 ? `TEE-${i} : TEE-${i}-RED, L` : `SKU-${String(i).padStart(6, '0')}` })),
    inventory,
    deploymentParams: Object.fromEntries(DEPLOYMENTS.map((d) => [d, { custscript_hwx_inv_work_folder: `@folder:${WORK}` }])),
  };
}

const scriptUnits = (run: FullRunSummary): number => Object.values(run.usage).reduce((n, u) => n + u.units, 0);

/** The account as a paged scheduled script sees it, with no governance limit so that the units can be counted. */
function scheduledScriptEnv(env: LocalEnvironment): ExecutionEnv {
  const account = env.account();
  const meter = new GovernanceMeter(Number.MAX_SAFE_INTEGER);
  const execEnv: ExecutionEnv = {
    account,
    projectFolder: env.projectFolder,
    script: { scriptId: 'bench', deploymentId: 'bench', objectType: 'scheduledscript', params: {}, logLevel: 'AUDIT', invocationType: 'SCHEDULED' },
    executionContext: 'SCHEDULED',
    executionId: 'bench',
    meter: () => meter,
    journal: new ChangeJournal(),
    tasks: { enqueue: () => 'none' },
    now: () => new Date(),
  };
  return execEnv;
}

/** Reads the saved search the way a paged scheduled script would, charging its units. */
function pagedAlternative(env: LocalEnvironment): { units: number; ms: number; rows: number } {
  const execEnv = scheduledScriptEnv(env);
  const meter = execEnv.meter();
  const t0 = Date.now();
  const search = createSearchModule(execEnv).load({ id: 'customsearch_hwx_inventory_snapshot' });
  const mapper = new SnapshotMapper(SEARCH_LABELS);
  mapper.header(Object.values(SEARCH_LABELS));
  const paged = search.runPaged({ pageSize: 1000 });
  let line = 1;
  for (const range of paged.pageRanges) {
    for (const r of paged.fetch({ index: range.index }).data) {
      line += 1;
      const cell = (name: string, join?: string): string => String(r.getValue(join ? { name, join } : { name }) ?? '');
      mapper.row([cell('internalid'), cell('itemid'), cell('internalid', 'inventorylocation'), cell('locationquantityonhand'), cell('locationquantityavailable')], line);
    }
  }
  return { units: meter.usage, ms: Date.now() - t0, rows: mapper.summary().rows };
}

/** What a Map/Reduce whose getInputData returns the same search would persist: one pair per row. */
function mapReduceInput(env: LocalEnvironment): { pairs: number; mb: number } {
  const pairs = searchResultsAsMapReduceInput(createSearchModule(scheduledScriptEnv(env)).load({ id: 'customsearch_hwx_inventory_snapshot' }));
  const bytes = pairs.reduce((n, p) => n + Buffer.byteLength(p.key) + Buffer.byteLength(p.value), 0);
  return { pairs: pairs.length, mb: Math.round((bytes / 1048576) * 10) / 10 };
}

/**
 * `rowsPerFile` (default: the deployment's 100,000) set low makes as many files as retail scale would: 100,000
 * rows in files of 2,000 are the 50 files of 5,000,000 rows in files of 100,000, so the governance of uploads,
 * moves and clean-up (and the continuation runs it needs) is measured at retail scale.
 */
export async function benchInventoryExport(sizes: number[], options: { rowsPerFile?: number; paged?: boolean } = {}): Promise<InventoryBenchResult[]> {
  const results: InventoryBenchResult[] = [];
  for (const size of sizes) {
    const items = Math.max(1, Math.round(size / LOCATIONS));
    const env = await startLocalEnvironment({ fixture: inventoryBenchFixture(items) });
    try {
      let peak = process.memoryUsage().rss;
      const sampler = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().rss);
      }, 25);
      const t0 = Date.now();
      const params: Record<string, string> = options.rowsPerFile ? { custscript_hwx_inv_rows_per_file: String(options.rowsPerFile) } : {};
      const run = await env.run(SCRIPT, { deploymentId: DAILY, params });
      const wallMs = Date.now() - t0;
      clearInterval(sampler);
      peak = Math.max(peak, process.memoryUsage().rss);
      const scripts = run.taskRuns.flatMap((t) => (t.run ? [t.run] : []));
      const failed = [run, ...scripts].filter((r) => r.status !== 'COMPLETE' || r.errors.length > 0);
      const files = env.listFolder('inventoryitem/csv');
      const snapshot = env.account().listRecords('customrecord_hwx_inv_snapshot')[0];
      if (failed.length > 0 || snapshot?.fields.custrecord_hwx_is_status !== 'PUBLISHED') {
        throw new Error(`bench ${size}: the snapshot was not published: ${JSON.stringify({ errors: failed.map((r) => r.errors), snapshot: snapshot?.fields })}`);
      }
      const searchTask = run.taskRuns.find((t) => t.type === 'SEARCH');
      const readAndPublishMs = scripts.reduce((n, r) => n + r.durationMs, 0);
      const paged = options.paged === false ? { units: 0, ms: 0, rows: Number(snapshot.fields.custrecord_hwx_is_rows) } : pagedAlternative(env);
      const mr = options.paged === false ? { pairs: 0, mb: 0 } : mapReduceInput(env);
      if (paged.rows !== Number(snapshot.fields.custrecord_hwx_is_rows)) throw new Error(`bench ${size}: paged read ${paged.rows} rows, the snapshot ${String(snapshot.fields.custrecord_hwx_is_rows)}`);
      results.push({
        rows: Number(snapshot.fields.custrecord_hwx_is_rows),
        items,
        locations: LOCATIONS,
        files: files.length,
        units: scriptUnits(run) + scripts.reduce((n, r) => n + Object.values(r.usage).reduce((m, u) => m + u.units, 0), 0),
        startRunUnits: scriptUnits(run),
        scriptRuns: 1 + scripts.length,
        wallMs,
        searchTaskMs: wallMs - run.durationMs - readAndPublishMs,
        readAndPublishMs,
        resultMB: Math.round((Number(searchTask?.result?.bytes ?? 0) / 1048576) * 10) / 10,
        peakRssMB: Math.round(peak / 1048576),
        pagedUnits: paged.units,
        pagedRunsAtLeast: Math.ceil(paged.units / 10_000),
        pagedMs: paged.ms,
        mapInvocations: mr.pairs,
        mapReduceInputMB: mr.mb,
      });
    } finally {
      await env.stop();
      fs.rmSync(env.dir, { recursive: true, force: true });
    }
  }
  return results;
}


async function main(): Promise<void> {
  const sizes = parseSizes(process.argv.slice(2), [10000, 100000]);
  process.stdout.write('Inventory snapshot: SEARCH task flow vs reading the same search with runPaged (100 locations)\n');
  for (const r of await benchInventoryExport(sizes)) process.stdout.write(`${JSON.stringify(r)}\n`);
  const largest = Math.max(...sizes);
  process.stdout.write(`Same, ${largest} rows in files of 2,000 rows (the file count of 5,000,000 rows in files of 100,000)\n`);
  for (const r of await benchInventoryExport([largest], { rowsPerFile: 2000, paged: false })) process.stdout.write(`${JSON.stringify(r)}\n`);
}

if (require.main === module) {
  main()
    .catch((err: unknown) => {
      process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exit(1);
    });
}
