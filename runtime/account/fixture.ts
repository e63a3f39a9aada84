// Creates an emulated account from a JSON fixture (docs/local-runtime.md documents the format).
// Fixture records are inserted as they are: a fixture states what the account already holds.
import * as fs from 'node:fs';
import { Account } from './account';
import type { AccountSettings, ApiSecret, FieldValue, StoredLine } from './types';

export interface FixtureLocation {
  id: number;
  name: string;
  subsidiary?: number;
  /** store and warehouse map to NetSuite location types 1 and 2 [U]; variance locations have no type. */
  type?: 'store' | 'warehouse' | 'variance';
  isinactive?: boolean;
  externalid?: string;
  [customField: string]: FieldValue | undefined;
}

export interface FixturePurchaseOrderLine {
  item: number;
  quantity: number;
  quantityreceived?: number;
  quantitybilled?: number;
  rate?: number;
  location?: number;
  expectedreceiptdate?: string;
  isclosed?: boolean;
}

export interface FixturePurchaseOrder {
  id?: number;
  tranid: string;
  entity: number;
  subsidiary?: number;
  location?: number;
  trandate: string;
  /** statusref; defaults to pendingReceipt (NETSUITE.md 4.3). */
  status?: string;
  memo?: string;
  externalid?: string;
  lines: FixturePurchaseOrderLine[];
  [customField: string]: FieldValue | FixturePurchaseOrderLine[] | undefined;
}

export interface AccountFixture {
  settings?: Partial<AccountSettings>;
  secrets?: Record<string, ApiSecret>;
  /** Deployment parameter values as an admin would set them: deployment id -> param id -> value. */
  deploymentParams?: Record<string, Record<string, string>>;
  /** File Cabinet folders to create, as paths like '/HotWax Integration/work'. */
  folders?: string[];
  subsidiaries?: { id: number; name: string; isinactive?: boolean }[];
  accounts?: { id: number; name: string; acctnumber?: string; accttype?: string; isinactive?: boolean }[];
  locations?: FixtureLocation[];
  /** `type` defaults to inventoryitem; lot-numbered and serialized items need inventory detail on every line. */
  items?: {
    id: number;
    itemid: string;
    type?: 'inventoryitem' | 'lotnumberedinventoryitem' | 'serializedinventoryitem';
    displayname?: string;
    upccode?: string;
    externalid?: string;
    isinactive?: boolean;
    usebins?: boolean;
    [customField: string]: FieldValue | undefined;
  }[];
  vendors?: { id: number; entityid: string; companyname?: string; subsidiary?: number; isinactive?: boolean }[];
  inventory?: { item: number; location: number; onHand: number }[];
  purchaseOrders?: FixturePurchaseOrder[];
  /** Custom record rows by custom record type id, e.g. customrecord_hwx_sftp_config. */
  customRecords?: Record<string, Record<string, FieldValue>[]>;
  /** Any other records: type -> [{ id?, fields, sublists? }]. */
  records?: Record<string, { id?: number; fields: Record<string, FieldValue>; sublists?: Record<string, StoredLine[]> }[]>;
}

const LOCATION_TYPES: Record<string, string | null> = { store: '1', warehouse: '2', variance: null };

function withoutUndefined(fields: Record<string, unknown>): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) out[k] = v as FieldValue;
  return out;
}

export function loadFixture(file: string): AccountFixture {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as AccountFixture;
}

/** Creates the account folder `dir` and fills it from the fixture. */
export function initAccount(dir: string, fixture: AccountFixture): Account {
  const account = Account.create(dir, fixture.settings ?? {}, fixture.secrets ?? {});
  for (const folder of fixture.folders ?? []) account.folderByPath(folder, true);
  // A value '@folder:/path' stands for that File Cabinet folder's internal id (known only once created).
  for (const [deployment, values] of Object.entries(fixture.deploymentParams ?? {})) {
    account.deploymentParams[deployment] = Object.fromEntries(
      Object.entries(values).map(([k, v]) => [k, v.startsWith('@folder:') ? String(account.folderByPath(v.slice('@folder:'.length), true)) : v]),
    );
  }
  for (const s of fixture.subsidiaries ?? []) account.insertRecord('subsidiary', { name: s.name, isinactive: s.isinactive ?? false }, {}, s.id);
  for (const a of fixture.accounts ?? []) {
    account.insertRecord('account', withoutUndefined({ acctname: a.name, name: a.name, acctnumber: a.acctnumber ?? '', accttype: a.accttype ?? 'COGS', isinactive: a.isinactive ?? false }), {}, a.id);
  }
  for (const l of fixture.locations ?? []) {
    const { id, type, subsidiary, isinactive, ...rest } = l;
    account.insertRecord(
      'location',
      withoutUndefined({ ...rest, subsidiary: subsidiary === undefined ? null : String(subsidiary), isinactive: isinactive ?? false, locationtype: type ? LOCATION_TYPES[type] ?? null : null }),
      {},
      id,
    );
  }
  for (const i of fixture.items ?? []) {
    const { id, type, ...fields } = i;
    account.insertRecord(type ?? 'inventoryitem', withoutUndefined({ displayname: '', upccode: '', isinactive: false, itemtype: 'InvtPart', ...fields }), {}, id);
  }
  for (const v of fixture.vendors ?? []) {
    const { id, subsidiary, ...fields } = v;
    account.insertRecord('vendor', withoutUndefined({ companyname: v.entityid, isinactive: false, ...fields, subsidiary: subsidiary === undefined ? null : String(subsidiary) }), {}, id);
  }
  for (const b of fixture.inventory ?? []) account.adjustOnHand(String(b.item), String(b.location), b.onHand);
  for (const po of fixture.purchaseOrders ?? []) {
    const { id, lines, status, entity, subsidiary, location, ...rest } = po;
    const body = withoutUndefined({
      // A fixture may say when the PO was last modified (ISO); otherwise it was just now.
      lastmodifieddate: new Date().toISOString(),
      ...rest,
      entity: String(entity),
      subsidiary: subsidiary === undefined ? null : String(subsidiary),
      location: location === undefined ? null : String(location),
      statusref: status ?? 'pendingReceipt',
      memo: po.memo ?? '',
    });
    const item = lines.map((line, index) =>
      withoutUndefined({
        line: String(index + 1),
        item: String(line.item),
        quantity: line.quantity,
        quantityreceived: line.quantityreceived ?? 0,
        quantitybilled: line.quantitybilled ?? 0,
        rate: line.rate ?? 0,
        amount: (line.rate ?? 0) * line.quantity,
        location: line.location === undefined ? (location === undefined ? null : String(location)) : String(line.location),
        expectedreceiptdate: line.expectedreceiptdate ?? null,
        isclosed: line.isclosed ?? false,
      }),
    );
    account.insertRecord('purchaseorder', body, { item }, id);
  }
  for (const [type, rows] of Object.entries(fixture.customRecords ?? {})) {
    for (const row of rows) {
      const { id, ...fields } = row;
      account.insertRecord(type, withoutUndefined({ isinactive: false, ...fields }), {}, typeof id === 'number' ? id : undefined);
    }
  }
  for (const [type, rows] of Object.entries(fixture.records ?? {})) {
    for (const row of rows) account.insertRecord(type, row.fields, row.sublists ?? {}, row.id);
  }
  account.save();
  return account;
}
