// Shared by the record service, N/record and CSV import tests: a temporary emulated account holding a small,
// known set of records, and an ExecutionEnv built by hand around it.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Account } from '../../../runtime/account/account';
import type { AccountSettings, FieldValue, StoredLine } from '../../../runtime/account/types';
import { ChangeJournal, type ExecutionEnv } from '../../../runtime/context';
import { GovernanceMeter } from '../../../runtime/engines/governance';
import { clearCustomDefinitionsCache } from '../../../runtime/records/recordTypes';

/** 2024-03-01 03:00 UTC is still 2024-02-29 in the account's time zone (America/New_York). */
export const NOW = new Date('2024-03-01T03:00:00Z');

export const IDS = {
  subsidiary: 1,
  otherSubsidiary: 2,
  adjustmentAccount: 927,
  storeA: 10,
  warehouse: 11,
  damaged: 12,
  inactiveStore: 13,
  foreignStore: 14,
  sku1: 100,
  sku2: 101,
  inactiveSku: 102,
  twinA: 103,
  twinB: 104,
  vendor: 200,
  po: 300,
  pendingApprovalPo: 301,
} as const;

export interface TestContext {
  dir: string;
  projectFolder: string;
  account: Account;
  env: ExecutionEnv;
  meter: GovernanceMeter;
  journal: ChangeJournal;
}

const CUSTOM_RECORD_XML = `<customrecordtype scriptid="customrecord_test_log">
  <recordname>Test Log</recordname>
  <customrecordcustomfields>
    <customrecordcustomfield scriptid="custrecord_test_flow">
      <fieldtype>TEXT</fieldtype><ismandatory>T</ismandatory><label>Flow</label>
    </customrecordcustomfield>
    <customrecordcustomfield scriptid="custrecord_test_rows">
      <fieldtype>INTEGER</fieldtype><ismandatory>F</ismandatory><label>Rows</label>
    </customrecordcustomfield>
    <customrecordcustomfield scriptid="custrecord_test_day">
      <fieldtype>DATE</fieldtype><ismandatory>F</ismandatory><label>Day</label>
    </customrecordcustomfield>
    <customrecordcustomfield scriptid="custrecord_test_location">
      <fieldtype>SELECT</fieldtype><ismandatory>F</ismandatory><label>Location</label><selectrecordtype>-103</selectrecordtype>
    </customrecordcustomfield>
  </customrecordcustomfields>
</customrecordtype>
`;

function poLine(line: number, item: number, quantity: number, extra: Record<string, FieldValue> = {}): StoredLine {
  return { line: String(line), item: String(item), quantity, quantityreceived: 0, quantitybilled: 0, rate: 2, amount: quantity * 2, location: String(IDS.warehouse), isclosed: false, ...extra };
}

/** Creates a fresh account and env. `limit` is the governance budget of the env's meter. */
export function makeContext(settings: Partial<AccountSettings> = {}, limit = 10_000): TestContext {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ns-local-records-'));
  const projectFolder = path.join(dir, 'project');
  fs.mkdirSync(path.join(projectFolder, 'Objects'), { recursive: true });
  fs.writeFileSync(path.join(projectFolder, 'Objects', 'customrecord_test_log.xml'), CUSTOM_RECORD_XML);
  clearCustomDefinitionsCache();
  const account = Account.create(path.join(dir, 'account'), settings);
  account.insertRecord('subsidiary', { name: 'Parent Company', isinactive: false }, {}, IDS.subsidiary);
  account.insertRecord('subsidiary', { name: 'Other Company', isinactive: false }, {}, IDS.otherSubsidiary);
  account.insertRecord('account', { acctname: 'Inventory Adjustments', name: 'Inventory Adjustments', acctnumber: '5000', isinactive: false }, {}, IDS.adjustmentAccount);
  const location = (id: number, name: string, subsidiary: number, isinactive = false): void => {
    account.insertRecord('location', { name, subsidiary: String(subsidiary), isinactive }, {}, id);
  };
  location(IDS.storeA, 'Store A', IDS.subsidiary);
  location(IDS.warehouse, 'Warehouse', IDS.subsidiary);
  location(IDS.damaged, 'Damaged', IDS.subsidiary);
  location(IDS.inactiveStore, 'Old Store', IDS.subsidiary, true);
  location(IDS.foreignStore, 'Foreign Store', IDS.otherSubsidiary);
  const item = (id: number, itemid: string, isinactive = false): void => {
    account.insertRecord('inventoryitem', { itemid, displayname: itemid, isinactive, itemtype: 'InvtPart', externalid: `ext-${itemid}-${id}` }, {}, id);
  };
  item(IDS.sku1, 'SKU-1');
  item(IDS.sku2, 'SKU-2');
  item(IDS.inactiveSku, 'SKU-OLD', true);
  item(IDS.twinA, 'TWIN');
  item(IDS.twinB, 'TWIN');
  account.insertRecord('vendor', { entityid: 'ACME', companyname: 'ACME Supplies', subsidiary: String(IDS.subsidiary), isinactive: false }, {}, IDS.vendor);
  account.insertRecord(
    'purchaseorder',
    { tranid: 'PO300', entity: String(IDS.vendor), subsidiary: String(IDS.subsidiary), location: String(IDS.warehouse), trandate: '2024-02-01', statusref: 'pendingReceipt', memo: '' },
    { item: [poLine(1, IDS.sku1, 10), poLine(2, IDS.sku2, 5), poLine(3, IDS.sku1, 3, { isclosed: true })] },
    IDS.po,
  );
  account.insertRecord(
    'purchaseorder',
    { tranid: 'PO301', entity: String(IDS.vendor), subsidiary: String(IDS.subsidiary), location: String(IDS.warehouse), trandate: '2024-02-01', statusref: 'pendingSupApproval', approvalstatus: '1' },
    { item: [poLine(1, IDS.sku1, 4)] },
    IDS.pendingApprovalPo,
  );
  account.adjustOnHand(String(IDS.sku1), String(IDS.storeA), 20);
  const meter = new GovernanceMeter(limit);
  const journal = new ChangeJournal();
  const env: ExecutionEnv = {
    account,
    projectFolder,
    script: { scriptId: 'customscript_test', deploymentId: 'customdeploy_test', objectType: 'scheduledscript', params: {}, logLevel: 'DEBUG', invocationType: 'ON_DEMAND' },
    executionContext: 'SCHEDULED',
    executionId: 'test-run',
    meter: () => meter,
    journal,
    tasks: { enqueue: () => 'task-1' },
    now: () => NOW,
  };
  return { dir, projectFolder, account, env, meter, journal };
}

export function cleanup(ctx: TestContext): void {
  fs.rmSync(ctx.dir, { recursive: true, force: true });
}

/** Runs `fn` and returns the SuiteScriptError-like error it throws (name and message). */
export function thrown(fn: () => unknown): { name: string; message: string } {
  try {
    fn();
  } catch (err) {
    const e = err as { name?: unknown; message?: unknown };
    return { name: String(e.name), message: String(e.message) };
  }
  throw new Error('expected an error, none was thrown');
}

/** A valid inventory adjustment body and one line, to vary in tests. */
export function adjustment(overrides: Record<string, FieldValue> = {}): Record<string, FieldValue> {
  return { subsidiary: String(IDS.subsidiary), account: String(IDS.adjustmentAccount), adjlocation: String(IDS.storeA), ...overrides };
}
