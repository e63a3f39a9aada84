/**
 * Validation of every job-control request, as strictly as the feeds: a request is a plain object with only the
 * fields listed here (the names HotWax's connector and its public RESTlets use, docs/restlets.md), each of the
 * right type and shape, or an IntegrationError with code BAD_REQUEST and a message saying which field and why.
 * Pure.
 */
import { IntegrationError } from '../integrationError';

export interface RunRequest {
  jobName: string;
  scriptType?: 'SCHEDULED' | 'MAP_REDUCE';
}

export interface PauseRequest {
  jobName: string;
  paused: boolean;
}

export interface ScheduleRequest {
  jobName?: string;
  format: 'hotwax' | 'full';
}

export interface HealthRequest {
  jobName?: string;
  limit: number;
}

const bad = (message: string, context: Record<string, unknown> = {}): IntegrationError => new IntegrationError('BAD_REQUEST', message, context);

function asObject(body: unknown): Record<string, unknown> {
  if (typeof body === 'string') {
    // A RESTlet receives text/plain bodies as strings: accept JSON text, as the connector could send either.
    try {
      body = JSON.parse(body);
    } catch {
      throw bad('The request body is not JSON.');
    }
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw bad('The request body must be a JSON object.');
  return body as Record<string, unknown>;
}

function onlyFields(o: Record<string, unknown>, allowed: readonly string[]): void {
  const extra = Object.keys(o).filter((k) => !allowed.includes(k));
  if (extra.length > 0) throw bad(`Unknown field(s) ${extra.join(', ')}; this call accepts ${allowed.join(', ')}.`, { fields: extra });
}

const JOB_NAME = /^[A-Za-z0-9][A-Za-z0-9 _.:\-/]{0,99}$/;

/** `name` (what the connector sends) or `jobName` (what HotWax's RESTlets read); both: they must agree. */
function jobNameOf(o: Record<string, unknown>, required: boolean): string | undefined {
  const values = ['name', 'jobName'].filter((k) => o[k] !== undefined && o[k] !== null && o[k] !== '').map((k) => ({ k, v: o[k] }));
  if (values.length === 0) {
    if (required) throw bad('name (or jobName) is required: the flow key, script id or deployment id of the job.');
    return undefined;
  }
  for (const { k, v } of values) {
    if (typeof v !== 'string' || !JOB_NAME.test(v)) throw bad(`${k} must be 1-100 letters, digits, spaces or _.:-/, starting with a letter or digit.`, { field: k });
  }
  const [first, second] = values;
  if (first && second && first.v !== second.v) throw bad('name and jobName differ; send one of them.');
  return String(first?.v);
}

export function parseRunRequest(body: unknown): RunRequest {
  const o = asObject(body);
  onlyFields(o, ['name', 'jobName', 'scriptType']);
  const jobName = jobNameOf(o, true) ?? '';
  const t = o.scriptType;
  if (t === undefined || t === null || t === '') return { jobName };
  if (t !== 'SCHEDULED' && t !== 'MAP_REDUCE') throw bad('scriptType must be SCHEDULED or MAP_REDUCE.', { field: 'scriptType' });
  return { jobName, scriptType: t };
}

export function parsePauseRequest(body: unknown): PauseRequest {
  const o = asObject(body);
  onlyFields(o, ['name', 'jobName', 'paused']);
  const jobName = jobNameOf(o, true) ?? '';
  const p = o.paused;
  // The connector sends 'Y' / 'N' (HotWax's RESTlet compares with those); booleans are accepted too.
  if (p === 'Y' || p === true) return { jobName, paused: true };
  if (p === 'N' || p === false) return { jobName, paused: false };
  throw bad('paused is required: Y to pause the flow\'s schedule, N to resume it.', { field: 'paused' });
}

function query(params: unknown): Record<string, unknown> {
  if (params === null || params === undefined) return {};
  if (typeof params !== 'object' || Array.isArray(params)) throw bad('The request parameters are not a set of name=value pairs.');
  return params as Record<string, unknown>;
}

export function parseScheduleRequest(params: unknown): ScheduleRequest {
  const o = query(params);
  onlyFields(o, ['name', 'jobName', 'format']);
  const jobName = jobNameOf(o, false);
  const format = o.format ?? 'hotwax';
  if (format !== 'hotwax' && format !== 'full') throw bad('format must be hotwax (the connector\'s shape) or full.', { field: 'format' });
  if (format === 'hotwax' && jobName === undefined) throw bad('jobName is required for format=hotwax; send format=full for every flow.');
  return { ...(jobName !== undefined ? { jobName } : {}), format };
}

export function parseHealthRequest(params: unknown): HealthRequest {
  const o = query(params);
  onlyFields(o, ['name', 'jobName', 'limit']);
  const jobName = jobNameOf(o, false);
  const raw = o.limit ?? '10';
  const limit = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d{1,3}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(limit) || limit < 1 || limit > 50) throw bad('limit must be a whole number from 1 to 50.', { field: 'limit' });
  return { ...(jobName !== undefined ? { jobName } : {}), limit };
}
