// ns-local: the local NetSuite runtime's command line. Other tooling (demo, bench, tests) relies on these
// exact verbs and on JSON output on stdout; human-readable progress goes to stderr.
import { Command, InvalidArgumentError } from 'commander';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Account } from '../account/account';
import { initAccount, loadFixture } from '../account/fixture';
import { runPendingTasks, runScript, type FullRunSummary, type RunSummary, type TaskRunReport } from '../engines/scriptRunner';
import { reportTask } from '../engines/scriptRunner';
import { startSftpServer } from '../sftp/server';
import { EMBEDDED_SFTP_PASSWORD, EMBEDDED_SFTP_USER } from '../sftp/defaults';
import { NETSUITE_HOST_KEY_TYPES, scanHostKey, type NetSuiteHostKeyType } from '../sftp/host-key-scan';
import { chooseSftpConfigRecord, configureSftp, currentEndpoint, DEFAULT_SFTP_SECRET_ID, SftpConfigError, type SftpConfigRequest } from './sftp-config';
import { projectRoot } from '../paths';
import { customDefinitionsFor, standardRecordTypes } from '../records/recordTypes';
import { registerRestletCommands } from './restlets';
import { registerServeCommand } from './serve';

const print = (value: unknown): void => {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
};

function parseParam(value: string, previous: Record<string, string>): Record<string, string> {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new InvalidArgumentError(`expected custscript_name=value, got "${value}"`);
  return { ...previous, [value.slice(0, eq)]: value.slice(eq + 1) };
}

function parseHostKeyType(value: string): NetSuiteHostKeyType {
  const type = value.toLowerCase();
  if (!(NETSUITE_HOST_KEY_TYPES as readonly string[]).includes(type)) throw new InvalidArgumentError('NetSuite accepts rsa, dsa or ecdsa host keys');
  return type as NetSuiteHostKeyType;
}

function parseInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new InvalidArgumentError('expected a whole number');
  return n;
}

function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('port must be 0-65535');
  return n;
}

export function buildCli(): Command {
  const program = new Command('ns-local')
    .description('Run this project\'s compiled SuiteScripts against an emulated NetSuite account and a real SFTP server')
    .option('--project <dir>', 'SDF project folder (manifest.xml, Objects/, FileCabinet/)', path.join(projectRoot(), 'src'));

  const account = program.command('account').description('emulated accounts');
  account
    .command('init <dir>')
    .description('create an account folder from a JSON fixture')
    .requiredOption('--fixture <file>', 'fixture JSON (see docs/local-runtime.md)')
    .action((dir: string, opts: { fixture: string }) => {
      const created = initAccount(dir, loadFixture(opts.fixture));
      print({ account: path.resolve(dir), recordTypes: Object.fromEntries(created.recordTypes().map((t) => [t, created.listRecords(t).length])) });
    });

  const sftp = program.command('sftp').description('the embedded SFTP server');
  sftp
    .command('serve')
    .description('run the embedded SFTP server in the foreground; prints one JSON line when listening')
    .requiredOption('--root <dir>', 'folder served as the SFTP root (jailed)')
    .option('--port <n>', 'port (0 = any free port)', parsePort, 0)
    .option('--user <name>', 'user name', EMBEDDED_SFTP_USER)
    .option('--password <pw>', 'password', EMBEDDED_SFTP_PASSWORD)
    .option('--public-key-file <file>', 'authorized public key (OpenSSH format) for key auth')
    .option('--host-key-file <file>', 'PEM host key; created when missing')
    .action(async (opts: { root: string; port: number; user: string; password: string; publicKeyFile?: string; hostKeyFile?: string }) => {
      fs.mkdirSync(opts.root, { recursive: true });
      const server = await startSftpServer({
        root: opts.root,
        port: opts.port,
        users: [{ username: opts.user, password: opts.password, ...(opts.publicKeyFile ? { publicKey: fs.readFileSync(opts.publicKeyFile, 'utf8') } : {}) }],
        ...(opts.hostKeyFile ? { hostKeyFile: opts.hostKeyFile } : {}),
      });
      process.stdout.write(`${JSON.stringify({ host: server.host, port: server.port, user: opts.user, hostKey: server.hostKey })}\n`);
      const stop = (): void => {
        void server.close().then(() => process.exit(0));
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });

  sftp
    .command('config')
    .description('create or update the account\'s HotWax SFTP Configuration record (customrecord_hwx_sftp_config); prints it as JSON (never the password)')
    .requiredOption('--account <dir>', 'account folder')
    .option('--record <id>', 'the record to update when the account has several (default: the only active one; created when there is none)', parseInteger)
    .option('--name <name>', 'record name (default "HotWax SFTP")')
    .option('--host <host>', 'host name or IP address (no scheme, port or path)')
    .option('--port <n>', 'port (default 22)', parsePort)
    .option('--user <name>', 'remote user')
    .option('--password <pw>', `password, stored as an API secret in the account (never in the record); see --secret-id`)
    .option('--secret-id <custsecret_x>', `API secret id the record names (default: the record's, else ${DEFAULT_SFTP_SECRET_ID})`)
    .option('--key-id <id>', 'SSH key id for key authentication (alone, or with --password for two-factor)')
    .option('--private-key-file <file>', 'PEM private key stored in the account under --key-id')
    .option('--host-key-from-server', 'connect to host:port and pin the key the server presents (RSA, DSA or ECDSA; --host-key-type picks one)')
    .option('--host-key <base64>', 'pinned host key: the third field of `ssh-keyscan -t ecdsa -p <port> <host>`')
    .option('--host-key-type <type>', 'rsa, dsa or ecdsa (with --host-key, checked against the key)', parseHostKeyType)
    .option('--base-dir <dir>', 'base directory on the server, e.g. /home/<user>/netsuite/ (default /)')
    .option('--timeout <s>', 'connect timeout in seconds, 1-20 (default 20)', parseInteger)
    .action(async (opts: SftpConfigOptions) => {
      if (opts.hostKeyFromServer && opts.hostKey !== undefined) throw new SftpConfigError('give --host-key-from-server or --host-key, not both');
      const acct = Account.open(opts.account);
      const request: SftpConfigRequest = {};
      if (opts.record !== undefined) request.recordId = opts.record;
      if (opts.name !== undefined) request.name = opts.name;
      if (opts.host !== undefined) request.host = opts.host;
      if (opts.port !== undefined) request.port = opts.port;
      if (opts.user !== undefined) request.user = opts.user;
      if (opts.password !== undefined) request.password = opts.password;
      if (opts.secretId !== undefined) request.secretId = opts.secretId;
      if (opts.keyId !== undefined) request.keyId = opts.keyId;
      if (opts.privateKeyFile !== undefined) request.privateKeyFile = opts.privateKeyFile;
      if (opts.baseDir !== undefined) request.baseDir = opts.baseDir;
      if (opts.timeout !== undefined) request.timeoutSeconds = opts.timeout;
      if (opts.hostKey !== undefined) request.hostKey = { base64: opts.hostKey, ...(opts.hostKeyType ? { type: opts.hostKeyType } : {}) };
      if (opts.hostKeyFromServer) {
        const current = currentEndpoint(chooseSftpConfigRecord(acct, opts.record));
        const host = opts.host ?? current?.host;
        if (host === undefined) throw new SftpConfigError('--host-key-from-server needs --host (or a record that has one)');
        const port = opts.port ?? current?.port ?? 22;
        const scanned = await scanHostKey(host, port, { ...(opts.hostKeyType ? { type: opts.hostKeyType } : {}), timeoutMs: 1000 * (opts.timeout ?? 20) });
        process.stderr.write(`ns-local: ${host}:${port} presents ${scanned.sshType} ${scanned.base64}\n`);
        request.hostKey = { base64: scanned.base64, type: scanned.type };
      }
      const result = configureSftp(acct, request);
      acct.save();
      print(result);
    });

  program
    .command('run <scriptid>')
    .description('run a script as its deployment would, then the tasks it queued')
    .requiredOption('--account <dir>', 'account folder')
    .option('--deployment <deployid>', 'deployment script id (default: the first)')
    .option('--param <custscript_x=value>', 'parameter override (repeatable)', parseParam, {})
    .option('--no-tasks', 'leave queued tasks (CSV imports, submitted scripts) pending')
    .option('--kill-at <api[#n][:after]>', 'inject a fault: kill the run at the n-th call of an API, e.g. task.CsvImportTask.submit#1:after')
    .option('--restart-at <stage[#n]>', 'inject a Map/Reduce application-server restart, e.g. map#3')
    .option('--echo-logs', 'print script log lines to stderr as they happen')
    .action(async (scriptId: string, opts: { account: string; deployment?: string; param: Record<string, string>; tasks: boolean; killAt?: string; restartAt?: string; echoLogs?: boolean }) => {
      const acct = Account.open(opts.account);
      const kill = opts.killAt ? parseKill(opts.killAt) : undefined;
      const restart = opts.restartAt ? parseRestart(opts.restartAt) : undefined;
      const summary = await runScript({
        account: acct,
        projectFolder: program.opts<{ project: string }>().project,
        scriptId,
        ...(opts.deployment ? { deploymentId: opts.deployment } : {}),
        params: opts.param,
        runTasks: opts.tasks,
        ...(kill ? { kill } : {}),
        ...(restart ? { restart } : {}),
        ...(opts.echoLogs ? { echoLog: (e) => process.stderr.write(`[${e.level}] ${e.title}: ${e.details}\n`) } : {}),
      });
      acct.save();
      print(summary);
      reportRuns(summary);
      const failedTask = summary.taskRuns.some((t) => t.status === 'FAILED');
      if (summary.status !== 'COMPLETE' || failedTask) process.exitCode = 1;
    });

  program
    .command('tasks')
    .description('list queued tasks, or run the pending ones')
    .requiredOption('--account <dir>', 'account folder')
    .option('--run', 'run every pending task now')
    .action(async (opts: { account: string; run?: boolean }) => {
      const acct = Account.open(opts.account);
      if (opts.run) {
        const runs = await runPendingTasks({ account: acct, projectFolder: program.opts<{ project: string }>().project });
        acct.save();
        print({ ran: runs, tasks: acct.tasks.map(reportTask) });
        reportTaskRuns(runs);
        if (runs.some((r) => r.status === 'FAILED')) process.exitCode = 1;
        return;
      }
      print({ tasks: acct.tasks.map(reportTask) });
    });

  program
    .command('records <recordtype>')
    .description('print the records of a type as JSON')
    .requiredOption('--account <dir>', 'account folder')
    .action((recordType: string, opts: { account: string }) => {
      const acct = Account.open(opts.account);
      const type = recordType.toLowerCase();
      const known = knownRecordTypes(acct, program.opts<{ project: string }>().project);
      if (!known.includes(type)) {
        process.stderr.write(`ns-local: unknown record type "${recordType}". Known types: ${known.join(', ')}\n`);
        process.exitCode = 1;
        return;
      }
      print(acct.listRecords(type));
    });

  program
    .command('inventory')
    .description('print on-hand and in-transit (inTransit, when not 0) quantities per item and location as JSON')
    .requiredOption('--account <dir>', 'account folder')
    .option('--item <id>', 'only this item')
    .option('--location <id>', 'only this location')
    .action((opts: { account: string; item?: string; location?: string }) => {
      const filter: { item?: string; location?: string } = {};
      if (opts.item) filter.item = opts.item;
      if (opts.location) filter.location = opts.location;
      print(Account.open(opts.account).inventoryBalances(filter));
    });

  registerRestletCommands(program);
  registerServeCommand(program);
  return program;
}

interface SftpConfigOptions {
  account: string;
  record?: number;
  name?: string;
  host?: string;
  port?: number;
  user?: string;
  password?: string;
  secretId?: string;
  keyId?: string;
  privateKeyFile?: string;
  hostKeyFromServer?: boolean;
  hostKey?: string;
  hostKeyType?: NetSuiteHostKeyType;
  baseDir?: string;
  timeout?: number;
}

/** One stderr line per script run (the run and the scripts it queued), with the first error of a run that did not complete. */
function reportRuns(summary: FullRunSummary): void {
  reportRun(summary);
  reportTaskRuns(summary.taskRuns);
}

function reportRun(run: RunSummary): void {
  const error = run.errors[0];
  process.stderr.write(`ns-local: ${run.script} ${run.deployment}: ${run.status}${error ? ` (${error.name}: ${error.message})` : ''}\n`);
}

function reportTaskRuns(taskRuns: TaskRunReport[]): void {
  for (const task of taskRuns) {
    if (task.run) reportRun(task.run);
    else if (task.status === 'FAILED') process.stderr.write(`ns-local: ${task.type} task ${task.taskId}: FAILED${task.error ? ` (${task.error.name}: ${task.error.message})` : ''}\n`);
  }
}

/**
 * The record types `records` can list: the standard types the runtime models, saved searches (kept as records
 * of type savedsearch, runtime/modules/search.ts), the project's custom record types, and whatever the account holds.
 */
function knownRecordTypes(account: Account, projectFolder: string): string[] {
  const custom = customDefinitionsFor(projectFolder).customRecordTypes.map((c) => c.scriptId);
  return [...new Set([...standardRecordTypes(), 'savedsearch', ...custom, ...account.recordTypes()])].sort();
}

function parseKill(text: string): { api: string; occurrence: number; when: 'before' | 'after' } {
  const match = /^([\w.]+)(?:#(\d+))?(?::(before|after))?$/.exec(text);
  if (!match?.[1]) throw new InvalidArgumentError(`--kill-at: expected api[#n][:before|after], got "${text}"`);
  return { api: match[1], occurrence: Number(match[2] ?? 1), when: (match[3] as 'before' | 'after' | undefined) ?? 'before' };
}

function parseRestart(text: string): { stage: 'getInputData' | 'map' | 'reduce' | 'summarize'; afterInvocations: number } {
  const match = /^(getInputData|map|reduce|summarize)(?:#(\d+))?$/.exec(text);
  if (!match?.[1]) throw new InvalidArgumentError(`--restart-at: expected stage[#n], got "${text}"`);
  return { stage: match[1] as 'getInputData' | 'map' | 'reduce' | 'summarize', afterInvocations: Number(match[2] ?? 0) };
}

if (require.main === module) {
  buildCli()
    .parseAsync(process.argv)
    .catch((err: unknown) => {
      const e = err instanceof Error ? err : new Error(String(err));
      process.stderr.write(`ns-local: ${e.name}: ${e.message}\n`);
      process.exit(1);
    });
}
