// The local runtime runs compiled SuiteScript files as NetSuite would. These tests use a small fixture
// SDF project (__tests__/fixtures/runtime-project) of hand-written AMD scripts.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { initAccount } from '../../../runtime/account/fixture';
import type { Account } from '../../../runtime/account/account';
import { runScript } from '../../../runtime/engines/scriptRunner';

const PROJECT = path.join(__dirname, '..', '..', 'fixtures', 'runtime-project');

let dir: string;
let account: Account;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ns-runner-'));
  account = initAccount(path.join(dir, 'account'), {
    subsidiaries: [{ id: 1, name: 'Sub' }],
    accounts: [{ id: 927, name: 'Shrinkage' }],
    locations: [{ id: 254, name: 'Store', subsidiary: 1, type: 'store' }],
    items: [{ id: 3412, itemid: 'SKU-1' }],
  });
});

afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const auditDetails = (logs: { title: string; details: string }[], title: string): string => logs.find((l) => l.title === title)?.details ?? '';

describe('N/task CSV import (NETSUITE.md 2.1: jobs are queued and run later, never inside submit())', () => {
  it('a script that polls its CSV import right after submit() only ever sees PENDING, and the job runs after the script ends', async () => {
    const summary = await runScript({ account, projectFolder: PROJECT, scriptId: 'customscript_t_naive' });
    expect(summary.status).toBe('COMPLETE');
    const statuses = auditDetails(summary.logs, 'statuses').split(',');
    expect(statuses).toHaveLength(20);
    expect(new Set(statuses)).toEqual(new Set(['PENDING']));
    // The job ran once the script had ended: the adjustment exists now, not during the run.
    expect(summary.taskRuns.map((t) => [t.type, t.status])).toEqual([['CSV_IMPORT', 'COMPLETE']]);
    expect(account.listRecords('inventoryadjustment')).toHaveLength(1);
    expect(account.onHand('3412', '254')).toBe(5);
  });

  it('leaves the job PENDING when tasks are not run (ns-local run --no-tasks)', async () => {
    const summary = await runScript({ account, projectFolder: PROJECT, scriptId: 'customscript_t_naive', runTasks: false });
    expect(summary.tasks.map((t) => t.status)).toEqual(['PENDING']);
    expect(account.listRecords('inventoryadjustment')).toHaveLength(0);
  });

  it('charges 100 units per CSV import submit (NETSUITE.md 5)', async () => {
    const summary = await runScript({ account, projectFolder: PROJECT, scriptId: 'customscript_t_naive', runTasks: false });
    expect(summary.usageByApi['task.CsvImportTask.submit']).toEqual({ calls: 1, units: 100 });
    expect(summary.usage.execute?.units).toBe(100);
  });
});

describe('governance (NETSUITE.md 5: 10,000 units per scheduled run, SSS_USAGE_LIMIT_EXCEEDED ends it)', () => {
  it('stops a scheduled script that loads records past its budget with SSS_USAGE_LIMIT_EXCEEDED', async () => {
    const summary = await runScript({ account, projectFolder: PROJECT, scriptId: 'customscript_t_usage' });
    expect(summary.status).toBe('FAILED');
    expect(summary.errors[0]?.name).toBe('SSS_USAGE_LIMIT_EXCEEDED');
    // location is an "other" record: 5 units per load, so 2,000 loads fit in 10,000 units.
    expect(auditDetails(summary.logs, 'loads')).toBe('2000 remaining 0');
  });

  it('a script that catches SSS_USAGE_LIMIT_EXCEEDED cannot keep spending, and its run still fails (the limit ends the invocation)', async () => {
    const summary = await runScript({ account, projectFolder: PROJECT, scriptId: 'customscript_t_usage_caught' });
    expect(auditDetails(summary.logs, 'caught')).toBe('2000 then 0 SSS_USAGE_LIMIT_EXCEEDED');
    expect(summary.status).toBe('FAILED');
    expect(summary.errors.map((e) => e.name)).toEqual(['SSS_USAGE_LIMIT_EXCEEDED']);
  });
});

describe('loader', () => {
  it('refuses a file whose @NScriptType does not match its script object', async () => {
    await expect(runScript({ account, projectFolder: PROJECT, scriptId: 'customscript_t_wrongtype' })).rejects.toThrow(/MapReduceScript.*scheduledscript/);
  });
});

describe('scheduled scripts resubmitting themselves (NETSUITE.md 2.4)', () => {
  it('runs each resubmission after the current run ends, with typed params, and returns no task id to the script', async () => {
    const summary = await runScript({ account, projectFolder: PROJECT, scriptId: 'customscript_t_resched' });
    const runs = [summary, ...summary.taskRuns.map((t) => t.run!)];
    const cursors = runs.map((r) => JSON.parse(auditDetails(r.logs, 'cursor')) as { cursor: number; type: string; flag: boolean; invocation: string });
    expect(cursors.map((c) => c.cursor)).toEqual([0, 1, 2, 3]);
    expect(cursors.every((c) => c.type === 'number' && c.flag === true)).toBe(true);
    expect(cursors.map((c) => c.invocation)).toEqual(['SCHEDULED', 'ON_DEMAND', 'ON_DEMAND', 'ON_DEMAND']);
    expect(auditDetails(summary.logs, 'resubmitted')).toBe('null');
  });
});

describe('Map/Reduce (NETSUITE.md 6.2)', () => {
  it('maps, shuffles by key, reduces string values, retries a failing key and reports it in summarize', async () => {
    const summary = await runScript({ account, projectFolder: PROJECT, scriptId: 'customscript_t_mr' });
    const result = JSON.parse(auditDetails(summary.logs, 'summary')) as { out: Record<string, string>; errors: string[] };
    expect(result.out).toEqual({ a: '4', b: '2' });
    // retryCount 1: the failing key runs twice and both errors are in the iterator.
    expect(result.errors).toEqual(['3:Error:1', '3:Error:2']);
    expect(summary.usage.map?.invocations).toBe(5);
    expect(summary.usage.map?.limitPerInvocation).toBe(1000);
    expect(summary.usage.reduce?.invocations).toBe(2);
  });

  it('does not share module state between invocations (each map() sees a fresh module)', async () => {
    const summary = await runScript({ account, projectFolder: PROJECT, scriptId: 'customscript_t_mr' });
    expect(summary.logs.filter((l) => l.title === 'seen').map((l) => l.details)).toEqual(['0', '0', '0', '0', '0']);
  });

  it('can be told to keep module state, to show what code relying on it would see', async () => {
    account.settings.reloadModulesPerInvocation = false;
    const summary = await runScript({ account, projectFolder: PROJECT, scriptId: 'customscript_t_mr' });
    expect(summary.logs.filter((l) => l.title === 'seen').map((l) => l.details)).toEqual(['0', '1', '2', '3', '4']);
  });

  it('re-runs an invocation interrupted by a server restart with isRestarted, keeping its record writes', async () => {
    const summary = await runScript({ account, projectFolder: PROJECT, scriptId: 'customscript_t_mr', restart: { stage: 'map', afterInvocations: 1 } });
    const result = JSON.parse(auditDetails(summary.logs, 'summary')) as { out: Record<string, string>; errors: string[] };
    // Output is still correct: the interrupted invocation's writes were discarded, then it ran again.
    expect(result.out).toEqual({ a: '4', b: '2' });
    expect(result.errors[0]).toBe('1:SSS_APP_SERVER_RESTART:1');
    // The pair touched the location twice: side effects of an interrupted invocation are not rolled back.
    expect(summary.usage.map?.invocations).toBe(6);
  });
});
