// demo/environment.ts's LocalEnvironment, with Debian's real sshd (./sshd.ts) in place of the embedded SFTP
// server: the same emulated account and helpers, so the flow tests' fixtures and assertions apply unchanged.
// The HotWax SFTP Configuration record points at sshd (its port, the test user, the pinned host key read
// from the key file and checked against ssh-keyscan) and the account holds the user's credentials as an
// API secret (password) and an SSH key (keyId), as an admin would set them up (NETSUITE.md 1.1-1.3).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_FIXTURE, SFTP_BASE_DIR, SFTP_SECRET_ID, withSftpConfiguration, type LocalEnvironment } from '../../demo/environment';
import { Account } from '../../runtime/account/account';
import { initAccount, loadFixture, type AccountFixture } from '../../runtime/account/fixture';
import { runPendingTasks, runScript } from '../../runtime/engines/scriptRunner';
import { loadProjectObjects } from '../../runtime/objects';
import { projectRoot } from '../../runtime/paths';
import { chownTree, keyscan, makeServerDir, startOpenSsh, type OpenSshServer } from './sshd';

/**
 * Script id of the SSH key the configuration record names for key login: a PEM private key uploaded at
 * Setup > Company > Keys, whose script id NetSuite prefixes with 'custkey' (Oracle help: sftp.createConnection
 * options.keyId; keyControl.createKey options.scriptId); its public half sits in the server's authorized keys.
 */
export const SFTP_KEY_ID = 'custkey_hwx_sftp_openssh';

/** How the configuration record logs in: API secret only, SSH key only, or both (two-factor). */
export type SftpAuth = 'password' | 'key' | 'both';

export interface OpenSshEnvironment extends LocalEnvironment {
  openssh: OpenSshServer;
}

/** Points the configuration record at `server` and stores its credentials in the account. */
export function withOpenSshConfiguration(fixture: AccountFixture, server: OpenSshServer, auth: SftpAuth, hostKey = server.hostKey): AccountFixture {
  const configured = withSftpConfiguration(fixture, { host: server.host, port: server.port, hostKey });
  const [config, ...others] = configured.customRecords?.customrecord_hwx_sftp_config ?? [];
  if (config === undefined || others.length > 0) throw new Error('expected exactly one SFTP configuration record');
  return {
    ...configured,
    secrets: { ...configured.secrets, [SFTP_SECRET_ID]: { password: server.password }, [SFTP_KEY_ID]: { privateKey: server.clientKey.privatePem } },
    customRecords: {
      ...configured.customRecords,
      customrecord_hwx_sftp_config: [
        {
          ...config,
          name: 'HotWax SFTP (OpenSSH, local)',
          custrecord_hwx_sftp_username: server.user,
          custrecord_hwx_sftp_secret: auth === 'key' ? '' : SFTP_SECRET_ID,
          custrecord_hwx_sftp_key_id: auth === 'password' ? '' : SFTP_KEY_ID,
        },
      ],
    },
  };
}

export async function startOpenSshEnvironment(options: { fixture?: AccountFixture; auth?: SftpAuth; now?: () => Date } = {}): Promise<OpenSshEnvironment> {
  // Root-owned 0755 all the way up: the SFTP root below it is sshd's ChrootDirectory.
  const dir = makeServerDir('env');
  const sftpRoot = path.join(dir, 'sftp');
  fs.mkdirSync(sftpRoot, { mode: 0o755 });
  const baseDir = path.join(sftpRoot, SFTP_BASE_DIR);
  fs.mkdirSync(baseDir, { recursive: true, mode: 0o755 });
  let server = await startOpenSsh({ root: sftpRoot });
  // HotWax owns its base directory; the chroot above it stays root's (sshd refuses it otherwise).
  const giveToUser = (): void => chownTree(baseDir, server.uid, server.gid);
  giveToUser();
  // The pinned key is the one ssh-keyscan prints (README "After deploying", step 2).
  const hostKey = { ...server.hostKey, base64: keyscan(server, server.hostKey.type) };

  const accountDir = path.join(dir, 'account');
  initAccount(accountDir, withOpenSshConfiguration(options.fixture ?? loadFixture(DEFAULT_FIXTURE), server, options.auth ?? 'password', hostKey));
  const projectFolder = path.join(projectRoot(), 'src');
  const objects = loadProjectObjects(projectFolder);
  const folderPath = (folder: string): string => path.join(baseDir, folder);
  const now = options.now ? { now: options.now } : {};
  let running = true;
  const stopServer = async (): Promise<void> => {
    if (running) await server.close();
    running = false;
  };

  const env: OpenSshEnvironment = {
    dir,
    accountDir,
    sftpRoot,
    baseDir,
    projectFolder,
    objects,
    openssh: server,
    sftp: { host: server.host, port: server.port, hostKey, pid: server.pid },
    account: () => Account.open(accountDir),
    async run(scriptId, runOptions = {}) {
      giveToUser();
      const account = Account.open(accountDir);
      const summary = await runScript({ account, projectFolder, objects, scriptId, ...now, ...runOptions });
      account.save();
      return summary;
    },
    async runTasks() {
      giveToUser();
      const account = Account.open(accountDir);
      const reports = await runPendingTasks({ account, projectFolder, objects, ...now });
      account.save();
      return reports;
    },
    dropFile(folder, name, contents) {
      fs.mkdirSync(folderPath(folder), { recursive: true });
      const tmp = path.join(folderPath(folder), `.${name}.part`);
      fs.writeFileSync(tmp, contents);
      fs.renameSync(tmp, path.join(folderPath(folder), name));
      giveToUser();
    },
    listFolder(folder) {
      const full = folderPath(folder);
      return fs.existsSync(full) ? fs.readdirSync(full).filter((n) => !n.startsWith('.')).sort() : [];
    },
    readFile(folder, name) {
      return fs.readFileSync(path.join(folderPath(folder), name), 'utf8');
    },
    stopSftp: stopServer,
    async restartSftp() {
      // A new sshd has new host keys: the record gets the new port and the new pinned key.
      await stopServer();
      server = await startOpenSsh({ root: sftpRoot });
      running = true;
      env.openssh = server;
      env.sftp = { host: server.host, port: server.port, hostKey: server.hostKey, pid: server.pid };
      const account = Account.open(accountDir);
      for (const config of account.listRecords('customrecord_hwx_sftp_config')) {
        account.replaceRecord({ ...config, fields: { ...config.fields, custrecord_hwx_sftp_port: server.port, custrecord_hwx_sftp_host_key: server.hostKey.base64 } });
      }
      account.save();
    },
    async stop() {
      await stopServer();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return env;
}

/** Replaces the pinned host key of every configuration record (an admin pasting the wrong key). */
export function pinHostKey(env: LocalEnvironment, base64: string, type: string): void {
  const account = env.account();
  for (const config of account.listRecords('customrecord_hwx_sftp_config')) {
    account.replaceRecord({ ...config, fields: { ...config.fields, custrecord_hwx_sftp_host_key: base64, custrecord_hwx_sftp_host_key_type: type } });
  }
  account.save();
}
