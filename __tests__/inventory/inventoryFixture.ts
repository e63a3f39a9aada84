// Shared by the inventory snapshot tests and benchmark: the demo account set up for the snapshot script,
// reading what HotWax received, and writing transactions through the emulated N/record.
import { DEFAULT_FIXTURE, userExecutionEnv, type LocalEnvironment } from '../../demo/environment';
import { loadFixture, type AccountFixture } from '../../runtime/account/fixture';
import { createRecordModule, type RecordModule } from '../../runtime/modules/record';
import { createSearchModule, type SearchModule } from '../../runtime/modules/search';
import type { StoredRecord } from '../../runtime/account/types';
import { parseCsvWithLines } from '../../src/TypeScripts/hotwax_inventory/core/csv';

export const SCRIPT = 'customscript_hwx_sc_inventory_export';
export const DAILY = 'customdeploy_hwx_sc_inv_export_daily';
export const FOLLOW = 'customdeploy_hwx_sc_inv_export_follow';
export const MORE = 'customdeploy_hwx_sc_inv_export_more';
export const ONE_LOCATION = 'customdeploy_hwx_sc_inv_export_loc';
export const DEPLOYMENTS = [DAILY, FOLLOW, MORE, ONE_LOCATION];
export const HOTWAX_DIR = 'inventoryitem/csv';
export const STAGING_DIR = 'inventoryitem/staging';
export const WORK_FOLDER = '/HotWax Integration/work';
export const HEADER = 'Item,externalFacilityId,availableQty,idValue,onHandQty';

/** A sub-item: NetSuite's search shows its name as "Parent : Child"; the emulator shows itemid as stored. */
export const MATRIX_ITEM = { id: 3440, itemid: 'MATRIX-TEE : MATRIX-TEE-RED-M' };

/** The demo account (4 HotWax locations, 24 active items and an inactive one) with the work folder set on the snapshot deployments. */
export function inventoryFixture(base: AccountFixture = loadFixture(DEFAULT_FIXTURE)): AccountFixture {
  return {
    ...base,
    items: [...(base.items ?? []), MATRIX_ITEM],
    inventory: [...(base.inventory ?? []), { item: MATRIX_ITEM.id, location: 254, onHand: 3 }],
    deploymentParams: { ...base.deploymentParams, ...Object.fromEntries(DEPLOYMENTS.map((d) => [d, { custscript_hwx_inv_work_folder: `@folder:${WORK_FOLDER}` }])) },
  };
}

export interface HotWaxRow {
  item: string;
  facility: string;
  available: string;
  itemId: string;
  onHand: string;
}

/** Every row of the files in HotWax's folder whose name starts with `prefix` (each checked for the header), keyed 'item@location'. */
export function publishedRows(env: LocalEnvironment, prefix = '', folder = HOTWAX_DIR): Map<string, HotWaxRow> {
  const rows = new Map<string, HotWaxRow>();
  for (const name of env.listFolder(folder).filter((n) => n.startsWith(prefix))) {
    const parsed = parseCsvWithLines(env.readFile(folder, name));
    expect(parsed.headers.join(',')).toBe(HEADER);
    for (const r of parsed.records) {
      const [item = '', facility = '', available = '', itemId = '', onHand = ''] = r.cells;
      const key = `${itemId}@${facility}`;
      expect(rows.has(key)).toBe(false);
      rows.set(key, { item, facility, available, itemId, onHand });
    }
  }
  return rows;
}

export function snapshotRecords(env: LocalEnvironment): StoredRecord[] {
  return env.account().listRecords('customrecord_hwx_inv_snapshot');
}

/** Runs `act` with the emulated N/record and N/search over the environment's account (as a user in the UI), then saves the account. */
export function asUser(env: LocalEnvironment, act: (modules: { record: RecordModule; search: SearchModule }) => void): void {
  const execEnv = userExecutionEnv(env);
  act({ record: createRecordModule(execEnv), search: createSearchModule(execEnv) });
  execEnv.account.save();
}

/** Changes fields of a stored record as an admin would in the UI. */
export function editRecord(env: LocalEnvironment, type: string, id: number, fields: Record<string, string | number | boolean>): void {
  const account = env.account();
  const rec = account.getRecord(type, id);
  if (!rec) throw new Error(`no ${type} ${id}`);
  account.replaceRecord({ ...rec, fields: { ...rec.fields, ...fields } });
  account.save();
}
