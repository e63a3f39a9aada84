// N/file, N/log, N/runtime, N/format, N/email, N/error and the account store, each against the NetSuite
// fact it follows (NETSUITE.md 5 and 7).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Account } from '../../../runtime/account/account';
import { initAccount } from '../../../runtime/account/fixture';
import { ChangeJournal, type ExecutionEnv, type RunningScript } from '../../../runtime/context';
import { GovernanceMeter } from '../../../runtime/engines/governance';
import { createFileModule, type NsFile } from '../../../runtime/modules/file';
import { createLogModule } from '../../../runtime/modules/log';
import { createRuntimeModule } from '../../../runtime/modules/runtime';
import { createFormatModule } from '../../../runtime/modules/format';
import { createEmailModule } from '../../../runtime/modules/email';
import { createErrorModule, type SuiteScriptError } from '../../../runtime/modules/error';

let dir: string;
let account: Account;
let meter: GovernanceMeter;

function env(script: Partial<RunningScript> = {}): ExecutionEnv {
  return {
    account,
    projectFolder: dir,
    script: { scriptId: 'customscript_t', deploymentId: 'customdeploy_t', objectType: 'scheduledscript', params: {}, logLevel: 'DEBUG', invocationType: 'SCHEDULED', ...script },
    executionContext: 'SCHEDULED',
    executionId: 'x1',
    meter: () => meter,
    journal: new ChangeJournal(),
    tasks: { enqueue: () => 'T1' },
    now: () => new Date('2026-11-23T12:00:00Z'),
  };
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ns-basics-'));
  account = initAccount(path.join(dir, 'acct'), { folders: ['/Work'], settings: { dateFormat: 'D/M/YYYY' } });
  meter = new GovernanceMeter(10_000);
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

type FileModule = {
  create(o: Record<string, unknown>): NsFile;
  load(o: { id: number | string }): NsFile;
  Type: Record<string, string>;
};

describe('N/file', () => {
  it('File.save needs a folder (SSS_MISSING_REQD_ARGUMENT), costs 20 units, and file.load (10 units) finds it by id or path', () => {
    const file = createFileModule(env()) as unknown as FileModule;
    const f = file.create({ name: 'a.csv', fileType: 'CSV', contents: 'x,y\n1,2' });
    expect(() => f.save()).toThrow(expect.objectContaining({ name: 'SSS_MISSING_REQD_ARGUMENT' }) as Error);
    f.folder = account.folderByPath('/Work') ?? null;
    const id = f.save();
    expect(meter.usage).toBe(20);
    expect(file.load({ id }).getContents()).toBe('x,y\n1,2');
    expect(file.load({ id: '/Work/a.csv' }).id).toBe(id);
    expect(meter.usage).toBe(40);
    expect(() => file.load({ id: 999999 })).toThrow(expect.objectContaining({ name: 'RCRD_DSNT_EXIST' }) as Error);
  });

  it('getContents() refuses more than 10 MB (SSS_FILE_CONTENT_SIZE_EXCEEDED) while lines.iterator() reads it', () => {
    const file = createFileModule(env()) as unknown as FileModule;
    const big = file.create({ name: 'big.csv', fileType: 'CSV', contents: `${'a'.repeat(1024)}\n`.repeat(10_300) });
    expect(() => big.getContents()).toThrow(expect.objectContaining({ name: 'SSS_FILE_CONTENT_SIZE_EXCEEDED' }) as Error);
    let lines = 0;
    big.lines.iterator().each(() => {
      lines += 1;
      return true;
    });
    expect(lines).toBe(10_300);
  });

  it('reading after appending throws until resetStream() (NETSUITE.md 7)', () => {
    const file = createFileModule(env()) as unknown as FileModule;
    const f = file.create({ name: 'log.txt', fileType: 'PLAINTEXT', contents: '' });
    f.appendLine({ value: 'one' });
    expect(() => f.getContents()).toThrow(expect.objectContaining({ name: 'YOU_CANNOT_READ_FROM_A_FILE_AFTER_YOU_BEGAN_WRITING_TO_IT' }) as Error);
    f.resetStream();
    expect(f.getContents()).toBe('one\n');
  });
});

describe('N/log', () => {
  it('keeps entries at or above the deployment log level, takes both call styles, cuts titles at 99 and details at 3,999', () => {
    const log = createLogModule(env({ logLevel: 'AUDIT' })) as Record<string, (a: unknown, b?: unknown) => void>;
    log.debug?.('hidden', 'x');
    log.audit?.({ title: 't'.repeat(120), details: 'd'.repeat(5000) });
    log.error?.('plain', { n: 1 });
    const logs = account.readLogs();
    expect(logs.map((l) => l.level)).toEqual(['AUDIT', 'ERROR']);
    expect(logs[0]?.title).toHaveLength(99);
    expect(logs[0]?.details).toHaveLength(3999);
    expect(logs[1]?.details).toBe('{"n":1}');
  });
});

describe('N/runtime', () => {
  it('returns typed parameters, the remaining usage of the invocation and the user date preference', () => {
    const runtime = createRuntimeModule(env({ params: { custscript_n: 5, custscript_b: true } })) as {
      getCurrentScript(): { getParameter(o: { name: string }): unknown; getRemainingUsage(): number };
      getCurrentUser(): { getPreference(o: { name: string }): unknown };
      executionContext: string;
    };
    const script = runtime.getCurrentScript();
    expect(script.getParameter({ name: 'custscript_n' })).toBe(5);
    expect(script.getParameter({ name: 'custscript_b' })).toBe(true);
    expect(script.getParameter({ name: 'custscript_unknown' })).toBeNull();
    meter.charge('x', 250);
    expect(script.getRemainingUsage()).toBe(9750);
    expect(runtime.getCurrentUser().getPreference({ name: 'DATEFORMAT' })).toBe('D/M/YYYY');
    expect(runtime.executionContext).toBe('SCHEDULED');
  });
});

describe('N/format', () => {
  it("parses and formats dates with the user's date format, and returns an unparseable value unchanged", () => {
    const format = createFormatModule(env()) as { format(o: { value: unknown; type: string }): unknown; parse(o: { value: unknown; type: string }): unknown };
    expect(format.format({ value: new Date(2024, 1, 29), type: 'date' })).toBe('29/2/2024');
    const parsed = format.parse({ value: '29/2/2024', type: 'date' }) as Date;
    expect([parsed.getFullYear(), parsed.getMonth(), parsed.getDate()]).toEqual([2024, 1, 29]);
    expect(format.parse({ value: '31/2/2024', type: 'date' })).toBe('31/2/2024');
    expect(format.parse({ value: '12.5', type: 'float' })).toBe(12.5);
  });

  it("formats a datetime in the user's time zone (the account setting), or in options.timezone (Oracle help format.format(options))", () => {
    const format = createFormatModule(env()) as { format(o: { value: unknown; type: string; timezone?: string }): unknown };
    const instant = new Date('2026-11-23T15:04:05Z');
    const zone = account.settings.timezone;
    const wall = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', day: 'numeric', month: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit', second: '2-digit' }).formatToParts(instant);
    const part = (t: string): string => wall.find((p) => p.type === t)?.value ?? '';
    const h = Number(part('hour'));
    expect(format.format({ value: instant, type: 'datetime' })).toBe(`${part('day')}/${part('month')}/${part('year')} ${h % 12 === 0 ? 12 : h % 12}:${part('minute')}:${part('second')} ${h < 12 ? 'am' : 'pm'}`);
    expect(format.format({ value: instant, type: 'datetime', timezone: 'Etc/GMT' })).toBe('23/11/2026 3:04:05 pm');
    expect(format.format({ value: instant, type: 'datetimetz', timezone: 'Asia/Tokyo' })).toBe('24/11/2026 12:04:05 am');
  });
});

describe('N/email and N/error', () => {
  it('email.send costs 20 units and lands in the outbox', () => {
    const email = createEmailModule(env()) as { send(o: Record<string, unknown>): void };
    email.send({ author: -5, recipients: ['ops@example.com'], subject: 'Variance import', body: 'done' });
    expect(meter.usage).toBe(20);
    expect(account.readOutbox()).toEqual([expect.objectContaining({ subject: 'Variance import', recipients: ['ops@example.com'] })]);
  });

  it('error.create gives a SuiteScriptError: name is the code, type error.SuiteScriptError, stack an array', () => {
    const error = createErrorModule() as { create(o: { name: string; message: string }): SuiteScriptError };
    const e = error.create({ name: 'HWX_X', message: 'boom' });
    expect(e.name).toBe('HWX_X');
    expect(e.type).toBe('error.SuiteScriptError');
    expect(Array.isArray(e.stack)).toBe(true);
  });
});

describe('account store', () => {
  it('keeps records, inventory, files and external-id uniqueness across save and open', () => {
    account.insertRecord('location', { name: 'Store', externalid: 'S1' }, {}, 254);
    account.adjustOnHand('3412', '254', 7.5);
    const folder = account.folderByPath('/Work') ?? 0;
    const saved = account.saveFile({ name: 'f.txt', folder, fileType: 'PLAINTEXT', encoding: 'UTF-8', description: '' }, new TextEncoder().encode('hi'));
    account.save();
    const again = Account.open(account.dir);
    expect(again.getRecord('location', 254)?.fields.name).toBe('Store');
    expect(again.onHand('3412', '254')).toBe(7.5);
    expect(Buffer.from(again.readFile(saved.id)).toString()).toBe('hi');
    expect(() => again.insertRecord('location', { name: 'Other', externalid: 'S1' })).toThrow(/external id S1/);
  });
});
