/**
 * Planning one HotWax transfer entry against what NetSuite offers (the lines of the record.transform of the
 * transfer order), and the discrepancy policy. Pure: no N/*.
 *
 * Line matching: HotWax's line_id is the transfer order line id (TO export) or the fulfillment's orderline
 * (fulfillment export, TO line + 1). Both are resolved to the TO line: the greatest TO line id <= line_id, within
 * the 3 ids a TO line reserves ([O] HotWax's TransferOrderV2 scripts). Never by position.
 */
import type { FeedEntry } from './feed';

export type DiscrepancyPolicy = 'keep' | 'writeoff' | 'close';

export const POLICIES: readonly DiscrepancyPolicy[] = ['keep', 'writeoff', 'close'];

export function policyOf(value: string): DiscrepancyPolicy {
  const v = value.trim().toLowerCase();
  return (POLICIES as readonly string[]).includes(v) ? (v as DiscrepancyPolicy) : 'keep';
}

/** A line the transform offers: its TO line id, item and what may be received/fulfilled there. */
export interface OfferedLine {
  index: number;
  toLine: string;
  item: string;
  available: number;
}

export interface PlannedLine {
  index: number;
  toLine: string;
  item: string;
  quantity: number;
  /** Shipped on this line (receipts) and not received by this entry. */
  short: number;
  hotwaxLineIds: string[];
}

export interface Problem {
  lineId: string;
  problem: string;
  action: string;
}

export interface TransferPlan {
  lines: PlannedLine[];
  /** Over-receipts, unknown lines and items not on the transfer: reported, never posted. */
  problems: Problem[];
  /** Lines offered that the entry does not mention (receipts: still in transit). */
  untouched: OfferedLine[];
}

export function resolveToLine(toLines: readonly string[], lineId: string): string | undefined {
  const target = Number(lineId);
  let best: number | undefined;
  for (const l of toLines) {
    const n = Number(l);
    if (n <= target && (best === undefined || n > best)) best = n;
  }
  return best !== undefined && target - best < 3 ? String(best) : undefined;
}

export function planEntry(entry: FeedEntry, offered: readonly OfferedLine[], toLines: readonly string[], kind: 'receipt' | 'fulfillment'): TransferPlan {
  const problems: Problem[] = [];
  const wanted = new Map<string, { quantity: number; ids: string[] }>();
  const verb = kind === 'receipt' ? 'received' : 'shipped';
  for (const line of entry.lines) {
    if (!line.lineId) {
      problems.push({ lineId: '', problem: `Item ${line.itemId} is not on transfer order ${entry.orderId}; ${line.quantity} ${verb} were not posted.`, action: 'Count the item into stock with an inventory adjustment (or the variance feed) after checking why it arrived.' });
      continue;
    }
    const toLine = resolveToLine(toLines, line.lineId);
    if (toLine === undefined) {
      problems.push({ lineId: line.lineId, problem: `Line ${line.lineId} is not a line of transfer order ${entry.orderId}; nothing was posted for it.`, action: 'Send the line id from the transfer order export.' });
      continue;
    }
    const w = wanted.get(toLine) ?? { quantity: 0, ids: [] };
    w.quantity += line.quantity;
    if (line.hotwaxLineId) w.ids.push(line.hotwaxLineId);
    wanted.set(toLine, w);
  }
  const lines: PlannedLine[] = [];
  const untouched: OfferedLine[] = [];
  for (const o of offered) {
    const w = wanted.get(o.toLine);
    if (!w) {
      untouched.push(o);
      continue;
    }
    wanted.delete(o.toLine);
    let quantity = w.quantity;
    if (quantity > o.available + 1e-9) {
      problems.push({
        lineId: o.toLine,
        problem: `Line ${o.toLine} (item ${o.item}): ${w.quantity} ${verb} but only ${o.available} ${kind === 'receipt' ? 'were shipped and not yet received' : 'remain to ship'}; ${o.available} were posted, the ${Math.round((w.quantity - o.available) * 1e6) / 1e6} over were not.`,
        action: kind === 'receipt' ? 'Check the shipment; count the extra units into stock with an inventory adjustment if they are really there.' : 'Ship the extra units on another transfer order.',
      });
      quantity = o.available;
    }
    lines.push({ index: o.index, toLine: o.toLine, item: o.item, quantity, short: Math.max(0, o.available - quantity), hotwaxLineIds: w.ids });
  }
  for (const [toLine, w] of wanted) {
    if (w.quantity > 0) {
      problems.push({ lineId: toLine, problem: `Line ${toLine}: ${w.quantity} ${verb}, but NetSuite has nothing ${kind === 'receipt' ? 'shipped and not yet received' : 'left to ship'} on it (already ${verb}, closed, or not yet shipped).`, action: 'Nothing was posted for this line; check the transfer order in NetSuite.' });
    }
  }
  return { lines: lines.filter((l) => l.quantity > 0 || l.short > 0), problems, untouched };
}

/** The write-off lines of a receipt under the writeoff policy: what was shipped on the entry's lines and not received. */
export function shortfall(plan: TransferPlan): { toLine: string; item: string; quantity: number }[] {
  return plan.lines.filter((l) => l.short > 0).map((l) => ({ toLine: l.toLine, item: l.item, quantity: l.short }));
}
