/**
 * Names and sizes of the snapshot's files.
 *
 * Names are unique per snapshot and safe on any SFTP server (letters, digits, '_', '.'):
 *   InventorySnapshot_<YYYYMMDDTHHMMSSZ>[_loc<id>]_<part>of<total>.csv
 * The stamp is when the snapshot was taken (UTC); <total> tells HotWax, and a person, when a snapshot is
 * complete. Parts hold at most `maxRows` rows and stay under `maxBytes` (N/file reads a file whole only up to
 * 10 MB, NETSUITE.md 7), each with the header.
 */
import { writeCsv } from '../csv';
import { utf8Length } from '../utf8';
import { HOTWAX_INVENTORY_HEADER } from './snapshotRows';

/** Under N/file's 10 MB getContents() limit, with room to spare. */
export const MAX_PART_BYTES = 9_000_000;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** '20261123T060000Z' */
export function snapshotStamp(at: Date): string {
  return `${pad(at.getUTCFullYear(), 4)}${pad(at.getUTCMonth() + 1)}${pad(at.getUTCDate())}T${pad(at.getUTCHours())}${pad(at.getUTCMinutes())}${pad(at.getUTCSeconds())}Z`;
}

/**
 * When a new snapshot of a scope counts as taken: now, or one second after the scope's previous one when that is
 * not earlier (two starts within a second would otherwise share a name). Names stay unique and in order.
 */
export function nextSnapshotTime(now: Date, previousIso: string | undefined): Date {
  const previous = previousIso === undefined ? Number.NaN : Date.parse(previousIso);
  if (Number.isNaN(previous) || Math.floor(now.getTime() / 1000) > Math.floor(previous / 1000)) return now;
  return new Date((Math.floor(previous / 1000) + 1) * 1000);
}

/** The snapshot's name: every file of it starts with it. `scope` is 'all' or a location's internal id. */
export function snapshotName(stamp: string, scope: string): string {
  if (scope !== 'all' && !/^\d+$/.test(scope)) throw new Error(`snapshotName: scope must be 'all' or a location id, not ${JSON.stringify(scope)}`);
  return scope === 'all' ? `InventorySnapshot_${stamp}` : `InventorySnapshot_${stamp}_loc${scope}`;
}

/** The name HotWax sees: <snapshot>_<part>of<total>.csv (part is 1-based). */
export function partFileName(snapshot: string, part: number, total: number): string {
  if (!Number.isInteger(part) || !Number.isInteger(total) || part < 1 || part > total) throw new Error(`partFileName: part ${part} of ${total}`);
  return `${snapshot}_${part}of${total}.csv`;
}

/** The name of a part while it waits in the File Cabinet work folder (the total is not known yet). */
export const workPartName = (snapshot: string, part: number): string => `${snapshot}_part${part}.csv`;

/** Most a row can take in the file: every cell quoted with its quotes doubled, commas, CRLF. */
function rowBytesAtMost(cells: readonly string[]): number {
  let bytes = 2;
  for (const c of cells) bytes += 2 * utf8Length(c) + 3;
  return bytes;
}

const HEADER_BYTES = rowBytesAtMost(HOTWAX_INVENTORY_HEADER);

export interface FilePart {
  csv: string;
  rows: number;
}

/** Collects HotWax rows into parts; add() returns a part when it is full, finish() the last one. */
export class PartSplitter {
  private rows: string[][] = [];
  private bytes = HEADER_BYTES;

  constructor(
    private readonly maxRows: number,
    private readonly maxBytes = MAX_PART_BYTES,
  ) {
    if (!Number.isInteger(maxRows) || maxRows < 1) throw new Error(`PartSplitter: maxRows must be a positive integer, not ${maxRows}`);
  }

  add(row: readonly string[]): FilePart | undefined {
    const size = rowBytesAtMost(row);
    const full = this.rows.length >= this.maxRows || (this.rows.length > 0 && this.bytes + size > this.maxBytes);
    const done = full ? this.flush() : undefined;
    this.rows.push([...row]);
    this.bytes += size;
    return done;
  }

  finish(): FilePart | undefined {
    return this.rows.length > 0 ? this.flush() : undefined;
  }

  private flush(): FilePart {
    const part = { csv: writeCsv(HOTWAX_INVENTORY_HEADER, this.rows), rows: this.rows.length };
    this.rows = [];
    this.bytes = HEADER_BYTES;
    return part;
  }
}
