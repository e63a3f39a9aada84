/**
 * Tracking of every feed file across runs (custom record customrecord_hwx_feed_file): which file, which
 * CSV import jobs were submitted for it, where it is in its life, and where it ended.
 *   PLANNED   -> manifest saved, jobs being submitted
 *   SUBMITTED -> every job has a task id; waiting for NetSuite to run them
 *   VERIFIED  -> outcome known (applied / rejected rows); report and move still to do
 *   ARCHIVED | FAILED -> the file is in archive/ or failed/ (terminal)
 *   UNREADABLE -> an incoming entry that cannot be read (a folder, a link out of the SFTP root, no read
 *                 permission): left where it is, skipped while it stays unchanged (not terminal)
 * Outgoing files (the PO export) are recorded once they are on the SFTP server:
 *   UPLOADED  -> the file is in the flow's outgoing folder (terminal)
 */
import * as record from 'N/record';
import * as search from 'N/search';
import type { FilterExpression } from './pagedSearch';

export const FEED_FILE_RECORD = 'customrecord_hwx_feed_file';

export type FeedFileStatus = 'PLANNED' | 'SUBMITTED' | 'VERIFIED' | 'ARCHIVED' | 'FAILED' | 'UPLOADED' | 'UNREADABLE';
export const TERMINAL_STATUSES: readonly FeedFileStatus[] = ['ARCHIVED', 'FAILED'];

export interface TrackedJob {
  index: number;
  kind: 'adjustment' | 'transfer';
  /** File Cabinet id of the job's CSV, for flows that keep it there (the variance import rebuilds it instead). */
  csvFileId?: number;
  rows: number;
  taskId: string | null;
  attempts: number;
  /** Last known task status. */
  status: string;
}

export interface FeedFile {
  id: string;
  flow: string;
  fileName: string;
  fingerprint: string;
  status: FeedFileStatus;
  jobs: TrackedJob[];
  manifestFileId: number | null;
  /** The plan itself (JSON) when it fits on the record; else it is in the File Cabinet (manifestFileId). */
  plan: string;
  rows: number;
  counted: number;
  applied: number;
  rejected: number;
  skipped: number;
  errorReport: string;
  finalPath: string;
  message: string;
}

const F = {
  flow: 'custrecord_hwx_ff_flow',
  fileName: 'custrecord_hwx_ff_file_name',
  fingerprint: 'custrecord_hwx_ff_fingerprint',
  status: 'custrecord_hwx_ff_status',
  jobs: 'custrecord_hwx_ff_jobs',
  manifest: 'custrecord_hwx_ff_manifest',
  plan: 'custrecord_hwx_ff_plan',
  rows: 'custrecord_hwx_ff_rows',
  counted: 'custrecord_hwx_ff_counted',
  applied: 'custrecord_hwx_ff_applied',
  rejected: 'custrecord_hwx_ff_rejected',
  skipped: 'custrecord_hwx_ff_skipped',
  errorReport: 'custrecord_hwx_ff_error_report',
  finalPath: 'custrecord_hwx_ff_final_path',
  message: 'custrecord_hwx_ff_message',
} as const;

const str = (r: search.Result, name: string): string => {
  const v = r.getValue({ name });
  return v === null || v === undefined ? '' : String(v);
};
const num = (r: search.Result, name: string): number => Number(str(r, name) || 0);

function fromResult(r: search.Result): FeedFile {
  const jobsText = str(r, F.jobs);
  return {
    id: r.id,
    flow: str(r, F.flow),
    fileName: str(r, F.fileName),
    fingerprint: str(r, F.fingerprint),
    status: str(r, F.status) as FeedFileStatus,
    jobs: jobsText ? (JSON.parse(jobsText) as TrackedJob[]) : [],
    manifestFileId: str(r, F.manifest) ? num(r, F.manifest) : null,
    plan: str(r, F.plan),
    rows: num(r, F.rows),
    counted: num(r, F.counted),
    applied: num(r, F.applied),
    rejected: num(r, F.rejected),
    skipped: num(r, F.skipped),
    errorReport: str(r, F.errorReport),
    finalPath: str(r, F.finalPath),
    message: str(r, F.message),
  };
}

/** Files of this flow that have not reached archive/ or failed/ yet, oldest first. */
export function findOpenFeedFiles(flow: string): FeedFile[] {
  const filters: FilterExpression = [[F.flow, 'is', flow]];
  for (const status of TERMINAL_STATUSES) filters.push('AND', [F.status, 'isnot', status]);
  const found: FeedFile[] = [];
  const paged = search
    .create({
      type: FEED_FILE_RECORD,
      filters,
      columns: [search.createColumn({ name: 'internalid', sort: search.Sort.ASC }), ...Object.values(F).map((name) => search.createColumn({ name }))],
    })
    .runPaged({ pageSize: 1000 });
  paged.pageRanges.forEach((range) => {
    paged.fetch({ index: range.index }).data.forEach((r) => found.push(fromResult(r)));
  });
  return found;
}

/** The most recent record of a flow (highest internal id), whatever its status. */
export function findLatestFeedFile(flow: string): FeedFile | undefined {
  const [latest] = search
    .create({
      type: FEED_FILE_RECORD,
      filters: [[F.flow, 'is', flow]],
      columns: [search.createColumn({ name: 'internalid', sort: search.Sort.DESC }), ...Object.values(F).map((name) => search.createColumn({ name }))],
    })
    .run()
    .getRange({ start: 0, end: 1 });
  return latest === undefined ? undefined : fromResult(latest);
}

export interface NewFeedFile {
  flow: string;
  fileName: string;
  fingerprint: string;
  /** Optional: flows that keep no plan manifest (PO receipts) leave the field empty. */
  manifestFileId?: number;
  /** The plan's JSON, when it is kept on the record (Long Text: at most 1,000,000 characters). */
  plan?: string;
  rows: number;
  skipped: number;
  counted?: number;
  rejected?: number;
  errorReport?: string;
  jobs: TrackedJob[];
  /** PLANNED unless given: an outgoing file is recorded once it is UPLOADED. */
  status?: FeedFileStatus;
  applied?: number;
  finalPath?: string;
  message?: string;
}

export function createFeedFile(init: NewFeedFile): string {
  const rec = record.create({ type: FEED_FILE_RECORD });
  rec.setValue({ fieldId: 'name', value: init.fileName.slice(0, 300) });
  rec.setValue({ fieldId: F.flow, value: init.flow });
  rec.setValue({ fieldId: F.fileName, value: init.fileName });
  rec.setValue({ fieldId: F.fingerprint, value: init.fingerprint });
  rec.setValue({ fieldId: F.status, value: init.status ?? 'PLANNED' });
  if (init.applied !== undefined) rec.setValue({ fieldId: F.applied, value: init.applied });
  if (init.finalPath !== undefined) rec.setValue({ fieldId: F.finalPath, value: init.finalPath });
  if (init.message !== undefined) rec.setValue({ fieldId: F.message, value: init.message.slice(0, 3900) });
  if (init.manifestFileId !== undefined) rec.setValue({ fieldId: F.manifest, value: init.manifestFileId });
  if (init.plan !== undefined) rec.setValue({ fieldId: F.plan, value: init.plan });
  if (init.counted !== undefined) rec.setValue({ fieldId: F.counted, value: init.counted });
  if (init.rejected !== undefined) rec.setValue({ fieldId: F.rejected, value: init.rejected });
  if (init.errorReport !== undefined) rec.setValue({ fieldId: F.errorReport, value: init.errorReport });
  rec.setValue({ fieldId: F.rows, value: init.rows });
  rec.setValue({ fieldId: F.skipped, value: init.skipped });
  rec.setValue({ fieldId: F.jobs, value: JSON.stringify(init.jobs) });
  return String(rec.save());
}

export interface FeedFileUpdate {
  status?: FeedFileStatus;
  jobs?: TrackedJob[];
  applied?: number;
  rejected?: number;
  skipped?: number;
  counted?: number;
  errorReport?: string;
  finalPath?: string;
  message?: string;
  /** Replaces the plan kept on the record (Long Text: at most 1,000,000 characters). */
  plan?: string;
}

/** The plan kept on a record, read from the record itself (record.load of a custom record: 2 units). */
export function loadFeedFilePlan(id: string): string {
  const v = record.load({ type: FEED_FILE_RECORD, id }).getValue({ fieldId: F.plan });
  return v === null || v === undefined ? '' : String(v);
}

export function updateFeedFile(id: string, update: FeedFileUpdate): void {
  const values: Record<string, string | number> = {};
  if (update.status !== undefined) values[F.status] = update.status;
  if (update.jobs !== undefined) values[F.jobs] = JSON.stringify(update.jobs);
  if (update.applied !== undefined) values[F.applied] = update.applied;
  if (update.rejected !== undefined) values[F.rejected] = update.rejected;
  if (update.skipped !== undefined) values[F.skipped] = update.skipped;
  if (update.counted !== undefined) values[F.counted] = update.counted;
  if (update.errorReport !== undefined) values[F.errorReport] = update.errorReport;
  if (update.finalPath !== undefined) values[F.finalPath] = update.finalPath;
  if (update.message !== undefined) values[F.message] = update.message.slice(0, 3900);
  if (update.plan !== undefined) values[F.plan] = update.plan;
  record.submitFields({ type: FEED_FILE_RECORD, id, values });
}
