/**
 * @NApiVersion 2.1
 * @NScriptType Suitelet
 * @NModuleScope SameAccount
 */
// HotWax Cycle Counts (customscript_hwx_sl_cycle_counts): planned vs done, coverage and accuracy per store and
// ABC class, from the HotWax Cycle Count Accuracy records (docs/cycle-counts.md), one grouped search.
import type { EntryPoints } from 'N/types';
import * as runtime from 'N/runtime';
import * as search from 'N/search';
import { forEachResult } from '../adapters/pagedSearch';
import { esc, formatNumber, money, page, table } from '../core/desk/html';

const S = search.Summary;
const COLUMNS = [
  { label: 'Store' },
  { label: 'Class' },
  { label: 'Planned', num: true },
  { label: 'Counted', num: true },
  { label: 'Expired', num: true },
  { label: 'Coverage', num: true },
  { label: 'Accuracy', num: true },
  { label: 'Variance value', num: true },
];
const EMPTY = '<div class="msg warn" id="empty">No cycle-count accuracy records yet (customscript_hwx_mr_cc_plan writes them).</div>';

export function onRequest(context: EntryPoints.Suitelet.onRequestContext): void {
  const script = runtime.getCurrentScript();
  const user = runtime.getCurrentUser();
  const p = context.request.parameters as Record<string, string | undefined>;
  const period = /^\d{4}-\d{2}$/.test(p.period ?? '') ? (p.period ?? '') : '';
  const filters = period ? [['custrecord_hwx_ccs_period', 'is', period]] : [];
  const rows: string[][] = [];
  const g = (name: string): search.Column => search.createColumn({ name, summary: S.GROUP });
  const sum = (name: string): search.Column => search.createColumn({ name, summary: S.SUM });
  const n = (r: search.Result, name: string): number => Number(r.getValue({ name, summary: S.SUM }) ?? 0) || 0;
  forEachResult(search.create({ type: 'customrecord_hwx_cc_stat', filters, columns: [
    g('custrecord_hwx_ccs_location'),
    g('custrecord_hwx_ccs_class'),
    sum('custrecord_hwx_ccs_planned'),
    sum('custrecord_hwx_ccs_counted'),
    sum('custrecord_hwx_ccs_expired'),
    sum('custrecord_hwx_ccs_accurate'),
    sum('custrecord_hwx_ccs_items'),
    sum('custrecord_hwx_ccs_covered'),
    sum('custrecord_hwx_ccs_var_value'),
  ] }), (r) => {
    const counted = n(r, 'custrecord_hwx_ccs_counted');
    const items = n(r, 'custrecord_hwx_ccs_items');
    rows.push([
      esc(r.getText({ name: 'custrecord_hwx_ccs_location', summary: S.GROUP }) ?? ''),
      esc(String(r.getValue({ name: 'custrecord_hwx_ccs_class', summary: S.GROUP }) ?? '')),
      esc(formatNumber(n(r, 'custrecord_hwx_ccs_planned'))),
      esc(formatNumber(counted)),
      esc(formatNumber(n(r, 'custrecord_hwx_ccs_expired'))),
      esc(items > 0 ? `${formatNumber((n(r, 'custrecord_hwx_ccs_covered') / items) * 100, 1)}%` : 'n/a'),
      esc(counted > 0 ? `${formatNumber((n(r, 'custrecord_hwx_ccs_accurate') / counted) * 100, 1)}%` : 'n/a'),
      esc(money(n(r, 'custrecord_hwx_ccs_var_value'))),
    ]);
  });
  const body = `<form class="filters" method="GET"><input type="hidden" name="script" value="customscript_hwx_sl_cycle_counts"><input type="hidden" name="deploy" value="customdeploy_hwx_sl_cycle_counts"><label>Month (YYYY-MM, empty: all)<input name="period" value="${esc(period)}"></label><button class="btn" type="submit">Apply</button></form>
<p class="note">Coverage = items of the class counted within their frequency / items of the class; accuracy = counted lines within tolerance / counted lines (docs/cycle-counts.md).</p>
${rows.length === 0 ? EMPTY : ''}
${table('cyclecounts', COLUMNS, rows)}`;
  context.response.write({ output: page({ title: 'HotWax Cycle Counts', user: user.name, role: user.roleId, body, footer: `Governance: ${1000 - script.getRemainingUsage()} of 1,000 units used by this page.` }) });
}
