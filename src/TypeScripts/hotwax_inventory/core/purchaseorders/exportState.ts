/**
 * What HotWax already has: for every purchase order exported and still pending receipt, the hash of the
 * rows it was last sent. A PO whose current rows hash to something else (a line added, a quantity changed,
 * a line closed or partly received, a PO approved after the last run) is exported again; an unchanged one
 * is not. Kept as one JSON file in the File Cabinet, saved only after the file reached the SFTP server.
 *
 * Version 2 adds what lets a run skip reading the lines of POs that did not change (changeDetection.ts):
 * each decided PO's signature (line count, quantities, received quantities, last-modified time, as the
 * summary search gave them when its lines were read), when the run that saved the state started reading
 * (readFrom: POs modified after it, less an overlap, are read again) and when every line was last read.
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
  version: 2;
  /** The run that saved this state: a restarted summarize of that run finds its work already done. */
  lastRunId: string;
  /** The files that run uploaded (none when it had nothing to send). */
  lastFiles: ExportedFile[];
  /** ISO time of the save. */
  savedAt: string;
  /** PO internal id -> hash of the rows HotWax last received for it. */
  pos: Record<string, string>;
  /**
   * PO internal id -> hash of the PO's signature when its lines were last read and decided (exported,
   * unchanged, or nothing to receive). A PO without one (new, failed, or from a version 1 state) is read.
   */
  sigs: Record<string, string>;
  /** ISO start of the run that saved this state ('' = none: the next run reads every line). */
  readFrom: string;
  /** ISO start of the last run that read every line ('' = never). */
  fullReadAt: string;
}

export function emptyExportState(): PoExportState {
  return { version: 2, lastRunId: '', lastFiles: [], savedAt: '', pos: {}, sigs: {}, readFrom: '', fullReadAt: '' };
}

const HASH = /^[0-9a-f]{16}$/;
const PO_ID = /^\d+$/;

function isExportedFile(x: unknown): x is ExportedFile {
  if (x === null || typeof x !== 'object') return false;
  const f = x as Record<string, unknown>;
  return typeof f.name === 'string' && typeof f.path === 'string' && typeof f.rows === 'number' && typeof f.pos === 'number' && typeof f.fingerprint === 'string';
}

/** A hash map {PO id: 16 hex}, or the reason it is not one. */
function readHashMap(value: unknown, what: string): { map: Record<string, string>; problem?: string } {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { map: {}, problem: `the export state has no "${what}" object` };
  const entries = Object.entries(value as Record<string, unknown>);
  const bad = entries.find(([id, hash]) => !PO_ID.test(id) || typeof hash !== 'string' || !HASH.test(hash));
  if (bad) return { map: {}, problem: `the export state has an invalid "${what}" entry for PO ${JSON.stringify(bad[0])}` };
  return { map: Object.fromEntries(entries) as Record<string, string> };
}

const isoOrEmpty = (x: unknown): string => (typeof x === 'string' && x !== '' && !Number.isNaN(Date.parse(x)) ? new Date(x).toISOString() : '');

/**
 * Reads a saved state. Anything unreadable gives the empty state and the reason: every PO is then sent
 * again, which HotWax tolerates (it re-imports the same lines), whereas a wrong "already sent" would lose one.
 * A version 1 state keeps its hashes (nothing is sent again) but has no signatures, so every line is read.
 */
export function readExportState(value: unknown): { state: PoExportState; problem?: string } {
  const empty = emptyExportState();
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { state: empty, problem: 'the export state is not a JSON object' };
  const v = value as Record<string, unknown>;
  if (v.version !== 1 && v.version !== 2) return { state: empty, problem: `the export state has version ${JSON.stringify(v.version)}, expected 1 or 2` };
  const pos = readHashMap(v.pos, 'pos');
  if (pos.problem !== undefined) return { state: empty, problem: pos.problem };
  const sigs = v.version === 2 ? readHashMap(v.sigs, 'sigs') : { map: {} };
  if (sigs.problem !== undefined) return { state: empty, problem: sigs.problem };
  const text = (x: unknown): string => (typeof x === 'string' ? x : '');
  const files = Array.isArray(v.lastFiles) ? v.lastFiles.filter(isExportedFile) : [];
  const readFrom = v.version === 2 ? isoOrEmpty(v.readFrom) : '';
  const fullReadAt = v.version === 2 ? isoOrEmpty(v.fullReadAt) : '';
  return { state: { version: 2, lastRunId: text(v.lastRunId), lastFiles: files, savedAt: text(v.savedAt), pos: pos.map, sigs: sigs.map, readFrom, fullReadAt } };
}

/** Hash of the rows HotWax gets for one PO (rows are in line order, so the same content gives the same hash). */
export function rowsHash(rows: readonly PoExportRow[]): string {
  return hash64(JSON.stringify(rows));
}

export type PoDecision = (
  /** HotWax does not have these rows yet: send them. */
  | { kind: 'changed'; hash: string; rows: PoExportRow[] }
  /** HotWax already has exactly these rows. */
  | { kind: 'unchanged'; hash: string }
  /** Nothing left to receive on any line the search returned (fully received lines): nothing to send or keep. */
  | { kind: 'nothing-to-receive' }
) & {
  /** The PO's signature hash when its lines were read (kept in the state so the PO is not read again while it holds). */
  sig?: string;
  /** Not read this run: its signature and last-modified time say it is as it was (changeDetection.ts). */
  kept?: boolean;
};

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
