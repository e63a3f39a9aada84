// Record type definitions shared by N/record, the CSV import engine and (for display text) N/search:
// which body fields and sublists the standard types our flows use have, each field's kind, which fields are
// mandatory, read-only or defaulted (NETSUITE.md 4). Custom fields come from the project's SDF objects
// (custom record types and custbody/custcol/... fields), so their kinds and mandatory flags are NetSuite's too.
//
// Choices, each explainable:
//  - A field id that is not defined here is still stored on standard types (NetSuite's setValue on an unknown
//    field is harmless; ns-local keeps what was set and does not interpret it).
//  - Custom field ids (custbody_, custcol_, custrecord_, custentity_, custitem_, custevent_) are accepted on any
//    record; when the project defines the field, its kind, target and mandatory flag apply.
//  - Mandatory standard fields are system requirements and stay enforced with ignoreMandatoryFields;
//    that option only skips mandatory *custom* fields [U].
import { loadProjectObjects, transactionFieldApplies } from '../objects';
import type { FieldValue } from '../account/types';

export type FieldKind = 'text' | 'integer' | 'float' | 'date' | 'datetime' | 'checkbox' | 'select' | 'multiselect';

export interface FieldDef {
  /** The label NetSuite shows, used in "Please enter value(s) for: <label>". */
  label: string;
  kind: FieldKind;
  /** select/multiselect: the referenced record type ('item' = any item type). Undefined: an internal list, not checked. */
  target?: string;
  /** Required on every save. */
  mandatory?: boolean;
  /** Required only when this feature is enabled (e.g. SUBSIDIARIES, MULTILOCINVT). */
  mandatoryWithFeature?: string;
  /** Mandatory custom field (skipped by ignoreMandatoryFields / validatemandatorycustfields=F). */
  customMandatory?: boolean;
  /** Set by the system: setValue/submitFields ignore it, CSV import skips it (ignorereadonly) or fails the row. */
  readOnly?: boolean;
  /** Value a new record starts with. */
  defaultValue?: FieldValue;
  /** A new record starts with today's date in the account's time zone (trandate). */
  defaultToday?: boolean;
  /** True for custom fields (custbody_x, ...). */
  custom?: boolean;
}

export interface SublistDef {
  label: string;
  fields: Record<string, FieldDef>;
}

export type RecordFamily = 'transaction' | 'entity' | 'item' | 'list' | 'custom';

export interface RecordTypeDef {
  type: string;
  /** "Inventory Adjustment": used in display text ("Purchase Order #PO1") and messages. */
  label: string;
  family: RecordFamily;
  /** Field holding the record's display name (getText of a reference, CSV NAME resolution). */
  nameField: string;
  fields: Record<string, FieldDef>;
  sublists: Record<string, SublistDef>;
  /**
   * Custom field ids the project defines that are NOT on this record type (their applies-to flags name other
   * types, runtime/objects/appliesTo.ts). Setting one is refused (see isFieldNotOnRecord).
   */
  notOnRecord?: ReadonlySet<string>;
  /** Created only by record.transform (itemreceipt from a purchase order, NETSUITE.md 4.4). */
  transformOnly?: boolean;
  /** A type ns-local has no definition for, known only because the account holds records of it. */
  generic?: boolean;
}

/** Item record types a select with target 'item' accepts. */
export const ITEM_TYPES = [
  'inventoryitem',
  'noninventoryitem',
  'serviceitem',
  'assemblyitem',
  'kititem',
  'lotnumberedinventoryitem',
  'serializedinventoryitem',
] as const;

/** Prefixes of custom field ids NetSuite accepts on records. */
export const CUSTOM_FIELD_PREFIXES = ['custbody', 'custcol', 'custrecord', 'custentity', 'custitem', 'custevent'] as const;

export function isCustomFieldId(fieldId: string): boolean {
  return CUSTOM_FIELD_PREFIXES.some((p) => fieldId.startsWith(p));
}

export function isCustomRecordType(type: string): boolean {
  return type.startsWith('customrecord');
}

// ---- field constructors ----------------------------------------------------------------------------

const text = (label: string, extra: Partial<FieldDef> = {}): FieldDef => ({ label, kind: 'text', ...extra });
const float = (label: string, extra: Partial<FieldDef> = {}): FieldDef => ({ label, kind: 'float', ...extra });
const date = (label: string, extra: Partial<FieldDef> = {}): FieldDef => ({ label, kind: 'date', ...extra });
const datetime = (label: string, extra: Partial<FieldDef> = {}): FieldDef => ({ label, kind: 'datetime', readOnly: true, ...extra });
const checkbox = (label: string, extra: Partial<FieldDef> = {}): FieldDef => ({ label, kind: 'checkbox', defaultValue: false, ...extra });
const select = (label: string, target: string | undefined, extra: Partial<FieldDef> = {}): FieldDef => ({
  label,
  kind: 'select',
  ...(target === undefined ? {} : { target }),
  ...extra,
});

const SYSTEM_FIELDS: Record<string, FieldDef> = {
  id: text('Internal ID', { readOnly: true }),
  externalid: text('External ID'),
  createddate: datetime('Date Created'),
  lastmodifieddate: datetime('Last Modified'),
};

const TRANSACTION_BODY: Record<string, FieldDef> = {
  ...SYSTEM_FIELDS,
  tranid: text('Reference #'),
  trandate: date('Date', { mandatory: true, defaultToday: true }),
  postingperiod: select('Posting Period', 'accountingperiod'),
  memo: text('Memo'),
  department: select('Department', 'department'),
  class: select('Class', 'classification'),
};

/** PO status codes (NETSUITE.md 4.3): statusref -> display text and search filter id. */
export const PURCHASE_ORDER_STATUSES: Record<string, { text: string; filterId: string }> = {
  pendingSupApproval: { text: 'Pending Supervisor Approval', filterId: 'PurchOrd:A' },
  rejected: { text: 'Rejected by Supervisor', filterId: 'PurchOrd:C' },
  pendingReceipt: { text: 'Pending Receipt', filterId: 'PurchOrd:B' },
  partiallyReceived: { text: 'Partially Received', filterId: 'PurchOrd:D' },
  pendingBillPartReceived: { text: 'Pending Billing/Partially Received', filterId: 'PurchOrd:E' },
  pendingBilling: { text: 'Pending Bill', filterId: 'PurchOrd:F' },
  fullyBilled: { text: 'Fully Billed', filterId: 'PurchOrd:G' },
  closed: { text: 'Closed', filterId: 'PurchOrd:H' },
};

/**
 * Transfer order status codes: NetSuite's TransferOrderOrderStatus enum (SOAP schema browser,
 * transferorderorderstatus.html [D]: pendingApproval, pendingFulfillment, rejected, partiallyFulfilled,
 * pendingReceiptPartFulfilled, pendingReceipt, received, closed). The letters TrnfrOrd:A..H follow the enum's
 * order as PurchOrd:A..H follow the PO enum [U] (public SuiteScripts map them so [O]; docs/sandbox-checklist.md 7.1).
 * There is no "partially received" status: a transfer order received in part stays pending receipt.
 */
export const TRANSFER_ORDER_STATUSES: Record<string, { text: string; filterId: string }> = {
  pendingApproval: { text: 'Pending Approval', filterId: 'TrnfrOrd:A' },
  pendingFulfillment: { text: 'Pending Fulfillment', filterId: 'TrnfrOrd:B' },
  rejected: { text: 'Rejected', filterId: 'TrnfrOrd:C' },
  partiallyFulfilled: { text: 'Partially Fulfilled', filterId: 'TrnfrOrd:D' },
  pendingReceiptPartFulfilled: { text: 'Pending Receipt/Partially Fulfilled', filterId: 'TrnfrOrd:E' },
  pendingReceipt: { text: 'Pending Receipt', filterId: 'TrnfrOrd:F' },
  received: { text: 'Received', filterId: 'TrnfrOrd:G' },
  closed: { text: 'Closed', filterId: 'TrnfrOrd:H' },
};

/**
 * Item fulfillment Ship Status (shipstatus): A Picked, B Packed, C Shipped. The three stages are Oracle's (help "Item
 * Fulfillment", section_N3195884: pick, pack and ship are the record's user event trigger types); the letters are
 * [U] (docs/sandbox-checklist.md 7.3).
 */
export const SHIP_STATUSES: Record<string, string> = { A: 'Picked', B: 'Packed', C: 'Shipped' };

const STANDARD_TYPES: RecordTypeDef[] = [
  {
    type: 'subsidiary',
    label: 'Subsidiary',
    family: 'list',
    nameField: 'name',
    fields: {
      ...SYSTEM_FIELDS,
      name: text('Name', { mandatory: true }),
      parent: select('Subsidiary Of', 'subsidiary'),
      isinactive: checkbox('Inactive'),
      country: text('Country'),
      currency: select('Currency', undefined),
    },
    sublists: {},
  },
  {
    type: 'location',
    label: 'Location',
    family: 'list',
    nameField: 'name',
    fields: {
      ...SYSTEM_FIELDS,
      name: text('Name', { mandatory: true }),
      subsidiary: select('Subsidiary', 'subsidiary', { mandatoryWithFeature: 'SUBSIDIARIES' }),
      parent: select('Sub-Location Of', 'location'),
      isinactive: checkbox('Inactive'),
      usebins: checkbox('Use Bins'),
      // Location type ids are [U] (believed 1 = Store, 2 = Warehouse): an internal list, not checked.
      locationtype: select('Location Type', undefined),
      makeinventoryavailable: checkbox('Make Inventory Available', { defaultValue: true }),
      makeinventoryavailablestore: checkbox('Make Inventory Available in Web Store', { defaultValue: true }),
    },
    sublists: {},
  },
  {
    type: 'account',
    label: 'Account',
    family: 'list',
    nameField: 'acctname',
    fields: {
      ...SYSTEM_FIELDS,
      acctname: text('Name', { mandatory: true }),
      name: text('Name'),
      acctnumber: text('Number'),
      accttype: text('Type'),
      subsidiary: select('Subsidiary', 'subsidiary'),
      isinactive: checkbox('Inactive'),
    },
    sublists: {},
  },
  {
    type: 'inventoryitem',
    label: 'Inventory Item',
    family: 'item',
    nameField: 'itemid',
    fields: {
      ...SYSTEM_FIELDS,
      itemid: text('Item Name/Number', { mandatory: true }),
      displayname: text('Display Name/Code'),
      upccode: text('UPC Code'),
      description: text('Description'),
      purchasedescription: text('Purchase Description'),
      cost: float('Purchase Price'),
      // Set by NetSuite from receipts and adjustments under average costing; read-only on the record [U].
      averagecost: float('Average Cost', { readOnly: true }),
      subsidiary: select('Subsidiary', 'subsidiary'),
      isinactive: checkbox('Inactive'),
      itemtype: text('Item Type', { readOnly: true }),
      usebins: checkbox('Use Bins'),
    },
    sublists: {},
  },
  {
    type: 'vendor',
    label: 'Vendor',
    family: 'entity',
    nameField: 'entityid',
    fields: {
      ...SYSTEM_FIELDS,
      entityid: text('Vendor ID', { mandatory: true }),
      companyname: text('Company Name'),
      email: text('Email'),
      subsidiary: select('Primary Subsidiary', 'subsidiary', { mandatoryWithFeature: 'SUBSIDIARIES' }),
      isinactive: checkbox('Inactive'),
    },
    sublists: {},
  },
  {
    type: 'purchaseorder',
    label: 'Purchase Order',
    family: 'transaction',
    nameField: 'tranid',
    fields: {
      ...TRANSACTION_BODY,
      tranid: text('PO #'),
      entity: select('Vendor', 'vendor', { mandatory: true }),
      subsidiary: select('Subsidiary', 'subsidiary', { mandatoryWithFeature: 'SUBSIDIARIES' }),
      location: select('Location', 'location'),
      duedate: date('Receive By'),
      // Approval status list: 1 Pending Approval, 2 Approved, 3 Rejected.
      approvalstatus: select('Approval Status', undefined),
      statusref: text('Status', { readOnly: true, defaultValue: 'pendingReceipt' }),
      status: text('Status', { readOnly: true }),
    },
    sublists: {
      item: {
        label: 'Items',
        fields: {
          line: text('Line', { readOnly: true }),
          item: select('Item', 'item', { mandatory: true }),
          description: text('Description'),
          quantity: float('Quantity', { mandatory: true }),
          quantityreceived: float('Received', { readOnly: true, defaultValue: 0 }),
          quantitybilled: float('Billed', { readOnly: true, defaultValue: 0 }),
          rate: float('Rate', { mandatory: true }),
          amount: float('Amount'),
          location: select('Location', 'location'),
          expectedreceiptdate: date('Expected Receipt Date'),
          isclosed: checkbox('Closed'),
          department: select('Department', 'department'),
          class: select('Class', 'classification'),
        },
      },
    },
  },
  {
    type: 'itemreceipt',
    label: 'Item Receipt',
    family: 'transaction',
    nameField: 'tranid',
    transformOnly: true,
    fields: {
      ...TRANSACTION_BODY,
      entity: select('Vendor', 'vendor', { readOnly: true }),
      createdfrom: select('Created From', 'purchaseorder|transferorder', { mandatory: true, readOnly: true }),
      subsidiary: select('Subsidiary', 'subsidiary', { readOnly: true }),
      // Receipts of a transfer order: the fulfillment received (transform defaultValues.itemfulfillment).
      itemfulfillment: select('Item Fulfillment', 'itemfulfillment', { readOnly: true }),
      transferlocation: select('To Location', 'location', { readOnly: true }),
    },
    sublists: {
      item: {
        label: 'Items',
        fields: {
          line: text('Line', { readOnly: true }),
          orderline: text('Order Line', { readOnly: true }),
          item: select('Item', 'item', { mandatory: true, readOnly: true }),
          description: text('Description'),
          itemreceive: checkbox('Receive'),
          quantity: float('Quantity'),
          quantityremaining: float('Remaining', { readOnly: true }),
          onhand: float('On Hand', { readOnly: true }),
          location: select('Location', 'location', { mandatoryWithFeature: 'MULTILOCINVT' }),
          rate: float('Rate', { readOnly: true }),
        },
      },
    },
  },
  {
    // Transfer order (Oracle help "Transfer Order", section_N3692380: moves inventory between locations with Multi-Location
    // Inventory; it initializes item fulfillments and item receipts).
    type: 'transferorder',
    label: 'Transfer Order',
    family: 'transaction',
    nameField: 'tranid',
    fields: {
      ...TRANSACTION_BODY,
      tranid: text('Transfer Order #'),
      subsidiary: select('Subsidiary', 'subsidiary', { mandatoryWithFeature: 'SUBSIDIARIES' }),
      location: select('From Location', 'location', { mandatory: true }),
      transferlocation: select('To Location', 'location', { mandatory: true }),
      // Order status list: A Pending Approval, B Pending Fulfillment, C Rejected (the approval part of the status).
      orderstatus: select('Status', undefined, { defaultValue: 'B' }),
      useitemcostastransfercost: checkbox('Use Item Cost as Transfer Cost'),
      firmed: checkbox('Firmed'),
      statusref: text('Status', { readOnly: true, defaultValue: 'pendingFulfillment' }),
      status: text('Status', { readOnly: true }),
    },
    sublists: {
      item: {
        label: 'Items',
        fields: {
          line: text('Line', { readOnly: true }),
          item: select('Item', 'item', { mandatory: true }),
          description: text('Description'),
          quantity: float('Quantity', { mandatory: true }),
          quantityfulfilled: float('Fulfilled', { readOnly: true, defaultValue: 0 }),
          quantityreceived: float('Received', { readOnly: true, defaultValue: 0 }),
          rate: float('Transfer Price'),
          amount: float('Amount'),
          isclosed: checkbox('Closed'),
        },
      },
    },
  },
  {
    // Item fulfillment: from a transfer order only here (record.transform, NETSUITE.md 4.4 pattern).
    type: 'itemfulfillment',
    label: 'Item Fulfillment',
    family: 'transaction',
    nameField: 'tranid',
    transformOnly: true,
    fields: {
      ...TRANSACTION_BODY,
      createdfrom: select('Created From', 'transferorder', { mandatory: true, readOnly: true }),
      subsidiary: select('Subsidiary', 'subsidiary', { readOnly: true }),
      transferlocation: select('To Location', 'location', { readOnly: true }),
      shipstatus: select('Status', undefined, { defaultValue: 'C' }),
    },
    sublists: {
      item: {
        label: 'Items',
        fields: {
          line: text('Line', { readOnly: true }),
          orderline: text('Order Line', { readOnly: true }),
          item: select('Item', 'item', { mandatory: true, readOnly: true }),
          description: text('Description'),
          itemreceive: checkbox('Fulfill'),
          quantity: float('Quantity'),
          quantityremaining: float('Remaining', { readOnly: true }),
          onhand: float('On Hand', { readOnly: true }),
          location: select('Location', 'location', { mandatoryWithFeature: 'MULTILOCINVT' }),
        },
      },
      package: {
        label: 'Packages',
        fields: {
          packagetrackingnumber: text('Tracking Number'),
          packageweight: float('Weight'),
          packagedescr: text('Description'),
        },
      },
    },
  },
  {
    type: 'inventoryadjustment',
    label: 'Inventory Adjustment',
    family: 'transaction',
    nameField: 'tranid',
    fields: {
      ...TRANSACTION_BODY,
      subsidiary: select('Subsidiary', 'subsidiary', { mandatoryWithFeature: 'SUBSIDIARIES' }),
      account: select('Adjustment Account', 'account', { mandatory: true }),
      adjlocation: select('Adjustment Location', 'location'),
      customer: select('Customer', 'customer'),
    },
    sublists: {
      inventory: {
        label: 'Adjustments',
        fields: {
          line: text('Line', { readOnly: true }),
          item: select('Item', 'item', { mandatory: true }),
          description: text('Description'),
          location: select('Location', 'location', { mandatoryWithFeature: 'MULTILOCINVT' }),
          adjustqtyby: float('Adjust Qty. By', { mandatory: true }),
          newquantity: float('New Quantity'),
          quantityonhand: float('Quantity On Hand', { readOnly: true }),
          unitcost: float('Est. Unit Cost'),
          memo: text('Memo'),
          department: select('Department', 'department'),
          class: select('Class', 'classification'),
        },
      },
    },
  },
  {
    type: 'inventorytransfer',
    label: 'Inventory Transfer',
    family: 'transaction',
    nameField: 'tranid',
    fields: {
      ...TRANSACTION_BODY,
      subsidiary: select('Subsidiary', 'subsidiary', { mandatoryWithFeature: 'SUBSIDIARIES' }),
      location: select('From Location', 'location', { mandatory: true }),
      transferlocation: select('To Location', 'location', { mandatory: true }),
    },
    sublists: {
      inventory: {
        label: 'Items',
        fields: {
          line: text('Line', { readOnly: true }),
          item: select('Item', 'item', { mandatory: true }),
          description: text('Description'),
          adjustqtyby: float('Qty. to Transfer', { mandatory: true }),
          quantityavailable: float('Qty. Available', { readOnly: true }),
        },
      },
    },
  },
];

/**
 * The script deployment record (Oracle help "Script Deployment", section_3753014009 [D]: internal id
 * `scriptdeployment`, scriptable in server scripts: load, submitFields, search; "the recurrenceminutes and
 * starttime fields are not scriptable"). ns-local creates one per SDF deployment (runtime/records/scriptDeployments.ts)
 * and keeps its live status there: pausing a flow is `submitFields({type:'scriptdeployment', values:{status}})`.
 * Field ids: status, isdeployed, title, loglevel as in the SDF deployment (SDFxml_637067724 [D]); scriptid and
 * script [U: the script field holds the script's internal id in NetSuite; ns-local stores the script id];
 * recurringevent [O: HotWax's RESTlet reads it as JSON with repeatTimeInMinutes; the rest of its shape is [U]],
 * read-only here because Oracle says the recurrence fields are not scriptable.
 */
const SCRIPT_DEPLOYMENT_TYPE: RecordTypeDef = {
  type: 'scriptdeployment',
  label: 'Script Deployment',
  family: 'list',
  nameField: 'title',
  fields: {
    ...SYSTEM_FIELDS,
    scriptid: text('ID', { readOnly: true }),
    script: select('Script', undefined, { readOnly: true }),
    title: text('Title', { mandatory: true }),
    status: select('Status', undefined, { mandatory: true }),
    isdeployed: checkbox('Deployed', { defaultValue: true }),
    loglevel: select('Log Level', undefined),
    recurringevent: text('Recurrence', { readOnly: true }),
  },
  sublists: {},
};

const CUSTOM_RECORD_BASE: Record<string, FieldDef> = {
  ...SYSTEM_FIELDS,
  name: text('Name'),
  isinactive: checkbox('Inactive'),
  owner: select('Owner', undefined, { readOnly: true }),
  created: datetime('Date Created'),
  lastmodified: datetime('Last Modified'),
};

/** Lot-numbered and serialized inventory items: inventory items whose lines need an inventory detail (NETSUITE.md 4.1). */
const NUMBERED_ITEM_DEFS: RecordTypeDef[] = STANDARD_TYPES.filter((d) => d.type === 'inventoryitem').flatMap((d) => [
  { ...d, type: 'lotnumberedinventoryitem', label: 'Lot Numbered Inventory Item' },
  { ...d, type: 'serializedinventoryitem', label: 'Serialized Inventory Item' },
]);

const STANDARD_BY_TYPE = new Map([...STANDARD_TYPES, ...NUMBERED_ITEM_DEFS, SCRIPT_DEPLOYMENT_TYPE].map((d) => [d.type, d]));

/** The standard types ns-local defines (without custom fields). */
export function standardRecordTypes(): string[] {
  return [...STANDARD_BY_TYPE.keys()];
}

// ---- custom field definitions from the project's SDF objects -----------------------------------------

/** What the SDF object reader returns that matters here (structurally a subset of ProjectObjects). */
export interface CustomDefinitions {
  customRecordTypes: { scriptId: string; recordName?: string; fields: CustomFieldSource[] }[];
  customFields: (CustomFieldSource & { kind: string; appliesTo: string[] })[];
}

export interface CustomFieldSource {
  scriptId: string;
  fieldType: string;
  label: string;
  isMandatory: boolean;
  selectRecordType?: string;
}

export const NO_CUSTOM_DEFINITIONS: CustomDefinitions = { customRecordTypes: [], customFields: [] };

/** Standard list ids used as a custom select's `selectrecordtype` (only the ones known for certain). */
const SELECT_RECORD_TYPES: Record<string, string> = {
  '-103': 'location',
  '-112': 'account',
  '-117': 'subsidiary',
};

function selectTarget(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  const unwrapped = /^\[scriptid=([^\]]+)\]$/.exec(raw)?.[1] ?? raw;
  if (isCustomRecordType(unwrapped)) return unwrapped.split('.')[0];
  return SELECT_RECORD_TYPES[unwrapped];
}

/** Maps an SDF custom field type (TEXT, INTEGER, SELECT, ...) to a field kind. */
export function kindOfCustomFieldType(fieldType: string): FieldKind {
  switch (fieldType.toUpperCase()) {
    case 'INTEGER':
      return 'integer';
    case 'FLOAT':
    case 'CURRENCY':
    case 'PERCENT':
    case 'CURRENCY2':
    case 'DECIMAL':
      return 'float';
    case 'DATE':
      return 'date';
    case 'DATETIME':
    case 'DATETIMETZ':
      return 'datetime';
    case 'CHECKBOX':
      return 'checkbox';
    case 'SELECT':
      return 'select';
    case 'MULTISELECT':
      return 'multiselect';
    default:
      return 'text';
  }
}

function customFieldDef(source: CustomFieldSource, mandatory: boolean): FieldDef {
  const kind = kindOfCustomFieldType(source.fieldType);
  const target = kind === 'select' || kind === 'multiselect' ? selectTarget(source.selectRecordType) : undefined;
  return {
    label: source.label || source.scriptId,
    kind,
    custom: true,
    ...(target === undefined ? {} : { target }),
    ...(mandatory ? { customMandatory: true } : {}),
    ...(kind === 'checkbox' ? { defaultValue: false } : {}),
  };
}

const projectDefinitions = new Map<string, CustomDefinitions>();

/** The custom record types and custom fields of the SDF project at `projectFolder` (read once per process). */
export function customDefinitionsFor(projectFolder: string): CustomDefinitions {
  const cached = projectDefinitions.get(projectFolder);
  if (cached) return cached;
  let definitions = NO_CUSTOM_DEFINITIONS;
  try {
    const objects = loadProjectObjects(projectFolder);
    definitions = { customRecordTypes: objects.customRecordTypes, customFields: objects.customFields };
  } catch {
    definitions = NO_CUSTOM_DEFINITIONS;
  }
  projectDefinitions.set(projectFolder, definitions);
  return definitions;
}

/** Forgets cached project definitions (tests that rewrite src/Objects). */
export function clearCustomDefinitionsCache(): void {
  projectDefinitions.clear();
}

const resolvedTypes = new WeakMap<CustomDefinitions, Map<string, RecordTypeDef | null>>();

function buildDefinition(type: string, custom: CustomDefinitions): RecordTypeDef | undefined {
  if (isCustomRecordType(type)) {
    const source = custom.customRecordTypes.find((c) => c.scriptId === type);
    const fields: Record<string, FieldDef> = { ...CUSTOM_RECORD_BASE };
    for (const f of source?.fields ?? []) fields[f.scriptId] = customFieldDef(f, f.isMandatory);
    return { type, label: source?.recordName ?? type, family: 'custom', nameField: 'name', fields, sublists: {} };
  }
  const standard = STANDARD_BY_TYPE.get(type);
  if (!standard) return undefined;
  const fields: Record<string, FieldDef> = { ...standard.fields };
  const sublists: Record<string, SublistDef> = {};
  for (const [id, sublist] of Object.entries(standard.sublists)) sublists[id] = { label: sublist.label, fields: { ...sublist.fields } };
  const notOnRecord = new Set<string>();
  for (const f of custom.customFields) {
    const transactionField = f.kind === 'transactionbodycustomfield' || f.kind === 'transactioncolumncustomfield';
    // A transaction field is on this type only when an applies-to flag names it (SDF-FIELDS.md §7.1, §7.2).
    if (transactionField && (standard.family !== 'transaction' || !transactionFieldApplies(f.appliesTo, type))) {
      notOnRecord.add(f.scriptId);
    } else if (f.kind === 'transactionbodycustomfield') {
      fields[f.scriptId] = customFieldDef(f, f.isMandatory);
    } else if (f.kind === 'transactioncolumncustomfield') {
      for (const sublist of Object.values(sublists)) sublist.fields[f.scriptId] = customFieldDef(f, f.isMandatory);
    } else if (f.kind === 'entitycustomfield' && standard.family === 'entity') {
      fields[f.scriptId] = customFieldDef(f, false);
    } else if (f.kind === 'itemcustomfield' && standard.family === 'item') {
      fields[f.scriptId] = customFieldDef(f, false);
    } else if (f.kind === 'othercustomfield' && f.appliesTo.includes(type)) {
      fields[f.scriptId] = customFieldDef(f, f.isMandatory);
    }
  }
  return { ...standard, fields, sublists, ...(notOnRecord.size > 0 ? { notOnRecord } : {}) };
}

/**
 * The definition of a record type with the project's custom fields merged in; undefined when ns-local does
 * not know the type. Custom record types are always known (fields of an undeclared one are accepted raw).
 */
export function getRecordType(type: string, custom: CustomDefinitions = NO_CUSTOM_DEFINITIONS): RecordTypeDef | undefined {
  let cache = resolvedTypes.get(custom);
  if (!cache) {
    cache = new Map();
    resolvedTypes.set(custom, cache);
  }
  const hit = cache.get(type);
  if (hit !== undefined) return hit ?? undefined;
  const built = buildDefinition(type, custom);
  cache.set(type, built ?? null);
  return built;
}

/** A definition for a type ns-local does not model but the account holds records of: every field accepted raw. */
export function genericRecordType(type: string): RecordTypeDef {
  return { type, label: type, family: 'list', nameField: 'name', fields: { ...SYSTEM_FIELDS, name: text('Name'), isinactive: checkbox('Inactive') }, sublists: {}, generic: true };
}

/** Whether `fieldId` is a custom field the project defines for other record types only. */
export function isFieldNotOnRecord(def: RecordTypeDef, fieldId: string): boolean {
  return def.notOnRecord?.has(fieldId) === true;
}

/**
 * A body field's definition; a custom field no project object defines (another bundle's) is a text field.
 * Undefined for an unknown standard field and for a project field that is not on this record type.
 */
export function bodyFieldDef(def: RecordTypeDef, fieldId: string): FieldDef | undefined {
  if (isFieldNotOnRecord(def, fieldId)) return undefined;
  return def.fields[fieldId] ?? (isCustomFieldId(fieldId) ? { label: fieldId, kind: 'text', custom: true } : undefined);
}

/** A sublist field's definition, with the same rules as bodyFieldDef. */
export function sublistFieldDef(def: RecordTypeDef, sublistId: string, fieldId: string): FieldDef | undefined {
  const sublist = def.sublists[sublistId];
  if (!sublist || isFieldNotOnRecord(def, fieldId)) return undefined;
  return sublist.fields[fieldId] ?? (isCustomFieldId(fieldId) ? { label: fieldId, kind: 'text', custom: true } : undefined);
}

/** Whether a field is mandatory for this account (feature-dependent requirements included). */
export function isMandatory(field: FieldDef, features: readonly string[], ignoreCustomMandatory: boolean): boolean {
  if (field.mandatory) return true;
  if (field.mandatoryWithFeature !== undefined && features.includes(field.mandatoryWithFeature)) return true;
  return field.customMandatory === true && !ignoreCustomMandatory;
}
