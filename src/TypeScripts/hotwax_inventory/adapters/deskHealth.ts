/**
 * Reads and actions of the integration health desk (customscript_hwx_sl_integration_health): feed-file and
 * snapshot records (searches), error reports (one SFTP download each, 100 units), the scheduled deployments
 * (search and record.submitFields on 'scriptdeployment': Oracle help "Script Deployment", section_3753014009:
 * the record "can be created, copied, updated, deleted, and searched"; Status values SCHEDULED / NOTSCHEDULED
 * as in SDF's script_status [U: the record field ids status / isdeployed / scriptid]), and the action log
 * (customrecord_hwx_desk_action).
 */
import { SCRIPT_DEPLOYMENT } from './scriptDeployments';
import * as record from 'N/record';
import * as search from 'N/search';
import { forEachResult } from './pagedSearch';
import { FEED_FILE_RECORD } from './feedFiles';

export interface FeedFileRow {
  id: string;
  flow: string;
  fileName: string;
  status: string;
  rows: number;
  applied: number;
  rejected: number;
  skipped: number;
  errorReport: string;
  finalPath: string;
  message: string;
  created: string;
}

const FF = ['custrecord_hwx_ff_flow', 'custrecord_hwx_ff_file_name', 'custrecord_hwx_ff_status', 'custrecord_hwx_ff_rows', 'custrecord_hwx_ff_applied', 'custrecord_hwx_ff_rejected', 'custrecord_hwx_ff_skipped', 'custrecord_hwx_ff_error_report', 'custrecord_hwx_ff_final_path', 'custrecord_hwx_ff_message', 'created'];

const s = (r: search.Result, name: string): string => {
  const v = r.getValue({ name });
  return v === null || v === undefined ? '' : String(v);
};

function row(r: search.Result): FeedFileRow {
  return {
    id: r.id,
    flow: s(r, 'custrecord_hwx_ff_flow'),
    fileName: s(r, 'custrecord_hwx_ff_file_name'),
    status: s(r, 'custrecord_hwx_ff_status'),
    rows: Number(s(r, 'custrecord_hwx_ff_rows') || 0),
    applied: Number(s(r, 'custrecord_hwx_ff_applied') || 0),
    rejected: Number(s(r, 'custrecord_hwx_ff_rejected') || 0),
    skipped: Number(s(r, 'custrecord_hwx_ff_skipped') || 0),
    errorReport: s(r, 'custrecord_hwx_ff_error_report'),
    finalPath: s(r, 'custrecord_hwx_ff_final_path'),
    message: s(r, 'custrecord_hwx_ff_message'),
    created: s(r, 'created'),
  };
}

/** The latest feed-file records (newest first), at most 1,000 (one page, 10 units). */
export function latestFeedFiles(): FeedFileRow[] {
  return search
    .create({ type: FEED_FILE_RECORD, filters: [], columns: [search.createColumn({ name: 'internalid', sort: search.Sort.DESC }), ...FF] })
    .run()
    .getRange({ start: 0, end: 1000 })
    .map(row);
}

/** Count of feed files per flow and status (grouped search). */
export function feedFileCounts(): { flow: string; status: string; count: number }[] {
  const out: { flow: string; status: string; count: number }[] = [];
  forEachResult(
    search.create({ type: FEED_FILE_RECORD, filters: [], columns: [search.createColumn({ name: 'custrecord_hwx_ff_flow', summary: search.Summary.GROUP }), search.createColumn({ name: 'custrecord_hwx_ff_status', summary: search.Summary.GROUP }), search.createColumn({ name: 'internalid', summary: search.Summary.COUNT })] }),
    (r) => out.push({ flow: String(r.getValue({ name: 'custrecord_hwx_ff_flow', summary: search.Summary.GROUP }) ?? ''), status: String(r.getValue({ name: 'custrecord_hwx_ff_status', summary: search.Summary.GROUP }) ?? ''), count: Number(r.getValue({ name: 'internalid', summary: search.Summary.COUNT }) ?? 0) }),
  );
  return out;
}

export function feedFile(id: string): FeedFileRow | undefined {
  if (!/^\d+$/.test(id)) return undefined;
  const [r] = search.create({ type: FEED_FILE_RECORD, filters: [['internalid', 'anyof', [id]]], columns: FF }).run().getRange({ start: 0, end: 1 });
  return r ? row(r) : undefined;
}

export function markReprocessed(id: string, to: string, message: string): void {
  record.submitFields({ type: FEED_FILE_RECORD, id, values: { custrecord_hwx_ff_final_path: to, custrecord_hwx_ff_message: message.slice(0, 3900) } });
}

export { latestRuns, type RunRow } from './runLog';

export interface SnapshotRow {
  id: string;
  name: string;
  status: string;
  rows: number;
  message: string;
  started: string;
}

export function latestSnapshots(): SnapshotRow[] {
  return search
    .create({ type: 'customrecord_hwx_inv_snapshot', filters: [], columns: [
        search.createColumn({ name: 'internalid', sort: search.Sort.DESC }),
        'name',
        'custrecord_hwx_is_status',
        'custrecord_hwx_is_rows',
        'custrecord_hwx_is_message',
        'custrecord_hwx_is_started',
      ] })
    .run()
    .getRange({ start: 0, end: 5 })
    .map((r) => ({ id: r.id, name: s(r, 'name'), status: s(r, 'custrecord_hwx_is_status'), rows: Number(s(r, 'custrecord_hwx_is_rows') || 0), message: s(r, 'custrecord_hwx_is_message'), started: s(r, 'custrecord_hwx_is_started') }));
}

export interface DeploymentRow {
  id: string;
  scriptId: string;
  title: string;
  status: string;
  isDeployed: boolean;
}

export function deployments(scriptIds: readonly string[]): DeploymentRow[] {
  const out: DeploymentRow[] = [];
  forEachResult(search.create({ type: SCRIPT_DEPLOYMENT, filters: [], columns: ['scriptid', 'title', 'status', 'isdeployed'] }), (r) => {
    const scriptId = s(r, 'scriptid').toLowerCase();
    if (!scriptIds.includes(scriptId)) return;
    const dep = r.getValue({ name: 'isdeployed' });
    out.push({ id: r.id, scriptId, title: s(r, 'title'), status: s(r, 'status').toUpperCase(), isDeployed: dep === true || dep === 'T' });
  });
  return out;
}

export { setDeploymentStatus } from './scriptDeployments';

export interface ActionEntry {
  action: string;
  target: string;
  user: string;
  role: string;
  at: string;
  outcome: string;
  detail: string;
}

export function recordAction(entry: ActionEntry): string {
  const rec = record.create({ type: 'customrecord_hwx_desk_action' });
  rec.setValue({ fieldId: 'name', value: `${entry.action} ${entry.target}`.slice(0, 300) });
  rec.setValue({ fieldId: 'custrecord_hwx_da_action', value: entry.action });
  rec.setValue({ fieldId: 'custrecord_hwx_da_target', value: entry.target.slice(0, 300) });
  rec.setValue({ fieldId: 'custrecord_hwx_da_user', value: entry.user.slice(0, 300) });
  rec.setValue({ fieldId: 'custrecord_hwx_da_role', value: entry.role });
  rec.setValue({ fieldId: 'custrecord_hwx_da_at', value: entry.at });
  rec.setValue({ fieldId: 'custrecord_hwx_da_outcome', value: entry.outcome });
  rec.setValue({ fieldId: 'custrecord_hwx_da_detail', value: entry.detail.slice(0, 100_000) });
  return String(rec.save());
}

export function latestActions(): ActionEntry[] {
  return search
    .create({ type: 'customrecord_hwx_desk_action', filters: [], columns: [
        search.createColumn({ name: 'internalid', sort: search.Sort.DESC }),
        'custrecord_hwx_da_action',
        'custrecord_hwx_da_target',
        'custrecord_hwx_da_user',
        'custrecord_hwx_da_role',
        'custrecord_hwx_da_at',
        'custrecord_hwx_da_outcome',
        'custrecord_hwx_da_detail',
      ] })
    .run()
    .getRange({ start: 0, end: 20 })
    .map((r) => ({ action: s(r, 'custrecord_hwx_da_action'), target: s(r, 'custrecord_hwx_da_target'), user: s(r, 'custrecord_hwx_da_user'), role: s(r, 'custrecord_hwx_da_role'), at: s(r, 'custrecord_hwx_da_at'), outcome: s(r, 'custrecord_hwx_da_outcome'), detail: s(r, 'custrecord_hwx_da_detail') }));
}
