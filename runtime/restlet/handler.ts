// Serves RESTlets at NetSuite's URL shape, /app/site/hosting/restlet.nl?script=<script>&deploy=<deployment>
// (Oracle help "OAuth 2.0 Authorization Header Examples", section_158332610742 [D]), as NetSuite would:
//   1. authenticate the OAuth 1.0 TBA header (oauth.ts) against the account's integrations and tokens;
//   2. the token's role must be allowed to log in with tokens (permission ADMI_LOGIN_OAUTH, "Log In Using Access
//      Tokens" [O: Salto's generic_permission list and NetSuite role guides]) and be in the deployment's audience;
//   3. run the compiled RESTlet's get/post/put/delete entry point as that user and role, with a 5,000-unit budget
//      (NETSUITE.md 5), the role's permissions on every N/record and N/search call (guard.ts);
//   4. answer as NetSuite's "SuiteScript 2.x RESTlet Error Handling" page (section_4634920277 [D]) says: 200 with the
//      returned value; 400 for an error the script did not catch (body {"error":{"code","message"}} [O]); 401 when
//      there is no valid login; 404 when no RESTlet is at the URL; 405 for a method the RESTlet does not define;
//      415 for an unsupported Content-Type; 500 for an error of ns-local itself.
// [U] choices: script and deploy are accepted as script ids (customscript_/customdeploy_) or as the deployment
// record's internal id for deploy; a role outside the audience gets 403 (the page lists 403 for another cause);
// a deployment that is not deployed answers 404; a string return value is sent as text/plain, anything else as
// JSON; GET with a body is refused with 400 as the page says.
import * as path from 'node:path';
import { Account } from '../account/account';
import { ChangeJournal } from '../context';
import { USAGE_LIMITS } from '../engines/governance';
import { describeError, Execution, FaultInjector, type ExecutionSetup } from '../engines/execution';
import { accountTaskSink, newExecutionId } from '../engines/scriptRunner';
import { loadProjectObjects, type ProjectObjects, type ScriptObject } from '../objects';
import { effectiveDeployment, SCRIPT_DEPLOYMENT_TYPE, syncScriptDeploymentRecords } from '../records/scriptDeployments';
import { appendLoginAudit, readTbaStore, type AccessToken } from './credentials';
import { guardRecordModule, guardSearchModule, setOpenRecordTypes } from './guard';
import { AuthError, checkFreshness, hmacSha256Signature, NonceStore, parseAuthorizationHeader, signatureBaseString, signaturesMatch, type AuthFailure } from './oauth';
import { loadRoles, openCustomRecordTypes, restletAudience, type RoleDefinition } from './roles';

export interface RestletRequest {
  method: string;
  /** Path and query, e.g. /app/site/hosting/restlet.nl?script=...&deploy=... (or an absolute URL). */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface RestletResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface RestletHandlerOptions {
  accountDir: string;
  projectFolder: string;
  /** Scheme and host the caller signed (the public URL), e.g. https://123456.restlets.api.netsuite.com; default from the Host header, http. */
  publicOrigin?: string;
  /** Accepted distance of oauth_timestamp from the clock, in seconds [U]; default 300. */
  timestampWindowSeconds?: number;
  now?: () => Date;
  objects?: ProjectObjects;
}

export const RESTLET_PATH = '/app/site/hosting/restlet.nl';
const ENTRY_POINTS: Record<string, string> = { GET: 'get', POST: 'post', PUT: 'put', DELETE: 'delete' };

const json = (status: number, value: unknown, headers: Record<string, string> = {}): RestletResponse => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  body: JSON.stringify(value),
});
const failure = (status: number, code: string, message: string, headers: Record<string, string> = {}): RestletResponse => json(status, { error: { code, message } }, headers);

const header = (req: RestletRequest, name: string): string | undefined => {
  const v = req.headers[name.toLowerCase()] ?? req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

class RestletExecution extends Execution {
  constructor(setup: ExecutionSetup, executionId: string, private readonly role: RoleDefinition) {
    super(setup, executionId, USAGE_LIMITS.restlet);
  }

  override nativeModule(id: string): unknown {
    const mod = super.nativeModule(id);
    if (id === 'N/record' && mod) return guardRecordModule(mod as Record<string, unknown>, this.role.permissions, this.role.name);
    if (id === 'N/search' && mod) return guardSearchModule(mod as Record<string, unknown>, this.role.permissions, this.role.name);
    return mod;
  }
}

/** The request handler. One account at a time: calls are served one after the other. */
export function createRestletHandler(options: RestletHandlerOptions): (req: RestletRequest) => Promise<RestletResponse> {
  const now = options.now ?? (() => new Date());
  const window = options.timestampWindowSeconds ?? 300;
  const nonces = new NonceStore(window);
  let queue: Promise<unknown> = Promise.resolve();
  const serve = (req: RestletRequest): Promise<RestletResponse> => {
    const next = queue.then(() => handle(req));
    queue = next.catch(() => undefined);
    return next;
  };

  const handle = async (req: RestletRequest): Promise<RestletResponse> => {
    const method = req.method.toUpperCase();
    const origin = options.publicOrigin ?? `http://${header(req, 'host') ?? 'localhost'}`;
    let url: URL;
    try {
      url = new URL(req.url, origin);
    } catch {
      return failure(404, 'SSS_INVALID_URL', 'The URL is not valid.');
    }
    if (url.pathname !== RESTLET_PATH) return failure(404, 'SSS_INVALID_URL', `No RESTlet is served at ${url.pathname}.`);
    const objects = options.objects ?? loadProjectObjects(options.projectFolder);
    const audit = (result: 'SUCCESS' | 'FAILURE', extra: Record<string, string | undefined>): void =>
      appendLoginAudit(options.accountDir, { at: now().toISOString(), result, method, script: url.searchParams.get('script') ?? undefined, deployment: url.searchParams.get('deploy') ?? undefined, ...extra });

    // 1. Authentication.
    let token: AccessToken;
    try {
      token = authenticate(req, method, url, now, window, nonces, options.accountDir, objects);
    } catch (err) {
      if (!(err instanceof AuthError)) throw err;
      audit('FAILURE', { reason: `${err.reason}: ${err.message}` });
      return unauthorized(err.reason, objects, options.accountDir);
    }
    const roles = loadRoles(objects, readTbaStore(options.accountDir).roles ?? []);
    setOpenRecordTypes(openCustomRecordTypes(objects));
    const role = roles.get(token.role);
    if (!role) {
      audit('FAILURE', { reason: `role_unknown: ${token.role}`, user: token.entity.name, role: token.role });
      return unauthorized('token_rejected', objects, options.accountDir);
    }
    if (role.permissions !== undefined && (role.permissions.ADMI_LOGIN_OAUTH ?? 0) < 1) {
      audit('FAILURE', { reason: 'role lacks Log In Using Access Tokens (ADMI_LOGIN_OAUTH)', user: token.entity.name, role: role.scriptId });
      return unauthorized('token_rejected', objects, options.accountDir);
    }

    // 2. Which RESTlet.
    const account = Account.open(options.accountDir);
    if (syncScriptDeploymentRecords(account, objects) > 0) account.save();
    const target = findRestlet(account, objects, url.searchParams.get('script'), url.searchParams.get('deploy'));
    if (!target) {
      audit('FAILURE', { reason: 'no such RESTlet deployment', user: token.entity.name, role: role.scriptId });
      return failure(404, 'SSS_INVALID_SCRIPTLET_ID', 'That Suitelet/RESTlet is invalid, disabled, or no longer exists.');
    }
    const { script, deploymentId } = target;
    const deployment = script.deployments.find((d) => d.scriptId === deploymentId);
    if (!deployment) return failure(404, 'SSS_INVALID_SCRIPTLET_ID', 'That Suitelet/RESTlet is invalid, disabled, or no longer exists.');
    const live = effectiveDeployment(account, deployment);
    if (!live.isDeployed || script.isInactive) return failure(404, 'SSS_INVALID_SCRIPTLET_ID', 'That Suitelet/RESTlet is invalid, disabled, or no longer exists.');
    const audience = restletAudience(objects, script.scriptId, deploymentId);
    const inAudience = role.permissions === undefined || audience?.allRoles === true || (audience?.roles.includes(role.scriptId) ?? false);
    if (!inAudience) {
      audit('FAILURE', { reason: `role ${role.scriptId} is not in the audience of ${deploymentId}`, user: token.entity.name, role: role.scriptId });
      return failure(403, 'INSUFFICIENT_PERMISSION', `The role ${role.name} may not call this RESTlet.`);
    }
    audit('SUCCESS', { user: token.entity.name, role: role.scriptId, consumer: token.consumerKey.slice(0, 8) });

    // 3. The request.
    const entryName = ENTRY_POINTS[method];
    if (entryName === undefined) return failure(405, 'SSS_INVALID_HTTP_METHOD', `The HTTP method ${method} is not supported.`);
    let argument: unknown;
    if (method === 'GET' || method === 'DELETE') {
      if (req.body.trim() !== '') return failure(400, 'SSS_INVALID_REQUEST', `A ${method} request may not carry a body.`);
      argument = Object.fromEntries([...url.searchParams].filter(([k]) => k !== 'script' && k !== 'deploy'));
    } else {
      const type = (header(req, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
      if (type === 'application/json') {
        try {
          argument = req.body.trim() === '' ? {} : (JSON.parse(req.body) as unknown);
        } catch (err) {
          return failure(400, 'SSS_INVALID_JSON', `The request body is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
        }
      } else if (type === 'text/plain') {
        argument = req.body;
      } else {
        return failure(415, 'SSS_UNSUPPORTED_CONTENT_TYPE', `Content-Type ${type || '(none)'} is not supported; send application/json or text/plain.`);
      }
    }

    // 4. Run it.
    const journal = new ChangeJournal();
    const setup: ExecutionSetup = {
      account,
      projectFolder: options.projectFolder,
      objects,
      script,
      deployment: live,
      params: {},
      executionContext: 'RESTLET',
      invocationType: '',
      now,
      tasks: accountTaskSink(account, now),
      journal,
      faults: new FaultInjector(undefined),
      user: { id: token.entity.id, name: token.entity.name, email: token.entity.email, role: role.internalId, roleId: role.scriptId, ...(role.permissions ? { permissions: role.permissions } : {}) },
    };
    let execution: RestletExecution;
    try {
      execution = new RestletExecution(setup, newExecutionId(now()), role);
    } catch (err) {
      const e = describeError(err);
      return failure(500, e.name, e.message);
    }
    try {
      const entry = execution.loadEntryPoints();
      const fn = entry[entryName];
      if (typeof fn !== 'function') return failure(405, 'SSS_INVALID_HTTP_METHOD', `This RESTlet has no ${entryName} entry point.`);
      const result: unknown = await (fn as (arg: unknown) => unknown)(argument);
      // A usage-limit error the script caught still ended the call (NETSUITE.md 5).
      if (execution.meter.exceeded) throw execution.meter.exceeded;
      account.save();
      const usage = String(execution.meter.usage);
      if (typeof result === 'string') return { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8', 'x-ns-local-usage': usage }, body: result };
      return json(200, result ?? null, { 'x-ns-local-usage': usage });
    } catch (err) {
      const e = describeError(err);
      (execution.logModule.error as (t: string, d: string) => void)(e.name, e.message);
      account.save();
      return failure(400, e.name, e.message, { 'x-ns-local-usage': String(execution.meter.usage) });
    } finally {
      execution.dispose();
    }
  };
  return serve;
}

function unauthorized(reason: AuthFailure, objects: ProjectObjects, accountDir: string): RestletResponse {
  void objects;
  void accountDir;
  // NetSuite answers every refused login alike; the reason is in the login audit (and this header, for tests).
  return failure(401, 'INVALID_LOGIN_ATTEMPT', 'Invalid login attempt.', { 'www-authenticate': 'OAuth', 'x-ns-local-auth-failure': reason });
}

function authenticate(req: RestletRequest, method: string, url: URL, now: () => Date, window: number, nonces: NonceStore, accountDir: string, objects: ProjectObjects): AccessToken {
  void objects;
  const params = parseAuthorizationHeader(header(req, 'authorization'));
  if (params.signatureMethod !== 'HMAC-SHA256') throw new AuthError('unsupported_signature_method', `oauth_signature_method ${params.signatureMethod}: only HMAC-SHA256 is supported`);
  if (params.version !== undefined && params.version !== '1.0') throw new AuthError('malformed_header', `oauth_version ${params.version} is not 1.0`);
  const account = Account.open(accountDir);
  const accountId = account.settings.accountId;
  if (params.realm === undefined || params.realm.toUpperCase().replace(/-/g, '_') !== accountId.toUpperCase().replace(/-/g, '_')) {
    throw new AuthError('wrong_realm', `realm ${params.realm ?? '(none)'} is not this account (${accountId})`);
  }
  const store = readTbaStore(accountDir);
  const integration = store.integrations.find((i) => i.consumerKey === params.consumerKey);
  if (!integration) throw new AuthError('consumer_key_unknown', 'No integration record has this consumer key');
  if (integration.state !== 'ENABLED') throw new AuthError('consumer_key_refused', `The integration ${integration.name} is blocked`);
  const token = store.tokens.find((t) => t.tokenId === params.token && t.consumerKey === params.consumerKey);
  if (!token || token.revoked === true) throw new AuthError('token_rejected', 'The token is unknown, revoked, or issued for another integration');
  const nowSeconds = Math.floor(now().getTime() / 1000);
  // The signature is checked before the nonce is spent, so a forged request cannot burn a caller's nonce.
  if (!/^[1-9][0-9]{0,11}$/.test(params.timestamp)) throw new AuthError('bad_timestamp', 'oauth_timestamp is not a positive integer');
  const expected = hmacSha256Signature(signatureBaseString(method, url, params.all), integration.consumerSecret, token.tokenSecret);
  if (!signaturesMatch(expected, params.signature)) throw new AuthError('invalid_signature', 'The signature does not match the request');
  checkFreshness(params, nowSeconds, { windowSeconds: window }, nonces);
  return token;
}

/** The RESTlet script and deployment a URL names (script ids, or the deployment record's internal id for deploy). */
function findRestlet(account: Account, objects: ProjectObjects, script: string | null, deploy: string | null): { script: ScriptObject; deploymentId: string } | undefined {
  if (script === null || deploy === null || script === '' || deploy === '') return undefined;
  let deploymentId = deploy;
  if (/^\d+$/.test(deploy)) {
    const rec = account.getRecord(SCRIPT_DEPLOYMENT_TYPE, Number(deploy));
    if (!rec) return undefined;
    deploymentId = String(rec.fields.scriptid);
  }
  const found = objects.scripts.find((s) => s.objectType === 'restlet' && s.scriptId === script && s.deployments.some((d) => d.scriptId === deploymentId));
  return found ? { script: found, deploymentId } : undefined;
}

export const restletUrl = (scriptId: string, deploymentId: string): string => `${RESTLET_PATH}?script=${encodeURIComponent(scriptId)}&deploy=${encodeURIComponent(deploymentId)}`;

export const defaultProjectFolder = (repoRoot: string): string => path.join(repoRoot, 'src');
