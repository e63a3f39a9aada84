// The jail of our embedded SFTP server (runtime/sftp/server.ts, jail.ts), attacked by a real SFTP client
// (ssh2-sftp-client and its raw ssh2 SFTP channel): nothing outside the SFTP root can be read, written,
// listed, renamed into or out of, or have its attributes changed: not by '../', not by absolute paths,
// not through symlinks inside the root that point outside (absolute, relative, dangling, chained).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SFTPWrapper } from 'ssh2';
import * as SftpClient from 'ssh2-sftp-client';
import type { SftpServerProcess } from '../../../runtime/sftp/server-process';
import { removeServerFiles, startServer, tempDir } from './helpers';

let base: string;
let root: string;
let outside: string;
let server: SftpServerProcess;
let c: SftpClient;
let raw: SFTPWrapper;

const SECRET = 'outside the jail';

beforeAll(async () => {
  base = tempDir('jail');
  root = path.join(base, 'root');
  outside = path.join(base, 'outside');
  fs.mkdirSync(root);
  fs.mkdirSync(outside);
  fs.writeFileSync(path.join(outside, 'secret.txt'), SECRET, { mode: 0o600 });
  fs.writeFileSync(path.join(root, 'inside.txt'), 'inside');
  fs.mkdirSync(path.join(root, 'sub'));
  fs.symlinkSync(outside, path.join(root, 'link-dir')); // absolute, to a folder outside
  fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'link-file')); // absolute, to a file outside
  fs.symlinkSync('../../outside/secret.txt', path.join(root, 'sub', 'rel-link')); // relative, climbing out
  fs.symlinkSync(path.join(outside, 'created-through-link.txt'), path.join(root, 'dangling')); // to a file that does not exist yet
  fs.symlinkSync('dangling', path.join(root, 'chain')); // inside -> dangling -> outside
  fs.symlinkSync(path.join(outside, 'newdir'), path.join(root, 'dangling-dir'));
  fs.symlinkSync('inside.txt', path.join(root, 'ok-link')); // stays inside: allowed
  server = await startServer(root, [{ username: 'u', password: 'p' }]);
  c = new SftpClient('jail', { error: () => undefined, end: () => undefined, close: () => undefined });
  await c.connect({ host: server.host, port: server.port, username: 'u', password: 'p' });
  raw = (c as unknown as { sftp: SFTPWrapper }).sftp;
});

afterAll(async () => {
  await c.end();
  await server.close();
  removeServerFiles(base);
});

/** Everything outside the root is exactly as the test set it up. */
function expectOutsideUntouched(): void {
  expect(fs.readdirSync(outside)).toEqual(['secret.txt']);
  expect(fs.readFileSync(path.join(outside, 'secret.txt'), 'utf8')).toBe(SECRET);
  expect(fs.statSync(path.join(outside, 'secret.txt')).mode & 0o777).toBe(0o600);
  expect(fs.readdirSync(base).sort()).toEqual(['outside', 'root', 'root-host-key.pem']);
}

const DENIED = /permission denied/i;

/** Raw SFTP requests, for what ssh2-sftp-client does not expose or checks itself first. */
function rawCall(call: (cb: (err: Error | null | undefined, value?: unknown) => void) => void): Promise<unknown> {
  return new Promise((resolve, reject) => call((err, value) => (err ? reject(err) : resolve(value))));
}

afterEach(() => expectOutsideUntouched());

describe("'../' traversal", () => {
  it.each(['../outside/secret.txt', '/../outside/secret.txt', 'sub/../../outside/secret.txt', '/sub/./../../outside/secret.txt'])('%s: stat, read, write and list are refused', async (p) => {
    await expect(c.stat(p)).rejects.toThrow(DENIED);
    await expect(c.get(p)).rejects.toThrow(DENIED);
    await expect(c.put(Buffer.from('x'), p)).rejects.toThrow(DENIED);
    await expect(c.list(path.posix.dirname(p))).rejects.toThrow(DENIED);
    await expect(rawCall((cb) => raw.open(p, 'r', cb))).rejects.toThrow(DENIED);
  });

  it('mkdir, rmdir, remove and setstat above the root are refused', async () => {
    await expect(c.mkdir('../newdir')).rejects.toThrow(DENIED);
    await expect(rawCall((cb) => raw.rmdir('../outside', cb))).rejects.toThrow(DENIED);
    await expect(rawCall((cb) => raw.unlink('../outside/secret.txt', cb))).rejects.toThrow(DENIED);
    await expect(rawCall((cb) => raw.setstat('../outside/secret.txt', { mode: 0o666 }, cb))).rejects.toThrow(DENIED);
  });

  it('rename out of the root, or from outside into it, is refused', async () => {
    await expect(c.rename('/inside.txt', '/../outside/moved.txt')).rejects.toThrow(DENIED);
    await expect(c.rename('/inside.txt', '../moved.txt')).rejects.toThrow(DENIED);
    await expect(rawCall((cb) => raw.rename('../outside/secret.txt', '/stolen.txt', cb))).rejects.toThrow(DENIED);
    expect(fs.readFileSync(path.join(root, 'inside.txt'), 'utf8')).toBe('inside');
    expect(fs.existsSync(path.join(root, 'stolen.txt'))).toBe(false);
  });

  it("realpath clamps at '/' and never names a folder outside", async () => {
    expect(await c.realPath('/')).toBe('/');
    await expect(c.realPath('/..')).rejects.toThrow(DENIED);
  });
});

describe('absolute paths are paths in the jail, never on the machine', () => {
  it('the real location of a file outside is just a missing path inside the root', async () => {
    const abs = path.join(outside, 'secret.txt');
    expect(await c.exists(abs)).toBe(false);
    await expect(c.get(abs)).rejects.toThrow(/no such file/i);
    expect(await c.realPath(abs)).toBe(abs); // the virtual path, which lives under the root
    await expect(c.put(Buffer.from('x'), abs)).rejects.toThrow(/no such file/i);
    expect(await c.exists('/etc/passwd')).toBe(false);
  });

  it('a NUL byte in a path is refused', async () => {
    await expect(c.stat('/inside.txt\0/../../outside/secret.txt')).rejects.toThrow(DENIED);
  });
});

describe('symlinks inside the root that point outside', () => {
  it.each(['link-file', 'sub/rel-link', 'link-dir/secret.txt'])('%s: stat, lstat and read are refused', async (p) => {
    await expect(c.stat(p)).rejects.toThrow(DENIED);
    await expect(rawCall((cb) => raw.lstat(p, cb))).rejects.toThrow(DENIED);
    await expect(c.get(p)).rejects.toThrow(DENIED);
    await expect(rawCall((cb) => raw.open(p, 'r', cb))).rejects.toThrow(DENIED);
  });

  it.each(['link-file', 'sub/rel-link', 'link-dir/secret.txt'])('%s: overwrite, append, setstat and remove are refused', async (p) => {
    await expect(c.put(Buffer.from('owned'), p)).rejects.toThrow(DENIED);
    await expect(c.append(Buffer.from('owned'), p)).rejects.toThrow(DENIED);
    await expect(rawCall((cb) => raw.setstat(p, { mode: 0o666 }, cb))).rejects.toThrow(DENIED);
    await expect(rawCall((cb) => raw.unlink(p, cb))).rejects.toThrow(DENIED);
  });

  it('a dangling symlink (directly or through a chain of links) cannot create a file outside', async () => {
    for (const p of ['dangling', '/chain']) {
      await expect(c.put(Buffer.from('owned'), p)).rejects.toThrow(DENIED);
      await expect(rawCall((cb) => raw.open(p, 'w', cb))).rejects.toThrow(DENIED);
      await expect(rawCall((cb) => raw.open(p, 'a', cb))).rejects.toThrow(DENIED);
    }
    await expect(c.mkdir('dangling-dir/inner')).rejects.toThrow(DENIED);
    await expect(c.put(Buffer.from('owned'), 'dangling-dir/file.txt')).rejects.toThrow(DENIED);
  });

  it('a symlinked folder outside cannot be listed, written into, created in or removed', async () => {
    await expect(c.list('link-dir')).rejects.toThrow(DENIED);
    await expect(rawCall((cb) => raw.opendir('link-dir', cb))).rejects.toThrow(DENIED);
    await expect(c.put(Buffer.from('x'), 'link-dir/new.txt')).rejects.toThrow(DENIED);
    await expect(c.mkdir('link-dir/sub')).rejects.toThrow(DENIED);
    await expect(rawCall((cb) => raw.rmdir('link-dir', cb))).rejects.toThrow(DENIED);
  });

  it('rename into a symlinked folder outside, or of a file outside through a link, is refused', async () => {
    await expect(c.rename('/inside.txt', '/link-dir/moved.txt')).rejects.toThrow(DENIED);
    await expect(c.rename('/link-dir/secret.txt', '/stolen.txt')).rejects.toThrow(DENIED);
    await expect(c.rename('/inside.txt', '/dangling-dir/moved.txt')).rejects.toThrow(DENIED);
    expect(fs.readFileSync(path.join(root, 'inside.txt'), 'utf8')).toBe('inside');
  });

  it('readlink is not served (a link target outside is never disclosed) and clients cannot create symlinks', async () => {
    await expect(rawCall((cb) => raw.readlink('link-file', cb))).rejects.toThrow(/unsupported/i);
    await expect(rawCall((cb) => raw.symlink('/etc/passwd', '/mine', cb))).rejects.toThrow(/unsupported/i);
    expect(fs.existsSync(path.join(root, 'mine'))).toBe(false);
  });

  it('the listing shows the links as links, without following them', async () => {
    const entries = await c.list('/');
    expect(entries.filter((e) => e.type === 'l').map((e) => e.name).sort()).toEqual(['chain', 'dangling', 'dangling-dir', 'link-dir', 'link-file', 'ok-link']);
  });
});

describe('what stays allowed', () => {
  it('a symlink that stays inside the root reads its target; ordinary files and folders work', async () => {
    expect(((await c.get('ok-link')) as Buffer).toString()).toBe('inside');
    await c.put(Buffer.from('new'), '/sub/new.txt');
    await c.rename('/sub/new.txt', '/sub/renamed.txt');
    expect(fs.readFileSync(path.join(root, 'sub', 'renamed.txt'), 'utf8')).toBe('new');
    await c.delete('/sub/renamed.txt');
  });
});
