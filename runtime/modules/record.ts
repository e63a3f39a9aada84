// N/record (NETSUITE.md 4 and 5): create, load, copy, transform, delete and submitFields over the emulated
// account, and the Record object in standard and dynamic mode. Validation, storage and side effects live in
// runtime/records/service.ts (shared with the CSV import engine); this module adds the script-facing API, the
// option checks and governance (create/load/copy/transform/submitFields 10/2/5, save/delete 20/4/10).
//
// Behaviour choices (NetSuite facts marked [U] in NETSUITE.md, or not covered there):
//  - Standard mode: setSublistValue on line == getLineCount() appends a line (the common "set line i" pattern);
//    any other missing line throws SSS_INVALID_SUBLIST_OPERATION.
//  - Dynamic-only calls (selectLine, selectNewLine, commitLine, cancelLine, *Current*) throw SSS_INVALID_API_USAGE
//    on a standard-mode record, and setSublistValue/setSublistText throw it on a dynamic-mode record.
//  - Standard mode: getText on a field set with setValue (and getValue after setText) throws SSS_INVALID_API_USAGE.
//  - setValue on a read-only field (statusref, createdfrom, orderline, ...) is ignored.
//  - Dynamic mode checks a select value when it is set (INVALID_FLD_VALUE); standard mode checks on save.
//  - An uncommitted current line is discarded by save().
//  - record.create (and copy) of an item receipt or an item fulfillment throws INVALID_RCRD_INITIALIZE: both come
//    from record.transform (NETSUITE.md 4.4; Oracle help "Item Fulfillment", section_N3195884: it "cannot be
//    created or copied"); the error code is [U].
//  - transform of a missing PO, or of one with nothing to receive, throws INVALID_INITIALIZE_REF [U].
import type { FieldValue, StoredLine, StoredRecord } from '../account/types';
import type { ExecutionEnv } from '../context';
import { nsError } from './error';
import { formatDateWithPattern, parseDateWithPattern } from './format';
import { bodyFieldDef, isFieldNotOnRecord, isMandatory, PURCHASE_ORDER_STATUSES, TRANSFER_ORDER_STATUSES, sublistFieldDef, type FieldDef, type RecordTypeDef } from '../records/recordTypes';
import { findReferenced, isInactive, NameIndex, referenceText } from '../records/references';
import {
  computePurchaseOrderStatus,
  computeTransferOrderStatus,
  NOT_FULFILLABLE_TO_STATUSES,
  shippedNotReceived,
  createRecord,
  deleteRecord,
  NOT_RECEIVABLE_STATUSES,
  newLineDefaults,
  newRecordDefaults,
  recordTypeFor,
  remainingToReceive,
  updateRecord,
} from '../records/service';
import { dateFromYmd, describeValue, invalidFieldValue, isEmptyValue, isYmd, normalizeValue, toScriptValue, ymdFromDate } from '../records/values';

/** record.Type: the record type ids scripts pass (a subset of NetSuite's enum, as lower-case strings). */
export const RECORD_TYPE = {
  ACCOUNT: 'account',
  ASSEMBLY_ITEM: 'assemblyitem',
  CLASSIFICATION: 'classification',
  CUSTOMER: 'customer',
  CUSTOM_RECORD: 'customrecord',
  DEPARTMENT: 'department',
  EMPLOYEE: 'employee',
  FOLDER: 'folder',
  INVENTORY_ADJUSTMENT: 'inventoryadjustment',
  INVENTORY_ITEM: 'inventoryitem',
  INVENTORY_TRANSFER: 'inventorytransfer',
  ITEM_FULFILLMENT: 'itemfulfillment',
  ITEM_RECEIPT: 'itemreceipt',
  KIT_ITEM: 'kititem',
  LOCATION: 'location',
  LOT_NUMBERED_INVENTORY_ITEM: 'lotnumberedinventoryitem',
  NON_INVENTORY_ITEM: 'noninventoryitem',
  PURCHASE_ORDER: 'purchaseorder',
  SALES_ORDER: 'salesorder',
  SERIALIZED_INVENTORY_ITEM: 'serializedinventoryitem',
  SERVICE_ITEM: 'serviceitem',
  SUBSIDIARY: 'subsidiary',
  TRANSFER_ORDER: 'transferorder',
  VENDOR: 'vendor',
  VENDOR_BILL: 'vendorbill',
} as const;

type Options = Record<string, unknown> | undefined;

function missingArgument(name: string): Error {
  return nsError('SSS_MISSING_REQD_ARGUMENT', `Missing a required argument: ${name}`);
}

function requireString(options: Options, name: string): string {
  const value = options?.[name];
  if (value === undefined || value === null || value === '') throw missingArgument(name);
  return describeValue(value);
}

function requireId(options: Options, name: string): number {
  const value = options?.[name];
  if (value === undefined || value === null || value === '') throw missingArgument(name);
  const n = Number(value);
  return Number.isInteger(n) ? n : NaN;
}

function requireLine(options: Options): number {
  const value = options?.line;
  if (value === undefined || value === null || value === '') throw missingArgument('line');
  return Number(value);
}

/** Accepts getValue('x') as well as getValue({fieldId:'x'}). */
function fieldIdOf(options: unknown): string {
  if (typeof options === 'string' && options !== '') return options;
  const value = (options as Options)?.fieldId;
  if (typeof value !== 'string' || value === '') throw missingArgument('fieldId');
  return value;
}

function invalidSublist(message: string): Error {
  return nsError('SSS_INVALID_SUBLIST_OPERATION', message);
}

function apiUsage(message: string): Error {
  return nsError('SSS_INVALID_API_USAGE', message);
}

interface CurrentLine {
  index: number;
  line: StoredLine;
  isNew: boolean;
}

interface RecordInit {
  id: number | null;
  fields: Record<string, FieldValue>;
  sublists: Record<string, StoredLine[]>;
  isDynamic: boolean;
}

/** The Record object scripts receive from create/load/copy/transform. */
export class NsRecord {
  id: number | null;
  readonly type: string;
  readonly isDynamic: boolean;
  private fields: Record<string, FieldValue>;
  private sublists: Record<string, StoredLine[]>;
  private readonly current = new Map<string, CurrentLine>();
  /** Standard mode: how each field was last set ('value' or 'text'), for the getText/getValue rule. */
  private readonly setBy = new Map<string, 'value' | 'text'>();

  constructor(
    private readonly env: ExecutionEnv,
    private readonly def: RecordTypeDef,
    init: RecordInit,
  ) {
    this.id = init.id;
    this.type = def.type;
    this.isDynamic = init.isDynamic;
    this.fields = init.fields;
    this.sublists = init.sublists;
  }

  // ---- body fields ---------------------------------------------------------------------------------

  getFields(): string[] {
    return [...new Set([...Object.keys(this.def.fields), ...Object.keys(this.fields)])];
  }

  getSublists(): string[] {
    return [...new Set([...Object.keys(this.def.sublists), ...Object.keys(this.sublists)])];
  }

  getSublistFields(options: Options): string[] {
    const sublistId = requireString(options, 'sublistId');
    const declared = Object.keys(this.def.sublists[sublistId]?.fields ?? {});
    const used = (this.sublists[sublistId] ?? []).flatMap((l) => Object.keys(l));
    return [...new Set([...declared, ...used])];
  }

  getField(options: unknown): { id: string; label: string; type: string; isMandatory: boolean; isDisplay: boolean } | null {
    const fieldId = fieldIdOf(options);
    const field = bodyFieldDef(this.def, fieldId);
    if (!field) return null;
    return { id: fieldId, label: field.label, type: field.kind, isMandatory: isMandatory(field, this.env.account.settings.features, false), isDisplay: true };
  }

  /**
   * A project custom field whose applies-to flags do not name this record type is not on it. What NetSuite does
   * when a script sets one is not documented [U]: by default ns-local throws, so a script cannot lean on it;
   * the account setting fieldNotOnRecord 'ignore' drops the value instead. Returns true when the set is skipped.
   */
  private skipFieldNotOnRecord(fieldId: string, sublistId?: string): boolean {
    if (!isFieldNotOnRecord(this.def, fieldId)) return false;
    if (this.env.account.settings.fieldNotOnRecord === 'ignore') return true;
    throw nsError(
      'NS_LOCAL_FIELD_NOT_ON_RECORD',
      `${fieldId} is not on ${this.def.label}${sublistId ? ` sublist ${sublistId}` : ''}: its applies-to flags name other record types (ns-local refuses this by default [U]; see docs/sandbox-checklist.md).`,
    );
  }

  getValue(options: unknown): unknown {
    const fieldId = fieldIdOf(options);
    if (!this.isDynamic && this.setBy.get(fieldId) === 'text') {
      throw apiUsage('Invalid API usage. You must use getText to return the value set with setText.');
    }
    if (fieldId === 'status' && (this.type === 'purchaseorder' || this.type === 'transferorder')) return this.statusText();
    return toScriptValue(bodyFieldDef(this.def, fieldId), this.fields[fieldId]);
  }

  setValue(options: Options): this {
    const fieldId = fieldIdOf(options);
    if (this.skipFieldNotOnRecord(fieldId)) return this;
    const field = bodyFieldDef(this.def, fieldId);
    if (field?.readOnly) return this;
    const value = normalizeValue(field, fieldId, options?.value, 'script');
    if (this.isDynamic) this.checkSelectNow(field, fieldId, value);
    this.fields[fieldId] = value;
    if (!this.isDynamic) this.setBy.set(fieldId, 'value');
    if (this.isDynamic) this.sourceBody(fieldId, value);
    return this;
  }

  getText(options: unknown): string | string[] {
    const fieldId = fieldIdOf(options);
    if (!this.isDynamic && this.setBy.get(fieldId) === 'value') {
      throw apiUsage('Invalid API usage. You must use getValue to return the value set with setValue.');
    }
    if ((fieldId === 'status' || fieldId === 'statusref') && (this.type === 'purchaseorder' || this.type === 'transferorder')) return this.statusText();
    return this.textOf(bodyFieldDef(this.def, fieldId), this.fields[fieldId]);
  }

  setText(options: Options): this {
    const fieldId = fieldIdOf(options);
    if (this.skipFieldNotOnRecord(fieldId)) return this;
    const field = bodyFieldDef(this.def, fieldId);
    if (field?.readOnly) return this;
    const value = this.valueFromText(field, fieldId, options?.text);
    if (this.isDynamic) this.checkSelectNow(field, fieldId, value);
    this.fields[fieldId] = value;
    if (!this.isDynamic) this.setBy.set(fieldId, 'text');
    if (this.isDynamic) this.sourceBody(fieldId, value);
    return this;
  }

  // ---- sublists (both modes) -----------------------------------------------------------------------

  private knownSublist(sublistId: string): boolean {
    return this.def.sublists[sublistId] !== undefined || this.sublists[sublistId] !== undefined || (this.def.generic === true && sublistId !== '');
  }

  private linesOf(sublistId: string): StoredLine[] {
    if (!this.knownSublist(sublistId)) throw invalidSublist(`The sublist ${sublistId} does not exist on ${this.type}.`);
    let lines = this.sublists[sublistId];
    if (!lines) {
      lines = [];
      this.sublists[sublistId] = lines;
    }
    return lines;
  }

  private existingLine(sublistId: string, line: number): StoredLine {
    const lines = this.linesOf(sublistId);
    const found = Number.isInteger(line) && line >= 0 ? lines[line] : undefined;
    if (!found) throw invalidSublist(`You have attempted an invalid sublist or line item operation. Line ${line} does not exist on sublist ${sublistId} (${lines.length} lines).`);
    return found;
  }

  getLineCount(options: Options): number {
    const sublistId = requireString(options, 'sublistId');
    if (!this.knownSublist(sublistId)) return -1;
    return (this.sublists[sublistId] ?? []).length;
  }

  getSublistValue(options: Options): unknown {
    const sublistId = requireString(options, 'sublistId');
    const fieldId = requireString(options, 'fieldId');
    const line = this.existingLine(sublistId, requireLine(options));
    if (!this.isDynamic && this.setBy.get(this.lineKey(sublistId, line, fieldId)) === 'text') {
      throw apiUsage('Invalid API usage. You must use getSublistText to return the value set with setSublistText.');
    }
    return toScriptValue(sublistFieldDef(this.def, sublistId, fieldId), line[fieldId]);
  }

  getSublistText(options: Options): string | string[] {
    const sublistId = requireString(options, 'sublistId');
    const fieldId = requireString(options, 'fieldId');
    const line = this.existingLine(sublistId, requireLine(options));
    if (!this.isDynamic && this.setBy.get(this.lineKey(sublistId, line, fieldId)) === 'value') {
      throw apiUsage('Invalid API usage. You must use getSublistValue to return the value set with setSublistValue.');
    }
    return this.textOf(sublistFieldDef(this.def, sublistId, fieldId), line[fieldId]);
  }

  setSublistValue(options: Options): this {
    this.setSublist(options, 'value');
    return this;
  }

  setSublistText(options: Options): this {
    this.setSublist(options, 'text');
    return this;
  }

  private setSublist(options: Options, by: 'value' | 'text'): void {
    const sublistId = requireString(options, 'sublistId');
    const fieldId = requireString(options, 'fieldId');
    const index = requireLine(options);
    if (this.isDynamic) {
      throw apiUsage(`setSublist${by === 'value' ? 'Value' : 'Text'} is for standard mode; a dynamic record uses selectLine/setCurrentSublist${by === 'value' ? 'Value' : 'Text'}/commitLine.`);
    }
    const lines = this.linesOf(sublistId);
    if (this.skipFieldNotOnRecord(fieldId, sublistId)) return;
    if (index === lines.length) lines.push(newLineDefaults(this.def, sublistId));
    const line = this.existingLine(sublistId, index);
    const field = sublistFieldDef(this.def, sublistId, fieldId);
    if (field?.readOnly) return;
    line[fieldId] = by === 'value' ? normalizeValue(field, fieldId, options?.value, 'script') : this.valueFromText(field, fieldId, options?.text);
    this.setBy.set(this.lineKey(sublistId, line, fieldId), by);
  }

  /** Key of a line field for the getText rule: follows the line object, not its index. */
  private readonly lineIds = new WeakMap<StoredLine, number>();
  private nextLineKey = 0;
  private lineKey(sublistId: string, line: StoredLine, fieldId: string): string {
    let n = this.lineIds.get(line);
    if (n === undefined) {
      n = this.nextLineKey++;
      this.lineIds.set(line, n);
    }
    return `${sublistId}#${n}.${fieldId}`;
  }

  insertLine(options: Options): this {
    const sublistId = requireString(options, 'sublistId');
    const index = requireLine(options);
    const lines = this.linesOf(sublistId);
    if (!Number.isInteger(index) || index < 0 || index > lines.length) {
      throw invalidSublist(`You have attempted an invalid sublist or line item operation. Cannot insert line ${index} into sublist ${sublistId} (${lines.length} lines).`);
    }
    const line = newLineDefaults(this.def, sublistId);
    lines.splice(index, 0, line);
    if (this.isDynamic) this.current.set(sublistId, { index, line: { ...line }, isNew: false });
    return this;
  }

  removeLine(options: Options): this {
    const sublistId = requireString(options, 'sublistId');
    const index = requireLine(options);
    this.existingLine(sublistId, index);
    this.linesOf(sublistId).splice(index, 1);
    const current = this.current.get(sublistId);
    if (current && !current.isNew && current.index === index) this.current.delete(sublistId);
    else if (current && !current.isNew && current.index > index) current.index -= 1;
    return this;
  }

  findSublistLineWithValue(options: Options): number {
    const sublistId = requireString(options, 'sublistId');
    const fieldId = requireString(options, 'fieldId');
    if (!options || !('value' in options)) throw missingArgument('value');
    const wanted = options.value;
    const key = wanted instanceof Date ? ymdFromDate(wanted) : String(wanted);
    const lines = this.knownSublist(sublistId) ? (this.sublists[sublistId] ?? []) : [];
    return lines.findIndex((l) => {
      const v = l[fieldId];
      return v !== undefined && v !== null && (Array.isArray(v) ? v.includes(key) : String(v) === key);
    });
  }

  // ---- dynamic mode: the current line --------------------------------------------------------------

  private requireDynamic(method: string): void {
    if (!this.isDynamic) throw apiUsage(`${method} is only available on a record in dynamic mode (isDynamic: true).`);
  }

  /** The current line; a dynamic record without a selected line edits a new line (as NetSuite does). */
  private currentLine(sublistId: string): CurrentLine {
    this.linesOf(sublistId);
    let current = this.current.get(sublistId);
    if (!current) {
      current = { index: (this.sublists[sublistId] ?? []).length, line: newLineDefaults(this.def, sublistId), isNew: true };
      this.current.set(sublistId, current);
    }
    return current;
  }

  selectLine(options: Options): this {
    this.requireDynamic('selectLine');
    const sublistId = requireString(options, 'sublistId');
    const index = requireLine(options);
    const line = this.existingLine(sublistId, index);
    this.current.set(sublistId, { index, line: { ...line }, isNew: false });
    return this;
  }

  selectNewLine(options: Options): this {
    this.requireDynamic('selectNewLine');
    const sublistId = requireString(options, 'sublistId');
    const lines = this.linesOf(sublistId);
    this.current.set(sublistId, { index: lines.length, line: newLineDefaults(this.def, sublistId), isNew: true });
    return this;
  }

  getCurrentSublistIndex(options: Options): number {
    this.requireDynamic('getCurrentSublistIndex');
    const sublistId = requireString(options, 'sublistId');
    return this.currentLine(sublistId).index;
  }

  getCurrentSublistValue(options: Options): unknown {
    this.requireDynamic('getCurrentSublistValue');
    const sublistId = requireString(options, 'sublistId');
    const fieldId = requireString(options, 'fieldId');
    return toScriptValue(sublistFieldDef(this.def, sublistId, fieldId), this.currentLine(sublistId).line[fieldId]);
  }

  getCurrentSublistText(options: Options): string | string[] {
    this.requireDynamic('getCurrentSublistText');
    const sublistId = requireString(options, 'sublistId');
    const fieldId = requireString(options, 'fieldId');
    return this.textOf(sublistFieldDef(this.def, sublistId, fieldId), this.currentLine(sublistId).line[fieldId]);
  }

  setCurrentSublistValue(options: Options): this {
    this.requireDynamic('setCurrentSublistValue');
    const sublistId = requireString(options, 'sublistId');
    const fieldId = requireString(options, 'fieldId');
    if (this.skipFieldNotOnRecord(fieldId, sublistId)) return this;
    const field = sublistFieldDef(this.def, sublistId, fieldId);
    const current = this.currentLine(sublistId);
    if (field?.readOnly) return this;
    const value = normalizeValue(field, fieldId, options?.value, 'script');
    this.checkSelectNow(field, fieldId, value);
    current.line[fieldId] = value;
    this.sourceLine(sublistId, current.line, fieldId, value);
    return this;
  }

  setCurrentSublistText(options: Options): this {
    this.requireDynamic('setCurrentSublistText');
    const sublistId = requireString(options, 'sublistId');
    const fieldId = requireString(options, 'fieldId');
    if (this.skipFieldNotOnRecord(fieldId, sublistId)) return this;
    const field = sublistFieldDef(this.def, sublistId, fieldId);
    const current = this.currentLine(sublistId);
    if (field?.readOnly) return this;
    const value = this.valueFromText(field, fieldId, options?.text);
    this.checkSelectNow(field, fieldId, value);
    current.line[fieldId] = value;
    this.sourceLine(sublistId, current.line, fieldId, value);
    return this;
  }

  /** Validates the current line's mandatory fields and writes it into the sublist. */
  commitLine(options: Options): this {
    this.requireDynamic('commitLine');
    const sublistId = requireString(options, 'sublistId');
    const current = this.currentLine(sublistId);
    const sublist = this.def.sublists[sublistId];
    if (sublist) {
      const features = this.env.account.settings.features;
      const missing = Object.entries(sublist.fields)
        .filter(([id, field]) => isMandatory(field, features, false) && isEmptyValue(current.line[id]) && !(id === 'location' && this.defaultLineLocation(sublistId) !== undefined))
        .map(([, field]) => field.label);
      if (missing.length > 0) throw nsError('USER_ERROR', `Please enter value(s) for: ${missing.join(', ')}`);
    }
    const lines = this.linesOf(sublistId);
    if (current.isNew) lines.push(current.line);
    else lines[current.index] = current.line;
    this.current.delete(sublistId);
    return this;
  }

  cancelLine(options: Options): this {
    this.requireDynamic('cancelLine');
    const sublistId = requireString(options, 'sublistId');
    this.linesOf(sublistId);
    this.current.delete(sublistId);
    return this;
  }

  // ---- subrecords (inventory detail) are not emulated ---------------------------------------------

  getSubrecord(): never {
    throw nsError('NS_LOCAL_UNSUPPORTED', 'ns-local does not emulate subrecords (inventorydetail, addresses).');
  }

  getSublistSubrecord(): never {
    return this.getSubrecord();
  }

  getCurrentSublistSubrecord(): never {
    return this.getSubrecord();
  }

  hasSubrecord(): boolean {
    return false;
  }

  hasSublistSubrecord(): boolean {
    return false;
  }

  // ---- save ----------------------------------------------------------------------------------------

  save(options?: Options): number {
    this.env.meter().chargeRecord('save', this.type);
    const writeOptions = { ignoreMandatoryFields: options?.ignoreMandatoryFields === true, source: 'script' as const };
    const fields = structuredClone(this.fields);
    const sublists = structuredClone(this.sublists);
    const stored: StoredRecord =
      this.id === null ? createRecord(this.env, this.type, fields, sublists, writeOptions) : updateRecord(this.env, { type: this.type, id: this.id, fields, sublists }, writeOptions);
    this.id = stored.id;
    this.fields = structuredClone(stored.fields);
    this.sublists = structuredClone(stored.sublists);
    this.current.clear();
    this.setBy.clear();
    return stored.id;
  }

  toJSON(): Record<string, unknown> {
    return { id: this.id, type: this.type, isDynamic: this.isDynamic, fields: this.fields, sublists: this.sublists };
  }

  toString(): string {
    return `Record ${this.type}${this.id === null ? '' : ` ${this.id}`}`;
  }

  // ---- helpers -------------------------------------------------------------------------------------

  private statusText(): string {
    if (this.type === 'transferorder') {
      const ref = String(this.fields.statusref ?? computeTransferOrderStatus({ fields: this.fields, sublists: this.sublists }));
      return TRANSFER_ORDER_STATUSES[ref]?.text ?? ref;
    }
    const code = String(this.fields.statusref ?? computePurchaseOrderStatus({ fields: this.fields, sublists: this.sublists }));
    return PURCHASE_ORDER_STATUSES[code]?.text ?? code;
  }

  private textOf(field: FieldDef | undefined, stored: FieldValue | undefined): string | string[] {
    if (stored === undefined || stored === null || stored === '') return field?.kind === 'multiselect' ? [] : '';
    if (!field) return Array.isArray(stored) ? stored : String(stored);
    switch (field.kind) {
      case 'select':
        return referenceText(this.env.account, field.target, String(stored));
      case 'multiselect':
        return (Array.isArray(stored) ? stored : [String(stored)]).map((id) => referenceText(this.env.account, field.target, id));
      case 'date':
        return typeof stored === 'string' && isYmd(stored) ? formatDateWithPattern(dateFromYmd(stored), this.env.account.settings.dateFormat) : String(stored);
      case 'checkbox':
        return stored === true || stored === 'T' ? 'T' : 'F';
      default:
        return Array.isArray(stored) ? stored.join(',') : String(stored);
    }
  }

  private valueFromText(field: FieldDef | undefined, fieldId: string, text: unknown): FieldValue {
    if (text === undefined || text === null || text === '') return normalizeValue(field, fieldId, null, 'script');
    if (!field) return normalizeValue(field, fieldId, text, 'script');
    const raw = describeValue(text);
    switch (field.kind) {
      case 'select': {
        if (field.target === undefined) return raw;
        const found = new NameIndex(this.env.account).resolve(field.target, raw);
        const first = found[0];
        if (!first) throw invalidFieldValue(fieldId, raw);
        return String(first.id);
      }
      case 'multiselect': {
        const texts = Array.isArray(text) ? (text as unknown[]).map(String) : [raw];
        const index = new NameIndex(this.env.account);
        return texts.map((t) => {
          const first = field.target === undefined ? undefined : index.resolve(field.target, t)[0];
          if (!first) throw invalidFieldValue(fieldId, t);
          return String(first.id);
        });
      }
      case 'date': {
        const parsed = parseDateWithPattern(raw, this.env.account.settings.dateFormat);
        if (!parsed) throw invalidFieldValue(fieldId, raw);
        return ymdFromDate(parsed);
      }
      case 'checkbox':
        if (raw === 'T' || raw === 'F') return raw === 'T';
        throw invalidFieldValue(fieldId, raw);
      default:
        return normalizeValue(field, fieldId, raw, 'script');
    }
  }

  /** Dynamic mode validates a select value as soon as it is set. */
  private checkSelectNow(field: FieldDef | undefined, fieldId: string, value: FieldValue): void {
    if (field?.target === undefined || isEmptyValue(value)) return;
    for (const id of Array.isArray(value) ? value : [String(value)]) {
      const referenced = findReferenced(this.env.account, field.target, id);
      if (!referenced || isInactive(referenced)) throw invalidFieldValue(fieldId, id);
    }
  }

  /** Dynamic-mode sourcing our flows rely on: a PO's subsidiary from its vendor. */
  private sourceBody(fieldId: string, value: FieldValue): void {
    if (this.type === 'purchaseorder' && fieldId === 'entity' && !isEmptyValue(value) && isEmptyValue(this.fields.subsidiary)) {
      const vendor = findReferenced(this.env.account, 'vendor', String(value));
      if (vendor && !isEmptyValue(vendor.fields.subsidiary)) this.fields.subsidiary = vendor.fields.subsidiary ?? null;
    }
  }

  /** Dynamic-mode line sourcing: a new line's location from the adjustment/PO location, a PO rate from the item's cost. */
  private sourceLine(sublistId: string, line: StoredLine, fieldId: string, value: FieldValue): void {
    if (fieldId !== 'item' || isEmptyValue(value)) return;
    const location = this.defaultLineLocation(sublistId);
    if (location !== undefined && isEmptyValue(line.location)) line.location = location;
    if (this.type === 'purchaseorder' && isEmptyValue(line.rate)) {
      const item = findReferenced(this.env.account, 'item', String(value));
      if (item && typeof item.fields.cost === 'number') line.rate = item.fields.cost;
    }
  }

  private defaultLineLocation(sublistId: string): FieldValue | undefined {
    const source = this.type === 'inventoryadjustment' && sublistId === 'inventory' ? this.fields.adjlocation : this.type === 'purchaseorder' && sublistId === 'item' ? this.fields.location : undefined;
    return isEmptyValue(source) ? undefined : source;
  }
}

// ---- the module ----------------------------------------------------------------------------------------

/** Transformations NetSuite supports that ns-local does not emulate (they fail with NS_LOCAL_UNSUPPORTED). */
const NETSUITE_TRANSFORMS = new Set([
  'purchaseorder>vendorbill',
  'purchaseorder>vendorreturnauthorization',
  'salesorder>itemfulfillment',
  'salesorder>invoice',
  'salesorder>cashsale',
  'returnauthorization>itemreceipt',
  'vendorbill>vendorpayment',
  'invoice>customerpayment',
]);

function notFound(type: string, id: number | string): Error {
  return nsError('RCRD_DSNT_EXIST', `That record does not exist. (type: ${type}, id: ${String(id)})`);
}

function loadStored(env: ExecutionEnv, type: string, id: number): StoredRecord {
  const stored = Number.isInteger(id) ? env.account.getRecord(type, id) : undefined;
  if (!stored) throw notFound(type, id);
  return structuredClone(stored);
}

/** Converts a submitFields value: dates may be Date objects or strings in the user's date format. */
function submitValue(env: ExecutionEnv, field: FieldDef | undefined, fieldId: string, value: unknown): FieldValue {
  if (field?.kind === 'date' && typeof value === 'string' && value !== '') {
    const parsed = parseDateWithPattern(value, env.account.settings.dateFormat);
    if (!parsed) throw invalidFieldValue(fieldId, value);
    return ymdFromDate(parsed);
  }
  if (field?.kind === 'checkbox' && (value === 'T' || value === 'F')) return value === 'T';
  return normalizeValue(field, fieldId, value, 'script');
}

/**
 * One line of an item receipt as a transform offers it (NETSUITE.md 4.4): checked with the remaining quantity,
 * or unchecked at 0 under "Default Items to Zero Received" (`zero`).
 */
function receiptLine(env: ExecutionEnv, orderline: string, source: StoredLine, remaining: number, location: FieldValue, zero: boolean): StoredLine {
  return {
    orderline,
    item: source.item ?? null,
    description: source.description ?? '',
    itemreceive: !zero,
    quantity: zero ? 0 : remaining,
    quantityremaining: remaining,
    location,
    onhand: location === null || isEmptyValue(source.item) ? 0 : env.account.onHand(String(source.item), String(location)),
    rate: source.rate ?? 0,
  };
}

/** Item receipt lines for a PO (NETSUITE.md 4.4): one per open line with something left to receive. */
function receiptLinesFor(env: ExecutionEnv, po: StoredRecord): StoredLine[] {
  const zero = env.account.settings.defaultItemsToZeroReceived;
  const lines: StoredLine[] = [];
  for (const poLine of po.sublists.item ?? []) {
    if (poLine.isclosed === true || poLine.isclosed === 'T') continue;
    const remaining = remainingToReceive(poLine);
    if (remaining <= 0) continue;
    const location = isEmptyValue(poLine.location) ? (po.fields.location ?? null) : (poLine.location ?? null);
    lines.push(receiptLine(env, String(poLine.line), poLine, remaining, location, zero));
  }
  return lines;
}

/**
 * record.transform of a transfer order (Oracle help "Transfer Order", section_N3692380: transfer orders initialize
 * item fulfillment and item receipt transactions):
 *  - to itemfulfillment: the TO must be approved and open; one line per open TO line with quantity left to
 *    fulfill, orderline = TO line + 1 ([O] HotWax's TransferOrderV2 scripts), quantity = what remains, from the
 *    From Location. shipstatus starts as C (Shipped) without Pick, Pack and Ship, A (Picked) with it [U]
 *    (docs/sandbox-checklist.md 7.7).
 *  - to itemreceipt: only what was shipped and not yet received (a receipt comes after a shipped fulfillment);
 *    defaultValues.itemfulfillment limits it to that fulfillment's lines. orderline = TO line + 2 [O, same
 *    source]; lines at the To Location. Nothing to fulfill or receive: INVALID_INITIALIZE_REF [U] (checklist 7.7).
 */
function transferOrderTransform(env: ExecutionEnv, fromId: number, toType: string, options: Options): RecordInit {
  const def = recordTypeFor(env, toType);
  env.meter().chargeRecord('transform', toType);
  const stored = Number.isInteger(fromId) ? env.account.getRecord('transferorder', fromId) : undefined;
  const cannot = (): Error => nsError('INVALID_INITIALIZE_REF', `You can not initialize ${toType}: invalid reference ${String(options?.fromId)}.`);
  if (!stored) throw cannot();
  const status = String(stored.fields.statusref ?? computeTransferOrderStatus(stored));
  const common: Record<string, FieldValue> = { ...newRecordDefaults(env, def), createdfrom: String(stored.id), subsidiary: stored.fields.subsidiary ?? null, transferlocation: stored.fields.transferlocation ?? null, memo: '' };
  const lines: StoredLine[] = [];
  if (toType === 'itemfulfillment') {
    if (NOT_FULFILLABLE_TO_STATUSES.has(status)) throw cannot();
    for (const toLine of stored.sublists.item ?? []) {
      if (toLine.isclosed === true || toLine.isclosed === 'T') continue;
      const remaining = Math.max(0, Number(toLine.quantity ?? 0) - Number(toLine.quantityfulfilled ?? 0));
      if (remaining <= 0) continue;
      const location = stored.fields.location ?? null;
      lines.push({
        orderline: String(Number(toLine.line) + 1),
        item: toLine.item ?? null,
        description: toLine.description ?? '',
        itemreceive: true,
        quantity: remaining,
        quantityremaining: remaining,
        location,
        onhand: location === null || isEmptyValue(toLine.item) ? 0 : env.account.onHand(String(toLine.item), String(location)),
      });
    }
    if (lines.length === 0) throw cannot();
    const pps = env.account.settings.features.includes('PICKPACKSHIP');
    return { id: null, fields: { ...common, shipstatus: pps ? 'A' : 'C' }, sublists: { item: lines, package: [] }, isDynamic: options?.isDynamic === true };
  }
  const defaults = (options?.defaultValues ?? {}) as Record<string, unknown>;
  const given = defaults.itemfulfillment;
  const fulfillment = typeof given === 'number' || (typeof given === 'string' && given !== '') ? String(given) : undefined;
  if (fulfillment !== undefined) {
    const f = env.account.getRecord('itemfulfillment', Number(fulfillment));
    if (!f || String(f.fields.createdfrom) !== String(stored.id)) throw cannot();
  }
  const open = shippedNotReceived(env.account, stored, fulfillment);
  const zero = env.account.settings.defaultItemsToZeroReceived;
  for (const toLine of stored.sublists.item ?? []) {
    const remaining = open.get(String(toLine.line)) ?? 0;
    if (remaining <= 1e-9) continue;
    lines.push(receiptLine(env, String(Number(toLine.line) + 2), toLine, remaining, stored.fields.transferlocation ?? null, zero));
  }
  if (lines.length === 0) throw cannot();
  return { id: null, fields: { ...common, ...(fulfillment !== undefined ? { itemfulfillment: fulfillment } : {}) }, sublists: { item: lines }, isDynamic: options?.isDynamic === true };
}

export interface RecordModule {
  Type: typeof RECORD_TYPE;
  create(options: Options): NsRecord;
  load(options: Options): NsRecord;
  copy(options: Options): NsRecord;
  transform(options: Options): NsRecord;
  delete(options: Options): number;
  submitFields(options: Options): number;
}

export function createRecordModule(env: ExecutionEnv): RecordModule {
  const makeRecord = (def: RecordTypeDef, init: RecordInit): NsRecord => new NsRecord(env, def, init);

  return {
    Type: RECORD_TYPE,

    create(options: Options): NsRecord {
      const type = requireString(options, 'type').toLowerCase();
      const def = recordTypeFor(env, type);
      if (def.transformOnly) {
        throw nsError('INVALID_RCRD_INITIALIZE', `You can not initialize ${type} with record.create: an ${def.label.toLowerCase()} is created with record.transform from its order.`);
      }
      env.meter().chargeRecord('create', type);
      const fields = newRecordDefaults(env, def);
      const defaults = options?.defaultValues;
      if (defaults && typeof defaults === 'object') {
        for (const [id, value] of Object.entries(defaults as Record<string, unknown>)) fields[id] = normalizeValue(bodyFieldDef(def, id), id, value, 'internal');
      }
      const sublists: Record<string, StoredLine[]> = {};
      for (const sublistId of Object.keys(def.sublists)) sublists[sublistId] = [];
      return makeRecord(def, { id: null, fields, sublists, isDynamic: options?.isDynamic === true });
    },

    load(options: Options): NsRecord {
      const type = requireString(options, 'type').toLowerCase();
      const id = requireId(options, 'id');
      const def = recordTypeFor(env, type);
      env.meter().chargeRecord('load', type);
      const stored = loadStored(env, type, id);
      return makeRecord(def, { id: stored.id, fields: stored.fields, sublists: stored.sublists, isDynamic: options?.isDynamic === true });
    },

    copy(options: Options): NsRecord {
      const type = requireString(options, 'type').toLowerCase();
      const id = requireId(options, 'id');
      const def = recordTypeFor(env, type);
      if (def.transformOnly) throw nsError('INVALID_RCRD_INITIALIZE', `You can not copy an ${type}; create it with record.transform.`);
      env.meter().chargeRecord('copy', type);
      const stored = loadStored(env, type, id);
      const fields = stored.fields;
      for (const system of ['id', 'externalid', 'createddate', 'lastmodifieddate', 'created', 'lastmodified']) delete fields[system];
      if (def.family === 'transaction') {
        delete fields.tranid;
        Object.assign(fields, newRecordDefaults(env, def));
      }
      if (type === 'purchaseorder') {
        for (const line of stored.sublists.item ?? []) Object.assign(line, { quantityreceived: 0, quantitybilled: 0, isclosed: false });
      }
      return makeRecord(def, { id: null, fields, sublists: stored.sublists, isDynamic: options?.isDynamic === true });
    },

    transform(options: Options): NsRecord {
      const fromType = requireString(options, 'fromType').toLowerCase();
      const fromId = requireId(options, 'fromId');
      const toType = requireString(options, 'toType').toLowerCase();
      if (fromType === 'transferorder' && (toType === 'itemfulfillment' || toType === 'itemreceipt')) {
        return makeRecord(recordTypeFor(env, toType), transferOrderTransform(env, fromId, toType, options));
      }
      if (fromType !== 'purchaseorder' || toType !== 'itemreceipt') {
        if (NETSUITE_TRANSFORMS.has(`${fromType}>${toType}`)) {
          throw nsError('NS_LOCAL_UNSUPPORTED', `ns-local emulates only the purchaseorder -> itemreceipt transformation, not ${fromType} -> ${toType}.`);
        }
        throw nsError('INVALID_RCRD_TRANSFRM', 'That type of record transformation is not allowed. See the documentation for a list of supported transformation types.');
      }
      const def = recordTypeFor(env, toType);
      env.meter().chargeRecord('transform', toType);
      const stored = Number.isInteger(fromId) ? env.account.getRecord('purchaseorder', fromId) : undefined;
      const cannot = (): Error => nsError('INVALID_INITIALIZE_REF', `You can not initialize itemreceipt: invalid reference ${String(options?.fromId)}.`);
      if (!stored) throw cannot();
      const status = String(stored.fields.statusref ?? computePurchaseOrderStatus(stored));
      if (NOT_RECEIVABLE_STATUSES.has(status)) throw cannot();
      const lines = receiptLinesFor(env, stored);
      if (lines.length === 0) throw cannot();
      const fields: Record<string, FieldValue> = {
        ...newRecordDefaults(env, def),
        createdfrom: String(stored.id),
        entity: stored.fields.entity ?? null,
        subsidiary: stored.fields.subsidiary ?? null,
        memo: '',
      };
      return makeRecord(def, { id: null, fields, sublists: { item: lines }, isDynamic: options?.isDynamic === true });
    },

    delete(options: Options): number {
      const type = requireString(options, 'type').toLowerCase();
      const id = requireId(options, 'id');
      recordTypeFor(env, type);
      env.meter().chargeRecord('delete', type);
      if (!Number.isInteger(id)) throw notFound(type, String(options?.id));
      deleteRecord(env, type, id);
      return id;
    },

    submitFields(options: Options): number {
      const type = requireString(options, 'type').toLowerCase();
      const id = requireId(options, 'id');
      const values = options?.values;
      if (!values || typeof values !== 'object') throw missingArgument('values');
      const def = recordTypeFor(env, type);
      env.meter().chargeRecord('submitFields', type);
      const stored = loadStored(env, type, id);
      for (const [fieldId, value] of Object.entries(values as Record<string, unknown>)) {
        const field = bodyFieldDef(def, fieldId);
        if (field?.readOnly) continue;
        stored.fields[fieldId] = submitValue(env, field, fieldId, value);
      }
      const flags = options?.options as Options;
      updateRecord(env, stored, { ignoreMandatoryFields: flags?.ignoreMandatoryFields === true, source: 'script' });
      return stored.id;
    },
  };
}
