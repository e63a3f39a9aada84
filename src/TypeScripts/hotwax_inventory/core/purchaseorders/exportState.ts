/**
 * What HotWax already has: for every purchase order exported and still pending receipt, the hash of the
 * rows it was last sent. A PO whose current rows hash to something else (a line added, a quantity changed,
 * a line closed or partly received, a PO approved after the last run) is exported again; an unchanged one
 * is not. Kept as one JSON file in the File Cabinet, saved only after the file reached the SFTP server.
 */
import { hash64 } from '../hash';
import type { PoExportRow } from './poLines';

/** A file a run put on the server. */
export interface ExportedFile {
  name: string;
  /** Path under the SFTP base directory. */
  path: string;
  rows: number;
  pos: number;
  fingerprint: string;
}

export interface PoExportState {
  version: 1;
  /** The run that saved this state: a restarted summarize of that run finds its work already done. */
  lastRunId: string;
  /** The files that run uploaded (none when it had nothing to send). */
  lastFiles: ExportedFile[];
  /** ISO time of the save. */
  savedAt: string;
  /** PO internal id -> hash of the rows HotWax last received for it. */
  pos: Record<string, string>;
}

export function emptyExportState(): PoExportState {
  return { version: 1, lastRunId: '', lastFiles: [], savedAt: '', pos: {} };
}

const HASH = /^[0-9a-f]{16}$/;
const PO_ID = /^\d+$/;

function isExportedFile(x: unknown): x is ExportedFile {
  if (x === null || typeof x !== 'object') return false;
  const f = x as Record<string, unknown>;
  return typeof f.name === 'string' && typeof f.path === 'string' && typeof f.rows === 'number' && typeof f.pos === 'number' && typeof f.fingerprint === 'string';
}

/**
 * Reads a saved state. Anything unreadable gives the empty state and the reason: every PO is then sent
 * again, which HotWax tolerates (it re-imports the same lines), whereas a wrong "already sent" would lose one.
 */
export function readExportState(value: unknown): { state: PoExportState; problem?: string } {
  const empty = emptyExportState();
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { state: empty, problem: 'the export state is not a JSON object' };
  const v = value as Record<string, unknown>;
  if (v.version !== 1) return { state: empty, problem: `the export state has version ${JSON.stringify(v.version)}, expected 1` };
  const pos = v.pos;
  if (pos === null || typeof pos !== 'object' || Array.isArray(pos)) return { state: empty, problem: 'the export state has no "pos" object' };
  const entries = Object.entries(pos as Record<string, unknown>);
  const bad = entries.find(([id, hash]) => !PO_ID.test(id) || typeof hash !== 'string' || !HASH.test(hash));
  if (bad) return { state: empty, problem: `the export state has an invalid entry for PO ${JSON.stringify(bad[0])}` };
  const text = (x: unknown): string => (typeof x === 'string' ? x : '');
  const files = Array.isArray(v.lastFiles) ? v.lastFiles.filter(isExportedFile) : [];
  return { state: { version: 1, lastRunId: text(v.lastRunId), lastFiles: files, savedAt: text(v.savedAt), pos: Object.fromEntries(entries) as Record<string, string> } };
}

/** Hash of the rows HotWax gets for one PO (rows are in line order, so the same content gives the same hash). */
export function rowsHash(rows: readonly PoExportRow[]): string {
  return hash64(JSON.stringify(rows));
}

export type PoDecision =
  /** HotWax does not have these rows yet: send them. */
  | { kind: 'changed'; hash: string; rows: PoExportRow[] }
  /** HotWax already has exactly these rows. */
  | { kind: 'unchanged'; hash: string }
  /** Nothing left to receive on any line the search returned (fully received lines): nothing to send or keep. */
  | { kind: 'nothing-to-receive' };

export function decide(rows: readonly PoExportRow[], previousHash: string | undefined): PoDecision {
  if (rows.length === 0) return { kind: 'nothing-to-receive' };
  const hash = rowsHash(rows);
  return hash === previousHash ? { kind: 'unchanged', hash } : { kind: 'changed', hash, rows: [...rows] };
}

/** Whether two states hold the same POs with the same hashes. */
export function samePos(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => b[k] === a[k]);
}
