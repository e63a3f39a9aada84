/**
 * HotWax Run Log Purge (customscript_hwx_sc_run_log_purge): deletes HotWax Integration Run records
 * (customrecord_hwx_run, docs/desk.md "The run log") older than custscript_hwx_rlp_keep_days days (default 90),
 * oldest first, while governance lasts: one search (10 units) per 1,000 records and 4 units per delete. What is
 * left is deleted by the next run. Only run-log records: feed files, snapshots, desk actions and audits stay.
 */
import { remainingUnits } from '../adapters/governance';
import { deleteRun, runsCreatedBefore } from '../adapters/runLog';
import { intParam } from '../adapters/scriptParams';
import { userDate, userToday } from '../adapters/userDates';
import { addDays } from '../core/cyclecounts/days';
import { count, sentence, type RunNote } from '../core/runLog';

export const KEEP_DAYS_PARAM = 'custscript_hwx_rlp_keep_days';
export const DEFAULT_KEEP_DAYS = 90;
/** Kept at least a week: the desk and job control read the newest runs. */
export const MIN_KEEP_DAYS = 7;
/** What the run keeps in hand: one more search (10), the run's own log record (6), margin. */
const RESERVE = 50;

export interface PurgeOutcome {
  keepDays: number;
  before: string;
  deleted: number;
  /** Older records are left for the next run (governance). */
  more: boolean;
}

export function runLogPurge(): PurgeOutcome {
  const keepDays = intParam(KEEP_DAYS_PARAM, DEFAULT_KEEP_DAYS, MIN_KEEP_DAYS, 3650);
  const before = addDays(userToday(), -keepDays);
  let deleted = 0;
  for (;;) {
    if (remainingUnits() < RESERVE + 10) return { keepDays, before, deleted, more: true };
    const ids = runsCreatedBefore(userDate(before));
    if (ids.length === 0) return { keepDays, before, deleted, more: false };
    for (const id of ids) {
      if (remainingUnits() < RESERVE + 4) return { keepDays, before, deleted, more: true };
      deleteRun(id);
      deleted += 1;
    }
  }
}

/** What the run log says of a purge (core/runLog.ts). */
export function purgeRunNote(o: PurgeOutcome): RunNote {
  return {
    status: o.more ? 'CONTINUES' : 'COMPLETE',
    text: sentence([o.deleted > 0 && `deleted ${count(o.deleted, 'run record')} created before ${o.before} (kept ${o.keepDays} days)`, o.more && 'older records are left for the next run (governance)']),
    files: 0,
  };
}
