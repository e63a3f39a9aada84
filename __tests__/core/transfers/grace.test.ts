import { cutoffDate, dueWriteOffs, graceExternalId } from '../../../src/TypeScripts/hotwax_inventory/core/transfers/grace';

describe('write-off grace period: which fulfillments are due', () => {
  it('counts calendar days back across month and year ends', () => {
    expect(cutoffDate('2026-03-02', 7)).toBe('2026-02-23');
    expect(cutoffDate('2027-01-03', 7)).toBe('2026-12-27');
    expect(cutoffDate('2026-12-04', 0)).toBe('2026-12-04');
  });

  it('is due on the day the last receipt is exactly the grace period old, not the day before', () => {
    const receipts = [{ to: '10', date: '2026-11-27', shipmentId: 'S1' }];
    const fulfillments = [{ id: '20', to: '10', date: '2026-11-25' }];
    expect(dueWriteOffs(receipts, fulfillments, '2026-12-03', 7)).toEqual([]);
    expect(dueWriteOffs(receipts, fulfillments, '2026-12-04', 7)).toEqual([{ fulfillment: '20', to: '10', shipmentId: 'S1', lastReceipt: '2026-11-27' }]);
  });

  it('counts from the last receipt of the transfer order: a later receipt starts the period again', () => {
    const receipts = [
      { to: '10', date: '2026-11-01', shipmentId: 'S1' },
      { to: '10', date: '2026-12-01', shipmentId: 'S2' },
    ];
    expect(dueWriteOffs(receipts, [{ id: '20', to: '10', date: '2026-10-30' }], '2026-12-04', 7)).toEqual([]);
  });

  it('never writes off a fulfillment shipped after the last receipt (it was not received at all), nor a TO without a HotWax receipt', () => {
    const receipts = [{ to: '10', date: '2026-11-01', shipmentId: '' }];
    const fulfillments = [
      { id: '20', to: '10', date: '2026-10-30' },
      { id: '21', to: '10', date: '2026-11-02' },
      { id: '30', to: '11', date: '2026-10-01' },
    ];
    expect(dueWriteOffs(receipts, fulfillments, '2026-12-04', 7).map((d) => d.fulfillment)).toEqual(['20']);
  });

  it('one External ID per fulfillment for the receipt of the remainder and for its write-off', () => {
    expect(graceExternalId('receipt', '20')).toBe('HWX-TOGR-20');
    expect(graceExternalId('writeoff', '20')).toBe('HWX-TOGA-20');
  });
});
