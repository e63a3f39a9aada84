/**
 * @NApiVersion 2.1
 * @NScriptType ScheduledScript
 * @NModuleScope SameAccount
 */
// HotWax Inventory Snapshot (customscript_hwx_sc_inventory_export): see inventory/inventoryExport.ts.
import type { EntryPoints } from 'N/types';
import * as log from 'N/log';
import { readOptions, runInventoryExport } from './inventoryExport';
import { describe } from '../core/integrationError';

export function execute(_context: EntryPoints.Scheduled.executeContext): void {
  try {
    runInventoryExport(readOptions(), new Date());
  } catch (err) {
    log.error({ title: 'Inventory snapshot stopped', details: describe(err) });
    throw err;
  }
}
