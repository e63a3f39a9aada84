/**
 * Which purchase orders a run reads the lines of (docs/purchase-orders.md, "Reading only what changed").
 *
 * Reading every open line costs 5 units per 1,000 lines (200,000 lines: 1,000 units) although most POs do
 * not change between hourly runs. So every run first reads one summary row per PO in the search (the same
 * criteria and guards, grouped by PO: 5 units per 1,000 POs), its SIGNATURE:
 *   number of lines in the search, sum of quantity, sum of quantity received, last-modified time.
 * and then reads the lines only of the POs that
 *   (a) have no signature in the state, or another one: new in the search (approved, criteria edited, a
 *       location put on HotWax), a line added or closed, a quantity changed, a receipt (the received sum
 *       moves whether or not the receipt touches the PO's last-modified time [U]), any save in another minute;
 *   (b) were modified at or after the previous run started reading, less OVERLAP_MINUTES (lastmodifieddate
 *       filter): catches a second save in the same minute as the previous read, which (a) cannot see
 *       because the last-modified time is shown to the minute.
 * POs that left the search have no summary row: they are dropped from the state, as before.
 * Every line is read when there is no usable state, when more than MAX_IDS_PER_READ POs changed their
 * signature (an anyof list that long is [U]), and at least every `fullReadEveryHours` (default 24): a
 * periodic full read catches what neither (a) nor (b) sees, such as an item renamed (its SKU is in the
 * rows, but renaming an item does not modify the PO) or a receipt edit that moves quantity between lines.
 * A PO read but unchanged is not sent again (its rows hash is the same), so reading too much is only cost.
 */
import { hash64 } from '../hash';
import type { PoExportState } from './exportState';

/** One summary row of the search: the PO and its signature, as text exactly as the search gave it. */
export interface PoSignature {
  poId: string;
  lines: string;
  quantity: string;
  received: string;
  lastModified: string;
}

export function signatureHash(s: PoSignature): string {
  return hash64(JSON.stringify([s.lines, s.quantity, s.received, s.lastModified]));
}

/** POs modified this long before the previous run started reading are read again (clock skew, commit delay, same-minute saves). */
export const OVERLAP_MINUTES = 30;
/** Above this many POs with a new signature, a run reads every line instead of listing them in an anyof filter. */
export const MAX_IDS_PER_READ = 1000;
export const DEFAULT_FULL_READ_HOURS = 24;

export type ReadPlan =
  | { mode: 'full'; reason: string }
  | {
      mode: 'changed';
      /** Read again every PO whose lastmodifieddate is at or after this instant. */
      modifiedSince: Date;
      /** And these POs (new signature or none). */
      poIds: string[];
    };

export interface ReadPlanOptions {
  /** 0: read every line on every run. */
  fullReadEveryHours: number;
  overlapMinutes?: number;
  maxIds?: number;
}

/** What this run reads, from the state getInputData read, its problem if any, the summary rows and the time. */
export function planRead(state: PoExportState, stateProblem: string | undefined, signatures: ReadonlyMap<string, string>, now: Date, options: ReadPlanOptions): ReadPlan {
  if (stateProblem !== undefined) return { mode: 'full', reason: 'the export state could not be used' };
  if (state.readFrom === '') return { mode: 'full', reason: 'no earlier read to compare with' };
  if (options.fullReadEveryHours <= 0) return { mode: 'full', reason: 'every run reads every line (custscript_hwx_po_full_read_hours = 0)' };
  const fullReadAt = Date.parse(state.fullReadAt);
  if (Number.isNaN(fullReadAt) || now.getTime() - fullReadAt >= options.fullReadEveryHours * 3_600_000) {
    return { mode: 'full', reason: `periodic full read (every ${options.fullReadEveryHours} h)` };
  }
  const poIds = [...signatures].filter(([poId, sig]) => state.sigs[poId] !== sig).map(([poId]) => poId);
  const maxIds = options.maxIds ?? MAX_IDS_PER_READ;
  if (poIds.length > maxIds) return { mode: 'full', reason: `${poIds.length} POs changed their signature (more than ${maxIds})` };
  poIds.sort((a, b) => Number(a) - Number(b));
  const modifiedSince = new Date(Date.parse(state.readFrom) - (options.overlapMinutes ?? OVERLAP_MINUTES) * 60_000);
  return { mode: 'changed', modifiedSince, poIds };
}
