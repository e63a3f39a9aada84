/**
 * SFTP folder operations every flow uses: connect with the one configuration, list incoming files,
 * read a file as text, upload a report, move a file to its final folder without overwriting.
 * Paths are relative to the configured base directory (NETSUITE.md 1.5).
 */
import * as sftp from 'N/sftp';
import * as file from 'N/file';
import type { SftpSettings } from './sftpConfig';
import { errorCode, IntegrationError } from '../core/integrationError';

export interface RemoteFile {
  name: string;
  size: number;
  lastModified: string;
}

export interface RemoteEntry extends RemoteFile {
  directory: boolean;
}

/** N/file getContents() refuses more than 10 MB; larger files are read line by line (NETSUITE.md 7). */
const MAX_GET_CONTENTS_BYTES = 10 * 1024 * 1024;

const join = (dir: string, name: string): string => `${dir.replace(/\/+$/, '')}/${name}`;

export class SftpFolder {
  private constructor(
    private readonly connection: sftp.Connection,
    readonly settings: SftpSettings,
  ) {}

  static connect(settings: SftpSettings): SftpFolder {
    const base = {
      url: settings.host,
      port: settings.port,
      username: settings.username,
      hostKey: settings.hostKey,
      directory: settings.baseDirectory,
      timeout: settings.timeoutSeconds,
      ...(settings.hostKeyType ? { hostKeyType: settings.hostKeyType } : {}),
    };
    try {
      const connection = settings.secret
        ? sftp.createConnection({ ...base, secret: settings.secret, ...(settings.keyId ? { keyId: settings.keyId } : {}) })
        : sftp.createConnection({ ...base, keyId: settings.keyId ?? '' });
      return new SftpFolder(connection, settings);
    } catch (err) {
      throw new IntegrationError(
        'SFTP_CONNECT_FAILED',
        `Cannot connect to SFTP ${settings.username}@${settings.host}:${settings.port}${settings.baseDirectory} (${errorCode(err)}). Check the HotWax SFTP Configuration record, the API secret and the pinned host key.`,
        { recordId: settings.recordId },
        err,
      );
    }
  }

  /** Files (not folders) in `dir` whose name matches `pattern`, oldest name first. */
  listFiles(dir: string, pattern: RegExp): RemoteFile[] {
    const entries = this.connection.list({ path: dir, sort: 'NAME' as unknown as sftp.Sort });
    return entries
      .filter((e) => !e.directory && pattern.test(e.name))
      .map((e) => ({ name: e.name, size: Number(e.size), lastModified: String(e.lastModified) }));
  }

  /**
   * Everything in `dir` whose name matches `pattern`, folders included (one list, 10 units), oldest name
   * first; undefined when `dir` does not exist (FTP_INVALID_DIRECTORY, NETSUITE.md 1.4).
   */
  listEntries(dir: string, pattern: RegExp): RemoteEntry[] | undefined {
    let entries: ReturnType<sftp.Connection['list']>;
    try {
      entries = this.connection.list({ path: dir, sort: 'NAME' as unknown as sftp.Sort });
    } catch (err) {
      if (errorCode(err) === 'FTP_INVALID_DIRECTORY') return undefined;
      throw err;
    }
    return entries
      .filter((e) => pattern.test(e.name))
      .map((e) => ({ name: e.name, directory: e.directory, size: Number(e.size), lastModified: String(e.lastModified) }));
  }

  /**
   * Uploads text like uploadText; when `dir` does not exist (FTP_NO_SUCH_FILE_OR_DIRECTORY) creates it and
   * tries once more. Folders are made on the first need, not checked on every run.
   */
  uploadTextCreatingFolder(dir: string, name: string, contents: string, replace: boolean): void {
    try {
      this.uploadText(dir, name, contents, replace);
    } catch (err) {
      if (errorCode(err) !== 'FTP_NO_SUCH_FILE_OR_DIRECTORY' || this.listEntries(dir, /./) !== undefined) throw err;
      this.ensurePath(dir);
      this.uploadText(dir, name, contents, replace);
    }
  }

  /**
   * Moves a file without overwriting (an SFTP rename onto an existing name fails: FTP_INVALID_MOVE). On a
   * failure the target folder is listed once: a missing folder is created and the move tried again; a
   * taken name gives 'taken' so the caller can choose another. Costs one move (10) when all is well.
   */
  moveCreatingFolder(from: string, to: string): 'moved' | 'taken' {
    try {
      this.connection.move({ from, to });
      return 'moved';
    } catch (err) {
      const slash = to.lastIndexOf('/');
      const dir = to.slice(0, slash);
      const entries = this.listEntries(dir, /./);
      if (entries === undefined) {
        this.ensurePath(dir);
        this.connection.move({ from, to });
        return 'moved';
      }
      if (entries.some((e) => e.name === to.slice(slash + 1))) return 'taken';
      throw err;
    }
  }

  /** Names of everything in `dir` (files and folders). */
  listNames(dir: string): Set<string> {
    return new Set(this.connection.list({ path: dir, sort: 'NAME' as unknown as sftp.Sort }).map((e) => e.name));
  }

  /** Downloads a file and returns its text (UTF-8), whatever its size up to N/sftp's 100 MB limit. */
  readText(dir: string, name: string): string {
    const downloaded = this.connection.download({ directory: dir, filename: name });
    if (downloaded.size <= MAX_GET_CONTENTS_BYTES) return downloaded.getContents();
    const lines: string[] = [];
    downloaded.lines.iterator().each((line) => {
      lines.push(line.value);
      return true;
    });
    return lines.join('\n');
  }

  /** Uploads text; refuses to overwrite unless `replace` (N/sftp upload defaults to replaceExisting=false). */
  uploadText(dir: string, name: string, contents: string, replace: boolean): void {
    const upload = file.create({ name, fileType: file.Type.CSV, contents });
    this.connection.upload({ directory: dir, filename: name, file: upload, replaceExisting: replace });
  }

  /** Creates the folders that do not exist yet (makeDirectory is not recursive). */
  ensureFolders(parent: string, names: string[]): void {
    const existing = this.listNames(parent);
    for (const name of names) {
      if (!existing.has(name)) this.connection.makeDirectory({ path: join(parent, name) });
    }
  }

  /**
   * Creates every missing folder of `path` (e.g. 'purchaseorder/fulfillment'), parents first, since
   * makeDirectory is not recursive. Connection.list requires `path` (Oracle help section_1557235176): the
   * base directory itself is listed as '.', the connection directory.
   */
  ensurePath(path: string): void {
    let parent = '';
    for (const segment of path.split('/').filter((s) => s !== '' && s !== '.')) {
      const entries = this.connection.list({ path: parent === '' ? '.' : parent, sort: 'NAME' as unknown as sftp.Sort });
      const here = parent === '' ? segment : join(parent, segment);
      if (!entries.some((e) => e.name === segment)) this.connection.makeDirectory({ path: here });
      parent = here;
    }
  }

  /**
   * Where `name` should go in `toDir`: the same name, or `<base>_<suffix><ext>` when that name is taken
   * (a file delivered twice must not overwrite the first copy's archive). `suffix` must be stable across
   * retries (the tracking record id) so a retried move finds its own earlier result.
   */
  chooseTarget(toDir: string, name: string, suffix: string): string {
    if (!this.listNames(toDir).has(name)) return join(toDir, name);
    const dot = name.lastIndexOf('.');
    return join(toDir, dot > 0 ? `${name.slice(0, dot)}_${suffix}${name.slice(dot)}` : `${name}_${suffix}`);
  }

  exists(path: string): boolean {
    const slash = path.lastIndexOf('/');
    return this.listNames(path.slice(0, slash)).has(path.slice(slash + 1));
  }

  move(from: string, to: string): void {
    this.connection.move({ from, to });
  }

  removeFile(path: string): void {
    this.connection.removeFile({ path });
  }
}

export const joinPath = join;
