/**
 * Item receipts from HotWax: finding the ones already made (by External ID, and the HotWax shipment receipt
 * ids stamped on their lines, one search for a whole reduce batch) and making one from a plan with
 * record.transform (NETSUITE.md 4.4: transform 10 units, save 20). The transform is also how the flow reads
 * the purchase order: it returns every receivable line with its order line, item, remaining quantity and
 * location, so no record.load is needed on the way to a receipt.
 */
import * as record from 'N/record';
import * as search from 'N/search';
import { chunk, forEachResult, textValue } from './pagedSearch';
import { canonicalLineId } from './purchaseOrders';
import { errorCode, errorMessage, IntegrationError } from '../core/integrationError';
import type { PlannedLine, ReceivableLine } from '../core/receipts/plan';
import type { FoundReceipt } from '../core/receipts/outcome';

/** Body field: the HotWax Feed File (tracking record) of the delivery that made the receipt. */
export const RECEIPT_FEED_FILE_FIELD = 'custbody_hwx_receipt_feed_file';
/** Line field: the HotWax shipment receipt ids received on the line, comma-separated. */
export const RECEIPT_IDS_FIELD = 'custcol_hwx_receipt_ids';

/** HotWax shipment receipt id -> internal id of the item receipt that holds it, per purchase order. */
export type PostedReceiptIds = Map<string, Map<string, string>>;

/**
 * The HotWax shipment receipt ids stamped on the lines of every item receipt created from these purchase
 * orders (one paged search for all of them: 5 units, + 5 per page of 1,000 lines).
 */
export function findPostedReceiptIds(poIds: readonly string[]): PostedReceiptIds {
  const out: PostedReceiptIds = new Map();
  for (const part of chunk(poIds, 1000)) {
    forEachResult(
      search.create({
        type: search.Type.ITEM_RECEIPT,
        filters: [['createdfrom', 'anyof', part], 'AND', ['mainline', 'is', 'F']],
        columns: ['createdfrom', RECEIPT_IDS_FIELD].map((name) => search.createColumn({ name })),
      }),
      (r) => {
        const ids = textValue(r, RECEIPT_IDS_FIELD);
        if (!ids) return;
        const po = textValue(r, 'createdfrom');
        const ofPo = out.get(po) ?? new Map<string, string>();
        out.set(po, ofPo);
        for (const id of ids.split(',')) if (id.trim()) ofPo.set(id.trim(), r.id);
      },
    );
  }
  return out;
}

/**
 * Item receipts with these External IDs: reduce's idempotency check for a whole batch, and summarize's check
 * of entries left without an outcome (runPaged 5 units, + 5 per page of 1,000 receipts found).
 */
export function findReceiptsByExternalId(externalIds: readonly string[]): Map<string, FoundReceipt> {
  const found = new Map<string, FoundReceipt>();
  for (const part of chunk(externalIds, 1000)) {
    forEachResult(
      search.create({
        type: search.Type.ITEM_RECEIPT,
        filters: [['externalid', 'anyof', part], 'AND', ['mainline', 'is', 'T']],
        columns: ['externalid', RECEIPT_FEED_FILE_FIELD].map((name) => search.createColumn({ name })),
      }),
      (r) => found.set(textValue(r, 'externalid'), { receiptId: r.id, feedFileId: textValue(r, RECEIPT_FEED_FILE_FIELD) }),
    );
  }
  return found;
}

/** What a PO line's item needs on a receipt line that HotWax's feed cannot give (inventory detail, NETSUITE.md 4.1). */
export type DetailNeed = 'lot numbers' | 'serial numbers' | 'bins';

/**
 * The lines of these purchase orders whose item needs an inventory detail on a receipt: lot-numbered and
 * serialized items, and bin items at a line location that uses bins (one paged search for a whole reduce
 * batch: runPaged 5 units, + 5 per page of 1,000 lines). Item search columns islotitem / isserialitem / usebins through
 * the line's item and location joins [U: docs/sandbox-checklist.md].
 */
export function findLinesNeedingDetail(poIds: readonly string[]): Map<string, Map<string, DetailNeed>> {
  const out = new Map<string, Map<string, DetailNeed>>();
  for (const part of chunk(poIds, 1000)) {
    forEachResult(
      search.create({
        type: search.Type.PURCHASE_ORDER,
        filters: [['internalid', 'anyof', part], 'AND', ['mainline', 'is', 'F']],
        columns: [
          search.createColumn({ name: 'line' }),
          search.createColumn({ name: 'islotitem', join: 'item' }),
          search.createColumn({ name: 'isserialitem', join: 'item' }),
          search.createColumn({ name: 'usebins', join: 'item' }),
          search.createColumn({ name: 'usebins', join: 'location' }),
        ],
      }),
      (r) => {
        const flag = (name: string, join: string): boolean => {
          const v = r.getValue({ name, join });
          return v === true || v === 'T';
        };
        const need: DetailNeed | undefined = flag('islotitem', 'item') ? 'lot numbers' : flag('isserialitem', 'item') ? 'serial numbers' : flag('usebins', 'item') && flag('usebins', 'location') ? 'bins' : undefined;
        if (!need) return;
        const ofPo = out.get(r.id) ?? new Map<string, DetailNeed>();
        out.set(r.id, ofPo);
        ofPo.set(canonicalLineId(r.getValue({ name: 'line' })), need);
      },
    );
  }
  return out;
}

export interface NewReceipt {
  externalId: string;
  feedFileId: string;
  memo: string;
  lines: readonly PlannedLine[];
}

const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '');

/** An item receipt transformed from its purchase order, not saved yet, with the lines it offers. */
export interface OpenedReceipt {
  poId: string;
  record: record.Record;
  lines: ReceivableLine[];
}

export type TransformResult = { ok: true; receipt: OpenedReceipt } | { ok: false; code: string; message: string };

/**
 * record.transform of the purchase order into an item receipt (10 units). The receipt offers one line per PO
 * line that is open and not fully received, with `orderline`, `item`, `quantityremaining` (the remainder;
 * `quantity` starts at it unless "Default Items to Zero Received" is on) and `location` (NETSUITE.md 4.4;
 * quantityRemaining is in the ItemReceiptItem SOAP schema; its SuiteScript id is [O/U]). NetSuite refuses
 * the transform of a PO that does not exist, is not receivable or has nothing left (INVALID_INITIALIZE_REF
 * [U]): that comes back as ok=false for the caller to explain.
 */
export function transformPurchaseOrder(poId: string): TransformResult {
  let ir: record.Record;
  try {
    ir = record.transform({ fromType: record.Type.PURCHASE_ORDER, fromId: Number(poId), toType: record.Type.ITEM_RECEIPT, isDynamic: false });
  } catch (err) {
    const code = errorCode(err);
    if (code === 'SSS_USAGE_LIMIT_EXCEEDED') throw err;
    return { ok: false, code, message: errorMessage(err) };
  }
  const lines: ReceivableLine[] = [];
  const count = ir.getLineCount({ sublistId: 'item' });
  for (let line = 0; line < count; line++) {
    const value = (fieldId: string): unknown => ir.getSublistValue({ sublistId: 'item', fieldId, line });
    const remaining = Number(value('quantityremaining'));
    lines.push({
      lineId: canonicalLineId(value('orderline')),
      itemId: text(value('item')),
      itemName: text(ir.getSublistText({ sublistId: 'item', fieldId: 'item', line })),
      remaining: Number.isFinite(remaining) && text(value('quantityremaining')) !== '' ? remaining : Number(value('quantity')) || 0,
      location: text(value('location')),
    });
  }
  return { ok: true, receipt: { poId, record: ir, lines } };
}

/**
 * Saves the transformed receipt so that it receives exactly the planned lines: the transform checks every
 * open line with its remaining quantity (NETSUITE.md 4.4), so every other line is unchecked. Returns the
 * receipt's internal id (save: 20 units). NetSuite's own errors (over-receipt refused by the account, DUP_RCRD
 * for an External ID that exists) are thrown as they are.
 */
export function saveItemReceipt(opened: OpenedReceipt, receipt: NewReceipt): string {
  const ir = opened.record;
  const wanted = new Map(receipt.lines.map((l) => [l.lineId, l]));
  const offered = new Set<string>();
  opened.lines.forEach((offer, line) => {
    const planned = wanted.get(offer.lineId);
    if (!planned) {
      ir.setSublistValue({ sublistId: 'item', fieldId: 'itemreceive', line, value: false });
      return;
    }
    offered.add(offer.lineId);
    ir.setSublistValue({ sublistId: 'item', fieldId: 'itemreceive', line, value: true });
    ir.setSublistValue({ sublistId: 'item', fieldId: 'quantity', line, value: planned.quantity });
    ir.setSublistValue({ sublistId: 'item', fieldId: 'location', line, value: planned.location });
    if (planned.receiptIds.length > 0) ir.setSublistValue({ sublistId: 'item', fieldId: RECEIPT_IDS_FIELD, line, value: planned.receiptIds.join(',') });
  });
  const notOffered = receipt.lines.filter((l) => !offered.has(l.lineId)).map((l) => l.lineId);
  if (notOffered.length > 0) {
    throw new IntegrationError('RECEIPT_LINE_NOT_OFFERED', `NetSuite offers nothing to receive on line(s) ${notOffered.join(', ')} of purchase order ${opened.poId} (closed or fully received meanwhile).`, { poId: opened.poId });
  }
  ir.setValue({ fieldId: 'externalid', value: receipt.externalId });
  ir.setValue({ fieldId: 'memo', value: receipt.memo.slice(0, 999) });
  ir.setValue({ fieldId: RECEIPT_FEED_FILE_FIELD, value: receipt.feedFileId });
  return String(ir.save({ enableSourcing: false, ignoreMandatoryFields: false }));
}
