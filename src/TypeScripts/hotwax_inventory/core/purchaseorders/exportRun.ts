/**
 * One run of the PO export, stage by stage (Map/Reduce, NETSUITE.md 6.2), as pure functions:
 *  - getInputData decides which POs to read (changeDetection.ts), groups the lines it read by PO and
 *    attaches what HotWax last received for each PO (reduceInputs); the POs it did not read travel in
 *    KEPT_KEY_PREFIX chunks; one RUN_META_KEY pair carries the run's id and state file to summarize;
 *  - reduce (one PO per invocation) decides whether the PO changed (decidePurchaseOrder);
 *  - summarize gathers the decisions (planExport), splits the rows into files (splitIntoFiles), names them
 *    (exportFileName), decides whether an upload is still to do after a restart (chooseUpload), and builds
 *    the next state (nextState).
 */
import { IntegrationError } from '../integrationError';
import { compactTimestamp } from '../variances/report';
import { decide, emptyExportState, samePos, type ExportedFile, type PoDecision, type PoExportState } from './exportState';
import { exportRowsFor, sortRows, type PoExportRow, type PoLine } from './poLines';

/** The reduce key of the run's metadata. PO keys are internal ids (digits), so it cannot clash with one. */
export const RUN_META_KEY = 'run';
/** Keys 'kept:0', 'kept:1'...: the POs not read this run, KEPT_PER_KEY per key (a few reduce invocations, not one per PO). */
export const KEPT_KEY_PREFIX = 'kept:';
export const KEPT_PER_KEY = 1000;

export interface RunMeta {
  /** Unique per run, sortable: '20261123T104500Z_k3j9x2'. Names the file, so a restarted summarize finds it again. */
  runId: string;
  startedAt: string;
  /** File Cabinet id of the state file read by getInputData (null: no state yet). */
  stateFileId: number | null;
  searchId: string;
  /** This run created the saved search from the default definition (its first run). */
  searchCreated: boolean;
  /** POs in the search (summary rows) and their lines. */
  pos: number;
  lines: number;
  /** Why the saved state could not be used (everything is then exported again). */
  stateProblem?: string;
  /** 'full': every line was read; 'changed': only the POs changeDetection.ts picked. */
  readMode: 'full' | 'changed';
  /** Why every line was read, or the lastmodifieddate bound (ISO) of a 'changed' read. */
  readReason: string;
  posRead: number;
  linesRead: number;
  /** The fullReadAt to keep when this run read only what changed. */
  previousFullReadAt: string;
}

/** What reduce gets for one PO. */
export interface PoInput {
  previousHash?: string;
  /** Its signature hash in this run's summary search (absent when it was not there: read again next run). */
  sig?: string;
  lines: PoLine[];
}

/** What reduce gets for a chunk of POs not read this run: their hash (none: nothing to receive) and signature. */
export interface KeptInput {
  pos: Record<string, { hash?: string; sig: string }>;
}

/** A line as read from the search, with its PO. */
export interface PoSearchLine extends PoLine {
  poId: string;
}

export function groupByPurchaseOrder(lines: readonly PoSearchLine[]): Map<string, PoLine[]> {
  const out = new Map<string, PoLine[]>();
  for (const { poId, ...line } of lines) {
    const list = out.get(poId);
    if (list) list.push(line);
    else out.set(poId, [line]);
  }
  return out;
}

const NONCE = /[^a-z0-9]/g;

/** A run id from its start time (UTC, to the second) and a random nonce (two runs in one second differ). */
export function runIdAt(at: Date, nonce: string): string {
  const clean = nonce.toLowerCase().replace(NONCE, '').slice(0, 8);
  if (clean === '') throw new Error('runIdAt: the nonce has no letters or digits');
  return `${compactTimestamp(at)}_${clean}`;
}

export const FILE_PREFIX = 'PurchaseOrders';

/** Rows per file: about 2.5 MB, well under N/file's 10 MB content limit whatever the item names. */
export const MAX_ROWS_PER_FILE = 50_000;

/**
 * The name of part `part` of `parts` of a run's file, on its `attempt`-th try: only [A-Za-z0-9._-], sorts
 * by time then part: PurchaseOrders_20261123T104500Z_k3j9x2.csv, or ..._part2of3.csv when a run needs
 * several files; a later attempt adds _retry2, _retry3...
 */
export function exportFileName(runId: string, part = 1, parts = 1, attempt = 1): string {
  const width = String(parts).length;
  const partTag = parts > 1 ? `_part${String(part).padStart(width, '0')}of${parts}` : '';
  return `${FILE_PREFIX}_${runId}${partTag}${attempt > 1 ? `_retry${attempt}` : ''}.csv`;
}

/**
 * Splits the file's rows (sorted by PO) into files of at most `maxRows` rows, never splitting a purchase
 * order: HotWax imports each file on its own, so a PO is always complete in one file. A PO with more lines
 * than `maxRows` gets a file of its own.
 */
export function splitIntoFiles(rows: readonly PoExportRow[], maxRows = MAX_ROWS_PER_FILE): PoExportRow[][] {
  const files: PoExportRow[][] = [];
  let current: PoExportRow[] = [];
  let i = 0;
  while (i < rows.length) {
    const poId = rows[i]?.[0];
    let end = i;
    while (end < rows.length && rows[end]?.[0] === poId) end++;
    if (current.length > 0 && current.length + (end - i) > maxRows) {
      files.push(current);
      current = [];
    }
    current.push(...rows.slice(i, end));
    i = end;
  }
  if (current.length > 0) files.push(current);
  return files;
}

/**
 * getInputData's output: one pair per PO read (its lines, the hash HotWax last got and its signature), the
 * POs not read in KEPT_KEY_PREFIX chunks, and the run's metadata. A PO is kept (not read, as it was) only when
 * its signature equals the one in the state: it was decided before and nothing the signature sees moved.
 */
export function reduceInputs(linesByPo: ReadonlyMap<string, PoLine[]>, state: PoExportState, meta: RunMeta, signatures: ReadonlyMap<string, string> = new Map()): Record<string, string> {
  const out: Record<string, string> = { [RUN_META_KEY]: JSON.stringify(meta) };
  for (const [poId, lines] of linesByPo) {
    const previousHash = state.pos[poId];
    const sig = signatures.get(poId);
    const input: PoInput = { ...(previousHash === undefined ? {} : { previousHash }), ...(sig === undefined ? {} : { sig }), lines };
    out[poId] = JSON.stringify(input);
  }
  const kept = [...signatures].filter(([poId, sig]) => !linesByPo.has(poId) && state.sigs[poId] === sig);
  for (let i = 0; i < kept.length; i += KEPT_PER_KEY) {
    const chunk: KeptInput = { pos: {} };
    for (const [poId, sig] of kept.slice(i, i + KEPT_PER_KEY)) {
      const hash = state.pos[poId];
      chunk.pos[poId] = hash === undefined ? { sig } : { hash, sig };
    }
    out[`${KEPT_KEY_PREFIX}${i / KEPT_PER_KEY}`] = JSON.stringify(chunk);
  }
  return out;
}

/** reduce: the PO's rows and whether HotWax already has them. Throws PO_LINES_INVALID for a PO HotWax could not use. */
export function decidePurchaseOrder(poId: string, values: readonly string[]): PoDecision {
  if (values.length !== 1 || values[0] === undefined) {
    throw new IntegrationError('PO_INPUT_INVALID', `Purchase order ${poId} reached reduce with ${values.length} values instead of 1.`, { poId });
  }
  const input = JSON.parse(values[0]) as PoInput;
  const decision = decide(exportRowsFor(poId, input.lines), input.previousHash);
  return input.sig === undefined ? decision : { ...decision, sig: input.sig };
}

/** summarize: the decisions a kept chunk stands for (unchanged, or nothing to receive), marked as not read. */
export function keptDecisions(value: string): [string, PoDecision][] {
  const input = JSON.parse(value) as KeptInput;
  return Object.entries(input.pos).map(([poId, k]): [string, PoDecision] => [
    poId,
    k.hash === undefined ? { kind: 'nothing-to-receive', sig: k.sig, kept: true } : { kind: 'unchanged', hash: k.hash, sig: k.sig, kept: true },
  ]);
}

export interface ExportPlan {
  /** The file's rows, by PO then line. */
  rows: PoExportRow[];
  /** POs whose rows are in the file. */
  changedPos: string[];
  unchangedPos: number;
  nothingToReceivePos: number;
  /** POs HotWax got before that left the search (received, closed, unapproved, filtered out). */
  droppedPos: string[];
  /** POs whose reduce failed: kept as they were, so they are sent again once they work. */
  failedPos: string[];
  /** The next state's PO map, valid once the file is on the server. */
  pos: Record<string, string>;
  /** The next state's signatures: every PO decided this run (read or kept), none for failed ones. */
  sigs: Record<string, string>;
  /** POs not read this run (kept as they were). */
  keptPos: number;
}

/**
 * What this run sends and what HotWax will then have. `base` is the state as summarize reads it (the
 * latest saved, which may be newer than the one getInputData read if another run finished in between).
 * A PO is kept in the state only when HotWax has its current rows: changed POs with the new hash (valid
 * once the upload succeeded), unchanged ones as they are, failed ones with their old hash (or not at all).
 */
export function planExport(base: PoExportState, decisions: ReadonlyMap<string, PoDecision>, failedPoIds: ReadonlySet<string>): ExportPlan {
  const plan: ExportPlan = { rows: [], changedPos: [], unchangedPos: 0, nothingToReceivePos: 0, droppedPos: [], failedPos: [], pos: {}, sigs: {}, keptPos: 0 };
  const rows: PoExportRow[] = [];
  for (const [poId, decision] of decisions) {
    if (decision.sig !== undefined) plan.sigs[poId] = decision.sig;
    if (decision.kept) plan.keptPos += 1;
    if (decision.kind === 'changed') {
      rows.push(...decision.rows);
      plan.changedPos.push(poId);
      plan.pos[poId] = decision.hash;
    } else if (decision.kind === 'unchanged') {
      plan.unchangedPos += 1;
      plan.pos[poId] = decision.hash;
    } else {
      plan.nothingToReceivePos += 1;
    }
  }
  for (const poId of failedPoIds) {
    if (decisions.has(poId)) continue;
    plan.failedPos.push(poId);
    const old = base.pos[poId];
    if (old !== undefined) plan.pos[poId] = old;
  }
  for (const poId of Object.keys(base.pos)) {
    if (!decisions.has(poId) && !failedPoIds.has(poId)) plan.droppedPos.push(poId);
  }
  const byNumber = (a: string, b: string): number => Number(a) - Number(b);
  plan.rows = sortRows(rows);
  plan.changedPos.sort(byNumber);
  plan.failedPos.sort(byNumber);
  plan.droppedPos.sort(byNumber);
  return plan;
}

/**
 * The state to save after this run: its PO map and signatures, the run and files that produced it, when the
 * run started reading (the next run reads again what was modified since, less the overlap) and when every
 * line was last read.
 */
export function nextState(plan: ExportPlan, meta: Pick<RunMeta, 'runId' | 'startedAt' | 'readMode' | 'previousFullReadAt'>, files: readonly ExportedFile[], savedAt: Date): PoExportState {
  return {
    ...emptyExportState(),
    lastRunId: meta.runId,
    lastFiles: [...files],
    savedAt: savedAt.toISOString(),
    pos: plan.pos,
    sigs: plan.sigs,
    readFrom: meta.startedAt,
    fullReadAt: meta.readMode === 'full' ? meta.startedAt : meta.previousFullReadAt,
  };
}

/**
 * Whether the run must save the state although it sent nothing: the PO map or signatures changed, it read
 * every line (fullReadAt moves), or it read some POs (readFrom moves past them, so they are not read again).
 * A run that read nothing and changed nothing leaves the state as it is (no File.save).
 */
export function stateNeedsSaving(base: PoExportState, next: PoExportState, meta: Pick<RunMeta, 'readMode' | 'posRead'>): boolean {
  return meta.readMode === 'full' || meta.posRead > 0 || !samePos(base.pos, next.pos) || !samePos(base.sigs, next.sigs);
}

export interface RemoteFile {
  name: string;
  size: number;
}

export type UploadChoice = { action: 'upload'; fileName: string } | { action: 'already-uploaded'; fileName: string };

/**
 * Where part `part` of this run's file goes, given what the export folder already holds. The name comes
 * from the run id, so a restarted summarize looks for its own file: there with the expected size means an
 * earlier attempt uploaded it (never send it twice); there with another size is a broken earlier attempt,
 * which is never overwritten (HotWax may be reading it): the file goes under the next retry name.
 */
export function chooseUpload(runId: string, part: number, parts: number, existing: readonly RemoteFile[], expectedBytes: number, maxAttempts = 9): UploadChoice {
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const fileName = exportFileName(runId, part, parts, attempt);
    const found = existing.find((f) => f.name === fileName);
    if (!found) return { action: 'upload', fileName };
    if (found.size === expectedBytes) return { action: 'already-uploaded', fileName };
  }
  throw new IntegrationError('PO_EXPORT_NAMES_TAKEN', `Every file name for part ${part} of run ${runId} is taken by a file of another size; remove them from the export folder.`, { runId, part });
}


