/**
 * @NApiVersion 2.1
 * @NScriptType ScheduledScript
 * @NModuleScope SameAccount
 */
// HotWax Transfer Order Import (customscript_hwx_sc_to_import): see transfers/transferImport.ts.
import type { EntryPoints } from 'N/types';
import { execute as run, readOptions, transferImportRunNote } from './transferImport';
import { loggedScheduledRun } from '../adapters/runLog';

export const execute: EntryPoints.Scheduled.execute = () => {
  let flow = 'transfer:import';
  loggedScheduledRun(
    () => flow,
    () => {
      flow = `transfer:${readOptions().mode}`;
      return run();
    },
    transferImportRunNote,
  );
};
