/**
 * @NApiVersion 2.1
 * @NScriptType ScheduledScript
 * @NModuleScope SameAccount
 */
// HotWax Inventory Snapshot (customscript_hwx_sc_inventory_export): see inventory/inventoryExport.ts.
import type { EntryPoints } from 'N/types';
import * as error from 'N/error';
import * as log from 'N/log';
import { inventoryRunNote, readOptions, runInventoryExport } from './inventoryExport';
import { loggedScheduledRun } from '../adapters/runLog';
import { describe, IntegrationError } from '../core/integrationError';

export function execute(_context: EntryPoints.Scheduled.executeContext): void {
  try {
    loggedScheduledRun('inventory:snapshot', () => runInventoryExport(readOptions(), new Date()), inventoryRunNote);
  } catch (err) {
    // Logged, then rethrown: only an uncaught error makes the run Failed on the Scheduled Script Status page
    // (NETSUITE.md 6.1), and it is thrown as a SuiteScriptError named by its code (e.g. SNAPSHOT_FAILED), so
    // the status page, the log and the deployment's failure e-mail (notifyOff false) all show that code.
    log.error({ title: 'Inventory snapshot run FAILED', details: describe(err) });
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- a SuiteScriptError is what NetSuite throws; its typings do not extend Error.
    if (err instanceof IntegrationError) throw error.create({ name: err.code, message: err.message, notifyOff: false });
    throw err;
  }
}
