// Map/Reduce semantics (NETSUITE.md 6.2):
//  - getInputData -> map (one invocation per pair, 1,000 units) -> shuffle (group by key) -> reduce (one
//    invocation per key, 5,000 units) -> summarize; getInputData and summarize have 10,000 units each.
//  - Keys and values are strings; non-string values are JSON-serialised; reduce gets an array of strings.
//  - No module state is shared between invocations (the module is instantiated again for each one).
//  - An uncaught error in map/reduce is recorded against the key; `config.retryCount` retries it,
//    `config.exitOnError` abandons the stage; an error in getInputData goes straight to summarize.
//  - An application-server restart re-runs the interrupted invocation with isRestarted=true; its
//    ctx.write output is discarded, its record writes are not; with retryCount 0 it is not re-run.
import { USAGE_LIMITS } from './governance';
import { describeError, Execution, ExecutionKilled, type ExecutionSetup } from './execution';
import type { StageUsage } from './scriptRunner';
import type { ModuleExports } from '../loader/amd';
import { searchResultsAsMapReduceInput } from '../modules/search';

export type StageName = 'getInputData' | 'map' | 'reduce' | 'summarize';

export interface RestartPlan {
  stage: StageName;
  /** Completed invocations of that stage before the restart hits the next one (0 for getInputData/summarize). */
  afterInvocations: number;
}

interface Pair {
  key: string;
  value: string;
}

interface KeyError {
  key: string;
  error: string;
  executionNo: number;
}

interface KeyState {
  key: string;
  executionCount: number;
  completionState: 'COMPLETE' | 'FAILED' | 'PENDING';
}

export interface MapReduceResult {
  usage: Record<string, StageUsage>;
  usageByApi: Record<string, { calls: number; units: number }>;
  errors: { stage: string; key?: string; name: string; message: string }[];
  failed: boolean;
  details: Record<string, unknown>;
}

const asString = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

function errorJson(err: unknown): string {
  const { name, message } = describeError(err);
  return JSON.stringify({ type: 'error.SuiteScriptError', name, message });
}

function iteratorOf<T extends unknown[]>(rows: T[]): { iterator(): { each(cb: (...args: T) => boolean): void } } {
  return {
    iterator: () => ({
      each(cb: (...args: T) => boolean): void {
        for (const row of rows) if (cb(...row) === false) break;
      },
    }),
  };
}

export async function runMapReduce(setup: ExecutionSetup, executionId: string, restart?: RestartPlan): Promise<MapReduceResult> {
  const execution = new Execution(setup, executionId, USAGE_LIMITS.getInputData);
  const reload = setup.account.settings.reloadModulesPerInvocation;
  let shared: ModuleExports | undefined;
  const entry = (): ModuleExports => {
    if (reload || !shared) shared = execution.loadEntryPoints();
    return shared;
  };
  // summaryContext.dateCreated is "the time and day when the script began running" (Oracle help, summaryContext
  // members): one instant for the instance, the same in a summarize restarted after a server restart.
  const began = new Date();
  const usage: Record<string, StageUsage> = {};
  const apiTotals: Record<string, { calls: number; units: number }> = {};
  const errors: MapReduceResult['errors'] = [];
  let killed = false;

  const track = (stage: StageName, limit: number, units: number, breakdown: Record<string, { calls: number; units: number }>): void => {
    const row = usage[stage] ?? { invocations: 0, units: 0, maxUnitsPerInvocation: 0, limitPerInvocation: limit };
    row.invocations += 1;
    row.units += units;
    row.maxUnitsPerInvocation = Math.max(row.maxUnitsPerInvocation, units);
    usage[stage] = row;
    for (const [api, v] of Object.entries(breakdown)) {
      const t = apiTotals[api] ?? { calls: 0, units: 0 };
      t.calls += v.calls;
      t.units += v.units;
      apiTotals[api] = t;
    }
  };

  /** Runs one invocation with its own budget; returns the error if it threw. */
  const invoke = async (stage: StageName, limit: number, fn: (ep: ModuleExports) => unknown): Promise<unknown> => {
    const meter = execution.newInvocation(limit);
    let failure: unknown;
    try {
      await fn(entry());
      // A usage-limit error the script caught still ended the invocation (NETSUITE.md 5).
      if (meter.exceeded) throw meter.exceeded;
    } catch (err) {
      if (err instanceof ExecutionKilled) killed = true;
      failure = err;
    }
    track(stage, limit, meter.usage, meter.breakdown());
    return failure;
  };

  const first = entry();
  const config = (first.config ?? {}) as { retryCount?: number; exitOnError?: boolean };
  const retryCount = Math.max(0, Math.min(3, Number(config.retryCount ?? 0)));
  const exitOnError = config.exitOnError === true;

  // ---- getInputData -----------------------------------------------------------------------------
  let pairs: Pair[] = [];
  let inputError: string | null = null;
  const runInput = async (isRestarted: boolean): Promise<unknown> =>
    invoke('getInputData', USAGE_LIMITS.getInputData, async (ep) => {
      const fn = ep.getInputData;
      if (typeof fn !== 'function') throw new Error('getInputData is not exported');
      const input: unknown = await (fn as (ctx: unknown) => unknown)({ isRestarted, ObjectRef: {} });
      pairs = toPairs(input, execution);
    });
  let inputFailure = await runInput(false);
  if (!killed && restart?.stage === 'getInputData') inputFailure = await runInput(true);
  if (inputFailure !== undefined && !killed) {
    inputError = errorJson(inputFailure);
    errors.push({ stage: 'getInputData', ...describeError(inputFailure) });
    pairs = [];
  }

  // ---- map / reduce -----------------------------------------------------------------------------
  const runStage = async (stage: 'map' | 'reduce', limit: number, items: { key: string; values: string[] }[]) => {
    const written: Pair[] = [];
    const keyStates: KeyState[] = [];
    const keyErrors: KeyError[] = [];
    let completed = 0;
    let abandoned = false;
    let restartPending = restart?.stage === stage;
    for (const item of items) {
      if (abandoned || killed) {
        keyStates.push({ key: item.key, executionCount: 0, completionState: 'PENDING' });
        continue;
      }
      let executionNo = 0;
      let done = false;
      let isRestarted = false;
      const priorErrors: string[] = [];
      while (!done && !killed) {
        executionNo += 1;
        const out: Pair[] = [];
        const ctx = {
          key: item.key,
          ...(stage === 'map' ? { value: item.values[0] ?? '' } : { values: [...item.values] }),
          isRestarted,
          executionNo,
          errors: iteratorOf(priorErrors.map((e, i) => [item.key, e, i + 1] as [string, string, number])),
          write(a: unknown, b?: unknown): void {
            const pair = a !== null && typeof a === 'object' && b === undefined ? (a as { key: unknown; value: unknown }) : { key: a, value: b };
            out.push({ key: asString(pair.key), value: asString(pair.value) });
          },
        };
        const failure = await invoke(stage, limit, (ep) => {
          const fn = ep[stage];
          if (typeof fn !== 'function') throw new Error(`${stage} is not exported`);
          return (fn as (c: unknown) => unknown)(ctx);
        });
        if (killed) break;
        if (restartPending && completed === restart?.afterInvocations) {
          // The server restarted while this invocation ran: its writes are lost, the pair is re-run.
          restartPending = false;
          const restartError = JSON.stringify({ type: 'error.SuiteScriptError', name: 'SSS_APP_SERVER_RESTART', message: 'The application server restarted during this invocation' });
          keyErrors.push({ key: item.key, error: restartError, executionNo });
          priorErrors.push(restartError);
          if (retryCount === 0) {
            keyStates.push({ key: item.key, executionCount: executionNo, completionState: 'FAILED' });
            done = true;
            break;
          }
          isRestarted = true;
          continue;
        }
        if (failure === undefined) {
          written.push(...out);
          keyStates.push({ key: item.key, executionCount: executionNo, completionState: 'COMPLETE' });
          done = true;
          completed += 1;
          break;
        }
        const json = errorJson(failure);
        keyErrors.push({ key: item.key, error: json, executionNo });
        priorErrors.push(json);
        errors.push({ stage, key: item.key, ...describeError(failure) });
        if (executionNo > retryCount) {
          keyStates.push({ key: item.key, executionCount: executionNo, completionState: 'FAILED' });
          done = true;
          completed += 1;
          if (exitOnError) abandoned = true;
        }
      }
    }
    return { written, keyStates, keyErrors, abandoned };
  };

  const hasMap = typeof first.map === 'function';
  const hasReduce = typeof first.reduce === 'function';
  let mapResult: Awaited<ReturnType<typeof runStage>> | undefined;
  let reduceResult: Awaited<ReturnType<typeof runStage>> | undefined;
  let output: Pair[] = [];
  if (inputError === null && !killed) {
    let afterMap: Pair[] = pairs;
    if (hasMap) {
      mapResult = await runStage('map', USAGE_LIMITS.map, pairs.map((p) => ({ key: p.key, values: [p.value] })));
      afterMap = mapResult.written;
    }
    if (hasReduce && !killed && !mapResult?.abandoned) {
      // Shuffle: group values by key, in first-seen order (do not rely on key order [U]).
      const groups = new Map<string, string[]>();
      for (const p of afterMap) {
        const list = groups.get(p.key) ?? [];
        list.push(p.value);
        groups.set(p.key, list);
      }
      reduceResult = await runStage('reduce', USAGE_LIMITS.reduce, [...groups].map(([key, values]) => ({ key, values })));
      output = reduceResult.written;
    } else if (!hasReduce) {
      output = afterMap;
    }
  }

  // ---- summarize --------------------------------------------------------------------------------
  const stageSummary = (stage: 'map' | 'reduce', result: Awaited<ReturnType<typeof runStage>> | undefined) => ({
    dateCreated: new Date(),
    seconds: 0,
    usage: usage[stage]?.units ?? 0,
    concurrency: 1,
    yields: 0,
    keys: iteratorOf((result?.keyStates ?? []).map((k) => [k.key, k.executionCount, k.completionState] as [string, number, string])),
    errors: iteratorOf((result?.keyErrors ?? []).map((e) => [e.key, e.error, e.executionNo] as [string, string, number])),
  });
  if (!killed && typeof entry().summarize === 'function') {
    const runSummarize = async (isRestarted: boolean) =>
      invoke('summarize', USAGE_LIMITS.summarize, (ep) =>
        (ep.summarize as (s: unknown) => unknown)({
          dateCreated: began,
          seconds: Math.round((Date.now() - began.getTime()) / 1000),
          usage: Object.values(usage).reduce((n, u) => n + u.units, 0),
          concurrency: 1,
          yields: 0,
          isRestarted,
          inputSummary: { dateCreated: began, seconds: 0, usage: usage.getInputData?.units ?? 0, error: inputError },
          mapSummary: stageSummary('map', mapResult),
          reduceSummary: stageSummary('reduce', reduceResult),
          output: iteratorOf(output.map((p) => [p.key, p.value] as [string, string])),
        }),
      );
    let failure = await runSummarize(false);
    if (!killed && restart?.stage === 'summarize') failure = await runSummarize(true);
    if (failure !== undefined && !killed) errors.push({ stage: 'summarize', ...describeError(failure) });
  }

  execution.dispose();
  return {
    usage,
    usageByApi: Object.fromEntries(Object.entries(apiTotals).sort((a, b) => b[1].units - a[1].units)),
    errors,
    failed: errors.some((e) => e.stage === 'getInputData' || e.stage === 'summarize'),
    details: {
      inputPairs: pairs.length,
      mapInvocations: usage.map?.invocations ?? 0,
      reduceInvocations: usage.reduce?.invocations ?? 0,
      outputCount: output.length,
      failedKeys: [...(mapResult?.keyStates ?? []), ...(reduceResult?.keyStates ?? [])].filter((k) => k.completionState === 'FAILED').map((k) => k.key),
    },
  };
}

/** What getInputData may return (NETSUITE.md 6.2): array, plain object, search, search reference. */
function toPairs(input: unknown, execution: Execution): Pair[] {
  if (Array.isArray(input)) return input.map((v, i) => ({ key: String(i), value: asString(v) }));
  if (input && typeof input === 'object') {
    const obj = input as Record<string, unknown>;
    if (typeof obj.run === 'function' && 'searchType' in obj) return searchResultsAsMapReduceInput(obj);
    if (obj.type === 'search' && obj.id !== undefined) {
      const searchModule = execution.nativeModule('N/search') as { load(o: { id: unknown }): Record<string, unknown> };
      return searchResultsAsMapReduceInput(searchModule.load({ id: obj.id }));
    }
    return Object.entries(obj).map(([key, value]) => ({ key, value: asString(value) }));
  }
  if (input === null || input === undefined) return [];
  throw new Error(`getInputData returned ${typeof input}, which is not an array, object or search`);
}
