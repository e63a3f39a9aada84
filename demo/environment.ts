// A local stand-in for "a NetSuite account plus HotWax's SFTP server": an emulated account created from
// a fixture, and the embedded SFTP server running as its own process on a free loopback port, wired
// together through the HotWax SFTP Configuration record, an API secret and the server's pinned host key.
// Used by the main job (npm start), the integration tests and the benchmarks.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Account } from '../runtime/account/account';
import { initAccount, loadFixture, type AccountFixture } from '../runtime/account/fixture';
import { startSftpServerProcess } from '../runtime/sftp/server-process';
import { runPendingTasks, runScript, type FullRunSummary, type RunOptions, type TaskRunReport } from '../runtime/engines/scriptRunner';
import { loadProjectObjects, type ProjectObjects } from '../runtime/objects';
import { projectRoot } from '../runtime/paths';
import { EMBEDDED_SFTP_PASSWORD, EMBEDDED_SFTP_USER } from '../runtime/sftp/defaults';
import { ChangeJournal, type ExecutionEnv } from '../runtime/context';
import { GovernanceMeter } from '../runtime/engines/governance';
import { createRecordModule, type RecordModule } from '../runtime/modules/record';

/** The embedded server's default login (runtime/sftp/defaults.ts). */
export const SFTP_USER = EMBEDDED_SFTP_USER;
export const SFTP_PASSWORD = EMBEDDED_SFTP_PASSWORD;
export const SFTP_SECRET_ID = 'custsecret_hwx_sftp_password';
/** HotWax's documented layout: one base directory, a sub-folder per flow (HOTWAX.md). */
export const SFTP_BASE_DIR = '/home/hotwax/netsuite/';

export const DEFAULT_FIXTURE = path.join(projectRoot(), 'demo', 'fixtures', 'store-day.json');

export interface LocalEnvironment {
  dir: string;
  accountDir: string;
  sftpRoot: string;
  /** Local folder that the SFTP base directory maps to. */
  baseDir: string;
  projectFolder: string;
  objects: ProjectObjects;
  sftp: { host: string; port: number; hostKey: { type: string; base64: string }; pid: number };
  /** Opens the account fresh from disk (each `run` saves it). */
  account(): Account;
  run(scriptId: string, options?: Partial<Omit<RunOptions, 'account' | 'projectFolder' | 'scriptId'>>): Promise<FullRunSummary>;
  runTasks(): Promise<TaskRunReport[]>;
  /** Writes a file into a flow folder as HotWax would (e.g. 'inventoryadjustment/csv', 'x.csv'). */
  dropFile(folder: string, name: string, contents: string | Buffer): void;
  listFolder(folder: string): string[];
  /** Stops the SFTP server (HotWax's server is down or the connection drops). */
  stopSftp(): Promise<void>;
  /** Starts it again on a new port with the same root and host key, and updates the configuration record. */
  restartSftp(): Promise<void>;
  readFile(folder: string, name: string): string;
  stop(): Promise<void>;
}

/** Adds the SFTP configuration record and API secret that point the account at the running server. */
export function withSftpConfiguration(fixture: AccountFixture, server: { host: string; port: number; hostKey: { type: string; base64: string } }): AccountFixture {
  return {
    ...fixture,
    secrets: { ...(fixture.secrets ?? {}), [SFTP_SECRET_ID]: { password: SFTP_PASSWORD } },
    customRecords: {
      ...(fixture.customRecords ?? {}),
      customrecord_hwx_sftp_config: [
        {
          name: 'HotWax SFTP (local)',
          custrecord_hwx_sftp_host: server.host,
          custrecord_hwx_sftp_port: server.port,
          custrecord_hwx_sftp_username: SFTP_USER,
          custrecord_hwx_sftp_secret: SFTP_SECRET_ID,
          custrecord_hwx_sftp_key_id: '',
          custrecord_hwx_sftp_host_key: server.hostKey.base64,
          custrecord_hwx_sftp_host_key_type: server.hostKey.type,
          custrecord_hwx_sftp_base_dir: SFTP_BASE_DIR,
          custrecord_hwx_sftp_timeout: 20,
        },
      ],
    },
  };
}

export async function startLocalEnvironment(options: { fixture?: AccountFixture; dir?: string; now?: () => Date } = {}): Promise<LocalEnvironment> {
  const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'hwx-local-'));
  const sftpRoot = path.join(dir, 'sftp');
  const baseDir = path.join(sftpRoot, SFTP_BASE_DIR);
  fs.mkdirSync(baseDir, { recursive: true });
  const serverOptions = {
    root: sftpRoot,
    port: 0,
    users: [{ username: SFTP_USER, password: SFTP_PASSWORD }],
    hostKeyFile: path.join(dir, 'sftp-host-key.pem'),
  };
  let server = await startSftpServerProcess(serverOptions);
  let serverRunning = true;
  const accountDir = path.join(dir, 'account');
  const fixture = withSftpConfiguration(options.fixture ?? loadFixture(DEFAULT_FIXTURE), server);
  initAccount(accountDir, fixture);
  const projectFolder = path.join(projectRoot(), 'src');
  const objects = loadProjectObjects(projectFolder);
  const folderPath = (folder: string): string => path.join(baseDir, folder);

  const env: LocalEnvironment = {
    dir,
    accountDir,
    sftpRoot,
    baseDir,
    projectFolder,
    objects,
    sftp: { host: server.host, port: server.port, hostKey: server.hostKey, pid: server.pid },
    account: () => Account.open(accountDir),
    async run(scriptId, runOptions = {}) {
      const account = Account.open(accountDir);
      const summary = await runScript({ account, projectFolder, objects, scriptId, ...(options.now ? { now: options.now } : {}), ...runOptions });
      account.save();
      return summary;
    },
    async runTasks() {
      const account = Account.open(accountDir);
      const reports = await runPendingTasks({ account, projectFolder, objects, ...(options.now ? { now: options.now } : {}) });
      account.save();
      return reports;
    },
    dropFile(folder, name, contents) {
      fs.mkdirSync(folderPath(folder), { recursive: true });
      // Write then rename, as an SFTP client finishing an upload would: a reader never sees half a file.
      const tmp = path.join(folderPath(folder), `.${name}.part`);
      fs.writeFileSync(tmp, contents);
      fs.renameSync(tmp, path.join(folderPath(folder), name));
    },
    listFolder(folder) {
      const full = folderPath(folder);
      return fs.existsSync(full) ? fs.readdirSync(full).filter((n) => !n.startsWith('.')).sort() : [];
    },
    readFile(folder, name) {
      return fs.readFileSync(path.join(folderPath(folder), name), 'utf8');
    },
    async stopSftp() {
      if (serverRunning) await server.close();
      serverRunning = false;
    },
    async restartSftp() {
      if (serverRunning) await server.close();
      server = await startSftpServerProcess(serverOptions);
      serverRunning = true;
      env.sftp = { host: server.host, port: server.port, hostKey: server.hostKey, pid: server.pid };
      const account = Account.open(accountDir);
      for (const config of account.listRecords('customrecord_hwx_sftp_config')) {
        account.replaceRecord({ ...config, fields: { ...config.fields, custrecord_hwx_sftp_port: server.port } });
      }
      account.save();
    },
    async stop() {
      if (serverRunning) await server.close();
      serverRunning = false;
    },
  };
  return env;
}

/**
 * An execution environment over the environment's account for code that acts as a NetSuite user in the UI (a
 * warehouse creating a transfer order, an admin editing a record): the emulated N/* modules with no governance
 * limit. Save the account afterwards (asNetSuiteUser does).
 */
export function userExecutionEnv(env: LocalEnvironment): ExecutionEnv {
  const meter = new GovernanceMeter(Number.MAX_SAFE_INTEGER);
  return {
    account: env.account(),
    projectFolder: env.projectFolder,
    script: { scriptId: 'customscript_ui', deploymentId: 'customdeploy_ui', objectType: 'scheduledscript', params: {}, logLevel: 'DEBUG', invocationType: 'ON_DEMAND' },
    executionContext: 'USERINTERFACE',
    executionId: 'ui',
    meter: () => meter,
    journal: new ChangeJournal(),
    tasks: { enqueue: () => 'task-ui' },
    now: () => new Date(),
  };
}

/** Runs `fn` with the emulated N/record as a NetSuite user would, then saves the account. */
export function asNetSuiteUser<T>(env: LocalEnvironment, fn: (record: RecordModule) => T): T {
  const exec = userExecutionEnv(env);
  const out = fn(createRecordModule(exec));
  exec.account.save();
  return out;
}
