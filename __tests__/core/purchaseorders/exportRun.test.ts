import { IntegrationError } from '../../../src/TypeScripts/hotwax_inventory/core/integrationError';
import {
  chooseUpload,
  decidePurchaseOrder,
  exportFileName,
  groupByPurchaseOrder,
  nextState,
  planExport,
  reduceInputs,
  RUN_META_KEY,
  runIdAt,
  splitIntoFiles,
  type PoSearchLine,
  type RunMeta,
} from '../../../src/TypeScripts/hotwax_inventory/core/purchaseorders/exportRun';
import { emptyExportState, rowsHash, type PoDecision, type PoExportState } from '../../../src/TypeScripts/hotwax_inventory/core/purchaseorders/exportState';
import type { PoExportRow, PoLine } from '../../../src/TypeScripts/hotwax_inventory/core/purchaseorders/poLines';
import { utf8Length } from '../../../src/TypeScripts/hotwax_inventory/core/utf8';

const poLine = (lineId: string, quantity = '10'): PoLine => ({ line: lineId, itemId: '3412', itemName: 'SKU-A', quantity, quantityReceived: '0', locationId: '254', expectedReceiptDate: '' });
const searchLine = (poId: string, lineId: string): PoSearchLine => ({ poId, ...poLine(lineId) });
const row = (poId: string, lineId: string, qty = '1'): PoExportRow => [poId, 'SKU', qty, '254', lineId, ''];
const meta: RunMeta = { runId: '20261123T104500Z_abc123', startedAt: '2026-11-23T10:45:00.000Z', stateFileId: 55, searchId: 'customsearch_x', searchCreated: false, pos: 2, lines: 3 };
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

  it('builds the next state from the plan, the run and its files', () => {
    const plan = planExport(emptyExportState(), new Map([['3', changed('3', '1')]]), new Set());
    const files = [{ name: 'f.csv', path: 'p/f.csv', rows: 1, pos: 1, fingerprint: 'x' }];
    expect(nextState(plan, meta.runId, files, new Date('2026-11-23T10:46:00Z'))).toEqual({ version: 1, lastRunId: meta.runId, lastFiles: files, savedAt: '2026-11-23T10:46:00.000Z', pos: plan.pos });
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
