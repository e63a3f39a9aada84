// synckit worker behind bridge.ts: holds ssh2-sftp-client sessions keyed by connection id and answers
// one request at a time. Every operation has a timeout so the blocked caller always gets an answer.
import * as crypto from 'node:crypto';
import type { ServerHostKeyAlgorithm, SFTPWrapper, Stats } from 'ssh2';
import * as SftpClient from 'ssh2-sftp-client';
import { runAsWorker } from 'synckit';
import type {
  BridgeErrorCode,
  BridgeRequest,
  BridgeResponse,
  RemoteEntry,
  RemoteEntryType,
  RemoteStat,
  SyncSftpConnectOptions,
} from './bridge-protocol';
import { decodeHostKey, keyFamily, toSsh2PrivateKey } from './keys';

class BridgeFailure extends Error {
  constructor(
    readonly code: BridgeErrorCode,
    message: string,
  ) {
    super(message);
  }
}

interface Session {
  client: SftpClient;
  sftp: SFTPWrapper;
  /** Set once the connection is gone; every later call fails with it. */
  dead: BridgeFailure | undefined;
}

const sessions = new Map<string, Session>();

// SFTP v3 status codes (ssh2 puts them in err.code).
const SFTP_NO_SUCH_FILE = 2;
const SFTP_PERMISSION_DENIED = 3;
const SFTP_FAILURE = 4;

const DROPPED = /no response from server|unexpected (close|end)|no sftp connection|not connected|econnreset|channel (not open|closed)|socket (closed|ended)|write after end/i;

function errorCodeOf(err: unknown): unknown {
  return (err as { code?: unknown } | undefined)?.code;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Maps an SFTP or socket error to a bridge code; op-specific refinement happens in the callers. */
function classify(err: unknown, context: string): BridgeFailure {
  if (err instanceof BridgeFailure) return err;
  const code = errorCodeOf(err);
  const message = messageOf(err);
  const text = message.startsWith(`${context}:`) ? message : `${context}: ${message}`;
  if (code === SFTP_NO_SUCH_FILE || code === 'ENOENT') return new BridgeFailure('ENOENT', text);
  if (code === SFTP_PERMISSION_DENIED || code === 'EACCES') return new BridgeFailure('PERMISSION_DENIED', text);
  if (code === 'ECONNRESET' || code === 'ERR_NOT_CONNECTED' || code === 'EPIPE' || DROPPED.test(message)) {
    return new BridgeFailure('ECONNRESET', `${context}: connection reset (${message})`);
  }
  if (code === SFTP_FAILURE) {
    if (/file exists/i.test(message)) return new BridgeFailure('EEXIST', text);
    if (/not empty/i.test(message)) return new BridgeFailure('ENOTEMPTY', text);
    if (/not a directory/i.test(message)) return new BridgeFailure('ENOTDIR', text);
    if (/is a directory/i.test(message)) return new BridgeFailure('EISDIR', text);
  }
  return new BridgeFailure('FAILURE', text);
}

function withTimeout<T>(work: Promise<T>, ms: number, onTimeout: () => void, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      onTimeout();
      reject(new BridgeFailure('TIMEOUT', `${what}: timed out after ${ms} ms`));
    }, ms);
    work.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: Error) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

function hostKeyAlgorithms(keyType: string): ServerHostKeyAlgorithm[] {
  if (keyType === 'ssh-rsa') return ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'];
  return [keyType as ServerHostKeyAlgorithm];
}

function classifyConnectError(err: unknown, hostKeyRejected: boolean): BridgeFailure {
  const message = messageOf(err);
  if (hostKeyRejected) return new BridgeFailure('HOST_KEY_MISMATCH', 'the server presented a different host key');
  const level = (err as { level?: unknown } | undefined)?.level;
  const code = errorCodeOf(err);
  if (level === 'client-authentication') return new BridgeFailure('AUTH_FAILED', message);
  if (level === 'client-timeout' || code === 'ETIMEDOUT') return new BridgeFailure('TIMEOUT', message);
  if (code === 'ECONNREFUSED') return new BridgeFailure('ECONNREFUSED', message);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') return new BridgeFailure('ENOTFOUND', message);
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return new BridgeFailure('EHOSTUNREACH', message);
  if (code === 'ECONNRESET' || code === 'EPIPE') return new BridgeFailure('ECONNRESET', message);
  // The server has no key of the pinned type: it cannot present the pinned key.
  if (/no matching host key/i.test(message)) return new BridgeFailure('HOST_KEY_MISMATCH', message);
  if (/no matching/i.test(message)) return new BridgeFailure('UNSUPPORTED_ALGORITHM', message);
  return new BridgeFailure('FAILURE', message);
}

async function connect(options: SyncSftpConnectOptions): Promise<string> {
  const pinned = decodeHostKey(options.hostKeyBase64);
  if (pinned === undefined) throw new BridgeFailure('BAD_REQUEST', 'malformed pinned host key');
  if (options.hostKeyType !== undefined && keyFamily(pinned.type) !== options.hostKeyType.toLowerCase()) {
    throw new BridgeFailure('BAD_REQUEST', `pinned host key is ${pinned.type}, not ${options.hostKeyType}`);
  }
  let privateKey: string | undefined;
  if (options.privateKey !== undefined) {
    try {
      privateKey = toSsh2PrivateKey(options.privateKey);
    } catch (err) {
      throw new BridgeFailure('AUTH_FAILED', `unusable private key: ${messageOf(err)}`);
    }
  }
  const id = `sftp-${crypto.randomUUID()}`;
  const client = new SftpClient(id, { error: () => undefined, end: () => undefined, close: () => undefined });
  let hostKeyRejected = false;
  let lastError: unknown;
  let session: Session | undefined;
  const markDead = (why: string): void => {
    if (session !== undefined && session.dead === undefined) session.dead = new BridgeFailure('ECONNRESET', `connection reset: ${why}`);
  };
  // Prepended to ssh2-sftp-client's own listeners, so they run first.
  client.on('error', (err: unknown) => {
    lastError = err;
    markDead(messageOf(err));
  });
  client.on('end', () => markDead('the server ended the connection'));
  client.on('close', () => markDead('the connection closed'));

  // No Nagle delay: without ssh2's native crypto binding (npm ci denies its build) packets go out in pieces,
  // and each request would wait for a delayed ACK (~40 ms per round trip).
  const ssh = (client as unknown as { client: { once(event: 'connect', cb: () => void): void; setNoDelay(on: boolean): void } }).client;
  ssh.once('connect', () => ssh.setNoDelay(true));

  const timeoutMs = Math.max(1, options.timeoutSeconds) * 1000;
  try {
    const sftp = await withTimeout(
      client.connect({
        host: options.host,
        port: options.port,
        username: options.username,
        password: options.password,
        privateKey,
        readyTimeout: timeoutMs,
        keepaliveInterval: 5000,
        keepaliveCountMax: 3,
        algorithms: { serverHostKey: hostKeyAlgorithms(pinned.type) },
        // Pinned key, no trust on first use: anything else fails closed.
        hostVerifier: (key: Buffer): boolean => {
          const ok = key.equals(pinned.blob);
          if (!ok) hostKeyRejected = true;
          return ok;
        },
      }),
      timeoutMs + 500,
      () => void client.end().catch(() => undefined),
      'connect',
    );
    session = { client, sftp, dead: undefined };
    sessions.set(id, session);
    return id;
  } catch (err) {
    void client.end().catch(() => undefined);
    if (err instanceof BridgeFailure) throw err;
    throw classifyConnectError(lastError ?? err, hostKeyRejected);
  }
}

function session(id: string): Session {
  const s = sessions.get(id);
  if (s === undefined) throw new BridgeFailure('NOT_CONNECTED', `unknown or closed SFTP connection ${id}`);
  if (s.dead !== undefined) throw s.dead;
  return s;
}

/** Runs one operation with a timeout; a dropped connection always reports ECONNRESET. */
async function op<T>(id: string, timeoutMs: number, what: string, work: (s: Session) => Promise<T>): Promise<T> {
  const s = session(id);
  try {
    return await withTimeout(
      work(s),
      timeoutMs,
      () => {
        s.dead ??= new BridgeFailure('ECONNRESET', `connection abandoned after a ${what} timeout`);
        void s.client.end().catch(() => undefined);
      },
      what,
    );
  } catch (err) {
    if (err instanceof BridgeFailure && err.code === 'TIMEOUT') throw err;
    if (s.dead !== undefined) throw new BridgeFailure('ECONNRESET', `${what}: ${s.dead.message}`);
    throw classify(err, what);
  }
}

function raw<T>(call: (cb: (err: Error | null | undefined, value?: T) => void) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    try {
      call((err, value) => (err ? reject(err) : resolve(value as T)));
    } catch (err) {
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}

function typeOf(st: Stats): RemoteEntryType {
  if (st.isDirectory()) return 'directory';
  if (st.isFile()) return 'file';
  if (st.isSymbolicLink()) return 'symlink';
  return 'other';
}

async function rawStat(s: Session, path: string): Promise<RemoteStat | undefined> {
  try {
    const st = await raw<Stats>((cb) => s.sftp.stat(path, cb));
    return { type: typeOf(st), size: st.size, modifyTime: st.mtime * 1000, mode: st.mode };
  } catch (err) {
    if (errorCodeOf(err) === SFTP_NO_SUCH_FILE) return undefined;
    throw err;
  }
}

const LIST_TYPES: Record<string, RemoteEntryType> = { d: 'directory', '-': 'file', l: 'symlink' };

type BridgeValue = string | RemoteEntry[] | RemoteStat | Uint8Array | null;

async function handle(req: BridgeRequest): Promise<BridgeValue> {
  switch (req.op) {
    case 'connect':
      return connect(req.options);
    case 'stat':
      return op(req.id, req.timeoutMs, 'stat', async (s) => {
        const st = await rawStat(s, req.path);
        if (st === undefined) throw new BridgeFailure('ENOENT', `stat: no such file ${req.path}`);
        return st;
      });
    case 'list':
      return op(req.id, req.timeoutMs, 'list', async (s): Promise<RemoteEntry[]> => {
        const items = await s.client.list(req.path);
        return items
          .filter((i) => i.name !== '.' && i.name !== '..')
          .map((i) => ({ name: i.name, type: LIST_TYPES[i.type] ?? 'other', size: i.size, modifyTime: i.modifyTime }));
      });
    case 'get':
      return op(req.id, req.timeoutMs, 'get', async (s) => {
        const data = await s.client.get(req.path);
        // concat-stream yields [] instead of a Buffer when the file is empty.
        if (Array.isArray(data) && data.length === 0) return new Uint8Array(0);
        if (!Buffer.isBuffer(data)) throw new BridgeFailure('FAILURE', 'get: no data');
        return new Uint8Array(data); // own copy: a pooled Buffer would clone its whole slab
      });
    case 'put':
      return op(req.id, req.timeoutMs, 'put', async (s) => {
        if (!req.overwrite && (await rawStat(s, req.path)) !== undefined) {
          throw new BridgeFailure('EEXIST', `put: ${req.path} already exists`);
        }
        const data = Buffer.from(req.data.buffer, req.data.byteOffset, req.data.byteLength);
        // 'wx' (O_EXCL) closes the race between the check above and the write.
        const flags = (req.overwrite ? 'w' : 'wx') as 'w';
        try {
          await s.client.put(data, req.path, { writeStreamOptions: { flags } });
        } catch (err) {
          if (!req.overwrite && errorCodeOf(err) === SFTP_FAILURE) throw new BridgeFailure('EEXIST', `put: ${messageOf(err)}`);
          throw err;
        }
        return null;
      });
    case 'rename':
      return op(req.id, req.timeoutMs, 'rename', async (s) => {
        try {
          await raw<void>((cb) => s.sftp.rename(req.from, req.to, cb));
        } catch (err) {
          if (s.dead === undefined && errorCodeOf(err) === SFTP_FAILURE) {
            if ((await rawStat(s, req.to)) !== undefined) throw new BridgeFailure('EEXIST', `rename: ${req.to} exists`);
            if ((await rawStat(s, req.from)) === undefined) throw new BridgeFailure('ENOENT', `rename: no such file ${req.from}`);
          }
          throw err;
        }
        return null;
      });
    case 'delete':
      return op(req.id, req.timeoutMs, 'delete', async (s) => {
        try {
          await raw<void>((cb) => s.sftp.unlink(req.path, cb));
        } catch (err) {
          if (s.dead === undefined && errorCodeOf(err) === SFTP_FAILURE && (await rawStat(s, req.path))?.type === 'directory') {
            throw new BridgeFailure('EISDIR', `delete: ${req.path} is a directory`);
          }
          throw err;
        }
        return null;
      });
    case 'mkdir':
      return op(req.id, req.timeoutMs, 'mkdir', async (s) => {
        try {
          await raw<void>((cb) => s.sftp.mkdir(req.path, cb));
        } catch (err) {
          if (s.dead === undefined && errorCodeOf(err) === SFTP_FAILURE && (await rawStat(s, req.path)) !== undefined) {
            throw new BridgeFailure('EEXIST', `mkdir: ${req.path} exists`);
          }
          throw err;
        }
        return null;
      });
    case 'rmdir':
      return op(req.id, req.timeoutMs, 'rmdir', async (s) => {
        try {
          await raw<void>((cb) => s.sftp.rmdir(req.path, cb));
        } catch (err) {
          if (s.dead === undefined && errorCodeOf(err) === SFTP_FAILURE) {
            const st = await rawStat(s, req.path);
            if (st === undefined) throw new BridgeFailure('ENOENT', `rmdir: no such directory ${req.path}`);
            if (st.type !== 'directory') throw new BridgeFailure('ENOTDIR', `rmdir: ${req.path} is not a directory`);
            const entries = await s.client.list(req.path);
            if (entries.some((e) => e.name !== '.' && e.name !== '..')) {
              throw new BridgeFailure('ENOTEMPTY', `rmdir: ${req.path} is not empty`);
            }
          }
          throw err;
        }
        return null;
      });
    case 'end': {
      const s = sessions.get(req.id);
      sessions.delete(req.id);
      if (s !== undefined && s.dead === undefined) {
        s.dead = new BridgeFailure('NOT_CONNECTED', 'connection ended');
        await withTimeout(s.client.end(), req.timeoutMs, () => undefined, 'end').catch(() => undefined);
      }
      return null;
    }
  }
}

runAsWorker(async (req: BridgeRequest): Promise<BridgeResponse> => {
  try {
    return { ok: true, value: await handle(req) };
  } catch (err) {
    const failure = err instanceof BridgeFailure ? err : new BridgeFailure('FAILURE', messageOf(err));
    return { ok: false, code: failure.code, message: failure.message };
  }
});
