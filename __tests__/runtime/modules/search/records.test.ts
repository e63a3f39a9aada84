// Item searches with per-location quantities (NETSUITE.md 4.5) and the other record types the flows search:
// location, subsidiary, account, vendor and customrecord_*.
import { cleanup, errorOf, ID, ids, makeBed, type TestBed } from './helpers';

let bed: TestBed;
beforeEach(() => {
  bed = makeBed();
});
afterEach(cleanup);

type Row = { id: string | null; getValue(c: unknown): unknown; getText(c: unknown): unknown };
const rows = (type: string, filters: unknown[], columns: unknown[]): Row[] => bed.search.create({ type, filters, columns }).run().getRange({ start: 0, end: 1000 });

describe('item searches', () => {
  test('item fields: itemid, displayname, upccode, externalid, isinactive (check box getValue is a boolean)', () => {
    const r = rows('inventoryitem', [], ['itemid', 'displayname', 'upccode', 'externalid', 'isinactive']);
    expect(r.map((x) => [x.id, x.getValue('itemid'), x.getValue('displayname'), x.getValue('upccode'), x.getValue('externalid'), x.getValue('isinactive')])).toEqual([
      ['30', 'SKU-RED', 'Red Shirt', '0001', 'HW-RED', false],
      ['31', 'SKU-BLUE', 'Blue Shirt', '0002', '', false],
      ['32', 'SKU-OLD', 'Old Shirt', '', '', true],
    ]);
  });
  test("search.Type.ITEM covers every item record type; 'type' filters by item type code", () => {
    expect(ids(bed.search.create({ type: bed.search.Type.ITEM, filters: [] }))).toEqual(['30', '31', '32', '33']);
    expect(ids(bed.search.create({ type: 'item', filters: [['type', 'anyof', 'NonInvtPart']] }))).toEqual(['33']);
    const r = rows('item', [['internalid', 'anyof', '33']], ['type']);
    expect([r[0]?.getValue('type'), r[0]?.getText('type')]).toEqual(['NonInvtPart', 'Non-inventory Item']);
  });
  test('quantityonhand / quantityavailable total every location (available leaves out locations that do not make inventory available)', () => {
    const r = rows('item', [], ['quantityonhand', 'quantityavailable']);
    expect(r.map((x) => [x.id, x.getValue('quantityonhand'), x.getValue('quantityavailable')])).toEqual([
      ['30', '55', '55'],
      ['31', '7', '0'],
      ['32', '3', '3'],
      ['33', '', ''],
    ]);
  });
});

describe('item x location rows (NETSUITE.md 4.5: filter on inventorylocation, read locationquantity* columns)', () => {
  const LOC_COLUMNS = ['inventorylocation', 'locationquantityonhand', 'locationquantityavailable', 'locationquantitycommitted', 'locationquantityonorder', 'locationquantityintransit'];
  const table = (filters: unknown[]): string[] =>
    rows('item', filters, LOC_COLUMNS).map((x) => [x.id, x.getValue('inventorylocation'), ...LOC_COLUMNS.slice(1).map((c) => x.getValue(c))].map(String).join(' '));

  test('every active location for every inventory item, plus inactive locations holding stock [U]; one empty row for a non-inventory item', () => {
    expect(table([])).toEqual([
      '30 10 50 50 0 10 0',
      '30 11 5 5 0 5 0',
      '30 13 0 0 0 0 0',
      '31 10 0 0 0 5 0',
      '31 11 0 0 0 4 0',
      '31 13 7 0 0 0 0',
      '32 10 0 0 0 0 0',
      '32 11 0 0 0 0 0',
      '32 12 3 3 0 0 0',
      '32 13 0 0 0 0 0',
      '33      ',
    ]);
  });
  test('inventorylocation anyof narrows to the location; getText gives the location name', () => {
    const r = rows('inventoryitem', [['inventorylocation', 'anyof', ID.store], 'AND', ['isinactive', 'is', 'F']], ['itemid', 'inventorylocation', 'locationquantityonhand']);
    expect(r.map((x) => [x.getValue('itemid'), x.getText('inventorylocation'), x.getValue('locationquantityonhand')])).toEqual([
      ['SKU-RED', 'Store Soho', '5'],
      ['SKU-BLUE', 'Store Soho', '0'],
    ]);
  });
  test('locationquantityonhand as a filter also produces item x location rows', () => {
    expect(ids(bed.search.create({ type: 'inventoryitem', filters: [['locationquantityonhand', 'greaterthan', 0]] }))).toEqual(['30', '30', '31', '32']);
  });
  test('locationquantityonorder sums the unreceived quantity of open purchase order lines (statuses B, D, E; closed lines excluded)', () => {
    const r = rows('inventoryitem', [['locationquantityonorder', 'greaterthan', 0]], ['inventorylocation', 'locationquantityonorder']);
    expect(r.map((x) => `${x.id ?? ''}@${String(x.getValue('inventorylocation'))}=${String(x.getValue('locationquantityonorder'))}`)).toEqual(['30@10=10', '30@11=5', '31@10=5', '31@11=4']);
  });
  test('inventorylocation works as a join (inventorylocation.name)', () => {
    const r = rows('inventoryitem', [['itemid', 'is', 'SKU-RED'], 'AND', ['inventorylocation.name', 'startswith', 'Ware']], ['inventorylocation.name', 'locationquantityonhand']);
    expect(r.map((x) => [x.getValue({ name: 'name', join: 'inventorylocation' }), x.getValue('locationquantityonhand')])).toEqual([['Warehouse East', '50']]);
  });
  test('location quantities are refused through a join from a transaction (not emulated)', () => {
    expect(errorOf(() => ids(bed.search.create({ type: 'purchaseorder', columns: ['item.locationquantityonhand'] }))).name).toBe('SSS_INVALID_SRCH_COLUMN');
  });
});

describe('location, subsidiary, account, vendor', () => {
  test('location: name, isinactive, subsidiary (text), locationtype (1 Store, 2 Warehouse), makeinventoryavailable', () => {
    const r = rows('location', [['isinactive', 'is', 'F']], ['name', 'subsidiary', 'locationtype', 'makeinventoryavailable']);
    expect(r.map((x) => [x.id, x.getValue('name'), x.getText('subsidiary'), x.getText('locationtype'), x.getValue('makeinventoryavailable')])).toEqual([
      ['10', 'Warehouse East', 'Parent Co', 'Warehouse', true],
      ['11', 'Store Soho', 'Parent Co', 'Store', true],
      ['13', 'Variance', 'Parent Co', '', false],
    ]);
  });
  test('location custom fields (custrecord_*) are searchable', () => {
    expect(ids(bed.search.create({ type: 'location', filters: [['custrecord_hwx_store_code', 'is', 'soho']] }))).toEqual(['11']);
  });
  test('subsidiary by name', () => {
    expect(ids(bed.search.create({ type: 'subsidiary', filters: [['name', 'is', 'Parent Co']] }))).toEqual(['1']);
  });
  test("account: the adapters' active-account search (internalid anyof, isinactive F); number and type", () => {
    const r = rows('account', [['internalid', 'anyof', [ID.shrinkage, ID.closedAccount]], 'AND', ['isinactive', 'is', 'F']], ['internalid', 'name', 'number', 'type']);
    expect(r.map((x) => [x.id, x.getValue('internalid'), x.getValue('name'), x.getValue('number'), x.getValue('type'), x.getText('type')])).toEqual([['40', '40', 'Inventory Shrinkage', '5100', 'COGS', 'Cost of Goods Sold']]);
  });
  test('vendor: entityid, companyname', () => {
    const r = rows('vendor', [['entityid', 'contains', 'acme']], ['entityid', 'companyname']);
    expect(r.map((x) => [x.getValue('entityid'), x.getValue('companyname')])).toEqual([['ACME Supply', 'Acme Supply Inc']]);
  });
});

describe('custom record searches (customrecord_*)', () => {
  const FEED = 'customrecord_hwx_feed_file';
  test('standard fields name, isinactive, internalid, created, and custrecord_* fields of every stored type', () => {
    const r = rows(FEED, [['isinactive', 'is', 'F']], ['name', 'created', 'custrecord_hwx_ff_rows', 'custrecord_hwx_ff_done', 'custrecord_hwx_ff_date', 'custrecord_hwx_ff_tags']);
    expect(r.map((x) => [x.id, x.getValue('name'), x.getValue('created'), x.getValue('custrecord_hwx_ff_rows'), x.getValue('custrecord_hwx_ff_done'), x.getValue('custrecord_hwx_ff_date'), x.getValue('custrecord_hwx_ff_tags')])).toEqual([
      ['300', 'a.csv', '3/14/2024 9:00 am', '12', false, '3/14/2024', '1,2'],
      ['301', 'b.csv', '3/14/2024 9:00 am', '3', true, '3/1/2024', '2'],
    ]);
  });
  test("the adapters' open feed-file search: flow is X AND status isnot each terminal status", () => {
    const filters: unknown[] = [['custrecord_hwx_ff_flow', 'is', 'variance']];
    for (const status of ['ARCHIVED', 'FAILED']) filters.push('AND', ['custrecord_hwx_ff_status', 'isnot', status]);
    expect(ids(bed.search.create({ type: FEED, filters, columns: [bed.search.createColumn({ name: 'internalid', sort: bed.search.Sort.ASC })] }))).toEqual(['300']);
  });
  test('a custom list field stored as an id string gives the record name as text and can be followed as a join', () => {
    const r = rows(FEED, [['custrecord_hwx_ff_location.name', 'is', 'Store Soho']], ['custrecord_hwx_ff_location', 'custrecord_hwx_ff_location.name']);
    expect(r.map((x) => [x.id, x.getValue('custrecord_hwx_ff_location'), x.getText('custrecord_hwx_ff_location'), x.getValue({ name: 'name', join: 'custrecord_hwx_ff_location' })])).toEqual([['301', '11', 'Store Soho', 'Store Soho']]);
  });
  test('a custom record type that is neither defined nor stored throws INVALID_RCRD_TYPE', () => {
    const err = errorOf(() => bed.search.create({ type: 'customrecord_hwx_missing' }));
    expect(err.name).toBe('INVALID_RCRD_TYPE');
    expect(err.message).toContain('customrecord_hwx_missing');
  });
  test('a standard field a custom record does not have is refused', () => {
    expect(errorOf(() => ids(bed.search.create({ type: FEED, filters: [['itemid', 'is', 'x']] }))).name).toBe('SSS_INVALID_SRCH_FILTER');
  });
  test('a custom record type declared through the projectObjects option is searchable with no records', () => {
    const project = {
      projectFolder: '/p',
      objectFiles: [],
      scripts: [],
      csvImports: [],
      customRecordTypes: [{ scriptId: 'customrecord_hwx_empty', file: 'Objects/x.xml', recordName: 'Empty', fields: [{ scriptId: 'custrecord_hwx_e_qty', fieldType: 'INTEGER', label: 'Qty', isMandatory: false }] }],
      customFields: [],
      savedSearches: [],
      secrets: [],
      others: [],
      manifest: undefined,
      deploy: undefined,
      xmlErrors: [],
    };
    const search = bed.module({ projectObjects: project });
    expect(ids(search.create({ type: 'customrecord_hwx_empty', filters: [['custrecord_hwx_e_qty', 'greaterthan', 1]] }))).toEqual([]);
    expect(errorOf(() => ids(search.create({ type: 'customrecord_hwx_empty', filters: [['custrecord_hwx_e_qty', 'contains', '1']] }))).name).toBe('SSS_INVALID_SRCH_OPERATOR');
  });
  test('the customFields option declares the kind of a custom field', () => {
    const search = bed.module({ projectObjects: null, customFields: { custrecord_hwx_ff_rows: 'text' } });
    expect(errorOf(() => ids(search.create({ type: FEED, filters: [['custrecord_hwx_ff_rows', 'greaterthan', 1]] }))).name).toBe('SSS_INVALID_SRCH_OPERATOR');
  });
});
