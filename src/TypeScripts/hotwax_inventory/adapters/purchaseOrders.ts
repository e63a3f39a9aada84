/**
 * Reads a purchase order as the receipt planner needs it: status and, per line, item, quantities, location
 * and whether it is closed (NETSUITE.md 4.3). One record.load (10 units). The receipt flow reads the lines it
 * receives from the transformed item receipt (adapters/itemReceipts.ts) and loads the PO only to explain an
 * entry it cannot receive (unknown PO or line, closed, fully received, not receivable).
 */
import * as record from 'N/record';
import { errorCode } from '../core/integrationError';
import { parseId } from '../core/receipts/feed';
import type { PurchaseOrderLine, PurchaseOrderSnapshot } from '../core/receipts/plan';

const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '');
const num = (v: unknown): number => {
  const n = Number(v);
  return Number.isFinite(n) ? n : 0;
};
/** Line ids as canonical decimal strings, the form the feed parser gives ("01" -> "1"). */
export const canonicalLineId = (v: unknown): string => parseId(text(v)) ?? text(v).trim();

/** The purchase order, or null when no purchase order has this internal id. */
export function loadPurchaseOrder(id: string): PurchaseOrderSnapshot | null {
  let po: record.Record;
  try {
    po = record.load({ type: record.Type.PURCHASE_ORDER, id: Number(id) });
  } catch (err) {
    if (errorCode(err) === 'RCRD_DSNT_EXIST') return null;
    throw err;
  }
  const bodyLocation = text(po.getValue({ fieldId: 'location' }));
  const lines: PurchaseOrderLine[] = [];
  const count = po.getLineCount({ sublistId: 'item' });
  for (let line = 0; line < count; line++) {
    const value = (fieldId: string): unknown => po.getSublistValue({ sublistId: 'item', fieldId, line });
    const closed = value('isclosed');
    lines.push({
      lineId: canonicalLineId(value('line')),
      itemId: text(value('item')),
      itemName: text(po.getSublistText({ sublistId: 'item', fieldId: 'item', line })),
      quantity: num(value('quantity')),
      received: num(value('quantityreceived')),
      location: text(value('location')) || bodyLocation,
      closed: closed === true || closed === 'T',
    });
  }
  return { id, tranId: text(po.getValue({ fieldId: 'tranid' })), status: text(po.getValue({ fieldId: 'statusref' })), lines };
}
