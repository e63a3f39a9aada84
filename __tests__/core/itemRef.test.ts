import {
  itemIdsToLookUp,
  itemNamesToLookUp,
  parseItemRef,
  resolveItemRefs,
  type ItemInfo,
  type ItemLookup,
  type ItemRef,
} from '../../src/TypeScripts/hotwax_inventory/core/itemRef';

function ref(cell: string): ItemRef {
  const parsed = parseItemRef(cell);
  if (!parsed.ok) throw new Error(`expected ${cell} to parse: ${parsed.problem}`);
  return parsed.ref;
}

function lookupOf(items: ItemInfo[]): ItemLookup {
  const lookup: ItemLookup = { byId: new Map(), byName: new Map() };
  for (const item of items) {
    lookup.byId.set(item.id, item);
    const key = item.name.toLowerCase();
    lookup.byName.set(key, [...(lookup.byName.get(key) ?? []), item]);
  }
  return lookup;
}

describe('parseItemRef', () => {
  it('reads digits only as a NetSuite internal id', () => {
    expect(ref('3412')).toEqual({ kind: 'internalId', id: '3412' });
    expect(ref(' 3412 ')).toEqual({ kind: 'internalId', id: '3412' });
  });

  it("reads 'SKU | Display Name' as the SKU with its display name", () => {
    expect(ref('WJ08-XS-Orange | Adrienne Trek Jacket')).toEqual({ kind: 'name', name: 'WJ08-XS-Orange', displayName: 'Adrienne Trek Jacket' });
  });

  it('splits at the first bar only, so display names may contain bars', () => {
    expect(ref('SKU1|Tee | Blue')).toEqual({ kind: 'name', name: 'SKU1', displayName: 'Tee | Blue' });
  });

  it('reads anything else as a name, trimmed', () => {
    expect(ref('  MH09-XS-Blue ')).toEqual({ kind: 'name', name: 'MH09-XS-Blue' });
    expect(ref('34-12')).toEqual({ kind: 'name', name: '34-12' });
    expect(ref('3412.0')).toEqual({ kind: 'name', name: '3412.0' });
  });

  it('treats an empty display name after the bar as no display name', () => {
    expect(ref('SKU1 | ')).toEqual({ kind: 'name', name: 'SKU1' });
  });

  it('rejects an empty cell and a cell without a SKU before the bar', () => {
    const empty = parseItemRef('   ');
    expect(empty.ok).toBe(false);
    if (!empty.ok) expect(empty.problem).toBe('Item is empty.');
    const noSku = parseItemRef(' | Adrienne Trek Jacket');
    expect(noSku.ok).toBe(false);
    if (!noSku.ok) expect(noSku.problem).toMatch(/no SKU/);
  });
});

describe('items to look up', () => {
  const refs = ['3412', 'A-1 | One', 'a-1', '3412', 'B-2', '77'].map(ref);

  it('lists distinct internal ids in first-seen order', () => {
    expect(itemIdsToLookUp(refs)).toEqual(['3412', '77']);
  });

  it('lists distinct names case-insensitively, keeping the first spelling', () => {
    expect(itemNamesToLookUp(refs)).toEqual(['A-1', 'B-2']);
  });
});

describe('resolveItemRefs', () => {
  const jacket: ItemInfo = { id: '10', name: 'WJ08-XS-Orange', isInactive: false, displayName: 'Adrienne Trek Jacket' };
  const old: ItemInfo = { id: '11', name: 'OLD-1', isInactive: true };
  const teeA: ItemInfo = { id: '20', name: 'TEE', isInactive: false, displayName: 'Tee Red' };
  const teeB: ItemInfo = { id: '21', name: 'tee', isInactive: false, displayName: 'Tee Blue' };
  const numericSku: ItemInfo = { id: '30', name: '000123', isInactive: false };
  const lookup = lookupOf([jacket, old, teeA, teeB, numericSku]);

  it('finds items by internal id and by name, case-insensitively, in input order', () => {
    const results = resolveItemRefs([ref('10'), ref('wj08-xs-orange | Adrienne Trek Jacket')], lookup);
    expect(results).toEqual([
      { status: 'found', item: jacket },
      { status: 'found', item: jacket },
    ]);
  });

  it('reports unknown ids and names with a problem and an action', () => {
    const [byId, byName] = resolveItemRefs([ref('999'), ref('NOPE-1')], lookup);
    expect(byId?.status).toBe('unknown');
    expect(byName?.status).toBe('unknown');
    if (byName?.status === 'unknown') {
      expect(byName.problem).toContain("'NOPE-1'");
      expect(byName.action).not.toBe('');
    }
  });

  it('reports an inactive item as inactive, not found', () => {
    const [r] = resolveItemRefs([ref('OLD-1')], lookup);
    expect(r?.status).toBe('inactive');
    if (r?.status === 'inactive') expect(r.item.id).toBe('11');
  });

  it('reports a name shared by several items as ambiguous, listing the candidates', () => {
    const [r] = resolveItemRefs([ref('Tee')], lookup);
    expect(r?.status).toBe('ambiguous');
    if (r?.status === 'ambiguous') {
      expect(r.candidates.map((c) => c.id)).toEqual(['20', '21']);
      expect(r.problem).toContain('20, 21');
    }
  });

  it('uses the display name to pick one of several items sharing a name', () => {
    const [r] = resolveItemRefs([ref('TEE | tee blue')], lookup);
    expect(r).toEqual({ status: 'found', item: teeB });
  });

  it('falls back to a numeric SKU when no item has those digits as internal id', () => {
    const [r] = resolveItemRefs([ref('000123')], lookup);
    expect(r).toEqual({ status: 'found', item: numericSku });
  });
});
