// One store day, end to end, on embedded defaults: NetSuite's scripts (run by the local runtime) and a
// HotWax stand-in that, like HotWax, only reads and writes SFTP files. playStoreDay() returns the report
// as data (a test checks it against the account); formatStoreDayReport() renders it for a terminal.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LocalEnvironment } from './environment';
import { SFTP_BASE_DIR, SFTP_PASSWORD, SFTP_USER } from './environment';
import { HotWaxStandIn, type ReceiptEntry, type VarianceRow } from './hotwax-standin';
import type { FullRunSummary } from '../runtime/engines/scriptRunner';
import { projectRoot } from '../runtime/paths';

export const SCRIPTS = {
  variances: 'customscript_hwx_sc_variance_import',
  poExport: 'customscript_hwx_mr_po_export',
  receipts: 'customscript_hwx_mr_po_receipt',
  inventory: 'customscript_hwx_sc_inventory_export',
} as const;

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
  accountDir: string;
  sftpRoot: string;
  failed: boolean;
}

type Progress = (text: string) => void;

function onHandSnapshot(env: LocalEnvironment): Map<string, number> {
  const map = new Map<string, number>();
  for (const b of env.account().inventoryBalances()) map.set(`${b.item}@${b.location}`, b.onHand);
  return map;
}

function poStatuses(env: LocalEnvironment): Map<number, { tranid: string; status: string }> {
  return new Map(env.account().listRecords('purchaseorder').map((r) => [r.id, { tranid: String(r.fields.tranid ?? r.id), status: String(r.fields.statusref ?? '') }]));
}

export async function playStoreDay(env: LocalEnvironment, progress: Progress = () => undefined): Promise<StoreDayReport> {
  const has = (scriptId: string): boolean => env.objects.scripts.some((s) => s.scriptId === scriptId);
  const report: StoreDayReport = { steps: [], hotwax: [], folders: {}, rejectedRows: [], purchaseOrders: [], onHand: [], created: {}, accountDir: env.accountDir, sftpRoot: env.sftpRoot, failed: false };
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
  try {
    // Early morning: NetSuite sends its snapshot; HotWax resets on-hand from it.
    // The SEARCH task runs after the script; its dependent continuation reads the results and publishes.
    await run('Inventory snapshot (morning)', SCRIPTS.inventory, 'customdeploy_hwx_sc_inv_export_daily');
    const snapshot = await hotwax.importInventorySnapshot();
    report.hotwax.push({ action: 'reset on-hand from the NetSuite snapshot', detail: `${snapshot.rows.length} item-location rows from ${snapshot.files.join(', ') || '(no file)'}` });

    // NetSuite exports purchase orders pending receipt; HotWax takes them in for the Receiving App.
    await run('Purchase orders pending receipt -> HotWax', SCRIPTS.poExport);
    const pos = await hotwax.importPurchaseOrders();
    report.hotwax.push({ action: 'imported purchase orders (IMP_ASN_PO_FEED)', detail: `${pos.lines.length} lines from ${pos.files.join(', ') || '(no file)'}` });

    // Store associates receive: some lines in part, some in full, plus a receipt for a PO that does not exist.
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

    // A manager approves a cycle count at store 255: counted vs systemic from the morning snapshot.
    const systemic = snapshot.rows.filter((r) => r.facilityId === '255').slice(0, 4);
    const counted: VarianceRow[] = systemic.map((r, i) => ({
      referenceNo: `CC-255-${i + 1}`,
      account: '927',
      item: r.sku,
      qty: [-2, 1, -1, 3][i] ?? 1,
      location: '255',
      date: '11/23/2026',
      memo: 'Inventory cycle count by HotWax',
      subsidiary: '1',
      hotwaxId: `CC-255-${i + 1}`,
    }));
    if (counted.length > 0) {
      const file = await hotwax.writeVariances('inventoryadjustment/csv', 'cycle_count_store255.csv', counted);
      report.hotwax.push({ action: 'approved a cycle count', detail: `${file}: ${counted.length} variances (counted minus systemic)` });
    } else {
      const file = 'inventoryadjustment/csv/cycle_count_store254_sample.csv';
      env.dropFile('inventoryadjustment/csv', 'cycle_count_store254_sample.csv', fs.readFileSync(path.join(FEEDS, 'hotwax-cycle-count-variance-sample.csv')));
      report.hotwax.push({ action: 'approved a cycle count', detail: `${file}: HotWax's published sample (no snapshot to count against)` });
    }
    // Associates record variances with reasons (one row deliberately bad).
    env.dropFile('inventorytransfer/csv', 'item_variances_store254.csv', fs.readFileSync(path.join(FEEDS, 'store-254-damaged-and-bad-rows.csv')));
    report.hotwax.push({ action: 'recorded item variances', detail: 'inventorytransfer/csv/item_variances_store254.csv: Damaged, Found, and two bad rows' });

    // NetSuite's scheduled scripts pick the files up; CSV import jobs run after each script ends.
    await run('Item receipts from HotWax', SCRIPTS.receipts);
    await run('Variances as adjustments (submit)', SCRIPTS.variances, 'customdeploy_hwx_sc_variance_adj');
    await run('Variances as transfers (submit)', SCRIPTS.variances, 'customdeploy_hwx_sc_variance_trf');
    await run('Variances as adjustments (verify, archive)', SCRIPTS.variances, 'customdeploy_hwx_sc_variance_adj');
    await run('Variances as transfers (verify, archive)', SCRIPTS.variances, 'customdeploy_hwx_sc_variance_trf');
    // Partly received POs changed: they are exported again with what is still to receive.
    await run('Purchase orders pending receipt -> HotWax (after receiving)', SCRIPTS.poExport);
    const again = await hotwax.importPurchaseOrders();
    report.hotwax.push({ action: 'imported updated purchase orders', detail: `${again.lines.length} lines from ${again.files.join(', ') || '(no file: nothing changed)'}` });
    // Evening snapshot.
    await run('Inventory snapshot (evening)', SCRIPTS.inventory, 'customdeploy_hwx_sc_inv_export_daily');
    const evening = await hotwax.importInventorySnapshot();
    report.hotwax.push({ action: 'reset on-hand from the evening snapshot', detail: `${evening.rows.length} rows from ${evening.files.join(', ') || '(no file)'}` });
  } finally {
    await hotwax.close();
  }

  for (const flow of ['inventoryadjustment', 'inventorytransfer', 'purchaseorder/receipt', 'purchaseorder/fulfillment', 'inventoryitem/csv']) {
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
  out.push('', `Account folder: ${report.accountDir}   (npx ns-local records <type> --account ${path.relative(process.cwd(), report.accountDir)})`, `SFTP root:      ${report.sftpRoot}`, '');
  out.push(report.failed ? 'RESULT: a step FAILED (see "!" lines above).' : 'RESULT: every step completed; rejected rows are in the error reports, as intended.');
  return out.join('\n');
}
