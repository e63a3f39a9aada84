/**
 * HotWax's transfer-order feeds into NetSuite (docs/feeds.md, "Transfer orders"), parsed into typed entries:
 *  - receipts (transferorderv2/export/receipt/*.json): [{ orderId, fulfillmentId?, shipmentId?, items: [{ line_id, quantity, productId? }] }]
 *  - store fulfillments (transferorderv2/oms-fulfillment/*.json): [{ orderId, shipmentId?, trackingNumber?, items: [{ line_id, quantity, tags? }] }]
 * Ids and quantities may be strings or numbers (HotWax's samples send strings). Each entry is validated on its own:
 * a bad entry is rejected with a reason, the others go on. Pure: no N/*.
 */
import { hash64 } from '../hash';

export type FeedKind = 'receipt' | 'fulfillment';

export interface FeedLine {
  /** HotWax's line_id: the TO line id, or the fulfillment's orderline (TO line + 1); resolved against the TO. */
  lineId: string;
  quantity: number;
  /** HotWax shipment item id when sent (shipmentItemSeqId). */
  hotwaxLineId: string;
  /** Item internal id, when HotWax names one (productId / itemId): an item not on the transfer order. */
  itemId: string;
}

export interface FeedEntry {
  index: number;
  orderId: string;
  fulfillmentId: string;
  shipmentId: string;
  trackingNumber: string;
  lines: FeedLine[];
  /** Idempotency key: the same entry delivered again (any file name) has the same key. */
  key: string;
}

export interface RejectedEntry {
  index: number;
  orderId: string;
  problem: string;
  action: string;
}

export interface ParsedFeed {
  fileError?: string;
  entries: FeedEntry[];
  rejected: RejectedEntry[];
}

/** Files larger than this are failed without parsing (a receipt feed of 1,000 transfers x 50 lines is ~3 MB). */
export const MAX_FEED_BYTES = 9_000_000;
export const MAX_ENTRIES = 5_000;
export const MAX_LINES_PER_ENTRY = 500;

const ID = /^[0-9]{1,12}$/;

function idOf(value: unknown): string {
  if (typeof value === 'number' && Number.isInteger(value) && value > 0) return String(value);
  if (typeof value === 'string' && ID.test(value.trim())) return value.trim();
  return '';
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return value.trim().slice(0, 100);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return '';
}

function quantityOf(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value) ? Number(value) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function parseTransferFeed(text: string, kind: FeedKind): ParsedFeed {
  if (text.length > MAX_FEED_BYTES) return { fileError: `The file is over ${MAX_FEED_BYTES} bytes; split it into smaller files.`, entries: [], rejected: [] };
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    return { fileError: `The file is not valid JSON (${err instanceof Error ? err.message.slice(0, 200) : 'parse error'}). Nothing in it was applied; fix it and send it again.`, entries: [], rejected: [] };
  }
  if (isObject(data)) data = [data];
  if (!Array.isArray(data)) return { fileError: 'The file must hold a JSON array of transfer order entries. Nothing in it was applied.', entries: [], rejected: [] };
  if (data.length > MAX_ENTRIES) return { fileError: `The file has ${data.length} entries; at most ${MAX_ENTRIES} are read from one file. Split it.`, entries: [], rejected: [] };
  const entries: FeedEntry[] = [];
  const rejected: RejectedEntry[] = [];
  data.forEach((raw: unknown, index) => {
    const reject = (orderId: string, problem: string, action: string): void => void rejected.push({ index, orderId, problem, action });
    if (!isObject(raw)) return reject('', 'The entry is not a JSON object.', 'Send each transfer order as an object with orderId and items.');
    const orderId = idOf(raw.orderId ?? raw.order_id ?? raw.transferOrderId);
    if (!orderId) return reject(textOf(raw.orderId), 'orderId is missing or not a NetSuite internal id.', 'Send the transfer order internal id (as exported in identifications NETSUITE_ORDER_ID).');
    const fulfillmentId = idOf(raw.fulfillmentId);
    if (raw.fulfillmentId !== undefined && raw.fulfillmentId !== null && raw.fulfillmentId !== '' && !fulfillmentId) {
      return reject(orderId, `fulfillmentId ${textOf(raw.fulfillmentId)} is not a NetSuite internal id.`, 'Send the item fulfillment id from the fulfillment export (externalId), or leave it out.');
    }
    const items = raw.items;
    if (!Array.isArray(items) || items.length === 0) return reject(orderId, 'The entry has no items.', 'List the received or shipped lines in items.');
    if (items.length > MAX_LINES_PER_ENTRY) return reject(orderId, `The entry has ${items.length} items; at most ${MAX_LINES_PER_ENTRY}.`, 'Split the entry.');
    const lines: FeedLine[] = [];
    for (const [i, item] of items.entries()) {
      if (!isObject(item)) return reject(orderId, `Item ${i + 1} is not a JSON object.`, 'Send line_id and quantity per item.');
      const lineId = idOf(item.line_id ?? item.lineId);
      const itemId = idOf(item.productId ?? item.itemId);
      if (!lineId && !itemId) return reject(orderId, `Item ${i + 1} has no line_id.`, 'Send the transfer order line id (line_id) of each item.');
      const quantity = quantityOf(item.quantity);
      if (quantity === undefined || quantity < 0 || quantity > 1_000_000) {
        return reject(orderId, `Item ${i + 1} (line ${lineId || '?'}) has quantity ${textOf(item.quantity) || 'missing'}; a quantity is a number from 0 up.`, 'Fix the quantity and send the entry again.');
      }
      lines.push({ lineId, quantity, hotwaxLineId: textOf(item.shipmentItemSeqId ?? item.externalId), itemId: lineId ? '' : itemId });
    }
    const shipmentId = textOf(raw.shipmentId ?? raw.receiptId);
    const trackingNumber = textOf(raw.trackingNumber);
    const canonical = JSON.stringify([kind, orderId, fulfillmentId, shipmentId, lines.map((l) => [l.lineId, l.itemId, l.quantity])]);
    entries.push({ index, orderId, fulfillmentId, shipmentId, trackingNumber, lines, key: hash64(canonical).toUpperCase() });
  });
  return { entries, rejected };
}

/** External ID of what an entry creates: HWX-TOR-<key> (item receipt), HWX-TOF-<key> (fulfillment), HWX-TOA-<key> (write-off). */
export function externalIdOf(kind: 'receipt' | 'fulfillment' | 'writeoff', key: string): string {
  return `${kind === 'receipt' ? 'HWX-TOR' : kind === 'fulfillment' ? 'HWX-TOF' : 'HWX-TOA'}-${key}`;
}
