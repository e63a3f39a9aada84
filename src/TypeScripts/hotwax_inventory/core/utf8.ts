/**
 * Bytes of a string once encoded as UTF-8 (what an SFTP server reports as a file's size, and what NetSuite's
 * per-job and per-file limits count). Pure: GraalJS has no TextEncoder. A lone surrogate counts 3 bytes,
 * as its U+FFFD replacement does.
 */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i += 1;
    } else bytes += 3;
  }
  return bytes;
}
