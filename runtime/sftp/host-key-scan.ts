// Reads a running SSH server's host key, as `ssh-keyscan -t <type> -p <port> <host>` does: the base64 key and
// its type that NetSuite pins (NETSUITE.md 1.3: RSA, DSA and ECDSA host keys; no trust on first use). Only the
// key exchange runs: the client refuses the key as soon as it has it, so no login is attempted.
import { Client, type ServerHostKeyAlgorithm } from 'ssh2';
import { blobKeyType, keyFamily } from './keys';

/** The host key types NetSuite accepts (NETSUITE.md 1.3; ed25519 is not listed). */
export type NetSuiteHostKeyType = 'rsa' | 'dsa' | 'ecdsa';
export const NETSUITE_HOST_KEY_TYPES: readonly NetSuiteHostKeyType[] = ['ecdsa', 'rsa', 'dsa'];

const ALGORITHMS: Record<NetSuiteHostKeyType, ServerHostKeyAlgorithm[]> = {
  ecdsa: ['ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521'],
  rsa: ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'],
  dsa: ['ssh-dss'],
};

export interface ScannedHostKey {
  type: NetSuiteHostKeyType;
  /** The SSH key type name, e.g. ecdsa-sha2-nistp256. */
  sshType: string;
  /** The base64 field ssh-keyscan prints: what goes in the configuration record. */
  base64: string;
}

export class HostKeyScanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HostKeyScanError';
  }
}

/**
 * Connects to host:port and returns the server's host key of `type`, or of the first type NetSuite accepts
 * that the server has (ECDSA, then RSA, then DSA). A server with none of them is an error.
 */
export function scanHostKey(host: string, port: number, options: { type?: NetSuiteHostKeyType; timeoutMs?: number } = {}): Promise<ScannedHostKey> {
  const types = options.type ? [options.type] : NETSUITE_HOST_KEY_TYPES;
  const timeoutMs = options.timeoutMs ?? 10_000;
  return new Promise<ScannedHostKey>((resolve, reject) => {
    const client = new Client();
    let settled = false;
    let scanned: ScannedHostKey | undefined;
    let problem: string | undefined;
    const finish = (err?: Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      client.end();
      if (scanned) resolve(scanned);
      else reject(err ?? new HostKeyScanError(`no host key read from ${host}:${port}`));
    };
    const timer = setTimeout(() => finish(new HostKeyScanError(`no answer from ${host}:${port} within ${timeoutMs} ms`)), timeoutMs);
    client.on('error', (err: Error) => {
      const message = /no matching host key/i.test(err.message)
        ? `${host}:${port} has no ${types.map((t) => t.toUpperCase()).join(', ')} host key; NetSuite accepts RSA, DSA and ECDSA host keys only`
        : (problem ?? `cannot read the host key of ${host}:${port}: ${err.message}`);
      finish(new HostKeyScanError(message));
    });
    client.on('close', () => finish());
    client.connect({
      host,
      port,
      username: 'ns-local-keyscan',
      readyTimeout: timeoutMs,
      algorithms: { serverHostKey: types.flatMap((t) => ALGORITHMS[t]) },
      hostVerifier: (key: Buffer): boolean => {
        const sshType = blobKeyType(key);
        const family = sshType === undefined ? undefined : keyFamily(sshType);
        if (sshType !== undefined && family !== undefined && family !== 'ed25519') scanned = { type: family, sshType, base64: key.toString('base64') };
        else problem = `${host}:${port} presented a host key NetSuite does not accept (${sshType ?? 'unknown type'})`;
        return false; // the key is all we came for
      },
    });
  });
}
