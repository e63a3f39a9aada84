// N/search (NETSUITE.md 4 and 5), run against the emulated Account. The engine lives in runtime/search/.
//
// Governance (NETSUITE.md 5, charged to env.meter() of the invocation running at the time):
//   search.create 0, search.load 5, Search.save 5, search.delete 5, search.lookupFields 1,
//   Search.runPaged 5, PagedData.fetch 5, ResultSet.getRange 10,
//   ResultSet.each 10 per call, plus 10 more for every further 1,000 results it hands to the callback
//   (result 1,001, 2,001, 3,001) [U: NetSuite documents 10 per call; fetching in pages of 1,000 is how
//   the cost grows with size].
// Limits:
//   ResultSet.each serves at most 4,000 results. With more, it throws SSS_SEARCH_FOR_EACH_LIMIT_EXCEEDED
//   [U: whether callbacks ran first is unverified; by default the callbacks for the first 4,000 run and
//   then it throws; the module option eachLimitBehavior: 'throw-first' throws before any callback].
//   ResultSet.getRange returns at most 1,000 results per call ([start, end), end exclusive) and can read past
//   4,000; a wider or negative range throws SSS_INVALID_SEARCH_RESULT_INDEX [U: code].
//   Search.runPaged takes pageSize 5..1000 (default 50; otherwise SSS_INVALID_SRCH_SETTING_VALUE [U: code])
//   and lists at most 1,000 page ranges; PagedData.fetch of an index not in pageRanges throws INVALID_PAGE_RANGE.
//   Results are not cached: every each/getRange/fetch runs the search again, as NetSuite documents.
// Saved searches are account records of type 'savedsearch' with fields {scriptid, title, definition (JSON)}.
// Search.save needs a title (SSS_MISSING_REQD_ARGUMENT), an id starting with customsearch when one is
// given (INVALID_SCRIPT_ID_1 [U]; without one NetSuite's customsearch<internal id> is used), a unique title
// (NAME_ALREADY_IN_USE) and a unique id (SSS_DUPLICATE_SEARCH_SCRIPT_ID). search.load / search.delete of an
// unknown id throw INVALID_SEARCH. Saved searches written as SDF XML in src/Objects are not read.
// search.lookupFields returns {} when the record does not exist [U].
// What the emulator does not understand (search type, field, join, operator, summary, formula, search
// settings, column functions) throws an SSS_INVALID_SRCH_* / INVALID_RCRD_TYPE error naming it: a search
// never quietly returns nothing because of an unknown name. Type, operator and syntax errors are raised by
// search.create / createFilter / createColumn; field and join errors when the search runs or is saved.
import type { ExecutionEnv } from '../context';
import { nsError } from './error';
import { columnKeys, SearchEngine, type ColumnSpec, type ExecutedSearch, type ResultRow, type SortDirection } from '../search/engine';
import {
  andTerms,
  decodeNode,
  encodeNode,
  normalizeSummary,
  OPERATORS,
  parseFilters,
  SUMMARY_TYPES,
  termFromObject,
  toExpression,
  type FilterNode,
  type FilterTerm,
  type FilterValue,
  type SummaryType,
} from '../search/filters';
import type { FieldKind } from '../search/values';
import type { ProjectObjects } from '../objects/types';

export const SEARCH_LIMITS = {
  EACH_MAX_RESULTS: 4000,
  EACH_RESULTS_PER_CHARGE: 1000,
  GET_RANGE_MAX: 1000,
  PAGE_SIZE_MIN: 5,
  PAGE_SIZE_MAX: 1000,
  PAGE_SIZE_DEFAULT: 50,
  MAX_PAGE_RANGES: 1000,
} as const;

/** Error codes the emulator chose where NetSuite's are unverified [U]; kept in one place to change them. */
export const SEARCH_ERROR_CODES = {
  GET_RANGE: 'SSS_INVALID_SEARCH_RESULT_INDEX',
  PAGE_SIZE: 'SSS_INVALID_SRCH_SETTING_VALUE',
  SAVED_SEARCH_ID: 'INVALID_SCRIPT_ID_1',
} as const;

export interface SearchModuleOptions {
  /** [U] ResultSet.each over 4,000 results: run the first 4,000 callbacks then throw (default), or throw first. */
  eachLimitBehavior?: 'callbacks-then-throw' | 'throw-first';
  /** Kinds of custom fields the project's Objects/ do not define. */
  customFields?: Record<string, FieldKind>;
  /** The project's SDF objects (custom field types, custom record types); undefined loads them from env.projectFolder. */
  projectObjects?: ProjectObjects | null;
}

export const SORT = { ASC: 'ASC', DESC: 'DESC', NONE: 'NONE' } as const;

export const SEARCH_TYPE = {
  ACCOUNT: 'account',
  ASSEMBLY_ITEM: 'assemblyitem',
  BIN: 'bin',
  BIN_TRANSFER: 'bintransfer',
  CASH_SALE: 'cashsale',
  CLASSIFICATION: 'classification',
  CONTACT: 'contact',
  CREDIT_MEMO: 'creditmemo',
  CURRENCY: 'currency',
  CUSTOMER: 'customer',
  CUSTOM_RECORD: 'customrecord',
  DEPARTMENT: 'department',
  DESCRIPTION_ITEM: 'descriptionitem',
  DISCOUNT_ITEM: 'discountitem',
  DOWNLOAD_ITEM: 'downloaditem',
  EMPLOYEE: 'employee',
  ENTITY: 'entity',
  ESTIMATE: 'estimate',
  FOLDER: 'folder',
  GIFT_CERTIFICATE_ITEM: 'giftcertificateitem',
  INVENTORY_ADJUSTMENT: 'inventoryadjustment',
  INVENTORY_COUNT: 'inventorycount',
  INVENTORY_DETAIL: 'inventorydetail',
  INVENTORY_ITEM: 'inventoryitem',
  INVENTORY_NUMBER: 'inventorynumber',
  INVENTORY_STATUS: 'inventorystatus',
  INVENTORY_STATUS_CHANGE: 'inventorystatuschange',
  INVENTORY_TRANSFER: 'inventorytransfer',
  INVOICE: 'invoice',
  ITEM: 'item',
  ITEM_FULFILLMENT: 'itemfulfillment',
  ITEM_GROUP: 'itemgroup',
  ITEM_RECEIPT: 'itemreceipt',
  JOURNAL_ENTRY: 'journalentry',
  KIT_ITEM: 'kititem',
  LOCATION: 'location',
  LOT_NUMBERED_ASSEMBLY_ITEM: 'lotnumberedassemblyitem',
  LOT_NUMBERED_INVENTORY_ITEM: 'lotnumberedinventoryitem',
  MARKUP_ITEM: 'markupitem',
  NON_INVENTORY_ITEM: 'noninventoryitem',
  OTHER_CHARGE_ITEM: 'otherchargeitem',
  PARTNER: 'partner',
  PAYMENT_ITEM: 'paymentitem',
  PURCHASE_ORDER: 'purchaseorder',
  RETURN_AUTHORIZATION: 'returnauthorization',
  SALES_ORDER: 'salesorder',
  SAVED_SEARCH: 'savedsearch',
  SCHEDULED_SCRIPT_INSTANCE: 'scheduledscriptinstance',
  SCRIPT_DEPLOYMENT: 'scriptdeployment',
  SERIALIZED_ASSEMBLY_ITEM: 'serializedassemblyitem',
  SERIALIZED_INVENTORY_ITEM: 'serializedinventoryitem',
  SERVICE_ITEM: 'serviceitem',
  SUBSIDIARY: 'subsidiary',
  SUBTOTAL_ITEM: 'subtotalitem',
  TERM: 'term',
  TRANSACTION: 'transaction',
  TRANSFER_ORDER: 'transferorder',
  UNITS_TYPE: 'unitstype',
  VENDOR: 'vendor',
  VENDOR_BILL: 'vendorbill',
  VENDOR_CREDIT: 'vendorcredit',
  VENDOR_RETURN_AUTHORIZATION: 'vendorreturnauthorization',
  WORK_ORDER: 'workorder',
} as const;

interface ModuleState {
  env: ExecutionEnv;
  engine: SearchEngine;
  options: SearchModuleOptions;
}

const SAVED_SEARCH_TYPE = 'savedsearch';

function required(value: unknown, what: string): void {
  if (value === undefined || value === null || value === '') throw nsError('SSS_MISSING_REQD_ARGUMENT', `Missing a required argument: ${what}`);
}

// ---- Column and Filter ------------------------------------------------------------------------------------

export class SearchColumn {
  readonly name: string;
  readonly join: string | undefined;
  readonly summary: SummaryType | undefined;
  readonly formula: string | undefined;
  readonly function: string | undefined;
  label: string | undefined;
  sort: SortDirection;

  constructor(options: Record<string, unknown>) {
    const { name, join, summary, formula, label, sort } = options;
    if (typeof name !== 'string' || name.trim() === '') throw nsError('SSS_MISSING_REQD_ARGUMENT', 'search.createColumn: missing a required argument: name');
    if (options.function !== undefined && options.function !== null && options.function !== '') {
      throw nsError('INVALID_SRCH_FUNCTN', `The local runtime does not emulate the search column function ${JSON.stringify(options.function)} (column ${name})`);
    }
    this.name = name.trim().toLowerCase();
    this.join = typeof join === 'string' && join !== '' ? join.toLowerCase() : undefined;
    this.summary = normalizeSummary(summary, 'SSS_INVALID_SRCH_COLUMN_SUM');
    this.formula = typeof formula === 'string' && formula !== '' ? formula : undefined;
    this.function = undefined;
    this.label = typeof label === 'string' ? label : undefined;
    const s = sort === undefined || sort === null || sort === '' ? 'NONE' : typeof sort === 'string' ? sort.toUpperCase() : '';
    if (s !== 'ASC' && s !== 'DESC' && s !== 'NONE') throw nsError('WRONG_PARAMETER_TYPE', `Invalid sort direction ${String(sort)} for column ${name} (ASC, DESC or NONE)`);
    this.sort = s;
  }

  spec(): ColumnSpec {
    return {
      name: this.name,
      ...(this.join ? { join: this.join } : {}),
      ...(this.summary ? { summary: this.summary } : {}),
      ...(this.formula !== undefined ? { formula: this.formula } : {}),
      ...(this.label !== undefined ? { label: this.label } : {}),
      sort: this.sort,
    };
  }

  setWhenOrderedBy(): SearchColumn {
    throw nsError('SSS_INVALID_SRCH_COLUMN', `The local runtime does not emulate Column.setWhenOrderedBy (column ${this.name})`);
  }

  toJSON(): Record<string, unknown> {
    return { name: this.name, join: this.join, summary: this.summary, formula: this.formula, label: this.label, sortdir: this.sort };
  }

  toString(): string {
    return `SearchColumn(${this.join ? `${this.join}.` : ''}${this.name}${this.summary ? `, ${this.summary}` : ''})`;
  }
}

export class SearchFilter {
  readonly name: string;
  readonly join: string | undefined;
  readonly operator: string;
  readonly values: FilterValue[];
  readonly formula: string | undefined;
  readonly summary: SummaryType | undefined;

  constructor(term: FilterTerm) {
    this.name = term.name;
    this.join = term.join;
    this.operator = term.operator;
    this.values = [...term.values];
    this.formula = term.formula;
    this.summary = term.summary;
  }

  toJSON(): Record<string, unknown> {
    return { name: this.name, join: this.join, operator: this.operator, values: this.values, formula: this.formula, summary: this.summary };
  }
}

function toColumns(input: unknown): SearchColumn[] {
  if (input === undefined || input === null) return [];
  const list = Array.isArray(input) ? (input as unknown[]) : [input];
  return list.map((c) => {
    if (c instanceof SearchColumn) return c;
    if (typeof c === 'string') {
      const spec = c.trim();
      const dot = spec.indexOf('.');
      return new SearchColumn(dot > 0 ? { name: spec.slice(dot + 1), join: spec.slice(0, dot) } : { name: spec });
    }
    // Plain {name, join, summary, ...} objects are accepted like createColumn options [U].
    if (typeof c === 'object' && c !== null && typeof (c as { name?: unknown }).name === 'string') return new SearchColumn(c as Record<string, unknown>);
    throw nsError('SSS_INVALID_SRCH_COLUMN', `The columns parameter is not a valid column, string, or column or string array: ${JSON.stringify(c)}`);
  });
}

// ---- Result ----------------------------------------------------------------------------------------------

function columnIndex(columns: readonly SearchColumn[], arg: unknown): number {
  if (arg instanceof SearchColumn) {
    const same = columns.indexOf(arg);
    if (same >= 0) return same;
  }
  let name: unknown;
  let join: unknown;
  let summary: unknown;
  let formula: unknown;
  if (typeof arg === 'string') name = arg;
  else if (typeof arg === 'object' && arg !== null) ({ name, join, summary, formula } = arg as Record<string, unknown>);
  if (typeof name !== 'string' || name === '') throw nsError('SSS_MISSING_REQD_ARGUMENT', 'Result.getValue/getText: missing a required argument: name');
  const n = name.toLowerCase();
  const j = typeof join === 'string' ? join.toLowerCase() : '';
  const s = typeof summary === 'string' ? summary.toUpperCase() : '';
  const find = (nn: string, jj: string): number =>
    columns.findIndex((c) => c.name === nn && (c.join ?? '') === jj && (c.summary ?? '') === s && (typeof formula !== 'string' || c.formula === formula));
  let index = find(n, j);
  if (index < 0 && typeof arg === 'string' && n.includes('.')) index = find(n.slice(n.indexOf('.') + 1), n.slice(0, n.indexOf('.')));
  return index;
}

export class SearchResult {
  readonly id: string | null;
  readonly recordType: string | null;
  readonly columns: SearchColumn[];
  readonly #row: ResultRow;
  readonly #keys: readonly string[];

  constructor(row: ResultRow, columns: SearchColumn[], keys: readonly string[]) {
    this.id = row.id;
    this.recordType = row.recordType;
    this.columns = columns;
    this.#row = row;
    this.#keys = keys;
  }

  /** Raw value: internal id for list fields, boolean for check boxes, strings otherwise; null for a column not in the search. */
  getValue(column: unknown): string | boolean | null {
    const i = columnIndex(this.columns, column);
    return i < 0 ? null : (this.#row.cells[i]?.value ?? null);
  }

  /** Display text of a list/record column; null for other columns [U] and for a column not in the search. */
  getText(column: unknown): string | null {
    const i = columnIndex(this.columns, column);
    return i < 0 ? null : (this.#row.cells[i]?.text ?? null);
  }

  getAllValues(): Record<string, unknown> {
    return valuesObject(this.#row, this.#keys);
  }

  toJSON(): { recordType: string | null; id: string | null; values: Record<string, unknown> } {
    return { recordType: this.recordType, id: this.id, values: valuesObject(this.#row, this.#keys) };
  }
}

function valuesObject(row: ResultRow, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  keys.forEach((key, i) => {
    out[key] = row.cells[i]?.mr ?? '';
  });
  return out;
}

// ---- Search ---------------------------------------------------------------------------------------------

interface SearchInit {
  type: string;
  filters: FilterNode | null;
  columns: SearchColumn[];
  title?: string | undefined;
  id?: string | undefined;
  searchId?: number;
  isPublic?: boolean;
}

export class Search {
  readonly #state: ModuleState;
  readonly #type: string;
  #filters: FilterNode | null;
  #columns: SearchColumn[];
  #searchId: number;
  title: string | undefined;
  id: string | undefined;
  isPublic: boolean;

  constructor(state: ModuleState, init: SearchInit) {
    this.#state = state;
    this.#type = init.type;
    this.#filters = init.filters;
    this.#columns = init.columns;
    this.#searchId = init.searchId ?? -1;
    this.title = init.title;
    this.id = init.id;
    this.isPublic = init.isPublic ?? false;
  }

  get searchType(): string {
    return this.#type;
  }

  /** Internal id of the saved search; -1 until saved [U]. */
  get searchId(): number {
    return this.#searchId;
  }

  /** The filters as Filter objects (a copy: assign the array back to change them). */
  get filters(): SearchFilter[] {
    const terms = andTerms(this.#filters);
    if (!terms) throw nsError('SSS_INVALID_SRCH_FILTER_EXPR', 'This search uses OR/NOT filter expressions; read Search.filterExpression instead (the local runtime does not list them as Filter objects)');
    return terms.map((t) => new SearchFilter(t));
  }

  set filters(value: unknown) {
    this.#filters = parseFilters(value);
  }

  get filterExpression(): unknown[] {
    return toExpression(this.#filters);
  }

  set filterExpression(value: unknown) {
    this.#filters = parseFilters(value);
  }

  get columns(): SearchColumn[] {
    return [...this.#columns];
  }

  set columns(value: unknown) {
    this.#columns = toColumns(value);
  }

  get settings(): unknown[] {
    return [];
  }

  set settings(value: unknown) {
    rejectSettings(value);
  }

  /** The definition the engine runs. */
  spec(): { type: string; filters: FilterNode | null; columns: ColumnSpec[] } {
    return { type: this.#type, filters: this.#filters, columns: this.#columns.map((c) => c.spec()) };
  }

  /** Runs the search without charging governance (Map/Reduce input, internal use). */
  execute(): ExecutedSearch {
    return this.#state.engine.execute(this.spec());
  }

  results(executed: ExecutedSearch, rows: readonly ResultRow[]): SearchResult[] {
    const columns = [...this.#columns];
    return rows.map((row) => new SearchResult(row, columns, executed.keys));
  }

  run(): ResultSet {
    return new ResultSet(this.#state, this);
  }

  runPaged(options?: { pageSize?: unknown }): PagedData {
    const size = options?.pageSize ?? SEARCH_LIMITS.PAGE_SIZE_DEFAULT;
    if (typeof size !== 'number' || !Number.isInteger(size) || size < SEARCH_LIMITS.PAGE_SIZE_MIN || size > SEARCH_LIMITS.PAGE_SIZE_MAX) {
      throw nsError(SEARCH_ERROR_CODES.PAGE_SIZE, `Search.runPaged: pageSize must be an integer from ${SEARCH_LIMITS.PAGE_SIZE_MIN} to ${SEARCH_LIMITS.PAGE_SIZE_MAX}, not ${JSON.stringify(size)}`);
    }
    this.#state.env.meter().chargeApi('search.runPaged');
    const executed = this.execute();
    return new PagedData(this.#state, this, size, executed);
  }

  save(): number {
    const { env, engine } = this.#state;
    env.meter().chargeApi('search.save');
    if (typeof this.title !== 'string' || this.title.trim() === '') throw nsError('SSS_MISSING_REQD_ARGUMENT', 'Search.save: the Search.title property is required');
    let scriptId = typeof this.id === 'string' && this.id.trim() !== '' ? this.id.trim().toLowerCase() : undefined;
    if (scriptId !== undefined && !scriptId.startsWith('customsearch')) {
      throw nsError(SEARCH_ERROR_CODES.SAVED_SEARCH_ID, `Search.save: the search id ${this.id ?? ''} must start with customsearch`);
    }
    engine.validate(this.spec());
    const account = env.account;
    const existing = account.listRecords(SAVED_SEARCH_TYPE);
    const self = this.#searchId > 0 ? account.getRecord(SAVED_SEARCH_TYPE, this.#searchId) : undefined;
    const title = this.title.trim();
    if (existing.some((r) => r !== self && String(r.fields.title ?? '').toLowerCase() === title.toLowerCase())) {
      throw nsError('NAME_ALREADY_IN_USE', `A saved search with the title "${title}" already exists`);
    }
    if (scriptId !== undefined && existing.some((r) => r !== self && String(r.fields.scriptid ?? '').toLowerCase() === scriptId)) {
      throw nsError('SSS_DUPLICATE_SEARCH_SCRIPT_ID', `A saved search with the id ${scriptId} already exists`);
    }
    const definition = JSON.stringify({ searchType: this.#type, filters: encodeNode(this.#filters), columns: this.#columns.map((c) => c.spec()), isPublic: this.isPublic });
    if (self) {
      account.replaceRecord({ ...self, fields: { ...self.fields, scriptid: scriptId ?? String(self.fields.scriptid), title, definition } });
      env.journal.recordUpdated(SAVED_SEARCH_TYPE, self.id);
      scriptId = scriptId ?? String(self.fields.scriptid);
    } else {
      const created = account.insertRecord(SAVED_SEARCH_TYPE, { scriptid: scriptId ?? '', title, definition });
      if (scriptId === undefined) {
        scriptId = `customsearch${created.id}`;
        account.replaceRecord({ ...created, fields: { ...created.fields, scriptid: scriptId } });
      }
      env.journal.recordCreated(SAVED_SEARCH_TYPE, created.id);
      this.#searchId = created.id;
    }
    this.id = scriptId;
    return this.#searchId;
  }

  toJSON(): Record<string, unknown> {
    return { searchType: this.#type, searchId: this.#searchId, title: this.title, id: this.id, isPublic: this.isPublic, filters: toExpression(this.#filters), columns: this.#columns.map((c) => c.toJSON()) };
  }

  toString(): string {
    return `search.Search(${this.#type}${this.id ? `, ${this.id}` : ''})`;
  }
}

function rejectSettings(value: unknown): void {
  if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) return;
  throw nsError('SSS_INVALID_SRCH_SETTING', `The local runtime does not emulate search settings: ${JSON.stringify(value)}`);
}

// ---- ResultSet, PagedData, Page ------------------------------------------------------------------------------------

function eachLimitError(count: number): Error {
  return nsError(
    'SSS_SEARCH_FOR_EACH_LIMIT_EXCEEDED',
    `ResultSet.each can return at most ${SEARCH_LIMITS.EACH_MAX_RESULTS} results and this search has ${count}; use Search.runPaged or ResultSet.getRange, or narrow the filters`,
  );
}

export class ResultSet {
  readonly #state: ModuleState;
  readonly #search: Search;
  readonly columns: SearchColumn[];

  constructor(state: ModuleState, search: Search) {
    this.#state = state;
    this.#search = search;
    this.columns = search.columns;
  }

  each(callback: (result: SearchResult) => unknown): void {
    if (typeof callback !== 'function') throw nsError('SSS_MISSING_REQD_ARGUMENT', 'ResultSet.each: missing a required argument: callback');
    const meter = (): ReturnType<ExecutionEnv['meter']> => this.#state.env.meter();
    meter().chargeApi('ResultSet.each');
    const executed = this.#search.execute();
    const total = executed.rows.length;
    const over = total > SEARCH_LIMITS.EACH_MAX_RESULTS;
    if (over && this.#state.options.eachLimitBehavior === 'throw-first') throw eachLimitError(total);
    const n = Math.min(total, SEARCH_LIMITS.EACH_MAX_RESULTS);
    for (let i = 0; i < n; i += 1) {
      if (i > 0 && i % SEARCH_LIMITS.EACH_RESULTS_PER_CHARGE === 0) meter().chargeApi('ResultSet.each');
      const row = executed.rows[i];
      if (!row) break;
      const [result] = this.#search.results(executed, [row]);
      const goOn: unknown = callback(result as SearchResult);
      if (!goOn) return;
    }
    if (over) throw eachLimitError(total);
  }

  getRange(options: unknown, endArg?: unknown): SearchResult[] {
    let start: unknown;
    let end: unknown;
    if (typeof options === 'object' && options !== null) ({ start, end } = options as { start?: unknown; end?: unknown });
    else {
      start = options;
      end = endArg;
    }
    required(start, 'start');
    required(end, 'end');
    const s = Number(start);
    const e = Number(end);
    if (!Number.isInteger(s) || !Number.isInteger(e) || s < 0 || e < s) {
      throw nsError(SEARCH_ERROR_CODES.GET_RANGE, `ResultSet.getRange: invalid range start=${String(start)} end=${String(end)} (0 <= start <= end)`);
    }
    if (e - s > SEARCH_LIMITS.GET_RANGE_MAX) {
      throw nsError(SEARCH_ERROR_CODES.GET_RANGE, `ResultSet.getRange returns at most ${SEARCH_LIMITS.GET_RANGE_MAX} results per call; start=${s} end=${e} asks for ${e - s}`);
    }
    this.#state.env.meter().chargeApi('ResultSet.getRange');
    const executed = this.#search.execute();
    return this.#search.results(executed, executed.rows.slice(s, e));
  }
}

export interface PageRange {
  readonly index: number;
  readonly compoundLabel: string;
}

export class PagedData {
  readonly #state: ModuleState;
  readonly searchDefinition: Search;
  readonly pageSize: number;
  readonly count: number;
  readonly pageRanges: PageRange[];
  /**
   * The rows as runPaged found them. Pages are cut from this one evaluation instead of re-running the search
   * per fetch (which made paging O(pages x rows)). [U] NetSuite may re-query per page; a script that changes
   * records while paging would see that difference, ours do not.
   */
  readonly #executed: ExecutedSearch;

  constructor(state: ModuleState, search: Search, pageSize: number, executed: ExecutedSearch) {
    this.#state = state;
    this.searchDefinition = search;
    this.pageSize = pageSize;
    this.#executed = executed;
    const count = executed.rows.length;
    this.count = count;
    const pages = Math.min(Math.ceil(count / pageSize), SEARCH_LIMITS.MAX_PAGE_RANGES);
    this.pageRanges = Array.from({ length: pages }, (_, index) => ({
      index,
      compoundLabel: `${index * pageSize + 1} - ${Math.min((index + 1) * pageSize, count)}`,
    }));
  }

  fetch(options: unknown): Page {
    const index = typeof options === 'number' ? options : typeof options === 'object' && options !== null ? (options as { index?: unknown }).index : undefined;
    required(index, 'index');
    const range = typeof index === 'number' && Number.isInteger(index) ? this.pageRanges[index] : undefined;
    if (!range) throw nsError('INVALID_PAGE_RANGE', `Invalid page range: ${String(index)} (this search has ${this.pageRanges.length} pages)`);
    this.#state.env.meter().chargeApi('PagedData.fetch');
    const rows = this.#executed.rows.slice(range.index * this.pageSize, (range.index + 1) * this.pageSize);
    return new Page(this, range, this.searchDefinition.results(this.#executed, rows));
  }
}

export class Page {
  readonly pagedData: PagedData;
  readonly pageRange: PageRange;
  readonly data: SearchResult[];
  readonly isFirst: boolean;
  readonly isLast: boolean;

  constructor(pagedData: PagedData, pageRange: PageRange, data: SearchResult[]) {
    this.pagedData = pagedData;
    this.pageRange = pageRange;
    this.data = data;
    this.isFirst = pageRange.index === 0;
    this.isLast = pageRange.index === pagedData.pageRanges.length - 1;
  }

  next(): Page {
    return this.pagedData.fetch({ index: this.pageRange.index + 1 });
  }

  prev(): Page {
    return this.pagedData.fetch({ index: this.pageRange.index - 1 });
  }
}

// ---- the module ----------------------------------------------------------------------------------------------------

/** The stored saved search with this internal id (number or digits) or script id (customsearch_...), if any. */
export function findSavedSearch(account: ExecutionEnv['account'], id: unknown): ReturnType<ExecutionEnv['account']['getRecord']> {
  if (typeof id === 'number' || (typeof id === 'string' && /^\d+$/.test(id.trim()))) return account.getRecord(SAVED_SEARCH_TYPE, Number(id));
  const wanted = String(id).trim().toLowerCase();
  return account.listRecords(SAVED_SEARCH_TYPE).find((r) => String(r.fields.scriptid ?? '').toLowerCase() === wanted);
}

function findSaved(state: ModuleState, id: unknown): ReturnType<ExecutionEnv['account']['getRecord']> {
  return findSavedSearch(state.env.account, id);
}

function invalidSearch(state: ModuleState, id: unknown): Error {
  const inProject = state.engine.projectObjects()?.savedSearches.some((s) => s.scriptId.toLowerCase() === String(id).toLowerCase());
  const note = inProject ? ' (it is defined as SDF XML in src/Objects, which the local runtime does not read: create it in the account with Search.save() or a savedsearch fixture record)' : '';
  return nsError('INVALID_SEARCH', `That search or mass update does not exist: ${String(id)}${note}`);
}

export interface SearchModule {
  Operator: typeof OPERATORS;
  Summary: typeof SUMMARY_TYPES;
  Sort: typeof SORT;
  Type: typeof SEARCH_TYPE;
  create(options: Record<string, unknown>): Search;
  load(options: { id?: unknown; type?: unknown }): Search;
  delete(options: { id?: unknown }): void;
  lookupFields(options: { type?: unknown; id?: unknown; columns?: unknown }): Record<string, unknown>;
  createColumn(options: Record<string, unknown>): SearchColumn;
  createFilter(options: Record<string, unknown>): SearchFilter;
  createSetting(options: unknown): never;
  duplicates(options: unknown): never;
  global(options: unknown): never;
}

export function createSearchModule(env: ExecutionEnv, options: SearchModuleOptions = {}): SearchModule {
  const state: ModuleState = {
    env,
    engine: new SearchEngine(env, {
      ...(options.customFields ? { customFields: options.customFields } : {}),
      ...(options.projectObjects !== undefined ? { projectObjects: options.projectObjects } : {}),
    }),
    options,
  };
  const notEmulated = (api: string): never => {
    throw nsError('SSS_NOT_SUPPORTED_BY_LOCAL_RUNTIME', `The local runtime does not emulate search.${api}`);
  };
  return {
    Operator: OPERATORS,
    Summary: SUMMARY_TYPES,
    Sort: SORT,
    Type: SEARCH_TYPE,

    create(opts) {
      if (typeof opts !== 'object' || opts === null) throw nsError('SSS_MISSING_REQD_ARGUMENT', 'search.create: missing a required argument: options');
      env.meter().chargeApi('search.create');
      const info = state.engine.searchType(opts.type);
      rejectSettings(opts.settings);
      const filters = parseFilters(opts.filters !== undefined ? opts.filters : opts.filterExpression);
      const columns = toColumns(opts.columns);
      return new Search(state, {
        type: info.type,
        filters,
        columns,
        title: typeof opts.title === 'string' ? opts.title : undefined,
        id: typeof opts.id === 'string' ? opts.id : undefined,
        isPublic: opts.isPublic === true,
      });
    },

    load(opts) {
      required(opts?.id, 'id');
      env.meter().chargeApi('search.load');
      const record = findSaved(state, opts.id);
      if (!record) throw invalidSearch(state, opts.id);
      const def = JSON.parse(String(record.fields.definition ?? '{}')) as { searchType?: string; filters?: unknown; columns?: Record<string, unknown>[]; isPublic?: boolean };
      const type = state.engine.searchType(def.searchType).type;
      return new Search(state, {
        type,
        filters: decodeNode(def.filters),
        columns: (def.columns ?? []).map((c) => new SearchColumn(c)),
        title: String(record.fields.title ?? ''),
        id: String(record.fields.scriptid ?? ''),
        searchId: record.id,
        isPublic: def.isPublic === true,
      });
    },

    delete(opts) {
      required(opts?.id, 'id');
      env.meter().chargeApi('search.delete');
      const record = findSaved(state, opts.id);
      if (!record) throw invalidSearch(state, opts.id);
      env.account.deleteRecord(SAVED_SEARCH_TYPE, record.id);
      env.journal.recordDeleted(SAVED_SEARCH_TYPE, record.id);
    },

    lookupFields(opts) {
      required(opts?.type, 'type');
      required(opts?.id, 'id');
      required(opts?.columns, 'columns');
      env.meter().chargeApi('search.lookupFields');
      return state.engine.lookup(opts.type, opts.id, opts.columns);
    },

    createColumn(opts) {
      if (typeof opts !== 'object' || opts === null) throw nsError('SSS_MISSING_REQD_ARGUMENT', 'search.createColumn: missing a required argument: options');
      return new SearchColumn(opts);
    },

    createFilter(opts) {
      if (typeof opts !== 'object' || opts === null) throw nsError('SSS_MISSING_REQD_ARGUMENT', 'search.createFilter: missing a required argument: options');
      return new SearchFilter(termFromObject(opts));
    },

    createSetting: () => notEmulated('createSetting'),
    duplicates: () => notEmulated('duplicates'),
    global: () => notEmulated('global'),
  };
}

/**
 * What a Map/Reduce getInputData that returns a Search produces (NETSUITE.md 6.2): one pair per result,
 * key = the result's internal id, value = JSON {"recordType","id","values":{...}} with list fields as
 * {value,text}, check boxes 'T'/'F', other fields as strings, joined columns keyed 'name.join' and summary
 * columns 'GROUP(name)'. Summary results have no id; their key is the result's index [U]. Charges nothing
 * and has no 4,000-result cap.
 */
export function searchResultsAsMapReduceInput(search: unknown): { key: string; value: string }[] {
  if (!(search instanceof Search)) throw nsError('SSS_INVALID_TYPE_ARG', 'getInputData returned an object that is not a search.Search created by N/search');
  const executed = search.execute();
  return executed.rows.map((row, i) => ({
    key: row.id ?? String(i),
    value: JSON.stringify({ recordType: row.recordType, id: row.id, values: valuesObject(row, executed.keys) }),
  }));
}

export { columnKeys };
