// Script deployment records in the emulated account (record type 'scriptdeployment'). Oracle: "The internal
// ID for the script deployment record is scriptdeployment ... fully scriptable - it can be created, copied,
// updated, deleted, and searched using SuiteScript" (help: Script Deployment, section_3753014009). The SDF
// objects in src/Objects are what a deploy creates; an admin (or a script) may then change Status and
// Deployed on the record. ns-local keeps one record per SDF deployment, created on first need, and from then
// on the record is what counts (the desk's pause/resume writes it; the task module reads it).
//
// Fields kept (SuiteScript Records Browser names [U: not confirmed field by field]): scriptid, title, status
// (SCHEDULED / NOTSCHEDULED / TESTING / RELEASED, the SDF script_status values), isdeployed (T/F),
// script (the script object's id), scripttype, loglevel; audslctrole (the audience's roles, pipe-separated,
// suitelets only).
import * as path from 'node:path';
import type { Account } from '../account/account';
import type { StoredRecord } from '../account/types';
import type { ScriptDeployment, ScriptObject } from '../objects';
import { attr, children, parseXmlFile, text, unwrapScriptIdRef } from '../objects/xml';

export { SCRIPT_DEPLOYMENT_TYPE as DEPLOYMENT_RECORD } from '../records/scriptDeployments';
import { SCRIPT_DEPLOYMENT_TYPE as DEPLOYMENT_RECORD, syncScriptDeploymentRecords } from '../records/scriptDeployments';

export interface DeploymentState {
  internalId: number;
  scriptId: string;
  status: string;
  isDeployed: boolean;
}

/** The audience roles written on a deployment (`<audslctrole>A|[scriptid=customrole_x]</audslctrole>`), lower-case ids. */
export function deploymentAudience(projectFolder: string, script: ScriptObject, deploymentId: string): { roles: string[]; allRoles: boolean } {
  const parsed = parseXmlFile(path.join(projectFolder, script.file));
  if (!parsed.ok) return { roles: [], allRoles: false };
  const node = children(parsed.doc.root, 'scriptdeployments', 'scriptdeployment').find((d) => attr(d, 'scriptid') === deploymentId);
  if (!node) return { roles: [], allRoles: false };
  const roles = (text(node, 'audslctrole') ?? '')
    .split('|')
    .map((r) => unwrapScriptIdRef(r.trim()).toLowerCase())
    .filter((r) => r !== '');
  return { roles, allRoles: text(node, 'allroles') === 'T' };
}

function recordFor(account: Account, deploymentId: string): StoredRecord | undefined {
  return account.listRecords(DEPLOYMENT_RECORD).find((r) => r.fields.scriptid === deploymentId);
}

/** Creates the missing scriptdeployment records from the SDF objects (one implementation: runtime/records/scriptDeployments.ts). */
export const ensureDeploymentRecords = syncScriptDeploymentRecords;

/** The deployment as the account holds it now: the record's status and Deployed box, else the SDF values. */
export function currentDeployment(account: Account, deployment: ScriptDeployment): DeploymentState {
  const rec = recordFor(account, deployment.scriptId);
  if (!rec) return { internalId: 0, scriptId: deployment.scriptId, status: deployment.status, isDeployed: deployment.isDeployed };
  const deployed = rec.fields.isdeployed;
  return {
    internalId: rec.id,
    scriptId: deployment.scriptId,
    status: typeof rec.fields.status === 'string' && rec.fields.status !== '' ? rec.fields.status.toUpperCase() : deployment.status,
    isDeployed: deployed === true || deployed === 'T',
  };
}
