// Seeded generators for the fuzz suite: a small PRNG (no dependency), valid base feeds for the inbound flows,
// and mutators that damage them the way real deliveries get damaged (byte flips, truncation, BOM, CR/CRLF
// mixes, NUL bytes, huge cells, deep nesting, odd unicode, odd file names, duplicate deliveries).
// Everything here is a pure function of the seed, so a failing case replays exactly (docs/proofs.md).

/** mulberry32: a 32-bit seeded PRNG, good enough to pick mutations; never used for anything secret. */
export class Rng {
  private state: number;

  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** Derives the seed of case `index` from a base seed (splitmix-style mixing, 32 bits). */
export function caseSeed(base: number, index: number): number {
  let z = (base ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

/** The base seed: FUZZ_SEED when given, else one per UTC day (the suite covers new ground every day). */
export function baseSeed(env: NodeJS.ProcessEnv = process.env, now: Date = new Date()): { seed: number; pinned: boolean } {
  const pinned = env.FUZZ_SEED;
  if (pinned !== undefined && pinned.trim() !== '') {
    const n = Number(pinned);
    if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new Error(`FUZZ_SEED must be an integer from 0 to 4294967295, not ${pinned}`);
    return { seed: n, pinned: true };
  }
  const day = Number(now.toISOString().slice(0, 10).replace(/-/g, ''));
  return { seed: caseSeed(day, 0), pinned: false };
}

/** One file as HotWax would deliver it. */
export interface Delivery {
  name: string;
  bytes: Buffer;
  /** What was done to it, for the failure message. */
  mutations: string[];
}

// ---- mutators (bytes in, bytes out) ------------------------------------------------------------------------

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
/** WTF-8 encodings of lone surrogates (U+D800, U+DFFF): invalid UTF-8 that naive encoders produce. */
const LONE_SURROGATES = [Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xed, 0xbf, 0xbf])];
const ODD_TEXT = ['\u200f', '\u202e', '\u200b', 'é', 'e\u0301', '日本', '😀', '\u00a0', 'Ω', '\ufffd', '\u2028'];

function insertAt(bytes: Buffer, at: number, piece: Buffer): Buffer {
  return Buffer.concat([bytes.subarray(0, at), piece, bytes.subarray(at)]);
}

export type Mutator = (rng: Rng, bytes: Buffer) => { bytes: Buffer; note: string };

export const MUTATORS: Record<string, Mutator> = {
  byteFlip: (rng, bytes) => {
    if (bytes.length === 0) return { bytes, note: 'byteFlip(empty)' };
    const out = Buffer.from(bytes);
    const flips = 1 + rng.int(3);
    const where: number[] = [];
    for (let i = 0; i < flips; i++) {
      const at = rng.int(out.length);
      out[at] = (out[at] ?? 0) ^ (1 << rng.int(8));
      where.push(at);
    }
    return { bytes: out, note: `byteFlip@${where.join('/')}` };
  },
  truncate: (rng, bytes) => {
    const at = rng.int(bytes.length + 1);
    return { bytes: bytes.subarray(0, at), note: `truncate@${at}` };
  },
  bom: (rng, bytes) => {
    // Usually at the start (legal); sometimes a second BOM, or one in the middle of the text.
    const at = rng.chance(0.6) ? 0 : rng.int(bytes.length + 1);
    const twice = rng.chance(0.2);
    return { bytes: insertAt(bytes, at, twice ? Buffer.concat([BOM, BOM]) : BOM), note: `bom@${at}${twice ? 'x2' : ''}` };
  },
  lineEndings: (rng, bytes) => {
    const text = bytes.toString('latin1');
    const ends = ['\r\n', '\n', '\r', '\r\r\n'];
    const mixed = text.replace(/\r?\n/g, () => rng.pick(ends));
    return { bytes: Buffer.from(mixed, 'latin1'), note: 'lineEndings' };
  },
  nul: (rng, bytes) => {
    const at = rng.int(bytes.length + 1);
    return { bytes: insertAt(bytes, at, Buffer.alloc(1 + rng.int(3))), note: `nul@${at}` };
  },
  hugeCell: (rng, bytes) => {
    // About 1 MB of text in one place (a cell, a JSON string, or between tokens).
    const at = rng.int(bytes.length + 1);
    const size = 1024 * 1024 + rng.int(1024);
    const fill = rng.pick(['x', '9', ' ', '"', ',']);
    return { bytes: insertAt(bytes, at, Buffer.from(fill.repeat(size), 'latin1')), note: `hugeCell@${at}x${size}(${JSON.stringify(fill)})` };
  },
  unicode: (rng, bytes) => {
    let out = bytes;
    const count = 1 + rng.int(3);
    const notes: string[] = [];
    for (let i = 0; i < count; i++) {
      const at = rng.int(out.length + 1);
      const lone = rng.chance(0.35);
      const piece = lone ? rng.pick(LONE_SURROGATES) : Buffer.from(rng.pick(ODD_TEXT), 'utf8');
      out = insertAt(out, at, piece);
      notes.push(`${lone ? 'loneSurrogate' : 'u'}@${at}`);
    }
    return { bytes: out, note: notes.join('/') };
  },
};

export const MUTATOR_NAMES = Object.keys(MUTATORS);

/** Applies 0..3 random mutators (0 with some probability: valid files must keep working too). */
export function mutate(rng: Rng, bytes: Buffer): { bytes: Buffer; mutations: string[] } {
  const mutations: string[] = [];
  let out = bytes;
  const n = rng.chance(0.25) ? 0 : 1 + rng.int(3);
  for (let i = 0; i < n; i++) {
    // hugeCell is expensive to carry through every run: rarer than the others.
    const name = rng.chance(0.08) ? 'hugeCell' : rng.pick(MUTATOR_NAMES.filter((m) => m !== 'hugeCell'));
    const mutator = MUTATORS[name];
    if (mutator === undefined) continue;
    const r = mutator(rng, out);
    out = r.bytes;
    mutations.push(r.note);
  }
  return { bytes: out, mutations };
}

// ---- file names --------------------------------------------------------------------------------------------

/**
 * A file name ending in `ext`: plain, with spaces, unicode (RTL mark, accents, emoji), a leading dot, very long
 * (near the 255-byte limit of most file systems), or (via `caseTwin`) differing from another only in case.
 */
export function fileName(rng: Rng, stem: string, ext: string): string {
  switch (rng.int(7)) {
    case 0:
      return `${stem} with spaces${ext}`;
    case 1:
      return `${stem}_\u200f\u05d0\u05d1_é${ext}`;
    case 2:
      return `.${stem}${ext}`;
    case 3:
      return `${stem}_${'L'.repeat(200 - stem.length)}${ext}`;
    case 4:
      return `${stem}_😀${ext}`;
    case 5:
      return `${stem.toUpperCase()}${ext.toUpperCase()}`;
    default:
      return `${stem}${ext}`;
  }
}

/** The same name in another case (names that differ only in case are different files on the SFTP server). */
export function caseTwin(name: string): string {
  const swapped = [...name].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join('');
  return swapped === name ? `X${name}` : swapped;
}

// ---- base feeds --------------------------------------------------------------------------------------------

export const VARIANCE_HEADER = 'Reference No,Adjustment Account,Item,Adjust Qty By,Location,Date,Memo,Subsidiary,HC Inventory Adj Id';

/** Item references of the store-day fixture: names, ids, "SKU | name", an inactive and an unknown one. */
const VARIANCE_ITEMS = ['WJ08-XS-Orange', 'MH09-XS-Blue | Abominable Hoodie', '3414', 'MS11-S-Black', '"GIFT-BOX, ""Deluxe"""', 'WS03-M-Blue', 'OLD-SKU-1', 'NO-SUCH-SKU', 'wj08-xs-orange'];
const VARIANCE_LOCATIONS = ['254', '255', '256', '1', '399', '999'];
const VARIANCE_MEMOS = ['Inventory cycle count by HotWax', '', 'Damaged', 'Lost', 'Found', 'Stolen', 'Not in Stock'];
const VARIANCE_QTYS = ['-1', '2', '+3', '-10', '0', '1.25', '-0.5', 'abc', '1.23456', '7'];
const VARIANCE_DATES = ['11/20/2026', '2026-11-21', '02/29/2024', '2/30/2026', '13/1/2026', '11/22/2026'];

/** A variance feed of `rows` rows with ids unique to `tag`; mostly valid, some rows invalid on purpose. */
export function varianceFeed(rng: Rng, tag: string, rows: number): string {
  const lines = [VARIANCE_HEADER];
  for (let i = 1; i <= rows; i++) {
    const valid = rng.chance(0.7);
    const item = valid ? rng.pick(VARIANCE_ITEMS.slice(0, 6)) : rng.pick(VARIANCE_ITEMS);
    const location = valid ? rng.pick(VARIANCE_LOCATIONS.slice(0, 3)) : rng.pick(VARIANCE_LOCATIONS);
    const qty = valid ? rng.pick(['-1', '2', '+3', '-10', '7', '1.25']) : rng.pick(VARIANCE_QTYS);
    const date = valid ? rng.pick(VARIANCE_DATES.slice(0, 3)) : rng.pick(VARIANCE_DATES);
    const memo = rng.pick(VARIANCE_MEMOS);
    const account = rng.pick(['927', '927', '', '928', '929']);
    const id = rng.chance(0.05) && i > 1 ? `${tag}-${i - 1}` : `${tag}-${i}`;
    lines.push(`R${i},${account},${item},${qty},${location},${date},${memo},1,${id}`);
  }
  return `${lines.join(rng.chance(0.5) ? '\r\n' : '\n')}${rng.chance(0.7) ? '\r\n' : ''}`;
}

/** Purchase orders the receipt fuzz fixture holds: id -> line quantities (every line at store 254 or 255). */
export const FUZZ_POS: Record<number, number[]> = { 9101: [50, 50, 50], 9102: [40, 40], 9103: [30], 9104: [60, 60, 60, 60], 9105: [25, 25] };

/** A receipt feed (documented shape) of `entries` entries, mostly receivable, some wrong on purpose. */
export function receiptFeed(rng: Rng, entries: number): string {
  const pos = Object.keys(FUZZ_POS).map(Number);
  const out: unknown[] = [];
  for (let i = 0; i < entries; i++) {
    const valid = rng.chance(0.7);
    const po = valid ? rng.pick(pos) : rng.pick([...pos, 424242, 9002, 9003]);
    const lines = FUZZ_POS[po]?.length ?? 1;
    const items: { line_id: unknown; quantity: unknown }[] = [];
    const used = new Set<number>();
    const count = 1 + rng.int(Math.min(3, lines));
    for (let k = 0; k < count; k++) {
      const line = 1 + rng.int(lines);
      if (valid && used.has(line)) continue;
      used.add(line);
      const qty = valid ? rng.pick([1, 2, '3', ' 4 ', 1.0]) : rng.pick([0, -1, 'ten', 2.5, 1000, '', null]);
      items.push({ line_id: rng.chance(0.5) ? String(line) : line, quantity: qty });
    }
    out.push({ order_id: rng.chance(0.5) ? String(po) : po, items });
  }
  const text = JSON.stringify(out, null, rng.chance(0.5) ? 2 : 0);
  return rng.chance(0.2) ? text.replace(/\n/g, '\r\n') : text;
}

/** JSON nested `depth` levels (arrays or objects), sometimes inside a valid entry. */
export function deepJson(rng: Rng, depth: number): string {
  const inner = rng.chance(0.5) ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
  return rng.chance(0.5) ? inner : `[{"order_id":"9101","items":[{"line_id":"1","quantity":1}],"note":${inner}}]`;
}
