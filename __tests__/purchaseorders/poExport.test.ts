// Integration: the compiled PO export Map/Reduce script, run by the local runtime against the embedded SFTP
// server (a real SSH/SFTP server in its own process) and an emulated account built from the demo fixture
// with each test's own purchase orders. Build first: npm run build.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_FIXTURE, startLocalEnvironment, SFTP_PASSWORD, SFTP_USER, type LocalEnvironment } from '../../demo/environment';
import { loadFixture, type AccountFixture, type FixturePurchaseOrder, type FixturePurchaseOrderLine } from '../../runtime/account/fixture';
import type { FieldValue, StoredLine } from '../../runtime/account/types';
import { startSftpServerProcess, type SftpServerProcess } from '../../runtime/sftp/server-process';
import { encodeNode, parseFilters } from '../../runtime/search/filters';
import type { FullRunSummary } from '../../runtime/engines/scriptRunner';

const SCRIPT = 'customscript_hwx_mr_po_export';
const HOURLY = 'customdeploy_hwx_mr_po_export';
const ON_DEMAND = 'customdeploy_hwx_mr_po_export_now';
const FOLDER = 'purchaseorder/fulfillment';
const HEADER = 'external-id,product-sku,quantity,external-facility-id,item-external-id,arrival-date';
const WORK_FOLDER = '@folder:/HotWax Integration/work';
const FILE_NAME = /^PurchaseOrders_\d{8}T\d{6}Z_[a-z0-9]+\.csv$/;
/** A store that is not on HotWax (custrecord_hwx_loc_hotwax not checked). */
const OUTLET = 260;

const csv = (...rows: string[]): string => [HEADER, ...rows].map((l) => `${l}\r\n`).join('');

const line = (item: number, quantity: number, extra: Partial<FixturePurchaseOrderLine> = {}): FixturePurchaseOrderLine => ({ item, quantity, rate: 10, location: 254, expectedreceiptdate: '2026-11-24', ...extra });

/** Fixture POs were last modified two days ago: long before any run of a test (NetSuite's steady state). */
const LONG_AGO = new Date(Date.now() - 2 * 86_400_000).toISOString();

const po = (id: number, lines: FixturePurchaseOrderLine[], extra: Partial<FixturePurchaseOrder> = {}): FixturePurchaseOrder => ({
  id,
  lastmodifieddate: LONG_AGO,
  tranid: `PO${id}`,
  entity: 501,
  subsidiary: 1,
  location: 254,
  trandate: '2026-11-16',
  status: 'pendingReceipt',
  lines,
  ...extra,
});

/** The demo account with these purchase orders, a matrix child item, a store not on HotWax, and the work folder set. */
function fixtureWith(purchaseOrders: FixturePurchaseOrder[], settings: AccountFixture['settings'] = {}): AccountFixture {
  const base = loadFixture(DEFAULT_FIXTURE);
  return {
    ...base,
    settings: { ...base.settings, ...settings },
    locations: [...(base.locations ?? []), { id: OUTLET, name: 'Store 260 Outlet', subsidiary: 1, type: 'store', custrecord_hwx_loc_hotwax: false }],
    items: [...(base.items ?? []), { id: 3440, itemid: 'MS12 : MS12-S-Black', displayname: 'Atomic Tee (matrix child)' }],
    purchaseOrders,
    deploymentParams: { ...base.deploymentParams, [HOURLY]: { custscript_hwx_po_work_folder: WORK_FOLDER }, [ON_DEMAND]: { custscript_hwx_po_work_folder: WORK_FOLDER } },
  };
}

let env: LocalEnvironment;
let extraServer: SftpServerProcess | undefined;

async function start(purchaseOrders: FixturePurchaseOrder[], settings: AccountFixture['settings'] = {}): Promise<void> {
  env = await startLocalEnvironment({ fixture: fixtureWith(purchaseOrders, settings) });
}

afterEach(async () => {
  await extraServer?.close();
  extraServer = undefined;
  await env.stop();
  fs.rmSync(env.dir, { recursive: true, force: true });
});

async function run(options: Parameters<LocalEnvironment['run']>[1] = {}): Promise<FullRunSummary> {
  return env.run(SCRIPT, { deploymentId: HOURLY, ...options });
}

/** Runs the export and returns the files it added to the export folder, with their contents. */
async function exportFiles(options: Parameters<LocalEnvironment['run']>[1] = {}): Promise<{ run: FullRunSummary; files: { name: string; text: string }[] }> {
  const before = new Set(env.listFolder(FOLDER));
  const result = await run(options);
  const files = env
    .listFolder(FOLDER)
    .filter((n) => !before.has(n))
    .map((name) => ({ name, text: env.readFile(FOLDER, name) }));
  return { run: result, files };
}

async function onlyFile(options: Parameters<LocalEnvironment['run']>[1] = {}): Promise<string> {
  const { run: result, files } = await exportFiles(options);
  expect(result.status).toBe('COMPLETE');
  expect(files).toHaveLength(1);
  expect(files[0]?.name).toMatch(FILE_NAME);
  return files[0]?.text ?? '';
}

/**
 * Changes a PO as a user saving it in the UI would: every save updates lastmodifieddate (Oracle help
 * "Searching by lastModifiedDate"). `touch: false` is a change NetSuite makes without touching it (the [U]
 * case of an item receipt updating the PO's received quantities and status).
 */
function editPurchaseOrder(id: number, edit: (fields: Record<string, FieldValue>, lines: StoredLine[]) => StoredLine[] | void, options: { touch?: boolean } = {}): void {
  const account = env.account();
  const record = account.getRecord('purchaseorder', id);
  if (!record) throw new Error(`no purchase order ${id}`);
  const fields = { ...record.fields };
  const lines = (record.sublists.item ?? []).map((l) => ({ ...l }));
  const changed = edit(fields, lines) ?? lines;
  if (options.touch !== false) fields.lastmodifieddate = new Date().toISOString();
  account.replaceRecord({ ...record, fields, sublists: { ...record.sublists, item: changed } });
  account.save();
}

function stateFile(): { lastRunId: string; pos: Record<string, string> } | undefined {
  const account = env.account();
  const meta = account.listFiles().find((f) => f.name === 'hwx_po_export_state.json');
  return meta ? (JSON.parse(Buffer.from(account.readFile(meta.id)).toString('utf8')) as { lastRunId: string; pos: Record<string, string> }) : undefined;
}

const uploads = (r: FullRunSummary): number => r.usageByApi['sftp.upload']?.calls ?? 0;

/** The run's one audit entry: its details are the run summary as JSON. */
function auditSummary(r: FullRunSummary): Record<string, unknown> {
  const audits = r.logs.filter((l) => l.level === 'AUDIT');
  expect(audits).toHaveLength(1);
  return JSON.parse(audits[0]?.details ?? '{}') as Record<string, unknown>;
}
const exportRecords = (): Record<string, unknown>[] =>
  env
    .account()
    .listRecords('customrecord_hwx_feed_file')
    .filter((r) => r.fields.custrecord_hwx_ff_flow === 'purchaseorder:export')
    .map((r) => r.fields);

describe('PO export: the file HotWax gets', () => {
  it('a single-line PO: one row with PO id, SKU, quantity, location, line id and MM/DD/YYYY arrival date', async () => {
    await start([po(9001, [line(3412, 100, { expectedreceiptdate: '2026-03-05' })])]);
    expect(await onlyFile()).toBe(csv('9001,WJ08-XS-Orange,100,254,1,03/05/2026'));
    const records = exportRecords();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ custrecord_hwx_ff_status: 'UPLOADED', custrecord_hwx_ff_rows: 1, custrecord_hwx_ff_applied: 1 });
    expect(String(records[0]?.custrecord_hwx_ff_final_path)).toMatch(/^purchaseorder\/fulfillment\/PurchaseOrders_.*\.csv$/);
    expect(Object.keys(stateFile()?.pos ?? {})).toEqual(['9001']);
  });

  it('a multi-line PO: one row per line in line order, each with its own location and date, empty date when the line has none', async () => {
    await start([
      po(9002, [
        line(3412, 10, { location: 254, expectedreceiptdate: '2026-11-24' }),
        line(3413, 4, { location: 255, expectedreceiptdate: '2026-12-01' }),
        line(3414, 6, { location: 1, expectedreceiptdate: undefined }),
      ]),
    ]);
    expect(await onlyFile()).toBe(csv('9002,WJ08-XS-Orange,10,254,1,11/24/2026', '9002,MH09-XS-Blue,4,255,2,12/01/2026', '9002,WJ03-L-Red,6,1,3,'));
  });

  it('a partially received PO: the quantity still to receive; a fully received line is left out', async () => {
    await start([po(9003, [line(3417, 30, { quantityreceived: 10 }), line(3418, 5, { quantityreceived: 5 }), line(3419, 2.5, { quantityreceived: 0.5 })], { status: 'partiallyReceived' })]);
    expect(await onlyFile()).toBe(csv('9003,MS11-S-Blue,20,254,1,11/24/2026', '9003,WS03-S-Black,2,254,3,11/24/2026'));
  });

  it('a PO with a closed line: the closed line is left out', async () => {
    await start([po(9004, [line(3412, 10), line(3413, 8, { isclosed: true }), line(3414, 6)])]);
    expect(await onlyFile()).toBe(csv('9004,WJ08-XS-Orange,10,254,1,11/24/2026', '9004,WJ03-L-Red,6,254,3,11/24/2026'));
  });

  it('an item name with a comma and a quote is quoted; a matrix child is sent without its parent prefix', async () => {
    await start([po(9005, [line(3435, 5), line(3440, 7)])]);
    expect(await onlyFile()).toBe(csv('9005,"GIFT-BOX, ""Deluxe""",5,254,1,11/24/2026', '9005,MS12-S-Black,7,254,2,11/24/2026'));
  });

  it('lines at a location that does not take part in HotWax are left out, and a PO with only such lines is not exported', async () => {
    await start([po(9006, [line(3412, 10), line(3413, 3, { location: OUTLET })]), po(9007, [line(3414, 9, { location: OUTLET })], { location: OUTLET })]);
    expect(await onlyFile()).toBe(csv('9006,WJ08-XS-Orange,10,254,1,11/24/2026'));
  });

  it.each([
    ['pending supervisor approval', 'pendingSupApproval'],
    ['rejected', 'rejected'],
    ['fully received (pending bill)', 'pendingBilling'],
    ['closed', 'closed'],
  ])('a PO %s is not exported', async (_label, status) => {
    await start([po(9008, [line(3412, 10)], { status }), po(9009, [line(3413, 1)])]);
    expect(await onlyFile()).toBe(csv('9009,MH09-XS-Blue,1,254,1,11/24/2026'));
  });

  it('writes MM/DD/YYYY whatever the date format preference of the user running the script', async () => {
    await start([po(9010, [line(3412, 1, { expectedreceiptdate: '2026-02-03' })])], { dateFormat: 'DD.MM.YYYY' });
    expect(await onlyFile()).toBe(csv('9010,WJ08-XS-Orange,1,254,1,02/03/2026'));
  });
});

describe('PO export: once per change', () => {
  it('does not export an unchanged PO again: a second run uploads nothing and keeps the state', async () => {
    await start([po(9101, [line(3412, 10)]), po(9102, [line(3413, 2)])]);
    await onlyFile();
    const state = stateFile();
    const { run: second, files } = await exportFiles();
    expect(second.status).toBe('COMPLETE');
    expect(files).toEqual([]);
    expect(uploads(second)).toBe(0);
    expect(stateFile()).toEqual(state);
    expect(second.logs.find((l) => l.level === 'AUDIT')?.title).toMatch(/nothing changed \(2 PO\(s\) up to date\)/);
    expect(auditSummary(second)).toMatchObject({ posInSearch: 2, linesInSearch: 2, exportedPos: 0, unchangedPos: 2, files: [], stateSaved: false, failedPos: [] });
  });

  const changes: [string, (lines: StoredLine[], fields: Record<string, FieldValue>) => StoredLine[] | void, string[]][] = [
    ['a quantity changed', (lines) => void (lines[0]!.quantity = 12), ['9103,WJ08-XS-Orange,12,254,1,11/24/2026', '9103,MH09-XS-Blue,4,254,2,11/24/2026']],
    [
      'a line added',
      (lines) => [...lines, { ...lines[0]!, line: '3', item: '3414', quantity: 1 }],
      ['9103,WJ08-XS-Orange,10,254,1,11/24/2026', '9103,MH09-XS-Blue,4,254,2,11/24/2026', '9103,WJ03-L-Red,1,254,3,11/24/2026'],
    ],
    ['a line closed', (lines) => void (lines[1]!.isclosed = true), ['9103,WJ08-XS-Orange,10,254,1,11/24/2026']],
    [
      'received in part',
      (lines, fields) => {
        lines[0]!.quantityreceived = 4;
        fields.statusref = 'partiallyReceived';
      },
      ['9103,WJ08-XS-Orange,6,254,1,11/24/2026', '9103,MH09-XS-Blue,4,254,2,11/24/2026'],
    ],
    ['its expected receipt date moved', (lines) => void (lines[1]!.expectedreceiptdate = '2026-12-02'), ['9103,WJ08-XS-Orange,10,254,1,11/24/2026', '9103,MH09-XS-Blue,4,254,2,12/02/2026']],
  ];
  it.each(changes)('exports a PO again when %s, and only that PO', async (_label, change, rows) => {
    await start([po(9103, [line(3412, 10), line(3413, 4)]), po(9104, [line(3415, 1)])]);
    await onlyFile();
    editPurchaseOrder(9103, (fields, lines) => change(lines, fields));
    expect(await onlyFile()).toBe(csv(...rows));
    const { files } = await exportFiles();
    expect(files).toEqual([]);
  });

  it('exports a PO approved after earlier runs (no "created today" blind spot)', async () => {
    await start([po(9105, [line(3412, 3)], { status: 'pendingSupApproval', trandate: '2026-10-01' }), po(9106, [line(3413, 1)])]);
    expect(await onlyFile()).toBe(csv('9106,MH09-XS-Blue,1,254,1,11/24/2026'));
    editPurchaseOrder(9105, (fields) => void (fields.statusref = 'pendingReceipt'));
    expect(await onlyFile()).toBe(csv('9105,WJ08-XS-Orange,3,254,1,11/24/2026'));
  });

  it('forgets a PO that left the search, and exports it again if it comes back', async () => {
    await start([po(9107, [line(3412, 3)]), po(9108, [line(3413, 1)])]);
    await onlyFile();
    editPurchaseOrder(9107, (fields) => void (fields.statusref = 'closed'));
    const { files } = await exportFiles();
    expect(files).toEqual([]);
    expect(Object.keys(stateFile()?.pos ?? {})).toEqual(['9108']);
    editPurchaseOrder(9107, (fields) => void (fields.statusref = 'pendingReceipt'));
    expect(await onlyFile()).toBe(csv('9107,WJ08-XS-Orange,3,254,1,11/24/2026'));
  });
});

describe('PO export: reading only what changed', () => {
  /** Four POs; the first run reads every line and exports all four. */
  async function startWithFour(settings: AccountFixture['settings'] = {}): Promise<void> {
    await start(
      [
        po(9401, [line(3412, 10), line(3413, 4)]),
        po(9402, [line(3414, 6)]),
        po(9403, [line(3415, 2, { location: 255 })], { location: 255 }),
        po(9404, [line(3416, 1)], { status: 'pendingSupApproval' }),
      ],
      settings,
    );
    const first = await run();
    expect(auditSummary(first)).toMatchObject({ readMode: 'full', posRead: 3, linesRead: 4, exportedPos: 3 });
  }

  it('a second run with nothing new reads no line and sends nothing; the POs stay marked', async () => {
    await startWithFour();
    const state = stateFile();
    const { run: second, files } = await exportFiles();
    expect(files).toEqual([]);
    expect(auditSummary(second)).toMatchObject({ readMode: 'changed', posInSearch: 3, linesInSearch: 4, posRead: 0, linesRead: 0, keptPos: 3, unchangedPos: 3, exportedPos: 0, stateSaved: false });
    expect(stateFile()).toEqual(state);
  });

  const changes: [string, (fields: Record<string, FieldValue>, lines: StoredLine[]) => StoredLine[] | void, string[]][] = [
    ['a quantity changed', (_f, lines) => void (lines[0]!.quantity = 12), ['9401,WJ08-XS-Orange,12,254,1,11/24/2026', '9401,MH09-XS-Blue,4,254,2,11/24/2026']],
    ['a line added', (_f, lines) => [...lines, { ...lines[0]!, line: '3', item: '3414', quantity: 1 }], ['9401,WJ08-XS-Orange,10,254,1,11/24/2026', '9401,MH09-XS-Blue,4,254,2,11/24/2026', '9401,WJ03-L-Red,1,254,3,11/24/2026']],
    ['a line closed', (_f, lines) => void (lines[1]!.isclosed = true), ['9401,WJ08-XS-Orange,10,254,1,11/24/2026']],
    ['its expected receipt date moved', (_f, lines) => void (lines[1]!.expectedreceiptdate = '2026-12-02'), ['9401,WJ08-XS-Orange,10,254,1,11/24/2026', '9401,MH09-XS-Blue,4,254,2,12/02/2026']],
    ['a line moved to another location', (_f, lines) => void (lines[1]!.location = '255'), ['9401,WJ08-XS-Orange,10,254,1,11/24/2026', '9401,MH09-XS-Blue,4,255,2,11/24/2026']],
  ];
  it.each(changes)('a PO edited (%s) is read and sent on the next run; the others are not read', async (_label, change, rows) => {
    await startWithFour();
    editPurchaseOrder(9401, change);
    const { run: second, files } = await exportFiles();
    expect(files.map((f) => f.text)).toEqual([csv(...rows)]);
    expect(auditSummary(second)).toMatchObject({ readMode: 'changed', posRead: 1, keptPos: 2, exportedPos: 1, unchangedPos: 2 });
    expect((await exportFiles()).files).toEqual([]);
  });

  it('a PO approved after the first run is read and sent', async () => {
    await startWithFour();
    editPurchaseOrder(9404, (fields) => void (fields.statusref = 'pendingReceipt'));
    const { run: second, files } = await exportFiles();
    expect(files.map((f) => f.text)).toEqual([csv('9404,MS11-M-Black,1,254,1,11/24/2026')]);
    expect(auditSummary(second)).toMatchObject({ posRead: 1, keptPos: 3 });
  });

  it('a PO that stopped being pending receipt is dropped from the state without reading any line, and sent again when it comes back', async () => {
    await startWithFour();
    editPurchaseOrder(9402, (fields) => void (fields.statusref = 'closed'));
    const { run: second, files } = await exportFiles();
    expect(files).toEqual([]);
    expect(auditSummary(second)).toMatchObject({ posRead: 0, droppedPos: 1, keptPos: 2, stateSaved: true });
    expect(Object.keys(stateFile()?.pos ?? {}).sort()).toEqual(['9401', '9403']);
    editPurchaseOrder(9402, (fields) => void (fields.statusref = 'pendingReceipt'));
    expect(await onlyFile()).toBe(csv('9402,WJ03-L-Red,6,254,1,11/24/2026'));
  });

  it('a received line changed by the system without touching the PO\'s last-modified time is still read (the received sum moved) and sent', async () => {
    await startWithFour();
    editPurchaseOrder(
      9401,
      (fields, lines) => {
        lines[0]!.quantityreceived = 10;
        fields.statusref = 'partiallyReceived';
      },
      { touch: false },
    );
    const { run: second, files } = await exportFiles();
    expect(files.map((f) => f.text)).toEqual([csv('9401,MH09-XS-Blue,4,254,2,11/24/2026')]);
    expect(auditSummary(second)).toMatchObject({ readMode: 'changed', posRead: 1 });
  });

  it.each([
    ['touches', true],
    ['does not touch', false],
  ])('an item receipt made by the receipt import is sent on the next run whether the receipt %s the PO\'s last-modified time', async (_label, touches) => {
    await startWithFour({ itemReceiptTouchesPurchaseOrder: touches });
    const before = env.account().getRecord('purchaseorder', 9401)?.fields.lastmodifieddate;
    env.dropFile('purchaseorder/receipt', 'receipt_1.json', JSON.stringify([{ order_id: '9401', items: [{ line_id: '2', quantity: '3' }] }]));
    const receipt = await env.run('customscript_hwx_mr_po_receipt', { deploymentId: 'customdeploy_hwx_mr_po_receipt' });
    expect(receipt.status).toBe('COMPLETE');
    expect(env.account().listRecords('itemreceipt')).toHaveLength(1);
    expect(env.account().getRecord('purchaseorder', 9401)?.fields.lastmodifieddate === before).toBe(!touches);
    const { run: second, files } = await exportFiles();
    expect(files.map((f) => f.text)).toEqual([csv('9401,WJ08-XS-Orange,10,254,1,11/24/2026', '9401,MH09-XS-Blue,1,254,2,11/24/2026')]);
    expect(auditSummary(second)).toMatchObject({ readMode: 'changed', posRead: 1, keptPos: 2 });
  });

  it('a PO saved without an export-relevant change is read but not sent again', async () => {
    await startWithFour();
    editPurchaseOrder(9401, (fields) => void (fields.memo = 'called the vendor'));
    const { run: second, files } = await exportFiles();
    expect(files).toEqual([]);
    expect(auditSummary(second)).toMatchObject({ posRead: 1, exportedPos: 0, unchangedPos: 3, stateSaved: true });
    // The next run is within the 30-minute overlap of the run that read it (runs here are seconds apart):
    // it reads the PO again, and still does not send it.
    const { run: third, files: again } = await exportFiles();
    expect(again).toEqual([]);
    expect(auditSummary(third)).toMatchObject({ exportedPos: 0, unchangedPos: 3 });
  });

  it('a second save in the same minute as the previous read, which the signature cannot see, is caught by the last-modified window', async () => {
    await startWithFour();
    const stamp = new Date();
    editPurchaseOrder(9401, (fields, lines) => {
      lines[1]!.expectedreceiptdate = '2026-12-02';
      fields.lastmodifieddate = stamp.toISOString();
    });
    expect((await exportFiles()).files).toHaveLength(1);
    // The same minute (the search shows lastmodifieddate to the minute), same line count and sums.
    editPurchaseOrder(9401, (fields, lines) => {
      lines[1]!.location = '255';
      fields.lastmodifieddate = new Date(stamp.getTime() - (stamp.getTime() % 60_000) + 59_000).toISOString();
    });
    const { run: third, files } = await exportFiles();
    expect(files.map((f) => f.text)).toEqual([csv('9401,WJ08-XS-Orange,10,254,1,11/24/2026', '9401,MH09-XS-Blue,4,255,2,12/02/2026')]);
    expect(auditSummary(third)).toMatchObject({ readMode: 'changed', exportedPos: 1 });
  });

  it('an item renamed (no PO modified) is not seen by a changed-only read, and is sent by the periodic full read', async () => {
    await startWithFour();
    const account = env.account();
    const item = account.getRecord('inventoryitem', 3414)!;
    account.replaceRecord({ ...item, fields: { ...item.fields, itemid: 'WJ03-L-Crimson' } });
    account.save();
    const { run: second, files } = await exportFiles();
    expect(files).toEqual([]);
    expect(auditSummary(second)).toMatchObject({ readMode: 'changed', posRead: 0 });
    // The admin sets the full-read interval to 0 (every run reads every line), or 24 hours pass.
    const admin = env.account();
    admin.deploymentParams[HOURLY] = { ...admin.deploymentParams[HOURLY], custscript_hwx_po_full_read_hours: '0' };
    admin.save();
    const { run: full, files: sent } = await exportFiles();
    expect(sent.map((f) => f.text)).toEqual([csv('9402,WJ03-L-Crimson,6,254,1,11/24/2026')]);
    expect(auditSummary(full)).toMatchObject({ readMode: 'full', posRead: 3, exportedPos: 1, unchangedPos: 2 });
  });

  it('reads every line again once the state is gone, and sends every PO again (the safe direction)', async () => {
    await startWithFour();
    const account = env.account();
    const meta = account.listFiles().find((f) => f.name === 'hwx_po_export_state.json')!;
    account.deleteFile(meta.id);
    account.save();
    const { run: again, files } = await exportFiles();
    expect(files).toHaveLength(1);
    expect(auditSummary(again)).toMatchObject({ readMode: 'full', exportedPos: 3 });
  });

  it('restarts in reduce and summarize of a changed-only run: the changed PO is sent once, the kept POs stay marked', async () => {
    await startWithFour();
    editPurchaseOrder(9403, (_f, lines) => void (lines[0]!.quantity = 5));
    const { run: second, files } = await exportFiles({ restart: { stage: 'summarize', afterInvocations: 0 } });
    expect(second.status).toBe('COMPLETE');
    expect(uploads(second)).toBe(1);
    expect(files.map((f) => f.text)).toEqual([csv('9403,MS11-S-Black,5,255,1,11/24/2026')]);
    expect(Object.keys(stateFile()?.pos ?? {}).sort()).toEqual(['9401', '9402', '9403']);
    editPurchaseOrder(9401, (_f, lines) => void (lines[0]!.quantity = 7));
    const { run: third, files: next } = await exportFiles({ restart: { stage: 'reduce', afterInvocations: 1 } });
    expect(third.status).toBe('COMPLETE');
    expect(next.map((f) => f.text)).toEqual([csv('9401,WJ08-XS-Orange,7,254,1,11/24/2026', '9401,MH09-XS-Blue,4,254,2,11/24/2026')]);
    expect((await exportFiles()).files).toEqual([]);
  });
});

describe('PO export: failures and restarts', () => {
  it('marks nothing when the SFTP server is down, and exports everything on the next run', async () => {
    await start([po(9201, [line(3412, 10)]), po(9202, [line(3413, 2)])]);
    await env.stop();
    const failed = await run();
    expect(failed.status).toBe('FAILED');
    expect(failed.logs.some((l) => l.level === 'ERROR' && /SFTP_CONNECT_FAILED/.test(l.details))).toBe(true);
    expect(stateFile()).toBeUndefined();
    expect(exportRecords()).toEqual([]);

    // The server comes back (same host key, new port): the next run sends both POs.
    extraServer = await startSftpServerProcess({ root: env.sftpRoot, port: 0, users: [{ username: SFTP_USER, password: SFTP_PASSWORD }], hostKeyFile: path.join(env.dir, 'sftp-host-key.pem') });
    const account = env.account();
    const config = account.listRecords('customrecord_hwx_sftp_config')[0]!;
    account.replaceRecord({ ...config, fields: { ...config.fields, custrecord_hwx_sftp_port: extraServer.port } });
    account.save();
    expect(await onlyFile()).toBe(csv('9201,WJ08-XS-Orange,10,254,1,11/24/2026', '9202,MH09-XS-Blue,2,254,1,11/24/2026'));
  });

  it('marks nothing when the upload itself fails (the export folder is unusable), and exports everything once it is fixed', async () => {
    await start([po(9203, [line(3412, 10)]), po(9204, [line(3413, 2)])]);
    await onlyFile();
    editPurchaseOrder(9203, (_fields, lines) => void (lines[0]!.quantity = 11));
    editPurchaseOrder(9204, (_fields, lines) => void (lines[0]!.quantity = 3));
    const state = stateFile();
    // Someone replaced the export folder with a file: the upload cannot be written there.
    const folder = path.join(env.baseDir, FOLDER);
    fs.renameSync(folder, `${folder}.moved`);
    fs.writeFileSync(folder, 'not a folder');
    const failed = await run();
    expect(failed.status).toBe('FAILED');
    expect(uploads(failed)).toBe(1);
    expect(failed.logs.some((l) => l.level === 'ERROR' && /FTP_NO_SUCH_FILE_OR_DIRECTORY/.test(l.details))).toBe(true);
    expect(stateFile()).toEqual(state);
    expect(exportRecords()).toHaveLength(1);
    fs.rmSync(folder);
    fs.renameSync(`${folder}.moved`, folder);
    expect(await onlyFile()).toBe(csv('9203,WJ08-XS-Orange,11,254,1,11/24/2026', '9204,MH09-XS-Blue,3,254,1,11/24/2026'));
  });

  it('uploads once when summarize is restarted after it finished (isRestarted)', async () => {
    await start([po(9205, [line(3412, 10)])]);
    const { run: restarted, files } = await exportFiles({ restart: { stage: 'summarize', afterInvocations: 0 } });
    expect(restarted.status).toBe('COMPLETE');
    expect(restarted.usage.summarize?.invocations).toBe(2);
    expect(uploads(restarted)).toBe(1);
    expect(files.map((f) => f.text)).toEqual([csv('9205,WJ08-XS-Orange,10,254,1,11/24/2026')]);
    expect(exportRecords()).toHaveLength(1);
    expect(restarted.logs.some((l) => /already done before the restart/.test(l.title))).toBe(true);
    expect((await exportFiles()).files).toEqual([]);
  });

  it('exports the other POs, reports a PO whose lines HotWax cannot use, does not mark it, and exports it once fixed', async () => {
    await start([po(9206, [line(3412, 10)]), po(9207, [line(3413, 2), line(3414, 1)])]);
    editPurchaseOrder(9207, (_fields, lines) => void (lines[1]!.quantity = null));
    const { run: first, files } = await exportFiles();
    expect(first.status).toBe('COMPLETE');
    expect(files.map((f) => f.text)).toEqual([csv('9206,WJ08-XS-Orange,10,254,1,11/24/2026')]);
    // reduce retries once (config.retryCount 1, for application-server restarts): the same error twice.
    expect(new Set(first.errors.map((e) => `${e.stage} ${e.key} ${e.name}`))).toEqual(new Set(['reduce 9207 PO_LINES_INVALID']));
    const report = first.logs.find((l) => l.level === 'ERROR' && /1 PO\(s\) not exported/.test(l.title));
    expect(report?.details).toMatch(/9207: PO_LINES_INVALID: .*line 2: quantity '' is not a number/);
    expect(Object.keys(stateFile()?.pos ?? {})).toEqual(['9206']);
    editPurchaseOrder(9207, (_fields, lines) => void (lines[1]!.quantity = 1));
    expect(await onlyFile()).toBe(csv('9207,MH09-XS-Blue,2,254,1,11/24/2026', '9207,WJ03-L-Red,1,254,2,11/24/2026'));
  });

  it('fails with a clear message and exports nothing when the work folder parameter is not set', async () => {
    await start([po(9208, [line(3412, 10)])]);
    const { run: failed, files } = await exportFiles({ deploymentId: HOURLY, params: { custscript_hwx_po_work_folder: '' } });
    expect(failed.status).toBe('FAILED');
    expect(files).toEqual([]);
    expect(failed.logs.some((l) => l.level === 'ERROR' && /CONFIG_WORK_FOLDER/.test(l.details))).toBe(true);
  });
});

describe('PO export: the saved search admins own', () => {
  const savedSearch = (): { id: number; fields: Record<string, unknown> } => {
    const found = env
      .account()
      .listRecords('savedsearch')
      .find((r) => r.fields.scriptid === 'customsearch_hwx_po_pending_receipt');
    if (!found) throw new Error('the saved search was not created');
    return found;
  };

  /** What an admin does in the UI: change the criteria and the result columns of the saved search. */
  function adminEdits(filters: unknown[], columns: Record<string, unknown>[]): void {
    const account = env.account();
    const record = account.getRecord('savedsearch', savedSearch().id)!;
    const definition = JSON.parse(String(record.fields.definition)) as Record<string, unknown>;
    account.replaceRecord({ ...record, fields: { ...record.fields, definition: JSON.stringify({ ...definition, filters: encodeNode(parseFilters(filters)), columns }) } });
    account.save();
  }

  it('is created once on the first run, then used as the admin edits it: their criteria apply, our columns and guards stay', async () => {
    await start([
      po(9301, [line(3412, 10, { location: 254 })]),
      po(9302, [line(3413, 2, { location: 255 })], { location: 255 }),
      po(9303, [line(3414, 4, { location: 255 })], { location: 255, status: 'pendingSupApproval' }),
      po(9304, [line(3415, 1, { location: OUTLET })], { location: OUTLET }),
    ]);
    const first = await run();
    expect(auditSummary(first)).toMatchObject({ searchId: 'customsearch_hwx_po_pending_receipt', searchCreated: true });
    const created = savedSearch();
    expect(created.fields.title).toBe('HotWax: Purchase Order Lines Pending Receipt');

    // The admin narrows the search to store 255 and the outlet, drops the status and item criteria,
    // and replaces the columns with their own.
    adminEdits([['location', 'anyof', ['255', String(OUTLET)]]], [{ name: 'tranid', sort: 'DESC' }, { name: 'amount' }]);
    editPurchaseOrder(9301, (_fields, lines) => void (lines[0]!.quantity = 11));
    editPurchaseOrder(9302, (_fields, lines) => void (lines[0]!.quantity = 3));
    const { run: second, files } = await exportFiles();
    expect(auditSummary(second)).toMatchObject({ searchCreated: false });
    expect(env.account().listRecords('savedsearch')).toHaveLength(1);
    // 9301 (store 254) is outside the admin's criteria; 9303 (pending approval) is kept out by the guards;
    // the outlet is in the admin's criteria now, so 9304 is exported. Same columns as always.
    expect(files.map((f) => f.text)).toEqual([csv('9302,MH09-XS-Blue,3,255,1,11/24/2026', '9304,MS11-S-Black,1,260,1,11/24/2026')]);
    // 9301 left the search, so it is no longer marked as exported.
    expect(Object.keys(stateFile()?.pos ?? {}).sort()).toEqual(['9302', '9304']);
  });
});
