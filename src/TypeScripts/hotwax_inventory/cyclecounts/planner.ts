/**
 * The planner flow (customscript_hwx_mr_cc_plan), one store per reduce:
 *  1. remember: record the HotWax cycle counts posted since the oldest open line (matching rule in
 *     core/cyclecounts/history.ts), expire lines whose grace period passed;
 *  2. plan (deployments with custscript_hwx_cc_new_plans): on a count day, choose the due lines
 *     (core/cyclecounts/plan.ts) and save them on a Planned Cycle Count whose External ID is the store and
 *     day, so a second run, or a run after a crash, finds the plan instead of making another;
 *  3. send every PLANNED count of the store: its line records (External ID per item), the list uploaded to
 *     the staging folder and moved into HotWax's folder (a rename: HotWax sees it whole or not at all), then
 *     SENT. A name already in HotWax's folder is never uploaded again;
 *  4. accuracy: the store's figures per class for the current month.
 */
import { readReduceOutcome } from '../adapters/mapReduceSummary';
import * as log from 'N/log';
import * as file from 'N/file';
import type { EntryPoints } from 'N/types';
import { IntegrationError, describe } from '../core/integrationError';
import { count, sentence, worst, type RunNote } from '../core/runLog';
import { readClassificationCsv } from '../core/cyclecounts/classify';
import { resolvePolicy, type AbcClass, type CountPolicy } from '../core/cyclecounts/policy';
import { periodOf, utcDay, type IsoDay } from '../core/cyclecounts/days';
import { countImportName, countListFileName, lineExternalId, planDates, planExternalId, selectDueLines, skuOf, writeCountList, type Candidate } from '../core/cyclecounts/plan';
import { periodStats } from '../core/cyclecounts/history';
import { param, textParam } from '../adapters/scriptParams';
import { loadSftpSettingsFor } from '../adapters/sftpConfig';
import { SftpFolder, joinPath } from '../adapters/sftpFolder';
import { listHotWaxStores, loadPolicyRecords, storeStock, type StockRow } from '../adapters/cycleCountSearches';
import { COUNT, LINE, createOnce, historyLines, lastCountedByItem, latestClassification, lineValues, planByExternalId, plansWithStatus, saveStats, storeLines, update, type StoredPlan } from '../adapters/cycleCountRecords';
import { recordPostedCounts, refreshCounts, type RecordOutcome } from '../adapters/cycleCountHistory';
import { ensureAccuracySearch } from '../adapters/cycleCountAccuracySearch';

const PARAM = {
  sftpConfig: 'custscript_hwx_cc_sftp_config',
  sftpFolder: 'custscript_hwx_cc_sftp_folder',
  stagingFolder: 'custscript_hwx_cc_staging_folder',
  newPlans: 'custscript_hwx_cc_new_plans',
  location: 'custscript_hwx_cc_location',
} as const;

export const DEFAULT_SFTP_FOLDER = 'cyclecount/import';
export const DEFAULT_STAGING_FOLDER = 'cyclecount/staging';

function folderParam(name: string, fallback: string): string {
  const segments = (textParam(name) || fallback).split('/').filter((s) => s !== '' && s !== '.');
  if (segments.length === 0 || segments.includes('..')) throw new IntegrationError('CONFIG_SFTP_FOLDER', `The script parameter ${name} must be a folder below the SFTP base directory, such as ${fallback}.`);
  return segments.join('/');
}

interface PlannerOptions {
  newPlans: boolean;
  sftpFolder: string;
  stagingFolder: string;
}

function readOptions(): PlannerOptions {
  const raw = param(PARAM.newPlans);
  const sftpFolder = folderParam(PARAM.sftpFolder, DEFAULT_SFTP_FOLDER);
  const stagingFolder = folderParam(PARAM.stagingFolder, DEFAULT_STAGING_FOLDER);
  if (sftpFolder === stagingFolder) throw new IntegrationError('CONFIG_SFTP_FOLDER', `${PARAM.stagingFolder} must differ from ${PARAM.sftpFolder}: HotWax must not see a list before it is whole.`);
  return { newPlans: raw === true || raw === 'T' || raw === 'true', sftpFolder, stagingFolder };
}

export function plannerInput(): Record<string, string> {
  readOptions();
  const created = ensureAccuracySearch();
  if (created) log.audit({ title: 'Cycle count: saved search created', details: 'customsearch_hwx_cc_accuracy' });
  const stores = listHotWaxStores(textParam(PARAM.location) || undefined);
  return Object.fromEntries(stores.map((s) => [s, s]));
}

export interface StoreOutcome {
  store: string;
  remembered: RecordOutcome;
  planned?: { countDate: IsoDay; lines: number; externalId: string } | undefined;
  notPlanned?: string;
  sent: string[];
  expiredUnsent: number;
  problems: string[];
}

/** Everything the store counts, with class and consumption: the classification file joined with fresh stock. */
function candidates(store: string, stock: readonly StockRow[]): { candidates: Candidate[]; population: Map<string, AbcClass>; classifiedAt?: string } {
  const latest = latestClassification(store);
  const classes = new Map((latest ? readClassificationCsv(file.load({ id: latest.fileId }).getContents()) : []).map((c) => [c.itemId, c]));
  const population = new Map<string, AbcClass>();
  const out: Candidate[] = [];
  for (const s of stock) {
    const c = classes.get(s.itemId);
    const abcClass: AbcClass = c?.abcClass ?? 'C';
    const quantityOut = c?.quantityOut ?? 0;
    if (s.onHand !== 0 || quantityOut > 0) population.set(s.itemId, abcClass);
    out.push({ itemId: s.itemId, sku: skuOf(s.itemName), abcClass, value: c?.value ?? 0, onHand: s.onHand, quantityOut, unitCost: s.unitCost });
  }
  return { candidates: out, population, ...(latest ? { classifiedAt: latest.computedAt } : {}) };
}

function newPlan(store: string, policy: CountPolicy, today: IsoDay, cands: readonly Candidate[]): StoreOutcome['planned'] | string {
  const dates = planDates(today, policy);
  if (!dates) return `not a count day (${today} + lead ${policy.leadDays} day(s))`;
  if (policy.capacity <= 0) return 'capacity 0';
  const externalId = planExternalId(store, dates.countDate);
  const existing = planByExternalId(externalId);
  if (existing) return `already planned for ${dates.countDate} (${existing.status})`;
  const open = new Set(storeLines(store, { status: 'PLANNED' }).map((l) => l.itemId));
  const lines = selectDueLines(cands, lastCountedByItem(store), open, policy, dates.countDate);
  if (lines.length === 0) return `nothing due on ${dates.countDate}`;
  const id = createOnce(COUNT, externalId, `${countImportName(store, dates.countDate)} (${lines.length} lines)`, {
    custrecord_hwx_cct_location: store,
    custrecord_hwx_cct_status: 'PLANNED',
    custrecord_hwx_cct_planned_on: dates.plannedOn,
    custrecord_hwx_cct_count_date: dates.countDate,
    custrecord_hwx_cct_expires: dates.expiresAfter,
    custrecord_hwx_cct_import_name: countImportName(store, dates.countDate),
    custrecord_hwx_cct_lines: lines.length,
    custrecord_hwx_cct_counted: 0,
    custrecord_hwx_cct_expired: 0,
    custrecord_hwx_cct_accurate: 0,
    custrecord_hwx_cct_var_value: 0,
    custrecord_hwx_cct_plan: JSON.stringify(lines),
  });
  if (id === undefined) return `already planned for ${dates.countDate} (by a run at the same time)`;
  return { countDate: dates.countDate, lines: lines.length, externalId };
}

/** Creates the plan's missing line records, publishes its list, marks it SENT. Returns the SFTP path. */
function send(store: string, plan: StoredPlan, options: PlannerOptions, connect: () => SftpFolder): string {
  const have = new Set(storeLines(store, { countIds: [plan.id] }).map((l) => l.itemId));
  for (const line of plan.lines) {
    if (have.has(line.itemId)) continue;
    createOnce(LINE, lineExternalId(store, plan.dates.countDate, line.itemId), `${store} ${plan.dates.countDate} ${line.sku}`, lineValues(plan, store, line));
  }
  const name = countListFileName(store, plan.dates.countDate);
  const target = joinPath(options.sftpFolder, name);
  const sftp = connect();
  sftp.ensurePath(options.sftpFolder);
  if (!sftp.listNames(options.sftpFolder).has(name)) {
    sftp.ensurePath(options.stagingFolder);
    // replaceExisting: a half-written copy from a dropped connection or a killed run is replaced.
    sftp.uploadText(options.stagingFolder, name, writeCountList(store, plan.dates, plan.lines), true);
    sftp.move(joinPath(options.stagingFolder, name), target);
  }
  update(COUNT, plan.id, { custrecord_hwx_cct_status: 'SENT', custrecord_hwx_cct_sftp_path: target, custrecord_hwx_cct_message: `Sent ${plan.lines.length} line(s) to ${target}` });
  return target;
}

export function runStore(store: string, now: Date): StoreOutcome {
  const options = readOptions();
  const today = utcDay(now);
  const policies = loadPolicyRecords();
  const { policy, problems } = resolvePolicy(policies.defaults, policies.byStore.get(store));
  const outcome: StoreOutcome = { store, remembered: recordPostedCounts(store, policy, today), sent: [], expiredUnsent: 0, problems };

  const stock = storeStock(store);
  const { candidates: cands, population } = candidates(store, stock);
  if (options.newPlans) {
    const planned = newPlan(store, policy, today, cands);
    if (typeof planned === 'string') outcome.notPlanned = planned;
    else outcome.planned = planned;
  }

  let folder: SftpFolder | undefined;
  const connect = (): SftpFolder => (folder ??= SftpFolder.connect(loadSftpSettingsFor(PARAM.sftpConfig)));
  for (const plan of plansWithStatus(store, ['PLANNED'])) {
    if (plan.dates.countDate < today) {
      // Never sent before its count day: too late for the store; its items are due again.
      update(COUNT, plan.id, { custrecord_hwx_cct_status: 'EXPIRED', custrecord_hwx_cct_message: `Not sent before its count day ${plan.dates.countDate}` });
      const lines = storeLines(store, { countIds: [plan.id] });
      for (const l of lines.filter((x) => x.status === 'PLANNED')) update(LINE, l.lineId, { custrecord_hwx_ccl_status: 'EXPIRED' });
      if (lines.length > 0) refreshCounts(store, [plan.id]);
      outcome.expiredUnsent += 1;
      continue;
    }
    outcome.sent.push(send(store, plan, options, connect));
  }

  const period = periodOf(today);
  const lines = historyLines(storeLines(store, { countMonth: period }));
  saveStats(store, today, periodStats(period, today, lines, population, lastCountedByItem(store), policy));
  return outcome;
}

export function reducePlanner(context: EntryPoints.MapReduce.reduceContext, now: Date): void {
  context.write({ key: context.key, value: JSON.stringify(runStore(context.key, now)) });
}

export interface PlannerRunOutcome {
  stores: StoreOutcome[];
  failed: string[];
}

/** What the run log says of a run (core/runLog.ts): lists sent, counts remembered, stores not done. */
export function plannerRunNote(o: PlannerRunOutcome): RunNote {
  const sent = o.stores.reduce((n, s) => n + s.sent.length, 0);
  const planned = o.stores.filter((s) => s.planned).length;
  const counted = o.stores.reduce((n, s) => n + s.remembered.counted, 0);
  return {
    status: worst(o.failed.length > 0 ? 'NEEDS_ATTENTION' : 'COMPLETE'),
    text: sentence([
      o.stores.length > 0 && `${count(o.stores.length, 'store')}: ${count(planned, 'count list')} planned, ${count(sent, 'list')} sent, ${count(counted, 'counted line')} remembered`,
      o.failed.length > 0 && `${count(o.failed.length, 'store')} not done (the next run retries): ${o.failed.join('; ')}`.slice(0, 800),
    ]),
    files: sent,
  };
}

export function summarizePlanner(summary: EntryPoints.MapReduce.summarizeContext): PlannerRunOutcome {
  const { outputs: stores, failed } = readReduceOutcome<StoreOutcome>(summary);
  const sent = stores.reduce((n, s) => n + s.sent.length, 0);
  const counted = stores.reduce((n, s) => n + s.remembered.counted, 0);
  log.audit({ title: `Cycle count planner: ${stores.length} store(s), ${sent} list(s) sent, ${counted} line(s) counted${failed.length ? `, ${failed.length} failed` : ''}`, details: JSON.stringify({ stores, failed }).slice(0, 3900) });
  if (failed.length > 0) log.error({ title: 'Cycle count planner: stores not done (the next run retries)', details: describe(failed.join('\n')).slice(0, 3900) });
  return { stores, failed };
}
