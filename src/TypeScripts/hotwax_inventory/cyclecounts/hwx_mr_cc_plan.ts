/**
 * @NApiVersion 2.1
 * @NScriptType MapReduceScript
 * @NModuleScope SameAccount
 */
// HotWax Cycle Count Planner (customscript_hwx_mr_cc_plan): see cyclecounts/planner.ts.
import type { EntryPoints } from 'N/types';
import { plannerInput, reducePlanner, summarizePlanner, plannerRunNote } from './planner';
import { loggedSummarize } from '../adapters/runLog';

/** A restarted reduce finds its plan by External ID and its published list by name (NETSUITE.md 6.2). */
export const config: EntryPoints.MapReduce.config = { retryCount: 1, exitOnError: false };

export function getInputData(_context: EntryPoints.MapReduce.getInputDataContext): Record<string, string> {
  return plannerInput();
}

export function reduce(context: EntryPoints.MapReduce.reduceContext): void {
  reducePlanner(context, new Date());
}

export function summarize(summary: EntryPoints.MapReduce.summarizeContext): void {
  loggedSummarize('cyclecount:plan', summary, () => summarizePlanner(summary), plannerRunNote);
}
