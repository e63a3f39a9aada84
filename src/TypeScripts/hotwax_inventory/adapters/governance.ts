/**
 * Governance: how many units are left, and rescheduling the script onto its continuation deployment
 * when a run must stop early (NETSUITE.md 2.4: a deployment must be Not Scheduled to be queued).
 */
import * as runtime from 'N/runtime';
import * as task from 'N/task';
import * as log from 'N/log';
import { describe } from '../core/integrationError';

export function remainingUnits(): number {
  return runtime.getCurrentScript().getRemainingUsage();
}

/**
 * Queues the script again on `deploymentId` with the same parameters. Returns false when it could not
 * be queued (e.g. already queued): the next scheduled run then carries on, nothing is lost.
 */
export function rescheduleSelf(deploymentId: string, params: Record<string, string | number | boolean>): boolean {
  const script = runtime.getCurrentScript();
  try {
    task.create({ taskType: task.TaskType.SCHEDULED_SCRIPT, scriptId: script.id, deploymentId, params }).submit();
    return true;
  } catch (err) {
    log.audit({ title: 'Reschedule skipped', details: `${deploymentId}: ${describe(err)}` });
    return false;
  }
}
