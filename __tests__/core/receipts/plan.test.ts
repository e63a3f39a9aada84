import type { ReceiptEntry } from '../../../src/TypeScripts/hotwax_inventory/core/receipts/feed';
import { nothingNew, planReceipt, receivableView, skuMatches, type PlanOptions, type PurchaseOrderSnapshot } from '../../../src/TypeScripts/hotwax_inventory/core/receipts/plan';

const po = (over: Partial<PurchaseOrderSnapshot> = {}): PurchaseOrderSnapshot => ({
  id: '9001',
  tranId: 'PO9001',
  status: 'pendingReceipt',
  lines: [
    { lineId: '1', itemId: '3412', itemName: 'WJ08-XS-Orange', quantity: 10, received: 0, location: '254', closed: false },
    { lineId: '2', itemId: '3413', itemName: 'MH09-XS-Blue', quantity: 5, received: 3, location: '254', closed: false },
    { lineId: '3', itemId: '3414', itemName: 'WJ03-L-Red', quantity: 4, received: 0, location: '255', closed: true },
    { lineId: '4', itemId: '3415', itemName: 'Tees : MS11-S-Black', quantity: 2, received: 2, location: '255', closed: false },
    { lineId: '5', itemId: '3416', itemName: 'MS11-M-Black', quantity: 2, received: 0, location: '', closed: false },
  ],
  ...over,
});

const entry = (lines: [string, number][], over: Partial<ReceiptEntry> = {}): ReceiptEntry => ({
  index: 0,
  shape: 'documented',
  poId: '9001',
  hotwaxOrderId: '',
  lines: lines.map(([lineId, quantity]) => ({ lineId, quantity, receipts: [] })),
  ...over,
});

const options: PlanOptions = { allowOverage: false, postedReceiptIds: new Set(), overageParameter: 'custscript_hwx_rc_allow_overage' };

const problems = (plan: ReturnType<typeof planReceipt>): string[] => (plan.kind === 'reject' ? plan.problems.map((p) => `${p.lineId}|${p.problem}`) : []);

describe('planReceipt', () => {
  it('receives exactly the listed lines with the listed quantities at each line location', () => {
    expect(planReceipt(entry([['1', 4], ['2', 2]]), po(), options)).toEqual({
      kind: 'receive',
      byHand: [],
      lines: [
        { lineId: '1', itemId: '3412', quantity: 4, location: '254', receiptIds: [], overage: 0 },
        { lineId: '2', itemId: '3413', quantity: 2, location: '254', receiptIds: [], overage: 0 },
      ],
    });
  });

  it.each(['pendingReceipt', 'partiallyReceived', 'pendingBillPartReceived'])('receives from a PO in status %s', (status) => {
    expect(planReceipt(entry([['1', 1]]), po({ status }), options).kind).toBe('receive');
  });

  it.each([
    ['pendingBilling', /is Pending Bill: it cannot be received\. Everything on it was received already\./],
    ['fullyBilled', /is Fully Billed/],
    ['closed', /is Closed: it cannot be received/],
    ['pendingSupApproval', /is Pending Supervisor Approval/],
    ['rejected', /is Rejected by Supervisor/],
  ])('refuses a PO in status %s', (status, message) => {
    const plan = planReceipt(entry([['1', 1]]), po({ status }), options);
    expect(plan.kind).toBe('reject');
    expect(problems(plan).join()).toMatch(message);
  });

  it('refuses an unknown PO', () => {
    expect(problems(planReceipt(entry([['1', 1]]), null, options))).toEqual(['|Purchase order 9001 does not exist in NetSuite.']);
  });

  it('refuses the whole entry when one line is unknown, closed, fully received, without location or over what remains', () => {
    const plan = planReceipt(entry([['1', 4], ['9', 1], ['3', 1], ['4', 1], ['5', 1], ['2', 3]]), po(), options);
    expect(problems(plan)).toEqual([
      '9|Line 9 does not exist on purchase order PO9001 (its lines are 1, 2, 3, 4, 5).',
      '3|Line 3 (WJ03-L-Red) of purchase order PO9001 is closed.',
      '4|Line 4 (Tees : MS11-S-Black) of purchase order PO9001 is fully received already (ordered 2, received 2); 1 more cannot be received.',
      '5|Line 5 (MS11-M-Black) of purchase order PO9001 has no location, so NetSuite cannot tell where the stock arrived.',
      '2|Line 2 (MH09-XS-Blue) of purchase order PO9001: 3 received but only 2 remain (ordered 5, received before 3).',
    ]);
    if (plan.kind === 'reject') expect(plan.problems[4]?.action).toContain('custscript_hwx_rc_allow_overage');
  });

  it('plans an over-receipt with its overage when overage is allowed, but never on a fully received line', () => {
    expect(planReceipt(entry([['2', 3]]), po(), { ...options, allowOverage: true })).toEqual({
      kind: 'receive',
      byHand: [],
      lines: [{ lineId: '2', itemId: '3413', quantity: 3, location: '254', receiptIds: [], overage: 1 }],
    });
    expect(planReceipt(entry([['4', 1]]), po(), { ...options, allowOverage: true }).kind).toBe('reject');
  });

  it('checks the SKU of the detailed shape against the line item, matrix names included', () => {
    const detailed = (sku: string): ReceiptEntry => ({ ...entry([]), shape: 'detailed', lines: [{ lineId: '1', quantity: 1, sku, receipts: [{ receiptId: 'R1', quantity: 1 }] }] });
    expect(planReceipt(detailed('wj08-xs-orange'), po(), options).kind).toBe('receive');
    expect(problems(planReceipt(detailed('MS11-S-Black'), po(), options))).toEqual(['1|Line 1 of purchase order PO9001 is item WJ08-XS-Orange, but HotWax received SKU MS11-S-Black.']);
    expect(skuMatches('MS11-S-Black', 'Tees : MS11-S-Black')).toBe(true);
    expect(skuMatches('Tees', 'Tees : MS11-S-Black')).toBe(false);
  });

  it('leaves out shipment receipts already on an item receipt, and says when nothing new is left', () => {
    const detailed: ReceiptEntry = {
      ...entry([]),
      shape: 'detailed',
      lines: [
        { lineId: '1', quantity: 5, receipts: [{ receiptId: 'R1', quantity: 3 }, { receiptId: 'R2', quantity: 2 }] },
        { lineId: '2', quantity: 1, receipts: [{ receiptId: 'R3', quantity: 1 }] },
      ],
    };
    expect(planReceipt(detailed, po(), { ...options, postedReceiptIds: new Set(['R1', 'R3']) })).toEqual({
      kind: 'receive',
      byHand: [],
      lines: [{ lineId: '1', itemId: '3412', quantity: 2, location: '254', receiptIds: ['R2'], overage: 0 }],
    });
    expect(planReceipt(detailed, po(), { ...options, postedReceiptIds: new Set(['R1', 'R2', 'R3']) })).toEqual({ kind: 'nothing-new' });
  });
});

describe('nothingNew', () => {
  it('is true only when every line has shipment receipts and every one is posted already', () => {
    const detailed = (ids: string[][]): ReceiptEntry => ({ ...entry([]), shape: 'detailed', lines: ids.map((r, i) => ({ lineId: String(i + 1), quantity: r.length, receipts: r.map((receiptId) => ({ receiptId, quantity: 1 })) })) });
    expect(nothingNew(detailed([['R1'], ['R2']]), new Set(['R1', 'R2']))).toBe(true);
    expect(nothingNew(detailed([['R1'], ['R2']]), new Set(['R1']))).toBe(false);
    expect(nothingNew(detailed([['R1', '']]), new Set(['R1']))).toBe(false);
    expect(nothingNew(entry([['1', 1]]), new Set(['R1']))).toBe(false);
    expect(nothingNew(entry([]), new Set())).toBe(false);
  });
});

describe('receivableView (the PO as its transform shows it, NETSUITE.md 4.4)', () => {
  const view = receivableView('9001', [
    { lineId: '1', itemId: '3412', itemName: 'WJ08-XS-Orange', remaining: 6, location: '254' },
    { lineId: '2', itemId: '3413', itemName: 'MH09-XS-Blue', remaining: 2, location: '' },
  ]);

  it('receives up to what remains on an offered line', () => {
    expect(planReceipt(entry([['1', 6]]), view, options)).toEqual({ kind: 'receive', byHand: [], lines: [{ lineId: '1', itemId: '3412', quantity: 6, location: '254', receiptIds: [], overage: 0 }] });
    expect(planReceipt(entry([['1', 7]]), view, { ...options, allowOverage: true })).toEqual({ kind: 'receive', byHand: [], lines: [{ lineId: '1', itemId: '3412', quantity: 7, location: '254', receiptIds: [], overage: 1 }] });
  });

  it('rejects a line the transform does not offer, one above what remains and one without location', () => {
    expect(planReceipt(entry([['3', 1]]), view, options).kind).toBe('reject');
    expect(planReceipt(entry([['1', 7]]), view, options).kind).toBe('reject');
    expect(planReceipt(entry([['2', 1]]), view, options).kind).toBe('reject');
  });
});
