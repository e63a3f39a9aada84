// The emulated N/sftp against Debian's real OpenSSH sshd (not our embedded server): host keys as ssh-keyscan
// prints them are what the module pins (NETSUITE.md 1.3), a wrong pinned key is refused, password (API
// secret) and key (keyId) logins work (NETSUITE.md 1.1, 1.2), and OpenSSH's chroot holds.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as SftpClient from 'ssh2-sftp-client';
import { errorName, harness, otherHostKey, type TestFile } from '../runtime/sftp/helpers';
import { chownTree, keyscan, startOpenSsh, type OpenSshServer } from './sshd';

let server: OpenSshServer;
const SECRET = 'custsecret_hwx_openssh_test';
const KEY_ID = 'custkey_hwx_openssh_test';

beforeAll(async () => {
  server = await startOpenSsh();
  fs.mkdirSync(path.join(server.root, 'in'), { mode: 0o755 });
  fs.writeFileSync(path.join(server.root, 'in', 'hello.csv'), 'a,b\r\n1,2\r\n');
  chownTree(path.join(server.root, 'in'), server.uid, server.gid);
});

afterAll(async () => {
  await server?.close();
});

const mod = (): ReturnType<typeof harness> => harness({ [SECRET]: server.password }, { [KEY_ID]: server.clientKey.privatePem });

const options = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  url: server.host,
  port: server.port,
  username: server.user,
  secret: SECRET,
  hostKey: server.hostKey.base64,
  hostKeyType: 'ecdsa',
  ...extra,
});

test('ssh-keyscan prints the RSA and ECDSA host keys of the key files; sshd offers no ed25519 key', () => {
  expect(keyscan(server, 'ecdsa')).toBe(server.hostKeys.ecdsa.base64);
  expect(keyscan(server, 'rsa')).toBe(server.hostKeys.rsa.base64);
  expect(server.hostKeys.ecdsa.sshType).toBe('ecdsa-sha2-nistp256');
  expect(server.hostKeys.rsa.sshType).toBe('ssh-rsa');
  expect(() => keyscan(server, 'ed25519' as 'rsa')).toThrow(/ed25519/);
});

test('a connection pinned to either host key (password from an API secret) lists, downloads, uploads and moves inside the chroot', () => {
  for (const [type, key] of [
    ['ecdsa', server.hostKeys.ecdsa.base64],
    ['rsa', server.hostKeys.rsa.base64],
  ] as const) {
    const { sftp } = mod();
    const conn = sftp.createConnection(options({ hostKey: keyscan(server, type), hostKeyType: type, directory: '/in' }));
    expect(key).toBe(keyscan(server, type));
    expect(conn.list({ path: '.' }).map((e) => e.name)).toContain('hello.csv');
    const file = conn.download({ filename: 'hello.csv' }) as TestFile;
    expect(Buffer.from(file.contents).toString()).toBe('a,b\r\n1,2\r\n');
    conn.upload({ file: { name: `up-${type}.txt`, contents: Buffer.from(type) }, replaceExisting: false });
    expect(errorName(() => conn.upload({ file: { name: `up-${type}.txt`, contents: Buffer.from('again') } }))).toBe('FTP_FILE_ALREADY_EXISTS');
    conn.makeDirectory({ path: `/done-${type}` });
    conn.move({ from: `up-${type}.txt`, to: `/done-${type}/up-${type}.txt` });
  }
  // The chroot maps '/' to the server's root folder on disk.
  expect(fs.readFileSync(path.join(server.root, 'in', 'done-rsa', 'up-rsa.txt'), 'utf8')).toBe('rsa');
  expect(fs.statSync(path.join(server.root, 'in', 'done-ecdsa', 'up-ecdsa.txt')).uid).toBe(server.uid);
});

test('key authentication with keyId alone, and secret + keyId together (NETSUITE.md 1.1)', () => {
  const { sftp } = mod();
  const byKey = sftp.createConnection(options({ secret: undefined, keyId: KEY_ID, directory: '/in' }));
  expect(byKey.list({ path: '.' }).map((e) => e.name)).toContain('hello.csv');
  const both = sftp.createConnection(options({ keyId: KEY_ID, directory: '/in' }));
  expect(both.list({ path: '.' }).map((e) => e.name)).toContain('hello.csv');
  expect(server.log()).toMatch(new RegExp(`Accepted publickey for ${server.user}`));
});

test('a wrong pinned host key is refused with FTP_INCORRECT_HOST_KEY, whichever type is pinned', () => {
  const { sftp } = mod();
  expect(errorName(() => sftp.createConnection(options({ hostKey: otherHostKey('ecdsa') })))).toBe('FTP_INCORRECT_HOST_KEY');
  expect(errorName(() => sftp.createConnection(options({ hostKey: otherHostKey('rsa'), hostKeyType: 'rsa' })))).toBe('FTP_INCORRECT_HOST_KEY');
  // The server's RSA key pinned as ECDSA is a type mismatch, found before connecting.
  expect(errorName(() => sftp.createConnection(options({ hostKey: server.hostKeys.rsa.base64, hostKeyType: 'ecdsa' })))).toBe('FTP_INCORRECT_HOST_KEY_TYPE');
});

test('a wrong password, an unknown user or a key sshd does not list cannot log in', () => {
  const bad = harness({ [SECRET]: 'not-the-password' }, { [KEY_ID]: otherPrivateKey() });
  expect(errorName(() => bad.sftp.createConnection(options()))).toBe('FTP_CANNOT_ESTABLISH_CONNECTION');
  expect(errorName(() => mod().sftp.createConnection(options({ username: 'root' })))).toBe('FTP_CANNOT_ESTABLISH_CONNECTION');
  expect(errorName(() => bad.sftp.createConnection(options({ secret: undefined, keyId: KEY_ID })))).toBe('FTP_CANNOT_ESTABLISH_CONNECTION');
});

test("OpenSSH's chroot: '/' is the SFTP root, '..' stops there, the machine's files are out of reach", async () => {
  const c = new SftpClient('chroot', { error: () => undefined, end: () => undefined, close: () => undefined });
  await c.connect({ host: server.host, port: server.port, username: server.user, password: server.password, hostVerifier: (key: Buffer) => key.toString('base64') === server.hostKey.base64 });
  try {
    expect(await c.realPath('/..')).toBe('/');
    expect((await c.list('/')).map((e) => e.name).sort()).toEqual(['in']);
    expect(await c.exists('/etc/passwd')).toBe(false);
    expect(await c.exists('../../../etc/passwd')).toBe(false);
    // The chroot itself belongs to root: the user cannot write there, only in the folders it was given.
    await expect(c.put(Buffer.from('x'), '/top.txt')).rejects.toThrow(/permission denied/i);
  } finally {
    await c.end();
  }
});

function otherPrivateKey(): string {
  return crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
}
