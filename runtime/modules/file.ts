// N/file (NETSUITE.md 7): in-memory File objects, the File Cabinet in the emulated account,
// getContents() limited to 10 MB, line iteration for larger files, append/read stream rules.
import type { ExecutionEnv } from '../context';
import { nsError } from './error';

export const FILE_TYPES = {
  CSV: 'CSV',
  PLAINTEXT: 'PLAINTEXT',
  JSON: 'JSON',
  XMLDOC: 'XMLDOC',
  HTMLDOC: 'HTMLDOC',
  PDF: 'PDF',
  ZIP: 'ZIP',
  JAVASCRIPT: 'JAVASCRIPT',
  EXCEL: 'EXCEL',
  GZIP: 'GZIP',
  PNGIMAGE: 'PNGIMAGE',
} as const;

const TEXT_TYPES = new Set(['CSV', 'PLAINTEXT', 'JSON', 'XMLDOC', 'HTMLDOC', 'JAVASCRIPT']);

export const ENCODINGS = { UTF_8: 'UTF-8', WINDOWS_1252: 'windows-1252', UTF_16: 'UTF-16', ISO_8859_1: 'ISO-8859-1' } as const;

/** getContents() refuses files over 10 MB (SSS_FILE_CONTENT_SIZE_EXCEEDED). */
export const MAX_CONTENT_BYTES = 10 * 1024 * 1024;

const EXTENSION_TYPES: Record<string, string> = {
  csv: 'CSV',
  txt: 'PLAINTEXT',
  json: 'JSON',
  xml: 'XMLDOC',
  html: 'HTMLDOC',
  js: 'JAVASCRIPT',
  pdf: 'PDF',
  zip: 'ZIP',
  gz: 'GZIP',
  png: 'PNGIMAGE',
  xls: 'EXCEL',
};

/** The type NetSuite infers from a file name's extension (NETSUITE.md 1.4: download's fileType [U]). */
export function fileTypeFromName(name: string): string {
  const ext = name.split('.').pop()?.toLowerCase() ?? '';
  return EXTENSION_TYPES[ext] ?? 'PLAINTEXT';
}

const utf8 = new TextDecoder('utf-8');
const utf8Encoder = new TextEncoder();

export class NsFile {
  id: number | null = null;
  name: string;
  fileType: string;
  folder: number | null;
  encoding: string;
  description: string;
  isOnline = false;
  private bytes: Uint8Array;
  private appended: string[] = [];
  private mode: 'idle' | 'reading' | 'writing' = 'idle';

  constructor(
    private readonly env: ExecutionEnv,
    init: { name: string; fileType: string; bytes: Uint8Array; folder?: number | null; encoding?: string; description?: string; id?: number },
  ) {
    this.name = init.name;
    this.fileType = init.fileType;
    this.bytes = init.bytes;
    this.folder = init.folder ?? null;
    this.encoding = init.encoding ?? ENCODINGS.UTF_8;
    this.description = init.description ?? '';
    this.id = init.id ?? null;
  }

  get size(): number {
    return this.allBytes().byteLength;
  }

  get path(): string {
    return this.folder === null ? this.name : `${this.env.account.folderPath(this.folder)}/${this.name}`;
  }

  get url(): string {
    return this.id === null ? '' : `/core/media/media.nl?id=${this.id}`;
  }

  /** The raw bytes, including appended text. Used by N/sftp upload and the CSV import task. */
  allBytes(): Uint8Array {
    if (this.appended.length === 0) return this.bytes;
    const tail = utf8Encoder.encode(this.appended.join(''));
    const merged = new Uint8Array(this.bytes.byteLength + tail.byteLength);
    merged.set(this.bytes, 0);
    merged.set(tail, this.bytes.byteLength);
    this.bytes = merged;
    this.appended = [];
    return merged;
  }

  getContents(): string {
    if (this.mode === 'writing') {
      throw nsError('YOU_CANNOT_READ_FROM_A_FILE_AFTER_YOU_BEGAN_WRITING_TO_IT', 'You cannot read from a file after you began writing to it.');
    }
    const bytes = this.allBytes();
    if (bytes.byteLength > MAX_CONTENT_BYTES) {
      throw nsError('SSS_FILE_CONTENT_SIZE_EXCEEDED', `The file content you are attempting to access exceeds the maximum allowed size of 10 MB (${this.name}).`);
    }
    return TEXT_TYPES.has(this.fileType) ? utf8.decode(bytes) : Buffer.from(bytes).toString('base64');
  }

  get lines(): { iterator(): { each(cb: (line: { value: string }) => boolean): void } } {
    return {
      iterator: () => ({
        each: (cb: (line: { value: string }) => boolean): void => {
          if (this.mode === 'writing') {
            throw nsError('YOU_CANNOT_READ_FROM_A_FILE_AFTER_YOU_BEGAN_WRITING_TO_IT', 'You cannot read from a file after you began writing to it.');
          }
          this.mode = 'reading';
          const text = utf8.decode(this.allBytes());
          let start = 0;
          while (start < text.length) {
            let end = text.indexOf('\n', start);
            if (end === -1) end = text.length;
            let line = text.slice(start, end);
            if (line.endsWith('\r')) line = line.slice(0, -1);
            start = end + 1;
            if (cb({ value: line }) === false) break;
          }
        },
      }),
    };
  }

  appendLine(options: { value: string }): NsFile {
    this.startWriting();
    this.appended.push(`${options.value}\n`);
    return this;
  }

  append(options: { value: string }): NsFile {
    this.startWriting();
    this.appended.push(options.value);
    return this;
  }

  resetStream(): void {
    this.mode = 'idle';
  }

  private startWriting(): void {
    if (this.mode === 'reading') {
      throw nsError('YOU_CANNOT_WRITE_TO_A_FILE_AFTER_YOU_BEGAN_READING_FROM_IT', 'You cannot write to a file after you began reading from it.');
    }
    this.mode = 'writing';
  }

  save(): number {
    if (this.folder === null || this.folder === undefined) {
      throw nsError('SSS_MISSING_REQD_ARGUMENT', 'File.save: the folder property is required.');
    }
    this.env.meter().chargeApi('File.save');
    if (!this.env.account.getFolder(Number(this.folder))) {
      throw nsError('INVALID_KEY_OR_REF', `Invalid folder reference key ${this.folder}.`);
    }
    const stored = this.env.account.saveFile(
      { name: this.name, folder: Number(this.folder), fileType: this.fileType, encoding: this.encoding, description: this.description },
      this.allBytes(),
    );
    this.id = stored.id;
    this.mode = 'idle';
    return stored.id;
  }
}

function toBytes(contents: string, fileType: string): Uint8Array {
  return TEXT_TYPES.has(fileType) ? utf8Encoder.encode(contents) : new Uint8Array(Buffer.from(contents, 'base64'));
}

/** Builds a File around bytes already in memory (N/sftp download). */
export function fileFromBytes(env: ExecutionEnv, name: string, bytes: Uint8Array): NsFile {
  return new NsFile(env, { name, fileType: fileTypeFromName(name), bytes });
}

export function createFileModule(env: ExecutionEnv): Record<string, unknown> {
  const loadStored = (id: number | string): NsFile => {
    env.meter().chargeApi('file.load');
    const account = env.account;
    let fileId: number | undefined;
    if (typeof id === 'number' || /^\d+$/.test(String(id))) {
      fileId = Number(id);
    } else {
      const full = String(id);
      const slash = full.lastIndexOf('/');
      const folder = account.folderByPath(full.slice(0, slash));
      fileId = folder === undefined ? undefined : account.findFile(folder, full.slice(slash + 1))?.id;
    }
    const meta = fileId === undefined ? undefined : account.getFile(fileId);
    if (!meta) throw nsError('RCRD_DSNT_EXIST', `That record does not exist. File ${String(id)} was not found in the File Cabinet.`);
    return new NsFile(env, { ...meta, bytes: account.readFile(meta.id) });
  };

  return {
    Type: FILE_TYPES,
    Encoding: ENCODINGS,
    create(options: { name: string; fileType: string; contents?: string; folder?: number; encoding?: string; description?: string; isOnline?: boolean }): NsFile {
      if (!options?.name || !options.fileType) throw nsError('SSS_MISSING_REQD_ARGUMENT', 'file.create: name and fileType are required.');
      const file = new NsFile(env, {
        name: options.name,
        fileType: options.fileType,
        bytes: toBytes(options.contents ?? '', options.fileType),
        folder: options.folder ?? null,
        encoding: options.encoding ?? ENCODINGS.UTF_8,
        description: options.description ?? '',
      });
      file.isOnline = options.isOnline ?? false;
      return file;
    },
    load(options: { id: number | string }): NsFile {
      if (options?.id === undefined || options.id === null || options.id === '') throw nsError('SSS_MISSING_REQD_ARGUMENT', 'file.load: id is required.');
      return loadStored(options.id);
    },
    delete(options: { id: number | string }): void {
      env.meter().chargeApi('file.delete');
      try {
        env.account.deleteFile(Number(options.id));
      } catch {
        throw nsError('RCRD_DSNT_EXIST', `File ${String(options.id)} does not exist.`);
      }
    },
  };
}
