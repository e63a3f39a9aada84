// Integration, over HTTP as HotWax's connector calls it: the compiled job-control RESTlet served by ns-local with
// OAuth 1.0 token-based authentication (oauth-1.0a from npm signs every request), against an emulated account
// and the embedded SFTP server. Request shapes are the connector's (docs/restlets.md: field names from
// hotwax/mantle-netsuite-connector and hotwax/netsuite-integration).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startLocalEnvironment, type LocalEnvironment } from '../../demo/environment';
import { runSchedulerTick } from '../../runtime/engines/scheduler';
import { createIntegration, issueToken, readTbaStore, writeTbaStore } from '../../runtime/restlet/credentials';
import { restletUrl } from '../../runtime/restlet/handler';
import { startRestletServer, type RestletServer } from '../../runtime/restlet/server';
import { tbaClient, type CallResult } from '../runtime/restlet/tbaClient';

const SCRIPT = 'customscript_hwx_rl_jobcontrol';
const RUN = restletUrl(SCRIPT, 'customdeploy_hwx_rl_jc_run');
const PAUSE = restletUrl(SCRIPT, 'customdeploy_hwx_rl_jc_pause');
const SCHEDULE = restletUrl(SCRIPT, 'customdeploy_hwx_rl_jc_schedule');
const HEALTH = restletUrl(SCRIPT, 'customdeploy_hwx_rl_jc_health');
const SFTP = restletUrl(SCRIPT, 'customdeploy_hwx_rl_jc_sftp');
const ROLE = 'customrole_hwx_jobcontrol';
const HEADER = 'Reference No,Adjustment Account,Item,Adjust Qty By,Location,Date,Memo,Subsidiary,HC Inventory Adj Id';
const SAMPLE = fs.readFileSync(path.join(__dirname, '..', '..', 'demo', 'feeds', 'hotwax-cycle-count-variance-sample.csv'), 'utf8');

let env: LocalEnvironment;
let server: RestletServer;
let call: ReturnType<typeof tbaClient>;

beforeEach(async () => {
  env = await startLocalEnvironment();
  const integration = createIntegration(env.accountDir, 'HotWax Commerce');
  const token = issueToken(env.accountDir, integration.consumerKey, { id: 7001, name: 'HotWax Integration', email: 'hotwax@example.invalid' }, ROLE);
  server = await startRestletServer({ accountDir: env.accountDir, projectFolder: env.projectFolder, objects: env.objects });
  call = tbaClient(server.origin, { realm: env.account().settings.accountId, consumer: { key: integration.consumerKey, secret: integration.consumerSecret }, token: { key: token.tokenId, secret: token.tokenSecret } });
});

afterEach(async () => {
  await server.close();
  await env.stop();
  fs.rmSync(env.dir, { recursive: true, force: true });
});

const errorOf = (r: CallResult): { code: string; message: string } => (r.json as { error: { code: string; message: string } }).error;
const deploymentStatus = (id: string): unknown => env.account().listRecords('scriptdeployment').find((r) => r.fields.scriptid === id)?.fields.status;
const audits = (): Record<string, unknown>[] => env.account().listRecords('customrecord_hwx_jc_audit').map((r) => r.fields);
const pendingTasks = (): string[] => env.account().tasks.filter((t) => t.status === 'PENDING' || t.status === 'PROCESSING').map((t) => `${t.type}:${t.deploymentId}`);

describe('run now', () => {
  it('queues the flow\'s on-demand deployment once; a second call while it is queued says so and queues nothing', async () => {
    // The connector's shape: {name, scriptType} (NetSuiteRestletServices.xml, run#SuiteScript).
    const first = await call('POST', RUN, { body: { name: 'variance_adjustments', scriptType: 'SCHEDULED' } });
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ status: 'success', code: 'QUEUED', deploymentId: 'customdeploy_hwx_sc_variance_adj_more' });
    expect(pendingTasks()).toEqual(['SCHEDULED_SCRIPT:customdeploy_hwx_sc_variance_adj_more']);

    // HotWax's own RESTlet read jobName: accepted too.
    const second = await call('POST', RUN, { body: { jobName: 'variance_adjustments' } });
    expect(second.status).toBe(400);
    expect(errorOf(second).code).toBe('ALREADY_QUEUED');
    expect(errorOf(second).message).toMatch(/already queued or running/);
    expect(pendingTasks()).toHaveLength(1);

    // Once the run has finished, run now queues again.
    await env.runTasks();
    const third = await call('POST', RUN, { body: { name: 'customdeploy_hwx_sc_variance_adj' } });
    expect(third.status).toBe(200);
    expect(pendingTasks()).toHaveLength(1);
  });

  it('a map/reduce flow: the second call meets MAP_REDUCE_ALREADY_RUNNING and answers ALREADY_QUEUED', async () => {
    expect((await call('POST', RUN, { body: { name: 'po_receipts', scriptType: 'MAP_REDUCE' } })).status).toBe(200);
    const again = await call('POST', RUN, { body: { name: 'po_receipts', scriptType: 'MAP_REDUCE' } });
    expect(again.status).toBe(400);
    expect(errorOf(again)).toMatchObject({ code: 'ALREADY_QUEUED' });
    expect(errorOf(again).message).toContain('MAP_REDUCE_ALREADY_RUNNING');
    expect(pendingTasks()).toEqual(['MAP_REDUCE:customdeploy_hwx_mr_po_receipt_ondemand']);
  });

  it('refuses a job name it does not know, a display name, an ambiguous script id and a wrong scriptType, and queues nothing', async () => {
    const unknown = await call('POST', RUN, { body: { name: 'HotWax Variances - Adjustments', scriptType: 'SCHEDULED' } });
    expect(unknown.status).toBe(400);
    expect(errorOf(unknown).code).toBe('JOB_NOT_FOUND');
    const ambiguous = await call('POST', RUN, { body: { name: 'customscript_hwx_sc_variance_import' } });
    expect(errorOf(ambiguous).code).toBe('JOB_AMBIGUOUS');
    const wrongType = await call('POST', RUN, { body: { name: 'po_export', scriptType: 'SCHEDULED' } });
    expect(errorOf(wrongType).code).toBe('BAD_REQUEST');
    expect(pendingTasks()).toEqual([]);
  });
});

describe('pause and resume', () => {
  it('a paused flow does not run on its schedule; files that arrive meanwhile wait on SFTP and are all processed after resume', async () => {
    // The connector's shape: {name, paused: 'Y'|'N'} (NetSuiteRestletServices.xml, change#ScriptStatus).
    const paused = await call('POST', PAUSE, { body: { name: 'variance_adjustments', paused: 'Y' } });
    expect(paused.status).toBe(200);
    expect(paused.json).toMatchObject({ status: 'success', code: 'PAUSED', changed: ['customdeploy_hwx_sc_variance_adj'] });
    expect(deploymentStatus('customdeploy_hwx_sc_variance_adj')).toBe('NOTSCHEDULED');
    expect(deploymentStatus('customdeploy_hwx_sc_variance_trf')).toBe('SCHEDULED');

    env.dropFile('inventoryadjustment/csv', 'a.csv', SAMPLE);
    env.dropFile('inventoryadjustment/csv', 'b.csv', SAMPLE.replace(/^(.*)$/gm, (l, _m, offset) => (offset === 0 ? l : l.replace(/,([^,]*)$/, ',B-$1'))).replace(/^([^,]*),/gm, (l, ref: string) => (ref === 'Reference No' ? l : `B-${ref},`)));
    for (let i = 0; i < 2; i++) {
      const account = env.account();
      const tick = await runSchedulerTick({ account, projectFolder: env.projectFolder, objects: env.objects, scriptIds: ['customscript_hwx_sc_variance_import'] });
      account.save();
      expect(tick.ran.map((r) => r.deployment)).toEqual(['customdeploy_hwx_sc_variance_trf']);
      expect(tick.skipped).toContainEqual({ scriptId: 'customscript_hwx_sc_variance_import', deploymentId: 'customdeploy_hwx_sc_variance_adj', status: 'NOTSCHEDULED', isDeployed: true });
    }
    expect(env.listFolder('inventoryadjustment/csv')).toEqual(['a.csv', 'b.csv']);
    // Run now is refused while paused: pause means pause.
    const runWhilePaused = await call('POST', RUN, { body: { name: 'variance_adjustments' } });
    expect(errorOf(runWhilePaused).code).toBe('FLOW_PAUSED');
    expect(pendingTasks()).toEqual([]);

    const resumed = await call('POST', PAUSE, { body: { name: 'variance_adjustments', paused: 'N' } });
    expect(resumed.json).toMatchObject({ code: 'RESUMED', changed: ['customdeploy_hwx_sc_variance_adj'] });
    for (let i = 0; i < 3 && env.listFolder('inventoryadjustment/csv').length > 0; i++) {
      const account = env.account();
      await runSchedulerTick({ account, projectFolder: env.projectFolder, objects: env.objects, scriptIds: ['customscript_hwx_sc_variance_import'] });
      account.save();
    }
    expect(env.listFolder('inventoryadjustment/csv')).toEqual([]);
    expect(env.listFolder('inventoryadjustment/archive').sort()).toEqual(['a.csv', 'b.csv']);
    const files = env.account().listRecords('customrecord_hwx_feed_file').filter((r) => r.fields.custrecord_hwx_ff_flow === 'variance:inventoryadjustment');
    expect(files.map((r) => r.fields.custrecord_hwx_ff_status).sort()).toEqual(['ARCHIVED', 'ARCHIVED']);
  });

  it('pausing twice changes nothing the second time and says so; paused must be Y or N', async () => {
    await call('POST', PAUSE, { body: { name: 'po_export', paused: 'Y' } });
    const again = await call('POST', PAUSE, { body: { name: 'po_export', paused: 'Y' } });
    expect(again.json).toMatchObject({ code: 'PAUSED', changed: [] });
    expect((again.json as { message: string }).message).toContain('already');
    const bad = await call('POST', PAUSE, { body: { name: 'po_export', paused: 'maybe' } });
    expect(bad.status).toBe(400);
    expect(errorOf(bad).code).toBe('BAD_REQUEST');
  });
});

describe('schedule', () => {
  it('answers the connector\'s shape (a JSON string with recurrenceMinutes) and a richer one with the next run', async () => {
    const hotwax = await call('GET', `${SCHEDULE}&jobName=po_receipts`);
    expect(hotwax.status).toBe(200);
    expect(hotwax.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(JSON.parse(hotwax.text)).toMatchObject({ status: 'success', message: 'Cron Expression sent', recurrenceMinutes: 15, paused: false });

    const full = await call('GET', `${SCHEDULE}&format=full&jobName=inventory_snapshot`);
    const flow = (full.json as { flows: { flow: string; nextRun: string | null; deployments: { deploymentId: string; recurrenceMinutes: number | null; nextRun: string | null }[] }[] }).flows[0];
    expect(flow?.flow).toBe('inventory_snapshot');
    const daily = flow?.deployments.find((d) => d.deploymentId === 'customdeploy_hwx_sc_inv_export_daily');
    expect(daily?.recurrenceMinutes).toBe(1440);
    expect(daily?.nextRun).toMatch(/T07:00:00\.000Z$/);
    expect(Date.parse(String(flow?.nextRun))).toBeGreaterThan(Date.now());

    await call('POST', PAUSE, { body: { name: 'po_receipts', paused: 'Y' } });
    const afterPause = await call('GET', `${SCHEDULE}&jobName=po_receipts`);
    expect(JSON.parse(afterPause.text)).toMatchObject({ paused: true, nextRun: null });
  });
});

describe('health', () => {
  it('per flow: files done and failed, the files that need a person, the last run now and its status', async () => {
    env.dropFile('inventoryadjustment/csv', 'good.csv', SAMPLE);
    env.dropFile('inventoryadjustment/csv', 'bad.csv', `${HEADER}\nR1,,NOPE-SKU,x,254,13/45/2026,Lost,1,HC-1\n`);
    for (let i = 0; i < 3; i++) await env.run('customscript_hwx_sc_variance_import', { deploymentId: 'customdeploy_hwx_sc_variance_adj' });
    await call('POST', RUN, { body: { name: 'variance_adjustments' } });

    const res = await call('GET', `${HEALTH}&jobName=variance_adjustments`);
    expect(res.status).toBe(200);
    const [flow] = (res.json as { flows: { flow: string; files: Record<string, number>; needsAttention: { fileName: string; why: string }[]; lastRunNow: { status: string } | null; recentFiles: unknown[] }[] }).flows;
    expect(flow?.flow).toBe('variance_adjustments');
    expect(flow?.files.done).toBeGreaterThanOrEqual(1);
    expect(flow?.needsAttention.map((f) => f.fileName)).toContain('bad.csv');
    expect(flow?.lastRunNow?.status).toBe('PENDING');
    expect(flow?.recentFiles.length).toBeGreaterThanOrEqual(2);
  });

  it('per flow: the last runs from the run log, newest first, with status and the units each run used', async () => {
    env.dropFile('inventoryadjustment/csv', 'bad.csv', `${HEADER}\nR1,,NOPE-SKU,x,254,13/45/2026,Lost,1,HC-1\n`);
    const used: number[] = [];
    for (let i = 0; i < 3; i++) {
      const run = await env.run('customscript_hwx_sc_variance_import', { deploymentId: 'customdeploy_hwx_sc_variance_adj' });
      used.push(Object.values(run.usage).reduce((n, u) => n + u.units, 0));
    }
    const res = await call('GET', `${HEALTH}&jobName=variance_adjustments&limit=2`);
    const [flow] = (res.json as { flows: { lastRuns: { status: string; units: number; summary: string; deployment: string }[] }[] }).flows;
    expect(flow?.lastRuns.map((r) => r.units)).toEqual([used[2], used[1]]);
    expect(flow?.lastRuns.every((r) => r.deployment === 'customdeploy_hwx_sc_variance_adj')).toBe(true);
    const all = (await call('GET', `${HEALTH}&jobName=variance_adjustments`)).json as { flows: { lastRuns: { status: string; summary: string }[] }[] };
    // The file's rows are all bad: the run that finished it needs a person.
    expect(all.flows[0]?.lastRuns.map((r) => r.status)).toContain('NEEDS_ATTENTION');
  });

  it('knows the transfer-order flows: their runs, and run now for store shipments on its own on-demand deployment', async () => {
    await env.run('customscript_hwx_sc_to_export', { deploymentId: 'customdeploy_hwx_sc_to_export' });
    const res = await call('GET', `${HEALTH}&jobName=transfer_export`);
    const [flow] = (res.json as { flows: { flow: string; lastRuns: { status: string }[] }[] }).flows;
    expect(flow?.flow).toBe('transfer_export');
    expect(flow?.lastRuns).toHaveLength(1);
    const run = await call('POST', RUN, { body: { name: 'transfer_shipments' } });
    expect(run.status).toBe(200);
    expect(JSON.stringify(run.json)).toContain('customdeploy_hwx_sc_to_shipment_now');
  });
});

describe('SFTP configuration', () => {
  const KEY = (): string => env.sftp.hostKey.base64;
  const connectorBody = (): Record<string, unknown> => ({ hostName: 'sftp.example.com', userName: 'hotwax', port: '2222', hostKey: KEY(), defaultDirectory: '/home/hotwax/netsuite/', secretId: 'custsecret_hwx_sftp_password' });
  const configs = (): Record<string, unknown>[] => env.account().listRecords('customrecord_hwx_sftp_config').map((r) => r.fields);

  it('updates the one configuration record from the connector\'s fields, pins the host key and its type, never makes a second record', async () => {
    const res = await call('POST', SFTP, { body: connectorBody() });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ status: 'success', code: 'UPDATED', hostKeyType: env.sftp.hostKey.type });
    expect(configs()).toHaveLength(1);
    expect(configs()[0]).toMatchObject({ custrecord_hwx_sftp_host: 'sftp.example.com', custrecord_hwx_sftp_port: 2222, custrecord_hwx_sftp_username: 'hotwax', custrecord_hwx_sftp_host_key: KEY(), custrecord_hwx_sftp_host_key_type: env.sftp.hostKey.type });
  });

  it('creates it when there is none, then updates the same record', async () => {
    const account = env.account();
    for (const r of account.listRecords('customrecord_hwx_sftp_config')) account.deleteRecord('customrecord_hwx_sftp_config', r.id);
    account.save();
    expect((await call('POST', SFTP, { body: connectorBody() })).json).toMatchObject({ code: 'CREATED' });
    expect((await call('POST', SFTP, { body: { ...connectorBody(), port: 22 } })).json).toMatchObject({ code: 'UPDATED' });
    expect(configs()).toHaveLength(1);
    expect(configs()[0]?.custrecord_hwx_sftp_port).toBe(22);
  });

  it.each([
    ['a password in the body', { password: 'hunter2' }, 'PASSWORD_NOT_ACCEPTED'],
    ['no host key', { hostKey: '' }, 'BAD_REQUEST'],
    ['a host key that is not base64', { hostKey: 'not a key!' }, 'BAD_REQUEST'],
    ['an ed25519 host key', { hostKey: 'AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJlAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }, 'BAD_REQUEST'],
    ['a host key type that is not the key\'s', { hostKeyType: 'dsa' }, 'BAD_REQUEST'],
    ['a host with a scheme', { hostName: 'sftp://sftp.example.com' }, 'BAD_REQUEST'],
    ['port 0', { port: 0 }, 'BAD_REQUEST'],
    ['a secret that is not an API secret id', { secretId: 'hunter2' }, 'BAD_REQUEST'],
    ['a relative directory', { defaultDirectory: 'netsuite/' }, 'BAD_REQUEST'],
    ['an unknown field', { keyPassphrase: 'x' }, 'PASSWORD_NOT_ACCEPTED'],
    ['an extra field', { protocol: 'sftp' }, 'BAD_REQUEST'],
  ])('refuses %s and leaves the record as it was', async (_label, change, code) => {
    const before = JSON.stringify(configs());
    const res = await call('POST', SFTP, { body: { ...connectorBody(), ...change } });
    expect(res.status).toBe(400);
    expect(errorOf(res).code).toBe(code);
    expect(JSON.stringify(configs())).toBe(before);
  });

  it('refuses to guess between two active configuration records', async () => {
    const account = env.account();
    const [one] = account.listRecords('customrecord_hwx_sftp_config');
    if (!one) throw new Error('fixture has no SFTP configuration');
    account.insertRecord('customrecord_hwx_sftp_config', { ...one.fields, name: 'second', isinactive: false });
    account.save();
    const res = await call('POST', SFTP, { body: connectorBody() });
    expect(errorOf(res).code).toBe('SFTP_CONFIG_AMBIGUOUS');
  });
});

describe('malformed requests and the audit', () => {
  it.each([
    ['not JSON', { rawBody: '{"name": ' }, 400, 'SSS_INVALID_JSON'],
    ['a JSON array', { body: ['variance_adjustments'] }, 400, 'BAD_REQUEST'],
    ['an unknown field', { body: { name: 'po_export', force: true } }, 400, 'BAD_REQUEST'],
    ['a name with odd characters', { body: { name: 'po_export;rm -rf' } }, 400, 'BAD_REQUEST'],
    ['a number as name', { body: { name: 42 } }, 400, 'BAD_REQUEST'],
    ['name and jobName that differ', { body: { name: 'po_export', jobName: 'po_receipts' } }, 400, 'BAD_REQUEST'],
    ['an XML body', { rawBody: '<job/>', contentType: 'application/xml' }, 415, 'SSS_UNSUPPORTED_CONTENT_TYPE'],
  ])('refuses %s with a code, a message and a matching status; queues nothing', async (_label, options, status, code) => {
    const res = await call('POST', RUN, options);
    expect(res.status).toBe(status);
    expect(errorOf(res).code).toBe(code);
    expect(errorOf(res).message.length).toBeGreaterThan(10);
    expect(pendingTasks()).toEqual([]);
  });

  it('a GET on the run deployment is refused (run now is a POST)', async () => {
    const res = await call('GET', `${RUN}&name=po_export`);
    expect(errorOf(res).code).toBe('METHOD_NOT_ALLOWED');
  });

  it('audits every call that reached the script, success or not: who, what, when, result', async () => {
    await call('POST', RUN, { body: { name: 'po_export', scriptType: 'MAP_REDUCE' } });
    await call('POST', RUN, { body: { name: 'po_export', scriptType: 'MAP_REDUCE' } });
    await call('POST', SFTP, { body: { hostName: 'x.example.com', password: 'hunter2' } });
    const rows = audits();
    expect(rows.map((a) => [a.custrecord_hwx_jca_action, a.custrecord_hwx_jca_flow, a.custrecord_hwx_jca_result, a.custrecord_hwx_jca_code])).toEqual([
      ['run', 'po_export', 'OK', 'OK'],
      ['run', 'po_export', 'ERROR', 'ALREADY_QUEUED'],
      ['sftp', '', 'ERROR', 'PASSWORD_NOT_ACCEPTED'],
    ]);
    expect(rows[0]?.custrecord_hwx_jca_user).toBe('HotWax Integration (7001)');
    expect(String(rows[0]?.custrecord_hwx_jca_role)).toMatch(/^customrole_hwx_jobcontrol \(\d+\)$/);
    expect(String(rows[0]?.custrecord_hwx_jca_task)).toMatch(/^MAP_REDUCE_/);
    expect(Date.parse(String(rows[0]?.custrecord_hwx_jca_at))).not.toBeNaN();
    // The password never reaches the audit.
    expect(String(rows[2]?.custrecord_hwx_jca_request)).not.toContain('hunter2');
  });
});

describe('role permissions', () => {
  it('a role without the SuiteScript permission cannot pause: INSUFFICIENT_PERMISSION, nothing changed, the refusal audited', async () => {
    const store = readTbaStore(env.accountDir);
    // An admin edited the role in the UI after deploying and removed SuiteScript (ADMI_CUSTOMSCRIPT).
    writeTbaStore(env.accountDir, { ...store, roles: [{ scriptId: ROLE, name: 'HotWax Job Control', permissions: { ADMI_LOGIN_OAUTH: 'FULL', customrecord_hwx_jc_audit: 'CREATE' } }] });
    const res = await call('POST', PAUSE, { body: { name: 'po_export', paused: 'Y' } });
    expect(res.status).toBe(400);
    expect(errorOf(res).code).toBe('INSUFFICIENT_PERMISSION');
    expect(errorOf(res).message).toContain('ADMI_CUSTOMSCRIPT');
    expect(deploymentStatus('customdeploy_hwx_mr_po_export')).toBe('SCHEDULED');
    expect(audits().map((a) => a.custrecord_hwx_jca_code)).toEqual(['INSUFFICIENT_PERMISSION']);
  });

  it('a role that may not log in with tokens is refused before the script runs (401)', async () => {
    const store = readTbaStore(env.accountDir);
    writeTbaStore(env.accountDir, { ...store, roles: [{ scriptId: ROLE, name: 'HotWax Job Control', permissions: { ADMI_CUSTOMSCRIPT: 'EDIT', customrecord_hwx_jc_audit: 'CREATE' } }] });
    const res = await call('POST', RUN, { body: { name: 'po_export' } });
    expect(res.status).toBe(401);
    expect(errorOf(res).code).toBe('INVALID_LOGIN_ATTEMPT');
    expect(pendingTasks()).toEqual([]);
    expect(audits()).toEqual([]);
  });

  it('a token of a role outside the deployments\' audience is refused (403), even the administrator\'s is not needed', async () => {
    const store = readTbaStore(env.accountDir);
    const consumer = store.integrations[0];
    if (!consumer) throw new Error('no integration');
    const other = issueToken(env.accountDir, consumer.consumerKey, { id: 7002, name: 'Clerk', email: 'clerk@example.invalid' }, 'customrole_clerk');
    writeTbaStore(env.accountDir, { ...readTbaStore(env.accountDir), roles: [{ scriptId: 'customrole_clerk', name: 'Clerk', permissions: { ADMI_LOGIN_OAUTH: 'FULL', ADMI_CUSTOMSCRIPT: 'FULL' } }] });
    const clerk = tbaClient(server.origin, { realm: env.account().settings.accountId, consumer: { key: consumer.consumerKey, secret: consumer.consumerSecret }, token: { key: other.tokenId, secret: other.tokenSecret } });
    const res = await clerk('POST', RUN, { body: { name: 'po_export' } });
    expect(res.status).toBe(403);
    expect(pendingTasks()).toEqual([]);
  });
});
