// SSH key helpers shared by the server, the bridge worker and the N/sftp module.
import * as crypto from 'node:crypto';
import { utils, type ParsedKey } from 'ssh2';

export type HostKeyFamily = 'rsa' | 'dsa' | 'ecdsa' | 'ed25519';

/** The key family of an SSH key type name ('ssh-rsa' -> 'rsa', 'ecdsa-sha2-nistp256' -> 'ecdsa'). */
export function keyFamily(sshType: string): HostKeyFamily | undefined {
  if (sshType === 'ssh-rsa') return 'rsa';
  if (sshType === 'ssh-dss') return 'dsa';
  if (/^ecdsa-sha2-nistp(256|384|521)$/.test(sshType)) return 'ecdsa';
  if (sshType === 'ssh-ed25519') return 'ed25519';
  return undefined;
}

/** Reads the key type name at the start of an SSH wire-format public key blob. */
export function blobKeyType(blob: Buffer): string | undefined {
  if (blob.length < 4) return undefined;
  const len = blob.readUInt32BE(0);
  if (len === 0 || len > 64 || 4 + len > blob.length) return undefined;
  const name = blob.subarray(4, 4 + len).toString('latin1');
  return /^[a-z0-9@.-]+$/.test(name) ? name : undefined;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Decodes the base64 field that ssh-keyscan prints. Returns undefined when it is not base64, too short,
 * or not an SSH public key blob (NetSuite: FTP_MALFORMED_HOST_KEY, "not base64 or too short").
 */
export function decodeHostKey(base64: string): { type: string; blob: Buffer } | undefined {
  const text = base64.trim();
  if (text.length < 24 || !BASE64.test(text)) return undefined;
  const blob = Buffer.from(text, 'base64');
  const type = blobKeyType(blob);
  if (type === undefined || keyFamily(type) === undefined) return undefined;
  const parsed = utils.parseKey(`${type} ${text}`);
  if (parsed instanceof Error) return undefined;
  return { type, blob };
}

function sshString(data: Buffer | string): Buffer {
  const body = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
  const len = Buffer.alloc(4);
  len.writeUInt32BE(body.length, 0);
  return Buffer.concat([len, body]);
}

function sshMpint(unsigned: Buffer): Buffer {
  let start = 0;
  while (start < unsigned.length - 1 && unsigned[start] === 0) start++;
  let bytes = unsigned.subarray(start);
  if (bytes.length > 0 && ((bytes[0] ?? 0) & 0x80) !== 0) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return sshString(bytes);
}

const EC_CURVES: Record<string, string> = { 'P-256': 'nistp256', 'P-384': 'nistp384', 'P-521': 'nistp521' };

/** SSH wire-format blob of a Node public key (RSA or EC); undefined for other kinds. */
function nodeKeyToBlob(key: crypto.KeyObject): Buffer | undefined {
  const jwk = key.export({ format: 'jwk' });
  if (jwk.kty === 'RSA' && jwk.n !== undefined && jwk.e !== undefined) {
    return Buffer.concat([
      sshString('ssh-rsa'),
      sshMpint(Buffer.from(jwk.e, 'base64url')),
      sshMpint(Buffer.from(jwk.n, 'base64url')),
    ]);
  }
  const curve = jwk.crv === undefined ? undefined : EC_CURVES[jwk.crv];
  if (jwk.kty === 'EC' && curve !== undefined && jwk.x !== undefined && jwk.y !== undefined) {
    const point = Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x, 'base64url'), Buffer.from(jwk.y, 'base64url')]);
    return Buffer.concat([sshString(`ecdsa-sha2-${curve}`), sshString(curve), sshString(point)]);
  }
  return undefined;
}

/**
 * Parses a user's public key: an OpenSSH line ('ssh-rsa AAAA... comment') or any PEM that Node reads
 * (SPKI, PKCS#1, or a private key from which the public half is taken).
 */
export function parsePublicKey(text: string): ParsedKey {
  const trimmed = text.trim();
  if (!trimmed.startsWith('-----')) {
    const parsed = utils.parseKey(trimmed);
    if (parsed instanceof Error) throw new Error(`unsupported public key: ${parsed.message}`);
    return parsed;
  }
  let blob: Buffer | undefined;
  try {
    blob = nodeKeyToBlob(crypto.createPublicKey(trimmed));
  } catch (err) {
    throw new Error(`unsupported public key PEM: ${(err as Error).message}`);
  }
  const type = blob === undefined ? undefined : blobKeyType(blob);
  if (blob === undefined || type === undefined) throw new Error('unsupported public key type (use RSA or ECDSA)');
  const parsed = utils.parseKey(`${type} ${blob.toString('base64')}`);
  if (parsed instanceof Error) throw new Error(`unsupported public key: ${parsed.message}`);
  return parsed;
}

/**
 * Returns a private key text that ssh2 can parse. ssh2 reads OpenSSH and the traditional PEM formats
 * (RSA/DSA/EC PRIVATE KEY) but not PKCS#8 ("BEGIN PRIVATE KEY"), so PKCS#8 is converted.
 */
export function toSsh2PrivateKey(text: string): string {
  const parsed = utils.parseKey(text);
  if (!(parsed instanceof Error)) return text;
  const key = crypto.createPrivateKey(text);
  if (key.asymmetricKeyType === 'rsa') return key.export({ type: 'pkcs1', format: 'pem' }).toString();
  if (key.asymmetricKeyType === 'ec') return key.export({ type: 'sec1', format: 'pem' }).toString();
  throw new Error(`unsupported private key type ${String(key.asymmetricKeyType)} (use RSA or ECDSA)`);
}

/** The base64 field ssh-keyscan prints for a parsed key (the SSH wire-format public key). */
export function publicKeyBase64(key: ParsedKey): string {
  return key.getPublicSSH().toString('base64');
}
