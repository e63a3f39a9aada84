// `ns-local restlets ...`: serve the project's RESTlets over HTTP at NetSuite's URL shape with OAuth 1.0 TBA
// (runtime/restlet), issue integration records and tokens into an account, run one scheduler tick.
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import * as path from 'node:path';
import { Account } from '../account/account';
import { runSchedulerTick } from '../engines/scheduler';
import { createIntegration, issueToken, readLoginAudit, readTbaStore } from '../restlet/credentials';
import { startRestletServer } from '../restlet/server';

const print = (value: unknown): void => {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
};

function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('port must be 0-65535');
  return n;
}

export function registerRestletCommands(program: Command): void {
  const restlets = program.command('restlets').description('RESTlets over HTTP with token-based authentication');
  const projectOf = (): string => String(program.opts<{ project: string }>().project);

  restlets
    .command('serve')
    .description('serve the RESTlets at /app/site/hosting/restlet.nl?script=...&deploy=... (OAuth 1.0 HMAC-SHA256)')
    .requiredOption('--account <dir>', 'emulated account folder')
    .option('--port <n>', 'port (default: a free one)', parsePort)
    .option('--host <addr>', 'address to listen on', '127.0.0.1')
    .action(async (opts: { account: string; port?: number; host: string }) => {
      Account.open(opts.account); // fails early with ACCOUNT_NOT_FOUND
      const server = await startRestletServer({ accountDir: path.resolve(opts.account), projectFolder: projectOf(), host: opts.host, ...(opts.port !== undefined ? { port: opts.port } : {}) });
      print({ origin: server.origin, account: path.resolve(opts.account), realm: Account.open(opts.account).settings.accountId });
      process.stderr.write(`ns-local: RESTlets at ${server.origin}/app/site/hosting/restlet.nl (Ctrl-C to stop)\n`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', () => void server.close().then(resolve));
        process.once('SIGTERM', () => void server.close().then(resolve));
      });
    });

  restlets
    .command('integration <name>')
    .description('create an integration record (prints its consumer key and secret once)')
    .requiredOption('--account <dir>', 'emulated account folder')
    .action((name: string, opts: { account: string }) => {
      print(createIntegration(path.resolve(opts.account), name));
    });

  restlets
    .command('token')
    .description('issue an access token for a user and role on an integration (prints the token id and secret once)')
    .requiredOption('--account <dir>', 'emulated account folder')
    .requiredOption('--consumer-key <key>', 'the integration record\'s consumer key')
    .requiredOption('--role <scriptid>', 'role script id, e.g. customrole_hwx_jobcontrol')
    .option('--user <name>', 'user name', 'HotWax Integration')
    .option('--email <email>', 'user email', 'hotwax-integration@example.invalid')
    .action((opts: { account: string; consumerKey: string; role: string; user: string; email: string }) => {
      print(issueToken(path.resolve(opts.account), opts.consumerKey, { id: 7001, name: opts.user, email: opts.email }, opts.role));
    });

  restlets
    .command('logins')
    .description('the login audit trail of RESTlet calls (accepted and refused, with the reason)')
    .requiredOption('--account <dir>', 'emulated account folder')
    .action((opts: { account: string }) => {
      print({ integrations: readTbaStore(path.resolve(opts.account)).integrations.map((i) => ({ name: i.name, state: i.state })), logins: readLoginAudit(path.resolve(opts.account)) });
    });

  restlets
    .command('tick')
    .description('one scheduler tick: run every deployment whose live status is SCHEDULED, then the tasks they queue')
    .requiredOption('--account <dir>', 'emulated account folder')
    .action(async (opts: { account: string }) => {
      const account = Account.open(opts.account);
      const report = await runSchedulerTick({ account, projectFolder: projectOf() });
      account.save();
      print({ ran: report.ran.map((r) => ({ script: r.script, deployment: r.deployment, status: r.status })), skipped: report.skipped });
    });
}
