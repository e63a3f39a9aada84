// The run log (customrecord_hwx_run): one record per finished run of a flow, so an admin sees on the
// integration health desk what each flow did last, whether it needs a person, and what it cost. Pure: what a
// run's note says and how its units add up; the record is written by adapters/runLog.ts.

/**
 * COMPLETE: nothing needs a person. NEEDS_ATTENTION: the run finished, but rows or files were rejected or a
 * stage failed for some keys (the error reports say what to do). CONTINUES: it stopped while governance lasted
 * and the next run carries on. FAILED: the run threw; nothing after the error was done.
 */
export type RunStatus = 'COMPLETE' | 'NEEDS_ATTENTION' | 'CONTINUES' | 'FAILED';

export interface RunNote {
  status: RunStatus;
  /** One line an admin reads: what the run took, made and left. */
  text: string;
  /** Files the run read or wrote (0 for runs that keep no files). */
  files: number;
}

/** What writing the run record costs: record.create + Record.save of a custom record, 2 + 4 (NETSUITE.md 5). */
export const RUN_LOG_UNITS = 6;

/** Whether a file's final path is in a flow's failed/ folder (the files a run note counts as failed). */
export const inFailedFolder = (finalPath: string): boolean => /(^|\/)failed\//.test(finalPath);

/** The cheapest status that is still true: failure beats attention, attention beats continuing. */
export function worst(...statuses: RunStatus[]): RunStatus {
  const order: RunStatus[] = ['COMPLETE', 'CONTINUES', 'NEEDS_ATTENTION', 'FAILED'];
  return statuses.reduce<RunStatus>((a, b) => (order.indexOf(b) > order.indexOf(a) ? b : a), 'COMPLETE');
}

/** "2 files" / "1 file" / "no files". */
export function count(n: number, one: string, many = `${one}s`): string {
  return n === 0 ? `no ${many}` : `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** Joins the parts that say something; a run with nothing to say "found nothing to do". */
export function sentence(parts: readonly (string | false | undefined | null)[]): string {
  const said = parts.filter((p): p is string => typeof p === 'string' && p !== '');
  return said.length === 0 ? 'found nothing to do' : said.join('; ');
}

/**
 * Units of a Map/Reduce run, as far as summarize can know them: each earlier stage's total (inputSummary.usage,
 * mapSummary.usage, reduceSummary.usage: "total number of usage units consumed" by that stage, Oracle help
 * section_4472730725 and its siblings), what summarize spent up to the log, and the log record itself.
 */
export function mapReduceUnits(stages: { input: number; map: number; reduce: number }, summarizeSoFar: number): number {
  return stages.input + stages.map + stages.reduce + summarizeSoFar + RUN_LOG_UNITS;
}

/** The key that makes a restarted summarize find the record its first attempt wrote: deployment + instance start. */
export function runKey(deploymentId: string, instanceStart: Date | string | undefined): string {
  const when = instanceStart instanceof Date ? instanceStart.toISOString() : String(instanceStart ?? '');
  return `${deploymentId}@${when}`.slice(0, 300);
}
