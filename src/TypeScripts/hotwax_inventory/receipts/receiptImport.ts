/**
 * The PO receipt import (customscript_hwx_mr_po_receipt): HotWax item receipts -> NetSuite Item Receipts.
 *
 *  getInputData  lists <folder>/*.json (default purchaseorder/receipt), reads and parses each file
 *                (core/receipts/feed), records it (HotWax Feed File), and emits one pair per entry plus one
 *                marker per file. A file that cannot be read as a receipt feed is only marked.
 *  map           routes each entry to its purchase order (key po:<id>), so that one reduce invocation handles
 *                one PO: no two invocations transform the same PO at once, and each entry is planned against
 *                the PO as the previous entry left it. Markers and entries that failed parsing go to their
 *                file (key file:<tracking id>).
 *  reduce        po:<id>: loads the PO and the item receipts already made from it, then per entry (files in
 *                name order, entries in file order): already made under the entry's External ID? -> reported,
 *                never made twice (after a restart the receipt of the interrupted attempt is found here);
 *                otherwise plans (core/receipts/plan) and transforms the PO into an Item Receipt of exactly the
 *                planned lines. Writes one outcome per entry. file:<id>: passes markers and parse errors on.
 *  summarize     per file: writes the error report to error/, moves the file to archive/ (read; entries
 *                received or reported) or failed/ (not a receipt feed), closes its tracking record. Moving
 *                happens only here, after every entry of the file has its outcome, and is safe to repeat.
 */
import type { EntryPoints } from 'N/types';
import * as log from 'N/log';
import { loadSftpSettingsFor } from '../adapters/sftpConfig';
import { intParam, param, textParam } from '../adapters/scriptParams';
import { joinPath, SftpFolder, type RemoteFile } from '../adapters/sftpFolder';
import { createFeedFile, findOpenFeedFiles, updateFeedFile, type FeedFile } from '../adapters/feedFiles';
import { remainingUnits } from '../adapters/governance';
import { loadPurchaseOrder } from '../adapters/purchaseOrders';
import { createItemReceipt, findReceiptsByExternalId, findReceiptsOfPurchaseOrder, type ReceiptsOfPurchaseOrder } from '../adapters/itemReceipts';
import { describe, errorCode, errorMessage, IntegrationError } from '../core/integrationError';
import { fingerprint } from '../core/hash';
import { parseReceiptFile, receiptKey, type ReceiptEntry, type RejectedEntry } from '../core/receipts/feed';
import { applyReceipt, planReceipt, type PurchaseOrderSnapshot } from '../core/receipts/plan';
import { decideFile, outcomesForMissing, type EntryOutcome, type FileMarker, type FileResult, type FoundReceipt } from '../core/receipts/outcome';
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
/** reduce: transform 10 + save 20, with margin for a DUP_RCRD look-up (NETSUITE.md 5). */
const UNITS_PER_RECEIPT = 50;

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
  | { kind: 'entry'; file: FileRef; externalId: string; entry: ReceiptEntry }
  | { kind: 'rejected'; file: FileRef; rejected: RejectedEntry }
  | { kind: 'file'; marker: FileMarker };

export type FileOutput = { kind: 'outcome'; outcome: EntryOutcome } | { kind: 'file'; marker: FileMarker };

// ---- getInputData -----------------------------------------------------------------------------------------

export function getInputData(): WorkItem[] {
  const options = readOptions();
  const folders = foldersOf(options);
  const sftpFolder = SftpFolder.connect(loadSftpSettingsFor(PARAM.sftpConfig));
  let files: RemoteFile[];
  try {
    files = sftpFolder.listFiles(folders.incoming, /\.json$/i);
  } catch (err) {
    throw new IntegrationError('RECEIPT_FOLDER_UNREADABLE', `Cannot list ${folders.incoming} on SFTP (${describe(err)}). Check the folder parameter ${PARAM.folder} and the SFTP base directory.`, {}, err);
  }
  sftpFolder.ensureFolders(folders.incoming, ['archive', 'failed', 'error']);
  const flow = flowName(options);
  const open = findOpenFeedFiles(flow);
  closeMovedFiles(open, new Set(files.map((f) => f.name)), folders);
  const readAt = new Date().toISOString();
  const items: WorkItem[] = [];
  let entries = 0;
  let read = 0;
  for (const remote of files.slice(0, options.maxFiles)) {
    if (remainingUnits() < UNITS_PER_FILE + INPUT_RESERVE) break;
    const text = sftpFolder.readText(folders.incoming, remote.name);
    const parsed = parseReceiptFile(text);
    const print = parsed.fingerprint || fingerprint(text).toUpperCase();
    // A run restarted (or a file left for the next run) finds its tracking record again: same name, same content.
    const tracked = open.find((f) => f.fileName === remote.name && f.fingerprint === print);
    const key = tracked?.id ?? createFeedFile({ flow, fileName: remote.name, fingerprint: print, rows: parsed.total, skipped: 0, jobs: [] });
    for (const stale of open.filter((f) => f.fileName === remote.name && f.fingerprint !== print)) {
      updateFeedFile(stale.id, { status: 'FAILED', message: `Replaced on SFTP by a file of the same name with other content (tracking record ${key}) before it was finished.` });
    }
    const file: FileRef = { key, name: remote.name, seq: read };
    const keyed: FileMarker['entries'] = {};
    for (const entry of parsed.entries) {
      const externalId = receiptKey(print, entry);
      keyed[String(entry.index)] = { externalId, poId: entry.poId };
      items.push({ kind: 'entry', file, externalId, entry });
    }
    for (const rejected of parsed.rejected) items.push({ kind: 'rejected', file, rejected });
    items.push({ kind: 'file', marker: { fileKey: key, fileName: remote.name, fingerprint: print, readAt, total: parsed.total, entries: keyed, ...(parsed.fileError !== undefined ? { fileError: parsed.fileError } : {}) } });
    entries += parsed.total;
    read += 1;
  }
  log.audit({ title: `PO receipts: read ${read} of ${files.length} file(s), ${entries} entries`, details: files.slice(0, read).map((f) => f.name).join(', ').slice(0, 3900) });
  return items;
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
  const key = item.kind === 'entry' ? `po:${item.entry.poId}` : `file:${item.kind === 'file' ? item.marker.fileKey : item.file.key}`;
  ctx.write({ key, value: ctx.value });
}

// ---- reduce -------------------------------------------------------------------------------------------------

type Emit = (fileKey: string, output: FileOutput) => void;

export function reduce(ctx: EntryPoints.MapReduce.reduceContext): void {
  const emit: Emit = (fileKey, output) => ctx.write({ key: fileKey, value: JSON.stringify(output) });
  const items = ctx.values.map((v) => JSON.parse(v) as WorkItem);
  if (ctx.key.startsWith('file:')) {
    for (const item of items) {
      if (item.kind === 'file') emit(item.marker.fileKey, { kind: 'file', marker: item.marker });
      else if (item.kind === 'rejected') emit(item.file.key, { kind: 'outcome', outcome: { status: 'rejected', index: item.rejected.index, order: item.rejected.order, problems: item.rejected.problems } });
    }
    return;
  }
  const entries = items.filter((i): i is Extract<WorkItem, { kind: 'entry' }> => i.kind === 'entry').sort((a, b) => a.file.seq - b.file.seq || a.entry.index - b.entry.index);
  receivePurchaseOrder(ctx.key.slice('po:'.length), entries, readOptions(), emit);
}

function memoOf(item: Extract<WorkItem, { kind: 'entry' }>): string {
  const hotwax = item.entry.hotwaxOrderId ? ` (HotWax order ${item.entry.hotwaxOrderId})` : '';
  return `HotWax receipt: ${item.file.name}, entry ${item.entry.index + 1}${hotwax}`;
}

function receivePurchaseOrder(poId: string, entries: Extract<WorkItem, { kind: 'entry' }>[], options: ReceiptImportOptions, emit: Emit): void {
  let po: PurchaseOrderSnapshot | null = loadPurchaseOrder(poId);
  const existing: ReceiptsOfPurchaseOrder = po ? findReceiptsOfPurchaseOrder(poId) : { byExternalId: new Map(), receiptIds: new Map() };
  for (const item of entries) {
    const { index, poId: order } = item.entry;
    const send = (outcome: EntryOutcome): void => emit(item.file.key, { kind: 'outcome', outcome });
    const found = existing.byExternalId.get(item.externalId);
    if (found) {
      send(foundOutcome(item, found));
      continue;
    }
    if (remainingUnits() < UNITS_PER_RECEIPT) {
      send({ status: 'deferred', index, order });
      continue;
    }
    const plan = planReceipt(item.entry, po, { allowOverage: options.allowOverage, postedReceiptIds: new Set(existing.receiptIds.keys()), overageParameter: PARAM.allowOverage });
    if (plan.kind === 'reject') {
      send({ status: 'rejected', index, order, problems: plan.problems });
      continue;
    }
    if (plan.kind === 'nothing-new') {
      const first = item.entry.lines.flatMap((l) => l.receipts).map((r) => existing.receiptIds.get(r.receiptId))[0] ?? '';
      send({ status: 'already-received', index, order, externalId: item.externalId, receiptId: first, feedFileId: '', byReceiptIds: true });
      continue;
    }
    try {
      const receiptId = createItemReceipt({ poId, externalId: item.externalId, feedFileId: item.file.key, memo: memoOf(item), lines: plan.lines });
      const overage = plan.lines.reduce((n, l) => n + l.overage, 0);
      send({ status: 'received', index, order, externalId: item.externalId, receiptId, recovered: false, overage });
      existing.byExternalId.set(item.externalId, { receiptId, feedFileId: item.file.key });
      for (const l of plan.lines) for (const id of l.receiptIds) existing.receiptIds.set(id, receiptId);
      if (po) po = applyReceipt(po, plan.lines);
    } catch (err) {
      const code = errorCode(err);
      // Out of units: let the invocation fail; its retry finds what was saved by External ID.
      if (code === 'SSS_USAGE_LIMIT_EXCEEDED') throw err;
      if (code === 'DUP_RCRD') {
        // Another run saved this External ID meanwhile: it is received, never twice.
        const other = findReceiptsByExternalId([item.externalId]).get(item.externalId);
        send(foundOutcome(item, other ?? { receiptId: '', feedFileId: '' }));
        continue;
      }
      const overage = plan.lines.some((l) => l.overage > 0);
      send({
        status: 'rejected',
        index,
        order,
        problems: [
          {
            lineId: '',
            problem: `NetSuite refused the item receipt for purchase order ${poId}: ${errorMessage(err)} (${code}).`,
            action: overage
              ? 'Nothing of this entry was received. Over-receipts need "Allow Overage on Item Receipts" turned on in NetSuite (Setup > Accounting > Accounting Preferences > Order Management); then send the entry again.'
              : 'Nothing of this entry was received. Fix the purchase order in NetSuite, then send the entry again.',
          },
        ],
      });
    }
  }
}

/** An entry whose External ID exists: made by this delivery (before a restart) or by an earlier one. */
function foundOutcome(item: Extract<WorkItem, { kind: 'entry' }>, found: FoundReceipt): EntryOutcome {
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

export function summarize(summary: EntryPoints.MapReduce.summarizeContext): void {
  const options = readOptions();
  if (summary.inputSummary.error) log.error({ title: 'PO receipts: reading the files failed', details: summary.inputSummary.error.slice(0, 3900) });
  const stageErrors: string[] = [];
  /** Last error recorded against each reduce key (po:<id>). */
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
    return;
  }

  // Entries left without an outcome (their reduce failed after every retry): is their receipt there?
  const missingKeys: string[] = [];
  for (const marker of markers.values()) {
    const done = new Set((outcomes.get(marker.fileKey) ?? []).map((o) => o.index));
    for (const [index, entry] of Object.entries(marker.entries)) if (!done.has(Number(index))) missingKeys.push(entry.externalId);
  }
  const found = missingKeys.length > 0 ? findReceiptsByExternalId(missingKeys) : new Map<string, FoundReceipt>();
  const reasonFor = (poId: string): string => (reduceErrors.get(`po:${poId}`) ?? 'no outcome was recorded').slice(0, 300);

  const sftpFolder = SftpFolder.connect(loadSftpSettingsFor(PARAM.sftpConfig));
  const openById = new Map(findOpenFeedFiles(flowName(options)).map((f) => [f.id, f]));
  const files: FileSummary[] = [];
  for (const marker of [...markers.values()].sort((a, b) => a.fileName.localeCompare(b.fileName))) {
    const tracked = openById.get(marker.fileKey);
    if (!tracked) continue; // finished by an earlier attempt of this summarize (restart)
    const fileOutcomes = outcomes.get(marker.fileKey) ?? [];
    const result = decideFile(marker, [...fileOutcomes, ...outcomesForMissing(marker, fileOutcomes, found, reasonFor)]);
    try {
      files.push(finishFile(marker, result, tracked.finalPath, options, sftpFolder));
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
}

function finishFile(marker: FileMarker, result: FileResult, knownFinalPath: string, options: ReceiptImportOptions, sftpFolder: SftpFolder): FileSummary {
  const folders = foldersOf(options);
  const counts = `${result.received} received${result.recovered > 0 ? ` (${result.recovered} found after a restart)` : ''}, ${result.alreadyReceived} already received, ${result.rejected} rejected`;
  const out: FileSummary = { file: marker.fileName, destination: '', received: result.received, alreadyReceived: result.alreadyReceived, rejected: result.rejected, deferred: result.deferred, report: '' };
  if (result.destination === 'stay') {
    // Some entries ran out of governance: the file stays; the next run finishes it (what was received is found).
    updateFeedFile(marker.fileKey, { applied: result.received, rejected: result.rejected, message: `${counts}, ${result.deferred} left for the next run` });
    out.destination = folders.incoming;
    return out;
  }
  if (result.reportRows.length > 0) {
    const name = receiptReportName(marker.fileName, new Date(marker.readAt), marker.fileKey);
    sftpFolder.uploadText(folders.error, name, receiptReportCsv(marker.fileName, result.reportRows), true);
    out.report = joinPath(folders.error, name);
  }
  updateFeedFile(marker.fileKey, { status: 'VERIFIED', applied: result.received, rejected: result.rejected, errorReport: out.report, message: result.destination === 'failed' ? (marker.fileError ?? '') : counts });

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
