/**
 * @NApiVersion 2.1
 * @NScriptType ScheduledScript
 * @NModuleScope SameAccount
 */
// HotWax Transfer Order Export (customscript_hwx_sc_to_export): see transfers/transferExport.ts.
import type { EntryPoints } from 'N/types';
import { execute as run, transferExportRunNote } from './transferExport';
import { loggedScheduledRun } from '../adapters/runLog';

export const execute: EntryPoints.Scheduled.execute = () => {
  loggedScheduledRun('transfer:export', run, transferExportRunNote);
};
