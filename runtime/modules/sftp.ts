// N/sftp (NETSUITE.md 1) on top of the synchronous SFTP bridge (runtime/sftp/bridge.ts).
// Order in every method: validate the options (no units), charge governance, then talk to the server.
// Choices where NetSuite's behaviour is unverified are marked [U].
import { SftpBridgeError, SyncSftp, type BridgeErrorCode, type RemoteEntry } from '../sftp/bridge';
import { decodeHostKey, keyFamily } from '../sftp/keys';
import { PathEscapeError, connectionDirectory, escapeFileName, resolveRemote, splitListPath } from '../sftp/remote-path';
import * as posix from 'node:path/posix';

export interface SftpModuleDeps {
  /** Password for an API secret id or a passwordGuid. */
  resolveSecret(id: string): string | undefined;
  /** PEM private key for a keyId. */
  resolveKey(keyId: string): string | undefined;
  /** Governance; called before the work is done. */
  charge(apiName: string, units: number): void;
  /** Builds a SuiteScriptError. */
  createError(name: string, message: string): Error;
  /** Builds an N/file File for download(). */
  createFile(options: { name: string; contents: Uint8Array }): unknown;
  /** Reads a File passed to upload(). */
  fileBytes(file: unknown): { name: string; bytes: Uint8Array };
  /** Emulator switches for behaviour NetSuite does not document. */
  options?: SftpModuleOptions;
}

export interface SftpModuleOptions {
  /**
   * makeDirectory on an existing directory [U]: 'throw' (default) throws FTP_INVALID_DIRECTORY, as an
   * SFTP mkdir fails on an existing path; 'ignore' returns quietly.
   */
  existingDirectory?: 'throw' | 'ignore';
}

export interface SftpListEntry {
  name: string;
  directory: boolean;
  size: number;
  lastModified: Date;
}

export const SORT = Object.freeze({
  DATE: 'DATE',
  DATE_DESC: 'DATE_DESC',
  SIZE: 'SIZE',
  SIZE_DESC: 'SIZE_DESC',
  NAME: 'NAME',
  NAME_DESC: 'NAME_DESC',
} as const);

export const MAX_FILE_SIZE = 100000000;
export const MAX_TRANSFER_TIMEOUT = 300;
export const MAX_CONNECT_TIMEOUT = 20;
const DEFAULT_PORT = 22;
/** Metadata calls (list, move, ...) have no timeout option; the bridge still needs one. */
const METADATA_TIMEOUT_SECONDS = 60;

const COSTS = {
  createConnection: 0,
  upload: 100,
  download: 100,
  list: 10,
  move: 10,
  removeFile: 10,
  makeDirectory: 10,
  removeDirectory: 10,
} as const;

type Options = Record<string, unknown>;

export interface SftpConnection {
  upload(options: Options): void;
  download(options: Options): unknown;
  list(options?: Options): SftpListEntry[];
  move(options: Options): void;
  removeFile(options: Options): void;
  makeDirectory(options: Options): void;
  removeDirectory(options: Options): void;
  readonly MAX_FILE_SIZE: number;
  readonly MAX_TRANSFER_TIMEOUT: number;
}

export interface SftpModule {
  createConnection(options: Options): SftpConnection;
  readonly Sort: typeof SORT;
}


const openConnections = new WeakMap<object, Set<string>>();

/** Ends every SFTP session a module instance opened (the runtime calls it when a script finishes). */
export function disposeSftpModule(mod: unknown): void {
  if (typeof mod !== 'object' || mod === null) return;
  const ids = openConnections.get(mod);
  if (ids === undefined) return;
  for (const id of ids) {
    try {
      SyncSftp.end(id);
    } catch {
      // already gone
    }
  }
  ids.clear();
}

export function createSftpModule(deps: SftpModuleDeps): SftpModule {
  const err = (name: string, message: string): Error => deps.createError(name, message);
  /** A read-only member: reading gives `value`, writing throws READ_ONLY_PROPERTY (NETSUITE.md 1). */
  const defineReadOnly = (target: object, owner: string, key: string, value: unknown): void => {
    Object.defineProperty(target, key, {
      enumerable: true,
      get: () => value,
      set: () => {
        throw err('READ_ONLY_PROPERTY', `${owner}.${key} is read-only`);
      },
    });
  };
  const existingDirectory = deps.options?.existingDirectory ?? 'throw';
  const ids = new Set<string>();

  // ---- option helpers ----

  const optionsObject = (api: string, options: unknown, required: boolean): Options => {
    if (options === undefined || options === null) {
      if (required) throw err('SSS_MISSING_REQD_ARGUMENT', `${api}: missing a required argument: options`);
      return {};
    }
    if (typeof options !== 'object') throw err('SSS_INVALID_TYPE_ARG', `${api}: options must be an object`);
    return options as Options;
  };

  const optString = (api: string, o: Options, key: string): string | undefined => {
    const v = o[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') throw err('SSS_INVALID_TYPE_ARG', `${api}: ${key} must be a string`);
    return v;
  };

  const reqString = (api: string, o: Options, key: string): string => {
    const v = optString(api, o, key);
    if (v === undefined || v === '') throw err('SSS_MISSING_REQD_ARGUMENT', `${api}: missing a required argument: ${key}`);
    return v;
  };

  /** Numbers; numeric strings are accepted too (values often come from custom record fields) [U]. */
  const optNumber = (o: Options, key: string): number | undefined => {
    const v = o[key];
    if (v === undefined || v === null || v === '') return undefined;
    if (typeof v === 'number') return v;
    if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
    return Number.NaN;
  };

  const transferTimeout = (api: string, o: Options): number => {
    const t = optNumber(o, 'timeout');
    if (t === undefined) return MAX_TRANSFER_TIMEOUT;
    if (!(t > 0 && t <= MAX_TRANSFER_TIMEOUT)) {
      throw err('FTP_INVALID_TRANSFER_TIMEOUT', `${api}: timeout must be between 1 and ${MAX_TRANSFER_TIMEOUT} seconds`);
    }
    return t;
  };

  // ---- bridge error mapping ----

  const codeOf = (e: unknown): BridgeErrorCode | undefined => (e instanceof SftpBridgeError ? e.code : undefined);

  /** Turns a bridge error into a SuiteScriptError; `specific` maps codes of this call. */
  const mapError = (api: string, e: unknown, specific: Partial<Record<BridgeErrorCode, string>>, fallback: string): Error => {
    const code = codeOf(e);
    const detail = e instanceof Error ? e.message : String(e);
    const name =
      (code !== undefined ? specific[code] : undefined) ??
      (code === 'ECONNRESET' || code === 'NOT_CONNECTED' || code === 'TIMEOUT'
        ? 'CONNECTION_RESET'
        : code === 'PERMISSION_DENIED'
          ? 'FTP_PERMISSION_DENIED'
          : fallback);
    return err(name, `${api}: ${detail}`);
  };

  // ---- createConnection ----

  const createConnection = (rawOptions: unknown): SftpConnection => {
    const api = 'sftp.createConnection';
    const o = optionsObject(api, rawOptions, true);
    const url = reqString(api, o, 'url');
    const username = reqString(api, o, 'username');
    const passwordGuid = optString(api, o, 'passwordGuid');
    const secret = optString(api, o, 'secret');
    const keyId = optString(api, o, 'keyId');
    const hostKey = reqString(api, o, 'hostKey');
    const hostKeyType = optString(api, o, 'hostKeyType');
    const directory = optString(api, o, 'directory');
    if (!passwordGuid && !secret && !keyId) {
      throw err('SSS_MISSING_REQD_ARGUMENT', `${api}: missing a required argument: passwordGuid, secret or keyId`);
    }
    if (passwordGuid && secret) throw err('MUTUALLY_EXCLUSIVE_ARGUMENTS', `${api}: secret and passwordGuid are mutually exclusive`);

    const port = optNumber(o, 'port') ?? DEFAULT_PORT;
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw err('FTP_INVALID_PORT_NUMBER', `${api}: invalid port ${String(o.port)}`);
    const timeout = optNumber(o, 'timeout') ?? MAX_CONNECT_TIMEOUT;
    if (!(timeout > 0 && timeout <= MAX_CONNECT_TIMEOUT)) {
      throw err('FTP_INVALID_CONNECTION_TIMEOUT', `${api}: timeout must be between 1 and ${MAX_CONNECT_TIMEOUT} seconds`);
    }

    const decoded = decodeHostKey(hostKey);
    if (decoded === undefined) throw err('FTP_MALFORMED_HOST_KEY', `${api}: the host key is not a base64 SSH public key`);
    const family = keyFamily(decoded.type);
    // NetSuite lists RSA, DSA and ECDSA host keys; an ed25519 key is treated as an unsupported type [U].
    if (family === undefined || family === 'ed25519') {
      throw err('FTP_INCORRECT_HOST_KEY_TYPE', `${api}: unsupported host key type ${decoded.type}`);
    }
    if (hostKeyType !== undefined && hostKeyType.toLowerCase() !== family) {
      throw err('FTP_INCORRECT_HOST_KEY_TYPE', `${api}: hostKeyType ${hostKeyType} does not match the ${decoded.type} host key`);
    }

    let password: string | undefined;
    const secretId = secret || passwordGuid;
    if (secretId) {
      password = deps.resolveSecret(secretId);
      if (password === undefined) throw err('FTP_CANNOT_ESTABLISH_CONNECTION', `${api}: unknown secret or passwordGuid ${secretId}`);
    }
    let privateKey: string | undefined;
    if (keyId) {
      privateKey = deps.resolveKey(keyId);
      if (privateKey === undefined) throw err('FTP_CANNOT_ESTABLISH_CONNECTION', `${api}: unknown keyId ${keyId}`);
    }

    deps.charge(api, COSTS.createConnection);
    let id: string;
    try {
      id = SyncSftp.connect({
        host: url,
        port,
        username,
        password,
        privateKey,
        hostKeyBase64: hostKey.trim(),
        hostKeyType: family,
        timeoutSeconds: timeout,
      });
    } catch (e) {
      throw mapError(
        api,
        e,
        {
          HOST_KEY_MISMATCH: 'FTP_INCORRECT_HOST_KEY',
          AUTH_FAILED: 'FTP_CANNOT_ESTABLISH_CONNECTION',
          ECONNREFUSED: 'FTP_CANNOT_ESTABLISH_CONNECTION', // [U]
          ENOTFOUND: 'FTP_UNKNOWN_HOST',
          EHOSTUNREACH: 'NO_ROUTE_TO_HOST_FOUND',
          TIMEOUT: 'FTP_CONNECT_TIMEOUT_EXCEEDED',
          UNSUPPORTED_ALGORITHM: 'FTP_UNSUPPORTED_ENCRYPTION_ALGORITHM',
          BAD_REQUEST: 'FTP_MALFORMED_HOST_KEY',
        },
        'FTP_CANNOT_ESTABLISH_CONNECTION',
      );
    }

    const connDir = connectionDirectory(directory);
    if (directory !== undefined && connDir !== '.') {
      let failure: Error | undefined;
      try {
        const st = SyncSftp.stat(id, connDir, { timeoutSeconds: METADATA_TIMEOUT_SECONDS });
        if (st.type !== 'directory') failure = err('FTP_INVALID_DIRECTORY', `${api}: ${directory} is not a directory`);
      } catch (e) {
        failure = mapError(api, e, { ENOENT: 'FTP_INVALID_DIRECTORY', PERMISSION_DENIED: 'FTP_CANNOT_ESTABLISH_CONNECTION' }, 'FTP_INVALID_DIRECTORY');
      }
      if (failure !== undefined) {
        endQuietly(id);
        throw failure;
      }
    }
    ids.add(id);
    return makeConnection(id, connDir);
  };

  const endQuietly = (id: string): void => {
    try {
      SyncSftp.end(id);
    } catch {
      // ignore
    }
  };

  // ---- Connection ----

  const makeConnection = (id: string, connDir: string): SftpConnection => {
    const resolvePath = (api: string, scriptPath: string | undefined): string => {
      try {
        return resolveRemote(connDir, scriptPath);
      } catch (e) {
        if (e instanceof PathEscapeError) throw err('FTP_PERMISSION_DENIED', `${api}: ${e.message}`);
        throw e;
      }
    };

    const upload = (rawOptions: unknown): void => {
      const api = 'sftp.upload';
      const o = optionsObject(api, rawOptions, true);
      if (o.file === undefined || o.file === null) throw err('SSS_MISSING_REQD_ARGUMENT', `${api}: missing a required argument: file`);
      const directory = optString(api, o, 'directory');
      const filenameOption = optString(api, o, 'filename');
      const timeout = transferTimeout(api, o);
      const replaceExisting = o.replaceExisting === true; // default false [D]
      const { name, bytes } = deps.fileBytes(o.file);
      const filename = filenameOption || name;
      if (!filename) throw err('SSS_MISSING_REQD_ARGUMENT', `${api}: missing a required argument: filename`);
      const target = posix.join(resolvePath(api, directory), escapeFileName(filename));
      deps.charge(api, COSTS.upload);
      try {
        SyncSftp.put(id, target, bytes, { overwrite: replaceExisting, timeoutSeconds: timeout });
      } catch (e) {
        throw mapError(
          api,
          e,
          {
            EEXIST: 'FTP_FILE_ALREADY_EXISTS',
            ENOENT: 'FTP_NO_SUCH_FILE_OR_DIRECTORY',
            ENOTDIR: 'FTP_NO_SUCH_FILE_OR_DIRECTORY',
            EISDIR: 'FTP_FILE_ALREADY_EXISTS', // the name is taken by a directory [U]
            TIMEOUT: 'FTP_TRANSFER_TIMEOUT_EXCEEDED',
          },
          'FTP_PERMISSION_DENIED',
        );
      }
    };

    const download = (rawOptions: unknown): unknown => {
      const api = 'sftp.download';
      const o = optionsObject(api, rawOptions, true);
      const filename = reqString(api, o, 'filename');
      const directory = optString(api, o, 'directory');
      const timeout = transferTimeout(api, o);
      // `filename` may carry sub-folders; it resolves under `directory` like any other path [U].
      const target = resolvePath(api, `${directory ?? ''}/${filename}`);
      deps.charge(api, COSTS.download);
      const specific = {
        ENOENT: 'FTP_NO_SUCH_FILE_OR_DIRECTORY',
        ENOTDIR: 'FTP_NO_SUCH_FILE_OR_DIRECTORY',
        EISDIR: 'FTP_NO_SUCH_FILE_OR_DIRECTORY',
        TIMEOUT: 'FTP_TRANSFER_TIMEOUT_EXCEEDED',
      } as const;
      let bytes: Uint8Array;
      try {
        const st = SyncSftp.stat(id, target, { timeoutSeconds: timeout });
        if (st.type === 'directory') throw err('FTP_NO_SUCH_FILE_OR_DIRECTORY', `${api}: ${filename} is a directory`); // [U]
        if (st.size > MAX_FILE_SIZE) {
          throw err('FTP_MAXIMUM_FILE_SIZE_EXCEEDED', `${api}: ${filename} is ${st.size} bytes; the limit is ${MAX_FILE_SIZE}`);
        }
        bytes = SyncSftp.get(id, target, { timeoutSeconds: timeout });
      } catch (e) {
        if (!(e instanceof SftpBridgeError)) throw e;
        throw mapError(api, e, specific, 'FTP_NO_SUCH_FILE_OR_DIRECTORY');
      }
      // Checked again after the transfer: the file may have grown in between.
      if (bytes.length > MAX_FILE_SIZE) throw err('FTP_MAXIMUM_FILE_SIZE_EXCEEDED', `${api}: ${filename} exceeds ${MAX_FILE_SIZE} bytes`);
      return deps.createFile({ name: posix.basename(target), contents: bytes });
    };

    const list = (rawOptions?: unknown): SftpListEntry[] => {
      const api = 'sftp.list';
      const o = optionsObject(api, rawOptions, true);
      // Oracle help (Connection.list, section_1557235176) marks options.path required: list the connection
      // directory itself with '.', never by leaving the path out.
      const path = reqString(api, o, 'path');
      // Help says `sort` is required; HotWax omits it successfully, NAME is the default [O].
      const sort = o.sort === undefined || o.sort === null ? SORT.NAME : o.sort;
      if (typeof sort !== 'string' || !Object.hasOwn(SORT, sort)) throw err('SSS_INVALID_TYPE_ARG', `${api}: invalid sort ${JSON.stringify(sort)}`); // [U]
      let where: { dir: string; filter: RegExp | undefined };
      try {
        where = splitListPath(connDir, path);
      } catch (e) {
        if (e instanceof PathEscapeError) throw err('FTP_PERMISSION_DENIED', `${api}: ${e.message}`);
        throw e;
      }
      deps.charge(api, COSTS.list);
      let entries: RemoteEntry[];
      try {
        entries = SyncSftp.list(id, where.dir, { timeoutSeconds: METADATA_TIMEOUT_SECONDS });
      } catch (e) {
        throw mapError(api, e, {}, 'FTP_INVALID_DIRECTORY');
      }
      const result = entries
        .filter((e) => e.name !== '.' && e.name !== '..' && (where.filter === undefined || where.filter.test(e.name)))
        .map((e) => ({ name: e.name, directory: e.type === 'directory', size: e.size, lastModified: new Date(e.modifyTime) }));
      return sortEntries(result, sort as keyof typeof SORT);
    };

    const move = (rawOptions: unknown): void => {
      const api = 'sftp.move';
      const o = optionsObject(api, rawOptions, true);
      const from = resolvePath(api, reqString(api, o, 'from'));
      const to = resolvePath(api, reqString(api, o, 'to'));
      deps.charge(api, COSTS.move);
      try {
        // The server never replaces an existing target, so a move onto one fails [D: FTP_INVALID_MOVE].
        SyncSftp.rename(id, from, to, { timeoutSeconds: METADATA_TIMEOUT_SECONDS });
      } catch (e) {
        throw mapError(api, e, {}, 'FTP_INVALID_MOVE');
      }
    };

    const removeFile = (rawOptions: unknown): void => {
      const api = 'sftp.removeFile';
      const o = optionsObject(api, rawOptions, true);
      const target = resolvePath(api, reqString(api, o, 'path'));
      deps.charge(api, COSTS.removeFile);
      try {
        SyncSftp.delete(id, target, { timeoutSeconds: METADATA_TIMEOUT_SECONDS });
      } catch (e) {
        // A directory is "no such file" here [U].
        throw mapError(api, e, {}, 'FTP_NO_SUCH_FILE_OR_DIRECTORY');
      }
    };

    const makeDirectory = (rawOptions: unknown): void => {
      const api = 'sftp.makeDirectory';
      const o = optionsObject(api, rawOptions, true);
      const target = resolvePath(api, reqString(api, o, 'path'));
      deps.charge(api, COSTS.makeDirectory);
      try {
        SyncSftp.mkdir(id, target, { timeoutSeconds: METADATA_TIMEOUT_SECONDS });
      } catch (e) {
        if (codeOf(e) === 'EEXIST' && existingDirectory === 'ignore' && isDirectory(id, target)) return;
        // Not recursive: a missing parent is FTP_DIRECTORY_NOT_FOUND [D]; an existing path is [U].
        throw mapError(api, e, { ENOENT: 'FTP_DIRECTORY_NOT_FOUND', ENOTDIR: 'FTP_DIRECTORY_NOT_FOUND', EEXIST: 'FTP_INVALID_DIRECTORY' }, 'FTP_PERMISSION_DENIED');
      }
    };

    const removeDirectory = (rawOptions: unknown): void => {
      const api = 'sftp.removeDirectory';
      const o = optionsObject(api, rawOptions, true);
      const target = resolvePath(api, reqString(api, o, 'path'));
      deps.charge(api, COSTS.removeDirectory);
      try {
        SyncSftp.rmdir(id, target, { timeoutSeconds: METADATA_TIMEOUT_SECONDS });
      } catch (e) {
        throw mapError(
          api,
          e,
          { ENOENT: 'FTP_DIRECTORY_NOT_FOUND', ENOTDIR: 'FTP_DIRECTORY_NOT_FOUND', ENOTEMPTY: 'FTP_DIRECTORY_NOT_EMPTY' },
          'FTP_PERMISSION_DENIED',
        );
      }
    };

    // MAX_FILE_SIZE and MAX_TRANSFER_TIMEOUT are members of the Connection object, read-only (Oracle help
    // Connection.MAX_FILE_SIZE section_1557238937; its sample reads `connection.MAX_FILE_SIZE`).
    const connection = { upload, download, list, move, removeFile, makeDirectory, removeDirectory };
    defineReadOnly(connection, 'Connection', 'MAX_FILE_SIZE', MAX_FILE_SIZE);
    defineReadOnly(connection, 'Connection', 'MAX_TRANSFER_TIMEOUT', MAX_TRANSFER_TIMEOUT);
    return Object.freeze(connection) as SftpConnection;
  };

  const isDirectory = (id: string, target: string): boolean => {
    try {
      return SyncSftp.stat(id, target, { timeoutSeconds: METADATA_TIMEOUT_SECONDS }).type === 'directory';
    } catch {
      return false;
    }
  };

  const mod = {} as SftpModule;
  Object.defineProperty(mod, 'createConnection', { enumerable: true, value: createConnection });
  defineReadOnly(mod, 'sftp', 'Sort', SORT);
  openConnections.set(mod, ids);
  return Object.freeze(mod);
}

function sortEntries(entries: SftpListEntry[], sort: keyof typeof SORT): SftpListEntry[] {
  const byName = (a: SftpListEntry, b: SftpListEntry): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const key: (a: SftpListEntry, b: SftpListEntry) => number =
    sort === 'DATE' || sort === 'DATE_DESC'
      ? (a, b) => a.lastModified.getTime() - b.lastModified.getTime() || byName(a, b)
      : sort === 'SIZE' || sort === 'SIZE_DESC'
        ? (a, b) => a.size - b.size || byName(a, b)
        : byName;
  const sorted = [...entries].sort(key);
  return sort.endsWith('_DESC') ? sorted.reverse() : sorted;
}
