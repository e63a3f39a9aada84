// A private OpenSSH server for the tests: Debian's /usr/sbin/sshd, started in the foreground (-D -e) on a
// free 127.0.0.1 port with its own config file, its own RSA and ECDSA host keys (NetSuite lists RSA, DSA and
// ECDSA host keys, not ed25519: NETSUITE.md 1.3), `Subsystem sftp internal-sftp` forced for everyone, and
// ChrootDirectory on the test's SFTP root. Nothing of the system's sshd (/etc/ssh) is used.
//
// Authentication: one dedicated system user (TEST_USER, no home, shell nologin) created on first use.
// Both methods work: public key (a key generated per server, listed in the server's own AuthorizedKeysFile)
// and password (UsePAM no: sshd checks the shadow hash; a random password kept root-only in STATE_DIR,
// set once under a lock so parallel suites agree on it).
//
// Needs root (chroot, privilege separation) and OpenSSH (tools/ensure-test-deps.sh, run by `npm test`).
// The server is a child of the test process with a parent-death signal (setpriv --pdeathsig): a test
// process that dies takes its sshd with it; `close()` stops it normally.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

export const SSHD = '/usr/sbin/sshd';
export const TEST_USER = 'hwx-sftp-test';
/**
 * Server folders live here, not in os.tmpdir(): sshd accepts a ChrootDirectory only when it and every
 * folder above it are owned by root and not writable by group or others (sshd_config(5)), and /tmp is 1777.
 */
export const STATE_DIR = process.env.HWX_OPENSSH_DIR ?? '/run/hwx-openssh-test';

const NEEDED = [SSHD, '/usr/bin/ssh-keygen', '/usr/bin/ssh-keyscan', '/usr/sbin/useradd', '/usr/sbin/chpasswd', '/usr/bin/setpriv', '/usr/bin/flock'];
const START_TIMEOUT_MS = 15000;
const STOP_TIMEOUT_MS = 5000;

export interface SshHostKey {
  type: 'rsa' | 'ecdsa';
  /** The SSH key type name ('ssh-rsa', 'ecdsa-sha2-nistp256'). */
  sshType: string;
  /** The third field of an OpenSSH .pub line (what ssh-keyscan prints), what NetSuite pins. */
  base64: string;
}

export interface OpenSshServer {
  host: '127.0.0.1';
  port: number;
  pid: number;
  /** The chroot: what the SFTP user sees as '/'. */
  root: string;
  /** This server's private folder (config, keys, log). */
  dir: string;
  user: string;
  password: string;
  uid: number;
  gid: number;
  /** The client key the server accepts for `user`: PEM private key and OpenSSH public line. */
  clientKey: { privatePem: string; publicOpenSsh: string };
  hostKeys: { rsa: SshHostKey; ecdsa: SshHostKey };
  /** The key the tests pin by default (ECDSA, like the embedded server). */
  hostKey: SshHostKey;
  /** sshd's log so far (its stderr). */
  log(): string;
  close(): Promise<void>;
}

/** Throws an actionable error when this machine cannot run the real-sshd tests. */
export function requireOpenSsh(): void {
  const missing = NEEDED.filter((f) => {
    try {
      fs.accessSync(f, fs.constants.X_OK);
      return false;
    } catch {
      return true;
    }
  });
  if (missing.length > 0) {
    throw new Error(`OpenSSH test dependencies are missing (${missing.join(', ')}): run \`bash tools/ensure-test-deps.sh\` as root (npm test does), or apt-get install -y --no-install-recommends openssh-server openssh-sftp-server`);
  }
  if (process.getuid?.() !== 0) throw new Error('the OpenSSH integration tests start sshd with ChrootDirectory and need root');
}

function mkdirRootOnly(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
  fs.chownSync(dir, 0, 0);
  fs.chmodSync(dir, 0o755);
}

const OWNER_FILE = '.owner-pid';

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes folders left by test processes that were killed before their cleanup ran. */
function removeOrphans(): void {
  for (const name of fs.readdirSync(STATE_DIR)) {
    const dir = path.join(STATE_DIR, name);
    let owner: number;
    try {
      owner = Number(fs.readFileSync(path.join(dir, OWNER_FILE), 'utf8'));
    } catch {
      continue;
    }
    if (Number.isInteger(owner) && owner > 0 && !processAlive(owner)) fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Creates a fresh folder under STATE_DIR, owned by root, mode 0755 (usable as, or above, a ChrootDirectory). */
export function makeServerDir(prefix: string): string {
  mkdirRootOnly(STATE_DIR);
  removeOrphans();
  const dir = fs.mkdtempSync(path.join(STATE_DIR, `${prefix}-`));
  fs.chmodSync(dir, 0o755);
  fs.writeFileSync(path.join(dir, OWNER_FILE), String(process.pid));
  return dir;
}

/** sshd's rule for a ChrootDirectory, checked up front for a readable error instead of a refused login. */
function assertChrootable(dir: string): void {
  let probe = path.resolve(dir);
  for (;;) {
    const st = fs.statSync(probe);
    if (!st.isDirectory() || st.uid !== 0 || (st.mode & 0o022) !== 0) {
      throw new Error(`${probe} cannot be (above) an sshd ChrootDirectory: it must be a root-owned folder not writable by group or others (use makeServerDir)`);
    }
    const parent = path.dirname(probe);
    if (parent === probe) return;
    probe = parent;
  }
}

interface TestAccount {
  uid: number;
  gid: number;
  password: string;
}

let account: TestAccount | undefined;

/**
 * The dedicated SFTP user, created once, with a password kept in STATE_DIR (0600). Under flock, so parallel
 * jest workers neither race useradd nor reset each other's password; the password is set again only when
 * the shadow entry no longer holds the hash this script set (e.g. the user was re-created).
 */
function testAccount(): TestAccount {
  if (account !== undefined) return account;
  mkdirRootOnly(STATE_DIR);
  const script = `
set -eu
user="$1"; dir="$2"
if ! id -u "$user" >/dev/null 2>&1; then
  useradd --system --user-group --no-create-home --home-dir / --shell /usr/sbin/nologin --comment "HotWax SFTP tests (sshd on loopback only)" "$user"
fi
current="$(getent shadow "$user" | cut -d: -f2)"
if [ ! -s "$dir/password" ] || [ ! -s "$dir/password.hash" ] || [ "$(cat "$dir/password.hash")" != "$current" ]; then
  umask 077
  head -c 18 /dev/urandom | base64 | tr '+/' '-_' > "$dir/password.new"
  printf '%s:%s\\n' "$user" "$(cat "$dir/password.new")" | chpasswd
  mv -f "$dir/password.new" "$dir/password"
  getent shadow "$user" | cut -d: -f2 > "$dir/password.hash"
fi
printf '%s %s\\n' "$(id -u "$user")" "$(id -g "$user")"
`;
  const out = execFileSync('/usr/bin/flock', [path.join(STATE_DIR, '.account.lock'), 'sh', '-c', script, 'sh', TEST_USER, STATE_DIR], { encoding: 'utf8' });
  const [uid, gid] = out.trim().split(/\s+/).map(Number);
  if (uid === undefined || gid === undefined || !Number.isInteger(uid) || !Number.isInteger(gid)) throw new Error(`cannot read the ids of ${TEST_USER}: ${out}`);
  account = { uid, gid, password: fs.readFileSync(path.join(STATE_DIR, 'password'), 'utf8').trim() };
  return account;
}

function keygen(file: string, type: 'rsa' | 'ecdsa'): void {
  const bits = type === 'rsa' ? '2048' : '256';
  // -m PEM: the traditional PEM a NetSuite key store and ssh2 both read.
  execFileSync('/usr/bin/ssh-keygen', ['-q', '-t', type, '-b', bits, '-m', 'PEM', '-N', '', '-C', '', '-f', file], { stdio: 'ignore' });
}

function readPub(file: string, type: 'rsa' | 'ecdsa'): SshHostKey {
  const [sshType = '', base64 = ''] = fs.readFileSync(file, 'utf8').trim().split(/\s+/);
  return { type, sshType, base64 };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function sshdConfig(o: { port: number; dir: string; root: string }): string {
  return `# Written by __tests__/openssh/sshd.ts: a private sshd for one test suite.
Port ${o.port}
ListenAddress 127.0.0.1
AddressFamily inet
HostKey ${o.dir}/ssh_host_rsa_key
HostKey ${o.dir}/ssh_host_ecdsa_key
PidFile none
LogLevel VERBOSE
UsePAM no
UseDNS no
PermitRootLogin no
AllowUsers ${TEST_USER}
StrictModes yes
PubkeyAuthentication yes
AuthorizedKeysFile ${o.dir}/authorized_keys
PasswordAuthentication yes
PermitEmptyPasswords no
KbdInteractiveAuthentication no
AuthenticationMethods any
PrintMotd no
X11Forwarding no
AllowTcpForwarding no
AllowAgentForwarding no
AllowStreamLocalForwarding no
PermitTunnel no
PermitUserRC no
MaxStartups 100:30:200
LoginGraceTime 30
Subsystem sftp internal-sftp
ChrootDirectory ${o.root}
ForceCommand internal-sftp
`;
}

function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Starts sshd on a free port; a port taken between the probe and sshd's bind is retried. */
export async function startOpenSsh(options: { root?: string } = {}): Promise<OpenSshServer> {
  requireOpenSsh();
  const { uid, gid, password } = testAccount();
  // sshd's privilege-separation folder (Debian's unit creates it; here nothing else does).
  fs.mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  fs.chmodSync('/run/sshd', 0o755);

  const dir = makeServerDir('sshd');
  const ownRoot = options.root === undefined;
  const root = options.root ?? path.join(dir, 'root');
  if (ownRoot) mkdirRootOnly(root);
  assertChrootable(root);
  keygen(path.join(dir, 'ssh_host_rsa_key'), 'rsa');
  keygen(path.join(dir, 'ssh_host_ecdsa_key'), 'ecdsa');
  keygen(path.join(dir, 'client_key'), 'rsa');
  const publicOpenSsh = fs.readFileSync(path.join(dir, 'client_key.pub'), 'utf8').trim();
  fs.writeFileSync(path.join(dir, 'authorized_keys'), `${publicOpenSsh}\n`, { mode: 0o644 });
  const clientKey = { privatePem: fs.readFileSync(path.join(dir, 'client_key'), 'utf8'), publicOpenSsh };
  const hostKeys = { rsa: readPub(path.join(dir, 'ssh_host_rsa_key.pub'), 'rsa'), ecdsa: readPub(path.join(dir, 'ssh_host_ecdsa_key.pub'), 'ecdsa') };
  const logFile = path.join(dir, 'sshd.log');
  const configFile = path.join(dir, 'sshd_config');

  let lastError = '';
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    fs.writeFileSync(configFile, sshdConfig({ port, dir, root }), { mode: 0o644 });
    fs.writeFileSync(logFile, '');
    // stderr goes to a file, not a pipe: a test thread blocked in the synchronous SFTP bridge must never
    // leave sshd stuck on a full pipe.
    const logFd = fs.openSync(logFile, 'a');
    const child = spawn('/usr/bin/setpriv', ['--pdeathsig', 'TERM', '--', SSHD, '-D', '-e', '-f', configFile], { stdio: ['ignore', 'ignore', logFd] });
    fs.closeSync(logFd);
    const log = (): string => fs.readFileSync(logFile, 'utf8');
    const listening = new RegExp(`Server listening on 127\\.0\\.0\\.1 port ${port}\\b`);
    const started = Date.now();
    let ready = false;
    while (Date.now() - started < START_TIMEOUT_MS) {
      if (listening.test(log())) {
        ready = true;
        break;
      }
      if (child.exitCode !== null || child.signalCode !== null) break;
      await sleep(20);
    }
    if (!ready) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await waitForExit(child);
      lastError = log().trim();
      if (/Address already in use|Cannot bind any address/.test(lastError)) continue;
      break;
    }
    let stopping: Promise<void> | undefined;
    const close = (): Promise<void> => {
      stopping ??= (async () => {
        const exited = waitForExit(child);
        child.kill('SIGTERM');
        const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), STOP_TIMEOUT_MS).unref());
        if ((await Promise.race([exited, timeout])) === 'timeout') {
          child.kill('SIGKILL');
          await exited;
        }
        fs.rmSync(dir, { recursive: true, force: true });
      })();
      return stopping;
    };
    return { host: '127.0.0.1', port, pid: child.pid ?? -1, root, dir, user: TEST_USER, password, uid, gid, clientKey, hostKeys, hostKey: hostKeys.ecdsa, log, close };
  }
  fs.rmSync(dir, { recursive: true, force: true });
  throw new Error(`sshd did not start: ${lastError || 'no output'}`);
}

/** `ssh-keyscan -t <type> -p <port> 127.0.0.1`, as an admin would get the key to pin (NETSUITE.md 1.3): the base64 field. */
export function keyscan(server: { host: string; port: number }, type: 'rsa' | 'ecdsa'): string {
  const out = execFileSync('/usr/bin/ssh-keyscan', ['-T', '5', '-t', type, '-p', String(server.port), server.host], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const line = out.split('\n').find((l) => l.trim() !== '' && !l.startsWith('#'));
  const base64 = line?.trim().split(/\s+/)[2];
  if (base64 === undefined) throw new Error(`ssh-keyscan printed no ${type} key for ${server.host}:${server.port}`);
  return base64;
}

/** Gives a local tree to the SFTP user (files the tests write as root must be movable by the user). */
export function chownTree(target: string, uid: number, gid: number): void {
  let st: fs.Stats;
  try {
    st = fs.lstatSync(target);
  } catch {
    return;
  }
  if (st.uid !== uid || st.gid !== gid) fs.lchownSync(target, uid, gid);
  if (st.isDirectory()) for (const name of fs.readdirSync(target)) chownTree(path.join(target, name), uid, gid);
}
