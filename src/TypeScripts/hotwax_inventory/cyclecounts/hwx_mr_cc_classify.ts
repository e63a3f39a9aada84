/**
 * @NApiVersion 2.1
 * @NScriptType MapReduceScript
 * @NModuleScope SameAccount
 */
// HotWax Cycle Count Classification (customscript_hwx_mr_cc_classify): see cyclecounts/classification.ts.
import type { EntryPoints } from 'N/types';
import { classificationInput, reduceClassification, summarizeClassification, classificationRunNote } from './classification';
import { loggedSummarize } from '../adapters/runLog';

/** A restarted reduce classifies the store again: a second record, the newest wins (NETSUITE.md 6.2). */
export const config: EntryPoints.MapReduce.config = { retryCount: 1, exitOnError: false };

export function getInputData(_context: EntryPoints.MapReduce.getInputDataContext): Record<string, string> {
  return classificationInput();
}

export function reduce(context: EntryPoints.MapReduce.reduceContext): void {
  reduceClassification(context, new Date());
}

export function summarize(summary: EntryPoints.MapReduce.summarizeContext): void {
  loggedSummarize('cyclecount:classify', summary, () => summarizeClassification(summary), classificationRunNote);
}
