// Runs emulated searches against the Account: resolves every filter, column and join against the schema
// (refusing anything it does not know with an SSS_INVALID_SRCH_* error that names it), produces rows,
// filters, groups (summary searches), sorts, and renders values the way N/search returns them.
//
// Custom fields (custbody_, custcol_, custitem_, custentity_, custrecord_) are known from, in order:
// the module option `customFields`, the project's SDF objects (src/Objects: field type and select record
// type), then the values stored on records of the searched type (a field no record carries and no object
// defines is refused).
//
// Choices on unverified behaviour [U]:
//  - Without a sort column, rows come in internal id order (transaction body row first, then lines in
//    sublist order; items by id then location id); summary rows are ordered by their GROUP columns.
//  - A search mixing summary and plain columns is refused (SSS_INVALID_SRCH_COLUMN_SUM).
//  - COUNT counts the non-empty values in the group; a summary search over no rows returns no rows.
//  - Summary results have id null; their recordType is the search type.
//  - getText of a field that is not a list/record field returns null.
import type { Account } from '../account/account';
import type { FieldValue, StoredRecord } from '../account/types';
import type { ExecutionEnv } from '../context';
import { nsError } from '../modules/error';
import { loadProjectObjects } from '../objects/load';
import type { ProjectObjects } from '../objects/types';
import { andTerms, buildPredicate, type FilterNode, type FilterTerm, type SummaryType } from './filters';
import { asText, compileFormula, formulaNumber, type FormulaGetter, type FormulaValue } from './formula';
import {
  CUSTOM_FIELD_PREFIXES,
  customFieldGetter,
  FAMILY_TYPES,
  familyOfRecordType,
  internalIdValue,
  ITEM_TYPES,
  JOIN_ALIASES,
  ON_ORDER_STATUS_CODES,
  purchaseOrderStatus,
  recordText,
  rowOfRecord,
  SEARCH_TYPES,
  STANDARD_FIELDS,
  STANDARD_LIST_IDS,
  TRANSACTION_TYPES,
  type Family,
  type FieldDef,
  type JoinTarget,
  type Row,
  type SchemaContext,
  type SearchTypeInfo,
} from './schema';
import {
  dayToIso,
  epochToDay,
  formatDateTime,
  formatDay,
  formatNumber,
  isEmptyValue,
  NUMERIC_KINDS,
  storedDateTimeToEpoch,
  storedDateToDay,
  toBoolean,
  toIdList,
  toNumber,
  type DateSettings,
  type FieldKind,
} from './values';

export type SortDirection = 'ASC' | 'DESC' | 'NONE';

export interface ColumnSpec {
  /** Lower-case field id or formula* name. */
  name: string;
  join?: string;
  summary?: SummaryType;
  formula?: string;
  label?: string;
  sort?: SortDirection;
}

export interface SearchSpec {
  type: string;
  filters: FilterNode | null;
  columns: ColumnSpec[];
}

/** One column value of one result, in every form the API hands out. */
export interface Cell {
  /** Result.getValue. */
  value: string | boolean;
  /** Result.getText (null for non-list fields). */
  text: string | null;
  /** The Map/Reduce / toJSON form: string, {value,text} for list fields, 'T'/'F' for check boxes. */
  mr: unknown;
  sort: number | string | null;
}

export interface ResultRow {
  id: string | null;
  recordType: string | null;
  cells: Cell[];
}

export interface ExecutedSearch {
  rows: ResultRow[];
  /** Map/Reduce value key of each column: 'name', 'name.join', 'SUM(name)'. */
  keys: string[];
}

export interface EngineOptions {
  /** Kinds of custom fields the project does not define (tests, fields created in the UI). */
  customFields?: Record<string, FieldKind>;
  /** The project's SDF objects; undefined loads them from env.projectFolder, null uses none. */
  projectObjects?: ProjectObjects | null;
}

interface Scope {
  family: Family;
  types: readonly string[];
  label: string;
}

type Purpose = 'filter' | 'column' | 'lookup';

interface Accessor {
  kind: FieldKind;
  label: string;
  star: boolean;
  perLocation: boolean;
  get: (row: Row) => FieldValue;
  text: (value: string) => string;
  checkValue?: (value: string) => string | undefined;
}

interface CompiledColumn {
  spec: ColumnSpec;
  acc: Accessor;
  summary?: SummaryType;
  outKind: FieldKind;
}

const LIST_KINDS: ReadonlySet<FieldKind> = new Set(['select', 'multiselect', 'textorselect']);

const FORMULA_KINDS: Record<string, FieldKind> = {
  formulatext: 'text',
  formulanumeric: 'float',
  formulacurrency: 'currency',
  formulapercent: 'float',
  formuladate: 'date',
};

function sdfKind(fieldType: string): FieldKind {
  switch (fieldType.toUpperCase()) {
    case 'CHECKBOX':
      return 'checkbox';
    case 'INTEGER':
      return 'integer';
    case 'FLOAT':
    case 'PERCENT':
      return 'float';
    case 'CURRENCY':
      return 'currency';
    case 'DATE':
      return 'date';
    case 'DATETIME':
    case 'DATETIMETZ':
      return 'datetime';
    case 'SELECT':
    case 'IMAGE':
    case 'DOCUMENT':
      return 'select';
    case 'MULTISELECT':
      return 'multiselect';
    default:
      return 'text';
  }
}

function kindOfStoredValue(value: FieldValue): FieldKind {
  if (typeof value === 'boolean') return 'checkbox';
  if (typeof value === 'number') return 'float';
  if (Array.isArray(value)) return 'multiselect';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return 'date';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return 'datetime';
  return 'textorselect';
}

const strOf = (value: FieldValue): string => (value === null || value === undefined ? '' : Array.isArray(value) ? value.join(',') : String(value));

export function compareSortKeys(a: number | string | null, b: number | string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), 'en', { numeric: true, sensitivity: 'base' });
}

function fieldError(purpose: Purpose, label: string, detail: string): Error {
  if (purpose === 'filter') return nsError('SSS_INVALID_SRCH_FILTER', `An nlobjSearchFilter contains invalid search criteria: ${label}. ${detail}`);
  return nsError('SSS_INVALID_SRCH_COLUMN', `An nlobjSearchColumn contains an invalid column, or is not in proper syntax: ${label}. ${detail}`);
}

function joinError(purpose: Purpose, join: string, detail: string): Error {
  if (purpose === 'filter') return nsError('SSS_INVALID_SRCH_FILTER_JOIN', `An nlobjSearchFilter contains an invalid join ID, or is not in proper syntax: ${join}. ${detail}`);
  return nsError('SSS_INVALID_SRCH_COLUMN_JOIN', `An nlobjSearchColumn contains an invalid join ID, or is not in proper syntax: ${join}. ${detail}`);
}

/** What one execution needs: caches over the account, field resolution, value rendering. */
class Execution implements SchemaContext {
  readonly dates: DateSettings;
  perLocation = false;
  private readonly records = new Map<string, StoredRecord | undefined>();
  private readonly kinds = new Map<string, FieldKind | null>();
  private onOrderMap: Map<string, number> | undefined;

  constructor(
    private readonly account: Account,
    private readonly engine: SearchEngine,
    now: Date,
  ) {
    const { dateFormat, timezone } = account.settings;
    this.dates = { pattern: dateFormat, timeZone: timezone, today: epochToDay(now.getTime(), timezone) };
  }

  // ---- SchemaContext ----------------------------------------------------------------------------------

  recordById(id: string): StoredRecord | undefined {
    if (!this.records.has(id)) this.records.set(id, /^\d+$/.test(id) ? this.account.findRecordById(Number(id)) : undefined);
    return this.records.get(id);
  }

  /**
   * The record with this internal id among the join target's types. NetSuite numbers each record type on
   * its own, so a subsidiary 1 and a location 1 coexist (fixtures give such ids); recordById would find
   * whichever type comes first and the join would miss.
   */
  recordOfTypes(id: string, types: readonly string[]): StoredRecord | undefined {
    if (!/^\d+$/.test(id)) return undefined;
    for (const type of types) {
      const record = this.account.getRecord(type, Number(id));
      if (record) return record;
    }
    return undefined;
  }

  onHand(item: string, location: string): number {
    return this.account.onHand(item, location);
  }

  inTransit(item: string, location: string): number {
    return this.account.inTransit(item, location);
  }

  onHandTotal(item: string, availableOnly: boolean): number {
    return this.account
      .inventoryBalances({ item })
      .filter((b) => !availableOnly || this.locationAvailable(b.location))
      .reduce((sum, b) => sum + b.onHand, 0);
  }

  locationAvailable(location: string): boolean {
    const value = this.account.getRecord('location', Number(location))?.fields.makeinventoryavailable;
    return value === undefined || value === null || value === '' ? true : toBoolean(value);
  }

  onOrder(item: string, location: string): number {
    if (!this.onOrderMap) {
      const map = new Map<string, number>();
      for (const po of this.account.listRecords('purchaseorder')) {
        const status = purchaseOrderStatus(po)?.code;
        if (!status || !ON_ORDER_STATUS_CODES.has(status)) continue;
        for (const line of po.sublists.item ?? []) {
          if (toBoolean(line.isclosed)) continue;
          const remaining = (toNumber(line.quantity) ?? 0) - (toNumber(line.quantityreceived) ?? 0);
          const loc = strOf(line.location ?? po.fields.location ?? null);
          if (remaining <= 0 || loc === '') continue;
          const key = `${strOf(line.item ?? null)}@${loc}`;
          map.set(key, (map.get(key) ?? 0) + remaining);
        }
      }
      this.onOrderMap = map;
    }
    return this.onOrderMap.get(`${item}@${location}`) ?? 0;
  }

  // ---- custom fields ----------------------------------------------------------------------------------

  private projectField(scope: Scope, name: string): { fieldType: string; selectRecordType?: string } | undefined {
    const project = this.engine.projectObjects();
    if (!project) return undefined;
    if (scope.family === 'custom') {
      const type = project.customRecordTypes.find((t) => scope.types.includes(t.scriptId.toLowerCase()));
      const field = type?.fields.find((f) => f.scriptId.toLowerCase() === name);
      if (field) return field;
    }
    return project.customFields.find((f) => f.scriptId.toLowerCase() === name) ?? project.customRecordTypes.flatMap((t) => t.fields).find((f) => f.scriptId.toLowerCase() === name);
  }

  /** Every stored value of a custom field on records of the scope (lines for custcol_). */
  private *storedValues(scope: Scope, name: string): Generator<FieldValue | undefined> {
    const onLines = scope.family === 'transaction' && name.startsWith('custcol');
    for (const type of scope.types) {
      for (const record of this.account.listRecords(type)) {
        if (onLines) {
          const sublist = TRANSACTION_TYPES[type]?.sublist ?? 'item';
          for (const line of record.sublists[sublist] ?? []) yield line[name];
        } else {
          yield record.fields[name];
        }
      }
    }
  }

  private customKind(scope: Scope, name: string): FieldKind | undefined {
    const key = `${scope.family}|${scope.types.join(',')}|${name}`;
    if (this.kinds.has(key)) return this.kinds.get(key) ?? undefined;
    let kind: FieldKind | undefined;
    const declared = this.engine.options.customFields;
    if (declared && Object.hasOwn(declared, name)) kind = declared[name];
    if (!kind) {
      const def = this.projectField(scope, name);
      if (def) kind = sdfKind(def.fieldType);
    }
    if (!kind) {
      let seen = false;
      for (const value of this.storedValues(scope, name)) {
        if (value === undefined) continue;
        seen = true;
        if (value === null || value === '') continue;
        kind = kindOfStoredValue(value);
        break;
      }
      if (!kind && seen) kind = 'textorselect';
    }
    this.kinds.set(key, kind ?? null);
    return kind;
  }

  private customJoinTarget(scope: Scope, name: string): JoinTarget | undefined {
    const selectType = this.projectField(scope, name)?.selectRecordType;
    if (selectType) {
      if (Object.hasOwn(STANDARD_LIST_IDS, selectType)) return STANDARD_LIST_IDS[selectType];
      const custom = /customrecord[a-z0-9_]*/i.exec(selectType);
      if (custom) return { family: 'custom', types: [custom[0].toLowerCase()] };
    }
    for (const value of this.storedValues(scope, name)) {
      const id = toIdList(value ?? null)[0];
      const record = id === undefined ? undefined : this.recordById(id);
      const family = record ? familyOfRecordType(record.type) : undefined;
      if (record && family) return { family, types: family === 'custom' ? [record.type] : FAMILY_TYPES[family] };
    }
    return undefined;
  }

  // ---- resolution ---------------------------------------------------------------------------------------

  fieldDef(scope: Scope, name: string): FieldDef | undefined {
    const standard = STANDARD_FIELDS[scope.family];
    if (Object.hasOwn(standard, name)) return standard[name];
    if (!CUSTOM_FIELD_PREFIXES[scope.family].some((p) => name.startsWith(p))) return undefined;
    const kind = this.customKind(scope, name);
    if (!kind) return undefined;
    return {
      kind,
      get: customFieldGetter(scope.family, name),
      ...(LIST_KINDS.has(kind) ? { text: recordText } : {}),
      ...(kind === 'select' || kind === 'multiselect' ? { checkValue: internalIdValue } : {}),
    };
  }

  private unknownFieldDetail(scope: Scope, name: string): string {
    if (CUSTOM_FIELD_PREFIXES[scope.family].some((p) => name.startsWith(p))) {
      return `(The local runtime does not know the custom field ${name} on ${scope.label}: it is not defined in the project's Objects/ and no stored ${scope.label} record has it.)`;
    }
    const customHint = CUSTOM_FIELD_PREFIXES[scope.family].map((p) => `${p}_*`).join(', ');
    return `(The local runtime knows no field "${name}" on ${scope.label} searches; it knows ${Object.keys(STANDARD_FIELDS[scope.family]).join(', ')} and ${customHint}.)`;
  }

  resolveJoin(scope: Scope, join: string, purpose: Purpose): { scope: Scope; follow(row: Row): Row | undefined } {
    const aliases = JOIN_ALIASES[scope.family];
    let def: FieldDef | undefined;
    let target: JoinTarget | undefined;
    if (aliases && Object.hasOwn(aliases, join)) {
      const alias = aliases[join];
      def = alias ? STANDARD_FIELDS[scope.family][alias.field] : undefined;
      target = alias?.target;
    } else {
      def = this.fieldDef(scope, join);
      target = def?.joinTarget ?? (def && LIST_KINDS.has(def.kind) && !Object.hasOwn(STANDARD_FIELDS[scope.family], join) ? this.customJoinTarget(scope, join) : undefined);
    }
    if (!def || !target) {
      const joinable = [
        ...Object.keys(aliases ?? {}),
        ...Object.entries(STANDARD_FIELDS[scope.family])
          .filter(([, d]) => d.joinTarget)
          .map(([n]) => n),
      ];
      throw joinError(purpose, join, `(The local runtime knows no join "${join}" from ${scope.label}; it knows ${joinable.join(', ')} and joins through custom list/record fields.)`);
    }
    const via = def;
    const to = target;
    return {
      scope: { family: to.family, types: to.types, label: to.family === 'custom' ? (to.types[0] ?? 'customrecord') : to.family },
      follow: (row) => {
        const id = toIdList(via.get(row, this))[0];
        const record = id === undefined ? undefined : this.recordOfTypes(id, to.types);
        return record ? rowOfRecord(record) : undefined;
      },
    };
  }

  resolveAccessor(scope: Scope, name: string, join: string | undefined, purpose: Purpose, joinLabel = ''): Accessor {
    if (join) {
      const j = this.resolveJoin(scope, join, purpose);
      const inner = this.resolveAccessor(j.scope, name, undefined, purpose, `${join}.`);
      if (inner.perLocation) throw fieldError(purpose, `${join}.${name}`, '(The local runtime does not emulate location quantities through a join; search the item record type instead.)');
      return {
        ...inner,
        label: `${join}.${name}`,
        get: (row) => {
          const target = j.follow(row);
          return target ? inner.get(target) : null;
        },
      };
    }
    const def = this.fieldDef(scope, name);
    if (!def) throw fieldError(purpose, `${joinLabel}${name}`, this.unknownFieldDetail(scope, name));
    if (def.perLocation) this.perLocation = true;
    return {
      kind: def.kind,
      label: name,
      star: def.star === true,
      perLocation: def.perLocation === true,
      get: (row) => def.get(row, this),
      text: (value) => (def.text ? def.text(value, this) : value),
      ...(def.checkValue ? { checkValue: def.checkValue } : {}),
    };
  }

  private formulaRef(scope: Scope, ref: string, purpose: Purpose): FormulaGetter {
    const parts = ref.toLowerCase().split('.');
    const [first = '', second] = parts;
    if (parts.length > 2 || parts.some((p) => p === '')) throw fieldError(purpose, `{${ref}}`, '(not a field reference the local runtime understands)');
    if (second === 'id') {
      const def = this.fieldDef(scope, first);
      if (def && LIST_KINDS.has(def.kind)) return (row) => toIdList(def.get(row, this)).join(',') || null;
    }
    const acc = second === undefined ? this.resolveAccessor(scope, first, undefined, purpose) : this.resolveAccessor(scope, second, first, purpose);
    return (row) => this.formulaValue(acc, acc.get(row));
  }

  private formulaValue(acc: Accessor, raw: FieldValue): FormulaValue {
    switch (acc.kind) {
      case 'checkbox':
        return toBoolean(raw) ? 'T' : 'F';
      case 'integer':
      case 'float':
      case 'currency':
        return toNumber(raw);
      case 'date': {
        const day = storedDateToDay(raw);
        return day === null ? null : { day };
      }
      case 'datetime': {
        const epoch = storedDateTimeToEpoch(raw, this.dates.timeZone);
        return epoch === null ? null : formatDateTime(epoch, this.dates.pattern, this.dates.timeZone);
      }
      case 'select':
      case 'multiselect':
        return toIdList(raw).map(acc.text).join(',') || null;
      default:
        return strOf(raw) || null;
    }
  }

  /** An accessor for a field, a joined field, or a formula (name formulatext / formulanumeric / ...). */
  accessorFor(scope: Scope, name: string, join: string | undefined, formula: string | undefined, purpose: Purpose): Accessor {
    if (!name.startsWith('formula')) return this.resolveAccessor(scope, name, join, purpose);
    if (!Object.hasOwn(FORMULA_KINDS, name)) {
      throw fieldError(purpose, name, `(The local runtime evaluates ${Object.keys(FORMULA_KINDS).join(', ')} formulas only.)`);
    }
    const kind = FORMULA_KINDS[name] ?? 'text';
    if (formula === undefined || formula.trim() === '') throw fieldError(purpose, name, '(a formula field needs a formula)');
    const fmt = (day: number): string => formatDay(day, this.dates.pattern);
    const getter = compileFormula(formula, (ref) => this.formulaRef(scope, ref, purpose), fmt, purpose === 'filter' ? 'SSS_INVALID_SRCH_FILTER' : 'SSS_INVALID_SRCH_COLUMN');
    const get = (row: Row): FieldValue => {
      const v = getter(row);
      if (kind === 'text') return asText(v, fmt);
      if (kind === 'date') return typeof v === 'object' && v !== null ? dayToIso(v.day) : null;
      return formulaNumber(v);
    };
    return { kind, label: `${name}: ${formula}`, star: false, perLocation: false, get, text: (v) => v };
  }

  // ---- rendering ------------------------------------------------------------------------------------------

  sortKey(kind: FieldKind, acc: Accessor, raw: FieldValue): number | string | null {
    switch (kind) {
      case 'select':
      case 'multiselect': {
        const ids = toIdList(raw);
        return ids.length === 0 ? null : ids.map(acc.text).join(',');
      }
      case 'checkbox':
        return toBoolean(raw) ? 1 : 0;
      case 'integer':
      case 'float':
      case 'currency':
        return toNumber(raw);
      case 'date':
        return storedDateToDay(raw);
      case 'datetime':
        return storedDateTimeToEpoch(raw, this.dates.timeZone);
      default: {
        const s = strOf(raw);
        return s === '' ? null : s;
      }
    }
  }

  cell(kind: FieldKind, acc: Accessor, raw: FieldValue): Cell {
    const sort = this.sortKey(kind, acc, raw);
    switch (kind) {
      case 'checkbox': {
        const on = toBoolean(raw);
        if (acc.star) return { value: on ? '*' : '', text: null, mr: on ? '*' : '', sort };
        return { value: on, text: null, mr: on ? 'T' : 'F', sort };
      }
      case 'select': {
        const id = toIdList(raw)[0] ?? '';
        const text = id === '' ? '' : acc.text(id);
        return { value: id, text, mr: { value: id, text }, sort };
      }
      case 'multiselect': {
        const ids = toIdList(raw);
        const texts = ids.map(acc.text);
        return { value: ids.join(','), text: texts.join(','), mr: ids.map((value, i) => ({ value, text: texts[i] ?? '' })), sort };
      }
      case 'textorselect': {
        const value = strOf(raw);
        const record = value === '' ? undefined : this.recordById(value);
        const text = record ? acc.text(value) : value;
        return { value, text, mr: record ? { value, text } : value, sort };
      }
      case 'integer':
      case 'float':
      case 'currency': {
        const value = formatNumber(toNumber(raw), kind);
        return { value, text: null, mr: value, sort };
      }
      case 'date': {
        const day = storedDateToDay(raw);
        const value = day === null ? '' : formatDay(day, this.dates.pattern);
        return { value, text: null, mr: value, sort };
      }
      case 'datetime': {
        const epoch = storedDateTimeToEpoch(raw, this.dates.timeZone);
        const value = epoch === null ? '' : formatDateTime(epoch, this.dates.pattern, this.dates.timeZone);
        return { value, text: null, mr: value, sort };
      }
      default: {
        const value = strOf(raw);
        return { value, text: null, mr: value, sort };
      }
    }
  }

  /** lookupFields form: list fields as [{value,text}], check boxes as booleans, everything else a string. */
  lookupValue(acc: Accessor, raw: FieldValue): unknown {
    if (acc.kind === 'select' || acc.kind === 'multiselect') return toIdList(raw).map((value) => ({ value, text: acc.text(value) }));
    if (acc.kind === 'checkbox') return toBoolean(raw);
    return this.cell(acc.kind, acc, raw).value;
  }

  // ---- rows ---------------------------------------------------------------------------------------------------

  produceRows(info: SearchTypeInfo): Row[] {
    const records = info.types.flatMap((t) => this.account.listRecords(t)).sort((a, b) => a.id - b.id);
    const rows: Row[] = [];
    if (info.family === 'transaction') {
      for (const record of records) {
        rows.push({ family: 'transaction', record, lineIndex: -1, mainline: true });
        const sublist = TRANSACTION_TYPES[record.type]?.sublist ?? 'item';
        (record.sublists[sublist] ?? []).forEach((line, lineIndex) => rows.push({ family: 'transaction', record, line, lineIndex, mainline: false }));
      }
      return rows;
    }
    if (info.family === 'item' && this.perLocation) {
      const active = this.account
        .listRecords('location')
        .filter((l) => !toBoolean(l.fields.isinactive))
        .map((l) => String(l.id));
      const stocked = new Map<string, Set<string>>();
      for (const b of this.account.inventoryBalances()) {
        const set = stocked.get(b.item) ?? new Set<string>();
        set.add(b.location);
        stocked.set(b.item, set);
      }
      for (const record of records) {
        if (!ITEM_TYPES[record.type]?.inventory) {
          rows.push({ family: 'item', record, lineIndex: -1, mainline: true });
          continue;
        }
        const locations = new Set([...active, ...(stocked.get(String(record.id)) ?? [])]);
        for (const location of [...locations].sort((a, b) => Number(a) - Number(b))) rows.push({ family: 'item', record, lineIndex: -1, mainline: true, location });
      }
      return rows;
    }
    for (const record of records) rows.push({ family: info.family, record, lineIndex: -1, mainline: true });
    return rows;
  }
}

function aggregate(summary: SummaryType, kind: FieldKind, values: FieldValue[], sortKey: (raw: FieldValue) => number | string | null): { kind: FieldKind; raw: FieldValue } {
  switch (summary) {
    case 'GROUP':
      return { kind, raw: values[0] ?? null };
    case 'COUNT':
      return { kind: 'integer', raw: values.filter((v) => !isEmptyValue(v)).length };
    case 'SUM':
    case 'AVG': {
      const nums = values.map(toNumber).filter((n): n is number => n !== null);
      if (nums.length === 0) return { kind: summary === 'AVG' && kind === 'integer' ? 'float' : kind, raw: null };
      const sum = nums.reduce((a, b) => a + b, 0);
      if (summary === 'SUM') return { kind, raw: sum };
      return { kind: kind === 'currency' ? 'currency' : 'float', raw: sum / nums.length };
    }
    default: {
      let best: FieldValue = null;
      let bestKey: number | string | null = null;
      for (const v of values) {
        const key = sortKey(v);
        if (key === null) continue;
        const cmp = bestKey === null ? 1 : compareSortKeys(key, bestKey);
        if (bestKey === null || (summary === 'MIN' ? cmp < 0 : cmp > 0)) {
          best = v;
          bestKey = key;
        }
      }
      return { kind, raw: best };
    }
  }
}

function summaryKind(summary: SummaryType | undefined, kind: FieldKind): FieldKind {
  if (!summary || summary === 'GROUP' || summary === 'MIN' || summary === 'MAX' || summary === 'SUM') return kind;
  if (summary === 'COUNT') return 'integer';
  return kind === 'currency' ? 'currency' : 'float';
}

/** Map/Reduce value keys: 'name', 'name.join', 'SUM(name)'; a repeated key gets '_1', '_2' [U]. */
export function columnKeys(columns: readonly ColumnSpec[]): string[] {
  const seen = new Map<string, number>();
  return columns.map((c) => {
    const base = c.join ? `${c.name}.${c.join}` : c.name;
    const key = c.summary ? `${c.summary}(${base})` : base;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return n === 0 ? key : `${key}_${n}`;
  });
}

export class SearchEngine {
  private project: ProjectObjects | null | undefined;

  constructor(
    private readonly env: ExecutionEnv,
    readonly options: EngineOptions = {},
  ) {
    this.project = options.projectObjects;
  }

  projectObjects(): ProjectObjects | null {
    if (this.project === undefined) {
      try {
        this.project = loadProjectObjects(this.env.projectFolder);
      } catch {
        this.project = null;
      }
    }
    return this.project;
  }

  private customRecordTypeExists(type: string): boolean {
    if (this.env.account.listRecords(type).length > 0) return true;
    return this.projectObjects()?.customRecordTypes.some((t) => t.scriptId.toLowerCase() === type) ?? false;
  }

  /** The search type's rows and fields; INVALID_RCRD_TYPE for a type the emulator does not run. */
  searchType(type: unknown): SearchTypeInfo & { type: string } {
    if (typeof type !== 'string' || type.trim() === '') throw nsError('SSS_MISSING_REQD_ARGUMENT', 'search: missing a required argument: type');
    const t = type.trim().toLowerCase();
    if (Object.hasOwn(SEARCH_TYPES, t)) {
      const info = SEARCH_TYPES[t];
      if (info) return { ...info, type: t };
    }
    if (t.startsWith('customrecord') && t !== 'customrecord' && this.customRecordTypeExists(t)) return { family: 'custom', types: [t], type: t };
    const detail = t.startsWith('customrecord')
      ? `the custom record type ${t} is not defined in the project's Objects/ and the account holds no ${t} record`
      : `the local runtime runs searches of ${Object.keys(SEARCH_TYPES).join(', ')} and customrecord_* types`;
    throw nsError('INVALID_RCRD_TYPE', `The record type [${type}] is invalid. (${detail})`);
  }

  private scopeOf(info: SearchTypeInfo & { type: string }): Scope {
    return { family: info.family, types: info.types, label: info.type };
  }

  /** Runs a search definition. Nothing is charged here: callers charge governance for their API. */
  execute(spec: SearchSpec): ExecutedSearch {
    const info = this.searchType(spec.type);
    const scope = this.scopeOf(info);
    const exec = new Execution(this.env.account, this, this.env.now());
    const summaryMode = spec.columns.some((c) => c.summary !== undefined);
    if (summaryMode && spec.columns.some((c) => c.summary === undefined)) {
      const plain = spec.columns.filter((c) => c.summary === undefined).map((c) => (c.join ? `${c.join}.${c.name}` : c.name));
      throw nsError('SSS_INVALID_SRCH_COLUMN_SUM', `A summary search needs a summary type on every column; these have none: ${plain.join(', ')}`);
    }
    const columns: CompiledColumn[] = spec.columns.map((c) => {
      const acc = exec.accessorFor(scope, c.name, c.join, c.formula, 'column');
      if ((c.summary === 'SUM' || c.summary === 'AVG') && !NUMERIC_KINDS.has(acc.kind)) {
        throw nsError('SSS_INVALID_SRCH_COLUMN_SUM', `${c.summary} needs a numeric column; ${acc.label} is a ${acc.kind} field`);
      }
      return { spec: c, acc, ...(c.summary ? { summary: c.summary } : {}), outKind: summaryKind(c.summary, acc.kind) };
    });

    const { where, having } = this.compileFilters(exec, scope, spec.filters, summaryMode);
    const rows = exec.produceRows(info).filter((row) => where(row));
    const keys = columnKeys(spec.columns);
    const sortColumns = columns.map((c, i) => ({ i, dir: c.spec.sort })).filter((s) => s.dir === 'ASC' || s.dir === 'DESC');
    const sortRows = (results: ResultRow[], fallback: number[]): ResultRow[] => {
      const order = sortColumns.length > 0 ? sortColumns : fallback.map((i) => ({ i, dir: 'ASC' }));
      if (order.length === 0) return results;
      return results.sort((a, b) => {
        for (const { i, dir } of order) {
          const cmp = compareSortKeys(a.cells[i]?.sort ?? null, b.cells[i]?.sort ?? null);
          if (cmp !== 0) return dir === 'DESC' ? -cmp : cmp;
        }
        return 0;
      });
    };

    if (!summaryMode) {
      const results = rows.map((row) => ({
        id: String(row.record.id),
        recordType: row.record.type,
        cells: columns.map((c) => exec.cell(c.outKind, c.acc, c.acc.get(row))),
      }));
      return { rows: sortRows(results, []), keys };
    }

    const groupIdx = columns.map((c, i) => (c.summary === 'GROUP' ? i : -1)).filter((i) => i >= 0);
    const groups = new Map<string, Row[]>();
    for (const row of rows) {
      const key = JSON.stringify(groupIdx.map((i) => columns[i]?.acc.get(row) ?? null));
      const list = groups.get(key) ?? [];
      list.push(row);
      groups.set(key, list);
    }
    const results: ResultRow[] = [];
    for (const groupRows of groups.values()) {
      if (!having.every((h) => h(groupRows))) continue;
      const cells = columns.map((c) => {
        const values = groupRows.map((r) => c.acc.get(r));
        const agg = aggregate(c.summary ?? 'GROUP', c.acc.kind, values, (raw) => exec.sortKey(c.acc.kind, c.acc, raw));
        return exec.cell(agg.kind, c.acc, agg.raw);
      });
      results.push({ id: null, recordType: info.type, cells });
    }
    return { rows: sortRows(results, groupIdx), keys };
  }

  private compileFilters(exec: Execution, scope: Scope, node: FilterNode | null, summaryMode: boolean): { where: (row: Row) => boolean; having: ((rows: Row[]) => boolean)[] } {
    if (!node) return { where: () => true, having: [] };
    const hasSummary = (n: FilterNode): boolean => (n.op === 'term' ? n.term.summary !== undefined : n.op === 'not' ? hasSummary(n.item) : n.items.some(hasSummary));
    if (!hasSummary(node)) return { where: this.compileNode(exec, scope, node), having: [] };
    const terms = andTerms(node);
    if (!terms) throw nsError('SSS_INVALID_SRCH_FILTER_SUM', 'The local runtime applies summary filters only when they are joined to the other filters with AND');
    if (!summaryMode) throw nsError('SSS_INVALID_SRCH_FILTER_SUM', 'A summary filter needs a summary search (columns with a summary type)');
    const plain = terms.filter((t) => t.summary === undefined);
    const whereNode: FilterNode | null = plain.length === 0 ? null : { op: 'and', items: plain.map((term) => ({ op: 'term', term })) };
    const having = terms.filter((t) => t.summary !== undefined).map((t) => this.compileHaving(exec, scope, t));
    return { where: whereNode ? this.compileNode(exec, scope, whereNode) : () => true, having };
  }

  private compileHaving(exec: Execution, scope: Scope, term: FilterTerm): (rows: Row[]) => boolean {
    const acc = exec.accessorFor(scope, term.name, term.join, term.formula, 'filter');
    const summary = term.summary ?? 'GROUP';
    if ((summary === 'SUM' || summary === 'AVG') && !NUMERIC_KINDS.has(acc.kind)) {
      throw nsError('SSS_INVALID_SRCH_FILTER_SUM', `${summary} needs a numeric field; ${acc.label} is a ${acc.kind} field`);
    }
    const kind = summaryKind(summary, acc.kind);
    const test = buildPredicate({ ...exec.dates, field: `${summary}(${acc.label})`, kind, operator: term.operator, values: term.values, ...(acc.checkValue ? { checkValue: acc.checkValue } : {}) });
    return (rows) =>
      test(
        aggregate(
          summary,
          acc.kind,
          rows.map((r) => acc.get(r)),
          (raw) => exec.sortKey(acc.kind, acc, raw),
        ).raw,
      );
  }

  private compileNode(exec: Execution, scope: Scope, node: FilterNode): (row: Row) => boolean {
    switch (node.op) {
      case 'term': {
        const { term } = node;
        const acc = exec.accessorFor(scope, term.name, term.join, term.formula, 'filter');
        const test = buildPredicate({ ...exec.dates, field: acc.label, kind: acc.kind, operator: term.operator, values: term.values, ...(acc.checkValue ? { checkValue: acc.checkValue } : {}) });
        return (row) => test(acc.get(row));
      }
      case 'not': {
        const inner = this.compileNode(exec, scope, node.item);
        return (row) => !inner(row);
      }
      case 'and': {
        const parts = node.items.map((n) => this.compileNode(exec, scope, n));
        return (row) => parts.every((p) => p(row));
      }
      default: {
        const parts = node.items.map((n) => this.compileNode(exec, scope, n));
        return (row) => parts.some((p) => p(row));
      }
    }
  }

  /** Checks a definition without running it (Search.save): throws what running it would throw. */
  validate(spec: SearchSpec): void {
    const info = this.searchType(spec.type);
    const scope = this.scopeOf(info);
    const exec = new Execution(this.env.account, this, this.env.now());
    for (const c of spec.columns) exec.accessorFor(scope, c.name, c.join, c.formula, 'column');
    this.compileFilters(exec, scope, spec.filters, spec.columns.some((c) => c.summary !== undefined));
  }

  /** search.lookupFields: body fields and joins of one record; {} when no such record [U]. */
  lookup(type: unknown, id: unknown, columns: unknown): Record<string, unknown> {
    const info = this.searchType(type);
    const scope = this.scopeOf(info);
    const list = Array.isArray(columns) ? (columns as unknown[]) : [columns];
    if (list.length === 0 || list.some((c) => typeof c !== 'string' || c.trim() === '')) {
      throw nsError('SSS_INVALID_SRCH_COLUMN', `search.lookupFields: columns must be a field id or an array of field ids, not ${JSON.stringify(columns)}`);
    }
    const exec = new Execution(this.env.account, this, this.env.now());
    const accessors = (list as string[]).map((c) => {
      const spec = c.trim().toLowerCase();
      const dot = spec.indexOf('.');
      const acc = dot > 0 ? exec.resolveAccessor(scope, spec.slice(dot + 1), spec.slice(0, dot), 'lookup') : exec.resolveAccessor(scope, spec, undefined, 'lookup');
      if (acc.perLocation) throw fieldError('lookup', c, '(location quantities are search columns only; lookupFields reads body fields)');
      return { column: c, acc };
    });
    const internalId = Number(id);
    let record: StoredRecord | undefined;
    for (const t of info.types) {
      record = Number.isInteger(internalId) ? this.env.account.getRecord(t, internalId) : undefined;
      if (record) break;
    }
    if (!record) return {};
    const row = rowOfRecord(record);
    if (!row) return {};
    return Object.fromEntries(accessors.map(({ column, acc }) => [column, exec.lookupValue(acc, acc.get(row))]));
  }
}
