// Saved searches (Search.save / search.load / search.delete), search.lookupFields, Search.filters /
// filterExpression, and the Map/Reduce input form of a search (NETSUITE.md 5 and 6.2).
import { searchResultsAsMapReduceInput } from '../../../../runtime/modules/search';
import { cleanup, errorOf, ID, ids, makeBed, type TestBed } from './helpers';

let bed: TestBed;
beforeEach(() => {
  bed = makeBed();
});
afterEach(cleanup);

const units = (api: string): number => bed.meter.breakdown()[api]?.units ?? 0;

describe('saved searches (NETSUITE.md 5: save needs a title; NAME_ALREADY_IN_USE, SSS_DUPLICATE_SEARCH_SCRIPT_ID; load throws INVALID_SEARCH)', () => {
  const openPos = (title?: string, id?: string): ReturnType<TestBed['search']['create']> =>
    bed.search.create({
      type: 'purchaseorder',
      filters: [['status', 'anyof', ['PurchOrd:B', 'PurchOrd:D']], 'AND', ['mainline', 'is', 'T'], 'AND', ['trandate', 'onorafter', new Date(2024, 2, 1)]],
      columns: [bed.search.createColumn({ name: 'tranid', sort: 'DESC' }), 'item.itemid'],
      ...(title !== undefined ? { title } : {}),
      ...(id !== undefined ? { id } : {}),
    });

  test('save stores the search as a savedsearch record, returns its internal id and costs 5 units', () => {
    const s = openPos('Open POs', 'customsearch_hwx_open_pos');
    expect(s.searchId).toBe(-1);
    const internalId = s.save();
    expect(s.searchId).toBe(internalId);
    const stored = bed.account.getRecord('savedsearch', internalId);
    expect(stored?.fields).toMatchObject({ scriptid: 'customsearch_hwx_open_pos', title: 'Open POs' });
    expect(typeof stored?.fields.definition).toBe('string');
    expect(units('search.save')).toBe(5);
    expect(bed.journal.created.get('savedsearch')).toEqual([internalId]);
  });
  test('load by script id or internal id gives the same definition back (Date filter values included); 5 units', () => {
    const internalId = openPos('Open POs', 'customsearch_hwx_open_pos').save();
    const byScriptId = bed.search.load({ id: 'customsearch_hwx_open_pos' });
    const byInternalId = bed.search.load({ id: internalId });
    expect(byScriptId.searchType).toBe('purchaseorder');
    expect(byScriptId.title).toBe('Open POs');
    expect(byScriptId.id).toBe('customsearch_hwx_open_pos');
    expect(ids(byScriptId)).toEqual(['101', '100']);
    expect(ids(byInternalId)).toEqual(['101', '100']);
    expect(byScriptId.columns.map((c) => `${c.join ?? ''}.${c.name}:${c.sort}`)).toEqual(['.tranid:DESC', 'item.itemid:NONE']);
    expect(units('search.load')).toBe(10);
  });
  test('save without a title throws SSS_MISSING_REQD_ARGUMENT', () => {
    expect(errorOf(() => openPos().save()).name).toBe('SSS_MISSING_REQD_ARGUMENT');
  });
  test('an id that does not start with customsearch is refused [U: code]; without an id NetSuite names it customsearch<internal id>', () => {
    expect(errorOf(() => openPos('A', 'my_search').save()).name).toBe('INVALID_SCRIPT_ID_1');
    const s = openPos('B');
    const internalId = s.save();
    expect(s.id).toBe(`customsearch${internalId}`);
    expect(bed.search.load({ id: `customsearch${internalId}` }).title).toBe('B');
  });
  test('a second search with the same title throws NAME_ALREADY_IN_USE; with the same id SSS_DUPLICATE_SEARCH_SCRIPT_ID', () => {
    openPos('Open POs', 'customsearch_a').save();
    expect(errorOf(() => openPos('open pos', 'customsearch_b').save()).name).toBe('NAME_ALREADY_IN_USE');
    expect(errorOf(() => openPos('Other title', 'customsearch_a').save()).name).toBe('SSS_DUPLICATE_SEARCH_SCRIPT_ID');
  });
  test('saving a loaded search updates it in place', () => {
    const internalId = openPos('Open POs', 'customsearch_a').save();
    const loaded = bed.search.load({ id: 'customsearch_a' });
    loaded.filterExpression = [['status', 'anyof', 'PurchOrd:G'], 'AND', ['mainline', 'is', 'T']];
    expect(loaded.save()).toBe(internalId);
    expect(ids(bed.search.load({ id: 'customsearch_a' }))).toEqual(['102']);
    expect(bed.account.listRecords('savedsearch')).toHaveLength(1);
  });
  test('save validates fields like running does', () => {
    const s = bed.search.create({ type: 'purchaseorder', filters: [['nosuchfield', 'is', 'x']], title: 'Broken', id: 'customsearch_broken' });
    expect(errorOf(() => s.save()).name).toBe('SSS_INVALID_SRCH_FILTER');
  });
  test('search.delete removes it (5 units); load or delete of an unknown id throws INVALID_SEARCH', () => {
    openPos('Open POs', 'customsearch_a').save();
    bed.search.delete({ id: 'customsearch_a' });
    expect(units('search.delete')).toBe(5);
    expect(errorOf(() => bed.search.load({ id: 'customsearch_a' })).name).toBe('INVALID_SEARCH');
    expect(errorOf(() => bed.search.delete({ id: 'customsearch_a' })).name).toBe('INVALID_SEARCH');
    expect(errorOf(() => bed.search.load({ id: 99999 })).name).toBe('INVALID_SEARCH');
    expect(errorOf(() => bed.search.load({})).name).toBe('SSS_MISSING_REQD_ARGUMENT');
  });
});

describe('Search.filters and Search.filterExpression', () => {
  test('filters set as Filter objects read back as an AND expression', () => {
    const s = bed.search.create({ type: 'inventoryitem', filters: [bed.search.createFilter({ name: 'isinactive', operator: 'is', values: 'F' }), bed.search.createFilter({ name: 'internalid', operator: 'anyof', values: [30, 31] })] });
    expect(s.filterExpression).toEqual([['isinactive', 'is', 'F'], 'and', ['internalid', 'anyof', [30, 31]]]);
    expect(s.filters.map((f) => [f.name, f.operator, f.values])).toEqual([
      ['isinactive', 'is', ['F']],
      ['internalid', 'anyof', [30, 31]],
    ]);
  });
  test('the filters getter returns a copy: assign the array back to add a filter', () => {
    const s = bed.search.create({ type: 'inventoryitem', filters: [['isinactive', 'is', 'F']] });
    const filters = s.filters;
    filters.push(bed.search.createFilter({ name: 'itemid', operator: 'is', values: 'SKU-BLUE' }));
    expect(ids(s)).toEqual(['30', '31']);
    s.filters = filters;
    expect(ids(s)).toEqual(['31']);
  });
  test('an OR expression round-trips through filterExpression', () => {
    const expr = [['itemid', 'is', 'SKU-RED'], 'or', 'NOT', ['isinactive', 'is', 'F']];
    const s = bed.search.create({ type: 'inventoryitem', filterExpression: expr });
    expect(s.filterExpression).toEqual(expr);
    expect(ids(s)).toEqual(['30', '32']);
  });
});

describe('search.lookupFields (NETSUITE.md 5: 1 unit; select fields as [{value,text}]; joins like customer.email)', () => {
  test('text, date, number and check box fields; list fields as [{value, text}]', () => {
    const v = bed.search.lookupFields({ type: 'purchaseorder', id: ID.po100, columns: ['tranid', 'trandate', 'entity', 'location', 'status', 'custbody_hwx_exported', 'amount'] });
    expect(v).toEqual({
      tranid: 'PO100',
      trandate: '3/1/2024',
      entity: [{ value: '20', text: 'ACME Supply' }],
      location: [{ value: '10', text: 'Warehouse East' }],
      status: [{ value: 'PurchOrd:B', text: 'Pending Receipt' }],
      custbody_hwx_exported: false,
      amount: '45.00',
    });
    expect(units('search.lookupFields')).toBe(1);
  });
  test("joined columns are keyed as written ('location.name', 'entity.companyname')", () => {
    const v = bed.search.lookupFields({ type: bed.search.Type.PURCHASE_ORDER, id: String(ID.po101), columns: ['location.name', 'entity.companyname', 'subsidiary'] });
    expect(v).toEqual({ 'location.name': 'Store Soho', 'entity.companyname': 'Acme Supply Inc', subsidiary: [{ value: '1', text: 'Parent Co' }] });
  });
  test("an empty list field is []; an empty custom field known only from stored values is ''; a single column name works", () => {
    expect(bed.search.lookupFields({ type: 'customrecord_hwx_feed_file', id: 302, columns: 'custrecord_hwx_ff_location' })).toEqual({ custrecord_hwx_ff_location: '' });
    expect(bed.search.lookupFields({ type: 'purchaseorder', id: ID.po100, columns: 'createdfrom' })).toEqual({ createdfrom: [] });
  });
  test('an unknown column throws SSS_INVALID_SRCH_COLUMN; a record that does not exist gives {} [U]', () => {
    expect(errorOf(() => bed.search.lookupFields({ type: 'inventoryitem', id: ID.red, columns: ['colour'] })).name).toBe('SSS_INVALID_SRCH_COLUMN');
    expect(bed.search.lookupFields({ type: 'inventoryitem', id: 99999, columns: ['itemid'] })).toEqual({});
    expect(errorOf(() => bed.search.lookupFields({ type: 'inventoryitem', id: ID.red })).name).toBe('SSS_MISSING_REQD_ARGUMENT');
  });
});

describe('searchResultsAsMapReduceInput (NETSUITE.md 6.2: key = result id, value = {"recordType","id","values"})', () => {
  test('list fields as {value,text}, check boxes T/F, others as strings, joined columns keyed name.join', () => {
    const s = bed.search.create({
      type: 'purchaseorder',
      filters: [['tranid', 'is', 'PO100'], 'AND', ['mainline', 'is', 'F']],
      columns: ['line', 'item', 'quantity', 'isclosed', 'trandate', bed.search.createColumn({ name: 'itemid', join: 'item' })],
    });
    const pairs = searchResultsAsMapReduceInput(s);
    expect(pairs.map((p) => p.key)).toEqual(['100', '100']);
    expect(JSON.parse(pairs[0]?.value ?? '{}')).toEqual({
      recordType: 'purchaseorder',
      id: '100',
      values: { line: '1', item: { value: '30', text: 'SKU-RED' }, quantity: '10', isclosed: 'F', trandate: '3/1/2024', 'itemid.item': 'SKU-RED' },
    });
  });
  test('summary columns are keyed GROUP(name) / SUM(name); summary rows are keyed by their index [U]', () => {
    const s = bed.search.create({
      type: 'transaction',
      filters: [['type', 'anyof', 'PurchOrd'], 'AND', ['mainline', 'is', 'F']],
      columns: [bed.search.createColumn({ name: 'item', summary: 'GROUP' }), bed.search.createColumn({ name: 'quantity', summary: 'SUM' })],
    });
    const pairs = searchResultsAsMapReduceInput(s);
    expect(pairs.map((p) => p.key)).toEqual(['0', '1']);
    expect(JSON.parse(pairs[0]?.value ?? '{}')).toEqual({ recordType: 'transaction', id: null, values: { 'GROUP(item)': { value: '31', text: 'SKU-BLUE' }, 'SUM(quantity)': '12' } });
  });
  test('charges nothing and is not capped at 4,000 results', () => {
    const big = makeBed(undefined, (account) => {
      for (let i = 0; i < 4100; i += 1) account.insertRecord('customrecord_bulk', { name: `r${i}` });
    });
    const pairs = searchResultsAsMapReduceInput(big.search.create({ type: 'customrecord_bulk', columns: ['name'] }));
    expect(pairs).toHaveLength(4100);
    expect(big.meter.usage).toBe(0);
  });
  test('anything but a search.Search is refused', () => {
    expect(errorOf(() => searchResultsAsMapReduceInput({ run: () => undefined, searchType: 'x' })).name).toBe('SSS_INVALID_TYPE_ARG');
  });
});
