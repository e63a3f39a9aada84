/**
 * A flow's health from its feed-file records (customrecord_hwx_feed_file): how many files are done, failed,
 * waiting or unreadable, the most recent ones, and the files a person must look at (failed, unreadable, or done
 * with rejected rows and an error report). Pure.
 */
export interface FeedFileRow {
  id: string;
  flow: string;
  fileName: string;
  status: string;
  rows: number;
  applied: number;
  rejected: number;
  errorReport: string;
  finalPath: string;
  message: string;
}

export interface FlowFiles {
  counts: { done: number; failed: number; waiting: number; unreadable: number };
  recent: FeedFileRow[];
  needsAttention: (FeedFileRow & { why: string })[];
}

const DONE = new Set(['ARCHIVED', 'UPLOADED']);
const WAITING = new Set(['PLANNED', 'SUBMITTED', 'VERIFIED']);

/** `rows` newest first. */
export function summarizeFeedFiles(rows: readonly FeedFileRow[], limit: number): FlowFiles {
  const counts = { done: 0, failed: 0, waiting: 0, unreadable: 0 };
  const needsAttention: (FeedFileRow & { why: string })[] = [];
  for (const r of rows) {
    if (DONE.has(r.status)) counts.done += 1;
    else if (r.status === 'FAILED') counts.failed += 1;
    else if (r.status === 'UNREADABLE') counts.unreadable += 1;
    else if (WAITING.has(r.status)) counts.waiting += 1;
    if (r.status === 'FAILED') needsAttention.push({ ...r, why: `failed: ${r.message || 'see the error report'}` });
    else if (r.status === 'UNREADABLE') needsAttention.push({ ...r, why: `cannot be read on SFTP: ${r.message}` });
    else if (DONE.has(r.status) && r.rejected > 0) needsAttention.push({ ...r, why: `${r.rejected} of ${r.rows} rows rejected; fix them from ${r.errorReport || 'the error report'}` });
  }
  return { counts, recent: rows.slice(0, limit), needsAttention: needsAttention.slice(0, limit) };
}
