// N/sftp emulation end to end: createSftpModule -> synchronous bridge -> SFTP server in a child process.
import { spawn } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import type { SftpConnection } from '../../../runtime/modules/sftp';
import type { SftpServerProcess } from '../../../runtime/sftp/server-process';
import {
  errorName,
  harness,
  otherHostKey,
  removeServerFiles,
  rsaKeys,
  sha256,
  startServer,
  tempDir,
  type Harness,
  type TestFile,
  type TestKeys,
} from './helpers';
import { EMBEDDED_SFTP_PASSWORD } from '../../../runtime/sftp/defaults';

const PASSWORD = EMBEDDED_SFTP_PASSWORD;
const SECRETS = { custsecret_sftp: PASSWORD, custsecret_wrong: 'wrong password' };

let root: string;
let server: SftpServerProcess;
let keys: TestKeys;
let h: Harness;

beforeAll(async () => {
  root = tempDir('module');
  keys = rsaKeys();
  server = await startServer(root, [
    { username: 'alice', password: PASSWORD },
    { username: 'bob', publicKey: keys.publicOpenSsh },
  ]);
  h = harness(SECRETS, { custkey_bob: keys.privatePem });
});

afterAll(async () => {
  await server.close();
  removeServerFiles(root);
});

beforeEach(() => {
  h.charges.length = 0;
});

function options(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    url: server.host,
    port: server.port,
    username: 'alice',
    secret: 'custsecret_sftp',
    hostKey: server.hostKey.base64,
    hostKeyType: 'ecdsa',
    ...extra,
  };
}

function connect(extra: Record<string, unknown> = {}): SftpConnection {
  return h.sftp.createConnection(options(extra));
}

/** A fresh folder under the server root, used as the connection directory. */
function workDir(name: string): string {
  fs.mkdirSync(path.join(root, name), { recursive: true });
  return name;
}

const file = (name: string, contents: string | Uint8Array): TestFile => ({
  name,
  contents: typeof contents === 'string' ? new TextEncoder().encode(contents) : contents,
});

describe('module shape', () => {
  test('Sort is a read-only enum of the module', () => {
    expect(h.sftp.Sort).toEqual({ DATE: 'DATE', DATE_DESC: 'DATE_DESC', SIZE: 'SIZE', SIZE_DESC: 'SIZE_DESC', NAME: 'NAME', NAME_DESC: 'NAME_DESC' });
    expect(errorName(() => ((h.sftp as unknown as Record<string, unknown>).Sort = {}))).toBe('READ_ONLY_PROPERTY');
    expect(Object.isFrozen(h.sftp.Sort)).toBe(true);
  });

  test('MAX_FILE_SIZE and MAX_TRANSFER_TIMEOUT are read-only members of the Connection, not of the module (help section_1557238937)', () => {
    const c = connect();
    expect(c.MAX_FILE_SIZE).toBe(100000000);
    expect(c.MAX_TRANSFER_TIMEOUT).toBe(300);
    expect(errorName(() => ((c as unknown as Record<string, unknown>).MAX_FILE_SIZE = 5))).toBe('READ_ONLY_PROPERTY');
    expect((h.sftp as unknown as Record<string, unknown>).MAX_FILE_SIZE).toBeUndefined();
  });

  test('list requires options.path (help section_1557235176); "." lists the connection directory', () => {
    const c = connect();
    expect(errorName(() => c.list())).toBe('SSS_MISSING_REQD_ARGUMENT');
    expect(errorName(() => c.list({ sort: 'NAME' }))).toBe('SSS_MISSING_REQD_ARGUMENT');
    expect(Array.isArray(c.list({ path: '.' }))).toBe(true);
  });
});

describe('createConnection', () => {
  test('password auth through an API secret (0 units)', () => {
    const c = connect();
    expect(Array.isArray(c.list({ path: '.' }))).toBe(true);
    expect(h.charges[0]).toEqual(['sftp.createConnection', 0]);
  });

  test('passwordGuid resolves like a secret', () => {
    expect(() => connect({ secret: undefined, passwordGuid: 'custsecret_sftp' })).not.toThrow();
  });

  test('public-key auth through keyId (PKCS#8 PEM)', () => {
    const c = connect({ username: 'bob', secret: undefined, keyId: 'custkey_bob' });
    expect(Array.isArray(c.list({ path: '.' }))).toBe(true);
  });

  test('wrong password -> FTP_CANNOT_ESTABLISH_CONNECTION', () => {
    expect(errorName(() => connect({ secret: 'custsecret_wrong' }))).toBe('FTP_CANNOT_ESTABLISH_CONNECTION');
  });

  test('wrong key for the user -> FTP_CANNOT_ESTABLISH_CONNECTION', () => {
    const other = harness(SECRETS, { custkey_bob: rsaKeys().privatePem });
    expect(errorName(() => other.sftp.createConnection(options({ username: 'bob', secret: undefined, keyId: 'custkey_bob' })))).toBe(
      'FTP_CANNOT_ESTABLISH_CONNECTION',
    );
  });

  test('unknown secret or keyId -> FTP_CANNOT_ESTABLISH_CONNECTION, nothing charged', () => {
    expect(errorName(() => connect({ secret: 'custsecret_missing' }))).toBe('FTP_CANNOT_ESTABLISH_CONNECTION');
    expect(errorName(() => connect({ secret: undefined, keyId: 'custkey_missing' }))).toBe('FTP_CANNOT_ESTABLISH_CONNECTION');
    expect(h.charges).toEqual([]);
  });

  test('a different pinned host key fails closed -> FTP_INCORRECT_HOST_KEY', () => {
    expect(errorName(() => connect({ hostKey: otherHostKey('ecdsa') }))).toBe('FTP_INCORRECT_HOST_KEY');
    // An RSA pin against a server that only has an ECDSA key cannot match either.
    expect(errorName(() => connect({ hostKey: otherHostKey('rsa'), hostKeyType: 'rsa' }))).toBe('FTP_INCORRECT_HOST_KEY');
  });

  test('hostKeyType that does not match the key -> FTP_INCORRECT_HOST_KEY_TYPE', () => {
    expect(errorName(() => connect({ hostKeyType: 'rsa' }))).toBe('FTP_INCORRECT_HOST_KEY_TYPE');
    expect(errorName(() => connect({ hostKeyType: 'dsa' }))).toBe('FTP_INCORRECT_HOST_KEY_TYPE');
    expect(errorName(() => connect({ hostKeyType: 'ed25519' }))).toBe('FTP_INCORRECT_HOST_KEY_TYPE');
    expect(() => connect({ hostKeyType: undefined })).not.toThrow();
  });

  test('malformed host key -> FTP_MALFORMED_HOST_KEY', () => {
    expect(errorName(() => connect({ hostKey: 'not base64 at all!' }))).toBe('FTP_MALFORMED_HOST_KEY');
    expect(errorName(() => connect({ hostKey: 'AAAA' }))).toBe('FTP_MALFORMED_HOST_KEY');
    expect(errorName(() => connect({ hostKey: server.hostKey.base64.slice(0, 40) }))).toBe('FTP_MALFORMED_HOST_KEY');
  });

  test('missing base directory -> FTP_INVALID_DIRECTORY; an existing one works', () => {
    expect(errorName(() => connect({ directory: 'does-not-exist' }))).toBe('FTP_INVALID_DIRECTORY');
    fs.writeFileSync(path.join(root, 'plain-file'), 'x');
    expect(errorName(() => connect({ directory: 'plain-file' }))).toBe('FTP_INVALID_DIRECTORY');
    expect(() => connect({ directory: workDir('base-ok') })).not.toThrow();
  });

  test('option validation', () => {
    expect(errorName(() => h.sftp.createConnection(undefined as unknown as Record<string, unknown>))).toBe('SSS_MISSING_REQD_ARGUMENT');
    expect(errorName(() => connect({ url: undefined }))).toBe('SSS_MISSING_REQD_ARGUMENT');
    expect(errorName(() => connect({ username: undefined }))).toBe('SSS_MISSING_REQD_ARGUMENT');
    expect(errorName(() => connect({ hostKey: undefined }))).toBe('SSS_MISSING_REQD_ARGUMENT');
    expect(errorName(() => connect({ secret: undefined }))).toBe('SSS_MISSING_REQD_ARGUMENT');
    expect(errorName(() => connect({ passwordGuid: 'custsecret_sftp' }))).toBe('MUTUALLY_EXCLUSIVE_ARGUMENTS');
    expect(errorName(() => connect({ port: 70000 }))).toBe('FTP_INVALID_PORT_NUMBER');
    expect(errorName(() => connect({ port: -1 }))).toBe('FTP_INVALID_PORT_NUMBER');
    expect(errorName(() => connect({ port: 'abc' }))).toBe('FTP_INVALID_PORT_NUMBER');
    expect(errorName(() => connect({ timeout: 21 }))).toBe('FTP_INVALID_CONNECTION_TIMEOUT');
    expect(errorName(() => connect({ timeout: 0 }))).toBe('FTP_INVALID_CONNECTION_TIMEOUT');
    expect(errorName(() => connect({ url: 42 }))).toBe('SSS_INVALID_TYPE_ARG');
    expect(() => connect({ port: String(server.port), timeout: 5 })).not.toThrow();
    expect(h.charges.filter(([api]) => api === 'sftp.createConnection')).toHaveLength(1);
  });

  test('a server that never speaks SSH -> FTP_CONNECT_TIMEOUT_EXCEEDED after `timeout` seconds', async () => {
    // The kernel accepts the TCP connection even while this thread is blocked in createConnection.
    const silent = net.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const started = Date.now();
      expect(errorName(() => connect({ port: (silent.address() as net.AddressInfo).port, timeout: 1 }))).toBe('FTP_CONNECT_TIMEOUT_EXCEEDED');
      expect(Date.now() - started).toBeLessThan(4000);
    } finally {
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  test('unknown host -> FTP_UNKNOWN_HOST; nothing listening -> FTP_CANNOT_ESTABLISH_CONNECTION', () => {
    expect(errorName(() => connect({ url: 'no-such-host.invalid' }))).toBe('FTP_UNKNOWN_HOST');
    expect(errorName(() => connect({ port: 1 }))).toBe('FTP_CANNOT_ESTABLISH_CONNECTION');
  });
});

describe('upload and download', () => {
  test('upload creates the file; replaceExisting defaults to false', () => {
    const c = connect({ directory: workDir('up') });
    c.upload({ file: file('a.csv', 'one') });
    expect(fs.readFileSync(path.join(root, 'up', 'a.csv'), 'utf8')).toBe('one');
    expect(errorName(() => c.upload({ file: file('a.csv', 'two') }))).toBe('FTP_FILE_ALREADY_EXISTS');
    expect(errorName(() => c.upload({ file: file('a.csv', 'two'), replaceExisting: false }))).toBe('FTP_FILE_ALREADY_EXISTS');
    c.upload({ file: file('a.csv', 'three'), replaceExisting: true });
    expect(fs.readFileSync(path.join(root, 'up', 'a.csv'), 'utf8')).toBe('three');
  });

  test('upload honours filename and directory, escapes "/" in names, needs an existing directory', () => {
    const c = connect({ directory: workDir('up2') });
    fs.mkdirSync(path.join(root, 'up2', 'csv'));
    c.upload({ file: file('ignored.csv', 'x'), filename: 'named.csv', directory: '/csv/' });
    expect(fs.existsSync(path.join(root, 'up2', 'csv', 'named.csv'))).toBe(true);
    c.upload({ file: file('a/b.csv', 'x') });
    expect(fs.existsSync(path.join(root, 'up2', 'a%2Fb.csv'))).toBe(true);
    expect(errorName(() => c.upload({ file: file('x.csv', 'x'), directory: 'missing' }))).toBe('FTP_NO_SUCH_FILE_OR_DIRECTORY');
    expect(errorName(() => c.upload({}))).toBe('SSS_MISSING_REQD_ARGUMENT');
    expect(errorName(() => c.upload({ file: file('t.csv', 'x'), timeout: 301 }))).toBe('FTP_INVALID_TRANSFER_TIMEOUT');
  });

  test('binary round trip keeps every byte', () => {
    const c = connect({ directory: workDir('bin') });
    const bytes = new Uint8Array(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = i % 256;
    c.upload({ file: file('all-bytes.bin', bytes) });
    const back = c.download({ filename: 'all-bytes.bin' }) as TestFile;
    expect(back.name).toBe('all-bytes.bin');
    expect(Buffer.from(back.contents).equals(Buffer.from(bytes))).toBe(true);
    c.upload({ file: file('empty.txt', new Uint8Array(0)) });
    expect((c.download({ filename: 'empty.txt' }) as TestFile).contents.length).toBe(0);
  });

  test('20 MB round trip', () => {
    const c = connect({ directory: workDir('big') });
    const bytes = crypto.randomBytes(20 * 1024 * 1024);
    c.upload({ file: file('big.bin', bytes) });
    expect(fs.statSync(path.join(root, 'big', 'big.bin')).size).toBe(bytes.length);
    const back = c.download({ filename: 'big.bin', timeout: 120 }) as TestFile;
    expect(back.contents.length).toBe(bytes.length);
    expect(sha256(back.contents)).toBe(sha256(bytes));
  });

  test('download: directory option, missing file, over MAX_FILE_SIZE', () => {
    const dir = workDir('down');
    fs.mkdirSync(path.join(root, dir, 'csv'));
    fs.writeFileSync(path.join(root, dir, 'csv', 'in.csv'), 'a,b\n');
    const c = connect({ directory: dir });
    expect(new TextDecoder().decode((c.download({ filename: 'in.csv', directory: 'csv' }) as TestFile).contents)).toBe('a,b\n');
    expect(new TextDecoder().decode((c.download({ filename: 'in.csv', directory: '/csv' }) as TestFile).contents)).toBe('a,b\n');
    expect(errorName(() => c.download({ filename: 'nope.csv' }))).toBe('FTP_NO_SUCH_FILE_OR_DIRECTORY');
    expect(errorName(() => c.download({}))).toBe('SSS_MISSING_REQD_ARGUMENT');
    // A sparse file just over the limit: refused before any transfer.
    const huge = path.join(root, dir, 'huge.bin');
    fs.closeSync(fs.openSync(huge, 'w'));
    fs.truncateSync(huge, 100000001);
    expect(errorName(() => c.download({ filename: 'huge.bin' }))).toBe('FTP_MAXIMUM_FILE_SIZE_EXCEEDED');
  });
});

describe('list', () => {
  let c: SftpConnection;
  beforeAll(() => {
    const dir = workDir('listing');
    const files: Array<[string, number, number]> = [
      ['b.csv', 30, 1700000300],
      ['a1.csv', 10, 1700000100],
      ['c.txt', 20, 1700000200],
      ['a22.csv', 5, 1700000400],
    ];
    for (const [name, size, mtime] of files) {
      const p = path.join(root, dir, name);
      fs.writeFileSync(p, Buffer.alloc(size, 1));
      fs.utimesSync(p, mtime, mtime);
    }
    fs.mkdirSync(path.join(root, dir, 'sub'));
    fs.writeFileSync(path.join(root, dir, 'sub', 'inner.csv'), 'x');
    c = connect({ directory: dir });
  });

  test('entries with name, directory, size and lastModified; no "." or ".."; NAME by default', () => {
    const entries = c.list({ path: '.' });
    expect(entries.map((e) => e.name)).toEqual(['a1.csv', 'a22.csv', 'b.csv', 'c.txt', 'sub']);
    const b = entries.find((e) => e.name === 'b.csv');
    expect(b).toEqual({ name: 'b.csv', directory: false, size: 30, lastModified: new Date(1700000300 * 1000) });
    expect(entries.find((e) => e.name === 'sub')?.directory).toBe(true);
  });

  test('sort orders', () => {
    const files = (sort: string): string[] => c.list({ path: '*.*', sort }).map((e) => e.name);
    expect(files('NAME')).toEqual(['a1.csv', 'a22.csv', 'b.csv', 'c.txt']);
    expect(files('NAME_DESC')).toEqual(['c.txt', 'b.csv', 'a22.csv', 'a1.csv']);
    expect(files('SIZE')).toEqual(['a22.csv', 'a1.csv', 'c.txt', 'b.csv']);
    expect(files('SIZE_DESC')).toEqual(['b.csv', 'c.txt', 'a1.csv', 'a22.csv']);
    expect(files('DATE')).toEqual(['a1.csv', 'c.txt', 'b.csv', 'a22.csv']);
    expect(files('DATE_DESC')).toEqual(['a22.csv', 'b.csv', 'c.txt', 'a1.csv']);
    expect(errorName(() => c.list({ path: '.', sort: 'BOGUS' }))).toBe('SSS_INVALID_TYPE_ARG');
  });

  test('wildcards in the last segment', () => {
    expect(c.list({ path: '*.csv' }).map((e) => e.name)).toEqual(['a1.csv', 'a22.csv', 'b.csv']);
    expect(c.list({ path: 'a?.csv' }).map((e) => e.name)).toEqual(['a1.csv']);
    expect(c.list({ path: '/sub/*.csv' }).map((e) => e.name)).toEqual(['inner.csv']);
    expect(c.list({ path: 'sub' }).map((e) => e.name)).toEqual(['inner.csv']);
    expect(c.list({ path: '/' }).length).toBe(5);
  });

  test('missing directory -> FTP_INVALID_DIRECTORY', () => {
    expect(errorName(() => c.list({ path: 'missing' }))).toBe('FTP_INVALID_DIRECTORY');
    expect(errorName(() => c.list({ path: 'b.csv' }))).toBe('FTP_INVALID_DIRECTORY');
  });
});

describe('move, removeFile, makeDirectory, removeDirectory', () => {
  test('move a file, also to /archive/…; existing target or missing source -> FTP_INVALID_MOVE', () => {
    const dir = workDir('mv');
    fs.mkdirSync(path.join(root, dir, 'archive'));
    fs.writeFileSync(path.join(root, dir, 'a.csv'), 'a');
    fs.writeFileSync(path.join(root, dir, 'b.csv'), 'b');
    const c = connect({ directory: dir });
    c.move({ from: 'a.csv', to: '/archive/a.csv' });
    expect(fs.existsSync(path.join(root, dir, 'archive', 'a.csv'))).toBe(true);
    fs.writeFileSync(path.join(root, dir, 'a.csv'), 'a2');
    expect(errorName(() => c.move({ from: 'a.csv', to: 'archive/a.csv' }))).toBe('FTP_INVALID_MOVE');
    expect(errorName(() => c.move({ from: 'a.csv', to: 'b.csv' }))).toBe('FTP_INVALID_MOVE');
    expect(fs.readFileSync(path.join(root, dir, 'b.csv'), 'utf8')).toBe('b');
    expect(errorName(() => c.move({ from: 'missing.csv', to: 'x.csv' }))).toBe('FTP_INVALID_MOVE');
    expect(errorName(() => c.move({ from: 'a.csv' }))).toBe('SSS_MISSING_REQD_ARGUMENT');
    c.move({ from: 'archive', to: 'archive2' });
    expect(fs.existsSync(path.join(root, dir, 'archive2', 'a.csv'))).toBe(true);
  });

  test('removeFile', () => {
    const dir = workDir('rm');
    fs.writeFileSync(path.join(root, dir, 'a.csv'), 'a');
    const c = connect({ directory: dir });
    c.removeFile({ path: '/a.csv' });
    expect(fs.existsSync(path.join(root, dir, 'a.csv'))).toBe(false);
    expect(errorName(() => c.removeFile({ path: 'a.csv' }))).toBe('FTP_NO_SUCH_FILE_OR_DIRECTORY');
  });

  test('makeDirectory is not recursive; existing directory throws FTP_INVALID_DIRECTORY by default', () => {
    const dir = workDir('mk');
    const c = connect({ directory: dir });
    c.makeDirectory({ path: 'one' });
    expect(fs.statSync(path.join(root, dir, 'one')).isDirectory()).toBe(true);
    expect(errorName(() => c.makeDirectory({ path: 'two/three' }))).toBe('FTP_DIRECTORY_NOT_FOUND');
    expect(errorName(() => c.makeDirectory({ path: 'one' }))).toBe('FTP_INVALID_DIRECTORY');
    const lenient = harness(SECRETS, {}, { existingDirectory: 'ignore' });
    const c2 = lenient.sftp.createConnection(options({ directory: dir }));
    expect(() => c2.makeDirectory({ path: 'one' })).not.toThrow();
  });

  test('removeDirectory: non-empty -> FTP_DIRECTORY_NOT_EMPTY, missing -> FTP_DIRECTORY_NOT_FOUND', () => {
    const dir = workDir('rd');
    fs.mkdirSync(path.join(root, dir, 'full'));
    fs.writeFileSync(path.join(root, dir, 'full', 'x'), 'x');
    fs.mkdirSync(path.join(root, dir, 'empty'));
    const c = connect({ directory: dir });
    expect(errorName(() => c.removeDirectory({ path: 'full' }))).toBe('FTP_DIRECTORY_NOT_EMPTY');
    expect(errorName(() => c.removeDirectory({ path: 'missing' }))).toBe('FTP_DIRECTORY_NOT_FOUND');
    c.removeDirectory({ path: 'empty' });
    expect(fs.existsSync(path.join(root, dir, 'empty'))).toBe(false);
  });
});

describe('paths', () => {
  test("'x' and '/x' both resolve against the connection directory; '..' is normalised", () => {
    const dir = workDir('paths/base');
    fs.mkdirSync(path.join(root, dir, 'csv'));
    fs.writeFileSync(path.join(root, dir, 'csv', 'f.csv'), 'f');
    const c = connect({ directory: dir });
    expect(c.list({ path: 'csv' }).map((e) => e.name)).toEqual(['f.csv']);
    expect(c.list({ path: '/csv/' }).map((e) => e.name)).toEqual(['f.csv']);
    expect(c.list({ path: 'csv/../csv/./' }).map((e) => e.name)).toEqual(['f.csv']);
  });

  test("'..' escapes from the connection directory -> FTP_PERMISSION_DENIED, nothing charged", () => {
    const dir = workDir('paths/jail');
    fs.writeFileSync(path.join(root, 'paths', 'outside.csv'), 'secret');
    const c = connect({ directory: dir });
    h.charges.length = 0;
    expect(errorName(() => c.list({ path: '..' }))).toBe('FTP_PERMISSION_DENIED');
    expect(errorName(() => c.download({ filename: '../outside.csv' }))).toBe('FTP_PERMISSION_DENIED');
    expect(errorName(() => c.download({ filename: 'outside.csv', directory: '/../' }))).toBe('FTP_PERMISSION_DENIED');
    expect(errorName(() => c.move({ from: '/../outside.csv', to: 'x.csv' }))).toBe('FTP_PERMISSION_DENIED');
    expect(errorName(() => c.removeFile({ path: 'a/../../outside.csv' }))).toBe('FTP_PERMISSION_DENIED');
    expect(h.charges).toEqual([]);
    expect(fs.existsSync(path.join(root, 'paths', 'outside.csv'))).toBe(true);
  });

  test("the server's jail refuses a connection directory above its root", () => {
    expect(errorName(() => connect({ directory: '../outside' }))).toBe('FTP_CANNOT_ESTABLISH_CONNECTION');
  });
});

test('governance: units per call, charged before the work', () => {
  const dir = workDir('gov');
  const c = connect({ directory: dir });
  c.upload({ file: file('g.csv', 'g') });
  c.download({ filename: 'g.csv' });
  c.list({ path: '.' });
  c.makeDirectory({ path: 'd' });
  c.move({ from: 'g.csv', to: 'd/g.csv' });
  c.removeFile({ path: 'd/g.csv' });
  c.removeDirectory({ path: 'd' });
  expect(errorName(() => c.removeFile({ path: 'missing' }))).toBe('FTP_NO_SUCH_FILE_OR_DIRECTORY');
  expect(h.charges).toEqual([
    ['sftp.createConnection', 0],
    ['sftp.upload', 100],
    ['sftp.download', 100],
    ['sftp.list', 10],
    ['sftp.makeDirectory', 10],
    ['sftp.move', 10],
    ['sftp.removeFile', 10],
    ['sftp.removeDirectory', 10],
    ['sftp.removeFile', 10],
  ]);
});

test('a connection serves many calls', () => {
  const c = connect({ directory: workDir('reuse') });
  for (let i = 0; i < 50; i++) c.upload({ file: file(`f${i}.csv`, `${i}`) });
  expect(c.list({ path: 'f*.csv' })).toHaveLength(50);
});

describe('dropped connections', () => {
  test('server killed between calls -> CONNECTION_RESET, fast, and it stays reset', async () => {
    const dropRoot = tempDir('drop');
    const srv = await startServer(dropRoot, [{ username: 'alice', password: PASSWORD }]);
    try {
      const c = h.sftp.createConnection(options({ port: srv.port, hostKey: srv.hostKey.base64 }));
      c.list({ path: '.' });
      srv.kill('SIGKILL');
      const started = Date.now();
      expect(errorName(() => c.list({ path: '.' }))).toBe('CONNECTION_RESET');
      expect(errorName(() => c.upload({ file: file('x', 'x') }))).toBe('CONNECTION_RESET');
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      await srv.close();
      removeServerFiles(dropRoot);
    }
  });

  test('a frozen server -> FTP_TRANSFER_TIMEOUT_EXCEEDED after the transfer timeout, then CONNECTION_RESET', async () => {
    const dropRoot = tempDir('frozen');
    const srv = await startServer(dropRoot, [{ username: 'alice', password: PASSWORD }]);
    try {
      const c = h.sftp.createConnection(options({ port: srv.port, hostKey: srv.hostKey.base64 }));
      srv.kill('SIGSTOP');
      const started = Date.now();
      expect(errorName(() => c.upload({ file: file('x.csv', 'x'), timeout: 1 }))).toBe('FTP_TRANSFER_TIMEOUT_EXCEEDED');
      expect(Date.now() - started).toBeLessThan(4000);
      expect(errorName(() => c.list({ path: '.' }))).toBe('CONNECTION_RESET');
    } finally {
      srv.kill('SIGKILL');
      await srv.close();
      removeServerFiles(dropRoot);
    }
  });

  test('server killed during an upload -> CONNECTION_RESET, no hang', async () => {
    const dropRoot = tempDir('drop2');
    const srv = await startServer(dropRoot, [{ username: 'alice', password: PASSWORD }]);
    try {
      const c = h.sftp.createConnection(options({ port: srv.port, hostKey: srv.hostKey.base64 }));
      // This thread blocks inside upload(), so another process delivers the kill.
      spawn('sh', ['-c', `sleep 0.2; kill -9 ${srv.pid}`], { stdio: 'ignore' });
      const started = Date.now();
      expect(errorName(() => c.upload({ file: file('big.bin', new Uint8Array(60 * 1024 * 1024)) }))).toBe('CONNECTION_RESET');
      expect(Date.now() - started).toBeLessThan(10000);
    } finally {
      await srv.close();
      removeServerFiles(dropRoot);
    }
  });
});
