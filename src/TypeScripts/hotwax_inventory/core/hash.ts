/**
 * A 64-bit non-cryptographic hash (two 32-bit FNV-1a lanes with different offsets) as 16 hex characters:
 * stable across runs and platforms, for file fingerprints and deterministic External IDs.
 * Pure and fast (Math.imul, no BigInt or crypto module: it runs on GraalJS over multi-MB files).
 */
export function hash64(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 13);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/** Fingerprint of a file's content, ignoring a BOM and line-ending style. */
export function fingerprint(text: string): string {
  return hash64(text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'));
}
