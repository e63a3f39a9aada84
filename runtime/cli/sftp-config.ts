// `ns-local sftp config`: creates or updates the account's HotWax SFTP Configuration record
// (customrecord_hwx_sftp_config), the way an admin fills it in NetSuite (README: After deploying). The record
// holds ids only: the password goes where the runtime keeps API secrets (account.json `secrets`, read by N/sftp
// through `secret`, NETSUITE.md 1.2) and so does an SSH private key (`keyId`). The host key is pinned as base64
// plus its type, RSA, DSA or ECDSA (NETSUITE.md 1.3).
import * as fs from 'node:fs';
import type { Account } from '../account/account';
import type { FieldValue, StoredRecord } from '../account/types';
import { decodeHostKey, keyFamily, toSsh2PrivateKey } from '../sftp/keys';
import type { NetSuiteHostKeyType } from '../sftp/host-key-scan';

export const SFTP_CONFIG_RECORD = 'customrecord_hwx_sftp_config';
/** The API secret id used when none is given or recorded (the id README's setup suggests). */
export const DEFAULT_SFTP_SECRET_ID = 'custsecret_hwx_sftp_password';

const F = {
  host: 'custrecord_hwx_sftp_host',
  port: 'custrecord_hwx_sftp_port',
  username: 'custrecord_hwx_sftp_username',
  secret: 'custrecord_hwx_sftp_secret',
  keyId: 'custrecord_hwx_sftp_key_id',
  hostKey: 'custrecord_hwx_sftp_host_key',
  hostKeyType: 'custrecord_hwx_sftp_host_key_type',
  baseDir: 'custrecord_hwx_sftp_base_dir',
  timeout: 'custrecord_hwx_sftp_timeout',
} as const;

export class SftpConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SftpConfigError';
  }
}

export interface SftpConfigRequest {
  /** Internal id of the record to update; by default the only active one (created when there is none). */
  recordId?: number;
  name?: string;
  host?: string;
  port?: number;
  user?: string;
  /** Stored as the API secret `secretId`; never in the record. */
  password?: string;
  secretId?: string;
  keyId?: string;
  /** PEM private key stored under `keyId` (as a key uploaded at Setup > Company > Keys). */
  privateKeyFile?: string;
  hostKey?: { base64: string; type?: string };
  baseDir?: string;
  timeoutSeconds?: number;
}

export interface SftpConfigResult {
  record: number;
  created: boolean;
  name: string;
  host: string;
  port: number;
  user: string;
  secret: string;
  keyId: string;
  hostKey: { type: string; base64: string };
  baseDir: string;
  timeoutSeconds: number;
}

const text = (v: FieldValue | undefined): string => (v === null || v === undefined ? '' : String(v).trim());

/** The record a request is about: the one named, or the only active one, or none (create). */
export function chooseSftpConfigRecord(account: Account, recordId?: number): StoredRecord | undefined {
  if (recordId !== undefined) {
    const rec = account.getRecord(SFTP_CONFIG_RECORD, recordId);
    if (!rec) throw new SftpConfigError(`no ${SFTP_CONFIG_RECORD} record ${recordId} in this account`);
    return rec;
  }
  const active = account.listRecords(SFTP_CONFIG_RECORD).filter((r) => r.fields.isinactive !== true && r.fields.isinactive !== 'T');
  if (active.length > 1) {
    throw new SftpConfigError(`several active ${SFTP_CONFIG_RECORD} records (${active.map((r) => r.id).join(', ')}): choose one with --record <id>`);
  }
  return active[0];
}

/** Where an existing record points (for --host-key-from-server without --host/--port). */
export function currentEndpoint(rec: StoredRecord | undefined): { host: string; port: number } | undefined {
  if (!rec) return undefined;
  const host = text(rec.fields[F.host]);
  const port = Number(text(rec.fields[F.port]) || 22);
  return host === '' ? undefined : { host, port };
}

function checkHostKey(base64: string, type: string | undefined): { base64: string; type: NetSuiteHostKeyType } {
  const trimmed = base64.replace(/\s+/g, '');
  const decoded = decodeHostKey(trimmed);
  if (!decoded) throw new SftpConfigError('the host key is not a base64 SSH public key (the third field of an ssh-keyscan line)');
  const family = keyFamily(decoded.type);
  // NetSuite lists RSA, DSA and ECDSA host keys (NETSUITE.md 1.3); ed25519 is not among them.
  if (family !== 'rsa' && family !== 'dsa' && family !== 'ecdsa') throw new SftpConfigError(`NetSuite accepts RSA, DSA and ECDSA host keys, not ${decoded.type}`);
  if (type !== undefined && type !== '' && type.toLowerCase() !== family) throw new SftpConfigError(`--host-key-type ${type} does not match the ${decoded.type} host key`);
  return { base64: trimmed, type: family };
}

/** Creates or updates the configuration record and the secrets it names; returns what it holds now (no password). */
export function configureSftp(account: Account, request: SftpConfigRequest): SftpConfigResult {
  const existing = chooseSftpConfigRecord(account, request.recordId);
  const was = existing?.fields ?? {};
  const problems: string[] = [];

  const host = request.host ?? text(was[F.host]);
  if (host === '' || /[/:\s@]/.test(host)) problems.push('--host must be a host name or IP address, without scheme, user, port or path');
  const port = request.port ?? Number(text(was[F.port]) || 22);
  if (!Number.isInteger(port) || port < 1 || port > 65535) problems.push('--port must be 1-65535');
  const user = request.user ?? text(was[F.username]);
  if (user === '') problems.push('--user is required');

  let secret = text(was[F.secret]);
  if (request.secretId !== undefined) secret = request.secretId;
  if (request.password !== undefined && secret === '') secret = DEFAULT_SFTP_SECRET_ID;
  if (secret !== '' && !/^custsecret[a-z0-9_]{1,89}$/.test(secret)) problems.push(`the API secret id "${secret}" must start with custsecret (lower case letters, digits, _)`);
  if (request.password === '') problems.push('--password is empty');
  const keyId = request.keyId ?? text(was[F.keyId]);
  if (keyId !== '' && !/^[a-z0-9_]{1,99}$/.test(keyId)) problems.push(`the SSH key id "${keyId}" must be a script id (lower case letters, digits, _)`);
  if (request.privateKeyFile !== undefined && keyId === '') problems.push('--private-key-file needs --key-id');
  if (secret === '' && keyId === '') problems.push('give --password (stored as an API secret) or --key-id');
  if (secret !== '' && request.password === undefined && account.secrets[secret]?.password === undefined) problems.push(`the account has no API secret ${secret}: give --password`);
  if (keyId !== '' && request.privateKeyFile === undefined && account.secrets[keyId]?.privateKey === undefined) problems.push(`the account has no SSH key ${keyId}: give --private-key-file`);

  let hostKey: { base64: string; type: string } | undefined;
  try {
    if (request.hostKey) hostKey = checkHostKey(request.hostKey.base64, request.hostKey.type);
    else if (text(was[F.hostKey]) !== '') hostKey = { base64: text(was[F.hostKey]), type: text(was[F.hostKeyType]) };
    else problems.push('give the host key: --host-key-from-server, or --host-key <base64> [--host-key-type rsa|dsa|ecdsa]');
  } catch (err) {
    problems.push((err as Error).message);
  }

  let baseDir = request.baseDir ?? (text(was[F.baseDir]) || '/');
  if (!baseDir.startsWith('/') || /\s/.test(baseDir)) problems.push('--base-dir must be an absolute path such as /home/<user>/netsuite/');
  if (!baseDir.endsWith('/')) baseDir += '/';
  const timeoutSeconds = request.timeoutSeconds ?? Number(text(was[F.timeout]) || 20);
  if (!Number.isInteger(timeoutSeconds) || timeoutSeconds < 1 || timeoutSeconds > 20) problems.push('--timeout must be 1-20 seconds (N/sftp allows at most 20)');

  let privateKey: string | undefined;
  if (request.privateKeyFile !== undefined) {
    try {
      privateKey = fs.readFileSync(request.privateKeyFile, 'utf8');
      toSsh2PrivateKey(privateKey);
    } catch (err) {
      problems.push(`--private-key-file ${request.privateKeyFile}: ${(err as Error).message}`);
    }
  }
  if (problems.length > 0 || hostKey === undefined) throw new SftpConfigError(`SFTP configuration not saved: ${problems.join('; ')}`);

  if (request.password !== undefined) account.secrets[secret] = { ...account.secrets[secret], password: request.password };
  if (privateKey !== undefined) account.secrets[keyId] = { ...account.secrets[keyId], privateKey };
  const name = request.name ?? (text(was.name) || 'HotWax SFTP');
  const fields: Record<string, FieldValue> = {
    name,
    [F.host]: host,
    [F.port]: port,
    [F.username]: user,
    [F.secret]: secret,
    [F.keyId]: keyId,
    [F.hostKey]: hostKey.base64,
    [F.hostKeyType]: hostKey.type,
    [F.baseDir]: baseDir,
    [F.timeout]: timeoutSeconds,
  };
  let id: number;
  if (existing) {
    account.replaceRecord({ ...existing, fields: { ...existing.fields, ...fields } });
    id = existing.id;
  } else {
    id = account.insertRecord(SFTP_CONFIG_RECORD, { isinactive: false, ...fields }).id;
  }
  return { record: id, created: existing === undefined, name, host, port, user, secret, keyId, hostKey, baseDir, timeoutSeconds };
}
