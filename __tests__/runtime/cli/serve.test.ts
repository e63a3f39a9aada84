// `ns-local serve`, run as other tooling runs it (bin/ns-local.js in a child process): the Suitelets answer at
// /app/site/hosting/scriptlet.nl as the role given, the RESTlets at /app/site/hosting/restlet.nl on the same port
// with OAuth 1.0 TBA, and the account is read from disk per request, so changes other processes save are kept.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { startLocalEnvironment, type LocalEnvironment } from '../../../demo/environment';
import { Account } from '../../../runtime/account/account';
import { suiteletPath } from '../../../runtime/http/urls';
import { createIntegration, issueToken } from '../../../runtime/restlet/credentials';
import { restletUrl } from '../../../runtime/restlet/handler';
import { tbaClient, type TbaKeys } from '../restlet/tbaClient';

const ROOT = path.join(__dirname, '..', '..', '..');
const BIN = path.join(ROOT, 'bin', 'ns-local.js');
const REVIEW = suiteletPath('customscript_hwx_sl_variance_review', 'customdeploy_hwx_sl_variance_review');
const SCHEDULE = `${restletUrl('customscript_hwx_rl_jobcontrol', 'customdeploy_hwx_rl_jc_schedule')}&jobName=po_export`;

let env: LocalEnvironment;
let keys: TbaKeys;

interface Served {
  child: ChildProcessWithoutNullStreams;
  url: string;
  role: string;
}

async function serve(role: string): Promise<Served> {
  const child = spawn(process.execPath, [BIN, 'serve', '--account', env.accountDir, '--role', role], { cwd: ROOT });
  const line = await new Promise<string>((resolve, reject) => {
    const rl = readline.createInterface({ input: child.stdout });
    rl.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`ns-local serve exited ${String(code)}`)));
  });
  const info = JSON.parse(line) as { url: string; role: string };
  return { child, url: info.url, role: info.role };
}

async function stop(served: Served): Promise<void> {
  const exited = new Promise((resolve) => served.child.once('exit', resolve));
  served.child.kill('SIGTERM');
  await exited;
}

beforeAll(async () => {
  env = await startLocalEnvironment();
  await env.stop(); // the account folder stays; these pages need no SFTP
  const integration = createIntegration(env.accountDir, 'HotWax Commerce');
  const token = issueToken(env.accountDir, integration.consumerKey, { id: 7001, name: 'HotWax Integration', email: 'hotwax@example.invalid' }, 'customrole_hwx_jobcontrol');
  keys = { realm: Account.open(env.accountDir).settings.accountId, consumer: { key: integration.consumerKey, secret: integration.consumerSecret }, token: { key: token.tokenId, secret: token.tokenSecret } };
});

afterAll(() => fs.rmSync(env.dir, { recursive: true, force: true }));

describe('ns-local serve', () => {
  it('serves a Suitelet as the role given and a signed RESTlet call on the same port', async () => {
    const served = await serve('customrole_hwx_accountant');
    try {
      expect(served.role).toBe('customrole_hwx_accountant');
      const page = await fetch(`${served.url}${REVIEW}`);
      expect(page.status).toBe(200);
      expect(Number(page.headers.get('x-ns-local-units'))).toBeGreaterThan(0);
      const html = await page.text();
      expect(html).toContain('HotWax Variance Review');
      expect(html).toContain('Local user (customrole_hwx_accountant)');
      // The integration-health Suitelet is not deployed to accountants: the role is really the one given.
      const health = await fetch(`${served.url}${suiteletPath('customscript_hwx_sl_integration_health', 'customdeploy_hwx_sl_integration_health')}`);
      expect(health.status).toBe(403);

      const call = tbaClient(served.url, keys);
      const signed = await call('GET', SCHEDULE);
      expect(signed.status).toBe(200);
      expect(Number(signed.headers.get('x-ns-local-usage'))).toBeGreaterThan(0);
      const unsigned = await fetch(`${served.url}${SCHEDULE}`);
      expect(unsigned.status).toBe(401);
    } finally {
      await stop(served);
    }
  });

  it('keeps what other processes save to the account while it serves (the account is read per request)', async () => {
    const served = await serve('administrator');
    try {
      await fetch(`${served.url}${REVIEW}`); // the server has the account open and has saved it once
      const other = Account.open(env.accountDir);
      const added = other.insertRecord('location', { name: 'Added by another process' });
      other.save();
      const page = await fetch(`${served.url}/app/common/otherlists/locationtype.nl?id=${added.id}`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('Added by another process');
      expect((await fetch(`${served.url}${REVIEW}`)).status).toBe(200); // a Suitelet run saves the account
      expect(Account.open(env.accountDir).getRecord('location', added.id)?.fields.name).toBe('Added by another process');
    } finally {
      await stop(served);
    }
  });

  it('refuses a RESTlet body over 10 MB before authenticating, and an unknown path with 404', async () => {
    const served = await serve('administrator');
    try {
      const big = await fetch(`${served.url}${SCHEDULE}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: 'x'.repeat(10 * 1024 * 1024 + 1) });
      expect(big.status).toBe(413);
      expect(await big.text()).toContain('SSS_REQUEST_TOO_LARGE');
      expect((await fetch(`${served.url}/app/nowhere.nl`)).status).toBe(404);
      // still serving after the refusal
      expect((await fetch(`${served.url}${REVIEW}`)).status).toBe(200);
    } finally {
      await stop(served);
    }
  });

  it.each([['--port', '70000'], ['--port', 'abc']])('refuses %s %s with a non-zero exit', async (flag, value) => {
    const child = spawn(process.execPath, [BIN, 'serve', '--account', env.accountDir, flag, value], { cwd: ROOT });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).not.toBe(0);
  });

  it('refuses a missing account folder with a non-zero exit', async () => {
    const child = spawn(process.execPath, [BIN, 'serve', '--account', path.join(env.dir, 'nowhere')], { cwd: ROOT });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).not.toBe(0);
    expect(stderr).toContain('ACCOUNT_NOT_FOUND');
  });
});
