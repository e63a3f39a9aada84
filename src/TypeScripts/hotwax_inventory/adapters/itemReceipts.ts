/**
 * Item receipts from HotWax: finding the ones already made (by External ID, by purchase order, and the
 * HotWax shipment receipt ids stamped on their lines) and making one from a plan with record.transform
 * (NETSUITE.md 4.4: transform 10 units, save 20).
 */
import * as record from 'N/record';
import * as search from 'N/search';
import { chunk, forEachResult, textValue } from './pagedSearch';
import { canonicalLineId } from './purchaseOrders';
import { IntegrationError } from '../core/integrationError';
import type { PlannedLine } from '../core/receipts/plan';
import type { FoundReceipt } from '../core/receipts/outcome';

/** Body field: the HotWax Feed File (tracking record) of the delivery that made the receipt. */
export const RECEIPT_FEED_FILE_FIELD = 'custbody_hwx_receipt_feed_file';
/** Line field: the HotWax shipment receipt ids received on the line, comma-separated. */
export const RECEIPT_IDS_FIELD = 'custcol_hwx_receipt_ids';

export interface ReceiptsOfPurchaseOrder {
  byExternalId: Map<string, FoundReceipt>;
  /** HotWax shipment receipt id -> internal id of the item receipt that holds it. */
  receiptIds: Map<string, string>;
}

/** Every item receipt created from the purchase order, read line by line (one paged search: 10 units). */
export function findReceiptsOfPurchaseOrder(poId: string): ReceiptsOfPurchaseOrder {
  const out: ReceiptsOfPurchaseOrder = { byExternalId: new Map(), receiptIds: new Map() };
  forEachResult(
    search.create({
      type: search.Type.ITEM_RECEIPT,
      filters: [['createdfrom', 'anyof', poId], 'AND', ['mainline', 'is', 'F']],
      columns: ['externalid', RECEIPT_FEED_FILE_FIELD, RECEIPT_IDS_FIELD].map((name) => search.createColumn({ name })),
    }),
    (r) => {
      const externalId = textValue(r, 'externalid');
      if (externalId) out.byExternalId.set(externalId, { receiptId: r.id, feedFileId: textValue(r, RECEIPT_FEED_FILE_FIELD) });
      for (const id of textValue(r, RECEIPT_IDS_FIELD).split(',')) if (id.trim()) out.receiptIds.set(id.trim(), r.id);
    },
  );
  return out;
}

/** Item receipts with these External IDs (summarize's check of entries left without an outcome). */
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

export interface NewReceipt {
  poId: string;
  externalId: string;
  feedFileId: string;
  memo: string;
  lines: readonly PlannedLine[];
}

/**
 * Transforms the purchase order into an item receipt that receives exactly the planned lines: the transform
 * checks every open line with its remaining quantity (NETSUITE.md 4.4), so every other line is unchecked.
 * Returns the receipt's internal id. NetSuite's own errors (over-receipt refused by the account, a line
 * closed meanwhile, DUP_RCRD for an External ID that exists) are thrown as they are.
 */
export function createItemReceipt(receipt: NewReceipt): string {
  const ir = record.transform({ fromType: record.Type.PURCHASE_ORDER, fromId: Number(receipt.poId), toType: record.Type.ITEM_RECEIPT, isDynamic: false });
  const wanted = new Map(receipt.lines.map((l) => [l.lineId, l]));
  const offered = new Set<string>();
  const count = ir.getLineCount({ sublistId: 'item' });
  for (let line = 0; line < count; line++) {
    const orderLine = canonicalLineId(ir.getSublistValue({ sublistId: 'item', fieldId: 'orderline', line }));
    const planned = wanted.get(orderLine);
    if (!planned) {
      ir.setSublistValue({ sublistId: 'item', fieldId: 'itemreceive', line, value: false });
      continue;
    }
    offered.add(orderLine);
    ir.setSublistValue({ sublistId: 'item', fieldId: 'itemreceive', line, value: true });
    ir.setSublistValue({ sublistId: 'item', fieldId: 'quantity', line, value: planned.quantity });
    ir.setSublistValue({ sublistId: 'item', fieldId: 'location', line, value: planned.location });
    if (planned.receiptIds.length > 0) ir.setSublistValue({ sublistId: 'item', fieldId: RECEIPT_IDS_FIELD, line, value: planned.receiptIds.join(',') });
  }
  const notOffered = receipt.lines.filter((l) => !offered.has(l.lineId)).map((l) => l.lineId);
  if (notOffered.length > 0) {
    throw new IntegrationError('RECEIPT_LINE_NOT_OFFERED', `NetSuite offers nothing to receive on line(s) ${notOffered.join(', ')} of purchase order ${receipt.poId} (closed or fully received meanwhile).`, { poId: receipt.poId });
  }
  ir.setValue({ fieldId: 'externalid', value: receipt.externalId });
  ir.setValue({ fieldId: 'memo', value: receipt.memo.slice(0, 999) });
  ir.setValue({ fieldId: RECEIPT_FEED_FILE_FIELD, value: receipt.feedFileId });
  return String(ir.save({ enableSourcing: false, ignoreMandatoryFields: false }));
}
