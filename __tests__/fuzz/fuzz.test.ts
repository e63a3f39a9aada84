// Seeded fuzz over the inbound feeds (docs/proofs.md): mutated deliveries run through the compiled scripts
// until quiescent; every invariant violation fails the test with the case's seed for replay.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { baseSeed, caseSeed, VARIANCE_HEADER } from './generators';
import {
  checkFolders,
  checkVarianceApplied,
  formatFailure,
  receiptCase,
  receiptFuzzFixture,
  sample,
  startFuzzEnv,
  untilQuiet,
  validReceiptEntries,
  validVarianceRows,
  varianceCase,
  varianceSpec,
  VARIANCE_FLOWS,
  VARIANCE_SCRIPT,
  type CaseResult,
  type FuzzEnv,
} from './harness';

const COUNT = Number(process.env.FUZZ_COUNT ?? 0);
const base = baseSeed();

/** The seeds of this run: FUZZ_SEED alone when pinned (replay), else `count` seeds derived from the day. */
function seeds(count: number): number[] {
  if (base.pinned && COUNT === 0) return [base.seed];
  return Array.from({ length: COUNT || count }, (_, i) => caseSeed(base.seed, i));
}

function report(results: CaseResult[], flow: string): void {
  const failed = results.filter((r) => r.violations.length > 0);
  const sum = (k: keyof CaseResult['stats']): number => results.reduce((n, r) => n + r.stats[k], 0);
  fs.writeSync(2, `fuzz ${flow}: ${results.length} case(s), base seed ${base.seed}${base.pinned ? ' (FUZZ_SEED)' : ' (today)'}, ${failed.length} failing; ${sum('runs')} runs, ${sum('archived')} archived, ${sum('failed')} failed, ${sum('applied')} applied\n`);
  for (const r of failed) fs.writeSync(2, `${formatFailure(r, `FUZZ_SEED=${r.seed} npx jest __tests__/fuzz -t '${flow}'`)}\n`);
}

describe('fuzz: variance import', () => {
  let fe: FuzzEnv;
  beforeAll(async () => {
    fe = await startFuzzEnv();
  });
  afterAll(() => fe.stop());

  it('variance import keeps every invariant on mutated deliveries', async () => {
    const results: CaseResult[] = [];
    for (const seed of seeds(8)) results.push(await varianceCase(fe, seed));
    report(results, 'variance import');
    expect(results.filter((r) => r.violations.length > 0).map((r) => formatFailure(r, `FUZZ_SEED=${r.seed}`))).toEqual([]);
  }, 600_000);
});

describe('fuzz: PO receipts', () => {
  let fe: FuzzEnv;
  beforeAll(async () => {
    fe = await startFuzzEnv(receiptFuzzFixture());
  });
  afterAll(() => fe.stop());

  it('PO receipts keep every invariant on mutated deliveries', async () => {
    const results: CaseResult[] = [];
    for (const seed of seeds(8)) results.push(await receiptCase(fe, seed));
    report(results, 'PO receipts');
    expect(results.filter((r) => r.violations.length > 0).map((r) => formatFailure(r, `FUZZ_SEED=${r.seed}`))).toEqual([]);
  }, 600_000);
});

describe('fuzz: the invariant checks themselves catch what they are meant to', () => {
  let fe: FuzzEnv;
  beforeAll(async () => {
    fe = await startFuzzEnv();
  });
  afterAll(() => fe.stop());

  it('flags a lost file, a file found twice, a posted line no delivered row holds, and a HotWax id applied twice', async () => {
    fe.reset();
    const { env } = fe;
    const spec = varianceSpec('inventoryadjustment');
    const delivered = [{ name: 'cc.csv', bytes: sample('hotwax-cycle-count-variance-sample.csv'), mutations: [] }];
    env.dropFile(spec.incoming, 'cc.csv', delivered[0]!.bytes);
    const quiet = await untilQuiet(env, spec, () => env.run(VARIANCE_SCRIPT, { deploymentId: VARIANCE_FLOWS.inventoryadjustment }), 'check');
    expect(quiet.violations).toEqual([]);
    expect(checkFolders(env, spec, delivered)).toEqual([]);
    expect(checkVarianceApplied(env, delivered)).toEqual([]);

    // The file copied into failed/ too: found twice, with no record for the copy.
    const archived = path.join(env.baseDir, 'inventoryadjustment', 'archive', 'cc.csv');
    fs.mkdirSync(path.join(env.baseDir, 'inventoryadjustment', 'failed'), { recursive: true });
    fs.copyFileSync(archived, path.join(env.baseDir, 'inventoryadjustment', 'failed', 'cc.csv'));
    expect(checkFolders(env, spec, delivered).join('\n')).toMatch(/found 2 time\(s\)[\s\S]*failed\/cc\.csv has no feed-file record/);
    // Lost altogether.
    fs.rmSync(path.join(env.baseDir, 'inventoryadjustment', 'failed'), { recursive: true });
    fs.rmSync(archived);
    expect(checkFolders(env, spec, delivered).join('\n')).toMatch(/found 0 time\(s\)/);

    // A line whose quantity no row holds, and the same HotWax id on a second transaction.
    const account = env.account();
    const [adj] = account.listRecords('inventoryadjustment');
    const line = adj!.sublists.inventory![0]!;
    account.insertRecord('inventoryadjustment', { ...adj!.fields, externalid: 'HWX-ADJ-PLANTED' }, { inventory: [{ ...line, adjustqtyby: 99 }] });
    account.save();
    const found = checkVarianceApplied(env, delivered).join('\n');
    expect(found).toContain('HWX-ADJ-PLANTED line');
    expect(found).toContain(`HotWax id "${String(line.custcol_hwx_variance_id)}" applied 2 times`);
  });

  it('the receipt oracle refuses an item receipt that no valid entry holds', () => {
    const good = { name: 'r.json', bytes: Buffer.from('[{"order_id":"9101","items":[{"line_id":"1","quantity":"2"},{"line_id":"2","quantity":0}]}]'), mutations: [] };
    expect(validReceiptEntries(good)).toEqual([{ po: '9101', lines: new Map([['1', 2]]) }]);
    // A bad sibling line makes the whole entry unreceivable; so do a lone surrogate's bytes and a non-array.
    expect(validReceiptEntries({ ...good, bytes: Buffer.from('[{"order_id":"9101","items":[{"line_id":"1","quantity":"2"},{"line_id":"2","quantity":"ten"}]}]') })).toEqual([]);
    expect(validReceiptEntries({ ...good, bytes: Buffer.concat([Buffer.from('[{"order_id":"9101","items":[{"line_id":"1","quantity":"2"}],"n":"'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}]')]) })).toEqual([]);
    expect(validReceiptEntries({ ...good, bytes: Buffer.from('{"order_id":"9101"}') })).toEqual([]);
  });

  it('the variance oracle reads quoted cells, any line ending, and only the first row of a repeated id', () => {
    const text = `${VARIANCE_HEADER}\r\nR1,927,"GIFT-BOX, ""Deluxe""",-2,254,11/20/2026,,1,A-1\rR2,927,WJ08-XS-Orange,3,254,11/20/2026,,1,A-1\nR3,929,WJ08-XS-Orange,3,254,11/20/2026,Lost,1,A-3\nR4,927,OLD-SKU-1,1,254,11/20/2026,,1,A-4\n`;
    const rows = validVarianceRows({ name: 'v.csv', bytes: Buffer.from(text), mutations: [] });
    const byId = new Map(rows.map((r) => [`${r.id}:${r.itemId}:${r.qty}:${String(r.accountOk)}`, r]));
    // (Read with CRLF-only breaks, 'A-1\rR2' is an id of its own: the oracle is lenient by design.)
    expect([...byId.keys()].filter((k) => /^A-\d:/.test(k)).sort()).toEqual(['A-1:3435:-2:true', 'A-3:3412:3:false']);
  });
});
