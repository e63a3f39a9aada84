// Runs the embedded SFTP server in a child process (the compiled serve-process.js). Tests and the
// synchronous bridge need this: the bridge blocks the calling thread with Atomics.wait.
import { fork, type ChildProcess } from 'node:child_process';
import { compiledPath } from '../paths';
import { USERS_ENV } from './serve-process';
import type { HostKeyInfo, RunningSftpServer, SftpServerOptions } from './server';

export interface SftpServerProcess extends RunningSftpServer {
  pid: number;
  kill(signal?: NodeJS.Signals): void;
}

const START_TIMEOUT_MS = 15000;
const STOP_TIMEOUT_MS = 5000;

function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

export function startSftpServerProcess(options: SftpServerOptions): Promise<SftpServerProcess> {
  const args = ['--root', options.root];
  if (options.host !== undefined) args.push('--host', options.host);
  if (options.port !== undefined) args.push('--port', String(options.port));
  if (options.hostKeyFile !== undefined) args.push('--host-key-file', options.hostKeyFile);
  const child = fork(compiledPath('runtime/sftp/serve-process.js'), args, {
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    execArgv: [],
    env: { ...process.env, [USERS_ENV]: JSON.stringify(options.users) },
  });

  return new Promise<SftpServerProcess>((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    let settled = false;
    const fail = (message: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${message}${stderr ? `: ${stderr.trim()}` : ''}`));
    };
    const timer = setTimeout(() => fail('SFTP server process did not start in time'), START_TIMEOUT_MS);
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      if (stderr.length < 8192) stderr += chunk;
    });
    child.once('error', (err) => fail(`cannot start the SFTP server process: ${err.message}`));
    child.once('exit', (code, signal) => fail(`SFTP server process exited early (${signal ?? `code ${String(code)}`})`));
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      if (settled) return;
      stdout += chunk;
      const newline = stdout.indexOf('\n');
      if (newline < 0) return;
      let info: { host: string; port: number; hostKey: HostKeyInfo };
      try {
        info = JSON.parse(stdout.slice(0, newline)) as typeof info;
      } catch {
        fail(`unexpected output from the SFTP server process: ${stdout.slice(0, newline)}`);
        return;
      }
      settled = true;
      clearTimeout(timer);
      // Do not keep the parent alive; the child exits on its own when the IPC channel closes.
      child.unref();
      child.channel?.unref();
      (child.stdout as unknown as { unref?: () => void } | null)?.unref?.();
      (child.stderr as unknown as { unref?: () => void } | null)?.unref?.();
      let stopping: Promise<void> | undefined;
      resolve({
        host: info.host,
        port: info.port,
        hostKey: info.hostKey,
        pid: child.pid ?? -1,
        kill: (signal: NodeJS.Signals = 'SIGTERM') => {
          child.kill(signal);
        },
        close: () => {
          stopping ??= (async () => {
            child.ref();
            const exited = waitForExit(child);
            child.kill('SIGTERM');
            const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), STOP_TIMEOUT_MS).unref());
            if ((await Promise.race([exited, timeout])) === 'timeout') {
              child.kill('SIGKILL');
              await exited;
            }
            child.unref();
          })();
          return stopping;
        },
      });
    });
  });
}
