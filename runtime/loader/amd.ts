// A small AMD loader for compiled SuiteScript files (NETSUITE.md 9): one `define([deps], factory)` per
// file; deps are N/* modules, 'require', 'exports', relative paths ('./lib/x') or absolute File Cabinet
// paths ('/SuiteScripts/x'). Entry points come from the factory's return value or from `exports`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { nsError } from '../modules/error';

export type ModuleExports = Record<string, unknown>;

/** Resolves `N/...` ids to emulated module objects, or undefined for a module NetSuite does not have. */
export type NativeModuleResolver = (id: string) => unknown;

interface CompiledFile {
  mtimeMs: number;
  fn: (define: unknown, log: unknown) => void;
}

// Compiled code is cached per file and mtime so re-instantiating a module per Map/Reduce invocation is cheap.
const compiledCache = new Map<string, CompiledFile>();

function compile(file: string): CompiledFile {
  const stat = fs.statSync(file);
  const cached = compiledCache.get(file);
  if (cached && cached.mtimeMs === stat.mtimeMs) return cached;
  const source = fs.readFileSync(file, 'utf8');
  // Compiled in the runtime's own realm (not vm.runInThisContext): a Date or Array made by a script must
  // be the same Date/Array the emulated N/* modules check against, also under Jest's sandboxed globals.
  // sourceURL keeps the file name in stack traces, as NetSuite's execution log shows it.
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const fn = new Function('define', 'log', `${source}\n//# sourceURL=${file}`) as CompiledFile['fn'];
  const compiled: CompiledFile = { mtimeMs: stat.mtimeMs, fn };
  compiledCache.set(file, compiled);
  return compiled;
}

/** The SuiteScript header (first comment) of a compiled file: `@NApiVersion`, `@NScriptType`, ... */
export function readScriptHeader(file: string): Record<string, string> {
  const text = fs.readFileSync(file, 'utf8');
  const first = /^\s*\/\*\*?([\s\S]*?)\*\//.exec(text);
  const tags: Record<string, string> = {};
  if (!first?.[1]) return tags;
  for (const match of first[1].matchAll(/@(N\w+)\s+(\S+)/g)) {
    if (match[1] && match[2]) tags[match[1]] = match[2];
  }
  return tags;
}

export class AmdLoader {
  private readonly instances = new Map<string, ModuleExports>();

  /**
   * @param fileCabinetRoot the local folder standing for the File Cabinet root (src/FileCabinet)
   * @param native resolver for N/* modules of the current execution
   * @param globalLog the `log` global NetSuite provides to every script
   */
  constructor(
    private readonly fileCabinetRoot: string,
    private readonly native: NativeModuleResolver,
    private readonly globalLog: unknown,
  ) {}

  /** Loads a File Cabinet path such as '/SuiteScripts/hotwax_inventory/x.js' and returns its exports. */
  loadEntryPoint(cabinetPath: string): ModuleExports {
    return this.loadFile(this.toLocalFile(cabinetPath));
  }

  private toLocalFile(cabinetPath: string): string {
    const withExt = cabinetPath.endsWith('.js') ? cabinetPath : `${cabinetPath}.js`;
    const local = path.join(this.fileCabinetRoot, withExt);
    if (!path.resolve(local).startsWith(path.resolve(this.fileCabinetRoot))) {
      throw nsError('MODULE_DOES_NOT_EXIST', `Module path ${cabinetPath} is outside the File Cabinet`);
    }
    return local;
  }

  private loadFile(file: string): ModuleExports {
    const existing = this.instances.get(file);
    if (existing) return existing;
    if (!fs.existsSync(file)) {
      throw nsError('MODULE_DOES_NOT_EXIST', `Module does not exist: ${path.relative(this.fileCabinetRoot, file)} (run npm run build)`);
    }
    const exportsObject: ModuleExports = {};
    let defined = false;
    let result: ModuleExports = exportsObject;
    const define = (...args: unknown[]): void => {
      if (defined) throw nsError('SSS_INVALID_SCRIPT', `${file}: more than one define() call`);
      defined = true;
      const factory = args[args.length - 1];
      const deps = (args.length >= 2 && Array.isArray(args[args.length - 2]) ? args[args.length - 2] : []) as string[];
      if (typeof factory !== 'function') {
        result = (factory ?? {}) as ModuleExports;
        return;
      }
      const resolved = deps.map((dep) => this.resolveDependency(dep, file, exportsObject));
      const returned: unknown = (factory as (...a: unknown[]) => unknown)(...resolved);
      result = returned !== undefined && returned !== null && typeof returned === 'object' ? (returned as ModuleExports) : exportsObject;
    };
    (define as unknown as { amd: object }).amd = {};
    compile(file).fn(define, this.globalLog);
    if (!defined) throw nsError('SSS_INVALID_SCRIPT', `${file} is not an AMD module: it never calls define()`);
    this.instances.set(file, result);
    return result;
  }

  private resolveDependency(dep: string, fromFile: string, exportsObject: ModuleExports): unknown {
    if (dep === 'exports') return exportsObject;
    if (dep === 'require') {
      return (id: string): unknown => this.resolveDependency(id, fromFile, {});
    }
    if (dep.startsWith('N/')) {
      const mod = this.native(dep);
      if (mod === undefined) throw nsError('MODULE_DOES_NOT_EXIST', `Module does not exist: ${dep}`);
      return mod;
    }
    if (dep.startsWith('./') || dep.startsWith('../')) {
      const target = path.resolve(path.dirname(fromFile), dep.endsWith('.js') ? dep : `${dep}.js`);
      return this.loadFile(target);
    }
    if (dep.startsWith('/')) return this.loadFile(this.toLocalFile(dep));
    throw nsError('MODULE_DOES_NOT_EXIST', `Module does not exist: ${dep} (NetSuite resolves only N/*, relative and File Cabinet paths)`);
  }
}
