// ns-local's Suitelet server: NetSuite's URL shape, deployment access by audience role and status
// (Oracle help "Suitelet Script Deployment Page Body Fields"), per-request governance, record pages; and the
// TRUNC formula function the variance review groups weeks with.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { initAccount, loadFixture } from '../../../runtime/account/fixture';
import { DEFAULT_FIXTURE } from '../../../demo/environment';
import { loadProjectObjects } from '../../../runtime/objects';
import { projectRoot } from '../../../runtime/paths';
import { startLocalServer } from '../../../runtime/http/server';
import { compileFormula } from '../../../runtime/search/formula';
import type { Row } from '../../../runtime/search/schema';

const projectFolder = path.join(projectRoot(), 'src');
const objects = loadProjectObjects(projectFolder);
const REVIEW = '/app/site/hosting/scriptlet.nl?script=customscript_hwx_sl_variance_review&deploy=customdeploy_hwx_sl_variance_review';
const HEALTH = '/app/site/hosting/scriptlet.nl?script=customscript_hwx_sl_integration_health&deploy=customdeploy_hwx_sl_integration_health';
let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hwx-http-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

async function serve(role: string) {
  const account = initAccount(path.join(dir, 'account'), loadFixture(DEFAULT_FIXTURE));
  return { account, server: await startLocalServer({ account, projectFolder, objects, role }) };
}

describe('ns-local serve', () => {
  it('serves a Suitelet to its audience, with the units in a header, and refuses other roles', async () => {
    const { server } = await serve('customrole_hwx_integration_admin');
    try {
      const ok = await fetch(`${server.url}${HEALTH}`);
      expect(ok.status).toBe(200);
      expect(Number(ok.headers.get('x-ns-local-units'))).toBeGreaterThan(0);
      expect(await ok.text()).toContain('HotWax Integration Health');
      const refused = await fetch(`${server.url}${REVIEW}`);
      expect(refused.status).toBe(403);
      expect(await refused.text()).toContain('INSUFFICIENT_PERMISSION');
      expect(server.requests.map((r) => r.deployment)).toEqual(['customdeploy_hwx_sl_integration_health']);
    } finally {
      await server.close();
    }
  });

  it('refuses a deployment that is not deployed, and a Testing one to anyone but the owner', async () => {
    const { account, server } = await serve('customrole_hwx_accountant');
    try {
      const rec = account.listRecords('scriptdeployment').find((r) => r.fields.scriptid === 'customdeploy_hwx_sl_variance_review');
      expect(rec).toBeDefined();
      if (!rec) return;
      expect((await fetch(`${server.url}${REVIEW}`)).status).toBe(200);
      rec.fields.status = 'TESTING';
      expect((await fetch(`${server.url}${REVIEW}`)).status).toBe(403);
      rec.fields.status = 'RELEASED';
      rec.fields.isdeployed = false;
      expect((await fetch(`${server.url}${REVIEW}`)).status).toBe(403);
    } finally {
      await server.close();
    }
  });

  it('opens records as pages and answers unknown pages with 404', async () => {
    const { account, server } = await serve('administrator');
    try {
      const loc = account.listRecords('location')[0];
      const res = await fetch(`${server.url}/app/common/otherlists/locationtype.nl?id=${String(loc?.id)}`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain(String(loc?.fields.name));
      expect((await fetch(`${server.url}/app/accounting/transactions/invadjst.nl?id=999999999`)).status).toBe(404);
      expect((await fetch(`${server.url}/nope`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});

describe('TRUNC in formulas (Oracle SQL TRUNC)', () => {
  const day = (iso: string): number => Math.round(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);
  const run = (formula: string, iso: string): unknown => compileFormula(formula, () => () => ({ day: day(iso) }), (d) => String(d))({} as Row);
  it("TRUNC(date, 'IW') is the Monday of the ISO week; 'MM' the first of the month; numbers truncate", () => {
    expect(run("TRUNC({trandate}, 'IW')", '2026-11-29')).toEqual({ day: day('2026-11-23') });
    expect(run("TRUNC({trandate}, 'IW')", '2026-11-23')).toEqual({ day: day('2026-11-23') });
    expect(run("TRUNC({trandate}, 'IW')", '1969-12-31')).toEqual({ day: day('1969-12-29') });
    expect(run("TRUNC({trandate}, 'MM')", '2024-02-29')).toEqual({ day: day('2024-02-01') });
    expect(run('TRUNC(-2.7)', '2024-01-01')).toBe(-2);
    expect(run("TRUNC({trandate}, 'YYYY')", '2024-02-29')).toBeNull();
  });
});
