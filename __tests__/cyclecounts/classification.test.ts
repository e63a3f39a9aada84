// Integration: the compiled classification Map/Reduce script through the local runtime, on the demo
// account with known costs and movement (cycleCountFixture).
import * as fs from 'node:fs';
import { startLocalEnvironment, type LocalEnvironment } from '../../demo/environment';
import { parseCsvWithLines } from '../../src/TypeScripts/hotwax_inventory/core/csv';
import { at, CLASSIFY, CLASSIFY_NOW, cycleCountFixture, fieldsOf, IDLE_ITEM, MONDAY, SOLD_OUT_ITEM } from './cycleCountFixture';

let env: LocalEnvironment;

afterEach(async () => {
  await env.stop();
  fs.rmSync(env.dir, { recursive: true, force: true });
});

/** The latest classification of a store: its record fields and item -> [class, computed, override, value]. */
function classification(store: string): { fields: Record<string, unknown>; items: Map<string, string[]> } {
  const account = env.account();
  const recs = account.listRecords('customrecord_hwx_cc_class').filter((r) => r.fields.custrecord_hwx_ccc_location === store);
  const latest = recs[recs.length - 1];
  if (!latest) throw new Error(`no classification for ${store}`);
  const fileId = Number(latest.fields.custrecord_hwx_ccc_file);
  const text = Buffer.from(account.readFile(fileId)).toString('utf8');
  const rows = parseCsvWithLines(text).records.map((r) => r.cells);
  return { fields: latest.fields, items: new Map(rows.map((c) => [c[0] ?? '', [c[2] ?? '', c[3] ?? '', c[4] ?? '', c[7] ?? '']])) };
}

describe('cycle count classification', () => {
  it('classifies store 254 A/B/C by consumption value (fulfillments, transfers out, adjustments down) x cost, with the 80/15/5 cut-offs', async () => {
    env = await startLocalEnvironment({ fixture: cycleCountFixture() });
    const run = await at(MONDAY, () => env.run(CLASSIFY, { deploymentId: CLASSIFY_NOW }));
    expect(run.status).toBe('COMPLETE');
    expect(run.errors).toEqual([]);
    const { fields, items } = classification('254');
    expect(items.get('3412')).toEqual(['A', 'A', 'F', '1000']);
    expect(items.get('3413')).toEqual(['B', 'B', 'F', '200']); // purchase price when there is no average cost
    expect(items.get('3414')).toEqual(['C', 'C', 'F', '50']); // the +30 adjustment is not consumption
    expect(items.get(String(SOLD_OUT_ITEM))).toEqual(['C', 'C', 'F', '0']);
    expect(items.get('3416')).toEqual(['C', 'C', 'F', '0']); // its sale was a year ago
    expect(items.has(String(IDLE_ITEM))).toBe(false); // neither stocked nor moved
    expect(fields).toMatchObject({ custrecord_hwx_ccc_items_a: 1, custrecord_hwx_ccc_items_b: 1, custrecord_hwx_ccc_items_c: 23, custrecord_hwx_ccc_value_a: 1000, custrecord_hwx_ccc_window: '2026-08-25 - 2026-11-23' });
    // Store 255 sold 500 of 3415: its own class A, whatever 254 did.
    expect(classification('255').items.get('3415')?.[0]).toBe('A');
    expect(classification('255').items.get('3412')?.[0]).toBe('C');
    // Only stores: the warehouse is on HotWax but is not classified.
    expect(fieldsOf(env, 'customrecord_hwx_cc_class').map((f) => f.custrecord_hwx_ccc_location).sort()).toEqual(['254', '255', '256']);
  });

  it('keeps an admin override on every recomputation, a store override beating an every-store one', async () => {
    env = await startLocalEnvironment({
      fixture: cycleCountFixture({
        overrides: [
          { item: 3414, cls: 'A' },
          { item: 3414, location: 256, cls: 'b' },
          { item: 3412, location: 254, cls: 'X' },
        ],
      }),
    });
    await at(MONDAY, () => env.run(CLASSIFY, { deploymentId: CLASSIFY_NOW }));
    await at('2026-11-30', () => env.run(CLASSIFY, { deploymentId: CLASSIFY_NOW }));
    const c254 = classification('254');
    expect(c254.items.get('3414')).toEqual(['A', 'C', 'T', '50']);
    expect(c254.items.get('3412')?.[0]).toBe('A'); // 'X' is not a class: reported, not applied
    expect(String(c254.fields.custrecord_hwx_ccc_message)).toContain('"X" is not A, B or C');
    expect(classification('256').items.get('3414')?.slice(0, 3)).toEqual(['B', 'C', 'T']);
    expect(fieldsOf(env, 'customrecord_hwx_cc_class')).toHaveLength(6);
  });
});
