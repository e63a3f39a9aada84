/**
 * The write-off grace period (docs/transfer-orders.md, "Discrepancies"): under the writeoff and close policies
 * with a grace period of N days, a short receipt leaves the shortfall in transit; once the transfer order's last
 * HotWax receipt is N days old, what every fulfillment shipped on or before that receipt still has in transit is
 * written off, once per fulfillment (External IDs HWX-TOGR-<fulfillment> for the receipt of the remainder,
 * HWX-TOGA-<fulfillment> for its write-off). A later receipt inside the grace period covers what it covers
 * and starts the period again. A fulfillment shipped after the last receipt was never received at all: it is not
 * a shortfall. Pure: dates are YYYY-MM-DD strings.
 */

export interface HotWaxReceipt {
  /** Transfer order internal id. */
  to: string;
  /** The receipt's date, YYYY-MM-DD. */
  date: string;
  shipmentId: string;
}

export interface ShippedFulfillment {
  id: string;
  to: string;
  /** Ship date, YYYY-MM-DD. */
  date: string;
}

export interface DueWriteOff {
  fulfillment: string;
  to: string;
  /** The HotWax shipment id of the TO's last receipt (empty when it named none). */
  shipmentId: string;
  /** The last receipt's date: the grace period counts from it. */
  lastReceipt: string;
}

export const graceExternalId = (kind: 'receipt' | 'writeoff', fulfillmentId: string): string => `HWX-TOG${kind === 'receipt' ? 'R' : 'A'}-${fulfillmentId}`;
export const GRACE_RECEIPT_PREFIX = 'HWX-TOGR-';
export const MAX_GRACE_DAYS = 365;

/** today minus `days`, YYYY-MM-DD (calendar days, no time zone: both are dates). */
export function cutoffDate(today: string, days: number): string {
  const [y, m, d] = today.split('-').map(Number);
  const t = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) - days));
  return t.toISOString().slice(0, 10);
}

/**
 * The fulfillments whose remainder is due for write-off on `today`: the TO's last HotWax receipt is on or
 * before today - graceDays, and the fulfillment shipped on or before that receipt. Whether anything is still in
 * transit on them is NetSuite's to say (the receipt transform offers only what is shipped and not received).
 */
export function dueWriteOffs(receipts: readonly HotWaxReceipt[], fulfillments: readonly ShippedFulfillment[], today: string, graceDays: number): DueWriteOff[] {
  const cutoff = cutoffDate(today, graceDays);
  const last = new Map<string, HotWaxReceipt>();
  for (const r of receipts) {
    const seen = last.get(r.to);
    if (!seen || r.date > seen.date || (r.date === seen.date && !seen.shipmentId)) last.set(r.to, r);
  }
  const out: DueWriteOff[] = [];
  for (const f of fulfillments) {
    const r = last.get(f.to);
    if (!r || r.date > cutoff || f.date > r.date) continue;
    out.push({ fulfillment: f.id, to: f.to, shipmentId: r.shipmentId, lastReceipt: r.date });
  }
  return out.sort((a, b) => Number(a.fulfillment) - Number(b.fulfillment));
}
