/**
 * What became of a file's rows once its CSV import jobs ended. A CSV import job ends COMPLETE even when
 * NetSuite rejected some of its records (NETSUITE.md 2.1), so the truth is what a search finds: a planned
 * transaction whose External ID exists was applied (whole: a record is created with all its lines or not
 * at all); one that does not exist was rejected, and every row in it is reported.
 */
import type { RowError } from './feed';

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

/** Everything a later run needs to verify a file: saved as JSON when the file is planned. */
export interface VarianceManifest {
  version: 1;
  flow: string;
  fileName: string;
  fingerprint: string;
  plannedAt: string;
  totalRows: number;
  rowErrors: RowError[];
  /** Rows whose HotWax id was already applied (earlier file or run): not posted again. */
  skipped: RowError[];
  transactions: ManifestTransaction[];
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
  /** Rows for the error report: validation errors, rejected transactions, and skipped duplicates. */
  reportRows: RowError[];
  /** archive/ when nothing was rejected, failed/ otherwise. */
  destination: 'archive' | 'failed';
  missingExternalIds: string[];
}

export function decideOutcome(manifest: VarianceManifest, existingExternalIds: ReadonlySet<string>, jobs: readonly JobOutcome[]): FileOutcome {
  const reportRows: RowError[] = [...manifest.rowErrors];
  let applied = 0;
  let rejected = manifest.rowErrors.length;
  const missing: string[] = [];
  const jobByIndex = new Map(jobs.map((j) => [j.index, j]));
  for (const tx of manifest.transactions) {
    if (existingExternalIds.has(tx.externalId)) {
      applied += tx.lines.length;
      continue;
    }
    missing.push(tx.externalId);
    rejected += tx.lines.length;
    const job = jobByIndex.get(tx.jobIndex);
    const failedWhole = job?.status === 'FAILED';
    for (const l of tx.lines) {
      reportRows.push({
        line: l.line,
        hotwaxId: l.hotwaxId,
        item: l.item,
        location: l.location,
        problem: failedWhole
          ? `NetSuite's CSV import job "${job?.name ?? ''}" failed as a whole; transaction ${tx.externalId} was not created.`
          : `NetSuite rejected transaction ${tx.externalId} (${tx.lines.length} line(s)) during CSV import job "${job?.name ?? ''}".`,
        action: 'See Setup > Import/Export > View CSV Import Status for the reason, fix it in NetSuite or HotWax, then send these rows again (rows already applied are skipped automatically).',
      });
    }
  }
  for (const s of manifest.skipped) reportRows.push(s);
  reportRows.sort((a, b) => a.line - b.line);
  return {
    appliedRows: applied,
    rejectedRows: rejected,
    skippedRows: manifest.skipped.length,
    reportRows,
    destination: rejected === 0 ? 'archive' : 'failed',
    missingExternalIds: missing,
  };
}
