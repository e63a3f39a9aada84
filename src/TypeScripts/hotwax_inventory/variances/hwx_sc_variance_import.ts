/**
 * @NApiVersion 2.1
 * @NScriptType ScheduledScript
 * @NModuleScope SameAccount
 */
// HotWax Variance Import (customscript_hwx_sc_variance_import): see variances/varianceImport.ts.
import type { EntryPoints } from 'N/types';
import * as log from 'N/log';
import { readOptions, runVarianceImport, varianceRunNote } from './varianceImport';
import { loggedScheduledRun } from '../adapters/runLog';
import { describe } from '../core/integrationError';

export function execute(_context: EntryPoints.Scheduled.executeContext): void {
  let flow = 'variance';
  try {
    loggedScheduledRun(
      () => flow,
      () => {
        const options = readOptions();
        flow = `variance:${options.flowFolder}`;
        return runVarianceImport(options, new Date());
      },
      varianceRunNote,
    );
  } catch (err) {
    log.error({ title: 'Variance import stopped', details: describe(err) });
    throw err;
  }
}
