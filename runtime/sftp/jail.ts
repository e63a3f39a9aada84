// Maps SFTP client paths into a jailed root folder. The session's home is '/', which is the root.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';

export interface JailedPath {
  /** Normalised path as the client sees it, always absolute ('/a/b'). */
  virtual: string;
  /** Path on the local disk. */
  local: string;
}

export class JailEscapeError extends Error {
  constructor(clientPath: string) {
    super(`path escapes the SFTP root: ${clientPath}`);
    this.name = 'JailEscapeError';
  }
}

/** Splits a client path into normalised segments; '..' above '/' is an escape. */
export function jailSegments(clientPath: string): string[] {
  if (clientPath.includes('\0')) throw new JailEscapeError(clientPath);
  const out: string[] = [];
  for (const part of clientPath.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length === 0) throw new JailEscapeError(clientPath);
      out.pop();
      continue;
    }
    out.push(part);
  }
  return out;
}

export class Jail {
  private realRoot: Promise<string> | undefined;

  constructor(readonly root: string) {}

  /** Relative and absolute client paths both resolve from '/'; throws JailEscapeError on '..' escapes. */
  resolve(clientPath: string): JailedPath {
    const segments = jailSegments(clientPath);
    return { virtual: `/${segments.join('/')}`, local: path.join(this.root, ...segments) };
  }

  /**
   * Guards against symlinks inside the root that point outside it. The path is resolved as the kernel would
   * (realpath); when some of it does not exist yet, it is walked component by component, following every
   * symlink on the way, so that a dangling link (or a chain of links) whose target lies outside is refused
   * too: opening it with O_CREAT would otherwise create a file outside the root.
   */
  async assertInside(local: string): Promise<void> {
    this.realRoot ??= fs.realpath(this.root);
    const realRoot = await this.realRoot;
    const inside = (real: string): boolean => real === realRoot || real.startsWith(realRoot + path.sep);
    try {
      if (!inside(await fs.realpath(local))) throw new JailEscapeError(local);
      return;
    } catch (err) {
      if (err instanceof JailEscapeError) throw err;
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw err;
    }
    const rel = path.relative(this.root, local);
    if (rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) throw new JailEscapeError(local);
    if (!inside(await resolveLinks(realRoot, rel === '' ? [] : rel.split(path.sep)))) throw new JailEscapeError(local);
  }
}

/** Most symlinks followed in one path (Linux's MAXSYMLINKS); more is a loop, refused like ELOOP. */
const MAX_LINKS = 40;

/**
 * Where `segments` under the real folder `start` lead: existing components through lstat, symlinks
 * followed (relative ones from their folder, absolute ones from '/'), the first missing component and all
 * after it lexically. Like `realpath -m`.
 */
async function resolveLinks(start: string, segments: string[]): Promise<string> {
  let current = start;
  const pending = [...segments];
  let links = 0;
  while (pending.length > 0) {
    const segment = pending.shift() ?? '';
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      current = path.dirname(current);
      continue;
    }
    const next = path.join(current, segment);
    let isLink: boolean;
    try {
      isLink = (await fs.lstat(next)).isSymbolicLink();
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw err;
      return path.join(next, ...pending);
    }
    if (!isLink) {
      current = next;
      continue;
    }
    if (++links > MAX_LINKS) throw new JailEscapeError(next);
    const target = await fs.readlink(next);
    if (path.isAbsolute(target)) current = path.parse(target).root;
    pending.unshift(...target.split(path.sep));
  }
  return current;
}
