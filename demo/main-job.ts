// The main job (`npm start`): one store day end to end on embedded defaults (demo/store-day.ts).
// Starts the embedded SFTP server on a free loopback port and an emulated account from
// demo/fixtures/store-day.json, plays the day, prints the report, and leaves the account and SFTP
// folders in .ns-local/store-day for inspection. Exits non-zero when a step fails.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startLocalEnvironment } from './environment';
import { deskUrls, startDesk } from './desk';
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
    const serve = process.argv.includes('--serve');
    const port = Number(process.env.NS_LOCAL_PORT ?? 8470);
    if (!serve) {
      process.stdout.write(`\nThe desk (NetSuite Suitelets) on this account: npm start -- --serve, then open http://127.0.0.1:${port}/\n`);
      return report.failed ? 1 : 0;
    }
    const server = await startDesk(env, { port, role: process.env.NS_LOCAL_ROLE ?? 'administrator', onRequest: (e) => process.stderr.write(`${e.method} ${e.deployment} ${e.status} ${e.units} units ${e.durationMs} ms${e.error ? ` ${e.error}` : ''}\n`) });
    process.stdout.write(`\nThe desk is running (role ${server.user.roleId}; Ctrl-C to stop):\n${deskUrls(server.url).map((u) => `  ${u.label}: ${u.url}`).join('\n')}\n`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await server.close();
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
