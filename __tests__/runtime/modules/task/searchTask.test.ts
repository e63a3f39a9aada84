// N/task SEARCH tasks (asynchronous search to a CSV file), each test against the fact it follows. Sources:
// Oracle's help pages for SearchTask, SearchTask.submit(), .fileId, .filePath, .addInboundDependency(),
// .inboundDependencies and SearchTaskStatus, and the SuiteCloud unit-testing stubs (stubs/task/SearchTask.js).
// [U] marks the emulator's choice where neither says.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Account } from '../../../../runtime/account/account';
import { initAccount } from '../../../../runtime/account/fixture';
import { ChangeJournal, type ExecutionEnv } from '../../../../runtime/context';
import { GovernanceMeter } from '../../../../runtime/engines/governance';
import { accountTaskSink, runPendingTasks } from '../../../../runtime/engines/scriptRunner';
import { createSearchModule, type SearchModule } from '../../../../runtime/modules/search';
import { createTaskModule, type TaskModuleDeps } from '../../../../runtime/modules/task';
import { loadProjectObjects } from '../../../../runtime/objects';

const PROJECT = path.join(__dirname, '..', '..', '..', 'fixtures', 'runtime-project');
const NOW = new Date('2026-11-23T06:00:00Z');

interface SearchTaskObject {
  savedSearchId: number | string | null;
  fileId: number | null;
  filePath: string | null;
  id: string | null;
  inboundDependencies: Record<string, Record<string, unknown>>;
  addInboundDependency(dep: unknown): void;
  submit(): string;
}

interface TaskModule {
  TaskType: Record<string, string>;
  create(options: Record<string, unknown>): unknown;
  checkStatus(options: { taskId: string } | string): Record<string, unknown>;
}

let dir: string;
let account: Account;
let meter: GovernanceMeter;
let task: TaskModule;
let search: SearchModule;

const objects = loadProjectObjects(PROJECT);
const projectDeps: TaskModuleDeps = {
  csvImportExists: () => false,
  scriptInfo: (scriptId) => {
    const s = objects.scripts.find((x) => x.scriptId === scriptId);
    return s && { objectType: s.objectType, deployments: s.deployments.map((d) => ({ scriptId: d.scriptId, status: d.status, isDeployed: d.isDeployed })) };
  },
};

function makeModules(deps: TaskModuleDeps = projectDeps): void {
  meter = new GovernanceMeter(10_000);
  const env: ExecutionEnv = {
    account,
    projectFolder: PROJECT,
    script: { scriptId: 'customscript_t_usage', deploymentId: 'customdeploy_t_usage', objectType: 'scheduledscript', params: {}, logLevel: 'DEBUG', invocationType: 'SCHEDULED' },
    executionContext: 'SCHEDULED',
    executionId: 'x1',
    meter: () => meter,
    journal: new ChangeJournal(),
    tasks: accountTaskSink(account, () => NOW),
    now: () => NOW,
  };
  task = createTaskModule(env, deps) as unknown as TaskModule;
  search = createSearchModule(env, { projectObjects: null });
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ns-searchtask-'));
  account = initAccount(path.join(dir, 'account'), {
    folders: ['/Work/exports'],
    subsidiaries: [{ id: 1, name: 'Sub' }],
    locations: [
      { id: 21, name: 'Warehouse, East', subsidiary: 1, type: 'warehouse' },
      { id: 22, name: 'Store 2', subsidiary: 1, type: 'store' },
    ],
    items: [
      { id: 10, itemid: 'TEE-RED' },
      { id: 11, itemid: 'TEE "BLUE"' },
    ],
    inventory: [
      { item: 10, location: 21, onHand: 5 },
      { item: 10, location: 22, onHand: -2 },
      { item: 11, location: 22, onHand: 1.5 },
    ],
  });
  makeModules();
  const s = search.create({
    type: 'item',
    filters: [['isinactive', 'is', 'F']],
    columns: [
      search.createColumn({ name: 'internalid', label: 'Item Id', sort: 'ASC' }),
      search.createColumn({ name: 'itemid', label: 'Name' }),
      search.createColumn({ name: 'inventorylocation', label: 'Location', sort: 'ASC' }),
      search.createColumn({ name: 'locationquantityonhand', label: 'On Hand' }),
      search.createColumn({ name: 'isinactive' }),
    ],
  });
  s.title = 'Stock by location';
  s.id = 'customsearch_t_stock';
  s.save();
  meter = new GovernanceMeter(10_000);
});

afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const thrown = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    return String((err as { name?: unknown }).name);
  }
  throw new Error('expected an error');
};

const newTask = (options: Record<string, unknown> = {}): SearchTaskObject => task.create({ taskType: task.TaskType.SEARCH, ...options }) as SearchTaskObject;
const readCsv = (fileId: number): string => new TextDecoder().decode(account.readFile(fileId));

describe('SearchTask.submit() queues the search; it runs after the script, never inside submit()', () => {
  it('costs 100 units, returns a task id that checkStatus (0 units) reports PENDING until NetSuite has run it', async () => {
    const t = newTask({ savedSearchId: 'customsearch_t_stock', filePath: 'Work/exports/stock.csv' });
    const id = t.submit();
    expect(meter.usage).toBe(100);
    expect(t.id).toBe(id);
    const saved = account.listRecords('savedsearch')[0];
    // SearchTaskStatus: taskId, status, savedSearchId, fileId [D]; no file id before the file exists [U].
    expect(task.checkStatus({ taskId: id })).toEqual({ taskId: id, status: 'PENDING', savedSearchId: saved?.id, fileId: null });
    expect(meter.usage).toBe(100);
    expect(account.folderByPath('/Work/exports') && account.findFile(account.folderByPath('/Work/exports') ?? 0, 'stock.csv')).toBeUndefined();

    const reports = await runPendingTasks({ account, projectFolder: PROJECT, objects, now: () => NOW });
    expect(reports.map((r) => [r.type, r.status])).toEqual([['SEARCH', 'COMPLETE']]);
    const status = task.checkStatus(id);
    expect(status.status).toBe('COMPLETE');
    const file = account.getFile(Number(status.fileId));
    expect(file?.name).toBe('stock.csv');
    expect(account.folderPath(file?.folder ?? 0)).toBe('/Work/exports');
  });

  it('writes a header of column labels and one row per item x location, with display text for list fields [U: value forms]', async () => {
    const id = newTask({ savedSearchId: 'customsearch_t_stock', filePath: '/Work/exports/stock.csv' }).submit();
    await runPendingTasks({ account, projectFolder: PROJECT, objects, now: () => NOW });
    const csv = readCsv(Number(task.checkStatus(id).fileId));
    expect(csv.split('\r\n')).toEqual([
      // A column without a label gets its field id [U: NetSuite writes the field's UI label].
      'Item Id,Name,Location,On Hand,isinactive',
      // Sorted by item, then by the location's name (a list column sorts by its text).
      '10,TEE-RED,Store 2,-2,No',
      '10,TEE-RED,"Warehouse, East",5,No',
      '11,"TEE ""BLUE""",Store 2,1.5,No',
      '11,"TEE ""BLUE""","Warehouse, East",0,No',
      '',
    ]);
  });

  it('quotes every value when the account says so [U: searchTaskCsvQuoteAll]', async () => {
    account.settings.searchTaskCsvQuoteAll = true;
    const id = newTask({ savedSearchId: 'customsearch_t_stock', filePath: 'Work/exports/stock.csv' }).submit();
    await runPendingTasks({ account, projectFolder: PROJECT, objects, now: () => NOW });
    expect(readCsv(Number(task.checkStatus(id).fileId)).split('\r\n')[2]).toBe('"10","TEE-RED","Warehouse, East","5","No"');
  });

  it('accepts the internal id of the saved search as well as its script id', async () => {
    const saved = account.listRecords('savedsearch')[0];
    const id = newTask({ savedSearchId: saved?.id, filePath: 'Work/exports/by-id.csv' }).submit();
    await runPendingTasks({ account, projectFolder: PROJECT, objects, now: () => NOW });
    expect(task.checkStatus(id).status).toBe('COMPLETE');
  });

  it('with fileId, writes into that file: same id, name and folder, new content [U]', async () => {
    const folder = account.folderByPath('/Work/exports') ?? 0;
    const placeholder = account.saveFile({ name: 'placeholder.csv', folder, fileType: 'CSV', encoding: 'UTF-8', description: '' }, new TextEncoder().encode('old'));
    const id = newTask({ savedSearchId: 'customsearch_t_stock', fileId: placeholder.id }).submit();
    expect(task.checkStatus(id).fileId).toBe(placeholder.id);
    await runPendingTasks({ account, projectFolder: PROJECT, objects, now: () => NOW });
    expect(task.checkStatus(id).fileId).toBe(placeholder.id);
    expect(readCsv(placeholder.id)).toMatch(/^Item Id,Name,/);
    expect(account.listFiles(folder)).toHaveLength(1);
  });

  it('replaces a file of the same name at filePath and keeps its id [U]', async () => {
    const folder = account.folderByPath('/Work/exports') ?? 0;
    const before = account.saveFile({ name: 'stock.csv', folder, fileType: 'CSV', encoding: 'UTF-8', description: '' }, new TextEncoder().encode('yesterday'));
    const id = newTask({ savedSearchId: 'customsearch_t_stock', filePath: 'Work/exports/stock.csv' }).submit();
    await runPendingTasks({ account, projectFolder: PROJECT, objects, now: () => NOW });
    expect(task.checkStatus(id).fileId).toBe(before.id);
    expect(readCsv(before.id)).not.toContain('yesterday');
  });

  it('fails the task when the folder of filePath does not exist [U]', async () => {
    const id = newTask({ savedSearchId: 'customsearch_t_stock', filePath: 'Nowhere/stock.csv' }).submit();
    const [report] = await runPendingTasks({ account, projectFolder: PROJECT, objects, now: () => NOW });
    expect(report?.status).toBe('FAILED');
    expect(task.checkStatus(id)).toMatchObject({ status: 'FAILED', fileId: null });
  });

  it('runs the saved search as it is when the task runs, whatever the size (no 4,000-result cap, no script units)', async () => {
    const id = newTask({ savedSearchId: 'customsearch_t_stock', filePath: 'Work/exports/bulk.csv' }).submit();
    // Items created after submit() are in the file: the search runs when the task runs [U].
    for (let i = 0; i < 2100; i++) account.insertRecord('inventoryitem', { itemid: `BULK-${i}`, isinactive: false, itemtype: 'InvtPart' });
    await runPendingTasks({ account, projectFolder: PROJECT, objects, now: () => NOW });
    expect(readCsv(Number(task.checkStatus(id).fileId)).trim().split('\r\n')).toHaveLength(1 + 2102 * 2);
    expect(meter.usage).toBe(100);
  });
});

describe('SearchTask errors (SearchTask.submit(), .fileId and .filePath help pages)', () => {
  it('setting both fileId and filePath throws UNSUPPORTED_COMBINATION_OF_PARAMETERS', () => {
    const t = newTask({ savedSearchId: 'customsearch_t_stock', filePath: 'Work/exports/a.csv' });
    expect(thrown(() => (t.fileId = 5))).toBe('UNSUPPORTED_COMBINATION_OF_PARAMETERS');
    expect(thrown(() => newTask({ fileId: 5, filePath: 'Work/exports/a.csv' }))).toBe('UNSUPPORTED_COMBINATION_OF_PARAMETERS');
  });

  it('a missing saved search or file throws SSS_MISSING_REQD_ARGUMENT, before any units are charged', () => {
    expect(thrown(() => newTask({ filePath: 'Work/exports/a.csv' }).submit())).toBe('SSS_MISSING_REQD_ARGUMENT');
    expect(thrown(() => newTask({ savedSearchId: 'customsearch_t_stock' }).submit())).toBe('SSS_MISSING_REQD_ARGUMENT');
    expect(meter.usage).toBe(0);
  });

  it('an unknown saved search throws ASYNC_SEARCH_SEARCH_ID_NOT_FOUND; an unknown fileId THAT_RECORD_DOES_NOT_EXIST; a folder path MUST_IDENTIFY_A_FILE', () => {
    expect(thrown(() => newTask({ savedSearchId: 'customsearch_nope', filePath: 'Work/exports/a.csv' }).submit())).toBe('ASYNC_SEARCH_SEARCH_ID_NOT_FOUND');
    expect(thrown(() => newTask({ savedSearchId: 'customsearch_t_stock', fileId: 987654 }).submit())).toBe('THAT_RECORD_DOES_NOT_EXIST');
    expect(thrown(() => newTask({ savedSearchId: 'customsearch_t_stock', filePath: 'Work/exports' }).submit())).toBe('MUST_IDENTIFY_A_FILE');
    expect(account.tasks).toHaveLength(0);
  });

  it('a task object submitted once cannot be submitted again (CANNOT_RESUBMIT_SUBMITTED_ASYNC_SEARCH_TASK)', () => {
    const t = newTask({ savedSearchId: 'customsearch_t_stock', filePath: 'Work/exports/a.csv' });
    t.submit();
    expect(thrown(() => t.submit())).toBe('CANNOT_RESUBMIT_SUBMITTED_ASYNC_SEARCH_TASK');
  });
});

describe('SearchTask.addInboundDependency(): dependent scripts run when the search task is complete', () => {
  const dependency = { taskType: 'SCHEDULED_SCRIPT', scriptId: 'customscript_t_resched', deploymentId: 'customdeploy_t_resched', params: { custscript_t_cursor: 3 } };

  it('lists the dependency (0 units), adds its id on submit, and runs the script after the search with the given params', async () => {
    const t = newTask({ savedSearchId: 'customsearch_t_stock', filePath: 'Work/exports/a.csv' });
    t.addInboundDependency(task.create(dependency));
    expect(meter.usage).toBe(0);
    expect(t.inboundDependencies).toEqual({ '0': { type: 'task.ScheduledScriptTask', scriptId: 'customscript_t_resched', deploymentId: 'customdeploy_t_resched', params: { custscript_t_cursor: 3 } } });
    expect(thrown(() => (t.inboundDependencies = {}))).toBe('READ_ONLY_PROPERTY');
    const id = t.submit();
    const dependentId = t.inboundDependencies['0']?.id;
    expect(typeof dependentId).toBe('string');

    const reports = await runPendingTasks({ account, projectFolder: PROJECT, objects, now: () => NOW });
    expect(reports.map((r) => [r.taskId, r.type, r.status])).toEqual([
      [id, 'SEARCH', 'COMPLETE'],
      [dependentId, 'SCHEDULED_SCRIPT', 'COMPLETE'],
    ]);
    const logged = account.readLogs().find((l) => l.title === 'cursor');
    expect(JSON.parse(logged?.details ?? '{}')).toMatchObject({ cursor: 3 });
  });

  it('a plain {taskType, scriptId} object works too, and a free Not Scheduled deployment is picked', () => {
    const t = newTask({ savedSearchId: 'customsearch_t_stock', filePath: 'Work/exports/a.csv' });
    t.addInboundDependency({ taskType: 'SCHEDULED_SCRIPT', scriptId: 'customscript_t_resched' });
    t.submit();
    expect(t.inboundDependencies['0']).toMatchObject({ deploymentId: 'customdeploy_t_resched' });
  });

  it('does not run the dependent script when the search task fails [U]', async () => {
    const t = newTask({ savedSearchId: 'customsearch_t_stock', filePath: 'Nowhere/a.csv' });
    t.addInboundDependency(dependency);
    t.submit();
    const reports = await runPendingTasks({ account, projectFolder: PROJECT, objects, now: () => NOW });
    expect(reports.map((r) => [r.type, r.status, r.error?.name])).toEqual([
      ['SEARCH', 'FAILED', 'Error'],
      ['SCHEDULED_SCRIPT', 'FAILED', 'DEPENDENCY_FAILED'],
    ]);
    expect(account.readLogs().some((l) => l.title === 'cursor')).toBe(false);
  });

  it('refuses a dependency whose deployment is not Not Scheduled, is already queued, is unknown, or twice the same script', () => {
    makeModules({
      ...projectDeps,
      scriptInfo: (scriptId) =>
        scriptId === 'customscript_t_resched' ? { objectType: 'scheduledscript', deployments: [{ scriptId: 'customdeploy_t_resched', status: 'SCHEDULED', isDeployed: true }] } : projectDeps.scriptInfo(scriptId),
    });
    const submitWith = (...deps: unknown[]): string => {
      const t = newTask({ savedSearchId: 'customsearch_t_stock', filePath: 'Work/exports/a.csv' });
      for (const d of deps) t.addInboundDependency(d);
      return thrown(() => t.submit());
    };
    expect(submitWith(dependency)).toBe('ASYNC_SEARCH_DEPENDENCY_SS_INCORRECT_STATUS');
    expect(submitWith({ taskType: 'SCHEDULED_SCRIPT', scriptId: 'customscript_t_resched' })).toBe('ASYNC_SEARCH_DEPLOYMENT_FOR_DEPENDENCY');
    expect(submitWith({ taskType: 'SCHEDULED_SCRIPT', scriptId: 'customscript_nope' })).toBe('ASYNC_SEARCH_SCRIPT_ID_NOT_FOUND');
    expect(submitWith({ taskType: 'MAP_REDUCE', scriptId: 'customscript_t_naive' })).toBe('ASYNC_SEARCH_SCRIPT_ID_NOT_FOUND');
    const naive = { taskType: 'SCHEDULED_SCRIPT', scriptId: 'customscript_t_naive', deploymentId: 'customdeploy_t_naive' };
    expect(submitWith(naive, naive)).toBe('ASYNC_SEARCH_MULTIPLE_DEPENDENCIES');
    account.tasks.push({ taskId: 'busy', type: 'SCHEDULED_SCRIPT', status: 'PENDING', submitted: NOW.toISOString(), submittedBy: 'cli', scriptId: 'customscript_t_naive', deploymentId: 'customdeploy_t_naive' });
    expect(submitWith(naive)).toBe('ASYNC_SEARCH_DEPENDENCY_SS_ALREADY_SUBMITTED');
    // Nothing was queued by the refused submits: the search task is not queued without its dependents.
    expect(account.tasks.filter((t) => t.type === 'SEARCH')).toHaveLength(0);
  });
});
