// The build output is what SDF deploys: one SuiteScript 2.1 AMD file per script object, header first,
// N/* left external, third-party code bundled, not minified. And the SuiteCloud CLI stays usable offline.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AmdLoader, readScriptHeader } from '../../runtime/loader/amd';
import { loadProjectObjects } from '../../runtime/objects';
import { SCRIPT_TYPE_HEADER } from '../../runtime/objects/types';

const ROOT = path.join(__dirname, '..', '..');
const SRC = path.join(ROOT, 'src');
const objects = loadProjectObjects(SRC);

const ENTRY_POINTS: Record<string, string[]> = {
  scheduledscript: ['execute'],
  mapreducescript: ['getInputData', 'summarize'],
};

describe('built SuiteScripts', () => {
  it('exist for every script object in src/Objects', () => {
    expect(objects.scripts.length).toBeGreaterThan(0);
    for (const s of objects.scripts) expect(fs.existsSync(path.join(SRC, 'FileCabinet', s.scriptFile))).toBe(true);
  });

  it.each(objects.scripts.map((s) => [s.scriptId, s] as const))('%s starts with its @NApiVersion 2.1 / @NScriptType header and loads as an AMD module with its entry points', (_id, script) => {
    const file = path.join(SRC, 'FileCabinet', script.scriptFile);
    const header = readScriptHeader(file);
    expect(header.NApiVersion).toBe('2.1');
    expect(header.NScriptType).toBe(SCRIPT_TYPE_HEADER[script.objectType]);
    const text = fs.readFileSync(file, 'utf8');
    // Only N/* modules are left as dependencies; everything else is bundled.
    const deps = /define\(\[([^\]]*)\]/.exec(text)?.[1] ?? '';
    for (const dep of deps.split(',').map((d) => d.trim().replace(/'/g, ''))) expect(dep === 'exports' || dep === 'require' || dep.startsWith('N/')).toBe(true);
    // Not minified: no very long lines of code.
    expect(text.split('\n').filter((l) => l.length > 400)).toEqual([]);
    const requested: string[] = [];
    const loader = new AmdLoader(path.join(SRC, 'FileCabinet'), (id) => {
      requested.push(id);
      return {};
    }, {});
    const exportsObject = loader.loadEntryPoint(script.scriptFile);
    for (const name of ENTRY_POINTS[script.objectType] ?? []) expect(typeof exportsObject[name]).toBe('function');
    expect(requested.every((id) => id.startsWith('N/'))).toBe(true);
  });
});

describe('SuiteCloud CLI', () => {
  it('is installed without its JAR and answers --version offline', () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', '@oracle', 'suitecloud-cli', 'src', 'suitecloud.js'), '--version'], { encoding: 'utf8', cwd: ROOT });
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
