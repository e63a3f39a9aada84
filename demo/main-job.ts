// The main job (`npm start`): one store day end to end on embedded defaults (demo/store-day.ts).
// Starts the embedded SFTP server on a free loopback port and an emulated account from
// demo/fixtures/store-day.json, plays the day, prints the report, and leaves the account and SFTP
// folders in .ns-local/store-day for inspection. Exits non-zero when a step fails.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startLocalEnvironment } from './environment';
import { formatStoreDayReport, playStoreDay, storeDayFixture } from './store-day';
import { projectRoot } from '../runtime/paths';

const OUT = path.join(projectRoot(), '.ns-local', 'store-day');

async function main(): Promise<number> {
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.mkdirSync(OUT, { recursive: true });
  const progress = (text: string): void => {
    process.stderr.write(`• ${text}\n`);
  };
  progress('starting the embedded SFTP server and creating the emulated account');
  const env = await startLocalEnvironment({ dir: OUT, fixture: storeDayFixture() });
  try {
    const report = await playStoreDay(env, progress);
    process.stdout.write(`${formatStoreDayReport(report, env)}\n`);
    return report.failed ? 1 : 0;
  } finally {
    await env.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`main job failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
