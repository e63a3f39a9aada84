// `npm run bench`: runs every flow's benchmark through the local runtime and prints one table per flow.
// Sizes can be narrowed: `npm run bench -- --sizes 1000,10000`.
import { benchVarianceImport } from './varianceImport';

function parseSizes(argv: string[], fallback: number[]): number[] {
  const i = argv.indexOf('--sizes');
  const value = i >= 0 ? argv[i + 1] : undefined;
  if (!value) return fallback;
  return value.split(',').map((s) => Number(s.trim())).filter((n) => Number.isInteger(n) && n > 0);
}

function table(title: string, rows: object[]): void {
  process.stdout.write(`\n${title}\n`);
  if (rows.length === 0) return;
  const keys = Object.keys(rows[0] as Record<string, unknown>);
  const cells = [keys, ...rows.map((r) => keys.map((k) => String((r as Record<string, unknown>)[k])))];
  const widths = keys.map((_, c) => Math.max(...cells.map((row) => (row[c] ?? '').length)));
  for (const row of cells) process.stdout.write(`  ${row.map((v, c) => v.padStart(widths[c] ?? 0)).join('  ')}\n`);
}

async function main(): Promise<void> {
  const sizes = parseSizes(process.argv.slice(2), [1000, 10000, 100000]);
  table('Variance import (cycle-count feed; units = intake run + verify run; 10,000 units per scheduled run)', await benchVarianceImport(sizes));
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
