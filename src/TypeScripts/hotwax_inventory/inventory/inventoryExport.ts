/**
 * The inventory snapshot HotWax resets its quantities to (docs/inventory-export.md), one scheduled run at a time:
 *  1. Follow up every open snapshot (tracking record customrecord_hwx_inv_snapshot):
 *     SEARCHING  -> when its SEARCH task is COMPLETE, read the result file line by line, turn it into HotWax's
 *                   rows, and save them as parts of at most N rows in the File Cabinet work folder (BUILT);
 *     BUILT      -> upload every part to the SFTP staging folder (HotWax never reads it); once all are there,
 *     PUBLISHING -> move them one by one into HotWax's folder under their final names (PUBLISHED).
 *     A snapshot still unsent after max-age hours is dropped: a stale reset would undo a day of sales.
 *  2. Start a new snapshot when this deployment starts them (the daily and the one-location deployments) and
 *     none is open for its scope: make sure the saved search exists with the code's columns, submit a SEARCH
 *     task into a file of the work folder, with the continuation deployment as its dependent script so the
 *     file is read as soon as NetSuite has written it.
 *  3. Stop before governance runs out and continue on the continuation deployment; the records are the cursor.
 *  4. A run whose work failed ends FAILED: each snapshot it could not take further (SFTP down, a wrong host key,
 *     a name taken, a search task that failed...) is marked FAILED on its record with the reason and the step the
 *     next run retries from (none when dropped), logged with log.error, and after the audit line the run throws
 *     SNAPSHOT_FAILED. A scheduled script shows Failed on the Scheduled Script Status page only when it ends on
 *     an uncaught error (NETSUITE.md 6.1; Oracle help "Scheduled Script Instance": the status of each instance);
 *     a caught and logged error leaves it Complete.
 */
import * as log from 'N/log';
import * as runtime from 'N/runtime';
import { loadSftpSettingsFor } from '../adapters/sftpConfig';
import { joinPath, SftpFolder } from '../adapters/sftpFolder';
import { remainingUnits, rescheduleSelf } from '../adapters/governance';
import { intParam, param, textParam } from '../adapters/scriptParams';
import { loadJson, saveJson } from '../adapters/manifestStore';
import { createSnapshot, findOpenSnapshots, isOpenStatus, lastStartOf, updateSnapshot, type InventorySnapshot, type SnapshotStatus, type SnapshotUpdate } from '../adapters/inventorySnapshots';
import { ensureSnapshotSearch, lookUpLocation, prepareOneLocationSearch } from '../adapters/inventorySearch';
import { searchTaskStatus, submitSearchTask } from '../adapters/searchTasks';
import { createTaskFile, deleteFile, openLines, readText, saveCsv } from '../adapters/workFiles';
import { describe, errorCode, errorMessage, IntegrationError } from '../core/integrationError';
import { count, sentence, worst, type RunNote } from '../core/runLog';
import { CsvLineReader } from '../core/inventory/csvStream';
import { nextSnapshotTime, partFileName, PartSplitter, snapshotName, snapshotStamp, workPartName, type FilePart } from '../core/inventory/snapshotFiles';
import { buildUnitsAtMost, describeSnapshot, isStale, UNITS } from '../core/inventory/snapshotPolicy';
import { SnapshotMapper, type SnapshotStats } from '../core/inventory/snapshotRows';
import { SEARCH_LABELS, SNAPSHOT_SEARCH_ID } from '../core/inventory/snapshotSearch';

const PARAM = {
  start: 'custscript_hwx_inv_start',
  location: 'custscript_hwx_inv_location',
  workFolder: 'custscript_hwx_inv_work_folder',
  targetFolder: 'custscript_hwx_inv_sftp_folder',
  stagingFolder: 'custscript_hwx_inv_staging_folder',
  rowsPerFile: 'custscript_hwx_inv_rows_per_file',
  search: 'custscript_hwx_inv_search',
  maxAgeHours: 'custscript_hwx_inv_max_age_hours',
  minUnits: 'custscript_hwx_inv_min_units',
  continueDeployment: 'custscript_hwx_inv_continue_deploy',
  sftpConfig: 'custscript_hwx_inv_sftp_config',
} as const;

export interface InventoryExportOptions {
  /** Whether this deployment starts snapshots (daily, one location) or only follows them up. */
  start: boolean;
  /** '' for every location that takes part, or one location's internal id. */
  locationId: string;
  workFolderId: number;
  /** HotWax's folder under the SFTP base directory. */
  targetFolder: string;
  /** Where parts wait until all are uploaded; HotWax does not read it. Same server, so a move is a rename. */
  stagingFolder: string;
  rowsPerFile: number;
  searchId: string;
  maxAgeHours: number;
  minUnits: number;
  continueDeployment: string;
}

export interface SnapshotManifest {
  version: 1;
  snapshot: string;
  scope: string;
  startedAt: string;
  parts: { fileId: number; rows: number }[];
  stats: SnapshotStats;
}

export interface InventoryRunSummary {
  started?: { snapshot: string; scope: string; savedSearch: string; taskId: string; readBy: string };
  notStarted?: string;
  built: { snapshot: string; rows: number; items: number; locations: number; rejected: number; parts: number }[];
  published: { snapshot: string; rows: number; locations: number; files: string[] }[];
  empty: string[];
  waiting: { snapshot: string; status: string; reason: string }[];
  /** Snapshots this run failed on: dropped (no retryFrom), or retried by the next run from `retryFrom`. */
  failed: { snapshot: string; reason: string; retryFrom?: string }[];
  rescheduled: boolean;
  unitsLeft: number;
}

/** What the run log says of a run (core/runLog.ts): snapshots started, built, published, failed. */
export function inventoryRunNote(s: InventoryRunSummary): RunNote {
  const rows = s.published.reduce((n, p) => n + p.rows, 0);
  const files = s.published.reduce((n, p) => n + p.files.length, 0);
  return {
    status: worst(s.failed.length > 0 || s.notStarted !== undefined ? 'NEEDS_ATTENTION' : 'COMPLETE', s.rescheduled ? 'CONTINUES' : 'COMPLETE'),
    text: sentence([
      s.started && `started snapshot ${s.started.snapshot} (${s.started.scope})`,
      s.notStarted !== undefined && `no snapshot started: ${s.notStarted}`.slice(0, 400),
      s.built.length > 0 && `built ${s.built.map((b) => `${b.snapshot} (${count(b.rows, 'row')})`).join(', ')}`,
      s.published.length > 0 && `published ${count(s.published.length, 'snapshot')}: ${count(rows, 'row')} in ${count(files, 'file')}`,
      s.empty.length > 0 && `${count(s.empty.length, 'snapshot')} empty`,
      s.waiting.length > 0 && `waiting: ${s.waiting.map((w) => `${w.snapshot} ${w.status}`).join(', ')}`.slice(0, 300),
      s.failed.length > 0 && `failed: ${s.failed.map((f) => `${f.snapshot}: ${f.reason}${f.retryFrom ? ` (retried from ${f.retryFrom})` : ''}`).join('; ')}`.slice(0, 800),
      s.rescheduled && 'continues on the continuation deployment',
    ]),
    files,
  };
}

const folderParam = (name: string, fallback: string): string => textParam(name).replace(/^\/+|\/+$/g, '') || fallback;

export function readOptions(): InventoryExportOptions {
  const workFolderId = Number(param(PARAM.workFolder));
  if (!Number.isInteger(workFolderId) || workFolderId === 0) {
    throw new IntegrationError('CONFIG_WORK_FOLDER', `Set the script parameter ${PARAM.workFolder} to the internal id of a File Cabinet folder for search results and snapshot parts.`);
  }
  const targetFolder = folderParam(PARAM.targetFolder, 'inventoryitem/csv');
  const stagingFolder = folderParam(PARAM.stagingFolder, 'inventoryitem/staging');
  if (targetFolder === stagingFolder) throw new IntegrationError('CONFIG_FOLDERS', `${PARAM.stagingFolder} must differ from ${PARAM.targetFolder} (${targetFolder}): HotWax must never see a snapshot that is not complete.`);
  const locationId = textParam(PARAM.location);
  if (locationId !== '' && !/^\d+$/.test(locationId)) throw new IntegrationError('CONFIG_LOCATION', `${PARAM.location} must be a location's internal id, not "${locationId}".`);
  return {
    start: param(PARAM.start) === true,
    locationId,
    workFolderId,
    targetFolder,
    stagingFolder,
    rowsPerFile: intParam(PARAM.rowsPerFile, 100_000, 1, 1_000_000),
    searchId: textParam(PARAM.search) || SNAPSHOT_SEARCH_ID,
    maxAgeHours: intParam(PARAM.maxAgeHours, 12, 1, 72),
    minUnits: intParam(PARAM.minUnits, 300, 100, 9000),
    continueDeployment: textParam(PARAM.continueDeployment),
  };
}

/** What a run on the continuation deployment needs; `startScope` carries a start this run could not make. */
function continuationParams(options: InventoryExportOptions, startScope?: string): Record<string, string | number | boolean> {
  const params: Record<string, string | number | boolean> = {
    [PARAM.start]: startScope === undefined ? 'F' : 'T',
    [PARAM.workFolder]: options.workFolderId,
    [PARAM.targetFolder]: options.targetFolder,
    [PARAM.stagingFolder]: options.stagingFolder,
    [PARAM.rowsPerFile]: options.rowsPerFile,
    [PARAM.search]: options.searchId,
    [PARAM.maxAgeHours]: options.maxAgeHours,
    [PARAM.minUnits]: options.minUnits,
    [PARAM.continueDeployment]: options.continueDeployment,
  };
  if (startScope !== undefined && startScope !== 'all') params[PARAM.location] = startScope;
  const config = textParam(PARAM.sftpConfig);
  if (config !== '') params[PARAM.sftpConfig] = config;
  return params;
}

/** One run: options, clock, the SFTP connection (opened when first needed), the summary. */
class Run {
  private folder: SftpFolder | undefined;
  outOfUnits = false;
  /** The step each snapshot is at in this run (its record's status as last written). */
  readonly steps = new Map<string, SnapshotStatus>();
  readonly summary: InventoryRunSummary = { built: [], published: [], empty: [], waiting: [], failed: [], rescheduled: false, unitsLeft: 0 };

  constructor(
    readonly options: InventoryExportOptions,
    readonly now: Date,
  ) {}

  /** Whether `units` more fit above the reserve. */
  hasUnits(units: number): boolean {
    return remainingUnits() >= this.options.minUnits + units;
  }

  /** The same for work that must go on: when it does not fit, the run stops and continues on the continuation deployment. */
  enough(units: number): boolean {
    if (this.hasUnits(units)) return true;
    this.outOfUnits = true;
    return false;
  }

  sftp(): SftpFolder {
    if (!this.folder) {
      const folder = SftpFolder.connect(loadSftpSettingsFor(PARAM.sftpConfig));
      folder.ensurePath(this.options.stagingFolder);
      folder.ensurePath(this.options.targetFolder);
      this.folder = folder;
    }
    return this.folder;
  }

  wait(snap: InventorySnapshot, reason: string): void {
    this.summary.waiting.push({ snapshot: snap.name, status: this.steps.get(snap.id) ?? snap.status, reason });
  }

  /** Writes the record, remembering the step it is at. */
  update(snap: InventorySnapshot, update: SnapshotUpdate): void {
    updateSnapshot(snap.id, update);
    if (update.status !== undefined) this.steps.set(snap.id, update.status);
  }
}

export function runInventoryExport(options: InventoryExportOptions, now: Date): InventoryRunSummary {
  const run = new Run(options, now);
  for (const snap of findOpenSnapshots()) {
    if (run.outOfUnits) break;
    followUp(run, snap);
  }
  let startError: Error | undefined;
  if (options.start && !run.outOfUnits) {
    try {
      startSnapshot(run);
    } catch (err) {
      run.summary.notStarted = describe(err);
      startError = err instanceof Error ? err : new IntegrationError(errorCode(err), errorMessage(err), {}, err);
    }
  }
  const summary = run.summary;
  if (run.outOfUnits && options.continueDeployment) {
    const pendingStart = options.start && !summary.started && summary.notStarted === undefined ? options.locationId || 'all' : undefined;
    summary.rescheduled = rescheduleSelf(options.continueDeployment, continuationParams(options, pendingStart));
  }
  summary.unitsLeft = remainingUnits();
  const files = summary.published.reduce((n, p) => n + p.files.length, 0);
  log.audit({
    title: `Inventory snapshot: ${summary.started ? 'started, ' : ''}${summary.published.length} published (${files} files), ${summary.waiting.length} waiting, ${summary.failed.length} failed`,
    details: JSON.stringify(summary),
  });
  if (summary.failed.length > 0) {
    const reasons = summary.failed.map((f) => `${f.snapshot}: ${f.reason}${f.retryFrom ? ` (retried from ${f.retryFrom} by the next run)` : ' (dropped)'}`);
    if (startError !== undefined) reasons.push(`no new snapshot started: ${describe(startError)}`);
    throw new IntegrationError('SNAPSHOT_FAILED', `${summary.failed.length} snapshot(s) failed. ${reasons.join(' | ')}`, { failed: summary.failed });
  }
  if (startError !== undefined) throw startError;
  return summary;
}

// ---- follow-up of open snapshots ---------------------------------------------------------------------

function followUp(run: Run, snap: InventorySnapshot): void {
  try {
    // A retry: the record says where it is again (and keeps the last failure in its message).
    if (snap.failed) run.update(snap, { status: snap.status, message: `${run.now.toISOString()} retrying from ${snap.status} after: ${snap.message}` });
    if (snap.status === 'SEARCHING') afterSearch(run, snap);
    else if (snap.status === 'BUILT' || snap.status === 'PUBLISHING') publish(run, snap);
  } catch (err) {
    // FAILED with the step it was at and its cursors: the next run retries from there.
    const step = run.steps.get(snap.id) ?? snap.status;
    const reason = describe(err);
    if (isOpenStatus(step)) {
      log.error({ title: `Inventory snapshot ${snap.name} FAILED`, details: `${reason}; the next run retries from ${step}.` });
      run.update(snap, { status: 'FAILED', retryFrom: step, message: `${run.now.toISOString()} FAILED at ${step}: ${reason}; the next run retries from there.` });
      run.summary.failed.push({ snapshot: snap.name, reason, retryFrom: step });
    } else {
      // It reached its end (PUBLISHED, EMPTY, FAILED) and a clean-up after that failed.
      log.error({ title: `Inventory snapshot ${snap.name}: clean-up failed`, details: reason });
      updateSnapshot(snap.id, { message: `${run.now.toISOString()} ${step}, then: ${reason}` });
      run.summary.failed.push({ snapshot: snap.name, reason });
    }
  }
}

/** Deletes work files as units allow (clean-up never holds a run up); returns the ids left behind. */
function deleteWorkFiles(run: Run, ids: (number | null | undefined)[]): number[] {
  const left: number[] = [];
  for (const id of ids) {
    if (id === null || id === undefined) continue;
    if (run.hasUnits(UNITS.deleteFile)) deleteFile(id);
    else left.push(id);
  }
  return left;
}

/** Drops a snapshot for good: FAILED without a step to retry from; the next start takes a new one. */
function fail(run: Run, snap: InventorySnapshot, reason: string, workFiles: (number | null | undefined)[]): void {
  log.error({ title: `Inventory snapshot ${snap.name} FAILED, dropped`, details: reason });
  const left = deleteWorkFiles(run, workFiles);
  run.update(snap, { status: 'FAILED', message: left.length > 0 ? `${reason} Work files left to delete: ${left.join(', ')}.` : reason });
  run.summary.failed.push({ snapshot: snap.name, reason });
}

function afterSearch(run: Run, snap: InventorySnapshot): void {
  const { maxAgeHours } = run.options;
  const { status, fileId } = searchTaskStatus(snap.taskId);
  const stale = isStale(snap.startedAt, run.now, maxAgeHours);
  if (status === 'PENDING' || status === 'PROCESSING') {
    if (stale) fail(run, snap, `The search task ${snap.taskId} has not finished after ${maxAgeHours} hours; the next start takes a new snapshot.`, [snap.resultFileId]);
    else run.wait(snap, `search task ${status}`);
    return;
  }
  if (status !== 'COMPLETE') {
    fail(run, snap, `The search task ${snap.taskId} ended ${status}. Check the saved search ${run.options.searchId} (it must run in the UI); the next start takes a new snapshot.`, [snap.resultFileId]);
    return;
  }
  if (stale) {
    fail(run, snap, `Taken more than ${maxAgeHours} hours ago and not sent: too old to reset HotWax to. The next start takes a new snapshot.`, [fileId ?? snap.resultFileId]);
    return;
  }
  const built = build(run, snap, fileId ?? snap.resultFileId ?? 0);
  if (built) publish(run, built);
}

/** Reads the search results and saves HotWax's parts in the work folder; the snapshot BUILT (or EMPTY, FAILED). */
function build(run: Run, snap: InventorySnapshot, resultFileId: number): InventorySnapshot | undefined {
  const { options } = run;
  const source = openLines(resultFileId);
  if (!run.enough(buildUnitsAtMost(source.size, options.rowsPerFile))) {
    run.wait(snap, `${source.size} bytes of results to read: not enough units left in this run`);
    return undefined;
  }
  const mapper = new SnapshotMapper(SEARCH_LABELS, snap.scope === 'all' ? undefined : snap.scope);
  const reader = new CsvLineReader();
  const splitter = new PartSplitter(options.rowsPerFile);
  const parts: { fileId: number; rows: number }[] = [];
  const save = (part: FilePart): void => {
    parts.push({ fileId: saveCsv(options.workFolderId, workPartName(snap.name, parts.length + 1), part.csv), rows: part.rows });
  };
  try {
    source.eachLine((line) => {
      const record = reader.push(line);
      if (!record || record.cells.every((c) => c.trim() === '')) return true;
      if (!mapper.hasHeader) {
        mapper.header(record.cells);
        return true;
      }
      const row = mapper.row(record.cells, record.line);
      const full = row ? splitter.add(row) : undefined;
      if (full) save(full);
      return true;
    });
    const unclosed = reader.unclosedAt();
    if (unclosed !== undefined) throw new IntegrationError('SNAPSHOT_UNREADABLE', `The search results file has a quoted value opened on line ${unclosed} and never closed.`);
    if (!mapper.hasHeader) throw new IntegrationError('SNAPSHOT_UNREADABLE', 'The search results file is empty: it has no header row.');
    const last = splitter.finish();
    if (last) save(last);
  } catch (err) {
    deleteWorkFiles(run, parts.map((p) => p.fileId));
    if (!(err instanceof IntegrationError)) throw err;
    // The results cannot make a snapshot: keep the file for whoever looks into it.
    fail(run, snap, `${describe(err)} The results file ${resultFileId} is kept in the work folder.`, []);
    return undefined;
  }

  const stats = mapper.summary();
  if (stats.rows === 0) {
    const message = `The search found no item at a location that takes part in HotWax: nothing was sent. ${describeSnapshot(stats, 0)}`;
    run.update(snap, { status: 'EMPTY', rows: 0, rejected: stats.rejected, message });
    deleteWorkFiles(run, [resultFileId]);
    run.summary.empty.push(snap.name);
    return undefined;
  }
  const manifest: SnapshotManifest = { version: 1, snapshot: snap.name, scope: snap.scope, startedAt: snap.startedAt, parts, stats };
  const manifestFileId = saveJson(options.workFolderId, `${snap.name}_manifest.json`, manifest);
  const update = { status: 'BUILT' as const, manifestFileId, rows: stats.rows, items: stats.items, locations: stats.locations, rejected: stats.rejected, parts: parts.length, uploaded: 0, moved: 0, message: describeSnapshot(stats, parts.length) };
  // BUILT before the results go: a run that dies in between must not be left reading a deleted file.
  run.update(snap, update);
  const left = deleteWorkFiles(run, [resultFileId]);
  if (left.length > 0) updateSnapshot(snap.id, { message: `${update.message}; search results file ${resultFileId} left to delete` });
  run.summary.built.push({ snapshot: snap.name, rows: stats.rows, items: stats.items, locations: stats.locations, rejected: stats.rejected, parts: parts.length });
  return { ...snap, ...update };
}

// ---- publishing -----------------------------------------------------------------------------------------

/**
 * Stages every part, then makes them visible. HotWax reads only targetFolder, so until the first move nothing
 * of the snapshot is there; a failure before that (a dead server, a lost connection, a crash) leaves it BUILT
 * with its upload cursor, and the next run uploads again from there (replacing a half-written staged file).
 * Moves are renames on the server: each file appears whole, under a name no other snapshot uses, and never
 * over an existing file.
 */
function publish(run: Run, snap: InventorySnapshot): void {
  const { options } = run;
  if (snap.manifestFileId === null) throw new IntegrationError('SNAPSHOT_MANIFEST_MISSING', `Snapshot ${snap.name} has no manifest.`);
  const manifest = loadJson<SnapshotManifest>(snap.manifestFileId);
  const names = manifest.parts.map((_, i) => partFileName(snap.name, i + 1, manifest.parts.length));
  if (snap.status === 'BUILT' && isStale(snap.startedAt, run.now, options.maxAgeHours)) {
    abandon(run, snap, manifest, names);
    return;
  }
  if (!run.enough(UNITS.publishOverhead)) return run.wait(snap, 'not enough units left in this run');
  const sftp = run.sftp();

  let staged: Set<string>;
  if (snap.status === 'BUILT') {
    for (let i = snap.uploaded; i < names.length; i++) {
      if (!run.enough(UNITS.uploadPart)) return run.wait(snap, `${i} of ${names.length} parts staged; not enough units left in this run`);
      const part = manifest.parts[i];
      const name = names[i];
      if (!part || !name) break;
      sftp.uploadText(options.stagingFolder, name, readText(part.fileId), true);
      updateSnapshot(snap.id, { uploaded: i + 1 });
    }
    staged = sftp.listNames(options.stagingFolder);
    const missing = names.filter((n) => !staged.has(n));
    if (missing.length > 0) {
      updateSnapshot(snap.id, { uploaded: 0, message: `${missing.join(', ')} missing from ${options.stagingFolder}; staging again.` });
      return run.wait(snap, `${missing.length} staged part(s) missing; staging again`);
    }
    run.update(snap, { status: 'PUBLISHING' });
  } else {
    staged = sftp.listNames(options.stagingFolder);
  }

  const visible = sftp.listNames(options.targetFolder);
  for (let i = snap.status === 'PUBLISHING' ? snap.moved : 0; i < names.length; i++) {
    if (!run.enough(UNITS.movePart)) return run.wait(snap, `${i} of ${names.length} parts published; not enough units left in this run`);
    const name = names[i] ?? '';
    if (staged.has(name)) {
      if (visible.has(name)) throw new IntegrationError('SNAPSHOT_NAME_TAKEN', `${joinPath(options.targetFolder, name)} already exists; a snapshot never overwrites a file. Move it away to let this snapshot finish.`);
      sftp.move(joinPath(options.stagingFolder, name), joinPath(options.targetFolder, name));
    } else if (!visible.has(name)) {
      throw new IntegrationError('SNAPSHOT_PART_LOST', `${name} is neither in ${options.stagingFolder} nor in ${options.targetFolder}: it was removed by hand. The other parts are published; take a new snapshot.`);
    }
    updateSnapshot(snap.id, { moved: i + 1 });
  }

  const files = names.map((n) => joinPath(options.targetFolder, n));
  const left = deleteWorkFiles(run, manifest.parts.map((p) => p.fileId));
  const message = `${describeSnapshot(manifest.stats, files.length)}; published to ${options.targetFolder}${left.length > 0 ? `; work files left to delete: ${left.join(', ')}` : ''}.`;
  run.update(snap, { status: 'PUBLISHED', files, message });
  run.summary.published.push({ snapshot: snap.name, rows: manifest.stats.rows, locations: manifest.stats.locations, files });
}

/** Drops a snapshot that was never visible and is now too old: its staged parts and work files go. */
function abandon(run: Run, snap: InventorySnapshot, manifest: SnapshotManifest, names: string[]): void {
  let note = '';
  try {
    const sftp = run.sftp();
    const staged = sftp.listNames(run.options.stagingFolder);
    for (const name of names) if (staged.has(name) && run.hasUnits(UNITS.removeStaged)) sftp.removeFile(joinPath(run.options.stagingFolder, name));
  } catch (err) {
    note = ` Staged parts not removed (${describe(err)}); HotWax does not read ${run.options.stagingFolder}.`;
  }
  fail(run, snap, `Not sent within ${run.options.maxAgeHours} hours of being taken: too old to reset HotWax to, dropped.${note}`, manifest.parts.map((p) => p.fileId));
}

// ---- start ---------------------------------------------------------------------------------------------------

function startSnapshot(run: Run): void {
  const { options, summary } = run;
  const scope = options.locationId || 'all';
  const open = findOpenSnapshots();
  const same = open.find((s) => s.scope === scope);
  if (same) {
    summary.notStarted = `${same.name} is still ${same.status}`;
    return;
  }
  if (!run.enough(UNITS.start)) return;
  if (scope !== 'all') {
    const location = lookUpLocation(scope);
    if (!location) throw new IntegrationError('LOCATION_NOT_FOUND', `Location ${scope} (${PARAM.location}) does not exist.`);
    if (!location.active || !location.takesPart) {
      throw new IntegrationError('LOCATION_NOT_IN_HOTWAX', `Location ${location.name} (${scope}) is ${location.active ? 'not marked HotWax Location' : 'inactive'}: HotWax gets no inventory for it.`);
    }
    const searching = open.find((s) => s.scope !== 'all' && s.status === 'SEARCHING');
    if (searching) {
      summary.notStarted = `The one-location snapshot ${searching.name} is still searching; its saved search must not change under it. Run again in a few minutes.`;
      return;
    }
  }
  const main = ensureSnapshotSearch(options.searchId);
  const savedSearch = scope === 'all' ? main.id : prepareOneLocationSearch(main, scope);
  const takenAt = nextSnapshotTime(run.now, lastStartOf(scope));
  const name = snapshotName(snapshotStamp(takenAt), scope);
  const resultFileId = createTaskFile(options.workFolderId, `${name}_search.csv`);
  const dependent = options.continueDeployment ? { scriptId: runtime.getCurrentScript().id, deploymentId: options.continueDeployment, params: continuationParams(options) } : undefined;
  const submitted = submitSearchTask(savedSearch, resultFileId, dependent);
  const readBy = submitted.dependentQueued ? `${options.continueDeployment} as soon as the search is complete` : 'the next scheduled run';
  createSnapshot({ name, scope, startedAt: takenAt.toISOString(), taskId: submitted.taskId, resultFileId, message: `Search task ${submitted.taskId} on ${savedSearch}; read by ${readBy}.` });
  summary.started = { snapshot: name, scope, savedSearch, taskId: submitted.taskId, readBy };
}
