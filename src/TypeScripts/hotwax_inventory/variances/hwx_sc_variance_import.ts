/**
 * @NApiVersion 2.1
 * @NScriptType ScheduledScript
 * @NModuleScope SameAccount
 */
// HotWax Variance Import (customscript_hwx_sc_variance_import): see variances/varianceImport.ts.
import type { EntryPoints } from 'N/types';
import * as log from 'N/log';
import { readOptions, runVarianceImport } from './varianceImport';
import { describe } from '../core/integrationError';

export function execute(_context: EntryPoints.Scheduled.executeContext): void {
  try {
    runVarianceImport(readOptions(), new Date());
  } catch (err) {
    log.error({ title: 'Variance import stopped', details: describe(err) });
    throw err;
  }
}
