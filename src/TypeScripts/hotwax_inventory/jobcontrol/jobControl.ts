/**
 * The job-control calls HotWax's job manager makes (docs/restlets.md): run now, pause / resume, schedule,
 * health, SFTP configuration. One RESTlet script, one deployment per call (custscript_hwx_jc_action says which),
 * so each call has its own URL as HotWax's connector expects. Every call is validated (core/jobcontrol/requests),
 * maps its job name to a flow by script ids (core/jobcontrol/flows), is audited (customrecord_hwx_jc_audit), and
 * answers honestly: success is HTTP 200 with status "success"; every failure is thrown as a SuiteScriptError with
 * a code and a message, which NetSuite answers with HTTP 400 (SuiteScript 2.x RESTlet Error Handling,
 * section_4634920277 [D]: a RESTlet cannot choose its status; an uncaught error is a 400).
 */
import * as error from 'N/error';
import { textParam } from '../adapters/scriptParams';
import { lastRunNow, readDeployments, recentFeedFiles, setDeploymentStatus, submitOnDemand, taskStatus, upsertSftpConfig, writeAudit, type AuditEntry } from '../adapters/jobControl';
import { errorCode, errorMessage, IntegrationError } from '../core/integrationError';
import { FLOWS, parseAliases, resolveFlow, type FlowDefinition } from '../core/jobcontrol/flows';
import { summarizeFeedFiles } from '../core/jobcontrol/health';
import { latestRuns } from '../adapters/runLog';
import { parseHealthRequest, parsePauseRequest, parseRunRequest, parseScheduleRequest } from '../core/jobcontrol/requests';
import { nextRun, parseRecurrence, recurrenceMinutes } from '../core/jobcontrol/schedule';
import { parseSftpConfigRequest } from '../core/jobcontrol/sftpConfigRequest';

export type Action = 'run' | 'pause' | 'schedule' | 'health' | 'sftp';
const ACTIONS: readonly Action[] = ['run', 'pause', 'schedule', 'health', 'sftp'];
const METHOD_OF: Record<Action, 'get' | 'post'> = { run: 'post', pause: 'post', schedule: 'get', health: 'get', sftp: 'post' };

interface Outcome {
  flow: string;
  taskId?: string;
  body: unknown;
}

/** What the audit keeps of a request: never a secret value (the SFTP call carries none, but be sure). */
function auditedRequest(input: unknown): string {
  try {
    return JSON.stringify(input, (k, v: unknown) => (/pass|pwd|secret$/i.test(k) && k !== 'secretId' ? '***' : v)) ?? '';
  } catch {
    return String(input);
  }
}

function aliases(): Record<string, string> {
  return parseAliases(textParam('custscript_hwx_jc_job_aliases'));
}

function runNow(input: unknown): Outcome {
  const req = parseRunRequest(input);
  const flow = resolveFlow(req.jobName, aliases());
  if (req.scriptType !== undefined && req.scriptType !== flow.kind) {
    throw new IntegrationError('BAD_REQUEST', `scriptType ${req.scriptType} does not match ${flow.key}, a ${flow.kind} flow.`, { flow: flow.key });
  }
  const scheduled = readDeployments(flow.scheduledDeployments);
  if (scheduled.every((d) => d.status !== 'SCHEDULED')) {
    throw new IntegrationError('FLOW_PAUSED', `${flow.key} is paused; resume it (paused: N) before running it now. Files wait on SFTP meanwhile.`, { flow: flow.key });
  }
  const outcome = submitOnDemand(flow);
  if (!outcome.queued) {
    throw new IntegrationError('ALREADY_QUEUED', `${flow.key} is already queued or running on ${flow.onDemandDeployment}; nothing new was queued (${outcome.code}).`, { flow: flow.key });
  }
  return {
    flow: flow.key,
    taskId: outcome.taskId,
    body: { status: 'success', code: 'QUEUED', message: `Task successfully submitted: ${flow.key} on ${flow.onDemandDeployment}.`, flow: flow.key, scriptId: flow.scriptId, deploymentId: flow.onDemandDeployment, taskId: outcome.taskId },
  };
}

function pause(input: unknown): Outcome {
  const req = parsePauseRequest(input);
  const flow = resolveFlow(req.jobName, aliases());
  const target = req.paused ? 'NOTSCHEDULED' : 'SCHEDULED';
  const changed: string[] = [];
  for (const d of readDeployments(flow.scheduledDeployments)) {
    if (d.status === target) continue;
    setDeploymentStatus(d.internalId, target);
    changed.push(d.deploymentId);
  }
  return {
    flow: flow.key,
    body: {
      status: 'success',
      code: req.paused ? 'PAUSED' : 'RESUMED',
      message: `${flow.key} is ${req.paused ? 'paused: its schedule does not run; files wait on SFTP' : 'resumed: its schedule runs again'}${changed.length === 0 ? ' (it already was)' : ''}.`,
      flow: flow.key,
      paused: req.paused,
      changed,
    },
  };
}

function flowSchedule(flow: FlowDefinition, now: Date): Record<string, unknown> {
  const deployments = readDeployments([...flow.scheduledDeployments, flow.onDemandDeployment]).map((d) => {
    const r = parseRecurrence(d.recurringEvent);
    const scheduled = d.status === 'SCHEDULED' && d.isDeployed;
    return { deploymentId: d.deploymentId, title: d.title, status: d.status, isDeployed: d.isDeployed, recurrence: r, recurrenceMinutes: recurrenceMinutes(r), nextRun: scheduled ? nextRun(r, now) : null };
  });
  const scheduledOnes = deployments.filter((d) => flow.scheduledDeployments.includes(d.deploymentId));
  const next = scheduledOnes.map((d) => d.nextRun).filter((v): v is string => v !== null).sort()[0] ?? null;
  return { flow: flow.key, label: flow.label, scriptId: flow.scriptId, kind: flow.kind, paused: scheduledOnes.every((d) => d.status !== 'SCHEDULED'), nextRun: next, deployments };
}

function schedule(input: unknown, now: Date): Outcome {
  const req = parseScheduleRequest(input);
  if (req.format === 'hotwax') {
    const flow = resolveFlow(req.jobName ?? '', aliases());
    const full = flowSchedule(flow, now);
    const first = (full.deployments as { recurrenceMinutes: number | null }[])[0];
    // HotWax's connector reads a JSON string {status, message, recurrenceMinutes} (HC_RL_GetSuiteScriptCronExpression).
    return { flow: flow.key, body: JSON.stringify({ status: 'success', message: 'Cron Expression sent', recurrenceMinutes: first?.recurrenceMinutes ?? null, paused: full.paused, nextRun: full.nextRun }) };
  }
  const flows = req.jobName !== undefined ? [resolveFlow(req.jobName, aliases())] : FLOWS;
  return { flow: req.jobName !== undefined ? (flows[0]?.key ?? '') : '*', body: { status: 'success', generatedAt: now.toISOString(), flows: flows.map((f) => flowSchedule(f, now)) } };
}

function health(input: unknown): Outcome {
  const req = parseHealthRequest(input);
  const flows = req.jobName !== undefined ? [resolveFlow(req.jobName, aliases())] : FLOWS;
  const report = flows.map((flow) => {
    const scheduled = readDeployments(flow.scheduledDeployments);
    const files = summarizeFeedFiles(recentFeedFiles(flow.feedFlows, 200), req.limit);
    const last = lastRunNow(flow.key);
    return {
      flow: flow.key,
      paused: scheduled.every((d) => d.status !== 'SCHEDULED'),
      lastRunNow: last ? { ...last, status: taskStatus(last.taskId) } : null,
      files: files.counts,
      recentFiles: files.recent.map((f) => ({ id: f.id, fileName: f.fileName, status: f.status, rows: f.rows, applied: f.applied, rejected: f.rejected, finalPath: f.finalPath, message: f.message })),
      needsAttention: files.needsAttention.map((f) => ({ id: f.id, fileName: f.fileName, status: f.status, why: f.why, errorReport: f.errorReport, finalPath: f.finalPath })),
      // The run log (customrecord_hwx_run, docs/desk.md): each run's status, governance units and what it did.
      lastRuns: latestRuns(flow.runFlows, Math.min(req.limit, 10), [...flow.scheduledDeployments, flow.onDemandDeployment]).map((r) => ({ status: r.status, started: r.started, ended: r.ended, deployment: r.deployment, units: r.units, files: r.files, summary: r.summary })),
    };
  });
  return { flow: req.jobName !== undefined ? (flows[0]?.key ?? '') : '*', body: { status: 'success', flows: report } };
}

function sftp(input: unknown): Outcome {
  const config = parseSftpConfigRequest(input);
  const saved = upsertSftpConfig(config);
  return {
    flow: '',
    body: { status: 'success', code: saved.created ? 'CREATED' : 'UPDATED', message: `SFTP Configuration is ${saved.created ? 'added' : 'updated'} (record ${saved.id}).`, recordId: saved.id, host: config.host, port: config.port, hostKeyType: config.hostKeyType },
  };
}

/** Runs one call for the deployment's action; audits it whatever happens; throws a SuiteScriptError on failure. */
export function handle(method: 'get' | 'post', input: unknown, now: Date): unknown {
  const raw = textParam('custscript_hwx_jc_action');
  const action = (ACTIONS as readonly string[]).includes(raw) ? (raw as Action) : undefined;
  const audit: AuditEntry = { action: action ?? (raw || '(none)'), flow: '', request: auditedRequest(input), result: 'ERROR', code: '', message: '', taskId: '' };
  try {
    if (!action) throw new IntegrationError('DEPLOYMENT_MISCONFIGURED', `This deployment's custscript_hwx_jc_action is "${raw}"; expected one of ${ACTIONS.join(', ')}.`);
    if (METHOD_OF[action] !== method) throw new IntegrationError('METHOD_NOT_ALLOWED', `The ${action} call is a ${METHOD_OF[action].toUpperCase()}.`);
    const out = action === 'run' ? runNow(input) : action === 'pause' ? pause(input) : action === 'schedule' ? schedule(input, now) : action === 'health' ? health(input) : sftp(input);
    audit.flow = out.flow;
    audit.result = 'OK';
    audit.code = 'OK';
    audit.taskId = out.taskId ?? '';
    writeAudit(audit, now);
    return out.body;
  } catch (err) {
    const code = err instanceof IntegrationError ? err.code : errorCode(err);
    const message = errorMessage(err);
    if (err instanceof IntegrationError && typeof err.context.flow === 'string') audit.flow = err.context.flow;
    audit.code = code;
    audit.message = message;
    writeAudit(audit, now);
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- a SuiteScriptError is what NetSuite throws; its typings do not extend Error.
    throw error.create({ name: code, message, notifyOff: true });
  }
}
