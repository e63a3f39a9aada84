// The saved CSV import map as the CSV import engine reads it (NETSUITE.md 3). Structurally compatible with
// what the SDF object reader returns (runtime/objects: SavedCsvImport), so either can be passed to runCsvImport.

/** Options of the saved map. Flags may come as booleans (SDF reader) or as the XML's 'T'/'F' strings. */
export interface CsvImportMappingOptions {
  charencoding?: string;
  /** COMMA (default) | SEMICOLON | TAB | PIPE | SPACE. */
  columndelimiter?: string;
  /** PERIOD (default) | COMMA. */
  decimaldelimiter?: string;
  /** Separator of multi-select values in one cell; default '|'. */
  multiselectdelimiter?: string;
  transactionform?: string;
  ignorereadonly?: boolean | string;
  overwritemissingfields?: boolean | string;
  overwritesublists?: boolean | string;
  runserversuitescript?: boolean | string;
  usemultithread?: boolean | string;
  validatemandatorycustfields?: boolean | string;
}

export interface CsvImportMappingFile {
  /** 'INVENTORYADJUSTMENT' for the main file, 'RECORD:SUBLIST' for a linked file. */
  file: string;
  primaryKey?: string;
  foreignKey?: string;
}

export interface CsvImportFieldMapping {
  /** Upper-case standard field id ('TRANDATE') or a custom field id ('custbody_x', unwrapped from [scriptid=...]). */
  field: string;
  /** A constant value for every row. */
  value?: string;
  /** Exact header text of the CSV column. */
  column?: string;
  /** The file holding the column (a `files[].file` value). */
  columnFile?: string;
  /** How a select cell is resolved: INTERNAL_ID | NAME | EXTERNAL_ID. */
  referenceType?: string;
}

export interface CsvImportRecordMapping {
  /** 'INVENTORYADJUSTMENT' (body), 'INVENTORYADJUSTMENT:INVENTORY' (sublist) or 'RECTYPE::SUBRECORD'. */
  record: string;
  line?: string;
  fieldMappings: CsvImportFieldMapping[];
}

export interface CsvImportMapping {
  /** custimport_... */
  scriptId: string;
  /** Upper-case record type, e.g. 'INVENTORYADJUSTMENT'. */
  recordType: string;
  /** ADD | UPDATE | ADDUPDATE. */
  dataHandling: string;
  options: CsvImportMappingOptions;
  files: CsvImportMappingFile[];
  recordMappings: CsvImportRecordMapping[];
}

/** Reads a map flag: true for `true`, 'T' or 'true'; `fallback` when absent. */
export function mappingFlag(value: boolean | string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  return value === true || value === 'T' || value === 'true';
}
