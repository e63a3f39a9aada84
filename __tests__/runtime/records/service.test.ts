import { computePurchaseOrderStatus, createRecord, deleteRecord, updateRecord } from '../../../runtime/records/service';
import type { StoredLine } from '../../../runtime/account/types';
import { adjustment, cleanup, IDS, makeContext, thrown, type TestContext } from './testAccount';

const S = (n: number): string => String(n);

describe('record service: validation', () => {
  let ctx: TestContext;
  beforeEach(() => {
    ctx = makeContext();
  });
  afterEach(() => cleanup(ctx));

  const line = (extra: StoredLine = {}): StoredLine => ({ item: S(IDS.sku1), location: S(IDS.storeA), adjustqtyby: 2, ...extra });

  test('an inventory adjustment without its account fails with "Please enter value(s) for" (NETSUITE.md 4.1: account required)', () => {
    const err = thrown(() => createRecord(ctx.env, 'inventoryadjustment', adjustment({ account: null }), { inventory: [line()] }));
    expect(err).toEqual({ name: 'USER_ERROR', message: 'Please enter value(s) for: Adjustment Account' });
  });

  test('subsidiary is required only when the SUBSIDIARIES feature is on (NETSUITE.md 4.1: required in OneWorld accounts)', () => {
    expect(thrown(() => createRecord(ctx.env, 'inventoryadjustment', adjustment({ subsidiary: null }), { inventory: [line()] })).message).toBe(
      'Please enter value(s) for: Subsidiary',
    );
    ctx.account.settings.features = ctx.account.settings.features.filter((f) => f !== 'SUBSIDIARIES');
    expect(createRecord(ctx.env, 'inventoryadjustment', adjustment({ subsidiary: null }), { inventory: [line()] }).id).toBeGreaterThan(0);
  });

  test('a line location is required with Multi-Location Inventory, and the Adjustment Location fills it (NETSUITE.md 4.1)', () => {
    const err = thrown(() => createRecord(ctx.env, 'inventoryadjustment', adjustment({ adjlocation: null }), { inventory: [line({ location: null })] }));
    expect(err.message).toBe('Please enter value(s) for: Location');
    const saved = createRecord(ctx.env, 'inventoryadjustment', adjustment(), { inventory: [line({ location: null })] });
    expect(saved.sublists.inventory?.[0]?.location).toBe(S(IDS.storeA));
  });

  test('an adjustment line needs an item and a non-zero quantity (NETSUITE.md 4.1: adjustqtyby is a signed change)', () => {
    expect(thrown(() => createRecord(ctx.env, 'inventoryadjustment', adjustment(), { inventory: [line({ item: null, adjustqtyby: 0 })] })).message).toBe(
      'Please enter value(s) for: Item, Adjust Qty. By',
    );
  });

  test('a transaction without lines is refused (NETSUITE.md 4.4: a line is required)', () => {
    expect(thrown(() => createRecord(ctx.env, 'inventoryadjustment', adjustment(), { inventory: [] }))).toEqual({
      name: 'USER_ERROR',
      message: 'You must enter at least one line item for this transaction.',
    });
  });

  test('a select value must reference an existing record: INVALID_KEY_OR_REF "Invalid location reference key 99."', () => {
    expect(thrown(() => createRecord(ctx.env, 'inventoryadjustment', adjustment(), { inventory: [line({ location: '99' })] }))).toEqual({
      name: 'INVALID_KEY_OR_REF',
      message: 'Invalid location reference key 99.',
    });
    expect(thrown(() => createRecord(ctx.env, 'inventoryadjustment', adjustment(), { inventory: [line({ item: S(IDS.storeA) })] })).message).toBe(
      `Invalid item reference key ${IDS.storeA}.`,
    );
  });

  test('an inactive location cannot be used on a new transaction, but an existing one keeps it (NETSUITE.md 4.5: isinactive)', () => {
    const err = thrown(() => createRecord(ctx.env, 'inventoryadjustment', adjustment(), { inventory: [line({ location: S(IDS.inactiveStore) })] }));
    expect(err.name).toBe('INVALID_KEY_OR_REF');
    expect(err.message).toContain(`Invalid location reference key ${IDS.inactiveStore}`);
    const saved = createRecord(ctx.env, 'inventoryadjustment', adjustment(), { inventory: [line({ location: S(IDS.damaged) })] });
    const damaged = ctx.account.getRecord('location', IDS.damaged);
    if (damaged) damaged.fields.isinactive = true;
    const edited = structuredClone(saved);
    edited.fields.memo = 'still fine';
    expect(updateRecord(ctx.env, edited).fields.memo).toBe('still fine');
  });

  test("a location of another subsidiary is refused on a transaction (NETSUITE.md 4.2: locations belong to the transaction's subsidiary)", () => {
    const err = thrown(() => createRecord(ctx.env, 'inventoryadjustment', adjustment(), { inventory: [line({ location: S(IDS.foreignStore) })] }));
    expect(err).toEqual({ name: 'INVALID_KEY_OR_REF', message: `Invalid location reference key ${IDS.foreignStore} for subsidiary ${IDS.subsidiary}.` });
  });

  test('external ids are unique per record type: DUP_RCRD (NETSUITE.md 2.3)', () => {
    createRecord(ctx.env, 'inventoryadjustment', adjustment({ externalid: 'ADJ-1' }), { inventory: [line()] });
    expect(thrown(() => createRecord(ctx.env, 'inventoryadjustment', adjustment({ externalid: 'ADJ-1' }), { inventory: [line()] }))).toEqual({
      name: 'DUP_RCRD',
      message: 'A record with this external ID already exists.',
    });
    expect(ctx.account.onHand(S(IDS.sku1), S(IDS.storeA))).toBe(22);
  });

  test("trandate defaults to today in the account's time zone (NETSUITE.md 4.1)", () => {
    const saved = createRecord(ctx.env, 'inventoryadjustment', adjustment(), { inventory: [line()] });
    expect(saved.fields.trandate).toBe('2024-02-29');
    expect(saved.sublists.inventory?.[0]?.line).toBe('1');
  });

  test('an unknown standard field is stored as given; a custom field is accepted on any record', () => {
    const saved = createRecord(ctx.env, 'inventoryadjustment', adjustment({ someunknownfield: 'x', custbody_anything: 'y' }), { inventory: [line({ custcol_note: 'z' })] });
    expect(saved.fields.someunknownfield).toBe('x');
    expect(saved.fields.custbody_anything).toBe('y');
    expect(saved.sublists.inventory?.[0]?.custcol_note).toBe('z');
  });

  test('custom record fields follow the SDF definition: a mandatory custom field is required unless ignoreMandatoryFields (NETSUITE.md 5: save options)', () => {
    expect(thrown(() => createRecord(ctx.env, 'customrecord_test_log', { name: 'run' }))).toEqual({ name: 'USER_ERROR', message: 'Please enter value(s) for: Flow' });
    expect(createRecord(ctx.env, 'customrecord_test_log', { name: 'run' }, {}, { ignoreMandatoryFields: true }).fields.name).toBe('run');
    expect(thrown(() => createRecord(ctx.env, 'customrecord_test_log', { custrecord_test_flow: 'x', custrecord_test_rows: 'many' })).name).toBe('INVALID_FLD_VALUE');
    // ignoreMandatoryFields does not lift system requirements.
    expect(thrown(() => createRecord(ctx.env, 'inventoryadjustment', adjustment({ account: null }), { inventory: [line()] }, { ignoreMandatoryFields: true })).name).toBe(
      'USER_ERROR',
    );
  });

  test('a custom record type the project does not define is INVALID_RCRD_TYPE', () => {
    expect(thrown(() => createRecord(ctx.env, 'customrecord_nope', { name: 'x' }))).toEqual({ name: 'INVALID_RCRD_TYPE', message: 'The record type [customrecord_nope] is invalid.' });
  });

  test('a record other transactions depend on cannot be deleted', () => {
    createRecord(ctx.env, 'inventoryadjustment', adjustment(), { inventory: [line()] });
    expect(thrown(() => deleteRecord(ctx.env, 'location', IDS.storeA)).name).toBe('THIS_RECORD_CANNOT_BE_DELETED_BECAUSE_IT_HAS_DEPENDENT_RECORDS');
  });
});

describe('record service: inventory effects', () => {
  let ctx: TestContext;
  beforeEach(() => {
    ctx = makeContext();
  });
  afterEach(() => cleanup(ctx));

  test('saving an adjustment applies each line delta at its location; deleting it reverses them (NETSUITE.md 4.1 Emulator)', () => {
    const saved = createRecord(ctx.env, 'inventoryadjustment', adjustment(), {
      inventory: [
        { item: S(IDS.sku1), location: S(IDS.storeA), adjustqtyby: -5 },
        { item: S(IDS.sku2), location: S(IDS.warehouse), adjustqtyby: 7 },
      ],
    });
    expect(ctx.account.onHand(S(IDS.sku1), S(IDS.storeA))).toBe(15);
    expect(ctx.account.onHand(S(IDS.sku2), S(IDS.warehouse))).toBe(7);
    expect(ctx.journal.created.get('inventoryadjustment')).toEqual([saved.id]);
    deleteRecord(ctx.env, 'inventoryadjustment', saved.id);
    expect(ctx.account.onHand(S(IDS.sku1), S(IDS.storeA))).toBe(20);
    expect(ctx.account.onHand(S(IDS.sku2), S(IDS.warehouse))).toBe(0);
    expect(ctx.journal.deleted.get('inventoryadjustment')).toEqual([saved.id]);
  });

  test('updating an adjustment reverses the old lines and applies the new ones', () => {
    const saved = createRecord(ctx.env, 'inventoryadjustment', adjustment(), { inventory: [{ item: S(IDS.sku1), location: S(IDS.storeA), adjustqtyby: -5 }] });
    const edited = structuredClone(saved);
    const first = edited.sublists.inventory?.[0];
    if (first) first.adjustqtyby = -8;
    updateRecord(ctx.env, edited);
    expect(ctx.account.onHand(S(IDS.sku1), S(IDS.storeA))).toBe(12);
    expect(ctx.journal.updated.get('inventoryadjustment')).toBeUndefined(); // created in this run: reported as created
  });

  test('a transfer moves stock from location to transferlocation in one step (NETSUITE.md 4.2)', () => {
    const saved = createRecord(
      ctx.env,
      'inventorytransfer',
      { subsidiary: S(IDS.subsidiary), location: S(IDS.storeA), transferlocation: S(IDS.damaged) },
      { inventory: [{ item: S(IDS.sku1), adjustqtyby: 5 }] },
    );
    expect(ctx.account.onHand(S(IDS.sku1), S(IDS.storeA))).toBe(15);
    expect(ctx.account.onHand(S(IDS.sku1), S(IDS.damaged))).toBe(5);
    deleteRecord(ctx.env, 'inventorytransfer', saved.id);
    expect(ctx.account.onHand(S(IDS.sku1), S(IDS.storeA))).toBe(20);
    expect(ctx.account.onHand(S(IDS.sku1), S(IDS.damaged))).toBe(0);
  });

  test('a transfer needs two different locations and a positive quantity (NETSUITE.md 4.2)', () => {
    const body = { subsidiary: S(IDS.subsidiary), location: S(IDS.storeA), transferlocation: S(IDS.storeA) };
    expect(thrown(() => createRecord(ctx.env, 'inventorytransfer', body, { inventory: [{ item: S(IDS.sku1), adjustqtyby: 1 }] })).name).toBe('USER_ERROR');
    const ok = { ...body, transferlocation: S(IDS.damaged) };
    expect(thrown(() => createRecord(ctx.env, 'inventorytransfer', ok, { inventory: [{ item: S(IDS.sku1), adjustqtyby: -1 }] })).name).toBe('INVALID_FLD_VALUE');
    expect(thrown(() => createRecord(ctx.env, 'inventorytransfer', { subsidiary: S(IDS.subsidiary) }, { inventory: [{ item: S(IDS.sku1), adjustqtyby: 1 }] })).message).toBe(
      'Please enter value(s) for: From Location, To Location',
    );
  });

  test('a new purchase order gets line ids 1..n, amounts and status pendingReceipt (NETSUITE.md 4.3)', () => {
    const saved = createRecord(ctx.env, 'purchaseorder', { entity: S(IDS.vendor), subsidiary: S(IDS.subsidiary), location: S(IDS.warehouse) }, {
      item: [
        { item: S(IDS.sku1), quantity: 4, rate: 2.5 },
        { item: S(IDS.sku2), quantity: 1, rate: 3 },
      ],
    });
    expect(saved.fields.statusref).toBe('pendingReceipt');
    expect(saved.sublists.item?.map((l) => [l.line, l.amount, l.location, l.quantityreceived])).toEqual([
      ['1', 10, S(IDS.warehouse), 0],
      ['2', 3, S(IDS.warehouse), 0],
    ]);
    expect(thrown(() => createRecord(ctx.env, 'purchaseorder', { subsidiary: S(IDS.subsidiary) }, { item: [{ item: S(IDS.sku1), quantity: 1 }] })).message).toBe(
      'Please enter value(s) for: Vendor, Rate',
    );
  });
});

describe('computePurchaseOrderStatus (NETSUITE.md 4.3 transitions)', () => {
  const po = (lines: StoredLine[], fields = {}): { fields: Record<string, string>; sublists: { item: StoredLine[] } } => ({ fields, sublists: { item: lines } });
  const l = (quantity: number, quantityreceived: number, quantitybilled = 0, isclosed = false): StoredLine => ({ quantity, quantityreceived, quantitybilled, isclosed });

  test.each([
    ['nothing received -> pendingReceipt (B)', [l(10, 0), l(5, 0)], 'pendingReceipt'],
    ['partly received, receipts not billed -> pendingBillPartReceived (E)', [l(10, 10), l(5, 0)], 'pendingBillPartReceived'],
    ['partly received, receipts billed -> partiallyReceived (D)', [l(10, 10, 10), l(5, 0)], 'partiallyReceived'],
    ['fully received, not billed -> pendingBilling (F)', [l(10, 10), l(5, 5)], 'pendingBilling'],
    ['fully received and billed -> fullyBilled (G)', [l(10, 10, 10), l(5, 5, 5)], 'fullyBilled'],
    ['closed lines are ignored: the open line fully received -> pendingBilling (F)', [l(10, 10), l(5, 0, 0, true)], 'pendingBilling'],
    ['every line closed -> closed (H)', [l(10, 0, 0, true), l(5, 0, 0, true)], 'closed'],
  ])('%s', (_name, lines, expected) => {
    expect(computePurchaseOrderStatus(po(lines))).toBe(expected);
  });

  test('approvalstatus 1 -> pendingSupApproval (A)', () => {
    expect(computePurchaseOrderStatus(po([l(1, 0)], { approvalstatus: '1' }))).toBe('pendingSupApproval');
  });
});
