// The emulated NetSuite account: a folder of JSON files, loaded whole into memory by one command
// and written back by `save()`. Every emulated N/* module and engine reads and writes through this class.
//
// Folder layout (stable: tests and the demo read it):
//   account.json           settings, id counter, API secrets
//   records/<type>.json    StoredRecord[] per record type
//   inventory.json         InventoryBalance[] (on hand per item x location)
//   filecabinet.json       folders and file metadata; filecabinet/<id> holds each file's bytes
//   tasks.json             queued and finished tasks (CSV import, scheduled, map/reduce)
//   logs.jsonl             script execution log
//   outbox.jsonl           emails sent with N/email
import * as fs from 'node:fs';
import * as path from 'node:path';
import type {
  AccountSettings,
  ApiSecret,
  FieldValue,
  InventoryBalance,
  LogEntry,
  QueuedTask,
  SentEmail,
  StoredFile,
  StoredFolder,
  StoredLine,
  StoredRecord,
} from './types';

export const DEFAULT_SETTINGS: AccountSettings = {
  dateFormat: 'M/D/YYYY',
  timezone: 'America/New_York',
  features: ['SERVERSIDESCRIPTING', 'CUSTOMRECORDS', 'INVENTORY', 'LOCATIONS', 'MULTILOCINVT', 'ACCOUNTING', 'ADVRECEIVING', 'SUBSIDIARIES'],
  csvImportQueues: 1,
  allowOverageOnItemReceipts: false,
  defaultItemsToZeroReceived: false,
  fieldNotOnRecord: 'error',
  allowNegativeInventory: false,
  reloadModulesPerInvocation: true,
  accountId: 'LOCAL',
  envType: 'SANDBOX',
};

/** NetSuite's well-known File Cabinet root folder ids (SuiteScripts is -15). */
export const SUITESCRIPTS_FOLDER_ID = -15;

interface AccountFile {
  version: 1;
  nextId: number;
  settings: AccountSettings;
  secrets: Record<string, ApiSecret>;
  /** Parameter values an admin set on deployments in the account (deployment id -> param id -> value). */
  deploymentParams?: Record<string, Record<string, string>>;
}

interface FileCabinetIndex {
  folders: StoredFolder[];
  files: StoredFile[];
}

export class AccountError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = code;
  }
}

function readJson<T>(file: string, fallback: T): T {
  if (!fs.existsSync(file)) return fallback;
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

function writeJson(file: string, value: unknown): void {
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(value));
  fs.renameSync(tmp, file);
}

const balanceKey = (item: string, location: string): string => `${item}@${location}`;

export class Account {
  readonly settings: AccountSettings;
  readonly secrets: Record<string, ApiSecret>;
  /** Parameter values set on deployments in the account's UI; they override the SDF values. */
  readonly deploymentParams: Record<string, Record<string, string>>;
  private nextId: number;
  private readonly records = new Map<string, Map<number, StoredRecord>>();
  private readonly dirtyTypes = new Set<string>();
  /** type -> external id -> internal id; NetSuite keeps external ids unique per record type. */
  private readonly externalIds = new Map<string, Map<string, number>>();
  private readonly balances = new Map<string, InventoryBalance>();
  private readonly folders = new Map<number, StoredFolder>();
  private readonly files = new Map<number, StoredFile>();
  private readonly pendingBlobs = new Map<number, Uint8Array>();
  readonly tasks: QueuedTask[];
  private readonly newLogs: LogEntry[] = [];
  /** Every entry appended since this Account was opened (kept across save()), so a run finds its own. */
  private readonly sessionLogs: LogEntry[] = [];
  private readonly newEmails: SentEmail[] = [];

  private constructor(
    readonly dir: string,
    state: AccountFile,
  ) {
    this.settings = { ...DEFAULT_SETTINGS, ...state.settings };
    this.secrets = state.secrets;
    this.deploymentParams = state.deploymentParams ?? {};
    this.nextId = state.nextId;
    const recordsDir = path.join(dir, 'records');
    if (fs.existsSync(recordsDir)) {
      for (const name of fs.readdirSync(recordsDir)) {
        if (!name.endsWith('.json')) continue;
        const type = name.slice(0, -'.json'.length);
        const list = readJson<StoredRecord[]>(path.join(recordsDir, name), []);
        this.records.set(type, new Map(list.map((r) => [r.id, r])));
        for (const r of list) this.indexExternalId(r);
      }
    }
    for (const b of readJson<InventoryBalance[]>(path.join(dir, 'inventory.json'), [])) {
      this.balances.set(balanceKey(b.item, b.location), b);
    }
    const cabinet = readJson<FileCabinetIndex>(path.join(dir, 'filecabinet.json'), { folders: [], files: [] });
    for (const f of cabinet.folders) this.folders.set(f.id, f);
    for (const f of cabinet.files) this.files.set(f.id, f);
    if (!this.folders.has(SUITESCRIPTS_FOLDER_ID)) {
      this.folders.set(SUITESCRIPTS_FOLDER_ID, { id: SUITESCRIPTS_FOLDER_ID, name: 'SuiteScripts', parent: null });
    }
    this.tasks = readJson<QueuedTask[]>(path.join(dir, 'tasks.json'), []);
  }

  /** Opens an existing account folder. */
  static open(dir: string): Account {
    const file = path.join(dir, 'account.json');
    if (!fs.existsSync(file)) {
      throw new AccountError('ACCOUNT_NOT_FOUND', `No emulated account at ${dir} (create one with: ns-local account init ${dir} --fixture <file.json>)`);
    }
    return new Account(dir, readJson<AccountFile>(file, { version: 1, nextId: 1000, settings: DEFAULT_SETTINGS, secrets: {} }));
  }

  /** Creates an empty account folder (the fixture loader fills it). Refuses a folder that already holds an account. */
  static create(dir: string, settings: Partial<AccountSettings> = {}, secrets: Record<string, ApiSecret> = {}): Account {
    if (fs.existsSync(path.join(dir, 'account.json'))) {
      throw new AccountError('ACCOUNT_EXISTS', `An emulated account already exists at ${dir}`);
    }
    fs.mkdirSync(path.join(dir, 'records'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'filecabinet'), { recursive: true });
    const account = new Account(dir, { version: 1, nextId: 1000, settings: { ...DEFAULT_SETTINGS, ...settings }, secrets });
    account.save();
    return account;
  }

  // ---- ids -------------------------------------------------------------------------------------------

  /** Allocates a new internal id. One counter for the whole account keeps ids unique across types. */
  allocateId(): number {
    return this.nextId++;
  }

  private reserveId(id: number): void {
    if (id >= this.nextId) this.nextId = id + 1;
  }

  // ---- records ---------------------------------------------------------------------------------------

  private typeMap(type: string): Map<number, StoredRecord> {
    let map = this.records.get(type);
    if (!map) {
      map = new Map();
      this.records.set(type, map);
    }
    return map;
  }

  recordTypes(): string[] {
    return [...this.records.keys()].filter((t) => (this.records.get(t)?.size ?? 0) > 0).sort();
  }

  getRecord(type: string, id: number): StoredRecord | undefined {
    return this.records.get(type)?.get(id);
  }

  /** Finds a record of any type by id (internal ids are unique across the account here). */
  findRecordById(id: number): StoredRecord | undefined {
    for (const map of this.records.values()) {
      const found = map.get(id);
      if (found) return found;
    }
    return undefined;
  }

  listRecords(type: string): StoredRecord[] {
    return [...(this.records.get(type)?.values() ?? [])];
  }

  findByExternalId(type: string, externalId: string): StoredRecord | undefined {
    const id = this.externalIds.get(type)?.get(externalId);
    return id === undefined ? undefined : this.getRecord(type, id);
  }

  private indexExternalId(record: StoredRecord): void {
    const externalId = record.fields.externalid;
    if (typeof externalId !== 'string' || externalId === '') return;
    let index = this.externalIds.get(record.type);
    if (!index) {
      index = new Map();
      this.externalIds.set(record.type, index);
    }
    index.set(externalId, record.id);
  }

  private unindexExternalId(record: StoredRecord): void {
    const externalId = record.fields.externalid;
    if (typeof externalId === 'string') this.externalIds.get(record.type)?.delete(externalId);
  }

  /**
   * Stores a new record and returns it. Callers (N/record, CSV import, fixtures) have already validated it;
   * this only enforces what the database itself would: unique internal id and unique external id per type.
   */
  insertRecord(type: string, fields: Record<string, FieldValue>, sublists: Record<string, StoredLine[]> = {}, id?: number): StoredRecord {
    const map = this.typeMap(type);
    const externalId = fields.externalid;
    if (typeof externalId === 'string' && externalId !== '' && this.findByExternalId(type, externalId)) {
      throw new AccountError('DUP_RCRD', `A ${type} record with external id ${externalId} already exists`);
    }
    let recordId = id;
    if (recordId === undefined) recordId = this.allocateId();
    else this.reserveId(recordId);
    if (map.has(recordId)) throw new AccountError('DUP_RCRD', `A ${type} record with id ${recordId} already exists`);
    const record: StoredRecord = { type, id: recordId, fields: { ...fields, id: String(recordId) }, sublists };
    map.set(recordId, record);
    this.indexExternalId(record);
    this.dirtyTypes.add(type);
    return record;
  }

  replaceRecord(record: StoredRecord): void {
    const map = this.typeMap(record.type);
    if (!map.has(record.id)) throw new AccountError('RCRD_DSNT_EXIST', `No ${record.type} record with id ${record.id}`);
    const externalId = record.fields.externalid;
    if (typeof externalId === 'string' && externalId !== '') {
      const other = this.findByExternalId(record.type, externalId);
      if (other && other.id !== record.id) throw new AccountError('DUP_RCRD', `A ${record.type} record with external id ${externalId} already exists`);
    }
    const previous = map.get(record.id);
    if (previous) this.unindexExternalId(previous);
    map.set(record.id, record);
    this.indexExternalId(record);
    this.dirtyTypes.add(record.type);
  }

  deleteRecord(type: string, id: number): void {
    const map = this.records.get(type);
    const existing = map?.get(id);
    if (!map || !existing) throw new AccountError('RCRD_DSNT_EXIST', `No ${type} record with id ${id}`);
    this.unindexExternalId(existing);
    map.delete(id);
    this.dirtyTypes.add(type);
  }

  // ---- inventory -------------------------------------------------------------------------------------

  onHand(item: string, location: string): number {
    return this.balances.get(balanceKey(item, location))?.onHand ?? 0;
  }

  /** Changes on-hand stock; quantities may go negative as NetSuite allows without the "no negative" preference. */
  adjustOnHand(item: string, location: string, delta: number): void {
    const key = balanceKey(item, location);
    const row = this.balances.get(key) ?? { item, location, onHand: 0 };
    // Round to 6 decimals so repeated fractional adjustments do not accumulate float noise.
    row.onHand = Math.round((row.onHand + delta) * 1e6) / 1e6;
    this.balances.set(key, row);
    this.balancesDirty = true;
  }

  private balancesDirty = false;

  /** Quantity in transit to a location (transfer orders shipped there and not yet received). */
  inTransit(item: string, location: string): number {
    return this.balances.get(balanceKey(item, location))?.inTransit ?? 0;
  }

  adjustInTransit(item: string, location: string, delta: number): void {
    const key = balanceKey(item, location);
    const row = this.balances.get(key) ?? { item, location, onHand: 0 };
    const next = Math.round(((row.inTransit ?? 0) + delta) * 1e6) / 1e6;
    if (next === 0) delete row.inTransit;
    else row.inTransit = next;
    this.balances.set(key, row);
    this.balancesDirty = true;
  }

  inventoryBalances(filter: { item?: string; location?: string } = {}): InventoryBalance[] {
    return [...this.balances.values()]
      .filter((b) => (filter.item === undefined || b.item === filter.item) && (filter.location === undefined || b.location === filter.location))
      .sort((a, b) => Number(a.item) - Number(b.item) || Number(a.location) - Number(b.location));
  }

  // ---- File Cabinet ----------------------------------------------------------------------------------

  getFolder(id: number): StoredFolder | undefined {
    return this.folders.get(id);
  }

  listFolders(): StoredFolder[] {
    return [...this.folders.values()];
  }

  /** Folder id for a path like '/SuiteScripts/hotwax_inventory/errors', creating missing folders when asked. */
  folderByPath(folderPath: string, create = false): number | undefined {
    const parts = folderPath.split('/').filter((p) => p !== '');
    let parent: number | null = null;
    for (const part of parts) {
      const found = [...this.folders.values()].find((f) => f.parent === parent && f.name === part);
      if (found) {
        parent = found.id;
        continue;
      }
      if (!create) return undefined;
      const folder: StoredFolder = { id: this.allocateId(), name: part, parent };
      this.folders.set(folder.id, folder);
      this.cabinetDirty = true;
      parent = folder.id;
    }
    return parent ?? undefined;
  }

  createFolder(name: string, parent: number | null): StoredFolder {
    if (parent !== null && !this.folders.has(parent)) throw new AccountError('INVALID_KEY_OR_REF', `Folder ${parent} does not exist`);
    const folder: StoredFolder = { id: this.allocateId(), name, parent };
    this.folders.set(folder.id, folder);
    this.cabinetDirty = true;
    return folder;
  }

  folderPath(id: number): string {
    const names: string[] = [];
    let current = this.folders.get(id);
    while (current) {
      names.unshift(current.name);
      current = current.parent === null ? undefined : this.folders.get(current.parent);
    }
    return `/${names.join('/')}`;
  }

  private cabinetDirty = false;

  getFile(id: number): StoredFile | undefined {
    return this.files.get(id);
  }

  findFile(folder: number, name: string): StoredFile | undefined {
    return [...this.files.values()].find((f) => f.folder === folder && f.name === name);
  }

  listFiles(folder?: number): StoredFile[] {
    return [...this.files.values()].filter((f) => folder === undefined || f.folder === folder);
  }

  /** Saves file bytes. A file with the same name in the folder is replaced and keeps its id (NETSUITE.md 7 [U]). */
  saveFile(meta: Omit<StoredFile, 'id' | 'blob' | 'size' | 'created'>, bytes: Uint8Array): StoredFile {
    if (!this.folders.has(meta.folder)) throw new AccountError('INVALID_KEY_OR_REF', `Folder ${meta.folder} does not exist`);
    const existing = this.findFile(meta.folder, meta.name);
    const id = existing?.id ?? this.allocateId();
    const stored: StoredFile = { ...meta, id, blob: `filecabinet/${id}`, size: bytes.byteLength, created: existing?.created ?? new Date().toISOString() };
    this.files.set(id, stored);
    this.pendingBlobs.set(id, bytes);
    this.cabinetDirty = true;
    return stored;
  }

  readFile(id: number): Uint8Array {
    const pending = this.pendingBlobs.get(id);
    if (pending) return pending;
    const meta = this.files.get(id);
    if (!meta) throw new AccountError('RCRD_DSNT_EXIST', `File ${id} does not exist`);
    return fs.readFileSync(path.join(this.dir, meta.blob));
  }

  deleteFile(id: number): void {
    if (!this.files.delete(id)) throw new AccountError('RCRD_DSNT_EXIST', `File ${id} does not exist`);
    this.pendingBlobs.delete(id);
    fs.rmSync(path.join(this.dir, 'filecabinet', String(id)), { force: true });
    this.cabinetDirty = true;
  }

  // ---- logs and emails -------------------------------------------------------------------------------

  appendLog(entry: LogEntry): void {
    this.newLogs.push(entry);
    this.sessionLogs.push(entry);
  }

  /** A mark for logsSince(): how many entries this Account has appended so far. */
  logMark(): number {
    return this.sessionLogs.length;
  }

  /** Entries appended after logMark() returned `mark`, without reading the log file. */
  logsSince(mark: number): LogEntry[] {
    return this.sessionLogs.slice(mark);
  }

  readLogs(): LogEntry[] {
    const file = path.join(this.dir, 'logs.jsonl');
    const stored = fs.existsSync(file)
      ? fs.readFileSync(file, 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as LogEntry)
      : [];
    return [...stored, ...this.newLogs];
  }

  appendEmail(email: SentEmail): void {
    this.newEmails.push(email);
  }

  readOutbox(): SentEmail[] {
    const file = path.join(this.dir, 'outbox.jsonl');
    const stored = fs.existsSync(file)
      ? fs.readFileSync(file, 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as SentEmail)
      : [];
    return [...stored, ...this.newEmails];
  }

  // ---- persistence -----------------------------------------------------------------------------------

  /** Writes everything that changed since the last save. */
  save(): void {
    fs.mkdirSync(path.join(this.dir, 'records'), { recursive: true });
    fs.mkdirSync(path.join(this.dir, 'filecabinet'), { recursive: true });
    const state: AccountFile = { version: 1, nextId: this.nextId, settings: this.settings, secrets: this.secrets, deploymentParams: this.deploymentParams };
    writeJson(path.join(this.dir, 'account.json'), state);
    for (const type of this.dirtyTypes) {
      writeJson(path.join(this.dir, 'records', `${type}.json`), this.listRecords(type));
    }
    this.dirtyTypes.clear();
    if (this.balancesDirty || !fs.existsSync(path.join(this.dir, 'inventory.json'))) {
      writeJson(path.join(this.dir, 'inventory.json'), this.inventoryBalances());
      this.balancesDirty = false;
    }
    for (const [id, bytes] of this.pendingBlobs) fs.writeFileSync(path.join(this.dir, 'filecabinet', String(id)), bytes);
    this.pendingBlobs.clear();
    if (this.cabinetDirty || !fs.existsSync(path.join(this.dir, 'filecabinet.json'))) {
      writeJson(path.join(this.dir, 'filecabinet.json'), { folders: this.listFolders(), files: [...this.files.values()] });
      this.cabinetDirty = false;
    }
    writeJson(path.join(this.dir, 'tasks.json'), this.tasks);
    if (this.newLogs.length > 0) {
      fs.appendFileSync(path.join(this.dir, 'logs.jsonl'), this.newLogs.map((l) => JSON.stringify(l)).join('\n') + '\n');
      this.newLogs.length = 0;
    }
    if (this.newEmails.length > 0) {
      fs.appendFileSync(path.join(this.dir, 'outbox.jsonl'), this.newEmails.map((l) => JSON.stringify(l)).join('\n') + '\n');
      this.newEmails.length = 0;
    }
  }
}
