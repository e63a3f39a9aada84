/**
 * Which PO lines an entry receives, given the purchase order as NetSuite holds it now. The plan is what the
 * item receipt will be: exactly the entry's lines with the entry's quantities, each at its PO line's location,
 * and nothing else (the transform pre-checks every open line; the adapter unchecks all the others).
 *
 * An entry is received whole or not at all (see feed.ts). Pure: no N/* import.
 */
import type { EntryProblem, ReceiptEntry } from './feed';

export interface PurchaseOrderLine {
  /** PO line id (`line`), canonical decimal string. */
  lineId: string;
  itemId: string;
  /** The item's name as NetSuite shows it on the line (e.g. "WJ08-XS-Orange", or "Parent : Child"). */
  itemName: string;
  quantity: number;
  received: number;
  /** The line's location, or the PO's when the line has none; '' when neither is set. */
  location: string;
  closed: boolean;
}

export interface PurchaseOrderSnapshot {
  id: string;
  /** PO number (tranid), for messages. */
  tranId: string;
  /** statusref code (NETSUITE.md 4.3), e.g. pendingReceipt. */
  status: string;
  lines: PurchaseOrderLine[];
}

/** Statuses an item receipt can be created from: nothing, or not everything, received yet (NETSUITE.md 4.3). */
export const RECEIVABLE_STATUSES: readonly string[] = ['pendingReceipt', 'partiallyReceived', 'pendingBillPartReceived'];

const STATUS_TEXT: Record<string, string> = {
  pendingSupApproval: 'Pending Supervisor Approval',
  rejected: 'Rejected by Supervisor',
  pendingReceipt: 'Pending Receipt',
  partiallyReceived: 'Partially Received',
  pendingBillPartReceived: 'Pending Billing/Partially Received',
  pendingBilling: 'Pending Bill',
  fullyBilled: 'Fully Billed',
  closed: 'Closed',
};

export const statusText = (status: string): string => STATUS_TEXT[status] ?? status;

export interface PlannedLine {
  lineId: string;
  itemId: string;
  quantity: number;
  location: string;
  /** HotWax shipment receipt ids received on this line now (detailed shape). */
  receiptIds: string[];
  /** Quantity above what remained on the line (only when overage is allowed). */
  overage: number;
}

export type ReceiptPlan =
  /** `byHand`: lines left for a person (their item needs lot/serial numbers or bins the feed cannot carry). */
  | { kind: 'receive'; lines: PlannedLine[]; byHand: EntryProblem[] }
  | { kind: 'reject'; problems: EntryProblem[] }
  /** Every shipment receipt of the entry is already on a NetSuite item receipt. */
  | { kind: 'nothing-new' };

export interface PlanOptions {
  /** Receive more than remains on a line (NetSuite must also allow it: "Allow Overage on Item Receipts"). */
  allowOverage: boolean;
  /** HotWax shipment receipt ids already on item receipts of this PO. */
  postedReceiptIds: ReadonlySet<string>;
  /** The script parameter that allows overage, named in messages. */
  overageParameter: string;
  /** PO line id -> what its item needs on a receipt line that the feed cannot give (lot numbers, serial numbers, bins). */
  detailNeeded?: ReadonlyMap<string, string>;
}

const NOT_RECEIVED = 'Nothing of this entry was received.';

function statusProblem(po: PurchaseOrderSnapshot): EntryProblem {
  const name = `Purchase order ${po.tranId || po.id} (internal id ${po.id})`;
  const what = `${name} is ${statusText(po.status)}: it cannot be received.`;
  switch (po.status) {
    case 'pendingBilling':
    case 'fullyBilled':
      return { lineId: '', problem: `${what} Everything on it was received already.`, action: `${NOT_RECEIVED} Check in HotWax whether this receipt was sent twice; if goods really arrived beyond the order, raise a new PO.` };
    case 'closed':
      return { lineId: '', problem: what, action: `${NOT_RECEIVED} Reopen the PO lines in NetSuite if the goods are to be received on it, then send the entry again.` };
    case 'pendingSupApproval':
    case 'rejected':
      return { lineId: '', problem: what, action: `${NOT_RECEIVED} Approve the PO in NetSuite, then send the entry again.` };
    default:
      return { lineId: '', problem: what, action: `${NOT_RECEIVED} Check the PO in NetSuite, then send the entry again.` };
  }
}

/** A SKU matches an item name written "SKU" or "Parent : SKU" (matrix items), ignoring case. */
export function skuMatches(sku: string, itemName: string): boolean {
  const wanted = sku.trim().toLowerCase();
  const name = itemName.trim().toLowerCase();
  return name === wanted || name.split(' : ').pop() === wanted;
}

const round = (n: number): number => Math.round(n * 1e6) / 1e6;

export function planReceipt(entry: ReceiptEntry, po: PurchaseOrderSnapshot | null, options: PlanOptions): ReceiptPlan {
  if (po === null) {
    return {
      kind: 'reject',
      problems: [{ lineId: '', problem: `Purchase order ${entry.poId} does not exist in NetSuite.`, action: `${NOT_RECEIVED} Check the PO internal id HotWax sent (order_id, or the order's External ID); it must come from the PO export.` }],
    };
  }
  if (!RECEIVABLE_STATUSES.includes(po.status)) return { kind: 'reject', problems: [statusProblem(po)] };

  const poName = po.tranId || po.id;
  const poLines = new Map(po.lines.map((l) => [l.lineId, l]));
  const problems: EntryProblem[] = [];
  const planned: PlannedLine[] = [];
  const byHand: EntryProblem[] = [];
  let skippedAsPosted = 0;
  for (const line of entry.lines) {
    // Detailed shape: receipts already on a NetSuite item receipt are not received again.
    const receipts = line.receipts.filter((r) => r.receiptId === '' || !options.postedReceiptIds.has(r.receiptId));
    if (line.receipts.length > 0 && receipts.length === 0) {
      skippedAsPosted += 1;
      continue;
    }
    const quantity = line.receipts.length > 0 ? round(receipts.reduce((n, r) => n + r.quantity, 0)) : line.quantity;
    const poLine = poLines.get(line.lineId);
    if (!poLine) {
      problems.push({ lineId: line.lineId, problem: `Line ${line.lineId} does not exist on purchase order ${poName} (its lines are ${po.lines.map((l) => l.lineId).join(', ') || 'none'}).`, action: `${NOT_RECEIVED} Send the PO line id from the PO export (item-external-id).` });
      continue;
    }
    if (line.sku !== undefined && !skuMatches(line.sku, poLine.itemName)) {
      problems.push({ lineId: line.lineId, problem: `Line ${line.lineId} of purchase order ${poName} is item ${poLine.itemName}, but HotWax received SKU ${line.sku}.`, action: `${NOT_RECEIVED} Check which PO line HotWax received against (orderItemExternalId / orderItemSeqId).` });
      continue;
    }
    if (poLine.closed) {
      problems.push({ lineId: line.lineId, problem: `Line ${line.lineId} (${poLine.itemName}) of purchase order ${poName} is closed.`, action: `${NOT_RECEIVED} Reopen the line in NetSuite if the goods are to be received on it, then send the entry again.` });
      continue;
    }
    if (poLine.location === '') {
      problems.push({ lineId: line.lineId, problem: `Line ${line.lineId} (${poLine.itemName}) of purchase order ${poName} has no location, so NetSuite cannot tell where the stock arrived.`, action: `${NOT_RECEIVED} Set the location on the PO line (or the PO) in NetSuite, then send the entry again.` });
      continue;
    }
    const need = options.detailNeeded?.get(line.lineId);
    if (need !== undefined) {
      // NetSuite refuses a receipt line of such an item without its inventory detail (NETSUITE.md 4.1); the
      // feed carries none, so the line is left for a person and the entry's other lines are received.
      byHand.push({
        lineId: line.lineId,
        problem: `Line ${line.lineId} (${poLine.itemName}) of purchase order ${poName} needs ${need} on the receipt, which the HotWax feed does not carry; it was not received.`,
        action: `Receive this line by hand in NetSuite (Transactions > Purchases > Receive Orders, purchase order ${poName}) with its ${need}. The entry's other lines were received.`,
      });
      continue;
    }
    const remaining = round(Math.max(0, poLine.quantity - poLine.received));
    if (remaining === 0) {
      problems.push({ lineId: line.lineId, problem: `Line ${line.lineId} (${poLine.itemName}) of purchase order ${poName} is fully received already (ordered ${poLine.quantity}, received ${poLine.received}); ${quantity} more cannot be received.`, action: `${NOT_RECEIVED} Check in HotWax whether this receipt was sent twice.` });
      continue;
    }
    if (quantity > remaining && !options.allowOverage) {
      problems.push({
        lineId: line.lineId,
        problem: `Line ${line.lineId} (${poLine.itemName}) of purchase order ${poName}: ${quantity} received but only ${remaining} remain (ordered ${poLine.quantity}, received before ${poLine.received}).`,
        action: `${NOT_RECEIVED} Check the count with the store. To accept over-receipts, check the script parameter ${options.overageParameter} and turn on "Allow Overage on Item Receipts" in NetSuite.`,
      });
      continue;
    }
    planned.push({
      lineId: line.lineId,
      itemId: poLine.itemId,
      quantity,
      location: poLine.location,
      receiptIds: receipts.map((r) => r.receiptId).filter((id) => id !== ''),
      overage: round(Math.max(0, quantity - remaining)),
    });
  }
  if (problems.length > 0) return { kind: 'reject', problems: [...problems, ...byHand] };
  if (planned.length === 0 && byHand.length > 0) return { kind: 'reject', problems: byHand.map((p) => ({ ...p, action: p.action.replace(" The entry's other lines were received.", '') })) };
  if (planned.length === 0 && skippedAsPosted > 0) return { kind: 'nothing-new' };
  return { kind: 'receive', lines: planned, byHand };
}

/**
 * Detailed shape: every shipment receipt of every line of the entry is already on an item receipt of the PO,
 * so there is nothing new to receive (decided before the PO is transformed: it costs no units).
 */
export function nothingNew(entry: ReceiptEntry, postedReceiptIds: ReadonlySet<string>): boolean {
  return entry.lines.length > 0 && entry.lines.every((l) => l.receipts.length > 0 && l.receipts.every((r) => r.receiptId !== '' && postedReceiptIds.has(r.receiptId)));
}

/** A PO line as the item receipt transformed from the PO shows it (NETSUITE.md 4.4). */
export interface ReceivableLine {
  lineId: string;
  itemId: string;
  itemName: string;
  /** What remains to receive on the line (quantity - quantityreceived). */
  remaining: number;
  /** The line's location, or the PO's. */
  location: string;
}

/**
 * The purchase order as its transform shows it: the transform offers exactly the open lines with something
 * left to receive (NETSUITE.md 4.4) and succeeds only for a receivable PO, so planning against it needs no
 * record.load. Ordered and received quantities are not on the receipt: a line shows what remains as its
 * quantity, received 0. When this view rejects an entry, the caller loads the PO and plans again, so that
 * the report names closed, unknown and fully received lines and the real ordered/received figures.
 */
export function receivableView(poId: string, lines: readonly ReceivableLine[]): PurchaseOrderSnapshot {
  return {
    id: poId,
    tranId: '',
    status: 'pendingReceipt',
    lines: lines.map((l) => ({ lineId: l.lineId, itemId: l.itemId, itemName: l.itemName, quantity: l.remaining, received: 0, location: l.location, closed: false })),
  };
}
