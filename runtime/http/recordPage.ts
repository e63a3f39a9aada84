// The emulated record as a readable page (what a record link from a Suitelet opens): body fields, then
// each sublist as a table. Select values that name another record of the account link to its page.
import type { Account } from '../account/account';
import type { FieldValue, StoredRecord } from '../account/types';
import { displayName } from '../search/schema';
import { recordPath } from './urls';
import { NS_STYLE } from './style';

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const REF_FIELDS = new Set(['item', 'location', 'adjlocation', 'transferlocation', 'subsidiary', 'account', 'entity', 'createdfrom', 'custrecord_hwx_vr_location', 'custbody_hwx_receipt_feed_file']);

function cell(account: Account, field: string, value: FieldValue): string {
  if (value === null || value === undefined) return '';
  const text = Array.isArray(value) ? value.join(', ') : typeof value === 'boolean' ? (value ? 'Yes' : 'No') : String(value);
  if (REF_FIELDS.has(field) && /^\d+$/.test(text)) {
    const target = account.findRecordById(Number(text));
    if (target) return `<a href="${esc(recordPath(target.type, target.id))}">${esc(displayName(target))}</a>`;
  }
  return esc(text.length > 2000 ? `${text.slice(0, 2000)}…` : text);
}

/**
 * `labels`: the project's custom field labels by field id (NetSuite shows a custom field by its label; the id
 * is kept beside it for the developer reading the emulated page).
 */
export function renderRecordPage(account: Account, record: StoredRecord, labels: ReadonlyMap<string, string> = new Map()): string {
  const title = `${esc(displayName(record))}`;
  const name = (k: string): string => {
    const label = labels.get(k);
    return label ? `${esc(label)} <span class="fid">${esc(k)}</span>` : esc(k);
  };
  const fields = Object.entries(record.fields)
    .filter(([k]) => k !== 'id')
    .map(([k, v]) => `<tr><td class="lbl">${name(k)}</td><td>${cell(account, k, v)}</td></tr>`)
    .join('');
  const sublists = Object.entries(record.sublists)
    .map(([name, lines]) => {
      const cols = [...new Set(lines.flatMap((l) => Object.keys(l)))];
      const head = cols.map((c) => `<th>${esc(c)}</th>`).join('');
      const rows = lines.map((l) => `<tr>${cols.map((c) => `<td>${cell(account, c, (l as Record<string, FieldValue>)[c] ?? null)}</td>`).join('')}</tr>`).join('');
      return `<h2 class="subtab">${esc(name)} (${lines.length})</h2><table class="list" data-sublist="${esc(name)}"><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`;
    })
    .join('');
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title><style>${NS_STYLE}</style></head><body>
<div class="ns-header"><span class="ns-logo">NetSuite</span><span class="ns-env">ns-local</span></div>
<div class="page"><div class="rectype">${esc(record.type)} · internal id ${record.id}</div><h1 class="title" data-record-type="${esc(record.type)}" data-record-id="${record.id}">${title}</h1>
<h2 class="subtab">Primary Information</h2><table class="fields">${fields}</table>${sublists}</div></body></html>`;
}

export function notFoundPage(what: string): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Not found</title><style>${NS_STYLE}</style></head><body><div class="ns-header"><span class="ns-logo">NetSuite</span></div><div class="page"><h1 class="title">${esc(what)}</h1></div></body></html>`;
}
