/**
 * The variance import flow, one scheduled run at a time:
 *  1. Follow up every file already tracked for this flow: poll its CSV import jobs; once all ended,
 *     verify by External ID what NetSuite really created, write the error report, move the file to
 *     archive/ or failed/. Nothing is moved before its outcome is known.
 *  2. Take new files from the incoming folder: parse and validate every row, resolve items, locations
 *     and reasons in bulk, drop HotWax ids already applied or in flight, plan transactions and jobs,
 *     save the plan, record the file, submit the jobs.
 *  3. Stop early and reschedule when governance runs low; the tracking records are the cursor.
 */
import * as log from 'N/log';
import * as runtime from 'N/runtime';
import * as format from 'N/format';
import { loadSftpSettings } from '../adapters/sftpConfig';
import { joinPath, SftpFolder } from '../adapters/sftpFolder';
import { createFeedFile, findOpenFeedFiles, updateFeedFile, type FeedFile, type TrackedJob } from '../adapters/feedFiles';
import { csvImportStatus, saveJobCsv, submitCsvImport } from '../adapters/csvImportJobs';
import { loadJson, saveJson } from '../adapters/manifestStore';
import { lookUpActiveAccounts, lookUpItems, lookUpLocations, lookUpReasonMap } from '../adapters/lookups';
import { findPostedVarianceIds, findTransactionsByExternalId } from '../adapters/postedVariances';
import { remainingUnits, rescheduleSelf } from '../adapters/governance';
import { intParam, param, textParam } from '../adapters/scriptParams';
import { describe, IntegrationError } from '../core/integrationError';
import { decideOutcome, type VarianceManifest } from '../core/variances/outcome';
import { prepareVarianceFile, type PreparedFile } from '../core/variances/prepare';
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
/** Units a file's intake may need before its jobs: download 100, look-ups, manifest and job files, record. */
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
  filesFinished: { file: string; destination: string; applied: number; rejected: number; skipped: number; report: string }[];
  filesSubmitted: { file: string; rows: number; jobs: number; transactions: number }[];
  filesWaiting: string[];
  filesRejected: { file: string; reason: string }[];
  rescheduled: boolean;
  unitsLeft: number;
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

export function runVarianceImport(options: VarianceImportOptions, now: Date): RunSummary {
  const summary: RunSummary = { flow: flowName(options), filesFollowedUp: 0, filesFinished: [], filesSubmitted: [], filesWaiting: [], filesRejected: [], rescheduled: false, unitsLeft: 0 };
  const settings = loadSftpSettings();
  const sftpFolder = SftpFolder.connect(settings);
  const folders = foldersFor(options.flowFolder);
  sftpFolder.ensureFolders(options.flowFolder, ['csv', 'archive', 'failed', 'error']);

  const open = findOpenFeedFiles(flowName(options));
  let outOfUnits = false;
  for (const tracked of open) {
    if (remainingUnits() < options.minUnits) {
      outOfUnits = true;
      break;
    }
    summary.filesFollowedUp += 1;
    followUp(tracked, sftpFolder, folders, summary);
  }

  if (!outOfUnits) {
    // What is still open after the follow-up: those files are not taken again, their ids are in flight.
    const stillOpen = findOpenFeedFiles(flowName(options));
    const openNames = new Set(stillOpen.map((f) => f.fileName));
    const inFlightIds = collectInFlightIds(stillOpen);
    for (const remote of sftpFolder.listFiles(folders.incoming, /\.csv$/i)) {
      if (openNames.has(remote.name)) continue;
      if (remainingUnits() < options.minUnits + UNITS_PER_FILE_INTAKE) {
        outOfUnits = true;
        break;
      }
      intake(remote.name, options, sftpFolder, folders, now, inFlightIds, summary);
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

/** HotWax ids planned in files still in flight: a second delivery must not post them again. */
function collectInFlightIds(open: FeedFile[]): Set<string> {
  const ids = new Set<string>();
  for (const f of open) {
    if (f.manifestFileId === null || f.status === 'VERIFIED') continue;
    const manifest = loadJson<VarianceManifest>(f.manifestFileId);
    for (const tx of manifest.transactions) for (const l of tx.lines) ids.add(l.hotwaxId);
  }
  return ids;
}

// ---- follow-up of tracked files --------------------------------------------------------------------

function followUp(tracked: FeedFile, sftpFolder: SftpFolder, folders: Folders, summary: RunSummary): void {
  try {
    let jobs = tracked.jobs;
    if (tracked.status === 'PLANNED') {
      // A run died while submitting: submit what has no task id yet. External IDs make a repeat harmless.
      jobs = submitJobs(tracked, jobs);
      updateFeedFile(tracked.id, { status: 'SUBMITTED', jobs });
      tracked = { ...tracked, status: 'SUBMITTED', jobs };
    }
    if (tracked.status === 'SUBMITTED') {
      const polled = jobs.map((j) => (j.taskId && (j.status === 'PENDING' || j.status === 'PROCESSING' || j.status === 'SUBMITTED') ? { ...j, status: csvImportStatus(j.taskId) } : j));
      const retry = polled.filter((j) => j.status === 'FAILED' && j.attempts < MAX_JOB_ATTEMPTS);
      if (retry.length > 0) {
        const resubmitted = submitJobs(tracked, polled.map((j) => (retry.includes(j) ? { ...j, taskId: null } : j)));
        updateFeedFile(tracked.id, { jobs: resubmitted, message: `Resubmitted ${retry.length} failed CSV import job(s)` });
        summary.filesWaiting.push(tracked.fileName);
        return;
      }
      if (polled.some((j) => j.status === 'PENDING' || j.status === 'PROCESSING')) {
        if (JSON.stringify(polled) !== JSON.stringify(jobs)) updateFeedFile(tracked.id, { jobs: polled });
        summary.filesWaiting.push(tracked.fileName);
        return;
      }
      jobs = polled;
    }
    finish(tracked, jobs, sftpFolder, folders, summary);
  } catch (err) {
    log.error({ title: `Variance file ${tracked.fileName} not finished`, details: describe(err) });
    updateFeedFile(tracked.id, { message: describe(err) });
  }
}

function jobName(fileName: string, job: TrackedJob): string {
  return `HotWax ${job.kind} ${fileName} #${job.index + 1}`;
}

function submitJobs(tracked: FeedFile, jobs: TrackedJob[]): TrackedJob[] {
  return jobs.map((job) => {
    if (job.taskId) return job;
    const taskId = submitCsvImport(job.kind === 'transfer' ? TRANSFER_IMPORT : ADJUSTMENT_IMPORT, job.csvFileId, jobName(tracked.fileName, job));
    const submitted = { ...job, taskId, attempts: job.attempts + 1, status: 'PENDING' };
    updateFeedFile(tracked.id, { jobs: jobs.map((j) => (j.index === job.index ? submitted : j)) });
    return submitted;
  });
}

/** Verify, report, move: safe to repeat after a crash at any point (moves and reports are idempotent). */
function finish(tracked: FeedFile, jobs: TrackedJob[], sftpFolder: SftpFolder, folders: Folders, summary: RunSummary): void {
  if (tracked.manifestFileId === null) throw new IntegrationError('MANIFEST_MISSING', `Tracking record ${tracked.id} has no manifest`);
  const manifest = loadJson<VarianceManifest>(tracked.manifestFileId);
  const found = findTransactionsByExternalId(manifest.transactions.map((t) => t.externalId));
  const outcome = decideOutcome(manifest, new Set(found.keys()), jobs.map((j) => ({ index: j.index, status: j.status, name: jobName(tracked.fileName, j) })));
  const destination = outcome.destination === 'archive' ? folders.archive : folders.failed;

  let reportPath = tracked.errorReport;
  if (outcome.reportRows.length > 0 && !reportPath) {
    // Named from the plan time, not the clock: a run that dies after uploading reuses the same name.
    reportPath = joinPath(folders.error, safeReportName(tracked.fileName, new Date(manifest.plannedAt), `report_${tracked.id}`));
    sftpFolder.uploadText(folders.error, reportPath.slice(folders.error.length + 1), errorReportCsv(tracked.fileName, outcome.reportRows), true);
  }
  updateFeedFile(tracked.id, { status: 'VERIFIED', applied: outcome.appliedRows, rejected: outcome.rejectedRows, errorReport: reportPath, message: `${outcome.appliedRows} applied, ${outcome.rejectedRows} rejected, ${outcome.skippedRows} already applied` });

  const source = joinPath(folders.incoming, tracked.fileName);
  let finalPath = tracked.finalPath;
  if (!finalPath) {
    finalPath = sftpFolder.chooseTarget(destination, tracked.fileName, tracked.id);
    updateFeedFile(tracked.id, { finalPath });
  }
  if (sftpFolder.exists(source)) sftpFolder.move(source, finalPath);
  else if (!sftpFolder.exists(finalPath)) throw new IntegrationError('FILE_VANISHED', `${source} is gone and ${finalPath} does not exist: someone moved the file by hand.`);
  updateFeedFile(tracked.id, { status: outcome.destination === 'archive' ? 'ARCHIVED' : 'FAILED' });
  summary.filesFinished.push({ file: tracked.fileName, destination: finalPath, applied: outcome.appliedRows, rejected: outcome.rejectedRows, skipped: outcome.skippedRows, report: reportPath });
}

// ---- intake of new files -----------------------------------------------------------------------------

function intake(fileName: string, options: VarianceImportOptions, sftpFolder: SftpFolder, folders: Folders, now: Date, inFlightIds: Set<string>, summary: RunSummary): void {
  const text = sftpFolder.readText(folders.incoming, fileName);
  const dateFormat = String(runtime.getCurrentUser().getPreference({ name: 'DATEFORMAT' }) ?? 'M/D/YYYY');
  const prepared: PreparedFile = prepareVarianceFile(text, {
    fileName,
    dateFormat,
    transferMode: options.transferMode,
    unknownReason: options.unknownReason,
    defaultAdjustmentAccountId: options.defaultAccountId,
    maxLinesPerTransaction: options.maxLinesPerTransaction,
    maxRowsPerJob: options.maxRowsPerJob,
    lookUp: {
      items: lookUpItems,
      locations: lookUpLocations,
      reasons: lookUpReasonMap,
      activeAccounts: lookUpActiveAccounts,
      postedIds: (from, to) => findPostedVarianceIds(format.format({ value: from, type: format.Type.DATE }) as string, format.format({ value: to, type: format.Type.DATE }) as string),
      inFlightIds: () => inFlightIds,
    },
  });

  if (prepared.fileError !== undefined) {
    // Not a variance feed at all (no header we recognise): report and move to failed/ at once.
    const reportName = safeReportName(fileName, now, 'report');
    sftpFolder.uploadText(folders.error, reportName, errorReportCsv(fileName, [{ line: 1, hotwaxId: '', item: '', location: '', problem: prepared.fileError, action: 'Send a HotWax variance CSV with the documented header (see docs/feeds.md).' }]), true);
    sftpFolder.move(joinPath(folders.incoming, fileName), sftpFolder.chooseTarget(folders.failed, fileName, now.getTime().toString(36)));
    summary.filesRejected.push({ file: fileName, reason: prepared.fileError });
    return;
  }

  const stamp = `${fileName.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 80)}_${now.getTime().toString(36)}`;
  const manifest: VarianceManifest = {
    version: 1,
    flow: flowName(options),
    fileName,
    fingerprint: fingerprint(text),
    plannedAt: now.toISOString(),
    totalRows: prepared.totalRows,
    rowErrors: prepared.errors,
    skipped: prepared.skipped,
    transactions: prepared.transactions,
  };
  const manifestFileId = saveJson(options.workFolderId, `${stamp}_manifest.json`, manifest);
  const jobs: TrackedJob[] = prepared.jobs.map((job, index) => ({
    index,
    kind: job.kind,
    csvFileId: saveJobCsv(options.workFolderId, `${stamp}_job${index + 1}_${job.kind}.csv`, job.csv),
    rows: job.rowCount,
    taskId: null,
    attempts: 0,
    status: 'NEW',
  }));
  const id = createFeedFile({ flow: flowName(options), fileName, fingerprint: manifest.fingerprint, manifestFileId, rows: prepared.totalRows, skipped: prepared.skipped.length, jobs });
  const tracked: FeedFile = {
    id,
    flow: flowName(options),
    fileName,
    fingerprint: manifest.fingerprint,
    status: 'PLANNED',
    jobs,
    manifestFileId,
    rows: prepared.totalRows,
    applied: 0,
    rejected: 0,
    skipped: prepared.skipped.length,
    errorReport: '',
    finalPath: '',
    message: '',
  };
  for (const tx of prepared.transactions) for (const l of tx.lines) inFlightIds.add(l.hotwaxId);
  if (jobs.length === 0) {
    // Nothing to post (every row rejected or already applied): the outcome is known now.
    updateFeedFile(id, { status: 'SUBMITTED' });
    finish({ ...tracked, status: 'SUBMITTED' }, [], sftpFolder, folders, summary);
    return;
  }
  if (remainingUnits() < UNITS_PER_JOB * jobs.length) {
    // Leave it PLANNED: the next run submits the jobs.
    summary.filesSubmitted.push({ file: fileName, rows: prepared.totalRows, jobs: 0, transactions: prepared.transactions.length });
    return;
  }
  const submitted = submitJobs(tracked, jobs);
  updateFeedFile(id, { status: 'SUBMITTED', jobs: submitted, message: `${prepared.transactions.length} transaction(s) in ${jobs.length} job(s); ${prepared.errors.length} row error(s); ${prepared.skipped.length} already applied` });
  summary.filesSubmitted.push({ file: fileName, rows: prepared.totalRows, jobs: jobs.length, transactions: prepared.transactions.length });
}
