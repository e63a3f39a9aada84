/**
 * The PO export, a Map/Reduce run: purchase order lines waiting for receipt -> HotWax's PO CSV in
 * purchaseorder/fulfillment/ on SFTP, every purchase order once per change (docs/purchase-orders.md).
 *  getInputData  loads (or creates once) the saved search, reads the export state, reads one signature per
 *                PO (summary search), then the lines of the POs that may have changed, or of every PO
 *                (core/purchaseorders/changeDetection.ts); emits one pair per PO read (its lines and the
 *                hash HotWax last got), the POs not read in a few 'kept:n' pairs, and the run's metadata.
 *  reduce        one PO per invocation: its rows, and whether HotWax already has exactly these ('kept:n'
 *                pairs pass through).
 *  summarize     reads every error summary; puts the changed POs in one or more files; uploads them
 *                (never overwriting, never twice after a restart); only then saves the new state and
 *                records each file; one audit summary per run; throws when the run failed as a whole.
 */
import type { EntryPoints } from 'N/types';
import * as error from 'N/error';
import * as log from 'N/log';
import { loadSftpSettingsFor } from '../adapters/sftpConfig';
import { intParam, param, textParam } from '../adapters/scriptParams';
import { joinPath, SftpFolder, type RemoteFile } from '../adapters/sftpFolder';
import { loadPendingReceiptSearch, readPendingReceiptLines, readPoSignatures, userDateTime } from '../adapters/poPendingReceiptSearch';
import { findStateFileId, latestRecordedFileName, loadExportState, recordUploadedFile, saveExportState } from '../adapters/poExportState';
import { describe, errorCode, IntegrationError } from '../core/integrationError';
import { count, sentence, worst, type RunNote } from '../core/runLog';
import { fingerprint } from '../core/hash';
import type { ExportedFile, PoDecision, PoExportState } from '../core/purchaseorders/exportState';
import { DEFAULT_FULL_READ_HOURS, planRead, signatureHash } from '../core/purchaseorders/changeDetection';
import {
  chooseUpload,
  decidePurchaseOrder,
  exportFileName,
  groupByPurchaseOrder,
  KEPT_KEY_PREFIX,
  keptDecisions,
  nextState,
  planExport,
  reduceInputs,
  RUN_META_KEY,
  runIdAt,
  splitIntoFiles,
  stateNeedsSaving,
  type ExportPlan,
  type RunMeta,
} from '../core/purchaseorders/exportRun';
import { changedFilter } from '../core/purchaseorders/searchDefinition';
import { poExportCsv } from '../core/purchaseorders/poLines';
import { DEFAULT_SEARCH_ID } from '../core/purchaseorders/searchDefinition';
import { utf8Length } from '../core/utf8';

const PARAM = {
  searchId: 'custscript_hwx_po_search',
  workFolder: 'custscript_hwx_po_work_folder',
  sftpFolder: 'custscript_hwx_po_sftp_folder',
  /** Script parameter ids are unique in an account: this script's own choice of SFTP configuration record. */
  sftpConfig: 'custscript_hwx_po_sftp_config',
  /** Hours between runs that read every line (0: every run); the runs in between read only what changed. */
  fullReadHours: 'custscript_hwx_po_full_read_hours',
} as const;

export const DEFAULT_SFTP_FOLDER = 'purchaseorder/fulfillment';

export interface PoExportOptions {
  searchId: string;
  workFolderId: number;
  /** Export folder under the SFTP base directory, without leading or trailing '/'. */
  sftpFolder: string;
  fullReadEveryHours: number;
}

export function readOptions(): PoExportOptions {
  const workFolderId = Number(param(PARAM.workFolder));
  if (!Number.isInteger(workFolderId) || workFolderId <= 0) {
    throw new IntegrationError('CONFIG_WORK_FOLDER', `Set the script parameter ${PARAM.workFolder} to the internal id of a File Cabinet folder: the PO export keeps what HotWax already has there.`);
  }
  const segments = (textParam(PARAM.sftpFolder) || DEFAULT_SFTP_FOLDER).split('/').filter((s) => s !== '' && s !== '.');
  if (segments.length === 0 || segments.includes('..')) {
    throw new IntegrationError('CONFIG_SFTP_FOLDER', `The script parameter ${PARAM.sftpFolder} must be a folder below the SFTP base directory, such as ${DEFAULT_SFTP_FOLDER}.`);
  }
  return { searchId: textParam(PARAM.searchId) || DEFAULT_SEARCH_ID, workFolderId, sftpFolder: segments.join('/'), fullReadEveryHours: intParam(PARAM.fullReadHours, DEFAULT_FULL_READ_HOURS, 0, 24 * 31) };
}

/**
 * Map/Reduce error summaries keep an error's name and message (NETSUITE.md 6.2): an IntegrationError leaves a
 * stage as a SuiteScriptError named after its code, so summarize can report PO_LINES_INVALID, not 'Error'.
 * notifyOff: summarize reports it (and throws when the run failed as a whole).
 */
function withCodeAsName<T>(stage: () => T): T {
  try {
    return stage();
  } catch (err) {
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- a SuiteScriptError is what NetSuite throws; its typings do not extend Error.
    if (err instanceof IntegrationError) throw error.create({ name: err.code, message: err.message, notifyOff: true });
    throw err;
  }
}

// ---- getInputData --------------------------------------------------------------------------------

export function getPendingReceiptInput(now: Date, nonce: string): Record<string, string> {
  return withCodeAsName(() => readInput(now, nonce));
}

function readInput(now: Date, nonce: string): Record<string, string> {
  const options = readOptions();
  const pending = loadPendingReceiptSearch(options.searchId);
  const stateFileId = findStateFileId();
  const { state, problem } = loadExportState(stateFileId);
  if (problem !== undefined) log.error({ title: 'PO export: state unreadable, exporting every PO', details: problem });
  // Signatures first, lines second: a change landing between the two reads gives a stale signature (read
  // again next run), never a fresh signature over stale lines.
  const signatures = readPoSignatures(pending);
  const sigs = new Map(signatures.map((s) => [s.poId, signatureHash(s)]));
  const plan = planRead(state, problem, sigs, now, { fullReadEveryHours: options.fullReadEveryHours });
  const lines = plan.mode === 'full' ? readPendingReceiptLines(pending) : readPendingReceiptLines(pending, changedFilter(userDateTime(plan.modifiedSince), plan.poIds));
  const byPo = groupByPurchaseOrder(lines);
  const meta: RunMeta = {
    runId: runIdAt(now, nonce),
    startedAt: now.toISOString(),
    stateFileId,
    searchId: options.searchId,
    searchCreated: pending.created,
    pos: signatures.length,
    lines: signatures.reduce((n, s) => n + (Number(s.lines) || 0), 0),
    readMode: plan.mode,
    readReason: plan.mode === 'full' ? plan.reason : `modified since ${plan.modifiedSince.toISOString()} or ${plan.poIds.length} PO(s) with a new signature`,
    posRead: byPo.size,
    linesRead: lines.length,
    previousFullReadAt: state.fullReadAt,
    ...(problem !== undefined ? { stateProblem: problem } : {}),
  };
  return reduceInputs(byPo, state, meta, sigs);
}

// ---- reduce ------------------------------------------------------------------------------------------

export function reducePurchaseOrder(ctx: EntryPoints.MapReduce.reduceContext): void {
  if (ctx.key === RUN_META_KEY || ctx.key.startsWith(KEPT_KEY_PREFIX)) {
    ctx.write({ key: ctx.key, value: ctx.values[0] ?? '' });
    return;
  }
  const decision = withCodeAsName(() => decidePurchaseOrder(ctx.key, ctx.values));
  ctx.write({ key: ctx.key, value: JSON.stringify(decision) });
}

// ---- summarize ---------------------------------------------------------------------------------------

interface StageFailure {
  stage: 'getInputData' | 'map' | 'reduce';
  key: string;
  code: string;
  message: string;
}

const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');

/** A Map/Reduce error summary entry is a serialised SuiteScriptError: {"type","name","message",...}. */
function parseStageError(serialised: string): { code: string; message: string } {
  try {
    const e = JSON.parse(serialised) as { name?: unknown; message?: unknown };
    return { code: text(e.name) || 'UNEXPECTED_ERROR', message: text(e.message) || serialised };
  } catch {
    return { code: 'UNEXPECTED_ERROR', message: serialised };
  }
}

/** Every error the stages recorded; a key retried several times keeps its last error. */
function readFailures(summary: EntryPoints.MapReduce.summarizeContext): StageFailure[] {
  const byKey = new Map<string, StageFailure>();
  if (summary.inputSummary.error) byKey.set('getInputData|', { stage: 'getInputData', key: '', ...parseStageError(summary.inputSummary.error) });
  const collect = (stage: 'map' | 'reduce', errors: EntryPoints.MapReduce.MapReduceErrorIteratorContainer): void => {
    errors.iterator().each((key, error) => {
      byKey.set(`${stage}|${key}`, { stage, key, ...parseStageError(error) });
      return true;
    });
  };
  collect('map', summary.mapSummary.errors);
  collect('reduce', summary.reduceSummary.errors);
  return [...byKey.values()];
}

function readOutputs(summary: EntryPoints.MapReduce.summarizeContext): { meta: RunMeta | undefined; decisions: Map<string, PoDecision> } {
  let meta: RunMeta | undefined;
  const decisions = new Map<string, PoDecision>();
  summary.output.iterator().each((key, value) => {
    if (key === RUN_META_KEY) meta = JSON.parse(value) as RunMeta;
    else if (key.startsWith(KEPT_KEY_PREFIX)) for (const [poId, d] of keptDecisions(value)) decisions.set(poId, d);
    else decisions.set(key, JSON.parse(value) as PoDecision);
    return true;
  });
  return { meta, decisions };
}

export interface PoExportReport {
  runId: string;
  searchId: string;
  /** The saved search was created from the default definition in this run. */
  searchCreated: boolean;
  posInSearch: number;
  linesInSearch: number;
  /** 'full': every line was read; 'changed': only the POs that may have changed. */
  readMode: string;
  readReason: string;
  posRead: number;
  linesRead: number;
  /** POs not read (their signature and last-modified time held): unchanged, or still nothing to receive. */
  keptPos: number;
  files: { name: string; rows: number; pos: number; alreadyOnServer: boolean }[];
  exportedPos: number;
  exportedRows: number;
  unchangedPos: number;
  nothingToReceivePos: number;
  droppedPos: number;
  failedPos: { po: string; code: string; message: string }[];
  stateSaved: boolean;
  stateProblem?: string;
  /** A restarted summarize found this run's work already committed. */
  alreadyCommitted?: boolean;
  error?: string;
}

/** Uploads the plan's rows, one file per part; a part already on the server from an earlier attempt is not sent again. */
function uploadFiles(options: PoExportOptions, runId: string, plan: ExportPlan, report: PoExportReport): ExportedFile[] {
  const parts = splitIntoFiles(plan.rows);
  const folder = SftpFolder.connect(loadSftpSettingsFor(PARAM.sftpConfig));
  const ours = new RegExp(`^${exportFileName(runId).replace(/\.csv$/, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
  let existing: RemoteFile[];
  try {
    existing = folder.listFiles(options.sftpFolder, ours);
  } catch (err) {
    if (errorCode(err) !== 'FTP_INVALID_DIRECTORY') throw err;
    folder.ensurePath(options.sftpFolder);
    existing = [];
  }
  return parts.map((rows, i) => {
    const csv = poExportCsv(rows);
    const choice = chooseUpload(runId, i + 1, parts.length, existing, utf8Length(csv));
    if (choice.action === 'upload') folder.uploadText(options.sftpFolder, choice.fileName, csv, false);
    const pos = new Set(rows.map((r) => r[0])).size;
    report.files.push({ name: choice.fileName, rows: rows.length, pos, alreadyOnServer: choice.action === 'already-uploaded' });
    return { name: choice.fileName, path: joinPath(options.sftpFolder, choice.fileName), rows: rows.length, pos, fingerprint: fingerprint(csv) };
  });
}

function recordFiles(files: readonly ExportedFile[], stateFileId: number, runId: string): void {
  for (const f of files) {
    recordUploadedFile({ fileName: f.name, path: f.path, fingerprint: f.fingerprint, rows: f.rows, pos: f.pos, stateFileId, message: `Run ${runId}: ${f.pos} purchase order(s), ${f.rows} line(s)` });
  }
}

/** After a restart: the files of the committed run that have no record yet (records are made in file order). */
function recordMissingFiles(state: PoExportState, stateFileId: number): void {
  if (state.lastFiles.length === 0) return;
  const latest = latestRecordedFileName();
  recordFiles(state.lastFiles.slice(state.lastFiles.findIndex((f) => f.name === latest) + 1), stateFileId, state.lastRunId);
}

function commit(meta: RunMeta, decisions: Map<string, PoDecision>, failedPoIds: ReadonlySet<string>, now: Date, report: PoExportReport): void {
  const options = readOptions();
  const stateFileId = meta.stateFileId ?? findStateFileId();
  const { state: base, problem } = loadExportState(stateFileId);
  if (problem !== undefined) report.stateProblem = problem;
  if (base.lastRunId === meta.runId && stateFileId !== null) {
    // A restarted summarize: this run's files are on the server and its state is saved.
    report.alreadyCommitted = true;
    recordMissingFiles(base, stateFileId);
    return;
  }
  const plan = planExport(base, decisions, failedPoIds);
  report.exportedPos = plan.changedPos.length;
  report.exportedRows = plan.rows.length;
  report.unchangedPos = plan.unchangedPos;
  report.nothingToReceivePos = plan.nothingToReceivePos;
  report.droppedPos = plan.droppedPos.length;
  report.keptPos = plan.keptPos;
  // Throws when an upload fails: the state stays as it was, so every changed PO is sent again next run.
  const files = plan.rows.length > 0 ? uploadFiles(options, meta.runId, plan, report) : [];
  const next = nextState(plan, meta, files, now);
  if (files.length === 0 && !stateNeedsSaving(base, next, meta)) return;
  const savedId = saveExportState(options.workFolderId, next);
  report.stateSaved = true;
  recordFiles(files, savedId, meta.runId);
}

const MAX_LISTED_FAILURES = 50;

export function summarizePoExport(summary: EntryPoints.MapReduce.summarizeContext, now: Date): PoExportReport {
  const failures = readFailures(summary);
  const { meta, decisions } = readOutputs(summary);
  // A PO failed when an invocation for it threw and none wrote its decision (a retry may have succeeded).
  // A failed 'kept:n' chunk is no PO: its POs are simply not in the next state, so the next run reads them.
  const failedPos = failures.filter((f) => f.stage !== 'getInputData' && f.key !== RUN_META_KEY && !f.key.startsWith(KEPT_KEY_PREFIX) && !decisions.has(f.key));
  const report: PoExportReport = {
    runId: meta?.runId ?? '',
    searchId: meta?.searchId ?? '',
    searchCreated: meta?.searchCreated ?? false,
    posInSearch: meta?.pos ?? 0,
    linesInSearch: meta?.lines ?? 0,
    readMode: meta?.readMode ?? '',
    readReason: meta?.readReason ?? '',
    posRead: meta?.posRead ?? 0,
    linesRead: meta?.linesRead ?? 0,
    keptPos: 0,
    files: [],
    exportedPos: 0,
    exportedRows: 0,
    unchangedPos: 0,
    nothingToReceivePos: 0,
    droppedPos: 0,
    failedPos: failedPos.map((f) => ({ po: f.key, code: f.code, message: f.message })),
    stateSaved: false,
    ...(meta?.stateProblem !== undefined ? { stateProblem: meta.stateProblem } : {}),
  };
  try {
    const input = failures.find((f) => f.stage === 'getInputData');
    if (input) {
      throw new IntegrationError('PO_EXPORT_INPUT_FAILED', `Nothing was exported: reading the purchase orders failed (${input.code}: ${input.message}). The export state is unchanged.`);
    }
    if (!meta) throw new IntegrationError('PO_EXPORT_RUN_DATA_MISSING', 'Nothing was exported: the run metadata did not reach summarize. The export state is unchanged.');
    commit(meta, decisions, new Set(failedPos.map((f) => f.key)), now, report);
  } catch (err) {
    report.error = describe(err);
    logReport(summary, report);
    throw err;
  }
  logReport(summary, report);
  return report;
}

/**
 * What the run log says of a run that returned (core/runLog.ts). Stage failures are already in the report: POs
 * whose reduce failed are in failedPos; a failed input stage or a failed commit throws, and is logged FAILED.
 */
export function poExportRunNote(report: PoExportReport): RunNote {
  return {
    status: worst(report.failedPos.length > 0 ? 'NEEDS_ATTENTION' : 'COMPLETE'),
    text: sentence([
      reportTitle(report),
      report.searchCreated && 'created the saved search from its default definition',
      `read ${count(report.posRead, 'PO')} of ${count(report.posInSearch, 'PO')} pending receipt (${report.readMode || 'n/a'})`,
      report.failedPos.length > 0 && `${count(report.failedPos.length, 'PO')} not exported (the next run tries again)`,
    ]),
    files: report.files.length,
  };
}

function reportTitle(report: PoExportReport): string {
  if (report.error !== undefined) return report.stateSaved ? 'PO export: files sent and marked, but recording them failed' : 'PO export failed: nothing marked as exported';
  if (report.alreadyCommitted) return `PO export ${report.runId}: already done before the restart`;
  if (report.exportedPos > 0) return `PO export: ${report.exportedPos} PO(s), ${report.exportedRows} line(s) in ${report.files.length} file(s)`;
  return `PO export: nothing changed (${report.unchangedPos} PO(s) up to date)`;
}

/** One audit summary per run; the POs that failed and a failed run as errors. */
function logReport(summary: EntryPoints.MapReduce.summarizeContext, report: PoExportReport): void {
  const title = reportTitle(report);
  const listed = { ...report, failedPos: report.failedPos.slice(0, MAX_LISTED_FAILURES) };
  log.audit({ title, details: JSON.stringify({ ...listed, failedPoCount: report.failedPos.length, usage: summary.usage, restarted: summary.isRestarted }).slice(0, 3900) });
  if (report.failedPos.length > 0) {
    log.error({
      title: `PO export: ${report.failedPos.length} PO(s) not exported`,
      details: report.failedPos
        .slice(0, MAX_LISTED_FAILURES)
        .map((f) => `${f.po}: ${f.code}: ${f.message}`)
        .join('\n')
        .slice(0, 3900),
    });
  }
  if (report.error !== undefined) log.error({ title: 'PO export failed', details: report.error });
}
