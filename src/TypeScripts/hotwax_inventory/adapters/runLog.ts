/**
 * Writes the run log (customrecord_hwx_run, core/runLog.ts): one record at the end of every run of a flow,
 * with its status, what it did and the units it used. Logging never breaks a flow: a failure to write the
 * record is written to the script's execution log instead. A run killed by NetSuite (a server restart, the
 * usage limit) writes no record; NetSuite's own Scheduled Script Status and Map/Reduce Script Status pages list
 * it (Oracle help "Scheduled Script Instance", section_3777401104).
 */
import type { EntryPoints } from 'N/types';
import * as log from 'N/log';
import * as record from 'N/record';
import * as runtime from 'N/runtime';
import * as search from 'N/search';
import { describe } from '../core/integrationError';
import { mapReduceUnits, RUN_LOG_UNITS, runKey, type RunNote } from '../core/runLog';
import { textValue, type FilterExpression } from './pagedSearch';

export const RUN_RECORD = 'customrecord_hwx_run';

export const RUN_FIELDS = {
  flow: 'custrecord_hwx_run_flow',
  script: 'custrecord_hwx_run_script',
  deployment: 'custrecord_hwx_run_deployment',
  status: 'custrecord_hwx_run_status',
  started: 'custrecord_hwx_run_started',
  ended: 'custrecord_hwx_run_ended',
  units: 'custrecord_hwx_run_units',
  files: 'custrecord_hwx_run_files',
  summary: 'custrecord_hwx_run_summary',
  key: 'custrecord_hwx_run_key',
} as const;

interface RunEntry {
  flow: string;
  note: RunNote;
  started: Date;
  units: number;
  key: string;
}

function write(entry: RunEntry): void {
  try {
    if (runtime.getCurrentScript().getRemainingUsage() < RUN_LOG_UNITS) {
      log.audit({ title: `Run not logged: ${entry.flow}`.slice(0, 99), details: `Too few units left. ${entry.note.status}: ${entry.note.text}`.slice(0, 3900) });
      return;
    }
    const script = runtime.getCurrentScript();
    const rec = record.create({ type: RUN_RECORD });
    rec.setValue({ fieldId: 'name', value: `${entry.flow} ${entry.started.toISOString().slice(0, 16).replace('T', ' ')}`.slice(0, 300) });
    rec.setValue({ fieldId: RUN_FIELDS.flow, value: entry.flow.slice(0, 300) });
    rec.setValue({ fieldId: RUN_FIELDS.script, value: String(script.id) });
    rec.setValue({ fieldId: RUN_FIELDS.deployment, value: String(script.deploymentId) });
    rec.setValue({ fieldId: RUN_FIELDS.status, value: entry.note.status });
    rec.setValue({ fieldId: RUN_FIELDS.started, value: entry.started.toISOString() });
    rec.setValue({ fieldId: RUN_FIELDS.ended, value: new Date().toISOString() });
    rec.setValue({ fieldId: RUN_FIELDS.units, value: entry.units });
    rec.setValue({ fieldId: RUN_FIELDS.files, value: entry.note.files });
    rec.setValue({ fieldId: RUN_FIELDS.summary, value: entry.note.text.slice(0, 3900) });
    rec.setValue({ fieldId: RUN_FIELDS.key, value: entry.key });
    rec.save();
  } catch (err) {
    log.error({ title: `Run not logged: ${entry.flow}`.slice(0, 99), details: `${describe(err)}. ${entry.note.status}: ${entry.note.text}`.slice(0, 3900) });
  }
}

/**
 * Runs `body` and hands `record` the run's note: FAILED with the error when the body throws (the error is thrown
 * on, so NetSuite shows the run as failed too), else the note `noteOf` makes of its result.
 */
function logAround<T>(body: () => T, noteOf: (result: T) => RunNote, record: (note: RunNote) => void): T {
  let result: T;
  try {
    result = body();
  } catch (err) {
    record({ status: 'FAILED', text: describe(err), files: 0 });
    throw err;
  }
  let note: RunNote;
  try {
    note = noteOf(result);
  } catch (err) {
    note = { status: 'COMPLETE', text: `the run finished; its note could not be made: ${describe(err)}`, files: 0 };
  }
  record(note);
  return result;
}

const flowOf = (flowName: string | (() => string)): string => (typeof flowName === 'string' ? flowName : flowName());

/**
 * Runs a scheduled script's body and logs the run. Units: what the invocation used from the start of the body
 * to the log, plus the log record.
 */
export function loggedScheduledRun<T>(flowName: string | (() => string), body: () => T, noteOf: (result: T) => RunNote): T {
  const started = new Date();
  const startLeft = runtime.getCurrentScript().getRemainingUsage();
  return logAround(body, noteOf, (note) => write({ flow: flowOf(flowName), note, started, units: startLeft - runtime.getCurrentScript().getRemainingUsage() + RUN_LOG_UNITS, key: '' }));
}

/**
 * Runs a Map/Reduce summarize body and logs the whole run (every stage's units). A summarize restarted after
 * a server restart (summaryContext.isRestarted) first looks for the record its first attempt wrote, by the
 * deployment and the instance's start (summaryContext.dateCreated), and writes none if it is there.
 */
export function loggedSummarize<T>(flowName: string | (() => string), summary: EntryPoints.MapReduce.summarizeContext, body: () => T, noteOf: (result: T) => RunNote): T {
  const summarizeLeft = runtime.getCurrentScript().getRemainingUsage();
  const created = summary.dateCreated instanceof Date ? summary.dateCreated : new Date(String(summary.dateCreated));
  const started = Number.isNaN(created.getTime()) ? new Date() : created;
  const key = runKey(String(runtime.getCurrentScript().deploymentId), started);
  const stages = { input: Number(summary.inputSummary.usage) || 0, map: Number(summary.mapSummary.usage) || 0, reduce: Number(summary.reduceSummary.usage) || 0 };
  const already = (): boolean => {
    if (!summary.isRestarted) return false;
    try {
      return search.create({ type: RUN_RECORD, filters: [[RUN_FIELDS.key, 'is', key]], columns: ['internalid'] }).run().getRange({ start: 0, end: 1 }).length > 0;
    } catch {
      return false;
    }
  };
  return logAround(body, noteOf, (note) => {
    if (!already()) write({ flow: flowOf(flowName), note, started, units: mapReduceUnits(stages, summarizeLeft - runtime.getCurrentScript().getRemainingUsage()), key });
  });
}

// ---- reading the log ----------------------------------------------------------------------------------------

export interface RunRow {
  id: string;
  flow: string;
  deployment: string;
  status: string;
  started: string;
  ended: string;
  units: number;
  files: number;
  summary: string;
}

/**
 * The newest run-log records of one flow (one search, 10 units), newest first: those with one of its flow keys,
 * or written by one of its deployments (a run that failed before it knew its flow logs the script's generic key).
 */
export function latestRuns(runFlows: readonly string[], n: number, deployments: readonly string[] = []): RunRow[] {
  if (runFlows.length === 0 && deployments.length === 0) return [];
  const filters: FilterExpression = [];
  const or = (term: FilterExpression): void => {
    if (filters.length > 0) filters.push('or');
    filters.push(term);
  };
  for (const flow of runFlows) or([RUN_FIELDS.flow, 'is', flow]);
  for (const deployment of deployments) or([RUN_FIELDS.deployment, 'is', deployment]);
  return search
    .create({ type: RUN_RECORD, filters, columns: [search.createColumn({ name: 'internalid', sort: search.Sort.DESC }), ...Object.values(RUN_FIELDS)] })
    .run()
    .getRange({ start: 0, end: n })
    .map((r) => ({
      id: r.id,
      flow: textValue(r, RUN_FIELDS.flow),
      deployment: textValue(r, RUN_FIELDS.deployment),
      status: textValue(r, RUN_FIELDS.status),
      started: textValue(r, RUN_FIELDS.started),
      ended: textValue(r, RUN_FIELDS.ended),
      units: Number(textValue(r, RUN_FIELDS.units) || 0),
      files: Number(textValue(r, RUN_FIELDS.files) || 0),
      summary: textValue(r, RUN_FIELDS.summary),
    }));
}

/** Ids of run-log records created before a day (the user's date), oldest first, at most 1,000 (10 units). */
export function runsCreatedBefore(userDay: string): string[] {
  return search
    .create({ type: RUN_RECORD, filters: [['created', 'before', userDay]], columns: [search.createColumn({ name: 'internalid', sort: search.Sort.ASC })] })
    .run()
    .getRange({ start: 0, end: 1000 })
    .map((r) => r.id);
}

/** Deletes one run-log record (record.delete of a custom record: 4 units, NETSUITE.md 5). */
export function deleteRun(id: string): void {
  record.delete({ type: RUN_RECORD, id });
}
