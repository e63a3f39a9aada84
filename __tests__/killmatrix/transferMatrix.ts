// The kill matrix of the transfer-order flows (docs/proofs.md): the export (NetSuite -> HotWax), the receipt
// import (store receipts, policy writeoff at receipt), the store-shipment import, and the grace write-off step.
// Each flow has its own account (transferFixture plus transfer orders a NetSuite user made before the pristine
// copy), its own end state and, for the export, its own invariant: HotWax imports by externalId, so a run killed
// after an upload may send the same documents again (by design), but never loses one and never sends one the
// uninterrupted run would not. No jest here: `npm run fuzz` uses it too.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LocalEnvironment } from '../../demo/environment';
import type { FullRunSummary } from '../../runtime/engines/scriptRunner';
import { checkFolders, entriesOnDisk, ffField, runUntil, startFuzzEnv, type FlowSpec, type FuzzEnv } from '../fuzz/harness';
import type { Delivery } from '../fuzz/generators';
import { ACCOUNT_SHRINK, createTransferOrder, dateBack, EXPORT, FOLDERS, IMPORT, ITEMS, LOC, transferFixture, warehouseReceives, warehouseShips } from '../transfers/transferFixture';
import { atClock, type MatrixFlow, type Quiet } from './matrix';

/** Every transfer play starts here (10:00 in the account's America/New_York), a minute more per run: no midnight. */
const CLOCK = { start: '2026-11-23T15:00:00Z' } as const;
const WORK_FOLDER = '/HotWax Integration/work';
const WRITEOFF = { custscript_hwx_to_policy: 'writeoff', custscript_hwx_to_writeoff_account: String(ACCOUNT_SHRINK), custscript_hwx_to_writeoff_reason: 'Lost in transit' };

export interface TransferMatrix {
  flow: MatrixFlow;
  /** An environment whose pristine account holds the flow's transfer orders (made at the flow's clock). */
  start(): Promise<FuzzEnv>;
}

// ---- the end state ---------------------------------------------------------------------------------------------

type Account = ReturnType<LocalEnvironment['account']>;

/** The first id a run can allocate, per environment (ids below it are the pristine account's). */
const FIRST_RUN_ID = new WeakMap<LocalEnvironment, number>();

/**
 * Ids of records a run made depend on what a killed run allocated before (files take ids too): taken out of
 * memos and reports. Ids of the pristine account (items, transfer orders, fulfillments) stay.
 */
function noIds(env: LocalEnvironment, s: string): string {
  const first = FIRST_RUN_ID.get(env) ?? Number.MAX_SAFE_INTEGER;
  return s.replace(/\b\d{4,}\b/g, (n) => (Number(n) >= first ? '<id>' : n));
}

/** Transactions by type and External ID with their key fields and lines (ids of records a run made normalised). */
function transactions(env: LocalEnvironment, account: Account): string[] {
  return ['itemfulfillment', 'itemreceipt', 'inventoryadjustment', 'inventorytransfer'].flatMap((type) =>
    account.listRecords(type).map((r) =>
      noIds(
        env,
        JSON.stringify({
          type,
          externalid: r.fields.externalid,
          trandate: r.fields.trandate,
          createdfrom: r.fields.createdfrom,
          location: r.fields.location ?? r.fields.adjlocation,
          transferlocation: r.fields.transferlocation,
          account: r.fields.account,
          shipstatus: r.fields.shipstatus,
          shipment: r.fields.custbody_hwx_to_shipment_id,
          memo: r.fields.memo,
          lines: [...(r.sublists.item ?? []), ...(r.sublists.inventory ?? [])].map((l) => [l.item, l.location, l.itemreceive, l.quantity ?? l.adjustqtyby, l.orderline, l.custcol_hwx_to_short_qty, l.custcol_hwx_to_line_ids]),
          tracking: (r.sublists.package ?? []).map((p) => p.packagetrackingnumber),
        }),
      ),
    ),
  );
}

/** Transfer orders: status and, per line, item, quantity, fulfilled, received, closed. */
function transferOrders(account: Account): string[] {
  return account.listRecords('transferorder').map((t) => `${t.id}:${String(t.fields.statusref)}:${(t.sublists.item ?? []).map((l) => [l.item, l.quantity, Number(l.quantityfulfilled ?? 0), Number(l.quantityreceived ?? 0), l.isclosed === true].join('/')).join(' ')}`);
}

/** On-hand and in transit per item and location (zeros left out). */
function stock(account: Account): string[] {
  return account
    .inventoryBalances()
    .filter((b) => Number(b.onHand) !== 0 || Number(b.inTransit ?? 0) !== 0)
    .map((b) => `${b.item}@${b.location}: on hand ${b.onHand}, in transit ${b.inTransit ?? 0}`);
}

/** Report and file names with the clock taken out: 20261123T150100Z (reports), 2026-11-23-15-01-00 (exports), _<ms base 36> (a taken name). */
const noClock = (s: string): string => s.replace(/\d{8}T\d{6}Z/g, '<time>').replace(/\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2}/g, '<time>');

/** Every SFTP file under `folder` (recursively), name and content normalised: `<path>: <content>`. */
function sftpFiles(env: LocalEnvironment, folder = ''): string[] {
  const out: string[] = [];
  for (const e of entriesOnDisk(env, folder)) {
    const rel = folder === '' ? e.name : `${folder}/${e.name}`;
    if (!e.file) out.push(...sftpFiles(env, rel));
    else out.push(`${noClock(rel)}: ${noIds(env, noClock(fs.readFileSync(path.join(env.baseDir, rel), 'utf8')))}`);
  }
  return out;
}

/** Feed-file records: flow, status, counts, message, and the file, final path and report names without the clock (or -r<n>). */
function feedFiles(account: Account): string[] {
  const name = (s: string): string => noClock(s).replace(/-r\d+\.json/g, '.json');
  return account.listRecords('customrecord_hwx_feed_file').map((r) => [...['flow', 'status', 'rows', 'applied', 'rejected', 'skipped', 'message'].map((f) => ffField(r, f)), ...['file_name', 'final_path', 'error_report'].map((f) => name(ffField(r, f)))].join('|'));
}

/**
 * The import flows' end state: every transaction the transfer flows make (item fulfillments, item receipts,
 * write-off adjustments and transfers) by External ID with lines and quantities, every transfer order's status
 * and lines, on-hand and in-transit per item and location, every SFTP file (names and contents normalised for
 * the clock and the ids of records a run made), feed-file records. Compared item by item: exactly once.
 */
export function importState(env: LocalEnvironment): Record<string, unknown> {
  const account = env.account();
  return { tx: transactions(env, account).sort(), orders: transferOrders(account).sort(), stock: stock(account), files: sftpFiles(env).sort(), feedFiles: feedFiles(account).sort() };
}

/**
 * Invariants of the import flows after every quiet phase: one transaction per External ID, no TO line
 * fulfilled beyond its quantity or received beyond what was fulfilled, nothing in transit or on hand below 0.
 */
export function checkTransferPostings(env: LocalEnvironment): string[] {
  const v: string[] = [];
  const account = env.account();
  for (const type of ['itemfulfillment', 'itemreceipt', 'inventoryadjustment', 'inventorytransfer']) {
    const seen = new Map<string, number>();
    for (const r of account.listRecords(type)) {
      const ext = String(r.fields.externalid ?? '');
      if (ext !== '') seen.set(ext, (seen.get(ext) ?? 0) + 1);
    }
    for (const [ext, n] of seen) if (n > 1) v.push(`${type}: External ID ${ext} on ${n} records`);
  }
  for (const t of account.listRecords('transferorder')) {
    for (const l of t.sublists.item ?? []) {
      const [q, f, r] = [Number(l.quantity), Number(l.quantityfulfilled ?? 0), Number(l.quantityreceived ?? 0)];
      if (f > q || r > f) v.push(`transfer order ${t.id} line ${String(l.line)}: ${q} ordered, ${f} fulfilled, ${r} received`);
    }
  }
  for (const b of account.inventoryBalances()) if (b.onHand < 0 || (b.inTransit ?? 0) < 0) v.push(`${b.item}@${b.location}: on hand ${b.onHand}, in transit ${b.inTransit ?? 0}`);
  return v;
}

// ---- the export's state: documents, not bytes ------------------------------------------------------------------

const EXPORT_FOLDERS = [FOLDERS.orders, FOLDERS.fulfillments] as const;
/** <prefix>-<YYYY-MM-DD-HH-MM-SS>-<n>.json, or -r<k> before .json when the name was taken. */
const EXPORT_NAME = /^([A-Za-z]+)-\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2}-(\d+)(?:-r\d+)?\.json$/;

function exportFiles(env: LocalEnvironment): { folder: string; name: string; text: string }[] {
  return EXPORT_FOLDERS.flatMap((folder) =>
    entriesOnDisk(env, folder)
      .filter((e) => e.file)
      .map((e) => ({ folder, name: e.name, text: fs.readFileSync(path.join(env.baseDir, folder, e.name), 'utf8') })),
  );
}

/** What HotWax knows a document by: the TO internal id of an order, the fulfillment id of a fulfillment. */
function externalIdOf(doc: unknown): string {
  const d = doc as { externalId?: unknown; identifications?: { orderIdentificationTypeId?: unknown; idValue?: unknown }[] };
  if (typeof d.externalId === 'string') return `fulfillment ${d.externalId}`;
  const id = d.identifications?.find((i) => i.orderIdentificationTypeId === 'NETSUITE_ORDER_ID')?.idValue;
  return `order ${String(id)}`;
}

/**
 * The export's end state. `documents`: the distinct documents sent, each as `<folder>/<file prefix> <externalId>:
 * <JSON>` (a document sent twice, by a run killed after its upload and the next, counts once; file names,
 * stamps and -r<n> are not part of it). `state`: the export state the next run reads (on the latest export
 * record, or the File Cabinet file it names); `workFiles`: what is left in the work folder.
 * `feedFiles`: the export's records (one per run that uploaded and saved its state). The account must not move.
 */
export function exportState(env: LocalEnvironment): Record<string, unknown> {
  const account = env.account();
  const documents = new Set<string>();
  for (const f of exportFiles(env)) {
    const prefix = EXPORT_NAME.exec(f.name)?.[1] ?? f.name;
    try {
      for (const doc of JSON.parse(f.text) as unknown[]) documents.add(`${f.folder}/${prefix} ${externalIdOf(doc)}: ${JSON.stringify(doc)}`);
    } catch {
      documents.add(`${f.folder}/${f.name}: not JSON`);
    }
  }
  // The state the next run reads: on the latest export record, or in the File Cabinet file it names.
  const records = account.listRecords('customrecord_hwx_feed_file').filter((r) => ffField(r, 'flow') === 'transfer:export');
  const latest = records.sort((a, b) => a.id - b.id)[records.length - 1];
  const manifest = latest === undefined ? '' : ffField(latest, 'manifest');
  const state = latest === undefined ? [] : [manifest !== '' ? Buffer.from(account.readFile(Number(manifest))).toString('utf8') : ffField(latest, 'plan')];
  const folder = account.folderByPath(WORK_FOLDER);
  const workFiles = folder === undefined ? [] : account.listFiles(folder).map((f) => noClock(f.name));
  const elsewhere = sftpFiles(env).filter((f) => !EXPORT_FOLDERS.some((x) => f.startsWith(`${x}/`)));
  return { documents: [...documents].sort(), state, workFiles: workFiles.sort(), feedFiles: feedFiles(account).sort(), elsewhere: elsewhere.sort(), tx: transactions(env, account).sort(), orders: transferOrders(account).sort(), stock: stock(account) };
}

/** Every export file is named as docs/feeds.md says, in its folder, and is a complete JSON array of documents. */
export function checkExportFiles(env: LocalEnvironment): string[] {
  const v: string[] = [];
  for (const f of exportFiles(env)) {
    const where = `${f.folder}/${f.name}`;
    const prefix = EXPORT_NAME.exec(f.name)?.[1];
    const allowed = f.folder === FOLDERS.fulfillments ? ['ExportWarehouseToFulfillment'] : ['ExportWhToStoreTransferOrder', 'ExportStoretoStoreTransferOrder', 'ExportStoretoWhTransferOrder'];
    if (prefix === undefined || !allowed.includes(prefix)) v.push(`${where}: not a name the export writes here`);
    let docs: unknown;
    try {
      docs = JSON.parse(f.text);
    } catch {
      v.push(`${where}: not JSON (a partial upload?)`);
      continue;
    }
    if (!Array.isArray(docs) || docs.length === 0) v.push(`${where}: not a non-empty JSON array`);
  }
  return v;
}

/** Runs the export until a run uploads nothing (HotWax has heard of every change). */
async function exportUntilQuiet(_env: LocalEnvironment, run: () => Promise<FullRunSummary>, label: string, max = 6): Promise<Quiet> {
  const { runs, violations, settled } = await runUntil(run, (r) => r.status === 'COMPLETE' && (r.usageByApi['sftp.upload']?.calls ?? 0) === 0, label, max);
  if (!settled) violations.push(`${label}: still uploading after ${max} runs`);
  return { runs, violations };
}

// ---- the pristine accounts -----------------------------------------------------------------------------------

async function startWith(fixture: ReturnType<typeof transferFixture>, prepare: (env: LocalEnvironment) => Promise<unknown> | void): Promise<FuzzEnv> {
  // What a NetSuite user made (transfer orders, fulfillments) is made at the flow's clock, before the pristine copy.
  const fe = await startFuzzEnv(fixture, (env) => atClock(Date.parse(CLOCK.start), () => prepare(env)));
  // A throw-away allocation on a fresh copy of the account (never saved): the next id a run would take.
  FIRST_RUN_ID.set(fe.env, fe.env.account().allocateId());
  return fe;
}

const deliveries = (folder: string, files: Delivery[]): ((env: LocalEnvironment) => void) => (env) => {
  for (const d of files) env.dropFile(folder, d.name, d.bytes);
};
const json = (name: string, body: unknown): Delivery => ({ name, bytes: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body), 'utf8'), mutations: [] });

// ---- 1. the export -----------------------------------------------------------------------------------------------

const exportIds = { storeToWarehouse: 0 };

/**
 * Warehouse -> store 254 (jacket x10 line 1, hoodie x6 line 4) shipped in two fulfillments (10 + 4, TRK-1; then the
 * last 2 hoodies); store 254 -> 255 (tee x5) approved; store 254 -> warehouse (tee x3) approved and shipped by the
 * store. Phase 2: the warehouse receives the store's shipment, so the export sends that TO once more, as received.
 */
export const transferExportMatrix: TransferMatrix = {
  flow: {
    name: 'TO export',
    spec: { incoming: FOLDERS.orders, flow: 'transfer:export', ext: /^$/ },
    mapReduce: false,
    clock: CLOCK,
    deliver: () => undefined,
    steps: [(env) => void warehouseReceives(env, exportIds.storeToWarehouse)],
    run: (env, options = {}) => env.run(EXPORT.script, { deploymentId: EXPORT.deployment, ...options }),
    untilQuiet: exportUntilQuiet,
    state: exportState,
    check: checkExportFiles,
  },
  start: () =>
    startWith(transferFixture(), (env) => {
      const w = createTransferOrder(env, LOC.warehouse, LOC.store254, [
        { item: ITEMS.jacket, quantity: 10 },
        { item: ITEMS.hoodie, quantity: 6 },
      ]);
      warehouseShips(env, w, { '1': 10, '4': 4 }, 'TRK-1');
      warehouseShips(env, w);
      createTransferOrder(env, LOC.store254, LOC.store255, [{ item: ITEMS.tee, quantity: 5 }]);
      exportIds.storeToWarehouse = createTransferOrder(env, LOC.store254, LOC.warehouse, [{ item: ITEMS.tee, quantity: 3 }]);
      warehouseShips(env, exportIds.storeToWarehouse);
    }),
};

// ---- 2. the receipt import -----------------------------------------------------------------------------------------

const RECEIPT_SPEC: FlowSpec = { incoming: FOLDERS.receipts, flow: `transfer-receipt:${FOLDERS.receipts}`, ext: /\.json$/i };
const receiptIds = { a: 0, fa: 0, b: 0, fb: 0, c: 0, fc: 0 };
let receiptFiles: Delivery[] = [];

/**
 * Policy writeoff, grace 0. TO A (warehouse -> 254: jacket x10, hoodie x6; shipped 10 + 4), TO B (warehouse -> 255:
 * jacket x5, shipped), TO C (warehouse -> 254: hoodie x4, shipped). One file: A received short (7 of 10 jackets:
 * 3 written off with the receipt), B in full, C over-received (6 of 4) with a line and an item not on it, an
 * unknown TO; and a file that is not JSON.
 */
export const transferReceiptMatrix: TransferMatrix = {
  flow: {
    name: 'TO receipts',
    spec: RECEIPT_SPEC,
    mapReduce: false,
    clock: CLOCK,
    deliver: (env) => deliveries(FOLDERS.receipts, receiptFiles)(env),
    run: (env, options = {}) => env.run(IMPORT.script, { deploymentId: IMPORT.receipt, ...options }),
    state: importState,
    check: (env) => [...checkFolders(env, RECEIPT_SPEC, receiptFiles), ...checkTransferPostings(env)],
  },
  start: () =>
    startWith(transferFixture(WRITEOFF), (env) => {
      receiptIds.a = createTransferOrder(env, LOC.warehouse, LOC.store254, [
        { item: ITEMS.jacket, quantity: 10 },
        { item: ITEMS.hoodie, quantity: 6 },
      ]);
      receiptIds.fa = warehouseShips(env, receiptIds.a, { '1': 10, '4': 4 }, 'TRK-A');
      receiptIds.b = createTransferOrder(env, LOC.warehouse, LOC.store255, [{ item: ITEMS.jacket, quantity: 5 }]);
      receiptIds.fb = warehouseShips(env, receiptIds.b);
      receiptIds.c = createTransferOrder(env, LOC.warehouse, LOC.store254, [{ item: ITEMS.hoodie, quantity: 4 }]);
      receiptIds.fc = warehouseShips(env, receiptIds.c);
      receiptFiles = [
        json('a_receipts.json', [
          { orderId: String(receiptIds.a), fulfillmentId: String(receiptIds.fa), shipmentId: 'SHP-A', items: [{ line_id: '2', quantity: 7, shipmentItemSeqId: '00001' }, { line_id: '5', quantity: 4, shipmentItemSeqId: '00002' }] },
          { orderId: String(receiptIds.b), fulfillmentId: String(receiptIds.fb), shipmentId: 'SHP-B', items: [{ line_id: '1', quantity: '5' }] },
          { orderId: String(receiptIds.c), fulfillmentId: String(receiptIds.fc), shipmentId: 'SHP-C', items: [{ line_id: '2', quantity: 6 }, { line_id: '40', quantity: 1 }, { productId: String(ITEMS.stray), quantity: 3 }] },
          { orderId: '999999', items: [{ line_id: '1', quantity: 1 }] },
        ]),
        json('b_broken.json', '[{"orderId": "1", '),
      ];
    }),
};

// ---- 3. the store-shipment import ----------------------------------------------------------------------------------

const SHIPMENT_SPEC: FlowSpec = { incoming: FOLDERS.storeShipments, flow: `transfer-fulfillment:${FOLDERS.storeShipments}`, ext: /\.json$/i };
let shipmentFiles: Delivery[] = [];

/**
 * Store 254 holds 20 tees. TO S (254 -> 255: tee x5) ships 4 with a tracking number; TO W (254 -> warehouse: tee x3)
 * ships 3; TO X (254 -> warehouse: tee x30) tries 25, more than the store holds, which NetSuite refuses.
 */
export const transferShipmentMatrix: TransferMatrix = {
  flow: {
    name: 'TO store shipments',
    spec: SHIPMENT_SPEC,
    mapReduce: false,
    clock: CLOCK,
    deliver: (env) => deliveries(FOLDERS.storeShipments, shipmentFiles)(env),
    run: (env, options = {}) => env.run(IMPORT.script, { deploymentId: IMPORT.fulfillment, ...options }),
    state: importState,
    check: (env) => [...checkFolders(env, SHIPMENT_SPEC, shipmentFiles), ...checkTransferPostings(env)],
  },
  start: () =>
    startWith(transferFixture(), (env) => {
      const s = createTransferOrder(env, LOC.store254, LOC.store255, [{ item: ITEMS.tee, quantity: 5 }]);
      const w = createTransferOrder(env, LOC.store254, LOC.warehouse, [{ item: ITEMS.tee, quantity: 3 }]);
      const x = createTransferOrder(env, LOC.store254, LOC.warehouse, [{ item: ITEMS.tee, quantity: 30 }]);
      shipmentFiles = [
        json('ship-1.json', [
          { orderId: String(s), shipmentId: 'HC-SHIP-1', trackingNumber: 'ZX1', items: [{ line_id: '1', quantity: 4 }] },
          { orderId: String(w), shipmentId: 'HC-SHIP-2', items: [{ line_id: '1', quantity: '3' }] },
          { orderId: String(x), shipmentId: 'HC-SHIP-3', items: [{ line_id: '1', quantity: 25 }] },
        ]),
      ];
    }),
};

// ---- 4. the grace write-off step -----------------------------------------------------------------------------------

/**
 * Policy writeoff with 7 days of grace. TO G (warehouse -> 254: jacket x10 line 1, hoodie x4 line 4) shipped 12 days
 * ago; the store received 7 jackets and the hoodies 8 days ago (posted by a receipt run before the pristine copy).
 * The receipt run finds the TO's last receipt past the grace period and writes off the 3 jackets still in transit:
 * an item receipt of the remainder (HWX-TOGR-<fulfillment>) and its adjustment (HWX-TOGA-<fulfillment>).
 */
export const transferGraceMatrix: TransferMatrix = {
  flow: {
    name: 'TO grace write-off',
    spec: RECEIPT_SPEC,
    mapReduce: false,
    clock: CLOCK,
    deliver: () => undefined,
    run: (env, options = {}) => env.run(IMPORT.script, { deploymentId: IMPORT.receipt, ...options }),
    state: importState,
    check: checkTransferPostings,
  },
  start: () =>
    startWith(transferFixture({ ...WRITEOFF, custscript_hwx_to_grace_days: '7' }), async (env) => {
      const g = createTransferOrder(env, LOC.warehouse, LOC.store254, [
        { item: ITEMS.jacket, quantity: 10 },
        { item: ITEMS.hoodie, quantity: 4 },
      ]);
      const f = warehouseShips(env, g);
      dateBack(env, 'itemfulfillment', [f], 12);
      env.dropFile(FOLDERS.receipts, 'short.json', JSON.stringify([{ orderId: String(g), fulfillmentId: String(f), shipmentId: 'SHP-42', items: [{ line_id: '1', quantity: 7, shipmentItemSeqId: '00001' }, { line_id: '4', quantity: 4, shipmentItemSeqId: '00002' }] }]));
      const r = await env.run(IMPORT.script, { deploymentId: IMPORT.receipt });
      if (r.status !== 'COMPLETE') throw new Error(`grace matrix: the receipt before the pristine copy ended ${r.status}`);
      dateBack(env, 'itemreceipt', env.account().listRecords('itemreceipt').map((rec) => rec.id), 8);
      if (env.account().listRecords('inventoryadjustment').length > 0) throw new Error('grace matrix: written off before the grace period');
    }),
};

export const TRANSFER_MATRICES: readonly TransferMatrix[] = [transferExportMatrix, transferReceiptMatrix, transferShipmentMatrix, transferGraceMatrix];
