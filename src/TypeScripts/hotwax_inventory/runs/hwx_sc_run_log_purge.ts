/**
 * @NApiVersion 2.1
 * @NScriptType ScheduledScript
 * @NModuleScope SameAccount
 */
// HotWax Run Log Purge (customscript_hwx_sc_run_log_purge): see runs/runLogPurge.ts.
import type { EntryPoints } from 'N/types';
import { loggedScheduledRun } from '../adapters/runLog';
import { purgeRunNote, runLogPurge } from './runLogPurge';

export const execute: EntryPoints.Scheduled.execute = () => {
  loggedScheduledRun('runlog:purge', runLogPurge, purgeRunNote);
};
