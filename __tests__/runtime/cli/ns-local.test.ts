// ns-local's command line, as other tooling uses it: exact verbs, JSON on stdout, non-zero exit on failure.
// Runs the real bin/ns-local.js (compiled runtime) in child processes.
import { spawn, spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { DEFAULT_FIXTURE } from '../../../demo/environment';
import { EMBEDDED_SFTP_PASSWORD, EMBEDDED_SFTP_USER } from '../../../runtime/sftp/defaults';
import { startSftpServerProcess, type SftpServerProcess } from '../../../runtime/sftp/server-process';
import { otherHostKey, rsaKeys } from '../sftp/helpers';

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

describe('ns-local sftp config, end to end against the embedded SFTP server', () => {
  const BASE = '/home/hotwax/netsuite/';
  const INVENTORY = 'customscript_hwx_sc_inventory_export';
  const keys = rsaKeys();
  let server: SftpServerProcess;
  let acct: string;
  const csvFolder = (): string => path.join(dir, 'sftp', BASE, 'inventoryitem', 'csv');
  const configRecords = (): { id: number; fields: Record<string, unknown> }[] => cli(['records', 'customrecord_hwx_sftp_config', '--account', acct]).json as { id: number; fields: Record<string, unknown> }[];

  beforeEach(async () => {
    fs.mkdirSync(path.join(dir, 'sftp', BASE), { recursive: true });
    server = await startSftpServerProcess({
      root: path.join(dir, 'sftp'),
      port: 0,
      users: [{ username: EMBEDDED_SFTP_USER, password: EMBEDDED_SFTP_PASSWORD, publicKey: keys.publicOpenSsh }],
      hostKeyFile: path.join(dir, 'host-key.pem'),
    });
    acct = path.join(dir, 'acct');
    expect(cli(['account', 'init', acct, '--fixture', DEFAULT_FIXTURE]).status).toBe(0);
  });
  afterEach(async () => {
    await server.close();
  });

  it('pins the key the running server presents, keeps the password in the account secrets, and a flow then sends through N/sftp; a wrong host key is refused', () => {
    const configured = cli(['sftp', 'config', '--account', acct, '--host', server.host, '--port', String(server.port), '--user', EMBEDDED_SFTP_USER, '--password', EMBEDDED_SFTP_PASSWORD, '--host-key-from-server', '--base-dir', BASE]);
    expect(configured.status).toBe(0);
    expect(configured.json).toMatchObject({ created: true, host: server.host, port: server.port, user: EMBEDDED_SFTP_USER, secret: 'custsecret_hwx_sftp_password', hostKey: server.hostKey, baseDir: BASE });
    expect(JSON.stringify(configured.json)).not.toContain(EMBEDDED_SFTP_PASSWORD);
    const [record] = configRecords();
    expect(JSON.stringify(record)).not.toContain(EMBEDDED_SFTP_PASSWORD);
    const accountFile = JSON.parse(fs.readFileSync(path.join(acct, 'account.json'), 'utf8')) as { secrets: Record<string, { password?: string }> };
    expect(accountFile.secrets.custsecret_hwx_sftp_password?.password).toBe(EMBEDDED_SFTP_PASSWORD);

    const sent = cli(['run', INVENTORY, '--account', acct, '--deployment', 'customdeploy_hwx_sc_inv_export_daily']);
    expect(sent.status).toBe(0);
    expect(fs.readdirSync(csvFolder())).toEqual([expect.stringMatching(/^InventorySnapshot_\d{8}T\d{6}Z_1of1\.csv$/)]);

    // The same record, now pinning a key the server does not have: N/sftp refuses to connect, the run FAILS.
    const wrong = cli(['sftp', 'config', '--account', acct, '--host-key', otherHostKey('ecdsa')]);
    expect(wrong.json).toMatchObject({ created: false, record: record?.id });
    expect(configRecords()).toHaveLength(1);
    const refused = cli(['run', INVENTORY, '--account', acct, '--deployment', 'customdeploy_hwx_sc_inv_export_daily']);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/customdeploy_hwx_sc_inv_export_more: FAILED \(SNAPSHOT_FAILED: .*FTP_INCORRECT_HOST_KEY/);
    const summary = refused.json as { taskRuns: { run?: { status: string } }[] };
    expect(summary.taskRuns.map((t) => t.run?.status).filter(Boolean)).toEqual(['FAILED']);
    expect(fs.readdirSync(csvFolder())).toHaveLength(1);

    // Re-pinned from the server (host and port from the record), the hourly follow-up sends the failed snapshot.
    expect(cli(['sftp', 'config', '--account', acct, '--host-key-from-server']).status).toBe(0);
    const retried = cli(['run', INVENTORY, '--account', acct, '--deployment', 'customdeploy_hwx_sc_inv_export_follow']);
    expect(retried.status).toBe(0);
    expect(fs.readdirSync(csvFolder())).toHaveLength(2);
  });

  it('key authentication: --key-id with --private-key-file stores the key as the account holds SSH keys; the flow connects with it', () => {
    const keyFile = path.join(dir, 'id_rsa.pem');
    fs.writeFileSync(keyFile, keys.privatePem);
    const configured = cli(['sftp', 'config', '--account', acct, '--host', server.host, '--port', String(server.port), '--user', EMBEDDED_SFTP_USER, '--key-id', 'custkey_hwx_sftp', '--private-key-file', keyFile, '--host-key', server.hostKey.base64, '--host-key-type', 'ecdsa', '--base-dir', BASE]);
    expect(configured.status).toBe(0);
    expect(configured.json).toMatchObject({ secret: '', keyId: 'custkey_hwx_sftp' });
    expect(cli(['run', INVENTORY, '--account', acct, '--deployment', 'customdeploy_hwx_sc_inv_export_daily']).status).toBe(0);
    expect(fs.readdirSync(csvFolder())).toHaveLength(1);
  });

  it('refuses what NetSuite would not take, and saves nothing', () => {
    const base = ['sftp', 'config', '--account', acct, '--host', server.host, '--port', String(server.port), '--user', EMBEDDED_SFTP_USER, '--password', EMBEDDED_SFTP_PASSWORD];
    const ed25519 = crypto.generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'der' });
    const ed25519Ssh = Buffer.concat([Buffer.from([0, 0, 0, 11]), Buffer.from('ssh-ed25519'), Buffer.from([0, 0, 0, 32]), ed25519.subarray(ed25519.length - 32)]).toString('base64');
    const cases: [string[], RegExp][] = [
      [base, /give the host key/],
      [[...base, '--host-key', 'not-a-key'], /not a base64 SSH public key/],
      [[...base, '--host-key', ed25519Ssh], /NetSuite accepts RSA, DSA and ECDSA host keys, not ssh-ed25519/],
      [[...base, '--host-key', server.hostKey.base64, '--host-key-type', 'rsa'], /does not match the ecdsa-sha2-nistp256 host key/],
      [[...base, '--host-key-from-server', '--host-key-type', 'rsa'], /has no RSA host key/],
      [[...base, '--host-key-from-server', '--host-key', server.hostKey.base64], /not both/],
      [[...base.map((a) => (a === server.host ? `sftp://${server.host}` : a)), '--host-key', server.hostKey.base64], /--host must be a host name/],
      [[...base, '--secret-id', 'hwx_password', '--host-key', server.hostKey.base64], /must start with custsecret/],
      [[...base, '--host-key', server.hostKey.base64, '--base-dir', 'relative/'], /--base-dir must be an absolute path/],
      [[...base, '--host-key', server.hostKey.base64, '--key-id', 'custkey_missing'], /no SSH key custkey_missing/],
      [['sftp', 'config', '--account', acct, '--host', server.host, '--user', 'u', '--host-key', server.hostKey.base64], /give --password .* or --key-id/],
      [[...base, '--host-key-type', 'ed25519'], /NetSuite accepts rsa, dsa or ecdsa/],
    ];
    for (const [args, message] of cases) {
      const r = cli(args);
      expect([r.status, r.stderr]).toEqual([1, expect.stringMatching(message)]);
    }
    expect(configRecords()).toEqual([]);
    const accountFile = JSON.parse(fs.readFileSync(path.join(acct, 'account.json'), 'utf8')) as { secrets: Record<string, unknown> };
    expect(accountFile.secrets).toEqual({});
  });

  it('--host-key-from-server against a server that is down fails with the reason', async () => {
    const port = server.port;
    await server.close();
    const r = cli(['sftp', 'config', '--account', acct, '--host', '127.0.0.1', '--port', String(port), '--user', 'u', '--password', 'p', '--host-key-from-server', '--timeout', '3']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/cannot read the host key of 127\.0\.0\.1:\d+: .*ECONNREFUSED/);
    server = await startSftpServerProcess({ root: path.join(dir, 'sftp'), port: 0, users: [{ username: 'u', password: 'p' }] });
  });
});
