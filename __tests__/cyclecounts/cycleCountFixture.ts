// Shared by the cycle-count integration tests and benchmark: the demo account (stores 254, 255, 256 on
// HotWax, 24 active items stocked everywhere) with costs, movement at store 254 in the last 90 days, a
// default count policy, and the work folder set on the classification deployments.
import { DEFAULT_FIXTURE, type LocalEnvironment } from '../../demo/environment';
import { loadFixture, type AccountFixture } from '../../runtime/account/fixture';
import type { StoredRecord } from '../../runtime/account/types';
import { parseCsvWithLines } from '../../src/TypeScripts/hotwax_inventory/core/csv';

export const CLASSIFY = 'customscript_hwx_mr_cc_classify';
export const CLASSIFY_NOW = 'customdeploy_hwx_mr_cc_classify_now';
export const PLAN = 'customscript_hwx_mr_cc_plan';
export const PLAN_DAILY = 'customdeploy_hwx_mr_cc_plan';
export const REMEMBER = 'customdeploy_hwx_mr_cc_remember';
export const IMPORT_DIR = 'cyclecount/import';
export const STAGING_DIR = 'cyclecount/staging';
export const WORK_FOLDER = '/HotWax Integration/work';
export const COUNT_LIST_HEADER = 'countImportName,purposeType,statusId,idValue,idType,estimatedStartDate,estimatedCompletionDate,externalFacilityId';

/** Monday 23 November 2026 (UTC): the day the tests plan. */
export const MONDAY = '2026-11-23';

/** Not stocked anywhere and never moved: never classified, never counted. */
export const IDLE_ITEM = 3437;
/** Sold out at 254 (on hand 0) but moved there in the window: still counted. */
export const SOLD_OUT_ITEM = 3438;

export interface PolicyValues {
  capacity?: number;
  countDays?: string;
  frequencyA?: number;
  frequencyB?: number;
  frequencyC?: number;
  leadDays?: number;
  graceDays?: number;
  tolerance?: number;
}

function policyRecord(p: PolicyValues, location?: number): Record<string, string | number | boolean | null> {
  return {
    name: location ? `Store ${location}` : 'Default',
    custrecord_hwx_ccp_location: location ? String(location) : null,
    custrecord_hwx_ccp_capacity: p.capacity ?? 3,
    custrecord_hwx_ccp_count_days: p.countDays ?? 'Mon, Wed',
    custrecord_hwx_ccp_freq_a: p.frequencyA ?? 30,
    custrecord_hwx_ccp_freq_b: p.frequencyB ?? 90,
    custrecord_hwx_ccp_freq_c: p.frequencyC ?? 180,
    custrecord_hwx_ccp_lead_days: p.leadDays ?? 0,
    custrecord_hwx_ccp_grace_days: p.graceDays ?? 2,
    custrecord_hwx_ccp_tolerance: p.tolerance ?? 0,
  };
}

const line = (item: number, fields: Record<string, string | number>): Record<string, string | number> => ({ item: String(item), ...fields });

/**
 * Store 254's consumption in the 90 days before MONDAY (costs in brackets):
 *  3412 fulfilled 60 + 40 (average cost 10)       = 1,000   -> A (0 % before it)
 *  3413 transferred out 50 (purchase price 4 only) =   200   -> B (80 % before it: not below 80)
 *  3414 adjusted -10, +30 ignored (average cost 5) =    50   -> C (96 % before it)
 *  3438 fulfilled 1 (average cost 0)               =     0   -> C, on hand 0 but moved: counted
 *  3415 fulfilled 500 at store 255 and 3416 fulfilled 900 at 254 a year ago: not 254's window.
 */
export function cycleCountFixture(options: { policy?: PolicyValues; storePolicies?: { location: number; policy: PolicyValues }[]; overrides?: { item: number; location?: number; cls: string }[] } = {}): AccountFixture {
  const base = loadFixture(DEFAULT_FIXTURE);
  const items = (base.items ?? []).map((i) => (i.id === 3412 ? { ...i, averagecost: 10 } : i.id === 3413 ? { ...i, cost: 4 } : i.id === 3414 ? { ...i, averagecost: 5, cost: 99 } : i.id === 3415 ? { ...i, averagecost: 2 } : i));
  const work = { custscript_hwx_ccc_work_folder: `@folder:${WORK_FOLDER}` };
  return {
    ...base,
    items: [...items, { id: IDLE_ITEM, itemid: 'IDLE-SKU', displayname: 'Never stocked' }, { id: SOLD_OUT_ITEM, itemid: 'PARENT : SOLD-OUT-SKU', displayname: 'Sold out', averagecost: 0 }],
    deploymentParams: { ...base.deploymentParams, customdeploy_hwx_mr_cc_classify: work, [CLASSIFY_NOW]: work },
    customRecords: {
      ...base.customRecords,
      customrecord_hwx_cc_policy: [policyRecord(options.policy ?? {}), ...(options.storePolicies ?? []).map((s) => policyRecord(s.policy, s.location))],
      customrecord_hwx_cc_override: (options.overrides ?? []).map((o) => ({ name: `override ${o.item}`, custrecord_hwx_cco_item: String(o.item), custrecord_hwx_cco_location: o.location ? String(o.location) : null, custrecord_hwx_cco_class: o.cls })),
    },
    records: {
      itemfulfillment: [
        { fields: { tranid: 'IF1', trandate: '2026-10-01', subsidiary: '1' }, sublists: { item: [line(3412, { quantity: 60, location: '254' }), line(SOLD_OUT_ITEM, { quantity: 1, location: '254' })] } },
        { fields: { tranid: 'IF2', trandate: '2026-11-20', subsidiary: '1' }, sublists: { item: [line(3412, { quantity: 40, location: '254' })] } },
        { fields: { tranid: 'IF3', trandate: '2026-11-02', subsidiary: '1' }, sublists: { item: [line(3415, { quantity: 500, location: '255' })] } },
        { fields: { tranid: 'IF4', trandate: '2025-11-02', subsidiary: '1' }, sublists: { item: [line(3416, { quantity: 900, location: '254' })] } },
      ],
      inventorytransfer: [{ fields: { tranid: 'TR1', trandate: '2026-11-10', subsidiary: '1', location: '254', transferlocation: '1' }, sublists: { inventory: [line(3413, { adjustqtyby: 50 })] } }],
      inventoryadjustment: [
        {
          fields: { tranid: 'ADJ1', trandate: '2026-11-12', subsidiary: '1', account: '927', adjlocation: '254' },
          sublists: { inventory: [line(3414, { location: '254', adjustqtyby: -10 }), line(3414, { location: '254', adjustqtyby: 30 })] },
        },
      ],
    },
  };
}

export const records = (env: LocalEnvironment, type: string): StoredRecord[] => env.account().listRecords(type);
export const fieldsOf = (env: LocalEnvironment, type: string): Record<string, unknown>[] => records(env, type).map((r) => r.fields);

/** Rows of a count list file: [countImportName, purposeType, statusId, idValue, idType, start, completion, facility]. */
export function countListRows(env: LocalEnvironment, name: string): string[][] {
  const parsed = parseCsvWithLines(env.readFile(IMPORT_DIR, name));
  expect(parsed.headers.join(',')).toBe(COUNT_LIST_HEADER);
  return parsed.records.map((r) => r.cells);
}

/** Runs `act` with Date at `iso` (only Date is faked: scripts read the clock with new Date()). */
export async function at<T>(iso: string, act: () => Promise<T>): Promise<T> {
  jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask', 'hrtime', 'performance'] });
  try {
    jest.setSystemTime(new Date(iso.length === 10 ? `${iso}T07:00:00Z` : iso));
    return await act();
  } finally {
    jest.useRealTimers();
  }
}
