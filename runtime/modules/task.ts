// N/task (NETSUITE.md 2): tasks are QUEUED by submit() and run later, never inside submit().
//  - CSV_IMPORT: submit() costs 100 units and returns a task id; the job starts PENDING and runs when the
//    submitting script has ended (or on `ns-local tasks --run`). checkStatus() (0 units) returns only
//    {taskId, status}; a job whose rows fail still ends COMPLETE.
//  - SCHEDULED_SCRIPT / MAP_REDUCE: submit() costs 20 units; one unfinished instance per deployment
//    (MAP_REDUCE_ALREADY_RUNNING / FAILED_TO_SUBMIT_JOB_REQUEST_1); a script may resubmit its own deployment
//    (self-rescheduling), which runs after the current run ends.
//  - SEARCH (an asynchronous search: NetSuite runs a saved search and writes its results as a CSV file in the
//    File Cabinet). What it follows, from Oracle's help (SearchTask, SearchTaskStatus, addInboundDependency)
//    and the SuiteCloud unit-testing stubs [D] unless tagged:
//      savedSearchId: internal id or script id of a saved search [O: HotWax passes a script id];
//      fileId (an existing file) or filePath ('Folder/Sub/name.csv'): exactly one; setting both throws
//        UNSUPPORTED_COMBINATION_OF_PARAMETERS (help page; the stub names PROPERTY_VALUE_CONFLICT);
//      addInboundDependency(ScheduledScriptTask | MapReduceScriptTask | {taskType, scriptId, deploymentId?,
//        params?}): 0 units; the dependent script runs when the search task is complete; inboundDependencies
//        lists them as {"0": {type: 'task.ScheduledScriptTask', scriptId, deploymentId, params}} and submit()
//        adds each one's id;
//      submit(): 100 units; returns the task id; throws SSS_MISSING_REQD_ARGUMENT (no saved search, no file),
//        ASYNC_SEARCH_SEARCH_ID_NOT_FOUND, THAT_RECORD_DOES_NOT_EXIST (fileId), MUST_IDENTIFY_A_FILE (the path
//        names a folder), CANNOT_RESUBMIT_SUBMITTED_ASYNC_SEARCH_TASK, and for dependencies
//        ASYNC_SEARCH_SCRIPT_ID_NOT_FOUND, ASYNC_SEARCH_DEPENDENCY_SS|MR_INCORRECT_STATUS (deployment not
//        "Not Scheduled"), ASYNC_SEARCH_DEPENDENCY_SS|MR_ALREADY_SUBMITTED, ASYNC_SEARCH_DEPLOYMENT_FOR_DEPENDENCY
//        (no free deployment), ASYNC_SEARCH_MULTIPLE_DEPENDENCIES (the same script twice);
//      checkStatus(): 0 units; SearchTaskStatus {taskId, status, savedSearchId, fileId}.
//    The task is queued PENDING and run after the submitting script ends (runtime/engines/searchTask.ts writes
//    the file); [U] choices: fileId is known before completion only when it was given; dependents of a
//    FAILED search task do not run; a missing folder in filePath fails the task rather than submit().
import type { ExecutionEnv } from '../context';
import type { QueuedTask, TaskType } from '../account/types';
import { nsError } from './error';
import { NsFile } from './file';
import { findSavedSearch } from './search';

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
      const params = stringParams(this.params);
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

  /** A dependent script of a search task, as the caller gave it, checked and resolved at submit(). */
  interface Dependency {
    taskType: 'SCHEDULED_SCRIPT' | 'MAP_REDUCE';
    scriptId: string;
    deploymentId: string | null;
    params: Record<string, unknown>;
    id?: string;
  }

  const stringParams = (params: Record<string, unknown> | null): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(params ?? {})) out[k] = v instanceof Date ? v.toISOString() : String(v);
    return out;
  };

  const unfinishedOn = (deploymentId: string): boolean =>
    account.tasks.some((t) => t.deploymentId === deploymentId && UNFINISHED.has(t.status)) || env.script.deploymentId === deploymentId;

  /** Picks and checks the deployment a search task's dependent script will run on (errors per SearchTask.submit). */
  const resolveDependency = (dep: Dependency): string => {
    const kind = dep.taskType === 'MAP_REDUCE' ? 'MR' : 'SS';
    const info = deps.scriptInfo(dep.scriptId);
    const expected = dep.taskType === 'MAP_REDUCE' ? 'mapreducescript' : 'scheduledscript';
    if (!info || info.objectType !== expected) throw nsError('ASYNC_SEARCH_SCRIPT_ID_NOT_FOUND', `No ${expected} with script id ${dep.scriptId}`);
    if (dep.deploymentId === null) {
      const free = info.deployments.find((d) => d.isDeployed && d.status === 'NOTSCHEDULED' && !unfinishedOn(d.scriptId));
      if (!free) throw nsError('ASYNC_SEARCH_DEPLOYMENT_FOR_DEPENDENCY', `No free Not Scheduled deployment of ${dep.scriptId} for the dependent script`);
      return free.scriptId;
    }
    const named = info.deployments.find((d) => d.scriptId === dep.deploymentId);
    if (!named || !named.isDeployed || named.status !== 'NOTSCHEDULED') {
      throw nsError(`ASYNC_SEARCH_DEPENDENCY_${kind}_INCORRECT_STATUS`, `The deployment ${dep.deploymentId} of ${dep.scriptId} must be deployed with status Not Scheduled${named ? ` (it is ${named.status})` : ' (it does not exist)'}`);
    }
    if (unfinishedOn(named.scriptId)) {
      throw nsError(`ASYNC_SEARCH_DEPENDENCY_${kind}_ALREADY_SUBMITTED`, `The dependent script ${dep.scriptId} on ${named.scriptId} is already submitted and has not finished`);
    }
    return named.scriptId;
  };

  const dependencyFrom = (value: unknown): Dependency => {
    const o = (value ?? {}) as { taskType?: unknown; scriptId?: unknown; deploymentId?: unknown; params?: unknown };
    if (o.taskType !== 'SCHEDULED_SCRIPT' && o.taskType !== 'MAP_REDUCE') {
      // Only scheduled and map/reduce scripts can depend on a search task [D]; the error code is [U].
      throw nsError('SSS_INVALID_TYPE_ARG', 'addInboundDependency: the dependent task must be a scheduled script or map/reduce script task');
    }
    if (typeof o.scriptId !== 'string' || o.scriptId === '') throw nsError('SSS_MISSING_REQD_ARGUMENT', 'addInboundDependency: scriptId is required');
    return {
      taskType: o.taskType,
      scriptId: o.scriptId,
      deploymentId: typeof o.deploymentId === 'string' && o.deploymentId !== '' ? o.deploymentId : null,
      params: typeof o.params === 'object' && o.params !== null ? { ...(o.params as Record<string, unknown>) } : {},
    };
  };

  const bothFiles = (): Error => nsError('UNSUPPORTED_COMBINATION_OF_PARAMETERS', 'SearchTask: set either fileId or filePath, not both');

  class SearchTask {
    readonly taskType = TASK_TYPES.SEARCH;
    savedSearchId: number | string | null = null;
    id: string | null = null;
    #fileId: number | null = null;
    #filePath: string | null = null;
    readonly #dependencies: Dependency[] = [];

    get fileId(): number | null {
      return this.#fileId;
    }

    set fileId(value: number | null) {
      if (value !== null && value !== undefined && this.#filePath !== null) throw bothFiles();
      this.#fileId = value ?? null;
    }

    get filePath(): string | null {
      return this.#filePath;
    }

    set filePath(value: string | null) {
      if (value !== null && value !== undefined && this.#fileId !== null) throw bothFiles();
      this.#filePath = value ?? null;
    }

    get inboundDependencies(): Record<string, Record<string, unknown>> {
      return Object.fromEntries(
        this.#dependencies.map((d, i) => [
          String(i),
          {
            type: d.taskType === 'MAP_REDUCE' ? 'task.MapReduceScriptTask' : 'task.ScheduledScriptTask',
            ...(d.id ? { id: d.id } : {}),
            scriptId: d.scriptId,
            deploymentId: d.deploymentId,
            params: { ...d.params },
          },
        ]),
      );
    }

    set inboundDependencies(_value: unknown) {
      throw nsError('READ_ONLY_PROPERTY', 'SearchTask.inboundDependencies is read-only');
    }

    addInboundDependency(dependency: unknown): void {
      this.#dependencies.push(dependencyFrom(dependency));
    }

    submit(): string {
      if (this.id !== null) throw nsError('CANNOT_RESUBMIT_SUBMITTED_ASYNC_SEARCH_TASK', `The search task ${this.id} was already submitted`);
      if (this.savedSearchId === null || this.savedSearchId === '') throw nsError('SSS_MISSING_REQD_ARGUMENT', 'SearchTask.submit: savedSearchId is required');
      if (this.#fileId === null && (this.#filePath === null || this.#filePath === '')) throw nsError('SSS_MISSING_REQD_ARGUMENT', 'SearchTask.submit: set fileId or filePath');
      env.meter().chargeApi('task.SearchTask.submit');
      const saved = findSavedSearch(account, this.savedSearchId);
      if (!saved) throw nsError('ASYNC_SEARCH_SEARCH_ID_NOT_FOUND', `The saved search ${String(this.savedSearchId)} was not found`);
      if (this.#fileId !== null && !account.getFile(Number(this.#fileId))) throw nsError('THAT_RECORD_DOES_NOT_EXIST', `That record does not exist: file ${this.#fileId}`);
      if (this.#filePath !== null && (this.#filePath.endsWith('/') || account.folderByPath(this.#filePath) !== undefined)) {
        throw nsError('MUST_IDENTIFY_A_FILE', `The path ${this.#filePath} names a folder, not a file`);
      }
      const scripts = this.#dependencies.map((d) => d.scriptId);
      if (new Set(scripts).size !== scripts.length) throw nsError('ASYNC_SEARCH_MULTIPLE_DEPENDENCIES', `A script is added twice as a dependency: ${scripts.join(', ')}`);
      const deployments = this.#dependencies.map(resolveDependency);
      const submittedBy = `${env.script.scriptId}/${env.script.deploymentId}`;
      this.id = env.tasks.enqueue({
        type: 'SEARCH',
        submittedBy,
        savedSearchId: String(saved.id),
        ...(this.#fileId !== null ? { fileId: Number(this.#fileId) } : { filePath: String(this.#filePath) }),
      });
      this.#dependencies.forEach((d, i) => {
        const deploymentId = deployments[i] ?? '';
        d.deploymentId = deploymentId;
        d.id = env.tasks.enqueue({ type: d.taskType, submittedBy, scriptId: d.scriptId, deploymentId, params: stringParams(d.params), dependsOn: this.id ?? '' });
      });
      return this.id;
    }

    toString(): string {
      return 'task.SearchTask';
    }

    toJSON(): Record<string, unknown> {
      return { id: this.id, savedSearchId: this.savedSearchId, fileId: this.#fileId, filePath: this.#filePath, inboundDependencies: this.inboundDependencies };
    }
  }

  const statusOf = (task: QueuedTask): Record<string, unknown> => {
    if (task.type === 'CSV_IMPORT') return { taskId: task.taskId, status: task.status };
    if (task.type === 'SEARCH') return { taskId: task.taskId, status: task.status, savedSearchId: Number(task.savedSearchId), fileId: task.fileId ?? null };
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
    create(options: {
      taskType: string;
      scriptId?: string;
      deploymentId?: string;
      params?: Record<string, unknown>;
      mappingId?: string;
      importFile?: unknown;
      name?: string;
      queueId?: number;
      savedSearchId?: number | string;
      fileId?: number;
      filePath?: string;
    }): unknown {
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
      if (type === 'SEARCH') {
        const t = new SearchTask();
        if (options.savedSearchId !== undefined) t.savedSearchId = options.savedSearchId;
        if (options.fileId !== undefined) t.fileId = options.fileId;
        if (options.filePath !== undefined) t.filePath = options.filePath;
        return t;
      }
      if (type === 'SCHEDULED_SCRIPT' || type === 'MAP_REDUCE') {
        const t = new ScriptTask(type);
        t.scriptId = options.scriptId ?? null;
        t.deploymentId = options.deploymentId ?? null;
        t.params = options.params ?? null;
        return t;
      }
      throw nsError('SSS_INVALID_TYPE_ARG', `task.create: the local runtime does not emulate ${String(options.taskType)} tasks`);
    },
    checkStatus(options: { taskId: string } | string): Record<string, unknown> {
      const taskId = typeof options === 'string' ? options : options?.taskId;
      if (!taskId) throw nsError('SSS_MISSING_REQD_ARGUMENT', 'task.checkStatus: taskId is required');
      env.meter().chargeApi('task.checkStatus');
      return statusOf(findTask(taskId));
    },
  };
}
