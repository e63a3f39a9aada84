// ns-local's RESTlet endpoint checks OAuth 1.0 token-based authentication as NetSuite does (runtime/restlet/oauth.ts
// names the sources): HMAC-SHA256 only, realm = account id, a known consumer and token, a fresh timestamp, a nonce
// used once, a signature over method, URL and parameters. Each refusal is a 401 INVALID_LOGIN_ATTEMPT and a line in
// the login audit saying why; nothing runs.
import * as fs from 'node:fs';
import { startLocalEnvironment, type LocalEnvironment } from '../../../demo/environment';
import { createIntegration, issueToken, readLoginAudit, readTbaStore, writeTbaStore } from '../../../runtime/restlet/credentials';
import { restletUrl } from '../../../runtime/restlet/handler';
import { hmacSha256Signature, percentEncode, signatureBaseString } from '../../../runtime/restlet/oauth';
import { startRestletServer, type RestletServer } from '../../../runtime/restlet/server';
import { tbaClient, type TbaKeys } from './tbaClient';

const SCHEDULE = `${restletUrl('customscript_hwx_rl_jobcontrol', 'customdeploy_hwx_rl_jc_schedule')}&jobName=po_export`;

let env: LocalEnvironment;
let server: RestletServer;
let keys: TbaKeys;

beforeAll(async () => {
  env = await startLocalEnvironment();
  const integration = createIntegration(env.accountDir, 'HotWax Commerce');
  const token = issueToken(env.accountDir, integration.consumerKey, { id: 7001, name: 'HotWax Integration', email: 'hotwax@example.invalid' }, 'customrole_hwx_jobcontrol');
  keys = { realm: env.account().settings.accountId, consumer: { key: integration.consumerKey, secret: integration.consumerSecret }, token: { key: token.tokenId, secret: token.tokenSecret } };
  server = await startRestletServer({ accountDir: env.accountDir, projectFolder: env.projectFolder, objects: env.objects });
});

afterAll(async () => {
  await server.close();
  await env.stop();
  fs.rmSync(env.dir, { recursive: true, force: true });
});

const reasonOf = (headers: Headers): string | null => headers.get('x-ns-local-auth-failure');

describe('TBA on RESTlets', () => {
  it('a correctly signed call runs the RESTlet within its 5,000-unit budget', async () => {
    const res = await tbaClient(server.origin, keys)('GET', SCHEDULE);
    expect(res.status).toBe(200);
    const usage = Number(res.headers.get('x-ns-local-usage'));
    expect(usage).toBeGreaterThan(0);
    expect(usage).toBeLessThanOrEqual(5000);
  });

  it('a bad signature (signed with another token secret) is refused', async () => {
    const res = await tbaClient(server.origin, keys)('GET', SCHEDULE, { signWithTokenSecret: 'not-the-secret' });
    expect(res.status).toBe(401);
    expect((res.json as { error: { code: string } }).error.code).toBe('INVALID_LOGIN_ATTEMPT');
    expect(reasonOf(res.headers)).toBe('invalid_signature');
  });

  it('a replayed request (same nonce and signature) is refused the second time', async () => {
    const call = tbaClient(server.origin, keys);
    const first = await call('GET', SCHEDULE);
    expect(first.status).toBe(200);
    const replay = await call('GET', SCHEDULE, { authorization: first.authorization });
    expect(replay.status).toBe(401);
    expect(reasonOf(replay.headers)).toBe('nonce_used');
  });

  it.each([[-3600], [3600]])('a correctly signed request whose timestamp is %i s off is refused as stale', async (shift) => {
    const res = await tbaClient(server.origin, keys)('GET', SCHEDULE, { timestampShift: shift });
    expect(res.status).toBe(401);
    expect(reasonOf(res.headers)).toBe('stale_timestamp');
  });

  it('a request signed for another account (realm) is refused', async () => {
    const res = await tbaClient(server.origin, keys)('GET', SCHEDULE, { realm: 'TSTDRV0000000' });
    expect(reasonOf(res.headers)).toBe('wrong_realm');
  });

  it('a signature over other parameters (the query changed after signing) is refused', async () => {
    const call = tbaClient(server.origin, keys);
    const signed = await call('GET', SCHEDULE);
    const tampered = await fetch(`${server.origin}${SCHEDULE.replace('po_export', 'po_receipts')}`, { headers: { Authorization: signed.authorization.replace(/oauth_nonce="[^"]*"/, 'oauth_nonce="tampered123"') } });
    expect(tampered.status).toBe(401);
    expect(reasonOf(tampered.headers)).toBe('invalid_signature');
  });

  it('no header, a non-OAuth header, HMAC-SHA1, a short nonce, an unknown consumer, a blocked integration, a revoked token: all refused', async () => {
    const url = `${server.origin}${SCHEDULE}`;
    expect(reasonOf((await fetch(url)).headers)).toBe('missing_header');
    expect(reasonOf((await fetch(url, { headers: { Authorization: 'Bearer abc' } })).headers)).toBe('malformed_header');

    // Hand-built headers (percent-encoded per RFC 5849), signed correctly except for what each case breaks.
    const header = (over: Record<string, string>, secrets = { consumer: keys.consumer.secret, token: keys.token.secret }): string => {
      const params: Record<string, string> = { oauth_consumer_key: keys.consumer.key, oauth_token: keys.token.key, oauth_nonce: `n${Math.random().toString(36).slice(2, 12)}`, oauth_timestamp: String(Math.floor(Date.now() / 1000)), oauth_signature_method: 'HMAC-SHA256', oauth_version: '1.0', ...over };
      const signature = hmacSha256Signature(signatureBaseString('GET', new URL(url), params), secrets.consumer, secrets.token);
      return `OAuth realm="${keys.realm}", ${Object.entries({ ...params, oauth_signature: signature }).map(([k, v]) => `${k}="${percentEncode(v)}"`).join(', ')}`;
    };
    expect((await fetch(url, { headers: { Authorization: header({}) } })).status).toBe(200);
    expect(reasonOf((await fetch(url, { headers: { Authorization: header({ oauth_signature_method: 'HMAC-SHA1' }) } })).headers)).toBe('unsupported_signature_method');
    expect(reasonOf((await fetch(url, { headers: { Authorization: header({ oauth_nonce: 'abc' }) } })).headers)).toBe('bad_nonce');
    expect(reasonOf((await fetch(url, { headers: { Authorization: header({ oauth_consumer_key: 'unknown' }) } })).headers)).toBe('consumer_key_unknown');

    const store = readTbaStore(env.accountDir);
    writeTbaStore(env.accountDir, { ...store, integrations: store.integrations.map((i) => ({ ...i, state: 'BLOCKED' as const })) });
    expect(reasonOf((await fetch(url, { headers: { Authorization: header({}) } })).headers)).toBe('consumer_key_refused');
    writeTbaStore(env.accountDir, { ...store, tokens: store.tokens.map((t) => ({ ...t, revoked: true })) });
    expect(reasonOf((await fetch(url, { headers: { Authorization: header({}) } })).headers)).toBe('token_rejected');
    writeTbaStore(env.accountDir, store);

    // The login audit (what an admin reads at View Login Audit Trail) says why each call was refused.
    const reasons = readLoginAudit(env.accountDir).filter((e) => e.result === 'FAILURE').map((e) => String(e.reason).split(':')[0]);
    expect(reasons).toEqual(expect.arrayContaining(['missing_header', 'unsupported_signature_method', 'bad_nonce', 'consumer_key_unknown', 'consumer_key_refused', 'token_rejected']));
  });

  it('a URL that names no RESTlet deployment answers 404; a path that is not restlet.nl answers 404', async () => {
    const call = tbaClient(server.origin, keys);
    expect((await call('GET', restletUrl('customscript_hwx_rl_jobcontrol', 'customdeploy_nope'))).status).toBe(404);
    expect((await call('GET', '/app/site/hosting/scriptlet.nl?script=1&deploy=1')).status).toBe(404);
  });
});
