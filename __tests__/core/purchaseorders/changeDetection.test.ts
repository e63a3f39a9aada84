import { MAX_IDS_PER_READ, OVERLAP_MINUTES, planRead, signatureHash, type PoSignature } from '../../../src/TypeScripts/hotwax_inventory/core/purchaseorders/changeDetection';
import { emptyExportState, type PoExportState } from '../../../src/TypeScripts/hotwax_inventory/core/purchaseorders/exportState';

const sig: PoSignature = { poId: '7', lines: '2', quantity: '14', received: '0', lastModified: '11/23/2026 9:12 am' };
const now = new Date('2026-11-23T11:00:00.000Z');
const state = (extra: Partial<PoExportState> = {}): PoExportState => ({
  ...emptyExportState(),
  readFrom: '2026-11-23T10:00:00.000Z',
  fullReadAt: '2026-11-23T01:00:00.000Z',
  sigs: { '7': signatureHash(sig), '8': '8888888888888888' },
  ...extra,
});
const options = { fullReadEveryHours: 24 };

describe('signatureHash', () => {
  it.each([
    ['a line added or closed', { lines: '3' }],
    ['a quantity changed', { quantity: '15' }],
    ['a receipt', { received: '4' }],
    ['a save in another minute', { lastModified: '11/23/2026 9:13 am' }],
  ])('changes with %s', (_label, change) => {
    expect(signatureHash({ ...sig, ...change })).not.toBe(signatureHash(sig));
  });
  it('is the same for the same summary row, whatever the PO id', () => {
    expect(signatureHash({ ...sig, poId: '99' })).toBe(signatureHash(sig));
  });
});

describe('planRead', () => {
  it('reads only the POs whose signature is new or different, plus those modified since the previous read less the overlap', () => {
    const sigs = new Map([
      ['7', signatureHash(sig)],
      ['8', '0000000000000000'],
      ['12', '1212121212121212'],
      ['10', '1010101010101010'],
    ]);
    const plan = planRead(state(), undefined, sigs, now, options);
    expect(plan).toEqual({ mode: 'changed', modifiedSince: new Date(Date.parse('2026-11-23T10:00:00.000Z') - OVERLAP_MINUTES * 60_000), poIds: ['8', '10', '12'] });
  });

  it('reads every line without a usable state, without an earlier read, or when it is time for the periodic full read', () => {
    const sigs = new Map([['7', signatureHash(sig)]]);
    expect(planRead(state(), 'the export state is not JSON', sigs, now, options)).toMatchObject({ mode: 'full' });
    expect(planRead(state({ readFrom: '' }), undefined, sigs, now, options)).toMatchObject({ mode: 'full', reason: /no earlier read/ });
    expect(planRead(state({ fullReadAt: '' }), undefined, sigs, now, options)).toMatchObject({ mode: 'full', reason: /periodic/ });
    expect(planRead(state({ fullReadAt: '2026-11-22T11:00:00.000Z' }), undefined, sigs, now, options)).toMatchObject({ mode: 'full', reason: /every 24 h/ });
    expect(planRead(state({ fullReadAt: '2026-11-22T11:00:01.000Z' }), undefined, sigs, now, options)).toMatchObject({ mode: 'changed' });
    expect(planRead(state(), undefined, sigs, now, { fullReadEveryHours: 0 })).toMatchObject({ mode: 'full', reason: /every run/ });
  });

  it('reads every line rather than list more than MAX_IDS_PER_READ POs in a filter', () => {
    const many = new Map(Array.from({ length: MAX_IDS_PER_READ + 1 }, (_, i) => [String(100 + i), 'abababababababab']));
    expect(planRead(state(), undefined, many, now, options)).toMatchObject({ mode: 'full', reason: /1001 POs/ });
    const limit = new Map([...many].slice(0, MAX_IDS_PER_READ));
    expect(planRead(state(), undefined, limit, now, options)).toMatchObject({ mode: 'changed' });
  });
});
