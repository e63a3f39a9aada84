// `npm run fuzz -- --count N`: the fuzz suite of __tests__/fuzz at a large count, and with --kill-matrix the
// full kill matrix of __tests__/killmatrix (every point, not every k-th). Prints cases run, failures and the
// seed of each failing case (replay one with FUZZ_SEED=<seed> npx jest __tests__/fuzz -t '<flow>').
// Options: --count N (cases per flow, default 200), --seed S (base seed, default: today's), --flow
// variances|receipts|transfers, --kill-matrix (also play the matrix), --only-kill-matrix. The transfer-order
// flows have no fuzz cases yet: --flow transfers plays only their kill matrices (with --kill-matrix).
import { baseSeed, caseSeed } from '../__tests__/fuzz/generators';
import { formatFailure, receiptCase, receiptFuzzFixture, startFuzzEnv, varianceCase, type CaseResult, type FuzzEnv } from '../__tests__/fuzz/harness';
import { baseline, describePoint, playPoint, receiptMatrixFlow, varianceMatrixFlow, type MatrixFlow } from '../__tests__/killmatrix/matrix';
import { TRANSFER_MATRICES } from '../__tests__/killmatrix/transferMatrix';

const argv = process.argv.slice(2);
const opt = (name: string): string | undefined => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const out = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

async function fuzz(flow: string, fe: FuzzEnv, play: (fe: FuzzEnv, seed: number) => Promise<CaseResult>, count: number, base: number): Promise<number> {
  const started = Date.now();
  let failures = 0;
  for (let i = 0; i < count; i++) {
    const seed = caseSeed(base, i);
    const r = await play(fe, seed);
    if (r.violations.length > 0) {
      failures += 1;
      out(formatFailure(r, `FUZZ_SEED=${seed} npx jest __tests__/fuzz -t '${flow}'`));
    }
    if ((i + 1) % 50 === 0) out(`  ${flow}: ${i + 1}/${count} cases, ${failures} failing`);
  }
  out(`fuzz ${flow}: ${count} cases from base seed ${base}, ${failures} failing, ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return failures;
}

async function matrix(flow: MatrixFlow, fe: FuzzEnv): Promise<number> {
  const started = Date.now();
  const base = await baseline(fe, flow);
  let failures = 0;
  for (const point of base.points) {
    const problems = await playPoint(fe, flow, base, point);
    if (problems.length > 0) {
      failures += 1;
      out(`KILL MATRIX FAILURE ${flow.name} ${describePoint(point)}:\n  - ${problems.join('\n  - ')}`);
    }
  }
  out(`kill matrix ${flow.name}: ${base.points.length} points over ${base.runs} run(s), ${failures} differ from the uninterrupted run, ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return failures;
}

async function main(): Promise<void> {
  const count = Number(opt('--count') ?? 200);
  if (!Number.isInteger(count) || count < 0) throw new Error('--count must be a whole number');
  const seedArg = opt('--seed');
  const base = seedArg !== undefined ? baseSeed({ FUZZ_SEED: seedArg }).seed : baseSeed({}).seed;
  const only = opt('--flow');
  const killMatrix = argv.includes('--kill-matrix') || argv.includes('--only-kill-matrix');
  const fuzzToo = !argv.includes('--only-kill-matrix');
  let failures = 0;
  if (only === undefined || only === 'variances') {
    const fe = await startFuzzEnv();
    try {
      if (fuzzToo) failures += await fuzz('variance import', fe, varianceCase, count, base);
      if (killMatrix) failures += await matrix(varianceMatrixFlow, fe);
    } finally {
      await fe.stop();
    }
  }
  if (only === undefined || only === 'receipts') {
    const fe = await startFuzzEnv(receiptFuzzFixture());
    try {
      if (fuzzToo) failures += await fuzz('PO receipts', fe, receiptCase, count, base);
      if (killMatrix) failures += await matrix(receiptMatrixFlow, fe);
    } finally {
      await fe.stop();
    }
  }
  if (killMatrix && (only === undefined || only === 'transfers')) {
    for (const m of TRANSFER_MATRICES) {
      const fe = await m.start();
      try {
        failures += await matrix(m.flow, fe);
      } finally {
        await fe.stop();
      }
    }
  }
  out(failures === 0 ? 'fuzz: no failures' : `fuzz: ${failures} failing case(s) or point(s)`);
  process.exitCode = failures === 0 ? 0 : 1;
}

main().catch((err: unknown) => {
  process.stderr.write(`fuzz failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
