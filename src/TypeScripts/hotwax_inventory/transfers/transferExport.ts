/**
 * The transfer-order export (customscript_hwx_sc_to_export), NetSuite -> HotWax:
 *  1. HotWax stores (HotWax Location, type Store); the TOs touching them (open statuses, plus every TO the
 *     export state still follows, so the move to received or closed is sent once); no date window.
 *  2. Per TO, its kind (warehouse-to-store, store-to-store, store-to-warehouse) and, when HotWax should hear
 *     of it, its document (HotWax's order JSON plus shipped/received/closed per line) if it changed since the
 *     last export (hash in the state).
 *  3. Shipped fulfillments (ItemShip:C) of warehouse-to-store TOs not exported yet: loaded (orderline per line,
 *     tracking numbers) while governance lasts; the rest wait for the next run.
 *  4. Upload: transferorderv2/export/<kind prefix>-<stamp>.json and
 *     transferorderv2/import/fulfillment-wh/ExportWarehouseToFulfillment-<stamp>.json.
 *  5. Only then the state is saved, in the same record.save as the run's HotWax Feed File record (on the record,
 *     or in a File Cabinet file of its own when larger than a Long Text field): a run killed before this point
 *     exports the same changes again next run (HotWax imports by externalId), never loses one; a run that
 *     uploaded and saved its state always has its record.
 */
import * as log from 'N/log';
import { loadSftpSettingsFor } from '../adapters/sftpConfig';
import { intParam, textParam } from '../adapters/scriptParams';
import { SftpFolder } from '../adapters/sftpFolder';
import { remainingUnits } from '../adapters/governance';
import { createFeedFile, findLatestFeedFile, loadFeedFilePlan } from '../adapters/feedFiles';
import { loadPlanFile, storePlan } from '../adapters/manifestStore';
import { deleteFile } from '../adapters/workFiles';
import { hotwaxStores, loadFulfillment, shippedFulfillments, transferOrders } from '../adapters/transferSearches';
import { errorCode, IntegrationError } from '../core/integrationError';
import { count, sentence, worst, type RunNote } from '../core/runLog';
import { hash64 } from '../core/hash';
import { emptyState, exportable, FILE_PREFIX, fulfillmentDocument, isFinal, kindOf, orderDocument, orderHash, readState, type ExportState, type TransferKind } from '../core/transfers/exportDocs';

export const PARAM = {
  sftpConfig: 'custscript_hwx_toe_sftp_config',
  workFolder: 'custscript_hwx_toe_work_folder',
  base: 'custscript_hwx_toe_base',
} as const;

export const EXPORT_FLOW = 'transfer:export';
/** A state larger than a Long Text field goes to the work folder, one file per run: hwx_to_export_state-<stamp>.json. */
const STATE_FILE = 'hwx_to_export_state';
/** Orders or fulfillments per file. */
const PER_FILE = 500;
/** One upload: its folder path listed level by level (10 each, up to 3, plus a makeDirectory), the name check (10), the upload (100). */
const UNITS_PER_UPLOAD = 200;
/** After the uploads: the state file when large (20), the feed-file record (2 + 4), the old state file's delete (20), the log, with margin. */
const UNITS_TO_FINISH = 200;
const filesFor = (documents: number): number => Math.ceil(documents / PER_FILE);

/** The state the latest run saved: on its feed-file record, or in the File Cabinet file the record names. */
function loadState(): { state: ExportState; fileId: number | null } {
  const latest = findLatestFeedFile(EXPORT_FLOW);
  if (!latest) return { state: emptyState(), fileId: null };
  try {
    const text = latest.manifestFileId ? loadPlanFile(latest.manifestFileId) : loadFeedFilePlan(latest.id);
    return { state: readState(JSON.parse(text)), fileId: latest.manifestFileId };
  } catch (err) {
    if (errorCode(err) === 'RCRD_DSNT_EXIST' || err instanceof SyntaxError) {
      log.error({ title: 'Transfer export: state unreadable, starting again', details: `Feed file ${latest.id}${latest.manifestFileId ? `, file ${latest.manifestFileId}` : ''}: every open transfer is exported again.` });
      return { state: emptyState(), fileId: latest.manifestFileId };
    }
    throw err;
  }
}

const stampOf = (d: Date): string => d.toISOString().replace(/[:T]/g, '-').replace(/\..+/, '');

/** What an export run did: TOs looked at, documents and files sent, fulfillments left for the next run. */
export interface TransferExportOutcome {
  looked: number;
  orders: number;
  fulfillments: number;
  files: string[];
  waiting: number;
}

/** What the run log says of a run (core/runLog.ts). */
export function transferExportRunNote(o: TransferExportOutcome): RunNote {
  return {
    status: worst(o.waiting > 0 ? 'CONTINUES' : 'COMPLETE'),
    text: sentence([
      o.files.length > 0 ? `sent ${count(o.orders, 'transfer order')} and ${count(o.fulfillments, 'fulfillment')} in ${count(o.files.length, 'file')}` : `nothing changed (${count(o.looked, 'transfer order')} looked at)`,
      o.waiting > 0 && `${count(o.waiting, 'fulfillment')} wait for the next run (governance)`,
    ]),
    files: o.files.length,
  };
}

export function execute(): TransferExportOutcome {
  const base = (textParam(PARAM.base) || 'transferorderv2').replace(/^\/+|\/+$/g, '');
  const workFolder = intParam(PARAM.workFolder, 0, 0, Number.MAX_SAFE_INTEGER);
  if (workFolder <= 0) throw new IntegrationError('TO_WORK_FOLDER_MISSING', `Set ${PARAM.workFolder} to the File Cabinet work folder (internal id): the export state is kept there.`, {});
  const { state, fileId: previousStateFile } = loadState();
  const stores = hotwaxStores();
  const orders = transferOrders(stores, Object.keys(state.orders));
  const now = new Date();
  const orderDate = `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}-${String(now.getUTCDate()).padStart(2, '0')}`;

  const docs = new Map<TransferKind, Record<string, unknown>[]>();
  const next: ExportState = { v: 1, orders: { ...state.orders }, fulfillments: { ...state.fulfillments } };
  const warehouseToStore: string[] = [];
  for (const to of orders.values()) {
    const kind = kindOf(stores.has(to.from), stores.has(to.to));
    if (!kind) continue;
    if (kind === 'warehouse-to-store') warehouseToStore.push(to.id);
    if (!exportable(kind, to)) continue;
    const hash = orderHash(to);
    if (state.orders[to.id] === hash) continue;
    docs.set(kind, [...(docs.get(kind) ?? []), orderDocument(kind, to, to.trandate || orderDate)]);
    next.orders[to.id] = hash;
  }

  const shipped = shippedFulfillments(warehouseToStore);
  const fulfillmentDocs: Record<string, unknown>[] = [];
  let waiting = 0;
  const orderFiles = [...docs.values()].reduce((n, list) => n + filesFor(list.length), 0);
  for (const [fulfillmentId, toId] of shipped) {
    if ((state.fulfillments[toId] ?? []).includes(fulfillmentId)) continue;
    const to = orders.get(toId);
    if (!to) continue;
    // Loading one more (10) must leave enough for every file this run will upload, this fulfillment's included:
    // at volume the uploads themselves are several hundred units (1,000 TOs = 2 order files + 2 fulfillment files).
    if (remainingUnits() < 10 + UNITS_TO_FINISH + UNITS_PER_UPLOAD * (orderFiles + filesFor(fulfillmentDocs.length + 1))) {
      waiting += 1;
      continue;
    }
    const f = loadFulfillment(fulfillmentId);
    fulfillmentDocs.push(fulfillmentDocument(fulfillmentId, to, f.lines, f.tracking));
    next.fulfillments[toId] = [...(next.fulfillments[toId] ?? []), fulfillmentId];
  }
  // A final TO leaves the state once its last document is out (searches stop finding it).
  for (const to of orders.values()) {
    if (isFinal(to) && next.orders[to.id] !== undefined) {
      delete next.orders[to.id];
      delete next.fulfillments[to.id];
    }
  }

  const uploads: { dir: string; name: string; contents: string }[] = [];
  for (const [kind, list] of docs) {
    for (let i = 0; i < list.length; i += PER_FILE) uploads.push({ dir: `${base}/export`, name: `${FILE_PREFIX[kind]}-${stampOf(now)}-${i / PER_FILE + 1}.json`, contents: JSON.stringify(list.slice(i, i + PER_FILE), null, 1) });
  }
  for (let i = 0; i < fulfillmentDocs.length; i += PER_FILE) {
    uploads.push({ dir: `${base}/import/fulfillment-wh`, name: `ExportWarehouseToFulfillment-${stampOf(now)}-${i / PER_FILE + 1}.json`, contents: JSON.stringify(fulfillmentDocs.slice(i, i + PER_FILE), null, 1) });
  }
  if (uploads.length === 0) {
    log.audit({ title: 'Transfer export: nothing changed', details: `${orders.size} transfer order(s) looked at; ${waiting} fulfillment(s) wait for the next run.` });
    return { looked: orders.size, orders: 0, fulfillments: 0, files: [], waiting };
  }
  const sftpFolder = SftpFolder.connect(loadSftpSettingsFor(PARAM.sftpConfig));
  for (const u of uploads) {
    sftpFolder.ensurePath(u.dir);
    // Never overwrite a file HotWax has not read yet: a name taken (a run of the same second, or one killed
    // after its upload) gets a counter.
    let name = u.name;
    for (let n = 2; sftpFolder.exists(`${u.dir}/${name}`); n++) name = u.name.replace(/\.json$/, `-r${n}.json`);
    u.name = name;
    sftpFolder.uploadText(u.dir, name, u.contents, false);
  }
  // Marked only now, after every upload succeeded, and in one save with the run's record: a run killed before
  // it sends the same documents again next run; one killed after it has nothing left to do.
  const stateJson = JSON.stringify(next);
  const stored = storePlan(workFolder, `${STATE_FILE}-${stampOf(now)}.json`, stateJson);
  const names = uploads.map((u) => `${u.dir}/${u.name}`);
  const orderCount = [...docs.values()].reduce((n, l) => n + l.length, 0);
  createFeedFile({
    flow: EXPORT_FLOW,
    fileName: uploads[0]?.name ?? '',
    fingerprint: hash64(names.join('\n')).toUpperCase(),
    ...('plan' in stored ? { plan: stored.plan } : { manifestFileId: stored.fileId }),
    rows: uploads.length,
    skipped: waiting,
    jobs: [],
    status: 'UPLOADED',
    applied: fulfillmentDocs.length,
    finalPath: names.join(', ').slice(0, 999),
    message: `${orderCount} transfer order(s), ${fulfillmentDocs.length} fulfillment(s)`,
  });
  // The previous state file (a large state, or hwx_to_export_state.json of earlier versions) is read no more.
  if (previousStateFile !== null && !('fileId' in stored && stored.fileId === previousStateFile)) deleteFile(previousStateFile);
  log.audit({ title: `Transfer export: ${uploads.length} file(s), ${fulfillmentDocs.length} fulfillment(s)`.slice(0, 99), details: JSON.stringify({ files: names, waiting }).slice(0, 3900) });
  return { looked: orders.size, orders: orderCount, fulfillments: fulfillmentDocs.length, files: names, waiting };
}
