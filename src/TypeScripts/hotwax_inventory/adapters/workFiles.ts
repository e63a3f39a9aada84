/**
 * Files in the File Cabinet work folder (NETSUITE.md 7): the file a search task writes into, read line by line
 * (a search result can be far over getContents()'s 10 MB), and the parts of a snapshot waiting to be sent.
 * Costs: File.save 20, file.load 10, file.delete 20; reading lines costs nothing more.
 */
import * as file from 'N/file';
import { errorCode } from '../core/integrationError';

/**
 * A file for a search task to write into (SearchTask.fileId must name an existing file). Its one line says
 * what it is for until the task replaces it.
 */
export function createTaskFile(folderId: number, name: string): number {
  return file.create({ name, fileType: file.Type.CSV, contents: 'Waiting for a search task\n', folder: folderId, description: 'HotWax inventory snapshot: search task results' }).save();
}

export interface LineFile {
  /** Bytes. */
  size: number;
  /** Hands every line to `visit` (returning false stops). */
  eachLine(visit: (line: string) => boolean): void;
}

/** Loads a file (10 units) to read it line by line, at any size. */
export function openLines(fileId: number): LineFile {
  const f = file.load({ id: fileId });
  return {
    size: f.size,
    eachLine: (visit) => f.lines.iterator().each((line) => visit(line.value)),
  };
}

export function saveCsv(folderId: number, name: string, csv: string): number {
  return file.create({ name, fileType: file.Type.CSV, contents: csv, folder: folderId, description: 'HotWax inventory snapshot part' }).save();
}

/** The text of a file of at most 10 MB. */
export function readText(fileId: number): string {
  return file.load({ id: fileId }).getContents();
}

/** Deletes a file; one that is already gone is fine. */
export function deleteFile(fileId: number): void {
  try {
    file.delete({ id: fileId });
  } catch (err) {
    if (errorCode(err) !== 'RCRD_DSNT_EXIST') throw err;
  }
}
