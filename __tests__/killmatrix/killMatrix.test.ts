// Kill matrix (docs/proofs.md): every API call of each inbound flow's uninterrupted runs, killed before and
// after, plus a Map/Reduce restart in every stage invocation; the flow runs on until quiet and must end in the
// uninterrupted run's state. npm test plays every KILL_EVERY-th point (offset rotating by the day, or
// KILL_OFFSET); KILL_EVERY=1 or `npm run fuzz -- --kill-matrix` plays them all.
import * as fs from 'node:fs';
import { receiptFuzzFixture, receiptSpec, startFuzzEnv, untilQuiet, type FuzzEnv } from '../fuzz/harness';
import { baseline, describePoint, every, playPoint, receiptMatrixFlow, varianceMatrixFlow, type MatrixFlow } from './matrix';

const K = Math.max(1, Number(process.env.KILL_EVERY ?? 4));
const OFFSET = process.env.KILL_OFFSET !== undefined ? Number(process.env.KILL_OFFSET) : Math.floor(Date.now() / 86_400_000);

async function playMatrix(fe: FuzzEnv, flow: MatrixFlow): Promise<string[]> {
  const base = await baseline(fe, flow);
  const chosen = every(base.points, K, OFFSET);
  const failures: string[] = [];
  for (const point of chosen) {
    const problems = await playPoint(fe, flow, base, point);
    if (problems.length > 0) failures.push(`${describePoint(point)}:\n    ${problems.join('\n    ')}`);
  }
  fs.writeSync(2, `kill matrix ${flow.name}: ${base.points.length} points over ${base.runs} run(s); played ${chosen.length} (every ${K}th from offset ${OFFSET % K}; replay: KILL_EVERY=${K} KILL_OFFSET=${OFFSET % K}), ${failures.length} differ\n`);
  return failures;
}

describe('kill matrix: variance import', () => {
  let fe: FuzzEnv;
  beforeAll(async () => {
    fe = await startFuzzEnv();
  });
  afterAll(() => fe.stop());

  it('ends in the uninterrupted state whatever API call the run dies at', async () => {
    expect(await playMatrix(fe, varianceMatrixFlow)).toEqual([]);
  }, 600_000);
});

describe('kill matrix: PO receipts', () => {
  let fe: FuzzEnv;
  beforeAll(async () => {
    fe = await startFuzzEnv(receiptFuzzFixture());
  });
  afterAll(() => fe.stop());

  it('ends in the uninterrupted state whatever API call the run dies at, and after a restart in any stage', async () => {
    expect(await playMatrix(fe, receiptMatrixFlow)).toEqual([]);
  }, 600_000);

  // Found by the matrix: the report was named from the run's read time, so a run killed after writing it left
  // a second report (another time in the name) when the next run finished the file.
  it.each([
    { api: 'sftp.upload', occurrence: 1, when: 'after' as const },
    { api: 'sftp.move', occurrence: 1, when: 'before' as const },
  ])('writes one error report per file when summarize is killed $when $api #$occurrence', async (kill) => {
    fe.reset();
    receiptMatrixFlow.deliver(fe.env);
    // Only Date is faked (scripts read the clock with new Date()): the next run reads the files a minute later.
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask', 'hrtime', 'performance'] });
    try {
      jest.setSystemTime(new Date('2026-11-23T10:00:00Z'));
      expect((await receiptMatrixFlow.run(fe.env, { kill })).status).toBe('KILLED');
      jest.setSystemTime(new Date('2026-11-23T10:01:00Z'));
      expect((await untilQuiet(fe.env, receiptSpec, () => receiptMatrixFlow.run(fe.env), 'after the kill')).violations).toEqual([]);
    } finally {
      jest.useRealTimers();
    }
    expect(fe.env.listFolder('purchaseorder/receipt/error').map((n) => n.replace(/_\d{8}T\d{6}Z_errors_\d+\.csv$/, ''))).toEqual(['a_receipts', 'b_broken']);
  });
});
