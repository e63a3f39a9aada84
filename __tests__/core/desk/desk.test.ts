import { cellKey, buildMatrix, orientTransfer, ratePerThousand, readFilters, storeLines, topItems, weeksBetween, weeklySeries, worstStore, CYCLE_COUNT } from '../../../src/TypeScripts/hotwax_inventory/core/desk/varianceReview';
import { isStuck, mayAct, planReprocess } from '../../../src/TypeScripts/hotwax_inventory/core/desk/health';
import { esc } from '../../../src/TypeScripts/hotwax_inventory/core/desk/html';

describe('variance review figures', () => {
  const vl = new Set(['301', '304']);
  it('orients transfers: to a variance location is a loss at the origin, from one a gain at the target', () => {
    expect(orientTransfer('254', '301', vl)).toEqual({ store: '254', sign: -1 });
    expect(orientTransfer('304', '255', vl)).toEqual({ store: '255', sign: 1 });
  });

  it('builds store x reason cells from adjustments and transfers; no reason is a cycle count', () => {
    const lines = storeLines(
      [{ location: '255', reason: '', units: -3, value: -30, lines: 2 }],
      [
        { from: '254', to: '301', reason: 'Damaged', units: 5, value: 50, lines: 1 },
        { from: '304', to: '254', reason: 'Found', units: 2, value: 20, lines: 1 },
        { from: '255', to: '301', reason: 'Damaged', units: 1, value: 10, lines: 1 },
      ],
      vl,
    );
    const m = buildMatrix(lines, (a, b) => a.localeCompare(b));
    expect(m.cells.get(cellKey('254', 'Damaged'))).toEqual({ units: -5, value: -50, lines: 1 });
    expect(m.cells.get(cellKey('254', 'Found'))).toEqual({ units: 2, value: 20, lines: 1 });
    expect(m.cells.get(cellKey('255', CYCLE_COUNT))?.units).toBe(-3);
    expect(m.reasons.at(-1)).toBe(CYCLE_COUNT);
    expect(worstStore(m, 'Damaged')?.store).toBe('254');
    expect(m.total.lines).toBe(5);
  });

  it('rate per 1,000 on hand; none when the store holds nothing', () => {
    expect(ratePerThousand(-5, 1000)).toBe(5);
    expect(ratePerThousand(-5, 0)).toBeNull();
    expect(ratePerThousand(-5, undefined)).toBeNull();
  });

  it('weeks are Mondays covering the period; series sum per store', () => {
    expect(weeksBetween('2026-11-01', '2026-11-30')).toEqual(['2026-10-26', '2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23', '2026-11-30']);
    expect(weeksBetween('2026-11-30', '2026-11-01')).toEqual([]);
    const s = weeklySeries([{ week: '2026-11-23', store: '254', units: -3, value: -1 }, { week: '2026-11-23', store: '254', units: -1, value: 0 }, { week: '1999-01-04', store: '254', units: 9, value: 9 }], ['2026-11-16', '2026-11-23'], 'units');
    expect(s.get('254')).toEqual([0, -4]);
  });

  it('a period longer than 60 weeks trends its last 60 weeks (the ones ending at "to"), not its first', () => {
    const weeks = weeksBetween('2000-01-01', '2026-11-30');
    expect(weeks).toHaveLength(60);
    expect(weeks.at(-1)).toBe('2026-11-30');
    expect(weeks[0]).toBe('2025-10-13');
    expect(weeksBetween('2025-12-01', '2026-11-30')).toHaveLength(53);
  });

  it('top items: most value lost first, merged across adjustments and transfers', () => {
    expect(topItems([{ item: '1', itemName: 'A', units: -1, value: -5 }, { item: '2', itemName: 'B', units: -1, value: -9 }, { item: '1', itemName: 'A', units: -1, value: -5 }], 1)).toEqual([{ item: '1', itemName: 'A', units: -2, value: -10 }]);
  });

  it('hostile filters fall back to defaults: impossible dates, non-numeric store, long reason', () => {
    const f = readFilters({ from: '2026-02-30', to: '<script>', store: '1 OR 1=1', reason: 'x'.repeat(500), kind: 'bogus', measure: 'x' }, new Date('2026-12-04T00:00:00Z'));
    expect(f).toEqual({ from: '2026-11-01', to: '2026-11-30', store: '', reason: 'x'.repeat(100), kind: 'all', measure: 'units' });
    expect(readFilters({ from: '2026-05-09', to: '2026-05-01' }, new Date()).from).toBe('2026-05-01');
  });
});

describe('integration health rules', () => {
  it('reprocesses only FAILED files that are in a failed/ folder, back to the flow incoming folder', () => {
    expect(planReprocess('FAILED', 'variance:inventorytransfer', 'inventorytransfer/failed/a.csv')).toEqual({ from: 'inventorytransfer/failed/a.csv', to: 'inventorytransfer/csv/a.csv', name: 'a.csv' });
    expect(planReprocess('FAILED', 'receipt:purchaseorder/receipt', 'purchaseorder/receipt/failed/r.json')).toMatchObject({ to: 'purchaseorder/receipt/r.json' });
    expect(planReprocess('ARCHIVED', 'variance:inventorytransfer', 'inventorytransfer/archive/a.csv')).toHaveProperty('refused');
    expect(planReprocess('FAILED', 'variance:inventorytransfer', 'inventorytransfer/csv/a.csv')).toHaveProperty('refused');
    expect(planReprocess('FAILED', 'purchaseorder:export', 'x/failed/a.csv')).toHaveProperty('refused');
    expect(planReprocess('FAILED', 'variance:inventorytransfer', 'inventorytransfer/failed/..')).toHaveProperty('refused');
  });

  it('roles: exact ids from the parameter, case-insensitive; empty list allows nobody', () => {
    expect(mayAct('Administrator', 'administrator, customrole_x')).toBe(true);
    expect(mayAct('customrole_x2', 'customrole_x')).toBe(false);
    expect(mayAct('administrator', '')).toBe(false);
  });

  it('stuck: in flight longer than the limit', () => {
    const now = new Date('2026-12-04T12:00:00Z');
    expect(isStuck('SUBMITTED', '2026-12-04T10:00:00Z', now, 60)).toBe(true);
    expect(isStuck('SUBMITTED', '2026-12-04T11:30:00Z', now, 60)).toBe(false);
    expect(isStuck('FAILED', '2026-12-01T10:00:00Z', now, 60)).toBe(false);
    expect(isStuck('PLANNED', 'garbage', now, 60)).toBe(false);
  });

  it('escapes markup in every text', () => {
    expect(esc('<img src=x onerror="a">&\'')).toBe('&#60;img src=x onerror=&#34;a&#34;&#62;&#38;&#39;');
  });
});
