// The receipt benchmark itself (bench/receipts.ts) runs and stays within the Map/Reduce limits per invocation.
import { benchReceipts, UNITS_PER_RECEIPT_TARGET } from '../../bench/receipts';

it('benchReceipts builds POs through the fixture API, receives one file of N entries and reports units per stage', async () => {
  const [result] = await benchReceipts([30]);
  expect(result?.entries).toBe(30);
  expect(result?.receiptsCreated).toBe(30);
  expect(Object.keys(result?.units ?? {})).toEqual(['getInputData', 'map', 'reduce', 'summarize']);
  for (const stage of Object.values(result?.units ?? {})) expect(stage.maxPerInvocation).toBeLessThanOrEqual(stage.limitPerInvocation);
  // One reduce invocation for the batch of 30 POs (plus one for the file): one External ID search (5), one
  // search for lines needing lot/serial numbers or bins (runPaged 5 + one page 5), then per receipt transform 10 + save 20.
  expect(result?.units.reduce?.invocations).toBe(2);
  expect(result?.units.reduce?.units).toBe(5 + 10 + 30 * 30);
  expect(result?.unitsPerReceipt).toBeLessThanOrEqual(UNITS_PER_RECEIPT_TARGET);
  expect(result?.target).toBe('<= 35');
  expect(result?.wallMs).toBeGreaterThan(0);
  expect(result?.peakRssMb).toBeGreaterThan(0);
});
