import { checkFeedText, FEED_LIMITS, parseId, parseQuantity, parseReceiptFile, receiptKey, refuseSize, type ReceiptEntry } from '../../../src/TypeScripts/hotwax_inventory/core/receipts/feed';

const entriesOf = (json: unknown): ReturnType<typeof parseReceiptFile> => parseReceiptFile(JSON.stringify(json));

describe('parseId', () => {
  it('accepts positive integers as numbers or digit strings, canonically', () => {
    expect(parseId(8302919)).toBe('8302919');
    expect(parseId('8302919')).toBe('8302919');
    expect(parseId(' 01 ')).toBe('1');
    expect(parseId('00002')).toBe('2');
  });

  it('refuses anything else', () => {
    for (const bad of [0, -1, 1.5, '0', '', ' ', 'PO1', '1e3', '-3', null, true, [], {}, undefined]) expect(parseId(bad as never)).toBeUndefined();
  });
});

describe('parseQuantity', () => {
  it('accepts positive numbers and numeric strings', () => {
    expect(parseQuantity(100)).toEqual({ ok: true, value: 100 });
    expect(parseQuantity('40')).toEqual({ ok: true, value: 40 });
    expect(parseQuantity(' 2.5 ')).toEqual({ ok: true, value: 2.5 });
  });

  it('takes 0 as a valid quantity (not received in this delivery)', () => {
    for (const zero of [0, '0', ' 0 ', '0.0', -0]) expect(parseQuantity(zero)).toEqual({ ok: true, value: 0 });
  });

  it('says what is wrong with negative and non-numeric quantities', () => {
    expect(parseQuantity('-3')).toEqual({ ok: false, problem: 'quantity "-3" is negative: a receipt cannot take stock away' });
    for (const bad of ['ten', '', '1,5', '1e3', null, true, undefined, [1]]) {
      const result = parseQuantity(bad);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.problem).toMatch(/is not a number$/);
    }
  });
});

describe('parseReceiptFile: the documented shape', () => {
  it("reads HotWax's published sample (ids and quantities as strings)", () => {
    const file = parseReceiptFile('[{"order_id":"8302919","items":[{"line_id":"1","quantity":"100"},{"line_id":"2","quantity":"40"}]}]');
    expect(file.fileError).toBeUndefined();
    expect(file.total).toBe(1);
    expect(file.rejected).toEqual([]);
    expect(file.entries).toEqual([
      {
        index: 0,
        shape: 'documented',
        poId: '8302919',
        hotwaxOrderId: '',
        lines: [
          { lineId: '1', quantity: 100, receipts: [] },
          { lineId: '2', quantity: 40, receipts: [] },
        ],
      },
    ]);
  });

  it('accepts numbers, a BOM and CRLF line endings', () => {
    const file = parseReceiptFile('\uFEFF[\r\n {"order_id": 9001, "items": [{"line_id": 3, "quantity": 4}]}\r\n]\r\n');
    expect(file.entries[0]?.poId).toBe('9001');
    expect(file.entries[0]?.lines).toEqual([{ lineId: '3', quantity: 4, receipts: [] }]);
  });

  it('rejects an entry with every problem it has, and keeps the good entries', () => {
    const file = entriesOf([
      { order_id: 'X', items: [{ line_id: '1', quantity: 'ten' }, { line_id: 'A', quantity: 1 }] },
      { order_id: '9001', items: [{ line_id: '1', quantity: 1 }, { line_id: '01', quantity: 2 }] },
      { order_id: '9001', items: [] },
      { order_id: '9001' },
      'not an entry',
      { order_id: '9001', items: [{ line_id: '2', quantity: 5 }] },
    ]);
    expect(file.total).toBe(6);
    expect(file.entries.map((e) => e.index)).toEqual([5]);
    expect(file.rejected.map((r) => [r.index, r.order, r.problems.map((p) => [p.lineId, p.problem])])).toEqual([
      [
        0,
        'X',
        [
          ['', 'order_id "X" is not a NetSuite purchase order internal id.'],
          ['1', 'Line 1: quantity "ten" is not a number.'],
          ['A', 'line_id "A" is not a PO line id.'],
        ],
      ],
      [1, '9001', [['01', 'Line 1 appears more than once in this entry (items 1 and 2).']]],
      [2, '9001', [['', 'items is empty: the entry receives nothing.']]],
      [3, '9001', [['', 'items (missing) is not a list of PO lines.']]],
      [4, '', [['', 'Entry 5 is a string, not a receipt object.']]],
    ]);
    for (const r of file.rejected) for (const p of r.problems) expect(p.action).toMatch(/^Nothing of this entry was received\./);
  });
});

describe('parseReceiptFile: the detailed shape', () => {
  const detailed = {
    orderId: 'HC-PO-100',
    orderExternalId: '9001',
    purchaseOrderItems: [
      {
        orderItemSeqId: '00001',
        sku: 'WJ08-XS-Orange',
        quantity: 10,
        totalReceivedQuantity: 7,
        shipmentReceipts: [
          { receiptId: 'R1', shipmentId: 'S1', totalQuantityAccepted: 3 },
          { receiptId: 'R2', shipmentId: 'S2', totalQuantityAccepted: '4' },
        ],
      },
      { orderItemSeqId: '00002', sku: 'MH09-XS-Blue', quantity: 5, totalReceivedQuantity: 0, shipmentReceipts: [] },
      { orderItemExternalId: '3', orderItemSeqId: '00009', quantity: 4, shipmentReceipts: [{ receiptId: 'R3', totalQuantityAccepted: 1 }] },
    ],
  };

  it('maps orderExternalId to the PO, the item external id or sequence to the line, and sums the accepted receipts', () => {
    const file = entriesOf([detailed]);
    expect(file.entries).toEqual([
      {
        index: 0,
        shape: 'detailed',
        poId: '9001',
        hotwaxOrderId: 'HC-PO-100',
        lines: [
          {
            lineId: '1',
            quantity: 7,
            sku: 'WJ08-XS-Orange',
            receipts: [
              { receiptId: 'R1', quantity: 3 },
              { receiptId: 'R2', quantity: 4 },
            ],
          },
          // Item 00002 has no shipment receipts: not received in this entry. Item 3 uses its external id.
          { lineId: '3', quantity: 1, receipts: [{ receiptId: 'R3', quantity: 1 }] },
        ],
      },
    ]);
  });

  it('rejects an entry without a NetSuite PO id, with bad accepted quantities, or with nothing received', () => {
    const file = entriesOf([
      { orderId: 'HC-1', purchaseOrderItems: [{ orderItemSeqId: '1', shipmentReceipts: [{ receiptId: 'R', totalQuantityAccepted: 1 }] }] },
      { orderExternalId: '9001', purchaseOrderItems: [{ orderItemSeqId: '1', shipmentReceipts: [{ receiptId: 'R', totalQuantityAccepted: -2 }] }] },
      { orderExternalId: '9001', purchaseOrderItems: [{ orderItemSeqId: '1', shipmentReceipts: [] }] },
    ]);
    expect(file.entries.map((e) => e.index)).toEqual([2]);
    expect(file.rejected.map((r) => [r.order, r.problems.map((p) => p.problem)])).toEqual([
      ['HC-1', ['orderExternalId (missing) is not a NetSuite purchase order internal id (HotWax order HC-1).']],
      ['9001', ['Line 1, receipt R: totalQuantityAccepted -2 is negative: a receipt cannot take stock away.']],
    ]);
    // Nothing received in the third entry: information, not a problem.
    const third = parseReceiptFile(JSON.stringify([{ orderExternalId: '9001', purchaseOrderItems: [{ orderItemSeqId: '1', shipmentReceipts: [] }] }]));
    expect(third.rejected).toEqual([]);
    expect(third.entries[0]?.lines).toEqual([]);
    expect(third.entries[0]?.notes?.map((n) => n.problem)).toEqual(['No item has shipment receipts: nothing was received in this entry.']);
  });

  it('leaves out shipment receipts and lines that accepted 0, noting the line', () => {
    const file = entriesOf([
      {
        orderExternalId: '9001',
        purchaseOrderItems: [
          { orderItemSeqId: '1', shipmentReceipts: [{ receiptId: 'R1', totalQuantityAccepted: 2 }, { receiptId: 'R0', totalQuantityAccepted: 0 }] },
          { orderItemSeqId: '2', shipmentReceipts: [{ receiptId: 'R2', totalQuantityAccepted: '0' }] },
        ],
      },
    ]);
    expect(file.rejected).toEqual([]);
    expect(file.entries[0]?.lines).toEqual([{ lineId: '1', quantity: 2, receipts: [{ receiptId: 'R1', quantity: 2 }] }]);
    expect(file.entries[0]?.notes?.map((n) => [n.lineId, n.problem])).toEqual([['2', 'Line 2: 0 accepted (shipment receipt R2), not received in this delivery.']]);
  });
});

describe('parseReceiptFile: files that are not a receipt feed', () => {
  it.each([
    ['', 'The file is empty.'],
    ['  \r\n', 'The file is empty.'],
    ['[{"order_id": "1", "items": [', /^The file is not valid JSON \(/],
    ['{"order_id": "1", "items": []}', /^The file holds an object, not an array of receipts/],
    ['"receipts"', /^The file holds a string/],
    ['[]', 'The file holds an empty array: there are no receipts in it.'],
    ['[1, 2, {"foo": 3}]', 'None of the 3 element(s) is a receipt: each must be an object with order_id and items (or orderExternalId and purchaseOrderItems).'],
  ])('%j -> file error', (text, expected) => {
    const file = parseReceiptFile(text);
    if (typeof expected === 'string') expect(file.fileError).toBe(expected);
    else expect(file.fileError).toMatch(expected);
    expect(file.entries).toEqual([]);
    expect(file.rejected).toEqual([]);
  });
});

describe('parseReceiptFile: lines of quantity 0 (not received in this delivery)', () => {
  it('receives the other lines and notes the 0 line as information, not as a problem', () => {
    const file = entriesOf([{ order_id: '9001', items: [{ line_id: '1', quantity: '4' }, { line_id: '2', quantity: 0 }, { line_id: '3', quantity: '0' }] }]);
    expect(file.rejected).toEqual([]);
    expect(file.entries[0]?.lines).toEqual([{ lineId: '1', quantity: 4, receipts: [] }]);
    expect(file.entries[0]?.notes?.map((n) => [n.lineId, n.problem])).toEqual([
      ['2', 'Line 2: quantity 0, not received in this delivery.'],
      ['3', 'Line 3: quantity "0", not received in this delivery.'],
    ]);
    expect(file.entries[0]?.notes?.[0]?.action).toMatch(/^Information only, nothing to do/);
  });

  it('gives an entry whose lines are all 0 no lines (no receipt) and no problem', () => {
    const file = entriesOf([{ order_id: '9001', items: [{ line_id: '1', quantity: 0 }, { line_id: '2', quantity: '0.0' }] }]);
    expect(file.rejected).toEqual([]);
    expect(file.entries).toEqual([expect.objectContaining({ poId: '9001', lines: [] })]);
    expect(file.entries[0]?.notes).toHaveLength(2);
  });

  it('still rejects a 0 line beside a bad one, and a line sent twice even when one is 0', () => {
    const file = entriesOf([
      { order_id: '9001', items: [{ line_id: '1', quantity: 0 }, { line_id: '2', quantity: -1 }] },
      { order_id: '9001', items: [{ line_id: '1', quantity: 0 }, { line_id: '1', quantity: 3 }] },
    ]);
    expect(file.entries).toEqual([]);
    expect(file.rejected.map((r) => r.problems.map((p) => p.problem).join())).toEqual([expect.stringContaining('negative'), expect.stringContaining('appears more than once')]);
  });
});

describe('parseReceiptFile: hostile files are refused before JSON.parse, with a reason', () => {
  it.each([
    ['arrays nested 100,000 deep', `${'['.repeat(100_000)}${']'.repeat(100_000)}`],
    ['objects nested 100,000 deep', `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`],
    ['an unterminated nest 100,000 deep', '['.repeat(100_000)],
  ])('%s', (_name, text) => {
    const file = parseReceiptFile(text);
    expect(file.fileError).toMatch(/^The file is nested 100,000 levels deep; at most 32 are allowed/);
    expect(file.entries).toEqual([]);
  });

  it('allows 32 levels and counts brackets inside strings as text', () => {
    expect(checkFeedText(`${'['.repeat(32)}${']'.repeat(32)}`)).toBeUndefined();
    expect(checkFeedText(`${'['.repeat(33)}${']'.repeat(33)}`)).toMatch(/nested 33 levels deep/);
    expect(checkFeedText(`["${'['.repeat(1000)}\\", "\\"${'{'.repeat(1000)}"]`)).toBeUndefined();
  });

  it('refuses NUL bytes, bytes that were not UTF-8, too many entries and too much text', () => {
    expect(parseReceiptFile('[{"order_id": "9001",\u0000 "items": []}]').fileError).toBe('The file contains a NUL byte (character 22): it is a binary or damaged file, not JSON text.');
    // The download decodes bytes that are not UTF-8 to U+FFFD.
    expect(parseReceiptFile(Buffer.from([0x5b, 0x22, 0xc3, 0x28, 0xff, 0x22, 0x5d]).toString('utf8')).fileError).toMatch(/^The file is not valid UTF-8 text: the bytes at character 3 cannot be read/);
    expect(parseReceiptFile(`[${'{},'.repeat(FEED_LIMITS.maxEntries)}{}]`).fileError).toMatch(/holds about 10,001 entries; at most 10,000 entries are read from one file/);
    expect(parseReceiptFile(`["${'x'.repeat(FEED_LIMITS.maxBytes)}"]`).fileError).toMatch(/^The file is 10,485,764 bytes; at most 10,485,760 bytes \(10 MB\) are read/);
    expect(refuseSize(FEED_LIMITS.maxBytes)).toBeUndefined();
    expect(refuseSize(200_000_000)).toMatch(/^The file is 200,000,000 bytes/);
  });

  it('reads a BOM, and reports a top-level scalar, a truncated file and control characters readably', () => {
    expect(parseReceiptFile('\uFEFF[{"order_id": "9001", "items": [{"line_id": "1", "quantity": 1}]}]').entries).toHaveLength(1);
    expect(parseReceiptFile('42').fileError).toMatch(/^The file holds a number, not an array of receipts/);
    expect(parseReceiptFile('null').fileError).toMatch(/^The file holds null, not an array/);
    const truncated = parseReceiptFile('[{"order_id": "9001", "items": [{"line_id": "1", "quant');
    expect(truncated.fileError).toMatch(/^The file is not valid JSON \(/);
    expect([...(truncated.fileError ?? '')].every((c) => c.charCodeAt(0) >= 0x20)).toBe(true);
    expect(parseReceiptFile('[1, \u0000]').fileError).toMatch(/NUL byte/);
    const bell = parseReceiptFile('{"a":\n\u0007 }').fileError ?? '';
    expect(bell).toMatch(/^The file is not valid JSON \(.*\)\.$/);
    expect(bell.includes('\u0007') || bell.includes('\n')).toBe(false);
  });

  it('shortens a huge id in reports and refuses a huge receipt id', () => {
    const huge = 'A'.repeat(5_000_000);
    const file = entriesOf([
      { order_id: huge, items: [{ line_id: '1', quantity: 1 }] },
      { orderExternalId: '9001', purchaseOrderItems: [{ orderItemSeqId: '1', shipmentReceipts: [{ receiptId: huge, totalQuantityAccepted: 1 }] }] },
    ]);
    expect(file.fileError).toBeUndefined();
    expect(file.rejected).toHaveLength(2);
    expect(file.rejected[0]?.order).toHaveLength(FEED_LIMITS.maxIdLength);
    expect(JSON.stringify(file).length).toBeLessThan(5_000);
    expect(file.rejected[1]?.problems[0]?.problem).toMatch(/receiptId "A+\.\.\. is 5000000 characters long; at most 100 are accepted/);
  });
});

describe('receiptKey and the content fingerprint', () => {
  const entry = (over: Partial<ReceiptEntry> = {}): ReceiptEntry => ({ index: 2, shape: 'documented', poId: '9001', hotwaxOrderId: '', lines: [{ lineId: '1', quantity: 1, receipts: [] }], ...over });

  it('keys a documented entry by the file fingerprint and its position', () => {
    expect(receiptKey('0123456789ABCDEF', entry())).toBe('HWX-IR-0123456789ABCDEF-3');
  });

  it('gives the same fingerprint to the same content however it is formatted, another to other content', () => {
    const content = [{ order_id: '9001', items: [{ line_id: '1', quantity: '3' }] }];
    const a = parseReceiptFile(JSON.stringify(content)).fingerprint;
    expect(a).toMatch(/^[0-9A-F]{16}$/);
    expect(parseReceiptFile(`\uFEFF${JSON.stringify(content, null, 2).replace(/\n/g, '\r\n')}`).fingerprint).toBe(a);
    expect(parseReceiptFile(JSON.stringify([{ order_id: '9001', items: [{ line_id: '1', quantity: '4' }] }])).fingerprint).not.toBe(a);
  });

  it('keys a detailed entry by its sorted receipt ids, whatever the file or position', () => {
    const lines = (ids: string[]): ReceiptEntry['lines'] => [{ lineId: '1', quantity: ids.length, receipts: ids.map((receiptId) => ({ receiptId, quantity: 1 })) }];
    const k1 = receiptKey('AAAA', entry({ shape: 'detailed', lines: lines(['R2', 'R1']) }));
    expect(k1).toMatch(/^HWX-IR-R[0-9A-F]{16}$/);
    expect(receiptKey('BBBB', entry({ index: 9, shape: 'detailed', lines: lines(['R1', 'R2']) }))).toBe(k1);
    expect(receiptKey('AAAA', entry({ shape: 'detailed', lines: lines(['R1']) }))).not.toBe(k1);
    // A receipt without an id: fall back to the file key.
    expect(receiptKey('AAAA', entry({ shape: 'detailed', lines: lines(['R1', '']) }))).toBe('HWX-IR-AAAA-3');
  });
});
