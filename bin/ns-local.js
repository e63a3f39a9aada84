#!/usr/bin/env node
// ns-local: runs the compiled local runtime (build it first with `npm run build`).
const path = require('node:path');
const fs = require('node:fs');

const cli = path.join(__dirname, '..', 'build', 'runtime', 'cli', 'ns-local.js');
if (!fs.existsSync(cli)) {
  process.stderr.write('ns-local: the runtime is not built yet; run `npm run build` first\n');
  process.exit(1);
}
const { buildCli } = require(cli);
buildCli()
  .parseAsync(process.argv)
  .catch((err) => {
    process.stderr.write(`ns-local: ${err && err.name}: ${err && err.message}\n`);
    process.exit(1);
  });
