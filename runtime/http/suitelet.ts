// One Suitelet request (NETSUITE.md 5: a Suitelet has 1,000 units per request): the deployment's
// onRequest({ request, response }) runs with the emulated N/* modules plus N/http's ServerRequest and
// ServerResponse, N/url, and N/runtime's current user being the logged-in user of the chosen role.
//
// Followed facts: Suitelet entry point onRequest(scriptContext) with scriptContext.request
// (http.ServerRequest: method, parameters, headers, body, url) and scriptContext.response
// (http.ServerResponse: write, writeLine, setHeader, addHeader, sendRedirect, writeFile) (Oracle help
// "onRequest(scriptContext)", "http.ServerRequest", "http.ServerResponse"); runtime.getCurrentUser() is the
// user running the page (role = role internal id, roleId = role script id) (help "runtime.User").
// Choices [U]: N/url and the response methods cost no units; writePage (serverWidget) is not emulated
// (the desk writes HTML itself) and throws.
import type { Account } from '../account/account';
import { ChangeJournal } from '../context';
import { USAGE_LIMITS } from '../engines/governance';
import { describeError, Execution, FaultInjector, findDeployment, findScript } from '../engines/execution';
import { accountTaskSink, newExecutionId } from '../engines/scriptRunner';
import { nsError } from '../modules/error';
import { createRuntimeModule, LOCAL_USER } from '../modules/runtime';
import { NsFile } from '../modules/file';
import type { ProjectObjects } from '../objects';
import { recordPath, suiteletPath } from './urls';

export interface LocalUser {
  id: number;
  name: string;
  email: string;
  /** Role script id, e.g. 'administrator' or 'customrole_hwx_accountant'. */
  roleId: string;
  /** Role internal id (administrator = 3). */
  role: number;
}

const STANDARD_ROLE_IDS: Record<string, number> = { administrator: 3, full_access: 18, system_administrator: 1037, developer: 55, warehouse_manager: 23 };

/** The local user signed in with a role (ns-local serve --role). */
export function userForRole(roleId: string): LocalUser {
  const id = roleId.toLowerCase();
  let internal = STANDARD_ROLE_IDS[id];
  if (internal === undefined) {
    let h = 1000;
    for (const c of id) h = (h * 31 + c.charCodeAt(0)) % 9000;
    internal = 1000 + h;
  }
  return { id: 7, name: `Local user (${id})`, email: `${id}@ns-local.invalid`, roleId: id, role: internal };
}

export interface HttpRequestIn {
  method: string;
  /** Full path with query, e.g. /app/site/hosting/scriptlet.nl?script=..&deploy=..&x=1 */
  url: string;
  headers: Record<string, string>;
  /** Query and form parameters merged (form wins), as ServerRequest.parameters gives them. */
  parameters: Record<string, string>;
  body: string;
}

export interface SuiteletResult {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  units: number;
  usageByApi: Record<string, { calls: number; units: number }>;
  durationMs: number;
  error?: { name: string; message: string };
}

class ServerResponse {
  readonly headers: Record<string, string> = {};
  readonly chunks: Buffer[] = [];
  status = 200;

  write(options: { output: string } | string): void {
    const output = typeof options === 'string' ? options : options?.output;
    if (typeof output !== 'string') throw nsError('SSS_MISSING_REQD_ARGUMENT', 'write: output is required');
    this.chunks.push(Buffer.from(output, 'utf8'));
  }
  writeLine(options: { output: string } | string): void {
    this.write(typeof options === 'string' ? `${options}\n` : { output: `${options.output}\n` });
  }
  setHeader(options: { name: string; value: string } | string, value?: string): void {
    const name = typeof options === 'string' ? options : options.name;
    const v = typeof options === 'string' ? value : options.value;
    if (!name || v === undefined) throw nsError('SSS_MISSING_REQD_ARGUMENT', 'setHeader: name and value are required');
    this.headers[name] = String(v);
  }
  addHeader(options: { name: string; value: string }): void {
    this.setHeader(options);
  }
  getHeader(options: { name: string }): string | null {
    return this.headers[options.name] ?? null;
  }
  writeFile(options: { file: unknown; isInline?: boolean }): void {
    const file = options.file;
    if (!(file instanceof NsFile)) throw nsError('SSS_INVALID_TYPE_ARG', 'writeFile: file must be a file.File');
    this.chunks.push(Buffer.from(file.allBytes()));
    this.headers['Content-Disposition'] = `${options.isInline ? 'inline' : 'attachment'}; filename="${file.name.replace(/"/g, '')}"`;
  }
  sendRedirect(options: { type: string; identifier: string; id?: string; parameters?: Record<string, string> }): void {
    const type = String(options.type).toUpperCase();
    let location: string;
    if (type === 'SUITELET') location = suiteletPath(options.identifier, options.id ?? '', options.parameters ?? {});
    else if (type === 'RECORD') location = recordPath(options.identifier, options.id ?? '');
    else throw nsError('SSS_INVALID_TYPE_ARG', `sendRedirect: type ${type} is not emulated by ns-local`);
    this.status = 302;
    this.headers.Location = location;
  }
  writePage(): void {
    throw nsError('SSS_NOT_YET_SUPPORTED', 'ns-local does not emulate N/ui/serverWidget pages (writePage); write HTML instead');
  }
}

function httpModule(): Record<string, unknown> {
  return {
    Method: { GET: 'GET', POST: 'POST', PUT: 'PUT', DELETE: 'DELETE', HEAD: 'HEAD' },
    RedirectType: { RECORD: 'RECORD', SUITELET: 'SUITELET', RESTLET: 'RESTLET', MEDIA_ITEM: 'MEDIAITEM', TASK_LINK: 'TASKLINK' },
  };
}

function urlModule(): Record<string, unknown> {
  return {
    resolveScript(options: { scriptId: string; deploymentId: string; params?: Record<string, string | number | boolean>; returnExternalUrl?: boolean }): string {
      if (!options?.scriptId || !options.deploymentId) throw nsError('SSS_MISSING_REQD_ARGUMENT', 'resolveScript: scriptId and deploymentId are required');
      return suiteletPath(options.scriptId, options.deploymentId, options.params ?? {});
    },
    resolveRecord(options: { recordType: string; recordId: string | number; isEditMode?: boolean }): string {
      if (!options?.recordType || options.recordId === undefined) throw nsError('SSS_MISSING_REQD_ARGUMENT', 'resolveRecord: recordType and recordId are required');
      return recordPath(options.recordType, options.recordId) + (options.isEditMode ? '&e=T' : '');
    },
    resolveDomain(): string {
      return 'localhost';
    },
  };
}

class SuiteletExecution extends Execution {
  constructor(
    setup: ConstructorParameters<typeof Execution>[0],
    executionId: string,
    private readonly user: LocalUser,
  ) {
    super(setup, executionId, USAGE_LIMITS.suitelet);
  }

  override nativeModule(id: string): unknown {
    if (id === 'N/http') return httpModule();
    if (id === 'N/url') return urlModule();
    if (id === 'N/runtime') {
      const base = createRuntimeModule(this.env);
      const user = { ...LOCAL_USER, ...this.user, getPreference: (base.getCurrentUser as () => { getPreference: unknown })().getPreference, getPermission: (): number => 4 };
      return { ...base, getCurrentUser: () => user };
    }
    return super.nativeModule(id);
  }
}

export interface SuiteletCall {
  account: Account;
  projectFolder: string;
  objects: ProjectObjects;
  scriptId: string;
  deploymentId: string;
  user: LocalUser;
  request: HttpRequestIn;
  now?: () => Date;
}

/** Runs the deployment's onRequest once and returns what it wrote, with the request's governance. */
export function runSuitelet(call: SuiteletCall): SuiteletResult {
  const started = Date.now();
  const now = call.now ?? (() => new Date());
  const script = findScript(call.objects, call.scriptId);
  const deployment = findDeployment(script, call.deploymentId);
  const execution = new SuiteletExecution(
    {
      account: call.account,
      projectFolder: call.projectFolder,
      objects: call.objects,
      script,
      deployment,
      params: {},
      executionContext: 'SUITELET',
      invocationType: '',
      now,
      tasks: accountTaskSink(call.account, now),
      journal: new ChangeJournal(),
      faults: new FaultInjector(undefined),
    },
    newExecutionId(now()),
    call.user,
  );
  const response = new ServerResponse();
  const request = {
    method: call.request.method.toUpperCase(),
    url: call.request.url,
    headers: { ...call.request.headers },
    parameters: { ...call.request.parameters },
    body: call.request.body,
    clientIpAddress: '127.0.0.1',
    files: {},
  };
  let error: SuiteletResult['error'];
  try {
    const entry = execution.loadEntryPoints();
    const onRequest = entry.onRequest;
    if (typeof onRequest !== 'function') throw nsError('SSS_INVALID_SCRIPT', `${script.scriptFile} exports no onRequest`);
    (onRequest as (ctx: unknown) => void)({ request, response });
    if (execution.meter.exceeded) throw execution.meter.exceeded;
  } catch (err) {
    error = describeError(err);
  } finally {
    execution.dispose();
    call.account.save();
  }
  const meter = execution.meter;
  if (error) {
    return {
      status: 500,
      headers: { 'Content-Type': 'text/html; charset=utf-8' },
      body: Buffer.from(errorPage(error), 'utf8'),
      units: meter.usage,
      usageByApi: meter.breakdown(),
      durationMs: Date.now() - started,
      error,
    };
  }
  return {
    status: response.status,
    headers: { 'Content-Type': 'text/html; charset=utf-8', ...response.headers },
    body: Buffer.concat(response.chunks),
    units: meter.usage,
    usageByApi: meter.breakdown(),
    durationMs: Date.now() - started,
  };
}

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** NetSuite shows an unexpected error page with the error code and message. */
export function errorPage(error: { name: string; message: string }): string {
  return `<!DOCTYPE html><html><head><title>Error</title></head><body style="font-family:Arial,sans-serif"><h1 style="font-size:16px">An unexpected SuiteScript error has occurred</h1><p><b>${esc(error.name)}</b>: ${esc(error.message)}</p></body></html>`;
}
