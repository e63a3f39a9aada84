#!/usr/bin/env node
// Build everything the project runs:
//  1. SuiteScripts: one SuiteScript 2.1 AMD file per script object in src/Objects, bundled by Rollup
//     into src/FileCabinet/SuiteScripts (what `suitecloud project:deploy` uploads).
//     Entry points come from the objects' <scriptfile> elements, never from a hand list.
//  2. Node side (local runtime, tools, demo, bench): `tsc -p tsconfig.json` into build/.
// Usage: node tools/build.mjs [--scripts-only | --node-only]
import { rollup } from 'rollup';
import esbuild from 'rollup-plugin-esbuild';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findScriptEntryPoints, FILE_CABINET, SCRIPT_OUTPUT_FOLDER } from './entry-points.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));

/** The header JSDoc block (with @NApiVersion) of a source file; NetSuite requires it to be the first comment. */
function readScriptHeader(sourceFile) {
  const text = fs.readFileSync(sourceFile, 'utf8');
  const match = /\/\*\*[\s\S]*?\*\//.exec(text);
  if (!match || !/@NApiVersion/.test(match[0]) || !/@NScriptType/.test(match[0])) {
    throw new Error(`${path.relative(root, sourceFile)}: the first comment must be the SuiteScript header with @NApiVersion and @NScriptType`);
  }
  return match[0];
}

// papaparse's "browser" field points at its minified build; NetSuite execution logs need readable code.
// Its readable build requires Node's 'stream' only for Papa.NODE_STREAM_INPUT, which SuiteScript never
// uses: give it an empty module so the bundle has no dependency NetSuite cannot resolve.
const readablePapaparse = {
  name: 'readable-papaparse',
  resolveId: (id) => {
    if (id === 'papaparse') return path.join(root, 'node_modules/papaparse/papaparse.js');
    if (id === 'stream') return '\0empty-stream';
    return null;
  },
  load: (id) => (id === '\0empty-stream' ? 'export default {};' : null),
};

async function bundleScript(entry) {
  const header = readScriptHeader(entry.source);
  const bundle = await rollup({
    input: entry.source,
    external: (id) => id.startsWith('N/'),
    plugins: [
      readablePapaparse,
      nodeResolve({ browser: true, preferBuiltins: false, extensions: ['.ts', '.js', '.mjs'] }),
      commonjs(),
      esbuild({ target: 'es2022', minify: false, sourceMap: false, tsconfig: path.join(root, 'src/TypeScripts/tsconfig.json') }),
    ],
    onwarn(warning, warn) {
      if (warning.code === 'CIRCULAR_DEPENDENCY' && String(warning.ids?.[0] ?? '').includes('node_modules')) return;
      warn(warning);
    },
  });
  await bundle.write({
    file: entry.output,
    format: 'amd',
    // Header first: NetSuite reads @NApiVersion/@NScriptType from the first comment of the file.
    banner: (chunk) => (chunk.facadeModuleId && !chunk.facadeModuleId.startsWith('\0') ? header : ''),
    // N/* modules are plain objects in NetSuite: use them as they are, without a frozen namespace copy.
    interop: (id) => (id && id.startsWith('N/') ? 'esModule' : 'default'),
    exports: 'named',
    generatedCode: 'es2015',
    sourcemap: false,
    freeze: false,
  });
  await bundle.close();
}

async function buildScripts() {
  const entries = findScriptEntryPoints(root);
  const outRoot = path.join(root, FILE_CABINET, SCRIPT_OUTPUT_FOLDER);
  fs.rmSync(outRoot, { recursive: true, force: true });
  for (const entry of entries) {
    if (!fs.existsSync(entry.source)) {
      throw new Error(`${entry.objectFile}: scriptfile ${entry.scriptFile} has no TypeScript source at ${path.relative(root, entry.source)}`);
    }
  }
  await Promise.all(entries.map(bundleScript));
  console.log(`build: ${entries.length} SuiteScript file(s) -> ${path.relative(root, outRoot)}`);
}

function buildNode() {
  fs.rmSync(path.join(root, 'build'), { recursive: true, force: true });
  const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.json')], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('build: tsc failed for the Node side (runtime, tools, demo, bench)');
  console.log('build: Node side -> build/');
}

try {
  if (!args.has('--node-only')) await buildScripts();
  if (!args.has('--scripts-only')) buildNode();
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
