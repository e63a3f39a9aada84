/**
 * The classification flow (customscript_hwx_mr_cc_classify), one store per reduce: the store's active
 * inventory items with cost and on hand, the quantity that went out in the policy's window, the admin
 * overrides, then classifyItems (core) and a classification record with the item classes file.
 */
import { readReduceOutcome } from '../adapters/mapReduceSummary';
import * as file from 'N/file';
import * as log from 'N/log';
import type { EntryPoints } from 'N/types';
import { IntegrationError, describe } from '../core/integrationError';
import { count, sentence, worst, type RunNote } from '../core/runLog';
import { classifyItems, summarizeClasses, writeClassificationCsv, type ItemMovement } from '../core/cyclecounts/classify';
import { resolvePolicy } from '../core/cyclecounts/policy';
import { addDays, utcDay } from '../core/cyclecounts/days';
import { param, textParam } from '../adapters/scriptParams';
import { listHotWaxStores, loadOverrides, loadPolicyRecords, quantityOut, storeStock } from '../adapters/cycleCountSearches';
import { CLASSIFICATION, createRecord } from '../adapters/cycleCountRecords';

const PARAM = { workFolder: 'custscript_hwx_ccc_work_folder', location: 'custscript_hwx_ccc_location' } as const;

export function classificationInput(): Record<string, string> {
  const stores = listHotWaxStores(textParam(PARAM.location) || undefined);
  return Object.fromEntries(stores.map((s) => [s, s]));
}

function workFolder(): number {
  const id = Number(param(PARAM.workFolder));
  if (!Number.isInteger(id) || id <= 0) throw new IntegrationError('CONFIG_WORK_FOLDER', `Set the script parameter ${PARAM.workFolder} to the internal id of a File Cabinet folder: the item classes files are kept there.`);
  return id;
}

export interface ClassificationResult {
  store: string;
  recordId: number;
  fileId: number;
  items: number;
  classes: { A: number; B: number; C: number };
}

export function classifyStore(store: string, now: Date): ClassificationResult {
  const folder = workFolder();
  const policies = loadPolicyRecords();
  const { policy, problems } = resolvePolicy(policies.defaults, policies.byStore.get(store));
  const today = utcDay(now);
  const from = addDays(today, -policy.windowDays);
  const stock = storeStock(store);
  const out = quantityOut(store, from, today);
  const items: ItemMovement[] = stock.map((s) => ({ itemId: s.itemId, itemName: s.itemName, quantityOut: out.get(s.itemId) ?? 0, unitCost: s.unitCost, onHand: s.onHand }));
  const { overrides, invalid } = loadOverrides(store);
  // Items neither stocked nor moved are not counted anywhere: they stay out of the file (class C if they come back).
  const classified = classifyItems(items, policy, overrides).filter((c) => c.onHand !== 0 || c.quantityOut > 0 || c.overridden);
  const summary = summarizeClasses(classified);
  const stamp = now.toISOString().replace(/[-:]/g, '').slice(0, 15) + 'Z';
  const fileId = file.create({ name: `CycleCountClasses_${store}_${stamp}.csv`, fileType: file.Type.CSV, contents: writeClassificationCsv(classified), folder, description: `HotWax cycle count: item classes of store ${store}` }).save();
  const messages = [...problems, ...policies.duplicates.map((d) => `${d} ignored (one active policy per scope)`), ...invalid];
  const recordId = createRecord(CLASSIFICATION, `Store ${store} ${today}`, {
    custrecord_hwx_ccc_location: store,
    custrecord_hwx_ccc_computed_at: now.toISOString(),
    custrecord_hwx_ccc_window: `${from} - ${today}`,
    custrecord_hwx_ccc_cutoffs: `A ${policy.cutoffA} %, A+B ${policy.cutoffB} %`,
    custrecord_hwx_ccc_items_a: summary.items.A,
    custrecord_hwx_ccc_items_b: summary.items.B,
    custrecord_hwx_ccc_items_c: summary.items.C,
    custrecord_hwx_ccc_value_a: summary.value.A,
    custrecord_hwx_ccc_value_b: summary.value.B,
    custrecord_hwx_ccc_value_c: summary.value.C,
    custrecord_hwx_ccc_overridden: summary.overridden,
    custrecord_hwx_ccc_file: fileId,
    custrecord_hwx_ccc_message: messages.join('\n').slice(0, 100000),
  });
  return { store, recordId, fileId, items: classified.length, classes: summary.items };
}

export function reduceClassification(context: EntryPoints.MapReduce.reduceContext, now: Date): void {
  const result = classifyStore(context.key, now);
  context.write({ key: context.key, value: JSON.stringify(result) });
}

export interface ClassificationRunOutcome {
  stores: ClassificationResult[];
  failed: string[];
}

/** What the run log says of a run (core/runLog.ts): stores classified, items per class, stores not done. */
export function classificationRunNote(o: ClassificationRunOutcome): RunNote {
  const items = (k: 'A' | 'B' | 'C'): number => o.stores.reduce((n, s) => n + s.classes[k], 0);
  return {
    status: worst(o.failed.length > 0 ? 'NEEDS_ATTENTION' : 'COMPLETE'),
    text: sentence([
      o.stores.length > 0 && `classified ${count(o.stores.length, 'store')}: ${items('A')} A, ${items('B')} B, ${items('C')} C items`,
      o.failed.length > 0 && `${count(o.failed.length, 'store')} not classified: ${o.failed.join('; ')}`.slice(0, 800),
    ]),
    files: o.stores.length,
  };
}

export function summarizeClassification(summary: EntryPoints.MapReduce.summarizeContext): ClassificationRunOutcome {
  const { outputs: stores, failed } = readReduceOutcome<ClassificationResult>(summary);
  log.audit({ title: `Cycle count classification: ${stores.length} store(s)${failed.length ? `, ${failed.length} failed` : ''}`, details: JSON.stringify({ stores, failed }).slice(0, 3900) });
  if (failed.length > 0) log.error({ title: 'Cycle count classification: stores not classified', details: describe(failed.join('\n')).slice(0, 3900) });
  return { stores, failed };
}
