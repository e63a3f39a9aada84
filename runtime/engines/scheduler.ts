// One tick of NetSuite's scheduler: every deployment whose live status is SCHEDULED (and is deployed) runs once,
// then the tasks those runs queued. A deployment set to Not Scheduled or Testing does not run on its schedule
// (NETSUITE.md 2.4 and 8: status SCHEDULED | NOTSCHEDULED | TESTING) [U: that a TESTING scheduled deployment
// skips its schedule]. ns-local does not keep a clock of due times: a tick means "every schedule came due",
// which is what tests of pausing need (a paused flow does not run, a resumed one does).
import type { Account } from '../account/account';
import type { LogEntry } from '../account/types';
import { loadProjectObjects, type ProjectObjects } from '../objects';
import { effectiveDeployments } from '../records/scriptDeployments';
import { runScript, type FullRunSummary } from './scriptRunner';

export interface SchedulerTickOptions {
  account: Account;
  projectFolder: string;
  objects?: ProjectObjects;
  /** Only these scripts (default: every scheduled and map/reduce script). */
  scriptIds?: readonly string[];
  now?: () => Date;
  echoLog?: (entry: LogEntry) => void;
}

export interface SchedulerTickReport {
  ran: FullRunSummary[];
  /** Deployments that have a recurrence but did not run, with their live status. */
  skipped: { scriptId: string; deploymentId: string; status: string; isDeployed: boolean }[];
}

export async function runSchedulerTick(options: SchedulerTickOptions): Promise<SchedulerTickReport> {
  const objects = options.objects ?? loadProjectObjects(options.projectFolder);
  const report: SchedulerTickReport = { ran: [], skipped: [] };
  for (const script of objects.scripts) {
    if (script.objectType !== 'scheduledscript' && script.objectType !== 'mapreducescript') continue;
    if (options.scriptIds && !options.scriptIds.includes(script.scriptId)) continue;
    for (const d of effectiveDeployments(options.account, script)) {
      if (d.recurrence === undefined && d.status !== 'SCHEDULED') continue;
      if (d.status !== 'SCHEDULED' || !d.isDeployed || script.isInactive) {
        report.skipped.push({ scriptId: script.scriptId, deploymentId: d.scriptId, status: d.status, isDeployed: d.isDeployed });
        continue;
      }
      report.ran.push(
        await runScript({
          account: options.account,
          projectFolder: options.projectFolder,
          objects,
          scriptId: script.scriptId,
          deploymentId: d.scriptId,
          ...(options.now ? { now: options.now } : {}),
          ...(options.echoLog ? { echoLog: options.echoLog } : {}),
        }),
      );
    }
  }
  return report;
}
