// The emulated account's data model, shared by every emulated N/* module and engine.
// Record types and field ids are NetSuite's lower-case ids ('inventoryadjustment', 'trandate').

/** A stored field value. Dates are 'YYYY-MM-DD' strings, datetimes ISO strings; select fields hold the internal id as a string. */
export type FieldValue = string | number | boolean | null | string[];

export type StoredLine = Record<string, FieldValue>;

export interface StoredRecord {
  type: string;
  id: number;
  fields: Record<string, FieldValue>;
  sublists: Record<string, StoredLine[]>;
}

export interface AccountSettings {
  /** The importing/running user's date preference, e.g. 'M/D/YYYY' (NETSUITE.md 7: N/format follows user preferences). */
  dateFormat: string;
  timezone: string;
  /** Enabled features (manifest feature ids), e.g. MULTILOCINVT. */
  features: string[];
  /** Number of CSV import queues (SuiteCloud Plus: up to 5). */
  csvImportQueues: number;
  /** Item receipt preference "Allow Overage on Item Receipts" (NETSUITE.md 4.4). */
  allowOverageOnItemReceipts: boolean;
  /** Item receipt preference "Default Items to Zero Received" (NETSUITE.md 4.4). */
  defaultItemsToZeroReceived: boolean;
  /**
   * [U] What setting a project custom field on a record type its applies-to flags do not name does. No source
   * says what NetSuite does, so ns-local fails loudly by default ('error'); 'ignore' drops the value silently.
   * A CSV import whose map names such a field fails as a job either way. On docs/sandbox-checklist.md.
   */
  fieldNotOnRecord: 'error' | 'ignore';
  /**
   * [U] Whether an inventory adjustment or transfer may take a location's on-hand below zero. No Oracle source
   * was found for adjustments and transfers; ns-local refuses by default. On docs/sandbox-checklist.md.
   */
  allowNegativeInventory: boolean;
  /**
   * [U] Whether saving an item receipt updates its purchase order's lastmodifieddate (NETSUITE.md 4.4: the
   * PO's received quantities and status change; whether that counts as a modification is unconfirmed).
   * Default true; scripts must be correct either way.
   */
  itemReceiptTouchesPurchaseOrder?: boolean;
  /** Whether module state is reset between Map/Reduce invocations (NETSUITE.md 6.2: no shared module state). */
  reloadModulesPerInvocation: boolean;
  /** Account id shown by N/runtime. */
  accountId: string;
  envType: 'SANDBOX' | 'PRODUCTION';
  /**
   * [U] Whether the CSV a search task writes quotes every value, or only values that need it (the default).
   * Readers of that file should accept both.
   */
  searchTaskCsvQuoteAll?: boolean;
}

export interface ApiSecret {
  /** Password for `secret` / `passwordGuid` connections. */
  password?: string;
  /** PEM private key for `keyId` connections. */
  privateKey?: string;
}

/** One on-hand balance row: item x location. */
export interface InventoryBalance {
  item: string;
  location: string;
  onHand: number;
  /**
   * Shipped on a transfer order to this location and not yet received (item search locationquantityintransit,
   * NETSUITE.md 4.5). Absent: 0.
   */
  inTransit?: number;
}

export interface StoredFile {
  id: number;
  name: string;
  folder: number;
  fileType: string;
  encoding: string;
  description: string;
  /** Path of the content blob inside the account folder. */
  blob: string;
  size: number;
  created: string;
}

export interface StoredFolder {
  id: number;
  name: string;
  parent: number | null;
}

export type TaskType = 'CSV_IMPORT' | 'SCHEDULED_SCRIPT' | 'MAP_REDUCE' | 'SEARCH';
export type TaskStatus = 'PENDING' | 'PROCESSING' | 'COMPLETE' | 'FAILED';

export interface QueuedTask {
  taskId: string;
  type: TaskType;
  status: TaskStatus;
  submitted: string;
  finished?: string;
  /** Who queued it: `scriptId/deploymentId`, or 'cli'. */
  submittedBy: string;
  /** CSV import: mapping script id, job name, queue, the File Cabinet id of the CSV kept for the job. */
  mappingId?: string;
  name?: string;
  queueId?: number;
  importFileId?: number;
  linkedFileIds?: Record<string, number>;
  /** Scheduled / map-reduce: what to run. */
  scriptId?: string;
  deploymentId?: string;
  params?: Record<string, string>;
  /** Map/reduce stage while running. */
  stage?: string;
  /** Search task: the saved search's internal id, and the File Cabinet file its CSV goes to (id, or a path). */
  savedSearchId?: string;
  fileId?: number;
  filePath?: string;
  /**
   * A dependent script (SearchTask.addInboundDependency): queued with the search task, run only once the task
   * it depends on has COMPLETEd.
   */
  dependsOn?: string;
  /** Results: CSV import row counts and the results file; script run summary. */
  result?: Record<string, unknown>;
  error?: { name: string; message: string };
}

export interface LogEntry {
  at: string;
  level: 'DEBUG' | 'AUDIT' | 'ERROR' | 'EMERGENCY';
  title: string;
  details: string;
  scriptId: string;
  deploymentId: string;
  executionId: string;
}

export interface SentEmail {
  at: string;
  author: number;
  recipients: string[];
  subject: string;
  body: string;
}
