/**
 * The PO receipt import (customscript_hwx_mr_po_receipt): HotWax item receipts -> NetSuite Item Receipts.
 *
 *  getInputData  lists <folder>/*.json (default purchaseorder/receipt), reads and parses each file
 *                (core/receipts/feed, which bounds size, depth and entries before JSON.parse), records it
 *                (HotWax Feed File), and emits one pair per entry plus one marker per file. A file that cannot
 *                be read as a receipt feed is only marked (it goes to failed/). An entry that cannot be
 *                downloaded at all (a folder, a link out of the SFTP root, no read permission) is skipped
 *                with an error in the log and a UNREADABLE feed-file record; the other files go on.
 *                Entries are put in batches (key batch:<n>): every entry of one PO in the same batch, about
 *                BATCH_ENTRIES entries per batch.
 *  map           routes each entry to its batch, markers and entries that failed parsing to their file
 *                (key file:<tracking id>). A PO is in exactly one batch per run, so no two invocations
 *                transform the same PO at once.
 *  reduce        batch:<n>: ONE search for the External IDs of every entry of the batch (and, for HotWax's
 *                detailed shape, the shipment receipt ids already on item receipts of its POs), then per
 *                entry (files in name order, entries in file order): already made under the entry's External
 *                ID? -> reported, never made twice (after a restart the receipt of the interrupted attempt is
 *                found here, and a DUP_RCRD on save means the same); otherwise transforms the PO, plans
 *                (core/receipts/plan) against the lines the transform offers, and saves an Item Receipt of
 *                exactly the planned lines. The PO is loaded only to explain an entry it cannot receive.
 *                Writes one outcome per entry. file:<id>: passes markers and parse errors on.
 *  summarize     per file: writes the error report to error/, moves the file to archive/ (read; entries
 *                received or reported) or failed/ (not a receipt feed), closes its tracking record. Moving
 *                happens only here, after every entry of the file has its outcome, and is safe to repeat.
 */
import type { EntryPoints } from 'N/types';
import * as log from 'N/log';
import { loadSftpSettingsFor } from '../adapters/sftpConfig';
import { intParam, param, textParam } from '../adapters/scriptParams';
import { joinPath, SftpFolder } from '../adapters/sftpFolder';
import { createFeedFile, findOpenFeedFiles, updateFeedFile, type FeedFile } from '../adapters/feedFiles';
import { remainingUnits } from '../adapters/governance';
import { loadPurchaseOrder } from '../adapters/purchaseOrders';
import { findLinesNeedingDetail, findPostedReceiptIds, findReceiptsByExternalId, saveItemReceipt, transformPurchaseOrder, type DetailNeed, type PostedReceiptIds } from '../adapters/itemReceipts';
import { describe, errorCode, errorMessage, IntegrationError } from '../core/integrationError';
import { count, inFailedFolder, sentence, worst, type RunNote } from '../core/runLog';
import { fingerprint, hash64 } from '../core/hash';
import { parseReceiptFile, receiptKey, refuseSize, type ReceiptEntry, type ReceiptFile, type RejectedEntry } from '../core/receipts/feed';
import { nothingNew, planReceipt, receivableView, type PlanOptions, type PurchaseOrderSnapshot, type ReceiptPlan } from '../core/receipts/plan';
import { decideFile, outcomesForMissing, type EntryOutcome, type FileMarker, type FileResult, type FoundReceipt, type ReportRow } from '../core/receipts/outcome';
import { receiptReportCsv, receiptReportName } from '../core/receipts/report';

export const PARAM = {
  folder: 'custscript_hwx_rc_folder',
  allowOverage: 'custscript_hwx_rc_allow_overage',
  maxFiles: 'custscript_hwx_rc_max_files',
  /** Which HotWax SFTP Configuration record (empty: the only active one). */
  sftpConfig: 'custscript_hwx_rc_sftp_config',
} as const;

/** getInputData: download 100, tracking record 6, margin. */
const UNITS_PER_FILE = 120;
/** getInputData keeps this much for the listing and the audit log. */
const INPUT_RESERVE = 200;
/** reduce: transform 10 + save 20, with margin for a DUP_RCRD look-up or a record.load (NETSUITE.md 5). */
const UNITS_PER_RECEIPT = 50;
/**
 * Entries per reduce batch (all entries of one PO stay together, so a batch can be larger). 50 receipts are
 * about 1,500 units (transform 10 + save 20 each), under a third of reduce's 5,000, and the batch's one
 * idempotency search (5 units) costs 0.1 unit per receipt.
 */
export const BATCH_ENTRIES = 50;
/** N/sftp download errors that concern the one file (anything else, e.g. a dropped connection, stops the run). */
const UNREADABLE_CODES: readonly string[] = ['FTP_PERMISSION_DENIED', 'FTP_NO_SUCH_FILE_OR_DIRECTORY', 'FTP_MAXIMUM_FILE_SIZE_EXCEEDED'];
/** Fingerprint of a UNREADABLE feed-file record: never a content hash (those are 16 hex digits). */
const UNREADABLE = 'UNREADABLE';

export interface ReceiptImportOptions {
  /** Incoming folder under the SFTP base directory; archive/, failed/ and error/ are inside it. */
  folder: string;
  allowOverage: boolean;
  maxFiles: number;
}

export function readOptions(): ReceiptImportOptions {
  const folder = textParam(PARAM.folder).replace(/^\/+|\/+$/g, '');
  return {
    folder: folder || 'purchaseorder/receipt',
    allowOverage: param(PARAM.allowOverage) === true,
    maxFiles: intParam(PARAM.maxFiles, 40, 1, 200),
  };
}

const flowName = (options: ReceiptImportOptions): string => `receipt:${options.folder}`;

const foldersOf = (options: ReceiptImportOptions): { incoming: string; archive: string; failed: string; error: string } => ({
  incoming: options.folder,
  archive: `${options.folder}/archive`,
  failed: `${options.folder}/failed`,
  error: `${options.folder}/error`,
});

// ---- what travels between the stages ------------------------------------------------------------------

interface FileRef {
  /** Tracking record id. */
  key: string;
  name: string;
  /** Position of the file in this run (files are read in name order). */
  seq: number;
}

export type WorkItem =
  | { kind: 'entry'; file: FileRef; externalId: string; entry: ReceiptEntry; batch: string }
  | { kind: 'rejected'; file: FileRef; rejected: RejectedEntry }
  /** Every line of the entry was 0: nothing to receive. */
  | { kind: 'empty'; file: FileRef; index: number; order: string }
  | { kind: 'file'; marker: FileMarker };

export type FileOutput = { kind: 'outcome'; outcome: EntryOutcome } | { kind: 'file'; marker: FileMarker };

// ---- getInputData -----------------------------------------------------------------------------------------

interface ReadFile {
  file: FileRef;
  print: string;
  parsed: ReceiptFile;
}

interface Unreadable {
  name: string;
  why: string;
}

export function getInputData(): WorkItem[] {
  const options = readOptions();
  const folders = foldersOf(options);
  const sftpFolder = SftpFolder.connect(loadSftpSettingsFor(PARAM.sftpConfig));
  let listed: ReturnType<SftpFolder['listEntries']>;
  try {
    listed = sftpFolder.listEntries(folders.incoming, /\.json$/i);
  } catch (err) {
    throw new IntegrationError('RECEIPT_FOLDER_UNREADABLE', `Cannot list ${folders.incoming} on SFTP (${describe(err)}). Check the folder parameter ${PARAM.folder} and the SFTP base directory.`, {}, err);
  }
  if (listed === undefined) {
    throw new IntegrationError('RECEIPT_FOLDER_UNREADABLE', `The folder ${folders.incoming} does not exist on SFTP. Check the folder parameter ${PARAM.folder} and the SFTP base directory.`, {});
  }
  sftpFolder.ensureFolders(folders.incoming, ['archive', 'failed', 'error']);
  const flow = flowName(options);
  const open = findOpenFeedFiles(flow);
  const files = listed.filter((e) => !e.directory);
  closeMovedFiles(open, new Set(listed.map((f) => f.name)), folders);
  const unreadable: Unreadable[] = listed.filter((e) => e.directory).map((e) => ({ name: e.name, why: 'it is a folder, not a file' }));
  const readAt = new Date().toISOString();
  const read: ReadFile[] = [];
  for (const remote of files.slice(0, options.maxFiles)) {
    if (remainingUnits() < UNITS_PER_FILE + INPUT_RESERVE) break;
    // Too big: refused from the listing, never downloaded.
    const tooBig = refuseSize(remote.size);
    let parsed: ReceiptFile;
    let print: string;
    if (tooBig !== undefined) {
      parsed = { fileError: tooBig, fingerprint: '', entries: [], rejected: [], total: 0 };
      print = hash64(`${remote.name}\n${remote.size}\n${remote.lastModified}`).toUpperCase();
    } else {
      let text: string;
      try {
        text = sftpFolder.readText(folders.incoming, remote.name);
      } catch (err) {
        if (!UNREADABLE_CODES.includes(errorCode(err))) throw err;
        unreadable.push({ name: remote.name, why: `it cannot be downloaded (${describe(err)})` });
        continue;
      }
      parsed = parseSafely(text);
      print = parsed.fingerprint || fingerprint(text).toUpperCase();
    }
    // A run restarted (or a file left for the next run) finds its tracking record again: same name, same content.
    const tracked = open.find((f) => f.fileName === remote.name && f.fingerprint === print);
    const key = tracked?.id ?? createFeedFile({ flow, fileName: remote.name, fingerprint: print, rows: parsed.total, skipped: 0, jobs: [] });
    for (const stale of open.filter((f) => f.fileName === remote.name && f.fingerprint !== print)) {
      const message = stale.status === 'UNREADABLE' ? `Readable again: tracked as HotWax Feed File ${key}.` : `Replaced on SFTP by a file of the same name with other content (tracking record ${key}) before it was finished.`;
      updateFeedFile(stale.id, { status: 'FAILED', message });
    }
    read.push({ file: { key, name: remote.name, seq: read.length }, print, parsed });
  }
  recordUnreadable(unreadable, open, new Set(listed.map((e) => e.name)), flow, folders.incoming);

  const batchOf = assignBatches(read.flatMap((r) => r.parsed.entries.filter((e) => e.lines.length > 0).map((e) => e.poId)));
  const items: WorkItem[] = [];
  let entries = 0;
  for (const { file, print, parsed } of read) {
    const keyed: FileMarker['entries'] = {};
    const notes: ReportRow[] = [];
    for (const entry of parsed.entries) {
      for (const n of entry.notes ?? []) notes.push({ entry: entry.index + 1, order: entry.poId, line: n.lineId, problem: n.problem, action: n.action });
      if (entry.lines.length === 0) {
        items.push({ kind: 'empty', file, index: entry.index, order: entry.poId });
        continue;
      }
      const externalId = receiptKey(print, entry);
      const batch = batchOf.get(entry.poId) ?? 'batch:0';
      keyed[String(entry.index)] = { externalId, poId: entry.poId, batch };
      items.push({ kind: 'entry', file, externalId, entry, batch });
    }
    for (const rejected of parsed.rejected) items.push({ kind: 'rejected', file, rejected });
    items.push({
      kind: 'file',
      marker: {
        fileKey: file.key,
        fileName: file.name,
        fingerprint: print,
        readAt,
        total: parsed.total,
        entries: keyed,
        ...(notes.length > 0 ? { notes } : {}),
        ...(parsed.fileError !== undefined ? { fileError: parsed.fileError } : {}),
      },
    });
    entries += parsed.total;
  }
  log.audit({ title: `PO receipts: read ${read.length} of ${files.length} file(s), ${entries} entries`, details: read.map((f) => f.file.name).join(', ').slice(0, 3900) });
  return items;
}

/** The parser never throws on content; should anything still go wrong, the file fails alone. */
function parseSafely(text: string): ReceiptFile {
  try {
    return parseReceiptFile(text);
  } catch (err) {
    return { fileError: `The file could not be read as a receipt feed (${describe(err).slice(0, 300)}).`, fingerprint: '', entries: [], rejected: [], total: 0 };
  }
}

/**
 * Batches for the reduce stage: POs in order of first appearance, every entry of a PO in the PO's batch,
 * a new batch once BATCH_ENTRIES would be exceeded. Deterministic, so a restarted getInputData gives the same.
 */
export function assignBatches(poIdPerEntry: readonly string[]): Map<string, string> {
  const perPo = new Map<string, number>();
  for (const po of poIdPerEntry) perPo.set(po, (perPo.get(po) ?? 0) + 1);
  const out = new Map<string, string>();
  let batch = 0;
  let size = 0;
  for (const [po, count] of perPo) {
    if (size > 0 && size + count > BATCH_ENTRIES) {
      batch += 1;
      size = 0;
    }
    out.set(po, `batch:${batch}`);
    size += count;
  }
  return out;
}

/**
 * Entries of the incoming folder that cannot be read: logged as an error every run, and recorded once as a
 * UNREADABLE HotWax Feed File (kept open, so the next run finds it instead of making another). An UNREADABLE record
 * whose entry is gone from the folder is closed; one whose file became readable is closed when it is read.
 */
function recordUnreadable(unreadable: readonly Unreadable[], open: readonly FeedFile[], listed: ReadonlySet<string>, flow: string, folder: string): void {
  for (const u of unreadable) {
    const message = `Skipped: ${joinPath(folder, u.name)} cannot be read as a receipt file because ${u.why}. Nothing was received from it and it was left where it is. Remove it, or make it a readable file (no folder, no link outside the SFTP folder, read permission for the SFTP user); it is tried again every run.`;
    if (!open.some((f) => f.fileName === u.name && f.status === 'UNREADABLE')) createFeedFile({ flow, fileName: u.name, fingerprint: UNREADABLE, rows: 0, skipped: 1, jobs: [], status: 'UNREADABLE', message });
  }
  // Gone from the folder: close the record. (One read this run was closed by the read loop; one listed but
  // not reached this run, beyond the files-per-run limit, stays as it is.)
  for (const stale of open.filter((f) => f.status === 'UNREADABLE' && !listed.has(f.fileName))) {
    updateFeedFile(stale.id, { status: 'FAILED', message: `${stale.message} (closed: no longer in ${folder})` });
  }
  if (unreadable.length > 0) {
    log.error({ title: `PO receipts: ${unreadable.length} entr${unreadable.length === 1 ? 'y' : 'ies'} of ${folder} skipped, unreadable`, details: unreadable.map((u) => `${u.name}: ${u.why}`).join('\n').slice(0, 3900) });
  }
}

/**
 * A run that stopped between moving a file and closing its tracking record (summarize is re-run after a
 * server restart, but a run can also be cancelled) leaves the record open with its final path set while the
 * file is gone from the incoming folder: close it now, as that run would have.
 */
function closeMovedFiles(open: FeedFile[], incoming: ReadonlySet<string>, folders: ReturnType<typeof foldersOf>): void {
  for (const tracked of open) {
    if (!tracked.finalPath || incoming.has(tracked.fileName)) continue;
    const failed = tracked.finalPath.startsWith(`${folders.failed}/`);
    updateFeedFile(tracked.id, { status: failed ? 'FAILED' : 'ARCHIVED', message: `${tracked.message} (closed by a later run: the file was already in ${tracked.finalPath})`.trim() });
  }
}

// ---- map ----------------------------------------------------------------------------------------------------

export function map(ctx: EntryPoints.MapReduce.mapContext): void {
  const item = JSON.parse(ctx.value) as WorkItem;
  const key = item.kind === 'entry' ? item.batch : `file:${item.kind === 'file' ? item.marker.fileKey : item.file.key}`;
  ctx.write({ key, value: ctx.value });
}

// ---- reduce -------------------------------------------------------------------------------------------------

type Emit = (fileKey: string, output: FileOutput) => void;
type EntryItem = Extract<WorkItem, { kind: 'entry' }>;

export function reduce(ctx: EntryPoints.MapReduce.reduceContext): void {
  const emit: Emit = (fileKey, output) => ctx.write({ key: fileKey, value: JSON.stringify(output) });
  const items = ctx.values.map((v) => JSON.parse(v) as WorkItem);
  if (ctx.key.startsWith('file:')) {
    for (const item of items) {
      if (item.kind === 'file') emit(item.marker.fileKey, { kind: 'file', marker: item.marker });
      else if (item.kind === 'rejected') emit(item.file.key, { kind: 'outcome', outcome: { status: 'rejected', index: item.rejected.index, order: item.rejected.order, problems: item.rejected.problems } });
      else if (item.kind === 'empty') emit(item.file.key, { kind: 'outcome', outcome: { status: 'nothing-to-receive', index: item.index, order: item.order } });
    }
    return;
  }
  const entries = items.filter((i): i is EntryItem => i.kind === 'entry').sort((a, b) => a.file.seq - b.file.seq || a.entry.index - b.entry.index);
  receiveBatch(entries, readOptions(), emit);
}

function memoOf(item: EntryItem): string {
  const hotwax = item.entry.hotwaxOrderId ? ` (HotWax order ${item.entry.hotwaxOrderId})` : '';
  return `HotWax receipt: ${item.file.name}, entry ${item.entry.index + 1}${hotwax}`;
}

/** What the batch knows of receipts made so far: from its one search, then from its own saves. */
interface Known {
  byExternalId: Map<string, FoundReceipt>;
  posted: PostedReceiptIds;
  /** PO id -> line id -> what the line's item needs that the feed cannot give (lot/serial numbers, bins). */
  detail: Map<string, Map<string, DetailNeed>>;
}

/**
 * One batch: one search for every External ID of the batch (and, for detailed entries, the shipment receipt
 * ids already on item receipts of their POs), then each entry in order. The search runs at the start of
 * every attempt of the invocation, so a retried or restarted invocation finds what its earlier attempt saved.
 */
function receiveBatch(entries: readonly EntryItem[], options: ReceiptImportOptions, emit: Emit): void {
  const detailedPos = [...new Set(entries.filter((e) => e.entry.lines.some((l) => l.receipts.length > 0)).map((e) => e.entry.poId))];
  const byExternalId = entries.length > 0 ? findReceiptsByExternalId([...new Set(entries.map((e) => e.externalId))]) : new Map<string, FoundReceipt>();
  const toReceive = [...new Set(entries.filter((e) => !byExternalId.has(e.externalId)).map((e) => e.entry.poId))];
  const known: Known = {
    byExternalId,
    posted: detailedPos.length > 0 ? findPostedReceiptIds(detailedPos) : (new Map() as PostedReceiptIds),
    detail: toReceive.length > 0 ? findLinesNeedingDetail(toReceive) : new Map<string, Map<string, DetailNeed>>(),
  };
  for (const item of entries) receiveEntry(item, known, options, (outcome) => emit(item.file.key, { kind: 'outcome', outcome }));
}

function receiveEntry(item: EntryItem, known: Known, options: ReceiptImportOptions, send: (outcome: EntryOutcome) => void): void {
  const { index, poId: order } = item.entry;
  const poId = item.entry.poId;
  const found = known.byExternalId.get(item.externalId);
  if (found) {
    send(foundOutcome(item, found));
    return;
  }
  if (remainingUnits() < UNITS_PER_RECEIPT) {
    send({ status: 'deferred', index, order });
    return;
  }
  const postedOfPo = known.posted.get(poId) ?? new Map<string, string>();
  const detailNeeded = known.detail.get(poId);
  const planOptions: PlanOptions = { allowOverage: options.allowOverage, postedReceiptIds: new Set(postedOfPo.keys()), overageParameter: PARAM.allowOverage, ...(detailNeeded ? { detailNeeded } : {}) };
  const nothingNewOutcome = (): EntryOutcome => {
    const first = item.entry.lines.flatMap((l) => l.receipts).map((r) => postedOfPo.get(r.receiptId))[0] ?? '';
    return { status: 'already-received', index, order, externalId: item.externalId, receiptId: first, feedFileId: '', byReceiptIds: true };
  };
  if (nothingNew(item.entry, planOptions.postedReceiptIds)) {
    send(nothingNewOutcome());
    return;
  }
  const transformed = transformPurchaseOrder(poId);
  if (!transformed.ok) {
    // NetSuite offers nothing to receive from this PO: the loaded PO says why (unknown, closed, received...).
    const plan = explain(item, planOptions);
    if (plan?.kind === 'reject') send({ status: 'rejected', index, order, problems: plan.problems });
    else if (plan?.kind === 'nothing-new') send(nothingNewOutcome());
    else send(refused(item, `${transformed.message} (${transformed.code})`, false));
    return;
  }
  const plan = planReceipt(item.entry, receivableView(poId, transformed.receipt.lines), planOptions);
  if (plan.kind === 'reject') {
    const explained = explain(item, planOptions);
    send({ status: 'rejected', index, order, problems: explained?.kind === 'reject' ? explained.problems : plan.problems });
    return;
  }
  if (plan.kind === 'nothing-new') {
    send(nothingNewOutcome());
    return;
  }
  try {
    const receiptId = saveItemReceipt(transformed.receipt, { externalId: item.externalId, feedFileId: item.file.key, memo: memoOf(item), lines: plan.lines });
    const overage = plan.lines.reduce((n, l) => n + l.overage, 0);
    send({ status: 'received', index, order, externalId: item.externalId, receiptId, recovered: false, overage, ...(plan.byHand.length > 0 ? { byHand: plan.byHand } : {}) });
    known.byExternalId.set(item.externalId, { receiptId, feedFileId: item.file.key });
    known.posted.set(poId, postedOfPo);
    for (const l of plan.lines) for (const id of l.receiptIds) postedOfPo.set(id, receiptId);
  } catch (err) {
    const code = errorCode(err);
    // Out of units: let the invocation fail; its retry finds what was saved by External ID.
    if (code === 'SSS_USAGE_LIMIT_EXCEEDED') throw err;
    if (code === 'DUP_RCRD') {
      // Another run saved this External ID meanwhile: it is received, never twice.
      const other = findReceiptsByExternalId([item.externalId]).get(item.externalId);
      send(foundOutcome(item, other ?? { receiptId: '', feedFileId: '' }));
      return;
    }
    send(refused(item, `${errorMessage(err)} (${code})`, plan.lines.some((l) => l.overage > 0)));
  }
}

/**
 * The entry planned against the PO as record.load shows it (10 units, only for an entry that cannot be
 * received): names unknown, closed and fully received lines and the PO's status. Undefined when the PO
 * cannot be loaded either.
 */
function explain(item: EntryItem, planOptions: PlanOptions): ReceiptPlan | undefined {
  let po: PurchaseOrderSnapshot | null;
  try {
    po = loadPurchaseOrder(item.entry.poId);
  } catch (err) {
    if (errorCode(err) === 'SSS_USAGE_LIMIT_EXCEEDED') throw err;
    return undefined;
  }
  return planReceipt(item.entry, po, planOptions);
}

function refused(item: EntryItem, why: string, overage: boolean): EntryOutcome {
  const { index, poId: order } = item.entry;
  return {
    status: 'rejected',
    index,
    order,
    problems: [
      {
        lineId: '',
        problem: `NetSuite refused the item receipt for purchase order ${order}: ${why}.`,
        action: overage
          ? 'Nothing of this entry was received. Over-receipts need "Allow Overage on Item Receipts" turned on in NetSuite (Setup > Accounting > Accounting Preferences > Order Management); then send the entry again.'
          : 'Nothing of this entry was received. Fix the purchase order in NetSuite, then send the entry again.',
      },
    ],
  };
}

/** An entry whose External ID exists: made by this delivery (before a restart) or by an earlier one. */
function foundOutcome(item: EntryItem, found: FoundReceipt): EntryOutcome {
  const { index, poId: order } = item.entry;
  if (found.feedFileId === item.file.key) return { status: 'received', index, order, externalId: item.externalId, receiptId: found.receiptId, recovered: true, overage: 0 };
  return { status: 'already-received', index, order, externalId: item.externalId, receiptId: found.receiptId, feedFileId: found.feedFileId, byReceiptIds: false };
}

// ---- summarize ----------------------------------------------------------------------------------------------

interface FileSummary {
  file: string;
  destination: string;
  received: number;
  alreadyReceived: number;
  rejected: number;
  deferred: number;
  report: string;
}

/** What summarize did, for the run log: the flow (by its folder) and each file finished. */
export interface ReceiptRunOutcome {
  flow: string;
  files: FileSummary[];
  stageErrors: number;
  inputFailed: boolean;
}

/** What the run log says of a run (core/runLog.ts). */
export function receiptRunNote(o: ReceiptRunOutcome): RunNote {
  const sum = (k: 'received' | 'alreadyReceived' | 'rejected' | 'deferred'): number => o.files.reduce((n, f) => n + f[k], 0);
  const failed = o.files.filter((f) => inFailedFolder(f.destination)).length;
  return {
    status: worst(sum('rejected') > 0 || failed > 0 || o.stageErrors > 0 ? 'NEEDS_ATTENTION' : 'COMPLETE', sum('deferred') > 0 ? 'CONTINUES' : 'COMPLETE', o.inputFailed ? 'FAILED' : 'COMPLETE'),
    text: sentence([
      o.files.length > 0 && `finished ${count(o.files.length, 'file')} (${failed} failed): ${count(sum('received'), 'receipt')} received, ${sum('alreadyReceived')} already received, ${sum('rejected')} rejected`,
      sum('deferred') > 0 && `${count(sum('deferred'), 'entry', 'entries')} left for the next run`,
      o.inputFailed && 'reading the files failed (see the execution log)',
      o.stageErrors > 0 && `${count(o.stageErrors, 'map/reduce error')}`,
    ]),
    files: o.files.length,
  };
}

export function summarize(summary: EntryPoints.MapReduce.summarizeContext): ReceiptRunOutcome {
  const options = readOptions();
  if (summary.inputSummary.error) log.error({ title: 'PO receipts: reading the files failed', details: summary.inputSummary.error.slice(0, 3900) });
  const stageErrors: string[] = [];
  /** Last error recorded against each reduce key (batch:<n>). */
  const reduceErrors = new Map<string, string>();
  const collect = (stage: string) => (key: string, error: string): boolean => {
    stageErrors.push(`${stage} ${key}: ${error}`);
    if (stage === 'reduce') reduceErrors.set(key, error);
    return true;
  };
  summary.mapSummary.errors.iterator().each(collect('map'));
  summary.reduceSummary.errors.iterator().each(collect('reduce'));
  if (stageErrors.length > 0) log.error({ title: `PO receipts: ${stageErrors.length} map/reduce error(s)`, details: stageErrors.join('\n').slice(0, 3900) });

  const markers = new Map<string, FileMarker>();
  const outcomes = new Map<string, EntryOutcome[]>();
  summary.output.iterator().each((key, value) => {
    const output = JSON.parse(value) as FileOutput;
    if (output.kind === 'file') markers.set(key, output.marker);
    else outcomes.set(key, [...(outcomes.get(key) ?? []), output.outcome]);
    return true;
  });
  if (markers.size === 0) {
    log.audit({ title: 'PO receipts: no files', details: `Nothing in ${options.folder}.` });
    return { flow: flowName(options), files: [], stageErrors: stageErrors.length, inputFailed: Boolean(summary.inputSummary.error) };
  }

  // Entries left without an outcome (their reduce failed after every retry): is their receipt there?
  const missingKeys: string[] = [];
  for (const marker of markers.values()) {
    const done = new Set((outcomes.get(marker.fileKey) ?? []).map((o) => o.index));
    for (const [index, entry] of Object.entries(marker.entries)) if (!done.has(Number(index))) missingKeys.push(entry.externalId);
  }
  const found = missingKeys.length > 0 ? findReceiptsByExternalId(missingKeys) : new Map<string, FoundReceipt>();
  // Each PO is in one batch per run: the batch's last error explains its entries left without an outcome.
  const batchOfPo = new Map<string, string>();
  for (const marker of markers.values()) for (const e of Object.values(marker.entries)) if (e.batch) batchOfPo.set(e.poId, e.batch);
  const reasonFor = (poId: string): string => (reduceErrors.get(batchOfPo.get(poId) ?? '') ?? 'no outcome was recorded').slice(0, 300);

  const sftpFolder = SftpFolder.connect(loadSftpSettingsFor(PARAM.sftpConfig));
  const openById = new Map(findOpenFeedFiles(flowName(options)).map((f) => [f.id, f]));
  const files: FileSummary[] = [];
  for (const marker of [...markers.values()].sort((a, b) => a.fileName.localeCompare(b.fileName))) {
    const tracked = openById.get(marker.fileKey);
    if (!tracked) continue; // finished by an earlier attempt of this summarize (restart)
    const fileOutcomes = outcomes.get(marker.fileKey) ?? [];
    const result = decideFile(marker, [...fileOutcomes, ...outcomesForMissing(marker, fileOutcomes, found, reasonFor)]);
    try {
      files.push(finishFile(marker, result, tracked, options, sftpFolder));
    } catch (err) {
      log.error({ title: `PO receipts: ${marker.fileName} not finished`, details: describe(err) });
      updateFeedFile(marker.fileKey, { message: `Not finished: ${describe(err)}` });
    }
  }
  const total = (k: 'received' | 'alreadyReceived' | 'rejected' | 'deferred'): number => files.reduce((n, f) => n + f[k], 0);
  log.audit({
    title: `PO receipts: ${files.length} file(s), ${total('received')} received, ${total('rejected')} rejected`.slice(0, 99),
    details: JSON.stringify({ alreadyReceived: total('alreadyReceived'), deferred: total('deferred'), files }).slice(0, 3900),
  });
  return { flow: flowName(options), files, stageErrors: stageErrors.length, inputFailed: Boolean(summary.inputSummary.error) };
}

function finishFile(marker: FileMarker, result: FileResult, tracked: FeedFile, options: ReceiptImportOptions, sftpFolder: SftpFolder): FileSummary {
  const folders = foldersOf(options);
  const knownFinalPath = tracked.finalPath;
  const nothing = result.nothingToReceive > 0 ? `, ${result.nothingToReceive} with nothing to receive (every line 0)` : '';
  const counts = `${result.received} received${result.recovered > 0 ? ` (${result.recovered} found after a restart)` : ''}, ${result.alreadyReceived} already received, ${result.rejected} rejected${nothing}`;
  const out: FileSummary = { file: marker.fileName, destination: '', received: result.received, alreadyReceived: result.alreadyReceived, rejected: result.rejected, deferred: result.deferred, report: '' };
  if (result.destination === 'stay') {
    // Some entries ran out of governance: the file stays; the next run finishes it (what was received is found).
    updateFeedFile(marker.fileKey, { applied: result.received, rejected: result.rejected, message: `${counts}, ${result.deferred} left for the next run` });
    out.destination = folders.incoming;
    return out;
  }
  // The report's name is recorded (VERIFIED) before it is written, and a later attempt reuses it: a run that
  // dies after the upload, or before it, leaves one report per file, not one per attempt (readAt is per run).
  const errorDir = `${folders.error}/`;
  const reportName =
    result.reportRows.length === 0 ? '' : tracked.errorReport.startsWith(errorDir) ? tracked.errorReport.slice(errorDir.length) : receiptReportName(marker.fileName, new Date(marker.readAt), marker.fileKey);
  if (reportName !== '') out.report = joinPath(folders.error, reportName);
  updateFeedFile(marker.fileKey, { status: 'VERIFIED', applied: result.received, rejected: result.rejected, errorReport: out.report, message: result.destination === 'failed' ? (marker.fileError ?? '') : counts });
  if (reportName !== '') sftpFolder.uploadText(folders.error, reportName, receiptReportCsv(marker.fileName, result.reportRows), true);

  const destination = result.destination === 'failed' ? folders.failed : folders.archive;
  const finalPath = knownFinalPath || sftpFolder.chooseTarget(destination, marker.fileName, marker.fileKey);
  if (!knownFinalPath) updateFeedFile(marker.fileKey, { finalPath });
  const source = joinPath(folders.incoming, marker.fileName);
  let note = '';
  if (sftpFolder.exists(source)) sftpFolder.move(source, finalPath);
  else if (!sftpFolder.exists(finalPath)) note = ` The file had already left ${folders.incoming} (moved by hand or by another deployment).`;
  updateFeedFile(marker.fileKey, { status: result.destination === 'failed' ? 'FAILED' : 'ARCHIVED', ...(note ? { message: `${counts}.${note}` } : {}) });
  out.destination = finalPath;
  return out;
}
