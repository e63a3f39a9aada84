// `ns-local serve`: the compiled Suitelets (runtime/http, /app/site/hosting/scriptlet.nl) and the RESTlets with
// token-based authentication (runtime/restlet, /app/site/hosting/restlet.nl) on one loopback port, over one
// account folder that is read again from disk on every request, so other processes' saved changes are kept.
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import * as path from 'node:path';
import { Account } from '../account/account';
import { startLocalServer } from '../http/server';
import { createRestletHandler } from '../restlet/handler';
import { loadProjectObjects } from '../objects';

function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('port must be 0-65535');
  return n;
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the Suitelets (/app/site/hosting/scriptlet.nl, as the signed-in role) and the RESTlets (/app/site/hosting/restlet.nl, OAuth 1.0 TBA) on one loopback port; prints one JSON line when listening')
    .requiredOption('--account <dir>', 'emulated account folder')
    .option('--port <n>', 'port (default: a free one)', parsePort, 0)
    .option('--role <scriptid>', 'role of the signed-in user for Suitelets, e.g. customrole_hwx_accountant', 'administrator')
    .action(async (opts: { account: string; port: number; role: string }) => {
      const accountDir = path.resolve(opts.account);
      const account = Account.open(accountDir); // fails early with ACCOUNT_NOT_FOUND
      const projectFolder = String(program.opts<{ project: string }>().project);
      const objects = loadProjectObjects(projectFolder);
      const server = await startLocalServer({
        account,
        accountDir,
        projectFolder,
        objects,
        role: opts.role,
        port: opts.port,
        restlets: createRestletHandler({ accountDir, projectFolder, objects }),
        onRequest: (e) => process.stderr.write(`${e.method} ${e.deployment} ${e.status} ${e.units} units ${e.durationMs} ms${e.error ? ` ${e.error}` : ''}\n`),
      });
      process.stdout.write(`${JSON.stringify({ url: server.url, port: server.port, account: accountDir, realm: account.settings.accountId, role: server.user.roleId, suitelets: `${server.url}/app/site/hosting/scriptlet.nl`, restlets: `${server.url}/app/site/hosting/restlet.nl` })}\n`);
      process.stderr.write(`ns-local: desk at ${server.url}/ (role ${server.user.roleId}), RESTlets at ${server.url}/app/site/hosting/restlet.nl (Ctrl-C to stop)\n`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', () => void server.close().then(resolve));
        process.once('SIGTERM', () => void server.close().then(resolve));
      });
    });
}
