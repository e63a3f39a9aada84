import * as fs from 'node:fs';
import * as path from 'node:path';
import * as Papa from 'papaparse';
import { clearCustomDefinitionsCache } from '../../../../runtime/records/recordTypes';
import { runCsvImport, type CsvImportMapping, type CsvImportResult } from '../../../../runtime/engines/csvImport';
import type { CsvImportFieldMapping } from '../../../../runtime/engines/csvImportMapping';
import { cleanup, IDS, makeContext, type TestContext } from '../../records/testAccount';

const S = (n: number): string => String(n);

const col = (field: string, column: string, referenceType = 'NAME', columnFile = 'INVENTORYADJUSTMENT'): CsvImportFieldMapping => ({ field, column, columnFile, referenceType });

/** Shaped like src/Objects/variances/custimport_hwx_inventory_adjustment.xml as the SDF reader returns it. */
function adjustmentMap(overrides: Partial<CsvImportMapping> = {}, lineRefs: { item?: string; location?: string } = {}): CsvImportMapping {
  return {
    scriptId: 'custimport_test_adjustment',
    recordType: 'INVENTORYADJUSTMENT',
    dataHandling: 'ADD',
    options: { ignorereadonly: true, overwritemissingfields: false, overwritesublists: false, decimaldelimiter: 'PERIOD', columndelimiter: 'COMMA' },
    files: [{ file: 'INVENTORYADJUSTMENT' }],
    recordMappings: [
      {
        record: 'INVENTORYADJUSTMENT',
        fieldMappings: [
          col('EXTERNALID', 'External ID'),
          col('TRANDATE', 'Date'),
          col('SUBSIDIARY', 'Subsidiary', 'INTERNAL_ID'),
          col('ACCOUNT', 'Account', 'INTERNAL_ID'),
          col('MEMO', 'Memo'),
          col('custbody_hwx_source_file', 'Source File'),
        ],
      },
      {
        record: 'INVENTORYADJUSTMENT:INVENTORY',
        fieldMappings: [
          col('ITEM', 'Item', lineRefs.item ?? 'INTERNAL_ID'),
          col('LOCATION', 'Location', lineRefs.location ?? 'INTERNAL_ID'),
          col('ADJUSTQTYBY', 'Adjust Qty By'),
          col('custcol_hwx_reason', 'Reason'),
        ],
      },
    ],
    ...overrides,
  };
}

const HEADER = ['External ID', 'Date', 'Subsidiary', 'Account', 'Memo', 'Source File', 'Item', 'Location', 'Adjust Qty By', 'Reason'];

/** One CSV row of an adjustment: external id, item, location, quantity (and optional overrides by column). */
function row(externalId: string, item: string | number, location: string | number, qty: string | number, extra: Record<string, string> = {}): string[] {
  const values: Record<string, string> = {
    'External ID': externalId,
    Date: '2/29/2024',
    Subsidiary: S(IDS.subsidiary),
    Account: S(IDS.adjustmentAccount),
    Memo: 'Inventory cycle count by HotWax',
    'Source File': 'variance.csv',
    Item: String(item),
    Location: String(location),
    'Adjust Qty By': String(qty),
    Reason: 'Damaged',
    ...extra,
  };
  return HEADER.map((h) => values[h] ?? '');
}

const csv = (rows: string[][], header = HEADER): string => Papa.unparse({ fields: header, data: rows });

describe('CSV import engine', () => {
  let ctx: TestContext;
  beforeEach(() => {
    ctx = makeContext();
  });
  afterEach(() => cleanup(ctx));

  const run = (mapping: CsvImportMapping, rows: string[][], header = HEADER): CsvImportResult =>
    runCsvImport(ctx.env, { mapping, csvText: csv(rows, header), jobName: 'test.csv' });

  test('consecutive rows with the same External ID form one record with one line per row (NETSUITE.md 3.1.2)', () => {
    const result = run(adjustmentMap(), [row('A', IDS.sku1, IDS.storeA, -2), row('A', IDS.sku2, IDS.storeA, 5), row('B', IDS.sku1, IDS.damaged, 3)]);
    expect(result.status).toBe('COMPLETE');
    expect(result).toMatchObject({ totalRows: 3, importedRows: 3, failedRows: 0 });
    expect(result.records.map((r) => r.externalId)).toEqual(['A', 'B']);
    const a = ctx.account.findByExternalId('inventoryadjustment', 'A');
    expect(a?.sublists.inventory?.map((l) => [l.item, l.adjustqtyby, l.custcol_hwx_reason])).toEqual([
      [S(IDS.sku1), -2, 'Damaged'],
      [S(IDS.sku2), 5, 'Damaged'],
    ]);
    expect(a?.fields).toMatchObject({ trandate: '2024-02-29', account: S(IDS.adjustmentAccount), custbody_hwx_source_file: 'variance.csv' });
    expect(result.rowResults.map((r) => r.recordId)).toEqual([a?.id, a?.id, result.records[1]?.id]);
    // Records are created through the record service, so stock moves (NETSUITE.md 4.1 Emulator).
    expect(ctx.account.onHand(S(IDS.sku1), S(IDS.storeA))).toBe(18);
    expect(ctx.account.onHand(S(IDS.sku1), S(IDS.damaged))).toBe(3);
    expect(ctx.journal.created.get('inventoryadjustment')).toHaveLength(2);
  });

  test('the import charges no governance to the submitting script (NETSUITE.md 2.1: submit costs 100, the job runs outside)', () => {
    run(adjustmentMap(), [row('A', IDS.sku1, IDS.storeA, 1)]);
    expect(ctx.meter.usage).toBe(0);
  });

  test('a non-adjacent repeat of an External ID is a separate ADD that fails as a duplicate; the job still ends COMPLETE (NETSUITE.md 3.1.4, 2.1)', () => {
    const result = run(adjustmentMap(), [row('A', IDS.sku1, IDS.storeA, 1), row('B', IDS.sku1, IDS.storeA, 1), row('A', IDS.sku2, IDS.storeA, 1)]);
    expect(result.status).toBe('COMPLETE');
    expect(result.rowResults.map((r) => r.status)).toEqual(['imported', 'imported', 'failed']);
    expect(result.rowResults[2]?.message).toBe('DUP_RCRD: A record with this external ID already exists.');
    expect(ctx.account.findByExternalId('inventoryadjustment', 'A')?.sublists.inventory).toHaveLength(1);
  });

  test('ADD with an external id that already exists fails all rows of that record while other records import (NETSUITE.md 2.3)', () => {
    run(adjustmentMap(), [row('OLD', IDS.sku1, IDS.storeA, 1)]);
    const result = run(adjustmentMap(), [row('NEW', IDS.sku1, IDS.storeA, 1), row('OLD', IDS.sku1, IDS.storeA, 1), row('OLD', IDS.sku2, IDS.storeA, 1), row('NEW2', IDS.sku2, IDS.storeA, 1)]);
    expect(result.status).toBe('COMPLETE');
    expect(result).toMatchObject({ totalRows: 4, importedRows: 2, failedRows: 2 });
    expect(result.rowResults.map((r) => r.status)).toEqual(['imported', 'failed', 'failed', 'imported']);
    expect(result.rowResults[1]?.message).toContain('DUP_RCRD');
  });

  test('ADDUPDATE: a non-adjacent repeat updates the earlier record and appends its lines when overwritesublists is F (NETSUITE.md 3.1.4, 2.3)', () => {
    const mapping = adjustmentMap({ dataHandling: 'ADDUPDATE' });
    const result = run(mapping, [row('A', IDS.sku1, IDS.storeA, 1), row('B', IDS.sku1, IDS.storeA, 1), row('A', IDS.sku2, IDS.storeA, 2)]);
    expect(result.importedRows).toBe(3);
    expect(result.records).toHaveLength(2);
    const a = ctx.account.findByExternalId('inventoryadjustment', 'A');
    expect(a?.sublists.inventory?.map((l) => [l.line, l.item])).toEqual([
      ['1', S(IDS.sku1)],
      ['2', S(IDS.sku2)],
    ]);
    expect(ctx.account.onHand(S(IDS.sku2), S(IDS.storeA))).toBe(2);
    // overwritesublists=T replaces the lines instead.
    run({ ...mapping, options: { ...mapping.options, overwritesublists: 'T' } }, [row('A', IDS.sku2, IDS.storeA, 4)]);
    expect(ctx.account.findByExternalId('inventoryadjustment', 'A')?.sublists.inventory?.map((l) => l.adjustqtyby)).toEqual([4]);
    expect(ctx.account.onHand(S(IDS.sku1), S(IDS.storeA))).toBe(21);
    expect(ctx.account.onHand(S(IDS.sku2), S(IDS.storeA))).toBe(4);
  });

  test('ADDUPDATE keyed on TRANID updates the adjustment with that number, as HotWax\'s map does (NETSUITE.md 3.1.1 [O])', () => {
    const mapping = adjustmentMap({ dataHandling: 'ADDUPDATE' });
    const body = mapping.recordMappings[0];
    if (body) body.fieldMappings = body.fieldMappings.map((m) => (m.field === 'EXTERNALID' ? { ...m, field: 'TRANID' } : m));
    run(mapping, [row('10009', IDS.sku1, IDS.storeA, 1), row('10009', IDS.sku2, IDS.storeA, 1)]);
    run(mapping, [row('10009', IDS.sku1, IDS.storeA, 5)]);
    const adjustments = ctx.account.listRecords('inventoryadjustment');
    expect(adjustments).toHaveLength(1);
    expect(adjustments[0]?.fields.tranid).toBe('10009');
    expect(adjustments[0]?.sublists.inventory).toHaveLength(3);
  });

  test('UPDATE with no matching record fails those rows (NETSUITE.md 2.3)', () => {
    const result = run(adjustmentMap({ dataHandling: 'UPDATE' }), [row('NOPE', IDS.sku1, IDS.storeA, 1)]);
    expect(result.status).toBe('COMPLETE');
    expect(result.rowResults[0]).toMatchObject({ status: 'failed' });
    expect(result.rowResults[0]?.message).toContain('RCRD_DSNT_EXIST');
  });

  test('a record that fails validation fails all of its rows with the reason; other records import (NETSUITE.md 2.1)', () => {
    const result = run(adjustmentMap(), [row('A', IDS.sku1, IDS.storeA, 1), row('A', IDS.sku1, 99, 1), row('B', IDS.sku1, IDS.storeA, 1), row('C', IDS.sku1, IDS.inactiveStore, 1)]);
    expect(result.rowResults.map((r) => r.status)).toEqual(['failed', 'failed', 'imported', 'failed']);
    expect(result.rowResults[0]?.message).toBe('INVALID_KEY_OR_REF: Invalid location reference key 99.');
    expect(result.rowResults[3]?.message).toContain(`Invalid location reference key ${IDS.inactiveStore}`);
    expect(ctx.account.onHand(S(IDS.sku1), S(IDS.storeA))).toBe(21);
  });

  test('the results file holds the original columns plus Result and Message for every row (NETSUITE.md 2.1 results.csv)', () => {
    const result = run(adjustmentMap(), [row('A', IDS.sku1, IDS.storeA, 'x'), row('B', IDS.sku1, IDS.storeA, 1)]);
    const parsed = Papa.parse<string[]>(result.resultsCsv, { skipEmptyLines: true }).data;
    expect(parsed[0]).toEqual([...HEADER, 'Result', 'Message']);
    expect(parsed[1]?.slice(0, 2)).toEqual(['A', '2/29/2024']);
    expect(parsed[1]?.slice(-2)).toEqual(['Failed', 'INVALID_FLD_VALUE: You have entered an Invalid Field Value x for the following field: adjustqtyby']);
    expect(parsed[2]?.slice(-2)).toEqual(['Imported', '']);
  });

  test('a mapped column missing from the header FAILS the whole job before any row (NETSUITE.md 2.1: pre-import validation)', () => {
    const header = HEADER.filter((h) => h !== 'Adjust Qty By');
    const result = runCsvImport(ctx.env, { mapping: adjustmentMap(), csvText: csv([row('A', IDS.sku1, IDS.storeA, 1).slice(0, 9)], header), jobName: 'test.csv' });
    expect(result.status).toBe('FAILED');
    expect(result.error).toContain('"Adjust Qty By"');
    expect(result.importedRows).toBe(0);
    expect(ctx.account.listRecords('inventoryadjustment')).toHaveLength(0);
  });

  test('header matching is exact: "External Id" does not match a map column "External ID" (NETSUITE.md 3: exact header text)', () => {
    const header = HEADER.map((h) => (h === 'External ID' ? 'External Id' : h));
    expect(run(adjustmentMap(), [row('A', IDS.sku1, IDS.storeA, 1)], header).status).toBe('FAILED');
  });

  test('more than 25,000 data rows FAIL the job (NETSUITE.md 2.2: at most 25,000 records per job)', () => {
    const line = row('A', IDS.sku1, IDS.storeA, 1).join(',');
    const text = [HEADER.join(','), ...new Array<string>(25_001).fill(line)].join('\n');
    const result = runCsvImport(ctx.env, { mapping: adjustmentMap(), csvText: text, jobName: 'big.csv' });
    expect(result.status).toBe('FAILED');
    expect(result.error).toContain('25,000');
    expect(ctx.account.listRecords('inventoryadjustment')).toHaveLength(0);
  });

  test('a map that names a project field its applies-to flags do not put on the record FAILS the job (SDF-FIELDS.md §7.2; [U] checklist 4.3)', () => {
    fs.writeFileSync(
      path.join(ctx.projectFolder, 'Objects', 'custcol_test_receipt_only.xml'),
      '<transactioncolumncustomfield scriptid="custcol_test_receipt_only"><fieldtype>TEXT</fieldtype><label>Receipt only</label><colitemreceipt>T</colitemreceipt></transactioncolumncustomfield>\n',
    );
    clearCustomDefinitionsCache();
    const map = adjustmentMap();
    map.recordMappings[1]?.fieldMappings.push(col('custcol_test_receipt_only', 'Reason'));
    const result = run(map, [row('A', IDS.sku1, IDS.storeA, 1)]);
    expect(result.status).toBe('FAILED');
    expect(result.error).toContain('custcol_test_receipt_only is not on Inventory Adjustment sublist inventory: its applies-to flags name other record types');
    expect(ctx.account.listRecords('inventoryadjustment')).toHaveLength(0);
  });

  test('a record type ns-local cannot import, or an unknown mapped field, FAILS the job', () => {
    expect(run(adjustmentMap({ recordType: 'ITEMRECEIPT' }), [row('A', IDS.sku1, IDS.storeA, 1)]).status).toBe('FAILED');
    const typo = adjustmentMap();
    typo.recordMappings[1]?.fieldMappings.push(col('ADJUSTQTYBYY', 'Adjust Qty By'));
    const result = run(typo, [row('A', IDS.sku1, IDS.storeA, 1)]);
    expect(result.status).toBe('FAILED');
    expect(result.error).toContain('ADJUSTQTYBYY');
  });

  test('multi-line records need an identifier mapped: without External ID the job FAILS (NETSUITE.md 3.1.1)', () => {
    const mapping = adjustmentMap();
    const body = mapping.recordMappings[0];
    if (body) body.fieldMappings = body.fieldMappings.filter((m) => m.field !== 'EXTERNALID');
    const result = run(mapping, [row('A', IDS.sku1, IDS.storeA, 1)]);
    expect(result.status).toBe('FAILED');
    expect(result.error).toContain('You must map one of the following NetSuite fields');
  });

  test('NAME references resolve locations by name and items by itemid; an ambiguous or unknown name fails the row (NETSUITE.md 3 columnreference)', () => {
    const mapping = adjustmentMap({}, { item: 'NAME', location: 'NAME' });
    const result = run(mapping, [row('A', 'SKU-2', 'Store A', 3), row('B', 'TWIN', 'Store A', 1), row('C', 'SKU-2', 'Nowhere', 1)]);
    expect(result.rowResults.map((r) => r.status)).toEqual(['imported', 'failed', 'failed']);
    expect(ctx.account.onHand(S(IDS.sku2), S(IDS.storeA))).toBe(3);
    expect(result.rowResults[1]?.message).toContain(`More than one Item matches "TWIN" (internal ids ${IDS.twinA}, ${IDS.twinB})`);
    expect(result.rowResults[2]?.message).toBe('INVALID_KEY_OR_REF: Invalid location reference key Nowhere.');
  });

  test('EXTERNAL_ID references resolve by the target record\'s external id', () => {
    const result = run(adjustmentMap({}, { item: 'EXTERNAL_ID' }), [row('A', `ext-SKU-1-${IDS.sku1}`, IDS.storeA, 2)]);
    expect(result.importedRows).toBe(1);
    expect(ctx.account.onHand(S(IDS.sku1), S(IDS.storeA))).toBe(22);
  });

  test("dates follow the account's date format preference (NETSUITE.md 3: the importing user's format)", () => {
    ctx.account.settings.dateFormat = 'DD.MM.YYYY';
    const result = run(adjustmentMap(), [row('A', IDS.sku1, IDS.storeA, 1, { Date: '15.01.2024' }), row('B', IDS.sku1, IDS.storeA, 1, { Date: '1/15/2024' })]);
    expect(result.rowResults.map((r) => r.status)).toEqual(['imported', 'failed']);
    expect(ctx.account.findByExternalId('inventoryadjustment', 'A')?.fields.trandate).toBe('2024-01-15');
    expect(result.rowResults[1]?.message).toContain('trandate');
  });

  test('body values come from the first row of a run; a later row that differs is ignored with a warning (NETSUITE.md 3.1.3)', () => {
    const result = run(adjustmentMap(), [row('A', IDS.sku1, IDS.storeA, 1), row('A', IDS.sku2, IDS.storeA, 1, { Memo: 'something else' })]);
    expect(result.importedRows).toBe(2);
    expect(ctx.account.findByExternalId('inventoryadjustment', 'A')?.fields.memo).toBe('Inventory cycle count by HotWax');
    expect(result.warnings).toHaveLength(1);
    expect(result.rowResults[1]?.message).toContain('differs from the first row');
  });

  test('rows whose sublist cells are empty add no line (NETSUITE.md 3.1.5)', () => {
    const result = run(adjustmentMap(), [row('A', IDS.sku1, IDS.storeA, 1), row('A', '', '', '', { Reason: '' })]);
    expect(result.importedRows).toBe(2);
    expect(ctx.account.findByExternalId('inventoryadjustment', 'A')?.sublists.inventory).toHaveLength(1);
  });

  test('inventory transfers import through the same engine and move stock (NETSUITE.md 4.2)', () => {
    const tcol = (field: string, column: string, referenceType = 'INTERNAL_ID'): CsvImportFieldMapping => col(field, column, referenceType, 'INVENTORYTRANSFER');
    const mapping: CsvImportMapping = {
      scriptId: 'custimport_test_transfer',
      recordType: 'INVENTORYTRANSFER',
      dataHandling: 'ADD',
      options: {},
      files: [{ file: 'INVENTORYTRANSFER' }],
      recordMappings: [
        {
          record: 'INVENTORYTRANSFER',
          fieldMappings: [
            tcol('EXTERNALID', 'External ID', 'NAME'),
            tcol('SUBSIDIARY', 'Subsidiary'),
            tcol('LOCATION', 'From Location'),
            tcol('TRANSFERLOCATION', 'To Location'),
          ],
        },
        { record: 'INVENTORYTRANSFER:INVENTORY', fieldMappings: [tcol('ITEM', 'Item'), tcol('ADJUSTQTYBY', 'Adjust Qty By', 'NAME')] },
      ],
    };
    const header = ['External ID', 'Subsidiary', 'From Location', 'To Location', 'Item', 'Adjust Qty By'];
    const rows = [
      ['T1', S(IDS.subsidiary), S(IDS.storeA), S(IDS.damaged), S(IDS.sku1), '5'],
      ['T1', S(IDS.subsidiary), S(IDS.storeA), S(IDS.damaged), S(IDS.sku1), '2'],
    ];
    const result = runCsvImport(ctx.env, { mapping, csvText: csv(rows, header), jobName: 'transfer.csv' });
    expect(result.importedRows).toBe(2);
    expect(ctx.account.onHand(S(IDS.sku1), S(IDS.storeA))).toBe(13);
    expect(ctx.account.onHand(S(IDS.sku1), S(IDS.damaged))).toBe(7);
    // A column file that is not part of the import makes the job FAILED.
    const wrongFile = { ...mapping, recordMappings: mapping.recordMappings.map((rm) => ({ ...rm, fieldMappings: rm.fieldMappings.map((m) => ({ ...m, columnFile: 'SALESORDER:ITEM' })) })) };
    expect(runCsvImport(ctx.env, { mapping: wrongFile, csvText: csv(rows, header), jobName: 'transfer.csv' }).status).toBe('FAILED');
  });

  test('a multi-file import joins linked rows to the main row by primary and foreign key (NETSUITE.md 3 filemapping)', () => {
    const mapping: CsvImportMapping = {
      scriptId: 'custimport_test_multi',
      recordType: 'INVENTORYADJUSTMENT',
      dataHandling: 'ADD',
      options: {},
      files: [{ file: 'INVENTORYADJUSTMENT', primaryKey: 'Key' }, { file: 'INVENTORYADJUSTMENT:INVENTORY', foreignKey: 'Key' }],
      recordMappings: [
        { record: 'INVENTORYADJUSTMENT', fieldMappings: [col('EXTERNALID', 'Key'), col('SUBSIDIARY', 'Subsidiary', 'INTERNAL_ID'), col('ACCOUNT', 'Account', 'INTERNAL_ID')] },
        {
          record: 'INVENTORYADJUSTMENT:INVENTORY',
          fieldMappings: [
            col('ITEM', 'Item', 'INTERNAL_ID', 'INVENTORYADJUSTMENT:INVENTORY'),
            col('LOCATION', 'Location', 'INTERNAL_ID', 'INVENTORYADJUSTMENT:INVENTORY'),
            col('ADJUSTQTYBY', 'Qty', 'NAME', 'INVENTORYADJUSTMENT:INVENTORY'),
          ],
        },
      ],
    };
    const main = csv([['M1', S(IDS.subsidiary), S(IDS.adjustmentAccount)]], ['Key', 'Subsidiary', 'Account']);
    const lines = csv(
      [
        ['M1', S(IDS.sku1), S(IDS.storeA), '1'],
        ['M1', S(IDS.sku2), S(IDS.storeA), '2'],
        ['OTHER', S(IDS.sku2), S(IDS.storeA), '9'],
      ],
      ['Key', 'Item', 'Location', 'Qty'],
    );
    const result = runCsvImport(ctx.env, { mapping, csvText: main, linkedFiles: { inventory: lines }, jobName: 'multi.csv' });
    expect(result.status).toBe('COMPLETE');
    expect(ctx.account.findByExternalId('inventoryadjustment', 'M1')?.sublists.inventory?.map((l) => l.adjustqtyby)).toEqual([1, 2]);
  });
});
