// Synchronous SFTP client: N/sftp is synchronous, ssh2 is not. Calls block this thread (synckit,
// Atomics.wait) while build/runtime/sftp/bridge-worker.js does the work, so the SFTP server must not
// run on this thread. Errors keep a machine-readable `code` (BridgeErrorCode).
import { createSyncFn } from 'synckit';
import { compiledPath } from '../paths';
import type {
  BridgeErrorCode,
  BridgeRequest,
  BridgeResponse,
  RemoteEntry,
  RemoteStat,
  SyncSftpConnectOptions,
} from './bridge-protocol';

export type { BridgeErrorCode, RemoteEntry, RemoteEntryType, RemoteStat, SyncSftpConnectOptions } from './bridge-protocol';

export class SftpBridgeError extends Error {
  constructor(
    readonly code: BridgeErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SftpBridgeError';
  }
}

export interface SyncSftpCallOptions {
  /** Per-call limit; default 60 s, at most 300 s (NetSuite's MAX_TRANSFER_TIMEOUT). */
  timeoutSeconds?: number;
}

const DEFAULT_TIMEOUT_SECONDS = 60;
const MAX_TIMEOUT_SECONDS = 300;
/** Backstop for a worker that never answers; the worker's own timeouts are always shorter. */
const WORKER_TIMEOUT_MS = (MAX_TIMEOUT_SECONDS + 60) * 1000;

type WorkerFn = (req: BridgeRequest) => Promise<BridgeResponse>;
let syncFn: ((req: BridgeRequest) => BridgeResponse) | undefined;

function call(req: BridgeRequest): BridgeResponse & { ok: true } {
  syncFn ??= createSyncFn<WorkerFn>(compiledPath('runtime/sftp/bridge-worker.js'), { timeout: WORKER_TIMEOUT_MS });
  let res: BridgeResponse;
  try {
    res = syncFn(req);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new SftpBridgeError(/timed-out/.test(message) ? 'TIMEOUT' : 'FAILURE', `SFTP bridge: ${message}`);
  }
  if (!res.ok) throw new SftpBridgeError(res.code, res.message);
  return res;
}

function timeoutMs(options: SyncSftpCallOptions | undefined): number {
  const seconds = options?.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
  return Math.min(Math.max(seconds, 1), MAX_TIMEOUT_SECONDS) * 1000;
}

function pathOp(op: 'list' | 'stat' | 'get' | 'delete' | 'mkdir' | 'rmdir', id: string, path: string, o?: SyncSftpCallOptions) {
  return call({ op, id, path, timeoutMs: timeoutMs(o) }).value;
}

/** Synchronous SFTP operations; every call after connect() takes the connection id it returned. */
export const SyncSftp = {
  /** Opens a session; fails closed (HOST_KEY_MISMATCH) unless the server presents the pinned host key. */
  connect(options: SyncSftpConnectOptions): string {
    return call({ op: 'connect', options }).value as string;
  },
  /** Directory entries without '.' and '..'. */
  list(id: string, dir: string, o?: SyncSftpCallOptions): RemoteEntry[] {
    return pathOp('list', id, dir, o) as RemoteEntry[];
  },
  /** Follows symlinks; ENOENT when missing. */
  stat(id: string, path: string, o?: SyncSftpCallOptions): RemoteStat {
    return pathOp('stat', id, path, o) as RemoteStat;
  },
  get(id: string, path: string, o?: SyncSftpCallOptions): Uint8Array {
    return pathOp('get', id, path, o) as Uint8Array;
  },
  /** With overwrite false an existing file fails with EEXIST. */
  put(id: string, path: string, bytes: Uint8Array, options: SyncSftpCallOptions & { overwrite: boolean }): void {
    call({ op: 'put', id, path, data: bytes, overwrite: options.overwrite, timeoutMs: timeoutMs(options) });
  },
  /** Never replaces an existing target (EEXIST). */
  rename(id: string, from: string, to: string, o?: SyncSftpCallOptions): void {
    call({ op: 'rename', id, from, to, timeoutMs: timeoutMs(o) });
  },
  delete(id: string, path: string, o?: SyncSftpCallOptions): void {
    pathOp('delete', id, path, o);
  },
  mkdir(id: string, path: string, o?: SyncSftpCallOptions): void {
    pathOp('mkdir', id, path, o);
  },
  /** Fails with ENOTEMPTY when the directory has entries. */
  rmdir(id: string, path: string, o?: SyncSftpCallOptions): void {
    pathOp('rmdir', id, path, o);
  },
  /** Closes the session; unknown or already closed ids are ignored. */
  end(id: string): void {
    call({ op: 'end', id, timeoutMs: 5000 });
  },
};
