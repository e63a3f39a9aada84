/**
 * @NApiVersion 2.1
 * @NScriptType MapReduceScript
 * @NModuleScope SameAccount
 */
// HotWax PO Receipt Import (customscript_hwx_mr_po_receipt): see receipts/receiptImport.ts.
import type { EntryPoints } from 'N/types';
import * as flow from './receiptImport';
import { loggedSummarize } from '../adapters/runLog';

/**
 * A restarted or failed reduce invocation is run again (NETSUITE.md 6.2): every entry's External ID is
 * looked up before anything is received, so a retry never receives twice.
 */
export const config: EntryPoints.MapReduce.config = { retryCount: 2, exitOnError: false };

export const getInputData: EntryPoints.MapReduce.getInputData = () => flow.getInputData();
export const map: EntryPoints.MapReduce.map = (ctx) => flow.map(ctx);
export const reduce: EntryPoints.MapReduce.reduce = (ctx) => flow.reduce(ctx);
export const summarize: EntryPoints.MapReduce.summarize = (summary) => {
  let name = 'receipt:purchaseorder/receipt';
  loggedSummarize(() => name, summary, () => {
    const outcome = flow.summarize(summary);
    name = outcome.flow;
    return outcome;
  }, flow.receiptRunNote);
};
