// ns-local: the local NetSuite runtime's command line. Other tooling (demo, bench, tests) relies on these
// exact verbs and on JSON output on stdout; human-readable progress goes to stderr.
import { Command, InvalidArgumentError } from 'commander';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Account } from '../account/account';
import { initAccount, loadFixture } from '../account/fixture';
import { runPendingTasks, runScript } from '../engines/scriptRunner';
import { reportTask } from '../engines/scriptRunner';
import { startSftpServer } from '../sftp/server';
import { projectRoot } from '../paths';
import { customDefinitionsFor, standardRecordTypes } from '../records/recordTypes';

const print = (value: unknown): void => {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
};

function parseParam(value: string, previous: Record<string, string>): Record<string, string> {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new InvalidArgumentError(`expected custscript_name=value, got "${value}"`);
  return { ...previous, [value.slice(0, eq)]: value.slice(eq + 1) };
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
    .option('--user <name>', 'user name', 'hotwax')
    .option('--password <pw>', 'password', 'hotwax-local')
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
    .description('print on-hand quantities per item and location as JSON')
    .requiredOption('--account <dir>', 'account folder')
    .option('--item <id>', 'only this item')
    .option('--location <id>', 'only this location')
    .action((opts: { account: string; item?: string; location?: string }) => {
      const filter: { item?: string; location?: string } = {};
      if (opts.item) filter.item = opts.item;
      if (opts.location) filter.location = opts.location;
      print(Account.open(opts.account).inventoryBalances(filter));
    });

  return program;
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
