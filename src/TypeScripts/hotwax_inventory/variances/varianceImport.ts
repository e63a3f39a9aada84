/**
 * The variance import flow, one scheduled run at a time:
 *  1. List the incoming folder once and find the files already tracked for this flow (one search).
 *  2. Follow up every tracked file: poll its CSV import jobs; once all ended, verify by External ID what
 *     NetSuite really created, write the error report, move the file to archive/ or failed/. Nothing is
 *     moved before its outcome is known.
 *  3. Take new files: parse and validate every row, resolve items, locations and reasons in bulk, drop
 *     HotWax ids already applied or in flight, plan transactions and jobs, record the file with its plan,
 *     submit the jobs (the CSV passed as text). An entry that cannot be read is recorded UNREADABLE and
 *     skipped; it never stops the others.
 *  4. Stop early and reschedule when governance runs low; the tracking records are the cursor.
 * Governance per 1,000-row file (intake + verify): see docs/variances.md and `npm run bench`.
 */
import * as log from 'N/log';
import * as runtime from 'N/runtime';
import * as format from 'N/format';
import { loadSftpSettings } from '../adapters/sftpConfig';
import { joinPath, SftpFolder, type RemoteEntry } from '../adapters/sftpFolder';
import { createFeedFile, findOpenFeedFiles, loadFeedFilePlan, updateFeedFile, type FeedFile, type FeedFileStatus, type TrackedJob } from '../adapters/feedFiles';
import { csvImportStatus, submitCsvImport } from '../adapters/csvImportJobs';
import { loadPlanFile, storePlan } from '../adapters/manifestStore';
import { lookUpActiveAccounts, lookUpItemStock, lookUpLocations, lookUpReasonMap } from '../adapters/lookups';
import { recordCountedNoDifference } from '../adapters/cycleCountHistory';
import { existingExternalIds, findPostedVarianceIds } from '../adapters/postedVariances';
import { remainingUnits, rescheduleSelf } from '../adapters/governance';
import { intParam, param, textParam } from '../adapters/scriptParams';
import { describe, errorCode, IntegrationError } from '../core/integrationError';
import { count, inFailedFolder, sentence, worst, type RunNote } from '../core/runLog';
import { decideOutcome, decodeManifest, encodeManifest, plannedHotwaxIds, type VarianceManifest } from '../core/variances/outcome';
import { prepareVarianceFile, type PrepareOptions, type PreparedFile } from '../core/variances/prepare';
import { errorReportCsv, safeReportName } from '../core/variances/report';
import { fingerprint } from '../core/hash';

export const ADJUSTMENT_IMPORT = 'custimport_hwx_inventory_adjustment';
export const TRANSFER_IMPORT = 'custimport_hwx_inventory_transfer';

const PARAM = {
  flowFolder: 'custscript_hwx_vi_flow_folder',
  transferMode: 'custscript_hwx_vi_transfer_mode',
  unknownReason: 'custscript_hwx_vi_unknown_reason',
  defaultAccount: 'custscript_hwx_vi_default_account',
  workFolder: 'custscript_hwx_vi_work_folder',
  maxLines: 'custscript_hwx_vi_max_lines',
  maxRowsPerJob: 'custscript_hwx_vi_max_rows_per_job',
  minUnits: 'custscript_hwx_vi_min_units',
  continueDeployment: 'custscript_hwx_vi_continue_deploy',
  sftpConfig: 'custscript_hwx_sftp_config',
} as const;

/** A job that failed as a whole is resubmitted this many times in all (its External IDs make that safe). */
const MAX_JOB_ATTEMPTS = 2;
/** Units a file's intake may need before its jobs: download 100, look-ups, record, report and move if refused. */
const UNITS_PER_FILE_INTAKE = 600;
const UNITS_PER_JOB = 130;

export interface VarianceImportOptions {
  flowFolder: string;
  transferMode: boolean;
  unknownReason: 'error' | 'adjustment';
  defaultAccountId: string;
  workFolderId: number;
  maxLinesPerTransaction: number;
  maxRowsPerJob: number;
  minUnits: number;
  continueDeployment: string;
}

export interface RunSummary {
  flow: string;
  filesFollowedUp: number;
  filesFinished: { file: string; destination: string; applied: number; rejected: number; skipped: number; counted: number; report: string }[];
  filesSubmitted: { file: string; rows: number; jobs: number; transactions: number }[];
  filesWaiting: string[];
  /** Entries not taken this run: not readable (recorded UNREADABLE) or not read because of a passing error. */
  filesRejected: { file: string; reason: string }[];
  rescheduled: boolean;
  unitsLeft: number;
}

/** What the run log says of a run (core/runLog.ts): files taken and finished, rows applied and rejected. */
export function varianceRunNote(s: RunSummary): RunNote {
  const failed = s.filesFinished.filter((f) => inFailedFolder(f.destination)).length;
  const sum = (k: 'applied' | 'rejected'): number => s.filesFinished.reduce((n, f) => n + f[k], 0);
  const rows = s.filesSubmitted.reduce((n, f) => n + f.rows, 0);
  const jobs = s.filesSubmitted.reduce((n, f) => n + f.jobs, 0);
  const attention = failed > 0 || sum('rejected') > 0 || s.filesRejected.length > 0;
  return {
    status: worst(attention ? 'NEEDS_ATTENTION' : 'COMPLETE', s.rescheduled ? 'CONTINUES' : 'COMPLETE'),
    text: sentence([
      s.filesSubmitted.length > 0 && `took ${count(s.filesSubmitted.length, 'file')} (${count(rows, 'row')}, ${count(jobs, 'CSV import job')})`,
      s.filesFinished.length > 0 && `finished ${count(s.filesFinished.length, 'file')} (${s.filesFinished.length - failed} archived, ${failed} failed): ${count(sum('applied'), 'row')} applied, ${count(sum('rejected'), 'row')} rejected`,
      s.filesWaiting.length > 0 && `${count(s.filesWaiting.length, 'file')} waiting for their import jobs`,
      s.filesRejected.length > 0 && `${count(s.filesRejected.length, 'entry', 'entries')} not read (${s.filesRejected.map((f) => f.file).join(', ')})`.slice(0, 600),
      s.rescheduled && 'continues on the continuation deployment',
    ]),
    files: s.filesSubmitted.length + s.filesFinished.length + s.filesRejected.length,
  };
}

export function readOptions(): VarianceImportOptions {
  const flowFolder = (textParam(PARAM.flowFolder) || 'inventoryadjustment').replace(/^\/+|\/+$/g, '');
  const workFolderId = Number(param(PARAM.workFolder));
  if (!Number.isInteger(workFolderId) || workFolderId === 0) {
    throw new IntegrationError('CONFIG_WORK_FOLDER', `Set the script parameter ${PARAM.workFolder} to the internal id of a File Cabinet folder for run manifests and job files.`);
  }
  const unknownReason = textParam(PARAM.unknownReason).toLowerCase() === 'error' ? 'error' : 'adjustment';
  return {
    flowFolder: flowFolder || 'inventoryadjustment',
    transferMode: param(PARAM.transferMode) === true,
    unknownReason,
    defaultAccountId: textParam(PARAM.defaultAccount),
    workFolderId,
    // Oracle advises at most 5,000 lines per transaction and allows 25,000 rows per job (NETSUITE.md 2.2).
    maxLinesPerTransaction: intParam(PARAM.maxLines, 1000, 1, 5000),
    maxRowsPerJob: intParam(PARAM.maxRowsPerJob, 25000, 1, 25000),
    minUnits: intParam(PARAM.minUnits, 1500, 200, 9000),
    continueDeployment: textParam(PARAM.continueDeployment),
  };
}

interface Folders {
  incoming: string;
  archive: string;
  failed: string;
  error: string;
}

const foldersFor = (flowFolder: string): Folders => ({
  incoming: `${flowFolder}/csv`,
  archive: `${flowFolder}/archive`,
  failed: `${flowFolder}/failed`,
  error: `${flowFolder}/error`,
});

/** The flow's name in tracking records: one per incoming folder. */
const flowName = (options: VarianceImportOptions): string => `variance:${options.flowFolder}`;

/** What one run knows: its options, the SFTP folder, and the incoming folder as listed at the start. */
interface Run {
  options: VarianceImportOptions;
  sftp: SftpFolder;
  folders: Folders;
  now: Date;
  summary: RunSummary;
  /** The incoming folder's .csv entries, listed once per run. */
  incoming: Map<string, RemoteEntry>;
  dateFormat: string;
}

export function runVarianceImport(options: VarianceImportOptions, now: Date): RunSummary {
  const summary: RunSummary = { flow: flowName(options), filesFollowedUp: 0, filesFinished: [], filesSubmitted: [], filesWaiting: [], filesRejected: [], rescheduled: false, unitsLeft: 0 };
  const settings = loadSftpSettings();
  const sftp = SftpFolder.connect(settings);
  const folders = foldersFor(options.flowFolder);

  const open = findOpenFeedFiles(flowName(options));
  // One list of the incoming folder serves the whole run. Folders are created when first needed, not
  // checked on every run: a missing incoming folder is created here, archive/failed/error on first use.
  let listed = sftp.listEntries(folders.incoming, /\.csv$/i);
  if (listed === undefined) {
    sftp.ensurePath(folders.incoming);
    listed = [];
  }
  const run: Run = {
    options,
    sftp,
    folders,
    now,
    summary,
    incoming: new Map(listed.map((e) => [e.name, e])),
    dateFormat: String(runtime.getCurrentUser().getPreference({ name: 'DATEFORMAT' }) ?? 'M/D/YYYY'),
  };

  let outOfUnits = false;
  const stillOpen: FeedFile[] = [];
  for (const tracked of open) {
    if (outOfUnits || remainingUnits() < options.minUnits) {
      outOfUnits = true;
      stillOpen.push(tracked);
      continue;
    }
    summary.filesFollowedUp += 1;
    const after = followUp(tracked, run);
    if (after !== undefined) stillOpen.push(after);
  }

  if (!outOfUnits) {
    // Files still open are not taken again (a same-named file waits for the first to finish); the HotWax
    // ids they plan are in flight. Their plans are read only if a new file needs them.
    const openNames = new Set(stillOpen.map((f) => f.fileName));
    let inFlightIds: Set<string> | undefined;
    const inFlight = (): Set<string> => (inFlightIds ??= collectInFlightIds(stillOpen));
    for (const entry of run.incoming.values()) {
      if (openNames.has(entry.name)) continue;
      if (remainingUnits() < options.minUnits + UNITS_PER_FILE_INTAKE) {
        outOfUnits = true;
        break;
      }
      intake(entry, run, inFlight);
    }
  }

  if (outOfUnits && options.continueDeployment) {
    summary.rescheduled = rescheduleSelf(options.continueDeployment, continuationParams(options));
  }
  summary.unitsLeft = remainingUnits();
  log.audit({
    title: `Variance import ${options.flowFolder}: ${summary.filesSubmitted.length} submitted, ${summary.filesFinished.length} finished`,
    details: JSON.stringify(summary),
  });
  return summary;
}

function continuationParams(options: VarianceImportOptions): Record<string, string | number | boolean> {
  const params: Record<string, string | number | boolean> = {
    [PARAM.flowFolder]: options.flowFolder,
    [PARAM.transferMode]: options.transferMode ? 'T' : 'F',
    [PARAM.unknownReason]: options.unknownReason,
    [PARAM.workFolder]: options.workFolderId,
    [PARAM.maxLines]: options.maxLinesPerTransaction,
    [PARAM.maxRowsPerJob]: options.maxRowsPerJob,
    [PARAM.minUnits]: options.minUnits,
    [PARAM.continueDeployment]: options.continueDeployment,
  };
  if (options.defaultAccountId) params[PARAM.defaultAccount] = options.defaultAccountId;
  const config = textParam(PARAM.sftpConfig);
  if (config !== '') params[PARAM.sftpConfig] = config;
  return params;
}

/**
 * A tracked file's plan: on the record (read with the open-files search), or in the File Cabinet when it
 * was too large for the record. Whether a search returns a Long Text value whole is [U]; if what it gave
 * does not parse, the record itself is read (record.load, 2 units).
 */
function planOf(tracked: FeedFile): VarianceManifest {
  if (tracked.plan !== '') {
    try {
      return decodeManifest(tracked.plan);
    } catch {
      return decodeManifest(loadFeedFilePlan(tracked.id));
    }
  }
  if (tracked.manifestFileId !== null) return decodeManifest(loadPlanFile(tracked.manifestFileId));
  throw new IntegrationError('MANIFEST_MISSING', `Tracking record ${tracked.id} has no plan`);
}

/** HotWax ids planned in files still in flight: a second delivery must not post them again. */
function collectInFlightIds(open: FeedFile[]): Set<string> {
  const ids = new Set<string>();
  for (const f of open) {
    if (f.status !== 'PLANNED' && f.status !== 'SUBMITTED') continue;
    for (const id of plannedHotwaxIds(planOf(f))) ids.add(id);
  }
  return ids;
}

/** What an incoming entry looked like when it was found unreadable: a changed entry is read again. */
const entryFingerprint = (e: RemoteEntry): string => `entry:${e.directory ? 'folder' : 'file'}:${e.size}:${e.lastModified}`;

// ---- follow-up of tracked files --------------------------------------------------------------------

/** Follows a tracked file up; returns it (as updated) while it stays open, undefined once it is closed. */
function followUp(tracked: FeedFile, run: Run): FeedFile | undefined {
  try {
    if (tracked.status === 'UNREADABLE') return followUpUnreadable(tracked, run);
    const manifest = planOf(tracked);
    let jobs = tracked.jobs;
    if (tracked.status === 'PLANNED') {
      // A run died while submitting: submit what has no task id yet. External IDs make a repeat harmless.
      jobs = submitJobs(tracked, manifest, jobs, run, jobs.filter((j) => !j.taskId).map((j) => j.index));
      tracked = { ...tracked, status: 'SUBMITTED', jobs };
    }
    if (tracked.status === 'SUBMITTED') {
      const polled = jobs.map((j) => (j.taskId && (j.status === 'PENDING' || j.status === 'PROCESSING' || j.status === 'SUBMITTED') ? { ...j, status: csvImportStatus(j.taskId) } : j));
      const retry = polled.filter((j) => j.status === 'FAILED' && j.attempts < MAX_JOB_ATTEMPTS);
      if (retry.length > 0) {
        const resubmitted = submitJobs(tracked, manifest, polled, run, retry.map((j) => j.index), `Resubmitted ${retry.length} failed CSV import job(s)`);
        run.summary.filesWaiting.push(tracked.fileName);
        return { ...tracked, jobs: resubmitted };
      }
      if (polled.some((j) => j.status === 'PENDING' || j.status === 'PROCESSING')) {
        if (JSON.stringify(polled) !== JSON.stringify(jobs)) updateFeedFile(tracked.id, { jobs: polled });
        run.summary.filesWaiting.push(tracked.fileName);
        return { ...tracked, jobs: polled };
      }
      jobs = polled;
    }
    finish(tracked, manifest, jobs, run);
    return undefined;
  } catch (err) {
    log.error({ title: `Variance file ${tracked.fileName} not finished`, details: describe(err) });
    updateFeedFile(tracked.id, { message: describe(err) });
    return tracked;
  }
}

/** An entry recorded UNREADABLE: closed once it is gone or has changed (a changed one is taken again now). */
function followUpUnreadable(tracked: FeedFile, run: Run): FeedFile | undefined {
  const entry = run.incoming.get(tracked.fileName);
  if (entry !== undefined && entryFingerprint(entry) === tracked.fingerprint) return tracked;
  const message =
    entry === undefined
      ? `${tracked.message} Later: the entry is no longer in ${run.folders.incoming}; nothing was imported from it.`
      : `${tracked.message} Later: the entry changed; it is read again as a new file (see the next HotWax Feed File record).`;
  updateFeedFile(tracked.id, { status: 'FAILED', message });
  return undefined;
}

function jobName(fileName: string, job: TrackedJob): string {
  return `HotWax ${job.kind} ${fileName} #${job.index + 1}`;
}

function prepareOptions(fileName: string, run: Run, inFlight: () => Set<string>, rebuild?: VarianceManifest): PrepareOptions {
  const { options } = run;
  return {
    fileName,
    dateFormat: run.dateFormat,
    transferMode: options.transferMode,
    unknownReason: options.unknownReason,
    defaultAdjustmentAccountId: options.defaultAccountId,
    maxLinesPerTransaction: options.maxLinesPerTransaction,
    maxRowsPerJob: options.maxRowsPerJob,
    ...(rebuild !== undefined ? { onlyHotwaxIds: new Set(plannedHotwaxIds(rebuild)), plannedSplits: rebuild.found } : {}),
    lookUp: {
      items: lookUpItemStock,
      locations: lookUpLocations,
      reasons: lookUpReasonMap,
      activeAccounts: lookUpActiveAccounts,
      postedIds: (from, to) => findPostedVarianceIds(format.format({ value: from, type: format.Type.DATE }) as string, format.format({ value: to, type: format.Type.DATE }) as string),
      inFlightIds: inFlight,
    },
  };
}

/**
 * The CSV of each job in `indexes`, rebuilt from the file still in the incoming folder (job CSVs are not
 * kept: they are passed to NetSuite as text). Rebuilt from the same rows, a job carries the same
 * transactions with the same External IDs; a job that would not (the file, reason map, items or locations
 * changed since it was planned) is not submitted again, and its rows are reported as not applied.
 */
function rebuildJobCsvs(tracked: FeedFile, manifest: VarianceManifest, run: Run, indexes: number[]): Map<number, string> {
  const out = new Map<number, string>();
  if (!run.incoming.has(tracked.fileName)) return out;
  const text = run.sftp.readText(run.folders.incoming, tracked.fileName);
  if (fingerprint(text) !== manifest.fingerprint) return out;
  const prepared = prepareVarianceFile(text, prepareOptions(tracked.fileName, run, () => new Set(), manifest));
  const key = (ids: string[]): string => ids.slice().sort().join('\n');
  for (const index of indexes) {
    const planned = manifest.transactions.filter((t) => t.jobIndex === index).map((t) => t.externalId);
    const job = prepared.jobs[index];
    if (job !== undefined && key(job.externalIds) === key(planned)) out.set(index, job.csv);
  }
  return out;
}

/**
 * Submits the jobs in `indexes` with their CSV (given, or rebuilt from the file), recording each task id as
 * soon as it exists; the last update also sets SUBMITTED. A job that cannot be rebuilt is marked FAILED with
 * no attempt left, so verification reports its rows.
 */
function submitJobs(tracked: FeedFile, manifest: VarianceManifest, jobs: TrackedJob[], run: Run, indexes: number[], message?: string, csvs?: Map<number, string>): TrackedJob[] {
  const texts = csvs ?? rebuildJobCsvs(tracked, manifest, run, indexes);
  let current = jobs;
  const pending = current.filter((j) => indexes.includes(j.index));
  if (pending.length === 0) {
    updateFeedFile(tracked.id, { status: 'SUBMITTED', jobs: current, ...(message !== undefined ? { message } : {}) });
    return current;
  }
  pending.forEach((job, n) => {
    const csv = texts.get(job.index);
    const next: TrackedJob =
      csv === undefined
        ? { ...job, taskId: null, attempts: MAX_JOB_ATTEMPTS, status: 'FAILED' }
        : { ...job, taskId: submitCsvImport(job.kind === 'transfer' ? TRANSFER_IMPORT : ADJUSTMENT_IMPORT, csv, jobName(tracked.fileName, job)), attempts: job.attempts + 1, status: 'PENDING' };
    current = current.map((j) => (j.index === job.index ? next : j));
    const last = n === pending.length - 1;
    const note = csv === undefined ? `CSV import job #${job.index + 1} could not be rebuilt identically from the file (it or the configuration changed since it was planned); its rows are reported as not applied.` : message;
    updateFeedFile(tracked.id, { jobs: current, ...(last ? { status: 'SUBMITTED' } : {}), ...(note !== undefined ? { message: note } : {}) });
  });
  return current;
}

/** Verify, report, move: safe to repeat after a crash at any point (moves and reports are idempotent). */
function finish(tracked: FeedFile, manifest: VarianceManifest, jobs: TrackedJob[], run: Run): void {
  const { sftp, folders, summary } = run;
  const resuming = tracked.status === 'VERIFIED';
  const found = manifest.transactions.length === 0 ? new Set<string>() : existingExternalIds(manifest.transactions.map((t) => t.externalId));
  const outcome = decideOutcome(manifest, found, jobs.map((j) => ({ index: j.index, status: j.status, name: jobName(tracked.fileName, j) })));
  const destination = outcome.destination === 'archive' ? folders.archive : folders.failed;
  const reportPath =
    tracked.errorReport || (outcome.reportRows.length > 0 ? joinPath(folders.error, safeReportName(tracked.fileName, new Date(manifest.plannedAt), `report_${tracked.id}`)) : '');
  let finalPath = tracked.finalPath || joinPath(destination, tracked.fileName);
  const message = outcomeMessage(manifest, outcome);

  // Recorded before any side effect: a run that dies after this finishes the same report and move. A file
  // with no report is only moved (to archive/, decided by its plan and the External IDs, which do not change):
  // a run that dies after that move finds it where finalPath says, so the outcome is written with the close.
  const figures = { jobs, applied: outcome.appliedRows, rejected: outcome.rejectedRows, skipped: outcome.skippedRows, counted: outcome.countedRows, errorReport: reportPath, finalPath, message };
  const writeAtClose = !resuming && reportPath === '';
  if (!resuming && !writeAtClose) updateFeedFile(tracked.id, { status: 'VERIFIED', ...figures });
  if (manifest.counted.length > 0) recordCounts(tracked, manifest);
  if (reportPath !== '') {
    // Named from the plan time and the record id, never the clock: a repeat replaces the same report.
    sftp.uploadTextCreatingFolder(folders.error, reportPath.slice(folders.error.length + 1), errorReportCsv(tracked.fileName, outcome.reportRows), true);
  }

  const source = joinPath(folders.incoming, tracked.fileName);
  if (run.incoming.has(tracked.fileName)) {
    if (sftp.moveCreatingFolder(source, finalPath) === 'taken') {
      // The name is taken (the same file name delivered before): keep both, this one with the record id.
      finalPath = sftp.chooseTarget(destination, tracked.fileName, tracked.id);
      updateFeedFile(tracked.id, { finalPath });
      if (sftp.moveCreatingFolder(source, finalPath) === 'taken') throw new IntegrationError('TARGET_TAKEN', `${finalPath} already exists.`);
    }
    run.incoming.delete(tracked.fileName);
  } else {
    // A run died after moving it: the file must be where the record says, with the size it had.
    const dir = finalPath.slice(0, finalPath.lastIndexOf('/'));
    const there = sftp.listEntries(dir, /./)?.find((e) => e.name === finalPath.slice(dir.length + 1));
    if (there === undefined || (manifest.bytes > 0 && there.size !== manifest.bytes)) {
      throw new IntegrationError('FILE_VANISHED', `${source} is gone and ${finalPath} is not the file: someone moved the file by hand.`);
    }
  }
  updateFeedFile(tracked.id, { status: outcome.destination === 'archive' ? 'ARCHIVED' : 'FAILED', ...(writeAtClose ? { ...figures, finalPath } : {}) });
  summary.filesFinished.push({ file: tracked.fileName, destination: finalPath, applied: outcome.appliedRows, rejected: outcome.rejectedRows, skipped: outcome.skippedRows, counted: outcome.countedRows, report: reportPath });
}

/**
 * The cycle-count hook: the file's "counted, no difference" rows close their open planned-count lines with
 * variance 0 (docs/cycle-counts.md, 4. Remembering). Only open lines are closed, so a repeat (a run that died
 * after this) changes nothing. Count history never stops a file: a failure is logged and the file goes on.
 */
function recordCounts(tracked: FeedFile, manifest: VarianceManifest): void {
  try {
    const outcome = recordCountedNoDifference(manifest.counted.map((c) => ({ itemId: c.itemId, locationId: c.location, day: c.date })));
    log.audit({ title: `Variance file ${tracked.fileName}: count history`, details: `${outcome.counted} planned count line(s) closed with no difference; ${outcome.unmatched} row(s) matched no open line` });
  } catch (err) {
    log.error({ title: `Variance file ${tracked.fileName}: count history not recorded`, details: describe(err) });
  }
}

function outcomeMessage(manifest: VarianceManifest, outcome: ReturnType<typeof decideOutcome>): string {
  if (manifest.fileError !== undefined) return `Not a variance feed: ${manifest.fileError} Nothing was imported.`;
  if (manifest.totalRows === 0) return 'The file has no data rows: 0 applied, 0 rejected, 0 already applied.';
  const counted = outcome.countedRows > 0 ? `, ${outcome.countedRows} counted with no difference (not posted)` : '';
  return `${outcome.appliedRows} applied, ${outcome.rejectedRows} rejected, ${outcome.skippedRows} already applied${counted}`;
}

// ---- intake of new files -----------------------------------------------------------------------------

/** Download errors that mean the entry itself cannot be read (not a passing network problem). */
const UNREADABLE_CODES = new Set(['FTP_PERMISSION_DENIED', 'FTP_NO_SUCH_FILE_OR_DIRECTORY', 'FTP_MAXIMUM_FILE_SIZE_EXCEEDED', 'SSS_FILE_CONTENT_SIZE_EXCEEDED']);

const UNREADABLE_REASON: Record<string, string> = {
  FOLDER: 'it is a folder, not a file',
  FTP_PERMISSION_DENIED: 'the SFTP server refuses to let NetSuite read it (no read permission, or a link to a place outside the SFTP folders)',
  FTP_NO_SUCH_FILE_OR_DIRECTORY: 'the SFTP server says there is no such file (a broken link?)',
  FTP_MAXIMUM_FILE_SIZE_EXCEEDED: 'it is larger than the 100 MB NetSuite can download',
  SSS_FILE_CONTENT_SIZE_EXCEEDED: 'it is too large to read',
};

function recordUnreadable(entry: RemoteEntry, code: string, run: Run): void {
  const where = joinPath(run.folders.incoming, entry.name);
  const message =
    `Cannot read ${where}: ${UNREADABLE_REASON[code] ?? code}. Nothing was imported, and the entry was not moved to failed/ ` +
    `(what cannot be read cannot be moved safely); it is skipped while it stays as it is. What to do: replace it with a readable CSV file, or remove it.`;
  log.error({ title: `Variance entry ${entry.name} cannot be read`, details: `${code}: ${message}` });
  createFeedFile({ flow: flowName(run.options), fileName: entry.name, fingerprint: entryFingerprint(entry), status: 'UNREADABLE', rows: 0, skipped: 0, jobs: [], message });
  run.summary.filesRejected.push({ file: entry.name, reason: message });
}

function intake(entry: RemoteEntry, run: Run, inFlight: () => Set<string>): void {
  const { folders, summary } = run;
  const fileName = entry.name;
  try {
    if (entry.directory) {
      recordUnreadable(entry, 'FOLDER', run);
      return;
    }
    let text: string;
    try {
      text = run.sftp.readText(folders.incoming, fileName);
    } catch (err) {
      const code = errorCode(err);
      if (UNREADABLE_CODES.has(code)) {
        recordUnreadable(entry, code, run);
        return;
      }
      throw err;
    }
    intakeText(entry, text, run, inFlight);
  } catch (err) {
    // One file's trouble never stops the others; an untracked file is tried again next run.
    log.error({ title: `Variance file ${fileName} not taken`, details: describe(err) });
    summary.filesRejected.push({ file: fileName, reason: describe(err) });
  }
}

function intakeText(entry: RemoteEntry, text: string, run: Run, inFlight: () => Set<string>): void {
  const { options, summary } = run;
  const fileName = entry.name;
  const prepared: PreparedFile = prepareVarianceFile(text, prepareOptions(fileName, run, inFlight));
  const manifest: VarianceManifest = {
    version: 2,
    flow: flowName(options),
    fileName,
    fingerprint: fingerprint(text),
    plannedAt: run.now.toISOString(),
    bytes: entry.size,
    totalRows: prepared.totalRows,
    ...(prepared.fileError !== undefined ? { fileError: prepared.fileError } : {}),
    notices: prepared.notices,
    rowErrors: prepared.errors,
    skipped: prepared.skipped,
    counted: prepared.counted,
    found: prepared.found,
    transactions: prepared.transactions,
  };
  const stamp = `${fileName.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 80)}_${run.now.getTime().toString(36)}`;
  const stored = storePlan(options.workFolderId, `${stamp}_plan.json`, encodeManifest(manifest));
  const jobs: TrackedJob[] = prepared.jobs.map((job, index) => ({ index, kind: job.kind, rows: job.rowCount, taskId: null, attempts: 0, status: 'NEW' }));
  const status: FeedFileStatus = jobs.length === 0 ? 'SUBMITTED' : 'PLANNED';
  const id = createFeedFile({
    flow: flowName(options),
    fileName,
    fingerprint: manifest.fingerprint,
    ...('plan' in stored ? { plan: stored.plan } : { manifestFileId: stored.fileId }),
    status,
    rows: prepared.totalRows,
    skipped: prepared.skipped.length,
    counted: prepared.counted.length,
    jobs,
  });
  const tracked: FeedFile = {
    id,
    flow: flowName(options),
    fileName,
    fingerprint: manifest.fingerprint,
    status,
    jobs,
    manifestFileId: 'fileId' in stored ? stored.fileId : null,
    plan: 'plan' in stored ? stored.plan : '',
    rows: prepared.totalRows,
    applied: 0,
    rejected: 0,
    skipped: prepared.skipped.length,
    counted: prepared.counted.length,
    errorReport: '',
    finalPath: '',
    message: '',
  };
  const ids = inFlight();
  for (const hotwaxId of plannedHotwaxIds(manifest)) ids.add(hotwaxId);
  if (jobs.length === 0) {
    // Nothing to post (not a feed, no rows, every row rejected, counted or already applied): finish now.
    if (prepared.fileError !== undefined) summary.filesRejected.push({ file: fileName, reason: prepared.fileError });
    finish(tracked, manifest, [], run);
    return;
  }
  if (remainingUnits() < UNITS_PER_JOB * jobs.length) {
    // Leave it PLANNED: the next run rebuilds and submits the jobs.
    summary.filesSubmitted.push({ file: fileName, rows: prepared.totalRows, jobs: 0, transactions: prepared.transactions.length });
    return;
  }
  const message = `${prepared.transactions.length} transaction(s) in ${jobs.length} job(s); ${prepared.errors.length} row error(s); ${prepared.skipped.length} already applied; ${prepared.counted.length} counted with no difference`;
  submitJobs(tracked, manifest, jobs, run, jobs.map((j) => j.index), message, new Map(prepared.jobs.map((j, index) => [index, j.csv])));
  summary.filesSubmitted.push({ file: fileName, rows: prepared.totalRows, jobs: jobs.length, transactions: prepared.transactions.length });
}
