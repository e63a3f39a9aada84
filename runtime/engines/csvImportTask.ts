// Executes one queued CSV_IMPORT task: reads the job's CSV from the File Cabinet, applies the project's
// savedcsvimport mapping (runtime/engines/csvImport.ts), keeps a results file like NetSuite's
// "View CSV Import Status" download, and ends COMPLETE (even with failed rows) or FAILED.
import type { Account } from '../account/account';
import { ChangeJournal, type ExecutionEnv } from '../context';
import type { QueuedTask } from '../account/types';
import { GovernanceMeter } from './governance';
import { runCsvImport } from './csvImport';
import type { ProjectObjects } from '../objects';
import { describeError } from './execution';

export const CSV_RESULTS_FOLDER = '/ns-local/csv-import-results';

const utf8 = new TextDecoder('utf-8');

/**
 * The environment of work NetSuite does outside any script (a CSV import job, a search task): no script
 * units are charged, nothing can be queued from it.
 */
export function backgroundTaskEnv(account: Account, projectFolder: string, task: QueuedTask, now: () => Date, kind: 'csvimport' | 'searchtask', journal = new ChangeJournal()): ExecutionEnv {
  const meter = new GovernanceMeter(Number.MAX_SAFE_INTEGER);
  return {
    account,
    projectFolder,
    script: { scriptId: kind, deploymentId: task.taskId, objectType: kind, params: {}, logLevel: 'AUDIT', invocationType: kind.toUpperCase() },
    // Scripts triggered by an import run in the CSVIMPORT context; a search task triggers none, so nothing reads it there.
    executionContext: 'CSVIMPORT',
    executionId: task.taskId,
    meter: () => meter,
    journal,
    tasks: { enqueue: () => { throw new Error(`A ${kind} job cannot queue tasks`); } },
    now,
  };
}

export function runCsvImportTask(account: Account, projectFolder: string, objects: ProjectObjects, task: QueuedTask, now: () => Date): ChangeJournal {
  const journal = new ChangeJournal();
  const env = backgroundTaskEnv(account, projectFolder, task, now, 'csvimport', journal);
  try {
    const mapping = objects.csvImports.find((c) => c.scriptId === task.mappingId);
    if (!mapping) throw new Error(`The saved CSV import ${task.mappingId} no longer exists`);
    if (task.importFileId === undefined) throw new Error('The job has no import file');
    const csvText = utf8.decode(account.readFile(task.importFileId));
    const linkedFiles: Record<string, string> = {};
    for (const [sublist, id] of Object.entries(task.linkedFileIds ?? {})) linkedFiles[sublist] = utf8.decode(account.readFile(id));
    const result = runCsvImport(env, { mapping, csvText, linkedFiles, jobName: task.name ?? task.taskId });
    const folder = account.folderByPath(CSV_RESULTS_FOLDER, true);
    let resultsFileId: number | undefined;
    if (folder !== undefined) {
      resultsFileId = account.saveFile(
        { name: `${task.taskId}-results.csv`, folder, fileType: 'CSV', encoding: 'UTF-8', description: `Results of ${task.name ?? task.taskId}` },
        new TextEncoder().encode(result.resultsCsv),
      ).id;
    }
    task.status = result.status;
    task.result = {
      totalRows: result.totalRows,
      importedRows: result.importedRows,
      failedRows: result.failedRows,
      records: result.records,
      resultsFileId,
      warnings: result.warnings,
      ...(result.error ? { error: result.error } : {}),
    };
    if (result.status === 'FAILED') task.error = { name: 'CSV_IMPORT_FAILED', message: result.error ?? 'The import job failed' };
  } catch (err) {
    task.status = 'FAILED';
    task.error = describeError(err);
  }
  task.finished = now().toISOString();
  return journal;
}
