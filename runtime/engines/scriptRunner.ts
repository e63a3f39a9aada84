// Runs a script object as its deployment would (Scheduled execute, or the Map/Reduce stages), then the
// tasks it queued. This is what `ns-local run` and the integration tests call.
import type { Account } from '../account/account';
import { ChangeJournal, type TaskSink } from '../context';
import type { LogEntry, QueuedTask } from '../account/types';
import { USAGE_LIMITS } from './governance';
import { describeError, Execution, ExecutionKilled, FaultInjector, findDeployment, findScript, type KillPlan } from './execution';
import { runMapReduce, type RestartPlan } from './mapReduce';
import { loadProjectObjects, type ProjectObjects } from '../objects';
import { runCsvImportTask } from './csvImportTask';
import { runSearchTask } from './searchTask';

export interface RunOptions {
  account: Account;
  /** The SDF project folder (manifest.xml, Objects/, FileCabinet/): normally <repo>/src. */
  projectFolder: string;
  scriptId: string;
  deploymentId?: string;
  /** Parameter overrides, as task params or `--param` give them. */
  params?: Record<string, string>;
  /** Scheduled InvocationType passed to execute(): SCHEDULED (default), ON_DEMAND, ABORTED, ... */
  invocationType?: string;
  /** Run the tasks the script queued (CSV imports, submitted scripts) after it ends. Default true. */
  runTasks?: boolean;
  /** Kill the run at an API call (tests of idempotency). */
  kill?: KillPlan;
  /** Restart the application server during a Map/Reduce stage (sets isRestarted). */
  restart?: RestartPlan;
  now?: () => Date;
  echoLog?: (entry: LogEntry) => void;
  /** Pre-loaded objects (saves re-reading src/Objects in loops). */
  objects?: ProjectObjects;
  /** Set when the run comes from a queued task. */
  taskId?: string;
}

export interface StageUsage {
  invocations: number;
  units: number;
  maxUnitsPerInvocation: number;
  limitPerInvocation: number;
}

export interface RunSummary {
  script: string;
  deployment: string;
  status: 'COMPLETE' | 'FAILED' | 'KILLED';
  startedAt: string;
  durationMs: number;
  usage: Record<string, StageUsage>;
  usageByApi: Record<string, { calls: number; units: number }>;
  records: ReturnType<ChangeJournal['toJSON']>;
  tasks: TaskReport[];
  errors: { stage: string; key?: string; name: string; message: string }[];
  logs: LogEntry[];
  killedAt?: string;
  mapReduce?: Record<string, unknown>;
}

export interface TaskReport {
  taskId: string;
  type: QueuedTask['type'];
  status: QueuedTask['status'];
  name?: string;
  scriptId?: string;
  deploymentId?: string;
  result?: Record<string, unknown>;
  error?: { name: string; message: string };
}

let executionSequence = 0;

export function newExecutionId(now: Date): string {
  executionSequence += 1;
  return `${now.toISOString().replace(/[-:.TZ]/g, '').slice(0, 14)}-${process.pid}-${executionSequence}`;
}

/** Queues tasks in the account's task list. */
export function accountTaskSink(account: Account, now: () => Date): TaskSink {
  return {
    enqueue(task) {
      const taskId = `${task.type}_${now().getTime().toString(36)}_${account.tasks.length + 1}`;
      account.tasks.push({ ...task, taskId, status: 'PENDING', submitted: now().toISOString() });
      return taskId;
    },
  };
}

export function reportTask(task: QueuedTask): TaskReport {
  const report: TaskReport = { taskId: task.taskId, type: task.type, status: task.status };
  if (task.name !== undefined) report.name = task.name;
  if (task.scriptId !== undefined) report.scriptId = task.scriptId;
  if (task.deploymentId !== undefined) report.deploymentId = task.deploymentId;
  if (task.result !== undefined) report.result = task.result;
  if (task.error !== undefined) report.error = task.error;
  return report;
}

/** Runs one script execution (not the tasks it queues). */
export async function executeScript(options: RunOptions): Promise<RunSummary> {
  const now = options.now ?? (() => new Date());
  const started = Date.now();
  const objects = options.objects ?? loadProjectObjects(options.projectFolder);
  const script = findScript(objects, options.scriptId);
  const deployment = findDeployment(script, options.deploymentId);
  const journal = new ChangeJournal();
  const faults = new FaultInjector(options.kill);
  const tasksBefore = new Set(options.account.tasks.map((t) => t.taskId));
  const logMark = options.account.logMark();
  const isMapReduce = script.objectType === 'mapreducescript';
  const executionId = newExecutionId(now());
  const setup = {
    account: options.account,
    projectFolder: options.projectFolder,
    objects,
    script,
    deployment,
    params: options.params ?? {},
    executionContext: isMapReduce ? ('MAPREDUCE' as const) : ('SCHEDULED' as const),
    invocationType: options.invocationType ?? 'SCHEDULED',
    now,
    tasks: accountTaskSink(options.account, now),
    journal,
    faults,
    ...(options.echoLog ? { echoLog: options.echoLog } : {}),
  };

  const summary: RunSummary = {
    script: script.scriptId,
    deployment: deployment.scriptId,
    status: 'COMPLETE',
    startedAt: now().toISOString(),
    durationMs: 0,
    usage: {},
    usageByApi: {},
    records: journal.toJSON(),
    tasks: [],
    errors: [],
    logs: [],
  };

  if (script.objectType === 'scheduledscript') {
    const execution = new Execution(setup, executionId, USAGE_LIMITS.scheduled);
    try {
      const entry = execution.loadEntryPoints();
      const execute = entry.execute;
      if (typeof execute !== 'function') throw new Error(`${script.scriptFile} does not export execute()`);
      const InvocationType = { SCHEDULED: 'SCHEDULED', ON_DEMAND: 'ON_DEMAND', USER_INTERFACE: 'USER_INTERFACE', ABORTED: 'ABORTED', SKIPPED: 'SKIPPED' };
      await (execute as (ctx: unknown) => unknown)({ type: setup.invocationType, InvocationType });
      // A usage-limit error the script caught still ended the run (NETSUITE.md 5).
      if (execution.meter.exceeded) throw execution.meter.exceeded;
    } catch (err) {
      if (!(err instanceof ExecutionKilled)) {
        summary.status = 'FAILED';
        summary.errors.push({ stage: 'execute', ...describeError(err) });
        // An uncaught error ends the run and is logged (NETSUITE.md 6.1).
        (execution.logModule.error as (t: string, d: string) => void)(`${describeError(err).name}`, describeError(err).message);
      }
    }
    execution.dispose();
    summary.usage.execute = { invocations: 1, units: execution.meter.usage, maxUnitsPerInvocation: execution.meter.usage, limitPerInvocation: USAGE_LIMITS.scheduled };
    summary.usageByApi = execution.meter.breakdown();
  } else if (isMapReduce) {
    const result = await runMapReduce(setup, executionId, options.restart);
    summary.usage = result.usage;
    summary.usageByApi = result.usageByApi;
    summary.errors.push(...result.errors);
    summary.mapReduce = result.details;
    if (result.failed) summary.status = 'FAILED';
  } else {
    throw new Error(`ns-local runs scheduled and map/reduce scripts; ${script.scriptId} is a ${script.objectType}`);
  }

  if (faults.killed) {
    summary.status = 'KILLED';
    summary.killedAt = faults.killedAt ?? `after ${options.kill?.api} #${options.kill?.occurrence}`;
  }
  summary.records = journal.toJSON();
  summary.tasks = options.account.tasks.filter((t) => !tasksBefore.has(t.taskId)).map(reportTask);
  summary.logs = options.account.logsSince(logMark).filter((l) => l.level !== 'DEBUG');
  summary.durationMs = Date.now() - started;
  return summary;
}

export interface FullRunSummary extends RunSummary {
  /** Tasks executed after the script ended (CSV imports, scripts it submitted), in order. */
  taskRuns: TaskRunReport[];
}

export interface TaskRunReport extends TaskReport {
  records?: ReturnType<ChangeJournal['toJSON']>;
  run?: RunSummary;
}

/** Runs a script and then, unless runTasks is false, every task left pending (NETSUITE.md 2: tasks run later). */
export async function runScript(options: RunOptions): Promise<FullRunSummary> {
  const objects = options.objects ?? loadProjectObjects(options.projectFolder);
  const summary = await executeScript({ ...options, objects });
  const taskRuns = options.runTasks === false ? [] : await runPendingTasks({ account: options.account, projectFolder: options.projectFolder, objects, ...(options.now ? { now: options.now } : {}), ...(options.echoLog ? { echoLog: options.echoLog } : {}) });
  // Refresh the statuses of the tasks this run queued.
  summary.tasks = summary.tasks.map((t) => {
    const current = options.account.tasks.find((x) => x.taskId === t.taskId);
    return current ? reportTask(current) : t;
  });
  return { ...summary, taskRuns };
}

export interface TaskRunOptions {
  account: Account;
  projectFolder: string;
  objects?: ProjectObjects;
  now?: () => Date;
  echoLog?: (entry: LogEntry) => void;
  /** Safety net against endless self-rescheduling. */
  maxTasks?: number;
}

/**
 * The first pending task that may run: one without a prerequisite, or one whose prerequisite (the search task
 * it depends on) has COMPLETEd. A dependent whose prerequisite FAILED never runs [U]: it is marked FAILED here.
 */
function nextRunnable(account: RunOptions['account'], reports: TaskRunReport[], now: () => Date): QueuedTask | undefined {
  for (const task of account.tasks) {
    if (task.status !== 'PENDING') continue;
    if (task.dependsOn === undefined) return task;
    const prerequisite = account.tasks.find((t) => t.taskId === task.dependsOn);
    if (prerequisite?.status === 'COMPLETE') return task;
    if (prerequisite === undefined || prerequisite.status === 'FAILED') {
      task.status = 'FAILED';
      task.error = { name: 'DEPENDENCY_FAILED', message: `Not run: the task it depends on (${task.dependsOn}) did not complete` };
      task.finished = now().toISOString();
      reports.push(reportTask(task));
    }
  }
  return undefined;
}

/** Executes pending tasks first in, first out, including tasks those tasks queue, until none is left. */
export async function runPendingTasks(options: TaskRunOptions): Promise<TaskRunReport[]> {
  const objects = options.objects ?? loadProjectObjects(options.projectFolder);
  const reports: TaskRunReport[] = [];
  const maxTasks = options.maxTasks ?? 500;
  const now = options.now ?? (() => new Date());
  for (;;) {
    const task = nextRunnable(options.account, reports, now);
    if (!task) break;
    if (reports.length >= maxTasks) throw new Error(`ns-local: more than ${maxTasks} tasks ran in a row; a script is probably rescheduling itself forever`);
    task.status = 'PROCESSING';
    if (task.type === 'CSV_IMPORT') {
      const journal = runCsvImportTask(options.account, options.projectFolder, objects, task, now);
      reports.push({ ...reportTask(task), records: journal.toJSON() });
      continue;
    }
    if (task.type === 'SEARCH') {
      runSearchTask(options.account, options.projectFolder, objects, task, now);
      reports.push(reportTask(task));
      continue;
    }
    if (task.type === 'SCHEDULED_SCRIPT' || task.type === 'MAP_REDUCE') {
      let run: RunSummary | undefined;
      try {
        run = await executeScript({
          account: options.account,
          projectFolder: options.projectFolder,
          objects,
          scriptId: task.scriptId ?? '',
          ...(task.deploymentId ? { deploymentId: task.deploymentId } : {}),
          params: task.params ?? {},
          invocationType: 'ON_DEMAND',
          taskId: task.taskId,
          ...(options.now ? { now: options.now } : {}),
          ...(options.echoLog ? { echoLog: options.echoLog } : {}),
        });
        task.status = run.status === 'COMPLETE' ? 'COMPLETE' : 'FAILED';
        task.result = { status: run.status, usage: run.usage, records: run.records };
      } catch (err) {
        task.status = 'FAILED';
        task.error = describeError(err);
      }
      task.finished = now().toISOString();
      reports.push({ ...reportTask(task), ...(run ? { run } : {}) });
      continue;
    }
    task.status = 'FAILED';
    task.error = { name: 'UNSUPPORTED_TASK', message: `ns-local does not run ${String((task as { type: unknown }).type)} tasks` };
    reports.push(reportTask(task));
  }
  return reports;
}

export type { ProjectObjects };
