/**
 * The transfer-order export documents, in HotWax's JSON shapes (docs/feeds.md "Transfer orders", taken from
 * HotWax's public TransferOrderV2 scripts), and the change detection: a TO or fulfillment is exported again
 * only when what HotWax sees of it changed. Pure: no N/*.
 */
import { hash64 } from '../hash';

export type TransferKind = 'warehouse-to-store' | 'store-to-store' | 'store-to-warehouse';

/** HotWax's statusFlowId per kind: it receives only, ships and receives, or ships only. */
export const STATUS_FLOW: Record<TransferKind, string> = {
  'warehouse-to-store': 'TO_Receive_Only',
  'store-to-store': 'TO_Fulfill_And_Receive',
  'store-to-warehouse': 'TO_Fulfill_Only',
};

export const FILE_PREFIX: Record<TransferKind, string> = {
  'warehouse-to-store': 'ExportWhToStoreTransferOrder',
  'store-to-store': 'ExportStoretoStoreTransferOrder',
  'store-to-warehouse': 'ExportStoretoWhTransferOrder',
};

/** Which kind a TO is, from whether its locations are HotWax stores; undefined: HotWax takes no part. */
export function kindOf(fromIsStore: boolean, toIsStore: boolean): TransferKind | undefined {
  if (fromIsStore) return toIsStore ? 'store-to-store' : 'store-to-warehouse';
  return toIsStore ? 'warehouse-to-store' : undefined;
}

export interface TransferLine {
  line: string;
  item: string;
  quantity: number;
  fulfilled: number;
  received: number;
  closed: boolean;
}

export interface TransferOrder {
  id: string;
  tranid: string;
  trandate: string;
  from: string;
  to: string;
  status: string;
  lines: TransferLine[];
}

/** When HotWax should hear of a TO: a store ships it once approved; a warehouse-to-store TO once something shipped. */
export function exportable(kind: TransferKind, to: TransferOrder): boolean {
  if (kind === 'warehouse-to-store') return to.lines.some((l) => l.fulfilled > 0);
  return to.status !== 'pendingApproval' && to.status !== 'rejected';
}

/** Everything HotWax sees of a TO; a change of any of it exports the TO again. */
export function orderHash(to: TransferOrder): string {
  return hash64(JSON.stringify([to.status, to.from, to.to, to.lines.map((l) => [l.line, l.item, l.quantity, l.fulfilled, l.received, l.closed])]));
}

const FINAL = new Set(['received', 'closed']);
export const isFinal = (to: TransferOrder): boolean => FINAL.has(to.status);

/** The TO in HotWax's order JSON (HC_MR_Exported*TOJson_v2 shape) plus what was shipped and received per line. */
export function orderDocument(kind: TransferKind, to: TransferOrder, orderDate: string): Record<string, unknown> {
  return {
    productStoreId: 'STORE',
    statusId: 'ORDER_CREATED',
    originFacilityExternalId: to.from,
    orderTypeId: 'TRANSFER_ORDER',
    orderDate,
    statusFlowId: STATUS_FLOW[kind],
    grandTotal: 0,
    orderStatus: to.status,
    shipGroups: [
      {
        shipmentMethodTypeId: 'STANDARD',
        carrierPartyId: '_NA_',
        facilityId: to.from,
        orderFacilityExternalId: to.to,
        items: to.lines.map((l) => ({
          externalId: l.line,
          orderItemTypeId: 'PRODUCT_ORDER_ITEM',
          productIdType: 'NETSUITE_PRODUCT_ID',
          productIdValue: l.item,
          quantity: l.quantity,
          statusId: l.closed ? 'ITEM_CANCELLED' : 'ITEM_CREATED',
          unitListPrice: 0,
          unitPrice: 0,
          shippedQuantity: l.fulfilled,
          receivedQuantity: l.received,
          isClosed: l.closed,
        })),
      },
    ],
    identifications: [
      { orderIdentificationTypeId: 'NETSUITE_ORDER_ID', idValue: to.id },
      { orderIdentificationTypeId: 'NETSUITE_ORDER_NAME', idValue: to.tranid },
    ],
  };
}

export interface FulfillmentLine {
  orderline: string;
  item: string;
  quantity: number;
}

/** A shipped fulfillment in HotWax's fulfillment-wh JSON (HC_MR_ExportedWHTOFulfillmentJson_v2 shape). */
export function fulfillmentDocument(fulfillmentId: string, to: TransferOrder, lines: readonly FulfillmentLine[], trackingNumbers: readonly string[]): Record<string, unknown> {
  const items = lines.map((l) => ({
    externalId: l.orderline,
    itemExternalId: String(Number(l.orderline) - 1),
    productIdType: 'NETSUITE_PRODUCT_ID',
    productIdValue: l.item,
    quantity: l.quantity,
  }));
  const packages = trackingNumbers.length > 0 ? trackingNumbers.map((t, i) => ({ trackingNumber: t, items: i === 0 ? items : [] })) : [{ trackingNumber: null, items }];
  return { externalId: fulfillmentId, transferOrderId: to.id, destinationFacilityExternalId: to.to, packages };
}

export interface ExportState {
  v: 1;
  /** TO id -> hash of what was last exported. Final TOs leave the state once exported. */
  orders: Record<string, string>;
  /** Fulfillment ids exported, per TO id. */
  fulfillments: Record<string, string[]>;
}

export const emptyState = (): ExportState => ({ v: 1, orders: {}, fulfillments: {} });

export function readState(value: unknown): ExportState {
  if (typeof value !== 'object' || value === null) return emptyState();
  const v = value as Partial<ExportState>;
  return { v: 1, orders: typeof v.orders === 'object' && v.orders !== null ? { ...v.orders } : {}, fulfillments: typeof v.fulfillments === 'object' && v.fulfillments !== null ? { ...v.fulfillments } : {} };
}
