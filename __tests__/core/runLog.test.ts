// The run log's pure rules (core/runLog.ts) and the notes the flows write with it.
import { count, mapReduceUnits, RUN_LOG_UNITS, runKey, sentence, worst } from '../../src/TypeScripts/hotwax_inventory/core/runLog';
import { varianceRunNote, type RunSummary } from '../../src/TypeScripts/hotwax_inventory/variances/varianceImport';
import { transferImportRunNote } from '../../src/TypeScripts/hotwax_inventory/transfers/transferImport';

describe('run status', () => {
  it('keeps the worst: FAILED over NEEDS_ATTENTION over CONTINUES over COMPLETE', () => {
    expect(worst()).toBe('COMPLETE');
    expect(worst('COMPLETE', 'CONTINUES')).toBe('CONTINUES');
    expect(worst('NEEDS_ATTENTION', 'CONTINUES')).toBe('NEEDS_ATTENTION');
    expect(worst('CONTINUES', 'FAILED', 'NEEDS_ATTENTION')).toBe('FAILED');
  });
});

describe('run text', () => {
  it('says what happened, and "found nothing to do" when nothing did', () => {
    expect(sentence([false, '', undefined])).toBe('found nothing to do');
    expect(sentence(['took 1 file', false, 'finished 2 files'])).toBe('took 1 file; finished 2 files');
    expect(count(0, 'file')).toBe('no files');
    expect(count(1, 'entry', 'entries')).toBe('1 entry');
    expect(count(12_345, 'row')).toBe('12,345 rows');
  });
});

describe('units', () => {
  it('a Map/Reduce run adds every stage, summarize so far, and the log record (create 2 + save 4)', () => {
    expect(RUN_LOG_UNITS).toBe(6);
    expect(mapReduceUnits({ input: 130, map: 0, reduce: 420 }, 44)).toBe(600);
  });

  it('a restarted summarize finds its run by deployment and instance start', () => {
    const start = new Date('2026-12-06T10:00:00Z');
    expect(runKey('customdeploy_x', start)).toBe(runKey('customdeploy_x', new Date(start.getTime())));
    expect(runKey('customdeploy_x', start)).not.toBe(runKey('customdeploy_y', start));
  });
});

const emptyVariance = (): RunSummary => ({ flow: 'variance:inventoryadjustment', filesFollowedUp: 0, filesFinished: [], filesSubmitted: [], filesWaiting: [], filesRejected: [], rescheduled: false, unitsLeft: 9_000 });

describe('variance run note', () => {
  it('an idle run is COMPLETE and found nothing to do', () => {
    expect(varianceRunNote(emptyVariance())).toEqual({ status: 'COMPLETE', text: 'found nothing to do', files: 0 });
  });

  it('a file that ended in failed/ or rejected rows needs attention', () => {
    const s = emptyVariance();
    s.filesFinished.push({ file: 'a.csv', destination: 'inventoryadjustment/failed/a.csv', applied: 0, rejected: 3, skipped: 0, counted: 0, report: 'inventoryadjustment/error/a_report.csv' });
    s.filesFinished.push({ file: 'b.csv', destination: 'inventoryadjustment/archive/b.csv', applied: 10, rejected: 0, skipped: 0, counted: 0, report: '' });
    const note = varianceRunNote(s);
    expect(note.status).toBe('NEEDS_ATTENTION');
    expect(note.text).toBe('finished 2 files (1 archived, 1 failed): 10 rows applied, 3 rows rejected');
    expect(note.files).toBe(2);
  });

  it('a run that handed over to its continuation deployment continues', () => {
    const s = emptyVariance();
    s.filesSubmitted.push({ file: 'big.csv', rows: 100_000, jobs: 5, transactions: 40 });
    s.rescheduled = true;
    const note = varianceRunNote(s);
    expect(note.status).toBe('CONTINUES');
    expect(note.text).toBe('took 1 file (100,000 rows, 5 CSV import jobs); continues on the continuation deployment');
  });
});

describe('transfer import run note', () => {
  it('rejected entries need attention even when files were left for the next run', () => {
    const note = transferImportRunNote({ mode: 'receipt', files: ['a.json'], posted: 4, already: 1, rejected: 2, leftForNextRun: 1, writtenOff: 0, graceWaiting: 0, graceDeferred: false });
    expect(note.status).toBe('NEEDS_ATTENTION');
    expect(note.text).toBe('finished 1 file: 4 receipts posted, 1 already posted, 2 rejected; 1 file left for the next run (governance)');
  });
});
