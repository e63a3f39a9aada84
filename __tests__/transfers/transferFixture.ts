// An emulated account for the transfer-order tests: a warehouse, three HotWax stores (one not HotWax), items
// with stock, and helpers that play NetSuite's warehouse (creating and shipping transfer orders through the
// emulated N/record, as a warehouse user would) and HotWax (files on SFTP).
import * as fs from 'node:fs';
import type { AccountFixture } from '../../runtime/account/fixture';
import { asNetSuiteUser, type LocalEnvironment } from '../../demo/environment';
import type { FullRunSummary } from '../../runtime/engines/scriptRunner';

export const ITEMS = { jacket: 3412, hoodie: 3413, tee: 3415, stray: 3499 } as const;
export const LOC = { warehouse: 1, store254: 254, store255: 255, outlet: 300, shrink: 901 } as const;
export const ACCOUNT_SHRINK = 5410;

export const EXPORT = { script: 'customscript_hwx_sc_to_export', deployment: 'customdeploy_hwx_sc_to_export' } as const;
export const IMPORT = { script: 'customscript_hwx_sc_to_import', receipt: 'customdeploy_hwx_sc_to_receipt', fulfillment: 'customdeploy_hwx_sc_to_fulfillment' } as const;
export const FOLDERS = { orders: 'transferorderv2/export', fulfillments: 'transferorderv2/import/fulfillment-wh', receipts: 'transferorderv2/export/receipt', storeShipments: 'transferorderv2/oms-fulfillment' } as const;

export function transferFixture(policy: Record<string, string> = {}): AccountFixture {
  return {
    settings: { dateFormat: 'M/D/YYYY', timezone: 'America/New_York' },
    folders: ['/HotWax Integration/work'],
    deploymentParams: {
      [EXPORT.deployment]: { custscript_hwx_toe_work_folder: '@folder:/HotWax Integration/work' },
      [IMPORT.receipt]: policy,
    },
    subsidiaries: [{ id: 1, name: 'HotWax Retail US' }],
    accounts: [{ id: ACCOUNT_SHRINK, name: 'Inventory Shrink', accttype: 'COGS' }],
    locations: [
      { id: LOC.warehouse, name: 'Main Warehouse', subsidiary: 1, type: 'warehouse', custrecord_hwx_loc_hotwax: true },
      { id: LOC.store254, name: 'Store 254', subsidiary: 1, type: 'store', custrecord_hwx_loc_hotwax: true },
      { id: LOC.store255, name: 'Store 255', subsidiary: 1, type: 'store', custrecord_hwx_loc_hotwax: true },
      { id: LOC.outlet, name: 'Outlet (not HotWax)', subsidiary: 1, type: 'store' },
      { id: LOC.shrink, name: 'Shrink', subsidiary: 1, type: 'variance' },
    ],
    items: [
      { id: ITEMS.jacket, itemid: 'WJ08-XS-Orange', displayname: 'Adrienne Trek Jacket' },
      { id: ITEMS.hoodie, itemid: 'MH09-XS-Blue', displayname: 'Abominable Hoodie' },
      { id: ITEMS.tee, itemid: 'MS11-S-Black', displayname: 'Atomic Endurance Running Tee' },
      { id: ITEMS.stray, itemid: 'STRAY-1', displayname: 'Not on any transfer' },
    ],
    inventory: [
      { item: ITEMS.jacket, location: LOC.warehouse, onHand: 100 },
      { item: ITEMS.hoodie, location: LOC.warehouse, onHand: 100 },
      { item: ITEMS.tee, location: LOC.store254, onHand: 20 },
    ],
  };
}


export function createTransferOrder(env: LocalEnvironment, from: number, to: number, lines: { item: number; quantity: number }[], orderstatus = 'B'): number {
  return asNetSuiteUser(env, (record) => {
    const t = record.create({ type: 'transferorder' });
    t.setValue({ fieldId: 'subsidiary', value: 1 });
    t.setValue({ fieldId: 'location', value: from });
    t.setValue({ fieldId: 'transferlocation', value: to });
    t.setValue({ fieldId: 'orderstatus', value: orderstatus });
    lines.forEach((l, i) => {
      t.setSublistValue({ sublistId: 'item', fieldId: 'item', line: i, value: l.item });
      t.setSublistValue({ sublistId: 'item', fieldId: 'quantity', line: i, value: l.quantity });
    });
    return t.save();
  });
}

/** The warehouse ships: quantities by TO line id (omitted lines are not shipped); all remaining when undefined. */
export function warehouseShips(env: LocalEnvironment, toId: number, byLine?: Record<string, number>, tracking?: string): number {
  return asNetSuiteUser(env, (record) => {
    const f = record.transform({ fromType: 'transferorder', fromId: toId, toType: 'itemfulfillment' });
    f.setValue({ fieldId: 'shipstatus', value: 'C' });
    for (let i = 0; i < f.getLineCount({ sublistId: 'item' }); i++) {
      const toLine = String(Number(f.getSublistValue({ sublistId: 'item', fieldId: 'orderline', line: i })) - 1);
      const q = byLine?.[toLine];
      if (byLine && q === undefined) f.setSublistValue({ sublistId: 'item', fieldId: 'itemreceive', line: i, value: false });
      else if (q !== undefined) f.setSublistValue({ sublistId: 'item', fieldId: 'quantity', line: i, value: q });
    }
    if (tracking) f.setSublistValue({ sublistId: 'package', fieldId: 'packagetrackingnumber', line: 0, value: tracking });
    return f.save();
  });
}

/** The warehouse receives everything shipped and not yet received on a TO (an item receipt from the TO). */
export function warehouseReceives(env: LocalEnvironment, toId: number): number {
  return asNetSuiteUser(env, (record) => record.transform({ fromType: 'transferorder', fromId: toId, toType: 'itemreceipt' }).save());
}

export const onHand = (env: LocalEnvironment, item: number, location: number): number => env.account().onHand(String(item), String(location));
export const inTransit = (env: LocalEnvironment, item: number, location: number): number => env.account().inTransit(String(item), String(location));
export const toStatus = (env: LocalEnvironment, id: number): string => String(env.account().getRecord('transferorder', id)?.fields.statusref);

/**
 * Dates records `days` before today in the account's calendar (America/New_York): how the tests play time passing
 * (the runtime dates a new transaction by the run's clock; NETSUITE.md, trandate defaults to today). One save.
 */
export function dateBack(env: LocalEnvironment, type: string, ids: readonly (number | string)[], days: number): void {
  const account = env.account();
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(new Date());
  const [y, m, d] = today.split('-').map(Number);
  const trandate = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) - days)).toISOString().slice(0, 10);
  for (const id of ids) {
    const rec = account.getRecord(type, Number(id));
    if (!rec) throw new Error(`${type} ${id} missing`);
    account.replaceRecord({ ...rec, fields: { ...rec.fields, trandate } });
  }
  account.save();
}

export function readJsonFiles(env: LocalEnvironment, folder: string): unknown[] {
  return env
    .listFolder(folder)
    .filter((n) => n.endsWith('.json'))
    .sort()
    .flatMap((n) => JSON.parse(env.readFile(folder, n)) as unknown[]);
}

export function reportText(env: LocalEnvironment, folder: string): string {
  return env
    .listFolder(`${folder}/error`)
    .map((n) => env.readFile(`${folder}/error`, n))
    .join('\n');
}

export async function run(env: LocalEnvironment, scriptId: string, deploymentId: string, options: Parameters<LocalEnvironment['run']>[1] = {}): Promise<FullRunSummary> {
  const summary = await env.run(scriptId, { deploymentId, ...options });
  if (summary.status !== 'COMPLETE' && !options.kill) fs.writeSync(2, `run: ${summary.status} ${JSON.stringify(summary.errors)}\n${summary.logs.map((l) => `${l.title}: ${l.details}`).join('\n')}\n`);
  return summary;
}
