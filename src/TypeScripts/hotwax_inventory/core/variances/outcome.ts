/**
 * What became of a file's rows once its CSV import jobs ended. A CSV import job ends COMPLETE even when
 * NetSuite rejected some of its records (NETSUITE.md 2.1), so the truth is what a search finds: a planned
 * transaction whose External ID exists was applied (whole: a record is created with all its lines or not
 * at all); one that does not exist was rejected, and every row in it is reported.
 */
import type { RowError } from './feed';
import type { FoundSplit } from './plan';

export interface ManifestLine {
  line: number;
  hotwaxId: string;
  item: string;
  location: string;
}

export interface ManifestTransaction {
  externalId: string;
  kind: 'adjustment' | 'transfer';
  jobIndex: number;
  lines: ManifestLine[];
}

/** Why a row was not posted although nothing is wrong with it. */
export type SkipReason = 'posted' | 'in-flight';

export interface SkippedRow extends ManifestLine {
  reason: SkipReason;
}

/**
 * A cycle-count row with Adjust Qty By 0: the store counted the item and found no difference. Nothing is
 * posted; the row is kept (item, store, date) so that a count history can be built from the plans.
 */
export interface CountedRow extends ManifestLine {
  /** NetSuite internal id of the item. */
  itemId: string;
  /** The count's date, YYYY-MM-DD. */
  date: string;
}

/** Everything a later run needs to verify a file: saved when the file is planned. */
export interface VarianceManifest {
  version: 2;
  flow: string;
  fileName: string;
  fingerprint: string;
  plannedAt: string;
  /** Size of the file in bytes as listed on the SFTP server when it was taken. */
  bytes: number;
  /** Data rows in the file. */
  totalRows: number;
  /** Set when the file as a whole is not a variance feed: nothing is posted, the file goes to failed/. */
  fileError?: string;
  /** Report lines that are neither errors nor skipped rows (e.g. "the file has no data rows"). */
  notices: RowError[];
  rowErrors: RowError[];
  /** Rows whose HotWax id was already applied (earlier file or run) or is in flight: not posted again. */
  skipped: SkippedRow[];
  counted: CountedRow[];
  /**
   * Found rows split into a transfer back and an adjustment (their variance location held less than they add),
   * as planned: a rebuilt job posts exactly these quantities, whatever the stock is later.
   */
  found: FoundRow[];
  transactions: ManifestTransaction[];
}

export interface FoundRow extends FoundSplit {
  line: number;
  hotwaxId: string;
}

export interface JobOutcome {
  index: number;
  status: string;
  name: string;
}

export interface FileOutcome {
  appliedRows: number;
  rejectedRows: number;
  skippedRows: number;
  /** Cycle-count rows counted with no difference (not posted, not errors). */
  countedRows: number;
  /** Rows for the error report: file error, validation errors, rejected transactions, skipped duplicates, notices. */
  reportRows: RowError[];
  /** archive/ when nothing was rejected and the file is a variance feed, failed/ otherwise. */
  destination: 'archive' | 'failed';
  missingExternalIds: string[];
}

export const SKIP_TEXT: Record<SkipReason, { problem: string; action: string }> = {
  posted: { problem: 'Already applied: this HotWax id is already posted in NetSuite.', action: 'Nothing to do; the row was not posted again.' },
  'in-flight': { problem: 'Already being applied: this HotWax id is in another file whose import is still running.', action: "Nothing to do; check that file's outcome." },
};

export const FILE_ERROR_ACTION = 'Send a HotWax variance CSV file with the header Reference No, Adjustment Account, Item, Adjust Qty By, Location, Date, Memo, Subsidiary, HC Inventory Adj Id.';

const REJECTED_ACTION =
  'See Setup > Import/Export > View CSV Import Status for the reason, fix it in NetSuite or HotWax, then send these rows again (rows already applied are skipped automatically).';
const PART_REJECTED_ACTION =
  'See Setup > Import/Export > View CSV Import Status for the reason, then post the part that is missing in NetSuite by hand: sending the row again would not post it (its HotWax id is already posted).';

export function decideOutcome(manifest: VarianceManifest, existingExternalIds: ReadonlySet<string>, jobs: readonly JobOutcome[]): FileOutcome {
  const reportRows: RowError[] = [...manifest.rowErrors];
  if (manifest.fileError !== undefined) reportRows.push({ line: 1, hotwaxId: '', item: '', location: '', problem: manifest.fileError, action: FILE_ERROR_ACTION });
  // A row is applied when every transaction it is in exists (a split Found row is in two); else it is rejected.
  const partsOfLine = new Map<number, { parts: number; missing: number }>();
  for (const tx of manifest.transactions) {
    for (const l of tx.lines) {
      const p = partsOfLine.get(l.line) ?? { parts: 0, missing: 0 };
      p.parts += 1;
      if (!existingExternalIds.has(tx.externalId)) p.missing += 1;
      partsOfLine.set(l.line, p);
    }
  }
  let applied = 0;
  let rejected = manifest.rowErrors.length;
  for (const p of partsOfLine.values()) {
    if (p.missing === 0) applied += 1;
    else rejected += 1;
  }
  const missing: string[] = [];
  const jobByIndex = new Map(jobs.map((j) => [j.index, j]));
  for (const tx of manifest.transactions) {
    if (existingExternalIds.has(tx.externalId)) continue;
    missing.push(tx.externalId);
    const job = jobByIndex.get(tx.jobIndex);
    const failedWhole = job?.status === 'FAILED';
    for (const l of tx.lines) {
      const p = partsOfLine.get(l.line);
      const partly = p !== undefined && p.parts > p.missing;
      reportRows.push({
        line: l.line,
        hotwaxId: l.hotwaxId,
        item: l.item,
        location: l.location,
        problem:
          (failedWhole
            ? `NetSuite's CSV import job "${job?.name ?? ''}" failed as a whole; transaction ${tx.externalId} was not created.`
            : `NetSuite rejected transaction ${tx.externalId} (${tx.lines.length} line(s)) during CSV import job "${job?.name ?? ''}".`) +
          (partly ? ' The other part of this row (its transfer back from the variance location, or its adjustment) was posted.' : ''),
        action: partly ? PART_REJECTED_ACTION : REJECTED_ACTION,
      });
    }
  }
  for (const s of manifest.skipped) reportRows.push({ line: s.line, hotwaxId: s.hotwaxId, item: s.item, location: s.location, ...SKIP_TEXT[s.reason] });
  for (const n of manifest.notices) reportRows.push(n);
  reportRows.sort((a, b) => a.line - b.line);
  return {
    appliedRows: applied,
    rejectedRows: rejected,
    skippedRows: manifest.skipped.length,
    countedRows: manifest.counted.length,
    reportRows,
    destination: rejected === 0 && manifest.fileError === undefined ? 'archive' : 'failed',
    missingExternalIds: missing,
  };
}

/** HotWax ids a file still in flight will post: a second delivery must not post them again. */
export function plannedHotwaxIds(manifest: VarianceManifest): string[] {
  return manifest.transactions.flatMap((tx) => tx.lines.map((l) => l.hotwaxId));
}

// ---- compact storage ---------------------------------------------------------------------------------
// The manifest is kept on the feed-file record (a Long Text field holds 1,000,000 characters) when it fits,
// else in the File Cabinet. Items, locations, problems and actions repeat from row to row: they are stored
// once in a string table and referred to by index, which keeps a 10,000-row plan around 250,000 characters.

type Row4 = [number, string, number, number];
type ErrorRow = [number, string, number, number, number, number];

interface EncodedManifest {
  v: 2;
  flow: string;
  fileName: string;
  fingerprint: string;
  plannedAt: string;
  bytes: number;
  totalRows: number;
  fileError?: string;
  texts: string[];
  notices: ErrorRow[];
  rowErrors: ErrorRow[];
  skipped: [number, string, number, number, 'P' | 'F'][];
  counted: [number, string, number, number, string, string][];
  /** line, HotWax id, transfer, adjust, account; absent in plans written before Found rows were split. */
  found?: [number, string, number, number, string][];
  transactions: [string, 'A' | 'T', number, Row4[]][];
}

export function encodeManifest(m: VarianceManifest): string {
  const texts: string[] = [];
  const index = new Map<string, number>();
  const t = (s: string): number => {
    let i = index.get(s);
    if (i === undefined) {
      i = texts.length;
      texts.push(s);
      index.set(s, i);
    }
    return i;
  };
  const err = (e: RowError): ErrorRow => [e.line, e.hotwaxId, t(e.item), t(e.location), t(e.problem), t(e.action)];
  const encoded: EncodedManifest = {
    v: 2,
    flow: m.flow,
    fileName: m.fileName,
    fingerprint: m.fingerprint,
    plannedAt: m.plannedAt,
    bytes: m.bytes,
    totalRows: m.totalRows,
    ...(m.fileError !== undefined ? { fileError: m.fileError } : {}),
    texts,
    notices: m.notices.map(err),
    rowErrors: m.rowErrors.map(err),
    skipped: m.skipped.map((s) => [s.line, s.hotwaxId, t(s.item), t(s.location), s.reason === 'posted' ? 'P' : 'F']),
    counted: m.counted.map((c) => [c.line, c.hotwaxId, t(c.item), t(c.location), c.itemId, c.date]),
    ...(m.found.length > 0 ? { found: m.found.map((f): [number, string, number, number, string] => [f.line, f.hotwaxId, f.transfer, f.adjust, f.accountId]) } : {}),
    transactions: m.transactions.map((tx) => [tx.externalId, tx.kind === 'adjustment' ? 'A' : 'T', tx.jobIndex, tx.lines.map((l): Row4 => [l.line, l.hotwaxId, t(l.item), t(l.location)])]),
  };
  return JSON.stringify(encoded);
}

export function decodeManifest(json: string): VarianceManifest {
  const e = JSON.parse(json) as EncodedManifest;
  if (e.v !== 2) throw new Error(`Unsupported variance plan version ${String(e.v)}`);
  const t = (i: number): string => e.texts[i] ?? '';
  const err = ([line, hotwaxId, item, location, problem, action]: ErrorRow): RowError => ({ line, hotwaxId, item: t(item), location: t(location), problem: t(problem), action: t(action) });
  return {
    version: 2,
    flow: e.flow,
    fileName: e.fileName,
    fingerprint: e.fingerprint,
    plannedAt: e.plannedAt,
    bytes: e.bytes,
    totalRows: e.totalRows,
    ...(e.fileError !== undefined ? { fileError: e.fileError } : {}),
    notices: e.notices.map(err),
    rowErrors: e.rowErrors.map(err),
    skipped: e.skipped.map(([line, hotwaxId, item, location, r]) => ({ line, hotwaxId, item: t(item), location: t(location), reason: r === 'P' ? 'posted' : 'in-flight' })),
    counted: e.counted.map(([line, hotwaxId, item, location, itemId, date]) => ({ line, hotwaxId, item: t(item), location: t(location), itemId, date })),
    found: (e.found ?? []).map(([line, hotwaxId, transfer, adjust, accountId]) => ({ line, hotwaxId, transfer, adjust, accountId })),
    transactions: e.transactions.map(([externalId, kind, jobIndex, lines]) => ({
      externalId,
      kind: kind === 'A' ? 'adjustment' : 'transfer',
      jobIndex,
      lines: lines.map(([line, hotwaxId, item, location]) => ({ line, hotwaxId, item: t(item), location: t(location) })),
    })),
  };
}
