import { fingerprint, hash64 } from '../../src/TypeScripts/hotwax_inventory/core/hash';

describe('hash64', () => {
  it('gives 16 lower-case hex characters, the same for the same text', () => {
    expect(hash64('HWX-1\nHWX-2')).toMatch(/^[0-9a-f]{16}$/);
    expect(hash64('HWX-1\nHWX-2')).toBe(hash64('HWX-1\nHWX-2'));
  });

  it('gives different values for near-identical texts', () => {
    const values = new Set(['', 'a', 'b', 'ab', 'ba', 'HWX-1', 'HWX-2', 'HWX-1\nHWX-2', 'HWX-2\nHWX-1'].map(hash64));
    expect(values.size).toBe(9);
  });

  it('has no collisions over 200,000 sequential ids', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200_000; i++) seen.add(hash64(`2367160-${i}`));
    expect(seen.size).toBe(200_000);
  });
});

describe('fingerprint', () => {
  it('ignores a BOM and the line-ending style', () => {
    expect(fingerprint('\uFEFFa,b\r\n1,2\r\n')).toBe(fingerprint('a,b\n1,2\n'));
    expect(fingerprint('a,b\r1,2\r')).toBe(fingerprint('a,b\n1,2\n'));
    expect(fingerprint('a,b\n1,2\n')).not.toBe(fingerprint('a,b\n1,3\n'));
  });
});
