// One script execution: builds the ExecutionEnv, the emulated N/* modules and the AMD loader for a
// script object from src/Objects, with typed parameters and fault injection (kill at an API call).
import * as path from 'node:path';
import type { Account } from '../account/account';
import { type ChangeJournal, type ExecutionContextName, type ExecutionEnv, type ExecutionUser, type RunningScript, type TaskSink } from '../context';
import { GovernanceMeter } from './governance';
import { AmdLoader, readScriptHeader, type ModuleExports } from '../loader/amd';
import { createErrorModule, nsError } from '../modules/error';
import { createFileModule, fileFromBytes, NsFile } from '../modules/file';
import { createLogModule } from '../modules/log';
import { createRuntimeModule } from '../modules/runtime';
import { createFormatModule } from '../modules/format';
import { createEmailModule } from '../modules/email';
import { createTaskModule } from '../modules/task';
import { createRecordModule } from '../modules/record';
import { createSearchModule } from '../modules/search';
import { createSftpModule, disposeSftpModule } from '../modules/sftp';
import type { LogEntry, QueuedTask } from '../account/types';
import type { ProjectObjects, ScriptObject, ScriptDeployment } from '../objects';
import { SCRIPT_TYPE_HEADER } from '../objects/types';
import { effectiveDeployments } from '../records/scriptDeployments';


/** Thrown through a script when a fault plan kills the run; every later API call throws it again. */
export class ExecutionKilled extends Error {
  constructor(readonly at: string) {
    super(`ns-local: execution killed at ${at} (injected fault)`);
    this.name = 'NS_LOCAL_EXECUTION_KILLED';
  }
}

export interface KillPlan {
  /** API name as charged by the governance meter, e.g. 'task.CsvImportTask.submit', 'sftp.move', 'record.save'. */
  api: string;
  /** Which call of that API (1 = first). */
  occurrence: number;
  /** 'before': the call does nothing; 'after': the call completes and the next API call dies. */
  when?: 'before' | 'after';
}

/** Counts API calls across every invocation of one run and kills the run where the plan says. */
export class FaultInjector {
  private seen = 0;
  private armed = false;
  killedAt: string | undefined;

  constructor(private readonly plan: KillPlan | undefined) {}

  beforeCharge = (api: string): void => {
    if (this.killedAt !== undefined) throw new ExecutionKilled(this.killedAt);
    if (this.armed) {
      this.killedAt = `after ${this.plan?.api} #${this.plan?.occurrence}`;
      throw new ExecutionKilled(this.killedAt);
    }
    if (!this.plan || api !== this.plan.api) return;
    this.seen += 1;
    if (this.seen !== this.plan.occurrence) return;
    if ((this.plan.when ?? 'before') === 'before') {
      this.killedAt = `before ${api} #${this.seen}`;
      throw new ExecutionKilled(this.killedAt);
    }
    this.armed = true;
  };

  get killed(): boolean {
    return this.killedAt !== undefined || this.armed;
  }
}

export function toTypedParam(fieldType: string, raw: string | undefined): string | number | boolean | Date | null {
  if (raw === undefined || raw === null) return fieldType === 'CHECKBOX' ? false : null;
  switch (fieldType) {
    case 'CHECKBOX':
      // Checkbox parameters return booleans (NETSUITE.md 6.1 [U]).
      return raw === 'T' || raw === 'true';
    case 'INTEGER':
    case 'FLOAT':
    case 'CURRENCY':
    case 'PERCENT': {
      const n = Number(raw);
      return raw.trim() === '' || !Number.isFinite(n) ? null : n;
    }
    case 'DATE': {
      const d = new Date(raw);
      return Number.isNaN(d.getTime()) ? null : d;
    }
    default:
      return raw;
  }
}

/**
 * Parameter values: declared defaults, then the deployment's SDF values, then values an admin set on the
 * deployment in the account, then task/CLI overrides (NETSUITE.md 2.4: task params override for one run).
 */
export function resolveParams(script: ScriptObject, deployment: ScriptDeployment, overrides: Record<string, string>, accountValues: Record<string, string> = {}): RunningScript['params'] {
  const params: RunningScript['params'] = {};
  for (const def of script.params) {
    const raw = overrides[def.scriptId] ?? accountValues[def.scriptId] ?? deployment.paramValues[def.scriptId] ?? def.defaultValue;
    params[def.scriptId] = toTypedParam(def.fieldType, raw);
  }
  for (const name of Object.keys(overrides)) {
    if (!(name in params)) {
      throw nsError('SSS_INVALID_SCRIPT_PARAMETER', `Parameter ${name} is not declared on script ${script.scriptId}`);
    }
  }
  return params;
}

export function findScript(objects: ProjectObjects, scriptId: string): ScriptObject {
  const script = objects.scripts.find((s) => s.scriptId === scriptId);
  if (!script) throw nsError('INVALID_SCRIPT_ID_1', `No script object ${scriptId} in src/Objects`);
  return script;
}

export function findDeployment(script: ScriptObject, deploymentId?: string): ScriptDeployment {
  const deployment = deploymentId ? script.deployments.find((d) => d.scriptId === deploymentId) : script.deployments[0];
  if (!deployment) throw nsError('INVALID_DEPLOYMENT_ID_1', `No deployment ${deploymentId ?? '(any)'} on script ${script.scriptId}`);
  return deployment;
}

export interface ExecutionSetup {
  account: Account;
  projectFolder: string;
  objects: ProjectObjects;
  script: ScriptObject;
  deployment: ScriptDeployment;
  params: Record<string, string>;
  executionContext: ExecutionContextName;
  invocationType: string;
  now: () => Date;
  tasks: TaskSink;
  journal: ChangeJournal;
  faults: FaultInjector;
  echoLog?: (entry: LogEntry) => void;
  /** Who runs it (a RESTlet: the token's user and role); default the local administrator. */
  user?: ExecutionUser;
}

/** A running execution: its env, and a way to get fresh module instances (Map/Reduce reloads per invocation). */
export class Execution {
  readonly env: ExecutionEnv;
  private currentMeter: GovernanceMeter;
  private readonly natives = new Map<string, unknown>();
  readonly logModule: Record<string, unknown>;

  constructor(readonly setup: ExecutionSetup, executionId: string, initialLimit: number) {
    this.currentMeter = new GovernanceMeter(initialLimit, setup.faults.beforeCharge);
    const logLevel = (setup.deployment.logLevel || 'DEBUG') as RunningScript['logLevel'];
    this.env = {
      account: setup.account,
      projectFolder: setup.projectFolder,
      script: {
        scriptId: setup.script.scriptId,
        deploymentId: setup.deployment.scriptId,
        objectType: setup.script.objectType,
        params: resolveParams(setup.script, setup.deployment, setup.params, setup.account.deploymentParams[setup.deployment.scriptId]),
        logLevel,
        invocationType: setup.invocationType,
      },
      executionContext: setup.executionContext,
      executionId,
      meter: () => this.currentMeter,
      journal: setup.journal,
      tasks: setup.tasks,
      now: setup.now,
      ...(setup.user ? { user: setup.user } : {}),
    };
    this.logModule = createLogModule(this.env, setup.echoLog);
    this.checkHeader();
  }

  /** Starts a new invocation budget (a Map/Reduce map() call, ...). */
  newInvocation(limit: number): GovernanceMeter {
    this.currentMeter = new GovernanceMeter(limit, this.setup.faults.beforeCharge);
    return this.currentMeter;
  }

  get meter(): GovernanceMeter {
    return this.currentMeter;
  }

  /** NetSuite refuses a script file whose @NScriptType does not match its script record. */
  private checkHeader(): void {
    const file = path.join(this.setup.projectFolder, 'FileCabinet', this.setup.script.scriptFile);
    const header = readScriptHeader(file);
    const expected = SCRIPT_TYPE_HEADER[this.setup.script.objectType];
    if (header.NScriptType !== expected) {
      throw nsError('SSS_INVALID_SCRIPT_TYPE', `${this.setup.script.scriptFile} declares @NScriptType ${header.NScriptType ?? '(none)'} but ${this.setup.script.scriptId} is a ${this.setup.script.objectType} (${expected})`);
    }
    if (header.NApiVersion !== '2.1' && header.NApiVersion !== '2.x' && header.NApiVersion !== '2.0') {
      throw nsError('SSS_INVALID_API_VERSION', `${this.setup.script.scriptFile} has no valid @NApiVersion`);
    }
  }

  nativeModule(id: string): unknown {
    const cached = this.natives.get(id);
    if (cached) return cached;
    const env = this.env;
    const objects = this.setup.objects;
    let mod: unknown;
    switch (id) {
      case 'N/record':
        mod = createRecordModule(env);
        break;
      case 'N/search':
        mod = createSearchModule(env);
        break;
      case 'N/file':
        mod = createFileModule(env);
        break;
      case 'N/log':
        mod = this.logModule;
        break;
      case 'N/runtime':
        mod = createRuntimeModule(env);
        break;
      case 'N/format':
        mod = createFormatModule(env);
        break;
      case 'N/email':
        mod = createEmailModule(env);
        break;
      case 'N/error':
        mod = createErrorModule();
        break;
      case 'N/task':
        mod = createTaskModule(env, {
          csvImportExists: (mappingId) => objects.csvImports.some((c) => c.scriptId === mappingId),
          scriptInfo: (scriptId) => {
            const s = objects.scripts.find((x) => x.scriptId === scriptId);
            // The live status in the account (a paused flow's deployment is no longer SCHEDULED), else SDF's.
            return s && { objectType: s.objectType, deployments: effectiveDeployments(env.account, s).map((d) => ({ scriptId: d.scriptId, status: d.status, isDeployed: d.isDeployed })) };
          },
        });
        break;
      case 'N/sftp':
        mod = createSftpModule({
          resolveSecret: (secretId) => env.account.secrets[secretId]?.password,
          resolveKey: (keyId) => env.account.secrets[keyId]?.privateKey,
          charge: (api, units) => env.meter().charge(api, units),
          createError: (name, message) => nsError(name, message),
          createFile: ({ name, contents }) => fileFromBytes(env, name, contents),
          fileBytes: (file) => {
            if (!(file instanceof NsFile)) throw nsError('SSS_INVALID_TYPE_ARG', 'upload: file must be a file.File');
            return { name: file.name, bytes: file.allBytes() };
          },
        });
        break;
      default:
        mod = undefined;
    }
    if (mod !== undefined) this.natives.set(id, mod);
    return mod;
  }

  /** Ends what the run left open (SFTP sessions), as NetSuite does when a script ends. */
  dispose(): void {
    const sftp = this.natives.get('N/sftp');
    if (sftp) disposeSftpModule(sftp);
    this.natives.clear();
  }

  /** Loads the script's entry module. `fresh` gives new module state (no state shared between invocations). */
  loadEntryPoints(): ModuleExports {
    const loader = new AmdLoader(path.join(this.setup.projectFolder, 'FileCabinet'), (id) => this.nativeModule(id), this.logModule);
    return loader.loadEntryPoint(this.setup.script.scriptFile);
  }
}

export function describeError(err: unknown): { name: string; message: string } {
  if (err instanceof Error) return { name: err.name, message: err.message };
  if (err && typeof err === 'object' && 'name' in err && 'message' in err) {
    return { name: String((err as { name: unknown }).name), message: String((err as { message: unknown }).message) };
  }
  return { name: 'UNEXPECTED_ERROR', message: String(err) };
}

export type { QueuedTask };
