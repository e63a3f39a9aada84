// A stand-in for HotWax Commerce in the demo. Like HotWax, it only reads and writes files on the SFTP server
// (over the SFTP protocol, with ssh2-sftp-client); it never calls the SuiteScripts or the account.
// Formats are HotWax's documented ones (docs/feeds.md).
import * as SftpClient from 'ssh2-sftp-client';
import * as Papa from 'papaparse';

export interface SftpLogin {
  host: string;
  port: number;
  username: string;
  password: string;
  /** Base directory of the integration, e.g. /home/hotwax/netsuite/ */
  baseDir: string;
}

export interface PoExportLine {
  poId: string;
  sku: string;
  quantity: number;
  facilityId: string;
  lineId: string;
  arrivalDate: string;
}

export interface SnapshotRow {
  sku: string;
  facilityId: string;
  available: number;
  itemId: string;
}

export interface ReceiptEntry {
  order_id: string;
  items: { line_id: string; quantity: string }[];
}

export interface VarianceRow {
  referenceNo: string;
  account: string;
  item: string;
  qty: number;
  location: string;
  date: string;
  memo: string;
  subsidiary: string;
  hotwaxId: string;
}

/** A transfer order as NetSuite exports it (the fields the stand-in reads). */
export interface TransferOrderDoc {
  statusFlowId: string;
  orderStatus: string;
  originFacilityExternalId: string;
  shipGroups: { orderFacilityExternalId: string; items: { externalId: string; productIdValue: string; quantity: number; shippedQuantity: number; receivedQuantity: number }[] }[];
  identifications: { orderIdentificationTypeId: string; idValue: string }[];
}

/** A shipped warehouse fulfillment as NetSuite exports it. */
export interface TransferFulfillmentDoc {
  externalId: string;
  transferOrderId: string;
  packages: { trackingNumber: string | null; items: { externalId: string; productIdValue: string; quantity: number }[] }[];
}

/** A store receipt or a store shipment of a transfer order (HotWax -> NetSuite). */
export interface TransferFeedEntry {
  orderId: string;
  fulfillmentId?: string;
  shipmentId?: string;
  trackingNumber?: string;
  items: { line_id: string; quantity: number }[];
}

/** One draft cycle count NetSuite sent (HotWax's draft count import: one countImportName per count). */
export interface CountList {
  file: string;
  countName: string;
  facilityId: string;
  /** estimatedCompletionDate, YYYY-MM-DD. */
  countDate: string;
  skus: string[];
}

export class HotWaxStandIn {
  private constructor(
    private readonly client: SftpClient,
    private readonly base: string,
  ) {}

  static async connect(login: SftpLogin): Promise<HotWaxStandIn> {
    const client = new SftpClient('hotwax-standin');
    // No Nagle delay (see runtime/sftp/bridge-worker.ts): requests would each wait for a delayed ACK.
    const ssh = (client as unknown as { client: { once(event: 'connect', cb: () => void): void; setNoDelay(on: boolean): void } }).client;
    ssh.once('connect', () => ssh.setNoDelay(true));
    await client.connect({ host: login.host, port: login.port, username: login.username, password: login.password, readyTimeout: 10000 });
    return new HotWaxStandIn(client, login.baseDir.endsWith('/') ? login.baseDir : `${login.baseDir}/`);
  }

  async close(): Promise<void> {
    await this.client.end();
  }

  private async readCsvFiles(folder: string): Promise<{ name: string; rows: Record<string, string>[] }[]> {
    const dir = `${this.base}${folder}`;
    if (!(await this.client.exists(dir))) return [];
    const entries = (await this.client.list(dir)).filter((e) => e.type === '-' && e.name.toLowerCase().endsWith('.csv')).sort((a, b) => a.name.localeCompare(b.name));
    const files: { name: string; rows: Record<string, string>[] }[] = [];
    for (const e of entries) {
      const buffer = (await this.client.get(`${dir}/${e.name}`)) as Buffer;
      const parsed = Papa.parse<Record<string, string>>(buffer.toString('utf8').replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: 'greedy' });
      files.push({ name: e.name, rows: parsed.data });
    }
    return files;
  }

  /** Reads every purchase-order export NetSuite uploaded (HotWax job IMP_ASN_PO_FEED) and takes them in. */
  async importPurchaseOrders(): Promise<{ files: string[]; lines: PoExportLine[] }> {
    const files = await this.readCsvFiles('purchaseorder/fulfillment');
    const lines = files.flatMap((f) =>
      f.rows.map((r) => ({
        poId: r['external-id'] ?? '',
        sku: r['product-sku'] ?? '',
        quantity: Number(r.quantity ?? 0),
        facilityId: r['external-facility-id'] ?? '',
        lineId: r['item-external-id'] ?? '',
        arrivalDate: r['arrival-date'] ?? '',
      })),
    );
    await this.archive('purchaseorder/fulfillment', files.map((f) => f.name));
    return { files: files.map((f) => f.name), lines };
  }

  /** Reads the newest inventory snapshot files (inventory reset feed) NetSuite uploaded. */
  async importInventorySnapshot(): Promise<{ files: string[]; rows: SnapshotRow[] }> {
    const files = await this.readCsvFiles('inventoryitem/csv');
    const rows = files.flatMap((f) =>
      f.rows.map((r) => ({ sku: r.Item ?? '', facilityId: r.externalFacilityId ?? '', available: Number(r.availableQty ?? 0), itemId: r.idValue ?? '' })),
    );
    await this.archive('inventoryitem/csv', files.map((f) => f.name));
    return { files: files.map((f) => f.name), rows };
  }

  /**
   * Reads the draft cycle counts NetSuite sent (cyclecount/import, HotWax's bulk upload columns
   * countImportName, idValue, estimatedCompletionDate, externalFacilityId) and takes them in.
   */
  async importCountLists(folder = 'cyclecount/import'): Promise<CountList[]> {
    const files = await this.readCsvFiles(folder);
    const counts = new Map<string, CountList>();
    for (const f of files) {
      for (const r of f.rows) {
        const countName = r.countImportName ?? '';
        const count = counts.get(countName) ?? { file: `${folder}/${f.name}`, countName, facilityId: r.externalFacilityId ?? '', countDate: r.estimatedCompletionDate ?? '', skus: [] };
        count.skus.push(r.idValue ?? '');
        counts.set(countName, count);
      }
    }
    await this.archive(folder, files.map((f) => f.name));
    return [...counts.values()];
  }

  /** Store associates received goods in the Receiving App: HotWax writes the receipt JSON. */
  async writeReceipts(fileName: string, entries: ReceiptEntry[]): Promise<string> {
    const dir = `${this.base}purchaseorder/receipt`;
    await this.client.mkdir(dir, true);
    await this.client.put(Buffer.from(JSON.stringify(entries)), `${dir}/${fileName}`);
    return `purchaseorder/receipt/${fileName}`;
  }

  /** A manager approved a count, or associates recorded variances: HotWax writes the variance CSV. */
  async writeVariances(folder: 'inventoryadjustment/csv' | 'inventorytransfer/csv', fileName: string, rows: VarianceRow[]): Promise<string> {
    const csv = Papa.unparse({
      fields: ['Reference No', 'Adjustment Account', 'Item', 'Adjust Qty By', 'Location', 'Date', 'Memo', 'Subsidiary', 'HC Inventory Adj Id'],
      data: rows.map((r) => [r.referenceNo, r.account, r.item, String(r.qty), r.location, r.date, r.memo, r.subsidiary, r.hotwaxId]),
    });
    const dir = `${this.base}${folder}`;
    await this.client.mkdir(dir, true);
    await this.client.put(Buffer.from(`${csv}\r\n`), `${dir}/${fileName}`);
    return `${folder}/${fileName}`;
  }

  /**
   * Takes in what NetSuite exported of transfer orders (docs/feeds.md, "Transfer orders"): the orders
   * (transferorderv2/export) and the warehouse's shipped fulfillments (transferorderv2/import/fulfillment-wh).
   */
  async importTransfers(): Promise<{ files: string[]; orders: TransferOrderDoc[]; fulfillments: TransferFulfillmentDoc[] }> {
    const read = async (folder: string): Promise<{ name: string; docs: unknown[] }[]> => {
      const dir = `${this.base}${folder}`;
      if (!(await this.client.exists(dir))) return [];
      const entries = (await this.client.list(dir)).filter((e) => e.type === '-' && e.name.toLowerCase().endsWith('.json')).sort((a, b) => a.name.localeCompare(b.name));
      const out: { name: string; docs: unknown[] }[] = [];
      for (const e of entries) out.push({ name: e.name, docs: JSON.parse(((await this.client.get(`${dir}/${e.name}`)) as Buffer).toString('utf8')) as unknown[] });
      // NetSuite may send the same name again once HotWax moved the first away (two runs in one second): keep both.
      const archive = `${dir}/hotwax-imported`;
      if (entries.length > 0) await this.client.mkdir(archive, true);
      for (const e of entries) {
        let target = `${archive}/${e.name}`;
        for (let n = 2; await this.client.exists(target); n++) target = `${archive}/${e.name.replace(/\.json$/i, '')}.${n}.json`;
        await this.client.rename(`${dir}/${e.name}`, target);
      }
      return out;
    };
    const orders = await read('transferorderv2/export');
    const fulfillments = await read('transferorderv2/import/fulfillment-wh');
    return {
      files: [...orders.map((f) => `transferorderv2/export/${f.name}`), ...fulfillments.map((f) => `transferorderv2/import/fulfillment-wh/${f.name}`)],
      orders: orders.flatMap((f) => f.docs as TransferOrderDoc[]),
      fulfillments: fulfillments.flatMap((f) => f.docs as TransferFulfillmentDoc[]),
    };
  }

  /** A store received a transfer (transferorderv2/export/receipt) or shipped one (transferorderv2/oms-fulfillment). */
  async writeTransferFeed(kind: 'receipt' | 'shipment', fileName: string, entries: TransferFeedEntry[]): Promise<string> {
    const folder = kind === 'receipt' ? 'transferorderv2/export/receipt' : 'transferorderv2/oms-fulfillment';
    await this.client.mkdir(`${this.base}${folder}`, true);
    await this.client.put(Buffer.from(JSON.stringify(entries)), `${this.base}${folder}/${fileName}`);
    return `${folder}/${fileName}`;
  }

  /** HotWax moves what it imported out of the way (its own archive folder). */
  private async archive(folder: string, names: string[]): Promise<void> {
    const archive = `${this.base}${folder}/hotwax-imported`;
    if (names.length === 0) return;
    await this.client.mkdir(archive, true);
    for (const name of names) await this.client.rename(`${this.base}${folder}/${name}`, `${archive}/${name}`);
  }
}
