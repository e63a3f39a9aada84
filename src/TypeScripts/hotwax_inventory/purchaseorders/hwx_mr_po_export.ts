/**
 * @NApiVersion 2.1
 * @NScriptType MapReduceScript
 * @NModuleScope SameAccount
 */
// HotWax PO Export (customscript_hwx_mr_po_export): see purchaseorders/poExport.ts.
import type { EntryPoints } from 'N/types';
import { loggedSummarize } from '../adapters/runLog';
import { getPendingReceiptInput, poExportRunNote, reducePurchaseOrder, summarizePoExport } from './poExport';

/** reduce is pure computation: a retry after an application-server restart is safe (NETSUITE.md 6.2). */
export const config: EntryPoints.MapReduce.config = { retryCount: 1, exitOnError: false };

export function getInputData(_context: EntryPoints.MapReduce.getInputDataContext): Record<string, string> {
  return getPendingReceiptInput(new Date(), Math.random().toString(36).slice(2, 8) || '0');
}

export function reduce(context: EntryPoints.MapReduce.reduceContext): void {
  reducePurchaseOrder(context);
}

export function summarize(summary: EntryPoints.MapReduce.summarizeContext): void {
  loggedSummarize('purchaseorder:export', summary, () => summarizePoExport(summary, new Date()), poExportRunNote);
}
