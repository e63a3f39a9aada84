// The live state of script deployments. SDF deploys a deployment with the status, title and recurrence written in
// src/Objects; after that an admin (or a script, through N/record on 'scriptdeployment') changes its status in the
// account (Oracle help "Script Deployment", section_3753014009 [D]: the record is scriptable in server scripts).
// ns-local keeps that live state as `scriptdeployment` records in the account:
//  - syncScriptDeploymentRecords() creates a record for each SDF deployment the account does not hold yet
//    (what `project:deploy` does); it never overwrites a status a script or an admin changed [U: a later
//    redeploy of the same object may reset the status in NetSuite; ns-local keeps the account's value].
//  - effectiveDeployment() is what the task queue and the scheduler use: the account's status and isdeployed when a
//    record exists, else the SDF values (accounts that never ran a RESTlet keep behaving as before).
import type { Account } from '../account/account';
import type { StoredRecord } from '../account/types';
import type { ProjectObjects, ScriptDeployment, ScriptObject } from '../objects';

export const SCRIPT_DEPLOYMENT_TYPE = 'scriptdeployment';

/** `recurringevent` as ns-local writes it [U beyond repeatTimeInMinutes, which HotWax's RESTlet reads, O]. */
export interface RecurringEvent {
  /** single | daily | everyweekday | weekly | monthly | monthlydayofweek | yearly | yearlydayofweek */
  type: string;
  /** YYYY-MM-DD */
  startDate: string | null;
  /** HH:MM:SSZ (UTC) as SDF writes it. */
  startTime: string | null;
  endDate: string | null;
  /** Minutes between runs within a day (the SDF `repeat` PT15M -> 15), or null when the event runs once a day. */
  repeatTimeInMinutes: number | null;
  everyXDays?: number;
  everyXWeeks?: number;
  /** Weekly: the days it runs, 'sunday'..'saturday'. */
  days?: string[];
}

const DAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;

/** Minutes of an SDF `repeat` value (PT15M, PT1H, PT12H) or null (NETSUITE.md 8: ISO-8601 durations). */
export function repeatMinutes(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const m = /^PT(?:(\d+)H)?(?:(\d+)M)?$/.exec(value.trim());
  if (!m || (m[1] === undefined && m[2] === undefined)) return null;
  return Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0);
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null);

/** The `recurringevent` JSON of an SDF `<recurrence>` element, or null when the deployment has none. */
export function recurringEventOf(recurrence: Record<string, unknown> | undefined): RecurringEvent | null {
  if (!recurrence) return null;
  const [type] = Object.keys(recurrence);
  if (type === undefined) return null;
  const body = (recurrence[type] ?? {}) as Record<string, unknown>;
  const event: RecurringEvent = {
    type,
    startDate: str(body.startdate),
    startTime: str(body.starttime),
    endDate: str(body.enddate),
    repeatTimeInMinutes: repeatMinutes(body.repeat),
  };
  if (body.everyxdays !== undefined) event.everyXDays = Number(body.everyxdays);
  if (body.everyxweeks !== undefined) event.everyXWeeks = Number(body.everyxweeks);
  if (type === 'weekly') event.days = DAY_NAMES.filter((d) => body[d] === 'T' || body[d] === true);
  return event;
}

function findRecord(account: Account, deploymentId: string): StoredRecord | undefined {
  return account.listRecords(SCRIPT_DEPLOYMENT_TYPE).find((r) => r.fields.scriptid === deploymentId);
}

/** Creates the account's scriptdeployment record of every SDF deployment that has none yet. Returns how many it made. */
export function syncScriptDeploymentRecords(account: Account, objects: ProjectObjects): number {
  const held = new Set(account.listRecords(SCRIPT_DEPLOYMENT_TYPE).map((r) => String(r.fields.scriptid)));
  let created = 0;
  for (const script of objects.scripts) {
    for (const d of script.deployments) {
      if (held.has(d.scriptId)) continue;
      const event = recurringEventOf(d.recurrence);
      account.insertRecord(SCRIPT_DEPLOYMENT_TYPE, {
        scriptid: d.scriptId,
        script: script.scriptId,
        scripttype: script.objectType,
        title: d.title,
        status: d.status,
        isdeployed: d.isDeployed,
        loglevel: d.logLevel,
        recurringevent: event === null ? '' : JSON.stringify(event),
      });
      created += 1;
    }
  }
  return created;
}

/** The deployment as it stands in the account: its live status and isdeployed, the rest from SDF. */
export function effectiveDeployment(account: Account, deployment: ScriptDeployment): ScriptDeployment {
  const stored = findRecord(account, deployment.scriptId);
  if (!stored) return deployment;
  const status = typeof stored.fields.status === 'string' && stored.fields.status !== '' ? stored.fields.status : deployment.status;
  const isDeployed = stored.fields.isdeployed === true || stored.fields.isdeployed === 'T';
  return { ...deployment, status, isDeployed };
}

/** Every deployment of a script with its live state. */
export function effectiveDeployments(account: Account, script: ScriptObject): ScriptDeployment[] {
  return script.deployments.map((d) => effectiveDeployment(account, d));
}
