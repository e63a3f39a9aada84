import { IntegrationError } from '../../../src/TypeScripts/hotwax_inventory/core/integrationError';
import {
  chooseUpload,
  decidePurchaseOrder,
  exportFileName,
  groupByPurchaseOrder,
  KEPT_KEY_PREFIX,
  KEPT_PER_KEY,
  keptDecisions,
  nextState,
  planExport,
  reduceInputs,
  RUN_META_KEY,
  runIdAt,
  splitIntoFiles,
  stateNeedsSaving,
  type PoSearchLine,
  type RunMeta,
} from '../../../src/TypeScripts/hotwax_inventory/core/purchaseorders/exportRun';
import { emptyExportState, rowsHash, type PoDecision, type PoExportState } from '../../../src/TypeScripts/hotwax_inventory/core/purchaseorders/exportState';
import type { PoExportRow, PoLine } from '../../../src/TypeScripts/hotwax_inventory/core/purchaseorders/poLines';
import { utf8Length } from '../../../src/TypeScripts/hotwax_inventory/core/utf8';

const poLine = (lineId: string, quantity = '10'): PoLine => ({ line: lineId, itemId: '3412', itemName: 'SKU-A', quantity, quantityReceived: '0', locationId: '254', expectedReceiptDate: '' });
const searchLine = (poId: string, lineId: string): PoSearchLine => ({ poId, ...poLine(lineId) });
const row = (poId: string, lineId: string, qty = '1'): PoExportRow => [poId, 'SKU', qty, '254', lineId, ''];
const meta: RunMeta = {
  runId: '20261123T104500Z_abc123',
  startedAt: '2026-11-23T10:45:00.000Z',
  stateFileId: 55,
  searchId: 'customsearch_x',
  searchCreated: false,
  pos: 2,
  lines: 3,
  readMode: 'full',
  readReason: 'test',
  posRead: 2,
  linesRead: 3,
  previousFullReadAt: '',
};
const state = (pos: Record<string, string>): PoExportState => ({ ...emptyExportState(), pos });

describe('runIdAt and exportFileName', () => {
  it('names files by UTC start time and a nonce: unique, sortable, only safe characters', () => {
    const runId = runIdAt(new Date('2026-11-23T10:45:07.123Z'), 'K3j9-x2!');
    expect(runId).toBe('20261123T104507Z_k3j9x2');
    expect(exportFileName(runId)).toBe('PurchaseOrders_20261123T104507Z_k3j9x2.csv');
    expect(exportFileName(runId, 2, 12)).toBe('PurchaseOrders_20261123T104507Z_k3j9x2_part02of12.csv');
    expect(exportFileName(runId, 1, 1, 3)).toBe('PurchaseOrders_20261123T104507Z_k3j9x2_retry3.csv');
    expect(exportFileName(runId, 2, 12)).toMatch(/^[A-Za-z0-9._-]+$/);
    const later = exportFileName(runIdAt(new Date('2026-11-23T10:45:08Z'), 'aaaa'));
    expect([later, exportFileName(runId)].sort()).toEqual([exportFileName(runId), later]);
  });
  it('refuses a nonce without letters or digits', () => {
    expect(() => runIdAt(new Date(), '--')).toThrow(/nonce/);
  });
});

describe('reduceInputs and decidePurchaseOrder', () => {
  it('gives reduce one pair per PO with its lines and the hash HotWax last got, plus the run metadata', () => {
    const grouped = groupByPurchaseOrder([searchLine('7', '1'), searchLine('8', '1'), searchLine('7', '2')]);
    expect([...grouped.keys()]).toEqual(['7', '8']);
    const pairs = reduceInputs(grouped, state({ '7': 'aaaaaaaaaaaaaaaa' }), meta);
    expect(Object.keys(pairs).sort()).toEqual(['7', '8', RUN_META_KEY].sort());
    expect(JSON.parse(pairs[RUN_META_KEY] ?? '')).toEqual(meta);
    expect(JSON.parse(pairs['7'] ?? '')).toEqual({ previousHash: 'aaaaaaaaaaaaaaaa', lines: [poLine('1'), poLine('2')] });
    expect(JSON.parse(pairs['8'] ?? '')).toEqual({ lines: [poLine('1')] });
  });

  it('decides per PO: changed rows to send, or unchanged', () => {
    const pairs = reduceInputs(groupByPurchaseOrder([searchLine('7', '1')]), emptyExportState(), meta);
    const first = decidePurchaseOrder('7', [pairs['7'] ?? '']);
    expect(first).toEqual({ kind: 'changed', hash: rowsHash([['7', 'SKU-A', '10', '254', '1', '']]), rows: [['7', 'SKU-A', '10', '254', '1', '']] });
    const again = reduceInputs(groupByPurchaseOrder([searchLine('7', '1')]), state({ '7': first.kind === 'changed' ? first.hash : '' }), meta);
    expect(decidePurchaseOrder('7', [again['7'] ?? ''])).toMatchObject({ kind: 'unchanged' });
  });

  it('passes POs not read in kept chunks, only when their signature is the one in the state; a read PO carries its signature', () => {
    const prior: PoExportState = { ...state({ '7': 'aaaaaaaaaaaaaaaa', '8': 'bbbbbbbbbbbbbbbb' }), sigs: { '7': '7777777777777777', '8': '8888888888888888', '9': '9999999999999999' } };
    const sigs = new Map([
      ['7', '7777777777777777'],
      ['8', '0000000000000000'],
      ['9', '9999999999999999'],
      ['10', '1010101010101010'],
    ]);
    const pairs = reduceInputs(groupByPurchaseOrder([searchLine('10', '1')]), prior, meta, sigs);
    // 7 and 9 kept (same signature; 9 had nothing to receive); 8 changed its signature but was not read
    // (it left between the two searches): neither kept nor read, so it is read next run.
    expect(Object.keys(pairs).sort()).toEqual(['10', `${KEPT_KEY_PREFIX}0`, RUN_META_KEY].sort());
    expect(JSON.parse(pairs['10'] ?? '')).toEqual({ sig: '1010101010101010', lines: [poLine('1')] });
    expect(keptDecisions(pairs[`${KEPT_KEY_PREFIX}0`] ?? '')).toEqual([
      ['7', { kind: 'unchanged', hash: 'aaaaaaaaaaaaaaaa', sig: '7777777777777777', kept: true }],
      ['9', { kind: 'nothing-to-receive', sig: '9999999999999999', kept: true }],
    ]);
    expect(decidePurchaseOrder('10', [pairs['10'] ?? ''])).toMatchObject({ kind: 'changed', sig: '1010101010101010' });
  });

  it('splits the kept POs into chunks of KEPT_PER_KEY', () => {
    const n = KEPT_PER_KEY * 2 + 1;
    const ids = Array.from({ length: n }, (_, i) => String(i + 1));
    const prior: PoExportState = { ...emptyExportState(), sigs: Object.fromEntries(ids.map((id) => [id, 'abababababababab'])) };
    const pairs = reduceInputs(new Map(), prior, meta, new Map(ids.map((id) => [id, 'abababababababab'])));
    const chunks = Object.keys(pairs).filter((k) => k.startsWith(KEPT_KEY_PREFIX));
    expect(chunks).toHaveLength(3);
    expect(chunks.flatMap((k) => keptDecisions(pairs[k] ?? '').map(([id]) => id))).toEqual(ids);
  });

  it('refuses a key with several values (getInputData emits one per PO)', () => {
    expect(() => decidePurchaseOrder('7', ['{}', '{}'])).toThrow(IntegrationError);
  });
});

describe('planExport', () => {
  const changed = (poId: string, ...lineIds: string[]): PoDecision => {
    const rows = lineIds.map((l) => row(poId, l));
    return { kind: 'changed', hash: rowsHash(rows), rows };
  };

  it('sends changed POs, keeps unchanged ones, forgets POs that left the search or have nothing to receive', () => {
    const base = state({ '1': 'a1a1a1a1a1a1a1a1', '2': 'b2b2b2b2b2b2b2b2', '3': 'c3c3c3c3c3c3c3c3', '4': 'd4d4d4d4d4d4d4d4' });
    const decisions = new Map<string, PoDecision>([
      ['10', changed('10', '2', '1')],
      ['2', { kind: 'unchanged', hash: 'b2b2b2b2b2b2b2b2' }],
      ['9', changed('9', '1')],
      ['4', { kind: 'nothing-to-receive' }],
    ]);
    const plan = planExport(base, decisions, new Set());
    expect(plan.rows.map((r) => `${r[0]}/${r[4]}`)).toEqual(['9/1', '10/1', '10/2']);
    expect(plan.changedPos).toEqual(['9', '10']);
    expect(plan.unchangedPos).toBe(1);
    expect(plan.nothingToReceivePos).toBe(1);
    expect(plan.droppedPos).toEqual(['1', '3']);
    expect(Object.keys(plan.pos).sort()).toEqual(['10', '2', '9']);
  });

  it('never marks a PO whose reduce failed: it keeps its old hash, or stays unknown', () => {
    const base = state({ '1': 'a1a1a1a1a1a1a1a1' });
    const plan = planExport(base, new Map([['3', changed('3', '1')]]), new Set(['1', '2']));
    expect(plan.failedPos).toEqual(['1', '2']);
    expect(plan.pos).toEqual({ '1': 'a1a1a1a1a1a1a1a1', '3': rowsHash([row('3', '1')]) });
    expect(plan.droppedPos).toEqual([]);
  });

  it('builds the next state from the plan, the run and its files; a full read moves fullReadAt, a changed-only read keeps it', () => {
    const plan = planExport(emptyExportState(), new Map([['3', { ...changed('3', '1'), sig: '5555555555555555' }]]), new Set());
    const files = [{ name: 'f.csv', path: 'p/f.csv', rows: 1, pos: 1, fingerprint: 'x' }];
    const savedAt = new Date('2026-11-23T10:46:00Z');
    expect(nextState(plan, meta, files, savedAt)).toEqual({
      version: 2,
      lastRunId: meta.runId,
      lastFiles: files,
      savedAt: '2026-11-23T10:46:00.000Z',
      pos: plan.pos,
      sigs: { '3': '5555555555555555' },
      readFrom: meta.startedAt,
      fullReadAt: meta.startedAt,
    });
    expect(nextState(plan, { ...meta, readMode: 'changed', previousFullReadAt: '2026-11-23T00:00:00.000Z' }, files, savedAt).fullReadAt).toBe('2026-11-23T00:00:00.000Z');
  });

  it('keeps the signature of every PO decided (read or kept), none for a failed one, and counts the kept ones', () => {
    const base: PoExportState = { ...state({ '1': 'a1a1a1a1a1a1a1a1', '2': 'b2b2b2b2b2b2b2b2' }), sigs: { '1': '1111111111111111', '2': '2222222222222222' } };
    const decisions = new Map<string, PoDecision>([
      ['1', { kind: 'unchanged', hash: 'a1a1a1a1a1a1a1a1', sig: '1111111111111111', kept: true }],
      ['5', { kind: 'nothing-to-receive', sig: '5555555555555555', kept: true }],
      ['6', { ...changed('6', '1'), sig: '6666666666666666' }],
    ]);
    const plan = planExport(base, decisions, new Set(['2']));
    expect(plan.sigs).toEqual({ '1': '1111111111111111', '5': '5555555555555555', '6': '6666666666666666' });
    expect(plan.pos).toEqual({ '1': 'a1a1a1a1a1a1a1a1', '2': 'b2b2b2b2b2b2b2b2', '6': rowsHash([row('6', '1')]) });
    expect(plan.keptPos).toBe(2);
    expect(plan.droppedPos).toEqual([]);
  });
});

describe('stateNeedsSaving', () => {
  const base: PoExportState = { ...state({ '1': 'a1a1a1a1a1a1a1a1' }), sigs: { '1': '1111111111111111' } };
  it('saves after a full read, after reading any PO, or when hashes or signatures moved; not after a run that read and changed nothing', () => {
    const same = { ...base, readFrom: 'later' };
    expect(stateNeedsSaving(base, same, { readMode: 'changed', posRead: 0 })).toBe(false);
    expect(stateNeedsSaving(base, same, { readMode: 'full', posRead: 0 })).toBe(true);
    expect(stateNeedsSaving(base, same, { readMode: 'changed', posRead: 1 })).toBe(true);
    expect(stateNeedsSaving(base, { ...same, sigs: { '1': '9999999999999999' } }, { readMode: 'changed', posRead: 0 })).toBe(true);
    expect(stateNeedsSaving(base, { ...same, pos: {} }, { readMode: 'changed', posRead: 0 })).toBe(true);
  });
});

describe('splitIntoFiles', () => {
  it('keeps every PO whole in one file, starting a new file when the next PO would not fit', () => {
    const rows = [row('1', '1'), row('1', '2'), row('2', '1'), row('3', '1'), row('3', '2'), row('3', '3')];
    expect(splitIntoFiles(rows, 3).map((f) => f.map((r) => `${r[0]}/${r[4]}`))).toEqual([['1/1', '1/2', '2/1'], ['3/1', '3/2', '3/3']]);
    expect(splitIntoFiles(rows, 2).map((f) => f.length)).toEqual([2, 1, 3]);
    expect(splitIntoFiles(rows)).toHaveLength(1);
    expect(splitIntoFiles([])).toEqual([]);
  });
});

describe('chooseUpload', () => {
  const runId = meta.runId;
  it('uploads under the run name when the folder does not have it', () => {
    expect(chooseUpload(runId, 1, 1, [{ name: 'Other.csv', size: 10 }], 10)).toEqual({ action: 'upload', fileName: exportFileName(runId) });
  });
  it('does not upload again what an earlier attempt of this run already put there (same name, same size)', () => {
    expect(chooseUpload(runId, 1, 1, [{ name: exportFileName(runId), size: 120 }], 120)).toEqual({ action: 'already-uploaded', fileName: exportFileName(runId) });
  });
  it('never overwrites a broken earlier attempt: uses the next retry name', () => {
    const existing = [{ name: exportFileName(runId, 2, 3), size: 7 }];
    expect(chooseUpload(runId, 2, 3, existing, 120)).toEqual({ action: 'upload', fileName: exportFileName(runId, 2, 3, 2) });
  });
  it('gives up when every name is taken by other content', () => {
    const existing = Array.from({ length: 3 }, (_, i) => ({ name: exportFileName(runId, 1, 1, i + 1), size: 1 }));
    expect(() => chooseUpload(runId, 1, 1, existing, 120, 3)).toThrow(/PO_EXPORT_NAMES_TAKEN|taken/);
  });
});

describe('utf8Length', () => {
  it('counts UTF-8 bytes like the SFTP server does', () => {
    for (const text of ['', 'abc', 'Café', '€', '日本', '😀', 'a\r\nb', '\ud800x']) expect(utf8Length(text)).toBe(Buffer.byteLength(text, 'utf8'));
  });
});
