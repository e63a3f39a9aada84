// Kill matrix (docs/proofs.md): every API call of each flow's uninterrupted runs (the inbound feeds, and the
// transfer-order export and imports), killed before and after, plus a Map/Reduce restart in every stage invocation; the flow runs on until quiet and must end in the
// uninterrupted run's state. npm test plays every KILL_EVERY-th point (offset rotating by the day, or
// KILL_OFFSET); KILL_EVERY=1 or `npm run fuzz -- --kill-matrix` plays them all.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { receiptFuzzFixture, receiptSpec, startFuzzEnv, untilQuiet, type FuzzEnv } from '../fuzz/harness';
import { baseline, describePoint, diffStates, every, playPoint, receiptMatrixFlow, varianceMatrixFlow, type MatrixFlow } from './matrix';
import { checkExportFiles, exportState, TRANSFER_MATRICES, transferExportMatrix } from './transferMatrix';

const K = Math.max(1, Number(process.env.KILL_EVERY ?? 4));
const OFFSET = process.env.KILL_OFFSET !== undefined ? Number(process.env.KILL_OFFSET) : Math.floor(Date.now() / 86_400_000);

async function playMatrix(fe: FuzzEnv, flow: MatrixFlow, k = K): Promise<string[]> {
  const base = await baseline(fe, flow);
  const chosen = every(base.points, k, OFFSET);
  const failures: string[] = [];
  for (const point of chosen) {
    const problems = await playPoint(fe, flow, base, point);
    if (problems.length > 0) failures.push(`${describePoint(point)}:\n    ${problems.join('\n    ')}`);
  }
  fs.writeSync(2, `kill matrix ${flow.name}: ${base.points.length} points over ${base.runs} run(s); played ${chosen.length} (every ${k}th from offset ${OFFSET % k}; replay: KILL_EVERY=${k} KILL_OFFSET=${OFFSET % k}), ${failures.length} differ\n`);
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

describe.each(TRANSFER_MATRICES.map((m) => ({ name: m.flow.name, m })))('kill matrix: $name', ({ m }) => {
  let fe: FuzzEnv;
  beforeAll(async () => {
    fe = await m.start();
  });
  afterAll(() => fe.stop());

  it('ends in the uninterrupted state whatever API call the run dies at', async () => {
    expect(await playMatrix(fe, m.flow)).toEqual([]);
  }, 600_000);
});

// The export's invariant is on documents, not bytes (docs/proofs.md): it must accept a re-sent file and
// catch a lost, a changed and a half-written one.
describe('kill matrix: the TO export invariant', () => {
  let fe: FuzzEnv;
  beforeAll(async () => {
    fe = await transferExportMatrix.start();
  });
  afterAll(() => fe.stop());

  it('a document sent again is the same state; a lost, changed or truncated one is not', async () => {
    const base = await baseline(fe, transferExportMatrix.flow);
    const dir = path.join(fe.env.baseDir, 'transferorderv2/import/fulfillment-wh');
    const [name] = fs.readdirSync(dir);
    if (name === undefined) throw new Error('no fulfillment file');
    const text = fs.readFileSync(path.join(dir, name), 'utf8');
    fs.writeFileSync(path.join(dir, name.replace(/\.json$/, '-r2.json')), text);
    expect(diffStates(base.state, exportState(fe.env))).toEqual([]);
    expect(checkExportFiles(fe.env)).toEqual([]);

    const docs = JSON.parse(text) as { packages: { items: { quantity: number }[] }[] }[];
    fs.writeFileSync(path.join(dir, name), JSON.stringify(docs.slice(1)));
    fs.rmSync(path.join(dir, name.replace(/\.json$/, '-r2.json')));
    expect(diffStates(base.state, exportState(fe.env)).join('\n')).toMatch(/documents: missing .*fulfillment/);

    const changed = docs.map((d) => ({ ...d, packages: d.packages.map((p) => ({ ...p, items: p.items.map((i) => ({ ...i, quantity: i.quantity + 1 })) })) }));
    fs.writeFileSync(path.join(dir, name), JSON.stringify(changed));
    expect(diffStates(base.state, exportState(fe.env)).join('\n')).toMatch(/documents: extra .*fulfillment/);

    fs.writeFileSync(path.join(dir, name), text.slice(0, 40));
    expect(checkExportFiles(fe.env).join('\n')).toMatch(/not JSON/);
  });
});
