// Messages between the synchronous SFTP bridge (bridge.ts) and its worker (bridge-worker.ts).

/** Machine-readable error codes that cross the bridge. */
export type BridgeErrorCode =
  | 'ENOENT'
  | 'EEXIST'
  | 'ENOTDIR'
  | 'EISDIR'
  | 'ENOTEMPTY'
  | 'PERMISSION_DENIED'
  | 'HOST_KEY_MISMATCH'
  | 'AUTH_FAILED'
  | 'ECONNREFUSED'
  | 'ECONNRESET'
  | 'ENOTFOUND'
  | 'EHOSTUNREACH'
  | 'TIMEOUT'
  | 'UNSUPPORTED_ALGORITHM'
  | 'NOT_CONNECTED'
  | 'BAD_REQUEST'
  | 'FAILURE';

export interface SyncSftpConnectOptions {
  host: string;
  port: number;
  username: string;
  password?: string;
  /** PEM or OpenSSH private key. */
  privateKey?: string;
  /** The pinned host key: the base64 field printed by ssh-keyscan. Any other key fails the connection. */
  hostKeyBase64: string;
  /** 'rsa' | 'dsa' | 'ecdsa'; when given it must match the pinned key. */
  hostKeyType?: string;
  timeoutSeconds: number;
}

export type RemoteEntryType = 'file' | 'directory' | 'symlink' | 'other';

export interface RemoteEntry {
  name: string;
  type: RemoteEntryType;
  size: number;
  /** Milliseconds since the epoch (SFTP v3 carries whole seconds). */
  modifyTime: number;
}

export interface RemoteStat {
  type: RemoteEntryType;
  size: number;
  modifyTime: number;
  mode: number;
}

export type BridgeRequest =
  | { op: 'connect'; options: SyncSftpConnectOptions }
  | { op: 'list' | 'stat' | 'get' | 'delete' | 'mkdir' | 'rmdir'; id: string; path: string; timeoutMs: number }
  | { op: 'put'; id: string; path: string; data: Uint8Array; overwrite: boolean; timeoutMs: number }
  | { op: 'rename'; id: string; from: string; to: string; timeoutMs: number }
  | { op: 'end'; id: string; timeoutMs: number };

export type BridgeResponse =
  | { ok: true; value: string | RemoteEntry[] | RemoteStat | Uint8Array | null }
  | { ok: false; code: BridgeErrorCode; message: string };
