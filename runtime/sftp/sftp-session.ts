// Server side of one SFTP session (SFTP v3 as spoken by ssh2): files and folders under a jailed root.
import { constants as fsc, type Stats } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { utils, type Attributes, type FileEntry, type SFTPWrapper } from 'ssh2';
import { JailEscapeError, type Jail, type JailedPath } from './jail';

const STATUS = utils.sftp.STATUS_CODE;
const OPEN = utils.sftp.OPEN_MODE;

/** Largest DATA reply; clients ask for less (ssh2: ~34 KB, OpenSSH: up to 256 KB). */
const MAX_READ = 256 * 1024;
/** Names per READDIR reply. */
const READDIR_BATCH = 100;

class StatusError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

interface OpenFile {
  kind: 'file';
  fh: fs.FileHandle;
  pending: Set<Promise<unknown>>;
}

interface OpenDir {
  kind: 'dir';
  target: JailedPath;
  entries: FileEntry[] | undefined;
  next: number;
}

type OpenHandle = OpenFile | OpenDir;

function toAttrs(st: Stats): Attributes {
  return {
    mode: st.mode,
    uid: st.uid,
    gid: st.gid,
    size: st.size,
    atime: Math.floor(st.atimeMs / 1000),
    mtime: Math.floor(st.mtimeMs / 1000),
  };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** An `ls -l` line like OpenSSH's; ssh2-sftp-client reads the type and rights from its first 10 characters. */
function longname(name: string, st: Stats): string {
  const type = st.isDirectory() ? 'd' : st.isSymbolicLink() ? 'l' : st.isFile() ? '-' : '?';
  const bits = 'rwxrwxrwx';
  let perms = '';
  for (let i = 0; i < 9; i++) perms += (st.mode & (1 << (8 - i))) !== 0 ? bits[i] : '-';
  const d = st.mtime;
  const date = `${MONTHS[d.getUTCMonth()] ?? '???'} ${String(d.getUTCDate()).padStart(2)} ${d.getUTCFullYear()}`;
  return `${type}${perms}    1 ${st.uid} ${st.gid} ${String(st.size).padStart(8)} ${date} ${name}`;
}

/** errno -> SFTP status, like OpenSSH's errno_to_portable(); the message keeps the errno text. */
function statusOf(err: unknown): { status: number; message: string } {
  if (err instanceof StatusError) return { status: err.status, message: err.message };
  if (err instanceof JailEscapeError) return { status: STATUS.PERMISSION_DENIED, message: 'Permission denied' };
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return { status: STATUS.NO_SUCH_FILE, message: 'No such file' };
    case 'EACCES':
    case 'EPERM':
      return { status: STATUS.PERMISSION_DENIED, message: 'Permission denied' };
    case 'EEXIST':
      return { status: STATUS.FAILURE, message: 'File exists' };
    case 'ENOTEMPTY':
      return { status: STATUS.FAILURE, message: 'Directory not empty' };
    case 'ENOTDIR':
      return { status: STATUS.FAILURE, message: 'Not a directory' };
    case 'EISDIR':
      return { status: STATUS.FAILURE, message: 'Is a directory' };
    case 'EINVAL':
    case 'ENAMETOOLONG':
      return { status: STATUS.BAD_MESSAGE, message: 'Bad message' };
    default:
      return { status: STATUS.FAILURE, message: err instanceof Error ? err.message : 'Failure' };
  }
}

function openFlags(pflags: number): number {
  const read = (pflags & OPEN.READ) !== 0;
  const write = (pflags & (OPEN.WRITE | OPEN.APPEND)) !== 0;
  let flags = read && write ? fsc.O_RDWR : write ? fsc.O_WRONLY : fsc.O_RDONLY;
  if ((pflags & OPEN.APPEND) !== 0) flags |= fsc.O_APPEND;
  if ((pflags & OPEN.CREAT) !== 0) flags |= fsc.O_CREAT;
  if ((pflags & OPEN.TRUNC) !== 0) flags |= fsc.O_TRUNC;
  if ((pflags & OPEN.EXCL) !== 0) flags |= fsc.O_EXCL;
  return flags;
}

/** Attaches request handlers to an accepted SFTP stream; everything is released when the stream closes. */
export function serveSftpSession(sftp: SFTPWrapper, jail: Jail): void {
  const handles = new Map<string, OpenHandle>();
  let nextHandle = 1;
  let closed = false;

  const reply = (send: () => void): void => {
    if (closed) return;
    try {
      send();
    } catch {
      // The channel went away while the operation ran.
    }
  };

  // Errors (also synchronous ones) become a STATUS reply, never an exception in ssh2's parser.
  const run = (reqid: number, op: () => Promise<void>): Promise<void> =>
    Promise.resolve()
      .then(op)
      .catch((err: unknown) => {
        const { status, message } = statusOf(err);
        reply(() => sftp.status(reqid, status, message));
      });

  const resolve = async (clientPath: string): Promise<JailedPath> => {
    const target = jail.resolve(clientPath);
    await jail.assertInside(target.local);
    return target;
  };

  const newHandle = (h: OpenHandle): Buffer => {
    const id = Buffer.alloc(4);
    id.writeUInt32BE(nextHandle++ >>> 0, 0);
    handles.set(id.toString('hex'), h);
    return id;
  };

  const getFile = (handle: Buffer): OpenFile => {
    const h = handles.get(handle.toString('hex'));
    if (h?.kind !== 'file') throw new StatusError(STATUS.FAILURE, 'Invalid handle');
    return h;
  };

  const track = <T>(file: OpenFile, work: Promise<T>): Promise<T> => {
    file.pending.add(work);
    const done = (): void => void file.pending.delete(work);
    work.then(done, done);
    return work;
  };

  const ok = (reqid: number): void => reply(() => sftp.status(reqid, STATUS.OK));

  sftp.on('OPEN', (reqid, filename, pflags, attrs) => {
    void run(reqid, async () => {
      const target = await resolve(filename);
      const mode = typeof attrs.mode === 'number' ? attrs.mode & 0o777 : 0o644;
      const existing = await fs.stat(target.local).catch(() => undefined);
      if (existing?.isDirectory()) throw new StatusError(STATUS.FAILURE, 'Is a directory');
      const fh = await fs.open(target.local, openFlags(pflags), mode);
      if (closed) {
        await fh.close();
        return;
      }
      const id = newHandle({ kind: 'file', fh, pending: new Set() });
      reply(() => sftp.handle(reqid, id));
    });
  });

  sftp.on('READ', (reqid, handle, offset, len) => {
    void run(reqid, async () => {
      const file = getFile(handle);
      const buf = Buffer.allocUnsafe(Math.min(len, MAX_READ));
      const { bytesRead } = await track(file, file.fh.read(buf, 0, buf.length, offset));
      if (bytesRead === 0) reply(() => sftp.status(reqid, STATUS.EOF));
      else reply(() => sftp.data(reqid, buf.subarray(0, bytesRead)));
    });
  });

  sftp.on('WRITE', (reqid, handle, offset, data) => {
    void run(reqid, async () => {
      const file = getFile(handle);
      await track(
        file,
        (async () => {
          let done = 0;
          while (done < data.length) {
            const { bytesWritten } = await file.fh.write(data, done, data.length - done, offset + done);
            done += bytesWritten;
          }
        })(),
      );
      ok(reqid);
    });
  });

  sftp.on('FSTAT', (reqid, handle) => {
    void run(reqid, async () => {
      const file = getFile(handle);
      const st = await track(file, file.fh.stat());
      reply(() => sftp.attrs(reqid, toAttrs(st)));
    });
  });

  // setstat/fsetstat are accepted and ignored (clients send them for modes and times).
  sftp.on('FSETSTAT', (reqid, handle) => {
    void run(reqid, () => {
      getFile(handle);
      ok(reqid);
      return Promise.resolve();
    });
  });

  sftp.on('SETSTAT', (reqid, clientPath) => {
    void run(reqid, async () => {
      const target = await resolve(clientPath);
      await fs.lstat(target.local);
      ok(reqid);
    });
  });

  sftp.on('CLOSE', (reqid, handle) => {
    void run(reqid, async () => {
      const key = handle.toString('hex');
      const h = handles.get(key);
      if (h === undefined) throw new StatusError(STATUS.FAILURE, 'Invalid handle');
      handles.delete(key);
      if (h.kind === 'file') {
        await Promise.allSettled([...h.pending]);
        await h.fh.close();
      }
      ok(reqid);
    });
  });

  sftp.on('OPENDIR', (reqid, clientPath) => {
    void run(reqid, async () => {
      const target = await resolve(clientPath);
      const st = await fs.stat(target.local);
      if (!st.isDirectory()) throw new StatusError(STATUS.FAILURE, 'Not a directory');
      const id = newHandle({ kind: 'dir', target, entries: undefined, next: 0 });
      reply(() => sftp.handle(reqid, id));
    });
  });

  sftp.on('READDIR', (reqid, handle) => {
    void run(reqid, async () => {
      const h = handles.get(handle.toString('hex'));
      if (h?.kind !== 'dir') throw new StatusError(STATUS.FAILURE, 'Invalid handle');
      if (h.entries === undefined) h.entries = await readEntries(h.target);
      const batch = h.entries.slice(h.next, h.next + READDIR_BATCH);
      h.next += batch.length;
      if (batch.length === 0) reply(() => sftp.status(reqid, STATUS.EOF));
      else reply(() => sftp.name(reqid, batch));
    });
  });

  const readEntries = async (target: JailedPath): Promise<FileEntry[]> => {
    const names = await fs.readdir(target.local);
    const self = await fs.stat(target.local);
    const parentLocal = target.virtual === '/' ? target.local : path.dirname(target.local);
    const parent = await fs.stat(parentLocal);
    const entries: FileEntry[] = [
      { filename: '.', longname: longname('.', self), attrs: toAttrs(self) },
      { filename: '..', longname: longname('..', parent), attrs: toAttrs(parent) },
    ];
    for (const name of names.sort()) {
      const st = await fs.lstat(path.join(target.local, name)).catch(() => undefined);
      if (st !== undefined) entries.push({ filename: name, longname: longname(name, st), attrs: toAttrs(st) });
    }
    return entries;
  };

  const statHandler =
    (follow: boolean) =>
    (reqid: number, clientPath: string): void => {
      void run(reqid, async () => {
        const target = await resolve(clientPath);
        const st = follow ? await fs.stat(target.local) : await fs.lstat(target.local);
        reply(() => sftp.attrs(reqid, toAttrs(st)));
      });
    };
  sftp.on('STAT', statHandler(true));
  sftp.on('LSTAT', statHandler(false));

  sftp.on('REALPATH', (reqid, clientPath) => {
    void run(reqid, () => {
      const target = jail.resolve(clientPath);
      reply(() => sftp.name(reqid, [{ filename: target.virtual, longname: target.virtual, attrs: {} as Attributes }]));
      return Promise.resolve();
    });
  });

  sftp.on('REMOVE', (reqid, clientPath) => {
    void run(reqid, async () => {
      const target = await resolve(clientPath);
      await fs.unlink(target.local);
      ok(reqid);
    });
  });

  sftp.on('MKDIR', (reqid, clientPath, attrs) => {
    void run(reqid, async () => {
      const target = await resolve(clientPath);
      const mode = typeof attrs.mode === 'number' ? attrs.mode & 0o777 : 0o755;
      await fs.mkdir(target.local, { mode });
      ok(reqid);
    });
  });

  sftp.on('RMDIR', (reqid, clientPath) => {
    void run(reqid, async () => {
      const target = await resolve(clientPath);
      if (target.virtual === '/') throw new StatusError(STATUS.PERMISSION_DENIED, 'Permission denied');
      await fs.rmdir(target.local);
      ok(reqid);
    });
  });

  // Like OpenSSH's SSH_FXP_RENAME (not posix-rename): an existing target is never replaced.
  sftp.on('RENAME', (reqid, oldPath, newPath) => {
    void run(reqid, async () => {
      const from = await resolve(oldPath);
      const to = await resolve(newPath);
      if (from.virtual === '/' || to.virtual === '/') throw new StatusError(STATUS.PERMISSION_DENIED, 'Permission denied');
      const st = await fs.lstat(from.local);
      if (st.isFile()) {
        try {
          // link() fails with EEXIST atomically, as in OpenSSH.
          await fs.link(from.local, to.local);
          await fs.unlink(from.local);
          ok(reqid);
          return;
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code;
          if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV' && code !== 'EMLINK') throw err;
        }
      }
      if ((await fs.lstat(to.local).catch(() => undefined)) !== undefined) {
        throw new StatusError(STATUS.FAILURE, 'File exists');
      }
      await fs.rename(from.local, to.local);
      ok(reqid);
    });
  });

  const unsupported = (reqid: number): void => reply(() => sftp.status(reqid, STATUS.OP_UNSUPPORTED));
  sftp.on('READLINK', unsupported);
  sftp.on('SYMLINK', unsupported);
  sftp.on('EXTENDED', unsupported);

  const cleanup = (): void => {
    if (closed) return;
    closed = true;
    for (const h of handles.values()) {
      if (h.kind === 'file') void Promise.allSettled([...h.pending]).then(() => h.fh.close().catch(() => undefined));
    }
    handles.clear();
  };
  sftp.on('close', cleanup);
  sftp.on('end', cleanup);
  sftp.on('error', cleanup);
}
