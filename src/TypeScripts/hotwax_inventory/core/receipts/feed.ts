/**
 * The HotWax PO receipt feed (purchaseorder/receipt/*.json), read into typed entries or entry-level errors.
 * Two shapes are accepted (HOTWAX.md "PO receipt JSON"):
 *
 *  documented  [{ "order_id": "8302919", "items": [{ "line_id": "1", "quantity": "100" }] }]
 *              order_id = NetSuite PO internal id, line_id = PO line id (`line`), quantity = received now.
 *              Ids and quantities may be strings or numbers.
 *
 *  detailed    [{ "orderId", "orderExternalId", "purchaseOrderItems": [{ "orderItemSeqId", "sku", "quantity",
 *                 "totalReceivedQuantity", "shipmentReceipts": [{ "receiptId", "shipmentId", "totalQuantityAccepted" }] }] }]
 *              mapped onto the same model:
 *              - PO id = orderExternalId. HotWax imports our PO export with the PO internal id as the order's
 *                External ID; orderId is HotWax's own order id and is kept only for reports.
 *              - line id = orderItemExternalId when present (HotWax keeps NetSuite's line id as the order item's
 *                external id), else orderItemSeqId read as a number ("00002" -> line 2). Because the sequence
 *                id is HotWax's numbering, the item's sku is checked against the PO line's item when the entry
 *                is planned: a mismatch rejects the entry instead of receiving the wrong item.
 *              - received now = the sum of shipmentReceipts[].totalQuantityAccepted. `quantity` (ordered) and
 *                totalReceivedQuantity (HotWax's running total) are not received: using them would receive
 *                earlier receipts again. An item without shipment receipts was not received in this entry.
 *              - each receipt's receiptId travels with its quantity: it keys the NetSuite receipt and is
 *                stamped on the receipt line, so a receipt HotWax sends again is never received twice.
 *
 * An entry is all or nothing: every problem of an entry is reported and none of its lines is received, so
 * that HotWax can send the corrected entry again without any line being received twice.
 *
 * Pure: no N/* import.
 */
import { hash64 } from '../hash';

export type ReceiptShape = 'documented' | 'detailed';

export interface ShipmentReceipt {
  receiptId: string;
  quantity: number;
}

export interface ReceiptLine {
  /** NetSuite PO line id (`line`), as a canonical decimal string ("1", never "01"). */
  lineId: string;
  /** Quantity received now (> 0). */
  quantity: number;
  /** Detailed shape: the SKU HotWax received, checked against the PO line's item. */
  sku?: string;
  /** Detailed shape: the HotWax shipment receipts this quantity is made of (empty for the documented shape). */
  receipts: ShipmentReceipt[];
}

export interface ReceiptEntry {
  /** 0-based position of the entry in the file. */
  index: number;
  shape: ReceiptShape;
  /** NetSuite PO internal id, canonical decimal string. */
  poId: string;
  /** HotWax's order id (detailed shape), for reports. */
  hotwaxOrderId: string;
  lines: ReceiptLine[];
}

/** One thing wrong with an entry, as the report shows it. */
export interface EntryProblem {
  /** PO line id as sent ('' when the problem concerns the whole entry). */
  lineId: string;
  problem: string;
  action: string;
}

export interface RejectedEntry {
  index: number;
  /** The PO id as sent, for the report ('' when there is none). */
  order: string;
  problems: EntryProblem[];
}

export interface ReceiptFile {
  /** Set when the file as a whole cannot be read as a receipt feed; entries and rejected are then empty. */
  fileError?: string;
  /** Content fingerprint of the parsed JSON (formatting, BOM and line endings do not count). */
  fingerprint: string;
  entries: ReceiptEntry[];
  rejected: RejectedEntry[];
  /** Number of entries in the file (entries + rejected). */
  total: number;
}

const SEND_AGAIN = 'Nothing of this entry was received. Correct it in HotWax and send the entry again.';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (v: Json | undefined): v is JsonObject => v !== null && typeof v === 'object' && !Array.isArray(v);

/** How a value looks in a message: strings quoted, long values shortened. */
function show(value: Json | undefined): string {
  if (value === undefined) return '(missing)';
  const text = typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** A positive integer id sent as a number or a string of digits, as a canonical string; undefined otherwise. */
export function parseId(value: Json | undefined): string | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value > 0 ? String(value) : undefined;
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  if (!/^\d{1,15}$/.test(trimmed)) return undefined;
  const n = Number(trimmed);
  return n > 0 ? String(n) : undefined;
}

export type QuantityCheck = { ok: true; value: number } | { ok: false; problem: string };

/** A received quantity sent as a number or a numeric string; it must be above zero. */
export function parseQuantity(value: Json | undefined): QuantityCheck {
  let n: number;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string' && /^\s*[+-]?(\d+(\.\d*)?|\.\d+)\s*$/.test(value)) n = Number(value);
  else return { ok: false, problem: `quantity ${show(value)} is not a number` };
  if (!Number.isFinite(n)) return { ok: false, problem: `quantity ${show(value)} is not a number` };
  if (n === 0) return { ok: false, problem: 'quantity is 0: there is nothing to receive' };
  if (n < 0) return { ok: false, problem: `quantity ${show(value)} is negative: a receipt cannot take stock away` };
  return { ok: true, value: n };
}

const ENTRY_KEYS = ['order_id', 'items', 'orderId', 'orderExternalId', 'purchaseOrderItems'];

const looksLikeEntry = (v: Json): boolean => isObject(v) && ENTRY_KEYS.some((k) => k in v);

function describeJson(value: Json): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

export function parseReceiptFile(text: string): ReceiptFile {
  const empty = (fileError: string, fingerprint = ''): ReceiptFile => ({ fileError, fingerprint, entries: [], rejected: [], total: 0 });
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') return empty('The file is empty.');
  let parsed: Json;
  try {
    parsed = JSON.parse(body) as Json;
  } catch (err) {
    return empty(`The file is not valid JSON (${err instanceof Error ? err.message : String(err)}).`);
  }
  const fingerprint = hash64(JSON.stringify(parsed)).toUpperCase();
  if (!Array.isArray(parsed)) {
    return empty(`The file holds ${describeJson(parsed)}, not an array of receipts like [{"order_id": "...", "items": [{"line_id": "...", "quantity": ...}]}].`, fingerprint);
  }
  if (parsed.length === 0) return empty('The file holds an empty array: there are no receipts in it.', fingerprint);
  if (!parsed.some(looksLikeEntry)) {
    return empty(`None of the ${parsed.length} element(s) is a receipt: each must be an object with order_id and items (or orderExternalId and purchaseOrderItems).`, fingerprint);
  }
  const entries: ReceiptEntry[] = [];
  const rejected: RejectedEntry[] = [];
  parsed.forEach((element, index) => {
    const result = parseEntry(element, index);
    if ('problems' in result) rejected.push(result);
    else entries.push(result);
  });
  return { fingerprint, entries, rejected, total: parsed.length };
}

interface ItemDraft {
  /** Position of the item in the entry (1-based), for duplicate messages. */
  position: number;
  lineId: string | undefined;
  /** The line id as sent, for the report. */
  lineShown: string;
  quantity: number | undefined;
  sku?: string;
  receipts: ShipmentReceipt[];
}

function parseEntry(element: Json, index: number): ReceiptEntry | RejectedEntry {
  if (!isObject(element)) {
    return { index, order: '', problems: [{ lineId: '', problem: `Entry ${index + 1} is ${describeJson(element)}, not a receipt object.`, action: SEND_AGAIN }] };
  }
  return 'purchaseOrderItems' in element ? parseDetailed(element, index) : parseDocumented(element, index);
}

const idText = (value: Json | undefined): string => (typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '');

function parseDocumented(entry: JsonObject, index: number): ReceiptEntry | RejectedEntry {
  const problems: EntryProblem[] = [];
  const order = idText(entry.order_id);
  const poId = parseId(entry.order_id);
  if (poId === undefined) {
    problems.push({ lineId: '', problem: `order_id ${show(entry.order_id)} is not a NetSuite purchase order internal id.`, action: `${SEND_AGAIN} order_id must be the PO internal id HotWax received in the PO export.` });
  }
  const drafts: ItemDraft[] = [];
  const items = entry.items;
  if (!Array.isArray(items) || items.length === 0) {
    problems.push({ lineId: '', problem: Array.isArray(items) ? 'items is empty: the entry receives nothing.' : `items ${show(items)} is not a list of PO lines.`, action: SEND_AGAIN });
  } else {
    items.forEach((item, i) => {
      if (!isObject(item)) {
        problems.push({ lineId: '', problem: `Item ${i + 1} is ${describeJson(item)}, not an object with line_id and quantity.`, action: SEND_AGAIN });
        return;
      }
      const lineId = parseId(item.line_id);
      if (lineId === undefined) problems.push({ lineId: idText(item.line_id), problem: `line_id ${show(item.line_id)} is not a PO line id.`, action: `${SEND_AGAIN} line_id must be the PO line id from the PO export (item-external-id).` });
      const quantity = parseQuantity(item.quantity);
      if (!quantity.ok) problems.push({ lineId: idText(item.line_id), problem: `Line ${idText(item.line_id) || '?'}: ${quantity.problem}.`, action: SEND_AGAIN });
      drafts.push({ position: i + 1, lineId, lineShown: idText(item.line_id), quantity: quantity.ok ? quantity.value : undefined, receipts: [] });
    });
  }
  return finish(index, 'documented', order, poId, '', drafts, problems);
}

function parseDetailed(entry: JsonObject, index: number): ReceiptEntry | RejectedEntry {
  const problems: EntryProblem[] = [];
  const hotwaxOrderId = idText(entry.orderId);
  const order = idText(entry.orderExternalId) || hotwaxOrderId;
  const poId = parseId(entry.orderExternalId);
  if (poId === undefined) {
    problems.push({
      lineId: '',
      problem: `orderExternalId ${show(entry.orderExternalId)} is not a NetSuite purchase order internal id${hotwaxOrderId ? ` (HotWax order ${hotwaxOrderId})` : ''}.`,
      action: `${SEND_AGAIN} The order's External ID in HotWax must be the NetSuite PO internal id from the PO export.`,
    });
  }
  const drafts: ItemDraft[] = [];
  const items = entry.purchaseOrderItems;
  if (!Array.isArray(items) || items.length === 0) {
    problems.push({ lineId: '', problem: Array.isArray(items) ? 'purchaseOrderItems is empty: the entry receives nothing.' : `purchaseOrderItems ${show(items)} is not a list of order items.`, action: SEND_AGAIN });
  } else {
    items.forEach((item, i) => {
      const draft = parseDetailedItem(item, i, problems);
      if (draft) drafts.push(draft);
    });
    if (problems.length === 0 && drafts.length === 0) {
      problems.push({ lineId: '', problem: 'No item has shipment receipts: nothing was received in this entry.', action: 'Nothing to do if HotWax has not received anything on this PO yet.' });
    }
  }
  return finish(index, 'detailed', order, poId, hotwaxOrderId, drafts, problems);
}

/** A detailed order item; undefined when it has no shipment receipts (not received in this entry). */
function parseDetailedItem(item: Json, i: number, problems: EntryProblem[]): ItemDraft | undefined {
  if (!isObject(item)) {
    problems.push({ lineId: '', problem: `Order item ${i + 1} is ${describeJson(item)}, not an object.`, action: SEND_AGAIN });
    return undefined;
  }
  const rawLine = item.orderItemExternalId !== undefined && item.orderItemExternalId !== null && item.orderItemExternalId !== '' ? item.orderItemExternalId : item.orderItemSeqId;
  const lineShown = idText(rawLine);
  const shipmentReceipts = item.shipmentReceipts;
  if (shipmentReceipts === undefined || shipmentReceipts === null || (Array.isArray(shipmentReceipts) && shipmentReceipts.length === 0)) return undefined;
  const lineId = parseId(rawLine);
  if (lineId === undefined) {
    problems.push({ lineId: lineShown, problem: `Order item ${i + 1}: orderItemExternalId/orderItemSeqId ${show(rawLine)} is not a PO line id.`, action: SEND_AGAIN });
  }
  const receipts: ShipmentReceipt[] = [];
  let quantity: number | undefined = 0;
  if (!Array.isArray(shipmentReceipts)) {
    problems.push({ lineId: lineShown, problem: `Line ${lineShown || '?'}: shipmentReceipts ${show(shipmentReceipts)} is not a list.`, action: SEND_AGAIN });
    quantity = undefined;
  } else {
    for (const receipt of shipmentReceipts) {
      const accepted = isObject(receipt) ? parseQuantity(receipt.totalQuantityAccepted) : ({ ok: false, problem: `shipment receipt ${show(receipt)} is not an object` } as const);
      if (!accepted.ok) {
        problems.push({ lineId: lineShown, problem: `Line ${lineShown || '?'}${isObject(receipt) && idText(receipt.receiptId) ? `, receipt ${idText(receipt.receiptId)}` : ''}: ${accepted.problem.replace(/^quantity/, 'totalQuantityAccepted')}.`, action: SEND_AGAIN });
        quantity = undefined;
        continue;
      }
      if (quantity !== undefined) quantity += accepted.value;
      receipts.push({ receiptId: isObject(receipt) ? idText(receipt.receiptId) : '', quantity: accepted.value });
    }
  }
  const sku = typeof item.sku === 'string' && item.sku.trim() !== '' ? item.sku.trim() : undefined;
  return { position: i + 1, lineId, lineShown, quantity: quantity === undefined ? undefined : Math.round(quantity * 1e6) / 1e6, ...(sku ? { sku } : {}), receipts };
}

function finish(index: number, shape: ReceiptShape, order: string, poId: string | undefined, hotwaxOrderId: string, drafts: ItemDraft[], problems: EntryProblem[]): ReceiptEntry | RejectedEntry {
  const firstPosition = new Map<string, number>();
  for (const d of drafts) {
    if (d.lineId === undefined) continue;
    const first = firstPosition.get(d.lineId);
    if (first === undefined) firstPosition.set(d.lineId, d.position);
    else problems.push({ lineId: d.lineShown, problem: `Line ${d.lineId} appears more than once in this entry (items ${first} and ${d.position}).`, action: `${SEND_AGAIN} Send one item per PO line with the total received.` });
  }
  if (problems.length > 0 || poId === undefined) return { index, order, problems };
  const lines: ReceiptLine[] = drafts.map((d) => ({ lineId: d.lineId ?? '', quantity: d.quantity ?? 0, ...(d.sku ? { sku: d.sku } : {}), receipts: d.receipts }));
  return { index, shape, poId, hotwaxOrderId, lines };
}

// ---- idempotency keys ---------------------------------------------------------------------------------

export const RECEIPT_KEY_PREFIX = 'HWX-IR-';

/**
 * The External ID an entry's item receipt carries, looked up before anything is received:
 *  - detailed entries whose every shipment receipt has a receiptId: HWX-IR-R<hash of the sorted receipt ids>.
 *    HotWax's receipt ids name the physical receipts, so the same receipts sent again in another file, in
 *    another order or with other entries around them are still recognised.
 *  - otherwise: HWX-IR-<content fingerprint of the file>-<entry number>. The documented shape carries no id
 *    of its own; the same file delivered twice (under any name, reformatted or not) gives the same keys,
 *    while a new file (any other content) gives new ones. The price: two genuinely different deliveries
 *    with byte-for-byte the same receipts are taken as one; the second is reported as already received.
 */
export function receiptKey(fingerprint: string, entry: ReceiptEntry): string {
  const receiptIds = entry.lines.flatMap((l) => l.receipts.map((r) => r.receiptId));
  if (entry.shape === 'detailed' && receiptIds.length > 0 && receiptIds.every((id) => id !== '')) {
    return `${RECEIPT_KEY_PREFIX}R${hash64([...new Set(receiptIds)].sort().join('\n')).toUpperCase()}`;
  }
  return `${RECEIPT_KEY_PREFIX}${fingerprint}-${entry.index + 1}`;
}
