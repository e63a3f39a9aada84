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
 * that HotWax can send the corrected entry again without any line being received twice. A quantity of 0 is
 * not a problem: the line was not received in this delivery. It is left out and noted (information only);
 * an entry whose every line is 0 makes no item receipt.
 *
 * Hostile files: the text is checked BEFORE JSON.parse (checkFeedText): size, NUL bytes, bytes that were not
 * UTF-8, nesting depth and number of entries are bounded by one linear scan, so that no file, whatever its
 * bytes, can make the parser (or JSON.stringify after it) recurse deeply or hold an unbounded structure.
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
  /** The lines received now (quantity > 0). Empty when every line of the entry was 0: nothing to receive. */
  lines: ReceiptLine[];
  /** Information for the report (not problems): lines with quantity 0, left out of this delivery. */
  notes?: EntryProblem[];
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
const ZERO_NOTE_ACTION = 'Information only, nothing to do: a quantity of 0 means the line was not received in this delivery. Send it in a later receipt when the goods arrive.';

/**
 * Bounds on what the parser accepts, checked on the raw text before JSON.parse. A receipt file is 6 levels
 * deep at most (array > entry > purchaseOrderItems > item > shipmentReceipts > receipt); 32 leaves room for
 * extra fields HotWax may add. 10 MB is N/file's getContents() limit (NETSUITE.md 7) and far above a real
 * delivery (1,000 entries are ~100 kB); 10,000 entries keep getInputData's output well inside one run.
 */
export const FEED_LIMITS = { maxBytes: 10 * 1024 * 1024, maxDepth: 32, maxEntries: 10_000, maxIdLength: 100 } as const;

const plural = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** Why a file of this size (bytes, from the SFTP listing) is not read at all; undefined when it may be read. */
export function refuseSize(bytes: number): string | undefined {
  if (bytes <= FEED_LIMITS.maxBytes) return undefined;
  return `The file is ${plural(bytes, 'byte')}; at most ${plural(FEED_LIMITS.maxBytes, 'byte')} (10 MB) are read. It was not read; split it into smaller files.`;
}

/**
 * Why the text must not be handed to JSON.parse (undefined when it may be): too long, NUL bytes (a binary
 * or damaged file), U+FFFD (the bytes were not UTF-8: the download decodes them to the replacement
 * character), nested deeper than FEED_LIMITS.maxDepth, or more top-level elements than maxEntries.
 * One pass, no recursion; strings (and their escapes) are skipped so brackets inside them do not count.
 * Unbalanced or otherwise invalid text is left to JSON.parse, which reports it iteratively-safe because
 * the depth is already bounded.
 */
export function checkFeedText(text: string): string | undefined {
  if (text.length > FEED_LIMITS.maxBytes) return refuseSize(text.length);
  const nul = text.indexOf('\u0000');
  if (nul >= 0) return `The file contains a NUL byte (character ${nul + 1}): it is a binary or damaged file, not JSON text.`;
  const bad = text.indexOf('\uFFFD');
  if (bad >= 0) return `The file is not valid UTF-8 text: the bytes at character ${bad + 1} cannot be read (or it holds the replacement character U+FFFD). HotWax must send UTF-8 JSON.`;
  let depth = 0;
  let deepest = 0;
  let topLevel = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i += 1; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth += 1;
      if (depth > deepest) deepest = depth;
      if (depth === 2 && topLevel === 0) topLevel = 1;
    } else if (c === 0x5d || c === 0x7d) depth -= 1;
    else if (c === 0x2c && depth === 1) topLevel += 1;
  }
  if (deepest > FEED_LIMITS.maxDepth) {
    return `The file is nested ${deepest.toLocaleString('en-US')} levels deep; at most ${FEED_LIMITS.maxDepth} are allowed (a receipt file is 6 deep). It was not parsed.`;
  }
  if (topLevel > FEED_LIMITS.maxEntries) {
    return `The file holds about ${plural(topLevel, 'entry', 'entries')}; at most ${plural(FEED_LIMITS.maxEntries, 'entry', 'entries')} are read from one file. Split it into smaller files.`;
  }
  return undefined;
}

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

/**
 * A received quantity sent as a number or a numeric string; zero or above. 0 is valid: the line was not
 * received in this delivery (the caller leaves it out and notes it).
 */
export function parseQuantity(value: Json | undefined): QuantityCheck {
  let n: number;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string' && /^\s*[+-]?(\d+(\.\d*)?|\.\d+)\s*$/.test(value)) n = Number(value);
  else return { ok: false, problem: `quantity ${show(value)} is not a number` };
  if (!Number.isFinite(n)) return { ok: false, problem: `quantity ${show(value)} is not a number` };
  if (n === 0) return { ok: true, value: 0 };
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

/** Control characters (NUL, line breaks, DEL...) as spaces, so that a report cell stays one readable line. */
function blankControls(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out += c < 0x20 || c === 0x7f ? ' ' : text.charAt(i);
  }
  return out;
}

/** A message safe to put in a report: no control characters, at most 300 characters. */
const printable = (text: string): string => blankControls(text.length > 300 ? `${text.slice(0, 297)}...` : text);

export function parseReceiptFile(text: string): ReceiptFile {
  const empty = (fileError: string, fingerprint = ''): ReceiptFile => ({ fileError, fingerprint, entries: [], rejected: [], total: 0 });
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') return empty('The file is empty.');
  const refused = checkFeedText(body);
  if (refused !== undefined) return empty(refused);
  let parsed: Json;
  try {
    parsed = JSON.parse(body) as Json;
  } catch (err) {
    return empty(printable(`The file is not valid JSON (${err instanceof Error ? err.message : String(err)}).`));
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
  /** Detailed shape: ids of the shipment receipts that accepted 0 (left out), for the note. */
  zeroReceipts?: string;
}

function parseEntry(element: Json, index: number): ReceiptEntry | RejectedEntry {
  if (!isObject(element)) {
    return { index, order: '', problems: [{ lineId: '', problem: `Entry ${index + 1} is ${describeJson(element)}, not a receipt object.`, action: SEND_AGAIN }] };
  }
  return 'purchaseOrderItems' in element ? parseDetailed(element, index) : parseDocumented(element, index);
}

/** An id as sent, for reports and memos: trimmed, control characters blanked, at most maxIdLength characters. */
const idText = (value: Json | undefined): string => {
  const text = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
  return blankControls(text.length > FEED_LIMITS.maxIdLength ? `${text.slice(0, FEED_LIMITS.maxIdLength - 3)}...` : text);
};

function parseDocumented(entry: JsonObject, index: number): ReceiptEntry | RejectedEntry {
  const problems: EntryProblem[] = [];
  const order = idText(entry.order_id);
  const poId = parseId(entry.order_id);
  if (poId === undefined) {
    problems.push({ lineId: '', problem: `order_id ${show(entry.order_id)} is not a NetSuite purchase order internal id.`, action: `${SEND_AGAIN} order_id must be the PO internal id HotWax received in the PO export.` });
  }
  const drafts: ItemDraft[] = [];
  const notes: EntryProblem[] = [];
  const items = entry.items;
  if (!Array.isArray(items) || items.length === 0) {
    problems.push({ lineId: '', problem: Array.isArray(items) ? 'items is empty: the entry receives nothing.' : `items ${show(items)} is not a list of PO lines.`, action: SEND_AGAIN });
  } else {
    items.forEach((item, i) => {
      if (!isObject(item)) {
        problems.push({ lineId: '', problem: `Item ${i + 1} is ${describeJson(item)}, not an object with line_id and quantity.`, action: SEND_AGAIN });
        return;
      }
      const zeroNote = (sent: Json | undefined): void => {
        notes.push({ lineId: idText(item.line_id), problem: `Line ${idText(item.line_id) || '?'}: quantity ${show(sent)}, not received in this delivery.`, action: ZERO_NOTE_ACTION });
      };
      const lineId = parseId(item.line_id);
      if (lineId === undefined) problems.push({ lineId: idText(item.line_id), problem: `line_id ${show(item.line_id)} is not a PO line id.`, action: `${SEND_AGAIN} line_id must be the PO line id from the PO export (item-external-id).` });
      const quantity = parseQuantity(item.quantity);
      if (!quantity.ok) problems.push({ lineId: idText(item.line_id), problem: `Line ${idText(item.line_id) || '?'}: ${quantity.problem}.`, action: SEND_AGAIN });
      drafts.push({ position: i + 1, lineId, lineShown: idText(item.line_id), quantity: quantity.ok ? quantity.value : undefined, receipts: [] });
      if (quantity.ok && quantity.value === 0) zeroNote(item.quantity);
    });
  }
  return finish(index, 'documented', order, poId, '', drafts, problems, notes);
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
  const notes: EntryProblem[] = [];
  const items = entry.purchaseOrderItems;
  if (!Array.isArray(items) || items.length === 0) {
    problems.push({ lineId: '', problem: Array.isArray(items) ? 'purchaseOrderItems is empty: the entry receives nothing.' : `purchaseOrderItems ${show(items)} is not a list of order items.`, action: SEND_AGAIN });
  } else {
    items.forEach((item, i) => {
      const draft = parseDetailedItem(item, i, problems);
      if (!draft) return;
      drafts.push(draft);
      if (draft.quantity === 0) {
        notes.push({ lineId: draft.lineShown, problem: `Line ${draft.lineShown || '?'}: 0 accepted${draft.zeroReceipts ? ` (shipment receipt ${draft.zeroReceipts})` : ''}, not received in this delivery.`, action: ZERO_NOTE_ACTION });
      }
    });
    if (problems.length === 0 && drafts.length === 0) {
      notes.push({ lineId: '', problem: 'No item has shipment receipts: nothing was received in this entry.', action: 'Information only, nothing to do if HotWax has not received anything on this PO yet.' });
    }
  }
  return finish(index, 'detailed', order, poId, hotwaxOrderId, drafts, problems, notes);
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
  const zeroIds: string[] = [];
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
      const receiptId = isObject(receipt) ? idText(receipt.receiptId) : '';
      if (isObject(receipt) && typeof receipt.receiptId === 'string' && receipt.receiptId.trim().length > FEED_LIMITS.maxIdLength) {
        problems.push({ lineId: lineShown, problem: `Line ${lineShown || '?'}: receiptId ${show(receipt.receiptId)} is ${receipt.receiptId.trim().length} characters long; at most ${FEED_LIMITS.maxIdLength} are accepted.`, action: SEND_AGAIN });
        quantity = undefined;
        continue;
      }
      // Accepted 0: this shipment receipt brought nothing of the line; it is left out (and not stamped).
      if (accepted.value === 0) {
        if (receiptId) zeroIds.push(receiptId);
        continue;
      }
      if (quantity !== undefined) quantity += accepted.value;
      receipts.push({ receiptId, quantity: accepted.value });
    }
  }
  const sku = typeof item.sku === 'string' && item.sku.trim() !== '' ? idText(item.sku) : undefined;
  return { position: i + 1, lineId, lineShown, quantity: quantity === undefined ? undefined : Math.round(quantity * 1e6) / 1e6, ...(sku ? { sku } : {}), receipts, ...(zeroIds.length > 0 ? { zeroReceipts: zeroIds.join(', ') } : {}) };
}

function finish(index: number, shape: ReceiptShape, order: string, poId: string | undefined, hotwaxOrderId: string, drafts: ItemDraft[], problems: EntryProblem[], notes: EntryProblem[]): ReceiptEntry | RejectedEntry {
  const firstPosition = new Map<string, number>();
  for (const d of drafts) {
    if (d.lineId === undefined) continue;
    const first = firstPosition.get(d.lineId);
    if (first === undefined) firstPosition.set(d.lineId, d.position);
    else problems.push({ lineId: d.lineShown, problem: `Line ${d.lineId} appears more than once in this entry (items ${first} and ${d.position}).`, action: `${SEND_AGAIN} Send one item per PO line with the total received.` });
  }
  if (problems.length > 0 || poId === undefined) return { index, order, problems };
  // Lines of quantity 0 are not received now (they still took part in the duplicate check above).
  const lines: ReceiptLine[] = drafts.filter((d) => (d.quantity ?? 0) > 0).map((d) => ({ lineId: d.lineId ?? '', quantity: d.quantity ?? 0, ...(d.sku ? { sku: d.sku } : {}), receipts: d.receipts }));
  return { index, shape, poId, hotwaxOrderId, lines, ...(notes.length > 0 ? { notes } : {}) };
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
