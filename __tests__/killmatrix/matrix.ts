// The kill matrix (docs/proofs.md): for each inbound flow, every API call an uninterrupted run makes is a kill
// point (before and after the call, in each run the flow needs to go quiet); Map/Reduce flows also get an
// application-server restart in each stage invocation. After the kill or restart the flow runs on until
// quiescent, and its end state must equal the uninterrupted run's. No jest here: `npm run fuzz` uses it too.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LocalEnvironment } from '../../demo/environment';
import type { KillPlan } from '../../runtime/engines/execution';
import type { RestartPlan } from '../../runtime/engines/mapReduce';
import type { FullRunSummary } from '../../runtime/engines/scriptRunner';
import { entriesOnDisk, ffField, RECEIPT_DEPLOYMENT, RECEIPT_SCRIPT, receiptSpec, sample, untilQuiet, VARIANCE_FLOWS, VARIANCE_SCRIPT, varianceSpec, type FlowSpec, type FuzzEnv } from '../fuzz/harness';
import { VARIANCE_HEADER } from '../fuzz/generators';

type RunOptions = { kill?: KillPlan; restart?: RestartPlan };

export interface MatrixFlow {
  name: string;
  spec: FlowSpec;
  /** Delivers the flow's small representative feed. */
  deliver(env: LocalEnvironment): void;
  run(env: LocalEnvironment, options?: RunOptions): Promise<FullRunSummary>;
  mapReduce: boolean;
}

export const varianceMatrixFlow: MatrixFlow = {
  name: 'variance import',
  spec: varianceSpec('inventoryadjustment'),
  mapReduce: false,
  deliver(env) {
    // Two stores (two transactions), a row NetSuite's look-ups reject, and the published sample beside it.
    env.dropFile(
      'inventoryadjustment/csv',
      'mixed.csv',
      `${VARIANCE_HEADER}\r\nR1,927,MH09-XS-Blue,-1,254,11/20/2026,Inventory cycle count by HotWax,1,K-1\r\nR2,927,WJ08-XS-Orange,2,255,11/20/2026,Damaged,1,K-2\r\nR3,927,NOPE,1,254,11/20/2026,Inventory cycle count by HotWax,1,K-3\r\n`,
    );
    env.dropFile('inventoryadjustment/csv', 'sample.csv', sample('hotwax-cycle-count-variance-sample.csv'));
  },
  run: (env, options = {}) => env.run(VARIANCE_SCRIPT, { deploymentId: VARIANCE_FLOWS.inventoryadjustment, ...options }),
};

export const receiptMatrixFlow: MatrixFlow = {
  name: 'PO receipts',
  spec: receiptSpec,
  mapReduce: true,
  deliver(env) {
    // Three entries over two POs (one batch), a rejected entry, and a file that is not JSON.
    env.dropFile(
      'purchaseorder/receipt',
      'a_receipts.json',
      JSON.stringify([
        { order_id: '9001', items: [{ line_id: '1', quantity: '2' }, { line_id: '3', quantity: '4' }] },
        { order_id: '9005', items: [{ line_id: '1', quantity: '6' }] },
        { order_id: '424242', items: [{ line_id: '1', quantity: '1' }] },
        { order_id: '9001', items: [{ line_id: '2', quantity: '5' }] },
      ]),
    );
    env.dropFile('purchaseorder/receipt', 'b_broken.json', '[{"order_id": "9001", "items": [');
  },
  run: (env, options = {}) => env.run(RECEIPT_SCRIPT, { deploymentId: RECEIPT_DEPLOYMENT, ...options }),
};

// ---- the end state ---------------------------------------------------------------------------------------------

/** Names with the clock and record ids taken out (reports are named from the plan time and the record id). */
const normalName = (s: string): string => s.replace(/\d{8}T\d{6}Z/g, '<time>').replace(/\b\d{7,}\b/g, '<id>');

/**
 * What must not depend on where a run died: transactions by External ID with their key fields and lines,
 * on-hand per item and location, PO lines received, every SFTP file (name and content, normalised), and the
 * feed-file records' statuses and counts.
 */
export function endState(env: LocalEnvironment): Record<string, unknown> {
  const account = env.account();
  const tx = ['inventoryadjustment', 'inventorytransfer', 'itemreceipt'].flatMap((type) =>
    account
      .listRecords(type)
      .map((r) =>
        JSON.stringify({
          type,
          externalid: r.fields.externalid,
          trandate: r.fields.trandate,
          location: r.fields.location ?? r.fields.adjlocation,
          transferlocation: r.fields.transferlocation,
          account: r.fields.account,
          createdfrom: r.fields.createdfrom,
          lines: [...(r.sublists.inventory ?? []), ...(r.sublists.item ?? [])].map((l) => [l.item, l.location, l.adjustqtyby ?? l.quantity, l.orderline, l.custcol_hwx_variance_id]),
        }),
      ),
  );
  const onHand = account
    .inventoryBalances()
    .filter((b) => Number(b.onHand) !== 0)
    .map((b) => `${b.item}@${b.location}=${b.onHand}`);
  const pos = account.listRecords('purchaseorder').map((p) => `${p.id}:${String(p.fields.statusref)}:${(p.sublists.item ?? []).map((l) => Number(l.quantityreceived ?? 0)).join('/')}`);
  const files: string[] = [];
  const walk = (folder: string): void => {
    for (const e of entriesOnDisk(env, folder)) {
      const rel = folder === '' ? e.name : `${folder}/${e.name}`;
      if (!e.file) {
        walk(rel);
        continue;
      }
      const text = fs.readFileSync(path.join(env.baseDir, rel), 'utf8');
      files.push(`${normalName(rel)}: ${normalName(text)}`);
    }
  };
  walk('');
  const feedFiles = account
    .listRecords('customrecord_hwx_feed_file')
    .map((r) => ['flow', 'file_name', 'status', 'rows', 'applied', 'rejected', 'skipped', 'counted'].map((f) => ffField(r, f)).join('|'));
  return { tx: tx.sort(), onHand: onHand.sort(), pos: pos.sort(), files: files.sort(), feedFiles: feedFiles.sort() };
}

/** The differences between two end states, one line each (empty when equal). */
export function diffStates(want: Record<string, unknown>, got: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const key of Object.keys(want)) {
    const a = (want[key] as string[]) ?? [];
    const b = (got[key] as string[]) ?? [];
    for (const x of a) if (!b.includes(x)) out.push(`${key}: missing ${x.slice(0, 400)}`);
    for (const x of b) if (!a.includes(x)) out.push(`${key}: extra ${x.slice(0, 400)}`);
    if (a.length !== b.length) out.push(`${key}: ${a.length} expected, ${b.length} found`);
  }
  return out;
}

// ---- points -------------------------------------------------------------------------------------------------

export type MatrixPoint = { run: number; kill: KillPlan } | { run: number; restart: RestartPlan };

export const describePoint = (p: MatrixPoint): string =>
  'kill' in p ? `run ${p.run + 1}: kill ${p.kill.when} ${p.kill.api} #${p.kill.occurrence}` : `run ${p.run + 1}: restart in ${p.restart.stage} after ${p.restart.afterInvocations} invocation(s)`;

export interface Baseline {
  state: Record<string, unknown>;
  points: MatrixPoint[];
  runs: number;
}

/**
 * The uninterrupted run: its end state, and every point of the matrix. The fault injector counts calls the
 * way the governance meter charges them (runtime/engines/execution.ts), so a run's usageByApi lists every
 * call it made: each (api, n) is a point, before and after. Map/Reduce runs add a restart per invocation.
 */
export async function baseline(fe: FuzzEnv, flow: MatrixFlow): Promise<Baseline> {
  fe.reset();
  flow.deliver(fe.env);
  const quiet = await untilQuiet(fe.env, flow.spec, () => flow.run(fe.env), `${flow.name} baseline`);
  if (quiet.violations.length > 0) throw new Error(`the uninterrupted ${flow.name} run is not clean: ${quiet.violations.join('; ')}`);
  const points: MatrixPoint[] = [];
  quiet.runs.forEach((r, run) => {
    for (const [api, { calls }] of Object.entries(r.usageByApi).sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      for (let occurrence = 1; occurrence <= calls; occurrence++) {
        for (const when of ['before', 'after'] as const) points.push({ run, kill: { api, occurrence, when } });
      }
    }
    if (flow.mapReduce) {
      points.push({ run, restart: { stage: 'getInputData', afterInvocations: 0 } });
      for (const stage of ['map', 'reduce'] as const) {
        const n = r.usage[stage]?.invocations ?? 0;
        for (let i = 0; i < n; i++) points.push({ run, restart: { stage, afterInvocations: i } });
      }
      points.push({ run, restart: { stage: 'summarize', afterInvocations: 0 } });
    }
  });
  return { state: endState(fe.env), points, runs: quiet.runs.length };
}

/** Plays one point: the runs before it as usual, the faulty run, then on until quiet; returns what differs. */
export async function playPoint(fe: FuzzEnv, flow: MatrixFlow, base: Baseline, point: MatrixPoint): Promise<string[]> {
  fe.reset();
  flow.deliver(fe.env);
  for (let i = 0; i < point.run; i++) await flow.run(fe.env);
  const faulty = await flow.run(fe.env, 'kill' in point ? { kill: point.kill } : { restart: point.restart });
  const problems: string[] = [];
  if ('kill' in point && faulty.status !== 'KILLED') problems.push(`the run was not killed (${faulty.status})`);
  if ('restart' in point && faulty.status !== 'COMPLETE') problems.push(`the restarted run ended ${faulty.status}: ${JSON.stringify(faulty.errors).slice(0, 300)}`);
  const quiet = await untilQuiet(fe.env, flow.spec, () => flow.run(fe.env), `${flow.name} after the fault`);
  problems.push(...quiet.violations);
  problems.push(...diffStates(base.state, endState(fe.env)));
  return problems;
}

/** Every k-th point from `offset` (k = 1: all of them). */
export function every<T>(points: readonly T[], k: number, offset: number): T[] {
  return points.filter((_, i) => i % k === ((offset % k) + k) % k);
}
