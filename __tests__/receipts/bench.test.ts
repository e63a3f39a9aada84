// The receipt benchmark itself (bench/receipts.ts) runs and stays within the Map/Reduce limits per invocation.
import { benchReceipts } from '../../bench/receipts';

it('benchReceipts builds POs through the fixture API, receives one file of N entries and reports units per stage', async () => {
  const [result] = await benchReceipts([30]);
  expect(result?.entries).toBe(30);
  expect(result?.receiptsCreated).toBe(30);
  expect(Object.keys(result?.units ?? {})).toEqual(['getInputData', 'map', 'reduce', 'summarize']);
  for (const stage of Object.values(result?.units ?? {})) expect(stage.maxPerInvocation).toBeLessThanOrEqual(stage.limitPerInvocation);
  // One reduce invocation per PO (plus one for the file): load 10, search 5, transform 10, save 20.
  expect(result?.units.reduce?.invocations).toBe(31);
  expect(result?.units.reduce?.maxPerInvocation).toBeLessThanOrEqual(50);
  expect(result?.wallMs).toBeGreaterThan(0);
  expect(result?.peakRssMb).toBeGreaterThan(0);
});
