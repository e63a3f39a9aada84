// Shared fixture for the N/search emulator tests: a temporary Account with records inserted directly and a
// hand-built ExecutionEnv (GovernanceMeter, ChangeJournal, no-op task sink, pinned clock).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Account } from '../../../../runtime/account/account';
import { ChangeJournal, type ExecutionEnv } from '../../../../runtime/context';
import { GovernanceMeter } from '../../../../runtime/engines/governance';
import { createSearchModule, type SearchModule, type SearchModuleOptions } from '../../../../runtime/modules/search';

/** 2024-03-15 12:00 in New York. */
export const NOW = new Date('2024-03-15T16:00:00Z');

export interface TestBed {
  dir: string;
  account: Account;
  env: ExecutionEnv;
  meter: GovernanceMeter;
  journal: ChangeJournal;
  search: SearchModule;
  /** Another module instance over the same account, e.g. with other options. */
  module(options?: SearchModuleOptions): SearchModule;
}

const dirs: string[] = [];

export function cleanup(): void {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** An empty account and environment; `projectObjects: null` keeps tests independent of src/Objects. */
export function makeBed(options: SearchModuleOptions = { projectObjects: null }, fill: (account: Account) => void = seed, projectFolder?: string): TestBed {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ns-search-'));
  dirs.push(dir);
  const account = Account.create(path.join(dir, 'account'), { dateFormat: 'M/D/YYYY', timezone: 'America/New_York' });
  fill(account);
  const meter = new GovernanceMeter(10_000);
  const journal = new ChangeJournal();
  const env: ExecutionEnv = {
    account,
    projectFolder: projectFolder ?? path.join(dir, 'project'),
    script: { scriptId: 'customscript_test', deploymentId: 'customdeploy_test', objectType: 'scheduledscript', params: {}, logLevel: 'DEBUG', invocationType: 'SCHEDULED' },
    executionContext: 'SCHEDULED',
    executionId: 'test-run',
    meter: () => meter,
    journal,
    tasks: { enqueue: () => 'task-1' },
    now: () => NOW,
  };
  return { dir, account, env, meter, journal, search: createSearchModule(env, options), module: (o = { projectObjects: null }) => createSearchModule(env, o) };
}

/** Ids used across the tests. */
export const ID = {
  subsidiary: 1,
  warehouse: 10,
  store: 11,
  oldStore: 12,
  variance: 13,
  vendor: 20,
  red: 30,
  blue: 31,
  oldItem: 32,
  giftwrap: 33,
  shrinkage: 40,
  closedAccount: 41,
  po100: 100,
  po101: 101,
  po102: 102,
  po103: 103,
  adjustment: 200,
  transfer: 201,
  receipt: 202,
} as const;

export function seed(account: Account): void {
  account.insertRecord('subsidiary', { name: 'Parent Co', isinactive: false }, {}, ID.subsidiary);
  account.insertRecord('location', { name: 'Warehouse East', subsidiary: '1', locationtype: '2', isinactive: false }, {}, ID.warehouse);
  account.insertRecord('location', { name: 'Store Soho', subsidiary: '1', locationtype: '1', isinactive: false, custrecord_hwx_store_code: 'SOHO' }, {}, ID.store);
  account.insertRecord('location', { name: 'Old Store', subsidiary: '1', locationtype: '1', isinactive: true }, {}, ID.oldStore);
  account.insertRecord('location', { name: 'Variance', subsidiary: '1', isinactive: false, makeinventoryavailable: false }, {}, ID.variance);
  account.insertRecord('vendor', { entityid: 'ACME Supply', companyname: 'Acme Supply Inc', isinactive: false, subsidiary: '1' }, {}, ID.vendor);
  account.insertRecord('inventoryitem', { itemid: 'SKU-RED', displayname: 'Red Shirt', upccode: '0001', externalid: 'HW-RED', isinactive: false, itemtype: 'InvtPart' }, {}, ID.red);
  account.insertRecord('inventoryitem', { itemid: 'SKU-BLUE', displayname: 'Blue Shirt', upccode: '0002', isinactive: false, itemtype: 'InvtPart' }, {}, ID.blue);
  account.insertRecord('inventoryitem', { itemid: 'SKU-OLD', displayname: 'Old Shirt', upccode: '', isinactive: true, itemtype: 'InvtPart' }, {}, ID.oldItem);
  account.insertRecord('noninventoryitem', { itemid: 'GIFTWRAP', displayname: 'Gift wrap', isinactive: false }, {}, ID.giftwrap);
  account.insertRecord('account', { name: 'Inventory Shrinkage', acctname: 'Inventory Shrinkage', acctnumber: '5100', accttype: 'COGS', isinactive: false }, {}, ID.shrinkage);
  account.insertRecord('account', { name: 'Old Account', acctname: 'Old Account', acctnumber: '5999', accttype: 'Expense', isinactive: true }, {}, ID.closedAccount);

  account.adjustOnHand('30', '10', 50);
  account.adjustOnHand('30', '11', 5);
  account.adjustOnHand('31', '13', 7);
  account.adjustOnHand('32', '12', 3);

  const po = (id: number, tranid: string, statusref: string, trandate: string, location: string, lines: Record<string, string | number | boolean | null>[], extra: Record<string, string | number | boolean | null> = {}): void => {
    account.insertRecord(
      'purchaseorder',
      { tranid, entity: '20', subsidiary: '1', location, trandate, statusref, memo: `${tranid} memo`, lastmodifieddate: '2024-03-01T15:30:00.000Z', custbody_hwx_exported: false, ...extra },
      {
        item: lines.map((l, i) => ({ line: String(i + 1), quantityreceived: 0, quantitybilled: 0, isclosed: false, location, expectedreceiptdate: null, ...l })),
      },
      id,
    );
  };
  po(
    ID.po100,
    'PO100',
    'pendingReceipt',
    '2024-03-01',
    '10',
    [
      { item: '30', quantity: 10, rate: 2.5, amount: 25, location: '10', expectedreceiptdate: '2024-03-20', custcol_hwx_ref: 'A1', memo: 'red line' },
      { item: '31', quantity: 4, rate: 5, amount: 20, location: '11' },
    ],
    { externalid: 'EXT-PO100' },
  );
  po(ID.po101, 'PO101', 'partiallyReceived', '2024-03-10', '11', [
    { item: '30', quantity: 8, quantityreceived: 3, rate: 2.5, amount: 20 },
    { item: '31', quantity: 2, quantityreceived: 0, rate: 5, amount: 10, isclosed: true },
  ]);
  po(ID.po102, 'PO102', 'fullyBilled', '2024-02-15', '10', [{ item: '30', quantity: 1, quantityreceived: 1, rate: 2.5, amount: 2.5 }], { lastmodifieddate: '2024-02-16T04:00:00.000Z', custbody_hwx_exported: true });
  po(ID.po103, 'PO103', 'pendingBillPartReceived', '2024-03-14', '10', [{ item: '31', quantity: 6, quantityreceived: 1, rate: 5, amount: 30 }]);

  account.insertRecord(
    'inventoryadjustment',
    { tranid: 'ADJ1', trandate: '2024-03-12', subsidiary: '1', account: '40', adjlocation: '13', externalid: 'HWX-ADJ-1', memo: 'variance file' },
    {
      inventory: [
        { line: '1', item: '30', location: '11', adjustqtyby: -2, custcol_hwx_variance_id: 'V-1' },
        { line: '2', item: '31', location: '10', adjustqtyby: 3, custcol_hwx_variance_id: 'V-2' },
      ],
    },
    ID.adjustment,
  );
  account.insertRecord(
    'inventorytransfer',
    { tranid: 'TRF1', trandate: '2024-03-13', subsidiary: '1', location: '10', transferlocation: '11', externalid: 'HWX-TRF-1' },
    { inventory: [{ line: '1', item: '30', adjustqtyby: 4, custcol_hwx_variance_id: 'V-3' }] },
    ID.transfer,
  );
  account.insertRecord(
    'itemreceipt',
    { tranid: 'IR1', trandate: '2024-03-11', createdfrom: '101', entity: '20', subsidiary: '1' },
    { item: [{ line: '1', item: '30', location: '11', quantity: 3, orderline: '1', itemreceive: true }] },
    ID.receipt,
  );

  const feed = (id: number, fields: Record<string, string | number | boolean | string[] | null>): void => {
    account.insertRecord('customrecord_hwx_feed_file', { isinactive: false, created: '2024-03-14T13:00:00.000Z', ...fields }, {}, id);
  };
  feed(300, { name: 'a.csv', custrecord_hwx_ff_flow: 'variance', custrecord_hwx_ff_status: 'RECEIVED', custrecord_hwx_ff_rows: 12, custrecord_hwx_ff_location: '10', custrecord_hwx_ff_tags: ['1', '2'], custrecord_hwx_ff_done: false, custrecord_hwx_ff_date: '2024-03-14' });
  feed(301, { name: 'b.csv', custrecord_hwx_ff_flow: 'variance', custrecord_hwx_ff_status: 'ARCHIVED', custrecord_hwx_ff_rows: 3, custrecord_hwx_ff_location: '11', custrecord_hwx_ff_tags: ['2'], custrecord_hwx_ff_done: true, custrecord_hwx_ff_date: '2024-03-01' });
  feed(302, { name: 'c.csv', custrecord_hwx_ff_flow: 'receipt', custrecord_hwx_ff_status: 'FAILED', custrecord_hwx_ff_rows: null, custrecord_hwx_ff_location: null, custrecord_hwx_ff_tags: [], custrecord_hwx_ff_done: false, custrecord_hwx_ff_date: null, isinactive: true });
}

/** Runs a search and returns the internal ids of its results (getRange 0..1000). */
export function ids(s: { run(): { getRange(o: { start: number; end: number }): { id: string | null }[] } }): (string | null)[] {
  return s
    .run()
    .getRange({ start: 0, end: 1000 })
    .map((r) => r.id);
}

/** Expects fn to throw a SuiteScriptError with this name; returns its message. */
export function errorOf(fn: () => unknown): { name: string; message: string } {
  try {
    fn();
  } catch (e) {
    const err = e as { name: string; message: string };
    return { name: err.name, message: err.message };
  }
  throw new Error('expected an error');
}
