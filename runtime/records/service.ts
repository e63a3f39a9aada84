// Record semantics shared by N/record and the CSV import engine: validation (mandatory fields, select
// references, type rules), storage through the Account, the change journal, and side effects on inventory and
// on purchase orders (NETSUITE.md 4). Governance is not charged here: N/record charges its callers, and the CSV
// import engine runs outside any script.
//
// Inventory effects (applied on save, reversed on delete; an update reverses the old record and applies the new):
//   inventoryadjustment  each line: on hand(item, line location) += adjustqtyby
//   inventorytransfer    each line: on hand(item, location) -= qty; on hand(item, transferlocation) += qty
//   itemreceipt          each received line: on hand(item, line location) += quantity; the source PO line's
//                        quantityreceived += quantity and the PO status is recomputed (computePurchaseOrderStatus)
//   itemfulfillment      (from a transfer order) each line: the TO line's quantityfulfilled += quantity; once
//                        Shipped (shipstatus C): on hand(item, from location) -= quantity and in transit(item,
//                        to location) += quantity [U: Picked/Packed move no stock; checklist 7.3]
//   itemreceipt of a TO  each line: in transit(item, to location) -= quantity, on hand += quantity; the TO
//                        line's quantityreceived += quantity (computeTransferOrderStatus)
import type { Account } from '../account/account';
import { AccountError } from '../account/account';
import type { FieldValue, StoredLine, StoredRecord } from '../account/types';
import type { ExecutionEnv } from '../context';
import { nsError } from '../modules/error';
import {
  SHIP_STATUSES,
  bodyFieldDef,
  customDefinitionsFor,
  genericRecordType,
  getRecordType,
  isCustomRecordType,
  isMandatory,
  sublistFieldDef,
  type FieldDef,
  type RecordTypeDef,
} from './recordTypes';
import { displayName, findReferenced, isInactive, targetTypes } from './references';
import { isEmptyValue, normalizeValue, todayIn } from './values';

export interface RecordWriteOptions {
  /** Skips mandatory *custom* fields; system-required standard fields stay required [U]. */
  ignoreMandatoryFields?: boolean;
  /** Who writes: a script through N/record, or a CSV import job. */
  source?: 'script' | 'csvimport';
}

export interface RecordData {
  fields: Record<string, FieldValue>;
  sublists: Record<string, StoredLine[]>;
}

const NO_LINE_MESSAGE = 'You must enter at least one line item for this transaction.';

/** Transactions whose lines are required. */
const LINE_SUBLIST: Record<string, string> = {
  inventoryadjustment: 'inventory',
  inventorytransfer: 'inventory',
  purchaseorder: 'item',
  itemreceipt: 'item',
  transferorder: 'item',
  itemfulfillment: 'item',
};

// ---- type lookup -----------------------------------------------------------------------------------

/** The definition of `type` with the project's custom fields, or INVALID_RCRD_TYPE. */
export function recordTypeFor(env: Pick<ExecutionEnv, 'account' | 'projectFolder'>, type: string): RecordTypeDef {
  const custom = customDefinitionsFor(env.projectFolder);
  const held = (): boolean => env.account.listRecords(type).length > 0;
  // A custom record type exists when the project defines it (or the account already holds records of it).
  if (isCustomRecordType(type) && !custom.customRecordTypes.some((c) => c.scriptId === type) && !held()) {
    throw nsError('INVALID_RCRD_TYPE', `The record type [${type}] is invalid.`);
  }
  const def = getRecordType(type, custom);
  if (def) return def;
  if (held()) return genericRecordType(type);
  throw nsError('INVALID_RCRD_TYPE', `The record type [${type}] is invalid.`);
}

/** Body values a new record starts with: declared defaults, trandate = today in the account's time zone. */
export function newRecordDefaults(env: Pick<ExecutionEnv, 'account' | 'now'>, def: RecordTypeDef): Record<string, FieldValue> {
  const fields: Record<string, FieldValue> = {};
  for (const [id, field] of Object.entries(def.fields)) {
    if (field.defaultToday) fields[id] = todayIn(env.account.settings.timezone, env.now());
    else if (field.defaultValue !== undefined) fields[id] = field.defaultValue;
  }
  return fields;
}

/** Values a new sublist line starts with (checkboxes false, PO received/billed 0). */
export function newLineDefaults(def: RecordTypeDef, sublistId: string): StoredLine {
  const line: StoredLine = {};
  for (const [id, field] of Object.entries(def.sublists[sublistId]?.fields ?? {})) {
    if (field.defaultValue !== undefined) line[id] = field.defaultValue;
  }
  return line;
}

// ---- purchase order status -------------------------------------------------------------------------

const num = (v: FieldValue | undefined): number => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : 0);
const isTrue = (v: FieldValue | undefined): boolean => v === true || v === 'T';

/**
 * A purchase order's statusref from its lines (NETSUITE.md 4.3):
 *   approvalstatus 1 -> pendingSupApproval (A); 3 -> rejected (C)
 *   every line closed -> closed (H)
 *   nothing received -> pendingReceipt (B)
 *   partly received: some received quantity not yet billed -> pendingBillPartReceived (E),
 *                    every received quantity billed       -> partiallyReceived (D)
 *   every open line fully received: not fully billed -> pendingBilling (F); fully billed -> fullyBilled (G)
 * Receipts alone never bill anything, so a first partial receipt gives E ("Pending Billing/Partially Received")
 * and a full receipt F ("Pending Bill"); D and G appear only when billed quantities exist (fixtures).
 */
export function computePurchaseOrderStatus(po: RecordData): string {
  const approval = po.fields.approvalstatus;
  if (approval === '1') return 'pendingSupApproval';
  if (approval === '3') return 'rejected';
  const lines = po.sublists.item ?? [];
  if (lines.length === 0) return 'pendingReceipt';
  const open = lines.filter((l) => !isTrue(l.isclosed));
  if (open.length === 0) return 'closed';
  const anyReceived = lines.some((l) => num(l.quantityreceived) > 0);
  if (!anyReceived) return 'pendingReceipt';
  const fullyReceived = open.every((l) => num(l.quantityreceived) >= num(l.quantity));
  const receiptsBilled = lines.every((l) => num(l.quantitybilled) >= num(l.quantityreceived));
  if (!fullyReceived) return receiptsBilled ? 'partiallyReceived' : 'pendingBillPartReceived';
  const fullyBilled = open.every((l) => num(l.quantitybilled) >= num(l.quantity));
  return fullyBilled ? 'fullyBilled' : 'pendingBilling';
}

/**
 * Transfer order status (TransferOrderOrderStatus [D]; the rules between them [U], by analogy with the PO;
 * docs/sandbox-checklist.md 7.1):
 *   orderstatus A -> pendingApproval, C -> rejected; every line closed -> closed
 *   nothing fulfilled -> pendingFulfillment
 *   every open line fully fulfilled: everything fulfilled received -> received, else pendingReceipt
 *   partly fulfilled: something fulfilled not yet received -> pendingReceiptPartFulfilled, else partiallyFulfilled
 */
export function computeTransferOrderStatus(to: RecordData): string {
  const approval = String(to.fields.orderstatus ?? 'B');
  if (approval === 'A') return 'pendingApproval';
  if (approval === 'C') return 'rejected';
  const lines = to.sublists.item ?? [];
  const open = lines.filter((l) => !isTrue(l.isclosed));
  if (lines.length > 0 && open.length === 0) return 'closed';
  const fulfilled = lines.some((l) => num(l.quantityfulfilled) > 0);
  if (!fulfilled) return 'pendingFulfillment';
  const awaitingReceipt = lines.some((l) => num(l.quantityfulfilled) > num(l.quantityreceived) + 1e-9);
  const fullyFulfilled = open.every((l) => num(l.quantityfulfilled) >= num(l.quantity) - 1e-9);
  if (fullyFulfilled) return awaitingReceipt ? 'pendingReceipt' : 'received';
  return awaitingReceipt ? 'pendingReceiptPartFulfilled' : 'partiallyFulfilled';
}

/** Transfer order statuses that cannot be fulfilled (transform and fulfillment save refuse them). */
export const NOT_FULFILLABLE_TO_STATUSES = new Set(['pendingApproval', 'rejected', 'closed', 'received', 'pendingReceipt']);

/** PO statuses that cannot be received against (transform and receipt save refuse them). */
export const NOT_RECEIVABLE_STATUSES = new Set(['pendingSupApproval', 'rejected', 'closed', 'pendingBilling', 'fullyBilled']);

/** Quantity still to receive on a PO line (never below zero). */
export function remainingToReceive(line: StoredLine): number {
  return Math.max(0, num(line.quantity) - num(line.quantityreceived));
}

// ---- preparation -----------------------------------------------------------------------------------

function normalizeBody(def: RecordTypeDef, fields: Record<string, FieldValue>): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  for (const [id, value] of Object.entries(fields)) {
    if (id === 'id') continue;
    out[id] = normalizeValue(bodyFieldDef(def, id), id, value, 'internal');
  }
  return out;
}

function normalizeLines(def: RecordTypeDef, sublists: Record<string, StoredLine[]>): Record<string, StoredLine[]> {
  const out: Record<string, StoredLine[]> = {};
  for (const [sublistId, lines] of Object.entries(sublists)) {
    if (!def.generic && !def.sublists[sublistId]) {
      throw nsError('SSS_INVALID_SUBLIST_OPERATION', `The sublist ${sublistId} does not exist on ${def.type}.`);
    }
    out[sublistId] = lines.map((line) => {
      const normalized: StoredLine = { ...newLineDefaults(def, sublistId) };
      for (const [id, value] of Object.entries(line)) normalized[id] = normalizeValue(sublistFieldDef(def, sublistId, id), id, value, 'internal');
      return normalized;
    });
  }
  return out;
}

/** Gives every transaction line a stable `line` id (1..n; new lines after an update get the next free id). */
function assignLineIds(def: RecordTypeDef, sublists: Record<string, StoredLine[]>): void {
  if (def.family !== 'transaction') return;
  // Transfer order lines are numbered 1, 4, 7...: each TO line reserves the next two ids for its fulfillment
  // and receipt lines, whose orderline is the TO line + 1 and + 2 ([O] HotWax's public TransferOrderV2 scripts,
  // HC_SC_ImportTOFulfillmentReceipts_v2.js; no Oracle source found [U]; docs/sandbox-checklist.md 7.2).
  const step = def.type === 'transferorder' ? 3 : 1;
  for (const lines of Object.values(sublists)) {
    const max = Math.max(0, ...lines.map((l) => num(l.line)));
    let next = step === 1 ? max + 1 : max === 0 ? 1 : max + step - ((max - 1) % step);
    for (const line of lines) {
      if (isEmptyValue(line.line)) {
        line.line = String(next);
        next += step;
      }
    }
  }
}

/** The transfer order line an item fulfillment or receipt line points at: the greatest TO line id <= orderline. */
export function transferOrderLineOf(to: RecordData, orderline: FieldValue | undefined): StoredLine | undefined {
  const target = num(orderline);
  let best: StoredLine | undefined;
  for (const line of to.sublists.item ?? []) {
    const id = num(line.line);
    if (id <= target && (best === undefined || id > num(best.line))) best = line;
  }
  return best !== undefined && target - num(best.line) < 3 ? best : undefined;
}

/** Defaults and derived values that depend on the type (NETSUITE.md 4.1-4.4). */
function applyTypeDefaults(def: RecordTypeDef, data: RecordData): void {
  const { fields, sublists } = data;
  switch (def.type) {
    case 'inventoryadjustment':
      // The Adjustment Location is the default location for lines (NETSUITE.md 4.1).
      for (const line of sublists.inventory ?? []) {
        if (isEmptyValue(line.location) && !isEmptyValue(fields.adjlocation)) line.location = fields.adjlocation ?? null;
      }
      break;
    case 'purchaseorder':
      for (const line of sublists.item ?? []) {
        if (isEmptyValue(line.location) && !isEmptyValue(fields.location)) line.location = fields.location ?? null;
        if (typeof line.quantity === 'number' && typeof line.rate === 'number') line.amount = Math.round(line.quantity * line.rate * 100) / 100;
      }
      fields.statusref = computePurchaseOrderStatus(data);
      break;
    case 'itemreceipt':
    case 'itemfulfillment':
      // Only received (fulfilled) lines are saved; unchecked lines are dropped.
      if (sublists.item) sublists.item = sublists.item.filter((l) => isTrue(l.itemreceive));
      break;
    case 'transferorder':
      for (const line of sublists.item ?? []) {
        if (typeof line.quantity === 'number' && typeof line.rate === 'number') line.amount = Math.round(line.quantity * line.rate * 100) / 100;
      }
      fields.statusref = computeTransferOrderStatus(data);
      break;
    default:
      break;
  }
}

function prepare(env: ExecutionEnv, def: RecordTypeDef, input: RecordData, isNew: boolean): RecordData {
  const fields = normalizeBody(def, input.fields);
  if (isNew) {
    for (const [id, value] of Object.entries(newRecordDefaults(env, def))) {
      if (!(id in fields) || isEmptyValue(fields[id])) fields[id] = value;
    }
  }
  const sublists = normalizeLines(def, input.sublists);
  const data = { fields, sublists };
  applyTypeDefaults(def, data);
  assignLineIds(def, sublists);
  return data;
}

// ---- validation ------------------------------------------------------------------------------------

function checkMandatory(env: ExecutionEnv, def: RecordTypeDef, data: RecordData, options: RecordWriteOptions): void {
  const features = env.account.settings.features;
  const ignoreCustom = options.ignoreMandatoryFields === true;
  const missing: string[] = [];
  const add = (label: string): void => {
    if (!missing.includes(label)) missing.push(label);
  };
  for (const [id, field] of Object.entries(def.fields)) {
    if (isMandatory(field, features, ignoreCustom) && isEmptyValue(data.fields[id])) add(field.label);
  }
  for (const [sublistId, sublist] of Object.entries(def.sublists)) {
    for (const line of data.sublists[sublistId] ?? []) {
      for (const [id, field] of Object.entries(sublist.fields)) {
        if (!isMandatory(field, features, ignoreCustom)) continue;
        // An adjustment of zero is no adjustment: NetSuite treats it as an empty quantity [U].
        const zeroAdjustment = def.type === 'inventoryadjustment' && id === 'adjustqtyby' && line[id] === 0;
        if (isEmptyValue(line[id]) || zeroAdjustment) add(field.label);
      }
    }
  }
  if (missing.length > 0) throw nsError('USER_ERROR', `Please enter value(s) for: ${missing.join(', ')}`);
}

function sameValue(a: FieldValue | undefined, b: FieldValue | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/**
 * A select value must reference an existing record of its target type. A new or changed value must also
 * reference an active record (inactive records are not selectable) and, for a location on a transaction in a
 * OneWorld account, a location of the transaction's subsidiary.
 */
function checkReference(env: ExecutionEnv, def: RecordTypeDef, data: RecordData, fieldId: string, field: FieldDef, value: FieldValue | undefined, changed: boolean): void {
  if (field.target === undefined || isEmptyValue(value)) return;
  const ids = Array.isArray(value) ? value : [String(value)];
  for (const id of ids) {
    const referenced = findReferenced(env.account, field.target, id);
    if (!referenced) throw nsError('INVALID_KEY_OR_REF', `Invalid ${fieldId} reference key ${id}.`);
    if (!changed || field.readOnly) continue;
    if (isInactive(referenced)) throw nsError('INVALID_KEY_OR_REF', `Invalid ${fieldId} reference key ${id} (the ${referenced.type} is inactive).`);
    const subsidiary = data.fields.subsidiary;
    if (
      def.family === 'transaction' &&
      field.target === 'location' &&
      env.account.settings.features.includes('SUBSIDIARIES') &&
      !isEmptyValue(subsidiary) &&
      !isEmptyValue(referenced.fields.subsidiary) &&
      String(referenced.fields.subsidiary) !== String(subsidiary)
    ) {
      throw nsError('INVALID_KEY_OR_REF', `Invalid ${fieldId} reference key ${id} for subsidiary ${String(subsidiary)}.`);
    }
  }
}

function checkReferences(env: ExecutionEnv, def: RecordTypeDef, data: RecordData, previous: StoredRecord | undefined): void {
  for (const [id, value] of Object.entries(data.fields)) {
    const field = bodyFieldDef(def, id);
    if (!field) continue;
    checkReference(env, def, data, id, field, value, !previous || !sameValue(previous.fields[id], value));
  }
  for (const [sublistId, lines] of Object.entries(data.sublists)) {
    const before = new Map((previous?.sublists[sublistId] ?? []).map((l) => [String(l.line), l]));
    for (const line of lines) {
      const old = line.line === undefined ? undefined : before.get(String(line.line));
      for (const [id, value] of Object.entries(line)) {
        const field = sublistFieldDef(def, sublistId, id);
        if (!field) continue;
        checkReference(env, def, data, id, field, value, !old || !sameValue(old[id], value));
      }
    }
  }
}

function checkTypeRules(env: ExecutionEnv, def: RecordTypeDef, data: RecordData, previous: StoredRecord | undefined): void {
  const lineSublist = LINE_SUBLIST[def.type];
  if (lineSublist !== undefined && (data.sublists[lineSublist] ?? []).length === 0) throw nsError('USER_ERROR', NO_LINE_MESSAGE);
  switch (def.type) {
    case 'inventorytransfer': {
      if (String(data.fields.location) === String(data.fields.transferlocation)) {
        // Message text [U]: a transfer needs two different locations.
        throw nsError('USER_ERROR', 'The From Location and the To Location of an inventory transfer must be different.');
      }
      for (const line of data.sublists.inventory ?? []) {
        if (num(line.adjustqtyby) <= 0) throw nsError('INVALID_FLD_VALUE', `You have entered an Invalid Field Value ${String(line.adjustqtyby)} for the following field: adjustqtyby`);
      }
      break;
    }
    case 'purchaseorder': {
      for (const line of data.sublists.item ?? []) {
        if (num(line.quantity) <= 0) throw nsError('INVALID_FLD_VALUE', `You have entered an Invalid Field Value ${String(line.quantity)} for the following field: quantity`);
      }
      break;
    }
    case 'itemreceipt':
      if (sourceTransferOrder(env.account, data)) checkTransferReceipt(env, data, previous);
      else checkReceipt(env, data, previous);
      break;
    case 'transferorder': {
      if (String(data.fields.location) === String(data.fields.transferlocation)) {
        throw nsError('USER_ERROR', 'The From Location and the To Location of a transfer order must be different.');
      }
      for (const line of data.sublists.item ?? []) {
        if (num(line.quantity) <= 0) throw nsError('INVALID_FLD_VALUE', `You have entered an Invalid Field Value ${String(line.quantity)} for the following field: quantity`);
      }
      break;
    }
    case 'itemfulfillment':
      checkFulfillment(env, data, previous);
      break;
    default:
      break;
  }
}

function sourceTransferOrder(account: Account, data: RecordData): StoredRecord | undefined {
  const id = data.fields.createdfrom;
  return isEmptyValue(id) ? undefined : account.getRecord('transferorder', Number(id));
}

function quantitiesByOrderLine(record: RecordData | undefined, to: RecordData): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of record?.sublists.item ?? []) {
    if (!isTrue(line.itemreceive)) continue;
    const toLine = transferOrderLineOf(to, line.orderline);
    if (!toLine) continue;
    const key = String(toLine.line);
    out.set(key, (out.get(key) ?? 0) + num(line.quantity));
  }
  return out;
}

/**
 * An item fulfillment of a transfer order: the TO is approved and open, each line points at an open TO line and
 * fulfills no more than remains (Oracle help "Transfer Order", section_N3692380: a TO initializes item
 * fulfillments; quantity rule and message [U], docs/sandbox-checklist.md 7.7).
 */
function checkFulfillment(env: ExecutionEnv, data: RecordData, previous: StoredRecord | undefined): void {
  const to = sourceTransferOrder(env.account, data);
  if (!to) throw nsError('INVALID_KEY_OR_REF', `Invalid createdfrom reference key ${String(data.fields.createdfrom)}.`);
  if (!previous && NOT_FULFILLABLE_TO_STATUSES.has(String(to.fields.statusref ?? computeTransferOrderStatus(to)))) {
    throw nsError('INVALID_INITIALIZE_REF', `You can not initialize itemfulfillment: invalid reference ${to.id}.`);
  }
  if (!Object.keys(SHIP_STATUSES).includes(String(data.fields.shipstatus ?? 'C'))) {
    throw nsError('INVALID_FLD_VALUE', `You have entered an Invalid Field Value ${String(data.fields.shipstatus)} for the following field: shipstatus`);
  }
  const before = quantitiesByOrderLine(previous, to);
  const now = new Map<string, number>();
  for (const line of data.sublists.item ?? []) {
    const toLine = transferOrderLineOf(to, line.orderline);
    if (!toLine) throw nsError('INVALID_FLD_VALUE', `You have entered an Invalid Field Value ${String(line.orderline)} for the following field: orderline`);
    if (isTrue(toLine.isclosed) && !before.has(String(toLine.line))) throw nsError('USER_ERROR', `Line ${String(toLine.line)} of ${displayName(to)} is closed and cannot be fulfilled.`);
    if (!(num(line.quantity) > 0)) throw nsError('INVALID_FLD_VALUE', `You have entered an Invalid Field Value ${String(line.quantity)} for the following field: quantity`);
    now.set(String(toLine.line), (now.get(String(toLine.line)) ?? 0) + num(line.quantity));
  }
  for (const [lineId, quantity] of now) {
    const toLine = (to.sublists.item ?? []).find((l) => String(l.line) === lineId);
    if (!toLine) continue;
    const remaining = num(toLine.quantity) - num(toLine.quantityfulfilled) + (before.get(lineId) ?? 0);
    if (quantity > remaining + 1e-9) {
      throw nsError('USER_ERROR', `You cannot fulfill more than the remaining quantity: line ${lineId} of ${displayName(to)} has ${remaining} remaining and ${quantity} would be fulfilled.`);
    }
  }
}

/** Shipped minus received per TO line, over the TO's shipped fulfillments (or one fulfillment). */
export function shippedNotReceived(account: Account, to: StoredRecord, fulfillmentId?: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const f of account.listRecords('itemfulfillment')) {
    if (String(f.fields.createdfrom) !== String(to.id) || String(f.fields.shipstatus ?? 'C') !== 'C') continue;
    if (fulfillmentId !== undefined && String(f.id) !== fulfillmentId) continue;
    for (const [k, q] of quantitiesByOrderLine(f, to)) out.set(k, (out.get(k) ?? 0) + q);
  }
  for (const r of account.listRecords('itemreceipt')) {
    if (String(r.fields.createdfrom) !== String(to.id)) continue;
    if (fulfillmentId !== undefined && String(r.fields.itemfulfillment ?? '') !== fulfillmentId) continue;
    for (const [k, q] of quantitiesByOrderLine(r, to)) out.set(k, (out.get(k) ?? 0) - q);
  }
  return out;
}

/**
 * An item receipt of a transfer order receives what was shipped: only after a shipped fulfillment, each line no
 * more than shipped and not yet received on its TO line (of the fulfillment named in itemfulfillment, when set).
 * Oracle help "Transfer Order", section_N3692380 (TOs initialize item receipts); the over-receipt refusal and
 * message are [U] (docs/sandbox-checklist.md 7.3).
 */
function checkTransferReceipt(env: ExecutionEnv, data: RecordData, previous: StoredRecord | undefined): void {
  const to = sourceTransferOrder(env.account, data);
  if (!to) return;
  const fulfillment = isEmptyValue(data.fields.itemfulfillment) ? undefined : String(data.fields.itemfulfillment);
  const open = shippedNotReceived(env.account, to, fulfillment);
  const before = quantitiesByOrderLine(previous, to);
  const now = new Map<string, number>();
  for (const line of data.sublists.item ?? []) {
    const toLine = transferOrderLineOf(to, line.orderline);
    if (!toLine) throw nsError('INVALID_FLD_VALUE', `You have entered an Invalid Field Value ${String(line.orderline)} for the following field: orderline`);
    if (!(num(line.quantity) > 0)) throw nsError('INVALID_FLD_VALUE', `You have entered an Invalid Field Value ${String(line.quantity)} for the following field: quantity`);
    now.set(String(toLine.line), (now.get(String(toLine.line)) ?? 0) + num(line.quantity));
  }
  for (const [lineId, quantity] of now) {
    const remaining = (open.get(lineId) ?? 0) + (before.get(lineId) ?? 0);
    if (quantity > remaining + 1e-9) {
      throw nsError('USER_ERROR', `You cannot receive more than was shipped: line ${lineId} of ${displayName(to)} has ${remaining} shipped and not received, and ${quantity} would be received.`);
    }
  }
}

/**
 * An item receipt must come from a receivable purchase order, each line must point at an open PO line, and the
 * received quantity may not exceed what remains unless "Allow Overage on Item Receipts" is on (NETSUITE.md 4.4).
 * Over-receipt error [U]: USER_ERROR with a message naming the PO line, the remaining and the received quantity.
 */
function checkReceipt(env: ExecutionEnv, data: RecordData, previous: StoredRecord | undefined): void {
  const po = sourcePurchaseOrder(env.account, data);
  if (!previous) {
    const status = String(po.fields.statusref ?? computePurchaseOrderStatus(po));
    if (NOT_RECEIVABLE_STATUSES.has(status)) throw nsError('INVALID_INITIALIZE_REF', `You can not initialize itemreceipt: invalid reference ${po.id}.`);
  }
  const poLines = new Map((po.sublists.item ?? []).map((l) => [String(l.line), l]));
  const alreadyCounted = receivedByOrderLine(previous);
  const receiving = new Map<string, number>();
  for (const line of data.sublists.item ?? []) {
    const orderline = String(line.orderline ?? '');
    const poLine = poLines.get(orderline);
    if (!poLine) throw nsError('INVALID_FLD_VALUE', `You have entered an Invalid Field Value ${orderline} for the following field: orderline`);
    if (isTrue(poLine.isclosed) && !alreadyCounted.has(orderline)) {
      throw nsError('USER_ERROR', `Line ${orderline} of ${displayName(po)} is closed and cannot be received.`);
    }
    const quantity = num(line.quantity);
    if (!(quantity > 0)) throw nsError('INVALID_FLD_VALUE', `You have entered an Invalid Field Value ${String(line.quantity)} for the following field: quantity`);
    receiving.set(orderline, (receiving.get(orderline) ?? 0) + quantity);
  }
  if (env.account.settings.allowOverageOnItemReceipts) return;
  for (const [orderline, quantity] of receiving) {
    const poLine = poLines.get(orderline);
    if (!poLine) continue;
    const remaining = remainingToReceive(poLine) + (alreadyCounted.get(orderline) ?? 0);
    if (quantity > remaining + 1e-9) {
      throw nsError(
        'USER_ERROR',
        `You cannot receive more than the remaining quantity: line ${orderline} of ${displayName(po)} has ${remaining} remaining and ${quantity} would be received. ` +
          'Turn on "Allow Overage on Item Receipts" to receive more.',
      );
    }
  }
}

function sourcePurchaseOrder(account: Account, data: RecordData): StoredRecord {
  const id = data.fields.createdfrom;
  const po = isEmptyValue(id) ? undefined : findReferenced(account, 'purchaseorder', String(id));
  if (!po) throw nsError('INVALID_KEY_OR_REF', `Invalid createdfrom reference key ${String(id)}.`);
  return po;
}

function receivedByOrderLine(receipt: RecordData | undefined): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of receipt?.sublists.item ?? []) {
    if (!isTrue(line.itemreceive)) continue;
    const key = String(line.orderline ?? '');
    out.set(key, (out.get(key) ?? 0) + num(line.quantity));
  }
  return out;
}

/** Item record types whose inventory lines need lot or serial numbers (an inventorydetail subrecord, NETSUITE.md 4.1). */
const NUMBERED_ITEM_TYPES = new Set(['lotnumberedinventoryitem', 'serializedinventoryitem']);

/** The sublist and location of each inventory line of a record, for the inventory-detail rule. */
function inventoryLines(data: RecordData, type: string): { line: StoredLine; index: number; locations: FieldValue[] }[] {
  switch (type) {
    case 'inventoryadjustment':
      return (data.sublists.inventory ?? []).map((line, index) => ({ line, index, locations: [line.location ?? null] }));
    case 'inventorytransfer':
      return (data.sublists.inventory ?? []).map((line, index) => ({ line, index, locations: [data.fields.location ?? null, data.fields.transferlocation ?? null] }));
    case 'itemreceipt':
      return (data.sublists.item ?? []).map((line, index) => ({ line, index, locations: [line.location ?? null] })).filter((l) => isTrue(l.line.itemreceive));
    default:
      return [];
  }
}

/**
 * Lot-numbered and serialized items, and items that use bins at a location that uses bins, need an inventory
 * detail (lot/serial numbers, bins) on every inventory line (NETSUITE.md 4.1 `inventorydetail`). ns-local does
 * not emulate inventory detail, so a plain quantity line for such an item is refused, as NetSuite refuses a line
 * without its detail. The message text is [U] (docs/sandbox-checklist.md).
 */
function checkInventoryDetail(env: ExecutionEnv, data: RecordData, type: string): void {
  for (const { line, index, locations } of inventoryLines(data, type)) {
    if (!isEmptyValue(line.inventorydetail)) continue;
    const item = isEmptyValue(line.item) ? undefined : findReferenced(env.account, 'item', String(line.item));
    if (!item) continue;
    const numbered = NUMBERED_ITEM_TYPES.has(item.type);
    const binned = isTrue(item.fields.usebins) && locations.some((l) => !isEmptyValue(l) && isTrue(findReferenced(env.account, 'location', String(l))?.fields.usebins));
    if (numbered || binned) {
      const what = numbered ? (item.type === 'serializedinventoryitem' ? 'serial numbers' : 'lot numbers') : 'bins';
      throw nsError('USER_ERROR', `Please configure the inventory detail in line ${index + 1} of the item list (${displayName(item)} needs ${what}).`);
    }
  }
}

/**
 * On-hand may not go below zero through an inventory adjustment or transfer unless the account allows it
 * (AccountSettings.allowNegativeInventory, [U]: no Oracle source found; docs/sandbox-checklist.md). Item receipts only add.
 */
function checkNegativeInventory(env: ExecutionEnv, data: RecordData, type: string, previous: StoredRecord | undefined): void {
  // Item fulfillments follow the same rule [U] (the brief's choice; no Oracle source for either; checklist 4.1, 7.8).
  if (env.account.settings.allowNegativeInventory || (type !== 'inventoryadjustment' && type !== 'inventorytransfer' && type !== 'itemfulfillment')) return;
  const net = new Map<string, { item: string; location: string; delta: number }>();
  const add = (deltas: ReturnType<typeof inventoryDeltas>, sign: 1 | -1): void => {
    for (const d of deltas) {
      const key = `${d.item}|${d.location}`;
      const row = net.get(key) ?? { item: d.item, location: d.location, delta: 0 };
      row.delta += sign * d.delta;
      net.set(key, row);
    }
  };
  add(inventoryDeltas({ ...data, type }, env.account), 1);
  if (previous) add(inventoryDeltas(previous, env.account), -1);
  for (const { item, location, delta } of net.values()) {
    if (delta >= 0) continue;
    const onHand = env.account.onHand(item, location);
    if (onHand + delta < -1e-9) {
      const itemRecord = findReferenced(env.account, 'item', item);
      const locationRecord = findReferenced(env.account, 'location', location);
      throw nsError(
        'USER_ERROR',
        `${itemRecord ? displayName(itemRecord) : `Item ${item}`} at ${locationRecord ? displayName(locationRecord) : `location ${location}`} has ${onHand} on hand; removing ${-delta} would make it negative.`,
      );
    }
  }
}

function validate(env: ExecutionEnv, def: RecordTypeDef, data: RecordData, previous: StoredRecord | undefined, options: RecordWriteOptions): void {
  checkMandatory(env, def, data, options);
  checkReferences(env, def, data, previous);
  checkTypeRules(env, def, data, previous);
  checkInventoryDetail(env, data, def.type);
  checkNegativeInventory(env, data, def.type, previous);
  const externalId = data.fields.externalid;
  if (typeof externalId === 'string' && externalId !== '') {
    const other = env.account.findByExternalId(def.type, externalId);
    if (other && other.id !== previous?.id) throw nsError('DUP_RCRD', 'A record with this external ID already exists.');
  }
}

// ---- side effects ----------------------------------------------------------------------------------

interface InventoryDelta {
  item: string;
  location: string;
  delta: number;
}

/** The on-hand changes a saved record stands for. */
export function inventoryDeltas(record: RecordData & { type: string }, account?: Account): InventoryDelta[] {
  const out: InventoryDelta[] = [];
  const push = (item: FieldValue | undefined, location: FieldValue | undefined, delta: number): void => {
    if (isEmptyValue(item) || isEmptyValue(location) || delta === 0) return;
    out.push({ item: String(item), location: String(location), delta });
  };
  switch (record.type) {
    case 'inventoryadjustment':
      for (const line of record.sublists.inventory ?? []) push(line.item, line.location, num(line.adjustqtyby));
      break;
    case 'inventorytransfer':
      for (const line of record.sublists.inventory ?? []) {
        push(line.item, record.fields.location, -num(line.adjustqtyby));
        push(line.item, record.fields.transferlocation, num(line.adjustqtyby));
      }
      break;
    case 'itemreceipt':
      for (const line of record.sublists.item ?? []) if (isTrue(line.itemreceive)) push(line.item, line.location, num(line.quantity));
      break;
    case 'itemfulfillment': {
      if (String(record.fields.shipstatus ?? 'C') !== 'C') break;
      const to = account ? sourceTransferOrder(account, record) : undefined;
      for (const line of record.sublists.item ?? []) if (isTrue(line.itemreceive)) push(line.item, line.location ?? to?.fields.location, -num(line.quantity));
      break;
    }
    default:
      break;
  }
  return out;
}

/** In-transit changes: a shipped TO fulfillment adds at the To Location, a TO receipt takes away there. */
function inTransitDeltas(account: Account, record: StoredRecord): InventoryDelta[] {
  const to = record.type === 'itemfulfillment' || record.type === 'itemreceipt' ? sourceTransferOrder(account, record) : undefined;
  if (!to) return [];
  if (record.type === 'itemfulfillment' && String(record.fields.shipstatus ?? 'C') !== 'C') return [];
  const sign = record.type === 'itemfulfillment' ? 1 : -1;
  return (record.sublists.item ?? [])
    .filter((l) => isTrue(l.itemreceive) && !isEmptyValue(l.item))
    .map((l) => ({ item: String(l.item), location: String(to.fields.transferlocation), delta: sign * num(l.quantity) }));
}

/** Applies (sign 1) or reverses (sign -1) a record's effects on inventory and on its source purchase order. */
function applyEffects(env: ExecutionEnv, record: StoredRecord, sign: 1 | -1): void {
  for (const d of inventoryDeltas(record, env.account)) env.account.adjustOnHand(d.item, d.location, sign * d.delta);
  for (const d of inTransitDeltas(env.account, record)) env.account.adjustInTransit(d.item, d.location, sign * d.delta);
  const transfer = sourceTransferOrder(env.account, record);
  if ((record.type === 'itemfulfillment' || record.type === 'itemreceipt') && transfer) {
    const to = structuredClone(transfer);
    const field = record.type === 'itemfulfillment' ? 'quantityfulfilled' : 'quantityreceived';
    const moved = quantitiesByOrderLine(record, to);
    for (const line of to.sublists.item ?? []) {
      const q = moved.get(String(line.line));
      if (q !== undefined) line[field] = Math.round((num(line[field]) + sign * q) * 1e6) / 1e6;
    }
    to.fields.statusref = computeTransferOrderStatus(to);
    to.fields.lastmodifieddate = env.now().toISOString();
    env.account.replaceRecord(to);
    env.journal.recordUpdated('transferorder', to.id);
    return;
  }
  if (record.type !== 'itemreceipt') return;
  const poId = record.fields.createdfrom;
  const stored = isEmptyValue(poId) ? undefined : env.account.getRecord('purchaseorder', Number(poId));
  if (!stored) return;
  const po = structuredClone(stored);
  const received = receivedByOrderLine(record);
  for (const line of po.sublists.item ?? []) {
    const quantity = received.get(String(line.line));
    if (quantity === undefined) continue;
    line.quantityreceived = Math.round((num(line.quantityreceived) + sign * quantity) * 1e6) / 1e6;
  }
  po.fields.statusref = computePurchaseOrderStatus(po);
  // [U] whether NetSuite counts this as a modification of the PO: a setting (AccountSettings).
  if (env.account.settings.itemReceiptTouchesPurchaseOrder !== false) po.fields.lastmodifieddate = env.now().toISOString();
  env.account.replaceRecord(po);
  env.journal.recordUpdated('purchaseorder', po.id);
}

function stamp(env: ExecutionEnv, def: RecordTypeDef, fields: Record<string, FieldValue>, created: FieldValue | undefined): void {
  const now = env.now().toISOString();
  if (def.family === 'custom') {
    fields.created = created ?? now;
    fields.lastmodified = now;
  } else {
    fields.createddate = created ?? now;
    fields.lastmodifieddate = now;
  }
}

function storeError(err: unknown): never {
  if (err instanceof AccountError) {
    if (err.code === 'DUP_RCRD') throw nsError('DUP_RCRD', 'A record with this external ID already exists.');
    throw nsError(err.code, err.message);
  }
  throw err;
}

// ---- the service -----------------------------------------------------------------------------------

/** Validates and stores a new record, journals it and applies its side effects. Returns the stored record. */
export function createRecord(
  env: ExecutionEnv,
  type: string,
  fields: Record<string, FieldValue>,
  sublists: Record<string, StoredLine[]> = {},
  options: RecordWriteOptions = {},
): StoredRecord {
  const def = recordTypeFor(env, type);
  const data = prepare(env, def, { fields, sublists }, true);
  validate(env, def, data, undefined, options);
  const id = env.account.allocateId();
  // PO and receipt numbers are auto-generated when none is given.
  if (['purchaseorder', 'itemreceipt', 'transferorder', 'itemfulfillment'].includes(type) && isEmptyValue(data.fields.tranid)) data.fields.tranid = String(id);
  stamp(env, def, data.fields, undefined);
  let stored: StoredRecord;
  try {
    stored = env.account.insertRecord(type, data.fields, data.sublists, id);
  } catch (err) {
    storeError(err);
  }
  applyEffects(env, stored, 1);
  env.journal.recordCreated(type, stored.id);
  return stored;
}

/** Validates and stores a changed record (the full new state), moving its side effects from old to new. */
export function updateRecord(env: ExecutionEnv, record: StoredRecord, options: RecordWriteOptions = {}): StoredRecord {
  const def = recordTypeFor(env, record.type);
  const previous = env.account.getRecord(record.type, record.id);
  if (!previous) throw nsError('RCRD_DSNT_EXIST', `Record does not exist. type: ${record.type}, id: ${record.id}`);
  const data = prepare(env, def, { fields: record.fields, sublists: record.sublists }, false);
  if (def.type === 'purchaseorder') {
    // Received and billed quantities belong to the system: keep them from the stored lines.
    const before = new Map((previous.sublists.item ?? []).map((l) => [String(l.line), l]));
    for (const line of data.sublists.item ?? []) {
      const old = before.get(String(line.line));
      line.quantityreceived = old?.quantityreceived ?? 0;
      line.quantitybilled = old?.quantitybilled ?? 0;
    }
    data.fields.statusref = computePurchaseOrderStatus(data);
  }
  if (def.type === 'transferorder') {
    // Fulfilled and received quantities belong to the system.
    const before = new Map((previous.sublists.item ?? []).map((l) => [String(l.line), l]));
    for (const line of data.sublists.item ?? []) {
      const old = before.get(String(line.line));
      line.quantityfulfilled = old?.quantityfulfilled ?? 0;
      line.quantityreceived = old?.quantityreceived ?? 0;
    }
    data.fields.statusref = computeTransferOrderStatus(data);
  }
  validate(env, def, data, previous, options);
  stamp(env, def, data.fields, previous.fields.createddate ?? previous.fields.created);
  const next: StoredRecord = { type: record.type, id: record.id, fields: { ...data.fields, id: String(record.id) }, sublists: data.sublists };
  const old = structuredClone(previous);
  applyEffects(env, old, -1);
  try {
    env.account.replaceRecord(next);
  } catch (err) {
    applyEffects(env, old, 1);
    storeError(err);
  }
  applyEffects(env, next, 1);
  env.journal.recordUpdated(record.type, record.id);
  return next;
}

/** Records of transaction types that reference (type, id) in a body or line select field. */
function dependents(env: ExecutionEnv, type: string, id: number): StoredRecord[] {
  const key = String(id);
  const found: StoredRecord[] = [];
  for (const txType of Object.keys(LINE_SUBLIST)) {
    const def = recordTypeFor(env, txType);
    const targets = [...Object.values(def.fields), ...Object.values(def.sublists).flatMap((s) => Object.values(s.fields))].map((f) => f.target);
    if (!targets.some((t) => t !== undefined && targetTypes(t).includes(type))) continue;
    const refersHere = (field: FieldDef | undefined, value: FieldValue | undefined): boolean =>
      field?.target !== undefined && targetTypes(field.target).includes(type) && (Array.isArray(value) ? value.includes(key) : String(value) === key);
    for (const record of env.account.listRecords(txType)) {
      const body = Object.entries(record.fields).some(([f, v]) => refersHere(def.fields[f], v));
      const lines =
        body ||
        Object.entries(record.sublists).some(([s, ls]) => ls.some((l) => Object.entries(l).some(([f, v]) => refersHere(def.sublists[s]?.fields[f], v))));
      if (body || lines) found.push(record);
    }
  }
  return found;
}

/** Deletes a record, reversing its side effects. A record other transactions depend on cannot be deleted. */
export function deleteRecord(env: ExecutionEnv, type: string, id: number): void {
  recordTypeFor(env, type);
  const existing = env.account.getRecord(type, id);
  if (!existing) throw nsError('RCRD_DSNT_EXIST', `Record does not exist. type: ${type}, id: ${id}`);
  const blocking = dependents(env, type, id).filter((r) => !(r.type === type && r.id === id));
  if (blocking.length > 0) {
    const first = blocking[0];
    throw nsError('THIS_RECORD_CANNOT_BE_DELETED_BECAUSE_IT_HAS_DEPENDENT_RECORDS', `This record cannot be deleted because it has dependent records${first ? ` (${displayName(first)})` : ''}.`);
  }
  const old = structuredClone(existing);
  applyEffects(env, old, -1);
  env.account.deleteRecord(type, id);
  env.journal.recordDeleted(type, id);
}
