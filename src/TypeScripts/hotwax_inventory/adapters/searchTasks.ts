/**
 * Asynchronous searches (N/task SEARCH, NETSUITE.md 2): NetSuite runs a saved search outside the script and
 * writes every result row to a CSV file in the File Cabinet, at 100 units whatever the size. HotWax measured
 * a million rows in 10-15 s this way, where a Map/Reduce took about two hours (HOTWAX.md).
 * A dependent script (addInboundDependency, 0 units) is queued by NetSuite when the search completes, so the
 * file is read right away instead of at the next scheduled run.
 */
import * as task from 'N/task';
import * as log from 'N/log';
import { describe, errorCode } from '../core/integrationError';

export type SearchTaskState = 'PENDING' | 'PROCESSING' | 'COMPLETE' | 'FAILED';

export interface DependentScript {
  scriptId: string;
  deploymentId: string;
  params: Record<string, string | number | boolean>;
}

export interface SubmittedSearch {
  taskId: string;
  /** False when the dependent script could not be queued (its deployment is busy): a later run reads the file. */
  dependentQueued: boolean;
}

function submit(savedSearchId: string, fileId: number, dependent?: DependentScript): string {
  const searchTask = task.create({ taskType: task.TaskType.SEARCH, savedSearchId, fileId });
  if (dependent) {
    searchTask.addInboundDependency(task.create({ taskType: task.TaskType.SCHEDULED_SCRIPT, scriptId: dependent.scriptId, deploymentId: dependent.deploymentId, params: dependent.params }));
  }
  return searchTask.submit();
}

/** Submits the search into `fileId` with a dependent script; without it when NetSuite refuses the dependency. */
export function submitSearchTask(savedSearchId: string, fileId: number, dependent?: DependentScript): SubmittedSearch {
  if (!dependent) return { taskId: submit(savedSearchId, fileId), dependentQueued: false };
  try {
    return { taskId: submit(savedSearchId, fileId, dependent), dependentQueued: true };
  } catch (err) {
    if (!errorCode(err).startsWith('ASYNC_SEARCH_DEPENDENCY_') && errorCode(err) !== 'ASYNC_SEARCH_DEPLOYMENT_FOR_DEPENDENCY') throw err;
    log.audit({ title: 'Search task submitted without its follow-up script', details: `${dependent.deploymentId}: ${describe(err)}; the next scheduled run reads the results.` });
    return { taskId: submit(savedSearchId, fileId), dependentQueued: false };
  }
}

export function searchTaskStatus(taskId: string): { status: SearchTaskState; fileId: number | null } {
  const status = task.checkStatus({ taskId }) as unknown as { status: string; fileId?: number | null };
  const fileId = status.fileId === undefined || status.fileId === null ? null : Number(status.fileId);
  return { status: String(status.status) as SearchTaskState, fileId };
}
