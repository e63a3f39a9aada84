// What every emulated N/* module sees of the current execution: the account, the current invocation's
// governance meter, the running script and deployment, and a journal of what the run changed.
import type { Account } from './account/account';
import type { GovernanceMeter } from './engines/governance';
import type { QueuedTask } from './account/types';

export type ExecutionContextName = 'SCHEDULED' | 'MAPREDUCE' | 'CSVIMPORT' | 'RESTLET' | 'SUITELET' | 'USEREVENT' | 'USERINTERFACE';

export interface RunningScript {
  scriptId: string;
  deploymentId: string;
  /** The script object's type, e.g. 'scheduledscript'. */
  objectType: string;
  /** Typed parameter values: deployment values overridden by task params (NETSUITE.md 2.4). */
  params: Record<string, string | number | boolean | Date | null>;
  logLevel: 'DEBUG' | 'AUDIT' | 'ERROR' | 'EMERGENCY';
  /** Invocation type passed to Scheduled execute(): SCHEDULED, ON_DEMAND, ... */
  invocationType: string;
}

/** What a run changed, reported in the run summary (`ns-local run` prints it). */
export class ChangeJournal {
  readonly created = new Map<string, number[]>();
  readonly updated = new Map<string, Set<number>>();
  readonly deleted = new Map<string, number[]>();

  recordCreated(type: string, id: number): void {
    const list = this.created.get(type) ?? [];
    list.push(id);
    this.created.set(type, list);
  }

  recordUpdated(type: string, id: number): void {
    if (this.created.get(type)?.includes(id)) return;
    const set = this.updated.get(type) ?? new Set<number>();
    set.add(id);
    this.updated.set(type, set);
  }

  recordDeleted(type: string, id: number): void {
    const list = this.deleted.get(type) ?? [];
    list.push(id);
    this.deleted.set(type, list);
  }

  toJSON(): { created: Record<string, number[]>; updated: Record<string, number[]>; deleted: Record<string, number[]> } {
    return {
      created: Object.fromEntries(this.created),
      updated: Object.fromEntries([...this.updated].map(([t, s]) => [t, [...s].sort((a, b) => a - b)])),
      deleted: Object.fromEntries(this.deleted),
    };
  }
}

export interface TaskSink {
  /** Queues a task; returns its id. Tasks run after the submitting script ends (or on `ns-local tasks --run`). */
  enqueue(task: Omit<QueuedTask, 'taskId' | 'status' | 'submitted'>): string;
}

/** The user a script runs as (N/runtime getCurrentUser): a RESTlet runs as the token's user and role. */
export interface ExecutionUser {
  id: number;
  name: string;
  email: string;
  /** Role internal id. */
  role: number;
  /** Role script id, e.g. customrole_hwx_jobcontrol. */
  roleId: string;
  /** Permission level per permission key (runtime.Permission: 0 NONE .. 4 FULL); undefined: the administrator. */
  permissions?: Record<string, number>;
}

export interface ExecutionEnv {
  readonly account: Account;
  /** The project folder holding manifest.xml, Objects/ and FileCabinet/ (normally <repo>/src). */
  readonly projectFolder: string;
  readonly script: RunningScript;
  readonly executionContext: ExecutionContextName;
  readonly executionId: string;
  /** The meter of the invocation running right now (a Map/Reduce run swaps it per invocation). */
  meter(): GovernanceMeter;
  readonly journal: ChangeJournal;
  readonly tasks: TaskSink;
  /** Current time; tests may pin it. */
  now(): Date;
  /** The running user; absent: the local administrator. */
  readonly user?: ExecutionUser;
}
