// ns-local's command line, as other tooling uses it: exact verbs, JSON on stdout, non-zero exit on failure.
// Runs the real bin/ns-local.js (compiled runtime) in child processes.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as readline from 'node:readline';

const ROOT = path.join(__dirname, '..', '..', '..');
const BIN = path.join(ROOT, 'bin', 'ns-local.js');
const RUNTIME_PROJECT = path.join(ROOT, '__tests__', 'fixtures', 'runtime-project');

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ns-cli-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function cli(args: string[]): { status: number | null; json: unknown; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: ROOT });
  let json: unknown;
  try {
    json = JSON.parse(r.stdout);
  } catch {
    json = undefined;
  }
  return { status: r.status, json, stderr: r.stderr };
}

function writeFixture(): string {
  const file = path.join(dir, 'fixture.json');
  fs.writeFileSync(
    file,
    JSON.stringify({
      subsidiaries: [{ id: 1, name: 'Sub' }],
      accounts: [{ id: 927, name: 'Shrinkage' }],
      locations: [{ id: 254, name: 'Store', subsidiary: 1, type: 'store' }],
      items: [{ id: 3412, itemid: 'SKU-1' }],
      inventory: [{ item: 3412, location: 254, onHand: 2 }],
    }),
  );
  return file;
}

describe('ns-local', () => {
  it('account init creates an account folder from a fixture and reports its record counts', () => {
    const r = cli(['account', 'init', path.join(dir, 'acct'), '--fixture', writeFixture()]);
    expect(r.status).toBe(0);
    expect(r.json).toMatchObject({ recordTypes: { location: 1, inventoryitem: 1, subsidiary: 1, account: 1 } });
    expect(fs.existsSync(path.join(dir, 'acct', 'account.json'))).toBe(true);
  });

  it('run executes a script, runs its queued CSV import, prints a JSON summary; records and inventory show the result', () => {
    const acct = path.join(dir, 'acct');
    cli(['account', 'init', acct, '--fixture', writeFixture()]);
    const run = cli(['--project', RUNTIME_PROJECT, 'run', 'customscript_t_naive', '--account', acct]);
    expect(run.status).toBe(0);
    const summary = run.json as { script: string; status: string; usage: Record<string, { units: number }>; tasks: { type: string; status: string }[]; logs: { title: string }[] };
    expect(summary.script).toBe('customscript_t_naive');
    expect(summary.status).toBe('COMPLETE');
    expect(summary.usage.execute?.units).toBe(100);
    expect(summary.tasks).toEqual([expect.objectContaining({ type: 'CSV_IMPORT', status: 'COMPLETE' })]);
    expect(summary.logs.map((l) => l.title)).toContain('statuses');

    const records = cli(['records', 'inventoryadjustment', '--account', acct]);
    expect((records.json as { fields: { externalid: string } }[]).map((r) => r.fields.externalid)).toEqual(['X-1']);
    const inventory = cli(['inventory', '--account', acct, '--item', '3412']);
    expect(inventory.json).toEqual([{ item: '3412', location: '254', onHand: 7 }]);
  });

  it('records: an unknown type is an error that lists the known types; a known type without records is []', () => {
    const acct = path.join(dir, 'acct');
    cli(['account', 'init', acct, '--fixture', writeFixture()]);
    const unknown = cli(['records', 'inventoryadjustmnt', '--account', acct]);
    expect(unknown.status).not.toBe(0);
    expect(unknown.json).toBeUndefined();
    expect(unknown.stderr).toMatch(/unknown record type "inventoryadjustmnt"/);
    // Standard types the runtime models, the project's custom record types, and what the account holds.
    for (const known of ['inventoryadjustment', 'purchaseorder', 'location', 'customrecord_hwx_sftp_config', 'customrecord_hwx_inv_snapshot']) expect(unknown.stderr).toContain(known);
    const typo = cli(['records', 'customrecord_hwx_nope', '--account', acct]);
    expect(typo.status).not.toBe(0);
    expect(typo.stderr).toMatch(/unknown record type "customrecord_hwx_nope"/);

    const empty = cli(['records', 'inventoryadjustment', '--account', acct]);
    expect(empty.status).toBe(0);
    expect(empty.json).toEqual([]);
    const custom = cli(['records', 'customrecord_hwx_inv_snapshot', '--account', acct]);
    expect(custom.status).toBe(0);
    expect(custom.json).toEqual([]);
    const held = cli(['records', 'LOCATION', '--account', acct]);
    expect((held.json as { id: number }[]).map((r) => r.id)).toEqual([254]);
  });

  it('run --no-tasks leaves the job queued; tasks lists it and tasks --run runs it', () => {
    const acct = path.join(dir, 'acct');
    cli(['account', 'init', acct, '--fixture', writeFixture()]);
    cli(['--project', RUNTIME_PROJECT, 'run', 'customscript_t_naive', '--account', acct, '--no-tasks']);
    const listed = cli(['tasks', '--account', acct]);
    expect((listed.json as { tasks: { status: string }[] }).tasks.map((t) => t.status)).toEqual(['PENDING']);
    const ran = cli(['--project', RUNTIME_PROJECT, 'tasks', '--account', acct, '--run']);
    expect(ran.status).toBe(0);
    expect((ran.json as { tasks: { status: string }[] }).tasks.map((t) => t.status)).toEqual(['COMPLETE']);
  });

  it('exits non-zero when the script fails, and --kill-at reports a killed run', () => {
    const acct = path.join(dir, 'acct');
    cli(['account', 'init', acct, '--fixture', writeFixture()]);
    const failed = cli(['--project', RUNTIME_PROJECT, 'run', 'customscript_t_usage', '--account', acct]);
    expect(failed.status).toBe(1);
    expect((failed.json as { status: string }).status).toBe('FAILED');
    const killed = cli(['--project', RUNTIME_PROJECT, 'run', 'customscript_t_naive', '--account', acct, '--kill-at', 'task.CsvImportTask.submit#1:before']);
    expect(killed.status).toBe(1);
    expect((killed.json as { status: string; killedAt: string }).killedAt).toBe('before task.CsvImportTask.submit #1');
  });

  it('sftp serve prints one JSON line with host, port, user and host key, and serves until stopped', async () => {
    const child = spawn(process.execPath, [BIN, 'sftp', 'serve', '--root', path.join(dir, 'sftp'), '--host-key-file', path.join(dir, 'key.pem')], { cwd: ROOT });
    const line = await new Promise<string>((resolve, reject) => {
      const rl = readline.createInterface({ input: child.stdout });
      rl.once('line', resolve);
      child.once('exit', (code) => reject(new Error(`exited ${String(code)}`)));
    });
    const info = JSON.parse(line) as { host: string; port: number; user: string; hostKey: { type: string; base64: string } };
    expect(info.host).toBe('127.0.0.1');
    expect(info.port).toBeGreaterThan(0);
    expect(info.user).toBe('hotwax');
    expect(['rsa', 'ecdsa']).toContain(info.hostKey.type);
    expect(info.hostKey.base64).toMatch(/^[A-Za-z0-9+/]+=*$/);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  });
});
