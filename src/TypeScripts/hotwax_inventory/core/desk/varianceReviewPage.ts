// The variance review's pages and CSV, from the figures of core/desk/varianceReview (pure: no N/*, no adapter).
import { barChart, sparkline } from './svg';
import { esc, formatNumber, link, money, page, table, type Column } from './html';
import { writeCsv } from '../csv';
import {
  buildMatrix,
  cellKey,
  CYCLE_COUNT,
  ratePerThousand,
  storeLines,
  topItems,
  weeklySeries,
  weeksBetween,
  worstStore,
  type AdjustmentGroup,
  type Cell,
  type DrillRow,
  type ItemGroup,
  type Matrix,
  type ReviewFilters,
  type TransferGroup,
  type WeekGroup,
} from './varianceReview';

export interface ReviewData {
  filters: ReviewFilters;
  locations: Map<string, { name: string; store: boolean }>;
  varianceLocations: Set<string>;
  adjustments: AdjustmentGroup[];
  transfers: TransferGroup[];
  weeks: WeekGroup[];
  items: ItemGroup[];
  onHand: Map<string, number>;
  user: string;
  role: string;
  self: (extra: Record<string, string>) => string;
}

const nameOf = (locations: ReviewData['locations'], id: string): string => locations.get(id)?.name ?? (id === '' ? '(no location)' : `Location ${id}`);

function matrixOf(d: ReviewData): Matrix {
  return buildMatrix(storeLines(d.adjustments, d.transfers, d.varianceLocations), (a, b) => nameOf(d.locations, a).localeCompare(nameOf(d.locations, b)));
}

function measureText(measure: ReviewFilters['measure'], cell: Cell | undefined, onHand: number | undefined): string {
  if (!cell) return '';
  if (measure === 'value') return money(cell.value);
  if (measure === 'rate') {
    const r = ratePerThousand(cell.units, onHand);
    return r === null ? 'n/a' : formatNumber(r, 1);
  }
  return formatNumber(cell.units);
}

function filterForm(d: { filters: ReviewFilters; locations: ReviewData['locations']; self: ReviewData['self'] }, reasons: string[], view = ''): string {
  const f = d.filters;
  const opt = (value: string, label: string, current: string): string => `<option value="${esc(value)}"${value === current ? ' selected' : ''}>${esc(label)}</option>`;
  const stores = [...d.locations.entries()].filter(([, l]) => l.store).sort((a, b) => a[1].name.localeCompare(b[1].name));
  const reasonList = [...new Set([...reasons, ...(f.reason ? [f.reason] : [])])];
  return `<form class="filters" method="GET" id="filters">
<input type="hidden" name="script" value="customscript_hwx_sl_variance_review"><input type="hidden" name="deploy" value="customdeploy_hwx_sl_variance_review">${view ? `<input type="hidden" name="view" value="${esc(view)}">` : ''}
<label>From<input type="date" name="from" value="${esc(f.from)}"></label><label>To<input type="date" name="to" value="${esc(f.to)}"></label>
<label>Store<select name="store">${opt('', 'All stores', f.store)}${stores.map(([id, l]) => opt(id, l.name, f.store)).join('')}</select></label>
<label>Reason<select name="reason">${opt('', 'All reasons', f.reason)}${reasonList.map((r) => opt(r, r, f.reason)).join('')}</select></label>
<label>Variances<select name="kind">${opt('all', 'Cycle counts and other', f.kind)}${opt('cyclecount', 'Cycle counts only', f.kind)}${opt('other', 'Other variances only', f.kind)}</select></label>
<label>Show<select name="measure">${opt('units', 'Units', f.measure)}${opt('value', 'Value', f.measure)}${opt('rate', 'Rate per 1,000 on hand', f.measure)}</select></label>
<button class="btn" type="submit" id="apply">Apply</button></form>`;
}

export function renderReview(d: ReviewData, footer: () => string): string {
  const f = d.filters;
  const m = matrixOf(d);
  const drill = (store: string, reason: string): string => d.self({ view: 'drill', store, reason });
  const measures: { key: ReviewFilters['measure']; label: string }[] = [
    { key: 'units', label: 'Units' },
    { key: 'value', label: 'Value' },
    { key: 'rate', label: 'Rate per 1,000 on hand' },
  ];
  const measureTabs = `<div class="tabs" id="measures">${measures.map((x) => `<a class="${x.key === f.measure ? 'on' : ''}" href="${esc(d.self({ measure: x.key }))}">${esc(x.label)}</a>`).join('')}</div>`;
  const worst = m.reasons
    .filter((r) => r !== CYCLE_COUNT)
    .map((r) => ({ r, w: worstStore(m, r) }))
    .filter((x): x is { r: string; w: NonNullable<ReturnType<typeof worstStore>> } => x.w !== undefined && x.w.cell.value < 0)
    .map((x) => {
      const where = `<b>${esc(nameOf(d.locations, x.w.store))}</b>, ${esc(money(x.w.cell.value))} (${esc(formatNumber(x.w.cell.units))} units)`;
      return `<li>${esc(x.r)}: ${where} — ${link(drill(x.w.store, x.r), 'transactions', `class="worst" data-reason="${esc(x.r)}"`)}</li>`;
    })
    .join('');
  const columns: Column[] = [{ label: 'Store' }, ...m.reasons.map((r) => ({ label: r, num: true })), { label: 'Total', num: true }, { label: 'On hand now', num: true }, { label: 'Lines', num: true }];
  const rows = m.stores.map((s) => {
    const oh = d.onHand.get(s);
    return [
      esc(nameOf(d.locations, s)),
      ...m.reasons.map((r) => {
        const cell = m.cells.get(cellKey(s, r));
        return cell ? link(drill(s, r), measureText(f.measure, cell, oh), `class="cell" data-store="${esc(s)}" data-reason="${esc(r)}"`) : '';
      }),
      link(drill(s, ''), measureText(f.measure, m.byStore.get(s), oh), `class="cell" data-store="${esc(s)}" data-reason=""`),
      oh === undefined ? '' : formatNumber(oh),
      formatNumber(m.byStore.get(s)?.lines ?? 0),
    ];
  });
  const totalOnHand = m.stores.reduce((a, s) => a + (d.onHand.get(s) ?? 0), 0);
  const totals = ['Total', ...m.reasons.map((r) => measureText(f.measure, m.byReason.get(r), totalOnHand)), measureText(f.measure, m.total, totalOnHand), formatNumber(totalOnHand), formatNumber(m.total.lines)];
  const bars = m.stores.map((s) => ({ label: nameOf(d.locations, s), value: f.measure === 'units' ? (m.byStore.get(s)?.units ?? 0) : f.measure === 'rate' ? -(ratePerThousand(m.byStore.get(s)?.units ?? 0, d.onHand.get(s)) ?? 0) : (m.byStore.get(s)?.value ?? 0), href: drill(s, f.reason) }));
  const weeks = weeksBetween(f.from, f.to);
  const series = weeklySeries(d.weeks, weeks, f.measure === 'value' ? 'value' : 'units');
  const trendRows = [...series.entries()]
    .sort((a, b) => nameOf(d.locations, a[0]).localeCompare(nameOf(d.locations, b[0])))
    .map(([s, v]) => [esc(nameOf(d.locations, s)), sparkline(v, weeks), esc(f.measure === 'value' ? money(v.reduce((a, b) => a + b, 0)) : formatNumber(v.reduce((a, b) => a + b, 0))), esc(weeks.length === 0 ? '' : `${weeks[0] ?? ''} … ${weeks[weeks.length - 1] ?? ''}`)]);
  const items = topItems(d.items, 10).map((i) => [esc(i.itemName), esc(formatNumber(i.units)), esc(money(i.value))]);
  const empty = m.stores.length === 0 ? '<div class="msg warn" id="empty">No HotWax variances in this period with these filters.</div>' : '';
  const body = `${filterForm(d, m.reasons)}
<p class="note">Variances posted by the HotWax variance import (inventory adjustments and transfers to variance locations), ${esc(f.from)} to ${esc(f.to)}. Value = units × the item's average cost. Rate = units per 1,000 units on hand at the store now. Click a figure for its transactions.
 ${link(d.self({ format: 'csv' }), 'Export CSV', 'id="export" class="btn secondary"')}</p>${empty}
${worst ? `<div class="subtab">Largest loss in value, per reason</div><ul id="worst">${worst}</ul>` : ''}
<div class="subtab">Stores × reasons</div>${measureTabs}${table('matrix', columns, rows, totals)}
<div class="subtab">${esc(f.measure === 'value' ? 'Value' : f.measure === 'rate' ? 'Rate per 1,000 on hand (higher = worse)' : 'Units')} per store</div>${barChart('bars', bars, f.measure === 'value' ? money : (n) => formatNumber(n, f.measure === 'rate' ? 1 : 0))}
<div class="subtab">Weekly trend per store (${esc(f.measure === 'value' ? 'value' : 'units')})</div>${table('trend', [{ label: 'Store' }, { label: 'Weekly' }, { label: 'Period total', num: true }, { label: 'Weeks' }], trendRows)}
<div class="subtab">Top items by value lost</div>${table('items', [{ label: 'Item' }, { label: 'Units', num: true }, { label: 'Value', num: true }], items)}`;
  return page({ title: 'HotWax Variance Review', user: d.user, role: d.role, body, footer: footer() });
}

export function reviewCsv(d: ReviewData): string {
  const m = matrixOf(d);
  const rows: string[][] = [];
  for (const s of m.stores) {
    for (const r of m.reasons) {
      const cell = m.cells.get(cellKey(s, r));
      if (!cell) continue;
      const rate = ratePerThousand(cell.units, d.onHand.get(s));
      rows.push([nameOf(d.locations, s), s, r, String(cell.units), cell.value.toFixed(2), rate === null ? '' : rate.toFixed(2), String(cell.lines), d.filters.from, d.filters.to]);
    }
  }
  return writeCsv(['Store', 'Store Id', 'Reason', 'Units', 'Value', 'Rate per 1000 on hand', 'Lines', 'From', 'To'], rows);
}

export interface DrillData {
  filters: ReviewFilters;
  rows: DrillRow[];
  locations: ReviewData['locations'];
  user: string;
  role: string;
  self: ReviewData['self'];
  recordUrl: (type: string, id: string) => string;
}

export function renderDrill(d: DrillData, footer: () => string): string {
  const f = d.filters;
  const store = f.store === '' ? 'all stores' : nameOf(d.locations, f.store);
  const rows = d.rows.map((r) => [link(d.recordUrl(r.recordType, r.id), r.tranid || `#${r.id}`, `class="tran" data-id="${esc(r.id)}"`), esc(r.recordType === 'inventorytransfer' ? 'Inventory Transfer' : 'Inventory Adjustment'), esc(r.date), esc(r.from), esc(r.to), esc(formatNumber(r.units)), esc(money(r.value)), esc(formatNumber(r.lines))]);
  const total = d.rows.reduce((a, r) => ({ u: a.u + r.units, v: a.v + r.value, l: a.l + r.lines }), { u: 0, v: 0, l: 0 });
  const body = `${filterForm(d, [], 'drill')}
<p class="note">${link(d.self({ view: '' }), '← Back to the review')} · ${esc(f.reason || 'All reasons')} at ${esc(store)}, ${esc(f.from)} to ${esc(f.to)}: ${d.rows.length} transaction(s), largest loss first. ${link(d.self({ view: 'drill', format: 'csv' }), 'Export CSV', 'id="export" class="btn secondary"')}</p>
${table('transactions', [{ label: 'Transaction' }, { label: 'Type' }, { label: 'Date' }, { label: 'Location' }, { label: 'To location' }, { label: 'Units', num: true }, { label: 'Value', num: true }, { label: 'Lines', num: true }], rows, ['Total', '', '', '', '', esc(formatNumber(total.u)), esc(money(total.v)), esc(formatNumber(total.l))])}`;
  return page({ title: `Variance transactions: ${f.reason || 'all reasons'}, ${store}`, user: d.user, role: d.role, body, footer: footer() });
}

export function drillCsv(rows: readonly DrillRow[]): string {
  return writeCsv(['Internal Id', 'Type', 'Transaction', 'Date', 'Location', 'To Location', 'Units', 'Value', 'Lines'], rows.map((r) => [r.id, r.recordType, r.tranid, r.date, r.from, r.to, String(r.units), r.value.toFixed(2), String(r.lines)]));
}
