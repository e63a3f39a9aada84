// N/task (NETSUITE.md 2): tasks are QUEUED by submit() and run later, never inside submit().
//  - CSV_IMPORT: submit() costs 100 units and returns a task id; the job starts PENDING and runs when the
//    submitting script has ended (or on `ns-local tasks --run`). checkStatus() (0 units) returns only
//    {taskId, status}; a job whose rows fail still ends COMPLETE.
//  - SCHEDULED_SCRIPT / MAP_REDUCE: submit() costs 20 units; one unfinished instance per deployment
//    (MAP_REDUCE_ALREADY_RUNNING / FAILED_TO_SUBMIT_JOB_REQUEST_1); a script may resubmit its own deployment
//    (self-rescheduling), which runs after the current run ends.
import type { ExecutionEnv } from '../context';
import type { QueuedTask, TaskType } from '../account/types';
import { nsError } from './error';
import { NsFile } from './file';

export const TASK_TYPES = {
  SCHEDULED_SCRIPT: 'SCHEDULED_SCRIPT',
  MAP_REDUCE: 'MAP_REDUCE',
  CSV_IMPORT: 'CSV_IMPORT',
  SEARCH: 'SEARCH',
  QUERY: 'QUERY',
  SUITE_QL: 'SUITEQL',
  RECORD_ACTION: 'RECORD_ACTION',
  WORKFLOW_TRIGGER: 'WORKFLOW_TRIGGER',
  ENTITY_DEDUPLICATION: 'ENTITY_DEDUPLICATION',
  PIVOT: 'PIVOT',
} as const;

export const TASK_STATUS = { PENDING: 'PENDING', PROCESSING: 'PROCESSING', COMPLETE: 'COMPLETE', FAILED: 'FAILED' } as const;
export const MAP_REDUCE_STAGE = { GET_INPUT: 'GET_INPUT', MAP: 'MAP', SHUFFLE: 'SHUFFLE', REDUCE: 'REDUCE', SUMMARIZE: 'SUMMARIZE' } as const;

/** Where the emulator keeps the CSV files of submitted import jobs (so a later command can run them). */
export const CSV_JOB_FOLDER = '/ns-local/csv-import-jobs';

export interface TaskModuleDeps {
  /** Whether a savedcsvimport with this script id exists in src/Objects. */
  csvImportExists(mappingId: string): boolean;
  /** The script object's type ('scheduledscript' | 'mapreducescript') and its deployment ids, or undefined. */
  scriptInfo(scriptId: string): { objectType: string; deployments: { scriptId: string; status: string; isDeployed: boolean }[] } | undefined;
}

const UNFINISHED = new Set(['PENDING', 'PROCESSING']);

const utf8 = new TextEncoder();

export function createTaskModule(env: ExecutionEnv, deps: TaskModuleDeps): Record<string, unknown> {
  const account = env.account;

  const findTask = (taskId: string): QueuedTask => {
    const found = account.tasks.find((t) => t.taskId === taskId);
    if (!found) throw nsError('SSS_INVALID_TASK_ID', `No task with id ${taskId}`);
    return found;
  };

  const saveImportFile = (content: unknown, name: string): number => {
    let bytes: Uint8Array;
    if (content instanceof NsFile) bytes = content.allBytes();
    else if (typeof content === 'string') bytes = utf8.encode(content);
    else throw nsError('SSS_INVALID_TYPE_ARG', 'CsvImportTask.importFile must be a file.File or a CSV string');
    const folder = account.folderByPath(CSV_JOB_FOLDER, true);
    if (folder === undefined) throw nsError('UNEXPECTED_ERROR', 'Cannot create the CSV job folder');
    return account.saveFile({ name, folder, fileType: 'CSV', encoding: 'UTF-8', description: 'CSV import job file' }, bytes).id;
  };

  class CsvImportTask {
    readonly taskType = TASK_TYPES.CSV_IMPORT;
    mappingId: string | number | null = null;
    importFile: unknown = null;
    linkedFiles: Record<string, unknown> | null = null;
    name: string | null = null;
    queueId: number | null = null;
    id: string | null = null;

    submit(): string {
      if (this.mappingId === null || this.mappingId === '') throw nsError('SSS_MISSING_REQD_ARGUMENT', 'CsvImportTask.submit: mappingId is required');
      if (this.importFile === null || this.importFile === undefined) throw nsError('SSS_MISSING_REQD_ARGUMENT', 'CsvImportTask.submit: importFile is required');
      env.meter().chargeApi('task.CsvImportTask.submit');
      const mappingId = String(this.mappingId);
      if (!deps.csvImportExists(mappingId)) {
        throw nsError('FAILED_TO_SUBMIT_JOB_REQUEST_1', `Failed to submit job request: the saved CSV import ${mappingId} does not exist`);
      }
      const queues = account.settings.csvImportQueues;
      if (this.queueId !== null && (this.queueId < 1 || this.queueId > queues)) {
        throw nsError('FAILED_TO_SUBMIT_JOB_REQUEST_1', `Failed to submit job request: queue ${this.queueId} is not available (this account has ${queues})`);
      }
      const stamp = `${env.executionId}-${account.tasks.length + 1}`;
      const importFileId = saveImportFile(this.importFile, `${stamp}.csv`);
      const linkedFileIds: Record<string, number> = {};
      for (const [sublist, content] of Object.entries(this.linkedFiles ?? {})) linkedFileIds[sublist] = saveImportFile(content, `${stamp}-${sublist}.csv`);
      this.id = env.tasks.enqueue({
        type: 'CSV_IMPORT',
        submittedBy: `${env.script.scriptId}/${env.script.deploymentId}`,
        mappingId,
        name: this.name ?? `CSV import ${stamp}`,
        queueId: this.queueId ?? 1,
        importFileId,
        linkedFileIds,
      });
      return this.id;
    }
  }

  class ScriptTask {
    scriptId: string | null = null;
    deploymentId: string | null = null;
    params: Record<string, unknown> | null = null;
    id: string | null = null;

    constructor(readonly taskType: 'SCHEDULED_SCRIPT' | 'MAP_REDUCE') {}

    submit(): string | null {
      if (!this.scriptId) throw nsError('SSS_MISSING_REQD_ARGUMENT', 'submit: scriptId is required');
      env.meter().chargeApi(this.taskType === 'MAP_REDUCE' ? 'task.MapReduceScriptTask.submit' : 'task.ScheduledScriptTask.submit');
      const info = deps.scriptInfo(this.scriptId);
      const expected = this.taskType === 'MAP_REDUCE' ? 'mapreducescript' : 'scheduledscript';
      if (!info || info.objectType !== expected) {
        throw nsError('INVALID_SCRIPT_ID_1', `No ${expected} with script id ${this.scriptId}`);
      }
      const deployable = info.deployments.filter((d) => d.isDeployed && d.status === 'NOTSCHEDULED');
      const busy = (deploymentId: string): boolean =>
        account.tasks.some((t) => t.deploymentId === deploymentId && UNFINISHED.has(t.status)) ||
        (env.script.deploymentId === deploymentId && !this.isSelf(deploymentId));
      const isSelf = this.deploymentId !== null && this.isSelf(this.deploymentId);
      let deploymentId = this.deploymentId;
      if (deploymentId === null) {
        // No deployment named: NetSuite picks a free one (NETSUITE.md 2.4).
        deploymentId = deployable.find((d) => !busy(d.scriptId))?.scriptId ?? null;
        if (deploymentId === null) throw nsError('NO_DEPLOYMENTS_AVAILABLE', `No deployments available for ${this.scriptId}`);
      } else {
        const named = info.deployments.find((d) => d.scriptId === deploymentId);
        if (!named) throw nsError('INVALID_DEPLOYMENT_ID_1', `No deployment ${deploymentId} on ${this.scriptId}`);
        // A deployment must be Deployed with status Not Scheduled to be queued (NETSUITE.md 2.4).
        if (!named.isDeployed || named.status !== 'NOTSCHEDULED') {
          throw nsError('FAILED_TO_SUBMIT_JOB_REQUEST_1', `Failed to submit job request: deployment ${deploymentId} must be deployed with status Not Scheduled (it is ${named.status})`);
        }
        // The run doing a self-submit is itself the PROCESSING instance; only another queued one counts.
        const queuedAlready = account.tasks.some((t) => t.deploymentId === deploymentId && (isSelf ? t.status === 'PENDING' : UNFINISHED.has(t.status)));
        if (queuedAlready || (!isSelf && env.script.deploymentId === deploymentId)) {
          if (this.taskType === 'MAP_REDUCE') {
            throw nsError('MAP_REDUCE_ALREADY_RUNNING', `Map/Reduce script ${this.scriptId} with deployment ${deploymentId} is already running`);
          }
          throw nsError('FAILED_TO_SUBMIT_JOB_REQUEST_1', `Failed to submit job request: deployment ${deploymentId} is already queued or running`);
        }
      }
      const params: Record<string, string> = {};
      for (const [k, v] of Object.entries(this.params ?? {})) params[k] = v instanceof Date ? v.toISOString() : String(v);
      const taskId = env.tasks.enqueue({
        type: this.taskType,
        submittedBy: `${env.script.scriptId}/${env.script.deploymentId}`,
        scriptId: this.scriptId,
        deploymentId,
        params,
      });
      this.id = taskId;
      // A script that resubmits its own deployment gets no task id back (NETSUITE.md 2.4).
      return isSelf ? null : taskId;
    }

    private isSelf(deploymentId: string): boolean {
      return this.scriptId === env.script.scriptId && deploymentId === env.script.deploymentId;
    }
  }

  const statusOf = (task: QueuedTask): Record<string, unknown> => {
    if (task.type === 'CSV_IMPORT') return { taskId: task.taskId, status: task.status };
    const base = { taskId: task.taskId, scriptId: task.scriptId, deploymentId: task.deploymentId, status: task.status };
    if (task.type !== 'MAP_REDUCE') return base;
    const counted = (n: number) => (): number => {
      env.meter().charge('MapReduceScriptTaskStatus.count', 10);
      return n;
    };
    const result = task.result ?? {};
    return {
      ...base,
      stage: task.stage ?? null,
      getPercentageCompleted: counted(task.status === 'COMPLETE' ? 100 : 0),
      getPendingMapCount: counted(0),
      getPendingReduceCount: counted(0),
      getPendingOutputCount: counted(0),
      getTotalMapCount: counted(Number(result.mapInvocations ?? 0)),
      getTotalReduceCount: counted(Number(result.reduceInvocations ?? 0)),
      getTotalOutputCount: counted(Number(result.outputCount ?? 0)),
    };
  };

  return {
    TaskType: TASK_TYPES,
    TaskStatus: TASK_STATUS,
    MapReduceStage: MAP_REDUCE_STAGE,
    create(options: { taskType: string; scriptId?: string; deploymentId?: string; params?: Record<string, unknown>; mappingId?: string; importFile?: unknown; name?: string; queueId?: number }): unknown {
      const type = options?.taskType as TaskType | undefined;
      if (!type) throw nsError('SSS_MISSING_REQD_ARGUMENT', 'task.create: taskType is required');
      if (type === 'CSV_IMPORT') {
        const t = new CsvImportTask();
        if (options.mappingId !== undefined) t.mappingId = options.mappingId;
        if (options.importFile !== undefined) t.importFile = options.importFile;
        if (options.name !== undefined) t.name = options.name;
        if (options.queueId !== undefined) t.queueId = options.queueId;
        return t;
      }
      if (type === 'SCHEDULED_SCRIPT' || type === 'MAP_REDUCE') {
        const t = new ScriptTask(type);
        t.scriptId = options.scriptId ?? null;
        t.deploymentId = options.deploymentId ?? null;
        t.params = options.params ?? null;
        return t;
      }
      throw nsError('SSS_INVALID_TYPE_ARG', `task.create: the local runtime does not emulate ${type} tasks`);
    },
    checkStatus(options: { taskId: string } | string): Record<string, unknown> {
      const taskId = typeof options === 'string' ? options : options?.taskId;
      if (!taskId) throw nsError('SSS_MISSING_REQD_ARGUMENT', 'task.checkStatus: taskId is required');
      env.meter().chargeApi('task.checkStatus');
      return statusOf(findTask(taskId));
    },
  };
}
