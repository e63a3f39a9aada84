// Locating the project and its compiled output. Workers and child processes always run the compiled
// JavaScript in build/, also when Jest runs the TypeScript sources.
import * as fs from 'node:fs';
import * as path from 'node:path';

const PACKAGE_NAME = 'hotwax-netsuite-inventory';

let cachedRoot: string | undefined;

function isProjectRoot(dir: string): boolean {
  const manifest = path.join(dir, 'package.json');
  try {
    const parsed = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: unknown };
    return parsed.name === PACKAGE_NAME;
  } catch {
    return false;
  }
}

/** The folder whose package.json is named "hotwax-netsuite-inventory", found by walking up from this file. */
export function projectRoot(): string {
  if (cachedRoot !== undefined) return cachedRoot;
  let dir = __dirname;
  for (;;) {
    if (isProjectRoot(dir)) {
      cachedRoot = dir;
      return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the ${PACKAGE_NAME} project root above ${__dirname}`);
    dir = parent;
  }
}

/** Absolute path of a compiled file: compiledPath('runtime/sftp/x.js') -> <root>/build/runtime/sftp/x.js. */
export function compiledPath(relativeToRoot: string): string {
  return path.join(projectRoot(), 'build', relativeToRoot);
}
