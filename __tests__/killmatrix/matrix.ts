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

export interface Quiet {
  runs: FullRunSummary[];
  violations: string[];
}

export interface MatrixFlow {
  name: string;
  spec: FlowSpec;
  /** Delivers the flow's small representative feed. */
  deliver(env: LocalEnvironment): void;
  run(env: LocalEnvironment, options?: RunOptions): Promise<FullRunSummary>;
  mapReduce: boolean;
  /**
   * What a NetSuite user does once the flow went quiet (a warehouse receives a transfer, …): each step is a
   * phase of its own; the flow runs until quiet again after it. Points are taken in every phase's runs.
   */
  steps?: ((env: LocalEnvironment) => void)[];
  /** Runs the flow until quiet (default: untilQuiet over `spec`: no open feed-file record, nothing waiting). */
  untilQuiet?(env: LocalEnvironment, run: () => Promise<FullRunSummary>, label: string): Promise<Quiet>;
  /** The state that must not depend on where a run died (default: endState), compared entry by entry (diffStates). */
  state?(env: LocalEnvironment): Record<string, unknown>;
  /** Invariants of the state after every quiet phase, uninterrupted or not (e.g. checkFolders). */
  check?(env: LocalEnvironment): string[];
  /**
   * The clock the flow's runs read (new Date()): `start`, plus a minute for every run or step of one play. Scripts
   * name reports and files by the time: a run after a kill then always reads another minute, so an output
   * written twice cannot hide behind a name of the same second.
   */
  clock?: { start: string };
}

// ---- the clock ---------------------------------------------------------------------------------------------

const RealDate = Date;

/**
 * Runs `fn` with new Date() and Date.now() at `at` (moving on in real time from there). Scripts run in the
 * runtime's realm (runtime/loader/amd.ts), so the global Date is the clock they read; dates made before keep
 * working with instanceof. Outside jest too (`npm run fuzz`), which is why this is not jest's fake timers.
 */
export async function atClock<T>(at: number, fn: () => Promise<T> | T): Promise<T> {
  const offset = at - RealDate.now();
  class Shifted extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(RealDate.now() + offset);
      else super(...(args as [string | number]));
    }
    static override now(): number {
      return RealDate.now() + offset;
    }
    static override [Symbol.hasInstance](x: unknown): boolean {
      return x instanceof RealDate;
    }
  }
  const saved = globalThis.Date;
  globalThis.Date = Shifted as DateConstructor;
  try {
    return await fn();
  } finally {
    globalThis.Date = saved;
  }
}

/** One play of a flow: its runs and steps, each at the flow's clock plus a minute more than the one before. */
class Play {
  private tick = 0;
  constructor(
    readonly fe: FuzzEnv,
    readonly flow: MatrixFlow,
  ) {}

  at<T>(fn: () => Promise<T> | T): Promise<T> {
    const clock = this.flow.clock;
    if (clock === undefined) return Promise.resolve(fn());
    this.tick += 1;
    return atClock(RealDate.parse(clock.start) + this.tick * 60_000, fn);
  }

  run(options?: RunOptions): Promise<FullRunSummary> {
    return this.at(() => this.flow.run(this.fe.env, options));
  }

  untilQuiet(label: string): Promise<Quiet> {
    const run = (): Promise<FullRunSummary> => this.run();
    return this.flow.untilQuiet ? this.flow.untilQuiet(this.fe.env, run, label) : untilQuiet(this.fe.env, this.flow.spec, run, label);
  }

  state(): Record<string, unknown> {
    return (this.flow.state ?? endState)(this.fe.env);
  }
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

/** A point: in phase `phase` (0 unless the flow has steps), the `run`-th run of that phase is killed or restarted. */
export type MatrixPoint = { phase?: number; run: number; kill: KillPlan } | { phase?: number; run: number; restart: RestartPlan };

export const describePoint = (p: MatrixPoint): string => {
  const where = `${p.phase ? `phase ${p.phase + 1} ` : ''}run ${p.run + 1}`;
  return 'kill' in p ? `${where}: kill ${p.kill.when} ${p.kill.api} #${p.kill.occurrence}` : `${where}: restart in ${p.restart.stage} after ${p.restart.afterInvocations} invocation(s)`;
};

export interface Baseline {
  /** The state after the last phase. */
  state: Record<string, unknown>;
  /** The state after each phase (one entry for a flow without steps). */
  states: Record<string, unknown>[];
  points: MatrixPoint[];
  runs: number;
}

const phasesOf = (flow: MatrixFlow): number => 1 + (flow.steps?.length ?? 0);

/** The faults of one uninterrupted run: each (api, n) it made, before and after; a restart per Map/Reduce invocation. */
function pointsOf(flow: MatrixFlow, r: FullRunSummary, phase: number, run: number): MatrixPoint[] {
  const at = flow.steps ? { phase } : {};
  const points: MatrixPoint[] = [];
  for (const [api, { calls }] of Object.entries(r.usageByApi).sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    for (let occurrence = 1; occurrence <= calls; occurrence++) {
      for (const when of ['before', 'after'] as const) points.push({ ...at, run, kill: { api, occurrence, when } });
    }
  }
  if (flow.mapReduce) {
    points.push({ ...at, run, restart: { stage: 'getInputData', afterInvocations: 0 } });
    for (const stage of ['map', 'reduce'] as const) {
      const n = r.usage[stage]?.invocations ?? 0;
      for (let i = 0; i < n; i++) points.push({ ...at, run, restart: { stage, afterInvocations: i } });
    }
    points.push({ ...at, run, restart: { stage: 'summarize', afterInvocations: 0 } });
  }
  return points;
}

/**
 * The uninterrupted run: its end state, and every point of the matrix. The fault injector counts calls the
 * way the governance meter charges them (runtime/engines/execution.ts), so a run's usageByApi lists every
 * call it made: each (api, n) is a point, before and after. Map/Reduce runs add a restart per invocation.
 */
export async function baseline(fe: FuzzEnv, flow: MatrixFlow): Promise<Baseline> {
  fe.reset();
  const play = new Play(fe, flow);
  await play.at(() => flow.deliver(fe.env));
  const points: MatrixPoint[] = [];
  const states: Record<string, unknown>[] = [];
  let runs = 0;
  for (let phase = 0; phase < phasesOf(flow); phase++) {
    const step = phase > 0 ? flow.steps?.[phase - 1] : undefined;
    if (step) await play.at(() => step(fe.env));
    const quiet = await play.untilQuiet(`${flow.name} baseline${flow.steps ? ` phase ${phase + 1}` : ''}`);
    const violations = [...quiet.violations, ...(flow.check?.(fe.env) ?? [])];
    if (violations.length > 0) throw new Error(`the uninterrupted ${flow.name} run is not clean: ${violations.join('; ')}`);
    quiet.runs.forEach((r, run) => points.push(...pointsOf(flow, r, phase, run)));
    states.push(play.state());
    runs += quiet.runs.length;
  }
  return { state: states[states.length - 1] ?? {}, states, points, runs };
}

/**
 * Plays one point: the phases and runs before it as usual, the faulty run, then on until quiet (and through
 * the later phases); returns what differs from the uninterrupted play after each phase from the point's on.
 */
export async function playPoint(fe: FuzzEnv, flow: MatrixFlow, base: Baseline, point: MatrixPoint): Promise<string[]> {
  fe.reset();
  const play = new Play(fe, flow);
  await play.at(() => flow.deliver(fe.env));
  const problems: string[] = [];
  const pointPhase = point.phase ?? 0;
  for (let phase = 0; phase < phasesOf(flow); phase++) {
    const step = phase > 0 ? flow.steps?.[phase - 1] : undefined;
    if (step) await play.at(() => step(fe.env));
    const label = flow.steps ? `phase ${phase + 1}: ` : '';
    if (phase === pointPhase) {
      for (let i = 0; i < point.run; i++) await play.run();
      const faulty = await play.run('kill' in point ? { kill: point.kill } : { restart: point.restart });
      if ('kill' in point && faulty.status !== 'KILLED') problems.push(`${label}the run was not killed (${faulty.status})`);
      if ('restart' in point && faulty.status !== 'COMPLETE') problems.push(`${label}the restarted run ended ${faulty.status}: ${JSON.stringify(faulty.errors).slice(0, 300)}`);
    }
    const quiet = await play.untilQuiet(`${flow.name} ${phase === pointPhase ? 'after the fault' : phase < pointPhase ? 'before the fault' : 'later'}`);
    problems.push(...quiet.violations.map((v) => `${label}${v}`));
    if (phase < pointPhase) continue;
    problems.push(...(flow.check?.(fe.env) ?? []).map((v) => `${label}${v}`));
    problems.push(...diffStates(base.states[phase] ?? {}, play.state()).map((d) => `${label}${d}`));
  }
  return problems;
}

/** Every k-th point from `offset` (k = 1: all of them). */
export function every<T>(points: readonly T[], k: number, offset: number): T[] {
  return points.filter((_, i) => i % k === ((offset % k) + k) % k);
}
