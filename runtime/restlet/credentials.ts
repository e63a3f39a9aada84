// The TBA credentials an account holds: integration records (consumer key and secret, state) and access tokens
// (token id and secret, bound to one integration, one user and one role: Oracle help section_1530099787 [D]).
// Kept in <account>/tba.json, beside account.json; written by `ns-local restlets token` and by tests. The login
// audit (every refused or accepted RESTlet login with its reason, like Setup > Users/Roles > View Login Audit
// Trail) goes to <account>/login-audit.jsonl.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface IntegrationRecord {
  name: string;
  consumerKey: string;
  consumerSecret: string;
  /** ENABLED | BLOCKED (a blocked integration's calls are refused: consumer_key_refused, subsect_156935170194 [D]). */
  state: 'ENABLED' | 'BLOCKED';
}

export interface AccessToken {
  tokenId: string;
  tokenSecret: string;
  consumerKey: string;
  /** The user the token belongs to. */
  entity: { id: number; name: string; email: string };
  /** Role script id (customrole_...) or 'administrator'. */
  role: string;
  /** Revoked tokens are refused (token_rejected). */
  revoked?: boolean;
}

/** A role as an admin left it in the account's UI (a role the project does not define, or an SDF role edited after deploy). */
export interface AccountRole {
  scriptId: string;
  name: string;
  /** permkey -> NONE | VIEW | CREATE | EDIT | FULL */
  permissions: Record<string, string>;
}

export interface TbaStore {
  integrations: IntegrationRecord[];
  tokens: AccessToken[];
  /** Roles edited or created in the account; they win over the SDF definition of the same script id. */
  roles?: AccountRole[];
}

const FILE = 'tba.json';
const AUDIT_FILE = 'login-audit.jsonl';

export function readTbaStore(accountDir: string): TbaStore {
  const file = path.join(accountDir, FILE);
  if (!fs.existsSync(file)) return { integrations: [], tokens: [] };
  return JSON.parse(fs.readFileSync(file, 'utf8')) as TbaStore;
}

export function writeTbaStore(accountDir: string, store: TbaStore): void {
  const file = path.join(accountDir, FILE);
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(store, null, 2));
  fs.renameSync(`${file}.tmp`, file);
}

const secret = (): string => randomBytes(32).toString('hex');

/** Creates an integration record (Setup > Integration > Manage Integrations > New, TBA checked). */
export function createIntegration(accountDir: string, name: string): IntegrationRecord {
  const store = readTbaStore(accountDir);
  const integration: IntegrationRecord = { name, consumerKey: secret(), consumerSecret: secret(), state: 'ENABLED' };
  store.integrations.push(integration);
  writeTbaStore(accountDir, store);
  return integration;
}

/** Issues an access token for a user and role on an integration (Setup > Users/Roles > Access Tokens > New). */
export function issueToken(accountDir: string, consumerKey: string, entity: AccessToken['entity'], role: string): AccessToken {
  const store = readTbaStore(accountDir);
  if (!store.integrations.some((i) => i.consumerKey === consumerKey)) throw new Error(`No integration record with consumer key ${consumerKey.slice(0, 8)}...`);
  const token: AccessToken = { tokenId: secret(), tokenSecret: secret(), consumerKey, entity, role };
  store.tokens.push(token);
  writeTbaStore(accountDir, store);
  return token;
}

export interface LoginAuditEntry {
  at: string;
  result: 'SUCCESS' | 'FAILURE';
  reason?: string;
  user?: string;
  role?: string;
  consumer?: string;
  script?: string;
  deployment?: string;
  method: string;
}

export function appendLoginAudit(accountDir: string, entry: LoginAuditEntry): void {
  fs.appendFileSync(path.join(accountDir, AUDIT_FILE), `${JSON.stringify(entry)}\n`);
}

export function readLoginAudit(accountDir: string): LoginAuditEntry[] {
  const file = path.join(accountDir, AUDIT_FILE);
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as LoginAuditEntry);
}
