/**
 * What became of a receipt file: the outcome of each entry (written by the reduce stage), the file's
 * marker (written when the file was read), and from both the file's result: counts, the rows of its error
 * report, and where the file goes.
 *
 * Where a file goes:
 *  - failed/   the file could not be read as a receipt feed at all (not JSON, wrong shape, empty);
 *  - archive/  every entry was dealt with: received, already received, or rejected. A file with rejected
 *              entries is archived too: its good entries are received and the report says which entries
 *              failed and why. HotWax sends the corrected entries again (in a new file); re-sending the whole
 *              file would also be safe, as received entries are recognised by their External ID;
 *  Lines of quantity 0 are information rows in the report (marker.notes), never a reason to fail or reject.
 *  - stays     some entries were deferred (governance ran out in their reduce invocation): the file stays in
 *              the incoming folder and the next run takes it again, finishing what is left.
 *
 * Pure: no N/* import.
 */
import type { EntryProblem } from './feed';

export type EntryOutcome =
  | {
      status: 'received';
      index: number;
      order: string;
      externalId: string;
      receiptId: string;
      /** The receipt existed already, made by this delivery before a restart: counted as received now. */
      recovered: boolean;
      /** Quantity received above what remained on the PO lines. */
      overage: number;
      /** Lines of the entry left for a person (lot/serial/bin items): reported, the other lines received. */
      byHand?: EntryProblem[];
    }
  | {
      status: 'already-received';
      index: number;
      order: string;
      externalId: string;
      receiptId: string;
      /** Tracking record (HotWax Feed File) of the delivery that received it; '' when unknown. */
      feedFileId: string;
      /** Detailed shape: every shipment receipt was found on earlier item receipts (under other External IDs). */
      byReceiptIds: boolean;
    }
  | { status: 'rejected'; index: number; order: string; problems: EntryProblem[] }
  /** Every line of the entry was 0 (not received in this delivery): no item receipt, information only. */
  | { status: 'nothing-to-receive'; index: number; order: string }
  | { status: 'deferred'; index: number; order: string };

/** What the input stage knew about a file, carried to summarize with the entries' outcomes. */
export interface FileMarker {
  /** Internal id of the file's tracking record (customrecord_hwx_feed_file). */
  fileKey: string;
  fileName: string;
  fingerprint: string;
  /** When the run read the file (ISO): the report's timestamp, the same on every retry of summarize. */
  readAt: string;
  fileError?: string;
  total: number;
  /** Each entry that passed parsing, by entry index: its External ID, purchase order and reduce key. */
  entries: Record<string, { externalId: string; poId: string; batch?: string }>;
  /** Information rows for the report (lines of quantity 0), not problems. */
  notes?: ReportRow[];
}

export interface ReportRow {
  /** 1-based entry number in the file; 0 for the file as a whole. */
  entry: number;
  order: string;
  line: string;
  problem: string;
  action: string;
}

export interface FileResult {
  destination: 'archive' | 'failed' | 'stay';
  received: number;
  /** Of `received`: entries whose receipt was found after a restart (made by this delivery). */
  recovered: number;
  alreadyReceived: number;
  rejected: number;
  /** Entries whose every line was 0: nothing received, nothing wrong. */
  nothingToReceive: number;
  deferred: number;
  reportRows: ReportRow[];
}

/** A receipt found by External ID: its internal id and the delivery (tracking record) that made it. */
export interface FoundReceipt {
  receiptId: string;
  feedFileId: string;
}

/**
 * Outcomes for entries the reduce stage left without one (its invocation failed after every retry):
 * a receipt found under the entry's External ID was made by this delivery or an earlier one; otherwise
 * the entry was not received and is reported.
 */
export function outcomesForMissing(marker: FileMarker, outcomes: readonly EntryOutcome[], found: ReadonlyMap<string, FoundReceipt>, reasonFor: (poId: string) => string): EntryOutcome[] {
  const seen = new Set(outcomes.map((o) => o.index));
  const out: EntryOutcome[] = [];
  for (let index = 0; index < marker.total; index++) {
    if (seen.has(index)) continue;
    const { externalId, poId: order } = marker.entries[String(index)] ?? { externalId: '', poId: '' };
    const receipt = externalId ? found.get(externalId) : undefined;
    if (receipt && receipt.feedFileId === marker.fileKey) out.push({ status: 'received', index, order, externalId, receiptId: receipt.receiptId, recovered: true, overage: 0 });
    else if (receipt) out.push({ status: 'already-received', index, order, externalId, receiptId: receipt.receiptId, feedFileId: receipt.feedFileId, byReceiptIds: false });
    else {
      out.push({
        status: 'rejected',
        index,
        order,
        problems: [{ lineId: '', problem: `NetSuite stopped processing this entry (${reasonFor(order)}); nothing of it was received.`, action: 'Send the entry again; entries already received are recognised and not received twice.' }],
      });
    }
  }
  return out;
}

function alreadyReceivedRow(o: Extract<EntryOutcome, { status: 'already-received' }>): ReportRow {
  const where = o.receiptId ? `item receipt ${o.receiptId}` : 'an item receipt';
  const delivery = o.feedFileId ? ` of an earlier delivery (HotWax Feed File ${o.feedFileId})` : ' of an earlier delivery';
  return {
    entry: o.index + 1,
    order: o.order,
    line: '',
    problem: o.byReceiptIds
      ? `Every HotWax shipment receipt of this entry is already on an item receipt${delivery}; nothing was received again.`
      : `Already received by ${where} (External ID ${o.externalId})${delivery}; nothing was received again.`,
    action: 'Nothing to do if this file was sent again. If the store really received these goods a second time, send them in a new receipt file.',
  };
}

export function decideFile(marker: FileMarker, outcomes: readonly EntryOutcome[]): FileResult {
  const result: FileResult = { destination: 'archive', received: 0, recovered: 0, alreadyReceived: 0, rejected: 0, nothingToReceive: 0, deferred: 0, reportRows: [...(marker.notes ?? [])] };
  if (marker.fileError !== undefined) {
    result.destination = 'failed';
    result.reportRows.push({ entry: 0, order: '', line: '', problem: marker.fileError, action: 'Nothing in this file was received. HotWax must send a JSON array of receipts: [{"order_id": "<PO internal id>", "items": [{"line_id": "<PO line id>", "quantity": <received>}]}].' });
    return result;
  }
  const byIndex = new Map<number, EntryOutcome>();
  for (const o of outcomes) if (!byIndex.has(o.index)) byIndex.set(o.index, o);
  for (const o of [...byIndex.values()].sort((a, b) => a.index - b.index)) {
    switch (o.status) {
      case 'received':
        result.received += 1;
        if (o.recovered) result.recovered += 1;
        for (const p of o.byHand ?? []) result.reportRows.push({ entry: o.index + 1, order: o.order, line: p.lineId, problem: p.problem, action: p.action });
        break;
      case 'already-received':
        result.alreadyReceived += 1;
        result.reportRows.push(alreadyReceivedRow(o));
        break;
      case 'rejected':
        result.rejected += 1;
        for (const p of o.problems) result.reportRows.push({ entry: o.index + 1, order: o.order, line: p.lineId, problem: p.problem, action: p.action });
        break;
      case 'nothing-to-receive':
        result.nothingToReceive += 1;
        break;
      case 'deferred':
        result.deferred += 1;
        break;
    }
  }
  if (result.deferred > 0) result.destination = 'stay';
  return result;
}
