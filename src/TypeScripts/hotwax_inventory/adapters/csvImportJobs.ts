/**
 * NetSuite CSV import jobs: the job's CSV is kept in the File Cabinet (so a job can be resubmitted and
 * an accountant can see exactly what was sent), then submitted with N/task (100 units per job, whatever
 * its row count). Jobs run asynchronously: submit() returns while the job is PENDING, and a job whose
 * rows fail still ends COMPLETE (NETSUITE.md 2.1) — outcomes are verified by searching, never assumed.
 */
import * as file from 'N/file';
import * as task from 'N/task';

export type JobStatus = 'PENDING' | 'PROCESSING' | 'COMPLETE' | 'FAILED';

/** Saves a job's CSV in the work folder and returns its File Cabinet id. */
export function saveJobCsv(folderId: number, name: string, csv: string): number {
  const f = file.create({ name, fileType: file.Type.CSV, contents: csv, folder: folderId, description: 'HotWax variance import job' });
  return f.save();
}

/** Submits a CSV import job for a saved CSV; returns the task id. */
export function submitCsvImport(mappingId: string, csvFileId: number, jobName: string): string {
  const job = task.create({ taskType: task.TaskType.CSV_IMPORT });
  job.mappingId = mappingId;
  job.importFile = file.load({ id: csvFileId });
  job.name = jobName.slice(0, 200);
  return job.submit();
}

export function csvImportStatus(taskId: string): JobStatus {
  return String(task.checkStatus({ taskId }).status) as JobStatus;
}
