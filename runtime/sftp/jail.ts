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

  /** Guards against symlinks inside the root that point outside it (checks the deepest existing ancestor). */
  async assertInside(local: string): Promise<void> {
    this.realRoot ??= fs.realpath(this.root);
    const realRoot = await this.realRoot;
    let probe = local;
    for (;;) {
      try {
        const real = await fs.realpath(probe);
        if (real !== realRoot && !real.startsWith(realRoot + path.sep)) throw new JailEscapeError(local);
        return;
      } catch (err) {
        if (err instanceof JailEscapeError) throw err;
        const parent = path.dirname(probe);
        if (parent === probe) return;
        probe = parent;
      }
    }
  }
}
