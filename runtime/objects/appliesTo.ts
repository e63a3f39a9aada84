// Which record types a custom field is on: the one table the emulated records, the CSV import engine and the
// offline validator share. A transaction body or column field is on a record type only when one of its
// applies-to flags names that type (../shared/SDF-FIELDS.md §7.1, §7.2); entity and item fields by their
// appliesto* flags; an othercustomfield by its rectype.
//
// Inventory transfers have no flag of their own (there is no bodyinventorytransfer / colinventorytransfer,
// SDF-FIELDS.md §7.2): NETSUITE.md 8 records Oracle's help that inventory-adjustment fields reach inventory
// transfers, so the inventory-adjustment flags cover both [D/O; on docs/sandbox-checklist.md].

/** Transaction applies-to flags and the record types (NetSuite's lower-case ids) each puts a field on. */
export const TRANSACTION_FLAG_RECORD_TYPES: Readonly<Record<string, readonly string[]>> = {
  bodyinventoryadjustment: ['inventoryadjustment', 'inventorytransfer'],
  colinventoryadjustment: ['inventoryadjustment', 'inventorytransfer'],
  bodyitemreceipt: ['itemreceipt'],
  colitemreceipt: ['itemreceipt'],
  bodyitemfulfillment: ['itemfulfillment'],
  colitemfulfillment: ['itemfulfillment'],
  bodytransferorder: ['transferorder'],
  coltransferorder: ['transferorder'],
  bodypurchase: ['purchaseorder', 'vendorbill', 'vendorcredit', 'vendorreturnauthorization'],
  colpurchase: ['purchaseorder', 'vendorbill', 'vendorcredit', 'vendorreturnauthorization'],
  bodysale: ['salesorder', 'invoice', 'cashsale', 'estimate', 'creditmemo', 'returnauthorization'],
  colsale: ['salesorder', 'invoice', 'cashsale', 'estimate', 'creditmemo', 'returnauthorization'],
  bodyjournal: ['journalentry'],
  coljournal: ['journalentry'],
};

/** The applies-to flag an SDF object needs to put a transaction field on `recordType` ('body' or 'col'), if one is known. */
export function transactionFlagFor(prefix: 'body' | 'col', recordType: string): string | undefined {
  return Object.entries(TRANSACTION_FLAG_RECORD_TYPES).find(([flag, types]) => flag.startsWith(prefix) && types.includes(recordType))?.[0];
}

/** Whether a transaction body/column field with these applies-to flags (those set to T) is on `recordType`. */
export function transactionFieldApplies(flags: readonly string[], recordType: string): boolean {
  return flags.some((flag) => TRANSACTION_FLAG_RECORD_TYPES[flag]?.includes(recordType) === true);
}
