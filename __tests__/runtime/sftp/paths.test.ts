// Pure path rules: the N/sftp connection-directory rules and the server's jail.
import { JailEscapeError, jailSegments, Jail } from '../../../runtime/sftp/jail';
import {
  PathEscapeError,
  connectionDirectory,
  escapeFileName,
  resolveRemote,
  splitListPath,
  wildcardToRegExp,
} from '../../../runtime/sftp/remote-path';
import { decodeHostKey, keyFamily } from '../../../runtime/sftp/keys';
import { compiledPath, projectRoot } from '../../../runtime/paths';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

describe('N/sftp path resolution', () => {
  test('connection directory', () => {
    expect(connectionDirectory(undefined)).toBe('.');
    expect(connectionDirectory('')).toBe('.');
    expect(connectionDirectory('/base/inv/')).toBe('/base/inv');
    expect(connectionDirectory('inv//adj')).toBe('inv/adj');
    expect(connectionDirectory('/')).toBe('/');
  });

  test("'x' and '/x' resolve against the connection directory", () => {
    expect(resolveRemote('/base', 'csv/a.csv')).toBe('/base/csv/a.csv');
    expect(resolveRemote('/base', '/csv/a.csv')).toBe('/base/csv/a.csv');
    expect(resolveRemote('/base', '/')).toBe('/base');
    expect(resolveRemote('/base', undefined)).toBe('/base');
    expect(resolveRemote('.', 'a')).toBe('a');
    expect(resolveRemote('.', '')).toBe('.');
    expect(resolveRemote('/base', 'a/../b/./c')).toBe('/base/b/c');
  });

  test("'..' above the connection directory is refused", () => {
    expect(() => resolveRemote('/base', '..')).toThrow(PathEscapeError);
    expect(() => resolveRemote('/base', '/../x')).toThrow(PathEscapeError);
    expect(() => resolveRemote('/base', 'a/../../x')).toThrow(PathEscapeError);
  });

  test('wildcards', () => {
    expect(splitListPath('/b', '/csv/*.csv')).toEqual({ dir: '/b/csv', filter: /^.*\.csv$/s });
    expect(splitListPath('/b', 'csv/')).toEqual({ dir: '/b/csv', filter: undefined });
    expect(splitListPath('/b', 'a?.txt').dir).toBe('/b');
    const re = wildcardToRegExp('in(1)+?.c*');
    expect(re.test('in(1)+x.csv')).toBe(true);
    expect(re.test('in(1)+.csv')).toBe(false);
    expect(wildcardToRegExp('*.CSV').test('a.csv')).toBe(false);
  });

  test('file names never become paths', () => {
    expect(escapeFileName('a/b\\c.csv')).toBe('a%2Fb%5Cc.csv');
    expect(escapeFileName('50% off.csv')).toBe('50% off.csv');
    expect(escapeFileName('tab\there')).toBe('tab%09here');
  });
});

describe('server jail', () => {
  test('segments', () => {
    expect(jailSegments('/a/./b/../c')).toEqual(['a', 'c']);
    expect(jailSegments('.')).toEqual([]);
    expect(() => jailSegments('..')).toThrow(JailEscapeError);
    expect(() => jailSegments('/a/../../etc/passwd')).toThrow(JailEscapeError);
    expect(() => jailSegments('a\0b')).toThrow(JailEscapeError);
  });

  test('resolve and symlink escapes', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ns-jail-'));
    const jail = new Jail(root);
    expect(jail.resolve('x/y')).toEqual({ virtual: '/x/y', local: path.join(root, 'x', 'y') });
    expect(jail.resolve('/')).toEqual({ virtual: '/', local: root });
    fs.symlinkSync('/', path.join(root, 'link'));
    await expect(jail.assertInside(path.join(root, 'link', 'etc'))).rejects.toThrow(JailEscapeError);
    await expect(jail.assertInside(path.join(root, 'new', 'file'))).resolves.toBeUndefined();
    fs.rmSync(root, { recursive: true, force: true });
  });
});

describe('keys and paths helpers', () => {
  test('host key decoding', () => {
    expect(decodeHostKey('AAAA')).toBeUndefined();
    expect(decodeHostKey('!!!!')).toBeUndefined();
    expect(keyFamily('ecdsa-sha2-nistp384')).toBe('ecdsa');
    expect(keyFamily('ssh-ed25519')).toBe('ed25519');
  });

  test('project root and compiled paths', () => {
    const root = projectRoot();
    expect((JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { name: string }).name).toBe('hotwax-netsuite-inventory');
    expect(compiledPath('runtime/sftp/bridge-worker.js')).toBe(path.join(root, 'build', 'runtime', 'sftp', 'bridge-worker.js'));
  });
});
