// Typed view of an SDF project's object definitions (NETSUITE.md 3 and 8), produced by loadProjectObjects().
// The local runtime and the validator (tools/sdf) both read objects only through this model.
//
// Values are kept as NetSuite writes them (upper-case enums, raw script ids) so the validator can report
// an invalid value instead of the reader silently dropping it: enum-like fields are typed `string`, and the
// allowed sets live beside the types (SCRIPT_OBJECT_TYPES, CUSTOM_FIELD_KINDS) or in the validator's rules.

/** Script object root tags this reader understands. */
export const SCRIPT_OBJECT_TYPES = ['scheduledscript', 'mapreducescript', 'restlet', 'suitelet', 'usereventscript', 'clientscript'] as const;
export type ScriptObjectType = (typeof SCRIPT_OBJECT_TYPES)[number];

/** @NScriptType expected in the header of each script object's file (NETSUITE.md 6.3). */
export const SCRIPT_TYPE_HEADER: Record<ScriptObjectType, string> = {
  scheduledscript: 'ScheduledScript',
  mapreducescript: 'MapReduceScript',
  restlet: 'Restlet',
  suitelet: 'Suitelet',
  usereventscript: 'UserEventScript',
  clientscript: 'ClientScript',
};

/** Stand-alone custom field objects (one object per field). */
export const CUSTOM_FIELD_KINDS = [
  'transactionbodycustomfield',
  'transactioncolumncustomfield',
  'entitycustomfield',
  'itemcustomfield',
  'othercustomfield',
  'crmcustomfield',
] as const;
export type CustomFieldKind = (typeof CUSTOM_FIELD_KINDS)[number];

/** Paths in this model are relative to the project folder (src/) and use '/', e.g. 'Objects/variance/x.xml'. */
export type ProjectPath = string;

/** Every object file that parsed, whatever its type: what deploy coverage and id checks need. */
export interface ObjectFileEntry {
  file: ProjectPath;
  /** Root element name, e.g. 'mapreducescript'. */
  tag: string;
  /** The root's scriptid attribute; undefined when missing (the validator reports it). */
  scriptId: string | undefined;
  /** Every `[scriptid=...]` reference found in the object's values, without brackets (may be dotted: 'customrecord_x.custrecord_y'). */
  references: string[];
}

export interface ScriptParameter {
  /** custscript_... */
  scriptId: string;
  /** generic_customfield_fieldtype: TEXT, CHECKBOX, INTEGER, SELECT, DATE, FLOAT, CLOBTEXT (long text), PERCENT, ... */
  fieldType: string;
  label: string;
  defaultValue?: string;
  isMandatory: boolean;
  /** Raw value, e.g. '-103' or '[scriptid=customrecord_x]'. */
  selectRecordType?: string;
}

export interface ScriptDeployment {
  /** customdeploy_... */
  scriptId: string;
  /** SCHEDULED | NOTSCHEDULED | TESTING (scheduled, map/reduce); TESTING | RELEASED (others). Default TESTING. */
  status: string;
  title: string;
  /** Default T. */
  isDeployed: boolean;
  /** DEBUG | AUDIT | ERROR | EMERGENCY. Default DEBUG. */
  logLevel: string;
  runAsRole?: string;
  /** Parameter values set on the deployment: `<custscript_x>v</custscript_x>`, keyed by parameter id. */
  paramValues: Record<string, string>;
  /** Map/reduce deployment fields (NaN when present but not a number; the validator reports it). */
  concurrencyLimit?: number;
  bufferSize?: number;
  yieldAfterMins?: number;
  queueAllStagesAtOnce?: boolean;
  /** Only when written on the deployment (normally they come from the script's exported `config`). */
  retryCount?: number;
  exitOnError?: boolean;
  /** The raw `<recurrence>` element as parsed (one of single, daily, weekly, ... with startdate, starttime, repeat). */
  recurrence?: Record<string, unknown>;
}

export interface ScriptObject {
  /** customscript_... */
  scriptId: string;
  objectType: ScriptObjectType;
  file: ProjectPath;
  name: string;
  /** File Cabinet path without brackets, e.g. '/SuiteScripts/hotwax_inventory/variance_import.js'. */
  scriptFile: string;
  isInactive: boolean;
  params: ScriptParameter[];
  deployments: ScriptDeployment[];
}

/** Options of a saved CSV import, keyed by their XML element names. Absent elements are left undefined. */
export interface CsvImportOptions {
  charencoding?: string;
  columndelimiter?: string;
  decimaldelimiter?: string;
  multiselectdelimiter?: string;
  transactionform?: string;
  entryform?: string;
  customrecord?: string;
  ignorereadonly?: boolean;
  overwritemissingfields?: boolean;
  overwritesublists?: boolean;
  runserversuitescript?: boolean;
  usemultithread?: boolean;
  validatemandatorycustfields?: boolean;
  preventduplicates?: boolean;
  logsystemnotescustfields?: boolean;
}

export interface CsvImportFile {
  /** Record type of the main file ('INVENTORYADJUSTMENT') or 'RECORD:SUBLIST' of a linked file. */
  file: string;
  primaryKey?: string;
  foreignKey?: string;
}

export type CsvReferenceType = 'INTERNAL_ID' | 'NAME' | 'EXTERNAL_ID';

export interface CsvFieldMapping {
  /** Upper-case standard field id ('TRANDATE') or a custom field id unwrapped from `[scriptid=...]` ('custbody_x'). */
  field: string;
  /** A constant value. */
  value?: string;
  /** Exact CSV header text. */
  column?: string;
  /** Which import file the column is in (one of the import's files). */
  columnFile?: string;
  /** Raw `columnreference/type`; normally one of CsvReferenceType. */
  referenceType?: string;
}

export interface CsvRecordMapping {
  /** 'INVENTORYADJUSTMENT' (body), 'INVENTORYADJUSTMENT:INVENTORY' (sublist) or 'RECTYPE::SUBRECORD'. */
  record: string;
  line?: string;
  fieldMappings: CsvFieldMapping[];
}

export interface SavedCsvImport {
  /** custimport_... */
  scriptId: string;
  file: ProjectPath;
  recordType: string;
  importName: string;
  /** ADD (default) | UPDATE | ADDUPDATE. */
  dataHandling: string;
  options: CsvImportOptions;
  files: CsvImportFile[];
  recordMappings: CsvRecordMapping[];
}

export interface CustomRecordField {
  /** custrecord_... */
  scriptId: string;
  fieldType: string;
  label: string;
  isMandatory: boolean;
  selectRecordType?: string;
}

export interface CustomRecordType {
  /** customrecord_... */
  scriptId: string;
  file: ProjectPath;
  recordName: string;
  fields: CustomRecordField[];
}

export interface CustomField {
  /** custbody_..., custcol_..., custentity_..., custitem_..., custevent_..., custrecord_... (othercustomfield). */
  scriptId: string;
  kind: CustomFieldKind;
  file: ProjectPath;
  fieldType: string;
  label: string;
  isMandatory: boolean;
  /** Applies-to flags set to T, e.g. ['bodyinventoryadjustment'] or ['colinventoryadjustment']; for othercustomfield its rectype. */
  appliesTo: string[];
  selectRecordType?: string;
}

/** Objects this reader knows only by id: saved searches (system-generated XML), secrets. */
export interface SimpleObject {
  scriptId: string;
  file: ProjectPath;
}

/** An object of a type this reader does not model; kept for deploy coverage and id checks. */
export interface UnknownObject {
  tag: string;
  scriptId: string;
  file: ProjectPath;
}

export interface ManifestFeature {
  id: string;
  /** required="true"; false when the attribute is missing or "false". */
  required: boolean;
}

export interface Manifest {
  file: ProjectPath;
  /** ACCOUNTCUSTOMIZATION | SUITEAPP. */
  projectType: string;
  projectName: string;
  frameworkVersion?: string;
  features: ManifestFeature[];
}

export interface DeployDescriptor {
  file: ProjectPath;
  /** Path patterns as written ('~/FileCabinet/SuiteScripts/*'): `~` is the project folder, `*` a wildcard. */
  files: string[];
  objects: string[];
  configuration: string[];
  translationImports: string[];
}

export interface XmlError {
  file: ProjectPath;
  message: string;
}

export interface ProjectObjects {
  /** Absolute path of the project folder (normally <repo>/src). */
  projectFolder: string;
  objectFiles: ObjectFileEntry[];
  scripts: ScriptObject[];
  csvImports: SavedCsvImport[];
  customRecordTypes: CustomRecordType[];
  customFields: CustomField[];
  savedSearches: SimpleObject[];
  secrets: SimpleObject[];
  others: UnknownObject[];
  /** Undefined when src/manifest.xml is missing or does not parse (see xmlErrors). */
  manifest: Manifest | undefined;
  /** Undefined when src/deploy.xml is missing or does not parse (see xmlErrors). */
  deploy: DeployDescriptor | undefined;
  /** Files that could not be read or parsed; the reader never throws for them. */
  xmlErrors: XmlError[];
}
