/**
 * N/record and N/search for transfer orders: the transforms to item fulfillment and item receipt (Oracle help
 * "Transfer Order", section_N3692380: transfer orders initialize item fulfillments and item receipts), saving
 * them with the HotWax ids, write-offs (an inventory adjustment, or an inventory transfer to a shrink location:
 * Oracle help "Inventory Transfer", section_N3194741, takes the stock out of one location and into the other in one
 * step), closing TO lines, and finding what an entry already made by External ID.
 * Costs: transform 10, save 20, load 10, search page 10 (NETSUITE.md 5).
 */
import * as record from 'N/record';
import * as search from 'N/search';
import { chunk, forEachResult, textValue } from './pagedSearch';
import { errorCode, errorMessage } from '../core/integrationError';
import type { OfferedLine, PlannedLine } from '../core/transfers/plan';

export const FIELDS = {
  shipment: 'custbody_hwx_to_shipment_id',
  lineIds: 'custcol_hwx_to_line_ids',
  short: 'custcol_hwx_to_short_qty',
} as const;

const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '');

export interface Opened {
  record: record.Record;
  offered: OfferedLine[];
  /** Every TO line id (for resolving HotWax's line ids). */
  toLines: string[];
  fromLocation: string;
  toLocation: string;
}

export type OpenResult = { ok: true; opened: Opened } | { ok: false; code: string; message: string };

/** The TO's line ids and locations (record.load, 10 units). */
export function loadTransferOrder(toId: string): { lines: { line: string; item: string; quantity: number; fulfilled: number; received: number; closed: boolean }[]; from: string; to: string; status: string; subsidiary: string } | undefined {
  let to: record.Record;
  try {
    to = record.load({ type: record.Type.TRANSFER_ORDER, id: Number(toId) });
  } catch (err) {
    if (errorCode(err) === 'SSS_USAGE_LIMIT_EXCEEDED') throw err;
    return undefined;
  }
  const lines = [];
  for (let line = 0; line < to.getLineCount({ sublistId: 'item' }); line++) {
    const v = (fieldId: string): unknown => to.getSublistValue({ sublistId: 'item', fieldId, line });
    lines.push({ line: text(v('line')), item: text(v('item')), quantity: Number(v('quantity')) || 0, fulfilled: Number(v('quantityfulfilled')) || 0, received: Number(v('quantityreceived')) || 0, closed: v('isclosed') === true });
  }
  return { lines, from: text(to.getValue({ fieldId: 'location' })), to: text(to.getValue({ fieldId: 'transferlocation' })), status: text(to.getValue({ fieldId: 'statusref' })), subsidiary: text(to.getValue({ fieldId: 'subsidiary' })) };
}

/** record.transform of the TO into an item receipt (of one fulfillment when given) or an item fulfillment. */
export function openTransform(toId: string, kind: 'receipt' | 'fulfillment', fulfillmentId: string, toLines: string[]): OpenResult {
  let rec: record.Record;
  try {
    rec = record.transform({
      fromType: record.Type.TRANSFER_ORDER,
      fromId: Number(toId),
      toType: kind === 'receipt' ? record.Type.ITEM_RECEIPT : record.Type.ITEM_FULFILLMENT,
      isDynamic: false,
      ...(kind === 'receipt' && fulfillmentId ? { defaultValues: { itemfulfillment: fulfillmentId } } : {}),
    });
  } catch (err) {
    const code = errorCode(err);
    if (code === 'SSS_USAGE_LIMIT_EXCEEDED') throw err;
    return { ok: false, code, message: errorMessage(err) };
  }
  const offered: OfferedLine[] = [];
  for (let line = 0; line < rec.getLineCount({ sublistId: 'item' }); line++) {
    const v = (fieldId: string): unknown => rec.getSublistValue({ sublistId: 'item', fieldId, line });
    const orderline = Number(v('orderline'));
    // The TO line this line belongs to: the greatest TO line id <= orderline (TO lines are 3 ids apart).
    const toLine = toLines.map(Number).filter((n) => n <= orderline && orderline - n < 3).sort((a, b) => b - a)[0];
    const remaining = text(v('quantityremaining')) === '' ? Number(v('quantity')) || 0 : Number(v('quantityremaining')) || 0;
    offered.push({ index: line, toLine: toLine === undefined ? '' : String(toLine), item: text(v('item')), available: remaining });
  }
  return { ok: true, opened: { record: rec, offered, toLines, fromLocation: '', toLocation: '' } };
}

export interface SaveOptions {
  externalId: string;
  memo: string;
  shipmentId: string;
  trackingNumber: string;
  /** receipts under writeoff/close: also receive the shortfall (it is written off at the destination next). */
  receiveShortfall: boolean;
}

/** Saves exactly the planned lines (every other line unchecked). Returns the new record's id. */
export function saveTransform(opened: Opened, lines: readonly PlannedLine[], kind: 'receipt' | 'fulfillment', options: SaveOptions): string {
  const rec = opened.record;
  const byIndex = new Map(lines.map((l) => [l.index, l]));
  opened.offered.forEach((o) => {
    const planned = byIndex.get(o.index);
    const quantity = planned ? planned.quantity + (options.receiveShortfall ? planned.short : 0) : 0;
    if (!planned || quantity <= 0) {
      rec.setSublistValue({ sublistId: 'item', fieldId: 'itemreceive', line: o.index, value: false });
      return;
    }
    rec.setSublistValue({ sublistId: 'item', fieldId: 'itemreceive', line: o.index, value: true });
    rec.setSublistValue({ sublistId: 'item', fieldId: 'quantity', line: o.index, value: quantity });
    if (planned.hotwaxLineIds.length > 0) rec.setSublistValue({ sublistId: 'item', fieldId: FIELDS.lineIds, line: o.index, value: planned.hotwaxLineIds.join(',').slice(0, 300) });
    if (kind === 'receipt' && options.receiveShortfall && planned.short > 0) rec.setSublistValue({ sublistId: 'item', fieldId: FIELDS.short, line: o.index, value: planned.short });
  });
  if (kind === 'fulfillment') {
    // Item fulfillment Ship Status C = Shipped: the stock leaves the store and is in transit.
    rec.setValue({ fieldId: 'shipstatus', value: 'C' });
    if (options.trackingNumber) rec.setSublistValue({ sublistId: 'package', fieldId: 'packagetrackingnumber', line: 0, value: options.trackingNumber });
  }
  rec.setValue({ fieldId: 'externalid', value: options.externalId });
  rec.setValue({ fieldId: 'memo', value: options.memo.slice(0, 999) });
  if (options.shipmentId) rec.setValue({ fieldId: FIELDS.shipment, value: options.shipmentId });
  return String(rec.save({ enableSourcing: false, ignoreMandatoryFields: false }));
}

export interface Found {
  id: string;
  /** Receipts: the shortfall received to be written off, per item. */
  short: { item: string; quantity: number; location: string }[];
}

/** Transactions of `type` with these External IDs (one search per 1,000). */
export function findByExternalId(type: 'itemreceipt' | 'itemfulfillment' | 'inventoryadjustment' | 'inventorytransfer', externalIds: readonly string[]): Map<string, Found> {
  const out = new Map<string, Found>();
  for (const part of chunk(externalIds, 1000)) {
    forEachResult(
      search.create({
        type,
        filters: [['externalid', 'anyof', part]],
        columns: ['externalid', 'mainline', 'item', 'location', ...(type === 'itemreceipt' ? [FIELDS.short] : [])].map((name) => search.createColumn({ name })),
      }),
      (r) => {
        const key = textValue(r, 'externalid');
        const found = out.get(key) ?? { id: r.id, short: [] };
        out.set(key, found);
        const short = type === 'itemreceipt' ? Number(textValue(r, FIELDS.short)) : 0;
        if (short > 0) found.short.push({ item: textValue(r, 'item'), quantity: short, location: textValue(r, 'location') });
      },
    );
  }
  return out;
}

export interface WriteOff {
  externalId: string;
  memo: string;
  shipmentId: string;
  account: string;
  /** Destination store. */
  location: string;
  subsidiary: string;
  /** Shrink (variance) location: when set, an inventory transfer there instead of an adjustment. */
  shrinkLocation: string;
  lines: { item: string; quantity: number }[];
}

/** Writes the shortfall off at the destination: an inventory adjustment to the account, or a transfer to the shrink location. */
export function saveWriteOff(w: WriteOff): string {
  const transfer = w.shrinkLocation !== '';
  const rec = record.create({ type: transfer ? record.Type.INVENTORY_TRANSFER : record.Type.INVENTORY_ADJUSTMENT, isDynamic: false });
  rec.setValue({ fieldId: 'externalid', value: w.externalId });
  rec.setValue({ fieldId: 'memo', value: w.memo.slice(0, 999) });
  if (w.subsidiary) rec.setValue({ fieldId: 'subsidiary', value: w.subsidiary });
  if (w.shipmentId) rec.setValue({ fieldId: FIELDS.shipment, value: w.shipmentId });
  if (transfer) {
    rec.setValue({ fieldId: 'location', value: w.location });
    rec.setValue({ fieldId: 'transferlocation', value: w.shrinkLocation });
  } else {
    rec.setValue({ fieldId: 'account', value: w.account });
    rec.setValue({ fieldId: 'adjlocation', value: w.location });
  }
  w.lines.forEach((l, line) => {
    rec.setSublistValue({ sublistId: 'inventory', fieldId: 'item', line, value: l.item });
    if (!transfer) rec.setSublistValue({ sublistId: 'inventory', fieldId: 'location', line, value: w.location });
    rec.setSublistValue({ sublistId: 'inventory', fieldId: 'adjustqtyby', line, value: transfer ? l.quantity : -l.quantity });
  });
  return String(rec.save({ enableSourcing: false, ignoreMandatoryFields: false }));
}

/** Closes TO lines (record.load 10 + save 20). Lines already closed are left alone. */
export function closeTransferOrderLines(toId: string, toLines: readonly string[]): void {
  const to = record.load({ type: record.Type.TRANSFER_ORDER, id: Number(toId) });
  let changed = false;
  for (let line = 0; line < to.getLineCount({ sublistId: 'item' }); line++) {
    if (!toLines.includes(text(to.getSublistValue({ sublistId: 'item', fieldId: 'line', line })))) continue;
    if (to.getSublistValue({ sublistId: 'item', fieldId: 'isclosed', line }) === true) continue;
    to.setSublistValue({ sublistId: 'item', fieldId: 'isclosed', line, value: true });
    changed = true;
  }
  if (changed) to.save({ enableSourcing: false, ignoreMandatoryFields: false });
}
