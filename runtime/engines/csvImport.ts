// The CSV import job executor (NETSUITE.md 2.1-2.3, 3, 3.1): applies a saved import map to a CSV file and
// creates or updates records through runtime/records/service.ts, so inventory effects apply as for N/record.
//
// Job outcome:
//  - FAILED only when the job cannot run at all: a mapped column missing from the header (the Import
//    Assistant's pre-validation), more than 25,000 data rows or 50 MB, an unreadable file, a record type or
//    mapping ns-local cannot import (unknown type or field, subrecord mappings, no identifier for multi-line
//    records). No row is processed then.
//  - Otherwise COMPLETE, even when rows failed; per-row outcomes are in rowResults and in resultsCsv
//    (every data row with its original cells plus 'Result' and 'Message').
// Grouping (single file): consecutive rows with the same identifier (External ID; for UPDATE/ADDUPDATE also
// Internal ID or a transaction number TRANID) form one record. Body values come from the first row of the run
// (later rows that differ are ignored with a warning [U]); every row with sublist cells adds one line. A later,
// non-adjacent run with the same identifier is a separate operation: ADD then fails on the duplicate external
// id, ADDUPDATE updates the earlier record (appending lines when overwritesublists is F) [U]. A record that
// fails fails all of its rows with the reason; other records still import.
// No governance is charged: the import runs outside the submitting script.
import * as Papa from 'papaparse';
import type { FieldValue, StoredLine, StoredRecord } from '../account/types';
import type { ExecutionEnv } from '../context';
import { isSuiteScriptError, nsError } from '../modules/error';
import { parseDateWithPattern } from '../modules/format';
import { bodyFieldDef, isCustomFieldId, isFieldNotOnRecord, sublistFieldDef, type FieldDef, type RecordTypeDef } from '../records/recordTypes';
import { findByExternalIdInTarget, NameIndex } from '../records/references';
import { createRecord, recordTypeFor, updateRecord } from '../records/service';
import { ymdFromDate } from '../records/values';
import { mappingFlag, type CsvImportFieldMapping, type CsvImportMapping } from './csvImportMapping';

export type { CsvImportMapping } from './csvImportMapping';

/** At most 25,000 records (rows) and 50 MB per job, all files together (NETSUITE.md 2.2). */
export const CSV_IMPORT_MAX_ROWS = 25_000;
export const CSV_IMPORT_MAX_BYTES = 50 * 1024 * 1024;

export interface CsvImportJob {
  mapping: CsvImportMapping;
  csvText: string;
  /** Multi-file imports: sublist id (or 'RECORD:SUBLIST' file id) -> CSV text. */
  linkedFiles?: Record<string, string>;
  jobName: string;
}

export interface CsvImportRowResult {
  /** 1-based data row of the main file (blank rows are not counted). */
  row: number;
  status: 'imported' | 'failed';
  recordId?: number;
  message?: string;
}

export interface CsvImportResult {
  status: 'COMPLETE' | 'FAILED';
  totalRows: number;
  importedRows: number;
  failedRows: number;
  /** Records created or updated, in order of first success. */
  records: { id: number; externalId?: string }[];
  rowResults: CsvImportRowResult[];
  /** The original columns plus 'Result' and 'Message', one line per data row. */
  resultsCsv: string;
  /** Why the job FAILED. */
  error?: string;
  /** Non-fatal notes, e.g. body values on later rows of a record that differ from its first row. */
  warnings: string[];
}

type DataHandling = 'ADD' | 'UPDATE' | 'ADDUPDATE';
type ReferenceType = 'INTERNAL_ID' | 'NAME' | 'EXTERNAL_ID';

interface ParsedFile {
  header: string[];
  rows: string[][];
}

/** One mapped field, resolved against the record definition and the CSV header. */
interface BoundField {
  fieldId: string;
  def: FieldDef;
  /** Index of the column in its file, or undefined for a constant. */
  column?: number;
  columnName?: string;
  constant?: string;
  referenceType: ReferenceType;
  /** A read-only field mapped with ignorereadonly=F: a filled cell fails its record. */
  readOnly: boolean;
}

interface BoundSublist {
  sublistId: string;
  /** Which file the sublist's cells come from: 'main' or a linked file key. */
  file: string;
  fields: BoundField[];
}

type KeyKind = 'externalid' | 'internalid' | 'tranid';

interface PreparedJob {
  def: RecordTypeDef;
  dataHandling: DataHandling;
  main: ParsedFile;
  linked: Map<string, ParsedFile>;
  body: BoundField[];
  sublists: BoundSublist[];
  key?: { kind: KeyKind; field: BoundField };
  /** Multi-file: the main file's primary-key column and each linked file's foreign-key column. */
  primaryKeyColumn?: number;
  foreignKeyColumns: Map<string, number>;
  overwriteSublists: boolean;
  overwriteMissing: boolean;
  ignoreCustomMandatory: boolean;
}

class JobFailure extends Error {}

const DELIMITERS: Record<string, string> = { COMMA: ',', SEMICOLON: ';', TAB: '\t', PIPE: '|', SPACE: ' ' };

function parseFile(text: string, delimiter: string, name: string): ParsedFile {
  const source = text.replace(/^\uFEFF/, '');
  if (source.trim() === '') throw new JobFailure(`The file ${name} is empty.`);
  const parsed = Papa.parse<string[]>(source, { delimiter, header: false, skipEmptyLines: false, dynamicTyping: false });
  const quoteError = parsed.errors.find((e) => e.type === 'Quotes');
  if (quoteError) throw new JobFailure(`The file ${name} cannot be read: ${quoteError.message} (row ${(quoteError.row ?? 0) + 1}).`);
  const records = parsed.data.filter((cells) => cells.some((c) => c.trim() !== ''));
  const [header, ...rows] = records;
  if (!header) throw new JobFailure(`The file ${name} has no header row.`);
  return { header, rows: rows.map((r) => (r.length >= header.length ? r : [...r, ...new Array<string>(header.length - r.length).fill('')])) };
}

function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

// ---- mapping preparation (the Import Assistant's checks) ------------------------------------------

function prepareJob(env: ExecutionEnv, job: CsvImportJob): PreparedJob {
  const { mapping } = job;
  const recordType = mapping.recordType.trim().toLowerCase();
  let def: RecordTypeDef;
  try {
    def = recordTypeFor(env, recordType);
  } catch {
    throw new JobFailure(`The record type ${mapping.recordType} cannot be imported: ns-local does not know it.`);
  }
  if (def.transformOnly || def.generic) throw new JobFailure(`The record type ${mapping.recordType} cannot be imported by CSV in ns-local.`);
  const dataHandling = (mapping.dataHandling || 'ADD').toUpperCase();
  if (dataHandling !== 'ADD' && dataHandling !== 'UPDATE' && dataHandling !== 'ADDUPDATE') {
    throw new JobFailure(`Unknown data handling ${mapping.dataHandling} (expected ADD, UPDATE or ADDUPDATE).`);
  }
  const delimiter = DELIMITERS[(mapping.options.columndelimiter ?? 'COMMA').toUpperCase()] ?? ',';
  const linkedTexts = Object.entries(job.linkedFiles ?? {});
  const bytes = utf8Length(job.csvText) + linkedTexts.reduce((n, [, t]) => n + utf8Length(t), 0);
  if (bytes > CSV_IMPORT_MAX_BYTES) throw new JobFailure(`The import files total ${bytes} bytes; a CSV import job accepts at most 50 MB.`);

  const main = parseFile(job.csvText, delimiter, job.jobName);
  const linked = new Map<string, ParsedFile>();
  for (const [key, text] of linkedTexts) linked.set(key, parseFile(text, delimiter, `${job.jobName} (${key})`));
  const totalRows = main.rows.length + [...linked.values()].reduce((n, f) => n + f.rows.length, 0);
  if (totalRows > CSV_IMPORT_MAX_ROWS) {
    throw new JobFailure(`The import has ${totalRows} data rows; a CSV import job accepts at most ${CSV_IMPORT_MAX_ROWS.toLocaleString('en-US')} records.`);
  }

  const mainFileId = (mapping.files[0]?.file ?? mapping.recordType).toUpperCase();
  /** Which parsed file a mapping's columnFile refers to. */
  const fileKeyFor = (columnFile: string | undefined): string => {
    if (columnFile === undefined || columnFile.toUpperCase() === mainFileId || columnFile.toUpperCase() === mapping.recordType.toUpperCase()) return 'main';
    const upper = columnFile.toUpperCase();
    for (const key of linked.keys()) {
      const k = key.toUpperCase();
      if (k === upper || upper.endsWith(`:${k}`)) return key;
    }
    throw new JobFailure(`The column file ${columnFile} is not part of this import (no linked file was given for it).`);
  };
  const fileOf = (key: string): ParsedFile => (key === 'main' ? main : (linked.get(key) ?? main));

  const ignoreReadOnly = mappingFlag(mapping.options.ignorereadonly, true);
  const bind = (m: CsvImportFieldMapping, def_: FieldDef | undefined, fieldId: string, where: string): { bound?: BoundField; fileKey: string } => {
    if (!def_) {
      // A project custom field whose applies-to flags name other record types is not on this one (SDF-FIELDS.md
      // §7.1/7.2). What NetSuite does with such a map is [U] (docs/sandbox-checklist.md 4.3); ns-local fails the job.
      if (isFieldNotOnRecord(def, fieldId)) throw new JobFailure(`The mapped field ${m.field} is not on ${where}: its applies-to flags name other record types.`);
      throw new JobFailure(`The mapped field ${m.field} does not exist on ${where} (ns-local does not know it).`);
    }
    const fileKey = fileKeyFor(m.columnFile);
    const referenceType = (m.referenceType ?? 'NAME').toUpperCase();
    if (referenceType !== 'INTERNAL_ID' && referenceType !== 'NAME' && referenceType !== 'EXTERNAL_ID') {
      throw new JobFailure(`The field ${m.field} has an unknown reference type ${m.referenceType ?? ''}.`);
    }
    if (def_.readOnly && ignoreReadOnly) return { fileKey };
    const bound: BoundField = { fieldId, def: def_, referenceType, readOnly: def_.readOnly === true };
    if (m.column !== undefined && m.column !== '') {
      const file = fileOf(fileKey);
      const index = file.header.indexOf(m.column);
      if (index < 0) {
        throw new JobFailure(`The column "${m.column}" mapped to ${m.field} is missing from the CSV header (found: ${file.header.map((h) => `"${h}"`).join(', ')}).`);
      }
      bound.column = index;
      bound.columnName = m.column;
    } else if (m.value !== undefined) {
      bound.constant = m.value;
    } else {
      return { fileKey };
    }
    return { bound, fileKey };
  };

  const body: BoundField[] = [];
  const sublists: BoundSublist[] = [];
  let internalIdField: BoundField | undefined;
  const rtUpper = mapping.recordType.trim().toUpperCase();
  for (const rm of mapping.recordMappings) {
    const record = rm.record.trim().toUpperCase();
    if (record.includes('::')) throw new JobFailure(`Subrecord mappings (${rm.record}) are not supported by ns-local.`);
    if (record === rtUpper) {
      for (const m of rm.fieldMappings) {
        const fieldId = isCustomFieldId(m.field.toLowerCase()) ? m.field : m.field.toLowerCase();
        if (fieldId === 'internalid') {
          const { bound } = bind(m, { label: 'Internal ID', kind: 'text' }, 'internalid', def.label);
          internalIdField = bound;
          continue;
        }
        const { bound } = bind(m, bodyFieldDef(def, fieldId), fieldId, def.label);
        if (bound) body.push(bound);
      }
    } else if (record.startsWith(`${rtUpper}:`)) {
      const sublistId = record.slice(rtUpper.length + 1).toLowerCase();
      if (!def.sublists[sublistId]) throw new JobFailure(`The sublist ${rm.record} does not exist on ${def.label}.`);
      const fields: BoundField[] = [];
      let fileKey = 'main';
      for (const m of rm.fieldMappings) {
        const fieldId = isCustomFieldId(m.field.toLowerCase()) ? m.field : m.field.toLowerCase();
        const bound = bind(m, sublistFieldDef(def, sublistId, fieldId), fieldId, `${def.label} sublist ${sublistId}`);
        if (bound.bound) fields.push(bound.bound);
        if (bound.bound?.column !== undefined) fileKey = bound.fileKey;
      }
      sublists.push({ sublistId, file: fileKey, fields });
    } else {
      throw new JobFailure(`The mapping ${rm.record} does not belong to record type ${mapping.recordType}.`);
    }
  }

  const externalIdField = body.find((b) => b.fieldId === 'externalid');
  const tranIdField = def.family === 'transaction' ? body.find((b) => b.fieldId === 'tranid') : undefined;
  let key: PreparedJob['key'];
  if (externalIdField) key = { kind: 'externalid', field: externalIdField };
  else if (internalIdField && dataHandling !== 'ADD') key = { kind: 'internalid', field: internalIdField };
  else if (tranIdField) key = { kind: 'tranid', field: tranIdField };
  const multiLine = sublists.length > 0 && linked.size === 0;
  if (!key && (multiLine || dataHandling !== 'ADD')) {
    throw new JobFailure('You must map one of the following NetSuite fields: External ID, Internal ID, or a transaction number field.');
  }

  const foreignKeyColumns = new Map<string, number>();
  let primaryKeyColumn: number | undefined;
  if (linked.size > 0) {
    const primary = mapping.files[0]?.primaryKey;
    if (!primary) throw new JobFailure('A multi-file import needs a primary key column on its main file.');
    primaryKeyColumn = main.header.indexOf(primary);
    if (primaryKeyColumn < 0) throw new JobFailure(`The primary key column "${primary}" is missing from the main file.`);
    for (const [fileKey, file] of linked) {
      const spec = mapping.files.find((f) => fileKeyMatches(f.file, fileKey));
      const foreign = spec?.foreignKey;
      if (!foreign) throw new JobFailure(`The linked file ${fileKey} has no foreign key column in the mapping.`);
      const index = file.header.indexOf(foreign);
      if (index < 0) throw new JobFailure(`The foreign key column "${foreign}" is missing from the linked file ${fileKey}.`);
      foreignKeyColumns.set(fileKey, index);
    }
  }

  return {
    def,
    dataHandling,
    main,
    linked,
    body,
    sublists,
    ...(key ? { key } : {}),
    ...(primaryKeyColumn === undefined ? {} : { primaryKeyColumn }),
    foreignKeyColumns,
    overwriteSublists: mappingFlag(mapping.options.overwritesublists, false),
    overwriteMissing: mappingFlag(mapping.options.overwritemissingfields, false),
    ignoreCustomMandatory: !mappingFlag(mapping.options.validatemandatorycustfields, true),
  };
}

function fileKeyMatches(fileId: string, key: string): boolean {
  const upper = fileId.toUpperCase();
  const k = key.toUpperCase();
  return upper === k || upper.endsWith(`:${k}`);
}

// ---- cell conversion -------------------------------------------------------------------------------

const PERIOD_NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)$/;
const COMMA_NUMBER = /^[-+]?(\d+(,\d*)?|,\d+)$/;

class CellReader {
  private readonly names: NameIndex;

  constructor(
    private readonly env: ExecutionEnv,
    private readonly options: CsvImportMapping['options'],
  ) {
    this.names = new NameIndex(env.account);
  }

  private invalid(field: BoundField, raw: string): Error {
    return nsError('INVALID_FLD_VALUE', `You have entered an Invalid Field Value ${raw} for the following field: ${field.fieldId}`);
  }

  private reference(field: BoundField, raw: string): string {
    const target = field.def.target;
    if (target === undefined) return raw;
    switch (field.referenceType) {
      case 'INTERNAL_ID':
        // The cell holds the internal id; the record service checks that it exists and is active.
        return raw;
      case 'EXTERNAL_ID': {
        const found = findByExternalIdInTarget(this.env.account, target, raw);
        if (!found) throw nsError('INVALID_KEY_OR_REF', `Invalid ${field.fieldId} reference key ${raw}.`);
        return String(found.id);
      }
      case 'NAME': {
        const found = this.names.resolve(target, raw);
        if (found.length === 0) throw nsError('INVALID_KEY_OR_REF', `Invalid ${field.fieldId} reference key ${raw}.`);
        if (found.length > 1) {
          throw nsError('INVALID_KEY_OR_REF', `More than one ${field.def.label} matches "${raw}" (internal ids ${found.map((r) => r.id).join(', ')}); use the internal id.`);
        }
        return String(found[0]?.id);
      }
    }
  }

  /** The stored value for a cell; undefined when the cell is empty (the field is left alone). */
  convert(field: BoundField, cell: string): FieldValue | undefined {
    const raw = cell.trim();
    if (raw === '') return undefined;
    if (field.readOnly) throw nsError('USER_ERROR', `The field ${field.fieldId} is read-only and cannot be imported (ignorereadonly is F).`);
    switch (field.def.kind) {
      case 'select':
        return this.reference(field, raw);
      case 'multiselect':
        return raw
          .split(this.options.multiselectdelimiter ?? '|')
          .map((v) => v.trim())
          .filter((v) => v !== '')
          .map((v) => this.reference(field, v));
      case 'date': {
        const parsed = parseDateWithPattern(raw, this.env.account.settings.dateFormat);
        if (!parsed) throw this.invalid(field, raw);
        return ymdFromDate(parsed);
      }
      case 'datetime': {
        const t = Date.parse(raw);
        if (Number.isNaN(t)) throw this.invalid(field, raw);
        return new Date(t).toISOString();
      }
      case 'integer':
      case 'float': {
        const comma = (this.options.decimaldelimiter ?? 'PERIOD').toUpperCase() === 'COMMA';
        if (!(comma ? COMMA_NUMBER : PERIOD_NUMBER).test(raw)) throw this.invalid(field, raw);
        const n = Number(comma ? raw.replace(',', '.') : raw);
        if (field.def.kind === 'integer' && !Number.isInteger(n)) throw this.invalid(field, raw);
        return n;
      }
      case 'checkbox': {
        const v = raw.toLowerCase();
        if (['t', 'true', 'yes', 'y', '1'].includes(v)) return true;
        if (['f', 'false', 'no', 'n', '0'].includes(v)) return false;
        throw this.invalid(field, raw);
      }
      case 'text':
        return raw;
    }
  }

  /** A field's value on a row: its constant or its cell. */
  value(field: BoundField, row: readonly string[]): FieldValue | undefined {
    if (field.constant !== undefined) return this.convert(field, field.constant);
    return this.convert(field, field.column === undefined ? '' : (row[field.column] ?? ''));
  }
}

// ---- grouping --------------------------------------------------------------------------------------

interface Group {
  /** Indexes into main.rows. */
  rows: number[];
  key: string;
}

function cellOf(field: BoundField | undefined, row: readonly string[]): string {
  if (!field) return '';
  if (field.constant !== undefined) return field.constant.trim();
  return field.column === undefined ? '' : (row[field.column] ?? '').trim();
}

/** Consecutive rows with the same non-empty identifier form one group; a row without one stands alone. */
function groupRows(job: PreparedJob): Group[] {
  const groups: Group[] = [];
  const keyField = job.key?.field;
  job.main.rows.forEach((row, index) => {
    const key = job.primaryKeyColumn !== undefined && !keyField ? (row[job.primaryKeyColumn] ?? '').trim() : cellOf(keyField, row);
    const last = groups[groups.length - 1];
    if (last && key !== '' && last.key === key) last.rows.push(index);
    else groups.push({ rows: [index], key });
  });
  return groups;
}

// ---- the job ---------------------------------------------------------------------------------------

function findExisting(env: ExecutionEnv, job: PreparedJob, key: string, tranIds: Map<string, StoredRecord[]>): StoredRecord | undefined {
  if (!job.key || key === '') return undefined;
  const type = job.def.type;
  switch (job.key.kind) {
    case 'externalid':
      return env.account.findByExternalId(type, key);
    case 'internalid':
      return /^\d+$/.test(key) ? env.account.getRecord(type, Number(key)) : undefined;
    case 'tranid': {
      const found = tranIds.get(key) ?? [];
      if (found.length > 1) throw nsError('USER_ERROR', `More than one ${job.def.label} has the number ${key}.`);
      return found[0] && env.account.getRecord(type, found[0].id);
    }
  }
}

function failedResult(message: string, csvText: string): CsvImportResult {
  let resultsCsv = '';
  let totalRows = 0;
  try {
    const parsed = Papa.parse<string[]>(csvText.replace(/^\uFEFF/, ''), { header: false, skipEmptyLines: 'greedy' });
    const [header = [], ...rows] = parsed.data;
    resultsCsv = Papa.unparse({ fields: [...header, 'Result', 'Message'], data: rows.map((r) => [...r, 'Failed', message]) });
    totalRows = rows.length;
  } catch {
    resultsCsv = '';
  }
  // No row was processed: every data row counts as not imported.
  return { status: 'FAILED', totalRows, importedRows: 0, failedRows: totalRows, records: [], rowResults: [], resultsCsv, error: message, warnings: [] };
}

/** Runs one CSV import job against the account. Never throws for data problems; see the header comment. */
export function runCsvImport(env: ExecutionEnv, job: CsvImportJob): CsvImportResult {
  let prepared: PreparedJob;
  try {
    prepared = prepareJob(env, job);
  } catch (err) {
    if (err instanceof JobFailure) return failedResult(err.message, job.csvText);
    throw err;
  }
  const { def, main } = prepared;
  const reader = new CellReader(env, job.mapping.options);
  const warnings: string[] = [];
  const rowResults: CsvImportRowResult[] = main.rows.map((_, i) => ({ row: i + 1, status: 'failed' }));
  const records: { id: number; externalId?: string }[] = [];
  const seen = new Set<number>();
  const tranIds = new Map<string, StoredRecord[]>();
  if (prepared.key?.kind === 'tranid') {
    for (const r of env.account.listRecords(def.type)) {
      const t = r.fields.tranid;
      if (typeof t === 'string' && t !== '') tranIds.set(t, [...(tranIds.get(t) ?? []), r]);
    }
  }
  const writeOptions = { ignoreMandatoryFields: prepared.ignoreCustomMandatory, source: 'csvimport' as const };

  for (const group of groupRows(prepared)) {
    const rowWarnings = new Map<number, string>();
    try {
      const firstIndex = group.rows[0] ?? 0;
      const first = main.rows[firstIndex] ?? [];
      // Body fields from the first row of the run.
      const body: Record<string, FieldValue> = {};
      for (const field of prepared.body) {
        const value = reader.value(field, first);
        if (value !== undefined) body[field.fieldId] = value;
        else if (prepared.overwriteMissing && field.constant === undefined) body[field.fieldId] = null;
      }
      for (const index of group.rows.slice(1)) {
        const row = main.rows[index] ?? [];
        for (const field of prepared.body) {
          if (field.column === undefined) continue;
          const later = (row[field.column] ?? '').trim();
          if (later !== '' && later !== (first[field.column] ?? '').trim()) {
            const note = `Row ${index + 1}: "${later}" in column "${field.columnName ?? ''}" differs from the first row of its record; the first row's value "${(first[field.column] ?? '').trim()}" is used.`;
            warnings.push(note);
            rowWarnings.set(index, note);
          }
        }
      }
      // Lines: one per row (main-file sublists) or per matching linked row.
      const lines: Record<string, StoredLine[]> = {};
      for (const sublist of prepared.sublists) {
        const sourceRows: (readonly string[])[] =
          sublist.file === 'main'
            ? group.rows.map((i) => main.rows[i] ?? [])
            : linkedRowsFor(prepared, sublist.file, (first[prepared.primaryKeyColumn ?? -1] ?? '').trim());
        for (const row of sourceRows) {
          const hasCells = sublist.fields.some((f) => f.column !== undefined && (row[f.column] ?? '').trim() !== '');
          if (!hasCells) continue;
          const line: StoredLine = {};
          for (const field of sublist.fields) {
            const value = reader.value(field, row);
            if (value !== undefined) line[field.fieldId] = value;
          }
          (lines[sublist.sublistId] ??= []).push(line);
        }
      }

      const existing = prepared.dataHandling === 'ADD' ? undefined : findExisting(env, prepared, group.key, tranIds);
      let saved: StoredRecord;
      if (prepared.dataHandling === 'UPDATE' && !existing) {
        throw nsError('RCRD_DSNT_EXIST', `No ${def.label} matches ${prepared.key?.kind ?? 'the key'} ${group.key}; UPDATE does not add records.`);
      }
      if (existing) {
        const merged = structuredClone(existing);
        Object.assign(merged.fields, body);
        for (const [sublistId, newLines] of Object.entries(lines)) {
          merged.sublists[sublistId] = prepared.overwriteSublists ? newLines : [...(merged.sublists[sublistId] ?? []), ...newLines];
        }
        saved = updateRecord(env, merged, writeOptions);
      } else {
        saved = createRecord(env, def.type, body, lines, writeOptions);
        if (prepared.key?.kind === 'tranid' && typeof saved.fields.tranid === 'string') {
          tranIds.set(saved.fields.tranid, [...(tranIds.get(saved.fields.tranid) ?? []), saved]);
        }
      }
      for (const index of group.rows) {
        const note = rowWarnings.get(index);
        rowResults[index] = { row: index + 1, status: 'imported', recordId: saved.id, ...(note ? { message: note } : {}) };
      }
      if (!seen.has(saved.id)) {
        seen.add(saved.id);
        const externalId = saved.fields.externalid;
        records.push({ id: saved.id, ...(typeof externalId === 'string' && externalId !== '' ? { externalId } : {}) });
      }
    } catch (err) {
      if (!isSuiteScriptError(err)) throw err;
      const message = `${err.name}: ${err.message}`;
      for (const index of group.rows) rowResults[index] = { row: index + 1, status: 'failed', message };
    }
  }

  const importedRows = rowResults.filter((r) => r.status === 'imported').length;
  const resultsCsv = Papa.unparse({
    fields: [...main.header, 'Result', 'Message'],
    data: main.rows.map((row, i) => {
      const r = rowResults[i];
      return [...row, r?.status === 'imported' ? 'Imported' : 'Failed', r?.message ?? ''];
    }),
  });
  return {
    status: 'COMPLETE',
    totalRows: main.rows.length,
    importedRows,
    failedRows: main.rows.length - importedRows,
    records,
    rowResults,
    resultsCsv,
    warnings,
  };
}

function linkedRowsFor(job: PreparedJob, fileKey: string, primaryKey: string): string[][] {
  const file = job.linked.get(fileKey);
  const column = job.foreignKeyColumns.get(fileKey);
  if (!file || column === undefined || primaryKey === '') return [];
  return file.rows.filter((r) => (r[column] ?? '').trim() === primaryKey);
}
