/**
 * Decisions of the snapshot export that need no NetSuite: when a snapshot is too old to send, what each step
 * costs in governance units (NETSUITE.md 5), and how a finished snapshot is described.
 *
 * Why "too old": HotWax resets its quantities to what the file says. A snapshot taken at 02:00 and sent at
 * 18:00 (the SFTP server was down all day) would undo a day of sales and receipts in HotWax. So a snapshot
 * that is not yet visible to HotWax after `maxAgeHours` is dropped, and the next start takes a fresh one.
 * Once a first part is visible it is always completed: a half-sent snapshot is worse than a late one.
 */
import { MAX_PART_BYTES } from './snapshotFiles';
import type { SnapshotStats } from './snapshotRows';

export function ageHours(startedAtIso: string, now: Date): number {
  const started = Date.parse(startedAtIso);
  return Number.isNaN(started) ? Number.POSITIVE_INFINITY : (now.getTime() - started) / 3_600_000;
}

export const isStale = (startedAtIso: string, now: Date, maxAgeHours: number): boolean => ageHours(startedAtIso, now) > maxAgeHours;

/** Units of each step (NETSUITE.md 5): file.load 10, File.save 20, file.delete 20, sftp upload 100, move/list/remove 10, custom record submitFields 2. */
export const UNITS = {
  /** Open snapshots and the scope's last one (10 + 10), the search (load, save: 5-15), the task's file (20), the task (100), the record (2 + 4). */
  start: 10 + 10 + 15 + 20 + 100 + 2 + 4,
  savePart: 20,
  /** Load the part, upload it to staging, move the cursor. */
  uploadPart: 10 + 100 + 2,
  /** Move it into HotWax's folder, move the cursor. */
  movePart: 10 + 2,
  deleteFile: 20,
  removeStaged: 10,
  /** Connect (0), make sure the folders exist and list them twice. */
  publishOverhead: 6 * 10 + 2 * 10 + 10 + 2,
} as const;

/** The shortest row a search CSV can hold: 'i,n,l,,\r\n'. */
const MIN_SEARCH_ROW_BYTES = 9;

/** At most how many parts a search result of this size makes (rows can only get longer in HotWax's format by quoting). */
export function partsAtMost(resultBytes: number, maxRows: number): number {
  return Math.ceil(resultBytes / MIN_SEARCH_ROW_BYTES / maxRows) + Math.ceil((2 * resultBytes) / MAX_PART_BYTES) + 1;
}

/** Units a build needs at most: load the result, save each part, save the manifest, delete the result, update the record. */
export function buildUnitsAtMost(resultBytes: number, maxRows: number): number {
  return 10 + UNITS.savePart * partsAtMost(resultBytes, maxRows) + 20 + UNITS.deleteFile + 4;
}

export function describeSnapshot(stats: SnapshotStats, files: number): string {
  const base = `${stats.rows} row(s): ${stats.items} item(s) x ${stats.locations} location(s) in ${files} file(s)`;
  if (stats.rejected === 0) return base;
  const first = stats.rejections.slice(0, 3).map((r) => `line ${r.line}: ${r.reason}`);
  return `${base}; ${stats.rejected} row(s) not exported (${first.join('; ')}${stats.rejected > first.length ? '; ...' : ''})`;
}
