// The embedded SFTP server at the protocol level, driven by asynchronous ssh2-sftp-client sessions
// (this thread is not blocked here, so many clients can run at once).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { utils } from 'ssh2';
import * as SftpClient from 'ssh2-sftp-client';
import { startSftpServer } from '../../../runtime/sftp/server';
import { startSftpServerProcess, type SftpServerProcess } from '../../../runtime/sftp/server-process';
import { SyncSftp, SftpBridgeError } from '../../../runtime/sftp/bridge';
import { hostKeyFileFor, otherHostKey, removeServerFiles, rsaKeys, startServer, tempDir } from './helpers';
import { EMBEDDED_SFTP_PASSWORD } from '../../../runtime/sftp/defaults';

const PASSWORD = EMBEDDED_SFTP_PASSWORD;

let root: string;
let hostKeyFile: string;
let server: SftpServerProcess;
const keys = rsaKeys();

beforeAll(async () => {
  root = tempDir('server');
  hostKeyFile = hostKeyFileFor(root);
  server = await startServer(root, [{ username: 'alice', password: PASSWORD }, { username: 'bob', publicKey: keys.publicOpenSsh }]);
});

afterAll(async () => {
  await server.close();
  removeServerFiles(root);
});

async function client(seenKeys?: Buffer[]): Promise<SftpClient> {
  const c = new SftpClient('test', { error: () => undefined, end: () => undefined, close: () => undefined });
  await c.connect({
    host: server.host,
    port: server.port,
    username: 'alice',
    password: PASSWORD,
    hostVerifier: (key: Buffer) => {
      seenKeys?.push(key);
      return true;
    },
  });
  return c;
}

test('refuses a non-loopback host', async () => {
  const dir = tempDir('lan');
  const opts = { root: dir, users: [{ username: 'a', password: PASSWORD }], hostKeyFile: path.join(dir, 'k.pem') };
  await expect(startSftpServer({ ...opts, host: '0.0.0.0' })).rejects.toMatchObject({ code: 'ERR_NON_LOOPBACK_HOST' });
  await expect(startSftpServer({ ...opts, host: '192.168.1.10' })).rejects.toMatchObject({ code: 'ERR_NON_LOOPBACK_HOST' });
  await expect(startSftpServer({ ...opts, host: '::' })).rejects.toMatchObject({ code: 'ERR_NON_LOOPBACK_HOST' });
  await expect(startSftpServerProcess({ ...opts, host: '0.0.0.0' })).rejects.toThrow(/loopback/);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('stable ECDSA host key, 0600, reported exactly as ssh-keyscan prints it', async () => {
  expect(server.hostKey.type).toBe('ecdsa');
  expect(fs.statSync(hostKeyFile).mode & 0o777).toBe(0o600);
  const parsed = utils.parseKey(fs.readFileSync(hostKeyFile, 'utf8'));
  if (parsed instanceof Error) throw parsed;
  expect(parsed.type).toBe('ecdsa-sha2-nistp256');
  expect(parsed.getPublicSSH().toString('base64')).toBe(server.hostKey.base64);
  const seen: Buffer[] = [];
  const c = await client(seen);
  await c.end();
  expect(seen[0]?.toString('base64')).toBe(server.hostKey.base64);
  // A second server on the same key file presents the same key.
  const again = await startSftpServerProcess({ root, users: [{ username: 'x', password: PASSWORD }], hostKeyFile });
  expect(again.hostKey).toEqual(server.hostKey);
  await again.close();
});

test('password and public-key auth; wrong credentials are refused', async () => {
  const c = await client();
  await c.end();
  const byKey = new SftpClient('key', { error: () => undefined, end: () => undefined, close: () => undefined });
  const pkcs1 = (await import('node:crypto')).createPrivateKey(keys.privatePem).export({ type: 'pkcs1', format: 'pem' }).toString();
  await byKey.connect({ host: server.host, port: server.port, username: 'bob', privateKey: pkcs1 });
  await byKey.end();
  const bad = new SftpClient('bad', { error: () => undefined, end: () => undefined, close: () => undefined });
  await expect(bad.connect({ host: server.host, port: server.port, username: 'alice', password: 'nope' })).rejects.toThrow(/authentication/i);
  const nobody = new SftpClient('nobody', { error: () => undefined, end: () => undefined, close: () => undefined });
  await expect(nobody.connect({ host: server.host, port: server.port, username: 'mallory', password: PASSWORD })).rejects.toThrow(/authentication/i);
});

test('jailed root: realpath, stat and listing never leave the root', async () => {
  fs.writeFileSync(path.join(root, 'top.txt'), 'top');
  const c = await client();
  try {
    expect(await c.realPath('.')).toBe('/');
    expect(await c.realPath('/a/../b')).toBe('/b');
    await expect(c.realPath('/..')).rejects.toThrow(/permission denied/i);
    await expect(c.stat('../../etc/passwd')).rejects.toThrow(/permission denied/i);
    await expect(c.list('/..')).rejects.toThrow(/permission denied/i);
    const names = (await c.list('/')).map((e) => e.name);
    expect(names).toContain('top.txt');
    expect(names).not.toContain('..');
    const info = (await c.list('/')).find((e) => e.name === 'top.txt');
    expect(info).toMatchObject({ type: '-', size: 3 });
    expect(info?.modifyTime).toBe(Math.floor(fs.statSync(path.join(root, 'top.txt')).mtimeMs / 1000) * 1000);
    await expect(c.stat('/top.txt')).resolves.toMatchObject({ size: 3, isFile: true });
    await c.chmod('/top.txt', 0o600); // setstat is accepted as a no-op
  } finally {
    await c.end();
  }
});

test('rename never replaces a target; rmdir refuses non-empty folders', async () => {
  const c = await client();
  try {
    await c.mkdir('/r');
    await c.put(Buffer.from('1'), '/r/one');
    await c.put(Buffer.from('2'), '/r/two');
    await expect(c.rename('/r/one', '/r/two')).rejects.toThrow(/exists/i);
    expect(fs.readFileSync(path.join(root, 'r', 'two'), 'utf8')).toBe('2');
    await c.rename('/r/one', '/r/three');
    await expect(c.rmdir('/r')).rejects.toThrow(/not empty/i);
    await c.delete('/r/two');
    await c.delete('/r/three');
    await c.rmdir('/r');
    expect(fs.existsSync(path.join(root, 'r'))).toBe(false);
  } finally {
    await c.end();
  }
});

test('many concurrent clients', async () => {
  fs.mkdirSync(path.join(root, 'many'));
  const run = async (i: number): Promise<string> => {
    const c = await client();
    try {
      const body = Buffer.alloc(200 * 1024, i);
      await c.put(body, `/many/f${i}.bin`);
      const back = (await c.get(`/many/f${i}.bin`)) as Buffer;
      return back.equals(body) ? 'ok' : 'mismatch';
    } finally {
      await c.end();
    }
  };
  const results = await Promise.all(Array.from({ length: 20 }, (_, i) => run(i)));
  expect(results).toEqual(Array(20).fill('ok'));
  expect(fs.readdirSync(path.join(root, 'many'))).toHaveLength(20);
});

test('a client that vanishes mid-transfer does not disturb the server', async () => {
  const c = await client();
  // ssh2-sftp-client never settles a put whose connection was ended by the caller: do not await it.
  void c.put(Buffer.alloc(30 * 1024 * 1024, 1), '/vanish.bin').catch(() => 'aborted');
  await new Promise((r) => setTimeout(r, 50));
  await c.end();
  const d = await client();
  expect((await d.list('/')).length).toBeGreaterThan(0);
  await d.end();
});

test('bridge errors keep a machine-readable code', () => {
  const connect = (extra: Partial<Parameters<typeof SyncSftp.connect>[0]>): string =>
    SyncSftp.connect({ host: server.host, port: server.port, username: 'alice', password: PASSWORD, hostKeyBase64: server.hostKey.base64, timeoutSeconds: 5, ...extra });
  const code = (fn: () => unknown): string => {
    try {
      fn();
    } catch (e) {
      return e instanceof SftpBridgeError ? e.code : `not a bridge error: ${String(e)}`;
    }
    return 'no error';
  };
  expect(code(() => connect({ password: 'nope' }))).toBe('AUTH_FAILED');
  expect(code(() => connect({ port: 1 }))).toBe('ECONNREFUSED');
  expect(code(() => connect({ hostKeyBase64: otherHostKey('ecdsa') }))).toBe('HOST_KEY_MISMATCH');
  const id = connect({});
  expect(code(() => SyncSftp.stat(id, '/missing'))).toBe('ENOENT');
  expect(code(() => SyncSftp.list(id, '/..'))).toBe('PERMISSION_DENIED');
  SyncSftp.put(id, '/b.txt', new TextEncoder().encode('b'), { overwrite: false });
  expect(code(() => SyncSftp.put(id, '/b.txt', new Uint8Array([1]), { overwrite: false }))).toBe('EEXIST');
  expect(code(() => SyncSftp.mkdir(id, '/no/such'))).toBe('ENOENT');
  SyncSftp.end(id);
  expect(code(() => SyncSftp.list(id, '/'))).toBe('NOT_CONNECTED');
});
