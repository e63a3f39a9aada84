/**
 * Script deployment records (Oracle help "Script Deployment", section_3753014009: scriptable and searchable in
 * server scripts). Pausing a flow sets its scheduled deployments to Not Scheduled; resuming sets them back
 * (field id `status` [U]: docs/sandbox-checklist.md 5.7). Used by the desk's Integration health and the
 * job-control RESTlets.
 */
import * as record from 'N/record';

export const SCRIPT_DEPLOYMENT = 'scriptdeployment';

/** record.submitFields on the deployment record (an "other" record: 5 units, NETSUITE.md 5). */
export function setDeploymentStatus(internalId: string, status: 'SCHEDULED' | 'NOTSCHEDULED'): void {
  record.submitFields({ type: SCRIPT_DEPLOYMENT, id: internalId, values: { status } });
}
