/**
 * Where the PO export keeps what HotWax already has (core/purchaseorders/exportState.ts): one JSON file,
 * STATE_FILE_NAME in the work folder, saved in place (a save under the same name in the same folder
 * replaces the file and keeps its internal id, NETSUITE.md 7), plus one HotWax Feed File record per
 * uploaded file (flow PO_EXPORT_FLOW, status UPLOADED) whose manifest field holds the state file's id:
 * the most recent record is how a run finds the state (N/file cannot look a file up by folder and name).
 * Constant governance whatever the number of POs: file.load 10, File.save 20, one search, one record per file.
 */
import { errorCode, describe } from '../core/integrationError';
import { emptyExportState, readExportState, type PoExportState } from '../core/purchaseorders/exportState';
import { createFeedFile, findLatestFeedFile } from './feedFiles';
import { loadJson, saveJson } from './manifestStore';

export const PO_EXPORT_FLOW = 'purchaseorder:export';
export const STATE_FILE_NAME = 'hwx_po_export_state.json';

/** File Cabinet id of the state file, from the latest export record; null before the first upload. */
export function findStateFileId(): number | null {
  return findLatestFeedFile(PO_EXPORT_FLOW)?.manifestFileId ?? null;
}

/** The saved state, or the empty state with the reason when there is none or it cannot be read. */
export function loadExportState(fileId: number | null): { state: PoExportState; problem?: string } {
  if (fileId === null) return { state: emptyExportState() };
  let saved: unknown;
  try {
    saved = loadJson<unknown>(fileId);
  } catch (err) {
    if (errorCode(err) === 'RCRD_DSNT_EXIST') return { state: emptyExportState(), problem: `the export state file ${fileId} no longer exists` };
    if (err instanceof SyntaxError) return { state: emptyExportState(), problem: `the export state file ${fileId} is not JSON (${describe(err)})` };
    throw err;
  }
  return readExportState(saved);
}

export function saveExportState(folderId: number, state: PoExportState): number {
  return saveJson(folderId, STATE_FILE_NAME, state);
}

export interface UploadedFile {
  fileName: string;
  path: string;
  fingerprint: string;
  rows: number;
  pos: number;
  stateFileId: number;
  message: string;
}

/** One HotWax Feed File record per file on the server (what admins look at, and how the next run finds the state). */
export function recordUploadedFile(f: UploadedFile): string {
  return createFeedFile({
    flow: PO_EXPORT_FLOW,
    fileName: f.fileName,
    fingerprint: f.fingerprint,
    manifestFileId: f.stateFileId,
    rows: f.rows,
    skipped: 0,
    jobs: [],
    status: 'UPLOADED',
    applied: f.pos,
    finalPath: f.path,
    message: f.message,
  });
}

/** The file of the latest export record (a restarted summarize records only the files after it). */
export function latestRecordedFileName(): string | undefined {
  return findLatestFeedFile(PO_EXPORT_FLOW)?.fileName;
}
