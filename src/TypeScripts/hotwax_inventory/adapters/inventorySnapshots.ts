/**
 * Tracking of inventory snapshots across runs (custom record customrecord_hwx_inv_snapshot, one per snapshot):
 *   SEARCHING  -> the search task is submitted; its result file is in the work folder
 *   BUILT      -> HotWax's files (parts) are in the work folder; `uploaded` of them are in the SFTP staging folder
 *   PUBLISHING -> every part is staged; `moved` of them are in HotWax's folder (from here on it is completed)
 *   PUBLISHED | EMPTY -> terminal (EMPTY: the search found nothing, nothing was sent)
 *   FAILED     -> with Retry From (SEARCHING, BUILT or PUBLISHING): a run failed on it (SFTP down, wrong host key,
 *                 a name taken...); the next run goes on from that step. Without it: dropped, terminal.
 * The record is the cursor: a run that stops anywhere (governance, an SFTP error, a crash) leaves the next run
 * exactly where to go on. Custom record costs (NETSUITE.md 5): create 2, save 4, submitFields 2, search 10.
 */
import * as record from 'N/record';
import * as search from 'N/search';

export const SNAPSHOT_RECORD = 'customrecord_hwx_inv_snapshot';

export type SnapshotStatus = 'SEARCHING' | 'BUILT' | 'PUBLISHING' | 'PUBLISHED' | 'EMPTY' | 'FAILED';
/** The steps a snapshot is open in: the ones a failed run retries from. */
export type OpenStatus = 'SEARCHING' | 'BUILT' | 'PUBLISHING';
export const OPEN_STATUSES: readonly OpenStatus[] = ['SEARCHING', 'BUILT', 'PUBLISHING'];
export const isOpenStatus = (status: string): status is OpenStatus => (OPEN_STATUSES as readonly string[]).includes(status);

export interface InventorySnapshot {
  id: string;
  /** InventorySnapshot_<stamp>[_loc<id>]: every file of the snapshot starts with it. */
  name: string;
  /** 'all', or the one location's internal id. */
  scope: string;
  /** For a snapshot a run failed on (record status FAILED), the step the next run retries: see `failed`. */
  status: SnapshotStatus;
  /** The record says FAILED and the next run retries from `status` (the record's Retry From). */
  failed: boolean;
  /** When the snapshot was taken (ISO). */
  startedAt: string;
  taskId: string;
  resultFileId: number | null;
  manifestFileId: number | null;
  rows: number;
  items: number;
  locations: number;
  rejected: number;
  parts: number;
  uploaded: number;
  moved: number;
  /** SFTP paths of the published files. */
  files: string[];
  message: string;
}

const F = {
  status: 'custrecord_hwx_is_status',
  scope: 'custrecord_hwx_is_scope',
  startedAt: 'custrecord_hwx_is_started',
  taskId: 'custrecord_hwx_is_task_id',
  resultFile: 'custrecord_hwx_is_result_file',
  manifest: 'custrecord_hwx_is_manifest',
  rows: 'custrecord_hwx_is_rows',
  items: 'custrecord_hwx_is_items',
  locations: 'custrecord_hwx_is_locations',
  rejected: 'custrecord_hwx_is_rejected',
  parts: 'custrecord_hwx_is_parts',
  uploaded: 'custrecord_hwx_is_uploaded',
  moved: 'custrecord_hwx_is_moved',
  files: 'custrecord_hwx_is_files',
  message: 'custrecord_hwx_is_message',
  retryFrom: 'custrecord_hwx_is_retry_from',
} as const;

const str = (r: search.Result, name: string): string => {
  const v = r.getValue({ name });
  return v === null || v === undefined ? '' : String(v);
};
const num = (r: search.Result, name: string): number => Number(str(r, name) || 0);
const optionalNum = (r: search.Result, name: string): number | null => (str(r, name) === '' ? null : num(r, name));

function fromResult(r: search.Result): InventorySnapshot {
  const files = str(r, F.files);
  const recorded = str(r, F.status) as SnapshotStatus;
  const retryFrom = str(r, F.retryFrom);
  const failed = recorded === 'FAILED' && isOpenStatus(retryFrom);
  return {
    id: r.id,
    name: str(r, 'name'),
    scope: str(r, F.scope),
    status: failed ? retryFrom : recorded,
    failed,
    startedAt: str(r, F.startedAt),
    taskId: str(r, F.taskId),
    resultFileId: optionalNum(r, F.resultFile),
    manifestFileId: optionalNum(r, F.manifest),
    rows: num(r, F.rows),
    items: num(r, F.items),
    locations: num(r, F.locations),
    rejected: num(r, F.rejected),
    parts: num(r, F.parts),
    uploaded: num(r, F.uploaded),
    moved: num(r, F.moved),
    files: files === '' ? [] : files.split('\n'),
    message: str(r, F.message),
  };
}

/** Snapshots not finished yet, a failed one to retry included, oldest first (a handful at most: one per scope). */
export function findOpenSnapshots(): InventorySnapshot[] {
  const filters: unknown[] = [
    ['isinactive', 'is', 'F'],
    'AND',
    [[F.status, 'isnot', 'PUBLISHED'], 'AND', [F.status, 'isnot', 'EMPTY'], 'AND', [[F.status, 'isnot', 'FAILED'], 'OR', [F.retryFrom, 'isnotempty', '']]],
  ];
  return search
    .create({
      type: SNAPSHOT_RECORD,
      filters,
      columns: [search.createColumn({ name: 'internalid', sort: search.Sort.ASC }), search.createColumn({ name: 'name' }), ...Object.values(F).map((name) => search.createColumn({ name }))],
    })
    .run()
    .getRange({ start: 0, end: 1000 })
    .map(fromResult);
}

/** When the scope's most recent snapshot, whatever its status, was taken (ISO); undefined for a first one. */
export function lastStartOf(scope: string): string | undefined {
  const [latest] = search
    .create({ type: SNAPSHOT_RECORD, filters: [[F.scope, 'is', scope]], columns: [search.createColumn({ name: 'internalid', sort: search.Sort.DESC }), search.createColumn({ name: F.startedAt })] })
    .run()
    .getRange({ start: 0, end: 1 });
  return latest === undefined ? undefined : str(latest, F.startedAt);
}

export function createSnapshot(init: { name: string; scope: string; startedAt: string; taskId: string; resultFileId: number; message: string }): string {
  const rec = record.create({ type: SNAPSHOT_RECORD });
  rec.setValue({ fieldId: 'name', value: init.name });
  rec.setValue({ fieldId: F.status, value: 'SEARCHING' });
  rec.setValue({ fieldId: F.scope, value: init.scope });
  rec.setValue({ fieldId: F.startedAt, value: init.startedAt });
  rec.setValue({ fieldId: F.taskId, value: init.taskId });
  rec.setValue({ fieldId: F.resultFile, value: init.resultFileId });
  rec.setValue({ fieldId: F.message, value: init.message.slice(0, 3900) });
  return String(rec.save());
}

export type SnapshotUpdate = Partial<Pick<InventorySnapshot, 'status' | 'manifestFileId' | 'rows' | 'items' | 'locations' | 'rejected' | 'parts' | 'uploaded' | 'moved' | 'files' | 'message'>> & {
  /** With status FAILED: the step the next run retries from (omitted: dropped, never retried). */
  retryFrom?: OpenStatus;
};

/** Changes fields of the record; a new status always rewrites Retry From (empty unless `retryFrom` is given). */
export function updateSnapshot(id: string, update: SnapshotUpdate): void {
  const values: Record<string, string | number> = {};
  if (update.status !== undefined) {
    values[F.status] = update.status;
    values[F.retryFrom] = update.status === 'FAILED' ? (update.retryFrom ?? '') : '';
  }
  if (update.manifestFileId !== undefined && update.manifestFileId !== null) values[F.manifest] = update.manifestFileId;
  for (const key of ['rows', 'items', 'locations', 'rejected', 'parts', 'uploaded', 'moved'] as const) {
    const value = update[key];
    if (value !== undefined) values[F[key]] = value;
  }
  if (update.files !== undefined) values[F.files] = update.files.join('\n');
  if (update.message !== undefined) values[F.message] = update.message.slice(0, 3900);
  record.submitFields({ type: SNAPSHOT_RECORD, id, values });
}
