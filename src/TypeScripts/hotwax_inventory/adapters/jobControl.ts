/**
 * N/* I/O of the job-control RESTlet: script deployment records (Oracle help "Script Deployment",
 * section_3753014009: record type scriptdeployment, searchable, editable with submitFields), task submission
 * (NETSUITE.md 2.4), the audit record (customrecord_hwx_jc_audit), feed-file and SFTP configuration records.
 * Everything is looked up by script id, never by title or name.
 */
import * as record from 'N/record';
import * as runtime from 'N/runtime';
import * as search from 'N/search';
import * as task from 'N/task';
import { IntegrationError } from '../core/integrationError';
import type { FeedFileRow } from '../core/jobcontrol/health';
import type { FlowDefinition } from '../core/jobcontrol/flows';
import type { SftpConfigInput } from '../core/jobcontrol/sftpConfigRequest';
import { FEED_FILE_RECORD } from './feedFiles';

import { SCRIPT_DEPLOYMENT } from './scriptDeployments';

export { SCRIPT_DEPLOYMENT, setDeploymentStatus } from './scriptDeployments';
export const AUDIT_RECORD = 'customrecord_hwx_jc_audit';
export const SFTP_CONFIG_RECORD = 'customrecord_hwx_sftp_config';

export interface DeploymentState {
  internalId: string;
  deploymentId: string;
  title: string;
  status: string;
  isDeployed: boolean;
  recurringEvent: string;
}

const text = (r: search.Result, name: string): string => {
  const v = r.getValue({ name });
  return v === null || v === undefined ? '' : String(v);
};

/** The deployments with these script ids (10 units). */
export function readDeployments(deploymentIds: readonly string[]): DeploymentState[] {
  if (deploymentIds.length === 0) return [];
  const filters: (string | string[])[] = [];
  deploymentIds.forEach((id, i) => {
    if (i > 0) filters.push('OR');
    filters.push(['scriptid', 'is', id]);
  });
  const found = search
    .create({ type: SCRIPT_DEPLOYMENT, filters, columns: ['scriptid', 'title', 'status', 'isdeployed', 'recurringevent'] })
    .run()
    .getRange({ start: 0, end: 100 })
    .map((r) => ({
      internalId: r.id,
      deploymentId: text(r, 'scriptid').toLowerCase(),
      title: text(r, 'title'),
      status: text(r, 'status'),
      isDeployed: r.getValue({ name: 'isdeployed' }) === true || r.getValue({ name: 'isdeployed' }) === 'T',
      recurringEvent: text(r, 'recurringevent'),
    }));
  return deploymentIds.map((id) => {
    const d = found.find((x) => x.deploymentId === id);
    if (!d) throw new IntegrationError('DEPLOYMENT_NOT_FOUND', `The deployment ${id} is not in this account; deploy the project (suitecloud project:deploy).`, { deploymentId: id });
    return d;
  });
}

/** Sets a deployment's status (submitFields on scriptdeployment). */

export type SubmitOutcome = { queued: true; taskId: string } | { queued: false; code: string; message: string };

/**
 * Queues the flow's on-demand deployment once. NetSuite refuses a deployment that is already queued or running:
 * MAP_REDUCE_ALREADY_RUNNING for map/reduce [D], FAILED_TO_SUBMIT_JOB_REQUEST_1 for scheduled scripts [O/U]
 * (NETSUITE.md 2.4); both are answered as "already queued", anything else is rethrown.
 */
export function submitOnDemand(flow: FlowDefinition): SubmitOutcome {
  const t =
    flow.kind === 'MAP_REDUCE'
      ? task.create({ taskType: task.TaskType.MAP_REDUCE, scriptId: flow.scriptId, deploymentId: flow.onDemandDeployment })
      : task.create({ taskType: task.TaskType.SCHEDULED_SCRIPT, scriptId: flow.scriptId, deploymentId: flow.onDemandDeployment });
  try {
    return { queued: true, taskId: String(t.submit()) };
  } catch (err) {
    const name = err !== null && typeof err === 'object' && 'name' in err ? String(err.name) : '';
    const message = err !== null && typeof err === 'object' && 'message' in err ? String(err.message) : String(err);
    if (name === 'MAP_REDUCE_ALREADY_RUNNING' || (name === 'FAILED_TO_SUBMIT_JOB_REQUEST_1' && /already|queued|running/i.test(message))) return { queued: false, code: name, message };
    throw err;
  }
}

export function taskStatus(taskId: string): string {
  try {
    return String(task.checkStatus({ taskId }).status);
  } catch {
    return 'UNKNOWN';
  }
}

export interface AuditEntry {
  action: string;
  flow: string;
  request: string;
  result: 'OK' | 'ERROR';
  code: string;
  message: string;
  taskId: string;
}

/** One audit record per call: who (user and role), what, when, result (4 + 2 units: a custom record). */
export function writeAudit(entry: AuditEntry, at: Date): void {
  const user = runtime.getCurrentUser();
  const r = record.create({ type: AUDIT_RECORD });
  r.setValue({ fieldId: 'name', value: `${entry.action} ${entry.flow || '-'} ${at.toISOString()}`.slice(0, 300) });
  r.setValue({ fieldId: 'custrecord_hwx_jca_at', value: at.toISOString() });
  r.setValue({ fieldId: 'custrecord_hwx_jca_user', value: `${user.name} (${user.id})`.slice(0, 300) });
  r.setValue({ fieldId: 'custrecord_hwx_jca_role', value: `${user.roleId} (${user.role})`.slice(0, 300) });
  r.setValue({ fieldId: 'custrecord_hwx_jca_action', value: entry.action });
  r.setValue({ fieldId: 'custrecord_hwx_jca_flow', value: entry.flow });
  r.setValue({ fieldId: 'custrecord_hwx_jca_request', value: entry.request.slice(0, 3900) });
  r.setValue({ fieldId: 'custrecord_hwx_jca_result', value: entry.result });
  r.setValue({ fieldId: 'custrecord_hwx_jca_code', value: entry.code });
  r.setValue({ fieldId: 'custrecord_hwx_jca_message', value: entry.message.slice(0, 3900) });
  r.setValue({ fieldId: 'custrecord_hwx_jca_task', value: entry.taskId });
  r.save();
}

/** The last queued run-now of a flow (its task id and when), from the audit records. */
export function lastRunNow(flowKey: string): { taskId: string; at: string } | undefined {
  const [r] = search
    .create({
      type: AUDIT_RECORD,
      filters: [['custrecord_hwx_jca_flow', 'is', flowKey], 'AND', ['custrecord_hwx_jca_action', 'is', 'run'], 'AND', ['custrecord_hwx_jca_result', 'is', 'OK']],
      columns: [search.createColumn({ name: 'internalid', sort: search.Sort.DESC }), 'custrecord_hwx_jca_task', 'custrecord_hwx_jca_at'],
    })
    .run()
    .getRange({ start: 0, end: 1 });
  return r ? { taskId: text(r, 'custrecord_hwx_jca_task'), at: text(r, 'custrecord_hwx_jca_at') } : undefined;
}

/** The newest feed-file records of these flow values (10 units). */
export function recentFeedFiles(flows: readonly string[], limit: number): FeedFileRow[] {
  if (flows.length === 0) return [];
  const filters: (string | string[])[] = [];
  flows.forEach((f, i) => {
    if (i > 0) filters.push('OR');
    filters.push(['custrecord_hwx_ff_flow', 'is', f]);
  });
  const columns = ['custrecord_hwx_ff_flow', 'custrecord_hwx_ff_file_name', 'custrecord_hwx_ff_status', 'custrecord_hwx_ff_rows', 'custrecord_hwx_ff_applied', 'custrecord_hwx_ff_rejected', 'custrecord_hwx_ff_error_report', 'custrecord_hwx_ff_final_path', 'custrecord_hwx_ff_message'];
  return search
    .create({ type: FEED_FILE_RECORD, filters, columns: [search.createColumn({ name: 'internalid', sort: search.Sort.DESC }), ...columns] })
    .run()
    .getRange({ start: 0, end: Math.min(1000, limit) })
    .map((r) => ({
      id: r.id,
      flow: text(r, 'custrecord_hwx_ff_flow'),
      fileName: text(r, 'custrecord_hwx_ff_file_name'),
      status: text(r, 'custrecord_hwx_ff_status'),
      rows: Number(text(r, 'custrecord_hwx_ff_rows') || 0),
      applied: Number(text(r, 'custrecord_hwx_ff_applied') || 0),
      rejected: Number(text(r, 'custrecord_hwx_ff_rejected') || 0),
      errorReport: text(r, 'custrecord_hwx_ff_error_report'),
      finalPath: text(r, 'custrecord_hwx_ff_final_path'),
      message: text(r, 'custrecord_hwx_ff_message'),
    }));
}

/** Creates the one SFTP configuration record or updates it; refuses when the account already holds several. */
export function upsertSftpConfig(input: SftpConfigInput): { id: string; created: boolean } {
  const active = search
    .create({ type: SFTP_CONFIG_RECORD, filters: [['isinactive', 'is', 'F']], columns: ['internalid', 'custrecord_hwx_sftp_base_dir'] })
    .run()
    .getRange({ start: 0, end: 10 });
  if (active.length > 1) {
    throw new IntegrationError('SFTP_CONFIG_AMBIGUOUS', `The account has ${active.length} active HotWax SFTP Configuration records (${active.map((r) => r.id).join(', ')}); inactivate all but one, then send the configuration again.`);
  }
  const values: Record<string, string | number> = {
    custrecord_hwx_sftp_host: input.host,
    custrecord_hwx_sftp_port: input.port,
    custrecord_hwx_sftp_username: input.username,
    custrecord_hwx_sftp_secret: input.secretId,
    custrecord_hwx_sftp_host_key: input.hostKey,
    custrecord_hwx_sftp_host_key_type: input.hostKeyType,
  };
  if (input.baseDirectory !== undefined) values.custrecord_hwx_sftp_base_dir = input.baseDirectory;
  const [existing] = active;
  if (existing) {
    record.submitFields({ type: SFTP_CONFIG_RECORD, id: existing.id, values });
    return { id: existing.id, created: false };
  }
  if (input.baseDirectory === undefined) throw new IntegrationError('BAD_REQUEST', 'defaultDirectory is required to create the SFTP configuration (e.g. /home/<user>/netsuite/).', { field: 'defaultDirectory' });
  const r = record.create({ type: SFTP_CONFIG_RECORD });
  r.setValue({ fieldId: 'name', value: 'HotWax SFTP' });
  for (const [fieldId, value] of Object.entries(values)) r.setValue({ fieldId, value });
  return { id: String(r.save()), created: true };
}
