// Governance: every API call charges its documented units against the current invocation's budget
// (NETSUITE.md 5). Going over throws SSS_USAGE_LIMIT_EXCEEDED and ends the invocation, as NetSuite does.
import { nsError } from '../modules/error';

/** Units per invocation by script type and Map/Reduce stage (NETSUITE.md 5 and 6.2). */
export const USAGE_LIMITS = {
  scheduled: 10_000,
  getInputData: 10_000,
  map: 1_000,
  reduce: 5_000,
  summarize: 10_000,
  restlet: 5_000,
  suitelet: 1_000,
  userevent: 1_000,
  csvImportServerScript: 10_000,
} as const;

export type RecordCostClass = 'transaction' | 'custom' | 'other';

/** N/record costs by class (NETSUITE.md 5). */
export const RECORD_COSTS: Record<'create' | 'load' | 'copy' | 'transform' | 'submitFields' | 'save' | 'delete', Record<RecordCostClass, number>> = {
  create: { transaction: 10, custom: 2, other: 5 },
  load: { transaction: 10, custom: 2, other: 5 },
  copy: { transaction: 10, custom: 2, other: 5 },
  transform: { transaction: 10, custom: 2, other: 5 },
  submitFields: { transaction: 10, custom: 2, other: 5 },
  save: { transaction: 20, custom: 4, other: 10 },
  delete: { transaction: 20, custom: 4, other: 10 },
};

/** Flat costs of the other APIs our scripts use (NETSUITE.md 5). */
export const API_COSTS = {
  'search.create': 0,
  'search.load': 5,
  'search.save': 5,
  'search.delete': 5,
  'search.lookupFields': 1,
  'search.runPaged': 5,
  'PagedData.fetch': 5,
  'ResultSet.each': 10,
  'ResultSet.getRange': 10,
  'task.CsvImportTask.submit': 100,
  'task.ScheduledScriptTask.submit': 20,
  'task.MapReduceScriptTask.submit': 20,
  'task.SearchTask.submit': 100,
  'task.checkStatus': 0,
  'file.load': 10,
  'File.save': 20,
  'file.delete': 20,
  'file.copy': 20,
  'email.send': 20,
  'sftp.upload': 100,
  'sftp.download': 100,
  'sftp.list': 10,
  'sftp.move': 10,
  'sftp.removeFile': 10,
  'sftp.makeDirectory': 10,
  'sftp.removeDirectory': 10,
} as const;

export type ApiName = keyof typeof API_COSTS;

const TRANSACTION_TYPES = new Set([
  'inventoryadjustment',
  'inventorytransfer',
  'itemreceipt',
  'purchaseorder',
  'salesorder',
  'transferorder',
  'itemfulfillment',
  'vendorbill',
  'invoice',
  'journalentry',
]);

export function recordCostClass(type: string): RecordCostClass {
  if (type.startsWith('customrecord')) return 'custom';
  return TRANSACTION_TYPES.has(type) ? 'transaction' : 'other';
}

export interface UsageEntry {
  api: string;
  units: number;
}

/** The budget of one invocation (one scheduled run, one map() call, ...). */
export class GovernanceMeter {
  private used = 0;
  private readonly byApi = new Map<string, { calls: number; units: number }>();

  /** @param beforeCharge called before every charge; the fault injector uses it to kill a run at an API call. */
  constructor(
    readonly limit: number,
    private readonly beforeCharge?: (api: string) => void,
  ) {}

  /**
   * Set once the budget is exceeded. NetSuite ends the invocation there (NETSUITE.md 5 [D]): a script that catches
   * the error cannot go on spending, so every later call throws it again, and the runners fail the invocation
   * with it even if the script returned normally.
   */
  exceeded: Error | undefined;

  charge(api: string, units: number): void {
    this.beforeCharge?.(api);
    if (this.exceeded) throw this.exceeded;
    if (this.used + units > this.limit) {
      this.used = this.limit;
      this.exceeded = nsError('SSS_USAGE_LIMIT_EXCEEDED', `Script Execution Usage Limit Exceeded (${api} needs ${units} units, ${this.limit} allowed)`);
      throw this.exceeded;
    }
    this.used += units;
    const row = this.byApi.get(api) ?? { calls: 0, units: 0 };
    row.calls += 1;
    row.units += units;
    this.byApi.set(api, row);
  }

  chargeApi(api: ApiName): void {
    this.charge(api, API_COSTS[api]);
  }

  chargeRecord(operation: keyof typeof RECORD_COSTS, recordType: string): void {
    this.charge(`record.${operation}`, RECORD_COSTS[operation][recordCostClass(recordType)]);
  }

  get usage(): number {
    return this.used;
  }

  remaining(): number {
    return this.limit - this.used;
  }

  breakdown(): Record<string, { calls: number; units: number }> {
    return Object.fromEntries([...this.byApi.entries()].sort((a, b) => b[1].units - a[1].units));
  }
}
