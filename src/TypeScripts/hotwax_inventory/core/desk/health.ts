// Integration health: the flows this project runs, where their files arrive, which scheduled deployments
// drive them, and the pure rules of the desk's actions (pure: no N/*).

export interface Flow {
  /** custrecord_hwx_ff_flow value of its feed-file records ('' for flows that keep none). */
  flow: string;
  label: string;
  /** custrecord_hwx_run_flow values of its run-log records (core/runLog.ts). */
  runFlows: string[];
  /** Scheduled deployments a pause stops. */
  deployments: string[];
  /** Incoming folder under the SFTP base directory (files to import); undefined for outgoing flows. */
  incoming?: string;
}

export const FLOWS: readonly Flow[] = [
  { flow: 'variance:inventoryadjustment', label: 'Variances as adjustments', runFlows: ['variance:inventoryadjustment'], deployments: ['customdeploy_hwx_sc_variance_adj'], incoming: 'inventoryadjustment/csv' },
  { flow: 'variance:inventorytransfer', label: 'Variances as transfers', runFlows: ['variance:inventorytransfer'], deployments: ['customdeploy_hwx_sc_variance_trf'], incoming: 'inventorytransfer/csv' },
  { flow: 'receipt:purchaseorder/receipt', label: 'Item receipts', runFlows: ['receipt:purchaseorder/receipt'], deployments: ['customdeploy_hwx_mr_po_receipt'], incoming: 'purchaseorder/receipt' },
  { flow: 'purchaseorder:export', label: 'Purchase order export', runFlows: ['purchaseorder:export'], deployments: ['customdeploy_hwx_mr_po_export'] },
  { flow: '', label: 'Inventory snapshot', runFlows: ['inventory:snapshot'], deployments: ['customdeploy_hwx_sc_inv_export_daily', 'customdeploy_hwx_sc_inv_export_follow'] },
  { flow: '', label: 'Cycle-count planning', runFlows: ['cyclecount:plan', 'cyclecount:classify'], deployments: ['customdeploy_hwx_mr_cc_plan', 'customdeploy_hwx_mr_cc_remember', 'customdeploy_hwx_mr_cc_classify'] },
  { flow: 'transfer:export', label: 'Transfer order export', runFlows: ['transfer:export'], deployments: ['customdeploy_hwx_sc_to_export'] },
  { flow: 'transfer-receipt:transferorderv2/export/receipt', label: 'Transfer receipts from stores', runFlows: ['transfer:receipt'], deployments: ['customdeploy_hwx_sc_to_receipt'], incoming: 'transferorderv2/export/receipt' },
  { flow: 'transfer-fulfillment:transferorderv2/oms-fulfillment', label: 'Transfer shipments from stores', runFlows: ['transfer:fulfillment'], deployments: ['customdeploy_hwx_sc_to_fulfillment'], incoming: 'transferorderv2/oms-fulfillment' },
  { flow: '', label: 'Run log purge', runFlows: ['runlog:purge'], deployments: ['customdeploy_hwx_sc_run_log_purge'] },
];

/** Runs shown per flow on the desk (one search per flow, 10 units each). */
export const RUNS_PER_FLOW = 3;

export const IN_FLIGHT = new Set(['PLANNED', 'SUBMITTED', 'VERIFIED']);

export function flowOf(flow: string): Flow | undefined {
  return FLOWS.find((f) => f.flow !== '' && f.flow === flow);
}

export function allDeployments(): string[] {
  return FLOWS.flatMap((f) => f.deployments);
}

/** Minutes between an ISO time and now; undefined when the time cannot be read. */
export function minutesSince(iso: string, now: Date): number | undefined {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : Math.floor((now.getTime() - t) / 60_000);
}

export function isStuck(status: string, createdIso: string, now: Date, limitMinutes: number): boolean {
  if (!IN_FLIGHT.has(status)) return false;
  const m = minutesSince(createdIso, now);
  return m !== undefined && m > limitMinutes;
}

/** Whether a role may act: the deployment parameter lists role ids, comma-separated, case-insensitive. */
export function mayAct(roleId: string, allowedRoles: string): boolean {
  const allowed = allowedRoles
    .split(',')
    .map((r) => r.trim().toLowerCase())
    .filter((r) => r !== '');
  return allowed.includes(roleId.trim().toLowerCase());
}

export interface ReprocessPlan {
  from: string;
  to: string;
  name: string;
}

/**
 * Where a failed file goes back to: from its final path in `<flow folder>/failed/<name>` to the flow's
 * incoming folder under the same name. Refused (a reason) when the record is not FAILED, the path is not in
 * a failed/ folder, or the flow has no incoming folder.
 */
export function planReprocess(status: string, flow: string, finalPath: string): ReprocessPlan | { refused: string } {
  if (status !== 'FAILED') return { refused: `Only FAILED files can be reprocessed (this one is ${status || 'without status'}).` };
  const f = flowOf(flow);
  if (!f?.incoming) return { refused: `The flow ${flow || '(none)'} has no incoming folder.` };
  const m = /^(.*)\/failed\/([^/]+)$/.exec(finalPath);
  if (!m?.[2]) return { refused: `The file is not in a failed/ folder (${finalPath || 'no final path'}); it was not moved there, or it was reprocessed already.` };
  if (m[2].startsWith('.') || m[2].includes('..')) return { refused: `Unsafe file name ${m[2]}.` };
  return { from: finalPath, to: `${f.incoming}/${m[2]}`, name: m[2] };
}
