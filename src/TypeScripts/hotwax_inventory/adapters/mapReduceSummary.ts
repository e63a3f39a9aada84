/**
 * What a Map/Reduce summarize stage reads back: the values the reduce stage wrote (JSON, one per key) and the
 * errors of getInputData and reduce, as "key: error" lines (NETSUITE.md 6.2: summarize gets inputSummary,
 * reduceSummary.errors and output).
 */
import type { EntryPoints } from 'N/types';

export interface ReduceOutcome<T> {
  /** The reduce stage's output values, parsed. */
  outputs: T[];
  /** "key: serialised error" per failed reduce key, and "getInputData: ..." when the input stage failed. */
  failed: string[];
}

export function readReduceOutcome<T>(summary: EntryPoints.MapReduce.summarizeContext): ReduceOutcome<T> {
  const outputs: T[] = [];
  summary.output.iterator().each((_key, value) => {
    outputs.push(JSON.parse(value) as T);
    return true;
  });
  const failed: string[] = [];
  summary.reduceSummary.errors.iterator().each((key, err) => {
    failed.push(`${key}: ${err}`);
    return true;
  });
  if (summary.inputSummary.error) failed.push(`getInputData: ${summary.inputSummary.error}`);
  return { outputs, failed };
}
