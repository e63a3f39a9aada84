// The fuzz and kill-matrix harness: one local environment (emulated account + embedded SFTP server) reset to
// a pristine copy before every case, so each case is a pure function of its seed; the inbound flows run until
// quiescent; the invariants are checked and returned as a list of violations (no jest here: the bench script
// `npm run fuzz` uses the same code). See docs/proofs.md.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startLocalEnvironment, type LocalEnvironment } from '../../demo/environment';
import type { AccountFixture } from '../../runtime/account/fixture';
import type { FullRunSummary } from '../../runtime/engines/scriptRunner';
import { caseTwin, deepJson, fileName, FUZZ_POS, mutate, receiptFeed, Rng, varianceFeed, type Delivery } from './generators';
import { receiptFixture } from '../receipts/receiptFixture';

export const VARIANCE_SCRIPT = 'customscript_hwx_sc_variance_import';
export const RECEIPT_SCRIPT = 'customscript_hwx_mr_po_receipt';
export const RECEIPT_DEPLOYMENT = 'customdeploy_hwx_mr_po_receipt';
export const VARIANCE_FLOWS = {
  inventoryadjustment: 'customdeploy_hwx_sc_variance_adj',
  inventorytransfer: 'customdeploy_hwx_sc_variance_trf',
} as const;
export type VarianceFolder = keyof typeof VARIANCE_FLOWS;
export const RECEIPT_FOLDER = 'purchaseorder/receipt';

const SAMPLES = path.join(__dirname, '..', '..', '..', 'demo', 'feeds');
const SAMPLES_SRC = path.join(__dirname, '..', '..', 'demo', 'feeds');
/** The published samples (demo/feeds), from the source tree or from build/ (the bench script). */
export function sample(name: string): Buffer {
  const first = path.join(SAMPLES_SRC, name);
  return fs.readFileSync(fs.existsSync(first) ? first : path.join(SAMPLES, name));
}

// ---- an environment that resets ----------------------------------------------------------------------------

export interface FuzzEnv {
  env: LocalEnvironment;
  /** Puts the account and the SFTP folders back as they were when the environment started. */
  reset(): void;
  stop(): Promise<void>;
}

function copyDir(from: string, to: string): void {
  fs.rmSync(to, { recursive: true, force: true });
  fs.cpSync(from, to, { recursive: true });
}

/**
 * `prepare` acts on the account before the pristine copy is taken (records a NetSuite user makes, such as
 * transfer orders and their fulfillments, which a fixture cannot hold): every case starts from them.
 */
export async function startFuzzEnv(fixture?: AccountFixture, prepare?: (env: LocalEnvironment) => Promise<unknown> | void): Promise<FuzzEnv> {
  const env = await startLocalEnvironment(fixture ? { fixture } : {});
  await prepare?.(env);
  const pristine = path.join(env.dir, 'pristine-account');
  copyDir(env.accountDir, pristine);
  // What `prepare` left on SFTP (archived feeds, reports) is part of the pristine state; usually nothing.
  const pristineSftp = path.join(env.dir, 'pristine-sftp');
  copyDir(env.baseDir, pristineSftp);
  return {
    env,
    reset() {
      copyDir(pristine, env.accountDir);
      copyDir(pristineSftp, env.baseDir);
    },
    async stop() {
      await env.stop();
      fs.rmSync(env.dir, { recursive: true, force: true });
    },
  };
}

/** The receipt fuzz fixture: receiptFixture() plus purchase orders with room to receive (FUZZ_POS). */
export function receiptFuzzFixture(): AccountFixture {
  const fixture = receiptFixture();
  const items = [3412, 3413, 3414, 3415];
  for (const [id, quantities] of Object.entries(FUZZ_POS)) {
    fixture.purchaseOrders?.push({
      id: Number(id),
      tranid: `PO${id}`,
      entity: 500,
      subsidiary: 1,
      trandate: '2026-11-01',
      lines: quantities.map((quantity, i) => ({ item: items[i % items.length] ?? 3412, quantity, rate: 10, location: i % 2 === 0 ? 254 : 255 })),
    });
  }
  fixture.purchaseOrders?.push({ id: 8302919, tranid: 'PO8302919', entity: 500, subsidiary: 1, trandate: '2026-11-01', location: 1, lines: [{ item: 3412, quantity: 100, rate: 20 }, { item: 3413, quantity: 60, rate: 30 }] });
  return fixture;
}

// ---- looking at the end state ------------------------------------------------------------------------------

type StoredRecord = ReturnType<ReturnType<LocalEnvironment['account']>['listRecords']>[number];

export const ffField = (r: StoredRecord, field: string): string => {
  const v = r.fields[`custrecord_hwx_ff_${field}`];
  return v === null || v === undefined ? '' : String(v);
};

/** Every entry of a folder on the server's disk (dot-files included, unlike env.listFolder). */
export function entriesOnDisk(env: LocalEnvironment, folder: string): { name: string; file: boolean }[] {
  const full = path.join(env.baseDir, folder);
  if (!fs.existsSync(full)) return [];
  return fs
    .readdirSync(full, { withFileTypes: true })
    .filter((d) => !d.name.endsWith('.part'))
    .map((d) => ({ name: d.name, file: d.isFile() }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

const readOnDisk = (env: LocalEnvironment, folder: string, name: string): Buffer => fs.readFileSync(path.join(env.baseDir, folder, name));

const digest = (b: Buffer): string => `${b.length}:${b.subarray(0, 32).toString('hex')}:${b.subarray(-32).toString('hex')}:${hashBytes(b)}`;

function hashBytes(b: Buffer): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < b.length; i++) {
    h ^= b[i] ?? 0;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16);
}

export interface FlowSpec {
  /** Incoming folder (files are delivered here). */
  incoming: string;
  /** The flow's name on feed-file records. */
  flow: string;
  ext: RegExp;
}

export const varianceSpec = (folder: VarianceFolder): FlowSpec => ({ incoming: `${folder}/csv`, flow: `variance:${folder}`, ext: /\.csv$/i });
export const receiptSpec: FlowSpec = { incoming: RECEIPT_FOLDER, flow: `receipt:${RECEIPT_FOLDER}`, ext: /\.json$/i };
const outFolders = (spec: FlowSpec): { archive: string; failed: string; error: string } => {
  const root = spec.incoming.endsWith('/csv') ? spec.incoming.slice(0, -4) : spec.incoming;
  return { archive: `${root}/archive`, failed: `${root}/failed`, error: `${root}/error` };
};

/**
 * Folder invariants of one flow after a quiescent run: every delivered file is in exactly one of archive/ or
 * failed/ (byte for byte), or left in place with an UNREADABLE feed-file record; nothing else appeared there;
 * every file in failed/ has a FAILED record with a reason and an error report that exists in error/.
 */
export function checkFolders(env: LocalEnvironment, spec: FlowSpec, delivered: readonly Delivery[]): string[] {
  const v: string[] = [];
  const out = outFolders(spec);
  const records = env
    .account()
    .listRecords('customrecord_hwx_feed_file')
    .filter((r) => ffField(r, 'flow') === spec.flow);
  const unreadable = new Set(records.filter((r) => ffField(r, 'status') === 'UNREADABLE').map((r) => ffField(r, 'file_name')));
  const left = entriesOnDisk(env, spec.incoming).filter((e) => e.file && spec.ext.test(e.name) && !unreadable.has(e.name));
  for (const e of left) v.push(`${spec.incoming}/${e.name} is still in the incoming folder after the flow went quiet`);
  const landed: { where: string; digest: string }[] = [];
  for (const folder of [out.archive, out.failed]) {
    for (const e of entriesOnDisk(env, folder)) landed.push({ where: `${folder}/${e.name}`, digest: digest(readOnDisk(env, folder, e.name)) });
  }
  const want = new Map<string, number>();
  for (const d of delivered) want.set(digest(d.bytes), (want.get(digest(d.bytes)) ?? 0) + 1);
  const inPlace = new Map<string, number>();
  for (const name of unreadable) {
    const full = path.join(env.baseDir, spec.incoming, name);
    if (fs.existsSync(full) && fs.statSync(full).isFile()) inPlace.set(digest(fs.readFileSync(full)), (inPlace.get(digest(fs.readFileSync(full))) ?? 0) + 1);
  }
  const got = new Map<string, string[]>();
  for (const l of landed) got.set(l.digest, [...(got.get(l.digest) ?? []), l.where]);
  for (const [d, n] of want) {
    const where = got.get(d) ?? [];
    const total = where.length + (inPlace.get(d) ?? 0);
    if (total !== n) {
      const names = delivered.filter((x) => digest(x.bytes) === d).map((x) => x.name);
      v.push(`delivered ${n} time(s) as ${JSON.stringify(names)} but found ${where.length} time(s) in archive/failed ${JSON.stringify(where)}${inPlace.get(d) ? ` and ${inPlace.get(d)} left UNREADABLE` : ''}`);
    }
  }
  for (const [d, where] of got) if (!want.has(d)) v.push(`${JSON.stringify(where)} is no file that was delivered`);

  const byFinal = new Map(records.map((r) => [ffField(r, 'final_path'), r]));
  const reports = new Set(entriesOnDisk(env, out.error).map((e) => `${out.error}/${e.name}`));
  for (const e of entriesOnDisk(env, out.failed)) {
    const where = `${out.failed}/${e.name}`;
    const r = byFinal.get(where);
    if (r === undefined) {
      v.push(`${where} has no feed-file record whose final path names it`);
      continue;
    }
    if (ffField(r, 'status') !== 'FAILED') v.push(`${where}: feed-file record status ${ffField(r, 'status')}, not FAILED`);
    if (ffField(r, 'message').trim() === '') v.push(`${where}: feed-file record gives no reason`);
    const report = ffField(r, 'error_report');
    if (report === '' || !reports.has(report)) v.push(`${where}: no error report in ${out.error} (record says ${JSON.stringify(report)})`);
  }
  for (const e of entriesOnDisk(env, out.archive)) {
    const r = byFinal.get(`${out.archive}/${e.name}`);
    if (r === undefined) v.push(`${out.archive}/${e.name} has no feed-file record whose final path names it`);
    else if (ffField(r, 'status') !== 'ARCHIVED') v.push(`${out.archive}/${e.name}: feed-file record status ${ffField(r, 'status')}, not ARCHIVED`);
    else if (Number(ffField(r, 'rejected') || 0) > 0 && !reports.has(ffField(r, 'error_report'))) v.push(`${out.archive}/${e.name}: ${ffField(r, 'rejected')} rejected but no error report in ${out.error}`);
  }
  for (const r of records) {
    const status = ffField(r, 'status');
    if (!['ARCHIVED', 'FAILED', 'UNREADABLE'].includes(status)) v.push(`feed-file record ${r.id} (${ffField(r, 'file_name')}) is still ${status}`);
    if (['FAILED', 'UNREADABLE'].includes(status) && ffField(r, 'message').trim() === '') v.push(`feed-file record ${r.id} (${ffField(r, 'file_name')}) is ${status} without a reason`);
  }
  return v;
}

/** A run that did not end COMPLETE, or errors a file's content must never cause. */
export function checkRun(run: FullRunSummary, label: string): string[] {
  const v: string[] = [];
  if (run.status !== 'COMPLETE') v.push(`${label}: run ${run.status}: ${JSON.stringify(run.errors).slice(0, 600)}`);
  else if (run.errors.length > 0) v.push(`${label}: run errors ${JSON.stringify(run.errors).slice(0, 600)}`);
  for (const l of run.logs) {
    if (l.level === 'ERROR' && /not taken|not finished|unexpected/i.test(l.title)) v.push(`${label}: ${l.title}: ${String(l.details).slice(0, 400)}`);
  }
  for (const t of run.taskRuns) if (t.status === 'FAILED') v.push(`${label}: task ${t.type} FAILED ${JSON.stringify(t.error ?? t.result).slice(0, 300)}`);
  return v;
}

// ---- the variance oracle -----------------------------------------------------------------------------------

/** Store-day fixture facts the oracle needs (demo/fixtures/store-day.json), kept apart from the flow's look-ups. */
const ACTIVE_ITEMS = new Map<string, string>([
  ['3412', 'WJ08-XS-Orange'], ['3413', 'MH09-XS-Blue'], ['3414', 'WJ03-L-Red'], ['3415', 'MS11-S-Black'], ['3416', 'MS11-M-Black'], ['3417', 'MS11-S-Blue'],
  ['3418', 'MS11-M-Blue'], ['3419', 'WS03-S-Black'], ['3420', 'WS03-M-Black'], ['3421', 'WS03-S-Blue'], ['3422', 'WS03-M-Blue'], ['3423', 'MP06-S-Black'],
  ['3424', 'MP06-M-Black'], ['3425', 'MP06-S-Blue'], ['3426', 'MP06-M-Blue'], ['3427', 'WB04-S-Black'], ['3428', 'WB04-M-Black'], ['3429', 'WB04-S-Blue'],
  ['3430', 'WB04-M-Blue'], ['3431', 'MJ02-S-Black'], ['3432', 'MJ02-M-Black'], ['3433', 'MJ02-S-Blue'], ['3434', 'MJ02-M-Blue'], ['3435', 'GIFT-BOX, "Deluxe"'],
]);
const ACTIVE_STORES = new Set(['1', '254', '255', '256']);
const VARIANCE_LOCATIONS = new Set(['301', '302', '303', '304']);
const ACTIVE_ACCOUNTS = new Set(['927', '928']);
/** Reasons whose map record has its own adjustment account (it wins over the row's: docs/variances.md). */
const REASONS_WITH_ACCOUNT = new Set(['damaged']);

interface OracleRow {
  file: string;
  id: string;
  itemId: string;
  qty: number;
  location: string;
  date: string;
  /** The row's Adjustment Account is empty or active (it matters only when the row becomes an adjustment). */
  accountOk: boolean;
}

/** M/D/YYYY, MM/DD/YYYY or YYYY-MM-DD, a real calendar day, as YYYY-MM-DD; else undefined. */
function oracleDate(cell: string): string | undefined {
  let y: number, m: number, d: number;
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(cell);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(cell);
  if (us) [m, d, y] = [Number(us[1]), Number(us[2]), Number(us[3])];
  else if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else return undefined;
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return undefined;
  return t.toISOString().slice(0, 10);
}

function oracleItem(cell: string): string | undefined {
  const ref = cell.trim();
  if (/^\d+$/.test(ref)) return ACTIVE_ITEMS.has(ref) ? ref : undefined;
  const candidates = [ref];
  // "SKU | Display Name": the SKU is what names the item; the display name is not checked (feeds.md).
  const bar = ref.indexOf('|');
  if (bar > 0) candidates.push(ref.slice(0, bar).trim());
  for (const [id, name] of ACTIVE_ITEMS) if (candidates.some((c) => c.toLowerCase() === name.toLowerCase())) return id;
  return undefined;
}

/**
 * RFC 4180 records, written here so the oracle shares no parser with the flow (which uses papaparse).
 * `newline`: which line breaks end a record outside quotes ('any' = CRLF, LF or a lone CR).
 */
export function rfc4180(text: string, newline: 'any' | '\r\n' | '\n'): string[][] {
  const records: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  const endRow = (): void => {
    row.push(cell);
    records.push(row);
    row = [];
    cell = '';
  };
  while (i < text.length) {
    const ch = text[i] ?? '';
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
      } else if (ch === '"') {
        quoted = false;
        i += 1;
      } else {
        cell += ch;
        i += 1;
      }
      continue;
    }
    if (ch === '"' && cell === '') {
      quoted = true;
      i += 1;
    } else if (ch === ',') {
      row.push(cell);
      cell = '';
      i += 1;
    } else if (text.startsWith('\r\n', i) && newline !== '\n') {
      endRow();
      i += 2;
    } else if ((ch === '\n' && newline !== '\r\n') || (ch === '\r' && newline === 'any')) {
      endRow();
      i += 1;
    } else {
      cell += ch;
      i += 1;
    }
  }
  if (cell !== '' || row.length > 0) endRow();
  return records;
}

/**
 * The rows of a delivered variance file that are valid per docs/feeds.md, read independently of the flow's
 * parser (its own RFC 4180 reader, under every line-ending reading, so the oracle is never stricter than the spec).
 */
export function validVarianceRows(d: Delivery): OracleRow[] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(d.bytes);
  } catch {
    return [];
  }
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  const out: OracleRow[] = [];
  for (const newline of ['any', '\r\n', '\n'] as const) {
    const [header, ...rows] = rfc4180(text, newline).filter((r) => !(r.length === 1 && r[0] === ''));
    if (header === undefined) continue;
    const names = header.map((h) => String(h).replace(/\s+/g, '').toLowerCase());
    const col = (n: string): number => (names.filter((x) => x === n).length === 1 ? names.indexOf(n) : -1);
    const c = { item: col('item'), qty: col('adjustqtyby'), location: col('location'), date: col('date'), id: col('hcinventoryadjid'), account: col('adjustmentaccount'), memo: col('memo'), subsidiary: col('subsidiary') };
    if ([c.item, c.qty, c.location, c.date, c.id].some((i) => i < 0)) continue;
    const seen = new Set<string>();
    for (const row of rows) {
      const cell = (i: number): string => (i < 0 ? '' : String(row[i] ?? '').trim());
      const id = cell(c.id);
      const first = !seen.has(id);
      seen.add(id);
      if (id === '' || !first) continue;
      const q = cell(c.qty);
      const itemId = oracleItem(cell(c.item));
      const date = oracleDate(cell(c.date));
      const account = cell(c.account);
      const subsidiary = cell(c.subsidiary);
      if (!/^[+-]?\d+(\.\d{1,4})?$/.test(q) || Number(q) === 0) continue;
      if (itemId === undefined || date === undefined || !ACTIVE_STORES.has(cell(c.location))) continue;
      if (subsidiary !== '' && subsidiary !== '1') continue;
      out.push({ file: d.name, id, itemId, qty: Number(q), location: cell(c.location), date, accountOk: account === '' || ACTIVE_ACCOUNTS.has(account) || (c.memo >= 0 && REASONS_WITH_ACCOUNT.has(cell(c.memo).toLowerCase())) });
    }
  }
  return out;
}

/**
 * Nothing applied twice (one transaction line per HotWax id in the whole account) and no bad row applied
 * (every posted line equals a valid row of a delivered file: id, item, quantity, location, date, account).
 */
export function checkVarianceApplied(env: LocalEnvironment, delivered: readonly Delivery[]): string[] {
  const v: string[] = [];
  const valid = new Map<string, OracleRow[]>();
  for (const d of delivered) for (const r of validVarianceRows(d)) valid.set(r.id, [...(valid.get(r.id) ?? []), r]);
  const account = env.account();
  const perId = new Map<string, number>();
  for (const type of ['inventoryadjustment', 'inventorytransfer'] as const) {
    for (const t of account.listRecords(type)) {
      for (const line of t.sublists.inventory ?? []) {
        const id = String(line.custcol_hwx_variance_id ?? '');
        perId.set(id, (perId.get(id) ?? 0) + 1);
        const qty = Number(line.adjustqtyby);
        const lineLocation = type === 'inventoryadjustment' ? String(line.location) : '';
        const matches = (valid.get(id) ?? []).filter((r) => {
          if (r.itemId !== String(line.item) || r.date !== String(t.fields.trandate)) return false;
          // The account is not compared: a reason's own account wins over the row's (docs/variances.md).
          if (type === 'inventoryadjustment') return r.qty === qty && r.location === lineLocation && r.accountOk;
          // A transfer moves |qty| between the store and a variance location (either direction).
          const ends = [String(t.fields.location), String(t.fields.transferlocation)];
          return Math.abs(r.qty) === Math.abs(qty) && ends.includes(r.location) && ends.some((e) => VARIANCE_LOCATIONS.has(e));
        });
        if (matches.length === 0) {
          v.push(`${type} ${String(t.fields.externalid)} line ${JSON.stringify({ id, item: line.item, qty: line.adjustqtyby, location: line.location ?? t.fields.location, date: t.fields.trandate })} matches no valid row of a delivered file`);
        }
      }
    }
  }
  for (const [id, n] of perId) if (n > 1) v.push(`HotWax id ${JSON.stringify(id)} applied ${n} times`);
  return v;
}

// ---- the receipt oracle ------------------------------------------------------------------------------------

interface OracleEntry {
  po: string;
  lines: Map<string, number>;
}

const idText = (v: unknown): string | undefined => {
  const s = typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : undefined;
  return s !== undefined && /^\d+$/.test(s) ? String(Number(s)) : undefined;
};

/** Entries of a delivered receipt file (documented shape) that are receivable per docs/feeds.md. */
export function validReceiptEntries(d: Delivery): OracleEntry[] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(d.bytes);
  } catch {
    return [];
  }
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(data)) return [];
  const out: OracleEntry[] = [];
  for (const e of data as unknown[]) {
    if (e === null || typeof e !== 'object') continue;
    const entry = e as { order_id?: unknown; items?: unknown };
    const po = idText(entry.order_id);
    if (po === undefined || !Array.isArray(entry.items)) continue;
    const lines = new Map<string, number>();
    let ok = true;
    for (const it of entry.items as unknown[]) {
      const item = (it ?? {}) as { line_id?: unknown; quantity?: unknown };
      const line = idText(item.line_id);
      const raw = typeof item.quantity === 'string' ? item.quantity.trim() : item.quantity;
      const qty = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : NaN;
      if (line === undefined || !Number.isFinite(qty) || qty < 0 || lines.has(line)) ok = false;
      else if (qty > 0) lines.set(line, qty);
    }
    if (ok && lines.size > 0) out.push({ po, lines });
  }
  return out;
}

/**
 * Nothing received twice (unique External IDs; a PO line never received beyond its quantity; the receipts'
 * lines add up to what the PO says was received) and no bad entry received (every item receipt is exactly
 * the non-zero lines of a valid entry of a delivered file).
 */
export function checkReceiptsApplied(env: LocalEnvironment, delivered: readonly Delivery[]): string[] {
  const v: string[] = [];
  const valid = delivered.flatMap((d) => validReceiptEntries(d));
  const account = env.account();
  const receipts = account.listRecords('itemreceipt');
  const ext = new Map<string, number>();
  const received = new Map<string, number>();
  for (const r of receipts) {
    const externalId = String(r.fields.externalid);
    ext.set(externalId, (ext.get(externalId) ?? 0) + 1);
    const po = String(r.fields.createdfrom);
    const lines = (r.sublists.item ?? []).map((l) => [String(l.orderline), Number(l.quantity)] as const);
    for (const [line, qty] of lines) received.set(`${po}/${line}`, (received.get(`${po}/${line}`) ?? 0) + qty);
    const ok = valid.some((e) => e.po === po && e.lines.size === lines.length && lines.every(([line, qty]) => e.lines.get(line) === qty));
    if (!ok) v.push(`item receipt ${externalId} of PO ${po} ${JSON.stringify(lines)} matches no valid entry of a delivered file`);
  }
  for (const [id, n] of ext) if (n > 1) v.push(`External ID ${id} on ${n} item receipts`);
  for (const po of account.listRecords('purchaseorder')) {
    (po.sublists.item ?? []).forEach((l, i) => {
      const line = String(l.line ?? i + 1);
      const got = Number(l.quantityreceived ?? 0);
      const made = received.get(`${po.id}/${line}`) ?? 0;
      if (got > Number(l.quantity)) v.push(`PO ${po.id} line ${line}: ${got} received of ${String(l.quantity)} ordered`);
      if (got < made) v.push(`PO ${po.id} line ${line}: item receipts hold ${made} but the PO says ${got} received`);
    });
  }
  return v;
}

// ---- running a flow until it goes quiet --------------------------------------------------------------------

/**
 * Runs `run` at most `max` times, checking each run, until `quiet` says the flow has nothing left to do after a
 * run; `settled` tells whether it got there.
 */
export async function runUntil(run: () => Promise<FullRunSummary>, quiet: (r: FullRunSummary) => boolean, label: string, max: number): Promise<{ runs: FullRunSummary[]; violations: string[]; settled: boolean }> {
  const runs: FullRunSummary[] = [];
  const violations: string[] = [];
  for (let i = 0; i < max; i++) {
    const r = await run();
    runs.push(r);
    violations.push(...checkRun(r, `${label} run ${i + 1}`));
    if (quiet(r)) return { runs, violations, settled: true };
  }
  return { runs, violations, settled: false };
}

/** Runs `run` until the flow has no open feed-file record and no file waits in its incoming folder. */
export async function untilQuiet(env: LocalEnvironment, spec: FlowSpec, run: () => Promise<FullRunSummary>, label: string, max = 6): Promise<{ runs: FullRunSummary[]; violations: string[] }> {
  const { runs, violations } = await runUntil(
    run,
    () => {
      const records = env
        .account()
        .listRecords('customrecord_hwx_feed_file')
        .filter((x) => ffField(x, 'flow') === spec.flow);
      const open = records.filter((x) => !['ARCHIVED', 'FAILED', 'UNREADABLE'].includes(ffField(x, 'status')));
      const unreadable = new Set(records.filter((x) => ffField(x, 'status') === 'UNREADABLE').map((x) => ffField(x, 'file_name')));
      const waiting = entriesOnDisk(env, spec.incoming).filter((e) => e.file && spec.ext.test(e.name) && !unreadable.has(e.name));
      return open.length === 0 && waiting.length === 0;
    },
    label,
    max,
  );
  return { runs, violations };
}

// ---- fuzz cases ---------------------------------------------------------------------------------------------

export interface CaseResult {
  seed: number;
  flow: string;
  deliveries: { name: string; bytes: number; mutations: string[] }[];
  violations: string[];
  /** What the case did: runs, files archived and failed, lines posted / item receipts made. */
  stats: { runs: number; archived: number; failed: number; applied: number };
}

const describeDeliveries = (ds: readonly Delivery[]): CaseResult['deliveries'] => ds.map((d) => ({ name: d.name, bytes: d.bytes.length, mutations: d.mutations }));

/** Builds one round of deliveries: mutated base feeds, odd names, duplicates under another name or case. */
function deliveries(rng: Rng, bases: (() => Buffer)[], ext: string, stem: string): Delivery[] {
  const out: Delivery[] = [];
  const n = 1 + rng.int(3);
  const names = new Set<string>();
  for (let k = 0; k < n; k++) {
    const base = rng.pick(bases)();
    const m = mutate(rng, base);
    let name = fileName(rng, `${stem}${k}`, ext);
    if (names.has(name)) name = `${stem}${k}_${k}${ext}`;
    names.add(name);
    out.push({ name, bytes: m.bytes, mutations: m.mutations });
  }
  if (rng.chance(0.3)) {
    // The same bytes delivered again under another name, or a name differing only in case.
    const original = rng.pick(out);
    const twin = rng.chance(0.5) ? caseTwin(original.name) : `copy of ${original.name}`;
    if (!names.has(twin)) {
      names.add(twin);
      out.push({ name: twin, bytes: original.bytes, mutations: [...original.mutations, `duplicate of ${original.name}`] });
    }
  }
  return out;
}

async function fuzzFlow(fe: FuzzEnv, seed: number, spec: FlowSpec, flowLabel: string, bases: (rng: Rng) => (() => Buffer)[], ext: string, run: () => Promise<FullRunSummary>, applied: (env: LocalEnvironment, all: readonly Delivery[]) => string[]): Promise<CaseResult> {
  fe.reset();
  const { env } = fe;
  const rng = new Rng(seed);
  const all: Delivery[] = [];
  const violations: string[] = [];
  const rounds = rng.chance(0.3) ? 2 : 1;
  let previous: Delivery[] = [];
  let runs = 0;
  for (let round = 0; round < rounds; round++) {
    let batch = deliveries(rng, bases(rng), ext, `f${round}_`);
    if (round > 0 && previous.length > 0) {
      // The same file delivered again under the same name, after the first copy was processed.
      const again = rng.pick(previous);
      batch = [{ name: again.name, bytes: again.bytes, mutations: [...again.mutations, 'redelivered under the same name'] }, ...batch.filter((d) => d.name !== again.name)];
    }
    for (const d of batch) env.dropFile(spec.incoming, d.name, d.bytes);
    all.push(...batch);
    const quiet = await untilQuiet(env, spec, run, `${flowLabel} round ${round + 1}`);
    violations.push(...quiet.violations);
    runs += quiet.runs.length;
    violations.push(...checkFolders(env, spec, all).map((s) => `round ${round + 1}: ${s}`));
    previous = batch;
  }
  violations.push(...applied(env, all));
  const out = outFolders(spec);
  const account = env.account();
  const lines = ['inventoryadjustment', 'inventorytransfer'].flatMap((t) => account.listRecords(t).flatMap((r) => r.sublists.inventory ?? [])).length;
  const stats = { runs, archived: entriesOnDisk(env, out.archive).length, failed: entriesOnDisk(env, out.failed).length, applied: lines + account.listRecords('itemreceipt').length };
  return { seed, flow: flowLabel, deliveries: describeDeliveries(all), violations, stats };
}

export async function varianceCase(fe: FuzzEnv, seed: number): Promise<CaseResult> {
  const folder: VarianceFolder = new Rng(seed ^ 0x5bd1e995).chance(0.7) ? 'inventoryadjustment' : 'inventorytransfer';
  const spec = varianceSpec(folder);
  return fuzzFlow(
    fe,
    seed,
    spec,
    `variance ${folder}`,
    (rng) => [
      () => sample('hotwax-cycle-count-variance-sample.csv'),
      () => sample('hotwax-inventory-item-variance-sample.csv'),
      () => Buffer.from(varianceFeed(rng, `S${seed.toString(36)}${rng.int(1000)}`, 2 + rng.int(10)), 'utf8'),
      () => Buffer.from(varianceFeed(rng, `S${seed.toString(36)}${rng.int(1000)}`, 2 + rng.int(10)), 'utf8'),
    ],
    '.csv',
    () => fe.env.run(VARIANCE_SCRIPT, { deploymentId: VARIANCE_FLOWS[folder] }),
    checkVarianceApplied,
  );
}

export async function receiptCase(fe: FuzzEnv, seed: number): Promise<CaseResult> {
  return fuzzFlow(
    fe,
    seed,
    receiptSpec,
    'receipts',
    (rng) => [
      () => sample('hotwax-po-receipt-sample.json'),
      () => Buffer.from(receiptFeed(rng, 1 + rng.int(6)), 'utf8'),
      () => Buffer.from(receiptFeed(rng, 1 + rng.int(6)), 'utf8'),
      () => Buffer.from(rng.chance(0.5) ? deepJson(rng, 20 + rng.int(30)) : deepJson(rng, 1000 + rng.int(50_000)), 'utf8'),
    ],
    '.json',
    () => fe.env.run(RECEIPT_SCRIPT, { deploymentId: RECEIPT_DEPLOYMENT }),
    checkReceiptsApplied,
  );
}

/** One line per violation, with the seed and how to replay it. */
export function formatFailure(r: CaseResult, replay: string): string {
  return [`FUZZ FAILURE seed=${r.seed} flow=${r.flow} (replay: ${replay})`, `  deliveries: ${JSON.stringify(r.deliveries)}`, ...r.violations.map((x) => `  - ${x}`)].join('\n');
}
