// References between records: finding the record a select value points at, its display text (getText,
// search getText), and resolving display names back to records (setText, CSV import `NAME` references).
import type { Account } from '../account/account';
import type { StoredRecord } from '../account/types';
import { getRecordType, ITEM_TYPES } from './recordTypes';

/** The record types a select target covers ('item' covers every item type). */
export function targetTypes(target: string): string[] {
  if (target === 'item') return [...ITEM_TYPES];
  // 'a|b': either record type (an item receipt's Created From is a purchase order or a transfer order).
  return target.split('|');
}

/** The record a select value references, or undefined when the id does not exist for that target. */
export function findReferenced(account: Account, target: string, id: string): StoredRecord | undefined {
  if (!/^-?\d+$/.test(id)) return undefined;
  const n = Number(id);
  if (target === 'item') {
    const found = account.findRecordById(n);
    return found && (ITEM_TYPES as readonly string[]).includes(found.type) ? found : undefined;
  }
  if (target.includes('|')) {
    for (const t of target.split('|')) {
      const found = account.getRecord(t, n);
      if (found) return found;
    }
    return undefined;
  }
  return account.getRecord(target, n);
}

export function isInactive(record: StoredRecord): boolean {
  const flag = record.fields.isinactive;
  return flag === true || flag === 'T';
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined);

/** What NetSuite shows for a record in a select field: a name, an item's itemid, "Purchase Order #PO12". */
export function displayName(record: StoredRecord): string {
  const def = getRecordType(record.type);
  const f = record.fields;
  if (def?.family === 'transaction') return `${def.label} #${str(f.tranid) ?? String(record.id)}`;
  switch (record.type) {
    case 'account':
      return str(f.acctname) ?? str(f.name) ?? String(record.id);
    case 'vendor':
      return str(f.entityid) ?? str(f.companyname) ?? String(record.id);
    default:
      if ((ITEM_TYPES as readonly string[]).includes(record.type)) return str(f.itemid) ?? String(record.id);
      return str(f[def?.nameField ?? 'name']) ?? str(f.name) ?? String(record.id);
  }
}

/** Display text of a select value; '' when empty or dangling. */
export function referenceText(account: Account, target: string | undefined, id: string): string {
  if (target === undefined) return id;
  const record = findReferenced(account, target, id);
  return record ? displayName(record) : '';
}

/** Every text a CSV `NAME` reference or setText may use for a record. */
export function namesOf(record: StoredRecord): string[] {
  const f = record.fields;
  const names = new Set<string>();
  const add = (v: unknown): void => {
    const s = str(v);
    if (s !== undefined) names.add(s);
  };
  const def = getRecordType(record.type);
  if (def?.family === 'transaction') {
    add(f.tranid);
  } else if (record.type === 'account') {
    add(f.acctname);
    add(f.name);
    add(f.acctnumber);
    if (str(f.acctnumber) && str(f.acctname)) names.add(`${str(f.acctnumber)} ${str(f.acctname)}`);
  } else if (record.type === 'vendor') {
    add(f.entityid);
    add(f.companyname);
  } else if ((ITEM_TYPES as readonly string[]).includes(record.type)) {
    // Items resolve by Item Name/Number (itemid) only.
    add(f.itemid);
  } else {
    add(f[def?.nameField ?? 'name']);
    add(f.name);
  }
  return [...names];
}

/** Name -> records per target type, built once per use (a CSV import job) so large files stay linear. */
export class NameIndex {
  private readonly byTarget = new Map<string, Map<string, StoredRecord[]>>();

  constructor(private readonly account: Account) {}

  /** Records whose display name equals `name` (case-sensitive, trimmed). Active records win over inactive ones. */
  resolve(target: string, name: string): StoredRecord[] {
    let index = this.byTarget.get(target);
    if (!index) {
      index = new Map();
      for (const type of targetTypes(target)) {
        for (const record of this.account.listRecords(type)) {
          for (const n of namesOf(record)) {
            const list = index.get(n) ?? [];
            list.push(record);
            index.set(n, list);
          }
        }
      }
      this.byTarget.set(target, index);
    }
    const found = index.get(name.trim()) ?? [];
    const active = found.filter((r) => !isInactive(r));
    return active.length > 0 ? active : found;
  }
}

/** Records of a target type with this external id. */
export function findByExternalIdInTarget(account: Account, target: string, externalId: string): StoredRecord | undefined {
  for (const type of targetTypes(target)) {
    const found = account.findByExternalId(type, externalId);
    if (found) return found;
  }
  return undefined;
}
