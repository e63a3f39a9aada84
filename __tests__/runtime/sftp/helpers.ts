// Shared set-up for the SFTP tests: temp roots, test keys, a server in a child process, simple N/sftp deps.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { utils } from 'ssh2';
import { createSftpModule, type SftpModule, type SftpModuleOptions } from '../../../runtime/modules/sftp';
import { startSftpServerProcess, type SftpServerProcess } from '../../../runtime/sftp/server-process';
import type { SftpUser } from '../../../runtime/sftp/server';

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `ns-sftp-${prefix}-`));
}

export interface TestKeys {
  /** PKCS#8 PEM, the format NetSuite's key store usually holds. */
  privatePem: string;
  /** OpenSSH 'ssh-rsa AAAA...' line. */
  publicOpenSsh: string;
}

export function rsaKeys(): TestKeys {
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pkcs1 = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const parsed = utils.parseKey(pkcs1);
  if (parsed instanceof Error) throw parsed;
  return {
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicOpenSsh: `ssh-rsa ${parsed.getPublicSSH().toString('base64')} test@ns-local`,
  };
}

/** ssh-keyscan style base64 of a freshly generated, unrelated key. */
export function otherHostKey(kind: 'ecdsa' | 'rsa'): string {
  const { privateKey } =
    kind === 'ecdsa'
      ? crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
      : crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: kind === 'ecdsa' ? 'sec1' : 'pkcs1', format: 'pem' }).toString();
  const parsed = utils.parseKey(pem);
  if (parsed instanceof Error) throw parsed;
  return parsed.getPublicSSH().toString('base64');
}

/** Host key next to (not inside) the root, so listings of the root stay clean. */
export function hostKeyFileFor(root: string): string {
  return `${root}-host-key.pem`;
}

export async function startServer(root: string, users: SftpUser[]): Promise<SftpServerProcess> {
  return startSftpServerProcess({ root, users, hostKeyFile: hostKeyFileFor(root) });
}

export function removeServerFiles(root: string): void {
  fs.rmSync(root, { recursive: true, force: true });
  fs.rmSync(hostKeyFileFor(root), { force: true });
}

export class TestSuiteScriptError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

export interface TestFile {
  name: string;
  contents: Uint8Array;
}

export interface Harness {
  sftp: SftpModule;
  charges: Array<[string, number]>;
}

export function harness(secrets: Record<string, string>, keys: Record<string, string>, options?: SftpModuleOptions): Harness {
  const charges: Array<[string, number]> = [];
  const sftp = createSftpModule({
    resolveSecret: (id) => secrets[id],
    resolveKey: (id) => keys[id],
    charge: (api, units) => void charges.push([api, units]),
    createError: (name, message) => new TestSuiteScriptError(name, message),
    createFile: ({ name, contents }): TestFile => ({ name, contents }),
    fileBytes: (file) => {
      const f = file as TestFile;
      return { name: f.name, bytes: f.contents };
    },
    options,
  });
  return { sftp, charges };
}

/** Runs fn and returns the SuiteScriptError name it threw. */
export function errorName(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return e instanceof Error ? e.name : String(e);
  }
  throw new Error('expected an error');
}

export function sha256(bytes: Uint8Array): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}
