// Integration: the compiled PO receipt Map/Reduce script, run by the local runtime against the embedded
// SFTP server and an emulated account holding purchase orders in every status (receiptFixture.ts).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startLocalEnvironment, type LocalEnvironment } from '../../demo/environment';
import type { AccountFixture } from '../../runtime/account/fixture';
import { drop, feedFiles, INCOMING, ITEMS, LOCATIONS, onHand, PO, poLines, receiptFixture, receipts, reportText, run } from './receiptFixture';

const ARCHIVE = `${INCOMING}/archive`;
const FAILED = `${INCOMING}/failed`;
const ERROR = `${INCOMING}/error`;

let env: LocalEnvironment;

async function start(fixture: AccountFixture = receiptFixture()): Promise<void> {
  env = await startLocalEnvironment({ fixture });
}

afterEach(async () => {
  await env.stop();
  fs.rmSync(env.dir, { recursive: true, force: true });
});

/** Report rows as [entry, order, line, problem] (the CSV is quoted; these checks use the text). */
function reportRows(): string[] {
  return reportText(env)
    .split(/\r?\n/)
    .filter((l) => l !== '' && !l.startsWith('\uFEFFFile,'));
}

describe('PO receipts: exactly what the store received', () => {
  beforeEach(() => start());

  it('receives a partial quantity of one line at the line location; lines omitted from the file stay unreceived', async () => {
    drop(env, 'receipt_1.json', [{ order_id: '9001', items: [{ line_id: '1', quantity: '4' }] }]);
    const summary = await run(env);
    expect(summary.status).toBe('COMPLETE');
    const made = receipts(env);
    expect(made.map((r) => ({ createdfrom: r.createdfrom, lines: r.lines }))).toEqual([{ createdfrom: '9001', lines: [{ orderline: '1', item: String(ITEMS.jacket), quantity: 4, location: String(LOCATIONS.store254) }] }]);
    expect(made[0]?.externalid).toMatch(/^HWX-IR-[0-9A-F]{16}-1$/);
    // Lines 2 and 3 were not in the file: the transform checked them, the script unchecked them.
    expect(poLines(env, PO.open)).toEqual({ received: [4, 0, 0], status: 'pendingBillPartReceived' });
    expect(onHand(env, ITEMS.jacket, LOCATIONS.store254)).toBe(3 + 4);
    expect(onHand(env, ITEMS.hoodie, LOCATIONS.store254)).toBe(0);
    expect(onHand(env, ITEMS.pullover, LOCATIONS.store255)).toBe(0);
    expect(env.listFolder(INCOMING)).toEqual(['archive', 'error', 'failed']);
    expect(env.listFolder(ARCHIVE)).toEqual(['receipt_1.json']);
    expect(env.listFolder(ERROR)).toEqual([]);
    expect(feedFiles(env)).toEqual([{ name: 'receipt_1.json', status: 'ARCHIVED', applied: 1, rejected: 0, message: '1 received, 0 already received, 0 rejected' }]);
  });

  it('accepts ids and quantities as strings or numbers; receiving every open line makes the PO Pending Bill', async () => {
    drop(env, 'mixed.json', [
      { order_id: 9001, items: [{ line_id: 1, quantity: 10 }, { line_id: '2', quantity: '5' }, { line_id: ' 3 ', quantity: 4.0 }] },
      { order_id: ' 9005 ', items: [{ line_id: '01', quantity: ' 2 ' }] },
    ]);
    await run(env);
    expect(poLines(env, PO.open)).toEqual({ received: [10, 5, 4], status: 'pendingBilling' });
    // Line 1 of PO 9005 has no location of its own: the PO's location (store 255) is used.
    expect(poLines(env, PO.single)).toEqual({ received: [2], status: 'pendingBillPartReceived' });
    expect(onHand(env, ITEMS.jacket, LOCATIONS.store254)).toBe(13);
    expect(onHand(env, ITEMS.hoodie, LOCATIONS.store254)).toBe(5);
    expect(onHand(env, ITEMS.pullover, LOCATIONS.store255)).toBe(4);
    expect(onHand(env, ITEMS.tee, LOCATIONS.store255)).toBe(2);
    expect(receipts(env).map((r) => r.createdfrom)).toEqual(['9001', '9005']);
    expect(env.listFolder(ERROR)).toEqual([]);
  });

  it('plans several entries for one PO in file order against what the previous entry left', async () => {
    drop(env, 'two_deliveries.json', [
      { order_id: '9001', items: [{ line_id: '1', quantity: '6' }] },
      { order_id: '9001', items: [{ line_id: '1', quantity: '4' }, { line_id: '2', quantity: '5' }, { line_id: '3', quantity: '4' }] },
      { order_id: '9001', items: [{ line_id: '1', quantity: '1' }] },
    ]);
    await run(env);
    expect(receipts(env)).toHaveLength(2);
    expect(poLines(env, PO.open)).toEqual({ received: [10, 5, 4], status: 'pendingBilling' });
    const rows = reportRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('two_deliveries.json,3,9001,');
    expect(rows[0]).toContain('Pending Bill: it cannot be received');
  });
});

describe('PO receipts: entries that cannot be received are reported, the others received', () => {
  beforeEach(() => start());

  it('reports unknown, closed, fully received and unapproved POs, unknown lines, duplicate lines and bad quantities, and receives the good entry', async () => {
    drop(env, 'bad_entries.json', [
      { order_id: '424242', items: [{ line_id: '1', quantity: '1' }] },
      { order_id: '9003', items: [{ line_id: '1', quantity: '1' }] },
      { order_id: '9002', items: [{ line_id: '1', quantity: '1' }] },
      { order_id: '9004', items: [{ line_id: '1', quantity: '1' }] },
      { order_id: '9001', items: [{ line_id: '1', quantity: '1' }, { line_id: '7', quantity: '1' }] },
      { order_id: '9001', items: [{ line_id: '1', quantity: '1' }, { line_id: '1', quantity: '2' }] },
      { order_id: '9001', items: [{ line_id: '2', quantity: '0' }, { line_id: '3', quantity: '-1' }, { line_id: '1', quantity: 'ten' }] },
      { order_id: 'PO9001', items: [{ line_id: 'A', quantity: '1' }] },
      { order_id: '9001', items: [{ line_id: '2', quantity: '2' }] },
    ]);
    const summary = await run(env);
    expect(summary.status).toBe('COMPLETE');
    // Only the last entry is received; the entries touching PO 9001 line 1 with a bad sibling receive nothing.
    expect(poLines(env, PO.open)).toEqual({ received: [0, 2, 0], status: 'pendingBillPartReceived' });
    expect(onHand(env, ITEMS.jacket, LOCATIONS.store254)).toBe(3);
    expect(receipts(env)).toHaveLength(1);
    expect(env.listFolder(ARCHIVE)).toEqual(['bad_entries.json']);
    const report = env.listFolder(ERROR);
    expect(report).toHaveLength(1);
    expect(report[0]).toMatch(/^bad_entries_\d{8}T\d{6}Z_errors_\d+\.csv$/);
    const text = reportText(env);
    expect(text.split(/\r?\n/)[0]).toBe('\uFEFFFile,Entry,Order,Line,Problem,What to do');
    const rows = reportRows();
    const rowFor = (entry: number): string[] => rows.filter((r) => r.startsWith(`bad_entries.json,${entry},`));
    expect(rowFor(1).join()).toContain('Purchase order 424242 does not exist in NetSuite');
    expect(rowFor(2).join()).toContain('is Closed: it cannot be received');
    expect(rowFor(3).join()).toContain('is Pending Bill: it cannot be received');
    expect(rowFor(4).join()).toContain('is Pending Supervisor Approval');
    expect(rowFor(5).join()).toContain('Line 7 does not exist on purchase order PO9001');
    expect(rowFor(6).join()).toContain('Line 1 appears more than once in this entry');
    // Line 2's quantity 0 is not a problem (not received in this delivery); the other two are.
    expect(rowFor(7)).toHaveLength(2);
    expect(rowFor(7).join()).toMatch(/negative.*is not a number/s);
    expect(rowFor(8).join()).toContain('order_id ""PO9001"" is not a NetSuite purchase order internal id');
    expect(rowFor(9)).toEqual([]);
    // order, line, what is wrong, what to do
    expect(rowFor(5)[0]).toMatch(/^bad_entries\.json,5,9001,7,"Line 7 does not exist.*Nothing of this entry was received/);
    expect(feedFiles(env)).toEqual([expect.objectContaining({ status: 'ARCHIVED', applied: 1, rejected: 8 })]);
  });

  it('rejects a quantity above what remains, and receives it when the parameter and the account both allow overage', async () => {
    drop(env, 'over.json', [{ order_id: '9005', items: [{ line_id: '1', quantity: '8' }] }]);
    await run(env);
    expect(poLines(env, PO.single).received).toEqual([0]);
    expect(reportRows().join()).toContain('8 received but only 6 remain');

    // Parameter on, account preference off: NetSuite refuses the save; reported, nothing received.
    drop(env, 'over_again.json', [{ order_id: '9005', items: [{ line_id: '1', quantity: 8 }] }]);
    await run(env, { params: { custscript_hwx_rc_allow_overage: 'T' } });
    expect(poLines(env, PO.single).received).toEqual([0]);
    expect(reportText(env)).toContain('NetSuite refused the item receipt for purchase order 9005');
    expect(reportText(env)).toContain('Allow Overage on Item Receipts');
  });

  it('receives more than remains when "Allow Overage on Item Receipts" is on and the parameter allows it', async () => {
    await env.stop();
    fs.rmSync(env.dir, { recursive: true, force: true });
    await start(receiptFixture({ allowOverageOnItemReceipts: true }));
    drop(env, 'over.json', [{ order_id: '9005', items: [{ line_id: '1', quantity: '8' }] }]);
    await run(env, { params: { custscript_hwx_rc_allow_overage: 'T' } });
    expect(poLines(env, PO.single)).toEqual({ received: [8], status: 'pendingBilling' });
    expect(onHand(env, ITEMS.tee, LOCATIONS.store255)).toBe(8);
    expect(env.listFolder(ERROR)).toEqual([]);
  });
});

describe('PO receipts: a quantity of 0 means "not received in this delivery"', () => {
  beforeEach(() => start());

  it('receives the other lines of the entry, notes the 0 line as information and archives the file', async () => {
    drop(env, 'zero_line.json', [
      { order_id: '9001', items: [{ line_id: '1', quantity: '4' }, { line_id: '2', quantity: '0' }, { line_id: '3', quantity: 2 }] },
      { order_id: '9005', items: [{ line_id: '1', quantity: 0 }] },
    ]);
    await run(env);
    expect(poLines(env, PO.open)).toEqual({ received: [4, 0, 2], status: 'pendingBillPartReceived' });
    expect(receipts(env).map((r) => r.lines.map((l) => [l.orderline, l.quantity]))).toEqual([
      [
        ['1', 4],
        ['3', 2],
      ],
    ]);
    // The all-0 entry makes no item receipt.
    expect(poLines(env, PO.single)).toEqual({ received: [0], status: 'pendingReceipt' });
    expect(env.listFolder(ARCHIVE)).toEqual(['zero_line.json']);
    expect(env.listFolder(FAILED)).toEqual([]);
    const rows = reportRows();
    expect(rows).toEqual([
      expect.stringMatching(/^zero_line\.json,1,9001,2,"Line 2: quantity ""0"", not received in this delivery\.","Information only, nothing to do/),
      expect.stringMatching(/^zero_line\.json,2,9005,1,"Line 1: quantity 0, not received in this delivery\.","Information only, nothing to do/),
    ]);
    expect(feedFiles(env)).toEqual([{ name: 'zero_line.json', status: 'ARCHIVED', applied: 1, rejected: 0, message: '1 received, 0 already received, 0 rejected, 1 with nothing to receive (every line 0)' }]);
  });
});

describe('PO receipts: lines whose item needs lot/serial numbers or bins (NETSUITE.md 4.1 inventory detail)', () => {
  const LOT = 3420;
  const BIN = 3421;
  const BIN_STORE = 256;
  const PO_MIXED = 9010;
  const PO_LOT_ONLY = 9011;
  beforeEach(() => {
    const base = receiptFixture();
    return start({
      ...base,
      locations: [...(base.locations ?? []), { id: BIN_STORE, name: 'Store 256 Airport', subsidiary: 1, type: 'store', usebins: true }],
      items: [...(base.items ?? []), { id: LOT, itemid: 'LOT-TEE', type: 'lotnumberedinventoryitem' }, { id: BIN, itemid: 'BIN-CAP', usebins: true }],
      purchaseOrders: [
        ...(base.purchaseOrders ?? []),
        {
          id: PO_MIXED,
          tranid: 'PO9010',
          entity: 500,
          subsidiary: 1,
          trandate: '2026-11-01',
          lines: [
            { item: ITEMS.jacket, quantity: 5, rate: 20, location: LOCATIONS.store254 },
            { item: LOT, quantity: 5, rate: 10, location: LOCATIONS.store254 },
            { item: BIN, quantity: 2, rate: 8, location: BIN_STORE },
            { item: BIN, quantity: 2, rate: 8, location: LOCATIONS.store255 },
          ],
        },
        { id: PO_LOT_ONLY, tranid: 'PO9011', entity: 500, subsidiary: 1, trandate: '2026-11-01', lines: [{ item: LOT, quantity: 3, rate: 10, location: LOCATIONS.store254 }] },
      ],
    });
  });

  it('receives the other lines, reports each such line with what to do, and rejects an entry made only of such lines', async () => {
    drop(env, 'lots.json', [
      { order_id: String(PO_MIXED), items: [1, 2, 3, 4].map((line) => ({ line_id: String(line), quantity: 1 })) },
      { order_id: String(PO_LOT_ONLY), items: [{ line_id: '1', quantity: 3 }] },
    ]);
    await run(env);
    // Line 4 is a bin item at a store without bins: a plain line, received.
    expect(poLines(env, PO_MIXED)).toEqual({ received: [1, 0, 0, 1], status: 'pendingBillPartReceived' });
    expect(poLines(env, PO_LOT_ONLY).received).toEqual([0]);
    expect(env.listFolder(ARCHIVE)).toEqual(['lots.json']);
    const rows = reportRows();
    expect(rows).toEqual([
      expect.stringMatching(/^lots\.json,1,9010,2,"Line 2 \(LOT-TEE\) of purchase order 9010 needs lot numbers on the receipt, which the HotWax feed does not carry; it was not received\.","Receive this line by hand in NetSuite .* with its lot numbers\. The entry's other lines were received\."$/),
      expect.stringMatching(/^lots\.json,1,9010,3,"Line 3 \(BIN-CAP\) of purchase order 9010 needs bins on the receipt/),
      expect.stringMatching(/^lots\.json,2,9011,1,"Line 1 \(LOT-TEE\) of purchase order (PO)?9011 needs lot numbers on the receipt, which the HotWax feed does not carry; it was not received\.","Receive this line by hand in NetSuite [^"]* with its lot numbers\."$/),
    ]);
    expect(feedFiles(env)[0]).toMatchObject({ status: 'ARCHIVED', applied: 1, rejected: 1 });
  });
});

describe('PO receipts: files', () => {
  beforeEach(() => start());

  it('sends a malformed file to failed/ with a report and still processes the good files around it', async () => {
    drop(env, 'a_receipt.json', [{ order_id: '9001', items: [{ line_id: '1', quantity: '1' }] }]);
    drop(env, 'b_broken.json', '[{"order_id": "9001", "items": [');
    drop(env, 'c_receipt.json', [{ order_id: '9005', items: [{ line_id: '1', quantity: '1' }] }]);
    drop(env, 'd_object.json', { order_id: '9001', items: [] });
    drop(env, 'e_empty.json', '');
    drop(env, 'f_nothing.json', []);
    drop(env, 'notes.txt', 'not a receipt file');
    const summary = await run(env);
    expect(summary.status).toBe('COMPLETE');
    expect(poLines(env, PO.open).received).toEqual([1, 0, 0]);
    expect(poLines(env, PO.single).received).toEqual([1]);
    expect(env.listFolder(ARCHIVE)).toEqual(['a_receipt.json', 'c_receipt.json']);
    expect(env.listFolder(FAILED)).toEqual(['b_broken.json', 'd_object.json', 'e_empty.json', 'f_nothing.json']);
    expect(env.listFolder(INCOMING)).toEqual(['archive', 'error', 'failed', 'notes.txt']);
    const reports = env.listFolder(ERROR);
    expect(reports.map((r) => r.replace(/_\d{8}T\d{6}Z_errors_\d+\.csv$/, ''))).toEqual(['b_broken', 'd_object', 'e_empty', 'f_nothing']);
    const text = reportText(env);
    expect(text).toMatch(/b_broken\.json,,,,"?The file is not valid JSON/);
    expect(text).toContain('d_object.json,,,,"The file holds an object, not an array of receipts');
    expect(text).toContain('e_empty.json,,,,The file is empty.');
    expect(text).toContain('f_nothing.json,,,,The file holds an empty array');
    expect(feedFiles(env).map((f) => [f.name, f.status])).toEqual([
      ['a_receipt.json', 'ARCHIVED'],
      ['b_broken.json', 'FAILED'],
      ['c_receipt.json', 'ARCHIVED'],
      ['d_object.json', 'FAILED'],
      ['e_empty.json', 'FAILED'],
      ['f_nothing.json', 'FAILED'],
    ]);
  });

  it('never receives the same file twice, whatever its name: the second delivery is archived and reported as already received', async () => {
    const content = [{ order_id: '9001', items: [{ line_id: '1', quantity: '3' }] }, { order_id: '9005', items: [{ line_id: '1', quantity: '2' }] }];
    drop(env, 'receipt.json', content);
    await run(env);
    expect(receipts(env)).toHaveLength(2);
    // Again under the same name, then reformatted under another name.
    drop(env, 'receipt.json', content);
    await run(env);
    drop(env, 'receipt_resent.json', JSON.stringify(content, null, 2));
    await run(env);
    expect(receipts(env)).toHaveLength(2);
    expect(poLines(env, PO.open).received).toEqual([3, 0, 0]);
    expect(poLines(env, PO.single).received).toEqual([2]);
    expect(onHand(env, ITEMS.jacket, LOCATIONS.store254)).toBe(6);
    expect(env.listFolder(ARCHIVE)).toEqual(['receipt.json', expect.stringMatching(/^receipt_\d+\.json$/), 'receipt_resent.json']);
    const rows = reportRows();
    expect(rows).toHaveLength(4);
    expect(rows.every((r) => r.includes('nothing was received again'))).toBe(true);
    expect(feedFiles(env).map((f) => f.message)).toEqual(['2 received, 0 already received, 0 rejected', '0 received, 2 already received, 0 rejected', '0 received, 2 already received, 0 rejected']);
  });
});

describe('PO receipts: restarts never create a second receipt (NETSUITE.md 6.2)', () => {
  beforeEach(() => start());

  const file = [
    { order_id: '9001', items: [{ line_id: '1', quantity: '2' }, { line_id: '3', quantity: '4' }] },
    { order_id: '9005', items: [{ line_id: '1', quantity: '6' }] },
    { order_id: '9001', items: [{ line_id: '2', quantity: '5' }] },
  ];

  const expectReceivedOnce = (): void => {
    expect(receipts(env)).toHaveLength(3);
    expect(new Set(receipts(env).map((r) => r.externalid)).size).toBe(3);
    expect(poLines(env, PO.open)).toEqual({ received: [2, 5, 4], status: 'pendingBillPartReceived' });
    expect(poLines(env, PO.single)).toEqual({ received: [6], status: 'pendingBilling' });
    expect(onHand(env, ITEMS.jacket, LOCATIONS.store254)).toBe(5);
    expect(onHand(env, ITEMS.hoodie, LOCATIONS.store254)).toBe(5);
    expect(onHand(env, ITEMS.pullover, LOCATIONS.store255)).toBe(4);
    expect(onHand(env, ITEMS.tee, LOCATIONS.store255)).toBe(6);
    expect(env.listFolder(ARCHIVE)).toEqual(['restart.json']);
  };

  it('a restart in the middle of the reduce stage re-runs the interrupted batch, finds its receipts by External ID and reports them received', async () => {
    drop(env, 'restart.json', file);
    const summary = await run(env, { restart: { stage: 'reduce', afterInvocations: 0 } });
    expect(summary.status).toBe('COMPLETE');
    // The first reduce invocation (the batch holding all three entries) saved its receipts, then the server
    // restarted: it ran again (batch twice + the file's key).
    expect(summary.usage.reduce?.invocations).toBe(3);
    expectReceivedOnce();
    expect(env.listFolder(ERROR)).toEqual([]);
    expect(feedFiles(env)).toEqual([expect.objectContaining({ status: 'ARCHIVED', applied: 3, rejected: 0, message: '3 received (3 found after a restart), 0 already received, 0 rejected' })]);
  });

  it('a run killed in the middle of a batch, after two of its three receipts: the next run makes only the third', async () => {
    drop(env, 'restart.json', file);
    // record.save #1 is the file's tracking record, #2 and #3 the first two item receipts.
    const killed = await run(env, { kill: { api: 'record.save', occurrence: 3, when: 'after' } });
    expect(killed.status).toBe('KILLED');
    expect(receipts(env)).toHaveLength(2);
    expect(env.listFolder(INCOMING)).toContain('restart.json');
    await run(env);
    expectReceivedOnce();
    expect(env.listFolder(ERROR)).toEqual([]);
    expect(feedFiles(env)).toEqual([expect.objectContaining({ status: 'ARCHIVED', applied: 3, message: '3 received (2 found after a restart), 0 already received, 0 rejected' })]);
  });

  it('a restart in getInputData, in the map stage or in summarize changes nothing (moving the file is safe to repeat)', async () => {
    drop(env, 'restart.json', file);
    const input = await run(env, { restart: { stage: 'getInputData', afterInvocations: 0 }, runTasks: false });
    expect(input.usage.getInputData?.invocations).toBe(2);
    // The second getInputData found the file's tracking record instead of making another.
    expect(feedFiles(env)).toHaveLength(1);
    expectReceivedOnce();
    drop(env, 'restart.json', file);
    await run(env, { restart: { stage: 'map', afterInvocations: 1 } });
    expect(receipts(env)).toHaveLength(3);
    drop(env, 'other.json', [{ order_id: '9001', items: [{ line_id: '1', quantity: '1' }] }]);
    const summary = await run(env, { restart: { stage: 'summarize', afterInvocations: 0 } });
    expect(summary.usage.summarize?.invocations).toBe(2);
    expect(env.listFolder(ARCHIVE)).toEqual(['other.json', 'restart.json', expect.stringMatching(/^restart_\d+\.json$/)]);
    expect(poLines(env, PO.open).received).toEqual([3, 5, 4]);
    expect(feedFiles(env).map((f) => f.status)).toEqual(['ARCHIVED', 'ARCHIVED', 'ARCHIVED']);
  });

  it('a run killed after moving a file: the next run closes the file record and receives nothing again', async () => {
    drop(env, 'restart.json', file);
    const killed = await run(env, { kill: { api: 'sftp.move', occurrence: 1, when: 'after' } });
    expect(killed.status).toBe('KILLED');
    expect(env.listFolder(ARCHIVE)).toEqual(['restart.json']);
    expect(feedFiles(env).map((f) => f.status)).toEqual(['VERIFIED']);
    await run(env);
    expectReceivedOnce();
    expect(feedFiles(env).map((f) => f.status)).toEqual(['ARCHIVED']);
  });
});

describe("PO receipts: HotWax's detailed shape", () => {
  beforeEach(() => start());

  const detailed = (receiptsOfLine1: { receiptId: string; totalQuantityAccepted: number | string }[]): unknown => [
    {
      orderId: 'HC-PO-100',
      orderExternalId: '9001',
      purchaseOrderItems: [
        { orderItemSeqId: '00001', sku: 'WJ08-XS-Orange', quantity: 10, totalReceivedQuantity: 99, shipmentReceipts: receiptsOfLine1.map((r) => ({ ...r, shipmentId: 'S1' })) },
        { orderItemSeqId: '00002', sku: 'MH09-XS-Blue', quantity: 5, totalReceivedQuantity: 0, shipmentReceipts: [] },
        { orderItemExternalId: '3', orderItemSeqId: '00007', sku: 'WJ03-L-Red', quantity: 4, shipmentReceipts: [{ receiptId: 'R9', shipmentId: 'S1', totalQuantityAccepted: '1' }] },
      ],
    },
  ];

  it('receives the accepted quantities of the listed shipment receipts and never a receipt id twice', async () => {
    drop(env, 'hc_1.json', detailed([{ receiptId: 'R1', totalQuantityAccepted: 3 }]));
    await run(env);
    expect(poLines(env, PO.open).received).toEqual([3, 0, 1]);
    const first = env.account().listRecords('itemreceipt')[0];
    expect(first?.fields.externalid).toMatch(/^HWX-IR-R[0-9A-F]{16}$/);
    expect(first?.fields.memo).toBe('HotWax receipt: hc_1.json, entry 1 (HotWax order HC-PO-100)');
    expect(first?.sublists.item?.map((l) => [l.orderline, l.custcol_hwx_receipt_ids])).toEqual([
      ['1', 'R1'],
      ['3', 'R9'],
    ]);

    // HotWax sends the receipts so far again, with a new one on line 1: only R2 is received.
    drop(env, 'hc_2.json', detailed([{ receiptId: 'R1', totalQuantityAccepted: 3 }, { receiptId: 'R2', totalQuantityAccepted: '2' }]));
    await run(env);
    expect(poLines(env, PO.open).received).toEqual([5, 0, 1]);
    expect(receipts(env).map((r) => r.lines.map((l) => [l.orderline, l.quantity]))).toEqual([
      [
        ['1', 3],
        ['3', 1],
      ],
      [['1', 2]],
    ]);

    // The second file again, reordered: the same receipt ids, the same External ID: already received.
    drop(env, 'hc_3.json', detailed([{ receiptId: 'R2', totalQuantityAccepted: 2 }, { receiptId: 'R1', totalQuantityAccepted: 3 }]));
    await run(env);
    expect(receipts(env)).toHaveLength(2);
    expect(reportText(env)).toMatch(/hc_3\.json,1,9001,,Already received by item receipt \d+ \(External ID HWX-IR-R/);

    // Only R2, in an entry of its own (another External ID): every receipt id is on an item receipt already.
    drop(env, 'hc_4.json', [{ orderId: 'HC-PO-100', orderExternalId: 9001, purchaseOrderItems: [{ orderItemSeqId: '00001', sku: 'WJ08-XS-Orange', shipmentReceipts: [{ receiptId: 'R2', totalQuantityAccepted: 2 }] }] }]);
    await run(env);
    expect(receipts(env)).toHaveLength(2);
    expect(poLines(env, PO.open).received).toEqual([5, 0, 1]);
    expect(reportText(env)).toContain('hc_4.json,1,9001,,Every HotWax shipment receipt of this entry is already on an item receipt');
  });

  it('rejects an entry whose SKU is not the item on the PO line it names', async () => {
    const entry = detailed([{ receiptId: 'R1', totalQuantityAccepted: 1 }]) as { purchaseOrderItems: { sku: string }[] }[];
    entry[0]!.purchaseOrderItems[0]!.sku = 'MS11-S-Black';
    drop(env, 'hc_wrong_sku.json', entry);
    await run(env);
    expect(receipts(env)).toEqual([]);
    expect(reportText(env)).toContain('Line 1 of purchase order PO9001 is item WJ08-XS-Orange, but HotWax received SKU MS11-S-Black');
  });
});

describe('PO receipts: governance', () => {
  it('defers what does not fit in one reduce invocation; the file stays and the next run finishes it without duplicates', async () => {
    const fixture = receiptFixture();
    fixture.purchaseOrders = [{ id: 7001, tranid: 'PO7001', entity: 500, subsidiary: 1, trandate: '2026-11-01', lines: [{ item: ITEMS.tee, quantity: 500, rate: 1, location: LOCATIONS.store254 }] }];
    await start(fixture);
    const entries = Array.from({ length: 170 }, () => ({ order_id: '7001', items: [{ line_id: '1', quantity: '1' }] }));
    drop(env, 'many.json', entries);
    const first = await run(env);
    expect(first.usage.reduce?.maxUnitsPerInvocation).toBeLessThanOrEqual(5000);
    const afterFirst = receipts(env).length;
    expect(afterFirst).toBeGreaterThan(150);
    expect(afterFirst).toBeLessThan(170);
    expect(env.listFolder(INCOMING)).toContain('many.json');
    expect(feedFiles(env)[0]?.message).toMatch(/left for the next run$/);
    await run(env);
    expect(receipts(env)).toHaveLength(170);
    expect(poLines(env, 7001).received).toEqual([170]);
    expect(env.listFolder(ARCHIVE)).toEqual(['many.json']);
    // The receipts of the first run belong to the same delivery: received, not "already received".
    expect(env.listFolder(ERROR)).toEqual([]);
    expect(feedFiles(env)).toEqual([expect.objectContaining({ status: 'ARCHIVED', applied: 170, rejected: 0 })]);
  });
});

describe("PO receipts: HotWax's published sample", () => {
  it('receives the sample file: 100 of line 1 and 40 of line 2 of PO 8302919', async () => {
    const fixture = receiptFixture();
    fixture.purchaseOrders = [
      {
        id: 8302919,
        tranid: 'PO8302919',
        entity: 500,
        subsidiary: 1,
        trandate: '2026-11-01',
        location: LOCATIONS.warehouse,
        lines: [
          { item: ITEMS.jacket, quantity: 100, rate: 20 },
          { item: ITEMS.hoodie, quantity: 60, rate: 30 },
        ],
      },
    ];
    await start(fixture);
    // HotWax's published sample (HOTWAX.md), kept in the repo beside the variance samples.
    const sample = fs.readFileSync(path.join(__dirname, '..', '..', 'demo', 'feeds', 'hotwax-po-receipt-sample.json'), 'utf8');
    drop(env, 'hotwax-po-receipt-sample.json', sample);
    await run(env);
    expect(poLines(env, 8302919)).toEqual({ received: [100, 40], status: 'pendingBillPartReceived' });
    expect(onHand(env, ITEMS.jacket, LOCATIONS.warehouse)).toBe(100);
    expect(onHand(env, ITEMS.hoodie, LOCATIONS.warehouse)).toBe(40);
  });
});
