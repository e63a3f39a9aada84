/**
 * The cycle-count custom records (src/Objects/cyclecounts): classifications, planned counts, count lines
 * (the history) and accuracy figures. Custom records cost 2 units to create or submitFields, 4 to save
 * (NETSUITE.md 5). Every record the scripts create carries an External ID derived from what it stands for
 * (store, day, item), so a run that dies and runs again finds what it already created (DUP_RCRD).
 */
import * as record from 'N/record';
import * as search from 'N/search';
import { errorCode } from '../core/integrationError';
import { forEachResult, textValue, chunk } from './pagedSearch';
import type { AbcClass } from '../core/cyclecounts/policy';
import type { IsoDay } from '../core/cyclecounts/days';
import type { CountStatus, LineStatus, OpenLine, PeriodStats, HistoryLine } from '../core/cyclecounts/history';
import type { PlanDates, PlannedLine } from '../core/cyclecounts/plan';
import { isAbcClass } from '../core/cyclecounts/classify';

export const COUNT = 'customrecord_hwx_cc_count';
export const LINE = 'customrecord_hwx_cc_line';
export const CLASSIFICATION = 'customrecord_hwx_cc_class';
export const STAT = 'customrecord_hwx_cc_stat';

type Values = Record<string, string | number | boolean>;

/** Creates a custom record with an External ID; undefined when one with that External ID already exists. */
export function createOnce(type: string, externalId: string, name: string, values: Values): number | undefined {
  const rec = record.create({ type });
  rec.setValue({ fieldId: 'externalid', value: externalId });
  rec.setValue({ fieldId: 'name', value: name.slice(0, 300) });
  for (const [fieldId, value] of Object.entries(values)) rec.setValue({ fieldId, value });
  try {
    return rec.save();
  } catch (err) {
    if (errorCode(err) === 'DUP_RCRD') return undefined;
    throw err;
  }
}

export function update(type: string, id: string | number, values: Values): void {
  record.submitFields({ type, id: String(id), values });
}

export function createRecord(type: string, name: string, values: Values): number {
  const rec = record.create({ type });
  rec.setValue({ fieldId: 'name', value: name.slice(0, 300) });
  for (const [fieldId, value] of Object.entries(values)) rec.setValue({ fieldId, value });
  return rec.save();
}

// ---- classification -------------------------------------------------------------------------------

export interface LatestClassification {
  id: string;
  fileId: number;
  computedAt: string;
}

/** The store's most recent classification record with a file. */
export function latestClassification(store: string): LatestClassification | undefined {
  const rows = search
    .create({
      type: CLASSIFICATION,
      filters: [['isinactive', 'is', 'F'], 'AND', ['custrecord_hwx_ccc_location', 'anyof', [store]], 'AND', ['custrecord_hwx_ccc_file', 'isnotempty', '']],
      columns: [search.createColumn({ name: 'internalid', sort: search.Sort.DESC }), search.createColumn({ name: 'custrecord_hwx_ccc_file' }), search.createColumn({ name: 'custrecord_hwx_ccc_computed_at' })],
    })
    .run()
    .getRange({ start: 0, end: 1 });
  const row = rows[0];
  if (!row) return undefined;
  return { id: row.id, fileId: Number(textValue(row, 'custrecord_hwx_ccc_file')), computedAt: textValue(row, 'custrecord_hwx_ccc_computed_at') };
}

// ---- planned counts -------------------------------------------------------------------------------

export interface StoredPlan {
  id: string;
  status: CountStatus;
  dates: PlanDates;
  lines: PlannedLine[];
  sftpPath: string;
}

const COUNT_COLUMNS = ['custrecord_hwx_cct_status', 'custrecord_hwx_cct_planned_on', 'custrecord_hwx_cct_count_date', 'custrecord_hwx_cct_expires', 'custrecord_hwx_cct_plan', 'custrecord_hwx_cct_sftp_path'];

function toPlan(r: search.Result): StoredPlan {
  let lines: PlannedLine[] = [];
  try {
    const parsed = JSON.parse(textValue(r, 'custrecord_hwx_cct_plan') || '[]') as unknown;
    if (Array.isArray(parsed)) lines = parsed as PlannedLine[];
  } catch {
    lines = [];
  }
  return {
    id: r.id,
    status: textValue(r, 'custrecord_hwx_cct_status') as CountStatus,
    dates: { plannedOn: textValue(r, 'custrecord_hwx_cct_planned_on'), countDate: textValue(r, 'custrecord_hwx_cct_count_date'), expiresAfter: textValue(r, 'custrecord_hwx_cct_expires') },
    lines,
    sftpPath: textValue(r, 'custrecord_hwx_cct_sftp_path'),
  };
}

/** Planned counts of a store with one of these statuses, oldest count day first. */
export function plansWithStatus(store: string, statuses: readonly CountStatus[]): StoredPlan[] {
  const plans: StoredPlan[] = [];
  forEachResult(
    search.create({
      type: COUNT,
      filters: [['custrecord_hwx_cct_location', 'anyof', [store]], 'AND', statusFilter(statuses)],
      columns: [search.createColumn({ name: 'custrecord_hwx_cct_count_date', sort: search.Sort.ASC }), ...COUNT_COLUMNS.filter((c) => c !== 'custrecord_hwx_cct_count_date').map((name) => search.createColumn({ name }))],
    }),
    (r) => plans.push(toPlan(r)),
  );
  return plans;
}

function statusFilter(statuses: readonly string[]): unknown[] {
  const terms: unknown[] = [];
  statuses.forEach((s, i) => {
    if (i > 0) terms.push('OR');
    terms.push(['custrecord_hwx_cct_status', 'is', s]);
  });
  return terms;
}

export function planByExternalId(externalId: string): StoredPlan | undefined {
  const rows = search
    .create({ type: COUNT, filters: [['externalid', 'anyof', [externalId]]], columns: COUNT_COLUMNS.map((name) => search.createColumn({ name })) })
    .run()
    .getRange({ start: 0, end: 1 });
  return rows[0] ? toPlan(rows[0]) : undefined;
}

// ---- lines ------------------------------------------------------------------------------------------

export interface StoredLine extends OpenLine {
  status: LineStatus;
  countedOn: IsoDay | null;
  accurate: boolean;
  varianceValue: number;
}

const LINE_COLUMNS = {
  count: 'custrecord_hwx_ccl_count',
  item: 'custrecord_hwx_ccl_item',
  location: 'custrecord_hwx_ccl_location',
  cls: 'custrecord_hwx_ccl_class',
  status: 'custrecord_hwx_ccl_status',
  plannedOn: 'custrecord_hwx_ccl_planned_on',
  countDate: 'custrecord_hwx_ccl_count_date',
  expires: 'custrecord_hwx_ccl_expires',
  countedOn: 'custrecord_hwx_ccl_counted_on',
  unitCost: 'custrecord_hwx_ccl_unit_cost',
  accurate: 'custrecord_hwx_ccl_accurate',
  varValue: 'custrecord_hwx_ccl_var_value',
} as const;

function toLine(r: search.Result): StoredLine {
  const cls = textValue(r, LINE_COLUMNS.cls);
  const accurate = r.getValue({ name: LINE_COLUMNS.accurate });
  return {
    lineId: r.id,
    countId: textValue(r, LINE_COLUMNS.count),
    itemId: textValue(r, LINE_COLUMNS.item),
    locationId: textValue(r, LINE_COLUMNS.location),
    abcClass: isAbcClass(cls) ? cls : 'C',
    unitCost: Number(textValue(r, LINE_COLUMNS.unitCost)) || 0,
    plannedOn: textValue(r, LINE_COLUMNS.plannedOn),
    countDate: textValue(r, LINE_COLUMNS.countDate),
    expiresAfter: textValue(r, LINE_COLUMNS.expires),
    status: textValue(r, LINE_COLUMNS.status) as LineStatus,
    countedOn: textValue(r, LINE_COLUMNS.countedOn) || null,
    accurate: accurate === true || accurate === 'T',
    varianceValue: Number(textValue(r, LINE_COLUMNS.varValue)) || 0,
  };
}

/** Lines of a store, filtered by status, by the month of their count day ('YYYY-MM') and/or by count. */
export function storeLines(store: string, options: { status?: LineStatus; countMonth?: string; countIds?: readonly string[] }): StoredLine[] {
  const out: StoredLine[] = [];
  const parts = options.countIds ? chunk(options.countIds, 1000) : [undefined];
  for (const part of parts) {
    if (part && part.length === 0) continue;
    const filters: unknown[] = [['custrecord_hwx_ccl_location', 'anyof', [store]]];
    if (options.status) filters.push('AND', ['custrecord_hwx_ccl_status', 'is', options.status]);
    // Days are YYYY-MM-DD text: a month is a prefix (text fields take no range operators).
    if (options.countMonth) filters.push('AND', ['custrecord_hwx_ccl_count_date', 'startswith', `${options.countMonth}-`]);
    if (part) filters.push('AND', ['custrecord_hwx_ccl_count', 'anyof', part]);
    forEachResult(
      search.create({ type: LINE, filters, columns: [search.createColumn({ name: 'internalid', sort: search.Sort.ASC }), ...Object.values(LINE_COLUMNS).map((name) => search.createColumn({ name }))] }),
      (r) => out.push(toLine(r)),
    );
  }
  return out;
}

/** The latest day each item was counted at the store (COUNTED lines). */
export function lastCountedByItem(store: string): Map<string, IsoDay> {
  const last = new Map<string, IsoDay>();
  for (const l of storeLines(store, { status: 'COUNTED' })) {
    if (l.countedOn && (last.get(l.itemId) ?? '') < l.countedOn) last.set(l.itemId, l.countedOn);
  }
  return last;
}

export function lineValues(plan: StoredPlan, store: string, line: PlannedLine): Values {
  return {
    custrecord_hwx_ccl_count: plan.id,
    custrecord_hwx_ccl_item: line.itemId,
    custrecord_hwx_ccl_location: store,
    custrecord_hwx_ccl_class: line.abcClass,
    custrecord_hwx_ccl_status: 'PLANNED',
    custrecord_hwx_ccl_planned_on: plan.dates.plannedOn,
    custrecord_hwx_ccl_count_date: plan.dates.countDate,
    custrecord_hwx_ccl_expires: plan.dates.expiresAfter,
    custrecord_hwx_ccl_unit_cost: line.unitCost,
    custrecord_hwx_ccl_onhand_plan: line.onHandAtPlan,
  };
}

// ---- accuracy ---------------------------------------------------------------------------------------

export function statExternalId(store: string, cls: AbcClass, period: string): string {
  return `HWX-CCS-${store}-${cls}-${period.replace('-', '')}`;
}

/** Writes (creates or updates) the store's accuracy records of one period. */
export function saveStats(store: string, asOf: IsoDay, stats: readonly PeriodStats[]): void {
  const existing = new Map<string, string>();
  forEachResult(
    search.create({ type: STAT, filters: [['custrecord_hwx_ccs_location', 'anyof', [store]], 'AND', ['custrecord_hwx_ccs_period', 'is', stats[0]?.period ?? '']], columns: [search.createColumn({ name: 'custrecord_hwx_ccs_class' })] }),
    (r) => existing.set(textValue(r, 'custrecord_hwx_ccs_class'), r.id),
  );
  for (const s of stats) {
    const values: Values = {
      custrecord_hwx_ccs_as_of: asOf,
      custrecord_hwx_ccs_planned: s.planned,
      custrecord_hwx_ccs_counted: s.counted,
      custrecord_hwx_ccs_expired: s.expired,
      custrecord_hwx_ccs_accurate: s.accurate,
      custrecord_hwx_ccs_items: s.items,
      custrecord_hwx_ccs_covered: s.coveredItems,
      custrecord_hwx_ccs_coverage: s.coveragePercent ?? '',
      custrecord_hwx_ccs_accuracy: s.accuracyPercent ?? '',
      custrecord_hwx_ccs_var_value: s.varianceValue,
      custrecord_hwx_ccs_abs_var: s.absVarianceValue,
    };
    const id = existing.get(s.abcClass);
    if (id) {
      update(STAT, id, values);
      continue;
    }
    const created = createOnce(STAT, statExternalId(store, s.abcClass, s.period), `Store ${store} class ${s.abcClass} ${s.period}`, {
      ...values,
      custrecord_hwx_ccs_location: store,
      custrecord_hwx_ccs_class: s.abcClass,
      custrecord_hwx_ccs_period: s.period,
    });
    if (created === undefined) {
      // Created by a concurrent run between our search and our create: update it by External ID.
      const again = search.create({ type: STAT, filters: [['externalid', 'anyof', [statExternalId(store, s.abcClass, s.period)]]], columns: ['internalid'] }).run().getRange({ start: 0, end: 1 })[0];
      if (again) update(STAT, again.id, values);
    }
  }
}

export function historyLines(lines: readonly StoredLine[]): HistoryLine[] {
  return lines.map((l) => ({ itemId: l.itemId, abcClass: l.abcClass, countDate: l.countDate, status: l.status, countedOn: l.countedOn, accurate: l.accurate, varianceValue: l.varianceValue }));
}
