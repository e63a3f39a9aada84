// The variance review on a generated account of a year of variance lines at a 50-store retailer (1,000,000 lines,
// the scale; DESK_SCALE_LINES / DESK_SCALE_STORES make it smaller; bench/desk.ts posts them through the
// Account API), in Chromium: the figures the page shows, after filtering, on the drill-down
// and in the CSV export, are the account's records summed here independently (store and sign of each line as
// docs/desk.md defines them, value = units × average cost, else purchase price, else 0).
import * as fs from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { addVarianceLines, deskBenchFixture, DESK_REVIEW, VARIANCE_LOCATIONS } from '../../bench/desk';
import { startDesk } from '../../demo/desk';
import { startLocalEnvironment, type LocalEnvironment } from '../../demo/environment';
import type { Account } from '../../runtime/account/account';
import type { LocalServer } from '../../runtime/http/server';

const STORES = Number(process.env.DESK_SCALE_STORES ?? 50);
const ITEMS = 500;
const FROM = '2026-11-01';
const TO = '2026-11-30';

let env: LocalEnvironment;
let server: LocalServer;
let browser: Browser;
let page: Page;

interface Posted {
  store: string;
  reason: string;
  units: number;
  value: number;
  id: number;
  lines: number;
}

/** Every variance transaction of the period, per (store, reason), signed and valued from the records. */
function postedInPeriod(account: Account): Posted[] {
  const cost = new Map<string, number>();
  for (const item of account.listRecords('inventoryitem')) cost.set(String(item.id), Number(item.fields.averagecost ?? item.fields.cost ?? 0));
  const variance = new Set(Object.values(VARIANCE_LOCATIONS).map(String));
  const out: Posted[] = [];
  for (const type of ['inventoryadjustment', 'inventorytransfer']) {
    for (const r of account.listRecords(type)) {
      const date = String(r.fields.trandate);
      if (date < FROM || date > TO) continue;
      const byReason = new Map<string, Posted>();
      for (const l of r.sublists.inventory ?? []) {
        if (!l.custcol_hwx_variance_id) continue;
        const q = Number(l.adjustqtyby);
        let store: string;
        let units: number;
        if (type === 'inventoryadjustment') [store, units] = [String(r.fields.adjlocation), q];
        else if (variance.has(String(r.fields.transferlocation))) [store, units] = [String(r.fields.location), -q];
        else [store, units] = [String(r.fields.transferlocation), q];
        const reason = typeof l.custcol_hwx_reason === 'string' && l.custcol_hwx_reason !== '' ? l.custcol_hwx_reason : 'Cycle count';
        const p = byReason.get(reason) ?? { store, reason, units: 0, value: 0, id: r.id, lines: 0 };
        p.units += units;
        p.value += units * (cost.get(String(l.item)) ?? 0);
        p.lines += 1;
        byReason.set(reason, p);
      }
      out.push(...byReason.values());
    }
  }
  return out;
}

const sum = (rows: Posted[]): { units: number; value: number; lines: number } => rows.reduce((a, r) => ({ units: a.units + r.units, value: a.value + r.value, lines: a.lines + r.lines }), { units: 0, value: 0, lines: 0 });
const num = (text: string | null): number => Number((text ?? '').replace(/,/g, '').replace('−', '-'));

beforeAll(async () => {
  env = await startLocalEnvironment({ fixture: deskBenchFixture({ stores: STORES, items: ITEMS }) });
  const account = env.account();
  addVarianceLines(account, { lines: Number(process.env.DESK_SCALE_LINES ?? 1_000_000), stores: STORES, items: ITEMS, days: 365, end: new Date('2026-11-30T12:00:00Z') });
  account.save();
  server = await startDesk(env, { role: 'customrole_hwx_accountant' });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await env?.stop();
  if (env) fs.rmSync(env.dir, { recursive: true, force: true });
});

describe('variance review at scale (20,000 lines, 10 stores, one year)', () => {
  it('shows per store and reason what the records sum to, names the largest Damaged loss, drills to its transactions and exports them', async () => {
    const posted = postedInPeriod(env.account());
    const stores = [...new Set(posted.map((p) => p.store))];
    expect(stores.length).toBe(STORES);

    await page.goto(`${server.url}${DESK_REVIEW}&from=${FROM}&to=${TO}`);
    for (const store of stores) {
      for (const reason of ['Damaged', 'Found', 'Cycle count']) {
        const expected = sum(posted.filter((p) => p.store === store && p.reason === reason));
        expect(num(await page.locator(`#matrix a.cell[data-store="${store}"][data-reason="${reason}"]`).textContent())).toBe(expected.units);
      }
    }

    // The worst Damaged store by value, found independently.
    const damagedValue = new Map<string, number>();
    for (const p of posted.filter((x) => x.reason === 'Damaged')) damagedValue.set(p.store, (damagedValue.get(p.store) ?? 0) + p.value);
    const [worst, worstValue] = [...damagedValue].sort((a, b) => a[1] - b[1])[0] ?? ['', 0];
    const worstLink = page.locator('a.worst[data-reason="Damaged"]');
    const line = await worstLink.locator('xpath=..').textContent();
    expect(line).toContain(`${worstValue.toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`);

    // Filter: that store, in value.
    await page.selectOption('select[name=store]', worst);
    await page.selectOption('select[name=measure]', 'value');
    await page.click('#apply');
    await page.waitForSelector('#matrix');
    await expect(page.locator('#matrix a.cell[data-reason="Damaged"]').count()).resolves.toBe(1);
    expect(num(await page.locator(`#matrix a.cell[data-store="${worst}"][data-reason="Damaged"]`).textContent())).toBeCloseTo(worstValue, 2);
    const others = stores.filter((s) => s !== worst);
    await expect(page.locator(`#matrix a.cell[data-store="${others[0] ?? ''}"]`).count()).resolves.toBe(0);

    // Export what is shown.
    const href = await page.locator('#export').getAttribute('href');
    const csv = await (await page.request.get(`${server.url}${href ?? ''}`)).text();
    const rows = csv.trim().split('\r\n').slice(1).map((r) => r.split(','));
    for (const reason of ['Damaged', 'Lost', 'Stolen', 'Found', 'Cycle count']) {
      const expected = sum(posted.filter((p) => p.store === worst && p.reason === reason));
      const row = rows.find((r) => r[1] === worst && r[2] === reason);
      expect(row).toBeDefined();
      expect(Number(row?.[3])).toBe(expected.units);
      expect(Number(row?.[4])).toBeCloseTo(expected.value, 2);
      expect(Number(row?.[6])).toBe(expected.lines);
    }
    expect(rows.every((r) => r[1] === worst)).toBe(true);

    // Drill down: the store's Damaged transfers, every one of them.
    await page.click(`#matrix a.cell[data-store="${worst}"][data-reason="Damaged"]`);
    await page.waitForSelector('#transactions');
    const ids: string[] = [];
    for (const a of await page.locator('#transactions a.tran').all()) ids.push((await a.getAttribute('data-id')) ?? '');
    const expectedIds = posted.filter((p) => p.store === worst && p.reason === 'Damaged').map((p) => String(p.id));
    expect([...ids].sort()).toEqual([...expectedIds].sort());
    for (const r of server.requests) expect(r.units).toBeLessThanOrEqual(1000);
  }, 300_000);
});
