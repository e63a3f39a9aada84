/**
 * The SFTP configuration HotWax registers at onboarding (the fields of HotWax's HC_RL_StoreSFTPConfiguration:
 * hostName, userName, port, hostKey, defaultDirectory, secretId; docs/restlets.md), validated:
 *  - the host is a name or an IPv4 address, no scheme, no port (NETSUITE.md 1.1: url);
 *  - the port is 1-65535 (NETSUITE.md 1.1 allows 0-65535; 0 is no port a server listens on);
 *  - the user is 1-64 visible characters;
 *  - the host key is required and pinned: the base64 public key blob ssh-keyscan prints, whose embedded type is
 *    RSA, DSA or ECDSA (NETSUITE.md 1.3; NetSuite never trusts on first use; ed25519 is not listed, [U]);
 *    hostKeyType, when sent, must match the blob;
 *  - the password is never sent: only the script id of an API Secret (custsecret..., NETSUITE.md 1.2). Any field
 *    whose name mentions a password is refused before anything else is looked at.
 * Pure (its own base64 decoder: no Buffer or atob in SuiteScript).
 */
import { IntegrationError } from '../integrationError';

export type HostKeyType = 'rsa' | 'dsa' | 'ecdsa';

export interface SftpConfigInput {
  host: string;
  port: number;
  username: string;
  hostKey: string;
  hostKeyType: HostKeyType;
  secretId: string;
  /** Absent: keep the record's (an update) or fail (a create). */
  baseDirectory?: string;
}

const bad = (message: string, field?: string): IntegrationError => new IntegrationError('BAD_REQUEST', message, field ? { field } : {});

const ALLOWED = ['hostName', 'userName', 'port', 'hostKey', 'hostKeyType', 'defaultDirectory', 'secretId'] as const;

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Decodes standard base64 (with padding); undefined when it is not base64. */
export function decodeBase64(text: string): number[] | undefined {
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return undefined;
  const out: number[] = [];
  for (let i = 0; i < text.length; i += 4) {
    const n = [0, 1, 2, 3].map((j) => (text[i + j] === '=' ? 0 : B64.indexOf(text[i + j] ?? 'A')));
    const v = ((n[0] ?? 0) << 18) | ((n[1] ?? 0) << 12) | ((n[2] ?? 0) << 6) | (n[3] ?? 0);
    out.push((v >> 16) & 255);
    if (text[i + 2] !== '=') out.push((v >> 8) & 255);
    if (text[i + 3] !== '=') out.push(v & 255);
  }
  return out;
}

/** The key type string at the start of an SSH public key blob (uint32 length + name), e.g. 'ssh-rsa'. */
export function sshKeyTypeName(blob: readonly number[]): string | undefined {
  if (blob.length < 4) return undefined;
  const len = (((blob[0] ?? 0) << 24) | ((blob[1] ?? 0) << 16) | ((blob[2] ?? 0) << 8) | (blob[3] ?? 0)) >>> 0;
  if (len < 3 || len > 40 || blob.length < 4 + len) return undefined;
  return String.fromCharCode(...blob.slice(4, 4 + len));
}

function familyOf(name: string): HostKeyType | 'ed25519' | undefined {
  if (name === 'ssh-rsa') return 'rsa';
  if (name === 'ssh-dss') return 'dsa';
  if (/^ecdsa-sha2-nistp(256|384|521)$/.test(name)) return 'ecdsa';
  if (name === 'ssh-ed25519') return 'ed25519';
  return undefined;
}

const HOST = /^(?=.{1,253}$)([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export function parseSftpConfigRequest(body: unknown): SftpConfigInput {
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {
      throw bad('The request body is not JSON.');
    }
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw bad('The request body must be a JSON object.');
  const o = body as Record<string, unknown>;
  const secrets = Object.keys(o).filter((k) => /pass|pwd/i.test(k));
  if (secrets.length > 0) {
    throw new IntegrationError('PASSWORD_NOT_ACCEPTED', `Never send a password (${secrets.join(', ')}): store it in Setup > Company > API Secrets and send its script id as secretId.`);
  }
  const extra = Object.keys(o).filter((k) => !(ALLOWED as readonly string[]).includes(k));
  if (extra.length > 0) throw bad(`Unknown field(s) ${extra.join(', ')}; this call accepts ${ALLOWED.join(', ')}.`);

  const host = o.hostName;
  if (typeof host !== 'string' || host === '') throw bad('hostName is required.', 'hostName');
  if (/[:/@\s]/.test(host) || !(IPV4.test(host) || (HOST.test(host) && !/^\d+(\.\d+)*$/.test(host)))) {
    throw bad('hostName must be a host name or an IPv4 address, without scheme, user or port.', 'hostName');
  }
  const rawPort = o.port ?? 22;
  const port = typeof rawPort === 'number' ? rawPort : typeof rawPort === 'string' && /^\d{1,5}$/.test(rawPort) ? Number(rawPort) : NaN;
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw bad('port must be a whole number from 1 to 65535.', 'port');
  const username = o.userName;
  if (typeof username !== 'string' || !/^[\x21-\x7e]{1,64}$/.test(username)) throw bad('userName is required: 1-64 visible characters, no spaces.', 'userName');
  const secretId = o.secretId;
  if (typeof secretId !== 'string' || !/^custsecret[a-z0-9_]{1,89}$/.test(secretId)) {
    throw bad('secretId is required: the script id of an API Secret (custsecret..., lower case), never the password itself.', 'secretId');
  }
  const hostKey = typeof o.hostKey === 'string' ? o.hostKey.trim() : '';
  if (hostKey === '') throw bad('hostKey is required: NetSuite pins the server\'s key (ssh-keyscan -t ecdsa -p <port> <host>, third field).', 'hostKey');
  const blob = decodeBase64(hostKey);
  const name = blob && blob.length >= 64 ? sshKeyTypeName(blob) : undefined;
  const family = name === undefined ? undefined : familyOf(name);
  if (family === undefined) throw bad('hostKey is not a base64 SSH public key (send only the third field of an ssh-keyscan line).', 'hostKey');
  if (family === 'ed25519') throw bad('hostKey is an ed25519 key; NetSuite accepts RSA, DSA or ECDSA host keys (ssh-keyscan -t ecdsa or -t rsa).', 'hostKey');
  const declared = o.hostKeyType;
  if (declared !== undefined && declared !== null && declared !== '') {
    if (typeof declared !== 'string' || declared.toLowerCase() !== family) throw bad(`hostKeyType ${JSON.stringify(declared)} does not match the key, which is ${family}.`, 'hostKeyType');
  }
  const input: SftpConfigInput = { host: host.toLowerCase(), port, username, hostKey, hostKeyType: family, secretId };
  const dir = o.defaultDirectory;
  if (dir !== undefined && dir !== null && dir !== '') {
    if (typeof dir !== 'string' || !dir.startsWith('/') || !dir.endsWith('/') || dir.length > 300 || dir.split('/').some((p) => p === '..' || p === '.') || dir.split('').some((c) => c.charCodeAt(0) < 32 || c === '\\')) {
      throw bad('defaultDirectory must be an absolute path ending in / (e.g. /home/<user>/netsuite/), without . or .. parts.', 'defaultDirectory');
    }
    input.baseDirectory = dir;
  }
  return input;
}
