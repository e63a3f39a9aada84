// One store day, end to end, on embedded defaults: NetSuite's scripts (run by the local runtime) and a
// HotWax stand-in that, like HotWax, only reads and writes SFTP files. playStoreDay() returns the report
// as data (a test checks it against the account); formatStoreDayReport() renders it for a terminal.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LocalEnvironment } from './environment';
import { asNetSuiteUser, DEFAULT_FIXTURE, SFTP_BASE_DIR, SFTP_PASSWORD, SFTP_USER } from './environment';
import { HotWaxStandIn, type CountList, type ReceiptEntry, type VarianceRow } from './hotwax-standin';
import type { FullRunSummary } from '../runtime/engines/scriptRunner';
import { loadFixture, type AccountFixture } from '../runtime/account/fixture';
import type { FieldValue, StoredRecord } from '../runtime/account/types';
import { projectRoot } from '../runtime/paths';

export const SCRIPTS = {
  variances: 'customscript_hwx_sc_variance_import',
  poExport: 'customscript_hwx_mr_po_export',
  receipts: 'customscript_hwx_mr_po_receipt',
  inventory: 'customscript_hwx_sc_inventory_export',
  classify: 'customscript_hwx_mr_cc_classify',
  planner: 'customscript_hwx_mr_cc_plan',
  toExport: 'customscript_hwx_sc_to_export',
  toImport: 'customscript_hwx_sc_to_import',
} as const;

/** The cycle-count custom records (src/Objects/cyclecounts). */
export const CC = { classification: 'customrecord_hwx_cc_class', count: 'customrecord_hwx_cc_count', line: 'customrecord_hwx_cc_line', stat: 'customrecord_hwx_cc_stat' } as const;

export const MOVEMENT_FIXTURE = path.join(projectRoot(), 'demo', 'fixtures', 'store-day-movement.json');

interface MovementFile {
  fulfillments: { tranid: string; store: number; daysAgo: number; lines: Record<string, number> }[];
  transfers: { tranid: string; from: number; to: number; daysAgo: number; lines: Record<string, number> }[];
}

const isoDay = (d: Date): string => d.toISOString().slice(0, 10);

/**
 * The store day's account: demo/fixtures/store-day.json plus what went out of the stores before the day
 * (demo/fixtures/store-day-movement.json, dated in days before `day`), which the cycle-count
 * classification ranks. Other tests start from store-day.json alone.
 */
export function storeDayFixture(day: Date = new Date()): AccountFixture {
  const base = loadFixture(DEFAULT_FIXTURE);
  const movement = JSON.parse(fs.readFileSync(MOVEMENT_FIXTURE, 'utf8')) as MovementFile;
  const dated = (daysAgo: number): string => isoDay(new Date(day.getTime() - daysAgo * 86_400_000));
  type Rows = NonNullable<AccountFixture['records']>[string];
  const fulfillments: Rows = movement.fulfillments.map((f) => ({
    fields: { tranid: f.tranid, trandate: dated(f.daysAgo), subsidiary: '1' },
    sublists: { item: Object.entries(f.lines).map(([item, quantity]) => ({ item, quantity, location: String(f.store) })) },
  }));
  const transfers: Rows = movement.transfers.map((t) => ({
    fields: { tranid: t.tranid, trandate: dated(t.daysAgo), subsidiary: '1', location: String(t.from), transferlocation: String(t.to) },
    sublists: { inventory: Object.entries(t.lines).map(([item, adjustqtyby]) => ({ item, adjustqtyby })) },
  }));
  const records = base.records ?? {};
  return { ...base, records: { ...records, itemfulfillment: [...(records.itemfulfillment ?? []), ...fulfillments], inventorytransfer: [...(records.inventorytransfer ?? []), ...transfers] } };
}

/**
 * How the stores count (deterministic, so the report and its test are stable): the n-th item of a store's
 * list is found with DIFFERENCES[store][n] units more (+) or fewer (-) than HotWax's systemic quantity (its
 * morning snapshot); 0 or no entry = counted, no difference. The last NOT_COUNTED[store] items of the list
 * are not counted today (the line stays open until its grace period ends).
 */
const DIFFERENCES: Record<string, number[]> = { '254': [-2, 0, 1, 0, 0, -1], '255': [0, -1, 0, 0, 2], '256': [0, 0, -3] };
const NOT_COUNTED: Record<string, number> = { '256': 1 };

export interface CountedList {
  countName: string;
  facilityId: string;
  /** The variance file HotWax wrote for the count (inventoryadjustment/csv/...). */
  file?: string;
  rows: VarianceRow[];
  notCounted: string[];
}

function countTheList(list: CountList, systemic: ReadonlyMap<string, number>): CountedList {
  const skip = NOT_COUNTED[list.facilityId] ?? 0;
  const countedSkus = list.skus.slice(0, Math.max(0, list.skus.length - skip));
  const [y = '', m = '', d = ''] = list.countDate.split('-');
  const date = `${Number(m)}/${Number(d)}/${y}`; // HotWax's M/D/YYYY
  const rows = countedSkus.map((sku, i): VarianceRow => {
    const held = systemic.get(`${sku}@${list.facilityId}`) ?? 0;
    // A store never counts fewer than 0: the difference is at most what HotWax holds.
    const difference = Math.max(DIFFERENCES[list.facilityId]?.[i] ?? 0, -held);
    const id = `${list.countName}-${i + 1}`;
    return { referenceNo: id, account: '927', item: sku, qty: difference, location: list.facilityId, date, memo: 'Inventory cycle count by HotWax', subsidiary: '1', hotwaxId: id };
  });
  return { countName: list.countName, facilityId: list.facilityId, rows, notCounted: list.skus.slice(countedSkus.length) };
}

export interface PlannedCountReport {
  id: number;
  store: string;
  countName: string;
  countDate: string;
  /** Status at the end of the day (SENT, COUNTED, PARTLY_COUNTED, ...). */
  status: string;
  sftpPath: string;
  lines: { itemId: string; sku: string; abcClass: string }[];
}

export interface HistoryReport {
  store: string;
  countName: string;
  itemId: string;
  abcClass: string;
  status: string;
  countedOn: string;
  systemic: number | null;
  counted: number | null;
  variance: number | null;
  varianceValue: number | null;
  accurate: boolean;
}

export interface AccuracyReport {
  store: string;
  abcClass: string;
  period: string;
  planned: number;
  counted: number;
  expired: number;
  accurate: number;
  items: number;
  covered: number;
  coverage: number | null;
  accuracy: number | null;
  varianceValue: number;
}

export interface CycleCountReport {
  classes: { store: string; A: number; B: number; C: number; window: string }[];
  plans: PlannedCountReport[];
  counted: CountedList[];
  history: HistoryReport[];
  accuracy: AccuracyReport[];
}

const FEEDS = path.join(projectRoot(), 'demo', 'feeds');

export interface StepReport {
  step: string;
  script: string;
  deployment: string;
  status: string;
  units: number;
  csvImportJobs: number;
  created: Record<string, number[]>;
  errors: string[];
}

export interface StoreDayReport {
  steps: StepReport[];
  hotwax: { action: string; detail: string }[];
  folders: Record<string, string[]>;
  rejectedRows: { report: string; row: string }[];
  purchaseOrders: { id: number; tranid: string; before: string; after: string }[];
  onHand: { item: string; location: string; before: number; after: number }[];
  created: Record<string, number[]>;
  cycleCounts: CycleCountReport;
  transfers: TransferReport;
  accountDir: string;
  sftpRoot: string;
  failed: boolean;
}

/**
 * The day's two transfer orders, and on hand / in transit of their items at their locations: before the transfers,
 * mid-day (both shipped, by the warehouse in NetSuite and by store 255 in HotWax, nothing received yet) and at the
 * end of the day.
 */
export interface TransferReport {
  orders: { id: number; kind: string; from: string; to: string; before: string; after: string; detail: string }[];
  stock: { item: string; location: string; onHandBefore: number; onHandMidDay: number; onHandAfter: number; inTransitBefore: number; inTransitMidDay: number; inTransitAfter: number }[];
}

type Progress = (text: string) => void;


function createTransferOrder(env: LocalEnvironment, from: number, to: number, lines: [number, number][], ship: boolean): number {
  return asNetSuiteUser(env, (record) => {
    const t = record.create({ type: 'transferorder' });
    t.setValue({ fieldId: 'subsidiary', value: 1 });
    t.setValue({ fieldId: 'location', value: from });
    t.setValue({ fieldId: 'transferlocation', value: to });
    t.setValue({ fieldId: 'orderstatus', value: 'B' }); // approved: Pending Fulfillment
    lines.forEach(([item, quantity], line) => {
      t.setSublistValue({ sublistId: 'item', fieldId: 'item', line, value: item });
      t.setSublistValue({ sublistId: 'item', fieldId: 'quantity', line, value: quantity });
    });
    const id = t.save();
    if (ship) {
      const f = record.transform({ fromType: 'transferorder', fromId: id, toType: 'itemfulfillment' });
      f.setValue({ fieldId: 'shipstatus', value: 'C' }); // Shipped: out of the warehouse, in transit to the store
      f.save();
    }
    return id;
  });
}

const TRANSFER_ITEMS = ['3412', '3413'];
const TRANSFER_LOCATIONS = ['1', '254', '255', '256'];

function transferStock(env: LocalEnvironment): Map<string, { onHand: number; inTransit: number }> {
  const account = env.account();
  const out = new Map<string, { onHand: number; inTransit: number }>();
  for (const item of TRANSFER_ITEMS) for (const location of TRANSFER_LOCATIONS) out.set(`${item}@${location}`, { onHand: account.onHand(item, location), inTransit: account.inTransit(item, location) });
  return out;
}

const toStatusOf = (env: LocalEnvironment, id: number): string => String(env.account().getRecord('transferorder', id)?.fields.statusref ?? '(none)');

function onHandSnapshot(env: LocalEnvironment): Map<string, number> {
  const map = new Map<string, number>();
  for (const b of env.account().inventoryBalances()) map.set(`${b.item}@${b.location}`, b.onHand);
  return map;
}

function poStatuses(env: LocalEnvironment): Map<number, { tranid: string; status: string }> {
  return new Map(env.account().listRecords('purchaseorder').map((r) => [r.id, { tranid: String(r.fields.tranid ?? r.id), status: String(r.fields.statusref ?? '') }]));
}

const text = (v: FieldValue | undefined): string => (v === null || v === undefined ? '' : String(v));
const numberOrNull = (v: FieldValue | undefined): number | null => (v === null || v === undefined || v === '' ? null : Number(v));

/** The cycle-count records of the day, as the account holds them: this morning's plans, their lines, accuracy. */
function cycleCountReport(env: LocalEnvironment, planIds: readonly number[], counted: CountedList[]): CycleCountReport {
  const account = env.account();
  const latest = new Map<string, StoredRecord>();
  for (const c of account.listRecords(CC.classification)) latest.set(text(c.fields.custrecord_hwx_ccc_location), c);
  const classes = [...latest.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([store, c]) => ({
    store,
    A: Number(c.fields.custrecord_hwx_ccc_items_a ?? 0),
    B: Number(c.fields.custrecord_hwx_ccc_items_b ?? 0),
    C: Number(c.fields.custrecord_hwx_ccc_items_c ?? 0),
    window: text(c.fields.custrecord_hwx_ccc_window),
  }));
  const plans: PlannedCountReport[] = [];
  for (const id of planIds) {
    const f = account.getRecord(CC.count, id)?.fields;
    if (!f) continue;
    const lines = JSON.parse(text(f.custrecord_hwx_cct_plan) || '[]') as { itemId: string; sku: string; abcClass: string }[];
    plans.push({
      id,
      store: text(f.custrecord_hwx_cct_location),
      countName: text(f.custrecord_hwx_cct_import_name),
      countDate: text(f.custrecord_hwx_cct_count_date),
      status: text(f.custrecord_hwx_cct_status),
      sftpPath: text(f.custrecord_hwx_cct_sftp_path),
      lines: lines.map((l) => ({ itemId: l.itemId, sku: l.sku, abcClass: l.abcClass })),
    });
  }
  const countName = new Map(plans.map((p) => [String(p.id), p.countName]));
  const history = account
    .listRecords(CC.line)
    .filter((l) => countName.has(text(l.fields.custrecord_hwx_ccl_count)))
    .map((l): HistoryReport => ({
      store: text(l.fields.custrecord_hwx_ccl_location),
      countName: countName.get(text(l.fields.custrecord_hwx_ccl_count)) ?? '',
      itemId: text(l.fields.custrecord_hwx_ccl_item),
      abcClass: text(l.fields.custrecord_hwx_ccl_class),
      status: text(l.fields.custrecord_hwx_ccl_status),
      countedOn: text(l.fields.custrecord_hwx_ccl_counted_on),
      systemic: numberOrNull(l.fields.custrecord_hwx_ccl_systemic),
      counted: numberOrNull(l.fields.custrecord_hwx_ccl_counted_qty),
      variance: numberOrNull(l.fields.custrecord_hwx_ccl_variance),
      varianceValue: numberOrNull(l.fields.custrecord_hwx_ccl_var_value),
      accurate: l.fields.custrecord_hwx_ccl_accurate === true,
    }));
  const periods = new Set(plans.map((p) => p.countDate.slice(0, 7)));
  const accuracy = account
    .listRecords(CC.stat)
    .filter((r) => periods.has(text(r.fields.custrecord_hwx_ccs_period)))
    .map((r): AccuracyReport => {
      const n = (field: string): number => Number(r.fields[field] ?? 0);
      // Empty when there is nothing to measure (no items of the class, nothing counted): shown as n/a, not 0 %.
      const percent = (field: string): number | null => (r.fields[field] === null || r.fields[field] === undefined || r.fields[field] === '' ? null : Number(r.fields[field]));
      return {
        store: text(r.fields.custrecord_hwx_ccs_location),
        abcClass: text(r.fields.custrecord_hwx_ccs_class),
        period: text(r.fields.custrecord_hwx_ccs_period),
        planned: n('custrecord_hwx_ccs_planned'),
        counted: n('custrecord_hwx_ccs_counted'),
        expired: n('custrecord_hwx_ccs_expired'),
        accurate: n('custrecord_hwx_ccs_accurate'),
        items: n('custrecord_hwx_ccs_items'),
        covered: n('custrecord_hwx_ccs_covered'),
        coverage: percent('custrecord_hwx_ccs_coverage'),
        accuracy: percent('custrecord_hwx_ccs_accuracy'),
        varianceValue: n('custrecord_hwx_ccs_var_value'),
      };
    })
    .sort((a, b) => a.store.localeCompare(b.store) || a.abcClass.localeCompare(b.abcClass));
  return { classes, plans, counted, history, accuracy };
}

export async function playStoreDay(env: LocalEnvironment, progress: Progress = () => undefined): Promise<StoreDayReport> {
  const has = (scriptId: string): boolean => env.objects.scripts.some((s) => s.scriptId === scriptId);
  const report: StoreDayReport = { steps: [], hotwax: [], folders: {}, rejectedRows: [], purchaseOrders: [], onHand: [], created: {}, cycleCounts: { classes: [], plans: [], counted: [], history: [], accuracy: [] }, transfers: { orders: [], stock: [] }, accountDir: env.accountDir, sftpRoot: env.sftpRoot, failed: false };
  const onHandBefore = onHandSnapshot(env);
  const posBefore = poStatuses(env);

  const run = async (step: string, scriptId: string, deploymentId?: string): Promise<FullRunSummary | undefined> => {
    if (!has(scriptId)) {
      progress(`${step}: skipped (${scriptId} is not built yet)`);
      return undefined;
    }
    progress(`${step} …`);
    const summary = await env.run(scriptId, deploymentId ? { deploymentId } : {});
    const created: Record<string, number[]> = {};
    const add = (journal: { created: Record<string, number[]> } | undefined): void => {
      for (const [type, ids] of Object.entries(journal?.created ?? {})) created[type] = [...(created[type] ?? []), ...ids];
    };
    add(summary.records);
    for (const t of summary.taskRuns) add(t.records ?? t.run?.records);
    for (const [type, ids] of Object.entries(created)) report.created[type] = [...(report.created[type] ?? []), ...ids];
    // Units of the run itself plus the script runs it queued (continuations, dependents of a search task).
    const unitsOf = (usage: Record<string, { units: number }>): number => Object.values(usage).reduce((n, u) => n + u.units, 0);
    const units = unitsOf(summary.usage) + summary.taskRuns.reduce((n, t) => n + (t.run ? unitsOf(t.run.usage) : 0), 0);
    const taskFailed = summary.taskRuns.filter((t) => t.status === 'FAILED');
    const errors = [...summary.errors.map((e) => `${e.stage}${e.key ? ` ${e.key}` : ''}: ${e.name}: ${e.message}`), ...taskFailed.map((t) => `task ${t.taskId}: ${t.error?.message ?? 'failed'}`)];
    if (summary.status !== 'COMPLETE' || taskFailed.length > 0) report.failed = true;
    report.steps.push({ step, script: scriptId, deployment: summary.deployment, status: summary.status, units, csvImportJobs: summary.taskRuns.filter((t) => t.type === 'CSV_IMPORT').length, created, errors });
    progress(`${step}: ${summary.status}, ${units} units`);
    return summary;
  };

  const hotwax = await HotWaxStandIn.connect({ host: env.sftp.host, port: env.sftp.port, username: SFTP_USER, password: SFTP_PASSWORD, baseDir: SFTP_BASE_DIR });
  let plannedCounts: number[] = [];
  const counted: CountedList[] = [];
  try {
    // Early morning: NetSuite sends its snapshot; HotWax resets on-hand from it.
    // The SEARCH task runs after the script; its dependent continuation reads the results and publishes.
    await run('Inventory snapshot (morning)', SCRIPTS.inventory, 'customdeploy_hwx_sc_inv_export_daily');
    const snapshot = await hotwax.importInventorySnapshot();
    report.hotwax.push({ action: 'reset on-hand from the NetSuite snapshot', detail: `${snapshot.rows.length} item-location rows from ${snapshot.files.join(', ') || '(no file)'}` });

    // Cycle counts: the stores are classified A/B/C once (then weekly); the daily planner sends each store its list.
    if (has(SCRIPTS.classify) && env.account().listRecords(CC.classification).length === 0) {
      await run('Cycle-count classification (none yet: on demand)', SCRIPTS.classify, 'customdeploy_hwx_mr_cc_classify_now');
    }
    const planRun = await run('Cycle-count planner (daily: plan and send the lists)', SCRIPTS.planner, 'customdeploy_hwx_mr_cc_plan');
    plannedCounts = planRun ? [...(report.steps.at(-1)?.created[CC.count] ?? [])] : [];
    const lists = await hotwax.importCountLists();
    report.hotwax.push({ action: 'imported draft cycle counts (Cycle Count App)', detail: lists.length ? lists.map((l) => `${l.countName} (${l.skus.length} items) from ${l.file}`).join('; ') : '(no list)' });

    // NetSuite exports purchase orders pending receipt; HotWax takes them in for the Receiving App.
    await run('Purchase orders pending receipt -> HotWax', SCRIPTS.poExport);
    const pos = await hotwax.importPurchaseOrders();
    report.hotwax.push({ action: 'imported purchase orders (IMP_ASN_PO_FEED)', detail: `${pos.lines.length} lines from ${pos.files.join(', ') || '(no file)'}` });

    // Before the deliveries, the stores count their lists; managers approve; HotWax writes the variances
    // (counted minus the systemic quantity HotWax holds from the morning snapshot), 0 = counted, no difference.
    const systemic = new Map(snapshot.rows.map((r) => [`${r.sku}@${r.facilityId}`, r.available]));
    for (const list of lists) {
      const result = countTheList(list, systemic);
      counted.push(result);
      if (result.rows.length === 0) continue;
      const file = await hotwax.writeVariances('inventoryadjustment/csv', `cycle_count_${list.countName}.csv`, result.rows);
      result.file = file;
      const differences = result.rows.filter((r) => r.qty !== 0).map((r) => `${r.item} ${r.qty > 0 ? '+' : ''}${r.qty}`);
      report.hotwax.push({
        action: `approved cycle count ${list.countName}`,
        detail: `${file}: ${result.rows.length} of ${list.skus.length} items counted; differences ${differences.join(', ') || '(none)'}; ${result.rows.length - differences.length} counted with no difference (rows with 0)${result.notCounted.length ? `; not counted today: ${result.notCounted.join(', ')}` : ''}`,
      });
    }
    if (lists.length === 0) {
      // No plan (the planner is not built, or nothing due): HotWax's published sample stands in for a count.
      const file = 'inventoryadjustment/csv/cycle_count_store254_sample.csv';
      env.dropFile('inventoryadjustment/csv', 'cycle_count_store254_sample.csv', fs.readFileSync(path.join(FEEDS, 'hotwax-cycle-count-variance-sample.csv')));
      report.hotwax.push({ action: 'approved a cycle count', detail: `${file}: HotWax's published sample (no count list to count)` });
    }

    // NetSuite posts the count variances (CSV import jobs run after each script ends; the next run verifies
    // and archives), then the planner's "record counts" deployment turns them into history and accuracy.
    await run('Cycle-count variances as adjustments (submit)', SCRIPTS.variances, 'customdeploy_hwx_sc_variance_adj');
    await run('Cycle-count variances as adjustments (verify, archive)', SCRIPTS.variances, 'customdeploy_hwx_sc_variance_adj');
    await run('Cycle-count planner (record counts: history, accuracy)', SCRIPTS.planner, 'customdeploy_hwx_mr_cc_remember');

    // The deliveries: store associates receive some lines in part, some in full, plus a receipt for a PO
    // that does not exist; at store 254 they record item variances with reasons (two rows deliberately bad).
    const entries = new Map<string, ReceiptEntry>();
    pos.lines.forEach((line, i) => {
      const received = i % 3 === 0 ? Math.max(1, Math.floor(line.quantity / 2)) : line.quantity;
      const entry = entries.get(line.poId) ?? { order_id: line.poId, items: [] };
      entry.items.push({ line_id: line.lineId, quantity: String(received) });
      entries.set(line.poId, entry);
    });
    const receipts = [...entries.values(), { order_id: '999999', items: [{ line_id: '1', quantity: '5' }] }];
    const receiptFile = await hotwax.writeReceipts('receipts_store_day.json', receipts);
    report.hotwax.push({ action: 'wrote receipts', detail: `${receiptFile}: ${receipts.length} PO entries (one for an unknown PO, on purpose)` });
    env.dropFile('inventorytransfer/csv', 'item_variances_store254.csv', fs.readFileSync(path.join(FEEDS, 'store-254-damaged-and-bad-rows.csv')));
    report.hotwax.push({ action: 'recorded item variances', detail: 'inventorytransfer/csv/item_variances_store254.csv: Damaged, Found, and two bad rows' });

    // NetSuite's scheduled scripts pick the files up.
    await run('Item receipts from HotWax', SCRIPTS.receipts);
    await run('Item variances as transfers (submit)', SCRIPTS.variances, 'customdeploy_hwx_sc_variance_trf');
    await run('Item variances as transfers (verify, archive)', SCRIPTS.variances, 'customdeploy_hwx_sc_variance_trf');
    // Partly received POs changed: they are exported again with what is still to receive.
    await run('Purchase orders pending receipt -> HotWax (after receiving)', SCRIPTS.poExport);
    const again = await hotwax.importPurchaseOrders();
    report.hotwax.push({ action: 'imported updated purchase orders', detail: `${again.lines.length} lines from ${again.files.join(', ') || '(no file: nothing changed)'}` });
    if (has(SCRIPTS.toExport) && has(SCRIPTS.toImport)) await transfersOfTheDay(env, hotwax, report, run);
    // Evening snapshot.
    await run('Inventory snapshot (evening)', SCRIPTS.inventory, 'customdeploy_hwx_sc_inv_export_daily');
    const evening = await hotwax.importInventorySnapshot();
    report.hotwax.push({ action: 'reset on-hand from the evening snapshot', detail: `${evening.rows.length} rows from ${evening.files.join(', ') || '(no file)'}` });
  } finally {
    await hotwax.close();
  }
  report.cycleCounts = cycleCountReport(env, plannedCounts, counted);

  for (const flow of ['inventoryadjustment', 'inventorytransfer', 'purchaseorder/receipt', 'purchaseorder/fulfillment', 'inventoryitem/csv', 'cyclecount/import', 'cyclecount/staging', 'transferorderv2/export', 'transferorderv2/import/fulfillment-wh', 'transferorderv2/export/receipt', 'transferorderv2/oms-fulfillment']) {
    for (const sub of ['', 'csv', 'archive', 'failed', 'error', 'hotwax-imported']) {
      const folder = sub ? `${flow}/${sub}` : flow;
      const names = env.listFolder(folder).filter((n) => n.includes('.'));
      if (names.length > 0) report.folders[folder] = names;
    }
  }
  for (const [folder, names] of Object.entries(report.folders)) {
    if (!folder.endsWith('/error')) continue;
    for (const name of names) {
      const rows = env.readFile(folder, name).replace(/^\uFEFF/, '').trim().split(/\r?\n/).slice(1);
      for (const row of rows) report.rejectedRows.push({ report: `${folder}/${name}`, row });
    }
  }
  const posAfter = poStatuses(env);
  for (const [id, before] of posBefore) report.purchaseOrders.push({ id, tranid: before.tranid, before: before.status, after: posAfter.get(id)?.status ?? '(gone)' });
  const after = onHandSnapshot(env);
  for (const key of new Set([...onHandBefore.keys(), ...after.keys()])) {
    const was = onHandBefore.get(key) ?? 0;
    const now = after.get(key) ?? 0;
    if (was === now) continue;
    const [item = '', location = ''] = key.split('@');
    report.onHand.push({ item, location, before: was, after: now });
  }
  return report;
}

type Run = (step: string, scriptId: string, deploymentId?: string) => Promise<FullRunSummary | undefined>;

/**
 * Transfers (docs/transfer-orders.md): the warehouse ships store 254 six jackets and four hoodies in NetSuite;
 * store 255 sends store 256 two hoodies and a jacket, shipped in HotWax. Mid-day both are in transit. Store 254
 * receives one jacket short: the receipt deployment's policy (writeoff, account 927) writes it off. Store 256
 * receives what 255 shipped.
 */
async function transfersOfTheDay(env: LocalEnvironment, hotwax: HotWaxStandIn, report: StoreDayReport, run: Run): Promise<void> {
  const before = transferStock(env);
  const toStore = createTransferOrder(env, 1, 254, [[3412, 6], [3413, 4]], true);
  const storeToStore = createTransferOrder(env, 255, 256, [[3413, 2], [3412, 1]], false);
  const statusBefore = new Map([toStore, storeToStore].map((id) => [id, toStatusOf(env, id)]));
  report.hotwax.push({ action: 'NetSuite warehouse', detail: `transfer order ${toStore} (Main Warehouse -> Store 254) created and shipped; ${storeToStore} (Store 255 -> Store 256) approved` });

  await run('Transfer orders -> HotWax', SCRIPTS.toExport, 'customdeploy_hwx_sc_to_export');
  const first = await hotwax.importTransfers();
  report.hotwax.push({ action: 'imported transfer orders and warehouse shipments', detail: `${first.orders.length} order(s), ${first.fulfillments.length} fulfillment(s) from ${first.files.join(', ') || '(no file)'}` });
  const orderId = (d: { identifications: { idValue: string }[] }): string => d.identifications[0]?.idValue ?? '';
  // Store 254 receives the warehouse shipment, one jacket short.
  const shipment = first.fulfillments.find((f) => f.transferOrderId === String(toStore));
  const received = (shipment?.packages ?? []).flatMap((p) => p.items).map((i) => ({ line_id: i.externalId, quantity: i.productIdValue === '3412' ? i.quantity - 1 : i.quantity }));
  const receipt254 = await hotwax.writeTransferFeed('receipt', 'to_receipt_store254.json', [{ orderId: String(toStore), fulfillmentId: shipment?.externalId ?? '', shipmentId: 'HC-SHIP-254-1', items: received }]);
  // Store 255 ships the store-to-store transfer in full.
  const order255 = first.orders.find((o) => orderId(o) === String(storeToStore));
  const shipped = (order255?.shipGroups ?? []).flatMap((g) => g.items).map((i) => ({ line_id: i.externalId, quantity: i.quantity }));
  const shipment255 = await hotwax.writeTransferFeed('shipment', 'to_shipment_store255.json', [{ orderId: String(storeToStore), shipmentId: 'HC-SHIP-255-1', trackingNumber: '1Z255256', items: shipped }]);
  report.hotwax.push({ action: 'stores received and shipped transfers', detail: `${receipt254}: store 254 received ${received.map((r) => `line ${r.line_id} x${r.quantity}`).join(', ')} (one jacket short); ${shipment255}: store 255 shipped ${shipped.map((r) => `line ${r.line_id} x${r.quantity}`).join(', ')}` });

  await run('Transfer shipments from HotWax (store 255)', SCRIPTS.toImport, 'customdeploy_hwx_sc_to_fulfillment');
  // Mid-day: both transfers shipped, nothing received yet.
  const midDay = transferStock(env);
  await run('Transfer receipts from HotWax (store 254)', SCRIPTS.toImport, 'customdeploy_hwx_sc_to_receipt');
  await run('Transfer orders -> HotWax (after shipping)', SCRIPTS.toExport, 'customdeploy_hwx_sc_to_export');
  const second = await hotwax.importTransfers();
  const shippedNow = second.orders.find((o) => orderId(o) === String(storeToStore));
  const arriving = (shippedNow?.shipGroups ?? []).flatMap((g) => g.items).filter((i) => i.shippedQuantity > i.receivedQuantity).map((i) => ({ line_id: i.externalId, quantity: i.shippedQuantity - i.receivedQuantity }));
  const receipt256 = await hotwax.writeTransferFeed('receipt', 'to_receipt_store256.json', [{ orderId: String(storeToStore), shipmentId: 'HC-SHIP-255-1', items: arriving }]);
  report.hotwax.push({ action: 'store 256 received the transfer from store 255', detail: `${receipt256}: ${arriving.map((r) => `line ${r.line_id} x${r.quantity}`).join(', ') || '(nothing shipped?)'} (from ${second.files.join(', ') || '(no file)'})` });
  await run('Transfer receipts from HotWax (store 256)', SCRIPTS.toImport, 'customdeploy_hwx_sc_to_receipt');

  const after = transferStock(env);
  const adjustments = env.account().listRecords('inventoryadjustment').filter((a) => String(a.fields.externalid ?? '').startsWith('HWX-TOA-'));
  report.transfers.orders.push(
    { id: toStore, kind: 'warehouse -> store', from: '1', to: '254', before: statusBefore.get(toStore) ?? '', after: toStatusOf(env, toStore), detail: `shipped in NetSuite, received one jacket short; policy writeoff: inventory adjustment ${adjustments.map((a) => `${a.id} (${a.sublists.inventory?.map((l) => `${String(l.adjustqtyby)} x ${String(l.item)}`).join(', ') ?? ''}, account ${String(a.fields.account)})`).join(', ') || '(none)'}` },
    { id: storeToStore, kind: 'store -> store', from: '255', to: '256', before: statusBefore.get(storeToStore) ?? '', after: toStatusOf(env, storeToStore), detail: 'exported, shipped by store 255 in HotWax (item fulfillment in NetSuite), received at store 256' },
  );
  for (const [key, b] of before) {
    const m = midDay.get(key) ?? { onHand: 0, inTransit: 0 };
    const a = after.get(key) ?? { onHand: 0, inTransit: 0 };
    if ([m, a].every((x) => x.onHand === b.onHand && x.inTransit === b.inTransit)) continue;
    const [item = '', location = ''] = key.split('@');
    report.transfers.stock.push({ item, location, onHandBefore: b.onHand, onHandMidDay: m.onHand, onHandAfter: a.onHand, inTransitBefore: b.inTransit, inTransitMidDay: m.inTransit, inTransitAfter: a.inTransit });
  }
}

function formatCycleCounts(cc: CycleCountReport, itemName: (id: string) => string, locationName: (id: string) => string): string[] {
  const out: string[] = ['', 'Cycle counts: classes per store (consumption value in the classification window; A = the first 80 %, B the next 15 %, C the rest):'];
  if (cc.classes.length === 0) out.push('  (no classification)');
  for (const c of cc.classes) out.push(`  ${locationName(c.store).padEnd(24)} A ${c.A}, B ${c.B}, C ${c.C}   (${c.window})`);
  out.push('', 'Cycle counts planned this morning (one draft count per store, sent to HotWax):');
  if (cc.plans.length === 0) out.push('  (nothing planned)');
  for (const p of cc.plans) {
    const per = (k: string): number => p.lines.filter((l) => l.abcClass === k).length;
    out.push(`  ${p.countName.padEnd(20)} ${locationName(p.store).padEnd(24)} ${p.lines.length} items (A ${per('A')}, B ${per('B')}, C ${per('C')}) for ${p.countDate} -> ${p.sftpPath}; status now ${p.status}`);
    out.push(`    ${p.lines.map((l) => `${l.sku} ${l.abcClass}`).join(', ')}`);
  }
  out.push('', 'Cycle-count history (per planned item; systemic = counted - variance, counted = NetSuite\'s on hand when the count is recorded):');
  out.push(`  ${'count'.padEnd(20)} ${'item'.padEnd(16)} cls ${'status'.padEnd(8)} ${'counted on'.padEnd(10)} systemic counted variance    value  in tolerance`);
  const num = (n: number | null, width: number): string => (n === null ? '' : String(n)).padStart(width);
  for (const h of cc.history) {
    out.push(`  ${h.countName.padEnd(20)} ${itemName(h.itemId).padEnd(16)} ${h.abcClass.padEnd(3)} ${h.status.padEnd(8)} ${h.countedOn.padEnd(10)} ${num(h.systemic, 8)} ${num(h.counted, 7)} ${num(h.variance, 8)} ${num(h.varianceValue, 8)}  ${h.status === 'COUNTED' ? (h.accurate ? 'yes' : 'no') : ''}`);
  }
  const noDifference = cc.counted.flatMap((c) => c.rows.filter((r) => r.qty === 0).map((r) => `${c.countName} ${r.item}`));
  const stillOpen = new Set(cc.history.filter((h) => h.status === 'PLANNED').map((h) => `${h.countName} ${itemName(h.itemId)}`));
  const openNoDifference = noDifference.filter((k) => stillOpen.has(k));
  if (openNoDifference.length > 0) out.push(`  Counted with no difference but still PLANNED (HotWax's rows with 0 are not recorded in the history yet): ${openNoDifference.length} item(s)`);
  const notCounted = cc.counted.flatMap((c) => c.notCounted.map((sku) => `${c.countName} ${sku}`));
  if (notCounted.length > 0) out.push(`  Not counted today (open until the grace period ends, then due again): ${notCounted.join(', ')}`);
  out.push('', 'Cycle-count accuracy per store and class (this month; coverage = items of the class counted within their frequency):');
  out.push(`  ${'store'.padEnd(24)} cls period  planned counted expired accurate coverage accuracy variance value`);
  for (const a of cc.accuracy) {
    out.push(`  ${locationName(a.store).padEnd(24)} ${a.abcClass.padEnd(3)} ${a.period} ${String(a.planned).padStart(7)} ${String(a.counted).padStart(7)} ${String(a.expired).padStart(7)} ${String(a.accurate).padStart(8)} ${(a.coverage === null ? 'n/a' : `${a.coverage} %`).padStart(8)} ${(a.accuracy === null ? 'n/a' : `${a.accuracy} %`).padStart(8)} ${String(a.varianceValue).padStart(14)}`);
  }
  return out;
}

export function formatStoreDayReport(report: StoreDayReport, env: LocalEnvironment): string {
  const account = env.account();
  const itemName = (id: string): string => String(account.getRecord('inventoryitem', Number(id))?.fields.itemid ?? id);
  const locationName = (id: string): string => String(account.getRecord('location', Number(id))?.fields.name ?? id);
  const out: string[] = ['', '=== A store day: HotWax <-> NetSuite on embedded defaults ===', ''];
  out.push('NetSuite scripts (governance units used; limits: 10,000 per scheduled run, per stage invocation for Map/Reduce):');
  for (const s of report.steps) {
    const created = Object.entries(s.created).map(([t, ids]) => `${t} ${ids.join(', ')}`).join('; ');
    out.push(`  ${s.status.padEnd(8)} ${s.step} [${s.script}/${s.deployment}] ${s.units} units${s.csvImportJobs ? `, ${s.csvImportJobs} CSV import job(s)` : ''}${created ? `; created ${created}` : ''}`);
    for (const e of s.errors) out.push(`           ! ${e}`);
  }
  out.push('', 'HotWax stand-in (SFTP only):');
  for (const h of report.hotwax) out.push(`  ${h.action}: ${h.detail}`);
  out.push('', 'SFTP folders at the end of the day:');
  for (const [folder, names] of Object.entries(report.folders)) out.push(`  ${folder}/: ${names.join(', ')}`);
  out.push('', 'Rows not applied, from the error reports (deliberately bad rows included):');
  if (report.rejectedRows.length === 0) out.push('  (none)');
  for (const r of report.rejectedRows) out.push(`  ${r.report}: ${r.row}`);
  out.push('', 'Purchase orders (status before -> after):');
  for (const p of report.purchaseOrders) out.push(`  ${p.tranid} (${p.id}): ${p.before} -> ${p.after}`);
  out.push('', 'On hand that changed, per item and location (before -> after):');
  for (const o of report.onHand) out.push(`  ${itemName(o.item).padEnd(20)} ${locationName(o.location).padEnd(24)} ${String(o.before).padStart(6)} -> ${String(o.after).padStart(6)}`);
  out.push('', 'Transfer orders of the day (status before -> after):');
  if (report.transfers.orders.length === 0) out.push('  (none)');
  for (const t of report.transfers.orders) out.push(`  ${t.id} ${t.kind.padEnd(18)} ${locationName(t.from)} -> ${locationName(t.to)}: ${t.before} -> ${t.after}; ${t.detail}`);
  out.push('', 'On hand and in transit of the transferred items (before the transfers -> mid-day, both shipped, nothing received -> end of day):');
  out.push(`  ${'item'.padEnd(20)} ${'location'.padEnd(24)} ${'on hand'.padStart(20)} ${'in transit'.padStart(14)}`);
  for (const r of report.transfers.stock) out.push(`  ${itemName(r.item).padEnd(20)} ${locationName(r.location).padEnd(24)} ${`${r.onHandBefore} -> ${r.onHandMidDay} -> ${r.onHandAfter}`.padStart(20)} ${`${r.inTransitBefore} -> ${r.inTransitMidDay} -> ${r.inTransitAfter}`.padStart(14)}`);
  out.push(...formatCycleCounts(report.cycleCounts, itemName, locationName));
  out.push('', `Account folder: ${report.accountDir}   (npx ns-local records <type> --account ${path.relative(process.cwd(), report.accountDir)})`, `SFTP root:      ${report.sftpRoot}`, '');
  out.push(report.failed ? 'RESULT: a step FAILED (see "!" lines above).' : 'RESULT: every step completed; rejected rows are in the error reports, as intended.');
  return out.join('\n');
}
