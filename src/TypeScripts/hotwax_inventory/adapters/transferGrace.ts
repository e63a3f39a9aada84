/**
 * N/search for the write-off grace period (core/transfers/grace): the HotWax receipts of transfer orders that
 * still have stock in transit, their shipped fulfillments, and the grace receipts of the last month (to finish a
 * write-off a killed run left undone). Costs: 10 units per page of 1,000 rows (NETSUITE.md 5).
 * `externalidstring` (the External ID as text, for startswith) is [U] as a transaction search filter (checklist 7.6).
 */
import * as search from 'N/search';
import { chunk, forEachResult, textValue } from './pagedSearch';
import { isoOfUserDate, userDate, userToday } from './userDates';
import { FIELDS } from './transferRecords';
import type { HotWaxReceipt, ShippedFulfillment } from '../core/transfers/grace';
import { GRACE_RECEIPT_PREFIX } from '../core/transfers/grace';

/** Today in the running user's calendar. */
export const today = (): string => userToday();

export interface ReceiptsOf {
  receipts: HotWaxReceipt[];
  /** HotWax line ids received per TO and item: `${to}|${item}`. */
  lineIds: Map<string, string[]>;
}

/** The HotWax receipts (External ID HWX-TOR-…) of these transfer orders, line level. */
export function hotwaxReceipts(toIds: readonly string[]): ReceiptsOf {
  const byId = new Map<string, HotWaxReceipt>();
  const lineIds = new Map<string, string[]>();
  for (const part of chunk(toIds, 1000)) {
    forEachResult(
      search.create({
        type: search.Type.ITEM_RECEIPT,
        filters: [['createdfrom', 'anyof', part], 'AND', ['externalidstring', 'startswith', 'HWX-TOR-'], 'AND', ['mainline', 'is', 'F']],
        columns: ['createdfrom', 'trandate', FIELDS.shipment, 'item', FIELDS.lineIds].map((name) => search.createColumn({ name })),
      }),
      (r) => {
        const to = textValue(r, 'createdfrom');
        if (!byId.has(r.id)) byId.set(r.id, { to, date: isoOfUserDate(textValue(r, 'trandate')) ?? '', shipmentId: textValue(r, FIELDS.shipment) });
        const ids = textValue(r, FIELDS.lineIds).split(',').map((s) => s.trim()).filter((s) => s !== '');
        if (ids.length === 0) return;
        const key = `${to}|${textValue(r, 'item')}`;
        lineIds.set(key, [...new Set([...(lineIds.get(key) ?? []), ...ids])]);
      },
    );
  }
  return { receipts: [...byId.values()].filter((r) => r.date !== ''), lineIds };
}

/** Shipped fulfillments (ItemShip:C) of these transfer orders, with their dates. */
export function shippedFulfillmentDates(toIds: readonly string[]): ShippedFulfillment[] {
  const out: ShippedFulfillment[] = [];
  for (const part of chunk(toIds, 1000)) {
    forEachResult(
      search.create({ type: search.Type.ITEM_FULFILLMENT, filters: [['createdfrom', 'anyof', part], 'AND', ['mainline', 'is', 'T'], 'AND', ['status', 'anyof', ['ItemShip:C']]], columns: ['createdfrom', 'trandate'].map((name) => search.createColumn({ name })) }),
      (r) => out.push({ id: r.id, to: textValue(r, 'createdfrom'), date: isoOfUserDate(textValue(r, 'trandate')) ?? '' }),
    );
  }
  return out.filter((f) => f.date !== '');
}

export interface GraceReceipt {
  id: string;
  externalId: string;
  to: string;
  shipmentId: string;
  subsidiary: string;
  location: string;
  short: { item: string; quantity: number }[];
  /** The receipt's memo (body: search column memomain) and the HotWax line ids of the lines written off. */
  memo: string;
  lineIds: string[];
}

/** Grace receipts (HWX-TOGR-…) dated on or after `since`, with what they received to be written off. */
export function graceReceiptsSince(since: string): Map<string, GraceReceipt> {
  const out = new Map<string, GraceReceipt>();
  forEachResult(
    search.create({
      type: search.Type.ITEM_RECEIPT,
      filters: [['externalidstring', 'startswith', GRACE_RECEIPT_PREFIX], 'AND', ['trandate', 'onorafter', userDate(since)], 'AND', ['mainline', 'is', 'F']],
      columns: ['externalid', 'createdfrom', FIELDS.shipment, 'subsidiary', 'location', 'item', FIELDS.short, 'memomain', FIELDS.lineIds].map((name) => search.createColumn({ name })),
    }),
    (r) => {
      const externalId = textValue(r, 'externalid');
      const g = out.get(externalId) ?? { id: r.id, externalId, to: textValue(r, 'createdfrom'), shipmentId: textValue(r, FIELDS.shipment), subsidiary: textValue(r, 'subsidiary'), location: '', short: [], memo: textValue(r, 'memomain'), lineIds: [] };
      out.set(externalId, g);
      const short = Number(textValue(r, FIELDS.short));
      if (short > 0) {
        g.short.push({ item: textValue(r, 'item'), quantity: short });
        if (!g.location) g.location = textValue(r, 'location');
        const ids = textValue(r, FIELDS.lineIds);
        if (ids !== '') g.lineIds.push(ids);
      }
    },
  );
  return out;
}
