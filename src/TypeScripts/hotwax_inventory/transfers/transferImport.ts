/**
 * The transfer-order import (customscript_hwx_sc_to_import), one scheduled script in two modes:
 *  - receipt      <base>transferorderv2/export/receipt/*.json: HotWax store receipts -> Item Receipts from the
 *                 transfer order, exactly the lines and quantities listed, against what was shipped (of the
 *                 fulfillment named, when named); shortfalls handled by the discrepancy policy.
 *  - fulfillment  <base>transferorderv2/oms-fulfillment/*.json: HotWax store shipments -> Item Fulfillments
 *                 (Shipped) from the transfer order.
 * Each entry creates its record under an External ID derived from its content (core/transfers/feed), looked up
 * before anything is made, so a file delivered again, or re-read after a run was killed, never posts twice.
 * A file is moved (archive/, or failed/ when it is not a feed) only after every entry has its outcome, with an
 * error report in error/ naming each problem and what to do. Governance is checked before every entry: a run
 * that runs low leaves the file where it is and the next run finishes it.
 * Each delivery has a HotWax Feed File record (flow transfer-<mode>:<folder>), made when the file is first read:
 * its report name, and the report rows of every entry it posted, written just before the posting. A run killed
 * anywhere leaves the next one what it needs to finish the file as the uninterrupted run would have: one report
 * under one name, the same rows (an entry this delivery posted is not "already posted"), one move. An entry that
 * cannot be read (a folder, no read permission, too large) stays where it is with an UNREADABLE record.
 */
import * as log from 'N/log';
import { loadSftpSettingsFor } from '../adapters/sftpConfig';
import { intParam, textParam } from '../adapters/scriptParams';
import { joinPath, SftpFolder } from '../adapters/sftpFolder';
import { remainingUnits } from '../adapters/governance';
import { closeTransferOrderLines, findByExternalId, loadTransferOrder, openTransform, saveTransform, saveWriteOff, type Found } from '../adapters/transferRecords';
import { createFeedFile, findOpenFeedFiles, loadFeedFilePlan, updateFeedFile, type FeedFile } from '../adapters/feedFiles';
import { MAX_RECORD_TEXT } from '../adapters/manifestStore';
import { describe, errorCode, errorMessage, IntegrationError } from '../core/integrationError';
import { count, sentence, worst, type RunNote } from '../core/runLog';
import { fingerprint } from '../core/hash';
import { externalIdOf, parseTransferFeed, type FeedEntry, type FeedKind } from '../core/transfers/feed';
import { planEntry, policyOf, resolveToLine, shortfall, type DiscrepancyPolicy } from '../core/transfers/plan';
import { decodeEntryLog, encodeEntryLog, reportCsv, reportName, type EntryLog, type ReportRow } from '../core/transfers/report';
import { cutoffDate, dueWriteOffs, graceExternalId, MAX_GRACE_DAYS } from '../core/transfers/grace';
import { graceReceiptsSince, hotwaxReceipts, shippedFulfillmentDates, today } from '../adapters/transferGrace';
import { hotwaxStores, transferOrders } from '../adapters/transferSearches';

export const PARAM = {
  mode: 'custscript_hwx_to_mode',
  folder: 'custscript_hwx_to_folder',
  policy: 'custscript_hwx_to_policy',
  account: 'custscript_hwx_to_writeoff_account',
  shrinkLocation: 'custscript_hwx_to_shrink_location',
  reason: 'custscript_hwx_to_writeoff_reason',
  graceDays: 'custscript_hwx_to_grace_days',
  sftpConfig: 'custscript_hwx_to_sftp_config',
} as const;

export const DEFAULT_FOLDERS: Record<FeedKind, string> = { receipt: 'transferorderv2/export/receipt', fulfillment: 'transferorderv2/oms-fulfillment' };

/** Per entry: load 10 + transform 10 + its rows on the feed-file record 2 + save 20 + write-off 20 + close 30, with margin. */
const UNITS_PER_ENTRY = 120;
/** Per file: download, the feed-file record (6, its log 2, two updates 4), report upload, move, one External ID search. */
const UNITS_PER_FILE = 150;
/**
 * The grace step's searches (grace receipts and their write-offs, HotWax stores, open TOs, HotWax receipts, shipped
 * fulfillments): 5 units each plus 5 per page of 1,000 rows (NETSUITE.md 5); 1,000 TOs x 50 lines received short
 * come to ~550. The step searches only with these and one write-off in hand, else it waits for the next run.
 */
const GRACE_SEARCH_UNITS = 600;
const UNREADABLE_CODES: readonly string[] = ['FTP_PERMISSION_DENIED', 'FTP_NO_SUCH_FILE_OR_DIRECTORY', 'FTP_MAXIMUM_FILE_SIZE_EXCEEDED'];

export interface ImportOptions {
  mode: FeedKind;
  folder: string;
  policy: DiscrepancyPolicy;
  account: string;
  shrinkLocation: string;
  reason: string;
  /** writeoff/close: days a shortfall stays in transit before it is written off (0: at receipt). */
  graceDays: number;
}

export function readOptions(): ImportOptions {
  const mode: FeedKind = textParam(PARAM.mode).trim().toLowerCase() === 'fulfillment' ? 'fulfillment' : 'receipt';
  const folder = textParam(PARAM.folder).replace(/^\/+|\/+$/g, '') || DEFAULT_FOLDERS[mode];
  const options: ImportOptions = { mode, folder, policy: policyOf(textParam(PARAM.policy)), account: textParam(PARAM.account).trim(), shrinkLocation: textParam(PARAM.shrinkLocation).trim(), reason: textParam(PARAM.reason).trim() || 'Transfer shortfall', graceDays: intParam(PARAM.graceDays, 0, 0, MAX_GRACE_DAYS) };
  if (mode === 'receipt' && options.policy !== 'keep' && !options.account && !options.shrinkLocation) {
    throw new IntegrationError('TO_WRITEOFF_ACCOUNT_MISSING', `The discrepancy policy ${options.policy} writes shortfalls off, but neither ${PARAM.account} (adjustment account) nor ${PARAM.shrinkLocation} (shrink location) is set on the deployment.`, {});
  }
  return options;
}

interface Counts {
  posted: number;
  already: number;
  rejected: number;
}

/** What an import run did: files finished, entries posted / already posted / rejected, grace write-offs. */
export interface TransferImportOutcome {
  mode: string;
  files: string[];
  posted: number;
  already: number;
  rejected: number;
  leftForNextRun: number;
  writtenOff: number;
  graceWaiting: number;
  /** The grace step did not run (too few units left for its searches): the next run does it. */
  graceDeferred: boolean;
}

/** What the run log says of a run (core/runLog.ts). */
export function transferImportRunNote(o: TransferImportOutcome): RunNote {
  return {
    status: worst(o.rejected > 0 ? 'NEEDS_ATTENTION' : 'COMPLETE', o.leftForNextRun > 0 || o.graceWaiting > 0 || o.graceDeferred ? 'CONTINUES' : 'COMPLETE'),
    text: sentence([
      o.files.length > 0 && `finished ${count(o.files.length, 'file')}: ${count(o.posted, o.mode)} posted, ${o.already} already posted, ${o.rejected} rejected`,
      o.leftForNextRun > 0 && `${count(o.leftForNextRun, 'file')} left for the next run (governance)`,
      o.writtenOff > 0 && `${count(o.writtenOff, 'fulfillment')} written off after the grace period`,
      o.graceWaiting > 0 && `${count(o.graceWaiting, 'write-off')} wait for the next run`,
      o.graceDeferred && 'the grace write-off step waits for the next run (governance)',
    ]),
    files: o.files.length,
  };
}

/** The custrecord_hwx_ff_flow of this deployment's feed-file records. */
export const flowOf = (options: Pick<ImportOptions, 'mode' | 'folder'>): string => `transfer-${options.mode}:${options.folder}`;

/** A delivery being imported: its feed-file record, its report's name, and what it posted so far. */
interface Tracked {
  id: string;
  reportName: string;
  log: EntryLog;
}

export function execute(): TransferImportOutcome {
  const options = readOptions();
  const incoming = options.folder;
  const sftpFolder = SftpFolder.connect(loadSftpSettingsFor(PARAM.sftpConfig));
  const listed = sftpFolder.listEntries(incoming, /\.json$/i);
  if (listed === undefined) throw new IntegrationError('TO_FOLDER_MISSING', `The folder ${incoming} does not exist on SFTP. Check ${PARAM.folder} and the SFTP base directory.`, {});
  sftpFolder.ensureFolders(incoming, ['archive', 'failed', 'error']);
  const files = listed.filter((e) => !e.directory).sort((a, b) => a.name.localeCompare(b.name));
  const open = findOpenFeedFiles(flowOf(options));
  const present = new Set(listed.map((e) => e.name));
  closeLeft(open.filter((r) => !present.has(r.fileName)), options, sftpFolder);
  const unreadable: Unreadable[] = listed.filter((e) => e.directory).map((e) => ({ name: e.name, why: 'it is a folder, not a file' }));
  const done: string[] = [];
  const total: Counts = { posted: 0, already: 0, rejected: 0 };
  let left = 0;
  for (const remote of files) {
    if (remainingUnits() < UNITS_PER_FILE + UNITS_PER_ENTRY) {
      left = files.length - done.length;
      break;
    }
    let text: string;
    try {
      text = sftpFolder.readText(incoming, remote.name);
    } catch (err) {
      if (!UNREADABLE_CODES.includes(errorCode(err))) throw err;
      unreadable.push({ name: remote.name, why: `it cannot be downloaded (${describe(err)})` });
      continue;
    }
    const finished = importFile(remote.name, text, options, sftpFolder, total, open);
    if (!finished) {
      left = files.length - done.length;
      break;
    }
    done.push(remote.name);
  }
  recordUnreadable(unreadable, open, options);
  const grace = left === 0 ? graceStep(options) : { writtenOff: 0, waiting: 0, deferred: hasGraceStep(options) };
  log.audit({ title: `Transfer ${options.mode}s: ${done.length} file(s), ${total.posted} posted, ${total.rejected} rejected`.slice(0, 99), details: JSON.stringify({ ...total, files: done, leftForNextRun: left, graceWriteOffs: grace.writtenOff, graceWaiting: grace.waiting, graceDeferred: grace.deferred }).slice(0, 3900) });
  return { mode: options.mode, files: done, ...total, leftForNextRun: left, writtenOff: grace.writtenOff, graceWaiting: grace.waiting, graceDeferred: grace.deferred };
}

interface Unreadable {
  name: string;
  why: string;
}

/** Fingerprint of an UNREADABLE feed-file record: never a content hash. */
const UNREADABLE = 'UNREADABLE';

/**
 * Entries of the incoming folder that cannot be read (a folder named *.json, a file the SFTP user may not read, one
 * over N/sftp's size limit): logged every run and recorded once as an UNREADABLE HotWax Feed File, kept open so
 * the desk and job control show it and the next run finds it instead of making another. Closed when the entry is
 * gone (closeLeft) or readable again (claim), as in the other inbound flows.
 */
function recordUnreadable(unreadable: readonly Unreadable[], open: readonly FeedFile[], options: ImportOptions): void {
  for (const u of unreadable) {
    const message = `Skipped: ${joinPath(options.folder, u.name)} cannot be read as a transfer ${options.mode} file because ${u.why}. Nothing was posted from it and it was left where it is. Remove it, or make it a readable file; it is tried again every run.`;
    if (!open.some((f) => f.fileName === u.name && f.status === 'UNREADABLE')) createFeedFile({ flow: flowOf(options), fileName: u.name, fingerprint: UNREADABLE, rows: 0, skipped: 1, jobs: [], status: 'UNREADABLE', message });
  }
  if (unreadable.length > 0) log.error({ title: `Transfer ${options.mode}s: ${unreadable.length} entr${unreadable.length === 1 ? 'y' : 'ies'} skipped, unreadable`, details: unreadable.map((u) => `${u.name}: ${u.why}`).join('\n').slice(0, 3900) });
}

/**
 * Records of files no longer in the folder: moved by a run killed before it closed the record (the final path
 * exists: closed now), or taken away by hand (closed as FAILED: what the delivery posted stays posted).
 */
function closeLeft(records: readonly FeedFile[], options: ImportOptions, sftpFolder: SftpFolder): void {
  for (const r of records) {
    if (r.status === 'UNREADABLE') {
      updateFeedFile(r.id, { status: 'FAILED', message: `${r.message} (closed: no longer in ${options.folder})` });
    } else if (r.finalPath !== '' && sftpFolder.exists(r.finalPath)) {
      updateFeedFile(r.id, { status: r.finalPath.startsWith(`${options.folder}/failed/`) ? 'FAILED' : 'ARCHIVED' });
    } else {
      updateFeedFile(r.id, { status: 'FAILED', message: `${r.message ? `${r.message} ` : ''}The file left ${options.folder} before it was finished (moved or deleted by hand); what it posted stays posted.`.trim() });
    }
  }
}

/**
 * The delivery's record: the open one of this name and content (a run before this one was killed), or a new
 * one. An open record of the same name with other content was replaced by HotWax before it was finished.
 */
function claim(name: string, text: string, entries: number, options: ImportOptions, open: FeedFile[]): Tracked {
  const print = fingerprint(text).toUpperCase();
  const errorDir = `${options.folder}/error`;
  for (const r of open.filter((x) => x.fileName === name && x.fingerprint !== print)) {
    updateFeedFile(r.id, { status: 'FAILED', message: r.status === 'UNREADABLE' ? `${r.message} (closed: readable again, imported as a new delivery)` : 'Replaced by a new delivery under the same name before it was finished; what it posted stays posted.' });
    open.splice(open.indexOf(r), 1);
  }
  const mine = open.find((r) => r.fileName === name);
  if (mine) {
    const kept = mine.errorReport.startsWith(`${errorDir}/`) ? mine.errorReport.slice(errorDir.length + 1) : '';
    return { id: mine.id, reportName: kept || reportName(name, new Date()), log: decodeEntryLog(loadFeedFilePlan(mine.id)) };
  }
  const report = reportName(name, new Date());
  const id = createFeedFile({ flow: flowOf(options), fileName: name, fingerprint: print, status: 'PLANNED', rows: entries, skipped: 0, jobs: [], errorReport: joinPath(errorDir, report), plan: encodeEntryLog(new Map()) });
  return { id, reportName: report, log: new Map() };
}

/** Keeps an entry's report rows on the delivery's record, just before the entry is posted. */
function remember(tracked: Tracked, index: number, rows: ReportRow[]): void {
  tracked.log.set(index, rows);
  let plan = encodeEntryLog(tracked.log);
  if (plan.length > MAX_RECORD_TEXT) {
    tracked.log.set(index, null);
    plan = encodeEntryLog(tracked.log);
  }
  updateFeedFile(tracked.id, { plan });
}

/** One file: every entry, then its report and its move. False when governance ran out (the file stays). */
function importFile(name: string, text: string, options: ImportOptions, sftpFolder: SftpFolder, total: Counts, open: FeedFile[]): boolean {
  const parsed = parseTransferFeed(text, options.mode);
  const tracked = claim(name, text, parsed.entries.length + parsed.rejected.length, options, open);
  const counts: Counts = { posted: 0, already: 0, rejected: 0 };
  const rows: ReportRow[] = [];
  if (parsed.fileError !== undefined) {
    rows.push({ entry: 0, order: '', line: '', status: 'file rejected', problem: parsed.fileError, action: 'Fix the file and send it again under a new name.' });
    counts.rejected += 1;
    finish(name, rows, 'failed', options, sftpFolder, tracked, counts, parsed.fileError);
    total.rejected += 1;
    return true;
  }
  const recordType = options.mode === 'receipt' ? 'itemreceipt' : 'itemfulfillment';
  const found = findByExternalId(recordType, parsed.entries.map((e) => externalIdOf(options.mode, e.key)));
  const writeOffs = options.mode === 'receipt' && options.policy !== 'keep' ? findByExternalId(options.shrinkLocation ? 'inventorytransfer' : 'inventoryadjustment', parsed.entries.map((e) => externalIdOf('writeoff', e.key))) : new Map<string, Found>();
  for (const entry of parsed.entries) {
    // Keep what finishing the file costs (report upload, move) in hand: the file stays for the next run, which
    // finds the entries posted so far by External ID, rather than running out of units while finishing.
    if (remainingUnits() < UNITS_PER_ENTRY + UNITS_PER_FILE) return false;
    const outcome = importEntry(entry, name, options, found, writeOffs, tracked);
    rows.push(...outcome.rows);
    const key = outcome.status === 'posted' ? 'posted' : outcome.status === 'already' ? 'already' : 'rejected';
    counts[key] += 1;
    total[key] += 1;
  }
  for (const r of parsed.rejected) {
    rows.push({ entry: r.index + 1, order: r.orderId, line: '', status: 'rejected', problem: r.problem, action: r.action });
    counts.rejected += 1;
    total.rejected += 1;
  }
  finish(name, rows, 'archive', options, sftpFolder, tracked, counts, `${counts.posted} posted, ${counts.already} already posted, ${counts.rejected} rejected`);
  return true;
}

/**
 * The report (under the name the delivery's record keeps, so a run after a kill replaces it rather than adding
 * a second), the outcome and final path on the record (VERIFIED), the move, then the record closed.
 */
function finish(name: string, rows: readonly ReportRow[], to: 'archive' | 'failed', options: ImportOptions, sftpFolder: SftpFolder, tracked: Tracked, counts: Counts, message: string): void {
  const errorDir = `${options.folder}/error`;
  if (rows.length > 0) sftpFolder.uploadText(errorDir, tracked.reportName, reportCsv(name, rows), true);
  const target = sftpFolder.chooseTarget(`${options.folder}/${to}`, name, Date.now().toString(36));
  updateFeedFile(tracked.id, { status: 'VERIFIED', finalPath: target, errorReport: rows.length > 0 ? joinPath(errorDir, tracked.reportName) : '', applied: counts.posted, skipped: counts.already, rejected: counts.rejected, message });
  const source = joinPath(options.folder, name);
  if (sftpFolder.exists(source)) sftpFolder.move(source, target);
  updateFeedFile(tracked.id, { status: to === 'archive' ? 'ARCHIVED' : 'FAILED' });
}

interface EntryOutcome {
  status: 'posted' | 'already' | 'rejected';
  rows: ReportRow[];
}

function importEntry(entry: FeedEntry, fileName: string, options: ImportOptions, found: Map<string, Found>, writeOffs: Map<string, Found>, tracked: Tracked): EntryOutcome {
  const kind = options.mode;
  const row = (status: string, problem: string, action: string, line = ''): ReportRow => ({ entry: entry.index + 1, order: entry.orderId, line, status, problem, action });
  const externalId = externalIdOf(kind, entry.key);
  const memo = `HotWax ${kind === 'receipt' ? 'receipt' : 'shipment'}${entry.shipmentId ? ` ${entry.shipmentId}` : ''}: ${fileName}, entry ${entry.index + 1}`;
  const existing = found.get(externalId);
  const to = existing && options.policy === 'keep' ? undefined : loadTransferOrder(entry.orderId);
  if (existing) {
    // Made by an earlier delivery or by this one before a kill: never again. Finish what the policy still owes.
    const owed = (kind === 'receipt' && writesOffAtReceipt(options) && to ? finishDiscrepancy(entry, existing.short, to, options, writeOffs, memo) : []).map((p) => row('write-off failed', p, WRITE_OFF_ACTION));
    const logged = tracked.log.get(entry.index);
    // This delivery posted it (a run before this one was killed): reported as the uninterrupted run reported it.
    if (logged !== undefined) return { status: 'posted', rows: [...(logged ?? [row('posted', `Posted by this file in a run that stopped before the file was finished (${kind === 'receipt' ? 'item receipt' : 'item fulfillment'} ${existing.id}, External ID ${externalId}); the details of the entry were too long to keep.`, 'Check the transaction in NetSuite.')]), ...owed] };
    return { status: 'already', rows: [...owed, row('already posted', `This entry was already posted (${kind === 'receipt' ? 'item receipt' : 'item fulfillment'} ${existing.id}, External ID ${externalId}); nothing was posted again.`, 'Nothing to do.')] };
  }
  if (!to) return { status: 'rejected', rows: [row('rejected', `Transfer order ${entry.orderId} does not exist in NetSuite.`, 'Check the orderId (the NETSUITE_ORDER_ID of the exported transfer order).')] };
  const toLines = to.lines.map((l) => l.line);
  const opened = openTransform(entry.orderId, kind, entry.fulfillmentId, toLines);
  if (!opened.ok) {
    const why = kind === 'receipt' ? `NetSuite has nothing shipped and not yet received on transfer order ${entry.orderId}${entry.fulfillmentId ? ` (fulfillment ${entry.fulfillmentId})` : ''} (status ${to.status})` : `NetSuite has nothing left to ship on transfer order ${entry.orderId} (status ${to.status})`;
    return { status: 'rejected', rows: [row('rejected', `${why}: ${opened.message} (${opened.code}).`, kind === 'receipt' ? 'Nothing was received. Check that the fulfillment is shipped in NetSuite and not already received.' : 'Nothing was shipped. Check the transfer order in NetSuite (approved, open).')] };
  }
  const plan = planEntry(entry, opened.opened.offered, toLines, kind);
  const problems = plan.problems.map((p) => row(kind === 'receipt' ? 'not received' : 'not shipped', p.problem, p.action, p.lineId));
  const receiveShortfall = kind === 'receipt' && writesOffAtReceipt(options);
  const postedQuantity = plan.lines.reduce((n, l) => n + l.quantity + (receiveShortfall ? l.short : 0), 0);
  if (postedQuantity <= 0) return { status: 'rejected', rows: problems.length > 0 ? problems : [row('rejected', 'Every line of the entry is 0: nothing was posted.', 'Nothing to do, or send the quantities.')] };
  const short = kind === 'receipt' ? shortfall(plan) : [];
  const shortRows = short.map((s) => {
    const later = `stay in transit; written off ${options.graceDays} day(s) after the last receipt of this transfer unless a later receipt covers them (policy ${options.policy})`;
    const note = options.policy === 'keep' ? `stays in transit for a later receipt (policy keep)` : !receiveShortfall ? later : `written off at the store (policy ${options.policy}, ${options.shrinkLocation ? `to shrink location ${options.shrinkLocation}` : `account ${options.account}`})`;
    return row('short', `Line ${s.toLine} (item ${s.item}): ${s.quantity} shipped were not received; the ${s.quantity} ${note}.`, options.policy === 'keep' || !receiveShortfall ? 'Send a later receipt when the rest arrives, or let the discrepancy policy write it off.' : 'Nothing to do; the write-off carries this shipment and line.', s.toLine);
  });
  // Kept before the posting: a run killed after it reports the entry as posted, with these rows.
  remember(tracked, entry.index, [...problems, ...shortRows]);
  try {
    saveTransform(opened.opened, plan.lines, kind, { externalId, memo, shipmentId: entry.shipmentId, trackingNumber: entry.trackingNumber, receiveShortfall });
  } catch (err) {
    const code = errorCode(err);
    if (code === 'SSS_USAGE_LIMIT_EXCEEDED') throw err;
    if (code === 'DUP_RCRD') return { status: 'already', rows: [row('already posted', `Posted meanwhile by another run (External ID ${externalId}).`, 'Nothing to do.')] };
    return { status: 'rejected', rows: [...problems, row('rejected', `NetSuite refused the ${kind === 'receipt' ? 'item receipt' : 'item fulfillment'}: ${errorMessage(err)} (${code}).`, 'Nothing of this entry was posted. Fix the cause in NetSuite, then send the entry again.')] };
  }
  const rows = [...problems, ...shortRows];
  if (receiveShortfall) for (const p of finishDiscrepancy(entry, short.map((s) => ({ item: s.item, quantity: s.quantity, location: to.to })), to, options, writeOffs, memo)) rows.push(row('write-off failed', p, WRITE_OFF_ACTION));
  return { status: 'posted', rows };
}

/** writeoff/close without a grace period: the shortfall is received and written off with the receipt. */
const writesOffAtReceipt = (options: ImportOptions): boolean => options.policy !== 'keep' && options.graceDays === 0;
/** writeoff/close with a grace period, receipt mode: the grace step runs after the files. */
const hasGraceStep = (options: ImportOptions): boolean => options.mode === 'receipt' && options.policy !== 'keep' && options.graceDays > 0;

/**
 * The grace step (receipt mode, writeoff/close, grace period > 0), after the files: first the write-offs a killed
 * run left undone (a grace receipt without its write-off), then every fulfillment whose remainder is due
 * (core/transfers/grace): a receipt of what it still has in transit (External ID HWX-TOGR-<fulfillment>, the
 * quantities in HotWax Short Quantity, the HotWax shipment and line ids of the TO's receipts) and its write-off
 * (HWX-TOGA-<fulfillment>); under close, the lines are closed. Governance is checked before each write-off, and
 * before each group of searches (GRACE_SEARCH_UNITS): short of it the step is deferred to the next run.
 */
function graceStep(options: ImportOptions): { writtenOff: number; waiting: number; deferred: boolean } {
  const result = { writtenOff: 0, waiting: 0, deferred: false };
  if (!hasGraceStep(options)) return result;
  const deferred = (): typeof result => ({ ...result, deferred: true });
  if (remainingUnits() < GRACE_SEARCH_UNITS + UNITS_PER_ENTRY) return deferred();
  const day = today();
  const adjustmentType = options.shrinkLocation ? 'inventorytransfer' : 'inventoryadjustment';
  const made = graceReceiptsSince(cutoffDate(day, 31));
  const writeOffs = findByExternalId(adjustmentType, [...made.keys()].map((ext) => graceExternalId('writeoff', ext.replace(/^HWX-TOGR-/, ''))));
  for (const g of made.values()) {
    const externalId = graceExternalId('writeoff', g.externalId.replace(/^HWX-TOGR-/, ''));
    if (writeOffs.has(externalId) || g.short.length === 0) continue;
    if (remainingUnits() < UNITS_PER_ENTRY) return deferred();
    // The memo the uninterrupted run would have written, from the receipt's memo and line ids.
    saveGraceWriteOff(externalId, g.shipmentId, g.to, g.location, g.subsidiary, g.short, options, graceMemo(g.memo || `item receipt ${g.id}`, g.lineIds));
    result.writtenOff += 1;
  }
  if (remainingUnits() < GRACE_SEARCH_UNITS + UNITS_PER_ENTRY) return deferred();
  const stores = hotwaxStores();
  const open = [...transferOrders(stores, []).values()].filter((t) => stores.has(t.to) && t.lines.some((l) => l.fulfilled > l.received));
  if (open.length === 0) return result;
  const ids = open.map((t) => t.id);
  const { receipts, lineIds } = hotwaxReceipts(ids);
  for (const due of dueWriteOffs(receipts, shippedFulfillmentDates(ids), day, options.graceDays)) {
    const receiptId = graceExternalId('receipt', due.fulfillment);
    if (made.has(receiptId)) continue;
    if (remainingUnits() < UNITS_PER_ENTRY) {
      result.waiting += 1;
      continue;
    }
    const to = loadTransferOrder(due.to);
    if (!to) continue;
    const toLines = to.lines.map((l) => l.line);
    const opened = openTransform(due.to, 'receipt', due.fulfillment, toLines);
    if (!opened.ok) continue; // nothing of this fulfillment is in transit any more
    const lines = opened.opened.offered.filter((o) => o.available > 0).map((o) => ({ index: o.index, toLine: o.toLine, item: o.item, quantity: 0, short: o.available, hotwaxLineIds: lineIds.get(`${due.to}|${o.item}`) ?? [] }));
    if (lines.length === 0) continue;
    const memo = `HotWax shipment${due.shipmentId ? ` ${due.shipmentId}` : ''}: not received ${options.graceDays} day(s) after the last receipt (${due.lastReceipt}), fulfillment ${due.fulfillment}`;
    try {
      saveTransform(opened.opened, lines, 'receipt', { externalId: receiptId, memo, shipmentId: due.shipmentId, trackingNumber: '', receiveShortfall: true });
    } catch (err) {
      if (errorCode(err) === 'SSS_USAGE_LIMIT_EXCEEDED') throw err;
      log.error({ title: `Transfer write-off: fulfillment ${due.fulfillment} not received`, details: `${describe(err)}. Tried again next run.` });
      continue;
    }
    saveGraceWriteOff(graceExternalId('writeoff', due.fulfillment), due.shipmentId, due.to, to.to, to.subsidiary, lines.map((l) => ({ item: l.item, quantity: l.short })), options, graceMemo(memo, lines.map((l) => l.hotwaxLineIds.join(',')).filter((ids) => ids !== '')));
    if (options.policy === 'close') {
      try {
        closeTransferOrderLines(due.to, [...new Set(lines.map((l) => l.toLine).filter((l) => l !== ''))]);
      } catch (err) {
        if (errorCode(err) === 'SSS_USAGE_LIMIT_EXCEEDED') throw err;
        log.error({ title: `Transfer write-off: lines of transfer order ${due.to} not closed`, details: describe(err) });
      }
    }
    result.writtenOff += 1;
  }
  return result;
}

/** The grace write-off's memo (before the reason and the TO): the grace receipt's memo and the HotWax lines. */
const graceMemo = (receiptMemo: string, lineIds: readonly string[]): string => `${receiptMemo}${lineIds.length > 0 ? `, HotWax lines ${lineIds.join(',')}` : ''}`;

function saveGraceWriteOff(externalId: string, shipmentId: string, toId: string, location: string, subsidiary: string, lines: { item: string; quantity: number }[], options: ImportOptions, memo: string): void {
  try {
    saveWriteOff({ externalId, memo: `${options.reason}: ${memo}, transfer order ${toId}`, shipmentId, account: options.account, location, subsidiary, shrinkLocation: options.shrinkLocation, lines });
  } catch (err) {
    const code = errorCode(err);
    if (code === 'SSS_USAGE_LIMIT_EXCEEDED') throw err;
    if (code !== 'DUP_RCRD') log.error({ title: `Transfer write-off ${externalId} refused`, details: `${describe(err)}. The receipt of the remainder is posted; tried again every run for 31 days, or post the adjustment by hand.` });
  }
}

const WRITE_OFF_ACTION = 'The receipt is posted (its lines show the short quantity in HotWax Short Quantity). Fix the cause (account, location), then send the file again: the receipt is not posted twice and the write-off is made then; or post the adjustment by hand.';

/**
 * The write-off (and, under close, the closing of the entry's TO lines) owed by a receipt; safe to repeat.
 * Returns the problems (NetSuite refused the write-off or the close): reported, never blocking later files.
 */
function finishDiscrepancy(entry: FeedEntry, short: Found['short'], to: NonNullable<ReturnType<typeof loadTransferOrder>>, options: ImportOptions, writeOffs: Map<string, Found>, memo: string): string[] {
  const problems: string[] = [];
  const externalId = externalIdOf('writeoff', entry.key);
  if (short.length > 0 && !writeOffs.has(externalId)) {
    try {
      const id = saveWriteOff({ externalId, memo: `${options.reason}: ${memo}, transfer order ${entry.orderId}`, shipmentId: entry.shipmentId, account: options.account, location: to.to, subsidiary: to.subsidiary, shrinkLocation: options.shrinkLocation, lines: short.map((s) => ({ item: s.item, quantity: s.quantity })) });
      writeOffs.set(externalId, { id, short: [] });
    } catch (err) {
      const code = errorCode(err);
      if (code === 'SSS_USAGE_LIMIT_EXCEEDED') throw err;
      if (code !== 'DUP_RCRD') problems.push(`NetSuite refused the write-off of ${short.map((s) => `${s.quantity} x item ${s.item}`).join(', ')}: ${errorMessage(err)} (${code}).`);
    }
  }
  if (options.policy === 'close') {
    const lines = [...new Set(entry.lines.map((l) => resolveToLine(to.lines.map((x) => x.line), l.lineId)).filter((l): l is string => l !== undefined))];
    try {
      if (lines.length > 0) closeTransferOrderLines(entry.orderId, lines);
    } catch (err) {
      if (errorCode(err) === 'SSS_USAGE_LIMIT_EXCEEDED') throw err;
      problems.push(`NetSuite refused to close line(s) ${lines.join(', ')} of transfer order ${entry.orderId}: ${errorMessage(err)} (${errorCode(err)}).`);
    }
  }
  return problems;
}
