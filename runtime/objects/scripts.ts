// Script objects (NETSUITE.md 8 "Script objects" and "Script parameters"): script-level fields, parameters
// (scriptcustomfields) and deployments with their parameter values and map/reduce fields.
import type { ProjectPath, ScriptDeployment, ScriptObject, ScriptObjectType, ScriptParameter } from './types';
import { attr, child, children, elementNames, flag, integer, optionalFlag, text, type XmlNode } from './xml';

/** '/SuiteScripts/x.js' from '[/SuiteScripts/x.js]'. */
function unbracket(value: string): string {
  return value.replace(/^\[(.*)\]$/, '$1');
}

/** A non-empty text value, or undefined. */
function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

function readParameter(node: XmlNode): ScriptParameter {
  const fieldType = text(node, 'fieldtype') ?? 'TEXT';
  // Checkbox parameters carry their default in <defaultchecked>; expose it as 'T'/'F' like a deployment value.
  const defaultValue = fieldType === 'CHECKBOX' ? nonEmpty(text(node, 'defaultchecked')) ?? nonEmpty(text(node, 'defaultvalue')) : nonEmpty(text(node, 'defaultvalue'));
  const selectRecordType = nonEmpty(text(node, 'selectrecordtype'));
  return {
    scriptId: attr(node, 'scriptid') ?? '',
    fieldType,
    label: text(node, 'label') ?? '',
    ...(defaultValue !== undefined ? { defaultValue } : {}),
    isMandatory: flag(node, 'ismandatory', false),
    ...(selectRecordType !== undefined ? { selectRecordType } : {}),
  };
}

function readDeployment(node: XmlNode): ScriptDeployment {
  const paramValues: Record<string, string> = {};
  for (const name of elementNames(node)) {
    if (name.startsWith('custscript')) paramValues[name] = text(node, name) ?? '';
  }
  const deployment: ScriptDeployment = {
    scriptId: attr(node, 'scriptid') ?? '',
    status: text(node, 'status') ?? 'TESTING',
    title: text(node, 'title') ?? '',
    isDeployed: flag(node, 'isdeployed', true),
    logLevel: text(node, 'loglevel') ?? 'DEBUG',
    paramValues,
  };
  const runAsRole = nonEmpty(text(node, 'runasrole'));
  if (runAsRole !== undefined) deployment.runAsRole = runAsRole;
  const concurrencyLimit = integer(node, 'concurrencylimit');
  if (concurrencyLimit !== undefined) deployment.concurrencyLimit = concurrencyLimit;
  const bufferSize = integer(node, 'buffersize');
  if (bufferSize !== undefined) deployment.bufferSize = bufferSize;
  const yieldAfterMins = integer(node, 'yieldaftermins');
  if (yieldAfterMins !== undefined) deployment.yieldAfterMins = yieldAfterMins;
  const queueAllStagesAtOnce = optionalFlag(node, 'queueallstagesatonce');
  if (queueAllStagesAtOnce !== undefined) deployment.queueAllStagesAtOnce = queueAllStagesAtOnce;
  const retryCount = integer(node, 'retrycount');
  if (retryCount !== undefined) deployment.retryCount = retryCount;
  const exitOnError = optionalFlag(node, 'exitonerror');
  if (exitOnError !== undefined) deployment.exitOnError = exitOnError;
  const recurrence = child(node, 'recurrence');
  if (recurrence !== undefined) deployment.recurrence = recurrence;
  return deployment;
}

export function readScript(objectType: ScriptObjectType, scriptId: string, root: XmlNode, file: ProjectPath): ScriptObject {
  return {
    scriptId,
    objectType,
    file,
    name: text(root, 'name') ?? '',
    scriptFile: unbracket(text(root, 'scriptfile') ?? ''),
    isInactive: flag(root, 'isinactive', false),
    params: children(root, 'scriptcustomfields', 'scriptcustomfield').map(readParameter),
    deployments: children(root, 'scriptdeployments', 'scriptdeployment').map(readDeployment),
  };
}
