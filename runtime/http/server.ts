// ns-local serve: the compiled Suitelets on loopback at NetSuite's URL shape, with the signed-in user's
// role, per-request governance (X-NS-Local-Units header, and one line per request to `onRequest`), and
// record pages for the links Suitelets print.
//
// Access (Oracle help "Suitelet Script Deployment Page Body Fields", bridgehead_1524082857): the deployment
// must be Deployed; Testing runs for the script owner only (ns-local: the administrator), Released for the
// audience (audslctrole; allroles = every internal role). Anyone else gets NetSuite's
// INSUFFICIENT_PERMISSION page [U: the exact page text].
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Account } from '../account/account';
import type { RestletRequest, RestletResponse } from '../restlet/handler';
import type { ProjectObjects } from '../objects';
import { currentDeployment, deploymentAudience, ensureDeploymentRecords } from './deployments';
import { notFoundPage, renderRecordPage } from './recordPage';

/** Custom field labels by id: custom record fields and custom body/column/entity/item fields. */
function fieldLabels(objects: ProjectObjects): Map<string, string> {
  return new Map([...objects.customRecordTypes.flatMap((t) => t.fields.map((f) => [f.scriptId, f.label] as const)), ...objects.customFields.map((f) => [f.scriptId, f.label] as const)]);
}
import { errorPage, runSuitelet, userForRole, type LocalUser, type SuiteletResult } from './suitelet';
import { CUSTOM_RECORD_PATH, recordTypesForPath, SUITELET_PATH, suiteletPath } from './urls';
import { NS_STYLE } from './style';

const RESTLET_PATH = '/app/site/hosting/restlet.nl';

export interface ServeOptions {
  account: Account;
  projectFolder: string;
  objects: ProjectObjects;
  role: string;
  port?: number;
  now?: () => Date;
  /**
   * The account folder: when given, the account is read again from disk for every request (Account.open), so
   * changes other processes save (a scheduler tick, a RESTlet call, `ns-local run`) show and are not overwritten
   * by a stale in-memory copy. Without it the server works on `account` in memory (tests, the demo).
   */
  accountDir?: string;
  /** Mounted at /app/site/hosting/restlet.nl on the same port (runtime/restlet createRestletHandler). */
  restlets?: (req: RestletRequest) => Promise<RestletResponse>;
  /** Called after every Suitelet request with its governance. */
  onRequest?: (entry: RequestLogEntry) => void;
}

export interface RequestLogEntry {
  method: string;
  url: string;
  script: string;
  deployment: string;
  role: string;
  status: number;
  units: number;
  durationMs: number;
  error?: string;
}

export interface LocalServer {
  url: string;
  port: number;
  user: LocalUser;
  /** Every Suitelet request served, in order. */
  requests: RequestLogEntry[];
  close(): Promise<void>;
}

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function readBody(req: http.IncomingMessage, tooLarge?: () => void, limit = 10_000_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      if (size > limit) return;
      size += c.length;
      if (size > limit) {
        reject(new Error('request body too large'));
        if (tooLarge) tooLarge();
        else req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function deny(res: http.ServerResponse, message: string): void {
  res.writeHead(403, { 'Content-Type': 'text/html; charset=utf-8' });
  res.end(errorPage({ name: 'INSUFFICIENT_PERMISSION', message }));
}

/** Which suitelet deployments this role may open (for the index page). */
function allowed(options: ServeOptions, user: LocalUser, scriptId: string, deploymentId: string): string | undefined {
  const script = options.objects.scripts.find((s) => s.scriptId === scriptId && s.objectType === 'suitelet');
  const deployment = script?.deployments.find((d) => d.scriptId === deploymentId);
  if (!script || !deployment) return `No Suitelet deployment ${deploymentId} of script ${scriptId}`;
  const state = currentDeployment(options.account, deployment);
  if (!state.isDeployed) return `The deployment ${deploymentId} is not deployed`;
  const audience = deploymentAudience(options.projectFolder, script, deploymentId);
  const inAudience = audience.allRoles || audience.roles.includes(user.roleId);
  if (state.status === 'TESTING') return user.roleId === 'administrator' ? undefined : `You do not have privileges to view this page (deployment ${deploymentId} is in Testing: only its owner may run it)`;
  if (state.status !== 'RELEASED') return `The deployment ${deploymentId} is not released`;
  return inAudience ? undefined : `You do not have privileges to view this page (role ${user.roleId} is not in the audience of ${deploymentId})`;
}

function indexPage(options: ServeOptions, user: LocalUser): string {
  const links = options.objects.scripts
    .filter((s) => s.objectType === 'suitelet')
    .flatMap((s) => s.deployments.map((d) => ({ s, d })))
    .map(({ s, d }) => {
      const why = allowed(options, user, s.scriptId, d.scriptId);
      const href = suiteletPath(s.scriptId, d.scriptId);
      return why === undefined ? `<li><a href="${esc(href)}">${esc(d.title || s.name)}</a></li>` : `<li class="off">${esc(d.title || s.name)} — not for role ${esc(user.roleId)}</li>`;
    })
    .join('');
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>ns-local</title><style>${NS_STYLE} li.off{color:#999}</style></head><body><div class="ns-header"><span class="ns-logo">NetSuite</span><span class="ns-env">ns-local · account ${esc(options.account.settings.accountId)} · role ${esc(user.roleId)}</span></div><div class="page"><h1 class="title">Suitelets</h1><ul>${links}</ul></div></body></html>`;
}

export async function startLocalServer(served: ServeOptions): Promise<LocalServer> {
  ensureDeploymentRecords(served.account, served.objects);
  served.account.save();
  const user = userForRole(served.role);
  const requests: RequestLogEntry[] = [];

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    if (url.pathname === RESTLET_PATH && served.restlets) {
      const body = await readBody(req, () => {
        // Answered before the body is read to its end; the connection closes after (runtime/restlet/server.ts).
        res.writeHead(413, { 'content-type': 'application/json', connection: 'close' });
        res.end(JSON.stringify({ error: { code: 'SSS_REQUEST_TOO_LARGE', message: 'The request body is larger than 10 MB.' } }));
      }, 10 * 1024 * 1024).catch(() => undefined); // the same limit as runtime/restlet/server.ts [U]
      if (body === undefined) return;
      const out = await served.restlets({ method, url: req.url ?? '/', headers: req.headers, body });
      res.writeHead(out.status, out.headers);
      res.end(out.body);
      return;
    }
    const options = { ...served, account: served.accountDir !== undefined ? Account.open(served.accountDir) : served.account };
    if (url.pathname === '/' || url.pathname === '/app/center/card.nl') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(indexPage(options, user));
      return;
    }
    if (url.pathname === SUITELET_PATH) {
      const scriptId = url.searchParams.get('script') ?? '';
      const deploymentId = url.searchParams.get('deploy') ?? '';
      const why = allowed(options, user, scriptId, deploymentId);
      if (why !== undefined) {
        deny(res, why);
        return;
      }
      const body = method === 'POST' ? await readBody(req) : '';
      const parameters: Record<string, string> = {};
      for (const [k, v] of url.searchParams) parameters[k] = v;
      const type = String(req.headers['content-type'] ?? '');
      if (method === 'POST' && type.includes('application/x-www-form-urlencoded')) for (const [k, v] of new URLSearchParams(body)) parameters[k] = v;
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
      let result: SuiteletResult;
      try {
        result = runSuitelet({ account: options.account, projectFolder: options.projectFolder, objects: options.objects, scriptId, deploymentId, user, request: { method, url: `${url.pathname}${url.search}`, headers, parameters, body }, ...(options.now ? { now: options.now } : {}) });
      } catch (err) {
        res.writeHead(500, { 'Content-Type': 'text/html; charset=utf-8' });
        res.end(errorPage({ name: 'NS_LOCAL_ERROR', message: err instanceof Error ? err.message : String(err) }));
        return;
      }
      const entry: RequestLogEntry = { method, url: `${url.pathname}${url.search}`, script: scriptId, deployment: deploymentId, role: user.roleId, status: result.status, units: result.units, durationMs: result.durationMs, ...(result.error ? { error: `${result.error.name}: ${result.error.message}` } : {}) };
      requests.push(entry);
      options.onRequest?.(entry);
      res.writeHead(result.status, { ...result.headers, 'X-NS-Local-Units': String(result.units), 'Cache-Control': 'no-store' });
      res.end(result.body);
      return;
    }
    const id = Number(url.searchParams.get('id'));
    const types = url.pathname === CUSTOM_RECORD_PATH ? [url.searchParams.get('rectype') ?? ''] : recordTypesForPath(url.pathname);
    if (types && Number.isInteger(id)) {
      const record = types.map((t) => options.account.getRecord(t, id)).find((r) => r !== undefined);
      res.writeHead(record ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(record ? renderRecordPage(options.account, record, fieldLabels(options.objects)) : notFoundPage(`That record does not exist (${types.join('/')} ${id})`));
      return;
    }
    res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(notFoundPage(`No page ${url.pathname}`));
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(String(err));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(served.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    user,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
