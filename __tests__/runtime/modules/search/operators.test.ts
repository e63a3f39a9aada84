// Filter operators by field type (Oracle's "SuiteScript 2.x Search Operators" table) and filter expressions.
import { cleanup, errorOf, ID, ids, makeBed, NOW, type TestBed } from './helpers';

let bed: TestBed;
beforeEach(() => {
  bed = makeBed();
});
afterEach(cleanup);

const FEED = 'customrecord_hwx_feed_file';
const feedIds = (filters: unknown[]): (string | null)[] => ids(bed.search.create({ type: FEED, filters, columns: ['name'] }));
const itemIds = (filters: unknown[]): (string | null)[] => ids(bed.search.create({ type: 'inventoryitem', filters, columns: ['itemid'] }));

describe('text operators (free-form text: is, isnot, contains, doesnotcontain, startswith, doesnotstartwith, haskeywords, isempty, isnotempty, any)', () => {
  test('is compares case-insensitively, as NetSuite text filters do', () => {
    expect(itemIds([['itemid', 'is', 'sku-red']])).toEqual(['30']);
  });
  test('isnot excludes the value and keeps records whose field is empty [U]', () => {
    expect(itemIds([['upccode', 'isnot', '0001']])).toEqual(['31', '32']);
  });
  test('contains / doesnotcontain', () => {
    expect(itemIds([['displayname', 'contains', 'SHIRT']])).toEqual(['30', '31', '32']);
    expect(itemIds([['displayname', 'doesnotcontain', 'blue']])).toEqual(['30', '32']);
  });
  test('startswith / doesnotstartwith', () => {
    expect(itemIds([['itemid', 'startswith', 'SKU-B']])).toEqual(['31']);
    expect(itemIds([['itemid', 'doesnotstartwith', 'SKU-B']])).toEqual(['30', '32']);
  });
  test('isempty / isnotempty ignore the value', () => {
    expect(itemIds([['upccode', 'isempty', '']])).toEqual(['32']);
    expect(itemIds([['upccode', 'isnotempty', '']])).toEqual(['30', '31']);
  });
  test('haskeywords needs every word; any matches everything', () => {
    expect(itemIds([['displayname', 'haskeywords', 'shirt red']])).toEqual(['30']);
    expect(itemIds([['displayname', 'any', '']])).toEqual(['30', '31', '32']);
  });
  test('anyof is a list operator and cannot be used on a text field (SSS_INVALID_SRCH_OPERATOR)', () => {
    const err = errorOf(() => itemIds([['itemid', 'anyof', ['SKU-RED']]]));
    expect(err.name).toBe('SSS_INVALID_SRCH_OPERATOR');
    expect(err.message).toContain('itemid');
  });
});

describe('list/record operators (anyof, noneof; @NONE@)', () => {
  test('anyof with several internal ids, given as an array or as separate values', () => {
    expect(itemIds([['internalid', 'anyof', ['30', 32]]])).toEqual(['30', '32']);
    expect(itemIds([['internalid', 'anyof', '30', '31']])).toEqual(['30', '31']);
  });
  test('noneof excludes the ids', () => {
    expect(itemIds([['internalid', 'noneof', [30, 31]]])).toEqual(['32']);
  });
  test('@NONE@ matches an empty list field; noneof @NONE@ keeps the filled ones', () => {
    expect(feedIds([['custrecord_hwx_ff_location', 'anyof', '@NONE@']])).toEqual(['302']);
    expect(feedIds([['custrecord_hwx_ff_location', 'noneof', '@NONE@']])).toEqual(['300', '301']);
  });
  test("'is' with one id is accepted on a list field [U], several ids are not", () => {
    expect(itemIds([['internalid', 'is', '31']])).toEqual(['31']);
    expect(errorOf(() => itemIds([['internalid', 'is', '30', '31']])).name).toBe('SSS_INVALID_SRCH_FILTER');
  });
  test('isempty on a list field (Oracle sample: createFilter entity ISEMPTY)', () => {
    const s = bed.search.create({ type: 'transaction', filters: [['createdfrom', 'isnotempty', ''], 'AND', ['mainline', 'is', 'T']], columns: ['tranid'] });
    expect(ids(s)).toEqual([String(ID.receipt)]);
  });
  test('contains is a text operator and cannot be used on a list field', () => {
    expect(errorOf(() => ids(bed.search.create({ type: 'transaction', filters: [['entity', 'contains', 'ACME']] }))).name).toBe('SSS_INVALID_SRCH_OPERATOR');
  });
  test('list/record filters take internal ids: a name instead of an id is refused, not silently unmatched', () => {
    const err = errorOf(() => ids(bed.search.create({ type: 'transaction', filters: [['location', 'anyof', 'Warehouse East']] })));
    expect(err.name).toBe('SSS_INVALID_SRCH_FILTER');
    expect(err.message).toContain('Warehouse East');
    expect(errorOf(() => itemIds([['internalid', 'anyof', 'SKU-RED']])).name).toBe('SSS_INVALID_SRCH_FILTER');
  });
  test('item and account type codes are checked (InvtPart, COGS, ...)', () => {
    expect(errorOf(() => ids(bed.search.create({ type: 'item', filters: [['type', 'anyof', 'InventoryItem']] }))).message).toContain('InvtPart');
    expect(ids(bed.search.create({ type: 'account', filters: [['type', 'anyof', 'COGS']] }))).toEqual(['40']);
    expect(errorOf(() => ids(bed.search.create({ type: 'account', filters: [['type', 'anyof', 'CostOfGoods']] }))).name).toBe('SSS_INVALID_SRCH_FILTER');
  });
  test('externalid takes anyof with external id strings (HotWax: externalid anyof [...])', () => {
    const s = bed.search.create({ type: 'transaction', filters: [['externalid', 'anyof', ['HWX-ADJ-1', 'HWX-TRF-1', 'NOPE']], 'AND', ['mainline', 'is', 'T']], columns: ['externalid'] });
    const rows = s.run().getRange({ start: 0, end: 10 });
    expect(rows.map((r) => [r.id, r.getValue('externalid')])).toEqual([
      ['200', 'HWX-ADJ-1'],
      ['201', 'HWX-TRF-1'],
    ]);
  });
});

describe('multiple select operators (anyof, noneof, allof, notallof)', () => {
  test('anyof matches any shared value, allof needs all of them', () => {
    expect(feedIds([['custrecord_hwx_ff_tags', 'anyof', ['1']]])).toEqual(['300']);
    expect(feedIds([['custrecord_hwx_ff_tags', 'anyof', ['2']]])).toEqual(['300', '301']);
    expect(feedIds([['custrecord_hwx_ff_tags', 'allof', ['1', '2']]])).toEqual(['300']);
  });
  test('noneof and notallof', () => {
    expect(feedIds([['custrecord_hwx_ff_tags', 'noneof', ['1']]])).toEqual(['301', '302']);
    expect(feedIds([['custrecord_hwx_ff_tags', 'notallof', ['1', '2']]])).toEqual(['301', '302']);
  });
});

describe('check box operator (is T / F)', () => {
  test("is 'T' and is 'F' (also booleans)", () => {
    expect(itemIds([['isinactive', 'is', 'T']])).toEqual(['32']);
    expect(itemIds([['isinactive', 'is', 'F']])).toEqual(['30', '31']);
    expect(itemIds([['isinactive', 'is', false]])).toEqual(['30', '31']);
  });
  test('a check box takes only is, with T or F', () => {
    expect(errorOf(() => itemIds([['isinactive', 'isnot', 'T']])).name).toBe('SSS_INVALID_SRCH_OPERATOR');
    expect(errorOf(() => itemIds([['isinactive', 'is', 'yes']])).name).toBe('SSS_INVALID_SRCH_FILTER');
  });
});

describe('number operators', () => {
  const rows = (filters: unknown[]): (string | null)[] => feedIds(filters);
  test('equalto, notequalto', () => {
    expect(rows([['custrecord_hwx_ff_rows', 'equalto', 12]])).toEqual(['300']);
    expect(rows([['custrecord_hwx_ff_rows', 'notequalto', '12']])).toEqual(['301']);
  });
  test('greaterthan, greaterthanorequalto, lessthan, lessthanorequalto', () => {
    expect(rows([['custrecord_hwx_ff_rows', 'greaterthan', 3]])).toEqual(['300']);
    expect(rows([['custrecord_hwx_ff_rows', 'greaterthanorequalto', 3]])).toEqual(['300', '301']);
    expect(rows([['custrecord_hwx_ff_rows', 'lessthan', 12]])).toEqual(['301']);
    expect(rows([['custrecord_hwx_ff_rows', 'lessthanorequalto', 12]])).toEqual(['300', '301']);
  });
  test('notgreaterthan, notgreaterthanorequalto, notlessthan, notlessthanorequalto', () => {
    expect(rows([['custrecord_hwx_ff_rows', 'notgreaterthan', 3]])).toEqual(['301']);
    expect(rows([['custrecord_hwx_ff_rows', 'notgreaterthanorequalto', 12]])).toEqual(['301']);
    expect(rows([['custrecord_hwx_ff_rows', 'notlessthan', 12]])).toEqual(['300']);
    expect(rows([['custrecord_hwx_ff_rows', 'notlessthanorequalto', 3]])).toEqual(['300']);
  });
  test('between / notbetween are inclusive; empty values never match a comparison [U]', () => {
    expect(rows([['custrecord_hwx_ff_rows', 'between', 3, 11]])).toEqual(['301']);
    expect(rows([['custrecord_hwx_ff_rows', 'notbetween', 3, 11]])).toEqual(['300']);
  });
  test('isempty / isnotempty; any matches every record', () => {
    expect(rows([['custrecord_hwx_ff_rows', 'any', '']])).toEqual(['300', '301', '302']);
    expect(rows([['custrecord_hwx_ff_rows', 'isempty', '']])).toEqual(['302']);
    expect(rows([['custrecord_hwx_ff_rows', 'isnotempty', '']])).toEqual(['300', '301']);
  });
  test('internalidnumber compares internal ids as numbers (paging by id)', () => {
    expect(itemIds([['internalidnumber', 'greaterthan', 30]])).toEqual(['31', '32']);
  });
  test('a value that is not a number is refused', () => {
    expect(errorOf(() => rows([['custrecord_hwx_ff_rows', 'equalto', 'twelve']])).name).toBe('SSS_INVALID_SRCH_FILTER');
  });
});

describe("date operators (values in the user's date format, Date objects or relative dates)", () => {
  const tx = (filters: unknown[]): (string | null)[] => ids(bed.search.create({ type: 'transaction', filters: [['mainline', 'is', 'T'], 'AND', ...filters], columns: ['tranid'] }));
  test("on / noton use the user's date format (M/D/YYYY)", () => {
    expect(tx([['trandate', 'on', '3/12/2024']])).toEqual(['200']);
    expect(tx([['trandate', 'noton', '3/12/2024']])).toEqual(['100', '101', '102', '103', '201', '202']);
  });
  test('before / after / onorbefore / onorafter', () => {
    expect(tx([['trandate', 'before', '3/1/2024']])).toEqual(['102']);
    expect(tx([['trandate', 'after', '3/13/2024']])).toEqual(['103']);
    expect(tx([['trandate', 'onorbefore', '3/1/2024']])).toEqual(['100', '102']);
    expect(tx([['trandate', 'onorafter', '3/13/2024']])).toEqual(['103', '201']);
  });
  test('notbefore / notafter / notonorbefore / notonorafter', () => {
    expect(tx([['trandate', 'notbefore', '3/13/2024']])).toEqual(['103', '201']);
    expect(tx([['trandate', 'notafter', '3/1/2024']])).toEqual(['100', '102']);
    expect(tx([['trandate', 'notonorbefore', '3/13/2024']])).toEqual(['103']);
    expect(tx([['trandate', 'notonorafter', '3/1/2024']])).toEqual(['102']);
  });
  test('within two dates is inclusive of both days; notwithin is the rest', () => {
    expect(tx([['trandate', 'within', '3/10/2024', '3/12/2024']])).toEqual(['101', '200', '202']);
    expect(tx([['trandate', 'notwithin', '3/2/2024', '3/14/2024']])).toEqual(['100', '102']);
  });
  test('relative dates: within thismonth, on daysago3, onorafter yesterday (today is 3/15/2024)', () => {
    expect(NOW.toISOString()).toBe('2024-03-15T16:00:00.000Z');
    expect(tx([['trandate', 'within', 'thismonth']])).toEqual(['100', '101', '103', '200', '201', '202']);
    expect(tx([['trandate', 'on', 'daysAgo3']])).toEqual(['200']);
    expect(tx([['trandate', 'onorafter', 'yesterday']])).toEqual(['103']);
  });
  test('a Date object is read as its calendar day', () => {
    expect(tx([['trandate', 'on', new Date(2024, 2, 13)]])).toEqual(['201']);
  });
  test("an ISO 'YYYY-MM-DD' string is refused when the user's format is M/D/YYYY", () => {
    const err = errorOf(() => tx([['trandate', 'on', '2024-03-12']]));
    expect(err.name).toBe('SSS_INVALID_SRCH_FILTER');
    expect(err.message).toContain('M/D/YYYY');
  });
  test("the account's date format setting decides how date strings are read", () => {
    bed.account.settings.dateFormat = 'DD.MM.YYYY';
    expect(tx([['trandate', 'on', '12.03.2024']])).toEqual(['200']);
  });
  test('isempty / isnotempty on a date field', () => {
    expect(feedIds([['custrecord_hwx_ff_date', 'isempty', '']])).toEqual(['302']);
    expect(feedIds([['custrecord_hwx_ff_date', 'isnotempty', '']])).toEqual(['300', '301']);
  });
  test('a number operator on a date field is refused', () => {
    expect(errorOf(() => tx([['trandate', 'equalto', '3/12/2024']])).name).toBe('SSS_INVALID_SRCH_OPERATOR');
  });
  test("date/time fields: a date value covers the whole day in the account's time zone; a time narrows it", () => {
    // PO102 was modified 2024-02-16T04:00Z = 2/15/2024 11:00 pm in New York.
    expect(tx([['lastmodifieddate', 'on', '2/15/2024']])).toEqual(['102']);
    expect(tx([['lastmodifieddate', 'onorafter', '2/15/2024 10:00 pm'], 'AND', ['lastmodifieddate', 'before', '3/1/2024']])).toEqual(['102']);
    expect(tx([['lastmodifieddate', 'after', '2/15/2024 11:30 pm'], 'AND', ['type', 'anyof', 'PurchOrd']])).toEqual(['100', '101', '103']);
  });
});

describe('operators and expressions: syntax', () => {
  test('an unknown operator is refused by search.create (SSS_INVALID_SRCH_OPERATOR)', () => {
    const err = errorOf(() => bed.search.create({ type: 'inventoryitem', filters: [['itemid', 'like', 'x']] }));
    expect(err.name).toBe('SSS_INVALID_SRCH_OPERATOR');
    expect(err.message).toContain('like');
  });
  test('Operator constants are the lower-case operator names', () => {
    expect(bed.search.Operator.ANYOF).toBe('anyof');
    expect(bed.search.Operator.ONORAFTER).toBe('onorafter');
    expect(bed.search.Operator.NOTALLOF).toBe('notallof');
  });
  test('OR between filters', () => {
    expect(itemIds([['itemid', 'is', 'SKU-RED'], 'OR', ['itemid', 'is', 'SKU-OLD']])).toEqual(['30', '32']);
  });
  test('AND binds tighter than OR', () => {
    expect(itemIds([['itemid', 'is', 'SKU-RED'], 'OR', ['itemid', 'is', 'SKU-OLD'], 'AND', ['isinactive', 'is', 'F']])).toEqual(['30']);
  });
  test('nested expressions group like parentheses', () => {
    expect(itemIds([[['itemid', 'is', 'SKU-RED'], 'OR', ['itemid', 'is', 'SKU-OLD']], 'AND', ['isinactive', 'is', 'T']])).toEqual(['32']);
  });
  test('NOT negates the filter or nested expression after it', () => {
    expect(itemIds(['NOT', ['itemid', 'is', 'SKU-RED']])).toEqual(['31', '32']);
    expect(itemIds([['isinactive', 'is', 'F'], 'AND', 'NOT', [['itemid', 'is', 'SKU-RED'], 'or', ['itemid', 'is', 'SKU-BLUE']]])).toEqual([]);
  });
  test('conjunctions are case-insensitive', () => {
    expect(itemIds([['itemid', 'is', 'SKU-RED'], 'or', ['itemid', 'is', 'SKU-BLUE']])).toEqual(['30', '31']);
  });
  test('two filters without a conjunction are a malformed expression (SSS_INVALID_SRCH_FILTER_EXPR)', () => {
    expect(errorOf(() => bed.search.create({ type: 'inventoryitem', filters: [['itemid', 'is', 'a'], ['itemid', 'is', 'b']] })).name).toBe('SSS_INVALID_SRCH_FILTER_EXPR');
    expect(errorOf(() => bed.search.create({ type: 'inventoryitem', filters: [['itemid', 'is', 'a'], 'AND'] })).name).toBe('SSS_INVALID_SRCH_FILTER_EXPR');
  });
  test('Filter objects from createFilter are joined with AND, with join on the Filter', () => {
    const s = bed.search.create({
      type: 'purchaseorder',
      filters: [
        bed.search.createFilter({ name: 'mainline', operator: bed.search.Operator.IS, values: 'F' }),
        bed.search.createFilter({ name: 'itemid', join: 'item', operator: bed.search.Operator.IS, values: 'SKU-BLUE' }),
      ],
      columns: ['line'],
    });
    expect(
      s
        .run()
        .getRange({ start: 0, end: 10 })
        .map((r) => `${r.id ?? ''}/${String(r.getValue('line'))}`),
    ).toEqual(['100/2', '101/2', '103/1']);
  });
  test('createFilter needs a name and a known operator', () => {
    expect(errorOf(() => bed.search.createFilter({ operator: 'is', values: 'x' })).name).toBe('SSS_MISSING_REQD_ARGUMENT');
    expect(errorOf(() => bed.search.createFilter({ name: 'itemid', operator: 'equals', values: 'x' })).name).toBe('SSS_INVALID_SRCH_OPERATOR');
  });
});

describe('formula filters', () => {
  test('formulanumeric: {quantity} - {quantityreceived} greaterthan 0 finds open PO lines', () => {
    const s = bed.search.create({
      type: 'purchaseorder',
      filters: [['mainline', 'is', 'F'], 'AND', ['formulanumeric: {quantity} - {quantityreceived}', 'greaterthan', 0]],
      columns: ['tranid', 'line'],
    });
    expect(
      s
        .run()
        .getRange({ start: 0, end: 10 })
        .map((r) => `${String(r.getValue('tranid'))}/${String(r.getValue('line'))}`),
    ).toEqual(['PO100/1', 'PO100/2', 'PO101/1', 'PO101/2', 'PO103/1']);
  });
  test('formulatext on a Filter object (list fields give their text in formulas)', () => {
    const f = bed.search.createFilter({ name: 'formulatext', formula: "{item} || '@' || {location}", operator: 'is', values: 'SKU-RED@Store Soho' });
    const s = bed.search.create({ type: 'transaction', filters: [f], columns: ['tranid'] });
    expect(ids(s)).toEqual(['101', '200', '202']);
  });
  test('an unsupported formula is refused, naming it', () => {
    const err = errorOf(() => ids(bed.search.create({ type: 'transaction', filters: [['formulanumeric: CASE WHEN {quantity} > 1 THEN 1 END', 'equalto', 1]] })));
    expect(err.name).toBe('SSS_INVALID_SRCH_FILTER');
    expect(err.message).toContain('CASE');
  });
});
