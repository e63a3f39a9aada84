// HTML for the desk's Suitelets, in NetSuite's look (page title bar, subtabs, list tables with upper-case
// headers, blue links, primary blue buttons): pure string building, everything escaped.

export function esc(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `
body{margin:0;font-family:Arial,Helvetica,sans-serif;font-size:13px;color:#262626;background:#fff}
.ns-bar{background:#3b4b5c;color:#fff;padding:8px 16px;font-size:12px;display:flex;justify-content:space-between}
.ns-bar b{font-size:15px}.page{padding:10px 20px 30px}
h1.title{font-size:22px;font-weight:normal;margin:6px 0 10px;color:#4d5f79}
.subtab{font-size:13px;font-weight:bold;background:#e5e9ee;border-bottom:2px solid #607799;padding:5px 8px;margin:18px 0 6px;color:#333}
table.list{border-collapse:collapse;min-width:50%}table.list th{background:#e5e9ee;text-align:left;padding:4px 8px;font-size:11px;text-transform:uppercase;color:#444;border-bottom:1px solid #c9d1da}
table.list td{padding:4px 8px;border-bottom:1px solid #e6e6e6}table.list td.num,table.list th.num{text-align:right}table.list tr:hover td{background:#f4f7fb}
table.list tr.total td{font-weight:bold;border-top:2px solid #c9d1da}
a{color:#255599;text-decoration:none}a:hover{text-decoration:underline}
form.filters{display:flex;flex-wrap:wrap;gap:12px;align-items:flex-end;background:#f6f8fa;border:1px solid #dde3ea;padding:8px 10px}
form.filters label{display:flex;flex-direction:column;font-size:11px;text-transform:uppercase;color:#666;gap:3px}
input,select{font-size:13px;padding:3px 4px;border:1px solid #b8c2cc}
.btn{background:#125ab2;color:#fff;border:1px solid #0e4a94;border-radius:3px;padding:4px 12px;font-weight:bold;cursor:pointer;font-size:13px}
.btn.secondary{background:#f3f3f3;color:#333;border-color:#b8c2cc}
.note{color:#666;font-size:11px;margin:4px 0}.msg{padding:8px 10px;margin:8px 0;border:1px solid}
.msg.ok{background:#eaf6ea;border-color:#7cb97c}.msg.err{background:#fbeaea;border-color:#d98080}.msg.warn{background:#fff6e0;border-color:#e0b84d}
.status{padding:1px 6px;border-radius:3px;font-size:11px;font-weight:bold}.st-FAILED,.st-STUCK,.st-ERROR{background:#f6d3d3;color:#8a1f1f}
.st-ARCHIVED,.st-UPLOADED,.st-PUBLISHED,.st-SCHEDULED,.st-COMPLETE{background:#d9eed9;color:#1f5e1f}.st-NOTSCHEDULED,.st-PAUSED,.st-NEEDSATTENTION{background:#fbecc6;color:#7a5a00}.st-CONTINUES{background:#dde8f6;color:#1d4a80}
.tabs{display:flex;gap:2px;margin-top:8px}.tabs a{padding:5px 12px;background:#e5e9ee;color:#333}.tabs a.on{background:#607799;color:#fff}
.heat{display:inline-block;min-width:60px}.chart{margin:6px 0}
.footer{margin-top:24px;color:#888;font-size:11px;border-top:1px solid #e6e6e6;padding-top:6px}
`;

export interface PageOptions {
  title: string;
  user: string;
  role: string;
  tabs?: { label: string; href: string; on: boolean }[];
  body: string;
  /** Filled at the end by the entry point (units used so far). */
  footer: string;
}

export function page(options: PageOptions): string {
  const tabs = options.tabs ? `<div class="tabs">${options.tabs.map((t) => `<a class="${t.on ? 'on' : ''}" href="${esc(t.href)}">${esc(t.label)}</a>`).join('')}</div>` : '';
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${esc(options.title)}</title><style>${STYLE}</style></head><body>
<div class="ns-bar"><b>NetSuite</b><span>${esc(options.user)} · ${esc(options.role)}</span></div>
<div class="page"><h1 class="title">${esc(options.title)}</h1>${tabs}${options.body}<div class="footer" id="governance">${options.footer}</div></div></body></html>`;
}

export interface Column {
  label: string;
  num?: boolean;
}

/** A list table; cells are HTML (escape text before passing it). */
export function table(id: string, columns: readonly Column[], rows: readonly (readonly string[])[], totals?: readonly string[]): string {
  const head = columns.map((c) => `<th class="${c.num ? 'num' : ''}">${esc(c.label)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((cell, i) => `<td class="${columns[i]?.num ? 'num' : ''}">${cell}</td>`).join('')}</tr>`).join('');
  const foot = totals ? `<tr class="total">${totals.map((cell, i) => `<td class="${columns[i]?.num ? 'num' : ''}">${cell}</td>`).join('')}</tr>` : '';
  return `<table class="list" id="${esc(id)}"><thead><tr>${head}</tr></thead><tbody>${body}${foot}</tbody></table>`;
}

export function link(href: string, text: string, attrs = ''): string {
  return `<a href="${esc(href)}"${attrs ? ` ${attrs}` : ''}>${esc(text)}</a>`;
}

export function statusBadge(status: string): string {
  return `<span class="status st-${esc(status.replace(/[^A-Z]/gi, ''))}">${esc(status)}</span>`;
}

export function formatNumber(n: number, digits = 0): string {
  const fixed = Math.abs(n).toFixed(digits);
  const [int = '0', frac] = fixed.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${n < 0 && Number(fixed) !== 0 ? '-' : ''}${grouped}${frac ? `.${frac}` : ''}`;
}

export function money(n: number): string {
  return formatNumber(n, 2);
}
