// `--sizes 1000,10000` for every benchmark entry point; `fallback` when absent or empty.
export function parseSizes(argv: string[], fallback: number[]): number[] {
  const i = argv.indexOf('--sizes');
  const value = i >= 0 ? argv[i + 1] : undefined;
  const sizes = (value ?? '').split(',').map((s) => Number(s.trim())).filter((n) => Number.isInteger(n) && n > 0);
  return sizes.length > 0 ? sizes : fallback;
}

/** `--stores 50` for the benchmarks that generate stores; `fallback` when absent or not a positive number. */
export function parseStores(argv: string[], fallback = 50): number {
  const i = argv.indexOf('--stores');
  const n = i >= 0 ? Number(argv[i + 1]) : NaN;
  return Number.isInteger(n) && n > 0 ? n : fallback;
}
