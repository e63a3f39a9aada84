/**
 * The flows HotWax's job manager may control, by stable script and deployment ids (never display names: renamed
 * scripts broke HotWax's own RESTlets, which searched by name and title). A request names a flow by its key
 * (`variance_adjustments`), by a script id or deployment id of the flow, or by an alias an admin maps in the
 * deployment parameter custscript_hwx_jc_job_aliases (JSON: {"<HotWax job name>": "<flow key>"}). Pure.
 */
import { IntegrationError } from '../integrationError';

export type ScriptKind = 'SCHEDULED' | 'MAP_REDUCE';

export interface FlowDefinition {
  key: string;
  label: string;
  scriptId: string;
  kind: ScriptKind;
  /** The deployments that run on a schedule: pause sets them Not Scheduled, resume sets them Scheduled again. */
  scheduledDeployments: readonly string[];
  /** The Not Scheduled deployment "run now" queues. */
  onDemandDeployment: string;
  /** Values of custrecord_hwx_ff_flow this flow writes (health), or none. */
  feedFlows: readonly string[];
  /** Values of custrecord_hwx_run_flow of its run-log records (health: the last runs with status and units). */
  runFlows: readonly string[];
}

export const FLOWS: readonly FlowDefinition[] = [
  { key: 'variance_adjustments', label: 'Variances as inventory adjustments', scriptId: 'customscript_hwx_sc_variance_import', kind: 'SCHEDULED', scheduledDeployments: ['customdeploy_hwx_sc_variance_adj'], onDemandDeployment: 'customdeploy_hwx_sc_variance_adj_more', feedFlows: ['variance:inventoryadjustment'], runFlows: ['variance:inventoryadjustment'] },
  { key: 'variance_transfers', label: 'Variances as inventory transfers', scriptId: 'customscript_hwx_sc_variance_import', kind: 'SCHEDULED', scheduledDeployments: ['customdeploy_hwx_sc_variance_trf'], onDemandDeployment: 'customdeploy_hwx_sc_variance_trf_more', feedFlows: ['variance:inventorytransfer'], runFlows: ['variance:inventorytransfer'] },
  { key: 'po_export', label: 'Purchase order export', scriptId: 'customscript_hwx_mr_po_export', kind: 'MAP_REDUCE', scheduledDeployments: ['customdeploy_hwx_mr_po_export'], onDemandDeployment: 'customdeploy_hwx_mr_po_export_now', feedFlows: [], runFlows: ['purchaseorder:export'] },
  { key: 'po_receipts', label: 'Purchase order receipts', scriptId: 'customscript_hwx_mr_po_receipt', kind: 'MAP_REDUCE', scheduledDeployments: ['customdeploy_hwx_mr_po_receipt'], onDemandDeployment: 'customdeploy_hwx_mr_po_receipt_ondemand', feedFlows: ['receipt:purchaseorder/receipt'], runFlows: ['receipt:purchaseorder/receipt'] },
  { key: 'inventory_snapshot', label: 'Inventory snapshot', scriptId: 'customscript_hwx_sc_inventory_export', kind: 'SCHEDULED', scheduledDeployments: ['customdeploy_hwx_sc_inv_export_daily', 'customdeploy_hwx_sc_inv_export_follow'], onDemandDeployment: 'customdeploy_hwx_sc_inv_export_now', feedFlows: [], runFlows: ['inventory:snapshot'] },
  { key: 'cycle_count_classes', label: 'Cycle-count classification', scriptId: 'customscript_hwx_mr_cc_classify', kind: 'MAP_REDUCE', scheduledDeployments: ['customdeploy_hwx_mr_cc_classify'], onDemandDeployment: 'customdeploy_hwx_mr_cc_classify_now', feedFlows: [], runFlows: ['cyclecount:classify'] },
  { key: 'cycle_count_plans', label: 'Cycle-count planning', scriptId: 'customscript_hwx_mr_cc_plan', kind: 'MAP_REDUCE', scheduledDeployments: ['customdeploy_hwx_mr_cc_plan', 'customdeploy_hwx_mr_cc_remember'], onDemandDeployment: 'customdeploy_hwx_mr_cc_plan_now', feedFlows: [], runFlows: ['cyclecount:plan'] },
  { key: 'transfer_export', label: 'Transfer order export', scriptId: 'customscript_hwx_sc_to_export', kind: 'SCHEDULED', scheduledDeployments: ['customdeploy_hwx_sc_to_export'], onDemandDeployment: 'customdeploy_hwx_sc_to_export_now', feedFlows: ['transfer:export'], runFlows: ['transfer:export'] },
  { key: 'transfer_receipts', label: 'Transfer receipts from stores', scriptId: 'customscript_hwx_sc_to_import', kind: 'SCHEDULED', scheduledDeployments: ['customdeploy_hwx_sc_to_receipt'], onDemandDeployment: 'customdeploy_hwx_sc_to_import_now', feedFlows: ['transfer-receipt:transferorderv2/export/receipt'], runFlows: ['transfer:receipt'] },
  { key: 'transfer_shipments', label: 'Transfer shipments from stores', scriptId: 'customscript_hwx_sc_to_import', kind: 'SCHEDULED', scheduledDeployments: ['customdeploy_hwx_sc_to_fulfillment'], onDemandDeployment: 'customdeploy_hwx_sc_to_shipment_now', feedFlows: ['transfer-fulfillment:transferorderv2/oms-fulfillment'], runFlows: ['transfer:fulfillment'] },
];

/** Parses the alias parameter; a broken value is an error an admin must fix, not an empty map. */
export function parseAliases(raw: string | null | undefined): Record<string, string> {
  if (raw === null || raw === undefined || raw.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new IntegrationError('JOB_ALIASES_INVALID', 'The deployment parameter HotWax Job Aliases is not valid JSON; fix it on the RESTlet deployment.');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new IntegrationError('JOB_ALIASES_INVALID', 'HotWax Job Aliases must be a JSON object {"job name": "flow key"}.');
  const out: Record<string, string> = {};
  for (const [name, key] of Object.entries(parsed as Record<string, unknown>)) {
    if (typeof key !== 'string' || !FLOWS.some((f) => f.key === key)) throw new IntegrationError('JOB_ALIASES_INVALID', `HotWax Job Aliases maps "${name}" to an unknown flow ${JSON.stringify(key)}; flows: ${FLOWS.map((f) => f.key).join(', ')}.`);
    out[name] = key;
  }
  return out;
}

/**
 * The flow a job name means. A script id shared by two flows (the variance import) is ambiguous and refused:
 * name the flow key or a deployment id instead.
 */
export function resolveFlow(jobName: string, aliases: Record<string, string>): FlowDefinition {
  const key = aliases[jobName] ?? jobName;
  const byKey = FLOWS.find((f) => f.key === key);
  if (byKey) return byKey;
  const byDeployment = FLOWS.find((f) => f.onDemandDeployment === key || f.scheduledDeployments.includes(key));
  if (byDeployment) return byDeployment;
  const byScript = FLOWS.filter((f) => f.scriptId === key);
  if (byScript.length === 1 && byScript[0]) return byScript[0];
  if (byScript.length > 1) throw new IntegrationError('JOB_AMBIGUOUS', `${key} runs several flows (${byScript.map((f) => f.key).join(', ')}); name one of them.`, { jobName });
  throw new IntegrationError('JOB_NOT_FOUND', `No flow is known as "${jobName}". Use a flow key (${FLOWS.map((f) => f.key).join(', ')}), a script or deployment id, or map the name in HotWax Job Aliases.`, { jobName });
}
