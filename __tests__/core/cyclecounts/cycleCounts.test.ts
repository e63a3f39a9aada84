import { classifyItems, readClassificationCsv, summarizeClasses, writeClassificationCsv, type ItemMovement } from '../../../src/TypeScripts/hotwax_inventory/core/cyclecounts/classify';
import { addDays, dayNumber, periodBounds, weekday } from '../../../src/TypeScripts/hotwax_inventory/core/cyclecounts/days';
import { countFigures, countStatus, expiredLines, matchCountResults, noDifferenceResults, periodStats, type OpenLine } from '../../../src/TypeScripts/hotwax_inventory/core/cyclecounts/history';
import { planDates, selectDueLines, skuOf, writeCountList, type Candidate } from '../../../src/TypeScripts/hotwax_inventory/core/cyclecounts/plan';
import { DEFAULT_POLICY, parseCountDays, resolvePolicy, type AbcClass } from '../../../src/TypeScripts/hotwax_inventory/core/cyclecounts/policy';
import { parseCsvWithLines } from '../../../src/TypeScripts/hotwax_inventory/core/csv';

const item = (itemId: string, quantityOut: number, unitCost: number, onHand = 1): ItemMovement => ({ itemId, itemName: `SKU-${itemId}`, quantityOut, unitCost, onHand });
const cutoffs = { cutoffA: 80, cutoffB: 95 };

describe('ABC classification', () => {
  it('ranks by consumption value; the item crossing a cut-off stays in the higher class', () => {
    const out = classifyItems([item('1', 10, 10), item('2', 100, 8), item('3', 5, 3), item('4', 1, 1), item('5', 0, 50)], cutoffs, new Map());
    // values 800, 100, 15, 1, 0 of 916: 2 A (0 %), 1 B (87.3 % before), 3 C (98.3 %), 4 C, 5 C (no value)
    expect(out.map((c) => [c.itemId, c.abcClass, c.value])).toEqual([
      ['2', 'A', 800],
      ['1', 'B', 100],
      ['3', 'C', 15],
      ['4', 'C', 1],
      ['5', 'C', 0],
    ]);
    expect(summarizeClasses(out).items).toEqual({ A: 1, B: 1, C: 3 });
  });

  it('uses the configured cut-offs, breaks ties by item id, and makes everything C when nothing moved', () => {
    const out = classifyItems([item('20', 1, 1), item('3', 1, 1), item('10', 1, 1), item('4', 1, 1)], { cutoffA: 50, cutoffB: 75 }, new Map());
    expect(out.map((c) => `${c.itemId}${c.abcClass}`)).toEqual(['3A', '4A', '10B', '20C']);
    expect(classifyItems([item('1', 0, 5), item('2', 3, 0)], cutoffs, new Map()).map((c) => c.abcClass)).toEqual(['C', 'C']);
    expect(classifyItems([], cutoffs, new Map())).toEqual([]);
  });

  it('applies overrides over the computed class and keeps both; negative quantities or costs count as 0', () => {
    const out = classifyItems([item('1', 10, 10), item('2', -5, 10), item('3', 5, -1)], cutoffs, new Map<string, AbcClass>([['3', 'A']]));
    expect(out.find((c) => c.itemId === '3')).toMatchObject({ abcClass: 'A', computedClass: 'C', overridden: true });
    expect(out.find((c) => c.itemId === '2')).toMatchObject({ value: 0, abcClass: 'C' });
  });

  it('round-trips the classification file, including names with commas and quotes', () => {
    const out = classifyItems([item('7', 2, 1.25)], cutoffs, new Map());
    out[0]!.itemName = 'GIFT-BOX, "Deluxe"';
    expect(readClassificationCsv(writeClassificationCsv(out))).toEqual(out);
    expect(readClassificationCsv('Item Internal ID,Item,Class\nabc,x,A\n5,y,Z\n')).toEqual([]);
  });
});

describe('count policy', () => {
  it('falls back store -> default -> built-in, field by field, and reports values out of range', () => {
    const { policy, problems } = resolvePolicy({ frequencyA: 14, capacity: 20, countDays: 'Tue' }, { capacity: 5, frequencyB: -3, countDays: '' });
    expect(policy).toMatchObject({ frequencyDays: { A: 14, B: 90, C: 180 }, capacity: 5, countDays: [2], graceDays: 2 });
    expect(problems).toEqual(['store policy: frequencyB -3 is out of range, ignored']);
    expect(resolvePolicy(undefined, undefined).policy).toEqual(DEFAULT_POLICY);
    expect(resolvePolicy({ cutoffA: 90, cutoffB: 70 }, undefined).policy).toMatchObject({ cutoffA: 90, cutoffB: 90 });
  });

  it('reads weekdays in English names or abbreviations and refuses the rest', () => {
    expect(parseCountDays('Mon, wednesday|FRI; sun')).toEqual({ days: [0, 1, 3, 5], problems: [] });
    expect(parseCountDays('Monday Mondays Funday')).toEqual({ days: [1], problems: ['"Mondays" is not a weekday', '"Funday" is not a weekday'] });
    expect(resolvePolicy({ countDays: 'Funday' }, undefined)).toMatchObject({ policy: { countDays: DEFAULT_POLICY.countDays }, problems: ['default policy: count days: "Funday" is not a weekday'] });
  });
});

describe('days', () => {
  it('does calendar arithmetic without time zones and refuses impossible days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(weekday('2026-11-23')).toBe(1);
    expect(periodBounds('2024-02')).toEqual({ first: '2024-02-01', last: '2024-02-29' });
    expect(() => dayNumber('2026-02-30')).toThrow();
    expect(() => dayNumber('11/23/2026')).toThrow();
  });
});

const cand = (itemId: string, abcClass: AbcClass, value: number, onHand = 5, quantityOut = 1): Candidate => ({ itemId, sku: `S${itemId}`, abcClass, value, onHand, quantityOut, unitCost: 1 });
const policy = { ...DEFAULT_POLICY, capacity: 10 };

describe('due list', () => {
  it('never counted first, then most overdue, A before B before C, then value; within capacity', () => {
    const last = new Map([
      ['1', '2026-10-01'], // A, 53 days: 23 overdue
      ['2', '2026-11-01'], // A, 22 days: not due
      ['3', '2026-08-01'], // B, 114 days: 24 overdue
      ['4', '2026-05-27'], // C, 180 days: due today (0 overdue)
    ]);
    const list = selectDueLines([cand('1', 'A', 1), cand('2', 'A', 9), cand('3', 'B', 1), cand('4', 'C', 1), cand('5', 'C', 1), cand('6', 'A', 1), cand('7', 'C', 9)], last, new Set(), policy, '2026-11-23');
    expect(list.map((l) => [l.itemId, l.overdueDays])).toEqual([
      ['6', null],
      ['7', null],
      ['5', null],
      ['3', 24],
      ['1', 23],
      ['4', 0],
    ]);
    expect(selectDueLines([cand('1', 'A', 1), cand('2', 'B', 1), cand('3', 'C', 1)], new Map(), new Set(), { ...policy, capacity: 2 }, '2026-11-23').map((l) => l.itemId)).toEqual(['1', '2']);
  });

  it('leaves out open lines, and items neither stocked nor moved; keeps sold-out items that moved', () => {
    const list = selectDueLines([cand('1', 'A', 1), cand('2', 'A', 1, 0, 0), cand('3', 'A', 1, 0, 4), cand('4', 'A', 1, -2, 0)], new Map(), new Set(['1']), policy, '2026-11-23');
    expect(list.map((l) => l.itemId)).toEqual(['3', '4']);
    expect(selectDueLines([cand('1', 'A', 1)], new Map(), new Set(), { ...policy, capacity: 0 }, '2026-11-23')).toEqual([]);
  });

  it('plans only for count days, lead time ahead, and expires after the grace period', () => {
    const p = { ...DEFAULT_POLICY, countDays: [3], leadDays: 2, graceDays: 1 };
    expect(planDates('2026-11-23', p)).toEqual({ plannedOn: '2026-11-23', countDate: '2026-11-25', expiresAfter: '2026-11-26' });
    expect(planDates('2026-11-24', p)).toBeUndefined();
  });

  it('writes HotWax draft count rows with standard quoting', () => {
    const csv = writeCountList('254', { plannedOn: '2026-11-23', countDate: '2026-11-23', expiresAfter: '2026-11-25' }, [{ sku: 'GIFT-BOX, "Deluxe"' }, { sku: skuOf('MATRIX : TEE-M') }]);
    const parsed = parseCsvWithLines(csv);
    expect(parsed.headers).toEqual(['countImportName', 'purposeType', 'statusId', 'idValue', 'idType', 'estimatedStartDate', 'estimatedCompletionDate', 'externalFacilityId']);
    expect(parsed.records.map((r) => r.cells[3])).toEqual(['GIFT-BOX, "Deluxe"', 'TEE-M']);
    expect(parsed.records[0]?.cells).toEqual(['NS-CC-254-20261123', 'DIRECTED_COUNT', 'CYCLE_CNT_CREATED', 'GIFT-BOX, "Deluxe"', 'SKU', '2026-11-23', '2026-11-23', '254']);
  });
});

const open = (lineId: string, itemId: string, extra: Partial<OpenLine> = {}): OpenLine => ({ lineId, countId: 'C1', itemId, locationId: '254', abcClass: 'A', unitCost: 2, plannedOn: '2026-11-23', countDate: '2026-11-23', expiresAfter: '2026-11-25', ...extra });

describe('remembering counts', () => {
  it('matches a result to the open line of the same item and store within its window; adds up split rows', () => {
    const lines = [open('L1', '1'), open('L2', '2'), open('L3', '3', { locationId: '255' })];
    const { counted, unmatched } = matchCountResults(lines, [
      { itemId: '1', locationId: '254', day: '2026-11-23', variance: -2, varianceIds: ['V1'] },
      { itemId: '1', locationId: '254', day: '2026-11-24', variance: -1, varianceIds: ['V2'] },
      { itemId: '2', locationId: '254', day: '2026-11-26', variance: 1, varianceIds: ['V3'] }, // after the grace period
      { itemId: '3', locationId: '254', day: '2026-11-23', variance: 1, varianceIds: ['V4'] }, // another store
      { itemId: '9', locationId: '254', day: '2026-11-23', variance: 1, varianceIds: ['V5'] },
    ]);
    expect(counted).toEqual([{ line: lines[0], countedOn: '2026-11-24', variance: -3, varianceIds: ['V1', 'V2'] }]);
    expect(unmatched.map((u) => u.varianceIds[0])).toEqual(['V3', 'V4', 'V5']);
  });

  it('a row with variance 0 means counted, no difference', () => {
    const { counted } = matchCountResults([open('L1', '1')], noDifferenceResults([{ itemId: '1', locationId: '254', day: '2026-11-23' }]));
    expect(counted).toEqual([{ line: open('L1', '1'), countedOn: '2026-11-23', variance: 0, varianceIds: [] }]);
    expect(countFigures(12, 0, 2, 0)).toEqual({ systemic: 12, counted: 12, variance: 0, varianceValue: 0, accurate: true });
  });

  it('records systemic = on hand now - variance, variance value at cost, accurate within tolerance', () => {
    expect(countFigures(18, -2, 10, 0)).toEqual({ systemic: 20, counted: 18, variance: -2, varianceValue: -20, accurate: false });
    expect(countFigures(18, -2, 10, 10).accurate).toBe(true);
    expect(countFigures(0, 0.5, 3, 100).accurate).toBe(true); // systemic -0.5: 100 % of it is 0.5 -> within
    expect(countFigures(0, 0.5, 3, 99).accurate).toBe(false);
  });

  it('expires lines after the grace period and derives the count status from its lines', () => {
    expect(expiredLines([open('L1', '1'), open('L2', '2', { expiresAfter: '2026-11-27' })], '2026-11-26').map((l) => l.lineId)).toEqual(['L1']);
    expect(countStatus(['COUNTED', 'PLANNED'])).toBe('SENT');
    expect(countStatus(['COUNTED', 'COUNTED'])).toBe('COUNTED');
    expect(countStatus(['COUNTED', 'EXPIRED'])).toBe('PARTLY_COUNTED');
    expect(countStatus(['EXPIRED'])).toBe('EXPIRED');
  });

  it('computes planned vs done, coverage and accuracy per class for a month', () => {
    const hist = [
      { itemId: '1', abcClass: 'A' as const, countDate: '2026-11-02', status: 'COUNTED' as const, countedOn: '2026-11-02', accurate: true, varianceValue: 0 },
      { itemId: '2', abcClass: 'A' as const, countDate: '2026-11-09', status: 'COUNTED' as const, countedOn: '2026-11-09', accurate: false, varianceValue: -7.5 },
      { itemId: '3', abcClass: 'A' as const, countDate: '2026-11-16', status: 'EXPIRED' as const, countedOn: null, accurate: false, varianceValue: 0 },
      { itemId: '4', abcClass: 'B' as const, countDate: '2026-10-30', status: 'COUNTED' as const, countedOn: '2026-10-30', accurate: true, varianceValue: 3 },
    ];
    const population = new Map<string, AbcClass>([['1', 'A'], ['2', 'A'], ['3', 'A'], ['5', 'A'], ['4', 'B']]);
    const last = new Map([['1', '2026-11-02'], ['2', '2026-11-09'], ['5', '2026-09-01'], ['4', '2026-10-30']]);
    const [a, b, c] = periodStats('2026-11', '2026-11-23', hist, population, last, DEFAULT_POLICY);
    expect(a).toMatchObject({ planned: 3, counted: 2, expired: 1, accurate: 1, items: 4, coveredItems: 2, coveragePercent: 50, accuracyPercent: 50, varianceValue: -7.5, absVarianceValue: 7.5 });
    expect(b).toMatchObject({ planned: 0, counted: 0, items: 1, coveredItems: 1, coveragePercent: 100, accuracyPercent: null });
    expect(c).toMatchObject({ planned: 0, items: 0, coveragePercent: null, accuracyPercent: null });
  });
});
