// What the emulated N/search knows about record types: which search types exist, how records become result
// rows, which fields (filters and columns) and joins each search type has, and how select values are shown.
//
// Rows (NETSUITE.md 4):
//  - transaction searches return one row for the transaction body (mainline = T, line id 0) and one row per
//    line of the item sublist (purchase order, item receipt) or inventory sublist (adjustment, transfer),
//    body fields repeated on every row. There are no tax, shipping or COGS lines here: those filters are
//    understood and are always F.
//  - item searches return one row per item, or, when a filter or column uses inventorylocation or a
//    location quantity (locationquantityonhand ...), one row per item and location [U: every active
//    location, plus inactive ones that hold a balance, for inventory-type items].
//  - other types: one row per record.
// Anything not listed here is refused by the caller with an SSS_INVALID_SRCH_* error naming it.
import type { FieldValue, StoredLine, StoredRecord } from '../account/types';
import { toBoolean, toNumber, type FieldKind } from './values';

export type Family = 'transaction' | 'item' | 'location' | 'subsidiary' | 'account' | 'entity' | 'scriptdeployment' | 'custom';

export interface Row {
  family: Family;
  record: StoredRecord;
  /** Transaction line rows: the sublist line and its index. */
  line?: StoredLine;
  lineIndex: number;
  mainline: boolean;
  /** Item x location rows: the location's internal id. */
  location?: string;
}

/** What field getters may ask of the running search. */
export interface SchemaContext {
  recordById(id: string): StoredRecord | undefined;
  onHand(item: string, location: string): number;
  onHandTotal(item: string, availableOnly: boolean): number;
  onOrder(item: string, location: string): number;
  inTransit(item: string, location: string): number;
  locationAvailable(location: string): boolean;
}

export interface JoinTarget {
  family: Family;
  /** Record types the joined record may have. */
  types: readonly string[];
}

export interface FieldDef {
  kind: FieldKind;
  get: (row: Row, ctx: SchemaContext) => FieldValue;
  /** Display text of one select value (getText). */
  text?: (value: string, ctx: SchemaContext) => string;
  /** When set, the field can be followed as a join named after it. */
  joinTarget?: JoinTarget;
  /** getValue gives '*' / '' (mainline). */
  star?: boolean;
  /** Refuses a filter value this field cannot hold (unknown type or status codes). */
  checkValue?: (value: string) => string | undefined;
  /** Needs item x location rows. */
  perLocation?: boolean;
}

// ---- record type registry ---------------------------------------------------------------------------

export interface TransactionTypeInfo {
  code: string;
  text: string;
  sublist: string;
}

/** Transaction record types, their `type` filter codes (e.g. ['type','anyof',['PurchOrd']]) and line sublists. */
export const TRANSACTION_TYPES: Readonly<Record<string, TransactionTypeInfo>> = {
  purchaseorder: { code: 'PurchOrd', text: 'Purchase Order', sublist: 'item' },
  inventoryadjustment: { code: 'InvAdjst', text: 'Inventory Adjustment', sublist: 'inventory' },
  inventorytransfer: { code: 'InvTrnfr', text: 'Inventory Transfer', sublist: 'inventory' },
  itemreceipt: { code: 'ItemRcpt', text: 'Item Receipt', sublist: 'item' },
  salesorder: { code: 'SalesOrd', text: 'Sales Order', sublist: 'item' },
  transferorder: { code: 'TrnfrOrd', text: 'Transfer Order', sublist: 'item' },
  itemfulfillment: { code: 'ItemShip', text: 'Item Fulfillment', sublist: 'item' },
  vendorbill: { code: 'VendBill', text: 'Bill', sublist: 'item' },
  invoice: { code: 'CustInvc', text: 'Invoice', sublist: 'item' },
};

/** Item record types and their `type` codes. */
export const ITEM_TYPES: Readonly<Record<string, { code: string; text: string; inventory: boolean }>> = {
  inventoryitem: { code: 'InvtPart', text: 'Inventory Item', inventory: true },
  lotnumberedinventoryitem: { code: 'InvtPart', text: 'Inventory Item', inventory: true },
  serializedinventoryitem: { code: 'InvtPart', text: 'Inventory Item', inventory: true },
  assemblyitem: { code: 'Assembly', text: 'Assembly/Bill of Materials', inventory: true },
  lotnumberedassemblyitem: { code: 'Assembly', text: 'Assembly/Bill of Materials', inventory: true },
  serializedassemblyitem: { code: 'Assembly', text: 'Assembly/Bill of Materials', inventory: true },
  noninventoryitem: { code: 'NonInvtPart', text: 'Non-inventory Item', inventory: false },
  serviceitem: { code: 'Service', text: 'Service', inventory: false },
  kititem: { code: 'Kit', text: 'Kit/Package', inventory: false },
  otherchargeitem: { code: 'OthCharge', text: 'Other Charge', inventory: false },
  discountitem: { code: 'Discount', text: 'Discount', inventory: false },
  itemgroup: { code: 'Group', text: 'Item Group', inventory: false },
  descriptionitem: { code: 'Description', text: 'Description', inventory: false },
  markupitem: { code: 'Markup', text: 'Markup', inventory: false },
  paymentitem: { code: 'Payment', text: 'Payment', inventory: false },
  subtotalitem: { code: 'Subtotal', text: 'Subtotal', inventory: false },
  giftcertificateitem: { code: 'GiftCert', text: 'Gift Certificate', inventory: false },
  downloaditem: { code: 'DwnLdItem', text: 'Download Item', inventory: false },
};

const ITEM_TYPE_TEXT: Record<string, string> = Object.fromEntries(Object.values(ITEM_TYPES).map((t) => [t.code, t.text]));

export const ENTITY_TYPES = ['vendor', 'customer', 'employee', 'partner', 'contact'] as const;

export const FAMILY_TYPES: Readonly<Record<Exclude<Family, 'custom'>, readonly string[]>> = {
  transaction: Object.keys(TRANSACTION_TYPES),
  item: Object.keys(ITEM_TYPES),
  location: ['location'],
  subsidiary: ['subsidiary'],
  account: ['account'],
  entity: ENTITY_TYPES,
  scriptdeployment: ['scriptdeployment'],
};

export interface SearchTypeInfo {
  family: Family;
  /** Record types the search reads. */
  types: readonly string[];
}

/** Search types the emulator runs. customrecord_* types are added by the caller when they exist. */
export const SEARCH_TYPES: Readonly<Record<string, SearchTypeInfo>> = {
  transaction: { family: 'transaction', types: FAMILY_TYPES.transaction },
  ...Object.fromEntries(Object.keys(TRANSACTION_TYPES).map((t) => [t, { family: 'transaction', types: [t] }])),
  item: { family: 'item', types: FAMILY_TYPES.item },
  ...Object.fromEntries(Object.keys(ITEM_TYPES).map((t) => [t, { family: 'item', types: [t] }])),
  location: { family: 'location', types: ['location'] },
  subsidiary: { family: 'subsidiary', types: ['subsidiary'] },
  account: { family: 'account', types: ['account'] },
  vendor: { family: 'entity', types: ['vendor'] },
  customer: { family: 'entity', types: ['customer'] },
  employee: { family: 'entity', types: ['employee'] },
  // Script deployment records (Oracle help section_3753014009: searchable in server scripts) [D].
  scriptdeployment: { family: 'scriptdeployment', types: ['scriptdeployment'] },
};

export function familyOfRecordType(type: string): Family | undefined {
  if (Object.hasOwn(TRANSACTION_TYPES, type)) return 'transaction';
  if (Object.hasOwn(ITEM_TYPES, type)) return 'item';
  if (type === 'location' || type === 'subsidiary' || type === 'account' || type === 'scriptdeployment') return type;
  if ((ENTITY_TYPES as readonly string[]).includes(type)) return 'entity';
  if (type.startsWith('customrecord')) return 'custom';
  return undefined;
}

/** Prefix of the custom fields a family carries (custcol_ is a transaction line field). */
export const CUSTOM_FIELD_PREFIXES: Readonly<Record<Family, readonly string[]>> = {
  transaction: ['custbody', 'custcol'],
  item: ['custitem'],
  location: ['custrecord'],
  subsidiary: ['custrecord'],
  account: ['custrecord'],
  entity: ['custentity'],
  scriptdeployment: [],
  custom: ['custrecord'],
};

/** NetSuite's ids of standard record types in a custom select field's selectrecordtype. */
export const STANDARD_LIST_IDS: Readonly<Record<string, JoinTarget>> = {
  '-10': { family: 'item', types: FAMILY_TYPES.item },
  '-30': { family: 'transaction', types: FAMILY_TYPES.transaction },
  '-103': { family: 'location', types: ['location'] },
  '-112': { family: 'account', types: ['account'] },
  '-117': { family: 'subsidiary', types: ['subsidiary'] },
};

// ---- display text -------------------------------------------------------------------------------------

const str = (value: FieldValue | undefined): string => (value === null || value === undefined ? '' : String(value));

/** The text NetSuite shows for a record in a select field. */
export function displayName(record: StoredRecord): string {
  const f = record.fields;
  const family = familyOfRecordType(record.type);
  if (family === 'item') return str(f.itemid) || str(f.name);
  if (family === 'entity') return str(f.entityid) || str(f.companyname) || str(f.name);
  if (family === 'transaction') {
    const info = TRANSACTION_TYPES[record.type];
    return `${info?.text ?? record.type} #${str(f.tranid) || String(record.id)}`;
  }
  if (family === 'account') return str(f.name) || str(f.acctname);
  return str(f.name) || String(record.id);
}

export const recordText = (value: string, ctx: SchemaContext): string => {
  const record = ctx.recordById(value);
  return record ? displayName(record) : value;
};

// ---- purchase order statuses (NETSUITE.md 4.3) ----------------------------------------------------------

interface StatusInfo {
  refs: string[];
  code: string;
  text: string;
}

export const PURCHASE_ORDER_STATUSES: readonly StatusInfo[] = [
  { refs: ['pendingsupapproval'], code: 'PurchOrd:A', text: 'Pending Supervisor Approval' },
  { refs: ['pendingreceipt'], code: 'PurchOrd:B', text: 'Pending Receipt' },
  { refs: ['rejected', 'rejectedbysupervisor'], code: 'PurchOrd:C', text: 'Rejected by Supervisor' },
  { refs: ['partiallyreceived'], code: 'PurchOrd:D', text: 'Partially Received' },
  { refs: ['pendingbillpartreceived'], code: 'PurchOrd:E', text: 'Pending Billing/Partially Received' },
  { refs: ['pendingbilling'], code: 'PurchOrd:F', text: 'Pending Bill' },
  { refs: ['fullybilled'], code: 'PurchOrd:G', text: 'Fully Billed' },
  { refs: ['closed'], code: 'PurchOrd:H', text: 'Closed' },
  { refs: ['planned'], code: 'PurchOrd:P', text: 'Planned' },
];

/** Transfer order statuses (TransferOrderOrderStatus [D]; letters [U], runtime/records/recordTypes.ts; checklist 7.1). */
export const TRANSFER_ORDER_STATUSES: readonly StatusInfo[] = [
  { refs: ['pendingapproval'], code: 'TrnfrOrd:A', text: 'Pending Approval' },
  { refs: ['pendingfulfillment'], code: 'TrnfrOrd:B', text: 'Pending Fulfillment' },
  { refs: ['rejected'], code: 'TrnfrOrd:C', text: 'Rejected' },
  { refs: ['partiallyfulfilled'], code: 'TrnfrOrd:D', text: 'Partially Fulfilled' },
  { refs: ['pendingreceiptpartfulfilled'], code: 'TrnfrOrd:E', text: 'Pending Receipt/Partially Fulfilled' },
  { refs: ['pendingreceipt'], code: 'TrnfrOrd:F', text: 'Pending Receipt' },
  { refs: ['received'], code: 'TrnfrOrd:G', text: 'Received' },
  { refs: ['closed'], code: 'TrnfrOrd:H', text: 'Closed' },
];

/** Item fulfillment ship status codes (ItemShip:A Picked, B Packed, C Shipped [U]; checklist 7.3). */
export const ITEM_FULFILLMENT_STATUSES: readonly StatusInfo[] = [
  { refs: ['a', 'picked'], code: 'ItemShip:A', text: 'Picked' },
  { refs: ['b', 'packed'], code: 'ItemShip:B', text: 'Packed' },
  { refs: ['c', 'shipped'], code: 'ItemShip:C', text: 'Shipped' },
];

function statusOf(record: StoredRecord): StatusInfo | undefined {
  if (record.type === 'purchaseorder') return purchaseOrderStatus(record);
  const ref = (record.type === 'itemfulfillment' ? str(record.fields.shipstatus || 'C') : str(record.fields.statusref)).toLowerCase();
  const list = record.type === 'transferorder' ? TRANSFER_ORDER_STATUSES : record.type === 'itemfulfillment' ? ITEM_FULFILLMENT_STATUSES : [];
  return list.find((s) => s.refs.includes(ref) || s.code.toLowerCase() === ref);
}

/** Open PO statuses whose unreceived quantity counts as "on order". */
export const ON_ORDER_STATUS_CODES = new Set(['PurchOrd:B', 'PurchOrd:D', 'PurchOrd:E']);

export function purchaseOrderStatus(record: StoredRecord): StatusInfo | undefined {
  const ref = str(record.fields.statusref ?? record.fields.status).toLowerCase();
  if (ref === '') return undefined;
  return PURCHASE_ORDER_STATUSES.find((s) => s.refs.includes(ref) || s.code.toLowerCase() === ref);
}

// ---- field helpers ---------------------------------------------------------------------------------------

const body =
  (id: string) =>
  (row: Row): FieldValue =>
    row.record.fields[id] ?? null;

const firstOf =
  (...ids: string[]) =>
  (row: Row): FieldValue => {
    for (const id of ids) {
      const v = row.record.fields[id];
      if (v !== undefined && v !== null && v !== '') return v;
    }
    return null;
  };

/** List/record filters take internal ids: a name or other text in anyof is a script bug NetSuite refuses [U]. */
export const internalIdValue = (value: string): string | undefined =>
  /^-?\d+$/.test(value.trim()) ? undefined : `"${value}" is not an internal id (list/record filters take internal ids, or @NONE@)`;

const codeValue =
  (what: string, codes: Iterable<string>) =>
  (value: string): string | undefined => {
    const known = [...new Set(codes)];
    return known.some((c) => c.toLowerCase() === value.toLowerCase()) ? undefined : `unknown ${what} ${value} (the local runtime knows ${known.join(', ')})`;
  };

const select = (get: FieldDef['get'], target?: JoinTarget): FieldDef => ({ kind: 'select', get, text: recordText, checkValue: internalIdValue, ...(target ? { joinTarget: target } : {}) });
const to = (family: Exclude<Family, 'custom'>, types?: readonly string[]): JoinTarget => ({ family, types: types ?? FAMILY_TYPES[family] });
const plain = (kind: FieldKind, get: FieldDef['get']): FieldDef => ({ kind, get });
const checkbox = (get: FieldDef['get']): FieldDef => ({ kind: 'checkbox', get: (row, ctx) => toBoolean(get(row, ctx)) });

function commonFields(): Record<string, FieldDef> {
  return {
    internalid: { kind: 'select', get: (row) => String(row.record.id), text: (v) => v, checkValue: internalIdValue },
    internalidnumber: plain('integer', (row) => row.record.id),
    externalid: { kind: 'select', get: (row) => (row.record.fields.externalid === '' ? null : (row.record.fields.externalid ?? null)), text: (v) => v },
    externalidstring: plain('text', body('externalid')),
  };
}

// ---- transactions -----------------------------------------------------------------------------------------

const lineOf = (row: Row): StoredLine | undefined => (row.mainline ? undefined : row.line);
const lineValue =
  (...ids: string[]) =>
  (row: Row): FieldValue => {
    const line = lineOf(row);
    if (!line) return null;
    for (const id of ids) {
      const v = line[id];
      if (v !== undefined && v !== null && v !== '') return v;
    }
    return null;
  };

const bodyLocation = (record: StoredRecord): FieldValue => {
  const v = record.fields.location ?? record.fields.adjlocation;
  return v === '' ? null : (v ?? null);
};

function lineAmount(line: StoredLine): number | null {
  const amount = toNumber(line.amount);
  if (amount !== null) return amount;
  const rate = toNumber(line.rate);
  const qty = toNumber(line.quantity);
  return rate !== null && qty !== null ? rate * qty : null;
}

const TYPE_CODES = new Map(Object.values(TRANSACTION_TYPES).map((t) => [t.code.toLowerCase(), t]));
const STATUS_CODES = new Map([...PURCHASE_ORDER_STATUSES, ...TRANSFER_ORDER_STATUSES, ...ITEM_FULFILLMENT_STATUSES].map((s) => [s.code.toLowerCase(), s]));

const TRANSACTION_FIELDS: Record<string, FieldDef> = {
  ...commonFields(),
  tranid: plain('text', body('tranid')),
  trandate: plain('date', body('trandate')),
  lastmodifieddate: plain('datetime', firstOf('lastmodifieddate', 'lastmodified')),
  datecreated: plain('datetime', firstOf('datecreated', 'createddate', 'created')),
  type: {
    kind: 'select',
    get: (row) => TRANSACTION_TYPES[row.record.type]?.code ?? null,
    text: (v) => TYPE_CODES.get(v.toLowerCase())?.text ?? v,
    checkValue: (v) => (v === '@NONE@' || TYPE_CODES.has(v.toLowerCase()) ? undefined : `unknown transaction type code ${v} (the local runtime knows ${[...TYPE_CODES.values()].map((t) => t.code).join(', ')})`),
  },
  status: {
    kind: 'select',
    get: (row) => statusOf(row.record)?.code ?? null,
    text: (v) => STATUS_CODES.get(v.toLowerCase())?.text ?? v,
    checkValue: (v) =>
      v === '@NONE@' || STATUS_CODES.has(v.toLowerCase())
        ? undefined
        : `unknown transaction status code ${v} (the local runtime knows ${[...STATUS_CODES.values()].map((s) => s.code).join(', ')})`,
  },
  mainline: { kind: 'checkbox', get: (row) => row.mainline, star: true },
  taxline: checkbox(() => false),
  shipping: checkbox(() => false),
  cogs: checkbox(() => false),
  entity: select(body('entity'), to('entity')),
  subsidiary: select(body('subsidiary'), to('subsidiary')),
  location: select((row) => (row.mainline ? bodyLocation(row.record) : (row.line?.location ?? bodyLocation(row.record))), to('location')),
  transferlocation: select(body('transferlocation'), to('location')),
  createdfrom: select(body('createdfrom'), to('transaction')),
  department: select(body('department')),
  class: select(body('class')),
  account: select(body('account'), to('account')),
  item: select(lineValue('item'), to('item')),
  quantity: plain('float', lineValue('quantity', 'adjustqtyby')),
  quantityreceived: plain('float', lineValue('quantityreceived')),
  quantityshiprecv: plain('float', lineValue('quantityreceived', 'quantityshiprecv')),
  quantitybilled: plain('float', lineValue('quantitybilled')),
  // Transfer order lines: fulfilled so far (HotWax's TO searches read transferorderitemline [O]).
  quantityfulfilled: plain('float', lineValue('quantityfulfilled')),
  transferorderitemline: plain('integer', (row) => (row.mainline || row.record.type !== 'transferorder' ? null : (toNumber(row.line?.line) ?? null))),
  shipstatus: { kind: 'select', get: (row) => (row.record.type === 'itemfulfillment' ? str(row.record.fields.shipstatus || 'C') : null), text: (v) => ({ A: 'Picked', B: 'Packed', C: 'Shipped' })[v] ?? v },
  rate: plain('float', lineValue('rate')),
  amount: plain('currency', (row) => {
    if (!row.mainline) return row.line ? lineAmount(row.line) : null;
    const sublist = TRANSACTION_TYPES[row.record.type]?.sublist ?? 'item';
    const amounts = (row.record.sublists[sublist] ?? []).map(lineAmount).filter((a): a is number => a !== null);
    return amounts.length === 0 ? null : amounts.reduce((a, b) => a + b, 0);
  }),
  line: plain('integer', (row) => (row.mainline ? 0 : (toNumber(row.line?.line) ?? row.lineIndex + 1))),
  linesequencenumber: plain('integer', (row) => (row.mainline ? 0 : row.lineIndex + 1)),
  closed: checkbox(lineValue('isclosed', 'closed')),
  isclosed: checkbox(lineValue('isclosed', 'closed')),
  expectedreceiptdate: plain('date', lineValue('expectedreceiptdate')),
  memo: plain('text', (row) => (row.mainline ? (row.record.fields.memo ?? null) : (row.line?.memo ?? null))),
  memomain: plain('text', body('memo')),
};

/** Joins that are not simply a select field's id. */
const TRANSACTION_JOIN_ALIASES: Record<string, { field: string; target: JoinTarget }> = {
  vendor: { field: 'entity', target: to('entity', ['vendor']) },
  customer: { field: 'entity', target: to('entity', ['customer']) },
  name: { field: 'entity', target: to('entity') },
};

// ---- items --------------------------------------------------------------------------------------------------

const itemTypeCode = (record: StoredRecord): string | null => {
  const stored = record.fields.itemtype;
  if (typeof stored === 'string' && stored !== '') return stored;
  return ITEM_TYPES[record.type]?.code ?? null;
};

const locationQuantity = (get: (item: string, location: string, ctx: SchemaContext) => number): FieldDef => ({
  kind: 'float',
  perLocation: true,
  get: (row, ctx) => (row.location === undefined ? null : get(String(row.record.id), row.location, ctx)),
});

const ITEM_FIELDS: Record<string, FieldDef> = {
  ...commonFields(),
  itemid: plain('text', body('itemid')),
  displayname: plain('text', body('displayname')),
  upccode: plain('text', body('upccode')),
  description: plain('text', firstOf('salesdescription', 'description')),
  salesdescription: plain('text', firstOf('salesdescription', 'description')),
  purchasedescription: plain('text', body('purchasedescription')),
  isinactive: checkbox(body('isinactive')),
  // Costs (SuiteTalk ItemSearchRowBasic lists averageCost and cost [O]): Average Cost is the item's average
  // across locations, Purchase Price what it is bought for. Per-location average cost (locationaveragecost)
  // is not modelled [U].
  averagecost: plain('currency', body('averagecost')),
  cost: plain('currency', body('cost')),
  type: { kind: 'select', get: (row) => itemTypeCode(row.record), text: (v) => ITEM_TYPE_TEXT[v] ?? v, checkValue: codeValue('item type', Object.keys(ITEM_TYPE_TEXT)) },
  subsidiary: select(body('subsidiary'), to('subsidiary')),
  // Inventory detail flags [U: item search columns islotitem / isserialitem / usebins as in the SuiteScript
  // Records Browser, not confirmed in the stored Oracle help; docs/sandbox-checklist.md]: lot-numbered and
  // serialized items are their own record types (runtime/records/recordTypes.ts), Use Bins is an item field.
  islotitem: checkbox((row) => row.record.type === 'lotnumberedinventoryitem' || row.record.type === 'lotnumberedassemblyitem'),
  isserialitem: checkbox((row) => row.record.type === 'serializedinventoryitem' || row.record.type === 'serializedassemblyitem'),
  usebins: checkbox((row) => row.record.fields.usebins ?? false),
  created: plain('datetime', firstOf('created', 'datecreated', 'createddate')),
  modified: plain('datetime', firstOf('modified', 'lastmodifieddate', 'lastmodified')),
  lastmodifieddate: plain('datetime', firstOf('lastmodifieddate', 'modified', 'lastmodified')),
  quantityonhand: plain('float', (row, ctx) => (ITEM_TYPES[row.record.type]?.inventory ? ctx.onHandTotal(String(row.record.id), false) : null)),
  quantityavailable: plain('float', (row, ctx) => (ITEM_TYPES[row.record.type]?.inventory ? ctx.onHandTotal(String(row.record.id), true) : null)),
  inventorylocation: { kind: 'select', get: (row) => row.location ?? null, text: recordText, joinTarget: to('location'), perLocation: true, checkValue: internalIdValue },
  locationquantityonhand: locationQuantity((item, location, ctx) => ctx.onHand(item, location)),
  // No commitments are modelled: available = on hand where the location makes inventory available (NETSUITE.md 4.5).
  locationquantityavailable: locationQuantity((item, location, ctx) => (ctx.locationAvailable(location) ? ctx.onHand(item, location) : 0)),
  locationquantitycommitted: locationQuantity(() => 0),
  locationquantityonorder: locationQuantity((item, location, ctx) => ctx.onOrder(item, location)),
  // Shipped on transfer orders to the location and not yet received (NETSUITE.md 4.5 [O]; checklist 7.9).
  locationquantityintransit: locationQuantity((item, location, ctx) => ctx.inTransit(item, location)),
  locationquantitybackordered: locationQuantity(() => 0),
};

// ---- other record types -------------------------------------------------------------------------------------

const LOCATION_TYPE_TEXT: Record<string, string> = { '1': 'Store', '2': 'Warehouse' };

const LOCATION_FIELDS: Record<string, FieldDef> = {
  ...commonFields(),
  name: plain('text', body('name')),
  isinactive: checkbox(body('isinactive')),
  subsidiary: select(body('subsidiary'), to('subsidiary')),
  parent: select(body('parent'), to('location')),
  locationtype: { kind: 'select', get: body('locationtype'), text: (v) => LOCATION_TYPE_TEXT[v] ?? v, checkValue: internalIdValue },
  makeinventoryavailable: checkbox((row) => row.record.fields.makeinventoryavailable ?? true),
  makeinventoryavailablestore: checkbox((row) => row.record.fields.makeinventoryavailablestore ?? true),
  usebins: checkbox(body('usebins')),
};

const SUBSIDIARY_FIELDS: Record<string, FieldDef> = {
  ...commonFields(),
  name: plain('text', body('name')),
  isinactive: checkbox(body('isinactive')),
  parent: select(body('parent'), to('subsidiary')),
  country: plain('text', body('country')),
};

const ACCOUNT_TYPE_TEXT: Record<string, string> = {
  Bank: 'Bank',
  AcctRec: 'Accounts Receivable',
  OthCurrAsset: 'Other Current Asset',
  FixedAsset: 'Fixed Asset',
  OthAsset: 'Other Asset',
  AcctPay: 'Accounts Payable',
  CredCard: 'Credit Card',
  OthCurrLiab: 'Other Current Liability',
  LongTermLiab: 'Long Term Liability',
  Equity: 'Equity',
  Income: 'Income',
  COGS: 'Cost of Goods Sold',
  Expense: 'Expense',
  OthIncome: 'Other Income',
  OthExpense: 'Other Expense',
  NonPosting: 'Non Posting',
  DeferRevenue: 'Deferred Revenue',
  DeferExpense: 'Deferred Expense',
  UnbilledRec: 'Unbilled Receivable',
  Stat: 'Statistical',
};

const ACCOUNT_FIELDS: Record<string, FieldDef> = {
  ...commonFields(),
  name: plain('text', firstOf('name', 'acctname')),
  number: plain('text', body('acctnumber')),
  type: { kind: 'select', get: body('accttype'), text: (v) => ACCOUNT_TYPE_TEXT[v] ?? v, checkValue: codeValue('account type', Object.keys(ACCOUNT_TYPE_TEXT)) },
  description: plain('text', body('description')),
  isinactive: checkbox(body('isinactive')),
  subsidiary: select(body('subsidiary'), to('subsidiary')),
};

const ENTITY_FIELDS: Record<string, FieldDef> = {
  ...commonFields(),
  entityid: plain('text', body('entityid')),
  companyname: plain('text', body('companyname')),
  altname: plain('text', firstOf('altname', 'companyname')),
  email: plain('text', body('email')),
  phone: plain('text', body('phone')),
  isinactive: checkbox(body('isinactive')),
  subsidiary: select(body('subsidiary'), to('subsidiary')),
  datecreated: plain('datetime', firstOf('datecreated', 'created')),
  lastmodifieddate: plain('datetime', firstOf('lastmodifieddate', 'lastmodified')),
};

/** scriptdeployment search fields (runtime/records/recordTypes.ts has the record's fields and their sources). */
const SCRIPT_DEPLOYMENT_STATUSES = ['TESTING', 'RELEASED', 'SCHEDULED', 'NOTSCHEDULED'];
const SCRIPT_DEPLOYMENT_FIELDS: Record<string, FieldDef> = {
  ...commonFields(),
  scriptid: plain('text', body('scriptid')),
  script: plain('text', body('script')),
  title: plain('text', body('title')),
  status: { kind: 'select', get: body('status'), text: (v) => v, checkValue: codeValue('script deployment status', SCRIPT_DEPLOYMENT_STATUSES) },
  isdeployed: checkbox(body('isdeployed')),
  loglevel: plain('text', body('loglevel')),
  recurringevent: plain('text', body('recurringevent')),
  scripttype: plain('text', body('scripttype')),
};

const CUSTOM_RECORD_FIELDS: Record<string, FieldDef> = {
  ...commonFields(),
  name: plain('text', body('name')),
  isinactive: checkbox(body('isinactive')),
  created: plain('datetime', firstOf('created', 'datecreated')),
  lastmodified: plain('datetime', firstOf('lastmodified', 'lastmodifieddate')),
  owner: select(body('owner'), to('entity', ['employee'])),
};

export const STANDARD_FIELDS: Readonly<Record<Family, Readonly<Record<string, FieldDef>>>> = {
  transaction: TRANSACTION_FIELDS,
  item: ITEM_FIELDS,
  location: LOCATION_FIELDS,
  subsidiary: SUBSIDIARY_FIELDS,
  account: ACCOUNT_FIELDS,
  entity: ENTITY_FIELDS,
  scriptdeployment: SCRIPT_DEPLOYMENT_FIELDS,
  custom: CUSTOM_RECORD_FIELDS,
};

export const JOIN_ALIASES: Readonly<Partial<Record<Family, Readonly<Record<string, { field: string; target: JoinTarget }>>>>> = {
  transaction: TRANSACTION_JOIN_ALIASES,
};

/** Where a custom field's value lives on a row. */
export function customFieldGetter(family: Family, fieldId: string): FieldDef['get'] {
  if (family === 'transaction' && fieldId.startsWith('custcol')) return lineValue(fieldId);
  return body(fieldId);
}

/** The row a joined record is read through (a transaction's body row). */
export function rowOfRecord(record: StoredRecord): Row | undefined {
  const family = familyOfRecordType(record.type);
  if (!family) return undefined;
  return { family, record, lineIndex: -1, mainline: true };
}
