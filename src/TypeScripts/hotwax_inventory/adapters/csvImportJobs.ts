/**
 * NetSuite CSV import jobs, submitted with N/task (100 units per job, whatever its row count). The CSV is
 * passed as a string: CsvImportTask.importFile takes "a file.File object or a string that represents the CSV
 * text to be imported" (Oracle help, CsvImportTask.importFile, section_459367004393; NETSUITE.md 2.1), so no
 * File Cabinet file is saved (20 units) or loaded (10) for it. Jobs run asynchronously: submit() returns while
 * the job is PENDING, and a job whose rows fail still ends COMPLETE (NETSUITE.md 2.1): outcomes are verified
 * by searching, never assumed.
 */
import * as file from 'N/file';
import * as task from 'N/task';

export type JobStatus = 'PENDING' | 'PROCESSING' | 'COMPLETE' | 'FAILED';

/** Saves a job's CSV in the work folder and returns its File Cabinet id (20 units). */
export function saveJobCsv(folderId: number, name: string, csv: string): number {
  const f = file.create({ name, fileType: file.Type.CSV, contents: csv, folder: folderId, description: 'HotWax variance import job' });
  return f.save();
}

/** Submits a CSV import job for a CSV given as text, or as a saved file's id; returns the task id. */
export function submitCsvImport(mappingId: string, csv: string | number, jobName: string): string {
  const job = task.create({ taskType: task.TaskType.CSV_IMPORT });
  job.mappingId = mappingId;
  job.importFile = typeof csv === 'number' ? file.load({ id: csv }) : csv;
  job.name = jobName.slice(0, 200);
  return job.submit();
}

export function csvImportStatus(taskId: string): JobStatus {
  return String(task.checkStatus({ taskId }).status) as JobStatus;
}
