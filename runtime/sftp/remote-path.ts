// Path rules of the emulated N/sftp (NETSUITE.md 1.5): every script path is relative to the
// connection directory, a leading '/' included (chroot-like, [U]); '..' is normalised and may not
// climb above the connection directory.
import * as posix from 'node:path/posix';

export class PathEscapeError extends Error {
  constructor(readonly scriptPath: string) {
    super(`path leaves the connection directory: ${scriptPath}`);
    this.name = 'PathEscapeError';
  }
}

/** The connection directory as a server path ('.' = the login directory). */
export function connectionDirectory(directory: string | undefined): string {
  if (directory === undefined || directory.trim() === '') return '.';
  const normalised = posix.normalize(directory.trim());
  return normalised.length > 1 ? normalised.replace(/\/+$/, '') : normalised;
}

/** Normalised segments of a script path; throws PathEscapeError when '..' climbs above the base. */
export function scriptSegments(scriptPath: string): string[] {
  const out: string[] = [];
  for (const part of scriptPath.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length === 0) throw new PathEscapeError(scriptPath);
      out.pop();
    } else {
      out.push(part);
    }
  }
  return out;
}

/** Server path for a script path: both 'x' and '/x' map to <connDir>/x; undefined or '' is connDir. */
export function resolveRemote(connDir: string, scriptPath: string | undefined): string {
  const segments = scriptSegments(scriptPath ?? '');
  return segments.length === 0 ? connDir : posix.join(connDir, ...segments);
}

export function hasWildcard(segment: string): boolean {
  return segment.includes('*') || segment.includes('?');
}

/** '*' = any run of characters, '?' = one character; the whole name must match (case-sensitive). */
export function wildcardToRegExp(pattern: string): RegExp {
  let source = '';
  for (const ch of pattern) {
    if (ch === '*') source += '.*';
    else if (ch === '?') source += '.';
    else source += ch.replace(/[\\^$.|+()[\]{}]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 's');
}

/** Splits a list() path into the directory to read and an optional name filter from its last segment. */
export function splitListPath(connDir: string, scriptPath: string | undefined): { dir: string; filter: RegExp | undefined } {
  const path = scriptPath ?? '';
  const trimmed = path.replace(/\/+$/, '');
  const slash = trimmed.lastIndexOf('/');
  const last = trimmed.slice(slash + 1);
  if (!hasWildcard(last)) return { dir: resolveRemote(connDir, path), filter: undefined };
  const parent = slash < 0 ? '' : trimmed.slice(0, slash);
  return { dir: resolveRemote(connDir, parent), filter: wildcardToRegExp(last) };
}

/**
 * NetSuite escapes "illegal characters" in upload file names ([D], escaping scheme [U]). The emulator
 * percent-encodes '/', '\' and control characters, so a name never becomes a path.
 */
export function escapeFileName(name: string): string {
  let out = '';
  for (const ch of name) {
    const code = ch.codePointAt(0) ?? 0;
    out += ch === '/' || ch === '\\' || code < 0x20 || code === 0x7f ? `%${code.toString(16).toUpperCase().padStart(2, '0')}` : ch;
  }
  return out;
}
