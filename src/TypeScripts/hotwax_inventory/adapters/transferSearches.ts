/**
 * Searches of the transfer-order export: HotWax stores, the TOs HotWax takes part in (open statuses
 * TrnfrOrd:B/D/E/F, plus those the export state still follows, so a TO's move to received or closed is exported
 * once), and their shipped fulfillments (ItemShip:C). No date filter: a TO is never lost to a "created today"
 * window. Costs: 10 units per page of 1,000 rows (NETSUITE.md 5).
 */
import * as record from 'N/record';
import * as search from 'N/search';
import { chunk, forEachResult, textValue } from './pagedSearch';
import { isoOfUserDate } from './userDates';
import type { FulfillmentLine, TransferOrder } from '../core/transfers/exportDocs';

/** Active locations with HotWax Location checked and type Store (1 [U]: docs/sandbox-checklist.md 3.5). */
export function hotwaxStores(): Set<string> {
  const out = new Set<string>();
  forEachResult(
    search.create({ type: search.Type.LOCATION, filters: [['isinactive', 'is', 'F'], 'AND', ['custrecord_hwx_loc_hotwax', 'is', 'T'], 'AND', ['locationtype', 'anyof', ['1']]], columns: [search.createColumn({ name: 'internalid' })] }),
    (r) => out.add(r.id),
  );
  return out;
}

const OPEN = ['TrnfrOrd:B', 'TrnfrOrd:D', 'TrnfrOrd:E', 'TrnfrOrd:F'];
const COLUMNS = ['tranid', 'trandate', 'location', 'transferlocation', 'transferorderitemline', 'item', 'quantity', 'quantityfulfilled', 'quantityreceived', 'isclosed'];

function collect(filters: unknown[], into: Map<string, TransferOrder>): void {
  forEachResult(
    search.create({ type: search.Type.TRANSFER_ORDER, filters: [...filters, 'AND', ['mainline', 'is', 'F']] as search.Search['filterExpression'], columns: [...COLUMNS.map((name) => search.createColumn({ name })), search.createColumn({ name: 'status' })] }),
    (r) => {
      const to = into.get(r.id) ?? { id: r.id, tranid: textValue(r, 'tranid'), trandate: isoOfUserDate(textValue(r, 'trandate')) ?? textValue(r, 'trandate'), from: '', to: textValue(r, 'transferlocation'), status: '', lines: [] };
      into.set(r.id, to);
      to.status = statusRef(textValue(r, 'status'));
      if (!to.from) to.from = textValue(r, 'location');
      const line = textValue(r, 'transferorderitemline');
      if (!line || to.lines.some((l) => l.line === line)) return;
      to.lines.push({ line, item: textValue(r, 'item'), quantity: Number(textValue(r, 'quantity')) || 0, fulfilled: Number(textValue(r, 'quantityfulfilled')) || 0, received: Number(textValue(r, 'quantityreceived')) || 0, closed: r.getValue({ name: 'isclosed' }) === true });
    },
  );
}

const STATUS_REF: Record<string, string> = {
  'TrnfrOrd:A': 'pendingApproval',
  'TrnfrOrd:B': 'pendingFulfillment',
  'TrnfrOrd:C': 'rejected',
  'TrnfrOrd:D': 'partiallyFulfilled',
  'TrnfrOrd:E': 'pendingReceiptPartFulfilled',
  'TrnfrOrd:F': 'pendingReceipt',
  'TrnfrOrd:G': 'received',
  'TrnfrOrd:H': 'closed',
};
const statusRef = (code: string): string => STATUS_REF[code] ?? code;

/** Open TOs touching the given stores, and the followed TOs whatever their status. */
export function transferOrders(stores: ReadonlySet<string>, followed: readonly string[]): Map<string, TransferOrder> {
  const out = new Map<string, TransferOrder>();
  if (stores.size > 0) {
    const ids = [...stores];
    collect([['status', 'anyof', OPEN], 'AND', [['location', 'anyof', ids], 'OR', ['transferlocation', 'anyof', ids]]], out);
  }
  for (const part of chunk(followed, 1000)) collect([['internalid', 'anyof', part]], out);
  for (const to of out.values()) to.lines.sort((a, b) => Number(a.line) - Number(b.line));
  return out;
}

/** Shipped fulfillments (ItemShip:C) of these TOs: fulfillment id -> TO id. */
export function shippedFulfillments(toIds: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of chunk(toIds, 1000)) {
    forEachResult(
      search.create({ type: search.Type.ITEM_FULFILLMENT, filters: [['createdfrom', 'anyof', part], 'AND', ['mainline', 'is', 'T'], 'AND', ['status', 'anyof', ['ItemShip:C']]], columns: [search.createColumn({ name: 'createdfrom' })] }),
      (r) => out.set(r.id, textValue(r, 'createdfrom')),
    );
  }
  return out;
}

/** A fulfillment's lines (orderline, item, quantity) and tracking numbers: record.load, 10 units. */
export function loadFulfillment(id: string): { lines: FulfillmentLine[]; tracking: string[] } {
  const f = record.load({ type: record.Type.ITEM_FULFILLMENT, id: Number(id) });
  const lines: FulfillmentLine[] = [];
  const v = (sublistId: string, fieldId: string, line: number): string => {
    const x = f.getSublistValue({ sublistId, fieldId, line });
    return typeof x === 'string' ? x : typeof x === 'number' ? String(x) : '';
  };
  for (let line = 0; line < f.getLineCount({ sublistId: 'item' }); line++) lines.push({ orderline: v('item', 'orderline', line), item: v('item', 'item', line), quantity: Number(v('item', 'quantity', line)) || 0 });
  const tracking: string[] = [];
  const packages = f.getLineCount({ sublistId: 'package' });
  for (let line = 0; line < packages; line++) {
    const t = v('package', 'packagetrackingnumber', line).trim();
    if (t) tracking.push(t);
  }
  return { lines, tracking };
}
