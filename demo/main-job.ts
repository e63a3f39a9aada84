// The main job (`npm start`): a store day's variances, end to end, on embedded defaults.
// Starts the embedded SFTP server and an emulated account, drops HotWax's published sample feeds plus a
// file with deliberately bad rows, runs the variance import as NetSuite's schedule would (submit, CSV
// imports run later, next run verifies and archives), and prints what happened. Exits non-zero when a
// step fails. The account and SFTP folders are left in .ns-local/main-job for inspection.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startLocalEnvironment, type LocalEnvironment } from './environment';
import { projectRoot } from '../runtime/paths';
import type { FullRunSummary } from '../runtime/engines/scriptRunner';

const SCRIPT = 'customscript_hwx_sc_variance_import';
const FEEDS = path.join(projectRoot(), 'demo', 'feeds');
const OUT = path.join(projectRoot(), '.ns-local', 'main-job');

const drops: { folder: string; file: string; from: string }[] = [
  { folder: 'inventoryadjustment/csv', file: 'cycle_count_store254_20240229.csv', from: 'hotwax-cycle-count-variance-sample.csv' },
  { folder: 'inventorytransfer/csv', file: 'item_variances_20240229.csv', from: 'hotwax-inventory-item-variance-sample.csv' },
  { folder: 'inventorytransfer/csv', file: 'item_variances_store254_20261123.csv', from: 'store-254-damaged-and-bad-rows.csv' },
];

const progress = (text: string): void => {
  process.stderr.write(`• ${text}\n`);
};

function onHandTable(env: LocalEnvironment, items: string[], locations: string[]): Map<string, number> {
  const account = env.account();
  const table = new Map<string, number>();
  for (const i of items) for (const l of locations) table.set(`${i}@${l}`, account.onHand(i, l));
  return table;
}

async function main(): Promise<number> {
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.mkdirSync(OUT, { recursive: true });
  progress('starting the embedded SFTP server and creating the emulated account');
  const env = await startLocalEnvironment({ dir: OUT });
  let failed = false;
  try {
    const account = env.account();
    const locationName = (id: string): string => String(account.getRecord('location', Number(id))?.fields.name ?? id);
    const itemName = (id: string): string => String(account.getRecord('inventoryitem', Number(id))?.fields.itemid ?? id);
    const locations = ['1', '254', '301', '302', '303', '304'];
    const items = account.listRecords('inventoryitem').map((r) => String(r.id));
    const before = onHandTable(env, items, locations);

    for (const d of drops) {
      env.dropFile(d.folder, d.file, fs.readFileSync(path.join(FEEDS, d.from)));
      progress(`HotWax dropped ${d.folder}/${d.file}`);
    }

    const runs: { label: string; summary: FullRunSummary }[] = [];
    const run = async (label: string, deploymentId: string): Promise<void> => {
      progress(`${label} …`);
      const summary = await env.run(SCRIPT, { deploymentId });
      runs.push({ label, summary });
      const taskFailed = summary.taskRuns.some((t) => t.status === 'FAILED');
      if (summary.status !== 'COMPLETE' || taskFailed) failed = true;
      progress(`${label}: ${summary.status}, ${summary.usage.execute?.units ?? 0} units, ${summary.taskRuns.length} CSV import job(s) run afterwards`);
    };
    await run('adjustments run 1 (reads files, submits CSV import jobs)', 'customdeploy_hwx_sc_variance_adj');
    await run('transfers run 1 (reads files, submits CSV import jobs)', 'customdeploy_hwx_sc_variance_trf');
    await run('adjustments run 2 (verifies, reports, archives)', 'customdeploy_hwx_sc_variance_adj');
    await run('transfers run 2 (verifies, reports, archives)', 'customdeploy_hwx_sc_variance_trf');

    const after = onHandTable(env, items, locations);
    const out: string[] = [];
    out.push('', '=== HotWax variance import: a store day on embedded defaults ===', '');
    out.push('Runs (governance units used of 10,000 per run):');
    for (const r of runs) {
      const created = Object.entries(r.summary.taskRuns.reduce<Record<string, number[]>>((acc, t) => {
        for (const [type, ids] of Object.entries(t.records?.created ?? {})) acc[type] = [...(acc[type] ?? []), ...ids];
        return acc;
      }, {}));
      out.push(`  ${r.label}: ${r.summary.status}, ${r.summary.usage.execute?.units ?? 0} units${created.length ? `; CSV imports created ${created.map(([t, ids]) => `${t} ${ids.join(', ')}`).join('; ')}` : ''}`);
    }
    out.push('', 'SFTP folders after the day:');
    for (const flow of ['inventoryadjustment', 'inventorytransfer']) {
      for (const sub of ['csv', 'archive', 'failed', 'error']) {
        const names = env.listFolder(`${flow}/${sub}`);
        if (names.length) out.push(`  ${flow}/${sub}/: ${names.join(', ')}`);
      }
    }
    out.push('', 'Rows that were not posted (from the error reports):');
    for (const flow of ['inventoryadjustment', 'inventorytransfer']) {
      for (const name of env.listFolder(`${flow}/error`)) {
        const lines = env.readFile(`${flow}/error`, name).replace(/^\uFEFF/, '').trim().split(/\r?\n/).slice(1);
        for (const line of lines) out.push(`  ${flow}/error/${name}: ${line}`);
      }
    }
    const acct = env.account();
    out.push('', 'Transactions posted:');
    for (const type of ['inventoryadjustment', 'inventorytransfer']) {
      for (const r of acct.listRecords(type)) {
        const lines = r.sublists.inventory ?? [];
        out.push(`  ${type} ${r.id} ${String(r.fields.externalid)} ${String(r.fields.trandate)} — ${String(r.fields.memo)} (${lines.length} line(s))`);
      }
    }
    out.push('', 'On hand that changed (before → after):');
    for (const [key, value] of after) {
      const was = before.get(key) ?? 0;
      if (was === value) continue;
      const [item = '', location = ''] = key.split('@');
      out.push(`  ${itemName(item).padEnd(16)} at ${locationName(location).padEnd(22)} ${String(was).padStart(5)} → ${String(value).padStart(5)}`);
    }
    out.push('', `Feed-file tracking records: ${acct.listRecords('customrecord_hwx_feed_file').map((r) => `${String(r.fields.custrecord_hwx_ff_file_name)}=${String(r.fields.custrecord_hwx_ff_status)}`).join(', ')}`);
    out.push('', `Account folder: ${env.accountDir}`, `SFTP root:      ${env.sftpRoot}`, `Inspect with:   npx ns-local records inventoryadjustment --account ${path.relative(process.cwd(), env.accountDir)}`, '');
    out.push(failed ? 'RESULT: a step FAILED (see above).' : 'RESULT: all steps completed; rejected rows are reported in the error folder, as intended.');
    process.stdout.write(`${out.join('\n')}\n`);
  } finally {
    await env.stop();
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`main job failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.exit(1);
  },
);
