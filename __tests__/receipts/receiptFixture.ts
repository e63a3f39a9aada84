// An emulated account for the PO receipt tests: a subsidiary, a vendor, a warehouse and two stores, a few
// items, and purchase orders in every status the import must handle (NETSUITE.md 4.3).
import * as fs from 'node:fs';
import type { AccountFixture, FixturePurchaseOrder } from '../../runtime/account/fixture';
import type { LocalEnvironment } from '../../demo/environment';
import type { FullRunSummary } from '../../runtime/engines/scriptRunner';

export const SCRIPT = 'customscript_hwx_mr_po_receipt';
export const DEPLOYMENT = 'customdeploy_hwx_mr_po_receipt';
export const INCOMING = 'purchaseorder/receipt';

export const ITEMS = { jacket: 3412, hoodie: 3413, pullover: 3414, tee: 3415 } as const;
export const LOCATIONS = { warehouse: 1, store254: 254, store255: 255 } as const;

/** PO internal ids by what they are for. */
export const PO = {
  /** Three lines: jacket x10 and hoodie x5 at store 254, pullover x4 at store 255. */
  open: 9001,
  /** Everything received long ago: Pending Bill. */
  received: 9002,
  /** Closed. */
  closed: 9003,
  /** Pending supervisor approval. */
  pendingApproval: 9004,
  /** One line, body location only (store 255): tee x6. */
  single: 9005,
} as const;

const po = (id: number, lines: FixturePurchaseOrder['lines'], extra: Partial<FixturePurchaseOrder> = {}): FixturePurchaseOrder => ({
  id,
  tranid: `PO${id}`,
  entity: 500,
  subsidiary: 1,
  trandate: '2026-11-01',
  lines,
  ...extra,
});

export function receiptFixture(settings: AccountFixture['settings'] = {}): AccountFixture {
  return {
    settings: { dateFormat: 'M/D/YYYY', timezone: 'America/New_York', ...settings },
    subsidiaries: [{ id: 1, name: 'HotWax Retail US' }],
    vendors: [{ id: 500, entityid: 'Acme Apparel', subsidiary: 1 }],
    locations: [
      { id: LOCATIONS.warehouse, name: 'Main Warehouse', subsidiary: 1, type: 'warehouse' },
      { id: LOCATIONS.store254, name: 'Store 254 Downtown', subsidiary: 1, type: 'store' },
      { id: LOCATIONS.store255, name: 'Store 255 Uptown', subsidiary: 1, type: 'store' },
    ],
    items: [
      { id: ITEMS.jacket, itemid: 'WJ08-XS-Orange', displayname: 'Adrienne Trek Jacket' },
      { id: ITEMS.hoodie, itemid: 'MH09-XS-Blue', displayname: 'Abominable Hoodie' },
      { id: ITEMS.pullover, itemid: 'WJ03-L-Red', displayname: 'Augusta Pullover Jacket' },
      { id: ITEMS.tee, itemid: 'MS11-S-Black', displayname: 'Atomic Endurance Running Tee' },
    ],
    inventory: [{ item: ITEMS.jacket, location: LOCATIONS.store254, onHand: 3 }],
    purchaseOrders: [
      po(PO.open, [
        { item: ITEMS.jacket, quantity: 10, rate: 20, location: LOCATIONS.store254 },
        { item: ITEMS.hoodie, quantity: 5, rate: 30, location: LOCATIONS.store254 },
        { item: ITEMS.pullover, quantity: 4, rate: 25, location: LOCATIONS.store255 },
      ]),
      po(PO.received, [{ item: ITEMS.jacket, quantity: 2, quantityreceived: 2, rate: 20, location: LOCATIONS.store254 }], { status: 'pendingBilling' }),
      po(PO.closed, [{ item: ITEMS.hoodie, quantity: 3, rate: 30, location: LOCATIONS.store254, isclosed: true }], { status: 'closed' }),
      po(PO.pendingApproval, [{ item: ITEMS.hoodie, quantity: 3, rate: 30, location: LOCATIONS.store254 }], { status: 'pendingSupApproval', approvalstatus: '1' }),
      po(PO.single, [{ item: ITEMS.tee, quantity: 6, rate: 15 }], { location: LOCATIONS.store255 }),
    ],
  };
}

// ---- helpers over a running environment -------------------------------------------------------------------

export function onHand(env: LocalEnvironment, item: number, location: number): number {
  return env.account().onHand(String(item), String(location));
}

export function poLines(env: LocalEnvironment, id: number): { received: number[]; status: string } {
  const record = env.account().getRecord('purchaseorder', id);
  return { received: (record?.sublists.item ?? []).map((l) => Number(l.quantityreceived)), status: String(record?.fields.statusref) };
}

export function receipts(env: LocalEnvironment): { externalid: string; createdfrom: string; lines: { orderline: string; item: string; quantity: number; location: string }[] }[] {
  return env
    .account()
    .listRecords('itemreceipt')
    .map((r) => ({
      externalid: String(r.fields.externalid),
      createdfrom: String(r.fields.createdfrom),
      lines: (r.sublists.item ?? []).map((l) => ({ orderline: String(l.orderline), item: String(l.item), quantity: Number(l.quantity), location: String(l.location) })),
    }));
}

/** Report rows (cells) of every error report, header dropped. */
export function reportText(env: LocalEnvironment): string {
  return env
    .listFolder(`${INCOMING}/error`)
    .map((n) => env.readFile(`${INCOMING}/error`, n))
    .join('\n');
}

export function drop(env: LocalEnvironment, name: string, content: unknown): void {
  env.dropFile(INCOMING, name, typeof content === 'string' ? content : JSON.stringify(content));
}

export async function run(env: LocalEnvironment, options: Parameters<LocalEnvironment['run']>[1] = {}): Promise<FullRunSummary> {
  const summary = await env.run(SCRIPT, { deploymentId: DEPLOYMENT, ...options });
  if (summary.status !== 'COMPLETE' || summary.errors.length > 0) {
    fs.writeSync(2, `run: ${summary.status} ${JSON.stringify(summary.errors)}\n${summary.logs.map((l) => `${l.title}: ${l.details}`).join('\n')}\n`);
  }
  return summary;
}

export function feedFiles(env: LocalEnvironment): { name: string; status: string; applied: number; rejected: number; message: string }[] {
  return env
    .account()
    .listRecords('customrecord_hwx_feed_file')
    .filter((r) => String(r.fields.custrecord_hwx_ff_flow).startsWith('receipt:'))
    .map((r) => ({
      name: String(r.fields.custrecord_hwx_ff_file_name),
      status: String(r.fields.custrecord_hwx_ff_status),
      applied: Number(r.fields.custrecord_hwx_ff_applied ?? 0),
      rejected: Number(r.fields.custrecord_hwx_ff_rejected ?? 0),
      message: String(r.fields.custrecord_hwx_ff_message ?? ''),
    }));
}
